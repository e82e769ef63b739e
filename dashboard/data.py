"""Cached access to data/processed and the queries the pages draw from.

Every table is read once per server process; each query is cached on its (hashable) arguments,
so a rerun after a filter change does no merge work it has done before. Pages call these and
only filter and draw.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from dashboard import exports

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
OUTLINES = ROOT / "data" / "geo" / "countries-50m.json"
BOOLEAN_COLUMNS = {"tentative", "for_all_mechanisms", "open_to_all", "worldwide", "map_marker"}
NUMERIC_COLUMNS = {"lat", "lon", "area_km2", "meetings_per_year", "staffing_tier", "year"}
ROLE_ORDER = ["member", "observer", "partner", "guest", "suspended"]
ALL_ISCMS = "All ISCMs"
# A query keeps the results of its most recent argument sets (filter combinations), so memory
# stays bounded however many combinations users try; an entry is at most about 100 kB.
QUERY_CACHE_ENTRIES = 256
TABLES = ["processes", "memberships", "process_organisations", "process_aliases",
          "process_events", "countries", "meetings", "meeting_processes", "engagements",
          "engagement_countries", "engagement_partners", "engagement_roles",
          "engagement_processes", "acronyms", "themes", "theme_links", "action_items",
          "reports", "report_participants", "report_items", "count_checks", "rejects"]


def missing_tables() -> list[str]:
    """The processed tables that are not on disk (the build has not run, or failed)."""
    return [name for name in TABLES if not (PROCESSED / f"{name}.csv").exists()]


@st.cache_data(show_spinner=False)
def table(name: str) -> pd.DataFrame:
    """One processed table; text stays text ("" for empty), booleans and numbers are typed."""
    frame = pd.read_csv(PROCESSED / f"{name}.csv", dtype=str, keep_default_na=False)
    for column in BOOLEAN_COLUMNS & set(frame.columns):
        frame[column] = frame[column].eq("true")
    if name != "process_events":  # its "year" stays as written next to date_text
        for column in NUMERIC_COLUMNS & set(frame.columns):
            frame[column] = pd.to_numeric(frame[column].replace("", None))
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
def regions() -> list[str]:
    """The overview's mechanism regions, in its order."""
    return list(dict.fromkeys(table("processes").region))


def themes_of(entity_type: str) -> pd.DataFrame:
    """theme_links rows for one entity type (entity_id, theme_id, matched, evidence)."""
    links = table("theme_links")
    return links[links.entity_type == entity_type]


@st.cache_data(show_spinner=False)
def theme_names_by_entity(entity_type: str) -> dict[str, str]:
    """entity_id -> "Theme A, Theme B" for one entity type."""
    labels = theme_labels()
    links = themes_of(entity_type)
    return (links.assign(label=links.theme_id.map(labels)).groupby("entity_id").label
            .agg(lambda s: ", ".join(sorted(set(s)))).to_dict())


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def selected_processes(regions: tuple[str, ...] = (), kinds: tuple[str, ...] = (),
                       themes: tuple[str, ...] = (), mechanisms: tuple[str, ...] = ()
                       ) -> tuple[str, ...]:
    """The process_ids the shared filters leave; an empty filter does not restrict."""
    p = table("processes")
    keep = pd.Series(True, index=p.index)
    if regions:
        keep &= p.region.isin(regions)
    if kinds:
        keep &= p.kind.isin(kinds)
    if themes:
        tagged = themes_of("process")
        keep &= p.process_id.isin(tagged.loc[tagged.theme_id.isin(themes), "entity_id"])
    if mechanisms:
        keep &= p.process_id.isin(mechanisms)
    return tuple(p.loc[keep, "process_id"])


# ---------------------------------------------------------------- overview


