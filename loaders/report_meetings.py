"""Meetings a report describes in its prose (the RCM and Bali reports) -> report_meetings rows.

Load inputs: the report's paragraphs (line number, text) and a Reader (resolvers, the report's
date and mechanism, and where in the report a sentence stands).
Process: each sentence is cut into clauses; a clause that names a meeting (a noun phrase headed
by meeting, workshop, roundtable, conference, consultation(s) with/on, training programme, SOM,
the Consultation Mechanism, or "<NAME> will meet again") and gives a date is one mention; its
title is that noun phrase as written, its date the nearest date expression, its place the first
"in"/"at" place after it. Mentions of one meeting (the same ordinal, one written as the other's
acronym, or sharing a name) are merged. Dates without a year take the last such date on or
before the report's own date.
Outputs: one row per meeting, any year, with its lines and where it stands; problems (a place
with no country) go to the RejectLog. Which of them join meetings.csv is decided later
(loaders/meeting_links.py).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from loaders.countries import CountryResolver
from loaders.dates import DateParseError, DateSpan, parse_date_span
from loaders.meeting_calendar import place_parts
from loaders.processes import alias_key
from loaders.rejects import RejectLog
from loaders.rows import Row
from loaders.text import clean_spaces, fold, join_ordinals, normalise_quotes

_MONTH_NAMES = [m for m in calendar.month_name if m]
_M = "(?:" + "|".join(_MONTH_NAMES) + ")"
_D = r"\d{1,2}(?:st|nd|rd|th)?"
_Y = r"(?:19|20)\d\d(?![-–]\d)"
_DASH = r"\s*[-–—]\s*"
_ORDINAL_WORDS = ("first", "second", "third", "fourth")
# Longest forms first: a form is tried before the shorter ones that are its prefix.
DATE_IN_TEXT = re.compile(
    rf"(?P<week>(?:last|first) week of {_M},? {_Y})"
    rf"|(?P<quarter>(?:{'|'.join(_ORDINAL_WORDS)}) quarter of {_Y})"
    rf"|(?P<full>{_D} {_M}{_DASH}{_D} {_M},? {_Y}"
    rf"|{_D}{_DASH}{_D} {_M},? {_Y}"
    rf"|{_D} {_M},? {_Y}"
    rf"|{_M} {_D}(?:{_DASH}{_D})?,? {_Y}"
    rf"|{_M},? {_Y})"
    rf"|(?P<noyear>{_D}{_DASH}{_D} {_M}|{_M} {_D}(?:{_DASH}{_D})?\b|(?<=\bin ){_M}\b)"
    rf"|(?P<about>(?:early|late|mid) {_Y})"
    rf"|(?P<year>(?<![\d-]){_Y}\b)"
)

# What a meeting is called. "Consultation(s)" heads a phrase only before "with"/"on" ("a
# consultation period" is no meeting); a head followed by another lower-case noun is a
# modifier ("the meeting theme").
_HEAD = re.compile(
    r"\b(?:Consultation Mechanism|[Mm]eeting|[Ww]orkshop|[Rr]oundtable|"
    r"[Cc]onference|SOM|[Cc]onsultations?(?= (?:with|on)\b)|"
    r"[Tt]raining program(?:me)?)\b"
)
_MEET_AGAIN = re.compile(r"\b(?:The )?(?P<name>[A-Z][A-Za-z]*[A-Z][A-Za-z]*) will meet again\b")
# Words that may follow a head word without making it a modifier.
_AFTER_HEAD = {
    "of",
    "on",
    "for",
    "between",
    "with",
    "in",
    "at",
    "to",
    "held",
    "was",
    "were",
    "is",
    "are",
    "will",
    "that",
    "which",
    "and",
    "took",
    "occurred",
    "ran",
    "during",
    "from",
    "by",
}
# Words a title stops at, going back from its head word.
_STOP_BACK = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "this",
    "these",
    "that",
    "in",
    "at",
    "on",
    "of",
    "to",
    "by",
    "for",
    "from",
    "with",
    "during",
    "through",
    "since",
    "until",
    "between",
    "after",
    "before",
    "into",
    "and",
    "or",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "held",
    "attended",
    "had",
    "has",
    "have",
    "will",
    "agreed",
    "initiated",
    "created",
    "reactivated",
    "submitted",
    "convened",
    "delivered",
    "took",
    "developed",
}
# Words a title stops before, going on from its head word.
_STOP_ON = {
    "was",
    "were",
    "is",
    "are",
    "will",
    "held",
    "took",
    "occurred",
    "ran",
    "that",
    "which",
    "who",
    "to",
    "by",
    "from",
    "during",
    "sponsored",
    "included",
    "endorsed",
    "agreed",
    "convened",
    "delivered",
}
# Words that place a meeting in time rather than name it ("the previous …", "a further …").
_TIME_WORDS = {"previous", "last", "next", "most", "recent", "further", "latest"}
_TENTATIVE = re.compile(r"\btentative(?:ly)?\b|\(tbc\)|\bto be confirmed\b", re.I)
_FOR_ALL = re.compile(r"\bglobal (?:meeting of rcps|rcp meeting)\b")
# "Training sessions are held at CIFAL-Jeju training institute in South Korea": where the
# meetings the next sentences name take place.
_HELD_THERE = re.compile(r"\b(?:are|is) (?:usually )?held (?=(?:at|in) [A-Z])")
_PLACE = re.compile(
    r"(?:the )?[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*))*"
    r"(?:, (?:the )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*)*"
)
_VENUE_END = re.compile(r" in | on | from |,|\.|;| to |$")


@dataclass(frozen=True)
class Place:
    """Where a mention says a meeting was: the words as written, city, venue, ISO3."""

    text: str = ""
    city: str = ""
    venue: str = ""
    iso3: str = ""


@dataclass
class Mention:
    """One dated meeting named in one clause of a report."""

    line: int
    position: int
    title: str
    date_text: str
    span: DateSpan
    place: Place
    process_ids: tuple[str, ...]
    for_all: bool
    tentative: bool
    context: str
    notes: list[str] = field(default_factory=list)
    also_lines: tuple[int, ...] = ()


@dataclass
class Reader:
    """What reading one report needs: resolvers, the report's date (for dates written without
    a year), its own mechanism, and a function telling where in the report a sentence is."""

    source: str
    countries: CountryResolver
    places: dict[str, str]  # place written alone (folded) -> ISO3
    process_aliases: dict[str, str]  # alias_key -> process_id
    report_date: date
    own_process: str
    rejects: RejectLog
    # (line, the text from a meeting's title to the end of its clause) -> where it stands.
    context_of: Callable[[int, str], str] = lambda line, text: ""


# ---------------------------------------------------------------- sentences and clauses


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of a paragraph: cut after ".", ";", "?" or "!" before a capital, a
    digit or an opening bracket, and at a dash that opens a bullet (" - Jordan 2015 …");
    "D.C., …" stays whole."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.;?!])\s+(?=[A-Z0-9(“\"'·-])|\s+-\s+(?=[A-Z])", text):
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(o, s) for o, s in out if s.strip()]


def clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, clause): the sentence cut at "; ", and at ", followed by " or " and " where
    both sides name a meeting and a date ("A workshop took place on 4-7 April 2017 and a
    further workshop is scheduled for 21-24 November 2017")."""
    parts: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"; ", sentence):
        parts.append((start, sentence[start : m.start()]))
        start = m.end()
    parts.append((start, sentence[start:]))
    out: list[tuple[int, str]] = []
    for offset, part in parts:
        cut = 0
        for m in re.finditer(r",? followed by | and ", part):
            left, right = part[cut : m.start()], part[m.end() :]
            if _names_dated_meeting(left) and _names_dated_meeting(right):
                out.append((offset + cut, left))
                cut = m.end()
        out.append((offset + cut, part[cut:]))
    return out


