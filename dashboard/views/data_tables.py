"""The data page: every processed table (as the registry lists them), the data dictionary and
the rejects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.words import count

ROOT = Path(__file__).resolve().parents[2]
DICTIONARY = ROOT / "data" / "README.md"
MAP_PROVENANCE = ROOT / "data" / "geo" / "README.md"


@dataclass
class DataView:
    """What the data page draws for one chosen table."""

    name: str
    table: pd.DataFrame
    rows_line: str  # "62 rows"
    with_source: bool  # a row can be selected to see the source lines it was read from
    csv_name: str
    dictionary: list[str]  # markdown documents: the data dictionary, the map provenance
    rejects: pd.DataFrame
    rejects_line: str


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def data_view(name: str) -> DataView:
    """The table `name` (one of data.table_names()), the dictionary and the rejects."""
    frame = data.table(name)
    rejects = data.table("rejects")
    return DataView(
        name=name,
        table=frame,
        rows_line=count(len(frame), "row"),
        with_source=bool(len(frame)) and data.row_provenance(name, frame.iloc[0]) is not None,
        csv_name=f"{name}.csv",
        dictionary=[
            DICTIONARY.read_text(encoding="utf-8"),
            MAP_PROVENANCE.read_text(encoding="utf-8"),
        ],
        rejects=rejects,
        rejects_line=f"{count(len(rejects), 'source row')} could not be loaded; each is "
        "explained in the data dictionary.",
    )


def table_names() -> list[str]:
    """The page's table choice: every table the build writes, in build order."""
    return data.table_names()


def workbook() -> bytes:
    """Every table in one Excel workbook (built once, when first asked for)."""
    return data.workbook()


def csv_bytes(name: str) -> bytes:
    """The processed CSV file of table `name`, as written by the build."""
    return (data.PROCESSED / f"{name}.csv").read_bytes()
