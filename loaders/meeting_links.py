"""Every meeting the documents describe in a calendar's year, once: the calendars' rows, then
the reports' meetings, then the overview's past events, each linked to a meeting already in the
table when it is the same meeting (loaders.report_meetings.same_meeting), else added as a row
of its own.

Load inputs: the calendars' meetings and meeting_processes, report_meetings (any year),
process_events (the overview's past events) and processes.
Process: a description whose year no calendar covers stays where it is (report_meetings,
process_events); one that is the same meeting as exactly one meeting so far is linked to it;
otherwise it becomes a meeting with its own id. With several candidates the one whose title
names the same meeting is taken; if that leaves none or several, the description gets its own
row and the reviewer a warning.
Outputs: the added meetings and meeting_processes rows, and meeting_sources (one row per
document passage that describes a meeting, the calendar's own rows included).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from loaders.report_meetings import Window, may_be_within, names_agree, same_meeting
from loaders.rows import Row, cell_int, cell_text

if TYPE_CHECKING:
    from pandas.core.frame import PandasNamedTuple

OWN_ROW = "own row"
# Characters of a Bali action quoted in a meeting's note.
ACTION_WORDS = 90


@dataclass
class LinkedMeetings:
    """Rows to add to meetings and meeting_processes, the meeting_sources rows, and
    warnings for the reviewer."""

    meetings: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def event_window(event: PandasNamedTuple) -> tuple[date, date, str]:
    """(start, end, precision) of a past event: its days, else its month, else its year."""
    start_text = cell_text(event.start_date)
    if start_text:
        return (
            date.fromisoformat(start_text),
            date.fromisoformat(cell_text(event.end_date) or start_text),
            "day",
        )
    year = cell_int(event.year)
    if cell_text(event.month) != "":
        month = cell_int(event.month)
        return (
            date(year, month, 1),
            date(year, month, calendar.monthrange(year, month)[1]),
            "month",
        )
    return date(year, 1, 1), date(year, 12, 31), "year"


def _short(text: str, limit: int = ACTION_WORDS) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


@dataclass
class _Linker:
    """The meetings so far (id -> Window) and how to find the one a description is."""

    known: dict[str, Window]
    out: LinkedMeetings
    # meeting id -> the file it was first read from
    sources_of: dict[str, str] = field(default_factory=dict)

    def find(self, described: Window, what: str) -> tuple[str, str]:
        """(meeting_id, how) of the one meeting `described` is; ("", "") for none."""
        hits = [(mid, how) for mid, w in self.known.items() if (how := same_meeting(w, described))]
        if len(hits) > 1:
            named = [
                (mid, "same name")
                for mid, _ in hits
                if names_agree(self.known[mid].title, described.title)
            ]
            if len(named) != 1:
                self.out.warnings.append(
                    f"{what} could be any of {', '.join(m for m, _ in hits)}: kept as a "
                    "meeting of its own"
                )
                return "", ""
            hits = named
        return hits[0] if hits else ("", "")

    def within_note(self, described: Window, labels: dict[str, str]) -> str:
        """A note naming the one meeting so far whose longer window `described` may be part
        of (may_be_within), or "" when none or several are."""
        around = [mid for mid, w in self.known.items() if may_be_within(w, described)]
        if len(around) != 1:
            return ""
        w = self.known[around[0]]
        where = self.sources_of.get(around[0], "")
        return (
            f"its days fall within meeting {around[0]} of {labels.get(where, where)} "
            f"('{w.title}', {w.start:%d %b}-{w.end:%d %b %Y}, same country), which may "
            "include it; neither document says so"
        )


def link_meetings(
    meetings: pd.DataFrame,
    links: pd.DataFrame,
    report_meetings: pd.DataFrame,
    events: pd.DataFrame,
    processes: pd.DataFrame,
    overview_file: str,
    labels: dict[str, str],
    action_texts: dict[str, str],
) -> LinkedMeetings:
    """Link the reports' meetings and the overview's past events of the calendars' years to
    the calendars' meetings (and to each other), in that order.

    labels: a source file -> the words that name its document in a note; action_texts: a
    Bali action item -> its Action cell, quoted in the note of a meeting read from it.
    """
    out = LinkedMeetings()
    years = {int(y) for y in meetings.calendar_year.dropna()}
    pids = links.groupby("meeting_id").process_id.agg(frozenset).to_dict()
    names = dict(zip(processes.process_id, processes.name, strict=True))
    linker = _Linker({}, out)
    for m in meetings.itertuples():
        linker.known[cell_text(m.meeting_id)] = Window(
            _day(cell_text(m.start_date)),
            _day(cell_text(m.end_date)),
            cell_text(m.date_precision),
            cell_text(m.iso3),
            pids.get(m.meeting_id, frozenset()),
            bool(m.for_all_mechanisms),
            cell_text(m.title),
        )
        linker.sources_of[cell_text(m.meeting_id)] = cell_text(m.source)
        out.sources.append(
            {
                "meeting_id": m.meeting_id,
                "source": m.source,
                "source_line": m.source_line,
                "described_id": m.meeting_id,
                "title": m.title,
                "date_text": m.date_text,
                "link": OWN_ROW,
            }
        )
    for r in report_meetings.itertuples():
        start = _day(cell_text(r.start_date))
        if start is None or start.year not in years:
            continue
        ids = frozenset(cell_text(r.process_ids).split())
        window = Window(
            start,
            _day(cell_text(r.end_date)),
            cell_text(r.date_precision),
            cell_text(r.iso3),
            ids,
            bool(r.for_all_mechanisms),
            cell_text(r.title),
        )
        found, how = linker.find(window, f"{r.source} line {r.source_line} ({r.title})")
        if not found:
            found, how = cell_text(r.report_meeting_id), OWN_ROW
            within = linker.within_note(window, labels)
            linker.known[found] = window
            linker.sources_of[found] = cell_text(r.source)
            out.meetings.append(_report_row(r, start.year, names, labels, action_texts, within))
            out.links.extend(
                {"meeting_id": found, "process_id": p} for p in cell_text(r.process_ids).split()
            )
        out.sources.append(
            {
                "meeting_id": found,
                "source": r.source,
                "source_line": r.source_line,
                "described_id": r.report_meeting_id,
                "title": r.title,
                "date_text": r.date_text,
                "link": how,
            }
        )
    seen: dict[tuple[str, int], int] = {}
    for e in events.itertuples():
        year, process_id = cell_int(e.year), cell_text(e.process_id)
        seen[(process_id, year)] = seen.get((process_id, year), 0) + 1
        if year not in years:
            continue
        days = event_window(e)
        window = Window(
            *days, cell_text(e.iso3), frozenset([process_id]), False, cell_text(e.title)
        )
        found, how = linker.find(window, f"{overview_file} line {e.source_line} ({e.title})")
        if not found:
            found, how = f"overview-{process_id}-{year}-{seen[(process_id, year)]}", OWN_ROW
            linker.known[found] = window
            out.meetings.append(
                _event_row(e, found, days, names, labels.get(overview_file, ""), overview_file)
            )
            out.links.append({"meeting_id": found, "process_id": process_id})
        out.sources.append(
            {
                "meeting_id": found,
                "source": overview_file,
                "source_line": e.source_line,
                "described_id": "",
                "title": e.title,
                "date_text": e.date_text,
                "link": how,
            }
        )
    return out


def _mechanism_text(process_ids: list[str], names: dict[str, str], for_all: bool) -> str:
    return "For All ISCMs" if for_all else " and ".join(names[p] for p in process_ids)


def _report_row(
    r: PandasNamedTuple,
    year: int,
    names: dict[str, str],
    labels: dict[str, str],
    action_texts: dict[str, str],
    within: str = "",
) -> Row:
    context = cell_text(r.context)
    where = "" if context == "Title" else context  # the report's own meeting: its note says
    item = where.removeprefix("action ")
    if item in action_texts:
        where = f"{where} ({_short(action_texts[item])})"
    source = cell_text(r.source)
    label = labels.get(source, source)
    note = "; ".join(
        filter(None, [f"{label}: {where}" if where else label, cell_text(r.note), within])
    )
    return {
        "meeting_id": r.report_meeting_id,
        "title": r.title,
        "start_date": r.start_date,
        "end_date": r.end_date,
        "date_text": r.date_text,
        "date_precision": r.date_precision,
        "tentative": bool(r.tentative),
        "location_text": r.location_text,
        "city": r.city,
        "venue": r.venue,
        "iso3": r.iso3,
        "mechanism_text": _mechanism_text(
            cell_text(r.process_ids).split(), names, bool(r.for_all_mechanisms)
        ),
        "for_all_mechanisms": bool(r.for_all_mechanisms),
        "source_line": r.source_line,
        "source": r.source,
        "calendar_year": year,
        "note": note,
    }


def _event_row(
    e: PandasNamedTuple,
    meeting_id: str,
    days: tuple[date, date, str],
    names: dict[str, str],
    label: str,
    overview_file: str,
) -> Row:
    start, end, precision = days
    name = names[cell_text(e.process_id)]
    note = "; ".join(filter(None, [f"{label}: past events of {name}", cell_text(e.note)]))
    return {
        "meeting_id": meeting_id,
        "title": e.title,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "date_text": e.date_text,
        "date_precision": precision,
        "tentative": "(tbc)" in cell_text(e.note),
        "location_text": e.city,
        "city": e.city,
        "venue": "",
        "iso3": e.iso3,
        "mechanism_text": name,
        "for_all_mechanisms": False,
        "source_line": e.source_line,
        "source": overview_file,
        "calendar_year": cell_int(e.year),
        "note": note,
    }
