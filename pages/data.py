"""Data: every processed table for download (CSV and one Excel workbook), the data
dictionary, provenance and the rejects report."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data, ui

DICTIONARY = Path(__file__).resolve().parents[1] / "data" / "README.md"
MAP_PROVENANCE = DICTIONARY.parent / "geo" / "README.md"

ui.header("Data", "The normalised tables behind every chart, built by the loaders from the five "
          "source documents.")
tables_tab, dictionary_tab, rejects_tab = st.tabs(["Tables", "Data dictionary", "Rejects"])

with tables_tab:
    name = st.selectbox("Table", data.TABLES, key="table", bind="query-params")
    frame = data.table(name)
    st.write(f"{len(frame)} rows")
    if len(frame) and data.row_provenance(name, frame.iloc[0]) is not None:
        ui.selectable_with_source(frame, name, key=f"data_{name}")
    else:
        st.dataframe(frame, width="stretch", hide_index=True)
    c1, c2 = st.columns(2)
    c1.download_button(f"Download {name}.csv",
                       (DICTIONARY.parent / "processed" / f"{name}.csv").read_bytes(),
                       file_name=f"{name}.csv", mime="text/csv", key="data_download",
                       icon=":material/download:", on_click=ui.DOWNLOAD_CLICK)
    c2.download_button("Download every table (Excel workbook)",
                       data.workbook(),
                       file_name="migration-diplomacy-tables.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="data_workbook", icon=":material/grid_on:",
                       on_click=ui.DOWNLOAD_CLICK)

with dictionary_tab:
    st.markdown(DICTIONARY.read_text(encoding="utf-8"))
    st.markdown(MAP_PROVENANCE.read_text(encoding="utf-8"))

with rejects_tab:
    rejects = data.table("rejects")
    st.write(f"{len(rejects)} source rows could not be loaded; each is explained in the data "
             "dictionary.")
    if len(rejects):
        ui.selectable_with_source(rejects, "rejects", key="data_rejects")
