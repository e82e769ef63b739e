"""The meetings page: the calendars' meetings of the chosen years, filtered; the timeline, the
host map and the table, with the words each carries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, exports, palette
from dashboard.charts import file_name
from dashboard.filters import Filters
from dashboard.views import Chart, calendar_column, ranked_words
from dashboard.words import count, the_one
from loaders import vocabulary

ALL_YEARS = "All years"
MONTHS = list(calendar.month_abbr)[1:]
STATUS = {
    "all": "Confirmed and tentative",
    "confirmed": "Confirmed only",
    "tentative": "Tentative (TBC) only",
}
COLOUR = {
    "region": "Overview heading",
    "first_theme": "Theme",
    "date_known": "Date known to",
    "read_from": "Document read from",
}
# Fixed colours for the timeline's colourings, so a value keeps its colour whatever the filters
# leave (themes: timeline_colours).
TIMELINE_COLOURS = {
    "region": palette.REGION_COLOURS | {"All regions": palette.GREY},
    "date_known": {palette.DATE_KNOWN[k]: c for k, c in palette.DATE_KNOWN_COLOURS.items()},
    "read_from": {
        palette.MEETING_SOURCE_LABELS[k]: c for k, c in palette.MEETING_SOURCE_COLOURS.items()
    },
}


def timeline_colours(colour: str) -> dict[str, str]:
    """The fixed colour of every value the timeline can be coloured by `colour` (COLOUR)."""
    if colour == "first_theme":
        labels = data.theme_labels()
        return {labels[t]: c for t, c in palette.THEME_COLOURS.items() if t in labels} | {
            "No theme": palette.GREY
        }
    return TIMELINE_COLOURS[colour]


@dataclass(frozen=True)
class MeetingChoices:
    """The page's title and caption (every calendar's years), and what its controls offer:
    year options (ALL_YEARS, then the latest first), the host countries of any meeting
    (iso3 -> name, by name) and the documents that describe any (key -> label, in the
    vocabulary's order)."""

    title: str
    caption: str
    years: tuple[str, ...]
    hosts: dict[str, str]
    sources: dict[str, str]


@dataclass
class MeetingsView:
    """What the meetings page draws."""

    years: tuple[int, ...]  # the years shown
    meetings: pd.DataFrame  # one row per meeting
    dated: pd.DataFrame  # (meeting, mechanism) rows with dates, for the timeline
    undated: pd.DataFrame  # meetings with no date, listed apart
    points: pd.DataFrame  # host countries, for the map
    summary: str  # "**N meetings**, …"
    theme_line: str  # with a theme: how many meetings by their own text, how many via mechanism
    scope_note: str  # with a region: which mechanisms reach it ("" without)
    ranked: pd.DataFrame  # mechanisms by number of meetings (data.mechanisms_ranked)
    ranked_top: pd.DataFrame  # its first ranks, for the bar chart
    ranked_chart: Chart
    ranked_file: str
    timeline: Chart
    timeline_colours: dict[str, str] | None
    hosts: Chart
    undated_file: str
    table_file: str
    ics_file: str
    ics: bytes  # the .ics file, made with the view (a file made on click is lost under load)
    ics_count: int  # meetings with exact days, the ones the .ics file holds
    left_out: int  # meetings the .ics file leaves out

    @property
    def left_out_note(self) -> str:
        """Why `left_out` meetings are not in the .ics file ("" when none are left out)."""
        if not self.left_out:
            return ""
        one = self.left_out == 1
        return (
            f"{count(self.left_out, 'meeting')} with only a month, quarter, half-year or no "
            f"date {'is' if one else 'are'} not in the calendar file, which would otherwise "
            f"state days the source does not give; {'it is' if one else 'they are'} in the CSV."
        )

    @property
    def undated_line(self) -> str:
        """The heading of the meetings with no date: "**Not yet dated (2)**: listed here, …"."""
        return f"**Not yet dated ({len(self.undated)})**: listed here, not drawn on the timeline."

    @property
    def calendar_column(self) -> dict[str, str]:
        """The table column naming each meeting's calendar, when more than one year shows."""
        return calendar_column(self.years)


def source(years: tuple[int, ...], read_from: tuple[str, ...] = ()) -> str:
    """The source line for charts of the given years' meetings: the calendars, and the other
    documents (labels, as in meeting_documents().read_from) some of the meetings are read
    from."""
    calendars = " ".join(
        filter(None, [data.years_text(years), "calendars" if len(years) > 1 else "calendar"])
    )
    others = [
        label
        for label in palette.MEETING_SOURCE_LABELS.values()
        if label in read_from and label != palette.MEETING_SOURCE_LABELS["calendar"]
    ]
    return "; ".join(
        [
            f"IOM, {calendars} of meetings of inter-state consultation mechanisms on migration",
            *others,
        ]
    )


def documents_read(meetings: pd.DataFrame) -> tuple[str, ...]:
    """The labels of the documents the meetings (or (meeting, mechanism) rows) are read from,
    once each: what a chart counting them must name in its source line."""
    return tuple(dict.fromkeys(meetings.read_from)) if len(meetings) else ()


def _read_elsewhere(meetings: pd.DataFrame) -> str:
    """ "; 14 of them known only from other documents than the calendar (Bali Process report
    11, …)", or "" when every meeting is a calendar's row."""
    others = meetings[meetings.read_from != palette.MEETING_SOURCE_LABELS["calendar"]]
    if others.empty:
        return ""
    counts = others.read_from.value_counts()
    return (
        f"; {len(others)} of them known only from other documents than the calendar ("
        + ", ".join(f"{label} {n}" for label, n in counts.items())
        + ")"
    )


@st.cache_data(show_spinner=False)
def meeting_choices() -> MeetingChoices:
    """The page's title and the year and host options for its controls."""
    names = data.country_names()
    long = data.meetings_long()
    hosts = set(long.iso3)
    present = {key for keys in long.source_keys for key in keys}
    years = data.calendar_years()
    return MeetingChoices(
        data.meetings_title(),
        f"The ISCM meetings of {data.calendar_words(years)}, with those of the same years "
        "that only the RCM and Bali reports or the overview's past events describe (each "
        'meeting once; "Listed in" names every document that describes it). Pale hatched '
        "bars span the month, quarter or half-year a fuzzy date allows; the hover gives the "
        "date as written.",
        (ALL_YEARS, *(str(y) for y in reversed(years))),
        {c: n for c, n in names.items() if c in hosts},
        {k: palette.MEETING_SOURCE_LABELS[k] for k in vocabulary.MEETING_SOURCES if k in present},
    )


def chosen_years(year: str) -> tuple[int, ...]:
    """The calendar years a year choice stands for (ALL_YEARS: every calendar's)."""
    return data.calendar_years() if year == ALL_YEARS else (int(year),)


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def meetings_view(
    filters: Filters,
    year: str = ALL_YEARS,
    months: tuple[str, str] = ("Jan", "Dec"),
    hosts: tuple[str, ...] = (),
    status: str = "all",
    colour: str = "region",
    sources: tuple[str, ...] = (),
) -> MeetingsView:
    """The meetings of the chosen year (ALL_YEARS: every calendar), of the mechanisms and
    themes the shared filters leave, overlapping `months` (names, "Jan"–"Dec"), hosted by
    `hosts` (ISO3; none: anywhere), of `status` (STATUS), described in `sources` (registry
    keys; none: any document), the timeline coloured by `colour` (COLOUR)."""
    years = chosen_years(year)
    span = (MONTHS.index(months[0]) + 1, MONTHS.index(months[1]) + 1)
    rows = data.filter_meetings(
        data.meetings_long(),
        filters.meeting_process_ids(),
        filters.themes,
        span,
        hosts,
        status,
        () if year == ALL_YEARS else years,
        sources,
    )
    if filters.regions:
        rows = labelled_without_country_list(rows)
    ranked = data.mechanisms_ranked(rows)
    top = data.top_ranks(ranked)
    for_all = int(rows.loc[rows.for_all_mechanisms, "meeting_id"].nunique())
    reasons = data.theme_reasons(filters.themes) if filters.themes else {}
    meetings = data.one_row_per_meeting(rows)
    meetings = meetings.assign(theme_found=[reasons.get(m, "") for m in meetings.meeting_id])
    own = int(meetings.theme_found.eq(data.OWN_TEXT).sum())
    names = data.country_names()
    labels = palette.MEETING_SOURCE_LABELS
    words = [
        filters.describe(meetings=True),
        f"{months[0]}–{months[1]}" if span != (1, 12) else "",
        ("hosted by " + ", ".join(names[h] for h in hosts)) if hosts else "",
        STATUS[status].lower() if status != "all" else "",
        ("listed in the " + " or the ".join(labels[k] for k in sources)) if sources else "",
    ]
    subtitle = "; ".join(w for w in words if w)
    # File names keep the short words ("countries in Asia"), so the other filters fit in them.
    named = "; ".join(w for w in [filters.describe(), *words[1:]] if w)
    shown = data.meetings_title(years)
    # A title names the one mechanism and the one host country the filters leave.
    one = the_one(filters.process_ids(), data.process_labels()) if filters.active else None
    host = the_one(hosts, names)
    which = " ".join(
        filter(None, [shown, f"of {one}" if one else "", f"in {host}" if host else ""])
    )
    fuzzy = int((meetings.date_precision != "day").sum())
    points = data.points_by_country(meetings, "iso3", "title", "meeting")
    read_from = documents_read(meetings)
    placeless = int((meetings.iso3 == "").sum())
    exact = int((meetings.date_precision.eq("day") & meetings.start_date.ne("")).sum())
    return MeetingsView(
        years=years,
        meetings=meetings,
        dated=rows[rows.start.notna()],
        undated=meetings[meetings.start.isna()],
        points=points,
        summary=f"**{count(len(meetings), 'meeting')}**, {fuzzy} of them with fuzzy or unknown "
        f"dates, {int(meetings.tentative.sum())} tentative" + _read_elsewhere(meetings) + ".",
        theme_line=theme_line(filters.themes, own, len(meetings) - own),
        scope_note=filters.scope_note(meetings=True),
        ranked=ranked,
        ranked_top=top,
        ranked_chart=Chart(
            f"Mechanisms by number of {shown}",
            f"{subtitle}; "
            + ranked_words(top, ranked, "mechanism")
            + (f"; {count(for_all, 'meeting')} for all ISCMs not counted" if for_all else ""),
            source(years, documents_read(rows[rows.process_id.ne("")])),
            file_name(f"mechanisms by number of {shown}", named),
        ),
        ranked_file=file_name(f"mechanisms ranked by {shown}", named),
        timeline=Chart(
            which if one else f"{which} by mechanism",
            f"{subtitle}; colour: {COLOUR[colour].lower()}",
            source(years, read_from),
            file_name(f"{shown} timeline", named),
        ),
        timeline_colours=timeline_colours(colour),
        hosts=Chart(
            which if host else f"Where the {which} take place",
            f"{subtitle}; "
            f"{count(int(points['count'].sum()) if len(points) else 0, 'meeting')} "
            "with a known host country"
            + (f"; place TBC for {count(placeless, 'meeting')}" if placeless else ""),
            source(years, documents_read(meetings[meetings.iso3.ne("")])),
            file_name(f"{shown} hosts", named),
        ),
        undated_file=file_name(f"{shown} undated"),
        table_file=file_name(shown, named),
        ics_file=file_name(shown, named) + ".ics",
        ics=exports.meetings_ics(meetings)[0],
        ics_count=exact,
        left_out=len(meetings) - exact,
    )


def labelled_without_country_list(rows: pd.DataFrame) -> pd.DataFrame:
    """(meeting, mechanism) rows with the mechanisms in a region's scope only because they have
    no country list labelled why: "IDM (open to all)", "Tripoli Process (no country list)"."""
    why = rows.process_id.map(data.without_country_list())
    return rows.assign(
        mechanism=rows.mechanism.where(why.isna(), rows.mechanism + " (" + why + ")")
    )


def theme_line(themes: tuple[str, ...], own: int, via: int) -> str:
    """ "Theme Labour migration: 2 meetings by their own text, 10 through their mechanism …";
    "" without a theme."""
    if not themes:
        return ""
    labels = data.theme_labels()

    def meetings(n: int) -> str:
        return f"{n} meeting{'' if n == 1 else 's'}"

    return (
        f"Theme {' or '.join(labels[t] for t in themes)}: {meetings(own)} by "
        f"{'its' if own == 1 else 'their'} own text, {meetings(via)} through "
        f"{'its' if via == 1 else 'their'} mechanism{'' if via == 1 else 's'} (the column "
        "“Theme found in” says which)."
    )
