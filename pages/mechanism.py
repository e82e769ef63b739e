"""Mechanism profile: what it is, who takes part (map), why it carries its themes, its 2017
meetings, past events and related USCIS engagements."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, ui

SOURCE = "IOM, Overview of the principal inter-state consultation mechanisms on migration"

ui.header("Mechanism profile")
labels = data.process_labels()
pid = st.selectbox("Mechanism", list(labels), format_func=labels.get, key="mechanism_profile",
                   bind="query-params")
process = data.table("processes").set_index("process_id").loc[pid]
st.subheader(process["name"])

facts = {"Kind": {"RCP": "Regional consultative process", "IRF": "Inter-regional forum",
                  "Global": "Global process"}[process.kind],
         "Region": process.region, "Founded": process.year_founded_text or "not stated",
         "Website": process.website or "not stated"}
for column, (label, value) in zip(st.columns(len(facts)), facts.items(), strict=True):
    column.markdown(f"**{label}**")
    column.text(value)
st.markdown("**Chair**")
st.text(" ".join(filter(None, [process.chair or "Not stated.",
                               f"Incoming: {process.incoming_chair}"
                               if process.incoming_chair else ""])))

long = data.membership_long((pid,), tuple(data.ROLE_ORDER))
by_country = data.membership_by_country((pid,), tuple(data.ROLE_ORDER))
totals = data.totals(pid)
stated, countries, bodies = totals["stated"], totals["countries"], totals["organisations"]
t1, t2, t3 = st.columns(3)
t1.metric("Total the overview states", "not stated" if stated is None else stated)
t2.metric("Members it lists", f"{countries} + {bodies}" if bodies else countries,
          help=f"{countries} countries, {bodies} organisations")
t3.metric("Countries named outside the list", len(totals["named"]),
          help="Named as chair, on the steering committee or as coordinator, but not listed; "
               "never counted as members")
# A total may count the bodies or not ("51 governments plus the European Commission and …").
if stated is not None and stated not in (countries, countries + bodies):
    st.caption(f"The overview states {stated} but lists {countries} countries"
               + (f" and {bodies} organisations" if bodies else "")
               + (f"; it also names {', '.join(totals['named'])} outside the list."
                  if totals["named"] else "."))
if process.open_to_all:
    st.info("Open to all UN Member States: the overview lists no members; only the countries "
            "it names (chairs) are mapped.")
if not by_country.empty:
    counts = long.role.value_counts()
    fig = charts.map_by_category(
        by_country, "role", "detail", colours=charts.ROLE_COLOURS,
        title=f"Who takes part in {labels[pid]}",
        subtitle="; ".join(f"{data.ROLE_LABELS[r].lower()}: {n}" for r, n in counts.items()),
        source=SOURCE, zoom=True)
    ui.country_links(charts.show(fig, charts.file_name(labels[pid], "participants"),
                                 key="mechanism_map"))

left, right = st.columns(2)
with left:
    st.markdown("**Countries**")
    if long.empty:
        st.caption("None listed.")
    else:
        ui.table(long, {"country": "Country", "role": "Role", "note": "Note"},
                 charts.file_name(labels[pid], "countries"), key="mechanism_countries",
                 height=320)
with right:
    st.markdown("**Organisations**")
    organisations = data.table("process_organisations")
    organisations = organisations[organisations.process_id == pid]
    if organisations.empty:
        st.caption("None listed.")
    else:
        ui.table(organisations, {"organisation": "Organisation", "role": "Role",
                                 "organisation_text": "As written", "note": "Note"},
                 charts.file_name(labels[pid], "organisations"), key="mechanism_organisations",
                 height=320)
    if process.membership_notes:
        st.caption("Notes on membership, as written:")
        st.text(process.membership_notes)

st.subheader("Themes, and why")
themes = data.themes_of("process")
themes = themes[themes.entity_id == pid]
theme_names = data.theme_labels()
if themes.empty:
    st.caption("No theme rule matched this mechanism's text.")
for row in themes.itertuples():
    st.markdown(f"**{ui.escape_markdown(theme_names[row.theme_id])}** — matched "
                f"“{ui.escape_markdown(row.matched)}” in:")
    st.text(row.evidence)

for heading, column in [("Secretariat", "secretariat"), ("Description", "description"),
                        ("Areas of focus", "areas"), ("Priorities", "priorities"),
                        ("Agreements and declarations", "agreements")]:
    if process[column]:
        with st.expander(heading, expanded=column in ("description", "areas")):
            st.text(process[column])

st.subheader("2017 meetings")
meetings = data.one_row_per_meeting(data.filter_meetings(data.meetings_long(), (pid,)))
if meetings.empty:
    st.caption("The 2017 calendar lists no meeting of this mechanism.")
else:
    ui.table(meetings, {"date_text": "Date as written", "title": "Meeting",
                        "location_text": "Place", "tentative": "Tentative"},
             charts.file_name(labels[pid], "2017 meetings"), key="mechanism_meetings")

st.subheader("Past events")
events = data.past_events(pid)
if events.empty:
    st.caption("The overview lists no past events for this mechanism: only the "
               "inter-regional forums have a Meetings column; meetings named in other text are "
               "not listed here.")
else:
    st.caption(f"{len(events)} events the overview lists for {labels[pid]}, oldest first: the "
               "only history this app has. Dates and places as the overview gives them (the "
               "place is added where the title does not name it); a note in italics says what "
               "the overview leaves out.")
    st.markdown("\n".join(
        f"- **{ui.escape_markdown(row.date_text)}** — {ui.escape_markdown(row.title)}"
        + ("" if row.place_in_title or not row.place else f" · {ui.escape_markdown(row.place)}")
        + (f" · _{ui.escape_markdown(row.note)}_" if row.note else "")
        for row in events.itertuples()))
    with st.expander("As a table, with a CSV download"):
        ui.table(events, {"date_text": "Date as written", "start_date": "From",
                          "end_date": "To", "year": "Year", "title": "Event", "city": "City",
                          "country": "Country", "note": "Note"},
                 charts.file_name(labels[pid], "past events"), key="mechanism_events")
    hosts = data.past_event_hosts(pid)
    unplaced = int((events.iso3 == "").sum())
    if not hosts.empty:
        fig = charts.map_by_category(
            hosts, "band", "detail",
            colours=dict(zip(data.EVENT_BANDS, ["#9ECAE1", "#4292C6", "#08306B"], strict=True)),
            title=f"Where {labels[pid]}'s past events were held",
            subtitle=f"{len(events) - unplaced} events in {len(hosts)} countries"
                     + (f"; {unplaced} with no country in the source, not drawn"
                        if unplaced else ""),
            source=SOURCE, zoom=True)
        ui.country_links(charts.show(fig, charts.file_name(labels[pid], "past events map"),
                                     key="mechanism_events_map"))

wide = data.engagements_wide()
related = wide[wide.process_ids.apply(lambda v: pid in v)]
if not related.empty:
    st.subheader("Related USCIS engagements")
    ui.table(related, {"office": "Office", "name": "Engagement", "frequency_text": "Frequency",
                       "staffing_level": "Staffing level"},
             charts.file_name(labels[pid], "uscis engagements"), key="mechanism_engagements")
