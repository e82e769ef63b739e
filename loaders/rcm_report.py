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

# Sentence cue -> the capacity in which the names in that sentence took part.
CAPACITIES = [
    (re.compile(r"special invitees?", re.I), "special invitee"),
    (re.compile(r"member countries .* attended", re.I), "member attending"),
    (re.compile(r"capacity as observers", re.I), "observer"),
    (re.compile(r"\bfunded by\b", re.I), "funder"),
]


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
        if section.upper() == "PARTICIPANTS":
            for sentence in re.split(r"(?<=\.)\s+", line):
                for cue, capacity in CAPACITIES:
                    if not cue.search(sentence):
                        continue
                    names = sentence.split(":", 1)[-1] if capacity == "member attending" \
                        else sentence
                    for code in countries.find_in_text(names):
                        out.participants.append({"report_id": rid, "iso3": code,
                                                 "organisation": "", "role": capacity})
                    for org in organisations_in(sentence, organisations):
                        out.participants.append({"report_id": rid, "iso3": "",
                                                 "organisation": org, "role": capacity})
                    break
    return out
