"""Meetings of every calendar: a year choice, a timeline by mechanism, fuzzy dates drawn apart,
a host map, exports."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, filters, ui, words
from dashboard.views import meetings as view_of

choices = view_of.meeting_choices()
controls = ui.header(choices.title, choices.caption).controls
chosen = filters.current()
MONTHS = view_of.MONTHS

# Two rows of three: six controls in one row clip their values ("All y…").
c0, c1, c2 = controls.columns([1.5, 3, 2.5])
c3, c4, c5 = controls.columns([2.4, 2.6, 2.4])
year, unknown_year = filters.checked_in_url(
    "year",
    choices.years,
    lambda: c0.selectbox(
        "Year",
        choices.years,
        key="year",
        bind="query-params",
        help="The calendar a meeting is listed in.",
    ),
)
months = c1.select_slider(
    "Months", options=MONTHS, value=(MONTHS[0], MONTHS[-1]), key="months", bind="query-params"
)
hosts, unknown_hosts = filters.checked_multiselect(
    c2, "Host country", choices.hosts, "host", "Any host"
)
filters.unknown_notice("calendar year", unknown_year, "showing all years.")
filters.unknown_notice(
    "host country",
    unknown_hosts,
    "the calendars name no meeting hosted there; left out of the filter.",
)
status, unknown_status = filters.checked_in_url(
    "status",
    view_of.STATUS.values(),
    lambda: c3.selectbox(
        "Status",
        list(view_of.STATUS),
        format_func=view_of.STATUS.get,
        key="status",
        bind="query-params",
    ),
)
sources, unknown_sources = filters.checked_multiselect(
    c4,
    "Listed in",
    choices.sources,
    "source",
    "Any document",
    help="The documents that describe a meeting: the calendar, the RCM or Bali "
    "report, the overview's past events.",
)
colour, unknown_colour = filters.checked_in_url(
    "colour",
    view_of.COLOUR.values(),
    lambda: c5.selectbox(
        "Colour by",
        list(view_of.COLOUR),
        format_func=view_of.COLOUR.get,
        key="colour",
        bind="query-params",
    ),
)
filters.unknown_notice("status", unknown_status, "showing confirmed and tentative meetings.")
filters.unknown_notice("document", unknown_sources, "left out of the filter.")
filters.unknown_notice(
    "colouring", unknown_colour, f"coloured by {view_of.COLOUR[colour].lower()}."
)

view = view_of.meetings_view(
    chosen, year, tuple(months), tuple(hosts), status, colour, tuple(sources)
)
if view.scope_note:
    st.caption(view.scope_note)
if view.meetings.empty:
    ui.nothing_matches("meetings")
    st.stop()

st.markdown(view.summary)
if view.theme_line:
    st.caption(view.theme_line)
if not view.dated.empty:
    t = view.timeline
    charts.show(
        charts.timeline(
            view.dated,
            colour,
            title=t.title,
            subtitle=t.subtitle,
            source=t.source,
            colours=view.timeline_colours,
            years=view.years,
        ),
        t.file_name,
    )
if not view.ranked.empty:
    r = view.ranked_chart
    left, right = ui.side_by_side([3, 2])
    with left:
        charts.show(
            charts.bar(
                view.ranked_top,
                x="mechanism",
                y="meetings",
                horizontal=True,
                order=list(view.ranked_top.mechanism),
                labels={"mechanism": "", "meetings": "Meetings"},
                title=r.title,
                subtitle=r.subtitle,
                source=r.source,
                ranked="mechanisms",
                share=3 / 5,
            ),
            r.file_name,
        )
    with right:
        ui.table(
            view.ranked,
            {"rank": "Rank", "mechanism": "Mechanism", "meetings": "Meetings"},
            view.ranked_file,
            key="meetings_ranked",
        )
if not view.undated.empty:
    st.markdown(view.undated_line)
    ui.table(
        view.undated,
        view.calendar_column
        | {
            "mechanisms": "Mechanism",
            "title": "Meeting",
            "date_text": "Date as written",
            "location_text": "Place",
            "listed_in": "Listed in",
        },
        view.undated_file,
        key="undated",
    )

if not view.points.empty:
    h = view.hosts
    fig = charts.points_map(
        view.points,
        "count",
        "detail",
        colour="region",
        colours=charts.COUNTRY_REGION_COLOURS,
        title=h.title,
        subtitle=h.subtitle,
        source=h.source,
    )
    ui.map_with_links(fig, h.file_name, key="host_map")

st.subheader("The meetings")
columns = (
    view.calendar_column
    | {
        "date_text": "Date as written",
        "start_date": "From",
        "end_date": "To",
        "date_known": "Date known to",
        "tentative": "Tentative",
        "title": "Meeting",
        "mechanisms": "Mechanism",
    }
    | ({"theme_found": "Theme found in"} if view.theme_line else {})
    | {
        "location_text": "Place",
        "host": "Host country",
        "themes": "Themes",
        "listed_in": "Listed in",
        "note": "Note",
    }
)
ui.table(view.meetings, columns, view.table_file, key="meetings", provenance="meetings")
st.download_button(
    f"Download {words.count(view.ics_count, 'meeting')} with exact dates (.ics)",
    view.ics,
    file_name=view.ics_file,
    mime="text/calendar",
    key="meetings_ics",
    icon=":material/event:",
    on_click=ui.DOWNLOAD_CLICK,
)
if view.left_out:
    st.caption(view.left_out_note)
