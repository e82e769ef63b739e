"""The dashboard takes its years from the data: built with the 2017 calendar and the made-up
2018 one (tests/loaders/calendars/), both show side by side; built with the 2018 one alone, no
title, axis, page name or file name says 2017.

Expected values are read from the two calendars: 62 meetings in 2017, 8 in 2018 (lines 6–16
of the made-up file; 4 with exact days, among them 2018-001 "Technology Working Group Meeting
on biometrics", 30 January – 1 February). With them come the meetings only the reports and the
overview describe (tests/loaders/truth/report_meetings.csv): 14 in 2017 (9 with exact days:
the RCM meeting of 6–7 July, seven of the Bali report's, ACP-EU's Council of 4–5 May), and
with the 2018 calendar the reports' five 2018 meetings (the RCM's fifth meeting in the first
quarter; the Bali report's 3rd National Training Directors meeting in July, the working
group's early 2018 meeting, the January training workshop and the TFPP's 2018 meeting, none
with exact days)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from icalendar import Calendar

from dashboard import data, exports, navigation
from dashboard.filters import Filters
from dashboard.views import meetings as meetings_view
from dashboard.views import overview as overview_view
from loaders.build import run, write_tables
from tests.dashboard.test_pages import open_page, texts
from tests.loaders.test_calendars import raw_dir


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """(raw, processed) for both years and for 2018 alone."""
    out = {}
    for name, with_2017 in (("both", True), ("2018", False)):
        root = tmp_path_factory.mktemp(name)
        raw = raw_dir(root, with_2017=with_2017)
        write_tables(run(raw).tables, root / "processed")
        out[name] = (raw, root / "processed")
    return out


def point_at(build: tuple[Path, Path], monkeypatch) -> None:
    raw, processed = build
    monkeypatch.setattr(data, "PROCESSED", processed)
    monkeypatch.setattr(data, "RAW", raw)
    st.cache_data.clear()


@pytest.fixture
def both(builds, monkeypatch):
    point_at(builds["both"], monkeypatch)
    yield
    st.cache_data.clear()


@pytest.fixture
def only_2018(builds, monkeypatch):
    point_at(builds["2018"], monkeypatch)
    yield
    st.cache_data.clear()


def spec(chart) -> dict:
    return json.loads(chart.proto.spec)


def hovers(chart) -> str:
    return json.dumps([t.get("customdata") for t in spec(chart)["data"]])


# ---------------------------------------------------------------- both years


def test_meetings_page_shows_both_years_and_a_year_choice(both):
    at = open_page("meetings")
    assert not at.exception
    assert at.selectbox(key="year").options == ["All years", "2018", "2017"]
    assert at.title[0].value == "2017–2018 meetings"
    assert "**89 meetings**" in texts(at)
    timeline = at.get("plotly_chart")[0]
    layout = spec(timeline)["layout"]
    assert layout["title"]["text"] == "<b>2017–2018 meetings by mechanism</b>"
    assert layout["xaxis"]["range"] == ["2017-01-01", "2019-01-01"]
    assert "Technology Working Group Meeting on biometrics" in hovers(timeline)
    assert "4th Ministerial Meeting" in hovers(timeline)  # 2017, line 7 (Abu Dhabi Dialogue)
    table = at.dataframe[-1].value
    assert table["Calendar"].value_counts().to_dict() == {2017: 62 + 14, 2018: 8 + 5}


def test_picking_a_year_shows_that_calendar_alone(both):
    at = open_page("meetings", year="2018")
    assert "**13 meetings**" in texts(at)
    timeline = at.get("plotly_chart")[0]
    assert spec(timeline)["layout"]["xaxis"]["range"] == ["2018-01-01", "2019-01-01"]
    assert spec(timeline)["layout"]["title"]["text"] == "<b>2018 meetings by mechanism</b>"
    at.selectbox(key="year").set_value("2017").run()
    assert "**76 meetings**" in texts(at)


def test_the_months_filter_applies_to_each_year(both):
    # January: 2018-001 (30 Jan – 1 Feb), 2018-003 (first quarter) and the 2017 January rows;
    # undated meetings always pass.
    view = meetings_view.meetings_view(Filters(), months=("Jan", "Jan"))
    ids = set(view.meetings.meeting_id)
    assert {"2018-001", "2018-003", "2018-007"} <= ids
    assert not {"2018-002", "2018-004", "2018-005", "2018-006", "2018-008"} & ids
    assert any(i.startswith("2017-") for i in ids)


def test_the_ics_file_holds_both_years_exact_days(both):
    view = meetings_view.meetings_view(Filters())
    ics, left_out = exports.meetings_ics(view.meetings)
    calendar = Calendar.from_ical(ics)
    # Exact days: 52 of the 2017 calendar's meetings and 9 the reports and the overview add,
    # 4 of 2018's (lines 6, 9, 10 and 16).
    assert (len(calendar.walk("VEVENT")), left_out) == (52 + 9 + 4, 89 - 65)
    assert str(calendar["x-wr-calname"]) == "ISCM meetings 2017–2018"
    starts = {e.decoded("dtstart").isoformat() for e in calendar.walk("VEVENT")}
    assert {"2018-01-30", "2018-04-23", "2018-06-28", "2018-10-10"} <= starts
    assert any(s.startswith("2017-") for s in starts)
    assert view.ics_file.startswith("2017-2018-meetings")


def test_overview_groups_months_by_year_and_month(both):
    view = overview_view.overview_view(Filters())
    labels = list(dict.fromkeys(view.per_month.month_label))
    assert labels[0] == "Jan 2017" and "Jan 2018" in labels and "Oct 2018" in labels
    assert labels[-1] == "Undated or wider"
    assert labels.index("Dec 2017") < labels.index("Jan 2018")
    assert view.headline["2017–2018 meetings"] == 89
    assert view.months.title == "2017–2018 meetings by month"


def test_the_page_name_names_both_years(both):
    titles = dict(navigation.menu())
    assert titles["meetings"] == "2017–2018 meetings"


# ---------------------------------------------------------------- another year alone


def words_on(at) -> list[str]:
    """Titles, headers, metric labels, page links, chart titles, subtitles, axis titles and
    ranges, and PNG file names of a rendered page."""
    found = [t.value for t in at.title] + [h.value for h in at.header]
    found += [s.value for s in at.subheader] + [m.label for m in at.metric]
    for chart in at.get("plotly_chart"):
        layout = spec(chart)["layout"]
        found.append(layout.get("title", {}).get("text", ""))
        found.append(layout.get("title", {}).get("subtitle", {}).get("text", ""))
        for axis in ("xaxis", "yaxis"):
            found.append(json.dumps(layout.get(axis, {})))
        found.append(json.loads(chart.proto.config)["toImageButtonOptions"]["filename"])
    return found


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("overview", {}),
        ("meetings", {}),
        ("meetings", {"colour": "Date known to"}),
        ("country", {"country": "Switzerland"}),
        ("mechanism", {"mechanism_profile": "IGC"}),
        ("engagements", {}),
    ],
)
def test_with_only_2018_nothing_says_2017(only_2018, page, query):
    at = open_page(page, **query)
    assert not at.exception
    shown = [w for w in words_on(at) if "2017" in w]
    assert shown == []
    assert any("2018" in w for w in words_on(at)) or page == "engagements"


def test_with_only_2018_page_names_and_file_names_say_2018(only_2018):
    titles = dict(navigation.menu())
    assert titles["meetings"] == "2018 meetings"
    view = meetings_view.meetings_view(Filters())
    files = [
        view.timeline.file_name,
        view.hosts.file_name,
        view.undated_file,
        view.table_file,
        view.ics_file,
    ]
    assert all(f.startswith("2018-meetings") for f in files), files
    ics = Calendar.from_ical(exports.meetings_ics(view.meetings)[0])
    assert str(ics["x-wr-calname"]) == "ISCM meetings 2018"
    months = overview_view.overview_view(Filters())
    assert months.months.file_name.startswith("2018-meetings-per-month")
    assert "2017" not in months.months.source
