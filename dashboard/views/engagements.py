"""The USCIS engagements page: engagements filtered by office, staffing, frequency, place,
theme and mechanism; the load by office and staffing level; where they meet."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import file_name
from dashboard.filters import Filters
from dashboard.views import Chart
from dashboard.words import count, the_one
from loaders import vocabulary

SOURCE = "USCIS RAIO, international engagements by office"


@dataclass(frozen=True)
class EngagementChoices:
    """What the page's controls offer (value -> label where the label differs)."""

    offices: dict[str, str]  # "LACC" -> "LACC – Latin America, …"
    levels: list[str]  # staffing levels, most senior first
    roles: list[str]
    frequencies: list[str]  # in the vocabulary's order
    places: dict[str, str]  # iso3 -> name, where any engagement meets
    mechanisms: dict[str, str]  # process_id -> label, linked to any engagement


@dataclass(frozen=True)
class Picked:
    """The page's own choices (empty: no restriction)."""

    offices: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    frequencies: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()


@dataclass
class EngagementsView:
    """What the engagements page draws. shown is empty when nothing matches."""

    shown: pd.DataFrame  # one row per engagement (data.engagements_wide)
    metrics: dict[str, str]
    by_office: pd.DataFrame  # office, frequency, engagements
    office_order: list[str]
    by_office_chart: Chart
    by_level: pd.DataFrame  # staffing_level, engagements
    level_order: list[str]
    by_level_chart: Chart
    load: pd.DataFrame  # office, frequency, meetings (a year, fixed schedules only)
    load_order: list[str]
    load_chart: Chart
    points: pd.DataFrame  # where they meet
    points_chart: Chart
    table_file: str
    meetings_link: str  # "Its 2017 meetings"
    linked: list[tuple[str, int]] = field(default_factory=list)  # (mechanism, engagements)


@st.cache_data(show_spinner=False)
def engagement_choices() -> EngagementChoices:
    """The options of the page's controls, from the engagements."""
    wide = data.engagements_wide()
    names = data.country_names()
    labels = data.process_labels()
    office_names = dict(
        zip(wide.office, wide.office_name.where(wide.office_name != "", wide.office), strict=True)
    )
    present = set(wide.frequency)
    return EngagementChoices(
        offices={
            o: f"{o} – {office_names[o]}" if office_names[o] != o else o
            for o in sorted(office_names)
        },
        levels=wide.sort_values("staffing_tier").staffing_level.unique().tolist(),
        roles=sorted({r for v in wide.roles for r in v}),
        frequencies=[f for f in vocabulary.FREQUENCIES if f in present],
        places={c: n for c, n in names.items() if any(c in v for v in wide.country_codes)},
        mechanisms={p: n for p, n in labels.items() if any(p in v for v in wide.process_ids)},
    )


def _ordered_by_total(frame: pd.DataFrame, column: str) -> list[str]:
    return list(frame.groupby("office")[column].sum().sort_values(ascending=False).index)


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def engagements_view(filters: Filters, picked: Picked = Picked()) -> EngagementsView:
    """The engagements passing the page's choices and the shared theme filter (the shared
    mechanism filters do not apply: few engagements belong to a mechanism)."""
    names = data.country_names()
    labels = data.process_labels()
    shown = data.filter_engagements(
        data.engagements_wide(),
        picked.offices,
        picked.roles,
        picked.levels,
        picked.frequencies,
        picked.places,
        filters.themes,
        picked.mechanisms,
    )
    words = [
        ", ".join(picked.offices),
        ", ".join(picked.levels),
        ", ".join(picked.roles),
        ", ".join(picked.frequencies),
        ", ".join(names[c] for c in picked.places),
        ", ".join(labels[p] for p in picked.mechanisms),
        ("theme: " + ", ".join(data.theme_labels()[t] for t in filters.themes))
        if filters.themes
        else "",
    ]
    subtitle = "; ".join(w for w in words if w) or "All offices and engagements"
    by_office = shown.groupby(["office", "frequency"]).size().rename("engagements").reset_index()
    by_level = shown.groupby("staffing_level").size().rename("engagements").reset_index()
    load = (
        shown.dropna(subset=["meetings_per_year"])
        .groupby(["office", "frequency"])
        .meetings_per_year.sum()
        .astype(int)
        .rename("meetings")
        .reset_index()
    )
    points = data.points_by_country(shown, "country_codes", "name", "engagement")
    worldwide = int(shown.worldwide.sum())
    linked = sorted({p for v in shown.process_ids for p in v})
    choices = engagement_choices()
    levels = choices.levels
    # Titles name the one office and the one place picked.
    office = the_one(picked.offices, choices.offices)
    place = the_one(picked.places, names)
    scope = "".join(
        filter(None, [f" of {office}" if office else "", f" meeting in {place}" if place else ""])
    )
    return EngagementsView(
        shown=shown,
        metrics={
            "Engagements": str(len(shown)),
            "Offices": str(shown.office.nunique()),
            "Meetings a year (fixed schedules)": f"{shown.meetings_per_year.sum():g}",
            "Without a fixed schedule": str(int(shown.meetings_per_year.isna().sum())),
        },
        by_office=by_office,
        office_order=_ordered_by_total(by_office, "engagements"),
        by_office_chart=Chart(
            f"Engagements{scope} by {'frequency' if office else 'office'}",
            subtitle,
            SOURCE,
            file_name("engagements by office", subtitle),
        ),
        by_level=by_level,
        level_order=[lv for lv in levels if lv in set(by_level.staffing_level)],
        by_level_chart=Chart(
            f"Engagements{scope} by staffing level",
            f"{subtitle}; most senior staff named",
            SOURCE,
            file_name("engagements by staffing level", subtitle),
        ),
        load=load,
        load_order=_ordered_by_total(load, "meetings"),
        load_chart=Chart(
            f"Estimated meetings a year of the engagements{scope} "
            f"{'' if office else 'by office '}(the engagement load)",
            f"{subtitle}; fixed schedules only, ad hoc and varying engagements not counted",
            SOURCE,
            file_name("engagement load by office", subtitle),
        ),
        points=points,
        points_chart=Chart(
            f"Engagements{scope}" if place else f"Where the engagements{scope} meet",
            f"{subtitle}; {count(worldwide, 'more engagement')} world-wide or with no fixed place"
            if worldwide
            else subtitle,
            SOURCE,
            file_name("engagement places", subtitle),
        ),
        table_file=file_name("uscis engagements", subtitle),
        meetings_link=f"Its {data.meetings_title().lower()}",
        linked=[(labels[p], sum(p in v for v in shown.process_ids)) for p in linked],
    )
