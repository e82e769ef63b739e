"""Overview: headline figures, where mechanisms reach, and the meetings' rhythm by month."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, filters, navigation, ui
from dashboard.views import overview as view_of

head = ui.header("Migration diplomacy at a glance")  # figures filled once the view is known
chosen = filters.current()
left, right = head.controls.columns([3, 2])
include, unknown_include = filters.checked_in_url(
    "overview_roles",
    view_of.ROLES,
    lambda: left.radio(
        "Count participation as",
        list(view_of.ROLES),
        horizontal=True,
        key="overview_roles",
        bind="query-params",
    ),
)
with right:
    found, unknown_found = filters.checked_country_finder()
filters.unknown_notice(
    "way to count participation", unknown_include, f"counting {include.lower()}."
)
filters.unknown_notice("country", unknown_found, "no country is marked on the map.")

view = view_of.overview_view(chosen, include, found)

head.headline(
    view.headline,
    view.caption,
    help=view.headline_help,
    notes=[view.headline_note, view.scope_note],
)

if view.counts.empty:
    ui.nothing_matches("mechanisms")
else:
    p = view.participation
    fig = charts.map_by_value(
        view.counts,
        value="mechanisms",
        detail="detail",
        value_label="Mechanisms",
        title=p.title,
        subtitle=p.subtitle,
        source=p.source,
        highlight=view.highlight,
        shapes=view.shapes,
    )
    ui.map_with_links(fig, p.file_name, key="overview_map", found=found)
    r = view.ranked_chart
    bars = charts.bar(
        view.ranked_top,
        x="country",
        y="mechanisms",
        horizontal=True,
        order=list(view.ranked_top.country),
        labels={"country": "", "mechanisms": "Mechanisms"},
        title=r.title,
        subtitle=r.subtitle,
        source=r.source,
        ranked="countries and territories",
    )
    charts.show(bars, r.file_name)
    ui.table(
        view.ranked,
        {
            "rank": "Rank",
            "country": "Country",
            "mechanisms": "Mechanisms",
            "region": "Region",
            "detail": "Which",
        },
        view.ranked_file,
        key="overview_ranked",
        height=320,
    )

if view.per_month.empty:
    ui.nothing_matches("meetings")
else:
    m = view.months
    bars = charts.bar(
        view.per_month,
        x="month_label",
        y="meetings",
        colour="dated",
        order=list(dict.fromkeys(view.per_month.month_label)),
        labels={"month_label": "", "meetings": "Meetings", "dated": "Date known to"},
        title=m.title,
        subtitle=m.subtitle,
        source=m.source,
        colours=charts.DATED_COLOURS,
    )
    charts.show(bars, m.file_name)

st.subheader("Go further")
links = st.columns(4)
for column, (target, blurb) in zip(
    links * 2,
    [
        (navigation.MEMBERSHIP, "Who belongs to which mechanism, and overlaps"),
        (navigation.MEETINGS, view.meetings_blurb),
        (navigation.ENGAGEMENTS, "USCIS offices' engagements and staffing"),
        (navigation.COUNTRY, "Everything about one country"),
        (navigation.MECHANISM, "Everything about one mechanism"),
        (navigation.DOCUMENTS, "Bali Process actions and the RCM report"),
        (navigation.DATA, "Every table, the dictionary and the rejects"),
    ],
    strict=False,
):
    with column:
        st.page_link(target)
        st.caption(blurb)
