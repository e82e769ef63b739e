"""Overview: headline figures, where mechanisms reach, and the 2017 meeting rhythm."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, navigation, ui

ui.header("Migration diplomacy at a glance",
          "Inter-state consultation mechanisms on migration (IOM overview), their 2017 "
          "meetings, and USCIS RAIO international engagements.")
chosen = filters.current()

for column, (label, value) in zip(st.columns(4), data.headline_figures().items(), strict=True):
    column.metric(label, value)

left, right = st.columns([3, 2])
include = left.radio("Count participation as",
                     ["Members only", "Members, observers and partners"], horizontal=True,
                     key="overview_roles", bind="query-params")
with right:
    found = ui.country_finder()
roles = ("member",) if include == "Members only" else ("member", "observer", "partner")
counts = data.membership_by_country(chosen.process_ids(), roles)
if counts.empty:
    ui.nothing_matches("mechanisms")
else:
    fig = charts.map_by_value(
        counts, value="mechanisms", detail="detail", value_label="Mechanisms",
        title="How many mechanisms each country takes part in",
        subtitle=f"{chosen.describe()}; {include.lower()}; {len(counts)} countries and "
                 "territories",
        source="IOM, Overview of the principal inter-state consultation mechanisms on migration",
        highlight=found)
    clicked = charts.show(fig, charts.file_name("mechanisms per country", include),
                          key="overview_map")
    ui.country_links(clicked or ([found] if found else []))

per_month = data.meetings_per_month(chosen.process_ids() if chosen.active else None,
                                    chosen.themes)
if per_month.empty:
    ui.nothing_matches("2017 meetings")
else:
    bars = charts.bar(per_month, x="month_label", y="meetings", colour="dated",
                      order=list(dict.fromkeys(per_month.month_label)),
                      labels={"month_label": "", "meetings": "Meetings",
                              "dated": "Date known to"},
                      title="2017 meetings by month",
                      subtitle=f"{chosen.describe()}; {int(per_month.meetings.sum())} meetings "
                               "by start month; fuzzy dates shown apart",
                      source="IOM, 2017 calendar of ISCM meetings")
    charts.show(bars, charts.file_name("2017 meetings per month", chosen.describe()))

st.subheader("Go further")
links = st.columns(4)
for column, (target, blurb) in zip(links * 2, [
        (navigation.MEMBERSHIP, "Who belongs to which mechanism, and overlaps"),
        (navigation.MEETINGS, "The 2017 calendar as a timeline, with .ics export"),
        (navigation.ENGAGEMENTS, "USCIS offices' engagements and staffing"),
        (navigation.COUNTRY, "Everything about one country"),
        (navigation.MECHANISM, "Everything about one mechanism"),
        (navigation.DOCUMENTS, "Bali Process actions and the RCM report"),
        (navigation.DATA, "Every table, the dictionary and the rejects")], strict=False):
    with column:
        st.page_link(target)
        st.caption(blurb)