def _names_dated_meeting(text: str) -> bool:
    return bool((_HEAD.search(text) or _MEET_AGAIN.search(text)) and DATE_IN_TEXT.search(text))


# ---------------------------------------------------------------- titles


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]


def _is_head(clause: str, m: re.Match[str]) -> bool:
    nxt = re.match(r"\s*([A-Za-z]+)", clause[m.end() :])
    if not nxt or clause[m.end() : m.end() + 1] in ",.;:()":
        return True
    word = nxt.group(1)
    return word in _AFTER_HEAD or word[0].isupper()


def _stops_a_title(word: str) -> bool:
    """True for a word a title does not reach back over: a determiner, preposition or verb,
    or a word ending in punctuation (except an acronym in brackets: "… Solution (RBDES)")."""
    bare = word.strip('“”"')
    if not bare or bare.lower() in _STOP_BACK:
        return True
    return bare[-1] in ".,;:)" and not re.fullmatch(r"\(\w+\)", bare)


def _back(clause: str, start: int) -> int:
    """Where the title starts: back from the head word over at most eight modifiers."""
    tokens = [t for t in _tokens(clause) if t[1] <= start]
    begin = start
    for t_start, _, word in reversed(tokens[-8:]):
        if _stops_a_title(word):
            break
        begin = t_start
    return begin


