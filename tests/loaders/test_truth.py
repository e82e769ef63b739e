"""The build against hand-read truth files (tests/loaders/truth/, read from data/raw)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

TRUTH = Path(__file__).parent / "truth"
EVENT_COLUMNS = [
    "process_id",
    "date_text",
    "start_date",
    "end_date",
    "year",
    "month",
    "city",
    "iso3",
    "source_line",
    "note",
]


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), "").astype(str)


@pytest.fixture(scope="module")
def event_pairs(built) -> list[tuple[dict, dict]]:
    truth = pd.read_csv(TRUTH / "process_events.csv", dtype=str, keep_default_na=False)
    events = _as_text(built.tables["process_events"])
    assert len(events) == len(truth), "the build has a different number of past events"
    return list(zip(truth.to_dict("records"), events.to_dict("records"), strict=True))


def test_every_past_event_matches_the_hand_reading_row_for_row(event_pairs):
    wrong = [
        (t["process_id"], t["date_text"], column, t[column], e[column])
        for t, e in event_pairs
        for column in EVENT_COLUMNS
        if t[column] != e[column]
    ]
    assert wrong == []


def test_every_past_event_title_holds_the_words_read(event_pairs):
    wrong = [(t["title"], e["title"]) for t, e in event_pairs if t["title"] not in e["title"]]
    assert wrong == []


REPORT_MEETING_COLUMNS = [
    "report_meeting_id",
    "source",
    "source_lines",
    "context",
    "date_text",
    "start_date",
    "end_date",
    "date_precision",
    "tentative",
    "city",
    "venue",
    "iso3",
    "process_ids",
    "for_all_mechanisms",
]


@pytest.fixture(scope="module")
def report_meeting_pairs(built) -> list[tuple[dict, dict]]:
    truth = pd.read_csv(TRUTH / "report_meetings.csv", dtype=str, keep_default_na=False)
    found = _as_text(built.tables["report_meetings"])
    found["tentative"] = found.tentative.str.lower()
    found["for_all_mechanisms"] = found.for_all_mechanisms.str.lower()
    assert len(found) == len(truth), "the build has a different number of report meetings"
    return list(zip(truth.to_dict("records"), found.to_dict("records"), strict=True))


def test_every_report_meeting_matches_the_hand_reading_row_for_row(report_meeting_pairs):
    wrong = [
        (t["report_meeting_id"], column, t[column], f[column])
        for t, f in report_meeting_pairs
        for column in REPORT_MEETING_COLUMNS
        if t[column] != f[column]
    ]
    assert wrong == []


def test_every_report_meeting_title_holds_the_words_read(report_meeting_pairs):
    wrong = [
        (t["title"], f["title"])
        for t, f in report_meeting_pairs
        if t["title"].casefold() not in f["title"].casefold()
    ]
    assert wrong == []


def test_report_meetings_the_calendar_lists_are_linked_to_its_row_and_no_other(built):
    truth = pd.read_csv(TRUTH / "report_meetings.csv", dtype=str, keep_default_na=False)
    sources = built.tables["meeting_sources"]
    linked = sources[
        sources.described_id.isin(truth.report_meeting_id) & (sources.link != "own row")
    ]
    assert dict(zip(linked.described_id, linked.meeting_id, strict=True)) == {
        row.report_meeting_id: row.calendar_meeting
        for row in truth.itertuples()
        if row.calendar_meeting
    }
