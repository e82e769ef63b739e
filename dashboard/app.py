"""Entry point: a router over the pages in pages/, with the shared sidebar filters and the
display mode (standard, or presentation mode for screenshots: ?mode=present). When sign-in is
configured (dashboard/signin.py), a visitor who is not signed in gets only the sign-in page."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import charts, data, filters, navigation, signin  # noqa: E402

# The options are the URL words themselves (?mode=present): a bound widget's URL value is its
# option's label.
MODES = ["standard", "present"]

present = st.query_params.get(charts.PRESENT_KEY) == "present"
st.set_page_config(
    page_title="Migration diplomacy dashboard",
    layout="wide",
    initial_sidebar_state="collapsed" if present else "auto",
    menu_items={
        "Get help": None,
        "Report a bug": None,
        "About": "Migration diplomacy dashboard: mechanisms, "
        "meetings and USCIS engagements, from five documents.",
    },
)
access = signin.visitor_access()
# The gate comes before any table is read or any page or sidebar is drawn: a visitor who may not
# see the dashboard receives nothing from it, on any URL.
if access in signin.KEPT_OUT:
    st.navigation(signin.gate_pages(access), position="hidden").run()
    st.stop()
page = st.navigation(navigation.pages())
if access is signin.Access.SIGNED_IN:
    signin.account()
if missing := data.missing_tables():
    st.error(
        f"The data tables are not built yet ({len(missing)} missing, e.g. "
        f"{missing[0]}.csv). Run `make data` (or `python -m loaders build`) and reload."
    )
    st.stop()
filters.sidebar()
with st.sidebar:
    mode = st.radio(
        "Display",
        MODES,
        key=charts.PRESENT_KEY,
        bind="query-params",
        captions=["", "slides: one chart a screen"],
        help="Presentation mode fits each chart to one screen (the slide size "
        'below), puts each page\'s controls under "Options", collapses '
        "this sidebar and enlarges chart text; the PNG button stays on each "
        "chart's toolbar.",
    )
    if mode == "present":
        # Drawn here, before the page, so the choice holds on every page.
        st.radio(
            "Slide size",
            list(charts.SCREENS),
            key=charts.SCREEN_KEY,
            bind="query-params",
            horizontal=True,
            help="The screen each chart fits in presentation mode, one chart a screen.",
        )
page.run()
