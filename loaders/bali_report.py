"""Bali Process Ad Hoc Group progress report (October 2017) -> action_items.

Load inputs: a scraped page. Everything before the line "Transcription:" is a list of
unrelated document titles and is skipped. After it, each non-empty line is one page of a
three-column table (Action/Recommendation, Who, Status/Details) that the scrape flattened
column by column: on a page, the Action cells of the rows that start there come first, then
their Who cells, then their Status cells, each in row order. A cell cut by the page end goes on
at the start of the next page (before its first action) or in its column's place there.
Page furniture a page break may repeat (the running title and the column header) is no page on
a line of its own and is cut from the head of a later page.
Process:
* the numbered actions (1.1 … 6.5) and the six headings are found by their text;
* where each Status cell (and a continued Action cell) opens is read from
  reference/bali_cells.csv, whose entries a person wrote by reading which paragraph names which
  action's subject; the loader checks every entry against the text and rejects what is missing;
* the Who text of a block is what stands between its last action and its first status; it is
  cut into cells at plain spaces between known names (reference/bali_actors.csv). As many
  cells as rows: one each, in order. Fewer: a cell goes to a row only when that row's own text
  names every body in the cell and no other order-keeping choice exists; otherwise the rows say
  unknown and who_note quotes the Who text that could not be placed;
* status_category is read from the action's own status text (rules below), with the clause
  that decided it as status_evidence; where the status also describes other things (the network
  an action is to reinvigorate, follow-up after its object was delivered), the clause that says
  how far the action's own stated object has got is named in reference/bali_status_focus.csv
  (a person's reading, checked against the text) and the category is read from it alone;
* a footnote printed at the foot of a page ("1 1 https://…") is cut off the cell it follows and
  kept in footnotes;
* places where the scrape dropped an actor's name ("The is currently …", "members,, IOM")
  are kept as written and quoted in who_note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from loaders.rejects import RejectLog
from loaders.rows import Row, cell_text
from loaders.text import clean_spaces, join_ordinals
from loaders.vocabulary import BALI_STATUSES

SOURCE = "bali_ahg_progress_2017.txt"
HEADINGS = {
    1: "Law enforcement cooperation and capacity building",
    2: "Information and intelligence sharing",
    3: "Border Management",
    4: "Cooperation on returns and reintegration",
    5: "Protection and asylum management",
    6: "Member Engagement and Outreach",
}
TABLE_HEADER = "Action/Recommendation Who Status/Details"
CATEGORIES = list(BALI_STATUSES)

# Phrases that say what state an action is in. Every match counts; where two overlap, the
# longer one wins ("Planning for … is underway" is a plan, not work under way).
STATUS_PHRASES: list[tuple[str, str]] = [
    ("dormant", r"\bhas not convened since\b|\bha(?:s|ve) stagnated\b|\bremain dormant\b"),
    (
        "progress",
        r"\bongoing\b|\bwill continue\b|\bcontinues? to\b|\bcontinued to\b|"
        r"\bis under development\b|\bfurther \w+ (?:are |is )?expected\b|"
        r"\b(?:is|are) underway\b|\b(?:is|are) being\b|\bcurrently\b|"
        r"\bare engaging\b|\bis seeking\b|\bha(?:s|ve) begun\b|"
        r"\bhas not yet been completed\b|"
        r"\bSince [^.,]+, [^.,]*?\bha(?:s|ve) (?!been\b)\w+ed\b",
    ),
    (
        "future",
        r"\bPlanning for [^.]*? is underway\b|\bwill (?!continue\b)\w+\b|"
        r"\bis scheduled\b|\bplanned\b|\bto be delivered\b|\bexpected\b",
    ),
    (
        "done",
        r"\b(?:was|were) (?:held|delivered|endorsed|finalised|established|initiated|"
        r"implemented|convened|developed|launched)\b|(?<!be )\bheld in\b|\bran from\b|"
        r"\btook place\b|\bha(?:s|ve) been translated\b|\blaunched the\b|\bendorsed the\b|"
        r"\bdeveloped\b|\boccurred in\b|\bcan be accessed\b|\bhas delivered\b",
    ),
]
# An article with nothing after it: the scrape dropped the name that stood there.
_NAME_GAP = re.compile(
    r"\b[Tt]he(?:[,.](?=\s|$)|(?=\s+(?:is|are|was|were|has|have|will|and|"
    r"with|on|attended|developed|tasked|continues|through)\b))"
)
_JOIN = r"\s*(?:,,|,|&|/)\s*"
# A name right after one of these words belongs to the action's own sentence
# ("… arrangements among Bali Process members"), not to the Who column.
_BINDING_WORDS = {
    "among",
    "to",
    "assist",
    "with",
    "by",
    "for",
    "of",
    "from",
    "and",
    "the",
    "in",
    "on",
    "between",
}
# A page's footnote, after the sentence it belongs to: reference mark(s), then the address.
_FOOTNOTE = re.compile(r"(?<=[.!?])\s+((?:\d{1,2}\s+)+https?://\S+)\s*$")


@dataclass(frozen=True)
class CellStart:
    """Where one cell (or the part of it on a later page) opens: its first words as printed."""

    item: str
    cell: str  # "status" or "action"
    starts: str
    names: str = ""  # words in the paragraph that name the action's subject (checked)


@dataclass(frozen=True)
class StatusFocus:
    """The clause of an action's status that says how far the action's own stated object has
    got, where the rest of the status describes other things (a person's reading).

    object: words of the Action cell that name the object (checked); clause: the status words
    as printed (checked to occur once), from which alone the category is read.
    """

    item: str
    object: str
    clause: str


@dataclass(frozen=True)
class Actor:
    """A name as the Who column writes it, the body it stands for and how texts name that body.

    distinctive: the body is one organisation or country (not "members"), so a row whose text
    names it can claim the Who cell.
    """

    form: str
    body: str
    named_as: tuple[str, ...]
    distinctive: bool


@dataclass
class ActionTables:
    """Rows for action_items.csv."""

    items: list[Row] = field(default_factory=list)


@dataclass
class _Row:
    item: str
    line: int
    action: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    who: str = ""
    who_note: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(self.action + self.status)


@dataclass(frozen=True)
class _Mark:
    pos: int
    end: int
    kind: str  # "item", "heading", "header", "status", "action"
    item: str = ""


def cell_starts_from_table(table: pd.DataFrame) -> list[CellStart]:
    """CellStart entries from reference/bali_cells.csv (columns item, cell, starts, names)."""
    return [
        CellStart(cell_text(r.item), cell_text(r.cell), cell_text(r.starts), cell_text(r.names))
        for r in table.itertuples()
    ]


def status_focus_from_table(table: pd.DataFrame) -> list[StatusFocus]:
    """StatusFocus entries from reference/bali_status_focus.csv (columns item, object, clause)."""
    return [
        StatusFocus(cell_text(r.item), cell_text(r.object), cell_text(r.clause))
        for r in table.itertuples()
    ]


def actors_from_table(table: pd.DataFrame) -> list[Actor]:
    """Actor entries from reference/bali_actors.csv (form, body, named_as split on '|',
    distinctive 'true'/'false')."""
    return [
        Actor(
            cell_text(r.form),
            cell_text(r.body),
            tuple(n for n in cell_text(r.named_as).split("|") if n),
            cell_text(r.distinctive) == "true",
        )
        for r in table.itertuples()
    ]


def report_title(text: str) -> tuple[int, str]:
    """(line number, text with spaces collapsed) of the scraped page's first non-blank line,
    the report's title; (1, "") for a text with none."""
    return next(
        (
            (n, clean_spaces(line))
            for n, line in enumerate(text.split("\n"), start=1)
            if line.strip()
        ),
        (1, ""),
    )


def pages(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each page: each non-blank line after "Transcription:", spaces
    collapsed (no-break spaces too) and split ordinals joined ("11 th" -> "11th"); [] when the
    marker is missing. Page furniture a page break repeats (the running title, see
    report_title, and the table's column header) is no page on lines of its own and is cut
    from the head of every page but the first (whose text opens with the title)."""
    lines = text.split("\n")
    try:
        first = next(i for i, line in enumerate(lines) if line.strip() == "Transcription:")
    except StopIteration:
        return []
    furniture = _page_furniture(report_title("\n".join(lines[:first]))[1])
    out: list[tuple[int, str]] = []
    for n, line in enumerate(lines[first + 1 :], start=first + 2):
        page = join_ordinals(clean_spaces(line))
        if out:
            page = furniture.sub("", page)
        if page and not furniture.fullmatch(page):
            out.append((n, page))
    return out


def _page_furniture(title: str) -> re.Pattern[str]:
    """The running title and the column header, each any number of times, at the head of a
    page (a page break may repeat both)."""
    parts = [re.escape(join_ordinals(p)) for p in (title, TABLE_HEADER) if p]
    return re.compile(rf"^(?:(?:{'|'.join(parts)})(?:\s+|$))+")


def status_category(status: str) -> tuple[str, str]:
    """(category, evidence) read from one action's own status text.

    dormant: the text says the activity stopped ("has not convened since", "stagnated");
    ongoing: work in progress ("ongoing", "continues to", "is underway", "has begun", "with
    further translations expected", "Since 2012, … has facilitated"), or a step done and a next
    one set ("was held" … "will be held");
    planned: only future steps ("will", "is scheduled", "Planning for … is underway");
    completed: only finished steps ("was held", "ran from", "has been translated");
    unknown: none of these. Evidence is the clause holding the deciding phrase: the first one
    for dormant and in-progress, the latest finished and latest next step otherwise (joined
    by " … "). The loader passes the whole status, or only the clause of
    reference/bali_status_focus.csv where one names what happened to the action's own object.
    """
    found = _status_phrases(status)
    by_kind = {kind: [m for k, m in found if k == kind] for kind, _ in STATUS_PHRASES}
    if by_kind["dormant"]:
        return "dormant", _clause(status, by_kind["dormant"][0])
    if by_kind["progress"]:
        return "ongoing", _clause(status, by_kind["progress"][0])
    done, future = by_kind["done"], by_kind["future"]
    if done and future:
        parts = [_clause(status, done[-1]), _clause(status, future[-1])]
        return "ongoing", " … ".join(dict.fromkeys(parts))
    if future:
        return "planned", _clause(status, future[-1])
    if done:
        return "completed", _clause(status, done[-1])
    return "unknown", ""


def _status_phrases(status: str) -> list[tuple[str, re.Match[str]]]:
    matches = [
        (kind, m) for kind, pattern in STATUS_PHRASES for m in re.finditer(pattern, status, re.I)
    ]
    kept = [
        (kind, m)
        for kind, m in matches
        if not any(
            o is not m
            and o.start() <= m.start()
            and m.end() <= o.end()
            and (o.end() - o.start()) > (m.end() - m.start())
            for _, o in matches
        )
    ]
    return sorted(kept, key=lambda km: km[1].start())


def _clause(text: str, match: re.Match[str]) -> str:
    """The clause around a match: from the last ". ", ", " or "; " before it to the next one
    after it, without a leading list marker ("4) ", "- ")."""
    start = max((m.end() for m in re.finditer(r"[.,;]\s", text[: match.start()])), default=0)
    end_match = re.search(r"[.,;](?:\s|$)", text[match.end() :])
    end = match.end() + end_match.start() if end_match else len(text)
    return re.sub(r"^(?:\d+\)|-)\s+", "", text[start:end].strip())


def split_footnote(text: str) -> tuple[str, str]:
    """(text, footnote) of the last cell on a page: a footnote is a run of reference marks and
    an address after the cell's last sentence ("… June 2017. 1 1 https://…pdf"); "" if none."""
    m = _FOOTNOTE.search(text)
    if not m:
        return text, ""
    return text[: m.start()].rstrip(), m.group(1)


def name_gaps(text: str) -> list[str]:
    """Quotes (a few words either side, within the sentence) of each place where an actor's
    name is missing after "the" ("The is currently developing", "supported by the.")."""
    quotes = []
    for m in _NAME_GAP.finditer(text):
        start = max((s.end() for s in re.finditer(r"\.\s", text[: m.start()])), default=0)
        before = text[start : m.start()].split()[-3:]
        after_text = text[m.end() :]
        if m.group(0).endswith("."):
            after: list[str] = []
        else:
            stop = re.search(r"\.(?:\s|$)", after_text)
            after = after_text[: stop.end() if stop else len(after_text)].split()[:4]
        quotes.append(" ".join([*before, m.group(0), *after]).strip())
    return quotes


def who_cells(who_text: str, actors: list[Actor]) -> list[str]:
    """The Who text cut into cells: names joined by ',', '&' or '/' stay together, a plain
    space between two names starts a new cell. A cell may open with a joiner whose name the
    scrape dropped ('/ CIFAL / KOICA /IOM')."""
    cell = _cell_pattern(actors)
    return [m.group(0).strip() for m in re.finditer(cell, who_text)]


def _name_pattern(actors: list[Actor]) -> str:
    forms = sorted({a.form for a in actors}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"


def _cell_pattern(actors: list[Actor]) -> str:
    name = _name_pattern(actors)
    return rf"(?:{_JOIN})?{name}(?:{_JOIN}{name})*"


def split_who_tail(segment: str, actors: list[Actor]) -> tuple[str, str]:
    """(action text, Who text) of the last Action cell of a block: the Who text is the
    longest tail made only of known names, not starting right after a word that binds a name
    into the sentence ("among Bali Process members" stays in the action)."""
    run = re.compile(rf"(?:{_cell_pattern(actors)})(?:\s+{_cell_pattern(actors)})*\s*$")
    for m in re.finditer(r"(?:^|(?<=\s))\S", segment):
        start = m.start()
        if not run.fullmatch(segment, start):
            continue
        before = segment[:start].split()
        if before and before[-1].lower() in _BINDING_WORDS:
            continue
        return segment[:start].strip(), segment[start:].strip()
    return segment.strip(), ""


def load_bali_report(
    text: str,
    rejects: RejectLog,
    cell_starts: list[CellStart],
    actors: list[Actor],
    focus: list[StatusFocus] | None = None,
) -> ActionTables:
    """Read the progress report's numbered actions into ActionTables (one row per action).

    cell_starts, actors and focus come from reference/bali_cells.csv, bali_actors.csv and
    bali_status_focus.csv. Every problem (an action or cell opening not found, a focus clause
    not in its action's status, text tied to no row) becomes a reject; the function never
    raises for bad input.
    """
    page_list = pages(text)
    if not page_list:
        rejects.add(SOURCE, 1, "transcription", "", "no 'Transcription:' line; nothing read")
        return ActionTables()
    marks = _item_marks(page_list, rejects)
    _add_heading_marks(page_list, marks)
    _add_cell_marks(page_list, marks, cell_starts, rejects)
    rows = {
        m.item: _Row(m.item, line) for line, ms in marks.items() for m in ms if m.kind == "item"
    }
    blocks = _read_pages(page_list, marks, rows, actors, rejects)
    for block in blocks:
        _assign_who(block, rows, actors)
    _check_subjects(rows, cell_starts, rejects)
    clauses = _focus_clauses(rows, focus or [], rejects)
    return ActionTables([_output_row(rows[item], clauses.get(item, "")) for item in _ordered(rows)])


def _ordered(rows: dict[str, _Row]) -> list[str]:
    return sorted(rows, key=lambda i: tuple(int(p) for p in i.split(".")))


def _item_marks(page_list: list[tuple[int, str]], rejects: RejectLog) -> dict[int, list[_Mark]]:
    """Marks for the numbered actions, accepted only in sequence (1.1, 1.2, …, 2.1, …)."""
    marks: dict[int, list[_Mark]] = {line: [] for line, _ in page_list}
    section, number = 1, 0
    for line, page in page_list:
        for m in re.finditer(r"(?<![\w.])([1-9])\.([1-9])\s+(?=\S)", page):
            s, n = int(m.group(1)), int(m.group(2))
            if (s, n) in {(section, number + 1), (section + 1, 1)}:
                section, number = s, n
                marks[line].append(_Mark(m.start(), m.end(), "item", f"{s}.{n}"))
    found = sum(len(ms) for ms in marks.values())
    if found == 0:
        rejects.add(SOURCE, page_list[0][0], "item", "", "no numbered action found")
    return marks


def _add_heading_marks(page_list: list[tuple[int, str]], marks: dict[int, list[_Mark]]) -> None:
    """A section heading is looked for only between the previous action and the section's
    first action, where the table prints it; the table header line is marked too."""
    previous: tuple[int, int] = (page_list[0][0], 0)
    texts = dict(page_list)
    for line, page in page_list:
        header = page.find(TABLE_HEADER)
        if header >= 0:
            marks[line].append(_Mark(header, header + len(TABLE_HEADER), "header"))
    for line, _ in page_list:
        for mark in [m for m in marks[line] if m.kind == "item"]:
            section, number = (int(p) for p in mark.item.split("."))
            if number == 1:
                heading = re.compile(rf"(?:\b{section}\.\s+)?{re.escape(HEADINGS[section])}")
                _mark_heading(heading, previous, (line, mark.pos), texts, marks)
            previous = (line, mark.end)


def _mark_heading(
    heading: re.Pattern[str],
    start: tuple[int, int],
    end: tuple[int, int],
    texts: dict[int, str],
    marks: dict[int, list[_Mark]],
) -> None:
    for line in [n for n in texts if start[0] <= n <= end[0]]:
        lo = start[1] if line == start[0] else 0
        hi = end[1] if line == end[0] else len(texts[line])
        m = heading.search(texts[line], lo, hi)
        if m:
            marks[line].append(_Mark(m.start(), m.end(), "heading"))
            return


def _add_cell_marks(
    page_list: list[tuple[int, str]],
    marks: dict[int, list[_Mark]],
    cell_starts: list[CellStart],
    rejects: RejectLog,
) -> None:
    for entry in cell_starts:
        starts = join_ordinals(clean_spaces(entry.starts))
        hits = [
            (line, m.start())
            for line, page in page_list
            for m in re.finditer(re.escape(starts), page)
        ]
        if len(hits) != 1:
            rejects.add(
                SOURCE,
                page_list[0][0],
                entry.cell,
                starts,
                f"opening of {entry.item}'s {entry.cell} cell found {len(hits)} times "
                "(reference/bali_cells.csv expects once)",
            )
            continue
        line, pos = hits[0]
        marks[line].append(_Mark(pos, pos, entry.cell, entry.item))


def _read_pages(
    page_list: list[tuple[int, str]],
    marks: dict[int, list[_Mark]],
    rows: dict[str, _Row],
    actors: list[Actor],
    rejects: RejectLog,
) -> list[tuple[list[str], list[str], int]]:
    """Fill each row's action and status text; return the blocks as (rows, Who cells, line)."""
    blocks: list[tuple[list[str], list[str], int]] = []
    for line, page in page_list:
        page_marks = sorted(marks[line], key=lambda m: (m.pos, m.end))
        block_rows: list[str] = []
        for k, mark in enumerate(page_marks):
            end = page_marks[k + 1].pos if k + 1 < len(page_marks) else len(page)
            piece = page[mark.end : end].strip()
            if k + 1 == len(page_marks) and mark.item in rows:
                piece, footnote = split_footnote(piece)
                if footnote:
                    rows[mark.item].footnotes.append(footnote)
            if mark.kind == "item":
                if block_rows and _block_closed(page_marks, k):
                    block_rows = []
                block_rows.append(mark.item)
                ends_actions = _last_action_of_block(page_marks, k)
                if ends_actions:
                    piece, who = split_who_tail(piece, actors)
                    blocks.append((list(block_rows), who_cells(who, actors), line))
                rows[mark.item].action.append(piece)
                rows[mark.item].lines.add(line)
            elif mark.kind in ("status", "action") and mark.item in rows:
                row = rows[mark.item]
                (row.status if mark.kind == "status" else row.action).append(piece)
                row.lines.add(line)
            elif piece:  # after the header, a heading, or an unknown action's cell
                rejects.add(SOURCE, line, "text", piece[:200], _untied_reason(mark))
        first = page_marks[0].pos if page_marks else len(page)
        lead = page[:first].strip()
        if lead and not any(m.kind == "header" for m in page_marks):
            rejects.add(
                SOURCE,
                line,
                "text",
                lead[:200],
                "text before the page's first action or cell opening",
            )
    return blocks


def _untied_reason(mark: _Mark) -> str:
    if mark.kind in ("status", "action"):
        return (
            f"action {mark.item}'s {mark.kind} cell (opening from "
            f"reference/bali_cells.csv) has no row: no action {mark.item} is read in the "
            "report (its number missing or out of sequence)"
        )
    return "text not tied to any action (after the table header or a heading)"


def _block_closed(page_marks: list[_Mark], k: int) -> bool:
    """True when a status cell stands between this action and the previous one (a new block)."""
    for mark in reversed(page_marks[:k]):
        if mark.kind == "item":
            return False
        if mark.kind == "status":
            return True
    return False


def _last_action_of_block(page_marks: list[_Mark], k: int) -> bool:
    """True when the next action or cell opening after this action is a status cell."""
    for mark in page_marks[k + 1 :]:
        if mark.kind == "item":
            return False
        if mark.kind == "status":
            return True
    return False


def _assign_who(
    block: tuple[list[str], list[str], int], rows: dict[str, _Row], actors: list[Actor]
) -> None:
    items, cells, line = block
    placed = _place_cells(items, cells, rows, actors)
    unplaced = [c for k, c in enumerate(cells) if k not in placed]
    for k, r in placed.items():
        rows[items[r]].who = cells[k]
        if len(cells) != len(items):
            bodies = ", ".join(_bodies(cells[k], actors))
            rows[items[r]].who_note.append(
                f"Who cell tied to this row because its own text names {bodies}"
            )
    for item in items:
        row = rows[item]
        if row.who:
            continue
        if unplaced:
            lost = " (it has lost a name)" if any(_lost_name(c) for c in unplaced) else ""
            row.who_note.append(
                f"Who text on line {line} not tied to one row: '{' '.join(unplaced)}'{lost} "
                f"(rows {items[0]}–{items[-1]}); no row's own text names its bodies, so the page "
                "does not show whose it is"
            )
        elif cells:
            row.who_note.append(
                f"no Who cell left for this row on line {line}: the others are "
                "tied to rows whose text names them"
            )
        else:
            row.who_note.append(f"no Who text for this row on line {line}")


def _lost_name(cell: str) -> bool:
    """True when a Who cell shows a dropped name: ',,' or a joiner with nothing before it."""
    return ",," in cell or cell.startswith(("/", ",", "&"))


def _place_cells(
    items: list[str], cells: list[str], rows: dict[str, _Row], actors: list[Actor]
) -> dict[int, int]:
    """{cell index: row index}: all cells in order when the counts agree; otherwise only the
    cells whose row is the same in every order-keeping choice of rows naming their bodies."""
    if len(cells) == len(items):
        return {k: k for k in range(len(cells))}
    candidates = {
        k: [r for r, item in enumerate(items) if _names_all(rows[item].text(), cell, actors)]
        for k, cell in enumerate(cells)
    }
    claimable = [k for k in candidates if candidates[k]]
    choices = [
        dict(zip(claimable, chosen))
        for chosen in combinations(range(len(items)), len(claimable))
        if all(r in candidates[k] for k, r in zip(claimable, chosen))
    ]
    if not choices:
        return {}
    return {k: choices[0][k] for k in claimable if len({c[k] for c in choices}) == 1}


def _bodies(cell: str, actors: list[Actor]) -> list[str]:
    found = []
    for actor in sorted(actors, key=lambda a: len(a.form), reverse=True):
        if actor.distinctive and re.search(rf"(?<![\w-]){re.escape(actor.form)}(?![\w-])", cell):
            cell = cell.replace(actor.form, " ")
            found.append(actor)
    return list(dict.fromkeys(a.body for a in found))


def _names_all(text: str, cell: str, actors: list[Actor]) -> bool:
    """True when the cell names at least one distinctive body and the text names all of them."""
    bodies = _bodies(cell, actors)
    forms = {a.body: a.named_as for a in actors}
    return bool(bodies) and all(
        any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w])", text) for f in forms[b]) for b in bodies
    )


def _check_subjects(
    rows: dict[str, _Row], cell_starts: list[CellStart], rejects: RejectLog
) -> None:
    for entry in cell_starts:
        row = rows.get(entry.item)
        if row is None:
            # Already a reject at its line: the cell's text (see _untied_reason), or its
            # opening when the text does not hold it (_add_cell_marks).
            continue
        names = clean_spaces(entry.names)
        if names and names not in " ".join(row.status):
            rejects.add(
                SOURCE,
                row.line,
                "status",
                entry.starts,
                f"{entry.item}'s status does not name its subject '{names}'",
            )


def _focus_clauses(
    rows: dict[str, _Row], focus: list[StatusFocus], rejects: RejectLog
) -> dict[str, str]:
    """{item: clause} for the focus entries whose object stands in the action's text and whose
    clause stands once in its status and decides a category; each other entry is a reject."""
    out = {}
    for entry in focus:
        row = rows.get(entry.item)
        clause = join_ordinals(clean_spaces(entry.clause))
        if row is None:
            rejects.add(
                SOURCE,
                0,
                "status",
                clause,
                f"reference/bali_status_focus.csv names action {entry.item}, not in the report",
            )
            continue
        action, status = (" ".join(p for p in parts if p) for parts in (row.action, row.status))
        if clean_spaces(entry.object) not in action:
            problem = f"{entry.item}'s action does not name '{entry.object}'"
        elif status.count(clause) != 1:
            problem = f"found {status.count(clause)} times in {entry.item}'s status (expects once)"
        elif status_category(clause)[0] == "unknown":
            problem = f"says nothing that decides {entry.item}'s category"
        else:
            out[entry.item] = clause
            continue
        rejects.add(
            SOURCE,
            row.line,
            "status",
            clause,
            f"reference/bali_status_focus.csv clause not used: {problem}",
        )
    return out


def _output_row(row: _Row, focus: str = "") -> Row:
    action = " ".join(p for p in row.action if p).strip()
    action = action[:-1] if action.endswith(".") else action
    status = " ".join(p for p in row.status if p).strip()
    category, evidence = status_category(focus or status)
    if focus:
        evidence = focus.rstrip(".")
    notes = list(row.who_note)
    if _lost_name(row.who):
        notes.append(f"a name is missing in the Who cell: '{row.who}'")
    if action[:1].islower():
        opening = " ".join(action.split()[:6])
        notes.append(
            f"a name is missing before the action text, which opens in lower case: '{opening}'"
        )
    for part, text in (("action", action), ("status", status)):
        notes += [f"a name is missing in the {part} text: '{q}'" for q in name_gaps(text)]
    if not status:
        notes.append("no status text found for this action")
    section = int(row.item.split(".")[0])
    return {
        "item": row.item,
        "section_no": section,
        "section": HEADINGS[section],
        "action": action,
        "who": row.who,
        "who_note": "; ".join(notes),
        "status": status,
        "status_category": category,
        "status_evidence": evidence,
        "footnotes": " | ".join(row.footnotes),
        "source_line": row.line,
        "source_lines": " ".join(str(n) for n in sorted(row.lines)),
    }
