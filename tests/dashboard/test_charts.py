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
    frame = pd.DataFrame(
        {
            "iso3": ["FRA", "XKX", "TUV"],
            "country": ["France", "Kosovo", "Tuvalu"],
            "n": [3, 1, 2],
            "detail": ["a", "b", "c"],
        }
    )
    fig = charts.map_by_value(
        data.on_map(frame), "n", "detail", "T", "S", "IOM", shapes=data.extra_shapes()
    )
    kinds = [(type(t).__name__, tuple(t.customdata)) for t in fig.data]
    assert ("Choropleth", ("FRA", "TUV")) in kinds  # TUV has no outline: a circle only
    assert ("Choropleth", ("XKX",)) in kinds
    assert ("Scattergeo", ("XKX", "TUV")) in kinds
    geojson = next(t.geojson for t in fig.data if t.geojson is not None)
    assert [f["properties"]["id"] for f in geojson["features"]] == ["XKX"]


def test_hover_text_escapes_markup():
    frame = pd.DataFrame(
        {"iso3": ["FRA"], "country": ["France"], "n": [1], "detail": ["<script>x</script>"]}
    )
    fig = charts.map_by_value(data.on_map(frame), "n", "detail", "T", "S", "IOM")
    assert "&lt;script&gt;" in fig.data[0].text[0]


# Pacific places: -175 is 185, so the mean is (170 + 185 + 178 + 160) / 4 = 173.25.
@pytest.mark.parametrize(
    ("lons", "centre"), [([], 10.0), ([-75, 2, 100, 150, -120], 10.0), ([170, -175, 178, 160], 173)]
)
def test_maps_centre_on_clustered_places(lons, centre):
    assert charts.centre_longitude(lons) == centre


@given(st.lists(st.floats(-180, 180), min_size=1, max_size=30))
def test_centre_is_always_a_longitude(lons):
    assert -180 <= charts.centre_longitude(lons) <= 180


def test_file_names_are_slugs():
    assert (
        charts.file_name("Membership", "Africa; members, observers")
        == "membership-africa-members-observers"
    )


def points(lats: list[float], lons: list[float]) -> list[charts.Box]:
    return [(lon, lon, lat, lat) for lat, lon in zip(lats, lons, strict=True)]


def test_zoom_frames_a_pacific_cluster_without_splitting_it():
    lat_range, lon_range = charts.zoom_ranges(points([-14, -18, 13], [-171, 178, 144]), centre=175)
    assert lon_range[0] < 144 and lon_range[1] > 189  # -171 is 189 east of the date line
    assert lat_range[0] < -18 and lat_range[1] > 13


def test_zoom_keeps_a_minimum_extent_for_one_place():
    lat_range, lon_range = charts.zoom_ranges(points([10], [-61]), centre=-61)
    assert lon_range[1] - lon_range[0] == 70
    assert lat_range[1] - lat_range[0] == 40


def test_zoom_frames_whole_countries_not_their_centres():
    # Seen from Europe (centre 10): the US from Alaska (-168) to the Florida Keys (24.5 N).
    us, france = (-168.1, -67.0, 24.5, 71.4), (-4.8, 9.6, 41.4, 51.1)
    lat_range, lon_range = charts.zoom_ranges([us, france], centre=10)
    assert lon_range[0] <= -173 and lon_range[1] >= 14.5  # 5° margins
    assert lat_range[0] <= 19.6 and lat_range[1] >= 76.3
    # Russia runs past the date line (to 190 east) and stays one span seen from Asia.
    russia, kazakhstan = (19.6, 190.3, 41.2, 81.9), (46.5, 87.3, 40.6, 55.4)
    lat_range, lon_range = charts.zoom_ranges([russia, kazakhstan], centre=60)
    assert lon_range[0] <= 14.7 and lon_range[1] >= 195.2
    assert lat_range[1] == 85


def test_a_whole_world_frame_cuts_the_globe_between_countries():
    # The Budapest Process seen from 29°E (Natural Earth extents): Canada from -141 and the US
    # from -168.1 to 264 east of 29 need more than the globe, so the frame is 360° wide. The US
    # (to Alaska, -168.1) and Russia (to Chukotka, 190.3 = -169.7) leave a 1.6° gap in the
    # Bering Strait, the gap nearest 209 = -151; the map centres opposite its middle,
    # -168.9 + 180 = 11.1. The other gap, the Atlantic from -52.7 to 19.6, is farther.
    us, canada = (-168.1, -67.0, 24.5, 71.4), (-141.0, -52.7, 41.7, 83.1)
    russia, australia = (19.6, 190.3, 41.2, 81.9), (113.3, 153.6, -43.6, -10.7)
    boxes = [us, canada, russia, australia]
    assert charts.whole_world_centre(boxes, 29) == pytest.approx(11.1)
    lat_range, lon_range = charts.zoom_ranges(boxes, centre=29)
    assert lon_range == pytest.approx([-168.9, 191.1])
    assert lat_range == pytest.approx([-48.6, 85])
    # Boxes round the whole globe leave no gap: the centre stays.
    round_the_globe = [(-180, -60, 0, 1), (-70, 60, 0, 1), (50, 185, 0, 1)]
    assert charts.whole_world_centre(round_the_globe, 29) == 29


