"""Past events in the overview's "Meetings" cells -> process_events rows.

Load inputs: the overview's table rows (`loaders.overview.cells.table_rows`) and the process_id the
overview loader gave each row.
Process: split each Meetings cell into paragraphs and bullets; every date written in a
paragraph is one event (two dates in one bullet are two events, and so are two meetings joined
by "and" under one date; a bare year counts only where it opens the paragraph, so a year inside
a title is never the event's date); read the place written
with the event (after the date or in the title) through the country resolver and
`reference/place_aliases.csv`; an event the cell lists twice becomes one row.
Outputs: process_events rows. A date that cannot be read, or a place with no country, goes to
the RejectLog and the row is kept.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from loaders.countries import CountryResolver, country_key
from loaders.dates import DateParseError, parse_date_span
from loaders.overview.cells import SOURCE, table_rows
from loaders.rejects import RejectLog
from loaders.text import fold, html_paragraphs, join_ordinals, split_outside_parentheses

_MON = "(?:" + "|".join(calendar.month_name[1:]) + ")"
_D = r"\d{1,2}"
_Y = r"(?:19|20)\d\d"
_DASH = r"\s*[-–—]\s*"
# Dates that give at least a month, most specific form first at any one position.
_DATED = re.compile(
    rf"""\b(?:
      {_MON}\s+{_D}(?:,\s*{_Y})?{_DASH}{_MON}\s+{_D},?\s+{_Y}   # May 31 – June 1, 2016
    | {_MON}\s+{_D}{_DASH}{_D}\s+{_MON},?\s+{_Y}                # November 30 – 1 December, 2016
    | {_MON}\s+{_D}(?:{_DASH}{_D})?,?\s+{_Y}                    # April 02-03, 2014
    | {_D}(?:\s+{_MON})?{_DASH}{_D}\s+{_MON},?\s+{_Y}           # 2-3 May 2017; 8 May – 9 June 2007
    | {_D}\s+{_MON},?\s+{_Y}                                    # 24 November 2015
    | {_MON},?\s+{_Y}                                           # May 2012
    )(?!\d)""",
    re.VERBOSE,
)
# A bare year opening the paragraph ("2000- 1st Africa-EU Summit"); "2008-2010" is a period.
_LEADING_YEAR = re.compile(rf"^{_Y}(?!\d)(?!{_DASH}\d{{4}})")
_HEADING = re.compile(r"^(recent|previous) meetings:?\s*", re.I)
# "2017, The Year of Implementation: …": a year that opens a headline ending in a colon.
_HEADLINE_YEAR = re.compile(rf"^(?P<headline>{_Y},\s+[^:]{{3,60}}):")
# Two meetings in one title, joined by "and": the first ends with a meeting's or a meeting
# body's word ("… Joint Council of Ministers", "… Steering Committee"), the second opens with
# a meeting's name ("103rd session …", "Senior Officials Meeting …").
_MEETING_WORD = r"(?i:session|meeting|summit|conference|forum|seminar|workshop)"
_FIRST_MEETING_END = re.compile(rf"(?:{_MEETING_WORD}|(?i:committee|council of ministers))$")
_SECOND_MEETING_START = re.compile(
    rf"^(?:\d+(?:st|nd|rd|th)\s+|(?:[A-Z][\w'’-]*\s+){{1,3}}){_MEETING_WORD}\b"
)
_TBC = re.compile(r"\((tbc|tbd|to be confirmed)\)", re.I)
# "in Addis Ababa", "in Laos": a place written inside the title.
_IN_PLACE = re.compile(r"\bin\s+(?P<place>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})")
# Capitalised words that name the event, not its city ("… and Development Cuenca, Ecuador").
_EVENT_WORDS = {
    "Development",
    "Summit",
    "Forum",
    "Migration",
    "Meeting",
    "Conference",
    "Dialogue",
    "Workshop",
    "Session",
    "Seminar",
    "Process",
    "Labour",
    "Document",
    "Government",
    "Plan",
    "Council",
    "Ministers",
    "Anniversary",
    "Meetings",
}

NO_PLACE = "the source names no place"
NO_CITY = "the source names no city"
COUNTRY_NOT_WRITTEN = "country not written in the source"
NO_COUNTRY = "no country found for the place"
TENTATIVE = "marked (tbc) in the source"
LISTED_TWICE = "listed twice in the source"
SHARED_DATE = "written in one bullet with another meeting: one date for both"
YEAR_FROM_HEADLINE = "year read from the headline"


@dataclass(frozen=True)
class Place:
    """Where an event was held: city as written ("" when not given), ISO3 ("" when not
    known), a note saying what the source left out, and a rank (lower = the source says more)."""

    city: str
    iso3: str
    note: str
    rank: int


@dataclass(frozen=True)
class EventDate:
    """An event's date: as written, start and end (only when the source gives days), year and
    month (None when only a year is given)."""

    text: str
    start: date | None
    end: date | None
    year: int
    month: int | None


# ---------------------------------------------------------------- dates


def event_date(text: str) -> EventDate:
    """Read one date phrase found by the date patterns; DateParseError when it names no real
    day (the caller keeps the year and month the text gives)."""
    span = parse_date_span(text)
    if span.precision == "day":
        return EventDate(text, span.start, span.end, span.start.year, span.start.month)
    if span.precision == "month":
        return EventDate(text, None, None, span.start.year, span.start.month)
    return EventDate(text, None, None, span.start.year, None)


def _fallback_date(text: str) -> EventDate:
    year = int(re.search(_Y, text).group(0))
    month = re.search(_MON, text)
    number = list(calendar.month_name).index(month.group(0)) if month else None
    return EventDate(text, None, None, year, number)


def date_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each event date in a paragraph: every date that gives a month
    or a day, else a year that opens the paragraph, else none."""
    spans = [m.span() for m in _DATED.finditer(paragraph)]
    if not spans and (m := _LEADING_YEAR.match(paragraph)):
        spans = [m.span()]
    return spans


