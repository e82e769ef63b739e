"""Chart helpers: every figure carries its title, a subtitle, an "as of" date and the source,
inside the figure, so a screenshot or PNG keeps them. Maps draw the world outline from the
app's own static files (no CDN)."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

AS_OF = "Sources as of 2017"
SEQUENTIAL = "Blues"
QUALITATIVE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
               "#000000"]  # Okabe-Ito: safe for colour-blind readers
TOPOJSON_URL = "app/static/"  # relative: plotly.js appends "world_110m.json"


def finish(fig: go.Figure, title: str, subtitle: str, source: str) -> go.Figure:
    """Put title, subtitle, as-of date and source line inside the figure."""
    fig.update_layout(
        title={"text": f"<b>{title}</b><br><sup>{subtitle}</sup>", "x": 0.01, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 70, "b": 90},
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 13},
        colorway=QUALITATIVE,
    )
    fig.add_annotation(text=f"Source: {source}. {AS_OF}.", xref="paper", yref="paper", x=0,
                       y=0, yshift=-55, xanchor="left", yanchor="top", showarrow=False,
                       font={"size": 11, "color": "#555"})
    return fig


def world_choropleth(frame: pd.DataFrame, value: str, hover: str, title: str,
                     subtitle: str, source: str) -> go.Figure:
    """A world choropleth by ISO3 code, colour = `value`, hover shows country and `hover`."""
    fig = px.choropleth(frame, locations="iso3", locationmode="ISO-3", color=value,
                        hover_name="country", hover_data={hover: True, "iso3": False},
                        color_continuous_scale=SEQUENTIAL)
    fig.update_geos(showframe=False, showcoastlines=False, projection_type="natural earth",
                    projection_rotation={"lon": 10}, center={"lon": 10, "lat": 10},
                    lataxis_range=[-58, 85], lonaxis_range=[-170, 190],
                    showcountries=True, countrycolor="#bbb", landcolor="#eee", showland=True)
    fig.update_layout(height=480, coloraxis_colorbar={"title": ""})
    return finish(fig, title, subtitle, source)


def show(fig: go.Figure, filename: str) -> None:
    """Draw a figure with offline map geometry and a 16:9 PNG download at 2x."""
    st.plotly_chart(
        fig,
        width="stretch",
        config={
            "topojsonURL": TOPOJSON_URL,
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "width": 1600,
                                     "height": 900, "scale": 2},
        },
    )
