"""RCM ad-hoc working group report (Mexico City, July 2017) -> report, participants, items,
and the meetings it describes.

Load inputs: plain text with Word bookmarks ("[bookmark: …]") and upper-case section headings.
Process: the date and place from the heading lines (the head a page break may repeat is read
once), the participants from the PARTICIPANTS section's sentences, every paragraph or bullet
under each heading as one item, and every dated meeting the items name
(loaders/report_meetings.py), after the report's own meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from loaders.countries import CountryResolver
from loaders.dates import DateParseError, parse_date_span
from loaders.meeting_calendar import place_parts
from loaders.organisations import OrganisationNames
from loaders.rejects import RejectLog
from loaders.report_meetings import Mention, Place, Reader, mentions_in, report_meeting_rows
from loaders.text import clean_spaces, normalise_quotes

SOURCE = "rcm_extra_regional_2017.txt"
_BOOKMARK = re.compile(r"\[bookmark:\s[^\]]*\]")
_HEADING = re.compile(r"^([A-Z][A-Z ,\-–'’]{5,}):?\s*$")

# Sentence cue -> the capacity in which the names in that sentence took part. A sentence may
# state several ("participated with some presentations and in their capacity as observers").
CAPACITIES = [
    (re.compile(r"special invitees?", re.I), "special invitee"),
    (re.compile(r"member countries .* attended", re.I), "member attending"),
    (re.compile(r"capacity as observers", re.I), "observer"),
    (re.compile(r"\bfunded by\b", re.I), "funder"),
    (re.compile(r"\b(?:presentations?|presented)\b", re.I), "presenter"),
    (
        re.compile(r"\bparticipated as countries of origin and transit\b", re.I),
        "country of origin and transit",
    ),
    (re.compile(r"\bas host country\b", re.I), "host"),
]
# "Mr. Francisco Rico made a remote participation."
_REMOTE = re.compile(
    r"\b(?:Mr|Ms|Mrs|Dr)\.\s+(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)\s+"
    r"made a remote participation"
)
# Who took part is read from these sections; the background tells of earlier meetings and the
# later sections of plans.
PARTICIPATION_SECTIONS = ("PARTICIPANTS", "TOPICS DISCUSSED DURING THE FOURTH MEETING")
PROCESS = "rcm"
MEETING_PREFIX = "rcm-2017"
_SMALL_WORDS = {"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"}


@dataclass
class ReportTables:
    """Rows for reports.csv, report_participants.csv, report_items.csv and
    report_meetings.csv."""

    reports: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)


def title_case(text: str) -> str:
    """An upper-case heading in title case, small words in lower case after the first:
    "FOURTH MEETING OF THE AD-HOC …" -> "Fourth Meeting of the Ad-Hoc …"."""
    words = text.title().split()
    return " ".join(
        w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words)
    )


def load_rcm_report(
    text: str,
    countries: CountryResolver,
    organisations: OrganisationNames,
    rejects: RejectLog,
    places: dict[str, str] | None = None,
    processes: dict[str, str] | None = None,
) -> ReportTables:
    """Read the RCM report into ReportTables (report_id "rcm-erm-2017-07").

    places (folded place -> ISO3, reference/place_aliases.csv) and processes (alias_key ->
    process_id) help read the places and mechanisms of the meetings the report names."""
    out = ReportTables()
    rid = "rcm-erm-2017-07"
    lines = [
        (n, clean_spaces(normalise_quotes(_BOOKMARK.sub("", raw))))
        for n, raw in enumerate(text.split("\n"), start=1)
    ]
    title = next((t for _, t in lines if t), "")
    when = next(((n, t) for n, t in lines if "/" in t and re.search(r"\b20\d\d\b", t)), None)
    place, start, end = "", "", ""
    if when:
        place, _, date_text = when[1].partition("/")
        try:
            span = parse_date_span(date_text)
            start, end = span.start.isoformat(), span.end.isoformat()
        except DateParseError as exc:
            rejects.add(SOURCE, when[0], "date", date_text, str(exc))
    place = place.strip().title()
    iso3 = countries.find_in_text(place)
    out.reports.append(
        {
            "report_id": rid,
            "title": title.title(),
            "process_id": "rcm",
            "start_date": start,
            "end_date": end,
            "place": place,
            "iso3": iso3[-1] if iso3 else "",
            "source": SOURCE,
        }
    )
    section = ""
    head = _head_lines(lines, title, when[1] if when else "")
    for number, line in lines:
        if not line or line in head:
            continue
        heading = _HEADING.match(line)
        if heading:
            section = heading.group(1).strip().title()
            continue
        if line.upper() == line and len(line) < 80:
            continue  # "REPORT OF THE MEETING" and similar page furniture
        text_item = re.sub(r"^[·\-•]\s*", "", line)
        out.items.append(
            {
                "report_id": rid,
                "section": section or "Preamble",
                "text": text_item,
                "source_line": number,
            }
        )
        if section.upper() in PARTICIPATION_SECTIONS:
            out.participants.extend(
                participants_in(
                    line, countries, organisations, {"report_id": rid, "source_line": number}
                )
            )
    out.participants = _unique_rows(out.participants)
    out.meetings = _meetings(out, lines, when, countries, places or {}, processes or {}, rejects)
    return out


def _meetings(
    out: ReportTables,
    lines: list[tuple[int, str]],
    when: tuple[int, str] | None,
    countries: CountryResolver,
    places: dict[str, str],
    processes: dict[str, str],
    rejects: RejectLog,
) -> list[dict]:
    """report_meetings rows: the report's own meeting (its title and the place and date
    line), then every dated meeting its items name, the report's end date standing for the
    year a date leaves out."""
    report = out.reports[0]
    if not report["end_date"]:
        return []
    end = date.fromisoformat(report["end_date"])
    sections = {item["source_line"]: item["section"] for item in out.items}
    reader = Reader(
        SOURCE,
        countries,
        places,
        processes,
        end,
        PROCESS,
        rejects,
        lambda line, _: sections.get(line, ""),
    )
    own: list[Mention] = []
    title_line = next(((n, t) for n, t in lines if t), None)
    if title_line and when:
        span = parse_date_span(when[1].partition("/")[2])
        written = report["place"]
        city, iso3, venue = place_parts(written, countries)
        own.append(
            Mention(
                title_line[0],
                0,
                title_case(title_line[1]),
                when[1].partition("/")[2].strip(),
                span,
                Place(written, city, venue, iso3),
                (PROCESS,),
                False,
                False,
                "Title",
                ["the report's own meeting"],
                (when[0],),
            )
        )
    found = mentions_in(((i["source_line"], i["text"]) for i in out.items), reader)
    return report_meeting_rows(own + found, MEETING_PREFIX, SOURCE)


def _head_lines(lines: list[tuple[int, str]], title: str, when: str) -> set[str]:
    """The report's head, which a page break may repeat as a running header: the title, the
    place and date line, and the upper-case lines above the first section heading ("REPORT OF
    THE MEETING" above "BACKGROUND:")."""
    head = {title, when} - {""}
    for _, line in lines:
        if _HEADING.match(line):
            if line.endswith(":"):
                break
            head.add(line)
    return head


def participants_in(
    line: str, countries: CountryResolver, organisations: OrganisationNames, base: dict
) -> list[dict]:
    """report_participants rows (base + iso3, organisation, person, role) for one paragraph.

    Each sentence with a capacity cue gives that capacity to the countries and known
    organisations it names: member countries are the names after the colon, a host the
    name before ", as host country"; a person "made a remote participation".
    """
    rows = []

    def row(role: str, iso3: str = "", organisation: str = "", person: str = "") -> dict:
        return {**base, "iso3": iso3, "organisation": organisation, "person": person, "role": role}

    for sentence in re.split(r"(?<=[a-z)]\.)\s+", line):
        for cue, capacity in CAPACITIES:
            if not cue.search(sentence):
                continue
            names = sentence
            if capacity == "member attending":
                names = sentence.split(":", 1)[-1]
            elif capacity == "host":
                names = sentence[: cue.search(sentence).start()]
            rows.extend(row(capacity, iso3=code) for code in countries.find_in_text(names))
            rows.extend(row(capacity, organisation=org) for org in organisations.names_in(names))
    rows.extend(row("remote participant", person=m["name"]) for m in _REMOTE.finditer(line))
    return rows


def _unique_rows(rows: list[dict]) -> list[dict]:
    """The rows without repeats of (iso3, organisation, person, role), first one kept."""
    seen, out = set(), []
    for r in rows:
        key = (r["iso3"], r["organisation"], r["person"], r["role"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
