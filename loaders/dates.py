"""Fuzzy meeting dates as written in the calendar -> a start and end date with a precision.

Error policy: `parse_date_span` returns a DateSpan for every form it knows, including "TBC"
(precision "unknown", no dates); for text it cannot read it raises DateParseError and the caller
keeps the row with empty dates plus a reject. Accepted forms (any year, any dash or spacing):

    January 23, 2017            23 January 2017           February 6-7, 2017
    6-7 July, 2017              June 29 – July 1, 2017    December 30, 2017 - January 2, 2018
    November 30 - 1 December, 2016
    July 2017                   Second Quarter of 2017    Second/Third Quarter of 2017
    Second Half of 2017         2017                      TBC
each optionally followed by "(TBC)", "(tentative)", "(exact dates to be confirmed)" and the like.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from loaders.text import clean_spaces, normalise_dashes
from loaders.vocabulary import DATE_PRECISIONS

PRECISIONS = DATE_PRECISIONS

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_ORD = "(?:" + "|".join(_ORDINALS) + ")"
_TENTATIVE = re.compile(
    r"\(?\b(tbc|tbd|tentative(?:ly)?|to be (?:confirmed|determined)|"
    r"exact dates? (?:to be|not yet) (?:confirmed|defined|determined))\b\)?",
    re.IGNORECASE,
)


class DateParseError(ValueError):
    """Raised when a date text is in none of the accepted forms."""


@dataclass(frozen=True)
class DateSpan:
    """A meeting's dates: first and last day (None when unknown), precision, tentative flag."""

    start: date | None
    end: date | None
    precision: str
    tentative: bool


def _month(token: str) -> int:
    return _MONTHS[token.casefold().rstrip(".")]


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day_span(y1: int, m1: int, d1: int, y2: int, m2: int, d2: int) -> DateSpan:
    try:
        start, end = date(y1, m1, d1), date(y2, m2, d2)
    except ValueError as exc:
        raise DateParseError(f"no such day: {exc}") from exc
    if end < start:
        raise DateParseError("the range ends before it starts")
    return DateSpan(start, end, "day", False)


def _m(name: str) -> str:
    return _MONTH.format(name)


_DAY_FORMS = [
    # June 29 - July 1, 2017   /  December 30, 2017 - January 2, 2018
    re.compile(
        rf"^{_m('m1')} (?P<d1>\d{{1,2}})(?:, (?P<y1>\d{{4}}))? - {_m('m2')} "
        rf"(?P<d2>\d{{1,2}}),? (?P<y2>\d{{4}})$"
    ),
    # February 6-7, 2017  /  January 23, 2017
    re.compile(rf"^{_m('m1')} (?P<d1>\d{{1,2}})(?: - (?P<d2>\d{{1,2}}))?,? (?P<y2>\d{{4}})$"),
    # November 30 - 1 December, 2016 (month after the first day, day before the second month)
    re.compile(
        rf"^{_m('m1')} (?P<d1>\d{{1,2}}) - (?P<d2>\d{{1,2}}) {_m('m2')},? "
        rf"(?P<y2>\d{{4}})$"
    ),
    # 29 June - 1 July 2017
    re.compile(
        rf"^(?P<d1>\d{{1,2}}) {_m('m1')}(?: (?P<y1>\d{{4}}))? - (?P<d2>\d{{1,2}}) "
        rf"{_m('m2')},? (?P<y2>\d{{4}})$"
    ),
    # 6-7 July, 2017  /  23 January 2017
    re.compile(rf"^(?P<d1>\d{{1,2}})(?: - (?P<d2>\d{{1,2}}))? {_m('m2')},? (?P<y2>\d{{4}})$"),
]
_MONTH_FORM = re.compile(rf"^{_m('m1')},? (?P<y>\d{{4}})$")
_QUARTER_FORM = re.compile(
    rf"^(?P<q1>{_ORD})(?: ?/ ?(?P<q2>{_ORD}))? quarter(?: of)?,? (?P<y>\d{{4}})$"
)
_HALF_FORM = re.compile(rf"^(?P<h>{_ORD}|first|second) half(?: of)?,? (?P<y>\d{{4}})$")
_YEAR_FORM = re.compile(r"^(?P<y>\d{4})$")


def _normalise(text: str) -> str:
    text = normalise_dashes(clean_spaces(text)).casefold()
    text = re.sub(r"\s*-\s*", " - ", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text).strip(" ,")


def _parse_firm(text: str) -> DateSpan:
    for form in _DAY_FORMS:
        m = form.match(text)
        if m:
            g = m.groupdict()
            y2 = int(g["y2"])
            y1 = int(g["y1"]) if g.get("y1") else y2
            m2 = _month(g["m2"]) if g.get("m2") else _month(g["m1"])
            m1 = _month(g["m1"]) if g.get("m1") else m2
            d1 = int(g["d1"])
            d2 = int(g["d2"]) if g.get("d2") else d1
            return _day_span(y1, m1, d1, y2, m2, d2)
    if m := _MONTH_FORM.match(text):
        year, month = int(m["y"]), _month(m["m1"])
        return DateSpan(date(year, month, 1), _last_day(year, month), "month", False)
    if m := _QUARTER_FORM.match(text):
        year, q1 = int(m["y"]), _ORDINALS[m["q1"]]
        q2 = _ORDINALS[m["q2"]] if m["q2"] else q1
        if not 1 <= q1 <= q2 <= 4:
            raise DateParseError("quarters must run forward within 1-4")
        return DateSpan(date(year, 3 * q1 - 2, 1), _last_day(year, 3 * q2), "quarter", False)
    if m := _HALF_FORM.match(text):
        year, half = int(m["y"]), _ORDINALS[m["h"]]
        if half not in (1, 2):
            raise DateParseError("a year has two halves")
        return DateSpan(date(year, 6 * half - 5, 1), _last_day(year, 6 * half), "half", False)
    if m := _YEAR_FORM.match(text):
        year = int(m["y"])
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year", False)
    raise DateParseError(f"unrecognised date: {text!r}")


def parse_date_span(text: str) -> DateSpan:
    """Parse a calendar date text into a DateSpan; raise DateParseError if it has no known form.

    Tentative markers ("TBC", "tentative", "exact dates to be confirmed") set `tentative` and are
    removed before the date itself is read; a text that is only such a marker gives precision
    "unknown" with no dates.
    """
    tentative = bool(_TENTATIVE.search(text))
    rest = _normalise(_TENTATIVE.sub(" ", text).replace("()", " "))
    rest = re.sub(r"[()]", " ", rest).strip(" ,")
    rest = re.sub(r"\s+", " ", rest)
    if not rest:
        if tentative:
            return DateSpan(None, None, "unknown", True)
        raise DateParseError("empty date")
    span = _parse_firm(rest)
    return DateSpan(span.start, span.end, span.precision, tentative)
