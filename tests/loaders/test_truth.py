"""The build against hand-read truth files (tests/loaders/truth/, read from data/raw)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

TRUTH = Path(__file__).parent / "truth"
EVENT_COLUMNS = ["process_id", "date_text", "start_date", "end_date", "year", "month", "city",
                 "iso3", "source_line", "note"]


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame.notna(), "").astype(str)


@pytest.fixture(scope="module")
def event_pairs(built) -> list[tuple[dict, dict]]:
    truth = pd.read_csv(TRUTH / "process_events.csv", dtype=str, keep_default_na=False)
    events = _as_text(built.tables["process_events"])
    assert len(events) == len(truth), "the build has a different number of past events"
    return list(zip(truth.to_dict("records"), events.to_dict("records"), strict=True))


def test_every_past_event_matches_the_hand_reading_row_for_row(event_pairs):
    wrong = [(t["process_id"], t["date_text"], column, t[column], e[column])
             for t, e in event_pairs for column in EVENT_COLUMNS if t[column] != e[column]]
    assert wrong == []


def test_every_past_event_title_holds_the_words_read(event_pairs):
    wrong = [(t["title"], e["title"]) for t, e in event_pairs if t["title"] not in e["title"]]
    assert wrong == []