@pytest.mark.parametrize(("process_id", "members"), [("pidc", 23), ("cmc", 17)])
def test_every_small_island_participant_can_be_found_and_hovered(built, process_id, members):
    frame = data.membership_by_country((process_id,), ("member",))
    fig = charts.map_by_category(
        data.on_map(frame),
        "role",
        "detail",
        "T",
        "S",
        "IOM",
        colours=charts.ROLE_COLOURS,
        zoom=True,
        shapes=data.extra_shapes(),
    )

    def codes(trace) -> tuple:
        return () if trace.customdata is None else tuple(trace.customdata)

    drawn = {code for trace in fig.data for code in codes(trace)}
    circles = {
        code for trace in fig.data if type(trace).__name__ == "Scattergeo" for code in codes(trace)
    }
    countries = built.tables["countries"].set_index("iso3")
    small = {c for c in frame.iso3 if countries.loc[c, "map_marker"]}
    assert len(frame) == members
    assert drawn == set(frame.iso3)
    assert small and small <= circles
    assert all(trace.hoverinfo == "text" for trace in fig.data)


def test_a_zoomed_map_is_centred_on_its_range_so_no_edge_is_cut():
    # Peru, Spain and Belgium cluster around -25° but their range is not centred there.
    frame = pd.DataFrame(
        {
            "iso3": ["PER", "ESP", "BEL"],
            "country": ["Peru", "Spain", "Belgium"],
            "kind": ["a", "a", "a"],
            "detail": ["x", "y", "z"],
        }
    )
    fig = charts.map_by_category(
        data.on_map(frame), "kind", "detail", "T", "S", "IOM", colours={"a": "#000000"}, zoom=True
    )
    west, east = fig.layout.geo.lonaxis.range
    assert west < -81 < 4 < east  # Peru's coast and Belgium inside
    assert fig.layout.geo.center.lon == (west + east) / 2


def test_a_zoomed_map_draws_its_sea_and_frame_and_a_world_map_neither():
    # The Rabat Process's events (Belgium, Cabo Verde) framed -50..31 on a white sea: the land
    # cut at the frame's edges looked like a clipped block with islands loose beside it.
    frame = data.on_map(
        pd.DataFrame(
            {"iso3": ["BEL", "CPV"], "country": ["Belgium", "Cabo Verde"], "kind": ["a", "a"]}
        ).assign(detail="d")
    )
    zoomed, world = (
        charts.map_by_category(
            frame, "kind", "detail", "T", "S", "IOM", colours={"a": "#000000"}, zoom=zoom
        ).layout.geo
        for zoom in (True, False)
    )
    assert zoomed.lonaxis.range[1] - zoomed.lonaxis.range[0] < 360
    assert (zoomed.showocean, zoomed.oceancolor, zoomed.showframe) == (True, charts.SEA, True)
    assert (world.showocean, world.showframe) == (False, False)


def test_chart_helpers_receive_data_and_do_not_query():
    # Views look the data up; a chart helper only draws what it is given.
    import inspect

    assert "dashboard.data" not in inspect.getsource(charts)
    assert "from dashboard import data" not in inspect.getsource(charts)


def test_a_highlighted_country_is_marked_where_the_caller_says():
    frame = data.on_map(
        pd.DataFrame({"iso3": ["FRA"], "country": ["France"], "n": [1], "detail": ["d"]})
    )
    fig = charts.map_by_value(
        frame, "n", "detail", "T", "S", "IOM", highlight=data.highlight("PER")
    )
    marked = fig.data[-1]
    assert (marked.text, marked.mode) == (("Peru",), "markers+text")
    assert data.highlight("ZZZ") is None and data.highlight(None) is None


def test_every_bali_status_category_has_a_colour_in_reading_order():
    from loaders.bali_report import CATEGORIES
    from loaders.schemas import SCHEMAS

    checks = SCHEMAS["action_items"].columns["status_category"].checks
    allowed = next(c.statistics["allowed_values"] for c in checks if c.name == "isin")
    assert list(charts.STATUS_COLOURS) == CATEGORIES
    assert set(CATEGORIES) == set(allowed)


