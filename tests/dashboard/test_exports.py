"""Exports: the .ics file holds exact-day meetings only; the workbook holds every table."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from icalendar import Calendar

from dashboard.exports import meetings_ics, workbook


def meetings(**rows: dict) -> pd.DataFrame:
    base = {
        "title": "T",
        "start_date": "",
        "end_date": "",
        "date_text": "TBC",
        "date_precision": "unknown",
        "tentative": False,
        "location_text": "",
        "mechanisms": "IGC",
    }
    return pd.DataFrame([base | {"meeting_id": k} | v for k, v in rows.items()])


def test_ics_has_exact_days_only_with_an_exclusive_end_and_tentative_status():
    frame = meetings(
        a={
            "start_date": "2017-06-29",
            "end_date": "2017-07-01",
            "date_precision": "day",
            "date_text": "June 29 – July 1, 2017",
            "title": "Across months",
            "location_text": "Geneva, Switzerland",
        },
        b={
            "start_date": "2017-07-01",
            "end_date": "2017-07-31",
            "date_precision": "month",
            "tentative": True,
            "date_text": "July 2017 (TBC)",
        },
        c={
            "start_date": "2017-03-02",
            "end_date": "2017-03-02",
            "date_precision": "day",
            "tentative": True,
            "date_text": "March 2, 2017 (TBC)",
        },
        d={},
    )
    data, left_out = meetings_ics(frame)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert left_out == 2
    assert [str(e["summary"]) for e in events] == ["Across months", "T"]
    first, second = events
    assert first.decoded("dtstart").isoformat() == "2017-06-29"
    assert first.decoded("dtend").isoformat() == "2017-07-02"  # all-day DTEND is exclusive
    assert str(first["location"]) == "Geneva, Switzerland"
    assert "June 29 – July 1, 2017" in str(first["description"])
    assert (str(first["status"]), str(second["status"])) == ("CONFIRMED", "TENTATIVE")


def test_ics_keeps_markup_in_titles_as_text():
    frame = meetings(
        a={
            "start_date": "2017-01-01",
            "end_date": "2017-01-01",
            "date_precision": "day",
            "title": "<b>Meeting</b>; a, b",
        }
    )
    event = Calendar.from_ical(meetings_ics(frame)[0]).walk("VEVENT")[0]
    assert str(event["summary"]) == "<b>Meeting</b>; a, b"


def test_workbook_has_a_sheet_per_table_with_every_row():
    tables = {
        "meetings": pd.DataFrame({"a": [1, 2]}),
        "a_table_name_longer_than_thirty_one_chars": pd.DataFrame({"b": ["x"]}),
    }
    book = openpyxl.load_workbook(io.BytesIO(workbook(tables)))
    assert book.sheetnames == ["meetings", "a_table_name_longer_than_thirty"]
    assert book["meetings"].max_row == 3
