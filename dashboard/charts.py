"""Chart helpers: every figure carries its title, a subtitle stating the active filter, an
"as of" date, the source and the handling marking, inside the figure, so a screenshot or PNG
keeps them. Maps draw the world outline from the app's own static files (no CDN), add Natural
Earth shapes plotly lacks (Kosovo) and circles for countries too small to see."""

from __future__ import annotations

import functools
import html
import pickle
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard.palette import (  # noqa: F401 (the pages use the colour maps from here)
    COUNTRY_REGION_COLOURS,
    DATED_COLOURS,
    FREQUENCY_COLOURS,
    GREY,
    QUALITATIVE,
    REPORT_ROLE_COLOURS,
    ROLE_COLOURS,
    STATUS_COLOURS,
)
from dashboard.settings import SETTINGS

SEQUENTIAL = "Blues"
TOPOJSON_URL = "app/static/"  # relative: plotly.js appends "world_50m.json"
BOUNDARIES = "Boundaries: Natural Earth (de facto), no endorsement implied"
PRESENT_KEY = "mode"
SCREEN_KEY = "screen"
# The screens presentation mode fits a chart to: option (the URL's ?screen=) -> height.
SCREENS = {"1280x720": 720, "1920x1080": 1080}
# What a screen shows above a chart in presentation mode: Streamlit's top padding (96 px), the
# compact header row, the row of a clicked country's links and the gaps between them.
SLIDE_CHROME = 220
# Legends sit between the subtitle and the plot; finish() makes room for their rows.
LEGEND = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "y": 1.0,
    "yanchor": "bottom",
    "title": {"text": ""},
}


# The width of a page's main column in pixels, what a full-width chart gets: on a phone (a
# 390-pixel screen less Streamlit's padding), on a standard page (the narrowest a desktop gives:
# a 1280-pixel window with the sidebar open) and on a slide (the screen less the padding).
PHONE_PAGE = 358
STANDARD_PAGE = 820
SLIDE_PADDING = 160
COLUMN_GAP = 16  # pixels between Streamlit's columns


@dataclass(frozen=True)
class Layout:
    """How this session's charts are laid out: standard, presentation mode (each chart fits
    one screen `screen` pixels high and `screen_width` wide, bigger text), or a phone (narrow:
    titles wrap, every timeline label kept). `share`: the fraction of the page's width the
    chart's column has (a chart beside a table), on a standard page; a phone stacks columns
    and a slide draws each chart full width (ui.side_by_side)."""

    present: bool = False
    phone: bool = False
    screen: int = 720
    screen_width: int = 1280
    share: float = 1.0

    @property
    def slide_height(self) -> int:
        """A chart's height in presentation mode: the screen less what sits above it."""
        return self.screen - SLIDE_CHROME

    @property
    def big(self) -> bool:
        """True when chart text is enlarged (presentation mode, not on a phone)."""
        return self.present and not self.phone

    @property
    def width(self) -> int:
        """The width in pixels a chart can count on: its column's on the narrowest page of
        its kind (a phone's, a 1280-pixel desktop window's with the sidebar open, a slide's)."""
        if self.phone:
            return PHONE_PAGE
        if self.present:
            return self.screen_width - SLIDE_PADDING
        if self.share >= 1:
            return STANDARD_PAGE
        return int(STANDARD_PAGE * self.share - COLUMN_GAP)


def is_phone(user_agent: str | None) -> bool:
    """True for a phone's browser: its User-Agent says "Mobi" (Mobile Safari, Chrome on
    Android phones), which tablets and desktop browsers do not."""
    return "Mobi" in (user_agent or "")


# The layout a cached builder is building for (cached()): set for the builder's call only.
# A ContextVar, not a global, because each session runs its script in its own thread, and each
# thread sees only the value it set.
_BUILDING: ContextVar[Layout | None] = ContextVar("charts_building", default=None)


def layout() -> Layout:
    """This session's layout, from the display mode and screen (URL ?mode=present&screen=…)
    and the browser's User-Agent; inside a cached builder, the layout it builds for (with its
    column's share of the page)."""
    building = _BUILDING.get()
    if building is not None:
        return building
    state = st.session_state
    screen = state.get(SCREEN_KEY) or ""
    return Layout(
        present=state.get(PRESENT_KEY) == "present",
        phone=is_phone(st.context.headers.get("User-Agent")),
        screen=SCREENS.get(screen, 720),
        screen_width=int(screen.split("x")[0]) if screen in SCREENS else 1280,
    )


def cached(builder):
    """Cache a figure builder on its arguments, the layout and the marking, so a rerun that
    comes back to a view it has drawn before builds nothing. The wrapped builder takes one
    more keyword, `share`: the fraction of the page's width its column has (default 1), so
    its text wraps to the width it really gets (Layout.width)."""

    # Kept pickled and unpickled on every run, the first included: a figure fresh from its
    # builder serialises its layout's keys in another order than its unpickled copy (what a
    # cache hit returns), and Streamlit takes a chart whose spec changed for a new chart, so
    # the rerun a click on a freshly built map causes forgot the click. Per builder, the 128
    # most recent views (a figure is 30-100 kB pickled).
    @st.cache_data(show_spinner=False, max_entries=128)
    def build(shape: Layout, marking: str, args: tuple, kwargs: dict) -> bytes:
        token = _BUILDING.set(shape)
        try:
            return pickle.dumps(builder(*args, **kwargs))
        finally:
            _BUILDING.reset(token)

    @functools.wraps(builder)
    def wrapper(*args, share: float = 1.0, **kwargs) -> go.Figure:
        shape = replace(layout(), share=share)
        return pickle.loads(build(shape, SETTINGS.marking, args, kwargs))

    return wrapper


