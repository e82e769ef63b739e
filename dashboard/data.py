"""Cached access to data/processed and the queries the pages draw from.

Every table is read once per server process; each query is cached on its (hashable) arguments,
so a rerun after a filter change does no merge work it has done before. Pages call these and
only filter and draw.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TypedDict

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from dashboard import exports, palette
from dashboard.words import count
from loaders import registry, vocabulary
from loaders.rows import cell_text

ROOT = Path(__file__).resolve().parents[1]
# The environment may point the app at another build (a test's, or one with more calendars).
PROCESSED = Path(os.environ.get("DASHBOARD_PROCESSED") or ROOT / "data" / "processed")
RAW = Path(os.environ.get("DASHBOARD_RAW") or ROOT / "data" / "raw")
OUTLINES = ROOT / "data" / "geo" / "countries-50m.json"
# Roles, strongest first (loaders/vocabulary.py). The `named (…)` roles are countries the
# overview names in a mechanism's row (chair, steering committee, …) but not in its lists:
# shown, never counted as members.
LISTED_ROLES = list(vocabulary.LISTED_ROLES)
NAMED_ROLES = list(vocabulary.NAMED_ROLES)
ROLE_ORDER = list(vocabulary.COUNTRY_ROLES)
ORGANISATION_ROLE_ORDER = list(vocabulary.ORGANISATION_ROLES)
REPORT_ROLE_ORDER = list(vocabulary.REPORT_ROLES)
ROLE_LABELS = palette.ROLE_LABELS
ALL_ISCMS = "All ISCMs"
# A query keeps the results of its most recent argument sets (filter combinations), so memory
# stays bounded however many combinations users try; an entry is at most about 100 kB.
QUERY_CACHE_ENTRIES = 256
# The roles that put a mechanism in a region's scope: its members, observers and partners and
# the countries it names as chair, steering committee, … (guests and suspended members do not).
SCOPE_ROLES = ("member", "observer", "partner", *NAMED_ROLES)
# Why a mechanism has no country rows (data.without_country_list): it is then in every
# region's scope.
OPEN_TO_ALL = "open to all"
NO_COUNTRY_LIST = "no country list"


def table_names() -> list[str]:
    """Every table the build writes (loaders/registry.py), in build order."""
    return registry.table_names()


def missing_tables() -> list[str]:
    """The processed tables that are not on disk (the build has not run, or failed)."""
    return [name for name in table_names() if not (PROCESSED / f"{name}.csv").exists()]


@st.cache_data(show_spinner=False)
def table(name: str) -> pd.DataFrame:
    """One processed table, typed as its schema states: text stays text ("" for empty),
    booleans are bool, integers nullable Int64 (a missing month stays <NA>, not 5.0), numbers
    float."""
    frame = pd.read_csv(PROCESSED / f"{name}.csv", dtype=str, keep_default_na=False)
    types = registry.column_types(name) if name in registry.schemas() else {}
    for column, kind in types.items():
        if column not in frame.columns or kind == "text":
            continue
        if kind == "boolean":
            frame[column] = frame[column].eq("true")
        else:
            values = pd.to_numeric(frame[column].replace("", None))
            frame[column] = values.astype("Int64") if kind == "integer" else values.astype(float)
    return frame


# ---------------------------------------------------------------- labels and choices


@st.cache_data(show_spinner=False)
def process_labels() -> dict[str, str]:
    """process_id -> short display name, in the overview's order."""
    p = table("processes")
    return dict(zip(p.process_id, p.short_name, strict=True))


@st.cache_data(show_spinner=False)
def country_names() -> dict[str, str]:
    """iso3 -> short country name, sorted by name."""
    c = table("countries").sort_values("name")
    return dict(zip(c.iso3, c.name, strict=True))


@st.cache_data(show_spinner=False)
def theme_labels() -> dict[str, str]:
    """theme_id -> label."""
    t = table("themes")
    return dict(zip(t.theme_id, t.label, strict=True))


@st.cache_data(show_spinner=False)
def headings() -> list[str]:
    """The overview's regional headings (processes.region), in its order: where the document
    files a mechanism, not geography (the Bali Process and the IGC are under "Others")."""
    return list(dict.fromkeys(table("processes").region))


@st.cache_data(show_spinner=False)
def geography() -> dict[str, tuple[str, ...]]:
    """UN M49 region -> its sub-regions (alphabetical), for the countries in the tables;
    regions in the vocabulary's order."""
    c = table("countries")
    return {
        region: tuple(sorted(set(c.loc[c.region == region, "sub_region"])))
        for region in vocabulary.COUNTRY_REGIONS
        if region in set(c.region)
    }


def region_options() -> list[str]:
    """The region filter's choices: each M49 region followed by its sub-regions."""
    return [place for region, subs in geography().items() for place in (region, *subs)]


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def countries_in(places: tuple[str, ...]) -> tuple[str, ...]:
    """ISO3 codes of the countries whose M49 region or sub-region is one of `places`."""
    c = table("countries")
    return tuple(c.loc[c.region.isin(places) | c.sub_region.isin(places), "iso3"])


