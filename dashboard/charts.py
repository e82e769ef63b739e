"""Chart helpers: every figure carries its title, a subtitle stating the active filter, an
"as of" date, the source and the handling marking, inside the figure, so a screenshot or PNG
keeps them. Maps draw the world outline from the app's own static files (no CDN), add Natural
Earth shapes plotly lacks (Kosovo) and circles for countries too small to see."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from dashboard import data
from dashboard.settings import SETTINGS

SEQUENTIAL = "Blues"
# Okabe-Ito: distinguishable for colour-blind readers.
QUALITATIVE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
               "#000000"]
ROLE_COLOURS = {"member": "#0072B2", "observer": "#E69F00", "partner": "#009E73",
                "guest": "#CC79A7", "suspended": "#D55E00"}
TOPOJSON_URL = "app/static/"  # relative: plotly.js appends "world_50m.json"
BOUNDARIES = ("Boundaries: Natural Earth (de facto), no endorsement implied")
PRESENT_KEY = "mode"


def present_mode() -> bool:
    """True when the page is in presentation mode (?mode=present)."""
    return st.session_state.get(PRESENT_KEY) == "present"


def text(value: object) -> str:
    """Source text made safe for plotly's hover and annotation markup (which reads tags)."""
    return html.escape(str(value), quote=False)


def file_name(*parts: str) -> str:
    """A file name from words: lower case, dashes, no punctuation."""
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(parts).lower()).strip("-")
    return slug[:80] or "chart"


def finish(fig: go.Figure, title: str, subtitle: str, source: str,
           height: int = 480) -> go.Figure:
    """Put title, subtitle, source line, as-of date and marking inside the figure."""
    big = present_mode()
    fig.update_layout(
        title={"text": f"<b>{text(title)}</b><br><sup>{text(subtitle)}</sup>", "x": 0.01,
               "xanchor": "left", "font": {"size": 24 if big else 18}},
        margin={"l": 10, "r": 10, "t": 90 if big else 75, "b": 80},
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 17 if big else 13},
        colorway=QUALITATIVE,
        height=int(height * (1.2 if big else 1)),
        paper_bgcolor="white",
    )
    fig.add_annotation(text=text(f"Source: {source}. As of {SETTINGS.as_of}."), xref="paper",
                       yref="paper", x=0, y=0, yshift=-50, xanchor="left", yanchor="top",
                       showarrow=False, font={"size": 13 if big else 11, "color": "#444"})
    if SETTINGS.marking:
        fig.add_annotation(text=f"<b>{text(SETTINGS.marking)}</b>", xref="paper",
                           yref="paper", x=1, y=1, yshift=60, xanchor="right", yanchor="bottom",
                           showarrow=False, font={"size": 13, "color": "#B00020"})
    return fig


def _geo_layout(fig: go.Figure) -> None:
    fig.update_geos(showframe=False, showcoastlines=False, projection_type="natural earth",
                    projection_rotation={"lon": 10}, center={"lon": 10, "lat": 10},
                    lataxis_range=[-58, 85], lonaxis_range=[-170, 190], resolution=50,
                    showcountries=True, countrycolor="#aaa", landcolor="#eee", showland=True,
                    showocean=False, bgcolor="white")


def _hover(frame: pd.DataFrame, detail: str) -> list[str]:
    return [f"<b>{text(c)}</b><br>{text(d)}" for c, d in zip(frame.country, frame[detail],
                                                               strict=True)]


def _traces_for(frame: pd.DataFrame, colour: dict, detail: str, name: str,
                legend: bool) -> list[go.BaseTraceType]:
    """A choropleth on plotly's outline, one on data/geo shapes, circles for small states.

    colour: {"z": values, "coloraxis": "coloraxis"} or {"colorscale": fixed, "z": 1s}.
    """
    points = data.map_points().set_index("iso3")
    frame = frame.join(points[["lat", "lon", "map_marker", "shape_source"]], on="iso3")
    traces: list[go.BaseTraceType] = []
    common = {"marker_line_color": "white", "marker_line_width": 0.5, "hoverinfo": "text",
              "name": name, "legendgroup": name}
    own = frame[frame.shape_source != "name"]
    traces.append(go.Choropleth(locations=own.iso3, locationmode="ISO-3",
                                text=_hover(own, detail), customdata=own.iso3,
                                showlegend=legend, **_colour(own, colour), **common))
    named = frame[frame.shape_source == "name"]
    if not named.empty:
        traces.append(go.Choropleth(locations=named.iso3, geojson=data.extra_shapes(),
                                    featureidkey="properties.id", text=_hover(named, detail),
                                    customdata=named.iso3, showlegend=False,
                                    **_colour(named, colour), **common))
    small = frame[frame.map_marker & frame.lat.notna()]
    if not small.empty:
        values = _colour(small, colour)
        marker = {"size": 9, "line": {"color": "white", "width": 1}}
        if "coloraxis" in values:
            marker |= {"color": values["z"], "coloraxis": "coloraxis"}
        else:
            marker |= {"color": values["colorscale"][0][1]}
        traces.append(go.Scattergeo(lat=small.lat, lon=small.lon, mode="markers",
                                    marker=marker, text=_hover(small, detail),
                                    customdata=small.iso3, hoverinfo="text", name=name,
                                    legendgroup=name, showlegend=False))
    return traces