def _on(clause: str, end: int, reader: Reader) -> int:
    """Where the title ends: on from the head word over "of …", "on …", "between …" and the
    like, up to a verb, a comma, a date, or "in"/"at"/"on" before a place or a date."""
    rest = clause[end:]
    stop = end
    for t_start, t_end, word in _tokens(rest)[:16]:
        bare = word.strip('“”"').rstrip(".,;:")
        if not bare or bare.startswith("(") or bare.lower() in _STOP_ON:
            break
        after = t_end + len(rest[t_end:]) - len(rest[t_end:].lstrip())
        if bare in ("in", "at", "on") and (
            date_at(rest, after) or _place_at(rest[after:], reader).iso3
        ):
            break
        if date_at(rest, t_start):
            break
        stop = end + t_start + len(word.rstrip(".,;:"))
        if word[-1] in ".,;:":
            break
    return stop


def _clean_title(title: str, date_spans: list[tuple[int, int]], offset: int) -> str:
    """The title without the dates inside it and without words that only place the meeting in
    time; the first letter as written."""
    for start, end in sorted(date_spans, reverse=True):
        if offset <= start and end <= offset + len(title):
            title = title[: start - offset] + title[end - offset :]
    words = [w for w in title.split() if w.lower() not in _TIME_WORDS]
    return " ".join(words).strip(" ,")


# ---------------------------------------------------------------- places and dates


def resolve_place(
    text: str, countries: CountryResolver, places: dict[str, str]
) -> tuple[str, str, str]:
    """(city, iso3, venue) of a place as written: "City, Country" by the calendar's rule, else
    a place written alone from reference/place_aliases.csv; ("", "", "") when neither."""
    city, iso3, venue = place_parts(text, countries)
    if iso3:
        return city, iso3, venue
    code = places.get(fold(text))
    return (text, code, "") if code else ("", "", "")


def date_at(text: str, position: int) -> re.Match[str] | None:
    """The date expression that starts at `position` of text, after an optional "the"."""
    skip = re.match(r"the ", text[position:])
    return DATE_IN_TEXT.match(text, position + (skip.end() if skip else 0))


def _place_at(text: str, reader: Reader) -> Place:
    """The place a text starts with (after "in"/"at"), or an empty Place."""
    if date_at(text, 0):
        return Place()
    m = _PLACE.match(text)
    if not m:
        return Place()
    written = m.group().rstrip(",")
    # A full stop ends the place unless it ends an abbreviation ("Washington D.C.").
    if written.endswith(".") and not re.search(r"\b[A-Z]\.[A-Z]\.$", written):
        written = written[:-1]
    city, iso3, venue = resolve_place(written, reader.countries, reader.places)
    return Place(written, city, venue, iso3) if iso3 else Place(written)


