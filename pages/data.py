"""Data: every processed table for download (CSV and one Excel workbook), the data
dictionary, provenance and the rejects report."""

from __future__ import annotations

import streamlit as st

from dashboard import filters, ui
from dashboard.views import data_tables as view_of

ui.header(
    "Data",
    "The normalised tables behind every chart, built by the loaders from the source documents.",
)
# Above the tabs, so a notice about the address shows whichever tab is open.
notices = st.container()
tables_tab, dictionary_tab, rejects_tab = st.tabs(["Tables", "Data dictionary", "Rejects"])

with tables_tab:
    name, unknown_table = filters.checked_in_url(
        "table",
        view_of.table_names(),
        lambda: st.selectbox("Table", view_of.table_names(), key="table", bind="query-params"),
    )
with notices:
    filters.unknown_notice("table", unknown_table, f"showing {name}.")
view = view_of.data_view(name)

with tables_tab:
    st.write(view.rows_line)
    if view.with_source:
        ui.selectable_with_source(view.table, name, key=f"data_{name}")
    else:
        st.dataframe(view.table, width="stretch", hide_index=True)
    c1, c2 = st.columns(2)
    c1.download_button(
        f"Download {view.csv_name}",
        view_of.csv_bytes(name),
        file_name=view.csv_name,
        mime="text/csv",
        key="data_download",
        icon=":material/download:",
        on_click=ui.DOWNLOAD_CLICK,
    )
    c2.download_button(
        "Download every table (Excel workbook)",
        view_of.workbook(),
        file_name="migration-diplomacy-tables.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="data_workbook",
        icon=":material/grid_on:",
        on_click=ui.DOWNLOAD_CLICK,
    )

with dictionary_tab:
    for document in view.dictionary:
        st.markdown(document)

with rejects_tab:
    st.write(view.rejects_line)
    if len(view.rejects):
        ui.selectable_with_source(view.rejects, "rejects", key="data_rejects")