def present_mode() -> bool:
    """True when the page is in presentation mode (?mode=present)."""
    return layout().present


def text(value: object) -> str:
    """Source text made safe for plotly's hover and annotation markup (which reads tags)."""
    return html.escape(str(value), quote=False)


def file_name(*parts: str) -> str:
    """A file name from words: lower case, dashes, no punctuation."""
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(parts).lower()).strip("-")
    return slug[:80] or "chart"


# A character's mean width in DejaVu Sans, in em, with room for capitals: bold (titles) and
# regular (subtitles, source lines, labels). Text wraps at the characters its width holds.
BOLD_EM, REGULAR_EM = 0.64, 0.56
# plotly.js's line spacing and title geometry, in em (its alignment constants): a line is
# 1.3 em below the last; a one-line title's baseline is a cap height (0.7 em) below its top;
# a subtitle starts 1.6 em of its own font below the title.
LINE_EM, CAP_EM, SUBTITLE_GAP_EM = 1.3, 0.7, 1.6
TITLE_PAD = 12  # pixels above the title block
# The width a horizontal legend wraps at, in pixels: a phone's, the narrowest a standard page
# gives a full-width chart (a 1200-pixel window with the sidebar open), and a 1280-pixel slide's.
PHONE_LEGEND_WIDTH = 300
LEGEND_WIDTH = 680
SLIDE_LEGEND_WIDTH = 1080
PHONE_MAP_PLOT = 240
PHONE_LABEL_CHARS = 14  # a category label's line on a phone
MIN_LABEL_FONT = 8  # pixels: the smallest font a category label is drawn in
# A briefing slide is read from across a room: its category labels are at least this big, and
# a chart shows the rows that fit at it (bar(), heatmap()).
MIN_SLIDE_FONT = 12


def chars_in(pixels: float, font: float, bold: bool = False) -> int:
    """How many characters of a `font`-pixel DejaVu Sans line fit in `pixels` (at least 12)."""
    return max(12, int(pixels / (font * (BOLD_EM if bold else REGULAR_EM))))


def label_width(labels: Iterable[object], font: float, wrap: int = 0) -> int:
    """Pixels the longest of the category labels takes (its longest line when wrapped at
    `wrap` characters), with the gap to the axis: what sits left of a horizontal bar plot."""
    lines = [
        line
        for label in labels
        for line in (textwrap.wrap(str(label), wrap) if wrap else [str(label)])
    ]
    return int(max((len(line) for line in lines), default=0) * font * REGULAR_EM) + 12


def wrapped(words: str, width: int) -> list[str]:
    """`words` in lines of at most `width` characters (one empty line for no words)."""
    return textwrap.wrap(words, width) or [""]


def title_shift(fig: go.Figure) -> float:
    """Pixels plotly.js lifts the title block by for a horizontal colour bar above the plot
    (a phone's map): half the bar's height with its ticks and title. finish() pads it back."""
    bars = [fig.layout.coloraxis.colorbar] + [
        t.marker.colorbar if hasattr(t, "marker") and hasattr(t.marker, "colorbar") else None
        for t in fig.data
    ]
    for bar in bars:
        if bar is None or bar.orientation != "h" or not (bar.title and bar.title.text):
            continue
        if (bar.yanchor or "top") == "bottom" and (bar.y if bar.y is not None else 1) >= 1:
            font = fig.layout.font.size or 13
            thickness = bar.thickness if bar.thickness is not None else 30
            ypad = bar.ypad if bar.ypad is not None else 10
            return (2 * ypad + thickness + 1 + 2 * LINE_EM * font) / 2
    return 0.0


def finish(
    fig: go.Figure,
    title: str,
    subtitle: str,
    source: str,
    height: int = 480,
    bottom: int = 80,
    legend_rows: int = 0,
    left: int = 0,
    plot: int | None = None,
) -> go.Figure:
    """Put title, subtitle, source line, as-of date and marking inside the figure.

    Title, subtitle and source line wrap at the width the chart gets (Layout.width: a phone's,
    a slide's, or its column's share of a standard page). bottom: the bottom margin in pixels;
    the source line sits at its foot. legend_rows: rows of a legend placed (LEGEND) between
    subtitle and plot. left: pixels of axis labels left of the plot, where the source line
    starts. plot: the plot area's height, when it matters more than the figure's (the figure
    grows by its margins). In presentation mode the figure is one slide high
    (Layout.slide_height) whatever `height` says; on a phone a map's plot is PHONE_MAP_PLOT
    high.
    """
    shape = layout()
    big = shape.big
    title_font, subtitle_font, source_font = (24, 16, 13) if big else (18, 13, 11)
    room = shape.width * 0.99 - 10  # the title starts 1% in; a little air at the right
    titles = wrapped(title, chars_in(room, title_font, bold=True))
    subtitles = wrapped(subtitle, chars_in(room, subtitle_font))
    source_room = shape.width - 20 - left  # the plot's margins are 10 pixels a side
    source_lines = wrapped(
        f"Source: {source}. As of {SETTINGS.as_of}.", chars_in(source_room, source_font)
    )
    if legend_rows and fig.layout.legend.orientation == "h":
        width = PHONE_LEGEND_WIDTH if shape.phone else SLIDE_LEGEND_WIDTH if big else LEGEND_WIDTH
        legend_rows = max(legend_rows, legend_rows_needed(fig, width, 17 if big else 13))
    title_lines = len(titles) + (1 if SETTINGS.marking else 0)
    # plotly.js puts the first baseline of a title of several lines at the pad, not a cap
    # height below it as for one line (its first line was cut off at the top): pad it back.
    pad = TITLE_PAD + (CAP_EM * title_font if title_lines > 1 else 0) + title_shift(fig)
    top = (
        TITLE_PAD
        + title_font * (1 + LINE_EM * (title_lines - 1))
        + subtitle_font * (SUBTITLE_GAP_EM + 1 + LINE_EM * (len(subtitles) - 1))
        + 22
        + (34 if big else 28) * legend_rows
    )
    top = int(top + 0.5)
    bottom += int(source_font * LINE_EM * (len(source_lines) - 1) + 0.5)
    if shape.phone and any(t.type in ("choropleth", "scattergeo") for t in fig.data):
        plot = PHONE_MAP_PLOT
    if shape.big:
        height = shape.slide_height
    elif plot is not None:
        height = top + plot + bottom
    fig.update_layout(
        # The marking opens the title block, clear of the toolbar on the right.
        title={
            "text": (
                f"<span style='color:#B00020;font-size:{13 if big else 11}px'><b>"
                f"{text(SETTINGS.marking)}</b></span><br>"
                if SETTINGS.marking
                else ""
            )
            + "<br>".join(f"<b>{text(line)}</b>" for line in titles),
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": round(pad, 1)},
            "font": {"size": title_font},
            "subtitle": {
                "text": "<br>".join(text(line) for line in subtitles),
                "font": {"size": subtitle_font, "color": "#444"},
            },
        },
        margin={"l": 10, "r": 10, "t": top, "b": bottom},
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 17 if big else 13},
        colorway=QUALITATIVE,
        height=height,
        paper_bgcolor="white",
    )
    fig.add_annotation(
        text="<br>".join(text(line) for line in source_lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bottom - 6),
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": source_font, "color": "#444"},
    )
    return fig


