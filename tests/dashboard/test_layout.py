"""Layouts: a slide in presentation mode, a phone's narrow screen, and a map whose clicked
country keeps the map readable with its links above it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, data
from dashboard.views import meetings

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1"
)
DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setattr(charts, "layout", lambda: charts.Layout(phone=True))


@pytest.fixture
def slide(monkeypatch):
    monkeypatch.setattr(charts, "layout", lambda: charts.Layout(present=True, screen=720))


def test_a_phone_is_told_by_its_user_agent():
    assert charts.is_phone(IPHONE)
    assert not charts.is_phone(DESKTOP) and not charts.is_phone(None)


def test_on_a_phone_titles_and_subtitles_wrap(phone):
    title = "Where the 2017 meetings of RCM (Puebla Process) take place"
    fig = charts.finish(go.Figure(), title, "All mechanisms; " * 6, "IOM")
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 30 + len("<b></b>") for line in lines)
    assert " ".join(line.removeprefix("<b>").removesuffix("</b>") for line in lines) == title
    assert "<br>" in fig.layout.title.subtitle.text


def test_on_a_desktop_a_title_stays_on_one_line():
    fig = charts.finish(
        go.Figure(), "Where the 2017 meetings of RCM (Puebla Process) take place", "S", "IOM"
    )
    assert "<br>" not in fig.layout.title.text


def timeline_of(view: meetings.MeetingsView) -> go.Figure:
    t = view.timeline
    return charts.timeline(
        view.dated,
        "region",
        title=t.title,
        subtitle=t.subtitle,
        source=t.source,
        colours=view.timeline_colours,
        years=view.years,
    )


@pytest.mark.parametrize("shape", ["standard", "phone", "slide"])
def test_the_timeline_labels_every_mechanism(built, monkeypatch, shape):
    if shape != "standard":
        monkeypatch.setattr(
            charts,
            "layout",
            lambda: charts.Layout(phone=shape == "phone", present=shape == "slide"),
        )
    view = meetings.meetings_view(meetings.Filters())
    fig = timeline_of(view)
    rows = set(view.dated.mechanism)
    assert len(rows) > 20
    assert set(fig.layout.yaxis.tickvals) == rows
    assert fig.layout.yaxis.tickmode == "array"
    # The labels' font fits the rows: a row is at least 1.25 times the font high.
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert fig.layout.yaxis.tickfont.size * 1.25 <= plot / len(rows)
    if shape == "phone":
        # Long names wrap over two lines in a phone's narrow margin.
        assert "IRFMA (Pan-<br>African Forum)" in fig.layout.yaxis.ticktext
    if shape == "slide":
        assert fig.layout.height == 500 and fig.layout.legend.orientation == "v"


def test_a_phone_legend_gets_the_rows_it_needs():
    names = ["Europe and the former Soviet Union", "Americas and Caribbean", "Africa"]
    fig = go.Figure([go.Bar(x=[1], y=[1], name=n) for n in names])
    # Each of the three is too wide to share a 300-pixel row with the next.
    assert charts.legend_rows_needed(fig) == 3
    assert (
        charts.legend_rows_needed(
            go.Figure([go.Bar(x=[1], y=[1], name="A"), go.Bar(x=[1], y=[1], name="B")])
        )
        == 1
    )


def test_a_slide_is_the_screen_less_the_header(slide):
    fig = charts.finish(go.Figure(), "T", "S", "IOM", height=900)
    assert fig.layout.height == 720 - charts.SLIDE_CHROME
    assert charts.Layout(present=True, screen=1080).slide_height == 1080 - charts.SLIDE_CHROME


def test_a_selection_fades_the_rest_of_a_map_only_a_little():
    frame = data.on_map(
        pd.DataFrame(
            {
                "iso3": ["FRA", "TUV"],
                "country": ["France", "Tuvalu"],
                "n": [3, 1],
                "detail": ["a", "b"],
            }
        )
    )
    fig = charts.map_by_value(frame, "n", "detail", "T", "S", "IOM")
    for trace in fig.data:
        assert trace.selected.marker.opacity == 1
        assert trace.unselected.marker.opacity >= 0.6


def test_before_a_click_the_links_row_says_what_a_click_does():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at = at.switch_page("../pages/membership.py").run()
    assert any("Click a country on the map" in c.value for c in at.caption)


def test_a_clicked_countrys_links_are_above_its_map(monkeypatch):
    # The click itself is the browser's (tests/e2e); here the membership map is one on which
    # Australia was clicked, drawn as a line of text.
    drawn = charts.show

    def clicked_map(fig, filename, key=None):
        if key != "membership_map":
            return drawn(fig, filename, key=key)
        import streamlit as st

        st.markdown("THE MAP")
        return ["AUS"]

    monkeypatch.setattr(charts, "show", clicked_map)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at = at.switch_page("../pages/membership.py").run()
    assert not at.exception
    shown = list(in_order(at.main))
    link = next(
        i for i, node in enumerate(shown) if getattr(node, "label", None) == "Profile of Australia"
    )
    the_map = next(i for i, node in enumerate(shown) if getattr(node, "value", None) == "THE MAP")
    assert link < the_map


def in_order(node):
    """Every element under an AppTest block, in the order the page shows them."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from in_order(child)


