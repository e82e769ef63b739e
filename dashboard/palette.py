"""How the dashboard shows each value of loaders/vocabulary.py: its label and its colour.

Order is the vocabulary's own; every colour map below lists its values in that order, so a
legend reads the same everywhere. tests/dashboard/test_vocabulary.py fails when a value a
loader can emit has no label, or no colour where the dashboard colours by its vocabulary.
"""

from __future__ import annotations

from loaders import vocabulary as v

# Okabe-Ito: distinguishable for colour-blind readers.
QUALITATIVE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
]
GREY = "#999999"

ROLE_LABELS = {
    "member": "Member",
    "observer": "Observer",
    "partner": "Partner",
    "guest": "Guest",
    "suspended": "Suspended",
    "regular participant": "Regular participant",
    "other participant": "Other participant",
    "secretariat": "Secretariat or its support",
    "named (chair)": "Named as chair, not listed",
    "named (incoming chair)": "Named as incoming chair, not listed",
    "named (steering committee)": "Named on the steering committee, not listed",
    "named (coordinator)": "Named as coordinator, not listed",
    "named (main actor)": "Named as a main actor, not listed",
}
REPORT_ROLE_LABELS = {role: role.capitalize() for role in v.REPORT_ROLES}
KIND_LABELS = {
    "RCP": "Regional consultative processes",
    "IRF": "Inter-regional forums",
    "Global": "Global processes",
}
KIND_NAMES = {
    "RCP": "Regional consultative process",
    "IRF": "Inter-regional forum",
    "Global": "Global process",
}
STATUS_LABELS = {status: status.capitalize() for status in v.BALI_STATUSES}
# What a meeting's date precision lets the timeline say about it.
DATE_KNOWN = {
    "day": "exact dates",
    "month": "month only",
    "quarter": "quarter only",
    "half": "half-year only",
    "year": "year only",
    "unknown": "date to be confirmed",
}
FREQUENCY_LABELS = {f: f or "not stated" for f in v.FREQUENCIES}
PARTNER_KIND_LABELS = {
    "country": "Country",
    "us agency": "US agency",
    "foreign agency": "Foreign agency",
    "international": "International organisation",
    "regional": "Regional organisation",
    "civil society": "Civil society",
    "group": "Group",
    "unknown": "Unknown",
}
ENTITY_LABELS = {
    "process": "Mechanism",
    "meeting": "Meeting",
    "engagement": "USCIS engagement",
    "action_item": "Bali Process action",
}
SHAPE_SOURCE_LABELS = {
    "iso": "plotly outline (ISO code)",
    "name": "Natural Earth (by name)",
    "none": "no outline",
}
# The documents a meeting is read from (loaders/registry.py keys), and how a passage was tied
# to its meeting.
MEETING_SOURCE_LABELS = {
    "calendar": "ISCM calendar",
    "rcm": "RCM report",
    "bali": "Bali Process report",
    "overview": "IOM overview (past events)",
}
MEETING_LINK_LABELS = {
    "own row": "its own row",
    "same days": "same mechanism, place and days",
    "same name": "same mechanism and place, the title names it",
}

