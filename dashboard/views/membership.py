"""The membership map page: who belongs to the picked mechanisms, in which role; overlaps."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, palette
from dashboard.charts import Highlight, file_name
from dashboard.filters import Filters
from dashboard.views import Chart
from dashboard.words import COUNTRIES, count, the_one
from loaders import vocabulary

SOURCE = "IOM, Overview of the principal inter-state consultation mechanisms on migration"
VIEWS = ["Role", "Number of mechanisms"]
ROLES = list(vocabulary.COUNTRY_ROLES)  # the page's role choice, strongest first
DEFAULT_ROLES = ["member", "observer", "partner"]


@dataclass
class MembershipView:
    """What the membership page draws. by_country is empty when nothing matches."""

    by_country: pd.DataFrame  # the countries drawn, with map columns and the category/value
    colours: dict[str, str]  # category -> colour ("Role" view); {} for the count view
    map: Chart
    shapes: dict
    highlight: Highlight | None
    memberships: pd.DataFrame  # one row per (mechanism, country, role) of the drawn countries
    counts_line: str  # "**N countries, M memberships**"
    memberships_file: str
    shared: pd.DataFrame  # shared members between the picked mechanisms (empty for one)
    shared_chart: Chart
    organisations: pd.DataFrame
    organisations_file: str


@st.cache_data(show_spinner=False)
def most_mechanisms(filters: Filters, roles: tuple[str, ...]) -> int:
    """The most picked mechanisms any one country holds one of `roles` in (0 for none): the
    top of the page's "at least N" slider."""
    by_country = data.membership_by_country(filters.process_ids(), roles)
    return int(by_country.mechanisms.max()) if len(by_country) else 0


@st.cache_data(show_spinner=False)
def membership_view(filters: Filters, roles: tuple[str, ...], view: str = "Role",
                    at_least: int = 1, found: str | None = None) -> MembershipView:
    """The countries holding `roles` in the mechanisms the filters leave, coloured by role
    (view "Role": members of several mechanisms apart) or by how many mechanisms (view "Number
    of mechanisms": countries in at least `at_least`), with `found` (ISO3) marked."""
    picked = filters.process_ids()
    by_country = data.membership_by_country(picked, roles) if picked and roles else pd.DataFrame(
        columns=["iso3", "country", "role", "mechanisms", "detail"])
    what = f"{filters.describe()}; {', '.join(r + 's' for r in roles)}"
    one = the_one(picked, data.process_labels())
    colours: dict[str, str] = {}
    if view == "Role":
        several = len(picked) > 1
        members = by_country.role.eq("member")
        counted = by_country.mechanisms.gt(1).map({True: "member of several",
                                                   False: "member of one"})
        shown = by_country.assign(category=counted.where(members & several, by_country.role))
        colours = ({"member of several": "#0072B2", "member of one": "#56B4E9"} if several
                   else {}) | palette.ROLE_COLOURS
        title = f"Membership of {one or count(len(picked), 'mechanism')} by role"
    else:
        shown = by_country[by_country.mechanisms >= at_least]
        title = (f"Countries in {one}" if one else
                 f"Countries in at least {at_least} of the {len(picked)} picked mechanisms")
    long = data.membership_long(picked, roles)
    long = long[long.iso3.isin(shown.iso3)]
    shared = data.shared_members(picked) if len(picked) > 1 else pd.DataFrame()
    organisations = data.table("process_organisations")
    organisations = organisations[organisations.process_id.isin(picked)]
    return MembershipView(
        by_country=data.on_map(shown),
        colours=colours,
        map=Chart(title, f"{what}; {count(len(shown), *COUNTRIES)}", SOURCE,
                  file_name("membership", filters.describe(), view)),
        shapes=data.extra_shapes(),
        highlight=data.highlight(found),
        memberships=long,
        counts_line=f"**{count(long.iso3.nunique(), 'country')}, "
                    f"{count(len(long), 'membership')}**",
        memberships_file=file_name("memberships", filters.describe()),
        shared=shared,
        shared_chart=Chart("Shared members between mechanisms",
                           f"{filters.describe()}; member states in common (diagonal: all "
                           "members)", SOURCE, file_name("shared members", filters.describe())),
        organisations=organisations.assign(
            mechanism=organisations.process_id.map(data.process_labels())),
        organisations_file=file_name("organisations", filters.describe()),
    )