def legend_rows_needed(fig: go.Figure, width: int = PHONE_LEGEND_WIDTH, font: int = 13) -> int:
    """How many rows a horizontal legend of fig's named traces takes at most: entries (symbol
    and gaps, about 55 px, then the name at up to 0.75 em a character) packed into rows
    `width` pixels wide. Too many rows leave a gap; too few put the legend over the
    subtitle."""
    names = list(dict.fromkeys(t.name for t in fig.data if t.name and t.showlegend is not False))
    rows, used = 0, float(width)
    for name in names:
        entry = 55 + 0.75 * font * len(name)
        if used + entry > width:
            rows, used = rows + 1, 0
        used += entry
    return rows


def plot_height(fig: go.Figure) -> float:
    """The height in pixels of a finished figure's plot area (its height less its margins)."""
    margin = fig.layout.margin
    return max(fig.layout.height - margin.t - margin.b, 1)


def label_every_row(
    fig: go.Figure, rows: Sequence[str], axis: str = "yaxis", wrap: int = 0
) -> go.Figure:
    """Show every row's label on a category axis (plotly drops some when rows are dense),
    in a font that fits the row height; `wrap` > 0 breaks labels longer than that many
    characters over lines (a phone's narrow margin). Rows too dense for an 8-pixel font
    keep plotly's own thinning: labels on top of each other would be worse."""
    row = plot_height(fig) / max(len(rows), 1)
    if row < MIN_LABEL_FONT / 0.8:
        return fig
    size = max(MIN_LABEL_FONT, min(fig.layout.font.size, int(0.8 * row)))
    texts = [
        "<br>".join(text(line) for line in textwrap.wrap(str(r), wrap)) if wrap else text(r)
        for r in rows
    ]
    fig.update_layout(
        {
            axis: {
                "tickmode": "array",
                "tickvals": list(rows),
                "ticktext": texts,
                "tickfont": {"size": size},
            }
        }
    )
    return fig


def rows_that_fit(fig: go.Figure, font: int = MIN_SLIDE_FONT) -> int:
    """How many category rows a finished figure's plot holds with labels `font` pixels high
    (a row 1.25 times the font)."""
    return int(plot_height(fig) / (font * 1.25))


CLUSTERED = 0.75  # mean resultant length above which places count as one cluster


def _resultant(longitudes: Sequence[float]) -> tuple[float, float]:
    values = np.radians(np.asarray([v for v in longitudes if v == v], dtype=float))
    if len(values) == 0:
        return 0.0, 10.0
    x, y = np.cos(values).mean(), np.sin(values).mean()
    return float(np.hypot(x, y)), float(np.degrees(np.arctan2(y, x)))


def centre_longitude(longitudes: Sequence[float]) -> float:
    """Where to centre a world map: the circular mean of the shown places when they cluster
    (so Pacific mechanisms are not split at the map's edge), else 10°E."""
    length, mean = _resultant(longitudes)
    return round(mean) if length >= CLUSTERED else 10.0


def clustered(longitudes: Sequence[float]) -> bool:
    """True when the places sit in one part of the world, so the map can zoom to them."""
    return _resultant(longitudes)[0] >= CLUSTERED


# A box a zoomed map frames: (west, east, south, north) in degrees, east >= west (it may pass
# 180: Russia runs from 20 to 190).
Box = tuple[float, float, float, float]
ZOOM_MARGIN = 5  # degrees around the countries' extents
# Lower bounds of a zoomed frame, in degrees: wide enough to read one country in its
# surroundings, and about twice as wide as tall, the shape of a wide plot.
MIN_WIDTH, MIN_HEIGHT, MIN_ASPECT = 70, 40, 1.75