def _colour(frame: pd.DataFrame, colour: dict) -> dict:
    if "value" in colour:
        return {"z": frame[colour["value"]], "coloraxis": "coloraxis"}
    return {"z": [1] * len(frame), "colorscale": [[0, colour["fixed"]], [1, colour["fixed"]]],
            "showscale": False}


def map_by_value(frame: pd.DataFrame, value: str, detail: str, title: str, subtitle: str,
                 source: str, highlight: str | None = None, value_label: str = "") -> go.Figure:
    """World map coloured by a number per country.

    frame: iso3, country, `value`, `detail` (hover line).
    """
    fig = go.Figure(_traces_for(frame, {"value": value}, detail, value_label or value, False))
    top = max(int(frame[value].max()) if len(frame) else 1, 1)
    fig.update_layout(coloraxis={"colorscale": SEQUENTIAL, "cmin": 0, "cmax": top,
                                 "colorbar": {"title": {"text": value_label}, "thickness": 14}})
    return _finish_map(fig, title, subtitle, source, highlight)


def map_by_category(frame: pd.DataFrame, category: str, detail: str, title: str,
                    subtitle: str, source: str, colours: dict[str, str],
                    highlight: str | None = None) -> go.Figure:
    """World map with one colour per category (legend in `colours`' order).

    frame: iso3, country, `category`, `detail` (hover line).
    """
    traces: list[go.BaseTraceType] = []
    for name, colour in colours.items():
        part = frame[frame[category] == name]
        if not part.empty:
            traces.extend(_traces_for(part, {"fixed": colour}, detail, name.capitalize(), True))
    fig = go.Figure(traces)
    fig.update_layout(legend={"orientation": "h", "y": 1.0, "x": 0.01, "yanchor": "bottom"})
    return _finish_map(fig, title, subtitle, source, highlight)


def _finish_map(fig: go.Figure, title: str, subtitle: str, source: str,
                highlight: str | None) -> go.Figure:
    if highlight:
        point = data.map_points().set_index("iso3").loc[highlight]
        fig.add_trace(go.Scattergeo(lat=[point.lat], lon=[point.lon], mode="markers+text",
                                    text=[text(point.country)], textposition="top center",
                                    marker={"size": 16, "symbol": "circle-open",
                                            "color": "#000", "line": {"width": 3}},
                                    hoverinfo="skip", showlegend=False,
                                    textfont={"size": 14, "color": "#000"}))
    _geo_layout(fig)
    return finish(fig, title, subtitle, f"{source}. {BOUNDARIES}", height=560)


def points_map(frame: pd.DataFrame, size: str, detail: str, title: str, subtitle: str,
               source: str, colour: str | None = None) -> go.Figure:
    """Circles on a world map at each row's lat/lon, sized by `size`.

    frame: lat, lon, country, `size`, `detail`, optional `colour` (category).
    """
    fig = go.Figure()
    groups = [(None, frame)] if colour is None else list(frame.groupby(colour, sort=False))
    top = max(float(frame[size].max()) if len(frame) else 1, 1)
    for i, (name, part) in enumerate(groups):
        fig.add_trace(go.Scattergeo(
            lat=part.lat, lon=part.lon, mode="markers", name=str(name or ""),
            showlegend=name is not None, text=_hover(part, detail), hoverinfo="text",
            customdata=part.iso3 if "iso3" in part else None,
            marker={"size": 8 + 22 * (part[size] / top) ** 0.5,
                    "color": QUALITATIVE[i % len(QUALITATIVE)], "opacity": 0.85,
                    "line": {"color": "white", "width": 1}}))
    fig.update_layout(legend={"orientation": "h", "y": 1.0, "x": 0.01, "yanchor": "bottom"})
    _geo_layout(fig)
    return finish(fig, title, subtitle, f"{source}. {BOUNDARIES}", height=520)


