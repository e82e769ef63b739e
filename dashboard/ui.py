"""Page furniture shared by every page: header with the marking, empty states, tables with
downloads, and the links a selected country or mechanism offers."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import data, navigation
from dashboard.settings import SETTINGS

# Downloads carry their file (made once per view, cached) and a click does not rerun the page.
# A file made on click (a callable) was lost under load, for reasons inside Streamlit 1.67:
# the click's own rerun cleared the queued reply with the file's address, or dropped the
# callable before it ran; and a file made on click belongs to no session, so any two other
# sessions finishing a run delete it, often before the browser fetches it (17 of 60 downloads
# answered 404 beside six busy sessions).
DOWNLOAD_CLICK = "ignore"


def header(title: str, caption: str = "") -> None:
    """Page title, the handling marking (when set) and a one-line caption."""
    if SETTINGS.marking:
        st.markdown(f":red[**{escape_markdown(SETTINGS.marking)}**]")
    st.title(title)
    if caption:
        st.caption(caption)


def escape_markdown(value: str) -> str:
    """Text with markdown's special characters escaped, so it shows as written."""
    special = "\\`*_{}[]<>()#+-.!|~:$"
    return "".join("\\" + ch if ch in special else ch for ch in str(value))


def nothing_matches(what: str) -> None:
    """Say in words that the filters match nothing."""
    st.info(f"No {what} match the current filters. Widen or reset the filters in the sidebar.")


def table(frame: pd.DataFrame, columns: dict[str, str], file_name: str, key: str,
          height: int | str = "auto", provenance: str | None = None) -> None:
    """A table of `columns` (column -> heading) with a CSV download of exactly what is shown.

    provenance: the processed table the rows come from; a row can then be selected and the
    source lines it was read from show under the table (the source columns need not be shown).
    """
    shown = frame[list(columns)].rename(columns=columns)
    # A missing number shows as an empty cell, never as "nan" or "None"; 2.0 shows as 2.
    for column in shown.columns[shown.dtypes.map(pd.api.types.is_float_dtype)]:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:g}")
    if provenance is None:
        st.dataframe(shown, hide_index=True, width="stretch", height=height)
    else:
        selectable_with_source(frame, provenance, key, shown=shown, height=height)
    st.download_button(f"Download these {len(shown)} rows (CSV)", data.csv_bytes(shown),
                       file_name=f"{file_name}.csv", mime="text/csv", key=f"{key}_csv",
                       icon=":material/download:", on_click=DOWNLOAD_CLICK)


def country_links(codes: Sequence[str]) -> None:
    """For countries clicked on a map: their profile, and the meetings they host and the USCIS
    engagements held there, when there are any."""
    names = data.country_names()
    hosts = data.meeting_hosts()
    places = data.engagement_places()
    for iso3 in codes[:3]:
        if iso3 not in names:
            continue
        cols = st.columns([2, 2, 2, 2])
        cols[0].markdown(f"**Selected: {escape_markdown(names[iso3])}**")
        cols[1].page_link(navigation.COUNTRY, label=f"Profile of {names[iso3]}",
                          query_params={"country": names[iso3]}, icon=":material/flag:")
        if hosts.get(iso3):
            cols[2].page_link(navigation.MEETINGS, label=f"{hosts[iso3]} 2017 meeting(s) there",
                              query_params={"host": names[iso3]},
                              icon=":material/calendar_month:")
        else:
            cols[2].caption("Hosts no 2017 meeting")
        if places.get(iso3):
            cols[3].page_link(navigation.ENGAGEMENTS,
                              label=f"{places[iso3]} USCIS engagement(s) there",
                              query_params={"where": names[iso3]}, icon=":material/handshake:")
        else:
            cols[3].caption("No USCIS engagement meets there")


def country_finder(key: str = "find") -> str | None:
    """A country search that highlights one country on the page's map; returns its ISO3."""
    names = data.country_names()
    return st.selectbox("Find a country on the map", list(names), index=None,
                        format_func=names.get, key=key, bind="query-params",
                        placeholder="Type a country name")


def selectable_with_source(frame: pd.DataFrame, table_name: str, key: str,
                           shown: pd.DataFrame | None = None,
                           height: int | str = "auto") -> None:
    """`shown` (default: `frame`) as a table where one row can be selected; the selected row's
    source lines, looked up from the same position in `frame`, show below it."""
    event = st.dataframe(frame if shown is None else shown, hide_index=True, width="stretch",
                         height=height, on_select="rerun", selection_mode="single-row",
                         key=f"{key}_rows")
    rows = [r for r in event.selection.rows if 0 <= r < len(frame)]
    if rows:
        source_panel(table_name, frame.iloc[rows[0]])
    elif len(frame) and data.row_provenance(table_name, frame.iloc[0]) is not None:
        st.caption("Select a row (the box at its left) to see the source lines it was read "
                   "from.")


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
