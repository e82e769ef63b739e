"""The overview page: headline figures, participation per country, meetings by month."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, palette
from dashboard.charts import Highlight, file_name
from dashboard.filters import Filters
from dashboard.views import Chart, ranked_words
from dashboard.words import COUNTRIES, count, the_one

OVERVIEW_SOURCE = "IOM, Overview of the principal inter-state consultation mechanisms on migration"
ROLES = {
    "Members only": ("member",),
    "Members, observers and partners": ("member", "observer", "partner"),
}


@dataclass
class OverviewView:
    """What the overview page draws."""

    caption: str
    headline: dict[str, int]
    headline_note: str  # what the headline figures count ("All mechanisms, …" or the filters)
    headline_help: dict[str, str]  # headline label -> what it counts
    scope_note: str  # with a region: which mechanisms reach it ("" without)
    counts: pd.DataFrame  # per country: mechanisms taken part in, detail, map columns
    participation: Chart
    ranked: pd.DataFrame  # countries by number of mechanisms (data.countries_ranked)
    ranked_top: pd.DataFrame  # the first ranks, for the bar chart
    ranked_chart: Chart
    ranked_file: str
    shapes: dict
    highlight: Highlight | None
    per_month: pd.DataFrame  # meetings by year and month (data.meetings_per_month)
    months: Chart
    meetings_blurb: str  # what the link to the meetings page offers


def headline_note(filters: Filters) -> str:
    """What the headline figures count, in the caption under them: the filters, the meetings
    a region leaves (its mechanisms', wherever held), and the filters the USCIS engagements
    figure does not follow (kind, mechanisms, overview heading:
    few engagements belong to a mechanism) or follows its own way (region: where they meet)."""
    if not filters.active:
        return "Figures for all mechanisms, countries, meetings and engagements in the documents."
    words = [f"Figures for the filters: {filters.describe()}."]
    if filters.regions:
        where = " or ".join(filters.regions)
        words.append(
            f"{data.meetings_title()}: those of the mechanisms with a participant in {where}, "
            "wherever held."
        )
        words.append(
            f"USCIS engagements: those meeting in {where}"
            + (", about the theme" if filters.themes else "")
            + "."
        )
    ignored = [
        name
        for name, picked in (
            ("mechanism kind", filters.kinds),
            ("mechanisms", filters.mechanisms),
            ("overview heading", filters.headings),
        )
        if picked
    ]
    if ignored:
        words.append(
            f"The USCIS engagements figure does not follow the {' and '.join(ignored)} "
            "filter" + ("s" if len(ignored) > 1 else "") + " (few engagements belong to a "
            "mechanism)."
        )
    return " ".join(words)


def _other_documents() -> list[str]:
    """The labels of the documents besides the calendars that some meetings are read from."""
    found = set(data.meeting_documents().read_from)
    return [
        label
        for key, label in palette.MEETING_SOURCE_LABELS.items()
        if key != "calendar" and label in found
    ]


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def overview_view(
    filters: Filters, include: str = "Members only", found: str | None = None
) -> OverviewView:
    """The headline figures of what the filters leave, each country's participation in the
    mechanisms the filters leave (counting the roles `include` names, a key of ROLES; only the
    countries of the picked regions; `found`, an ISO3, marked), the countries ranked by it,
    and the meetings by month."""
    picked = filters.process_ids()
    roles = ROLES[include]
    counts = data.membership_by_country(picked, roles, filters.countries())
    ranked = data.countries_ranked(picked, roles, filters.countries())
    top = data.top_ranks(ranked)
    per_month = data.meetings_per_month(filters.meeting_process_ids(), filters.themes)
    years = data.calendar_years()
    meetings = data.meetings_title(years)
    one = the_one(picked, data.process_labels())
    described = filters.describe()
    # The region follows the engagements by where they meet (as "Where it meets" on their page).
    engagements = data.filter_engagements(
        data.engagements_wide(), countries=filters.countries() or (), themes=filters.themes
    )
    return OverviewView(
        caption="Inter-state consultation mechanisms on migration (IOM overview), their "
        f"meetings ({data.calendar_words(years)}), and USCIS RAIO international "
        "engagements.",
        headline={
            "Mechanisms": len(picked),
            "Countries and territories": len(counts),
            meetings: int(per_month.meetings.sum()),
            "USCIS engagements": len(engagements),
        },
        headline_note=headline_note(filters),
        headline_help={
            "Mechanisms": "The mechanisms the filters leave (the membership page lists them).",
            "Countries and territories": f"Countries taking part ({include.lower()}) in those "
            "mechanisms" + (" and lying in the picked regions" if filters.regions else "") + ".",
            meetings: "The meetings of those mechanisms (and those for all ISCMs) about the "
            "picked themes, by their own text or their mechanism's.",
            "USCIS engagements": "Engagements about the picked themes"
            + (" that meet in a country of the picked regions" if filters.regions else "")
            + ", as the USCIS engagements page lists them"
            + (" with those countries under “Where it meets”" if filters.regions else "")
            + "; the kind, mechanism and overview heading filters do not apply to them.",
        },
        scope_note=filters.scope_note(),
        counts=data.on_map(counts),
        participation=Chart(
            f"Countries taking part in {one}"
            if one
            else "How many mechanisms each country takes part in",
            f"{described}; {include.lower()}; {count(len(counts), *COUNTRIES)}",
            OVERVIEW_SOURCE,
            file_name("mechanisms per country", described, include),
        ),
        ranked=ranked,
        ranked_top=top,
        ranked_chart=Chart(
            "Countries by number of mechanisms",
            f"{described}; {include.lower()}; " + ranked_words(top, ranked, *COUNTRIES),
            OVERVIEW_SOURCE,
            file_name("countries by number of mechanisms", described, include),
        ),
        ranked_file=file_name("countries ranked by mechanisms", described, include),
        shapes=data.extra_shapes(),
        highlight=data.highlight(found),
        per_month=per_month,
        months=Chart(
            f"{meetings} of {one} by month" if one else f"{meetings} by month",
            f"{described}; {count(int(per_month.meetings.sum()), 'meeting')} by start "
            "month; fuzzy dates shown apart",
            "; ".join(
                [
                    f"IOM, {data.calendar_words(years).removeprefix('the ')} of ISCM meetings",
                    *_other_documents(),
                ]
            ),
            file_name(f"{meetings} per month", described),
        ),
        meetings_blurb=f"{data.calendar_words(years).removeprefix('the ').capitalize()} "
        "as a timeline, with .ics export",
    )