@st.cache_data(show_spinner=False)
def headline_figures() -> dict[str, int]:
    """The overview's headline numbers."""
    return {
        "Mechanisms": len(table("processes")),
        "Countries and territories": table("memberships").iso3.nunique(),
        "2017 meetings": len(table("meetings")),
        "USCIS engagements": len(table("engagements")),
    }


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def meetings_per_month(process_ids: tuple[str, ...] | None = None,
                       themes: tuple[str, ...] = ()) -> pd.DataFrame:
    """2017 meetings by start month, of the given mechanisms (None: all) and themes; meetings
    without a month are counted as "Undated or wider"."""
    picked = filter_meetings(meetings_long(), process_ids, themes).meeting_id
    m = table("meetings")
    m = m[m.meeting_id.isin(picked)]
    month = pd.to_datetime(m.start_date.where(m.date_precision.isin(["day", "month"])),
                           errors="coerce").dt.strftime("%m %b")
    m = m.assign(month=month.fillna("13 Undated or wider"),
                 dated=m.date_precision.map(lambda p: "exact day" if p == "day"
                                            else "month only" if p == "month"
                                            else "quarter, half-year or TBC"))
    out = m.groupby(["month", "dated"]).size().rename("meetings").reset_index()
    out["month_label"] = out.month.str[3:]
    return out.sort_values("month")


# ---------------------------------------------------------------- membership


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def membership_long(process_ids: tuple[str, ...], roles: tuple[str, ...]) -> pd.DataFrame:
    """One row per (mechanism, country, role) among process_ids and roles, with names."""
    m = table("memberships")
    m = m[m.process_id.isin(process_ids) & m.role.isin(roles)]
    labels = process_labels()
    names = country_names()
    out = m.assign(mechanism=m.process_id.map(labels), country=m.iso3.map(names))
    return out[["mechanism", "country", "role", "note", "process_id", "iso3"]].sort_values(
        ["mechanism", "country"]).reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def membership_by_country(process_ids: tuple[str, ...], roles: tuple[str, ...]) -> pd.DataFrame:
    """Per country: role (its strongest role in the picked mechanisms), mechanisms (how many),
    and detail ("Member: A, B; Observer: C"); one row per country that has any of `roles`."""
    long = membership_long(process_ids, roles)
    if long.empty:
        return pd.DataFrame(columns=["iso3", "country", "role", "mechanisms", "detail"])
    rank = {r: i for i, r in enumerate(ROLE_ORDER)}
    rows = []
    for iso3, group in long.groupby("iso3", sort=False):
        parts = []
        for role in sorted(set(group.role), key=rank.get):
            names = sorted(group.loc[group.role == role, "mechanism"])
            parts.append(f"{role.capitalize()}: {', '.join(names)}")
        rows.append({"iso3": iso3, "country": group.country.iloc[0],
                     "role": min(group.role, key=rank.get),
                     "mechanisms": group.process_id.nunique(), "detail": "; ".join(parts)})
    return pd.DataFrame(rows).sort_values("country").reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def shared_members(process_ids: tuple[str, ...], roles: tuple[str, ...] = ("member",)
                   ) -> pd.DataFrame:
    """Square table: how many countries each pair of mechanisms shares (diagonal: own size)."""
    long = membership_long(process_ids, roles)
    if long.empty:
        return pd.DataFrame()
    incidence = pd.crosstab(long.mechanism, long.iso3).clip(upper=1)
    return incidence @ incidence.T


# ---------------------------------------------------------------- meetings


@st.cache_data(show_spinner=False)
def meetings_long() -> pd.DataFrame:
    """One row per (meeting, mechanism) with the mechanism's region and kind, the meeting's
    themes, host country and the window the date allows (start, end; empty when unknown)."""
    m = table("meetings")
    links = table("meeting_processes")
    p = table("processes")[["process_id", "short_name", "region", "kind"]]
    out = m.merge(links, on="meeting_id", how="left").merge(p, on="process_id", how="left")
    out["process_id"] = out.process_id.fillna("")
    out["mechanism"] = out.short_name.fillna(ALL_ISCMS)
    out["region"] = out.region.fillna("All regions")
    out["kind"] = out.kind.fillna("")
    themes = theme_names_by_entity("meeting")
    out["themes"] = out.meeting_id.map(themes).fillna("")
    out["first_theme"] = out.themes.str.split(", ").str[0].replace("", "No theme")
    out["host"] = out.iso3.map(country_names()).fillna("")
    out["start"] = pd.to_datetime(out.start_date.replace("", None))
    out["end"] = pd.to_datetime(out.end_date.replace("", None))
    out["date_known"] = out.date_precision.map(DATE_KNOWN).fillna("date to be confirmed")
    return out.drop(columns=["short_name"])


