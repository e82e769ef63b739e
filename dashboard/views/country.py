"""The country profile: one country's mechanisms, who shares them, the meetings it hosts,
USCIS engagements there or with it, and its part in the RCM report."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.charts import Highlight, file_name
from dashboard.views import Chart, calendar_column
from dashboard.words import count

SOURCE = "IOM, Overview of the principal inter-state consultation mechanisms on migration"


@dataclass
class CountryView:
    """What the country page draws."""

    name: str
    caption: str  # region · sub-region · ISO code
    metrics: dict[str, int]
    mechanisms: pd.DataFrame  # the country's rows of membership_long
    mechanisms_file: str
    not_listed: str  # what to say when it is in no mechanism
    partners: pd.DataFrame  # countries sharing its memberships, with map columns
    partners_chart: Chart
    no_partners: str
    shapes: dict
    highlight: Highlight | None
    meetings_heading: str
    hosted: pd.DataFrame  # one row per meeting it hosts
    hosted_columns: dict[str, str]
    hosted_file: str
    no_meetings: str
    engaged: pd.DataFrame  # USCIS engagements there or with it
    engaged_file: str
    no_engagements: str
    report_heading: str  # the RCM report's heading, "" when the country is not in it
    report_roles: str


@st.cache_data(show_spinner=False)
def country_names() -> dict[str, str]:
    """The page's country choice: iso3 -> name, by name."""
    return data.country_names()


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def country_view(iso3: str) -> CountryView:
    """Everything the profile of `iso3` shows."""
    name = data.country_names()[iso3]
    country = data.table("countries").set_index("iso3").loc[iso3]
    mine = data.membership_long(tuple(data.process_labels()), tuple(data.ROLE_ORDER))
    mine = mine[mine.iso3 == iso3]
    member_of = tuple(mine.loc[mine.role == "member", "process_id"])
    partners = data.membership_by_country(member_of, ("member",))
    partners = partners[partners.iso3 != iso3]
    hosted = data.one_row_per_meeting(
        data.filter_meetings(data.meetings_long(), None, hosts=(iso3,))
    )
    wide = data.engagements_wide()
    engaged = wide[
        wide.country_codes.apply(lambda v: iso3 in v)
        | wide.partner_codes.apply(lambda v: iso3 in v)
    ]
    reported = data.table("report_participants")
    reported = reported[reported.iso3 == iso3]
    report = data.table("reports").iloc[0]
    when = pd.Timestamp(report.start_date).strftime("%B %Y") if report.start_date else ""
    meetings = data.meetings_title()
    return CountryView(
        name=name,
        caption=f"{country['region']} · {country['sub_region']} · ISO code {iso3}",
        metrics={
            "Mechanisms as member": int((mine.role == "member").sum()),
            "Observer, partner or guest": int(
                mine.role.isin(["observer", "partner", "guest"]).sum()
            ),
            f"{meetings} hosted": len(hosted),
            "USCIS engagements there or with it": len(engaged),
        },
        mechanisms=mine,
        mechanisms_file=file_name(name, "mechanisms"),
        not_listed=f"{name} is not listed in any mechanism in the IOM overview.",
        partners=data.on_map(partners),
        partners_chart=Chart(
            f"Countries that share mechanisms with {name}",
            f"Number of the {count(len(member_of), 'mechanism')} {name} is "
            "a member of that each country also belongs to",
            SOURCE,
            file_name(name, "shared mechanisms"),
        ),
        no_partners=f"{name} shares no mechanism membership with another country.",
        shapes=data.extra_shapes(),
        highlight=data.highlight(iso3),
        meetings_heading=f"{meetings} it hosts",
        hosted=hosted,
        hosted_columns=calendar_column(data.calendar_years())
        | {
            "date_text": "Date as written",
            "title": "Meeting",
            "mechanisms": "Mechanism",
            "location_text": "Place",
            "listed_in": "Listed in",
        },
        hosted_file=file_name(name, meetings),
        no_meetings=data.no_meeting_words(f"hosted by {name}"),
        engaged=engaged,
        engaged_file=file_name(name, "uscis engagements"),
        no_engagements=f"No USCIS RAIO engagement meets in or names {name}.",
        report_heading=""
        if reported.empty
        else f"RCM report on extra-regional migrants ({when})"
        if when
        else "RCM report on extra-regional migrants",
        report_roles=f"Took part as: {', '.join(sorted(set(reported.role)))}.",
    )
