"""2017 meetings: a timeline by mechanism, fuzzy dates drawn apart, a host map, exports."""

from __future__ import annotations

import calendar

import streamlit as st

from dashboard import charts, data, exports, filters, palette, ui

SOURCE = "IOM, 2017 calendar of meetings of inter-state consultation mechanisms on migration"
MONTHS = list(calendar.month_abbr)[1:]
STATUS = {"all": "Confirmed and tentative", "confirmed": "Confirmed only",
          "tentative": "Tentative (TBC) only"}
COLOUR = {"region": "Mechanism region", "first_theme": "Theme", "date_known": "Date known to"}

ui.header("2017 meetings", "The 2017 calendar of ISCM meetings. Pale hatched bars span the "
          "month, quarter or half-year a fuzzy date allows; the hover gives the date as "
          "written.")
chosen = filters.current()
hosts_all = data.country_names()
long = data.meetings_long()
host_options = [c for c in hosts_all if c in set(long.iso3)]

c1, c2, c3, c4 = st.columns([3, 3, 2, 2])
months = c1.select_slider("Months", options=MONTHS, value=(MONTHS[0], MONTHS[-1]),
                          key="months", bind="query-params")
hosts = c2.multiselect("Host country", host_options, format_func=hosts_all.get, key="host",
                       bind="query-params", placeholder="Any host")
status = c3.selectbox("Status", list(STATUS), format_func=STATUS.get, key="status",
                      bind="query-params")
colour = c4.selectbox("Colour by", list(COLOUR), format_func=COLOUR.get, key="colour",
                      bind="query-params")

span = (MONTHS.index(months[0]) + 1, MONTHS.index(months[1]) + 1)
rows = data.filter_meetings(long, chosen.process_ids() if chosen.active else None,
                            chosen.themes, span, tuple(hosts), status)
meetings = data.one_row_per_meeting(rows)
if meetings.empty:
    ui.nothing_matches("meetings")
    st.stop()

dated, undated = rows[rows.start.notna()], meetings[meetings.start.isna()]
words = [chosen.describe(), f"{months[0]}–{months[1]}" if span != (1, 12) else "",
         ("hosted by " + ", ".join(hosts_all[h] for h in hosts)) if hosts else "",
         STATUS[status].lower() if status != "all" else ""]
subtitle = "; ".join(w for w in words if w)
fuzzy = int((meetings.date_precision != "day").sum())
st.markdown(f"**{len(meetings)} meetings**, {fuzzy} of them with fuzzy or unknown dates, "
            f"{int(meetings.tentative.sum())} tentative.")
if not dated.empty:
    fixed = {"region": palette.REGION_COLOURS | {"All regions": palette.GREY},
             "date_known": {palette.DATE_KNOWN[k]: c
                            for k, c in palette.DATE_KNOWN_COLOURS.items()}}.get(colour)
    fig = charts.timeline(dated, colour, title="2017 meetings by mechanism",
                          subtitle=f"{subtitle}; colour: {COLOUR[colour].lower()}",
                          source=SOURCE, colours=fixed)
    charts.show(fig, charts.file_name("2017 meetings timeline", subtitle))
if not undated.empty:
    st.markdown(f"**Not yet dated ({len(undated)})**: listed here, not drawn on the timeline.")
    ui.table(undated, {"mechanisms": "Mechanism", "title": "Meeting",
                       "date_text": "Date as written", "location_text": "Place"},
             "2017-meetings-undated", key="undated")

points = data.points_by_country(meetings, "iso3", "title", "meeting")
if not points.empty:
    fig = charts.points_map(points, "count", "detail", colour="region",
                            colours=palette.COUNTRY_REGION_COLOURS,
                            title="Where the 2017 meetings take place",
                            subtitle=f"{subtitle}; {int(points['count'].sum())} meetings with a "
                                     f"known host country; place TBC for "
                                     f"{int((meetings.iso3 == '').sum())}",
                            source=SOURCE)
    ui.country_links(charts.show(fig, charts.file_name("2017 meeting hosts", subtitle),
                                 key="host_map"))

st.subheader("The meetings")
columns = {"date_text": "Date as written", "start_date": "From", "end_date": "To",
           "date_known": "Date known to", "tentative": "Tentative", "title": "Meeting",
           "mechanisms": "Mechanism", "location_text": "Place", "host": "Host country",
           "themes": "Themes"}
ui.table(meetings, columns, charts.file_name("2017 meetings", subtitle), key="meetings")
left_out = exports.undated_for_calendar(meetings)
st.download_button(f"Download {len(meetings) - left_out} meetings with exact dates (.ics)",
                   lambda: exports.meetings_ics(meetings)[0],
                   file_name=charts.file_name("2017 meetings", subtitle) + ".ics",
                   mime="text/calendar", key="meetings_ics", icon=":material/event:")
if left_out:
    st.caption(f"{left_out} meetings with only a month, quarter, half-year or no date are not in "
               "the calendar file, which would otherwise state days the source does not give; "
               "they are in the CSV.")
