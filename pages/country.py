"""Country profile: one country's mechanisms, the 2017 meetings it hosts, USCIS engagements
held there or with it, and its part in the RCM report."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, navigation, ui

ui.header("Country profile")
names = data.country_names()
iso3 = st.selectbox("Country", list(names), index=None, format_func=names.get, key="country",
                    bind="query-params", placeholder="Type a country name")
if iso3 is None:
    st.info("Pick a country above, or click one on any map.")
    st.stop()

name = names[iso3]
country = data.table("countries").set_index("iso3").loc[iso3]
st.caption(f"{country['region']} · {country['sub_region']} · ISO code {iso3}")
all_ids = tuple(data.process_labels())
roles = tuple(data.ROLE_ORDER)
mine = data.membership_long(all_ids, roles)
mine = mine[mine.iso3 == iso3]
hosted = data.one_row_per_meeting(data.filter_meetings(data.meetings_long(), None,
                                                       hosts=(iso3,)))
wide = data.engagements_wide()
engaged = wide[wide.country_codes.apply(lambda v: iso3 in v)
               | wide.partner_codes.apply(lambda v: iso3 in v)]
reported = data.table("report_participants")
reported = reported[reported.iso3 == iso3]

m1, m2, m3, m4 = st.columns(4)
m1.metric("Mechanisms as member", int((mine.role == "member").sum()))
m2.metric("Observer, partner or guest", int(mine.role.isin(["observer", "partner",
                                                             "guest"]).sum()))
m3.metric("2017 meetings hosted", len(hosted))
m4.metric("USCIS engagements there or with it", len(engaged))

left, right = st.columns([2, 3])
with left:
    st.subheader("Mechanisms")
    if mine.empty:
        st.info(f"{name} is not listed in any mechanism in the IOM overview.")
    else:
        ui.table(mine, {"mechanism": "Mechanism", "role": "Role", "note": "Note"},
                 charts.file_name(name, "mechanisms"), key="country_mechanisms")
with right:
    member_of = tuple(mine.loc[mine.role == "member", "process_id"])
    partners = data.membership_by_country(member_of, ("member",))
    partners = partners[partners.iso3 != iso3]
    if partners.empty:
        st.info(f"{name} shares no mechanism membership with another country.")
    else:
        fig = charts.map_by_value(
            partners, "mechanisms", "detail", value_label="Shared",
            title=f"Countries that share mechanisms with {name}",
            subtitle=f"Number of the {len(member_of)} mechanisms {name} is a member of that "
                     "each country also belongs to",
            source="IOM, Overview of the principal inter-state consultation mechanisms on "
                   "migration", highlight=iso3)
        ui.country_links(charts.show(fig, charts.file_name(name, "shared mechanisms"),
                                     key="country_map"))

st.subheader("2017 meetings it hosts")
if hosted.empty:
    st.info(f"The 2017 calendar lists no meeting hosted by {name}.")
else:
    ui.table(hosted, {"date_text": "Date as written", "title": "Meeting",
                      "mechanisms": "Mechanism", "location_text": "Place"},
             charts.file_name(name, "2017 meetings"), key="country_meetings")

st.subheader("USCIS engagements held there or with it")
if engaged.empty:
    st.info(f"No USCIS RAIO engagement meets in or names {name}.")
else:
    ui.table(engaged, {"office": "Office", "name": "Engagement",
                       "frequency_text": "Frequency", "location_text": "Location as written",
                       "staffing_level": "Staffing level"},
             charts.file_name(name, "uscis engagements"), key="country_engagements")

if not reported.empty:
    st.subheader("RCM report on extra-regional migrants (July 2017)")
    st.write(f"Took part as: {', '.join(sorted(set(reported.role)))}.")
    st.page_link(navigation.DOCUMENTS, label="Read the report", icon=":material/description:")
