"""Cached access to data/processed and the queries the pages draw from.

Every table is read once per server process; each query is cached on its (hashable) arguments,
so a rerun after a filter change does no merge work it has done before. Pages call these and
only filter and draw.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from dashboard import exports

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
OUTLINES = ROOT / "data" / "geo" / "countries-50m.json"
BOOLEAN_COLUMNS = {"tentative", "for_all_mechanisms", "open_to_all", "worldwide", "map_marker"}
NUMERIC_COLUMNS = {"lat", "lon", "area_km2", "meetings_per_year", "staffing_tier"}
INTEGER_COLUMNS = {"year", "month"}  # nullable integers: a missing month stays <NA>, not 5.0
# Every role a country can hold in memberships.csv, strongest first. The `named (…)` roles are
# countries the overview names in a mechanism's row (chair, steering committee, …) but not in
# its lists: shown, never counted as members.
LISTED_ROLES = ["member", "observer", "partner", "guest", "suspended"]
NAMED_ROLES = ["named (chair)", "named (incoming chair)", "named (steering committee)",
               "named (coordinator)", "named (main actor)"]
ROLE_ORDER = [*LISTED_ROLES, *NAMED_ROLES]
# Organisations may also be regular participants (the Budapest Process's list).
ORGANISATION_ROLE_ORDER = ["member", "regular participant", "observer", "partner", "guest",
                           *NAMED_ROLES]
ROLE_LABELS = {"member": "Member", "observer": "Observer", "partner": "Partner",
               "guest": "Guest", "suspended": "Suspended",
               "regular participant": "Regular participant",
               "named (chair)": "Named as chair, not listed",
               "named (incoming chair)": "Named as incoming chair, not listed",
               "named (steering committee)": "Named on the steering committee, not listed",
               "named (coordinator)": "Named as coordinator, not listed",
               "named (main actor)": "Named as a main actor, not listed"}
# The RCM report's capacities, strongest first; a participant may hold several.
REPORT_ROLE_ORDER = ["member attending", "special invitee", "host",
                     "country of origin and transit", "observer", "funder", "presenter",
                     "remote participant"]
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
    for column in NUMERIC_COLUMNS & set(frame.columns):
        frame[column] = pd.to_numeric(frame[column].replace("", None))
    for column in INTEGER_COLUMNS & set(frame.columns):
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64")
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
            parts.append(f"{ROLE_LABELS[role]}: {', '.join(names)}")
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


def totals(process_id: str) -> dict[str, object]:
    """A mechanism's totals side by side: stated (the "Total: N" the overview gives, None when
    it gives none), listed member countries and bodies, and the countries it names outside its
    lists (chair, steering committee, …) with their names."""
    m = table("memberships")
    mine = m[m.process_id == process_id]
    named = sorted({country_names()[c] for c in mine.loc[mine.role.isin(NAMED_ROLES), "iso3"]})
    o = table("process_organisations")
    checks = table("count_checks").set_index("process_id")
    stated = checks.stated_total.get(process_id)
    return {"stated": None if stated is None else int(stated),
            "countries": int(mine.loc[mine.role == "member", "iso3"].nunique()),
            "organisations": int(((o.process_id == process_id) & (o.role == "member")).sum()),
            "named": named}


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


# ---------------------------------------------------------------- past events

HOVER_TITLE = 70  # characters of an event title shown in a map hover


@st.cache_data(show_spinner=False)
def past_events(process_id: str) -> pd.DataFrame:
    """One mechanism's past events (process_events rows) in date order: by year, then month,
    then first day, the source's order on ties; an event known only to its year comes first
    in its year. Adds country (the host's name, "" when unknown), place ("City, Country", the
    country alone, or "" when the source names none: its note says so), place_in_title (the
    title already names the city, or the country when there is no city) and label ("date as
    written: title", cut for hovers)."""
    events = table("process_events")
    events = events[events.process_id == process_id]
    country = events.iso3.map(country_names()).fillna("")
    place = [", ".join(filter(None, [c, n])) for c, n in zip(events.city, country, strict=True)]
    named = [bool(where) and where.casefold() in title.casefold()
             for where, title in zip(events.city.where(events.city != "", country),
                                     events.title, strict=True)]
    short = events.title.map(lambda t: t if len(t) <= HOVER_TITLE
                             else t[:HOVER_TITLE - 1].rstrip() + "…")
    out = events.assign(country=country, place=place, place_in_title=named,
                        label=events.date_text + ": " + short)
    return out.sort_values(["year", "month", "start_date"], na_position="first",
                           kind="stable").reset_index(drop=True)


EVENT_BANDS = ["1 event", "2–3 events", "4 or more events"]


@st.cache_data(show_spinner=False)
def past_event_hosts(process_id: str) -> pd.DataFrame:
    """Per country where the mechanism's past events were held: iso3, country, events (how
    many), band (one of EVENT_BANDS) and detail ("2 event(s): date: title; …", oldest first).
    Events with no country in the source are not counted."""
    points = points_by_country(past_events(process_id), "iso3", "label", "event")
    band = pd.cut(points["count"], [0, 1, 3, float("inf")], labels=EVENT_BANDS)
    return points.assign(events=points["count"], band=band.astype(str))[
        ["iso3", "country", "events", "band", "detail"]]


# ---------------------------------------------------------------- USCIS engagements


@st.cache_data(show_spinner=False)
def engagement_places() -> dict[str, int]:
    """iso3 -> how many USCIS engagements meet there."""
    return table("engagement_countries").groupby("iso3").size().to_dict()


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
    partner_names = partners.organisation.where(partners.organisation != "",
                                                partners.iso3.map(names))
    partner_tuple = partners.assign(value=partner_names).groupby("engagement_id").value.agg(tuple)
    out = e.set_index("engagement_id")
    out["roles"] = joined("engagement_roles", "role")
    out["country_codes"] = joined("engagement_countries", "iso3")
    out["partners"] = partner_tuple
    out["partner_codes"] = joined("engagement_partners", "iso3")
    out["process_ids"] = joined("engagement_processes", "process_id")
    tagged = themes_of("engagement").groupby("entity_id").theme_id.agg(tuple)
    out["theme_ids"] = tagged
    for column in ["roles", "country_codes", "partners", "partner_codes", "process_ids",
                   "theme_ids"]:
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


# ---------------------------------------------------------------- the RCM report


def _role_list(roles: pd.Series) -> str:
    rank = {r: i for i, r in enumerate(REPORT_ROLE_ORDER)}
    return ", ".join(sorted(set(roles), key=rank.get))


@st.cache_data(show_spinner=False)
def report_countries() -> pd.DataFrame:
    """One row per country in the RCM report: iso3, country, role (its first capacity in
    REPORT_ROLE_ORDER) and detail (every capacity the report states, e.g. "Member attending,
    host")."""
    p = table("report_participants")
    p = p[p.iso3 != ""]
    rank = {r: i for i, r in enumerate(REPORT_ROLE_ORDER)}
    out = p.groupby("iso3", sort=False).role.agg(
        role=lambda s: min(s, key=rank.get), detail=_role_list).reset_index()
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
    return [f"{who} ({_role_list(group.role)})"
            for who, group in p.groupby("who", sort=False)]


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


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV without the index, cached on the rows (a view's table is made
    once, not on every rerun)."""
    return frame.to_csv(index=False).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=QUERY_CACHE_ENTRIES)
def meetings_calendar(meetings: pd.DataFrame) -> bytes:
    """The .ics file of these meetings (exports.meetings_ics), cached on the rows."""
    return exports.meetings_ics(meetings)[0]


@st.cache_data(show_spinner=False)
def workbook() -> bytes:
    """Every table in one Excel workbook, built once."""
    return exports.workbook({name: table(name) for name in TABLES})


# ---------------------------------------------------------------- provenance

RAW = ROOT / "data" / "raw"
# Tables whose rows keep a line number but no file name: every row comes from one document.
TABLE_SOURCES = {
    "processes": "iscm_overview.txt",
    "memberships": "iscm_overview.txt",
    "process_organisations": "iscm_overview.txt",
    "process_events": "iscm_overview.txt",
    "meetings": "iscm_calendar_2017.txt",
    "engagements": "uscis_raio_engagements.txt",
    "report_items": "rcm_extra_regional_2017.txt",
    "report_participants": "rcm_extra_regional_2017.txt",
    "action_items": "bali_ahg_progress_2017.txt",
}


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


def row_provenance(table_name: str,
                   row: Mapping[str, object]) -> tuple[str, tuple[int, ...]] | None:
    """(source file, line numbers) one processed row was read from, or None when its table keeps
    no line. The file is the row's own (source_file, or rejects' source) or the table's one
    document; the lines are source_lines ("206 208") or source_line (or rejects' line)."""
    file = str(row.get("source_file") or "") or TABLE_SOURCES.get(table_name, "")
    if table_name == "rejects":
        file = str(row.get("source") or "")
    raw = row.get("source_lines") or row.get("source_line") or (
        row.get("line") if table_name == "rejects" else None)
    numbers = tuple(int(n) for n in str(raw or "").replace(";", " ").split() if n.isdigit())
    if not file or not numbers:
        return None
    return file, numbers