ROLE_COLOURS = {
    "member": "#0072B2",
    "observer": "#E69F00",
    "partner": "#009E73",
    "guest": "#CC79A7",
    "suspended": "#D55E00",
    # Named outside the lists: greys, so they read as "not a listed role".
    "named (chair)": "#4D4D4D",
    "named (incoming chair)": "#8C8C8C",
    "named (steering committee)": "#F0E442",
    "named (coordinator)": "#BFBFBF",
    "named (main actor)": "#D9D9D9",
}
REPORT_ROLE_COLOURS = {
    "member attending": "#0072B2",
    "special invitee": "#E69F00",
    "host": "#56B4E9",
    "country of origin and transit": "#CC79A7",
    "observer": "#009E73",
    "funder": "#D55E00",
    "presenter": "#F0E442",
    "remote participant": GREY,
}
# Bali action status, in reading order (done, under way, planned, stalled, not said).
STATUS_COLOURS = {
    "completed": "#009E73",
    "ongoing": "#0072B2",
    "planned": "#CC79A7",
    "dormant": "#D55E00",
    "unknown": GREY,
}
# One colour per mechanism region, whatever the filters leave (eight Okabe-Ito colours, then
# Paul Tol's wine for the ninth).
REGION_COLOURS = dict(zip(v.MECHANISM_REGIONS, [*QUALITATIVE, "#882255"], strict=True))
# A UN M49 region takes the colour of the mechanism region whose words agree with it, so the
# meetings page's host map and timeline say the same with a colour (review 11: blue was Africa
# on one and Europe on the other); Oceania, which no heading names alone, takes Paul Tol's
# olive, used by no heading.
COUNTRY_REGION_COLOURS = {
    "Africa": REGION_COLOURS["Africa"],
    "Americas": REGION_COLOURS["Americas and Caribbean"],
    "Asia": REGION_COLOURS["Asia and Oceania"],
    "Europe": REGION_COLOURS["Europe and the former Soviet Union"],
    "Oceania": "#999933",
}
DATE_KNOWN_COLOURS = {
    "day": "#0072B2",
    "month": "#56B4E9",
    "quarter": "#E69F00",
    "half": "#CC79A7",
    "year": "#D55E00",
    "unknown": GREY,
}
MEETING_SOURCE_COLOURS = {
    "calendar": "#0072B2",
    "rcm": "#E69F00",
    "bali": "#009E73",
    "overview": "#CC79A7",
}
# The overview's meetings by month: how exactly a meeting's start month is known
# (data.meetings_per_month), in the date precisions' colours.
DATED_COLOURS = {
    "exact day": DATE_KNOWN_COLOURS["day"],
    "month only": DATE_KNOWN_COLOURS["month"],
    "quarter, half-year or TBC": DATE_KNOWN_COLOURS["quarter"],
}
# Engagement frequencies, most often first; "not stated" grey.
FREQUENCY_COLOURS = dict(
    zip(
        v.FREQUENCIES,
        ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#D55E00", "#CC79A7", "#F0E442", GREY],
        strict=True,
    )
)
# Sixteen colours for the themes (Okabe-Ito, then Paul Tol's muted scheme), given in the
# taxonomy's order (data/reference/themes.csv), so a theme keeps its colour whatever the
# filters leave; a seventeenth theme would start the list again (a test says so first).
THEME_PALETTE = [
    *QUALITATIVE,
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
]
THEME_COLOURS = {
    theme: THEME_PALETTE[i % len(THEME_PALETTE)] for i, theme in enumerate(v.theme_ids())
}

# vocabulary name -> value labels; values shown as written are their own label.
LABELS: dict[str, dict[str, str]] = {
    "country_roles": ROLE_LABELS,
    "organisation_roles": ROLE_LABELS,
    "report_roles": REPORT_ROLE_LABELS,
    "mechanism_kinds": KIND_LABELS,
    "mechanism_regions": {r: r for r in v.MECHANISM_REGIONS},
    "country_regions": {r: r for r in v.COUNTRY_REGIONS},
    "bali_statuses": STATUS_LABELS,
    "date_precisions": DATE_KNOWN,
    "frequencies": FREQUENCY_LABELS,
    "partner_kinds": PARTNER_KIND_LABELS,
    "themed_entities": ENTITY_LABELS,
    "shape_sources": SHAPE_SOURCE_LABELS,
    "meeting_sources": MEETING_SOURCE_LABELS,
    "meeting_links": MEETING_LINK_LABELS,
}
# vocabulary name -> value colours, for every vocabulary a chart colours by.
COLOURS: dict[str, dict[str, str]] = {
    "country_roles": ROLE_COLOURS,
    "report_roles": REPORT_ROLE_COLOURS,
    "bali_statuses": STATUS_COLOURS,
    "mechanism_regions": REGION_COLOURS,
    "country_regions": COUNTRY_REGION_COLOURS,
    "date_precisions": DATE_KNOWN_COLOURS,
    "meeting_sources": MEETING_SOURCE_COLOURS,
}