DATE_KNOWN = {"day": "exact dates", "month": "month only", "quarter": "quarter only",
              "half": "half-year only", "year": "year only"}


def filter_meetings(long: pd.DataFrame, process_ids: tuple[str, ...] | None,
                    themes: tuple[str, ...] = (), months: tuple[int, int] = (1, 12),
                    hosts: tuple[str, ...] = (), tentative: str = "all") -> pd.DataFrame:
    """Rows of meetings_long that pass the filters.

    process_ids None keeps every mechanism; meetings for all ISCMs pass any mechanism filter.
    months keeps meetings whose date window overlaps those months; undated ones always pass
    (they are listed apart, never dropped). tentative: "all", "confirmed" or "tentative".
    """
    keep = pd.Series(True, index=long.index)
    if process_ids is not None:
        keep &= long.process_id.isin(process_ids) | long.for_all_mechanisms
    if themes:
        tagged = themes_of("meeting")
        keep &= long.meeting_id.isin(tagged.loc[tagged.theme_id.isin(themes), "entity_id"])
    if months != (1, 12):
        lo, hi = months
        dated = long.start.notna()
        overlaps = (long.end.dt.month >= lo) & (long.start.dt.month <= hi)
        keep &= ~dated | overlaps
    if hosts:
        keep &= long.iso3.isin(hosts)
    if tentative == "confirmed":
        keep &= ~long.tentative
    elif tentative == "tentative":
        keep &= long.tentative
    return long[keep]


def one_row_per_meeting(long: pd.DataFrame) -> pd.DataFrame:
    """Collapse (meeting, mechanism) rows to one row per meeting with its mechanisms joined."""
    if long.empty:
        return long.assign(mechanisms="")
    mechanisms = long.groupby("meeting_id").mechanism.agg(lambda s: ", ".join(dict.fromkeys(s)))
    first = long.drop_duplicates("meeting_id").set_index("meeting_id")
    first["mechanisms"] = mechanisms
    return first.reset_index().sort_values(["start", "meeting_id"], na_position="last")


@st.cache_data(show_spinner=False)
def meeting_hosts() -> dict[str, int]:
    """iso3 -> how many 2017 meetings it hosts."""
    m = table("meetings")
    return m.loc[m.iso3 != ""].groupby("iso3").size().to_dict()


# ---------------------------------------------------------------- USCIS engagements


@st.cache_data(show_spinner=False)
def engagement_places() -> dict[str, int]:
    """iso3 -> how many USCIS engagements meet there."""
    return table("engagement_countries").groupby("iso3").size().to_dict()


@st.cache_data(show_spinner=False)
def engagements_wide() -> pd.DataFrame:
    """One row per engagement with its roles, countries, partners, mechanisms and themes
    joined as text, and the same as tuples for filtering."""
    e = table("engagements")
    names = country_names()
    labels = process_labels()

    def joined(name: str, column: str, mapping: dict[str, str] | None = None) -> pd.Series:
        t = table(name)
        values = t[column].map(mapping) if mapping else t[column]
        t = t.assign(value=values.where(values.astype(bool), None))
        return t.dropna(subset=["value"]).groupby("engagement_id").value.agg(tuple)

    partners = table("engagement_partners")
    partner_names = partners.iso3.map(names).where(partners.iso3 != "", partners.organisation)
    partner_tuple = partners.assign(value=partner_names).groupby("engagement_id").value.agg(tuple)
    out = e.set_index("engagement_id")
    out["roles"] = joined("engagement_roles", "role")
    out["country_codes"] = joined("engagement_countries", "iso3")
    out["partners"] = partner_tuple
    out["process_ids"] = joined("engagement_processes", "process_id")
    tagged = themes_of("engagement").groupby("entity_id").theme_id.agg(tuple)
    out["theme_ids"] = tagged
    for column in ["roles", "country_codes", "partners", "process_ids", "theme_ids"]:
        out[column] = out[column].apply(lambda v: v if isinstance(v, tuple) else ())
    out["countries"] = out.country_codes.apply(lambda v: ", ".join(names.get(c, c) for c in v))
    out["mechanisms"] = out.process_ids.apply(lambda v: ", ".join(labels[p] for p in v))
    out["themes"] = out.theme_ids.apply(lambda v: ", ".join(theme_labels()[t] for t in v))
    out["staffing_roles"] = out.roles.apply(", ".join)
    out["with"] = out.partners.apply(", ".join)
    return out.reset_index()


