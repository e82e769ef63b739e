"""Cached access to data/processed: every table is read once per server process."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

PROCESSED = Path(__file__).resolve().parents[1] / "data" / "processed"
BOOLEAN_COLUMNS = {"tentative", "for_all_mechanisms", "open_to_all", "worldwide"}


@st.cache_data(show_spinner=False)
def table(name: str) -> pd.DataFrame:
    """One processed table; text stays text ("" for empty), booleans are booleans."""
    frame = pd.read_csv(PROCESSED / f"{name}.csv", dtype=str, keep_default_na=False)
    for column in BOOLEAN_COLUMNS & set(frame.columns):
        frame[column] = frame[column].eq("true")
    return frame


@st.cache_data(show_spinner=False)
def membership_counts(roles: tuple[str, ...] = ("member",)) -> pd.DataFrame:
    """Per country: how many mechanisms it takes part in with one of `roles`, and which."""
    m = table("memberships")
    p = table("processes")[["process_id", "acronym", "name"]]
    c = table("countries")[["iso3", "name"]].rename(columns={"name": "country"})
    m = m[m.role.isin(roles)].merge(p, on="process_id")
    m["label"] = m.acronym.where(m.acronym != "", m.name)
    grouped = m.groupby("iso3").agg(mechanisms=("process_id", "nunique"),
                                    names=("label", lambda s: ", ".join(sorted(set(s)))))
    return grouped.reset_index().merge(c, on="iso3", how="left")


@st.cache_data(show_spinner=False)
def headline_figures() -> dict[str, int]:
    """The overview's headline numbers."""
    members = table("memberships")
    return {
        "Mechanisms": len(table("processes")),
        "Countries and territories": members.iso3.nunique(),
        "2017 meetings": len(table("meetings")),
        "USCIS engagements": len(table("engagements")),
    }


@st.cache_data(show_spinner=False)
def meetings_per_month() -> pd.DataFrame:
    """2017 meetings by start month; meetings without a month are counted as "Undated"."""
    m = table("meetings")
    month = pd.to_datetime(m.start_date.where(m.date_precision.isin(["day", "month"])),
                           errors="coerce").dt.strftime("%m %b")
    m = m.assign(month=month.fillna("13 Undated or wider"),
                 dated=m.date_precision.map(lambda p: "exact day" if p == "day"
                                            else "month only" if p == "month"
                                            else "quarter, half-year or TBC"))
    out = m.groupby(["month", "dated"]).size().rename("meetings").reset_index()
    out["month_label"] = out.month.str[3:]
    return out.sort_values("month")
