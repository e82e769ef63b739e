"""Every page through the real router (dashboard/app.py): renders without an exception,
filters change the counts they should, URL query parameters set the filters."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
PAGES = [
    "overview",
    "membership",
    "meetings",
    "engagements",
    "country",
    "mechanism",
    "documents",
    "data",
]


def open_page(name: str, **query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(f"../pages/{name}.py").run()


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    at = open_page(page)
    assert not at.exception
    assert at.title, f"{page} has no title"


def test_overview_headlines_come_from_the_tables(built):
    at = open_page("overview")
    values = {m.label: m.value for m in at.metric}
    assert values["Mechanisms"] == str(len(built.tables["processes"]))
    assert values["2017 meetings"] == str(len(built.tables["meetings"]))
    assert values["USCIS engagements"] == str(len(built.tables["engagements"]))


def test_overview_role_switch_changes_the_map():
    at = open_page("overview")
    members_only = at.get("plotly_chart")[0].proto.spec
    at.radio(key="overview_roles").set_value("Members, observers and partners").run()
    assert at.get("plotly_chart")[0].proto.spec != members_only
    assert not at.exception


def _memberships(built, regions: list[str], roles: list[str]) -> pd.DataFrame:
    p = built.tables["processes"]
    m = built.tables["memberships"]
    ids = p.loc[p.region.isin(regions), "process_id"] if regions else p.process_id
    return m[m.process_id.isin(ids) & m.role.isin(roles)]


@pytest.mark.parametrize("headings", [[], ["Africa"], ["Africa", "Asia and Oceania"]])
def test_overview_heading_filter_from_the_url_changes_membership_counts(built, headings):
    at = open_page("membership", heading=headings) if headings else open_page("membership")
    expected = _memberships(built, headings, ["member", "observer", "partner"])
    p = built.tables["processes"]
    picked = int(p.region.isin(headings).sum()) if headings else len(p)
    shown = expected.process_id.nunique()
    # Mechanisms with no country in these roles (open to all, no country list) have no row:
    # the line says how many of the picked ones it counts.
    mechanisms = f"{shown} mechanisms" if shown == picked else f"{shown} of the {picked} mechanisms"
    assert at.multiselect(key="heading").value == headings
    assert (
        f"**{expected.iso3.nunique()} countries, {len(expected)} memberships, {mechanisms}**"
    ) in texts(at)


def test_unknown_url_value_is_named_in_a_notice(built):
    at = open_page("membership", region=["Atlantis"])
    assert at.multiselect(key="region").value == []
    assert [w.value for w in at.warning] == [
        "No region called 'Atlantis': left out of the filters."
    ]
    assert not at.exception


def test_filter_that_matches_nothing_says_so():
    # URL values are the labels the widgets show ("Global processes", "Member").
    at = open_page("membership", kind=["Global processes"], roles=["Member"])
    assert "No memberships match the current filters" in texts(at)
    assert not at.exception


def test_reset_clears_the_shared_filters():
    at = open_page("membership", region=["Africa"], theme=["Trafficking in persons"])
    at.button(key="reset_filters").click().run()
    assert at.multiselect(key="region").value == []
    assert at.multiselect(key="theme").value == []


def test_meetings_status_filter(built):
    m = built.tables["meetings"]
    at = open_page("meetings")
    assert f"**{len(m)} meetings**" in texts(at)
    at.selectbox(key="status").set_value("tentative").run()
    assert f"**{int(m.tentative.sum())} meetings**" in texts(at)


def test_meetings_host_filter_from_the_url(built):
    m = built.tables["meetings"]
    at = open_page("meetings", host=["Switzerland"])
    assert f"**{int((m.iso3 == 'CHE').sum())} meetings**" in texts(at)


def test_engagements_office_filter(built):
    e = built.tables["engagements"]
    at = open_page("engagements")
    assert {m.label: m.value for m in at.metric}["Engagements"] == str(len(e))
    at.multiselect(key="office").set_value(["APAC"]).run()
    assert {m.label: m.value for m in at.metric}["Engagements"] == str(
        int((e.office == "APAC").sum())
    )


def test_engagements_that_meet_nowhere_draw_without_error(built):
    # The one engagement with the Asylum Division Chief names no country: no map of places.
    roles = built.tables["engagement_roles"]
    chief = set(roles.loc[roles.role == "Asylum Division Chief", "engagement_id"])
    assert len(chief) == 1 and not chief & set(built.tables["engagement_countries"].engagement_id)
    at = open_page("engagements")
    at.multiselect(key="staff").set_value(["Asylum Division Chief"]).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Engagements"] == "1"


def test_country_profile_from_the_url(built):
    m = built.tables["memberships"]
    at = open_page("country", country="Mexico")
    values = {x.label: x.value for x in at.metric}
    assert values["Mechanisms as member"] == str(
        int(((m.iso3 == "MEX") & (m.role == "member")).sum())
    )


def test_mechanism_profile_from_the_url(built):
    at = open_page("mechanism", mechanism_profile="PIDC")
    assert at.selectbox(key="mechanism_profile").value == "pidc"
    assert "Pacific Immigration" in "\n".join(s.value for s in at.subheader)


def test_data_page_shows_chosen_table(built):
    at = open_page("data")
    at.selectbox(key="table").set_value("meetings").run()
    assert f"{len(built.tables['meetings'])} rows" in texts(at)


def test_presentation_mode_keeps_only_the_png_button():
    at = open_page("overview", mode="present")
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["displayModeBar"] == "hover"
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["toImageButtonOptions"]["format"] == "png"
    standard = json.loads(open_page("overview").get("plotly_chart")[0].proto.config)
    assert "modeBarButtons" not in standard and standard["displayModeBar"] == "hover"


@pytest.mark.parametrize(("screen", "height"), [("1280x720", 720), ("1920x1080", 1080)])
def test_presentation_mode_fits_every_chart_to_the_screen(screen, height):
    # A slide is the screen less Streamlit's top padding, the compact header and a row of
    # links: every chart on the page is that high, whatever its own height would be.
    for page in ("overview", "meetings", "membership"):
        at = open_page(page, mode="present", screen=screen)
        assert not at.exception
        heights = {json.loads(c.proto.spec)["layout"]["height"] for c in at.get("plotly_chart")}
        assert heights == {height - 220}, (page, heights)
        # The title is one compact line; the page's controls are in the "Options" popover.
        assert not at.title


def test_source_text_is_never_rendered_as_html():
    code = [p.read_text() for p in (ROOT / "pages").glob("*.py")]
    code += [p.read_text() for p in (ROOT / "dashboard").glob("*.py")]
    assert not any("unsafe_allow_html" in c or "st.html(" in c for c in code)


def test_missing_tables_say_what_to_do(monkeypatch, tmp_path):
    from dashboard import data, navigation

    monkeypatch.setattr(data, "PROCESSED", tmp_path)
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert "make data" in at.error[0].value
    assert dict(navigation.menu())["meetings"] == "Meetings"
    # Once the build has run, the menu names the years (nothing cached the missing table).
    monkeypatch.setattr(data, "PROCESSED", ROOT / "data" / "processed")
    assert dict(navigation.menu())["meetings"] == "2017 meetings"


def test_documents_page_says_how_the_bali_status_is_derived():
    at = open_page("documents")
    captions = "\n".join(c.value for c in at.caption)
    assert (
        "How the status is derived: from what each action's own status text says about "
        "the action itself — completed if what it set out to deliver has been delivered"
    ) in captions
    table = at.dataframe[0].value
    assert table.columns.tolist() == [
        "Item",
        "Action",
        "Who",
        "Status",
        "Evidence",
        "Status text as written",
        "Who note",
        "Footnote",
        "Heading",
    ]
    # 4.1's status ends with its last sentence; the page footnote has a column of its own.
    avrr = table.set_index("Item").loc["4.1"]
    assert avrr["Status text as written"].endswith("between July 2016 and June 2017.")
    assert avrr["Footnote"].startswith("1 1 https://thailand.iom.int/")
    # The Consultation Mechanism was convened for the first time: completed (source line 226).
    assert table.set_index("Item").loc["6.3", "Status"] == "completed"


def test_selecting_a_bali_action_shows_its_source_lines():
    at = open_page("documents")
    assert not at.code
    at.session_state["bali_table_rows"] = {"selection": {"rows": [14], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    # Row 15 is action 3.3, read from lines 216 and 218 of the report.
    shown = at.code[0].value
    assert shown.startswith("216: 2.5 Develop training materials and pilot workshop")
    assert "\n\n218: 3.4 Quick Reference Guide for Frontline Officers" in shown
    assert "line 216, 218" in "\n".join(c.value for c in at.caption).replace("lines", "line")


def test_selecting_a_row_on_the_data_page_shows_its_source_line():
    at = open_page("data", table="processes")
    at.session_state["data_processes_rows"] = {
        "selection": {"rows": [0], "columns": [], "cells": []}
    }
    at.run()
    assert not at.exception
    # The Budapest Process, line 12 of the overview: its HTML shows as the characters written.
    assert at.code[0].value.startswith("12: <p><i>Budapest Process</i></p>")
    assert "Read from data/raw/iscm_overview.txt" in "\n".join(c.value for c in at.caption)


def test_selecting_a_reject_shows_the_line_it_came_from(monkeypatch, tmp_path):
    # The shipped sources leave no reject, so the test gives the page a rejects table of one
    # row pointing at line 100 of the overview (the ACP row).
    import shutil

    import streamlit as st

    from dashboard import data

    processed = tmp_path / "processed"
    shutil.copytree(data.PROCESSED, processed)
    pd.DataFrame(
        [
            {
                "source": "iscm_overview.txt",
                "line": "100",
                "field": "participants",
                "text": "79 ACP Member States",
                "reason": "made up for this test",
            }
        ]
    ).to_csv(processed / "rejects.csv", index=False)
    monkeypatch.setattr(data, "PROCESSED", processed)
    st.cache_data.clear()
    try:
        at = open_page("data")
        at.session_state["data_rejects_rows"] = {
            "selection": {"rows": [0], "columns": [], "cells": []}
        }
        at.run()
        assert at.code[-1].value.startswith("100: <p>The African, Caribbean and Pacific Group")
    finally:
        st.cache_data.clear()


def test_source_panel_shows_markup_as_plain_text(monkeypatch, tmp_path):
    from dashboard import data

    (tmp_path / "markup_test.txt").write_text("first\n<b>bold</b> **not bold** [link](x)\n")
    monkeypatch.setattr(data, "RAW", tmp_path)
    data.raw_lines.clear()

    def script():
        import pandas as pd

        from dashboard import ui

        ui.source_panel("rejects", pd.Series({"source": "markup_test.txt", "line": "2"}))

    try:
        at = AppTest.from_function(script).run()
        assert at.code[0].value == "2: <b>bold</b> **not bold** [link](x)"
        assert at.code[0].proto.language == "plaintext"
        assert not any("bold" in m.value for m in at.markdown)
    finally:
        data.raw_lines.clear()
