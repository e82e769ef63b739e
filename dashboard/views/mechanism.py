"""The mechanism profile: what it is, who takes part (map), why it carries its themes, its
calendar meetings, past events and related USCIS engagements."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, palette
from dashboard.charts import file_name
from dashboard.ui import escape_markdown
from dashboard.views import Chart, calendar_column
from dashboard.words import count

SOURCE = "IOM, Overview of the principal inter-state consultation mechanisms on migration"
EVENT_COLOURS = dict(zip(data.EVENT_BANDS, ["#9ECAE1", "#4292C6", "#08306B"], strict=True))
SECTIONS = [
    ("Secretariat", "secretariat"),
    ("Description", "description"),
    ("Areas of focus", "areas"),
    ("Priorities", "priorities"),
    ("Agreements and declarations", "agreements"),
]


@dataclass(frozen=True)
class Metric:
    """A figure with its label and the help its tooltip gives."""

    label: str
    value: str
    help: str = ""


@dataclass
class MechanismView:
    """What the mechanism page draws."""

    name: str
    facts: dict[str, str]
    chair: str
    totals: list[Metric]
    totals_doubt: str  # why the stated and listed totals differ, "" when they agree
    open_to_all: bool
    participants: pd.DataFrame  # per country, with map columns; empty when nobody is listed
    participants_chart: Chart
    shapes: dict
    countries: pd.DataFrame
    countries_file: str
    organisations: pd.DataFrame
    organisations_file: str
    secretariat: str  # the bodies the Secretariat column names, escaped; "" when none
    membership_notes: str
    themes: list[tuple[str, str, str]]  # (theme label, matched words, evidence)
    sections: list[tuple[str, str, bool]]  # (heading, text as written, expanded)
    meetings_heading: str
    meetings: pd.DataFrame  # its own meetings (not those for all ISCMs)
    meetings_columns: dict[str, str]
    meetings_file: str
    no_meetings: str
    for_all: pd.DataFrame  # the meetings for all ISCMs, listed once as such
    for_all_intro: str
    other_years: pd.DataFrame  # its meetings the reports describe in years no calendar covers
    other_years_intro: str
    other_years_file: str
    events: pd.DataFrame  # past events that are not meetings of the calendars' years
    events_intro: str
    events_list: str  # markdown, one line per event, source text escaped
    events_file: str
    event_hosts: pd.DataFrame  # with map columns
    event_hosts_chart: Chart
    engagements: pd.DataFrame
    engagements_file: str


@st.cache_data(show_spinner=False)
def mechanism_labels() -> dict[str, str]:
    """The page's mechanism choice: process_id -> short name, in the overview's order."""
    return data.process_labels()


def _totals(pid: str) -> tuple[list[Metric], str]:
    totals = data.totals(pid)
    stated, countries, bodies = totals["stated"], totals["countries"], totals["organisations"]
    metrics = [
        Metric("Total the overview states", "not stated" if stated is None else str(stated)),
        Metric(
            "Members it lists",
            f"{countries} + {bodies}" if bodies else str(countries),
            f"{count(countries, 'country')}, {count(bodies, 'organisation')}",
        ),
        Metric(
            "Countries named outside the list",
            str(len(totals["named"])),
            "Named as chair, on the steering committee or as coordinator, but not listed; "
            "never counted as members",
        ),
    ]
    doubt = ""
    # A total may count the bodies or not ("51 governments plus the European Commission and …").
    if stated is not None and stated not in (countries, countries + bodies):
        doubt = (
            f"The overview states {stated} but lists {count(countries, 'country')}"
            + (f" and {count(bodies, 'organisation')}" if bodies else "")
            + (
                f"; it also names {', '.join(totals['named'])} outside the list."
                if totals["named"]
                else "."
            )
        )
    return metrics, doubt


def _event_line(row) -> str:
    return (
        f"- **{escape_markdown(row.date_text)}** — {escape_markdown(row.title)}"
        + ("" if row.place_in_title or not row.place else f" · {escape_markdown(row.place)}")
        + (f" · _{escape_markdown(row.note)}_" if row.note else "")
    )


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def mechanism_view(pid: str) -> MechanismView:
    """Everything the profile of mechanism `pid` shows."""
    label = data.process_labels()[pid]
    process = data.table("processes").set_index("process_id").loc[[pid]].iloc[0]
    long = data.membership_long((pid,), tuple(data.ROLE_ORDER))
    by_country = data.membership_by_country((pid,), tuple(data.ROLE_ORDER))
    totals, doubt = _totals(pid)
    organisations = data.table("process_organisations")
    organisations = organisations[organisations.process_id == pid]
    secretariat = organisations.loc[organisations.role == "secretariat", "organisation"]
    themes = data.themes_of("process")
    themes = themes[themes.entity_id == pid]
    theme_names = data.theme_labels()
    listed = data.one_row_per_meeting(data.filter_meetings(data.meetings_long(), (pid,)))
    meetings = listed[~listed.for_all_mechanisms]
    for_all = listed[listed.for_all_mechanisms]
    other_years = data.other_year_report_meetings(pid)
    everything = data.past_events(pid)
    events = everything[everything.meeting_id == ""]
    in_meetings = len(everything) - len(events)
    hosts = data.past_event_hosts(pid)
    unplaced = int((events.iso3 == "").sum())
    wide = data.engagements_wide()
    heading = data.meetings_title()
    return MechanismView(
        name=str(process["name"]),
        facts={
            "Kind": palette.KIND_NAMES[process.kind],
            "Region": process.region,
            "Founded": process.year_founded_text or "not stated",
            "Website": process.website or "not stated",
        },
        chair=" ".join(
            filter(
                None,
                [
                    process.chair or "Not stated.",
                    f"Incoming: {process.incoming_chair}" if process.incoming_chair else "",
                ],
            )
        ),
        totals=totals,
        totals_doubt=doubt,
        open_to_all=bool(process.open_to_all),
        participants=data.on_map(by_country),
        participants_chart=Chart(
            f"Who takes part in {label}",
            "; ".join(
                f"{data.ROLE_LABELS[str(r)].lower()}: {n}"
                for r, n in long.role.value_counts().items()
            ),
            SOURCE,
            file_name(label, "participants"),
        ),
        shapes=data.extra_shapes(),
        countries=long,
        countries_file=file_name(label, "countries"),
        organisations=organisations,
        organisations_file=file_name(label, "organisations"),
        secretariat=escape_markdown(", ".join(dict.fromkeys(secretariat))),
        membership_notes=process.membership_notes,
        themes=[
            (theme_names[theme], matched, evidence)
            for theme, matched, evidence in zip(
                themes.theme_id, themes.matched, themes.evidence, strict=True
            )
        ],
        sections=[
            (h, process[c], c in ("description", "areas")) for h, c in SECTIONS if process[c]
        ],
        meetings_heading=heading,
        meetings=meetings,
        meetings_columns=calendar_column(data.calendar_years())
        # "Listed in" before the long titles, so it is in view without scrolling sideways.
        | {
            "date_text": "Date as written",
            "listed_in": "Listed in",
            "title": "Meeting",
            "location_text": "Place",
            "tentative": "Tentative",
            "note": "Note",
        },
        meetings_file=file_name(label, heading),
        no_meetings=data.no_meeting_words("of this mechanism"),
        for_all=for_all,
        for_all_intro=f"For all ISCMs, not {label}'s own: "
        + "; ".join(f"{r.date_text}, {r.title}" for r in for_all.itertuples())
        + ".",
        other_years=other_years,
        other_years_intro=f"{count(len(other_years), 'meeting')} of {label} in years no "
        "calendar covers (earlier ones and plans), as the "
        + " and the ".join(sorted(set(other_years.document)))
        + (" describes" if other_years.document.nunique() == 1 else " describe")
        + " them.",
        other_years_file=file_name(label, "meetings in the reports"),
        events=events,
        events_intro=f"{count(len(events), 'event')} the overview lists for {label}, oldest "
        "first"
        + (
            f" ({in_meetings} more {'is' if in_meetings == 1 else 'are'} {heading} "
            "and listed above with them)"
            if in_meetings
            else ""
        )
        + ". Dates and places as the overview gives them (the place is added "
        "where the title does not name it); a note in italics says what the "
        "overview leaves out.",
        events_list="\n".join(_event_line(row) for row in events.itertuples()),
        events_file=file_name(label, "past events"),
        event_hosts=data.on_map(hosts),
        event_hosts_chart=Chart(
            f"Where {label}'s past events were held",
            f"{count(len(events) - unplaced, 'event')} in {count(len(hosts), 'country')}"
            + (f"; {unplaced} with no country in the source, not drawn" if unplaced else ""),
            SOURCE,
            file_name(label, "past events map"),
        ),
        engagements=wide[wide.process_ids.apply(lambda v: pid in v)],
        engagements_file=file_name(label, "uscis engagements"),
    )