def visible_window(geo) -> tuple[list[float], list[float]]:
    """(lon window, lat window) a geo layout really shows: plotly.js turns the globe by
    projection.rotation, cuts it at rotation ± 180, and fits the lonaxis range's box to the
    plot with center.lon in the middle; the window is the range where it lies on that globe."""
    west, east = geo.lonaxis.range
    rotation = geo.projection.rotation.lon
    assert geo.center.lon == pytest.approx((west + east) / 2)  # else one edge is cut
    shift = 360 * round(((west + east) / 2 - rotation) / 360)  # the range's turn nearest
    west, east = max(west - shift, rotation - 180), min(east - shift, rotation + 180)
    return [west, east], list(geo.lataxis.range)


def framed(box: charts.Box, lon_window: list[float], lat_window: list[float]) -> bool:
    """True when the box lies whole inside the window (longitudes taken round the globe)."""
    west, east, south, north = box
    start = lon_window[0] + ((west - lon_window[0]) % 360)
    return (
        start + (east - west) <= lon_window[1] + 1e-9
        and lat_window[0] <= south
        and north <= lat_window[1]
    )


def test_the_visible_window_is_the_range_on_the_turned_globe():
    # The Budapest map of review 11: range -104..256 on a globe turned to 29 shows -104..209.
    geo = go.Figure().update_geos(
        projection_rotation_lon=29, center_lon=76, lonaxis_range=[-104, 256], lataxis_range=[0, 1]
    )
    assert visible_window(geo.layout.geo)[0] == [-104, 209]
    # A Pacific range written east of 180 on a globe turned to -175.
    geo = go.Figure().update_geos(
        projection_rotation_lon=-175, center_lon=175, lonaxis_range=[140, 210], lataxis_range=[0, 1]
    )
    assert visible_window(geo.layout.geo)[0] == [-220, -150]
    us = (-168.1, -67.0, 24.5, 71.4)
    assert framed(us, [-180, 180], [-60, 85]) and not framed(us, [-104, 209], [-60, 85])


@pytest.mark.parametrize(
    ("view", "name", "must_show"),
    [
        ("mechanism", "budapest-process", "USA"),
        ("mechanism", "rcm", "CAN"),
        ("documents", "", "BRA"),
    ],
)
def test_a_zoomed_map_frames_every_participant_whole(built, view, name, must_show):
    # The US observes the Budapest Process; Canada is an RCM member; Brazil attended the RCM
    # working group as a special invitee (rcm_extra_regional_2017.txt).
    from dashboard.views import documents, mechanism

    if view == "mechanism":
        frame, colours = mechanism.mechanism_view(name).participants, charts.ROLE_COLOURS
        category = "role"
    else:
        frame, colours = documents.documents_view().attendance, charts.REPORT_ROLE_COLOURS
        category = "role"
    fig = charts.map_by_category(
        frame, category, "detail", "T", "S", "IOM", colours=colours, zoom=True
    )
    lon_window, lat_window = visible_window(fig.layout.geo)
    boxes = dict(zip(frame.iso3, charts.boxes_of(frame), strict=True))
    assert must_show in boxes
    assert [c for c, box in boxes.items() if not framed(box, lon_window, lat_window)] == []


def test_a_cached_figure_is_the_same_chart_when_built_and_when_read_back():
    # Streamlit takes a chart whose spec changed for a new chart and drops its selection: the
    # rerun a click on a just-built map causes (a cache hit) must draw the very same spec.
    import uuid

    import plotly.io as pio

    frame = data.on_map(
        pd.DataFrame({"iso3": ["FRA"], "country": ["France"], "n": [1], "detail": ["d"]})
    )
    title = f"Built once {uuid.uuid4()}"  # not in the cache yet
    built_now = charts.map_by_value(frame, "n", "detail", title, "S", "IOM")
    read_back = charts.map_by_value(frame, "n", "detail", title, "S", "IOM")
    assert pio.to_json(built_now, validate=False) == pio.to_json(read_back, validate=False)


@pytest.mark.parametrize(
    ("rows", "horizontal", "dtick"),
    [
        # Two sections, one with 1 completed + 1 ongoing action: the tallest stack is 2, which
        # plotly would tick at 0, 0.5, 1, 1.5, 2.
        (
            [("Border", "completed", 1), ("Border", "ongoing", 1), ("Returns", "ongoing", 1)],
            True,
            1,
        ),
        ([("Border", "completed", 1), ("Returns", "ongoing", 2)], False, 1),
        # Counts that leave plotly whole ticks by itself, and values that are not counts.
        ([("Spain", "", 14), ("Portugal", "", 13)], True, None),
        ([("LACC", "", 0.5), ("NEWD", "", 2)], False, None),
    ],
)
def test_a_small_count_axis_ticks_whole_numbers_only(rows, horizontal, dtick):
    frame = pd.DataFrame(rows, columns=["section", "status", "actions"])
    fig = charts.bar(
        frame, "section", "actions", "T", "S", "IOM", colour="status", horizontal=horizontal
    )
    axis = fig.layout.xaxis if horizontal else fig.layout.yaxis
    assert axis.dtick == dtick