def zoom_ranges(boxes: Sequence[Box], centre: float) -> tuple[list[float], list[float]]:
    """(lataxis range, lonaxis range) that frame every box with a margin (ZOOM_MARGIN), at
    least MIN_WIDTH by MIN_HEIGHT and MIN_ASPECT times as wide as tall; longitudes are measured
    from `centre`, so a cluster across the date line stays whole. Boxes that need the whole
    globe get 360° around whole_world_centre, so the map's edge cuts none of them."""
    wests = [((west - centre + 180) % 360) - 180 for west, _, _, _ in boxes]
    easts = [w + (east - west) for w, (west, east, _, _) in zip(wests, boxes, strict=True)]
    lo, hi = min(wests) - ZOOM_MARGIN, max(easts) + ZOOM_MARGIN
    south = min(b[2] for b in boxes) - ZOOM_MARGIN
    north = max(b[3] for b in boxes) + ZOOM_MARGIN
    if north - south < MIN_HEIGHT:
        south, north = (south + north) / 2 - MIN_HEIGHT / 2, (south + north) / 2 + MIN_HEIGHT / 2
    south, north = max(south, -60), min(north, 85)
    width = max(hi - lo, MIN_WIDTH, MIN_ASPECT * (north - south))
    if width >= 360:
        middle = whole_world_centre(boxes, centre)
        return [south, north], [middle - 180, middle + 180]
    lo, hi = (lo + hi) / 2 - width / 2, (lo + hi) / 2 + width / 2
    return [south, north], [centre + lo, centre + hi]


def whole_world_centre(boxes: Sequence[Box], centre: float) -> float:
    """The longitude (-180..180) to centre a whole-world map of the boxes on: the globe is cut
    opposite it, in the gap between boxes nearest the side opposite `centre`, so no box is cut
    in two; `centre` when the boxes leave no gap."""
    antipode = centre + 180
    # Each box as a span measured eastwards from the antipode (0..360; the end may pass 360).
    spans = sorted(((w - antipode) % 360, (w - antipode) % 360 + (e - w)) for w, e, _, _ in boxes)
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    gaps.append((reach, spans[0][0] + 360))
    # A span past 360 covers the start of the circle again.
    gaps = [(max(a, reach - 360), b) for a, b in gaps if b > max(a, reach - 360)]
    if not gaps:
        return centre

    def off_antipode(gap: tuple[float, float]) -> float:
        middle = ((gap[0] + gap[1]) / 2) % 360
        return min(middle, 360 - middle)

    first, last = min(gaps, key=off_antipode)
    seam = (first + last) / 2
    return ((centre + seam + 180) % 360) - 180


def boxes_of(frame: pd.DataFrame) -> list[Box]:
    """Each country's extent (west, east, south, north; data.map_points), or its point where
    it has no outline."""
    extent = frame.reindex(columns=["west", "east", "south", "north"])
    return [
        (w, e, s, n) if w == w else (lon, lon, lat, lat)
        for w, e, s, n, lat, lon in zip(
            extent.west, extent.east, extent.south, extent.north, frame.lat, frame.lon, strict=True
        )
    ]


SEA, FRAME = "#eef4f9", "#bbbbbb"  # a zoomed map's sea and frame: lighter than any category


def _geo_layout(
    fig: go.Figure, centre: float = 10.0, bounds: tuple[list[float], list[float]] | None = None
) -> None:
    fig.update_geos(
        showframe=False,
        showcoastlines=False,
        projection_type="natural earth",
        projection_rotation={"lon": centre},
        center={"lon": centre, "lat": 10},
        lataxis_range=[-58, 85],
        lonaxis_range=[centre - 180, centre + 180],
        resolution=50,
        showcountries=True,
        countrycolor="#aaa",
        landcolor="#eee",
        showland=True,
        showocean=False,
        bgcolor="white",
    )
    if bounds is not None:
        # plotly's fitbounds did not zoom with these outlines; the ranges are set instead.
        # plotly frames the range's width around center.lon, so the centre must be the
        # range's middle: a cluster off-centre (Peru, Spain, Belgium) was cut at one edge.
        # plotly.js also cuts the globe at rotation ± 180: a range centred elsewhere loses
        # what lies past that cut (the Budapest Process's range -104..256 on a globe turned
        # to 29 showed -104..209, without the western US and Alaska).
        lat_range, lon_range = bounds
        middle = sum(lon_range) / 2
        fig.update_geos(
            lataxis_range=lat_range,
            lonaxis_range=lon_range,
            projection_rotation={"lon": middle},
            center={"lon": middle, "lat": sum(lat_range) / 2},
            # A zoomed frame cuts land at its edges; with a white sea and no frame, that land
            # read as a clipped grey block and the islands in the frame as loose fragments
            # beside it (the Rabat Process's events, Belgium and Cabo Verde: -50..31).
            showocean=True,
            oceancolor=SEA,
            showframe=True,
            framecolor=FRAME,
            framewidth=1,
        )


def _hover(frame: pd.DataFrame, detail: str) -> list[str]:
    return [
        f"<b>{text(c)}</b><br>{text(d)}" for c, d in zip(frame.country, frame[detail], strict=True)
    ]


