"""The registry: every source document and every derived table, declared once.

A `Source` names its file in data/raw (or a file pattern, for a document that comes once a
year), the reference tables its loader reads, the loader, and the tables it emits with their
schemas. A `Derived` step builds tables from the tables before it (themes, theme links,
countries, rejects). Everything else is derived from STEPS: the build (`loaders/build.py`) runs
them in order and validates each table against its schema; `tests/loaders/test_registry.py`
checks the data dictionary (`data/README.md`) documents every table and column;
`dashboard/data.py` reads the tables with the column types the schemas state, finds the file a
row came from, and exports every table.

Adding a source = one loader module + one entry in STEPS (before the derived steps).

A table is declared by one step (`tables`); a later step may add rows to it (`extends`): the
reports add their meetings to report_meetings, and the meeting links add the meetings only the
reports and the overview describe to the calendars' meetings. Such a table's rows name their
file (`file_column`).
"""

from __future__ import annotations

import calendar
import fnmatch
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa

from loaders.bali_report import (
    actors_from_table,
    cell_starts_from_table,
    load_bali_report,
    pages,
    report_title,
    status_focus_from_table,
)
from loaders.countries import CountryResolver
from loaders.geo import country_shapes, with_shapes
from loaders.groups import CountryGroups
from loaders.meeting_calendar import load_calendars
from loaders.meeting_links import link_meetings
from loaders.organisations import OrganisationNames
from loaders.overview import load_events, load_overview, participant_labels
from loaders.processes import ProcessResolver
from loaders.rcm_report import load_rcm_report
from loaders.rejects import RejectLog
from loaders.report_meetings import Mention, Reader, mentions_in, report_meeting_rows
from loaders.rows import Row, cell_int
from loaders.schemas import SCHEMAS
from loaders.text import fold
from loaders.themes import entity_texts, theme_links
from loaders.uscis import load_engagements

Rows = list[Row] | pd.DataFrame
ColumnType = Literal["text", "boolean", "integer", "number"]


class ReferenceTableError(ValueError):
    """A reviewed reference table holds a row the loaders cannot use (the build stops)."""


@dataclass(frozen=True)
class SourceFile:
    """One file of data/raw: its name and its text (UTF-8, BOM dropped, LF line ends)."""

    name: str
    text: str


@dataclass
class BuildContext:
    """What every step of one build shares: the reference tables and resolvers, the reject
    log, and the tables emitted so far (validated only at the end)."""

    reference: dict[str, pd.DataFrame]
    countries: CountryResolver
    groups: CountryGroups
    outlines: gpd.GeoDataFrame
    rejects: RejectLog = field(default_factory=RejectLog)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def processes(self) -> ProcessResolver:
        """Mechanism names -> process_ids, from the process_aliases emitted so far."""
        return ProcessResolver.from_aliases(self.tables["process_aliases"])


Loader = Callable[[list[SourceFile], BuildContext], dict[str, Rows]]
Builder = Callable[[BuildContext], dict[str, Rows]]


@dataclass(frozen=True)
class Source:
    """A source document: `pattern` is its file name in data/raw, or with `many` a glob that
    every yearly edition matches (each one read, in name order). `file_column` names the
    column in which each row keeps the file it came from (for a source of many files, or a
    table other steps extend), in the tables that have it. `extends` names tables an earlier
    step declared that this one adds rows to."""

    key: str
    pattern: str
    load: Loader
    tables: dict[str, pa.DataFrameSchema]
    reference: tuple[str, ...] = ()
    many: bool = False
    file_column: str = ""
    title: str = ""
    extends: tuple[str, ...] = ()

    def files(self, raw_dir: Path) -> list[Path]:
        """The files of raw_dir this source reads, in name order."""
        if not self.many:
            return [raw_dir / self.pattern]
        return sorted(
            p
            for p in raw_dir.iterdir()
            if p.is_file() and fnmatch.fnmatchcase(p.name, self.pattern)
        )

    def matches(self, file_name: str) -> bool:
        """True when `file_name` is (one of) this source's file(s)."""
        return fnmatch.fnmatchcase(file_name, self.pattern)


@dataclass(frozen=True)
class Derived:
    """Tables built from the tables of the steps before (and reference tables); `extends`
    and `file_column` as for a Source."""

    key: str
    build: Builder
    tables: dict[str, pa.DataFrameSchema]
    reference: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    file_column: str = ""


