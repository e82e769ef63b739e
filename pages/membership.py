"""Membership map: who belongs to the picked mechanisms, in which role, and the overlaps."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, filters, palette, ui
from dashboard.views import membership as view_of

controls = ui.header(
    "Membership map",
    "Pick mechanisms, a kind, region or theme in the sidebar. Click a country for its profile.",
).controls
chosen = filters.current()
left, middle, right = controls.columns([3, 2, 2])
roles, unknown_roles = filters.checked_in_url(
    "roles",
    [palette.ROLE_LABELS[r] for r in view_of.ROLES],
    lambda: left.multiselect(
        "Roles",
        view_of.ROLES,
        default=view_of.DEFAULT_ROLES,
        format_func=palette.ROLE_LABELS.get,
        key="roles",
        bind="query-params",
    ),
)
filters.unknown_notice("role", unknown_roles, "left out of the roles.")
mode, unknown_mode = filters.checked_in_url(
    "view",
    view_of.VIEWS,
    lambda: middle.radio(
        "Colour by", view_of.VIEWS, horizontal=True, key="view", bind="query-params"
    ),
)
with right:
    found, unknown_found = filters.checked_country_finder()
filters.unknown_notice("colouring", unknown_mode, f"coloured by {mode.lower()}.")
filters.unknown_notice("country", unknown_found, "no country is marked on the map.")
most = view_of.most_mechanisms(chosen, tuple(roles))
at_least = 1
if mode != "Role" and most > 1:
    at_least = controls.slider(
        "Countries in at least N of the picked mechanisms",
        1,
        most,
        1,
        key="at_least",
        bind="query-params",
    )

view = view_of.membership_view(chosen, tuple(roles), mode, at_least, found)
if view.scope_note:
    st.caption(view.scope_note)
if view.by_country.empty:
    ui.nothing_matches("memberships")
    st.stop()

m = view.map
if mode == "Role":
    fig = charts.map_by_category(
        view.by_country,
        "category",
        "detail",
        colours=view.colours,
        title=m.title,
        subtitle=m.subtitle,
        source=m.source,
        highlight=view.highlight,
        shapes=view.shapes,
        share=2 / 3,
    )
else:
    fig = charts.map_by_value(
        view.by_country,
        "mechanisms",
        "detail",
        value_label="Mechanisms",
        title=m.title,
        subtitle=m.subtitle,
        source=m.source,
        highlight=view.highlight,
        shapes=view.shapes,
        share=2 / 3,
    )

map_column, table_column = ui.side_by_side([2, 1])
with map_column:
    ui.map_with_links(fig, m.file_name, key="membership_map", found=found)
with table_column:
    st.markdown(view.counts_line)
    if view.counts_note:
        st.caption(view.counts_note)
    if mode == "Role":
        ui.table(
            view.memberships,
            {"mechanism": "Mechanism", "country": "Country", "role": "Role", "note": "Note"},
            view.memberships_file,
            key="membership_table",
            height=460,
        )
    else:
        ui.table(
            view.ranked,
            {"rank": "Rank", "country": "Country", "mechanisms": "Mechanisms", "detail": "Which"},
            view.ranked_file,
            key="membership_ranked_table",
            height=460,
        )

r = view.ranked_chart
charts.show(
    charts.bar(
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
    ),
    r.file_name,
)
if mode == "Role":
    with st.expander(view.ranked_expander):
        ui.table(
            view.ranked,
            {"rank": "Rank", "country": "Country", "mechanisms": "Mechanisms", "detail": "Which"},
            view.ranked_file,
            key="membership_ranked_table",
            height=400,
        )

if not view.shared.empty:
    s = view.shared_chart
    charts.show(charts.heatmap(view.shared, s.title, s.subtitle, s.source), s.file_name)

if not view.organisations.empty:
    st.subheader("Organisations taking part")
    ui.table(
        view.organisations,
        {
            "mechanism": "Mechanism",
            "organisation": "Organisation",
            "role": "Role",
            "organisation_text": "As written",
            "note": "Note",
        },
        view.organisations_file,
        key="organisation_table",
        height=300,
    )
