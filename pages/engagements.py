"""USCIS engagements: filter by office, staffing, frequency, place, theme and mechanism; the
engagement load by office; where they meet; links to the related mechanisms."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, navigation, ui

SOURCE = "USCIS RAIO, international engagements by office"

ui.header("USCIS engagements", "RAIO offices' recurring international engagements. The "
          "sidebar's theme applies here; its mechanism filters do not (only a few engagements "
          "belong to a mechanism: use \"Linked mechanism\" below).")
chosen = filters.current()
wide = data.engagements_wide()
names = data.country_names()
offices = dict(zip(wide.office, wide.office_name.where(wide.office_name != "", wide.office),
                   strict=True))
levels = wide.sort_values("staffing_tier").staffing_level.unique().tolist()
labels = data.process_labels()

c1, c2, c3 = st.columns(3)
picked_offices = c1.multiselect("Office", sorted(offices), format_func=lambda o: (
    f"{o} – {offices[o]}" if offices[o] != o else o), key="office", bind="query-params",
    placeholder="All offices")
picked_levels = c2.multiselect("Staffing level", levels, key="level", bind="query-params",
                               placeholder="Any level",
                               help="The most senior staff an engagement names, in tiers "
                                    "(data/reference/staffing_levels.csv).")
picked_roles = c3.multiselect("Staffing role", sorted({r for v in wide.roles for r in v}),
                              key="staff", bind="query-params", placeholder="Any role")
c4, c5, c6 = st.columns(3)
picked_frequencies = c4.multiselect("Frequency", sorted(set(wide.frequency)), key="frequency",
                                    bind="query-params", placeholder="Any frequency")
where_options = [c for c in names if any(c in v for v in wide.country_codes)]
picked_where = c5.multiselect("Where it meets", where_options, format_func=names.get,
                              key="where", bind="query-params", placeholder="Anywhere")
linked_options = [p for p in labels if any(p in v for v in wide.process_ids)]
picked_mechanisms = c6.multiselect("Linked mechanism", linked_options, format_func=labels.get,
                                   key="linked", bind="query-params", placeholder="Any or none")

shown = data.filter_engagements(wide, tuple(picked_offices), tuple(picked_roles),
                                tuple(picked_levels), tuple(picked_frequencies),
                                tuple(picked_where), chosen.themes, tuple(picked_mechanisms))
words = [", ".join(picked_offices), ", ".join(picked_levels), ", ".join(picked_roles),
         ", ".join(picked_frequencies), ", ".join(names[c] for c in picked_where),
         ", ".join(labels[p] for p in picked_mechanisms),
         ("theme: " + ", ".join(data.theme_labels()[t] for t in chosen.themes))
         if chosen.themes else ""]
subtitle = "; ".join(w for w in words if w) or "All offices and engagements"
if shown.empty:
    ui.nothing_matches("engagements")
    st.stop()

per_year = shown.meetings_per_year.sum()
m1, m2, m3, m4 = st.columns(4)
m1.metric("Engagements", len(shown))
m2.metric("Offices", shown.office.nunique())
m3.metric("Meetings a year (fixed schedules)", f"{per_year:g}")
m4.metric("Without a fixed schedule", int(shown.meetings_per_year.isna().sum()),
          help="Ad hoc, varying, on hold or not currently scheduled: not counted in meetings a "
               "year.")

left, right = st.columns(2)
with left:
    by_office = shown.groupby(["office", "frequency"]).size().rename("engagements").reset_index()
    charts.show(charts.bar(by_office, "office", "engagements", colour="frequency",
                           order=list(by_office.groupby("office").engagements.sum()
                                      .sort_values(ascending=False).index),
                           labels={"office": "", "engagements": "Engagements",
                                   "frequency": "Frequency"},
                           title="Engagements by office", subtitle=subtitle, source=SOURCE,
                           horizontal=True), charts.file_name("engagements by office", subtitle))
with right:
    by_level = shown.groupby("staffing_level").size().rename("engagements").reset_index()
    charts.show(charts.bar(by_level, "staffing_level", "engagements",
                           order=[lv for lv in levels if lv in set(by_level.staffing_level)],
                           labels={"staffing_level": "", "engagements": "Engagements"},
                           title="Engagements by staffing level",
                           subtitle=f"{subtitle}; most senior staff named", source=SOURCE,
                           horizontal=True),
                charts.file_name("engagements by staffing level", subtitle))

load = shown.dropna(subset=["meetings_per_year"]).groupby(["office", "frequency"]) \
    .meetings_per_year.sum().rename("meetings").reset_index()
if not load.empty:
    charts.show(charts.bar(load, "office", "meetings", colour="frequency",
                           order=list(load.groupby("office").meetings.sum()
                                      .sort_values(ascending=False).index),
                           labels={"office": "", "meetings": "Meetings a year",
                                   "frequency": "Frequency"},
                           title="Estimated meetings a year by office (the engagement load)",
                           subtitle=f"{subtitle}; fixed schedules only, ad hoc and varying "
                                    "engagements not counted", source=SOURCE, horizontal=True),
                charts.file_name("engagement load by office", subtitle))

points = data.points_by_country(shown, "country_codes", "name", "engagement")
if not points.empty:
    worldwide = int(shown.worldwide.sum())
    fig = charts.points_map(points, "count", "detail",
                            title="Where the engagements meet",
                            subtitle=f"{subtitle}; {worldwide} more are world-wide or have no "
                                     "fixed place" if worldwide else subtitle, source=SOURCE)
    ui.country_links(charts.show(fig, charts.file_name("engagement places", subtitle),
                                 key="engagement_map"))

st.subheader("The engagements")
ui.table(shown, {"office": "Office", "name": "Engagement", "description": "Description",
                 "frequency_text": "Frequency as written", "meetings_per_year": "Meetings a year",
                 "schedule_note": "Schedule note",
                 "location_text": "Location as written", "countries": "Meets in",
                 "with": "With", "staffing_text": "Staffing as written",
                 "staffing_level": "Staffing level", "staffing_roles": "Roles",
                 "mechanisms": "Mechanism", "themes": "Themes"},
         charts.file_name("uscis engagements", subtitle), key="engagements")

linked = sorted({p for v in shown.process_ids for p in v})
if linked:
    st.subheader("Related mechanisms")
    for pid in linked:
        cols = st.columns([2, 2, 3])
        cols[0].page_link(navigation.MECHANISM, label=labels[pid],
                          query_params={"mechanism_profile": labels[pid]}, icon=":material/hub:")
        cols[1].page_link(navigation.MEETINGS, label="Its 2017 meetings",
                          query_params={"mechanism": labels[pid]},
                          icon=":material/calendar_month:")
        count = sum(pid in v for v in shown.process_ids)
        cols[2].caption(f"{count} engagement(s) here belong to it")
