"""Every closed set of values a table may hold, in the order the dashboard shows them.

One module for loaders, schemas and dashboard: the schemas allow exactly these values (so a
loader cannot emit another one without the build failing), and the dashboard takes its order
from here and its labels and colours from `dashboard/palette.py`, which a test holds to cover
every value below. Adding a value means adding it here and giving it a label (and a colour
where the dashboard colours by it).
"""

from __future__ import annotations

import csv
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"

# Roles a country holds in a mechanism (memberships.role), strongest first. The listed roles
# come from the overview's lists; the `named (…)` roles are countries or bodies the overview
# names in a sentence of a mechanism's row (chair, steering committee, …) but in none of its
# lists: shown, never counted as members.
LISTED_ROLES = ("member", "observer", "partner", "guest", "suspended")
NAMED_ROLES = (
    "named (chair)",
    "named (incoming chair)",
    "named (steering committee)",
    "named (coordinator)",
    "named (main actor)",
)
COUNTRY_ROLES = (*LISTED_ROLES, *NAMED_ROLES)
# Organisations may also be regular participants (the Budapest Process's list), other
# participants (the bodies it lists after "Also:") or do a mechanism's secretariat work (its
# Secretariat column); they are never suspended.
ORGANISATION_ROLES = (
    "member",
    "regular participant",
    "other participant",
    "observer",
    "partner",
    "guest",
    "secretariat",
    *NAMED_ROLES,
)
# The RCM report's capacities (report_participants.role), strongest first.
REPORT_ROLES = (
    "member attending",
    "special invitee",
    "host",
    "country of origin and transit",
    "observer",
    "funder",
    "presenter",
    "remote participant",
)

# processes.kind: the overview's three sections.
MECHANISM_KINDS = ("RCP", "IRF", "Global")
# processes.region: the overview's regional headings (English part) in its order, then the
# region given to inter-regional forums and global processes.
MECHANISM_REGIONS = (
    "Europe and the former Soviet Union",
    "Americas and Caribbean",
    "Western Mediterranean",
    "Africa",
    "Asia and Oceania",
    "Middle East",
    "Others",
    "Inter-regional",
    "Global",
)
# countries.region: UN M49 regions.
COUNTRY_REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")

# action_items.status_category, in reading order: done, under way, planned, stalled, not said.
BALI_STATUSES = ("completed", "ongoing", "planned", "dormant", "unknown")
# meetings.date_precision, from the most to the least exact.
DATE_PRECISIONS = ("day", "month", "quarter", "half", "year", "unknown")
# engagements.frequency ("" when the text states none), most often first.
FREQUENCIES = ("monthly", "bimonthly", "quarterly", "biannual", "annual", "ad hoc", "varies", "")
# engagement_partners.kind.
PARTNER_KINDS = (
    "country",
    "us agency",
    "foreign agency",
    "international",
    "regional",
    "civil society",
    "group",
    "unknown",
)
# theme_links.entity_type: what a theme can be linked to.
THEMED_ENTITIES = ("process", "meeting", "engagement", "action_item")
# countries.shape_source: where a map takes the country's outline from (see data/README.md).
SHAPE_SOURCES = ("iso", "name", "none")
# The documents that describe meetings, by their key in loaders/registry.py, in the order the
# build links them: a calendar first, then the reports, then the overview's past events.
MEETING_SOURCES = ("calendar", "rcm", "bali", "overview")
# meeting_sources.link: how a passage was tied to its meeting (loaders/meeting_links.py).
MEETING_LINKS = ("own row", "same days", "same name")

# Name -> values, for the checks that every value has a label, colour and order.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "country_roles": COUNTRY_ROLES,
    "organisation_roles": ORGANISATION_ROLES,
    "report_roles": REPORT_ROLES,
    "mechanism_kinds": MECHANISM_KINDS,
    "mechanism_regions": MECHANISM_REGIONS,
    "country_regions": COUNTRY_REGIONS,
    "bali_statuses": BALI_STATUSES,
    "date_precisions": DATE_PRECISIONS,
    "frequencies": FREQUENCIES,
    "partner_kinds": PARTNER_KINDS,
    "themed_entities": THEMED_ENTITIES,
    "shape_sources": SHAPE_SOURCES,
    "meeting_sources": MEETING_SOURCES,
    "meeting_links": MEETING_LINKS,
}


def rank(values: tuple[str, ...]) -> dict[str, int]:
    """value -> its position in `values`, for sorting by a vocabulary's order."""
    return {value: i for i, value in enumerate(values)}


def theme_ids(reference_dir: Path = REFERENCE) -> tuple[str, ...]:
    """The theme ids of reference/themes.csv in its order (the theme taxonomy is a reference
    table, reviewed like code; its labels are its own `label` column)."""
    with (reference_dir / "themes.csv").open(encoding="utf-8", newline="") as f:
        return tuple(row["theme_id"] for row in csv.DictReader(f))
