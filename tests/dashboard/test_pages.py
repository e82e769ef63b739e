"""Every page renders without an exception; controls change what they should."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [str(ROOT / "pages" / "overview.py"), str(ROOT / "pages" / "data.py")]
OVERVIEW, DATA = PAGES


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(page):
    at = AppTest.from_file(page, default_timeout=60).run()
    assert not at.exception


def test_overview_headlines_come_from_the_tables(built):
    at = AppTest.from_file(OVERVIEW, default_timeout=60).run()
    values = {m.label: m.value for m in at.metric}
    assert values["Mechanisms"] == str(len(built.tables["processes"]))
    assert values["2017 meetings"] == str(len(built.tables["meetings"]))


def test_overview_role_switch_counts_more_countries():
    at = AppTest.from_file(OVERVIEW, default_timeout=60).run()
    members_only = at.get("plotly_chart")[0].proto.spec
    at.radio(key="overview_roles").set_value("Members, observers and partners").run()
    with_observers = at.get("plotly_chart")[0].proto.spec
    assert members_only != with_observers
    assert not at.exception


def test_data_page_shows_chosen_table(built):
    at = AppTest.from_file(DATA, default_timeout=60).run()
    at.selectbox(key="data_table").set_value("meetings").run()
    assert any(f"{len(built.tables['meetings'])} rows" in m.value for m in at.markdown)
