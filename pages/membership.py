"""Membership map: who belongs to the picked mechanisms, in which role, and the overlaps."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, ui

SOURCE = "IOM, Overview of the principal inter-state consultation mechanisms on migration"

ui.header("Membership map", "Pick mechanisms, a kind, region or theme in the sidebar. Click a "
          "country for its profile.")
chosen = filters.current()
picked = chosen.process_ids()

left, middle, right = st.columns([3, 2, 2])
roles = left.multiselect("Roles", data.ROLE_ORDER, default=["member", "observer", "partner"],
                         format_func=data.ROLE_LABELS.get, key="roles", bind="query-params")
view = middle.radio("Colour by", ["Role", "Number of mechanisms"], horizontal=True,
                    key="view", bind="query-params")
with right:
    found = ui.country_finder()

by_country = data.membership_by_country(picked, tuple(roles))
if not picked or not roles or by_country.empty:
    ui.nothing_matches("memberships")
    st.stop()

what = f"{chosen.describe()}; {', '.join(r + 's' for r in roles)}"
if view == "Role":
    several = len(picked) > 1
    members = by_country.role.eq("member")
    counted = by_country.mechanisms.gt(1).map({True: "member of several", False: "member of one"})
    shown = by_country.assign(category=counted.where(members & several, by_country.role))
    colours = ({"member of several": "#0072B2", "member of one": "#56B4E9"} if several
               else {}) | charts.ROLE_COLOURS
    fig = charts.map_by_category(shown, "category", "detail", colours=colours,
                                 title=f"Membership of {len(picked)} mechanisms by role",
                                 subtitle=f"{what}; {len(shown)} countries and territories",
                                 source=SOURCE, highlight=found)
else:
    most = int(by_country.mechanisms.max())
    at_least = st.slider("Countries in at least N of the picked mechanisms", 1, max(most, 2),
                         1, key="at_least", bind="query-params") if most > 1 else 1
    shown = by_country[by_country.mechanisms >= at_least]
    fig = charts.map_by_value(shown, "mechanisms", "detail", value_label="Mechanisms",
                              title=f"Countries in at least {at_least} of the picked mechanisms",
                              subtitle=f"{what}; {len(shown)} countries and territories",
                              source=SOURCE, highlight=found)

map_column, table_column = st.columns([2, 1])
with map_column:
    clicked = charts.show(fig, charts.file_name("membership", chosen.describe(), view),
                          key="membership_map")
    ui.country_links(clicked or ([found] if found else []))
with table_column:
    long = data.membership_long(picked, tuple(roles))
    long = long[long.iso3.isin(shown.iso3)]
    st.markdown(f"**{long.iso3.nunique()} countries, {len(long)} memberships**")
    ui.table(long, {"mechanism": "Mechanism", "country": "Country", "role": "Role",
                    "note": "Note"}, charts.file_name("memberships", chosen.describe()),
             key="membership_table", height=460)

if len(picked) > 1:
    matrix = data.shared_members(picked)
    if not matrix.empty:
        charts.show(charts.heatmap(matrix, "Shared members between mechanisms",
                                   f"{chosen.describe()}; member states in common "
                                   "(diagonal: all members)", SOURCE),
                    charts.file_name("shared members", chosen.describe()))

organisations = data.table("process_organisations")
organisations = organisations[organisations.process_id.isin(picked)]
if not organisations.empty:
    st.subheader("Organisations taking part")
    ui.table(organisations.assign(mechanism=organisations.process_id.map(data.process_labels())),
             {"mechanism": "Mechanism", "organisation": "Organisation", "role": "Role",
              "organisation_text": "As written", "note": "Note"},
             charts.file_name("organisations", chosen.describe()), key="organisation_table",
             height=300)
