"""Country profile: one country's mechanisms, the calendars' meetings it hosts, USCIS
engagements held there or with it, and its part in the RCM report."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, filters, navigation, ui
from dashboard.views import country as view_of

controls = ui.header("Country profile").controls
names = view_of.country_names()
iso3, unknown = filters.checked_in_url(
    "country",
    names.values(),
    lambda: controls.selectbox(
        "Country",
        list(names),
        index=None,
        format_func=names.get,
        key="country",
        bind="query-params",
        placeholder="Type a country name",
    ),
)
if iso3 is None:
    filters.unknown_notice("country", unknown, "pick one above.")
    st.info("Pick a country above, or click one on any map.")
    st.stop()

view = view_of.country_view(iso3)
st.caption(view.caption)
for column, (label, value) in zip(st.columns(4), view.metrics.items(), strict=True):
    column.metric(label, value)

left, right = ui.side_by_side([2, 3])
with left:
    st.subheader("Mechanisms")
    if view.mechanisms.empty:
        st.info(view.not_listed)
    else:
        ui.table(
            view.mechanisms,
            {"mechanism": "Mechanism", "role": "Role", "note": "Note"},
            view.mechanisms_file,
            key="country_mechanisms",
        )
with right:
    if view.partners.empty:
        st.info(view.no_partners)
    else:
        c = view.partners_chart
        fig = charts.map_by_value(
            view.partners,
            "mechanisms",
            "detail",
            value_label="Shared",
            title=c.title,
            subtitle=c.subtitle,
            source=c.source,
            highlight=view.highlight,
            shapes=view.shapes,
            share=3 / 5,
        )
        ui.map_with_links(fig, c.file_name, key="country_map")

st.subheader(view.meetings_heading)
if view.hosted.empty:
    st.info(view.no_meetings)
else:
    ui.table(
        view.hosted,
        view.hosted_columns,
        view.hosted_file,
        key="country_meetings",
        provenance="meetings",
    )

st.subheader("USCIS engagements held there or with it")
if view.engaged.empty:
    st.info(view.no_engagements)
else:
    ui.table(
        view.engaged,
        {
            "office": "Office",
            "name": "Engagement",
            "frequency_text": "Frequency",
            "location_text": "Location as written",
            "staffing_level": "Staffing level",
        },
        view.engaged_file,
        key="country_engagements",
    )

if view.report_heading:
    st.subheader(view.report_heading)
    st.write(view.report_roles)
    st.page_link(navigation.DOCUMENTS, label="Read the report", icon=":material/description:")
