"""USCIS RAIO international engagements -> engagements and their countries, partners, roles.

Load inputs: tab-separated tables (six columns) split across pages, each page repeating the
header, then the document's own "List of RAIO Acronyms" ("LACC-Latin America, …").
Process: expand office acronyms (the document's list first, then data/reference/acronyms.csv),
normalise frequency by data/reference/frequency_rules.csv (a schedule the text qualifies away
has no meetings a year), find countries in the location (with data/reference/place_aliases.csv),
staff roles and one seniority tier by data/reference/staff_roles.csv, partners named in the
name and description (loaders/engagement_partners.py).
Outputs: EngagementTables; problems go to the RejectLog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from loaders.countries import CountryResolver
from loaders.engagement_partners import (
    PartnerReference,
    finish_partners,
    inherits_partners,
    named_partners,
    partners_from_line_above,
)
from loaders.processes import ProcessResolver, alias_key
from loaders.rejects import RejectLog
from loaders.text import (
    clean_spaces,
    normalise_dashes,
    slugify,
    split_outside_parentheses,
    tab_cells,
)

SOURCE = "uscis_raio_engagements.txt"
COLUMNS = ["office", "name", "description", "frequency_text", "location_text", "staffing_text"]
_WORLDWIDE = re.compile(r"\bworld-?wide\b", re.I)
# Words that take a stated rhythm away: in the frequency's first clause ("Once annually or at
# the discretion of the Chair (not currently scheduled)"), or anywhere in the description
# ("future meetings have been put on hold"). A later clause qualifies something else
# ("Annual in-person …; supplemented with periodic conference calls (not currently
# scheduled)").
_QUALIFIED_AWAY = re.compile(
    r"not currently scheduled|(?:future )?meetings (?:have been|are|were) (?:put )?on hold", re.I
)


@dataclass
class EngagementTables:
    """Rows for engagements.csv and its link tables, plus the acronyms read from the text."""

    engagements: list[dict] = field(default_factory=list)
    countries: list[dict] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    processes: list[dict] = field(default_factory=list)
    acronyms: list[dict] = field(default_factory=list)


def _short_slug(text: str, limit: int = 48) -> str:
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0]


def _acronym_list_start(lines: list[str]) -> int:
    """The index of the "List of RAIO Acronyms" line (len(lines) when there is none)."""
    return next(
        (
            i
            for i, line in enumerate(lines)
            if clean_spaces(line).startswith("List of RAIO Acronyms")
        ),
        len(lines),
    )


def document_acronyms(text: str) -> dict[str, str]:
    """The document's own acronym list: lines "ABC-Expansion" after "List of RAIO Acronyms"."""
    found: dict[str, str] = {}
    lines = text.split("\n")
    for line in lines[_acronym_list_start(lines) + 1 :]:
        m = re.match(r"^([A-Za-z]{2,6})\s*-\s*(.+)$", clean_spaces(line))
        if m:
            found[m.group(1)] = m.group(2)
    return found


def frequency_of(text: str, rules: pd.DataFrame) -> tuple[str, int | None]:
    """(frequency, meetings_per_year) by the first matching rule; ("", None) if none matches."""
    key = clean_spaces(text).casefold()
    for pattern, freq, per_year in zip(rules.pattern, rules.frequency, rules.meetings_per_year):
        if re.search(pattern, key):
            return freq, (
                int(per_year) if per_year not in ("", None) and not pd.isna(per_year) else None
            )
    return "", None


def schedule_qualifier(frequency_text: str, description: str) -> str:
    """The words, as written, that take a stated schedule away ("" when none do): in the
    frequency's first clause (before a ";" outside parentheses) or anywhere in the description."""
    first_clause = split_outside_parentheses(frequency_text, ";")[0]
    for text in (first_clause, description):
        m = _QUALIFIED_AWAY.search(text)
        if m:
            return m.group(0)
    return ""


def roles_of(text: str, rules: pd.DataFrame) -> list[tuple[str, int, str]]:
    """(role, tier, words as written) for each staff role named in a staffing text, in order
    of first mention.

    Rules match case-insensitively (a pattern may switch that off for its part with
    "(?-i:…)"). A pattern's named group `role` marks the role's words when the rest is
    context ("RAD Chief or (?P<role>Deputy Chief)"). The longest match wins: a role whose
    words overlap a longer match's role words is not also named ("LES Investigator" is not
    also "LES"); equal lengths go by rule order.
    """
    candidates = []
    for order, (pattern, role, tier) in enumerate(zip(rules.pattern, rules.role, rules.tier)):
        for m in re.finditer(pattern, text, re.I):
            group = "role" if "role" in m.re.groupindex else 0
            candidates.append(
                (-(m.end() - m.start()), order, m.start(group), m.end(group), role, int(tier))
            )
    taken: list[tuple[int, int, str, int]] = []
    for _, _, start, end, role, tier in sorted(candidates):
        if all(end <= s or start >= e for s, e, _, _ in taken):
            taken.append((start, end, role, tier))
    found: dict[str, tuple[str, int, str]] = {}
    for start, end, role, tier in sorted(taken):
        found.setdefault(role, (role, tier, text[start:end]))
    return list(found.values())


def processes_in(text: str, processes: ProcessResolver) -> list[str]:
    """process_ids whose alias (an acronym or a name of 2+ words) appears in the text."""
    key = f" {alias_key(text)} "
    found = []
    for alias, pid in processes.by_key.items():
        if (
            ((len(alias) >= 3 and " " in alias) or alias.isupper() or len(alias) <= 6)
            and f" {alias} " in key
            and pid not in found
        ):
            found.append(pid)
    return found


