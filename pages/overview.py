"""Overview: headline figures, where mechanisms reach, and the 2017 meeting rhythm."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from dashboard import charts, data

st.title("Migration diplomacy at a glance")
st.caption("Inter-state consultation mechanisms on migration (IOM overview), their 2017 "
           "meetings, and USCIS RAIO international engagements.")

columns = st.columns(4)
for column, (label, value) in zip(columns, data.headline_figures().items()):
    column.metric(label, value)

include = st.radio("Count participation as", ["Members only", "Members, observers and partners"],
                   horizontal=True, key="overview_roles")
roles = ("member",) if include == "Members only" else ("member", "observer", "partner")
counts = data.membership_counts(roles)
fig = charts.world_choropleth(
    counts, value="mechanisms", hover="names",
    title="How many mechanisms each country takes part in",
    subtitle=f"{include}; {len(counts)} countries and territories",
    source="IOM, Overview of the principal inter-state consultation mechanisms on migration",
)
charts.show(fig, "mechanisms-per-country")

per_month = data.meetings_per_month()
bars = px.bar(per_month, x="month_label", y="meetings", color="dated",
              color_discrete_sequence=charts.QUALITATIVE,
              labels={"month_label": "", "meetings": "Meetings", "dated": "Date known to"})
bars.update_layout(height=380, xaxis={"categoryorder": "array",
                                      "categoryarray": list(dict.fromkeys(per_month.month_label))})
charts.show(charts.finish(bars, "2017 meetings by month",
                          "Meetings by start month; fuzzy dates shown separately",
                          "IOM, 2017 calendar of ISCM meetings"), "meetings-per-month")