Step = Source | Derived


def _schemas(*names: str) -> dict[str, pa.DataFrameSchema]:
    return {name: SCHEMAS[name] for name in names}


# ---------------------------------------------------------------- the loaders' adapters


def _overview(files: list[SourceFile], ctx: BuildContext) -> dict[str, Rows]:
    text = files[0].text
    try:
        labels = participant_labels(ctx.reference["participant_labels"])
    except ValueError as exc:  # a broken row of the reviewed table: stop, naming it
        raise ReferenceTableError(str(exc)) from exc
    overview = load_overview(
        text,
        ctx.reference["process_ids"],
        ctx.countries,
        ctx.groups,
        ctx.rejects,
        OrganisationNames(ctx.reference["organisations"]),
        labels,
    )
    ctx.warnings.extend(f"participant label never used: {p!r}" for p in overview.unused_labels)
    places = dict(
        zip(ctx.reference["place_aliases"].place, ctx.reference["place_aliases"].iso3, strict=True)
    )
    events = load_events(
        text,
        {cell_int(p["source_line"]): str(p["process_id"]) for p in overview.processes},
        ctx.countries,
        places,
        ctx.rejects,
    )
    aliases = pd.DataFrame(overview.aliases, columns=list(SCHEMAS["process_aliases"].columns))
    extra = ctx.reference["process_aliases_extra"].assign(
        origin=lambda d: "reference: " + d.seen_in
    )
    aliases = pd.concat([aliases, extra[["process_id", "alias", "origin"]]], ignore_index=True)
    aliases = _without_excluded_aliases(aliases, ctx)
    return {
        "processes": overview.processes,
        "process_aliases": aliases.drop_duplicates(["process_id", "alias"]),
        "memberships": overview.memberships,
        "process_organisations": overview.organisations,
        "process_events": events,
        "count_checks": overview.count_checks,
    }


def _without_excluded_aliases(aliases: pd.DataFrame, ctx: BuildContext) -> pd.DataFrame:
    """The aliases less the reviewed exclusions (reference/process_alias_exclusions.csv: forms
    the name rules derive that name another body or half a name); a warning for an exclusion
    no derived alias matched."""
    excluded = ctx.reference["process_alias_exclusions"]
    pairs = set(zip(excluded.process_id, excluded.alias, strict=True))
    found = set(zip(aliases.process_id, aliases.alias, strict=True))
    ctx.warnings.extend(
        f"alias exclusion never used: {pid} {alias!r}" for pid, alias in sorted(pairs - found)
    )
    keep = [
        (pid, alias) not in pairs
        for pid, alias in zip(aliases.process_id, aliases.alias, strict=True)
    ]
    return aliases[keep]


def _calendars(files: list[SourceFile], ctx: BuildContext) -> dict[str, Rows]:
    calendar = load_calendars(
        [(f.name, f.text) for f in files], ctx.processes(), ctx.countries, ctx.rejects
    )
    ctx.warnings.extend(calendar.warnings)
    return {"meetings": calendar.meetings, "meeting_processes": calendar.links}


def _engagements(files: list[SourceFile], ctx: BuildContext) -> dict[str, Rows]:
    found = load_engagements(
        files[0].text, ctx.countries, ctx.processes(), ctx.reference, ctx.rejects
    )
    return {
        "engagements": found.engagements,
        "engagement_countries": found.countries,
        "engagement_partners": found.partners,
        "engagement_roles": found.roles,
        "engagement_processes": found.processes,
        "acronyms": found.acronyms,
    }


def _places(ctx: BuildContext) -> dict[str, str]:
    """Places written without their country (reference/place_aliases.csv), folded -> ISO3."""
    table = ctx.reference["place_aliases"]
    return {fold(p): i for p, i in zip(table.place, table.iso3, strict=True)}


def _rcm_report(files: list[SourceFile], ctx: BuildContext) -> dict[str, Rows]:
    report = load_rcm_report(
        files[0].text,
        ctx.countries,
        OrganisationNames(ctx.reference["organisations"]),
        ctx.rejects,
        _places(ctx),
        ctx.processes().by_key,
    )
    return {
        "reports": report.reports,
        "report_participants": report.participants,
        "report_items": report.items,
        "report_meetings": report.meetings,
    }


