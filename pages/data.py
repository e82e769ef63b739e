"""Data: every processed table for download, with the rejects report."""

from __future__ import annotations

import streamlit as st

from dashboard import data

TABLES = ["processes", "memberships", "process_organisations", "process_aliases",
          "process_events", "countries", "meetings", "meeting_processes", "engagements",
          "engagement_countries", "engagement_partners", "engagement_roles",
          "engagement_processes", "acronyms", "themes", "theme_links", "action_items",
          "reports", "report_participants", "report_items", "count_checks", "rejects"]

st.title("Data")
st.caption("The normalised tables behind every chart, built from the five source documents. "
           "The data dictionary is data/README.md in the repository.")
name = st.selectbox("Table", TABLES, key="data_table")
frame = data.table(name)
st.write(f"{len(frame)} rows")
st.dataframe(frame, width="stretch", hide_index=True)
st.download_button(f"Download {name}.csv", frame.to_csv(index=False).encode("utf-8"),
                   file_name=f"{name}.csv", mime="text/csv", key="data_download")