# ---------------------------------------------------------------- titles


def title_without_date(text: str, start: int, end: int) -> str:
    """The event's text with its date (and an "on"/"in" that joined it) taken out."""
    before = re.sub(r"(?:\s+(?:on|in))?[\s,.;:–-]*$", "", text[:start])
    after = re.sub(r"^[\s,.;:–-]*", "", text[end:])
    joined = f"{before}, {after}" if before and after else before or after
    return joined.strip(" ,.;:–-")


def two_meetings(title: str) -> tuple[str, str] | None:
    """The two meetings' own words when a title names two meetings joined by "and" ("41st
    session of the ACP-EU Joint Council of Ministers and 103rd session of the ACP Council of
    Ministers"); None otherwise ("Dialogue on Migration and Development Seminar …": the words
    before "and" name no meeting). The first "and" that fits is the one split at."""
    for m in re.finditer(r"\s+and\s+", title):
        first, second = title[: m.start()].strip(), title[m.end() :].strip()
        if _FIRST_MEETING_END.search(first) and _SECOND_MEETING_START.match(second):
            return first, second
    return None


# ---------------------------------------------------------------- places


def _city_before(part: str) -> str:
    """The run of capitalised words that ends a comma part ("… Summit in Cairo" -> "Cairo")."""
    piece = re.split(r"\bin\b|\bat\b|[–:)\-“”\"]|\d", part)[-1].split()
    city: list[str] = []
    for word in reversed(piece):
        bare = word.strip(".,;:")
        if (
            not word[:1].isupper()
            or bare in _EVENT_WORDS
            or len(city) == 3
            or re.fullmatch(r"[A-Z]{2,}", bare)
        ):
            break
        city.insert(0, word)
    return " ".join(city)


def _leading_country(part: str, countries: CountryResolver) -> str | None:
    """The ISO3 of a country name that opens a comma part ("Peru– Document: …" -> PER)."""
    words = [w for w in re.split(r"[\s–:]+", part.strip()) if w]
    for n in range(min(4, len(words)), 0, -1):
        code = countries.resolve(" ".join(words[:n]).strip(" .:;"))
        if code:
            return code
    return None


def event_place(text: str, countries: CountryResolver, places: dict[str, str]) -> Place:
    """Where an event was held, from its text without the date. In order:

    1. "City, Country": a comma part that opens with a country; the city is the capitalised
       words ending the part before it ("" when there are none: note "the source names no
       city").
    2. A comma part that is a city of the place table ("…, Brussels"): its country, noted as not
       written.
    3. "in X" in the title: X a country (no city), a city of the place table, or a city whose
       country is the one country the text names ("Ethiopia hosts … in Addis").
    4. Otherwise no place (noted).

    Comma parts are split at commas and semicolons outside parentheses.
    """
    parts = [p.strip() for p in split_outside_parentheses(text, "[,;]")]
    for i in range(1, len(parts)):
        code = _leading_country(parts[i], countries)
        if code:
            city = _city_before(parts[i - 1])
            return Place(city, code, "" if city else NO_CITY, 0 if city else 3)
    keys = {country_key(k): v for k, v in places.items()}
    for part in split_outside_parentheses(text, r"[,;]|\.\s"):
        bare = part.strip(" .:;")
        if country_key(bare) in keys:
            return Place(bare, keys[country_key(bare)], COUNTRY_NOT_WRITTEN, 2)
    found = list(_IN_PLACE.finditer(text))
    if found:
        written = found[-1].group("place").rstrip(".,")
        if code := countries.resolve(written):
            return Place("", code, NO_CITY, 3)
        if country_key(written) in keys:
            return Place(written, keys[country_key(written)], COUNTRY_NOT_WRITTEN, 2)
        named = countries.find_in_text(text)
        if len(named) == 1:
            return Place(written, named[0], "", 1)
        return Place(written, "", NO_COUNTRY, 4)
    return Place("", "", NO_PLACE, 5)


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class Event:
    """One past event read from a Meetings cell."""

    title: str
    when: EventDate
    place: Place
    notes: tuple[str, ...] = ()

    def same_as(self, other: Event) -> bool:
        """True when other is this event listed again: the same dates, no other country, and
        one title (folded) starting with the other."""
        a, b = fold(self.title), fold(other.title)
        same_when = (self.when.start, self.when.end, self.when.year, self.when.month) == (
            other.when.start,
            other.when.end,
            other.when.year,
            other.when.month,
        )
        countries = {self.place.iso3, other.place.iso3} - {""}
        return same_when and len(countries) <= 1 and (a.startswith(b) or b.startswith(a))


