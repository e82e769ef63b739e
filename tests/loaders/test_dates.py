"""The fuzzy date parser: every form in the calendar, and round-trip properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.dates import DateParseError, parse_date_span


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "tentative"),
    [
        ("January 23, 2017", date(2017, 1, 23), date(2017, 1, 23), "day", False),
        ("February 6-7, 2017", date(2017, 2, 6), date(2017, 2, 7), "day", False),
        ("March 21 \u2013 23, 2017", date(2017, 3, 21), date(2017, 3, 23), "day", False),
        ("June 29 \u2013 July 1, 2017", date(2017, 6, 29), date(2017, 7, 1), "day", False),
        ("May 29, 2017 (TBC)", date(2017, 5, 29), date(2017, 5, 29), "day", True),
        ("July 2017 (TBC)", date(2017, 7, 1), date(2017, 7, 31), "month", True),
        (
            "September 2017 (exact dates to be confirmed)",
            date(2017, 9, 1),
            date(2017, 9, 30),
            "month",
            True,
        ),
        (
            "Second/Third Quarter of 2017 (TBC)",
            date(2017, 4, 1),
            date(2017, 9, 30),
            "quarter",
            True,
        ),
        ("Second Half of 2017 (TBC)", date(2017, 7, 1), date(2017, 12, 31), "half", True),
        ("TBC", None, None, "unknown", True),
        ("6 -7 July, 2017", date(2017, 7, 6), date(2017, 7, 7), "day", False),
        ("December 30, 2017 - January 2, 2018", date(2017, 12, 30), date(2018, 1, 2), "day", False),
        ("Nov. 6-8, 2017", date(2017, 11, 6), date(2017, 11, 8), "day", False),
        ("February\u00a028,\u00a02017", date(2017, 2, 28), date(2017, 2, 28), "day", False),
        ("2018", date(2018, 1, 1), date(2018, 12, 31), "year", False),
        # The overview's past events (Rabat Process).
        (
            "November 30 \u2013 1 December, 2016",
            date(2016, 11, 30),
            date(2016, 12, 1),
            "day",
            False,
        ),
    ],
)
def test_calendar_forms(text, start, end, precision, tentative):
    span = parse_date_span(text)
    assert (span.start, span.end, span.precision, span.tentative) == (
        start,
        end,
        precision,
        tentative,
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "February 30, 2017",
        "March 9-2, 2017",
        "Fifth Quarter of 2017",
        "Third Half of 2017",
    ],
)
def test_unreadable_text_raises(text):
    with pytest.raises(DateParseError):
        parse_date_span(text)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@given(days, st.integers(min_value=0, max_value=40), st.booleans(), st.booleans())
def test_day_ranges_round_trip(first, length, month_first, tbc):
    last = first + timedelta(days=length)
    if month_first:
        left = f"{first:%B} {first.day}" + (f", {first.year}" if first.year != last.year else "")
        right = (
            f"{last.day}"
            if (first.year, first.month) == (last.year, last.month)
            else f"{last:%B} {last.day}"
        )
        single = f"{first:%B} {first.day}, {first.year}"
        text = f"{left} \u2013 {right}, {last.year}" if length else single
    else:
        left = (
            f"{first.day}"
            if (first.year, first.month) == (last.year, last.month)
            else (f"{first.day} {first:%B}" + (f" {first.year}" if first.year != last.year else ""))
        )
        single = f"{first.day} {first:%B} {first.year}"
        text = f"{left}-{last.day} {last:%B} {last.year}" if length else single
    if tbc:
        text += " (TBC)"
    span = parse_date_span(text)
    assert (span.start, span.end, span.tentative) == (first, last, tbc)
    assert span.precision == "day"


@given(days)
def test_month_covers_whole_month(day):
    span = parse_date_span(f"{day:%B %Y}")
    assert span.start == day.replace(day=1)
    assert span.end.month == day.month and (span.end + timedelta(days=1)).day == 1


@given(st.integers(min_value=1990, max_value=2040), st.integers(min_value=1, max_value=4))
def test_quarters_tile_the_year(year, quarter):
    name = ["First", "Second", "Third", "Fourth"][quarter - 1]
    span = parse_date_span(f"{name} Quarter of {year}")
    assert span.start == date(year, 3 * quarter - 2, 1)
    assert (span.end + timedelta(days=1)) == (
        date(year, 3 * quarter + 1, 1) if quarter < 4 else date(year + 1, 1, 1)
    )
