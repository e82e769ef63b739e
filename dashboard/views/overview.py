"""The overview page: headline figures, participation per country, meetings by month."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import Highlight, file_name
from dashboard.filters import Filters
from dashboard.views import Chart
from dashboard.words import COUNTRIES, count, the_one

OVERVIEW_SOURCE = "IOM, Overview of the principal inter-state consultation mechanisms on migration"
ROLES = {"Members only": ("member",),
         "Members, observers and partners": ("member", "observer", "partner")}


@dataclass
class OverviewView:
    """What the overview page draws."""

    caption: str
    headline: dict[str, int]
    counts: pd.DataFrame  # per country: mechanisms taken part in, detail, map columns
    participation: Chart
    shapes: dict
    highlight: Highlight | None
    per_month: pd.DataFrame  # meetings by year and month (data.meetings_per_month)
    months: Chart
    meetings_blurb: str  # what the link to the meetings page offers


@st.cache_data(show_spinner=False)
def overview_view(filters: Filters, include: str = "Members only",
                  found: str | None = None) -> OverviewView:
    """The headline figures, each country's participation in the mechanisms the filters leave
    (counting the roles `include` names, a key of ROLES; `found`, an ISO3, marked), and their
    meetings by month."""
    counts = data.membership_by_country(filters.process_ids(), ROLES[include])
    per_month = data.meetings_per_month(filters.process_ids() if filters.active else None,
                                        filters.themes)
    years = data.calendar_years()
    meetings = data.meetings_title(years)
    one = the_one(filters.process_ids(), data.process_labels())
    return OverviewView(
        caption="Inter-state consultation mechanisms on migration (IOM overview), their "
                f"meetings ({data.calendar_words(years)}), and USCIS RAIO international "
                "engagements.",
        headline=data.headline_figures(),
        counts=data.on_map(counts),
        participation=Chart(f"Countries taking part in {one}" if one else
                            "How many mechanisms each country takes part in",
                            f"{filters.describe()}; {include.lower()}; "
                            f"{count(len(counts), *COUNTRIES)}",
                            OVERVIEW_SOURCE,
                            file_name("mechanisms per country", include)),
        shapes=data.extra_shapes(),
        highlight=data.highlight(found),
        per_month=per_month,
        months=Chart(f"{meetings} of {one} by month" if one else f"{meetings} by month",
                     f"{filters.describe()}; {count(int(per_month.meetings.sum()), 'meeting')} "
                     "by start month; fuzzy dates shown apart",
                     f"IOM, {data.calendar_words(years).removeprefix('the ')} of ISCM meetings",
                     file_name(f"{meetings} per month", filters.describe())),
        meetings_blurb=f"{data.calendar_words(years).removeprefix('the ').capitalize()} "
                       "as a timeline, with .ics export",
    )
