"""The app's pages, in menu order; pages link to each other through these objects."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"


def _page(name: str, title: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(str(PAGES_DIR / f"{name}.py"), title=title, icon=icon, url_path=name,
                   default=default)


OVERVIEW = _page("overview", "Overview", ":material/public:", default=True)
MEMBERSHIP = _page("membership", "Membership map", ":material/map:")
MEETINGS = _page("meetings", "2017 meetings", ":material/calendar_month:")
ENGAGEMENTS = _page("engagements", "USCIS engagements", ":material/handshake:")
COUNTRY = _page("country", "Country profile", ":material/flag:")
MECHANISM = _page("mechanism", "Mechanism profile", ":material/hub:")
DOCUMENTS = _page("documents", "Documents", ":material/description:")
DATA = _page("data", "Data", ":material/table:")
ALL = [OVERVIEW, MEMBERSHIP, MEETINGS, ENGAGEMENTS, COUNTRY, MECHANISM, DOCUMENTS, DATA]