def test_rows_too_dense_for_an_8_pixel_font_keep_plotlys_thinning():
    fig = go.Figure(go.Bar(x=[1] * 40, y=[f"M{i}" for i in range(40)], orientation="h"))
    fig.update_layout(height=300, margin={"t": 100, "b": 100}, font={"size": 13})
    # 200 pixels for 40 rows: 5 a row, too few for an 8-pixel label.
    assert charts.label_every_row(fig, [f"M{i}" for i in range(40)]).layout.yaxis.tickmode is None
    few = charts.label_every_row(go.Figure(fig), [f"M{i}" for i in range(10)])
    assert few.layout.yaxis.tickmode == "array"


def test_a_slide_heatmap_shows_the_largest_mechanisms_that_fit_each_labelled(slide):
    names = [f"M{i}" for i in range(40)]
    # M39 has the most members, M0 the fewest: the diagonal is a mechanism's own size.
    matrix = pd.DataFrame(
        [[i + 1 if i == j else 1 for j in range(40)] for i in range(40)], index=names, columns=names
    )
    fig = charts.heatmap(matrix, "T", "S", "IOM")
    shown = list(fig.layout.yaxis.tickvals)
    assert 5 < len(shown) < 40
    assert shown == names[40 - len(shown) :]  # the largest, in the matrix's order
    assert list(fig.layout.xaxis.tickvals) == shown
    assert fig.layout.yaxis.tickfont.size >= charts.MIN_SLIDE_FONT
    assert f"the {len(shown)} with most members of the 40" in fig.layout.title.subtitle.text


def test_a_heatmap_that_fits_its_slide_shows_every_mechanism(slide):
    names = [f"M{i}" for i in range(5)]
    few = pd.DataFrame([[1] * 5] * 5, index=names, columns=names)
    fig = charts.heatmap(few, "T", "S", "IOM")
    assert list(fig.layout.yaxis.tickvals) == names
    assert fig.layout.title.subtitle.text == "S"


def ranked_frame(totals: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"country": [f"C{i}" for i in range(len(totals))], "n": totals})


def ranked_bars(frame: pd.DataFrame) -> go.Figure:
    return charts.bar(
        frame,
        x="country",
        y="n",
        horizontal=True,
        order=list(frame.country),
        title="Countries by number of mechanisms",
        subtitle="All mechanisms",
        source="IOM",
        ranked="countries",
    )


def test_a_slide_ranked_chart_shows_the_top_rows_at_a_readable_font(slide):
    # 40 countries, in ties of four: 40, 40, 40, 40, 39, ...
    frame = ranked_frame([40 - i // 4 for i in range(40)])
    fig = ranked_bars(frame)
    shown = list(fig.layout.yaxis.tickvals)
    assert 4 <= len(shown) < 40 and len(shown) % 4 == 0  # no tie split
    assert shown == list(frame.country[: len(shown)])
    assert fig.layout.yaxis.tickfont.size >= charts.MIN_SLIDE_FONT
    assert fig.data[0].textfont.size >= charts.MIN_SLIDE_FONT
    assert fig.data[0].textposition == "outside"
    assert fig.layout.title.subtitle.text == (
        f"All mechanisms; this slide: the top {len(shown)} of these 40 countries, all in the table"
    )


def test_a_ranked_chart_keeps_every_row_off_a_slide():
    frame = ranked_frame([40 - i // 4 for i in range(40)])
    fig = ranked_bars(frame)
    assert len(fig.layout.yaxis.tickvals) == 40
    assert fig.layout.title.subtitle.text == "All mechanisms"


def test_a_tie_too_big_for_a_slide_is_cut_and_the_subtitle_says_top_n_only(slide):
    fig = ranked_bars(ranked_frame([5] * 60))
    shown = len(fig.layout.yaxis.tickvals)
    assert 1 <= shown < 60
    assert fig.layout.title.subtitle.text == (
        f"All mechanisms; this slide: the top {shown} of these 60 countries (a tie cut short), "
        "all in the table"
    )


@pytest.mark.parametrize(
    ("rows", "most", "expected"), [(5, 9, 5), (3, 3, 3), (4, 2, 1), (5, 4, 3), (1, 1, 1)]
)
def test_leading_rows_never_split_a_tie_unless_the_first_is_too_big(rows, most, expected):
    # Totals 9, 8, 8, 7, 7 (rows C0..C4); `rows` is how many of them exist.
    totals = pd.Series([9, 8, 8, 7, 7][:rows], index=[f"C{i}" for i in range(rows)])
    assert charts.leading_rows(list(totals.index), totals, most) == expected