def paragraph_events(
    paragraph: str,
    countries: CountryResolver,
    places: dict[str, str],
    line: int,
    rejects: RejectLog,
) -> list[Event]:
    """The events written in one paragraph or bullet, one per date. With two dates, the text
    up to the end of the first date is the first event and the rest the second."""
    text = _HEADING.sub("", join_ordinals(paragraph.lstrip("-• ").strip()))
    spans = date_spans(text)
    bounds = [0] + [end for _, end in spans[:-1]] + [len(text)]
    events = []
    for i, (start, end) in enumerate(spans):
        piece_start, piece_end = bounds[i], bounds[i + 1]
        piece = text[piece_start:piece_end]
        written = text[start:end]
        try:
            when = event_date(written)
        except DateParseError as exc:
            rejects.add(SOURCE, line, "meetings", written, f"event date kept as text: {exc}")
            when = _fallback_date(written)
        lead = len(piece) - len(piece.lstrip())
        title = title_without_date(
            piece.strip(), start - piece_start - lead, end - piece_start - lead
        )
        place = event_place(title, countries, places)
        if place.note == NO_COUNTRY:
            rejects.add(
                SOURCE,
                line,
                "meetings",
                place.city,
                "no country found for an event's place; city kept, country empty",
            )
        notes = [TENTATIVE] if _TBC.search(piece) else []
        if headline := _HEADLINE_YEAR.match(piece.strip()):
            notes.append(f'{YEAR_FROM_HEADLINE} "{headline["headline"]}"')
        events.append(Event(title, when, place, tuple(notes)))
    if len(events) > 1:
        events = [replace(e, notes=(_one_bullet_note(e, events), *e.notes)) for e in events]
    return [part for event in events for part in _split_meetings(event)]


def _split_meetings(event: Event) -> list[Event]:
    """The event as two when its title names two meetings under one date (each with the
    date and place read from the whole bullet, and a note that they share them)."""
    pair = two_meetings(event.title)
    if pair is None:
        return [event]
    return [replace(event, title=title, notes=(SHARED_DATE, *event.notes)) for title in pair]


def _one_bullet_note(event: Event, events: list[Event]) -> str:
    others = [e.when.text for e in events if e is not event]
    noun = "event" if len(others) == 1 else "events"
    return f"written in one bullet with the {' and '.join(others)} {noun}"


def _merge_repeats(events: list[Event]) -> list[Event]:
    """One event per event listed: a repeat keeps the first listing's title and date and the
    place of the listing that says more."""
    out: list[Event] = []
    for event in events:
        first = next((i for i, e in enumerate(out) if e.same_as(event)), None)
        if first is None:
            out.append(event)
            continue
        kept = out[first]
        place = event.place if event.place.rank < kept.place.rank else kept.place
        notes = (*(n for n in kept.notes if n != LISTED_TWICE), LISTED_TWICE)
        out[first] = replace(kept, place=place, notes=notes)
    return out


def cell_events(
    cell: str, countries: CountryResolver, places: dict[str, str], line: int, rejects: RejectLog
) -> list[Event]:
    """Every event in one Meetings cell, in the cell's order, repeats merged. Paragraphs with
    no date of their own (headings, links, an action plan's title) are not events."""
    events = [
        event
        for paragraph in html_paragraphs(cell)
        for event in paragraph_events(paragraph, countries, places, line, rejects)
    ]
    return _merge_repeats(events)


def event_row(process_id: str, event: Event, line: int) -> dict:
    """A process_events row for one event."""
    when, place = event.when, event.place
    return {
        "process_id": process_id,
        "date_text": when.text,
        "start_date": when.start.isoformat() if when.start else "",
        "end_date": when.end.isoformat() if when.end else "",
        "year": when.year,
        "month": when.month,
        "title": event.title,
        "city": place.city,
        "iso3": place.iso3,
        "note": "; ".join(filter(None, (place.note, *event.notes))),
        "source_line": line,
    }


def load_events(
    text: str,
    process_ids_by_line: dict[int, str],
    countries: CountryResolver,
    places: dict[str, str],
    rejects: RejectLog,
) -> list[dict]:
    """process_events rows for every overview row with a Meetings cell.

    process_ids_by_line maps a row's source line to the process_id the overview loader gave it
    (rows it rejected have none and are skipped: they are in the rejects already). places maps
    place names (cities written alone) to ISO3, from reference/place_aliases.csv.
    """
    rows = []
    for row in table_rows(text, RejectLog()):  # row problems are logged by load_overview
        pid = process_ids_by_line.get(row.line)
        if pid is None or not row.cells.get("meetings", "").strip():
            continue
        for event in cell_events(row.cells["meetings"], countries, places, row.line, rejects):
            rows.append(event_row(pid, event, row.line))
    return rows