@st.cache_data(show_spinner=False)
def without_country_list() -> dict[str, str]:
    """process_id -> why the mechanism has no country to place it in a region: OPEN_TO_ALL
    (the overview says membership is open to all UN or IOM member states) or NO_COUNTRY_LIST
    (its members are given only as groups or organisations: "African Union 53 member
    countries", the regional economic communities). Such mechanisms are in every region's
    scope."""
    p = table("processes")
    m = table("memberships")
    listed = set(m.loc[m.role.isin(SCOPE_ROLES), "process_id"])
    return {
        pid: OPEN_TO_ALL if everyone else NO_COUNTRY_LIST
        for pid, everyone in zip(p.process_id, p.open_to_all, strict=True)
        if everyone or pid not in listed
    }


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def processes_reaching(countries: tuple[str, ...]) -> tuple[str, ...]:
    """The mechanisms with a member, observer, partner or named participant (SCOPE_ROLES)
    among `countries`, in the overview's order."""
    m = table("memberships")
    reach = set(m.loc[m.role.isin(SCOPE_ROLES) & m.iso3.isin(countries), "process_id"])
    return tuple(p for p in table("processes").process_id if p in reach)


def themes_of(entity_type: str) -> pd.DataFrame:
    """theme_links rows for one entity type (entity_id, theme_id, matched, evidence)."""
    links = table("theme_links")
    return links[links.entity_type == entity_type]


