"""USCIS engagements: filter by office, staffing, frequency, place, theme and mechanism; the
engagement load by office; where they meet; links to the related mechanisms."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, filters, navigation, ui, words
from dashboard.views import engagements as view_of

head = ui.header(
    "USCIS engagements",
    "RAIO offices' recurring international engagements. The sidebar's "
    "theme applies here; its mechanism filters do not (only a few engagements belong to a "
    'mechanism: use "Linked mechanism" below).',
)
controls = head.controls
chosen = filters.current()
options = view_of.engagement_choices()

c1, c2, c3 = controls.columns(3)
# The page address carries each choice's label; one that is not an option gets a notice.
unknown: dict[str, tuple[str, ...]] = {}
offices, unknown["office"] = filters.checked_multiselect(
    c1, "Office", options.offices, "office", "All offices"
)
levels, unknown["staffing level"] = filters.checked_multiselect(
    c2,
    "Staffing level",
    options.levels,
    "level",
    "Any level",
    help="The most senior staff an engagement names, in tiers "
    "(data/reference/staffing_levels.csv).",
)
roles, unknown["staffing role"] = filters.checked_multiselect(
    c3, "Staffing role", options.roles, "staff", "Any role"
)
c4, c5, c6 = controls.columns(3)
frequencies, unknown["frequency"] = filters.checked_multiselect(
    c4, "Frequency", options.frequencies, "frequency", "Any frequency"
)
places, unknown["place where an engagement meets"] = filters.checked_multiselect(
    c5, "Where it meets", options.places, "where", "Anywhere"
)
mechanisms, unknown["linked mechanism"] = filters.checked_multiselect(
    c6, "Linked mechanism", options.mechanisms, "linked", "Any or none"
)
for noun, values in unknown.items():
    filters.unknown_notice(noun, values, "left out of the filter.")

view = view_of.engagements_view(
    chosen,
    view_of.Picked(
        tuple(offices),
        tuple(levels),
        tuple(roles),
        tuple(frequencies),
        tuple(places),
        tuple(mechanisms),
    ),
)
if view.shown.empty:
    ui.nothing_matches("engagements")
    st.stop()

helps = {
    "Without a fixed schedule": "Ad hoc, varying, on hold or not currently scheduled: not "
    "counted in meetings a year."
}
head.headline(view.metrics, help=helps)

left, right = ui.side_by_side([1, 1])
with left:
    c = view.by_office_chart
    charts.show(
        charts.bar(
            view.by_office,
            "office",
            "engagements",
            colour="frequency",
            order=view.office_order,
            labels={"office": "", "engagements": "Engagements", "frequency": "Frequency"},
            title=c.title,
            subtitle=c.subtitle,
            source=c.source,
            horizontal=True,
            colours=charts.FREQUENCY_COLOURS,
            share=1 / 2,
        ),
        c.file_name,
    )
with right:
    c = view.by_level_chart
    charts.show(
        charts.bar(
            view.by_level,
            "staffing_level",
            "engagements",
            order=view.level_order,
            labels={"staffing_level": "", "engagements": "Engagements"},
            title=c.title,
            subtitle=c.subtitle,
            source=c.source,
            horizontal=True,
            share=1 / 2,
        ),
        c.file_name,
    )

if not view.load.empty:
    c = view.load_chart
    charts.show(
        charts.bar(
            view.load,
            "office",
            "meetings",
            colour="frequency",
            order=view.load_order,
            labels={"office": "", "meetings": "Meetings a year", "frequency": "Frequency"},
            title=c.title,
            subtitle=c.subtitle,
            source=c.source,
            horizontal=True,
            colours=charts.FREQUENCY_COLOURS,
        ),
        c.file_name,
    )

if not view.points.empty:
    c = view.points_chart
    fig = charts.points_map(
        view.points, "count", "detail", title=c.title, subtitle=c.subtitle, source=c.source
    )
    ui.map_with_links(fig, c.file_name, key="engagement_map")

st.subheader("The engagements")
ui.table(
    view.shown,
    {
        "office": "Office",
        "name": "Engagement",
        "description": "Description",
        "frequency_text": "Frequency as written",
        "meetings_per_year": "Meetings a year",
        "schedule_note": "Schedule note",
        "location_text": "Location as written",
        "countries": "Meets in",
        "with": "With",
        "staffing_text": "Staffing as written",
        "staffing_level": "Staffing level",
        "staffing_roles": "Roles",
        "mechanisms": "Mechanism",
        "themes": "Themes",
    },
    view.table_file,
    key="engagements",
)

if view.linked:
    st.subheader("Related mechanisms")
    for label, engaged in view.linked:
        cols = st.columns([2, 2, 3])
        cols[0].page_link(
            navigation.MECHANISM,
            label=label,
            query_params={"mechanism_profile": label},
            icon=":material/hub:",
        )
        cols[1].page_link(
            navigation.MEETINGS,
            label=view.meetings_link,
            query_params={"mechanism": label},
            icon=":material/calendar_month:",
        )
        cols[2].caption(
            f"{words.count(engaged, 'engagement')} here "
            f"{'belongs' if engaged == 1 else 'belong'} to it"
        )
