"""The membership map page: who belongs to the picked mechanisms, in which role; overlaps."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, palette
from dashboard.charts import Highlight, file_name
from dashboard.filters import Filters
from dashboard.views import Chart, ranked_words
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
    counts_line: str  # "**N countries, M memberships, K mechanisms**" (those of the table)
    counts_note: str  # the picked mechanisms the table has no row of, and why ("" for none)
    memberships_file: str
    scope_note: str  # with a region: which mechanisms reach it ("" without)
    ranked: pd.DataFrame  # the drawn countries by number of mechanisms (data.countries_ranked)
    ranked_top: pd.DataFrame  # its first ranks, for the bar chart
    ranked_chart: Chart
    ranked_file: str
    ranked_expander: str  # "All 12 countries ranked, as a table"
    shared: pd.DataFrame  # shared members between the picked mechanisms (empty for one)
    shared_chart: Chart
    organisations: pd.DataFrame
    organisations_file: str


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def most_mechanisms(filters: Filters, roles: tuple[str, ...]) -> int:
    """The most picked mechanisms any one country holds one of `roles` in (0 for none): the
    top of the page's "at least N" slider."""
    by_country = data.membership_by_country(filters.process_ids(), roles, filters.countries())
    return int(by_country.mechanisms.max()) if len(by_country) else 0


@st.cache_data(show_spinner=False, max_entries=data.QUERY_CACHE_ENTRIES)
def membership_view(
    filters: Filters,
    roles: tuple[str, ...],
    view: str = "Role",
    at_least: int = 1,
    found: str | None = None,
) -> MembershipView:
    """The countries (of the picked regions) holding `roles` in the mechanisms the filters
    leave, coloured by role (view "Role": members of several mechanisms apart) or by how many
    mechanisms (view "Number of mechanisms": countries in at least `at_least`), with `found`
    (ISO3) marked; the same countries ranked by how many mechanisms they take part in."""
    picked = filters.process_ids()
    countries = filters.countries()
    by_country = (
        data.membership_by_country(picked, roles, countries)
        if picked and roles
        else pd.DataFrame(columns=["iso3", "country", "role", "mechanisms", "detail"])
    )
    what = f"{filters.describe()}; {', '.join(r + 's' for r in roles)}"
    one = the_one(picked, data.process_labels())
    colours: dict[str, str] = {}
    if view == "Role":
        several = len(picked) > 1
        members = by_country.role.eq("member")
        counted = by_country.mechanisms.gt(1).map(
            {True: "member of several", False: "member of one"}
        )
        shown = by_country.assign(category=counted.where(members & several, by_country.role))
        colours = (
            {"member of several": "#0072B2", "member of one": "#56B4E9"} if several else {}
        ) | palette.ROLE_COLOURS
        title = f"Membership of {one or count(len(picked), 'mechanism')} by role"
    else:
        shown = by_country[by_country.mechanisms >= at_least]
        title = (
            f"Countries in {one}"
            if one
            else f"Countries in at least {at_least} of the {len(picked)} picked mechanisms"
        )
    long = data.membership_long(picked, roles, countries)
    long = long[long.iso3.isin(shown.iso3)]
    ranked = data.countries_ranked(picked, roles, countries)
    ranked = ranked[ranked.iso3.isin(shown.iso3)]
    top = data.top_ranks(ranked)
    shared = (
        data.shared_members(picked, ("member",), countries) if len(picked) > 1 else pd.DataFrame()
    )
    in_regions = f" in {' or '.join(filters.regions)}" if filters.regions else ""
    organisations = data.table("process_organisations")
    organisations = organisations[organisations.process_id.isin(picked)]
    return MembershipView(
        by_country=data.on_map(shown),
        colours=colours,
        map=Chart(
            title,
            f"{what}; {count(len(shown), *COUNTRIES)}",
            SOURCE,
            file_name("membership", filters.describe(), view),
        ),
        shapes=data.extra_shapes(),
        highlight=data.highlight(found),
        memberships=long,
        counts_line=counts_line(long, len(picked)),
        counts_note=counts_note(picked, set(long.process_id), roles, filters.regions),
        memberships_file=file_name("memberships", filters.describe()),
        scope_note=filters.scope_note(),
        ranked=ranked,
        ranked_top=top,
        ranked_chart=Chart(
            "Countries by number of mechanisms",
            f"{what}; " + ranked_words(top, ranked, *COUNTRIES),
            SOURCE,
            file_name("countries by number of mechanisms", filters.describe(), *roles),
        ),
        ranked_file=file_name("countries ranked by mechanisms", filters.describe(), *roles),
        ranked_expander=f"All {count(len(ranked), *COUNTRIES)} ranked, as a table"
        if len(ranked) > 1
        else "The country ranked, as a table",
        shared=shared,
        shared_chart=Chart(
            "Shared members between mechanisms",
            f"{filters.describe()}; member states{in_regions} in common "
            f"(diagonal: all members{in_regions})",
            SOURCE,
            file_name("shared members", filters.describe()),
        ),
        organisations=organisations.assign(
            mechanism=organisations.process_id.map(data.process_labels())
        ),
        organisations_file=file_name("organisations", filters.describe()),
    )


def counts_line(long: pd.DataFrame, picked: int) -> str:
    """ "**N countries, M memberships, K mechanisms**" of the table's rows (`long`); "K of the
    P mechanisms" when some of the `picked` mechanisms have no row."""
    shown = long.process_id.nunique()
    mechanisms = (
        count(shown, "mechanism")
        if shown == picked
        else f"{shown} of the {count(picked, 'mechanism')}"
    )
    return (
        f"**{count(long.iso3.nunique(), 'country')}, "
        f"{count(len(long), 'membership')}, {mechanisms}**"
    )


def counts_note(
    picked: tuple[str, ...], shown: set[str], roles: tuple[str, ...], regions: tuple[str, ...]
) -> str:
    """Which picked mechanisms have no row in the table and why: open to all, no country
    list, or no country in the picked roles (and regions) among the countries drawn; ""
    when every picked mechanism has a row."""
    missing = [p for p in picked if p not in shown]
    if not missing:
        return ""
    labels = data.process_labels()
    everywhere = data.without_country_list()
    where = f" in {' or '.join(regions)}" if regions else ""
    held = " or ".join(palette.ROLE_LABELS[r].lower() for r in roles) or "role picked"
    reasons: dict[str, list[str]] = {}
    for p in missing:
        why = everywhere.get(p) or f"no {held}{where} among the countries drawn"
        reasons.setdefault(why, []).append(labels[p])
    return (
        f"{'The other one' if len(missing) == 1 else f'The {len(missing)} others'}, "
        "with no country to draw: "
        + "; ".join(f"{', '.join(names)} ({why})" for why, names in reasons.items())
        + "."
    )
