"""Entry point: a router over the pages in pages/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

st.set_page_config(page_title="Migration diplomacy dashboard", layout="wide")

pages = [
    st.Page(str(ROOT / "pages" / "overview.py"), title="Overview", default=True,
            url_path="overview"),
    st.Page(str(ROOT / "pages" / "data.py"), title="Data", url_path="data"),
]
st.navigation(pages).run()