def _traces_for(
    frame: pd.DataFrame, colour: dict, detail: str, name: str, legend: bool, shapes: dict | None
) -> list[go.BaseTraceType]:
    """A choropleth on plotly's outline, one on data/geo shapes, circles for small states.

    frame: iso3, country, lat, lon, map_marker, shape_source, `detail`. colour: {"value":
    column} or {"fixed": colour}. shapes: GeoJSON for the countries whose shape_source is
    "name" (features' id = ISO3).
    """
    traces: list[go.BaseTraceType] = []
    common = {
        "marker_line_color": "white",
        "marker_line_width": 0.5,
        "hoverinfo": "text",
        "name": name,
        "legendgroup": name,
    } | SELECTION
    own = frame[frame.shape_source != "name"]
    traces.append(
        go.Choropleth(
            locations=own.iso3,
            locationmode="ISO-3",
            text=_hover(own, detail),
            customdata=own.iso3,
            showlegend=legend,
            **_colour(own, colour),
            **common,
        )
    )
    named = frame[frame.shape_source == "name"]
    if not named.empty and shapes:
        traces.append(
            go.Choropleth(
                locations=named.iso3,
                geojson=shapes,
                featureidkey="properties.id",
                text=_hover(named, detail),
                customdata=named.iso3,
                showlegend=False,
                **_colour(named, colour),
                **common,
            )
        )
    small = frame[frame.map_marker.astype(bool) & frame.lat.notna()]
    if not small.empty:
        values = _colour(small, colour)
        marker = {"size": 9, "line": {"color": "white", "width": 1}}
        if "coloraxis" in values:
            marker |= {"color": values["z"], "coloraxis": "coloraxis"}
        else:
            marker |= {"color": values["colorscale"][0][1]}
        traces.append(
            go.Scattergeo(
                lat=small.lat,
                lon=small.lon,
                mode="markers",
                marker=marker,
                text=_hover(small, detail),
                customdata=small.iso3,
                hoverinfo="text",
                name=name,
                legendgroup=name,
                showlegend=False,
                **SELECTION,
            )
        )
    return traces


