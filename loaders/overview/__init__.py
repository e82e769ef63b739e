"""IOM overview of inter-state consultation mechanisms (ISCMs) -> processes and their members.

Load inputs: the tab-separated text extract (one table row per line; HTML fragments in cells).
Process: follow the section and header lines to know each row's kind and column layout, merge
continuation rows ("Comments:"), then read names, founding year, chair, members, observers,
partners, guests and organisations out of the cells (past events: loaders.overview.events).
Outputs: see OverviewTables. Anything that cannot be read goes to the RejectLog.

The package by concern: `cells` (rows and cells), `names` (names, aliases, acronyms),
`participants` (who takes part, in which role), `events` (past events).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from loaders.countries import CountryResolver
from loaders.groups import CountryGroups
from loaders.organisations import OrganisationNames
from loaders.overview.cells import SOURCE, URL, table_rows, year_founded
from loaders.overview.events import load_events
from loaders.overview.names import acronym_of, alias_candidates, name_forms
from loaders.overview.participants import (
    Label,
    ParticipantReader,
    count_check,
    kept_parties,
    participant_labels,
)
from loaders.rejects import RejectLog
from loaders.text import fold, html_paragraphs

__all__ = ["SOURCE", "OverviewTables", "load_events", "load_overview", "participant_labels"]


@dataclass
class OverviewTables:
    """The rows read from the overview, one list of dicts per table, and the patterns of
    the participant labels no paragraph used (for the build's warnings)."""

    processes: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    count_checks: list[dict] = field(default_factory=list)
    unused_labels: list[str] = field(default_factory=list)


def load_overview(
    text: str,
    process_ids: pd.DataFrame,
    countries: CountryResolver,
    groups: CountryGroups,
    rejects: RejectLog,
    organisations: OrganisationNames,
    labels: list[Label],
) -> OverviewTables:
    """Read the overview text into OverviewTables.

    process_ids is the reviewed table (process_id, name_starts, short_name) that gives each
    mechanism its stable id and display label: a row whose English name starts with no listed
    prefix is rejected whole. labels are the paragraph labels of the participants and
    observers cells (`participant_labels`, from reference/participant_labels.csv).
    """
    out = OverviewTables()
    reader = ParticipantReader(countries, groups, rejects, organisations, labels)
    ids = list(zip(process_ids.process_id, process_ids.name_starts))
    short_names = dict(zip(process_ids.process_id, process_ids.short_name))
    for row in table_rows(text, rejects):
        english, names, name_notes = name_forms(row.cells["name"])
        pid = next((p for p, start in ids if fold(english).startswith(fold(start))), None)
        if pid is None:
            rejects.add(
                SOURCE,
                row.line,
                "name",
                english,
                "no process_id in data/reference/process_ids.csv for this name",
            )
            continue
        year, year_text = year_founded(row.cells["year"])
        parties, facts, totals = [], {}, []
        for field_name, role in (("participants", "member"), ("observers", "observer")):
            if field_name not in row.cells:
                continue
            found, cell_facts, cell_totals = reader.read_cell(
                row.cells[field_name], role, row.line, field_name
            )
            parties.extend(found)
            totals.extend(cell_totals)
            for key, value in cell_facts.items():
                if value:
                    facts[key] = "; ".join(filter(None, [facts.get(key, ""), value]))
        secretariat = "\n".join(html_paragraphs(row.cells.get("secretariat", "")))
        website = next(
            iter(URL.findall(" ".join([row.cells["name"], row.cells.get("secretariat", "")]))), ""
        )
        out.processes.append(
            {
                "process_id": pid,
                "name": english,
                "acronym": acronym_of(names),
                "short_name": short_names[pid],
                "kind": row.kind,
                "region": row.region,
                "year_founded": year,
                "year_founded_text": year_text,
                "secretariat": URL.sub("", secretariat).strip(),
                "chair": facts.get("chair", ""),
                "incoming_chair": facts.get("incoming chair", ""),
                "open_to_all": bool(facts.get("open_to_all")),
                "membership_notes": facts.get("notes", ""),
                "description": "\n".join(html_paragraphs(row.cells.get("description", ""))),
                "areas": "\n".join(html_paragraphs(row.cells.get("areas", ""))),
                "priorities": "\n".join(html_paragraphs(row.cells.get("priorities", ""))),
                "agreements": "\n".join(html_paragraphs(row.cells.get("agreements", ""))),
                "website": website.rstrip(".,;)"),
                "name_notes": "; ".join(name_notes),
                "source_line": row.line,
            }
        )
        for alias in _unique(a for n in names for a in alias_candidates(n)):
            out.aliases.append({"process_id": pid, "alias": alias, "origin": "overview name"})
        parties += reader.described_parties(row.cells.get("description", ""))
        parties += reader.named_in_row(row.cells)
        parties += reader.secretariat_parties(
            row.cells.get("secretariat", ""),
            "secretariat" in row.headers.get("secretariat", "").casefold(),
            short_names[pid],
        )
        kept = kept_parties(parties, organisations)
        role_notes = reader.role_sentences(row.cells.get("secretariat", ""))
        for party in kept:
            if party.iso3:
                out.memberships.append(
                    {
                        "process_id": pid,
                        "iso3": party.iso3,
                        "role": party.role,
                        "note": party.note,
                        "source_line": row.line,
                    }
                )
            else:
                name = organisations.canonical(party.name)
                note = " ".join(filter(None, [party.note, *role_notes.get(name, [])]))
                out.organisations.append(
                    {
                        "process_id": pid,
                        "organisation": name,
                        "organisation_text": party.written or party.name,
                        "role": party.role,
                        "note": note,
                        "source_line": row.line,
                    }
                )
        if totals:
            out.count_checks.append(count_check(pid, max(totals), kept))
    out.unused_labels = [
        label.pattern.pattern for label in labels if label not in reader.used_labels
    ]
    return out


def _unique(values: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for v in values:
        if v.casefold() not in seen:
            seen.add(v.casefold())
            out.append(v)
    return out
