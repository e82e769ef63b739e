"""The app's pages, in menu order; pages link to each other through these objects."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"


def _page(name: str, title: str, default: bool = False) -> st.Page:
    # No page icons: Streamlit turns the current page's icon into the favicon and fetches a
    # Material icon's SVG from the internet for it.
    return st.Page(str(PAGES_DIR / f"{name}.py"), title=title, url_path=name, default=default)


OVERVIEW = _page("overview", "Overview", default=True)
MEMBERSHIP = _page("membership", "Membership map")
MEETINGS = _page("meetings", "2017 meetings")
ENGAGEMENTS = _page("engagements", "USCIS engagements")
COUNTRY = _page("country", "Country profile")
MECHANISM = _page("mechanism", "Mechanism profile")
DOCUMENTS = _page("documents", "Documents")
DATA = _page("data", "Data")
ALL = [OVERVIEW, MEMBERSHIP, MEETINGS, ENGAGEMENTS, COUNTRY, MECHANISM, DOCUMENTS, DATA]