def place_after(clause: str, start: int, reader: Reader, line: int) -> Place:
    """The first place after `start`: "in <place>" (city and country), or "at <venue>" (a
    venue, its country from the place table or from an "in <place>" that follows)."""
    venue = ""
    for m in re.finditer(r"\b(in|at) ", clause[start:]):
        after = clause[start + m.end() :]
        if m.group(1) == "at" and not venue:
            end = _VENUE_END.search(after)
            written = after[: end.start()].strip() if end else after.strip()
            if written[:1].isupper():
                _, iso3, _ = resolve_place(written, reader.countries, reader.places)
                rest = after[len(written) :]
                country = re.match(r", ([A-Z][\w ]+?)(?= in | on |[,.;]|$)", rest)
                if not iso3 and country:
                    iso3 = reader.countries.resolve(country.group(1)) or ""
                if iso3:
                    text = written + (f", {country.group(1)}" if country else "")
                    return Place(text, "", written, iso3)
                venue = written
            continue
        place = _place_at(after, reader)
        if date_at(clause, start + m.end()):
            continue
        if place.iso3:
            if venue:
                return Place(f"{venue}, {place.text}", place.city, venue, place.iso3)
            return place
        if place.text and m.group(1) == "in":
            reader.rejects.add(
                reader.source,
                line,
                "place",
                place.text,
                "no country found for a meeting's place; place left empty",
            )
    return Place()


def _year_less(text: str, reader: Reader) -> tuple[str, str]:
    """A date written without its year, with the year that makes it the last such date on or
    before the report's date; and the note that says so."""
    for year in (reader.report_date.year, reader.report_date.year - 1):
        candidate = f"{text} {year}"
        try:
            span = parse_date_span(candidate)
        except DateParseError:
            continue
        if span.start and span.start <= reader.report_date:
            return candidate, (
                f"year not written in the source: the last {text} on or before "
                f"the report's date ({reader.report_date:%B %Y})"
            )
    return text, ""


def read_date(m: re.Match[str], reader: Reader) -> tuple[DateSpan, str] | None:
    """(span, note) of a date expression found by DATE_IN_TEXT; None when it names no day,
    month or year the date parser can read."""
    text, note = m.group(), ""
    if m.group("week"):
        note = f"'{text}': the month only"
        text = re.sub(r"^(?:last|first) week of ", "", text)
    elif m.group("about"):
        note = f"'{text}': the year only"
        text = text.split()[-1]
    elif m.group("noyear"):
        text, note = _year_less(text, reader)
    try:
        return parse_date_span(text), note
    except DateParseError:
        return None


# A date further than this from a meeting's title (in characters) is not its date.
MAX_GAP = 90


def _nearest_date(dates: list[re.Match[str]], start: int, end: int) -> re.Match[str] | None:
    def gap(m: re.Match[str]) -> int:
        if m.start() >= start and m.end() <= end:
            return 0
        return m.start() - end if m.start() >= end else start - m.end() + 1

    near = [m for m in dates if gap(m) <= MAX_GAP]
    return min(near, key=gap) if near else None


def processes_named(title: str, aliases: dict[str, str]) -> list[str]:
    """process_ids of mechanisms a title names by an alias of two or more words or an acronym
    of three or more letters ("meeting between the SACM and the RCM" -> sacm, rcm)."""
    key = f" {alias_key(title)} "
    found: list[tuple[int, str]] = []
    for alias, pid in aliases.items():
        if (
            (" " in alias or len(alias) >= 3)
            and f" {alias} " in key
            and all(pid != p for _, p in found)
        ):
            if " " not in alias and not re.search(rf"\b{re.escape(alias.upper())}\b", title):
                continue  # a one-word alias counts only as an acronym written in capitals
            found.append((key.index(f" {alias} "), pid))
    return [pid for _, pid in sorted(found)]


# ---------------------------------------------------------------- mentions


def clause_mentions(
    line: int, offset: int, clause: str, reader: Reader, default_place: Place
) -> list[Mention]:
    """The dated meetings one clause names (usually none or one)."""
    dates = list(DATE_IN_TEXT.finditer(clause))
    if not dates:
        return []
    found = []
    # (start, end, whether modifiers before it belong to the title): a head word takes its
    # modifiers; "<NAME> will meet again" is its name alone.
    heads = [(m.start(), m.end(), True) for m in _HEAD.finditer(clause) if _is_head(clause, m)]
    heads += [(m.start("name"), m.end("name"), False) for m in _MEET_AGAIN.finditer(clause)]
    for head_start, head_end, modified in heads:
        start = _back(clause, head_start) if modified else head_start
        end = _on(clause, head_end, reader)
        inner = [(d.start(), d.end()) for d in dates if start <= d.start() and d.end() <= end]
        title = _clean_title(clause[start:end], inner, start)
        date_match = _nearest_date(dates, start, end)
        read = read_date(date_match, reader) if date_match else None
        if not title or date_match is None or read is None:
            continue
        span, date_note = read
        place = place_after(clause, end, reader, line)
        notes = [date_note] if date_note else []
        if not place.iso3 and default_place.iso3:
            place = default_place
            notes.append("place from the sentence before")
        for_all = bool(_FOR_ALL.search(fold(title)))
        named = processes_named(title, reader.process_aliases)
        pids = () if for_all else tuple(dict.fromkeys([reader.own_process, *named]))
        found.append(
            Mention(
                line,
                offset + start,
                title,
                date_match.group(),
                span,
                place,
                pids,
                for_all,
                bool(_TENTATIVE.search(clause)) or span.tentative,
                reader.context_of(line, clause[start:]),
                notes,
            )
        )
    return found


