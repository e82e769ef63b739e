"""Page furniture shared by every page: header with the marking (compact in presentation
mode), headline figures, empty states, tables with downloads, side-by-side blocks, and maps
with the links a clicked country offers."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import charts, data, navigation
from dashboard.settings import SETTINGS
from dashboard.words import count

# Downloads carry their file (made once per view, cached) and a click does not rerun the page.
# A file made on click (a callable) was lost under load, for reasons inside Streamlit 1.67:
# the click's own rerun cleared the queued reply with the file's address, or dropped the
# callable before it ran; and a file made on click belongs to no session, so any two other
# sessions finishing a run delete it, often before the browser fetches it (17 of 60 downloads
# answered 404 beside six busy sessions).
DOWNLOAD_CLICK: Final = "ignore"

# A table's height: pixels, or one of Streamlit's keywords.
TableHeight = int | Literal["auto", "stretch", "content"]


class Header:
    """A page's header: where its controls go (under it; in presentation mode in an "Options"
    popover on its row, made when the page first puts a control there), and where its
    headline figures go (headline())."""

    def __init__(
        self, title: str, line: DeltaGenerator, controls: DeltaGenerator, present: bool
    ) -> None:
        self.title = title
        # The title's line (presentation mode: a placeholder the headline rewrites) or the
        # space under the title.
        self.line = line
        self._controls = controls  # the controls' container, or the column the popover takes
        self.present = present

    @functools.cached_property
    def controls(self) -> DeltaGenerator:
        """Where the page's controls go."""
        if not self.present:
            return self._controls
        return self._controls.popover("Options", icon=":material/tune:", width="stretch")

    def headline(
        self,
        figures: dict[str, int | str],
        caption: str = "",
        help: dict[str, str] | None = None,
        notes: Sequence[str] = (),
    ) -> None:
        """The page's headline figures: a caption, a metric each (with its `help`) and the
        `notes` under the title, or in presentation mode the figures on the title's line
        ("Title · 34 Mechanisms · 204 …"; the chart subtitles say what the filters are)."""
        if self.present:
            self.line.markdown(
                title_line(self.title)
                + " · "
                + " · ".join(
                    f"**{value}** {escape_markdown(label)}" for label, value in figures.items()
                )
            )
            return
        with self.line:
            if caption:
                st.caption(caption)
            for column, (label, value) in zip(
                st.columns(len(figures)), figures.items(), strict=True
            ):
                column.metric(label, value, help=(help or {}).get(label))
            for note in notes:
                if note:
                    st.caption(note)


def title_line(title: str) -> str:
    """The compact header's markdown: the marking (when set) and the title, bold."""
    marking = f":red[**{escape_markdown(SETTINGS.marking)}**] · " if SETTINGS.marking else ""
    return f"{marking}**{escape_markdown(title)}**"


def header(title: str, caption: str = "") -> Header:
    """Page title, the handling marking (when set) and a one-line caption; returns where the
    page's controls and headline figures go.

    In presentation mode the header is one compact row, the title on the left and an
    "Options" popover on the right holding the page's controls; the caption is left out, so
    the first chart fits the screen.
    """
    if not charts.present_mode():
        if SETTINGS.marking:
            st.markdown(f":red[**{escape_markdown(SETTINGS.marking)}**]")
        st.title(title)
        if caption:
            st.caption(caption)
        # A container, not a placeholder filled later: a placeholder's own delta and the one
        # that fills it go to one path, and Streamlit sends the first or not depending on
        # timing, so a run would not always send the same elements.
        return Header(title, line=st.container(), controls=st.container(), present=False)
    left, right = st.columns([6, 1], vertical_alignment="center")
    line = left.empty()
    line.markdown(title_line(title))
    return Header(title, line=line, controls=right, present=True)


def side_by_side(spec: Sequence[float]) -> list[DeltaGenerator]:
    """Columns of the given widths; in presentation mode one full-width block under the
    other, so each chart has a screen's width."""
    if charts.present_mode():
        return [st.container() for _ in spec]
    return list(st.columns(spec))


def escape_markdown(value: str) -> str:
    """Text with markdown's special characters escaped, so it shows as written."""
    special = "\\`*_{}[]<>()#+-.!|~:$"
    return "".join("\\" + ch if ch in special else ch for ch in str(value))


def nothing_matches(what: str) -> None:
    """Say in words that the filters match nothing."""
    st.info(f"No {what} match the current filters. Widen or reset the filters in the sidebar.")


def table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    file_name: str,
    key: str,
    height: TableHeight = "auto",
    provenance: str | None = None,
) -> None:
    """A table of `columns` (column -> heading) with a CSV download of exactly what is shown.

    provenance: the processed table the rows come from; a row can then be selected and the
    source lines it was read from show under the table (the source columns need not be shown).
    """
    shown = frame[list(columns)].rename(columns=columns)
    # A missing number shows as an empty cell, never as "nan" or "None"; 2.0 shows as 2.
    for column in shown.columns[shown.dtypes.map(pd.api.types.is_float_dtype)]:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:g}")
    # A whole-number column with gaps (meetings a year) the same way: empty, or the number.
    for column in shown.columns[shown.dtypes.map(pd.api.types.is_integer_dtype)]:
        if shown[column].isna().any():
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else str(int(v)))
    if provenance is None:
        st.dataframe(shown, hide_index=True, width="stretch", height=height)
    else:
        selectable_with_source(frame, provenance, key, shown=shown, height=height)
    st.download_button(
        download_label(len(shown)),
        data.csv_bytes(shown),
        file_name=f"{file_name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click=DOWNLOAD_CLICK,
    )


