"""RCM ad-hoc working group report (Mexico City, July 2017) -> report, participants, items.

Load inputs: plain text with Word bookmarks ("[bookmark: …]") and upper-case section headings.
Process: the date and place from the heading lines, the participants from the PARTICIPANTS
section's sentences, and every paragraph or bullet under each heading as one item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from loaders.countries import CountryResolver
from loaders.dates import DateParseError, parse_date_span
from loaders.rejects import RejectLog
from loaders.text import clean_spaces, normalise_quotes
from loaders.uscis import organisations_in

SOURCE = "rcm_extra_regional_2017.txt"
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_HEADING = re.compile(r"^([A-Z][A-Z ,\-–'’]{5,}):?\s*$")

# Sentence cue -> the capacity in which the names in that sentence took part. A sentence may
# state several ("participated with some presentations and in their capacity as observers").
CAPACITIES = [
    (re.compile(r"special invitees?", re.I), "special invitee"),
    (re.compile(r"member countries .* attended", re.I), "member attending"),
    (re.compile(r"capacity as observers", re.I), "observer"),
    (re.compile(r"\bfunded by\b", re.I), "funder"),
    (re.compile(r"\b(?:presentations?|presented)\b", re.I), "presenter"),
    (re.compile(r"\bparticipated as countries of origin and transit\b", re.I),
     "country of origin and transit"),
    (re.compile(r"\bas host country\b", re.I), "host"),
]
# "Mr. Francisco Rico made a remote participation."
_REMOTE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.\s+(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)\s+"
                     r"made a remote participation")
# Who took part is read from these sections; the background tells of earlier meetings and the
# later sections of plans.
PARTICIPATION_SECTIONS = ("PARTICIPANTS", "TOPICS DISCUSSED DURING THE FOURTH MEETING")


@dataclass
class ReportTables:
    """Rows for reports.csv, report_participants.csv and report_items.csv."""

    reports: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)


def load_rcm_report(text: str, countries: CountryResolver, organisations: pd.DataFrame,
                    rejects: RejectLog) -> ReportTables:
    """Read the RCM report into ReportTables (report_id "rcm-erm-2017-07")."""
    out = ReportTables()
    rid = "rcm-erm-2017-07"
    lines = [(n, clean_spaces(normalise_quotes(_BOOKMARK.sub("", raw))))
             for n, raw in enumerate(text.split("\n"), start=1)]
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
    out.reports.append({"report_id": rid, "title": title.title(), "process_id": "rcm",
                        "start_date": start, "end_date": end, "place": place,
                        "iso3": iso3[-1] if iso3 else "", "source": SOURCE})
    section = ""
    for number, line in lines:
        if not line or line == title or (when and number == when[0]):
            continue
        heading = _HEADING.match(line)
        if heading:
            section = heading.group(1).strip().title()
            continue
        if line.upper() == line and len(line) < 80:
            continue  # "REPORT OF THE MEETING" and similar page furniture
        text_item = re.sub(r"^[·\-•]\s*", "", line)
        out.items.append({"report_id": rid, "section": section or "Preamble",
                          "text": text_item, "source_line": number})
        if section.upper() in PARTICIPATION_SECTIONS:
            out.participants.extend(participants_in(line, countries, organisations,
                                                    {"report_id": rid, "source_line": number}))
    out.participants = _unique_rows(out.participants)
    return out


def participants_in(line: str, countries: CountryResolver, organisations: pd.DataFrame,
                    base: dict) -> list[dict]:
    """report_participants rows (base + iso3, organisation, person, role) for one paragraph.

    Each sentence with a capacity cue gives that capacity to the countries and known
    organisations it names: member countries are the names after the colon, a host the
    name before ", as host country"; a person "made a remote participation".
    """
    rows = []

    def row(role: str, iso3: str = "", organisation: str = "", person: str = "") -> dict:
        return {**base, "iso3": iso3, "organisation": organisation, "person": person,
                "role": role}

    for sentence in re.split(r"(?<=[a-z)]\.)\s+", line):
        for cue, capacity in CAPACITIES:
            if not cue.search(sentence):
                continue
            names = sentence
            if capacity == "member attending":
                names = sentence.split(":", 1)[-1]
            elif capacity == "host":
                names = sentence[:cue.search(sentence).start()]
            rows.extend(row(capacity, iso3=code) for code in countries.find_in_text(names))
            rows.extend(row(capacity, organisation=org)
                        for org in organisations_in(names, organisations))
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