def bar(frame: pd.DataFrame, x: str, y: str, title: str, subtitle: str, source: str,
        colour: str | None = None, order: Sequence[str] | None = None,
        labels: dict[str, str] | None = None, horizontal: bool = False) -> go.Figure:
    """A bar chart in the house style; `order` fixes the category axis."""
    fig = px.bar(frame, x=y if horizontal else x, y=x if horizontal else y, color=colour,
                 orientation="h" if horizontal else "v", labels=labels or {},
                 color_discrete_sequence=QUALITATIVE, text_auto=True)
    if order is not None:
        axis = {"categoryorder": "array", "categoryarray": list(order)}
        fig.update_layout(yaxis=axis | {"autorange": "reversed"} if horizontal else {},
                          xaxis={} if horizontal else axis)
    fig.update_layout(legend={"orientation": "h", "y": 1.0, "x": 0.01, "yanchor": "bottom"},
                      bargap=0.25)
    height = max(380, 60 + 32 * frame[x].nunique()) if horizontal else 420
    return finish(fig, title, subtitle, source, height=height)


def heatmap(matrix: pd.DataFrame, title: str, subtitle: str, source: str) -> go.Figure:
    """A labelled square heatmap (e.g. shared members between mechanisms)."""
    fig = go.Figure(go.Heatmap(z=matrix.values, x=list(matrix.columns), y=list(matrix.index),
                               colorscale=SEQUENTIAL, text=matrix.values,
                               texttemplate="%{text}", hovertemplate=(
                                   "%{y} and %{x}: %{z} shared<extra></extra>"),
                               colorbar={"thickness": 14}))
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis={"tickangle": -40})
    return finish(fig, title, subtitle, source, height=max(420, 160 + 34 * len(matrix)))


def timeline(frame: pd.DataFrame, colour: str, title: str, subtitle: str,
             source: str) -> go.Figure:
    """Meetings as bars from start to end on one row per mechanism; exact dates solid, fuzzy
    windows hatched and pale, the date as written in the hover.

    frame: mechanism, title, start, end, date_text, date_known, location_text, `colour`.
    """
    shown = frame.assign(finish=frame.end + pd.Timedelta(days=1),
                         exact=frame.date_known.eq("exact dates").map(
                             {True: "exact dates", False: "fuzzy window"}))
    shown["hover"] = [f"<b>{text(t)}</b><br>{text(m)}<br>Date as written: {text(d)}<br>{text(p)}"
                      for t, m, d, p in zip(shown.title, shown.mechanism, shown.date_text,
                                            shown.location_text.replace("", "place TBC"),
                                            strict=True)]
    fig = px.timeline(shown, x_start="start", x_end="finish", y="mechanism", color=colour,
                      pattern_shape="exact", pattern_shape_map={"exact dates": "",
                                                                "fuzzy window": "/"},
                      color_discrete_sequence=QUALITATIVE, custom_data=["hover"])
    fig.update_traces(hovertemplate="%{customdata[0]}<extra></extra>",
                      marker_line_width=0.5, marker_line_color="#333")
    for trace in fig.data:
        if "fuzzy" in trace.name:
            trace.opacity = 0.45
    rows = frame.mechanism.nunique()
    fig.update_layout(
        xaxis={"range": ["2017-01-01", "2018-01-01"], "dtick": "M1", "tickformat": "%b",
               "showgrid": True, "gridcolor": "#e5e5e5"},
        yaxis={"title": "", "categoryorder": "category descending"},
        legend={"orientation": "h", "y": 1.0, "x": 0.01, "yanchor": "bottom", "title": ""},
        bargap=0.3)
    return finish(fig, title, subtitle, source, height=max(420, 170 + 26 * rows))


def show(fig: go.Figure, filename: str, key: str | None = None) -> list[str]:
    """Draw a figure with offline map geometry and a 16:9 PNG download at 2x.

    With a key, clicking a country (or point carrying an ISO3) selects it; returns the
    selected ISO3 codes ([] without a key or selection).
    """
    config = {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "displayModeBar": not present_mode(),
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "width": 1600,
                                 "height": 900, "scale": 2},
    }
    if key is None:
        st.plotly_chart(fig, width="stretch", config=config, theme=None)
        return []
    event = st.plotly_chart(fig, width="stretch", config=config, theme=None, key=key,
                            on_select="rerun", selection_mode="points")
    points = (event or {}).get("selection", {}).get("points", [])
    codes = [p.get("customdata") for p in points]
    codes = [c[0] if isinstance(c, list) else c for c in codes]
    return [c for c in dict.fromkeys(codes) if isinstance(c, str)]