def mentions_in(paragraphs: Iterable[tuple[int, str]], reader: Reader) -> list[Mention]:
    """Every dated meeting mention in the paragraphs (line number, text), in reading order."""
    out: list[Mention] = []
    for line, raw in paragraphs:
        text = join_ordinals(normalise_quotes(clean_spaces(raw)))
        default_place = Place()
        for s_offset, sentence in sentences(text):
            for c_offset, clause in clauses(sentence):
                there = _HELD_THERE.search(clause)
                if there and not _names_dated_meeting(clause):
                    default_place = place_after(clause, there.start(), reader, line)
                    continue
                out.extend(
                    clause_mentions(line, s_offset + c_offset, clause, reader, default_place)
                )
    return out


# ---------------------------------------------------------------- one meeting, several mentions

_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
        ],
        start=1,
    )
}
_NAME_STOP = {
    "the",
    "of",
    "on",
    "and",
    "for",
    "in",
    "at",
    "a",
    "an",
    "to",
    "with",
    "between",
    "meeting",
    "meetings",
    "workshop",
    "session",
    "conference",
    "annual",
    "working",
    "group",
    "wg",
    "held",
    "its",
    "hosts",
    "year",
    "regional",
}


def _ordinal(title: str) -> int | None:
    for word in fold(title).split():
        if word in _ORDINALS:
            return _ORDINALS[word]
        m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
        if m:
            return int(m.group(1))
    return None


def _heads(title: str) -> set[str]:
    return {m.group().lower() for m in _HEAD.finditer(title)}


def _acronym_letters(title: str) -> str:
    return "".join(
        re.sub(r"[^A-Z]", "", w)
        for w in re.findall(r"\S+", title)
        if len(re.sub(r"[^A-Z]", "", w)) >= 2
    )


def _initials(title: str) -> str:
    return "".join(
        w[0]
        for w in re.findall(r"[A-Za-z][\w'-]*", title)
        if w[0].isupper() and len(re.sub(r"[^A-Z]", "", w)) < 2
    )


def _name_pairs(title: str) -> set[tuple[str, str]]:
    words = [re.sub(r"[^a-z0-9]", "", w) for w in fold(title).replace("'", "").split()]
    return {
        (a, b)
        for a, b in pairwise(words)
        if a
        and b
        and a not in _NAME_STOP
        and b not in _NAME_STOP
        and not a.isdigit()
        and not b.isdigit()
    }


def names_agree(a: str, b: str) -> bool:
    """True when two titles name the same meeting: the same ordinal and kind ("third annual
    working group meeting" / "3rd TIPs WG meeting"), one written as the other's acronym ("AHG
    SOM" / "Ad Hoc Group Senior Officials Meeting"), or two name words in a row in common
    ("Senior Officials Meeting in Addis" / "Senior Officials' Meeting")."""
    if _ordinal(a) and _ordinal(a) == _ordinal(b) and _heads(a) & _heads(b):
        return True
    for x, y in ((a, b), (b, a)):
        letters = _acronym_letters(x)
        if len(letters) >= 3 and letters == _initials(y):
            return True
    return bool(_name_pairs(a) & _name_pairs(b))


@dataclass(frozen=True)
class Window:
    """What linking needs to know of a meeting: its window, place, mechanisms and title."""

    start: date | None
    end: date | None
    precision: str
    iso3: str
    process_ids: frozenset[str]
    for_all: bool
    title: str