@st.cache_data(show_spinner=False)
def theme_names_by_entity(entity_type: str) -> dict[str, str]:
    """entity_id -> "Theme A, Theme B" for one entity type."""
    labels = theme_labels()
    links = themes_of(entity_type)
    names = (
        links.assign(label=links.theme_id.map(labels))
        .groupby("entity_id")
        .label.agg(lambda s: ", ".join(sorted(set(s))))
    )
    return {str(entity): str(label) for entity, label in names.items()}


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def selected_processes(
    regions: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    mechanisms: tuple[str, ...] = (),
    headings: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """The process_ids the shared filters leave; an empty filter does not restrict.

    regions: M49 regions or sub-regions; a mechanism is in scope when a member, observer,
    partner or named participant lies there, or when it has no country list at all
    (without_country_list). headings: the overview's own headings (processes.region)."""
    p = table("processes")
    keep = pd.Series(True, index=p.index)
    if regions:
        reach = set(processes_reaching(countries_in(regions))) | set(without_country_list())
        keep &= p.process_id.isin(reach)
    if headings:
        keep &= p.region.isin(headings)
    if kinds:
        keep &= p.kind.isin(kinds)
    if themes:
        tagged = themes_of("process")
        keep &= p.process_id.isin(tagged.loc[tagged.theme_id.isin(themes), "entity_id"])
    if mechanisms:
        keep &= p.process_id.isin(mechanisms)
    return tuple(p.loc[keep, "process_id"])


# ---------------------------------------------------------------- overview


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def meetings_per_month(
    process_ids: tuple[str, ...] | None = None, themes: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Meetings by start month (year and month), of the given mechanisms (None: all) and
    themes (a meeting's own or its mechanism's: filter_meetings); meetings known only to a
    quarter, half-year or not at all are counted as "Undated or wider", after the months.
    Columns: month (sort key "YYYY-MM"), dated, meetings, month_label ("Mar", or "Mar 2017"
    when the months span more than one year)."""
    picked = filter_meetings(meetings_long(), process_ids, themes).meeting_id
    m = table("meetings")
    m = m[m.meeting_id.isin(picked)]
    start = pd.to_datetime(
        m.start_date.where(m.date_precision.isin(["day", "month"])), errors="coerce"
    )
    m = m.assign(
        month=start.dt.strftime("%Y-%m").fillna(UNDATED_MONTH),
        dated=m.date_precision.map(
            lambda p: (
                "exact day"
                if p == "day"
                else "month only"
                if p == "month"
                else "quarter, half-year or TBC"
            )
        ),
    )
    out = m.groupby(["month", "dated"]).size().rename("meetings").reset_index()
    months = pd.to_datetime(
        out.month.where(out.month != UNDATED_MONTH), format="%Y-%m", errors="coerce"
    )
    several = months.dt.year.nunique() > 1
    out["month_label"] = months.dt.strftime("%b %Y" if several else "%b").fillna("Undated or wider")
    return out.sort_values("month").reset_index(drop=True)


UNDATED_MONTH = "9999-99"  # sorts after every month


# ---------------------------------------------------------------- membership


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def membership_long(
    process_ids: tuple[str, ...], roles: tuple[str, ...], countries: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One row per (mechanism, country, role) among process_ids and roles (and `countries`,
    ISO3; None: any), with names."""
    m = table("memberships")
    m = m[m.process_id.isin(process_ids) & m.role.isin(roles)]
    if countries is not None:
        m = m[m.iso3.isin(countries)]
    labels = process_labels()
    names = country_names()
    out = m.assign(mechanism=m.process_id.map(labels), country=m.iso3.map(names))
    return (
        out[["mechanism", "country", "role", "note", "process_id", "iso3"]]
        .sort_values(["mechanism", "country"])
        .reset_index(drop=True)
    )


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def membership_by_country(
    process_ids: tuple[str, ...], roles: tuple[str, ...], countries: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Per country: role (its strongest role in the picked mechanisms), mechanisms (how many),
    and detail ("Member: A, B; Observer: C"); one row per country (of `countries`, ISO3;
    None: any) that has any of `roles`."""
    long = membership_long(process_ids, roles, countries)
    if long.empty:
        return pd.DataFrame(columns=["iso3", "country", "role", "mechanisms", "detail"])
    rank = {r: i for i, r in enumerate(ROLE_ORDER)}
    rows = []
    for iso3, group in long.groupby("iso3", sort=False):
        parts = []
        for role in sorted(set(group.role), key=lambda r: rank.get(r, len(rank))):
            names = sorted(group.loc[group.role == role, "mechanism"])
            parts.append(f"{ROLE_LABELS[role]}: {', '.join(names)}")
        rows.append(
            {
                "iso3": iso3,
                "country": group.country.iloc[0],
                "role": min(group.role, key=lambda r: rank.get(r, len(rank))),
                "mechanisms": group.process_id.nunique(),
                "detail": "; ".join(parts),
            }
        )
    return pd.DataFrame(rows).sort_values("country").reset_index(drop=True)


RANKED_TOP = 20  # ranks a ranked bar chart shows (ties at the last rank included)
RANKED_MOST = 30  # bars at most: ties that would pass it are cut at the rank above


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def countries_ranked(
    process_ids: tuple[str, ...], roles: tuple[str, ...], countries: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """The countries (of `countries`; None: any) by how many of the mechanisms they hold one
    of `roles` in, most first, then by name: rank (1 for the most; ties share a rank), country,
    iso3, region (M49), mechanisms and detail ("Member: A, B; Observer: C")."""
    by_country = membership_by_country(process_ids, roles, countries)
    if by_country.empty:
        return pd.DataFrame(columns=["rank", "country", "iso3", "region", "mechanisms", "detail"])
    out = by_country.sort_values(["mechanisms", "country"], ascending=[False, True])
    out = out.assign(
        rank=out.mechanisms.rank(method="min", ascending=False).astype(int),
        region=out.iso3.map(table("countries").set_index("iso3").region),
    )
    return out[["rank", "country", "iso3", "region", "mechanisms", "detail"]].reset_index(drop=True)


def top_ranks(ranked: pd.DataFrame) -> pd.DataFrame:
    """The first RANKED_TOP ranks of a ranked table, ties at the last one included, but no
    more than RANKED_MOST rows (a tie that would pass it is left out whole)."""
    top = ranked[ranked["rank"] <= RANKED_TOP]
    while len(top) > RANKED_MOST:
        top = top[top["rank"] < top["rank"].max()]
    return top


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def shared_members(
    process_ids: tuple[str, ...],
    roles: tuple[str, ...] = ("member",),
    countries: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Square table: how many countries (of `countries`; None: any) each pair of mechanisms
    shares (diagonal: own size)."""
    long = membership_long(process_ids, roles, countries)
    if long.empty:
        return pd.DataFrame()
    incidence = pd.crosstab(long.mechanism, long.iso3).clip(upper=1)
    return incidence @ incidence.T


class Totals(TypedDict):
    """A mechanism's totals: see totals()."""

    stated: int | None
    countries: int
    organisations: int
    named: list[str]


def totals(process_id: str) -> Totals:
    """A mechanism's totals side by side: stated (the "Total: N" the overview gives, None when
    it gives none), listed member countries and bodies, and the countries it names outside its
    lists (chair, steering committee, …) with their names."""
    m = table("memberships")
    mine = m[m.process_id == process_id]
    named = sorted({country_names()[c] for c in mine.loc[mine.role.isin(NAMED_ROLES), "iso3"]})
    o = table("process_organisations")
    checks = table("count_checks").set_index("process_id")
    stated = checks.stated_total.get(process_id)
    return {
        "stated": None if stated is None else int(stated),
        "countries": int(mine.loc[mine.role == "member", "iso3"].nunique()),
        "organisations": int(((o.process_id == process_id) & (o.role == "member")).sum()),
        "named": named,
    }


# ---------------------------------------------------------------- meetings


def source_key(file: str) -> str:
    """The registry key of the source that reads `file` ("calendar", "rcm", …); "" for none."""
    return next((s.key for s in registry.sources() if s.matches(file)), "")


@st.cache_data(show_spinner=False)
def meeting_documents() -> pd.DataFrame:
    """Per meeting_id: source_keys (the documents that describe it, as registry keys in the
    vocabulary's order: the calendar, the RCM or Bali report, the overview), listed_in (their
    labels, "ISCM calendar; Bali Process report") and read_from (the label of the document its
    row is read from)."""
    described = table("meeting_sources")
    keys = described.assign(key=described.source.map(source_key))
    order = vocabulary.rank(vocabulary.MEETING_SOURCES)
    # pandas-stubs types agg's function as returning a scalar; pandas keeps the tuples.
    grouped = keys.groupby("meeting_id").key.agg(  # type: ignore[type-var]
        lambda k: tuple(sorted(set(k), key=lambda key: order.get(key, len(order))))
    )
    own = table("meetings").set_index("meeting_id").source.map(source_key)
    labels = palette.MEETING_SOURCE_LABELS
    return pd.DataFrame(
        {
            "source_keys": grouped,
            "listed_in": grouped.map(lambda k: "; ".join(labels.get(key, key) for key in k)),
            "read_from": own.map(lambda key: labels.get(key, key)),
        }
    ).rename_axis("meeting_id")


@st.cache_data(show_spinner=False)
def meetings_long() -> pd.DataFrame:
    """One row per (meeting, mechanism) with the mechanism's region (the overview heading) and
    kind, the meeting's themes ("Labour migration (via mechanism); Trafficking in persons": its
    own text's, then its mechanisms'), first_theme (the first of them, "No theme" when none),
    host country, the window the date allows (start, end; empty when unknown) and the
    documents that describe it (meeting_documents)."""
    m = table("meetings")
    links = table("meeting_processes")
    p = table("processes")[["process_id", "short_name", "region", "kind"]]
    out = m.merge(links, on="meeting_id", how="left").merge(p, on="process_id", how="left")
    out["process_id"] = out.process_id.fillna("")
    out["mechanism"] = out.short_name.fillna(ALL_ISCMS)
    out["region"] = out.region.fillna("All regions")
    out["kind"] = out.kind.fillna("")
    themes = meeting_themes()
    labels = theme_labels()
    # The meeting's own themes first, then those through its mechanisms, each by label.
    ordered = themes.assign(
        label=themes.theme_id.map(labels), own=themes.via.ne(OWN_TEXT)
    ).sort_values(["meeting_id", "own", "label"])
    ordered["shown"] = ordered.label.where(
        ordered.via == OWN_TEXT, ordered.label + " (via mechanism)"
    )
    grouped = ordered.groupby("meeting_id")
    out["themes"] = out.meeting_id.map(grouped.shown.agg("; ".join)).fillna("")
    out["first_theme"] = out.meeting_id.map(grouped.label.first()).fillna("No theme")
    out["host"] = out.iso3.map(country_names()).fillna("")
    out["start"] = pd.to_datetime(out.start_date.replace("", None))
    out["end"] = pd.to_datetime(out.end_date.replace("", None))
    out["date_known"] = out.date_precision.map(DATE_KNOWN)
    documents = meeting_documents()
    out = out.join(documents, on="meeting_id")
    out["source_keys"] = out.source_keys.apply(lambda k: k if isinstance(k, tuple) else ())
    out[["listed_in", "read_from"]] = out[["listed_in", "read_from"]].fillna("")
    return out.drop(columns=["short_name"])


DATE_KNOWN = palette.DATE_KNOWN
OWN_TEXT = "own text"
VIA_MECHANISM = "via mechanism"


@st.cache_data(show_spinner=False)
def meeting_themes() -> pd.DataFrame:
    """The themes each meeting is about, one row per (meeting_id, theme_id): via is OWN_TEXT
    when a theme rule matched the meeting's own text, else VIA_MECHANISM when one of its
    mechanisms carries the theme; mechanisms names those mechanisms ("" for its own text).
    A meeting for all ISCMs has only its own text's themes."""
    own = (
        themes_of("meeting")[["entity_id", "theme_id"]]
        .rename(columns={"entity_id": "meeting_id"})
        .drop_duplicates()
    )
    links = table("meeting_processes")
    tagged = themes_of("process")[["entity_id", "theme_id"]].rename(
        columns={"entity_id": "process_id"}
    )
    through = links.merge(tagged, on="process_id")
    through = through.assign(mechanism=through.process_id.map(process_labels()))
    through = (
        through.groupby(["meeting_id", "theme_id"], sort=False)
        .mechanism.agg(lambda s: ", ".join(dict.fromkeys(s)))
        .rename("mechanisms")
        .reset_index()
    )
    out = pd.concat(
        [own.assign(via=OWN_TEXT, mechanisms=""), through.assign(via=VIA_MECHANISM)],
        ignore_index=True,
    )
    return (
        out.drop_duplicates(["meeting_id", "theme_id"])
        .sort_values(["meeting_id", "theme_id"])
        .reset_index(drop=True)
    )


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def theme_reasons(themes: tuple[str, ...]) -> dict[str, str]:
    """meeting_id -> why the meeting is about one of `themes`: "own text" when its own text
    matched one of them, else "via mechanism: Abu Dhabi Dialogue (Labour migration)". Only
    the meetings about one of `themes`."""
    picked = meeting_themes()
    picked = picked[picked.theme_id.isin(themes)]
    labels = theme_labels()
    reasons: dict[str, str] = {}
    for meeting_id, rows in picked.groupby("meeting_id"):
        if rows.via.eq(OWN_TEXT).any():
            reasons[str(meeting_id)] = OWN_TEXT
        else:
            reasons[str(meeting_id)] = f"{VIA_MECHANISM}: " + "; ".join(
                f"{r.mechanisms} ({labels[cell_text(r.theme_id)]})" for r in rows.itertuples()
            )
    return reasons


def calendar_years() -> tuple[int, ...]:
    """The years the calendars in the data name, oldest first (() when none names one, or
    the meetings table is not built)."""
    # Not cached while the table is missing: the menu asks before the app says "run the
    # build", and the answer must change once the build has run.
    if not (PROCESSED / "meetings.csv").exists():
        return ()
    return _calendar_years()


@st.cache_data(show_spinner=False)
def _calendar_years() -> tuple[int, ...]:
    return tuple(sorted(int(y) for y in table("meetings").calendar_year.dropna().unique()))


def years_text(years: tuple[int, ...] | list[int]) -> str:
    """Years in words: "2017", "2017–2018" (consecutive), "2015, 2017 and 2018"; "" for none."""
    years = sorted(set(years))
    if not years:
        return ""
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def meetings_title(years: tuple[int, ...] | None = None) -> str:
    """ "2017 meetings", "2017–2018 meetings", … for the given years (default: every calendar's);
    "Meetings" when no calendar names a year."""
    text = years_text(calendar_years() if years is None else years)
    return f"{text} meetings" if text else "Meetings"


def no_meeting_words(what: str) -> str:
    """ "Neither the 2017 calendar nor the other documents list a 2017 meeting <what>." (the
    calendars' years)."""
    years = calendar_years()
    meeting = " ".join(filter(None, [years_text(years), "meeting"]))
    return f"Neither {calendar_words(years)} nor the other documents list a {meeting} {what}."


def calendar_words(years: tuple[int, ...] | None = None) -> str:
    """ "the 2017 calendar", "the 2017–2018 calendars", or "the calendar" when no year is known."""
    years = calendar_years() if years is None else years
    text = years_text(years)
    return f"the {text} calendar{'s' if len(years) > 1 else ''}" if text else "the calendar"


def filter_meetings(
    long: pd.DataFrame,
    process_ids: tuple[str, ...] | None,
    themes: tuple[str, ...] = (),
    months: tuple[int, int] = (1, 12),
    hosts: tuple[str, ...] = (),
    tentative: str = "all",
    years: tuple[int, ...] = (),
    sources: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Rows of meetings_long that pass the filters.

    process_ids None keeps every mechanism; meetings for all ISCMs pass any mechanism filter.
    themes keeps the meetings about one of them: by their own text or through one of their
    mechanisms (meeting_themes).
    years keeps the meetings of those years' calendars (empty: every calendar). months keeps
    meetings whose date window overlaps those months in any year; undated ones always pass
    (they are listed apart, never dropped). tentative: "all", "confirmed" or "tentative".
    sources keeps the meetings any of those documents describes (registry keys; empty: all).
    """
    keep = pd.Series(True, index=long.index)
    if process_ids is not None:
        keep &= long.process_id.isin(process_ids) | long.for_all_mechanisms
    if themes:
        keep &= long.meeting_id.isin(list(theme_reasons(tuple(themes))))
    if years:
        keep &= long.calendar_year.isin(years)
    if months != (1, 12):
        keep &= ~long.start.notna() | _overlaps_months(long.start, long.end, months)
    if hosts:
        keep &= long.iso3.isin(hosts)
    if tentative == "confirmed":
        keep &= ~long.tentative
    elif tentative == "tentative":
        keep &= long.tentative
    if sources:
        keep &= long.source_keys.apply(lambda keys: bool(set(keys) & set(sources)))
    return long[keep]


def _overlaps_months(start: pd.Series, end: pd.Series, months: tuple[int, int]) -> pd.Series:
    """True where a window from start to end takes in a month between months[0] and
    months[1] (1–12) of any year."""
    lo, hi = months
    first = start.dt.year * 12 + start.dt.month - 1
    last = end.dt.year * 12 + end.dt.month - 1

    def any_month(a: float, b: float) -> bool:
        if pd.isna(a) or pd.isna(b):  # no date
            return False
        return any(lo <= k % 12 + 1 <= hi for k in range(int(a), min(int(b), int(a) + 11) + 1))

    return pd.Series(
        [any_month(a, b) for a, b in zip(first, last, strict=True)], index=start.index, dtype=bool
    )


def one_row_per_meeting(long: pd.DataFrame) -> pd.DataFrame:
    """Collapse (meeting, mechanism) rows to one row per meeting with its mechanisms joined."""
    if long.empty:
        return long.assign(mechanisms="")
    mechanisms = long.groupby("meeting_id").mechanism.agg(lambda s: ", ".join(dict.fromkeys(s)))
    first = long.drop_duplicates("meeting_id").set_index("meeting_id")
    first["mechanisms"] = mechanisms
    return first.reset_index().sort_values(["start", "meeting_id"], na_position="last")


def mechanisms_ranked(rows: pd.DataFrame) -> pd.DataFrame:
    """The mechanisms of (meeting, mechanism) rows (filter_meetings) by how many of the
    meetings they hold, most first, then by name: rank (ties share one), mechanism,
    process_id, meetings. Meetings for all ISCMs belong to no single mechanism and are not
    counted."""
    own = rows[rows.process_id.ne("")]
    if own.empty:
        return pd.DataFrame(columns=["rank", "mechanism", "process_id", "meetings"])
    out = (
        own.groupby(["process_id", "mechanism"])
        .meeting_id.nunique()
        .rename("meetings")
        .reset_index()
        .sort_values(["meetings", "mechanism"], ascending=[False, True])
    )
    out["rank"] = out.meetings.rank(method="min", ascending=False).astype(int)
    return out[["rank", "mechanism", "process_id", "meetings"]].reset_index(drop=True)


def _counts(sizes: pd.Series) -> dict[str, int]:
    """A groupby size as key -> count."""
    return {str(key): int(size) for key, size in sizes.items()}


@st.cache_data(show_spinner=False)
def meeting_hosts() -> dict[str, int]:
    """iso3 -> how many meetings (of every calendar's years, whatever document describes them)
    it hosts."""
    m = table("meetings")
    return _counts(m.loc[m.iso3 != ""].groupby("iso3").size())


# ---------------------------------------------------------------- past events

HOVER_TITLE = 70  # characters of an event title shown in a map hover


@st.cache_data(show_spinner=False)
def past_events(process_id: str) -> pd.DataFrame:
    """One mechanism's past events (process_events rows) in date order: by year, then month,
    then first day, the source's order on ties; an event known only to its year comes first
    in its year. Adds country (the host's name, "" when unknown), place ("City, Country", the
    country alone, or "" when the source names none: its note says so), place_in_title (the
    title already names the city, or the country when there is no city), label ("date as
    written: title", cut for hovers) and meeting_id (the meeting of meetings.csv the event is,
    for an event of a calendar's year; "" otherwise)."""
    events = table("process_events")
    events = events[events.process_id == process_id]
    country = events.iso3.map(country_names()).fillna("")
    place = [", ".join(filter(None, [c, n])) for c, n in zip(events.city, country, strict=True)]
    named = [
        bool(where) and where.casefold() in title.casefold()
        for where, title in zip(
            events.city.where(events.city != "", country), events.title, strict=True
        )
    ]
    short = events.title.map(
        lambda t: t if len(t) <= HOVER_TITLE else t[: HOVER_TITLE - 1].rstrip() + "…"
    )
    described = table("meeting_sources")
    overview = described[described.source == registry.OVERVIEW_FILE]
    meeting_of = {
        (int(n), d, t): m
        for n, d, t, m in zip(
            overview.source_line,
            overview.date_text,
            overview.title,
            overview.meeting_id,
            strict=True,
        )
    }
    meeting = [
        meeting_of.get((int(n), d, t), "")
        for n, d, t in zip(events.source_line, events.date_text, events.title, strict=True)
    ]
    out = events.assign(
        country=country,
        place=place,
        place_in_title=named,
        label=events.date_text + ": " + short,
        meeting_id=meeting,
    )
    return out.sort_values(
        ["year", "month", "start_date"], na_position="first", kind="stable"
    ).reset_index(drop=True)


@st.cache_data(show_spinner=False)
def other_year_report_meetings(process_id: str) -> pd.DataFrame:
    """The meetings of one mechanism the reports describe in years no calendar covers (rows of
    report_meetings, so not in meetings.csv), oldest first, with document (the report's
    label) and place ("City, Country", the venue, or "")."""
    found = table("report_meetings")
    found = found[found.process_ids.str.split().apply(lambda ids: process_id in ids)]
    found = found[~found.report_meeting_id.isin(table("meeting_sources").described_id)]
    country = found.iso3.map(country_names()).fillna("")
    place = [
        ", ".join(filter(None, [c or v, n]))
        for c, v, n in zip(found.city, found.venue, country, strict=True)
    ]
    labels = palette.MEETING_SOURCE_LABELS
    return (
        found.assign(document=found.source.map(lambda f: labels.get(source_key(f), f)), place=place)
        .sort_values("start_date", kind="stable")
        .reset_index(drop=True)
    )


EVENT_BANDS = ["1 event", "2–3 events", "4 or more events"]


@st.cache_data(show_spinner=False)
def past_event_hosts(process_id: str) -> pd.DataFrame:
    """Per country where the mechanism's past events were held: iso3, country, events (how
    many), band (one of EVENT_BANDS) and detail ("2 events: date: title; …", oldest first).
    Events with no country in the source, and events that are meetings of meetings.csv (shown
    with the calendars' meetings), are not counted."""
    events = past_events(process_id)
    points = points_by_country(events[events.meeting_id == ""], "iso3", "label", "event")
    band = pd.cut(points["count"], [0, 1, 3, float("inf")], labels=EVENT_BANDS)
    return points.assign(events=points["count"], band=band.astype(str))[
        ["iso3", "country", "events", "band", "detail"]
    ]


# ---------------------------------------------------------------- USCIS engagements


@st.cache_data(show_spinner=False)
def engagement_places() -> dict[str, int]:
    """iso3 -> how many USCIS engagements meet there."""
    return _counts(table("engagement_countries").groupby("iso3").size())


@st.cache_data(show_spinner=False)
def engagements_wide() -> pd.DataFrame:
    """One row per engagement with its roles, countries, partners, mechanisms and themes
    joined as text, and the same as tuples for filtering (partner_codes: the countries
    taking part, themselves or through an agency)."""
    e = table("engagements")
    names = country_names()
    labels = process_labels()

    def joined(name: str, column: str, mapping: dict[str, str] | None = None) -> pd.Series:
        t = table(name)
        values = t[column].map(mapping) if mapping else t[column]
        t = t.assign(value=values.where(values.astype(bool), None))
        return t.dropna(subset=["value"]).groupby("engagement_id").value.agg(tuple)

    partners = table("engagement_partners")
    # An agency is shown by its own name; its country still counts in partner_codes.
    partner_names = partners.organisation.where(
        partners.organisation != "", partners.iso3.map(names)
    )
    partner_tuple = partners.assign(value=partner_names).groupby("engagement_id").value.agg(tuple)
    out = e.set_index("engagement_id")
    out["roles"] = joined("engagement_roles", "role")
    out["country_codes"] = joined("engagement_countries", "iso3")
    out["partners"] = partner_tuple
    out["partner_codes"] = joined("engagement_partners", "iso3")
    out["process_ids"] = joined("engagement_processes", "process_id")
    tagged = themes_of("engagement").groupby("entity_id").theme_id.agg(tuple)
    out["theme_ids"] = tagged
    for column in [
        "roles",
        "country_codes",
        "partners",
        "partner_codes",
        "process_ids",
        "theme_ids",
    ]:
        out[column] = out[column].apply(lambda v: v if isinstance(v, tuple) else ())
    out["countries"] = out.country_codes.apply(lambda v: ", ".join(names.get(c, c) for c in v))
    out["mechanisms"] = out.process_ids.apply(lambda v: ", ".join(labels[p] for p in v))
    out["themes"] = out.theme_ids.apply(lambda v: ", ".join(theme_labels()[t] for t in v))
    out["staffing_roles"] = out.roles.apply(", ".join)
    out["with"] = out.partners.apply(", ".join)
    return out.reset_index()


def filter_engagements(
    wide: pd.DataFrame,
    offices: tuple[str, ...] = (),
    roles: tuple[str, ...] = (),
    levels: tuple[str, ...] = (),
    frequencies: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    mechanisms: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Engagements passing every non-empty filter (a row passes a list filter when it has any
    of the picked values)."""
    keep = pd.Series(True, index=wide.index)

    def any_of(column: str, picked: tuple[str, ...]) -> pd.Series:
        return wide[column].apply(lambda values: bool(set(values) & set(picked)))

    if offices:
        keep &= wide.office.isin(offices)
    if levels:
        keep &= wide.staffing_level.isin(levels)
    if frequencies:
        keep &= wide.frequency.isin(frequencies)
    for column, picked in (
        ("roles", roles),
        ("country_codes", countries),
        ("theme_ids", themes),
        ("process_ids", mechanisms),
    ):
        if picked:
            keep &= any_of(column, picked)
    return wide[keep]


# ---------------------------------------------------------------- the RCM report


def _role_list(roles: pd.Series) -> str:
    rank = {r: i for i, r in enumerate(REPORT_ROLE_ORDER)}
    return ", ".join(sorted(set(roles), key=lambda r: rank.get(r, len(rank))))


@st.cache_data(show_spinner=False)
def report_countries() -> pd.DataFrame:
    """One row per country in the RCM report: iso3, country, role (its first capacity in
    REPORT_ROLE_ORDER) and detail (every capacity the report states, e.g. "Member attending,
    host")."""
    p = table("report_participants")
    p = p[p.iso3 != ""]
    rank = {r: i for i, r in enumerate(REPORT_ROLE_ORDER)}
    out = (
        p.groupby("iso3", sort=False)
        .role.agg(role=lambda s: min(s, key=lambda r: rank.get(r, len(rank))), detail=_role_list)
        .reset_index()
    )
    out["detail"] = out.detail.str.capitalize()
    out["country"] = out.iso3.map(country_names())
    return out


@st.cache_data(show_spinner=False)
def report_others() -> list[str]:
    """The report's organisations and people, each once with its capacities:
    "OAS (funder, presenter)"."""
    p = table("report_participants")
    p = p.assign(who=p.organisation.where(p.organisation != "", p.person))
    p = p[p.who != ""]
    return [f"{who} ({_role_list(group.role)})" for who, group in p.groupby("who", sort=False)]


# ---------------------------------------------------------------- maps


@st.cache_data(show_spinner=False)
def extra_shapes() -> dict:
    """GeoJSON of the countries plotly's ISO-keyed outlines lack (Kosovo), from data/geo,
    each feature's id set to its ISO3 code."""
    c = table("countries")
    wanted = dict(
        zip(
            c.loc[c.shape_source == "name", "ne_name"],
            c.loc[c.shape_source == "name", "iso3"],
            strict=True,
        )
    )
    outlines = gpd.read_file(OUTLINES, layer="countries")
    picked = outlines[outlines.name.isin(wanted)].copy()
    picked["id"] = picked.name.map(wanted)
    return json.loads(picked[["id", "geometry"]].to_json())


def points_by_country(frame: pd.DataFrame, codes: str, label: str, noun: str) -> pd.DataFrame:
    """Circles for a map of where things happen: one row per country named in frame[codes]
    (an ISO3 code, or a tuple of them; "" for none) with iso3, country, lat, lon, region,
    count, and detail ("3 meetings: A; B; C", "1 meeting: A"; the first four labels)."""
    rows = frame[[codes, label]].explode(codes)
    rows = rows[rows[codes].fillna("").ne("")]
    counted = rows.groupby(codes)[label].agg(
        count="size", labels=lambda s: "; ".join(s.head(4)) + (" …" if len(s) > 4 else "")
    )
    # An empty join loses the index name; naming it keeps the iso3 column for no places too.
    points = (
        map_points().set_index("iso3").join(counted, how="inner").rename_axis("iso3").reset_index()
    )
    points["region"] = points.iso3.map(table("countries").set_index("iso3").region)
    points["detail"] = [
        f"{count(int(n), noun)}: {labels}"
        for n, labels in zip(points["count"], points.labels, strict=True)
    ]
    return points


MAP_COLUMNS = ["lat", "lon", "map_marker", "shape_source", "west", "east", "south", "north"]


def on_map(frame: pd.DataFrame) -> pd.DataFrame:
    """frame (one row per iso3) with what a map needs to draw each country: lat, lon,
    map_marker, shape_source (the columns it has already are kept)."""
    missing = [c for c in MAP_COLUMNS if c not in frame.columns]
    if not missing:
        return frame
    return frame.join(map_points().set_index("iso3")[missing], on="iso3")


def highlight(iso3: str | None) -> tuple[float, float, str] | None:
    """(lat, lon, name) of a country to mark on a map; None for none or an unknown code."""
    points = map_points().set_index("iso3")
    if not iso3 or iso3 not in points.index:
        return None
    return float(points.lat[iso3]), float(points.lon[iso3]), str(points.country[iso3])


@st.cache_data(show_spinner=False)
def map_points() -> pd.DataFrame:
    """iso3, country, lat, lon, map_marker, shape_source, and the extent a zoomed map must
    show (west, east, south, north; see country_extents) for every country in the tables."""
    c = table("countries")
    points = c[["iso3", "name", "lat", "lon", "map_marker", "shape_source", "ne_name"]].rename(
        columns={"name": "country"}
    )
    return (
        points.join(country_extents(), on="ne_name").drop(columns="ne_name").reset_index(drop=True)
    )


# A piece of a country counts towards its extent when it lies within this many degrees of its
# largest piece: Alaska, Svalbard, the Canaries count; French Guiana, Réunion, Hawaii and the
# western Aleutians (overseas, or across the date line from the rest) do not.
NEAR_DEGREES = 20
EQUAL_AREA = "EPSG:6933"


@st.cache_data(show_spinner=False)
def country_extents() -> pd.DataFrame:
    """The extent of each Natural Earth country (data/geo), indexed by its name (ne_name):
    west, east, south, north in degrees over the pieces that count (NEAR_DEGREES). The
    longitudes run eastwards from west to east and east may pass 180 (Russia: 27 to 190), so
    an extent that crosses the date line stays one span."""
    outlines = gpd.read_file(OUTLINES, layer="countries").set_crs("EPSG:4326", allow_override=True)
    pieces = outlines[["name", "geometry"]].explode(index_parts=False).reset_index(drop=True)
    pieces["m2"] = pieces.to_crs(EQUAL_AREA).area
    bounds = pieces.bounds
    rows = []
    for name, group in pieces.groupby("name"):
        box = bounds.loc[group.index].to_numpy()  # minx, miny, maxx, maxy per piece
        big = box[int(np.argmax(group["m2"].to_numpy()))]
        # How far each piece's box lies from the largest piece's box, in plain degrees.
        dx = np.maximum(0, np.maximum(big[0] - box[:, 2], box[:, 0] - big[2]))
        dy = np.maximum(0, np.maximum(big[1] - box[:, 3], box[:, 1] - big[3]))
        near = group.geometry[np.hypot(dx, dy) <= NEAR_DEGREES]
        coords = np.concatenate([np.asarray(g.exterior.coords) for g in near])
        west, east = longitude_span(coords[:, 0])
        rows.append(
            {
                "ne_name": name,
                "west": west,
                "east": east,
                "south": float(coords[:, 1].min()),
                "north": float(coords[:, 1].max()),
            }
        )
    return pd.DataFrame(rows, columns=["ne_name", "west", "east", "south", "north"]).set_index(
        "ne_name"
    )


def longitude_span(longitudes: np.ndarray) -> tuple[float, float]:
    """(west, east) of the shortest eastward span holding every longitude: the circle minus
    its widest gap between neighbouring longitudes (180 and -180 are one meridian); east may
    pass 180."""
    values = np.unique(np.where(longitudes >= 180, longitudes - 360, longitudes))
    gaps = np.diff(np.append(values, values[0] + 360))
    widest = int(np.argmax(gaps))
    west = float(values[(widest + 1) % len(values)])
    east = float(values[widest])
    return west, east if east >= west else east + 360


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV without the index, cached on the rows (a view's table is made
    once, not on every rerun)."""
    return frame.to_csv(index=False).encode("utf-8")


@st.cache_data(show_spinner=False)
def workbook() -> bytes:
    """Every table in one Excel workbook, built once."""
    return exports.workbook({name: table(name) for name in table_names()})


# ---------------------------------------------------------------- provenance


@st.cache_data(show_spinner=False)
def raw_lines(file: str) -> tuple[str, ...]:
    """The lines of one source document in data/raw, read once per server process; () when
    `file` is not the name of a file there (no path outside data/raw is ever opened)."""
    names = {p.name for p in RAW.iterdir() if p.is_file()}
    if file not in names:
        return ()
    text = (RAW / file).read_bytes().decode("utf-8-sig", errors="replace")
    return tuple(text.replace("\r\n", "\n").split("\n"))


def source_lines(file: str, lines: tuple[int, ...]) -> list[tuple[int, str]]:
    """(line number, text as written) for each of `lines` (1-based) that data/raw/`file` has,
    in the order asked, each once."""
    text = raw_lines(file)
    return [(n, text[n - 1]) for n in dict.fromkeys(lines) if 1 <= n <= len(text)]


def row_provenance(
    table_name: str, row: pd.Series | Mapping[str, object]
) -> tuple[str, tuple[int, ...]] | None:
    """(source file, line numbers) one processed row was read from, or None when its table keeps
    no line. The file is the row's own where its table names one (registry.file_column: the
    meetings' and meeting_sources' `source`; rejects' source), else the one file its source in
    the registry reads; the lines are source_lines ("206 208") or source_line (or rejects'
    line)."""
    known = table_name in registry.schemas()
    column = registry.file_column(table_name) if known else ""
    if table_name == "rejects":
        file, raw = str(row.get("source") or ""), row.get("line")
    else:
        file = (
            str(row.get(column) or "")
            if column
            else registry.table_file(table_name)
            if known
            else ""
        )
        raw = row.get("source_lines") or row.get("source_line")
    numbers = tuple(
        int(n) for n in str(raw if raw is not None else "").replace(";", " ").split() if n.isdigit()
    )
    if not file or not numbers:
        return None
    return file, numbers
