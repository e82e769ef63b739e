"""The build: data/raw + data/reference -> data/processed, validated, written atomically.

run() in three parts, as in owid/etl: load inputs, process data, save outputs.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.bali_report import (
    actors_from_table,
    cell_starts_from_table,
    load_bali_report,
    status_focus_from_table,
)
from loaders.calendar_2017 import load_calendar
from loaders.countries import CountryResolver
from loaders.geo import OUTLINES, country_shapes, read_outlines, with_shapes
from loaders.groups import CountryGroups
from loaders.organisations import OrganisationNames
from loaders.overview import load_overview
from loaders.overview_events import load_events
from loaders.processes import ProcessResolver
from loaders.rcm_report import load_rcm_report
from loaders.rejects import RejectLog
from loaders.schemas import SCHEMAS, validate_tables
from loaders.themes import entity_texts, theme_links
from loaders.uscis import load_engagements

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
PROCESSED = ROOT / "data" / "processed"
SOURCES = {
    "overview": "iscm_overview.txt",
    "calendar": "iscm_calendar_2017.txt",
    "uscis": "uscis_raio_engagements.txt",
    "rcm": "rcm_extra_regional_2017.txt",
    "bali": "bali_ahg_progress_2017.txt",
}
REFERENCE_TABLES = ["process_ids", "process_aliases_extra", "acronyms", "frequency_rules",
                    "staff_roles", "staffing_levels", "place_aliases", "organisations",
                    "foreign_agencies", "partner_groups", "themes", "theme_rules", "bali_cells",
                    "bali_actors", "bali_status_focus"]


class BuildError(Exception):
    """The build cannot produce valid tables; the message says why, in words."""


@dataclass
class BuildResult:
    """Validated tables (including rejects), and warnings for the reviewer."""

    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)


def read_source(raw_dir: Path, name: str) -> str:
    """A source file's text (UTF-8, a BOM dropped); BuildError if it is missing or not UTF-8."""
    path = raw_dir / name
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except FileNotFoundError as exc:
        raise BuildError(f"missing source file {path}") from exc
    except UnicodeDecodeError as exc:
        raise BuildError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def read_reference(reference_dir: Path) -> dict[str, pd.DataFrame]:
    """The reference tables as DataFrames of text; BuildError when one is missing or broken."""
    out = {}
    for name in REFERENCE_TABLES:
        try:
            out[name] = pd.read_csv(reference_dir / f"{name}.csv", dtype=str,
                                    keep_default_na=False)
        except (FileNotFoundError, pd.errors.ParserError) as exc:
            raise BuildError(f"reference table {name}.csv cannot be read: {exc}") from exc
    return out


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(SCHEMAS[table].columns))


def run(raw_dir: Path = RAW, reference_dir: Path = REFERENCE,
        outlines_path: Path = OUTLINES) -> BuildResult:
    """Build every table from the sources; never raises for a bad row (it becomes a reject)."""
    # Load inputs
    texts = {key: read_source(raw_dir, name) for key, name in SOURCES.items()}
    try:
        outlines = read_outlines(outlines_path)
    except Exception as exc:  # pyogrio raises several types for an unreadable file
        raise BuildError(f"country outlines {outlines_path} cannot be read: {exc}") from exc
    ref = read_reference(reference_dir)
    countries = CountryResolver.from_reference(reference_dir)
    groups = CountryGroups.from_reference(reference_dir)
    rejects = RejectLog()

    # Process data
    organisations = OrganisationNames(ref["organisations"])
    overview = load_overview(texts["overview"], ref["process_ids"], countries, groups, rejects,
                             organisations)
    places = dict(zip(ref["place_aliases"].place, ref["place_aliases"].iso3))
    events = load_events(texts["overview"], {p["source_line"]: p["process_id"]
                                             for p in overview.processes},
                         countries, places, rejects)
    aliases = _frame(overview.aliases, "process_aliases")
    extra = ref["process_aliases_extra"].assign(origin=lambda d: "reference: " + d.seen_in)
    aliases = pd.concat([aliases, extra[["process_id", "alias", "origin"]]], ignore_index=True)
    aliases = aliases.drop_duplicates(["process_id", "alias"])
    processes = ProcessResolver.from_aliases(aliases)
    calendar = load_calendar(texts["calendar"], SOURCES["calendar"], processes, countries,
                             rejects)
    engagements = load_engagements(texts["uscis"], countries, processes, ref, rejects)
    report = load_rcm_report(texts["rcm"], countries, ref["organisations"], rejects)
    actions = load_bali_report(texts["bali"], rejects, cell_starts_from_table(ref["bali_cells"]),
                               actors_from_table(ref["bali_actors"]),
                               status_focus_from_table(ref["bali_status_focus"]))

    tables = {
        "processes": _frame(overview.processes, "processes"),
        "process_aliases": aliases,
        "memberships": _frame(overview.memberships, "memberships"),
        "process_organisations": _frame(overview.organisations, "process_organisations"),
        "process_events": _frame(events, "process_events"),
        "count_checks": _frame(overview.count_checks, "count_checks"),
        "meetings": _frame(calendar.meetings, "meetings"),
        "meeting_processes": _frame(calendar.links, "meeting_processes"),
        "engagements": _frame(engagements.engagements, "engagements"),
        "engagement_countries": _frame(engagements.countries, "engagement_countries"),
        "engagement_partners": _frame(engagements.partners, "engagement_partners"),
        "engagement_roles": _frame(engagements.roles, "engagement_roles"),
        "engagement_processes": _frame(engagements.processes, "engagement_processes"),
        "acronyms": _frame(engagements.acronyms, "acronyms"),
        "themes": ref["themes"][["theme_id", "label", "description"]],
        "action_items": _frame(actions.items, "action_items"),
        "reports": _frame(report.reports, "reports"),
        "report_participants": _frame(report.participants, "report_participants"),
        "report_items": _frame(report.items, "report_items"),
    }
    tables["theme_links"] = _frame(_all_theme_links(tables, ref["theme_rules"]), "theme_links")
    codes = set()
    for frame in tables.values():
        if "iso3" in frame.columns:
            codes |= set(frame["iso3"].dropna()) - {""}
    tables["countries"] = with_shapes(countries.country_rows(codes),
                                      country_shapes(outlines, countries))
    tables["rejects"] = rejects.to_frame()

    validated, problems = validate_tables(tables)
    if problems:
        raise BuildError("validation failed:\n  " + "\n  ".join(problems))
    warnings = [f"country alias never used: {a!r}" for a in countries.unused_aliases()]
    warnings += [f"country group never used: {g}" for g in sorted(set(groups.members)
                                                                    - groups.used)]
    return BuildResult(validated, warnings)


def _all_theme_links(tables: dict[str, pd.DataFrame], rules: pd.DataFrame) -> list[dict]:
    links: list[dict] = []
    for entity_type, by_id in entity_texts(tables).items():
        links.extend(theme_links(entity_type, by_id, rules))
    return links


def _to_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    return out


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Write every table as UTF-8 CSV into a temporary folder, then swap it into out_dir."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        for name, frame in tables.items():
            _to_csv_frame(frame).to_csv(tmp / f"{name}.csv", index=False, lineterminator="\n",
                                        float_format="%.4f")
        old = out_dir.with_name(out_dir.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if out_dir.exists():
            out_dir.rename(old)
        tmp.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
