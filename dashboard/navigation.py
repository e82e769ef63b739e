"""The app's pages, in menu order.

Pages link to each other by file path (OVERVIEW, MEMBERSHIP, ...): `st.page_link` accepts a path
and looks the page up among the ones this run registered. The `st.Page` objects themselves are
built by `pages()` on every run: a Page carries per-run state (st.navigation marks the one it
returns as callable once), so Page objects shared at module level let two sessions running the
same page at once trip over each other ("This page cannot be called directly").
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"

# (file name in pages/ = URL path, menu title); the first is the default page.
MENU: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("membership", "Membership map"),
    ("meetings", "Meetings"),  # titled by the calendars' years: see pages()
    ("engagements", "USCIS engagements"),
    ("country", "Country profile"),
    ("mechanism", "Mechanism profile"),
    ("documents", "Documents"),
    ("data", "Data"),
)

OVERVIEW = PAGES_DIR / "overview.py"
MEMBERSHIP = PAGES_DIR / "membership.py"
MEETINGS = PAGES_DIR / "meetings.py"
ENGAGEMENTS = PAGES_DIR / "engagements.py"
COUNTRY = PAGES_DIR / "country.py"
MECHANISM = PAGES_DIR / "mechanism.py"
DOCUMENTS = PAGES_DIR / "documents.py"
DATA = PAGES_DIR / "data.py"


def pages() -> list[st.Page]:
    """Fresh Page objects for this run, in menu order (the first is the default)."""
    # No page icons: Streamlit turns the current page's icon into the favicon and fetches a
    # Material icon's SVG from the internet for it.
    return [
        st.Page(str(PAGES_DIR / f"{name}.py"), title=title, url_path=name, default=index == 0)
        for index, (name, title) in enumerate(menu())
    ]


def menu() -> list[tuple[str, str]]:
    """(URL path, menu title) of every page, in order; the meetings page is titled by the
    calendars' years ("2017 meetings")."""
    titles = {"meetings": data.meetings_title()}
    return [(name, titles.get(name, title)) for name, title in MENU]
