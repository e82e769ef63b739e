"""The build against the hand-read truth for the USCIS engagements (tests/loaders/truth/,
written from the source before the loader was changed): every row, every column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

TRUTH = Path(__file__).parent / "truth"


def _truth(name: str) -> pd.DataFrame:
    return pd.read_csv(TRUTH / f"{name}.csv", dtype=str, keep_default_na=False)


def _as_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame[columns].astype("string").fillna("").astype(str)
    return out.sort_values(columns).reset_index(drop=True)


@pytest.mark.parametrize("table", ["engagement_partners", "engagement_roles"])
def test_build_matches_the_hand_read_truth_row_for_row(built, table):
    truth = _truth(table)
    columns = list(truth.columns)
    built_rows = _as_text(built.tables[table], columns)
    truth_rows = _as_text(truth, columns)
    merged = built_rows.merge(truth_rows, how="outer", indicator=True)
    wrong = merged[merged._merge != "both"]
    assert wrong.empty, "rows differ (left_only: build, right_only: truth):\n" + wrong.to_string()
    assert len(built_rows) == len(truth_rows)


def test_every_engagement_has_truth_rows(built):
    ids = set(built.tables["engagements"].engagement_id)
    assert set(_truth("engagement_partners").engagement_id) == ids
    assert set(_truth("engagement_roles").engagement_id) == ids
    assert set(_truth("engagement_schedules").engagement_id) == ids


def test_schedules_match_the_hand_read_truth(built):
    columns = ["engagement_id", "frequency", "meetings_per_year", "schedule_note"]
    assert _as_text(built.tables["engagements"], columns).equals(
        _as_text(_truth("engagement_schedules"), columns)
    )
