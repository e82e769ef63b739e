"""File exports: meetings as an iCalendar file, every table as one Excel workbook."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pandas as pd
from icalendar import Calendar, Event

from loaders.rows import cell_text

PRODID = "-//Migration diplomacy dashboard//ISCM meetings//EN"


def exact_days(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings whose exact days are known (the ones a calendar file can hold)."""
    return meetings[meetings.date_precision.eq("day") & meetings.start_date.ne("")]


def undated_for_calendar(meetings: pd.DataFrame) -> int:
    """How many meetings an .ics export leaves out for want of exact days."""
    return len(meetings) - len(exact_days(meetings))


def meetings_ics(meetings: pd.DataFrame) -> tuple[bytes, int]:
    """(an .ics calendar of the meetings whose exact days are known, how many were left out).

    One all-day event per meeting; tentative ones carry STATUS:TENTATIVE. Meetings known only to
    a month, quarter or half-year, or not dated, are left out: a calendar entry would state a day
    the source does not give. They stay in the CSV export.
    meetings: one row per meeting (meeting_id, title, start_date, end_date, date_text,
    date_precision, tentative, location_text, mechanisms). The calendar's name gives the
    years of the meetings' start dates.
    """
    exact = exact_days(meetings)
    years = sorted({int(d[:4]) for d in exact.start_date})
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", " ".join(["ISCM meetings", *calendar_years(years)]))
    for row in exact.itertuples():
        event = Event()
        event.add("uid", f"{row.meeting_id}@iscm-calendar")
        event.add("summary", row.title)
        start = cell_text(row.start_date)
        event.add("dtstart", date.fromisoformat(start))
        event.add("dtend", date.fromisoformat(cell_text(row.end_date) or start) + timedelta(days=1))
        # A fixed stamp (the first day of the earliest year) keeps the file reproducible.
        event.add("dtstamp", pd.Timestamp(f"{years[0]}-01-01", tz="UTC").to_pydatetime())
        if row.location_text:
            event.add("location", row.location_text)
        event.add("description", f"{row.mechanisms}\nDate as written: {row.date_text}")
        event.add("status", "TENTATIVE" if row.tentative else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical(), len(meetings) - len(exact)


def calendar_years(years: list[int]) -> list[str]:
    """The years of a calendar file's name: ["2017"], ["2017–2018"], [] for none."""
    if not years:
        return []
    return [str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"]


def workbook(tables: dict[str, pd.DataFrame]) -> bytes:
    """One .xlsx workbook with a sheet per table (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
