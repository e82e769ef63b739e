"""The documents page: the Bali Process action tracker (filtered by heading and status) and
the RCM report on extra-regional migrants."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import file_name
from dashboard.views import Chart
from dashboard.words import COUNTRIES, count
from loaders import vocabulary

BALI = "Bali Process Ad Hoc Group, progress report on the 2016–2017 work plan"
RCM = "RCM, report of the fourth meeting of the ad-hoc working group on extra-regional migrants"


@dataclass(frozen=True)
class DocumentChoices:
    """The Bali tracker's headings (in the report's order) and the statuses its actions have
    (in the vocabulary's order)."""

    sections: list[str]
    statuses: list[str]


@dataclass
class DocumentsView:
    """What the documents page draws."""

    actions: pd.DataFrame  # the Bali actions picked; empty when nothing matches
    counts: pd.DataFrame  # section, status_category, actions (legend in status order)
    section_order: list[str]
    actions_chart: Chart
    actions_file: str
    report_title: str
    report_when: str  # "2017-07-06 to 2017-07-07 · Mexico City, Mexico"
    attendance: pd.DataFrame  # per country: first capacity, every capacity; map columns
    attendance_chart: Chart
    shapes: dict
    others: list[str]  # organisations and people with their capacities
    report_sections: list[tuple[str, list[str], bool]]  # (heading, paragraphs, expanded)


@st.cache_data(show_spinner=False)
def document_choices() -> DocumentChoices:
    """The options of the Bali tracker's filters."""
    items = data.table("action_items")
    present = set(items.status_category)
    return DocumentChoices(
        list(dict.fromkeys(items.section)), [s for s in vocabulary.BALI_STATUSES if s in present]
    )


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def documents_view(sections: tuple[str, ...] = (), statuses: tuple[str, ...] = ()) -> DocumentsView:
    """The Bali actions under `sections` with `statuses` (none picked: all), counted by
    heading and status; the RCM report's attendance, participants and sections."""
    choices = document_choices()
    items = data.table("action_items")
    shown = items[
        items.section.isin(sections or choices.sections)
        & items.status_category.isin(statuses or choices.statuses)
    ]
    rank = vocabulary.rank(vocabulary.BALI_STATUSES)
    counts = (
        shown.groupby(["section", "status_category"])
        .size()
        .rename("actions")
        .reset_index()
        .sort_values("status_category", key=lambda c: c.map(rank), kind="stable")
    )
    subtitle = "; ".join(filter(None, [", ".join(sections), ", ".join(statuses)])) or (
        f"All {count(len(items), 'action')}"
    )
    report = data.table("reports").iloc[0]
    attendance = data.report_countries()
    report_items = data.table("report_items")
    when = pd.Timestamp(report.start_date).strftime("%B %Y") if report.start_date else ""
    return DocumentsView(
        actions=shown,
        counts=counts,
        section_order=[s for s in choices.sections if s in set(counts.section)],
        actions_chart=Chart(
            "Bali Process actions by heading and status",
            subtitle,
            BALI,
            file_name("bali actions", subtitle),
        ),
        actions_file=file_name("bali process actions", subtitle),
        report_title=report.title,
        report_when=f"{report.start_date} to {report.end_date} · {report.place}",
        attendance=data.on_map(attendance),
        attendance_chart=Chart(
            ", ".join(filter(None, ["Who attended the RCM working group", when])),
            f"{count(len(attendance), *COUNTRIES)} by first capacity (hover: every capacity); "
            "organisations and people listed beside the map",
            RCM,
            file_name("rcm extra regional", report.start_date[:4], "attendance"),
        ),
        shapes=data.extra_shapes(),
        others=data.report_others(),
        report_sections=[
            (
                section,
                list(report_items.loc[report_items.section == section, "text"]),
                section in ("Conclusions And Recommendations", "Next Steps"),
            )
            for section in dict.fromkeys(report_items.section)
            if section != "Participants"
        ],
    )