def filter_engagements(wide: pd.DataFrame, offices: tuple[str, ...] = (),
                       roles: tuple[str, ...] = (), levels: tuple[str, ...] = (),
                       frequencies: tuple[str, ...] = (), countries: tuple[str, ...] = (),
                       themes: tuple[str, ...] = (), mechanisms: tuple[str, ...] = ()
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
    for column, picked in (("roles", roles), ("country_codes", countries),
                           ("theme_ids", themes), ("process_ids", mechanisms)):
        if picked:
            keep &= any_of(column, picked)
    return wide[keep]


# ---------------------------------------------------------------- maps


@st.cache_data(show_spinner=False)
def extra_shapes() -> dict:
    """GeoJSON of the countries plotly's ISO-keyed outlines lack (Kosovo), from data/geo,
    each feature's id set to its ISO3 code."""
    c = table("countries")
    wanted = dict(zip(c.loc[c.shape_source == "name", "ne_name"],
                      c.loc[c.shape_source == "name", "iso3"], strict=True))
    outlines = gpd.read_file(OUTLINES, layer="countries")
    picked = outlines[outlines.name.isin(wanted)].copy()
    picked["id"] = picked.name.map(wanted)
    return json.loads(picked[["id", "geometry"]].to_json())


def points_by_country(frame: pd.DataFrame, codes: str, label: str, noun: str) -> pd.DataFrame:
    """Circles for a map of where things happen: one row per country named in frame[codes]
    (an ISO3 code, or a tuple of them; "" for none) with iso3, country, lat, lon, region,
    count, and detail ("3 meeting(s): A; B; C"; the first four labels)."""
    rows = frame[[codes, label]].explode(codes)
    rows = rows[rows[codes].fillna("").ne("")]
    counted = rows.groupby(codes)[label].agg(
        count="size", labels=lambda s: "; ".join(s.head(4)) + (" …" if len(s) > 4 else ""))
    # An empty join loses the index name; naming it keeps the iso3 column for no places too.
    points = (map_points().set_index("iso3").join(counted, how="inner").rename_axis("iso3")
              .reset_index())
    points["region"] = points.iso3.map(table("countries").set_index("iso3").region)
    points["detail"] = points["count"].astype(str) + f" {noun}(s): " + points.labels
    return points


@st.cache_data(show_spinner=False)
def map_points() -> pd.DataFrame:
    """iso3, country, lat, lon, map_marker, shape_source for every country in the tables."""
    c = table("countries")
    return c[["iso3", "name", "lat", "lon", "map_marker", "shape_source"]].rename(
        columns={"name": "country"})


@st.cache_data(show_spinner=False, max_entries=256)
def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV without the index, cached on the rows (a view's table is made
    once, not on every rerun)."""
    return frame.to_csv(index=False).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=64)
def meetings_calendar(meetings: pd.DataFrame) -> bytes:
    """The .ics file of these meetings (exports.meetings_ics), cached on the rows."""
    return exports.meetings_ics(meetings)[0]


@st.cache_data(show_spinner=False)
def workbook() -> bytes:
    """Every table in one Excel workbook, built once."""
    return exports.workbook({name: table(name) for name in TABLES})
