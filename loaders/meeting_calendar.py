"""ISCM meeting calendars (one file a year) -> meetings and meeting_processes.

Load inputs: each calendar's tab-separated text (Date, Place, ISCM, Title), whose page breaks
repeat the header and split rows (a continuation row has empty Date and Place).
Process: merge continuations, parse fuzzy dates, resolve places to countries and mechanisms to
process_ids. The year comes from the title line ("2017 Calendar of Meetings …"), else from the
file name (iscm_calendar_2018.txt), so each year's calendar in the same format loads unchanged
next to the others; a meeting's id is that year and its row's order ("2017-001"), so one
year's ids do not change when another year's calendar is added.
Outputs: meetings rows (each naming its calendar file, `source`, and year) and meeting_process rows;
problems go to the RejectLog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.countries import CountryResolver
from loaders.dates import DateParseError, parse_date_span
from loaders.processes import ALL_MECHANISMS, ProcessResolver
from loaders.rejects import RejectLog
from loaders.text import (
    clean_spaces,
    fold,
    join_ordinals,
    normalise_quotes,
    split_outside_parentheses,
    tab_cells,
)

HEADER = ["date", "place", "iscm", "title"]
_TBC = re.compile(r"^\(?(tbc|tbd|to be confirmed)\)?$", re.I)


@dataclass
class CalendarTables:
    """Rows for meetings.csv and meeting_processes.csv, and warnings for the reviewer."""

    meetings: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Raw:
    line: int
    cells: list[str]


def _is_header(cells: list[str]) -> bool:
    return [fold(c).split(" ")[0] for c in cells] == HEADER


def calendar_rows(text: str, source: str, rejects: RejectLog) -> tuple[int | None, list[_Raw]]:
    """(year named in the title, data rows with continuation rows merged into their row).

    Lines with text in one cell only before the first header row are the title; after it,
    every line but a repeated header is a row. Blank cells trailing a row beyond the four
    columns are dropped; a row with another number of cells is rejected.
    """
    year = None
    rows: list[_Raw] = []
    in_table = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        cells = [clean_spaces(c) for c in tab_cells(line, len(HEADER))]
        if _is_header(cells):
            in_table = True
            continue
        if not in_table and len(tab_cells(line)) == 1:
            m = re.search(r"\b((?:19|20)\d\d) calendar\b", clean_spaces(line), re.I)
            if m and year is None:
                year = int(m.group(1))
            continue
        if len(cells) != len(HEADER):
            rejects.add(
                source, number, "row", line, f"expected 4 tab-separated cells, found {len(cells)}"
            )
            continue
        if not cells[0] and not cells[1]:
            if not rows:
                rejects.add(source, number, "row", line, "continuation row with nothing before")
                continue
            prev = rows[-1]
            prev.cells[2] = clean_spaces(f"{prev.cells[2]} {cells[2]}")
            prev.cells[3] = clean_spaces(f"{prev.cells[3]} {cells[3]}")
            continue
        rows.append(_Raw(number, cells))
    return year, rows


def place_parts(place: str, countries: CountryResolver) -> tuple[str, str, str]:
    """(city, iso3, venue) for a place such as "Cairo, Egypt, League of Arab States HQ".

    The country is the first comma part that names one (a comma inside parentheses does not
    split); parts before it are the city and parts after it the venue. "TBC" gives three
    empty strings.
    """
    parts = [p.strip() for p in split_outside_parentheses(place, ",") if p.strip()]
    if not parts or _TBC.match(place.strip()):
        return "", "", ""
    for i, part in enumerate(parts):
        code = countries.resolve(part)
        if code:
            return ", ".join(parts[:i]), code, ", ".join(parts[i + 1 :])
    return ", ".join(parts), "", ""


def year_of_file(name: str) -> int | None:
    """The year a calendar's file name gives (iscm_calendar_2018.txt -> 2018), or None."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", name)
    return int(m.group(1)) if m else None


def load_calendars(
    files: list[tuple[str, str]],
    processes: ProcessResolver,
    countries: CountryResolver,
    rejects: RejectLog,
) -> CalendarTables:
    """Read every calendar (file name, text), in file-name order, into one CalendarTables.

    Ids are "<year>-<row>"; a calendar whose year an earlier file already took gets the next
    free letter after the year ("2017b-001") and a warning, so ids stay unique and the first
    file's ids never change.
    """
    out = CalendarTables()
    taken: set[str] = set()
    for name, text in sorted(files):
        one = load_calendar(text, name, processes, countries, rejects, taken)
        out.meetings.extend(one.meetings)
        out.links.extend(one.links)
        out.warnings.extend(one.warnings)
        taken |= {m["meeting_id"].split("-")[0] for m in one.meetings}
    return out


def _free_prefix(prefix: str, taken: set[str]) -> str:
    if prefix not in taken:
        return prefix
    return next(
        f"{prefix}{letter}"
        for letter in "bcdefghijklmnopqrstuvwxyz"
        if f"{prefix}{letter}" not in taken
    )


def load_calendar(
    text: str,
    source: str,
    processes: ProcessResolver,
    countries: CountryResolver,
    rejects: RejectLog,
    taken: set[str] | frozenset[str] = frozenset(),
) -> CalendarTables:
    """Read one calendar text into CalendarTables; every data row becomes one meeting.

    source: the file name (kept in each meeting's `source`). taken: id prefixes other
    calendars already use.
    """
    out = CalendarTables()
    title_year, rows = calendar_rows(text, source, rejects)
    year = title_year or year_of_file(source)
    prefix = _free_prefix(str(year) if year else "undated", set(taken))
    if prefix != (str(year) if year else "undated"):
        out.warnings.append(
            f"{source}: another calendar already names {year or 'no year'}; "
            f"its meetings are numbered {prefix}-NNN"
        )
    for seq, row in enumerate(rows, start=1):
        date_text, place, iscm, title = row.cells
        meeting_id = f"{prefix}-{seq:03d}"
        try:
            span = parse_date_span(date_text)
        except DateParseError as exc:
            rejects.add(source, row.line, "date", date_text, f"date kept as text only: {exc}")
            span = None
        city, iso3, venue = place_parts(place, countries)
        if place and not iso3 and not _TBC.match(place):
            rejects.add(
                source,
                row.line,
                "place",
                place,
                "no country found in the place; city kept, country empty",
            )
        title_clean = join_ordinals(normalise_quotes(title))
        mech = join_ordinals(normalise_quotes(re.sub(r"</?\w+>", "", iscm))).strip()
        for_all = bool(ALL_MECHANISMS.match(fold(mech)))
        tentative = bool(span and span.tentative) or bool(
            re.search(r"\((tbc|tbd)\)\s*$", title, re.I)
        )
        out.meetings.append(
            {
                "meeting_id": meeting_id,
                "title": title_clean,
                "start_date": span.start.isoformat() if span and span.start else "",
                "end_date": span.end.isoformat() if span and span.end else "",
                "date_text": date_text,
                "date_precision": span.precision if span else "unknown",
                "tentative": tentative,
                "location_text": place,
                "city": city,
                "venue": venue,
                "iso3": iso3,
                "mechanism_text": mech,
                "for_all_mechanisms": for_all,
                "source_line": row.line,
                "source": source,
                "calendar_year": year,
                "note": "",
            }
        )
        if for_all:
            continue
        pids = processes.resolve(mech)
        if not pids:
            rejects.add(
                source,
                row.line,
                "iscm",
                mech,
                "mechanism not found in the process aliases; meeting kept unlinked",
            )
        for pid in pids:
            out.links.append({"meeting_id": meeting_id, "process_id": pid})
    return out
