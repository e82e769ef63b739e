"""Chart helpers: title, subtitle, source and marking inside the figure; map traces; text."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import charts, data
from dashboard.settings import Settings


def annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_finish_puts_title_subtitle_and_source_in_the_figure(monkeypatch):
    monkeypatch.setattr(charts, "SETTINGS", Settings(marking="", as_of="2017"))
    fig = charts.finish(go.Figure(), "Title <x>", "Only Africa", "IOM")
    assert fig.layout.title.text == "<b>Title &lt;x&gt;</b>"
    assert fig.layout.title.subtitle.text == "Only Africa"
    assert annotations(fig) == ["Source: IOM. As of 2017."]


def test_marking_appears_on_every_chart_when_set(monkeypatch):
    monkeypatch.setattr(charts, "SETTINGS", Settings(marking="UNCLASSIFIED", as_of="2017"))
    fig = charts.finish(go.Figure(), "T", "S", "IOM")
    assert "<b>UNCLASSIFIED</b>" in fig.layout.title.text


def test_long_source_lines_wrap():
    fig = charts.finish(go.Figure(), "T", "S", "word " * 60)
    assert "<br>" in annotations(fig)[0]


def test_map_draws_kosovo_from_natural_earth_and_small_states_as_circles():
    frame = pd.DataFrame({"iso3": ["FRA", "XKX", "TUV"], "country": ["France", "Kosovo",
                                                                      "Tuvalu"],
                          "n": [3, 1, 2], "detail": ["a", "b", "c"]})
    fig = charts.map_by_value(frame, "n", "detail", "T", "S", "IOM")
    kinds = [(type(t).__name__, tuple(t.customdata)) for t in fig.data]
    assert ("Choropleth", ("FRA", "TUV")) in kinds  # TUV has no outline: a circle only
    assert ("Choropleth", ("XKX",)) in kinds
    assert ("Scattergeo", ("XKX", "TUV")) in kinds
    geojson = next(t.geojson for t in fig.data if t.geojson is not None)
    assert [f["properties"]["id"] for f in geojson["features"]] == ["XKX"]


def test_hover_text_escapes_markup():
    frame = pd.DataFrame({"iso3": ["FRA"], "country": ["France"], "n": [1],
                          "detail": ["<script>x</script>"]})
    fig = charts.map_by_value(frame, "n", "detail", "T", "S", "IOM")
    assert "&lt;script&gt;" in fig.data[0].text[0]


# Pacific places: -175 is 185, so the mean is (170 + 185 + 178 + 160) / 4 = 173.25.
@pytest.mark.parametrize(("lons", "centre"), [
    ([], 10.0), ([-75, 2, 100, 150, -120], 10.0), ([170, -175, 178, 160], 173)])
def test_maps_centre_on_clustered_places(lons, centre):
    assert charts.centre_longitude(lons) == centre


@given(st.lists(st.floats(-180, 180), min_size=1, max_size=30))
def test_centre_is_always_a_longitude(lons):
    assert -180 <= charts.centre_longitude(lons) <= 180


def test_file_names_are_slugs():
    assert charts.file_name("Membership", "Africa; members, observers") == \
        "membership-africa-members-observers"


def test_zoom_frames_a_pacific_cluster_without_splitting_it():
    lat_range, lon_range = charts.zoom_ranges([-14, -18, 13], [-171, 178, 144], centre=175)
    assert lon_range[0] < 144 and lon_range[1] > 189  # -171 is 189 east of the date line
    assert lat_range[0] < -18 and lat_range[1] > 13


def test_zoom_keeps_a_minimum_extent_for_one_place():
    lat_range, lon_range = charts.zoom_ranges([10], [-61], centre=-61)
    assert lon_range[1] - lon_range[0] == 70
    assert lat_range[1] - lat_range[0] == 40


@pytest.mark.parametrize(("process_id", "members"), [("pidc", 23), ("cmc", 17)])
def test_every_small_island_participant_can_be_found_and_hovered(built, process_id, members):
    frame = data.membership_by_country((process_id,), ("member",))
    fig = charts.map_by_category(frame, "role", "detail", "T", "S", "IOM",
                                 colours=charts.ROLE_COLOURS, zoom=True)
    def codes(trace) -> tuple:
        return () if trace.customdata is None else tuple(trace.customdata)

    drawn = {code for trace in fig.data for code in codes(trace)}
    circles = {code for trace in fig.data if type(trace).__name__ == "Scattergeo"
               for code in codes(trace)}
    countries = built.tables["countries"].set_index("iso3")
    small = {c for c in frame.iso3 if countries.loc[c, "map_marker"]}
    assert len(frame) == members
    assert drawn == set(frame.iso3)
    assert small and small <= circles
    assert all(trace.hoverinfo == "text" for trace in fig.data)


def test_a_zoomed_map_is_centred_on_its_range_so_no_edge_is_cut():
    # Peru, Spain and Belgium cluster around -25° but their range is not centred there.
    frame = pd.DataFrame({"iso3": ["PER", "ESP", "BEL"], "country": ["Peru", "Spain", "Belgium"],
                          "kind": ["a", "a", "a"], "detail": ["x", "y", "z"]})
    fig = charts.map_by_category(frame, "kind", "detail", "T", "S", "IOM",
                                 colours={"a": "#000000"}, zoom=True)
    west, east = fig.layout.geo.lonaxis.range
    assert west < -81 < 4 < east  # Peru's coast and Belgium inside
    assert fig.layout.geo.center.lon == (west + east) / 2


def test_every_bali_status_category_has_a_colour_in_reading_order():
    from loaders.bali_report import CATEGORIES
    from loaders.schemas import SCHEMAS

    checks = SCHEMAS["action_items"].columns["status_category"].checks
    allowed = next(c.statistics["allowed_values"] for c in checks if c.name == "isin")
    assert list(charts.STATUS_COLOURS) == CATEGORIES
    assert set(CATEGORIES) == set(allowed)
