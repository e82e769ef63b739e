"""One pandera schema per output table, and the referential checks between tables.

All checks run lazily: a build reports every failure at once, not the first one.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from loaders.vocabulary import (
    BALI_STATUSES,
    COUNTRY_REGIONS,
    COUNTRY_ROLES,
    DATE_PRECISIONS,
    FREQUENCIES,
    MECHANISM_KINDS,
    MECHANISM_REGIONS,
    MEETING_LINKS,
    NAMED_ROLES,
    ORGANISATION_ROLES,
    PARTNER_KINDS,
    REPORT_ROLES,
    SHAPE_SOURCES,
    THEMED_ENTITIES,
)

# Kept for the modules that import them from here; the values live in loaders/vocabulary.py.
__all__ = [
    "COUNTRY_ROLES",
    "NAMED_ROLES",
    "ORGANISATION_ROLES",
    "REFERENCES",
    "REPORT_ROLES",
    "SCHEMAS",
    "validate_tables",
]
ISO3 = r"^[A-Z]{3}$"
ISO_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A calendar's row ("2017-001", "2017b-001", "undated-001"), or a meeting only another document
# describes: its report's key and year and its number there ("bali-2017-05"), or an overview
# past event's mechanism, year and number ("overview-acp-eu-2017-1").
MEETING_ID = r"^((\d{4}|undated)[b-z]?-\d{3}|[a-z0-9]+(-[a-z0-9]+)*-\d{4}-\d{1,3})$"
SOURCE_FILE = r"^[\w.-]+\.txt$"


def _s(nullable: bool = False, **checks: object) -> pa.Column:
    """A text column ("" for empty unless nullable) with the given checks."""
    found = []
    if "isin" in checks:
        found.append(pa.Check.isin(checks["isin"]))
    if "regex" in checks:
        found.append(pa.Check.str_matches(checks["regex"]))
    if checks.get("non_empty"):
        found.append(pa.Check.str_length(min_value=1))
    return pa.Column(str, checks=found, nullable=nullable, coerce=True)


def _i(nullable: bool = True, **kw: object) -> pa.Column:
    checks = [pa.Check.in_range(kw["min"], kw["max"])] if "min" in kw else []
    return pa.Column("Int64", checks=checks, nullable=nullable, coerce=True)


def _f(nullable: bool = True, **kw: object) -> pa.Column:
    checks = [pa.Check.in_range(kw["min"], kw["max"])] if "min" in kw else []
    return pa.Column(float, checks=checks, nullable=nullable, coerce=True)


def _b() -> pa.Column:
    return pa.Column(bool, coerce=True)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "processes": pa.DataFrameSchema(
        {
            "process_id": _s(regex=SLUG),
            "name": _s(non_empty=True),
            "acronym": _s(),
            "short_name": _s(non_empty=True),
            "kind": _s(isin=MECHANISM_KINDS),
            "region": _s(isin=MECHANISM_REGIONS),
            "year_founded": _i(min=1900, max=2030),
            "year_founded_text": _s(),
            "secretariat": _s(),
            "chair": _s(),
            "incoming_chair": _s(),
            "open_to_all": _b(),
            "membership_notes": _s(),
            "description": _s(),
            "areas": _s(),
            "priorities": _s(),
            "agreements": _s(),
            "website": _s(),
            "name_notes": _s(),
            "source_line": _i(False),
        },
        unique=["process_id"],
        strict=True,
    ),
    "process_aliases": pa.DataFrameSchema(
        {
            "process_id": _s(regex=SLUG),
            "alias": _s(non_empty=True),
            "origin": _s(),
        },
        unique=["process_id", "alias"],
        strict=True,
    ),
    "memberships": pa.DataFrameSchema(
        {
            "process_id": _s(regex=SLUG),
            "iso3": _s(regex=ISO3),
            "role": _s(isin=COUNTRY_ROLES),
            "note": _s(),
            "source_line": _i(False),
        },
        unique=["process_id", "iso3", "role"],
        strict=True,
    ),
    "process_organisations": pa.DataFrameSchema(
        {
            "process_id": _s(regex=SLUG),
            "organisation": _s(non_empty=True),
            "organisation_text": _s(non_empty=True),
            "role": _s(isin=ORGANISATION_ROLES),
            "note": _s(),
            "source_line": _i(False),
        },
        unique=["process_id", "organisation", "role"],
        strict=True,
    ),
    "process_events": pa.DataFrameSchema(
        {
            "process_id": _s(regex=SLUG),
            "date_text": _s(non_empty=True),
            "start_date": _s(regex=ISO_DATE),
            "end_date": _s(regex=ISO_DATE),
            "year": _i(False, min=1900, max=2030),
            "month": _i(min=1, max=12),
            "title": _s(non_empty=True),
            "city": _s(),
            "iso3": _s(regex=r"^([A-Z]{3})?$"),
            "note": _s(),
            "source_line": _i(False),
        },
        strict=True,
    ),
    "count_checks": pa.DataFrameSchema(
        {
            "process_id": _s(regex=SLUG),
            "stated_total": _i(False),
            "member_countries": _i(False),
            "member_organisations": _i(False),
            "named_countries": _i(False),
        },
        strict=True,
    ),
    "countries": pa.DataFrameSchema(
        {
            "iso3": _s(regex=ISO3),
            "name": _s(non_empty=True),
            "region": _s(isin=COUNTRY_REGIONS),
            "sub_region": _s(non_empty=True),
            "lat": _f(False, min=-90, max=90),
            "lon": _f(False, min=-180, max=180),
            "area_km2": _i(min=0, max=20_000_000),
            "ne_name": _s(),
            "shape_source": _s(isin=SHAPE_SOURCES),
            "map_marker": _b(),
        },
        unique=["iso3"],
        strict=True,
    ),
    "meetings": pa.DataFrameSchema(
        {
            "meeting_id": _s(regex=MEETING_ID),
            "title": _s(non_empty=True),
            "start_date": _s(regex=ISO_DATE),
            "end_date": _s(regex=ISO_DATE),
            "date_text": _s(non_empty=True),
            "date_precision": _s(isin=DATE_PRECISIONS),
            "tentative": _b(),
            "location_text": _s(),
            "city": _s(),
            "venue": _s(),
            "iso3": _s(regex=r"^([A-Z]{3})?$"),
            "mechanism_text": _s(non_empty=True),
            "for_all_mechanisms": _b(),
            "source_line": _i(False),
            "source": _s(regex=SOURCE_FILE),
            "calendar_year": _i(min=1900, max=2100),
            "note": _s(),
        },
        unique=["meeting_id"],
        strict=True,
    ),
    "meeting_processes": pa.DataFrameSchema(
        {
            "meeting_id": _s(),
            "process_id": _s(regex=SLUG),
        },
        unique=["meeting_id", "process_id"],
        strict=True,
    ),
    "engagements": pa.DataFrameSchema(
        {
            "engagement_id": _s(regex=SLUG),
            "office": _s(non_empty=True),
            "office_name": _s(),
            "name": _s(non_empty=True),
            "description": _s(),
            "frequency_text": _s(),
            "frequency": _s(isin=FREQUENCIES),
            "meetings_per_year": _i(min=0, max=52),
            "schedule_note": _s(),
            "location_text": _s(),
            "worldwide": _b(),
            "staffing_text": _s(),
            "staffing_tier": _i(min=1, max=9),
            "staffing_level": _s(),
            "source_line": _i(False),
        },
        unique=["engagement_id"],
        strict=True,
    ),
    "engagement_countries": pa.DataFrameSchema(
        {
            "engagement_id": _s(regex=SLUG),
            "iso3": _s(regex=ISO3),
        },
        unique=["engagement_id", "iso3"],
        strict=True,
    ),
    "engagement_partners": pa.DataFrameSchema(
        {
            "engagement_id": _s(regex=SLUG),
            "kind": _s(isin=PARTNER_KINDS),
            "iso3": _s(regex=r"^([A-Z]{3})?$"),
            "organisation": _s(),
            "partner_text": _s(),
            "note": _s(),
        },
        unique=["engagement_id", "iso3", "organisation"],
        strict=True,
    ),
    "engagement_roles": pa.DataFrameSchema(
        {
            "engagement_id": _s(regex=SLUG),
            "role": _s(non_empty=True),
            "tier": _i(False),
            "role_text": _s(non_empty=True),
        },
        unique=["engagement_id", "role"],
        strict=True,
    ),
    "engagement_processes": pa.DataFrameSchema(
        {
            "engagement_id": _s(regex=SLUG),
            "process_id": _s(regex=SLUG),
        },
        unique=["engagement_id", "process_id"],
        strict=True,
    ),
    "acronyms": pa.DataFrameSchema(
        {
            "acronym": _s(non_empty=True),
            "expansion": _s(non_empty=True),
            "source": _s(),
        },
        unique=["acronym"],
        strict=True,
    ),
    "themes": pa.DataFrameSchema(
        {
            "theme_id": _s(regex=SLUG),
            "label": _s(non_empty=True),
            "description": _s(),
        },
        unique=["theme_id"],
        strict=True,
    ),
    "theme_links": pa.DataFrameSchema(
        {
            "entity_type": _s(isin=THEMED_ENTITIES),
            "entity_id": _s(non_empty=True),
            "theme_id": _s(regex=SLUG),
            "matched": _s(non_empty=True),
            "evidence": _s(non_empty=True),
        },
        unique=["entity_type", "entity_id", "theme_id"],
        strict=True,
    ),
    "action_items": pa.DataFrameSchema(
        {
            "item": _s(regex=r"^[1-6]\.[1-9]$"),
            "section_no": _i(False, min=1, max=6),
            "section": _s(non_empty=True),
            "action": _s(non_empty=True),
            "who": _s(),
            "who_note": _s(),
            "status": _s(),
            "status_category": _s(isin=BALI_STATUSES),
            "status_evidence": _s(),
            "footnotes": _s(),
            "source_line": _i(False),
            "source_lines": _s(regex=r"^\d+( \d+)*$"),
        },
        unique=["item"],
        strict=True,
    ),
    "reports": pa.DataFrameSchema(
        {
            "report_id": _s(regex=SLUG),
            "title": _s(non_empty=True),
            "process_id": _s(regex=SLUG),
            "start_date": _s(regex=ISO_DATE),
            "end_date": _s(regex=ISO_DATE),
            "place": _s(),
            "iso3": _s(regex=r"^([A-Z]{3})?$"),
            "source": _s(),
        },
        unique=["report_id"],
        strict=True,
    ),
    "report_participants": pa.DataFrameSchema(
        {
            "report_id": _s(regex=SLUG),
            "iso3": _s(regex=r"^([A-Z]{3})?$"),
            "organisation": _s(),
            "person": _s(),
            "role": _s(isin=REPORT_ROLES),
            "source_line": _i(False),
        },
        unique=["report_id", "iso3", "organisation", "person", "role"],
        strict=True,
    ),
    "report_meetings": pa.DataFrameSchema(
        {
            "report_meeting_id": _s(regex=r"^[a-z0-9]+(-[a-z0-9]+)*-\d{2,3}$"),
            "title": _s(non_empty=True),
            "start_date": _s(regex=ISO_DATE),
            "end_date": _s(regex=ISO_DATE),
            "date_text": _s(non_empty=True),
            "date_precision": _s(isin=DATE_PRECISIONS),
            "tentative": _b(),
            "location_text": _s(),
            "city": _s(),
            "venue": _s(),
            "iso3": _s(regex=r"^([A-Z]{3})?$"),
            "process_ids": _s(regex=r"^([a-z0-9-]+( [a-z0-9-]+)*)?$"),
            "for_all_mechanisms": _b(),
            "context": _s(),
            "note": _s(),
            "source": _s(regex=SOURCE_FILE),
            "source_line": _i(False),
            "source_lines": _s(regex=r"^\d+( \d+)*$"),
        },
        unique=["report_meeting_id"],
        strict=True,
    ),
    "meeting_sources": pa.DataFrameSchema(
        {
            "meeting_id": _s(regex=MEETING_ID),
            "source": _s(regex=SOURCE_FILE),
            "source_line": _i(False),
            "described_id": _s(),
            "title": _s(non_empty=True),
            "date_text": _s(non_empty=True),
            "link": _s(isin=MEETING_LINKS),
        },
        strict=True,
    ),
    "report_items": pa.DataFrameSchema(
        {
            "report_id": _s(regex=SLUG),
            "section": _s(non_empty=True),
            "text": _s(non_empty=True),
            "source_line": _i(False),
        },
        strict=True,
    ),
    "rejects": pa.DataFrameSchema(
        {
            "source": _s(non_empty=True),
            "line": _i(False),
            "field": _s(),
            "text": _s(),
            "reason": _s(non_empty=True),
        },
        strict=True,
    ),
}

# (table, column) -> (referenced table, column); empty values are allowed where a column is
# optional, everything else must exist.
REFERENCES = [
    ("process_aliases", "process_id", "processes", "process_id"),
    ("memberships", "process_id", "processes", "process_id"),
    ("memberships", "iso3", "countries", "iso3"),
    ("process_organisations", "process_id", "processes", "process_id"),
    ("process_events", "process_id", "processes", "process_id"),
    ("process_events", "iso3", "countries", "iso3"),
    ("meetings", "iso3", "countries", "iso3"),
    ("meeting_processes", "meeting_id", "meetings", "meeting_id"),
    ("meeting_processes", "process_id", "processes", "process_id"),
    ("engagement_countries", "engagement_id", "engagements", "engagement_id"),
    ("engagement_countries", "iso3", "countries", "iso3"),
    ("engagement_partners", "engagement_id", "engagements", "engagement_id"),
    ("engagement_partners", "iso3", "countries", "iso3"),
    ("engagement_roles", "engagement_id", "engagements", "engagement_id"),
    ("engagement_processes", "engagement_id", "engagements", "engagement_id"),
    ("engagement_processes", "process_id", "processes", "process_id"),
    ("theme_links", "theme_id", "themes", "theme_id"),
    ("reports", "process_id", "processes", "process_id"),
    ("reports", "iso3", "countries", "iso3"),
    ("report_participants", "iso3", "countries", "iso3"),
    ("report_items", "report_id", "reports", "report_id"),
    ("report_meetings", "iso3", "countries", "iso3"),
    ("meeting_sources", "meeting_id", "meetings", "meeting_id"),
    ("count_checks", "process_id", "processes", "process_id"),
]


def validate_tables(
    tables: dict[str, pd.DataFrame], schemas: dict[str, pa.DataFrameSchema] | None = None
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Validate and coerce every table against its schema (default: SCHEMAS; the build passes
    the registry's); return (coerced tables, list of failure messages)."""
    schemas = SCHEMAS if schemas is None else schemas
    problems: list[str] = []
    out: dict[str, pd.DataFrame] = {}
    for name, frame in tables.items():
        schema = schemas[name]
        try:
            out[name] = schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            for _, case in cases.head(20).iterrows():
                problems.append(
                    f"{name}.{case['column']}: {case['check']} failed for {case['failure_case']!r}"
                )
            out[name] = frame
    for table, column, target, target_column in REFERENCES:
        values = set(out[table][column].dropna().astype(str)) - {""}
        missing = values - set(out[target][target_column].astype(str))
        problems.extend(
            f"{table}.{column}: {v!r} not in {target}.{target_column}" for v in sorted(missing)
        )
    entity_tables = {
        "process": ("processes", "process_id"),
        "meeting": ("meetings", "meeting_id"),
        "engagement": ("engagements", "engagement_id"),
        "action_item": ("action_items", "item"),
    }
    links = out["theme_links"]
    for entity_type, (table, column) in entity_tables.items():
        ids = set(links.loc[links.entity_type == entity_type, "entity_id"])
        missing = ids - set(out[table][column].astype(str))
        problems.extend(f"theme_links: {entity_type} {v!r} does not exist" for v in sorted(missing))
    untagged = set(out["processes"].process_id) - set(
        links.loc[links.entity_type == "process", "entity_id"]
    )
    problems.extend(f"processes: {p!r} has no theme" for p in sorted(untagged))
    return out, problems