# A clicked country stays full colour and the others fade a little, not to plotly's pale
# default (0.2), so the map stays readable while one country is selected. A selection cannot
# be drawn as an outline: a figure that changes with the selection is a new chart to
# Streamlit, which then forgets the selection.
SELECTION = {"selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 0.6}}}


def _colour(frame: pd.DataFrame, colour: dict) -> dict:
    if "value" in colour:
        return {"z": frame[colour["value"]], "coloraxis": "coloraxis"}
    return {
        "z": [1] * len(frame),
        "colorscale": [[0, colour["fixed"]], [1, colour["fixed"]]],
        "showscale": False,
    }


# A country to mark on a map: (lat, lon, name).
Highlight = tuple[float, float, str]


@cached
def map_by_value(
    frame: pd.DataFrame,
    value: str,
    detail: str,
    title: str,
    subtitle: str,
    source: str,
    highlight: Highlight | None = None,
    value_label: str = "",
    shapes: dict | None = None,
) -> go.Figure:
    """World map coloured by a number per country.

    frame: iso3, country, lat, lon, map_marker, shape_source (data.on_map adds them),
    `value`, `detail` (hover line). shapes: see _traces_for.
    """
    fig = go.Figure(
        _traces_for(frame, {"value": value}, detail, value_label or value, False, shapes)
    )
    top = max(int(frame[value].max()) if len(frame) else 1, 1)
    bar = {"title": {"text": value_label}, "thickness": 14, "dtick": 1 if top <= 10 else None}
    phone = layout().phone
    if phone:
        # A phone has no width to spare beside the map: the scale goes above it, where a
        # legend would be.
        bar |= {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "len": 0.8,
            "thickness": 10,
            "title": {"text": value_label, "side": "top"},
        }
    fig.update_layout(coloraxis={"colorscale": SEQUENTIAL, "cmin": 0, "cmax": top, "colorbar": bar})
    return _finish_map(
        fig, title, subtitle, source, highlight, frame, legend_rows=2 if phone else 0
    )


@cached
def map_by_category(
    frame: pd.DataFrame,
    category: str,
    detail: str,
    title: str,
    subtitle: str,
    source: str,
    colours: dict[str, str],
    highlight: Highlight | None = None,
    zoom: bool = False,
    shapes: dict | None = None,
) -> go.Figure:
    """World map with one colour per category (legend in `colours`' order).

    frame: iso3, country, lat, lon, map_marker, shape_source (data.on_map adds them),
    `category`, `detail` (hover line). zoom: fit the map to the countries when they sit in
    one part of the world. shapes: see _traces_for.
    """
    traces: list[go.BaseTraceType] = []
    for name, colour in colours.items():
        part = frame[frame[category] == name]
        if not part.empty:
            traces.extend(
                _traces_for(part, {"fixed": colour}, detail, name.capitalize(), True, shapes)
            )
    fig = go.Figure(traces)
    fig.update_layout(legend=LEGEND)
    return _finish_map(fig, title, subtitle, source, highlight, frame, legend_rows=1, zoom=zoom)


def _finish_map(
    fig: go.Figure,
    title: str,
    subtitle: str,
    source: str,
    highlight: Highlight | None,
    frame: pd.DataFrame,
    legend_rows: int = 0,
    zoom: bool = False,
) -> go.Figure:
    if highlight:
        lat, lon, name = highlight
        fig.add_trace(
            go.Scattergeo(
                lat=[lat],
                lon=[lon],
                mode="markers+text",
                text=[text(name)],
                textposition="top center",
                marker={"size": 16, "symbol": "circle-open", "color": "#000", "line": {"width": 3}},
                hoverinfo="skip",
                showlegend=False,
                textfont={"size": 14, "color": "#000"},
                unselected={"marker": {"opacity": 1}},
            )
        )
    places = frame.dropna(subset=["lat"])
    centre = centre_longitude(places.lon.tolist())
    bounds = (
        zoom_ranges(boxes_of(places), centre)
        if zoom and len(places) and clustered(places.lon.tolist())
        else None
    )
    _geo_layout(fig, centre, bounds)
    # A map has no axis under it: the bottom margin holds the source line only.
    return finish(
        fig,
        title,
        subtitle,
        f"{source}. {BOUNDARIES}",
        height=560,
        bottom=50,
        legend_rows=legend_rows,
    )


@cached
def points_map(
    frame: pd.DataFrame,
    size: str,
    detail: str,
    title: str,
    subtitle: str,
    source: str,
    colour: str | None = None,
    colours: dict[str, str] | None = None,
) -> go.Figure:
    """Circles on a world map at each row's lat/lon, sized by `size`.

    frame: lat, lon, country, `size`, `detail`, optional `colour` (category); `colours` fixes
    each category's colour and the legend's order (category_colour).
    """
    fig = go.Figure()
    groups: list[tuple[str | None, pd.DataFrame]] = [(None, frame)]
    if colour is not None:
        groups = [
            (name, frame[frame[colour] == name])
            for name in _category_order(frame[colour], colours or {})
        ]
    top = max(float(frame[size].max()) if len(frame) else 1, 1)
    for name, part in groups:
        fig.add_trace(
            go.Scattergeo(
                lat=part.lat,
                lon=part.lon,
                mode="markers",
                name=str(name or ""),
                showlegend=name is not None,
                text=_hover(part, detail),
                hoverinfo="text",
                customdata=part.iso3 if "iso3" in part else None,
                **SELECTION,
                marker={
                    "size": 8 + 22 * (part[size] / top) ** 0.5,
                    "color": category_colour(name, colours) if name is not None else QUALITATIVE[0],
                    "opacity": 0.85,
                    "line": {"color": "white", "width": 1},
                },
            )
        )
    fig.update_layout(legend=LEGEND)
    _geo_layout(fig, centre_longitude(frame.lon.tolist()))
    return finish(
        fig,
        title,
        subtitle,
        f"{source}. {BOUNDARIES}",
        height=520,
        bottom=50,
        legend_rows=0 if colour is None else 1,
    )


def whole_counts_up_to_ten(frame: pd.DataFrame, x: str, y: str) -> bool:
    """True when every value of `y` is a whole number and the tallest (stacked) bar, the sum
    of `y` over a value of `x`, is at most 10: an axis that wants a tick at every unit."""
    values = pd.to_numeric(frame[y], errors="coerce")
    if frame.empty or values.isna().any() or not (values % 1 == 0).all():
        return False
    return bool(values.groupby(frame[x]).sum().max() <= 10)


@cached
def bar(
    frame: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    subtitle: str,
    source: str,
    colour: str | None = None,
    order: Sequence[str] | None = None,
    labels: dict[str, str] | None = None,
    horizontal: bool = False,
    colours: dict[str, str] | None = None,
    ranked: str = "",
) -> go.Figure:
    """A bar chart in the house style; `order` fixes the category axis, `colours` maps
    colour values to colours (legend in its order; a value it lacks is grey).

    ranked: for horizontal bars of ranked rows (`order` largest first, a table beside or
    below listing them all), what the rows are ("countries"). A slide too short for every
    row at MIN_SLIDE_FONT then shows the leading rows that fit, a tie kept whole, and its
    subtitle says how many of how many.
    """
    rows = list(order) if order is not None else list(dict.fromkeys(frame[x]))
    draw = functools.partial(
        _bar, x=x, y=y, title=title, source=source, colour=colour, labels=labels
    )
    draw = functools.partial(draw, horizontal=horizontal, colours=colours)
    fig = draw(frame, subtitle=subtitle, order=order)
    if not (horizontal and ranked and layout().big):
        return fig
    totals = frame.groupby(x)[y].sum()
    kept = len(rows)
    while rows_that_fit(fig) < kept:
        fewer = leading_rows(rows, totals, rows_that_fit(fig))
        if fewer >= kept:
            break
        kept = fewer
        shown = rows[:kept]
        split = totals.get(rows[kept - 1]) == totals.get(rows[kept])
        note = (
            f"{subtitle}; this slide: the top {kept} of these {len(rows)} {ranked}"
            + (" (a tie cut short)" if split else "")
            + ", all in the table"
        )
        fig = draw(frame[frame[x].isin(shown)], subtitle=note, order=shown)
    return fig


def leading_rows(rows: Sequence[str], totals: pd.Series, most: int) -> int:
    """How many of the ranked `rows` (largest total first) to show when at most `most` fit:
    the most that do not split a tie (rows with equal totals), or `most` (at least 1) when
    the first tie alone is too big."""
    if most >= len(rows):
        return len(rows)
    for n in range(max(most, 1), 0, -1):
        if totals.get(rows[n - 1]) != totals.get(rows[n]):
            return n
    return max(most, 1)


def _bar(
    frame: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    subtitle: str,
    source: str,
    colour: str | None,
    order: Sequence[str] | None,
    labels: dict[str, str] | None,
    horizontal: bool,
    colours: dict[str, str] | None,
) -> go.Figure:
    fixed = (
        {value: category_colour(value, colours) for value in frame[colour].unique()}
        if colour is not None
        else {}
    )
    fig = px.bar(
        frame,
        x=y if horizontal else x,
        y=x if horizontal else y,
        color=colour,
        orientation="h" if horizontal else "v",
        labels=labels or {},
        color_discrete_sequence=QUALITATIVE,
        color_discrete_map=fixed,
        category_orders={colour: _category_order(frame[colour], colours or {})}
        if colour is not None
        else {},
        text_auto=colour is None,
    )
    # Outside the bar, the value keeps its size however thin the bar (inside, plotly shrank
    # it out of sight on a slide).
    fig.update_traces(
        textangle=0, textposition="outside" if horizontal else "auto", cliponaxis=False
    )
    if order is not None:
        axis = {"categoryorder": "array", "categoryarray": list(order)}
        fig.update_layout(
            yaxis=axis | {"autorange": "reversed"} if horizontal else {},
            xaxis={} if horizontal else axis,
        )
    fig.update_layout(legend=LEGEND, bargap=0.25, xaxis_automargin=True, yaxis_automargin=True)
    if whole_counts_up_to_ten(frame, x, y):
        # Plotly would tick a small count axis at halves ("0.5 actions").
        fig.update_layout({"xaxis" if horizontal else "yaxis": {"dtick": 1}})
    shape = layout()
    # On a phone a row holds a label of two lines.
    row = 44 if shape.phone else 34
    height = max(380, 120 + row * frame[x].nunique()) if horizontal else 420
    rows = 0 if colour is None else 1 + frame[colour].nunique() // 7
    wrap = PHONE_LABEL_CHARS if shape.phone else 0
    categories = list(order) if order is not None else list(dict.fromkeys(frame[x]))
    fig = finish(
        fig,
        title,
        subtitle,
        source,
        height=height,
        bottom=100,
        legend_rows=rows,
        # Horizontal bars put their labels left of the plot, where the source line starts.
        left=label_width(categories, 17 if shape.big else 13, wrap) if horizontal else 60,
    )
    if horizontal:
        # A slide squeezes the rows: every bar keeps its label, in a font that fits; the
        # value beside the bar in the same font.
        fig = label_every_row(fig, categories, wrap=wrap)
        size = fig.layout.yaxis.tickfont.size
        if size is not None:
            fig.update_traces(textfont_size=size)
    return fig


@cached
def heatmap(matrix: pd.DataFrame, title: str, subtitle: str, source: str) -> go.Figure:
    """A labelled square heatmap (e.g. shared members between mechanisms), every row and
    column labelled. On a slide too short for every row at MIN_SLIDE_FONT it shows the rows
    and columns that fit, those with the largest diagonal (a mechanism's own members), in
    their order, and its subtitle says so."""
    fig = _heatmap(matrix, title, subtitle, source)
    if not layout().big or rows_that_fit(fig) >= len(matrix):
        return fig
    kept = max(rows_that_fit(fig), 1)
    sizes = pd.Series(np.diag(matrix.values), index=matrix.index)
    largest = set(sizes.sort_values(ascending=False, kind="stable").index[:kept])
    shown = [m for m in matrix.index if m in largest]
    note = (
        f"{subtitle}; this slide: the {kept} with most members of the {len(matrix)}, "
        "all in standard mode or on a 1920×1080 slide"
    )
    return _heatmap(matrix.loc[shown, shown], title, note, source)


def _heatmap(matrix: pd.DataFrame, title: str, subtitle: str, source: str) -> go.Figure:
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=list(matrix.columns),
            y=list(matrix.index),
            colorscale=SEQUENTIAL,
            text=matrix.values,
            texttemplate="%{text}",
            hovertemplate=("%{y} and %{x}: %{z} shared<extra></extra>"),
            colorbar={"thickness": 14},
        )
    )
    fig.update_layout(
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"tickangle": -45, "automargin": True},
    )
    font = 17 if layout().big else 13
    left = label_width(matrix.index, font)
    fig = finish(
        fig,
        title,
        subtitle,
        source,
        height=max(420, 260 + 24 * len(matrix)),
        bottom=int(label_width(matrix.columns, font) * 0.7) + 30,
        left=left,
    )
    fig = label_every_row(
        label_every_row(fig, list(matrix.index)), list(matrix.columns), axis="xaxis"
    )
    size = fig.layout.yaxis.tickfont.size
    if size is not None:
        # A cell's number no bigger than its row's label.
        fig.update_traces(textfont={"size": min(size, 13)})
    return fig


