"""Mechanism profile: what it is, who takes part (map), why it carries its themes, its
meetings, past events and related USCIS engagements."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, filters, palette, ui
from dashboard.views import mechanism as view_of

controls = ui.header("Mechanism profile").controls
labels = view_of.mechanism_labels()
# A link to a mechanism that does not exist shows no other one in its place.
asked = filters.unknown_in_url("mechanism_profile", labels.values())
pid, unknown = filters.checked_in_url(
    "mechanism_profile",
    labels.values(),
    lambda: controls.selectbox(
        "Mechanism",
        list(labels),
        format_func=labels.get,
        key="mechanism_profile",
        bind="query-params",
        index=None if asked else 0,
        placeholder="Pick a mechanism",
    ),
)
if pid is None:
    filters.unknown_notice("mechanism", unknown, "pick one above.")
    st.stop()
view = view_of.mechanism_view(pid)
st.subheader(view.name)

for column, (label, value) in zip(st.columns(len(view.facts)), view.facts.items(), strict=True):
    column.markdown(f"**{label}**")
    column.text(value)
st.markdown("**Chair**")
st.text(view.chair)

for column, metric in zip(st.columns(len(view.totals)), view.totals, strict=True):
    column.metric(metric.label, metric.value, help=metric.help or None)
if view.totals_doubt:
    st.caption(view.totals_doubt)
if view.open_to_all:
    st.info(
        "Open to all UN Member States: the overview lists no members; only the countries "
        "it names (chairs) are mapped."
    )
if not view.participants.empty:
    c = view.participants_chart
    fig = charts.map_by_category(
        view.participants,
        "role",
        "detail",
        colours=palette.ROLE_COLOURS,
        title=c.title,
        subtitle=c.subtitle,
        source=c.source,
        zoom=True,
        shapes=view.shapes,
    )
    ui.map_with_links(fig, c.file_name, key="mechanism_map")

left, right = st.columns(2)
with left:
    st.markdown("**Countries**")
    if view.countries.empty:
        st.caption("None listed.")
    else:
        ui.table(
            view.countries,
            {"country": "Country", "role": "Role", "note": "Note"},
            view.countries_file,
            key="mechanism_countries",
            height=320,
        )
with right:
    st.markdown("**Organisations**")
    if view.secretariat:
        st.caption(
            "Secretariat or its support, as the Secretariat column names it: " + view.secretariat
        )
    if view.organisations.empty:
        st.caption("None listed.")
    else:
        ui.table(
            view.organisations,
            {
                "organisation": "Organisation",
                "role": "Role",
                "organisation_text": "As written",
                "note": "Note",
            },
            view.organisations_file,
            key="mechanism_organisations",
            height=320,
        )
    if view.membership_notes:
        st.caption("Notes on membership, as written:")
        st.text(view.membership_notes)

st.subheader("Themes, and why")
if not view.themes:
    st.caption("No theme rule matched this mechanism's text.")
for theme, matched, evidence in view.themes:
    st.markdown(f"**{ui.escape_markdown(theme)}** — matched “{ui.escape_markdown(matched)}” in:")
    st.text(evidence)

for heading, text, expanded in view.sections:
    with st.expander(heading, expanded=expanded):
        st.text(text)

st.subheader(view.meetings_heading)
if view.meetings.empty:
    st.caption(view.no_meetings)
else:
    ui.table(
        view.meetings,
        view.meetings_columns,
        view.meetings_file,
        key="mechanism_meetings",
        provenance="meetings",
    )
if not view.for_all.empty:
    st.caption(view.for_all_intro)
if not view.other_years.empty:
    st.caption(view.other_years_intro)
    ui.table(
        view.other_years,
        {
            "date_text": "Date as written",
            "document": "Report",
            "title": "Meeting",
            "place": "Place",
            "note": "Note",
        },
        view.other_years_file,
        key="mechanism_report_meetings",
        provenance="report_meetings",
    )

st.subheader("Past events")
if view.events.empty and not view.other_years.empty:
    st.caption(
        "The overview lists no past events for this mechanism; the meetings its "
        "reports describe are above."
    )
elif view.events.empty:
    st.caption(
        "The overview lists no past events for this mechanism: only the "
        "inter-regional forums have a Meetings column; meetings named in other text are "
        "not listed here."
    )
else:
    st.caption(view.events_intro)
    st.markdown(view.events_list)
    with st.expander("As a table, with a CSV download"):
        ui.table(
            view.events,
            {
                "date_text": "Date as written",
                "start_date": "From",
                "end_date": "To",
                "year": "Year",
                "title": "Event",
                "city": "City",
                "country": "Country",
                "note": "Note",
            },
            view.events_file,
            key="mechanism_events",
        )
    if not view.event_hosts.empty:
        c = view.event_hosts_chart
        fig = charts.map_by_category(
            view.event_hosts,
            "band",
            "detail",
            colours=view_of.EVENT_COLOURS,
            title=c.title,
            subtitle=c.subtitle,
            source=c.source,
            zoom=True,
            shapes=view.shapes,
        )
        ui.map_with_links(fig, c.file_name, key="mechanism_events_map")

if not view.engagements.empty:
    st.subheader("Related USCIS engagements")
    ui.table(
        view.engagements,
        {
            "office": "Office",
            "name": "Engagement",
            "frequency_text": "Frequency",
            "staffing_level": "Staffing level",
        },
        view.engagements_file,
        key="mechanism_engagements",
    )