def _bali_report(files: list[SourceFile], ctx: BuildContext) -> dict[str, Rows]:
    text = files[0].text
    actions = load_bali_report(
        text,
        ctx.rejects,
        cell_starts_from_table(ctx.reference["bali_cells"]),
        actors_from_table(ctx.reference["bali_actors"]),
        status_focus_from_table(ctx.reference["bali_status_focus"]),
    )
    return {
        "action_items": actions.items,
        "report_meetings": bali_meetings(text, actions.items, ctx),
    }


def bali_meetings(text: str, actions: list[Row], ctx: BuildContext) -> list[Row]:
    """The dated meetings the Bali report's transcription names (report_meetings rows), each
    placed in the action whose status holds it, or in the introduction on the first page."""
    page_list = pages(text)
    if not page_list:
        return []
    statuses = [(a["item"], fold(str(a["status"]))) for a in actions]
    first_page = page_list[0][0]

    def context_of(line: int, words: str) -> str:
        key = fold(words).rstrip(".;, ")
        item = next((i for i, status in statuses if key and key in status), "")
        return f"action {item}" if item else "introduction" if line == first_page else ""

    title_line, title = report_title(text)
    dated = re.search(r"\b(" + "|".join(calendar.month_name[1:]) + r") (\d{4})\b", title)
    if not dated:
        ctx.rejects.add(
            BALI_FILE,
            title_line,
            "date",
            title,
            "no month and year in the report's title: its meetings are not read",
        )
        return []
    month, year = list(calendar.month_name).index(dated.group(1)), int(dated.group(2))
    report_date = date(year, month, calendar.monthrange(year, month)[1])
    reader = Reader(
        BALI_FILE,
        ctx.countries,
        _places(ctx),
        ctx.processes().by_key,
        report_date,
        "bali-process",
        ctx.rejects,
        context_of,
    )
    found: list[Mention] = mentions_in(page_list, reader)
    return report_meeting_rows(found, f"bali-{year}", BALI_FILE)


def _meeting_links(ctx: BuildContext) -> dict[str, Rows]:
    labels = {s.pattern: s.title for s in sources() if not s.many}
    actions = ctx.tables["action_items"]
    linked = link_meetings(
        ctx.tables["meetings"],
        ctx.tables["meeting_processes"],
        ctx.tables["report_meetings"],
        ctx.tables["process_events"],
        ctx.tables["processes"],
        OVERVIEW_FILE,
        labels,
        dict(zip(actions["item"], actions["action"], strict=True)),
    )
    ctx.warnings.extend(linked.warnings)
    return {
        "meetings": linked.meetings,
        "meeting_processes": linked.links,
        "meeting_sources": linked.sources,
    }


def _themes(ctx: BuildContext) -> dict[str, Rows]:
    return {"themes": ctx.reference["themes"][["theme_id", "label", "description"]]}


def _theme_links(ctx: BuildContext) -> dict[str, Rows]:
    links: list[Row] = []
    for entity_type, by_id in entity_texts(ctx.tables).items():
        links.extend(theme_links(entity_type, by_id, ctx.reference["theme_rules"]))
    return {"theme_links": links}


def _countries(ctx: BuildContext) -> dict[str, Rows]:
    codes: set[str] = set()
    for frame in ctx.tables.values():
        if "iso3" in frame.columns:
            codes |= set(frame["iso3"].dropna()) - {""}
    return {
        "countries": with_shapes(
            ctx.countries.country_rows(codes), country_shapes(ctx.outlines, ctx.countries)
        )
    }


def _rejects(ctx: BuildContext) -> dict[str, Rows]:
    return {"rejects": ctx.rejects.to_frame()}


# ---------------------------------------------------------------- the registry

OVERVIEW_FILE = "iscm_overview.txt"
BALI_FILE = "bali_ahg_progress_2017.txt"

