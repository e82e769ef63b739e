"""The overview's table: tab-separated lines -> mechanism rows with named cells.

One mechanism per line; header lines ("RCP\tYear founded\t…", "IRF 3\tYear\t…") set the column
layout, section lines ("II. Inter-regional forums …") the kind, region lines ("Region: Africa /
Afrique / África") the region; a row whose first cell is empty or "Comments:" continues the
row above. Trailing blank cells and spaces are layout, not data. Cells hold HTML fragments
(loaders.text.html_paragraphs reads them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.rejects import RejectLog
from loaders.text import clean_spaces, html_paragraphs, tab_cells

SOURCE = "iscm_overview.txt"

RCP_COLUMNS = ["name", "year", "participants", "observers", "secretariat", "areas", "priorities"]
IRF_COLUMNS = [
    "name",
    "year",
    "description",
    "participants",
    "meetings",
    "agreements",
    "secretariat",
    "areas",
    "priorities",
]
SECTION_KINDS = {"I": "RCP", "II": "IRF", "III": "Global"}
KIND_REGION = {"IRF": "Inter-regional", "Global": "Global"}

URL = re.compile(r"(https?://[^\s<>\"]+|www\.[^\s<>\"]+)", re.I)


@dataclass
class Row:
    """One mechanism's table row: its source line, kind, region, cells by column name, and
    the header row's words for each column ("Secretariat", "Contact", …)."""

    line: int
    kind: str
    region: str
    cells: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)


def _header_columns(first_cell: str) -> list[str] | None:
    if re.match(r"^(RCP|RCP-Debatable|ISCM)$", first_cell):
        return RCP_COLUMNS
    if re.match(r"^IRF \d+$", first_cell):
        return IRF_COLUMNS
    return None


def _region_label(cell: str) -> str:
    """The English region of a region heading cell ("Region: Africa / Afrique / África")."""
    text = clean_spaces(cell)
    text = re.sub(r"^Region:\s*", "", text).split(" / ")[0]
    text = re.sub(r"\s*\(continued\)$", "", text)
    return text.split(":")[0].strip()


def table_rows(text: str, rejects: RejectLog) -> list[Row]:
    """Return the overview's data rows with their kind, region and named cells.

    Header rows set the column layout, region rows set the region, and a row whose first cell
    is empty or "Comments:" continues the previous row (its cells are appended). A line with
    text in one cell only is a region heading inside a table (after a header row of its
    section) and a document title before it. Blank cells trailing a row beyond its layout are
    dropped; a row with another number of cells is rejected.
    """
    rows: list[Row] = []
    kind, region, columns, in_table = "RCP", "", RCP_COLUMNS, False
    headers: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        section = re.match(r"^(I{1,3})\.\s", line)
        if section:
            kind = SECTION_KINDS[section.group(1)]
            region, in_table = KIND_REGION.get(kind, ""), False
            continue
        header = _header_columns(clean_spaces(line.split("\t")[0]))
        if header:
            columns, in_table = header, True
            headers = dict(zip(columns, map(clean_spaces, tab_cells(line, len(columns)))))
            continue
        filled = [c for c in line.split("\t") if c.strip()]
        if len(filled) == 1:
            if in_table:
                region = _region_label(filled[0])
            continue  # before a table: the document's title lines
        cells = tab_cells(line, len(columns))
        if len(cells) != len(columns):
            rejects.add(
                SOURCE,
                number,
                "row",
                line[:500],
                f"expected {len(columns)} cells for a {kind} row, found {len(cells)}",
            )
            continue
        named = dict(zip(columns, cells))
        first = clean_spaces(cells[0])
        if (not first or first.rstrip(":").casefold() == "comments") and rows:
            prev = rows[-1]
            for key, value in named.items():
                if key != "name" and value.strip():
                    prev.cells[key] = f"{prev.cells.get(key, '')} <p>{value}</p>"
            continue
        rows.append(Row(number, kind, region or KIND_REGION.get(kind, ""), named, headers))
    return rows


def year_founded(cell: str) -> tuple[int | None, str]:
    """(first four-digit year in the cell, the cell as plain text)."""
    text = clean_spaces(" ".join(html_paragraphs(cell)))
    m = re.search(r"\b(19\d\d|20\d\d)\b", text)
    return (int(m.group(1)) if m else None), text