def download_label(rows: int) -> str:
    """The label of a table's CSV download: "Download these 3 rows (CSV)", "Download this
    row (CSV)", "Download the table's headings (CSV)" for none."""
    if rows == 1:
        return "Download this row (CSV)"
    if rows == 0:
        return "Download the table's headings (CSV)"
    return f"Download these {rows} rows (CSV)"


# A row of links a clicked country offers, reserved above its map whether or not a country is
# clicked, so clicking one does not push the map down.
LINKS_ROW_PX = 40


def map_with_links(fig: go.Figure, file_name: str, key: str, found: str | None = None) -> list[str]:
    """A clickable map (charts.show) with, right above it, the links of the country clicked
    (or `found`, an ISO3, when none is clicked), so they are in view with the map; returns
    the clicked ISO3 codes."""
    phone = charts.layout().phone
    # On a phone the four links stack; the row then takes the height they need.
    links = st.container(height="content" if phone else LINKS_ROW_PX, border=False)
    clicked = charts.show(fig, file_name, key=key)
    with links:
        country_links(clicked or ([found] if found else []))
    return clicked


def country_links(codes: Sequence[str]) -> None:
    """For countries clicked on a map: their profile, and the meetings they host and the USCIS
    engagements held there, when there are any; a hint when none is clicked."""
    names = data.country_names()
    codes = [c for c in codes if c in names][:3]
    if not codes:
        st.caption(
            "Click a country on the map for its profile, the meetings it hosts and the "
            "USCIS engagements there."
        )
        return
    hosts = data.meeting_hosts()
    years = data.years_text(data.calendar_years())
    places = data.engagement_places()
    for iso3 in codes:
        cols = st.columns([2, 2, 2, 2], vertical_alignment="center")
        cols[0].markdown(f"**Selected: {escape_markdown(names[iso3])}**")
        cols[1].page_link(
            navigation.COUNTRY,
            label=f"Profile of {names[iso3]}",
            query_params={"country": names[iso3]},
            icon=":material/flag:",
        )
        if hosts.get(iso3):
            cols[2].page_link(
                navigation.MEETINGS,
                label=" ".join(
                    filter(None, [count(int(hosts[iso3]), f"{years} meeting".strip()), "there"])
                ),
                query_params={"host": names[iso3]},
                icon=":material/calendar_month:",
            )
        else:
            cols[2].caption(" ".join(filter(None, ["Hosts no", years, "meeting"])))
        if places.get(iso3):
            cols[3].page_link(
                navigation.ENGAGEMENTS,
                label=f"{count(int(places[iso3]), 'USCIS engagement')} there",
                query_params={"where": names[iso3]},
                icon=":material/handshake:",
            )
        else:
            cols[3].caption("No USCIS engagement meets there")


def country_finder(key: str = "find") -> str | None:
    """A country search that highlights one country on the page's map; returns its ISO3."""
    names = data.country_names()
    return st.selectbox(
        "Find a country on the map",
        list(names),
        index=None,
        format_func=names.__getitem__,
        key=key,
        bind="query-params",
        placeholder="Type a country name",
    )


def selectable_with_source(
    frame: pd.DataFrame,
    table_name: str,
    key: str,
    shown: pd.DataFrame | None = None,
    height: TableHeight = "auto",
) -> None:
    """`shown` (default: `frame`) as a table where one row can be selected; the selected row's
    source lines, looked up from the same position in `frame`, show below it."""
    event = st.dataframe(
        frame if shown is None else shown,
        hide_index=True,
        width="stretch",
        height=height,
        on_select="rerun",
        selection_mode="single-row",
        key=f"{key}_rows",
    )
    rows = [r for r in event.selection.rows if 0 <= r < len(frame)]
    if rows:
        source_panel(table_name, frame.iloc[rows[0]])
    elif len(frame) and data.row_provenance(table_name, frame.iloc[0]) is not None:
        st.caption("Select a row (the box at its left) to see the source lines it was read from.")


def source_panel(table_name: str, row: pd.Series) -> None:
    """The lines of data/raw a processed row was read from, as plain text (never HTML)."""
    provenance = data.row_provenance(table_name, row)
    if provenance is None:
        st.caption("This table keeps no source line for its rows.")
        return
    file, numbers = provenance
    found = data.source_lines(file, numbers)
    listed = ", ".join(str(n) for n in numbers)
    if not found:
        st.caption(f"Line {listed} is not in data/raw/{file}.")
        return
    st.caption(f"Read from data/raw/{file}, line{'s' if len(numbers) > 1 else ''} {listed}:")
    st.code("\n\n".join(f"{n}: {text}" for n, text in found), language=None, wrap_lines=True)