def _category_order(values: pd.Series, colours: dict[str, str]) -> list[str]:
    """The categories present: those with a fixed colour in its order, then the others in
    the order they come, then the catch-alls (GREYED)."""
    present = list(dict.fromkeys(values))
    return (
        [c for c in colours if c in present]
        + [c for c in present if c not in colours and c not in GREYED]
        + [c for c in GREYED if c in present and c not in colours]
    )


# Rows that belong to no single category: grey, last in the legend.
GREYED = {"All regions": GREY, "No theme": GREY}


def category_colour(category: object, colours: dict[str, str] | None) -> str:
    """The fixed colour of a category: from `colours`, else grey. Never by position, so a
    category keeps its colour whatever the filters leave (tests/dashboard/test_colours.py
    checks every chart is given a colour for each category it draws)."""
    return (colours or {}).get(str(category)) or GREYED.get(str(category)) or GREY


@cached
def timeline(
    frame: pd.DataFrame,
    colour: str,
    title: str,
    subtitle: str,
    source: str,
    colours: dict[str, str] | None = None,
    years: tuple[int, ...] = (),
) -> go.Figure:
    """Meetings as bars from start to end on one row per mechanism; exact dates solid, fuzzy
    windows hatched and pale, the date as written in the hover.

    frame: mechanism, title, start, end, date_text, date_known, location_text, `colour`, and
    optionally themes (a line of the hover: "Labour migration (via mechanism)") and
    listed_in (the documents that describe the meeting, added to the hover).
    colours: a fixed colour per value of `colour` (legend in its order; category_colour).
    years: the calendar years the axis spans (default: those of the dates).
    """
    shown = frame.assign(
        finish=frame.end + pd.Timedelta(days=1),
        exact=frame.date_known.eq("exact dates").map({True: "exact dates", False: "fuzzy window"}),
    )
    themes = shown.themes if "themes" in shown else pd.Series("", index=shown.index)
    shown["hover"] = [
        f"<b>{text(t)}</b><br>{text(m)}<br>Date as written: {text(d)}<br>{text(p)}"
        + (f"<br>Themes: {text(th)}" if th else "")
        for t, m, d, p, th in zip(
            shown.title,
            shown.mechanism,
            shown.date_text,
            shown.location_text.replace("", "place TBC"),
            themes,
            strict=True,
        )
    ]
    if "listed_in" in shown.columns:  # which documents describe the meeting
        shown["hover"] += "<br>Listed in: " + shown.listed_in.map(text)
    # Plain horizontal bars (what px.timeline makes, at a fraction of its cost): base = start,
    # length = duration in milliseconds on a date axis.
    fixed = colours or {}
    groups = _category_order(shown[colour], fixed)
    traces = []
    for group in groups:
        colour_of = category_colour(group, fixed)
        # Exact dates first; the group's first trace carries its legend entry, so a group
        # with fuzzy dates only is in the legend too.
        for n, (kind, part) in enumerate(shown[shown[colour] == group].groupby("exact", sort=True)):
            fuzzy = kind == "fuzzy window"
            traces.append(
                go.Bar(
                    base=part.start.dt.strftime("%Y-%m-%d").tolist(),
                    x=((part.finish - part.start).dt.total_seconds() * 1000).tolist(),
                    y=part.mechanism.tolist(),
                    orientation="h",
                    name=str(group),
                    legendgroup=str(group),
                    showlegend=n == 0,
                    opacity=0.45 if fuzzy else 1,
                    marker={
                        "color": colour_of,
                        "line": {"width": 0.5, "color": "#333"},
                        "pattern": {"shape": "/" if fuzzy else ""},
                    },
                    customdata=part.hover.tolist(),
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
            if not fuzzy:
                # A one-day bar is a hairline at year scale: a diamond marks it and takes
                # the hover.
                middle = part.start + (part.finish - part.start) / 2
                traces.append(
                    go.Scatter(
                        x=middle.dt.strftime("%Y-%m-%d %H:%M").tolist(),
                        y=part.mechanism.tolist(),
                        mode="markers",
                        legendgroup=str(group),
                        showlegend=False,
                        marker={
                            "symbol": "diamond",
                            "size": 9,
                            "color": colour_of,
                            "line": {"width": 0.5, "color": "#333"},
                        },
                        customdata=part.hover.tolist(),
                        hovertemplate="%{customdata}<extra></extra>",
                    )
                )
    fig = go.Figure(traces)
    fig.update_layout(barmode="overlay")
    fig.add_trace(
        go.Bar(
            x=[None],
            y=[None],
            name="fuzzy date: month, quarter or half-year",
            marker={"color": "#bbb", "pattern": {"shape": "/"}},
            showlegend=True,
        )
    )
    rows = frame.mechanism.nunique()
    first, last = time_span(frame, years)
    fig.update_layout(
        xaxis={
            "range": [f"{first}-01-01", f"{last + 1}-01-01"],
            "type": "date",
            # One year: a tick a month; more: a tick a quarter, with its year.
            "dtick": "M1" if first == last else "M3",
            "tickformat": "%b" if first == last else "%b %Y",
            "showgrid": True,
            "gridcolor": "#e5e5e5",
        },
        yaxis={"title": "", "categoryorder": "category descending", "automargin": True},
        legend=LEGEND,
        bargap=0.3,
    )
    legend_rows = 1 + (frame[colour].nunique() + 1) // 4
    shape = layout()
    if shape.big:
        # A slide is short: the legend goes to the right of the plot, a column of its own.
        fig.update_layout(
            legend={
                "orientation": "v",
                "x": 1.01,
                "xanchor": "left",
                "y": 1,
                "yanchor": "top",
                "font": {"size": 14},
                "tracegroupgap": 2,
            }
        )
        legend_rows = 0
    fig = finish(
        fig,
        title,
        subtitle,
        source,
        height=max(460, 200 + 26 * rows),
        bottom=90,
        legend_rows=legend_rows,
        # On a phone a row holds a label of two lines.
        plot=34 * rows if shape.phone else None,
        left=label_width(
            frame.mechanism.unique(),
            17 if shape.big else 13,
            PHONE_LABEL_CHARS if shape.phone else 0,
        ),
    )
    return label_every_row(
        fig,
        sorted(frame.mechanism.unique(), reverse=True),
        wrap=PHONE_LABEL_CHARS if shape.phone else 0,
    )


def time_span(frame: pd.DataFrame, years: tuple[int, ...] = ()) -> tuple[int, int]:
    """(first, last) year a timeline spans: the given years', else those of the start and end
    dates in frame."""
    if years:
        return min(years), max(years)
    dates = pd.concat([frame.start, frame.end]).dropna()
    return (int(dates.min().year), int(dates.max().year)) if len(dates) else (2000, 2000)


def show(fig: go.Figure, filename: str, key: str | None = None) -> list[str]:
    """Draw a figure with offline map geometry and a 16:9 PNG download at 2x (the toolbar
    shows on hover; in presentation mode it holds the PNG button only; a phone has none).

    With a key, clicking a country (or point carrying an ISO3) selects it; the rest of the map
    stays readable (SELECTION). Returns the selected ISO3 codes ([] without a key or
    selection).
    """
    shape = layout()
    config = {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        # Toolbar on hover only, so it never sits over a title in a screenshot; none on a
        # phone, where a tap shows it over the title.
        "displayModeBar": False if shape.phone else "hover",
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": 1600,
            "height": 900,
            "scale": 2,
        },
    }
    if shape.present:
        config["modeBarButtons"] = [["toImage"]]
    if key is None:
        st.plotly_chart(fig, width="stretch", config=config, theme=None)
        return []
    event = st.plotly_chart(
        fig,
        width="stretch",
        config=config,
        theme=None,
        key=key,
        on_select="rerun",
        selection_mode="points",
    )
    return selected_codes(event)


def selected_codes(event: Mapping[str, Any] | None) -> list[str]:
    """The ISO3 codes a chart's selection event (or its state) carries in its points'
    customdata, in order, without repeats."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    codes = [p.get("customdata") for p in points]
    codes = [c[0] if isinstance(c, list) else c for c in codes]
    return [c for c in dict.fromkeys(codes) if isinstance(c, str)]