STEPS: tuple[Step, ...] = (
    Source(
        "overview",
        OVERVIEW_FILE,
        _overview,
        _schemas(
            "processes",
            "process_aliases",
            "memberships",
            "process_organisations",
            "process_events",
            "count_checks",
        ),
        reference=(
            "process_ids",
            "process_aliases_extra",
            "process_alias_exclusions",
            "organisations",
            "place_aliases",
            "participant_labels",
        ),
        title="IOM overview of inter-state consultation mechanisms on migration",
    ),
    Source(
        "calendar",
        "iscm_calendar_*.txt",
        _calendars,
        _schemas("meetings", "meeting_processes"),
        many=True,
        file_column="source",
        title="Calendars of ISCM meetings, one file a year",
    ),
    Source(
        "uscis",
        "uscis_raio_engagements.txt",
        _engagements,
        _schemas(
            "engagements",
            "engagement_countries",
            "engagement_partners",
            "engagement_roles",
            "engagement_processes",
            "acronyms",
        ),
        reference=(
            "acronyms",
            "frequency_rules",
            "staff_roles",
            "staffing_levels",
            "place_aliases",
            "organisations",
            "foreign_agencies",
            "partner_groups",
        ),
        title="USCIS RAIO international engagements",
    ),
    Source(
        "rcm",
        "rcm_extra_regional_2017.txt",
        _rcm_report,
        _schemas("reports", "report_participants", "report_items", "report_meetings"),
        reference=("organisations", "place_aliases"),
        file_column="source",
        title="RCM ad-hoc working group on extra-regional migrants, report",
    ),
    Source(
        "bali",
        BALI_FILE,
        _bali_report,
        _schemas("action_items"),
        reference=("bali_cells", "bali_actors", "bali_status_focus", "place_aliases"),
        extends=("report_meetings",),
        title="Bali Process Ad Hoc Group progress report",
    ),
    Derived(
        "meeting_links",
        _meeting_links,
        _schemas("meeting_sources"),
        extends=("meetings", "meeting_processes"),
        file_column="source",
    ),
    Derived("themes", _themes, _schemas("themes"), reference=("themes",)),
    Derived("theme_links", _theme_links, _schemas("theme_links"), reference=("theme_rules",)),
    Derived("countries", _countries, _schemas("countries")),
    Derived("rejects", _rejects, _schemas("rejects")),
)


def sources(steps: Iterable[Step] | None = None) -> list[Source]:
    """The Source steps, in build order."""
    return [s for s in (STEPS if steps is None else steps) if isinstance(s, Source)]


def schemas(steps: Iterable[Step] | None = None) -> dict[str, pa.DataFrameSchema]:
    """table name -> schema, for every table the steps emit, in build order."""
    out: dict[str, pa.DataFrameSchema] = {}
    for step in STEPS if steps is None else steps:
        out.update(step.tables)
    return out


def table_names(steps: Iterable[Step] | None = None) -> list[str]:
    """Every table the build writes, in build order (rejects last)."""
    return list(schemas(steps))


def reference_names(steps: Iterable[Step] | None = None) -> list[str]:
    """The reference tables (data/reference/<name>.csv) the steps read, each once."""
    names: dict[str, None] = {}
    for step in STEPS if steps is None else steps:
        names.update(dict.fromkeys(step.reference))
    return list(names)


def column_types(table: str, steps: Iterable[Step] | None = None) -> dict[str, ColumnType]:
    """column -> "text", "boolean", "integer" (nullable) or "number", as the schema states."""
    out: dict[str, ColumnType] = {}
    for name, column in schemas(steps)[table].columns.items():
        dtype = str(column.dtype)
        out[name] = (
            "boolean"
            if dtype == "bool"
            else "integer"
            if dtype == "Int64"
            else "number"
            if dtype.startswith("float")
            else "text"
        )
    return out


def source_of(table: str, steps: Iterable[Step] | None = None) -> Source | None:
    """The Source that emits `table`; None for a derived table."""
    return next((s for s in sources(steps) if table in s.tables), None)


def declaring_step(table: str, steps: Iterable[Step] | None = None) -> Step | None:
    """The step that declares `table` (a Source or a Derived step); None when none does."""
    return next((s for s in (STEPS if steps is None else steps) if table in s.tables), None)


def file_column(table: str, steps: Iterable[Step] | None = None) -> str:
    """The column in which each row of `table` names its file in data/raw; "" when the table
    keeps none (its rows come from its source's one file, or from no file)."""
    step = declaring_step(table, steps)
    if step is None or not step.file_column:
        return ""
    return step.file_column if step.file_column in step.tables[table].columns else ""


def table_file(table: str, steps: Iterable[Step] | None = None) -> str:
    """The one data/raw file every row of `table` comes from; "" when the table is derived
    or its source has many files (then its rows name their file: file_column)."""
    source = source_of(table, steps)
    return source.pattern if source is not None and not source.many else ""


def is_source_file(file_name: str, steps: Iterable[Step] | None = None) -> bool:
    """True when `file_name` is a file some source reads."""
    return any(s.matches(file_name) for s in sources(steps))