def table_lines(text: str, rejects: RejectLog) -> list[tuple[int, list[str]]]:
    """(line number, six cells) for every data row; header rows and the acronym list skipped.
    Blank cells trailing a row beyond the six columns are dropped; a row with another number of
    cells is rejected."""
    rows = []
    lines = text.split("\n")
    for number, line in enumerate(lines[: _acronym_list_start(lines)], start=1):
        if not line.strip():
            continue
        cells = [clean_spaces(c) for c in tab_cells(line, len(COLUMNS))]
        if cells[0] == "Office":
            continue
        if len(cells) != len(COLUMNS):
            rejects.add(
                SOURCE,
                number,
                "row",
                line,
                f"expected {len(COLUMNS)} tab-separated cells, found {len(cells)}",
            )
            continue
        rows.append((number, cells))
    return rows


def _partners(
    row: dict[str, str],
    number: int,
    above: tuple[int, list[dict]] | None,
    countries: CountryResolver,
    ref: PartnerReference,
    rejects: RejectLog,
) -> list[dict]:
    """The finished partner rows of one table row; a foreign agency without a country in
    foreign_agencies.csv is kept (without iso3) and reported."""
    rows = named_partners(row["name"], row["description"], countries, ref)
    if inherits_partners(row["description"]):
        if above:
            rows += partners_from_line_above(above[1], above[0])
        else:
            rejects.add(
                SOURCE,
                number,
                "description",
                row["description"],
                "'similar in nature as above' on the first row: nothing to take",
            )
    for r in rows:
        if r["kind"] == "foreign agency" and not r["iso3"]:
            rejects.add(
                SOURCE,
                number,
                "description",
                r["partner_text"],
                f"foreign agency {r['organisation']!r} has no country in "
                "foreign_agencies.csv; kept without one",
            )
    return finish_partners(rows, row["description"], ref)


def load_engagements(
    text: str,
    countries: CountryResolver,
    processes: ProcessResolver,
    reference: dict[str, pd.DataFrame],
    rejects: RejectLog,
) -> EngagementTables:
    """Read the USCIS engagements text.

    reference holds the DataFrames acronyms, frequency_rules, staff_roles, staffing_levels,
    place_aliases, organisations, foreign_agencies and partner_groups from data/reference/.
    """
    out = EngagementTables()
    doc_acronyms = document_acronyms(text)
    ref = reference["acronyms"]
    expansions = dict(zip(ref.acronym, ref.expansion)) | doc_acronyms
    for acronym, expansion in doc_acronyms.items():
        out.acronyms.append(
            {
                "acronym": acronym,
                "expansion": expansion,
                "source": "uscis_raio_engagements.txt (List of RAIO Acronyms)",
            }
        )
    for acronym, expansion, note in zip(ref.acronym, ref.expansion, ref.note):
        if acronym not in doc_acronyms:
            out.acronyms.append(
                {
                    "acronym": acronym,
                    "expansion": expansion,
                    "source": "data/reference/acronyms.csv" + (f" ({note})" if note else ""),
                }
            )
    places = dict(zip(reference["place_aliases"].place, reference["place_aliases"].iso3))
    levels = dict(
        zip(
            reference["staffing_levels"].tier.astype(int),
            reference["staffing_levels"].staffing_level,
        )
    )
    partner_ref = PartnerReference.from_tables(reference)
    seen_ids: set[str] = set()
    above: tuple[int, list[dict]] | None = None
    for number, cells in table_lines(text, rejects):
        row = dict(zip(COLUMNS, cells))
        eid = _short_slug(f"{row['office']} {re.sub(r'[(][^()]*[)]', '', row['name'])}")
        while eid in seen_ids:
            eid += "-2"
        seen_ids.add(eid)
        office_name = expansions.get(row["office"], "")
        if not office_name:
            rejects.add(
                SOURCE,
                number,
                "office",
                row["office"],
                "office acronym in neither the document's list nor acronyms.csv",
            )
        frequency, per_year = frequency_of(row["frequency_text"], reference["frequency_rules"])
        if not frequency:
            rejects.add(
                SOURCE,
                number,
                "frequency_text",
                row["frequency_text"],
                "no rule in frequency_rules.csv matches; frequency left empty",
            )
        qualifier = schedule_qualifier(row["frequency_text"], row["description"])
        if qualifier:
            per_year = None
        roles = roles_of(row["staffing_text"], reference["staff_roles"])
        tier = min((t for _, t, _ in roles), default=None)
        if not roles:
            rejects.add(
                SOURCE,
                number,
                "staffing_text",
                row["staffing_text"],
                "no staff role recognised; staffing_level left empty",
            )
        location = normalise_dashes(row["location_text"])
        where = countries.find_in_text(location, places, skip_parentheses=False)
        described = f"{row['name']} {row['description']}"
        out.engagements.append(
            {
                "engagement_id": eid,
                "office": row["office"],
                "office_name": office_name,
                "name": row["name"],
                "description": row["description"],
                "frequency_text": row["frequency_text"],
                "frequency": frequency,
                "meetings_per_year": per_year,
                "schedule_note": qualifier,
                "location_text": row["location_text"],
                "worldwide": bool(_WORLDWIDE.search(location)),
                "staffing_text": row["staffing_text"],
                "staffing_tier": tier,
                "staffing_level": levels.get(tier, "") if tier else "",
                "source_line": number,
            }
        )
        out.countries.extend({"engagement_id": eid, "iso3": c} for c in where)
        partners = _partners(row, number, above, countries, partner_ref, rejects)
        above = (number, partners)
        out.partners.extend({"engagement_id": eid, **p} for p in partners)
        out.roles.extend(
            {"engagement_id": eid, "role": r, "tier": t, "role_text": w} for r, t, w in roles
        )
        out.processes.extend(
            {"engagement_id": eid, "process_id": p} for p in processes_in(described, processes)
        )
    return out