def same_meeting(a: Window, b: Window) -> str:
    """How two descriptions are one meeting ("same days", "same name"), or "" when they are
    not: the same mechanism (or both for all ISCMs), no two different countries, overlapping
    date windows, and either the same exact days or titles that name the same meeting."""
    if not ((a.for_all and b.for_all) or a.process_ids & b.process_ids):
        return ""
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return ""
    if not (a.start and b.start and a.end and b.end and a.start <= b.end and b.start <= a.end):
        return ""
    if a.precision == b.precision == "day" and (a.start, a.end) == (b.start, b.end):
        return "same days"
    return "same name" if names_agree(a.title, b.title) else ""


def may_be_within(a: Window, b: Window) -> bool:
    """True when `b` could be part of `a` although same_meeting says they are not one meeting:
    the same mechanism, the same known country, both dated to the day, and b's days inside
    a's longer window (the calendar's "Meeting of drafting committee and other events", 22-25
    May in Bali, and the report's third TIPs Working Group meeting, 25 May in Bali). Nothing
    says b is one of a's events, so this only earns a note."""
    if not (a.process_ids & b.process_ids) or not (a.iso3 and a.iso3 == b.iso3):
        return False
    if not (a.precision == b.precision == "day" and a.start and a.end and b.start and b.end):
        return False
    return a.start <= b.start and b.end <= a.end and (a.start, a.end) != (b.start, b.end)


def _window(m: Mention) -> Window:
    return Window(
        m.span.start,
        m.span.end,
        m.span.precision,
        m.place.iso3,
        frozenset(m.process_ids),
        m.for_all,
        m.title,
    )


def _names_a_body(title: str) -> bool:
    return any(w[0].isupper() for w in title.split()[1:]) or bool(_acronym_letters(title))


def merged(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped by meeting, in order of first mention: a mention joins the one earlier
    meeting it is the same meeting as (same_meeting); with none or several, it starts its own."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        hits = [g for g in groups if any(same_meeting(_window(m), _window(mention)) for m in g)]
        if len(hits) == 1:
            hits[0].append(mention)
        else:
            groups.append([mention])
    return groups


def _span_days(m: Mention) -> int:
    return (m.span.end - m.span.start).days if m.span.start and m.span.end else 10**6


def meeting_row(group: list[Mention], meeting_id: str, source: str) -> Row:
    """One report_meetings row from a meeting's mentions: the date of the most precise one, the
    place of the first that names one, the title of the first that names a body (else the
    first's), the first letter of the title raised."""
    dated = min(group, key=_span_days)
    placed = next((m for m in group if m.place.iso3), group[0])
    titled = next((m for m in group if _names_a_body(m.title)), group[0])
    lines = sorted({n for m in group for n in (m.line, *m.also_lines)})
    notes = list(dict.fromkeys(n for m in (dated, placed) for n in m.notes))
    if len(group) > 1:
        notes.append("mentioned on lines " + " and ".join(str(n) for n in lines))
    first = group[0]
    return {
        "report_meeting_id": meeting_id,
        "title": titled.title[:1].upper() + titled.title[1:],
        "start_date": dated.span.start.isoformat() if dated.span.start else "",
        "end_date": dated.span.end.isoformat() if dated.span.end else "",
        "date_text": dated.date_text,
        "date_precision": dated.span.precision,
        "tentative": any(m.tentative for m in group),
        "location_text": placed.place.text,
        "city": placed.place.city,
        "venue": placed.place.venue,
        "iso3": placed.place.iso3,
        "process_ids": " ".join(first.process_ids),
        "for_all_mechanisms": first.for_all,
        "context": first.context,
        "note": "; ".join(notes),
        "source": source,
        "source_line": first.line,
        "source_lines": " ".join(str(n) for n in lines),
    }


def report_meeting_rows(mentions: list[Mention], prefix: str, source: str) -> list[Row]:
    """report_meetings rows, one per meeting, numbered "<prefix>-01", … in order of first
    mention (the numbers depend on this report alone, so they stay when other sources or
    years come)."""
    return [
        meeting_row(group, f"{prefix}-{i:02d}", source)
        for i, group in enumerate(merged(mentions), start=1)
    ]
