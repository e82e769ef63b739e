"""Past events on the mechanism profile: date order, integer years, where they were held.

Expected values are read from data/raw/iscm_overview.txt (the MME, Khartoum Process and EU-LAC
Meetings cells, lines 112, 109 and 88)."""

from __future__ import annotations

import json

from dashboard import data
from tests.dashboard.test_pages import open_page


def test_events_come_oldest_first_with_a_year_only_event_first_in_its_year():
    events = data.past_events("khartoum-process")
    # December 2016: "convenes Steering Committee and Senior Officials Meeting", two meetings.
    assert list(events.date_text) == ["24 November 2015", "December 2016", "December 2016", "2017"]
    assert str(events.year.dtype) == "Int64" and list(events.year) == [2015, 2016, 2016, 2017]
    assert events.month.isna().tolist() == [False, False, False, True]


def test_two_summits_written_in_one_bullet_are_listed_apart_in_date_order():
    events = data.past_events("mme")
    assert list(events.date_text) == [
        "8 December – 9 December 2007",
        "15-17 September 2010",
        "29–30 November 2010",
        "27 - 28 November, 2013",
        "April 02-03, 2014",
    ]
    assert list(events.place) == [
        "Lisbon, Portugal",
        "Brussels, Belgium",
        "Tripoli, Libya",
        "Brussels, Belgium",
        "Brussels, Belgium",
    ]


def test_hosts_count_events_per_country_and_leave_out_unknown_places():
    hosts = data.past_event_hosts("mme").set_index("iso3")
    assert hosts.events.to_dict() == {"BEL": 3, "LBY": 1, "PRT": 1}
    assert hosts.band.to_dict() == {"BEL": "2–3 events", "LBY": "1 event", "PRT": "1 event"}
    # EU-LAC: the 1999 meeting names no place, so three of four events are drawn.
    assert set(data.past_event_hosts("eu-lac").iso3) == {"PER", "BEL", "ESP"}


def _drawn_countries(chart) -> set[str]:
    spec = json.loads(chart.proto.spec)
    return {code for trace in spec["data"] for code in trace.get("customdata") or []}


def test_mechanism_profile_lists_past_events_and_maps_where_they_were_held():
    at = open_page("mechanism", mechanism_profile="MME (Africa-EU)")
    assert not at.exception
    listed = next(m.value for m in at.markdown if m.value.startswith("- **"))
    lines = listed.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("- **8 December – 9 December 2007**")
    assert lines[-1].startswith("- **April 02\\-03, 2014**")
    assert "country not written in the source" in lines[-1]
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # who takes part, where past events were held
    assert _drawn_countries(charts[1]) == {"BEL", "LBY", "PRT"}


def test_a_mechanism_without_a_meetings_column_says_so():
    at = open_page("mechanism", mechanism_profile="Bali Process")
    assert not at.exception
    assert any("no past events" in c.value for c in at.caption)
