"""Metamorphic tests: the same source with layout noise (tests/loaders/noise.py) builds the
same tables, except that a line number points at the same text in the noisy file; a row the
change really breaks lands in the rejects with its file and line.

Each source is one SOURCES_UNDER_TEST entry: its file, where its page header may repeat, how
to load it, and one row to break.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from loaders import registry
from loaders.bali_report import TABLE_HEADER
from loaders.build import (
    RAW,
    REFERENCE,
    read_reference,
    run,
    source_text,
    write_tables,
)
from loaders.countries import CountryResolver
from loaders.groups import CountryGroups
from loaders.meeting_calendar import load_calendar
from loaders.organisations import OrganisationNames
from loaders.overview import load_events, load_overview, participant_labels
from loaders.processes import ProcessResolver
from loaders.rcm_report import load_rcm_report
from loaders.registry import BuildContext, SourceFile
from loaders.rejects import RejectLog
from loaders.text import fold
from loaders.uscis import load_engagements
from tests.loaders.noise import (
    BOM,
    NBSP,
    HeaderAt,
    NoisePlan,
    Noisy,
    add_noise,
    fixed_plan,
    plans,
    table_header_at,
)

Tables = dict[str, list[dict]]
# Each source's file as the registry names it (the calendar: the 2017 one).
FILES = {s.key: s.pattern.replace("*", "2017") for s in registry.sources(registry.STEPS)}
# Line numbers written inside a note: "from line 8: this row is 'similar in nature as
# above'" (USCIS partners), "no Who text for this row on line 206" (Bali actions),
# "mentioned on lines 206 and 214" (report meetings).
_LINE_IN_NOTE = re.compile(r"\b(?:from|on) lines? \d+(?: and \d+)*\b")


@dataclass(frozen=True)
class Context:
    """What the loaders need besides the source text, read once."""

    reference: dict[str, pd.DataFrame]
    countries: CountryResolver
    groups: CountryGroups
    organisations: OrganisationNames
    processes: ProcessResolver
    process_aliases: pd.DataFrame

    @property
    def places(self) -> dict[str, str]:
        table = self.reference["place_aliases"]
        return dict(zip(table.place, table.iso3))


@dataclass(frozen=True)
class Source:
    """A source under test: its file, where its page header may repeat, how to load it, the
    build tables whose line numbers point into it, and a row to break (1-based line, how)."""

    key: str
    header_at: HeaderAt
    load: Callable[[str, Context], Tables]
    tables: tuple[str, ...]
    broken_line: int
    break_line: Callable[[str], str]

    @property
    def file(self) -> str:
        return FILES[self.key]

    def clean_text(self) -> str:
        return source_text((RAW / self.file).read_bytes())


def _rows(items: list) -> list[dict]:
    return [dict(item) if isinstance(item, dict) else asdict(item) for item in items]


def load_overview_tables(text: str, ctx: Context) -> Tables:
    rejects = RejectLog()
    out = load_overview(
        text,
        ctx.reference["process_ids"],
        ctx.countries,
        ctx.groups,
        rejects,
        ctx.organisations,
        participant_labels(ctx.reference["participant_labels"]),
    )
    events = load_events(
        text,
        {p["source_line"]: p["process_id"] for p in out.processes},
        ctx.countries,
        ctx.places,
        rejects,
    )
    return {
        "processes": out.processes,
        "aliases": out.aliases,
        "memberships": out.memberships,
        "organisations": out.organisations,
        "count_checks": out.count_checks,
        "events": events,
        "rejects": _rows(rejects.items),
    }


def load_calendar_tables(text: str, ctx: Context) -> Tables:
    rejects = RejectLog()
    out = load_calendar(text, FILES["calendar"], ctx.processes, ctx.countries, rejects)
    return {"meetings": out.meetings, "links": out.links, "rejects": _rows(rejects.items)}


def load_uscis_tables(text: str, ctx: Context) -> Tables:
    rejects = RejectLog()
    out = load_engagements(text, ctx.countries, ctx.processes, ctx.reference, rejects)
    return {
        "engagements": out.engagements,
        "countries": out.countries,
        "partners": out.partners,
        "roles": out.roles,
        "processes": out.processes,
        "acronyms": out.acronyms,
        "rejects": _rows(rejects.items),
    }


def load_rcm_tables(text: str, ctx: Context) -> Tables:
    rejects = RejectLog()
    places = {fold(p): i for p, i in ctx.places.items()}
    out = load_rcm_report(
        text, ctx.countries, ctx.organisations, rejects, places, ctx.processes.by_key
    )
    return {
        "reports": out.reports,
        "participants": out.participants,
        "items": out.items,
        "meetings": out.meetings,
        "rejects": _rows(rejects.items),
    }


def load_bali_tables(text: str, ctx: Context) -> Tables:
    """The registry's own Bali step (action_items, and report_meetings read from the report),
    with a build context of its own."""
    build = BuildContext(
        ctx.reference,
        ctx.countries,
        ctx.groups,
        outlines=None,
        tables={"process_aliases": ctx.process_aliases},
    )
    out = _BALI_STEP.load([SourceFile(FILES["bali"], text)], build)
    return {
        "action_items": out["action_items"],
        "report_meetings": out["report_meetings"],
        "rejects": _rows(build.rejects.items),
    }


_BALI_STEP = next(s for s in registry.sources(registry.STEPS) if s.key == "bali")


def _bali_page_head_at(lines: list[str], i: int) -> list[str] | None:
    """A re-scrape that keeps the printed page furniture: the running title (the report's
    first line) and the table's column header row, on lines of their own at any page break
    of the transcription (the first page also prints both inside its text)."""
    transcription = lines.index("Transcription:")
    return [lines[0], TABLE_HEADER] if i > transcription else None


def _overview_header(line: str) -> bool:
    first = line.split("\t")[0].strip()
    return "\t" in line and (
        first in ("RCP", "RCP-Debatable", "ISCM") or re.fullmatch(r"IRF \d+", first) is not None
    )


def _rcm_head_at(lines: list[str], i: int) -> list[str] | None:
    """The report's head (title, place and date, "REPORT OF THE MEETING"), repeated as a
    running page header anywhere after it."""
    head = [line for line in lines[:5] if line.strip()]
    return head if i >= 5 else None


def _split_last_cell(line: str) -> str:
    """The row with its last cell split in two at its first space: one cell too many, which
    no trailing blank cell can hide (a lost cell could be: an empty one may trail the row)."""
    last_tab = line.rindex("\t")
    space = line.index(" ", last_tab)
    return f"{line[:space]}\t{line[space + 1 :]}"


SOURCES_UNDER_TEST = [
    Source(
        "overview",
        table_header_at(_overview_header),
        load_overview_tables,
        ("processes", "memberships", "process_organisations", "process_events"),
        15,
        _split_last_cell,
    ),  # Prague Process
    Source(
        "calendar",
        table_header_at(lambda line: line.startswith("Date\tPlace\t")),
        load_calendar_tables,
        ("meetings",),
        8,
        _split_last_cell,
    ),
    Source(
        "uscis",
        table_header_at(
            lambda line: line.startswith("Office\t"), stop=lambda line: "RAIO Acronyms" in line
        ),
        load_uscis_tables,
        ("engagements", "engagement_partners"),
        5,
        _split_last_cell,
    ),
    Source(
        "rcm",
        _rcm_head_at,
        load_rcm_tables,
        ("report_items", "report_participants", "report_meetings"),
        3,
        lambda line: line.replace("July", "Jully"),
    ),
    Source(
        "bali",
        _bali_page_head_at,
        load_bali_tables,
        ("action_items", "report_meetings"),
        228,
        lambda line: line.replace("6.5 support", "6.S support"),
    ),
]
BY_KEY = {s.key: s for s in SOURCES_UNDER_TEST}


@pytest.fixture(scope="module")
def ctx(built) -> Context:
    reference = read_reference(REFERENCE)
    return Context(
        reference,
        CountryResolver.from_reference(REFERENCE),
        CountryGroups.from_reference(REFERENCE),
        OrganisationNames(reference["organisations"]),
        ProcessResolver.from_aliases(built.tables["process_aliases"]),
        built.tables["process_aliases"],
    )


@pytest.fixture(scope="module")
def clean_tables(ctx) -> dict[str, Tables]:
    return {s.key: s.load(s.clean_text(), ctx) for s in SOURCES_UNDER_TEST}


def moved_line(value: object, line_map: dict[int, int], column: str) -> object:
    """One cell with its line numbers moved to the noisy file's lines holding the same text:
    a line number (source_line, a reject's line), several ("206 208" in source_lines), or a
    line named in a note."""
    if column in ("source_line", "line"):
        return line_map[int(value)]
    if column == "source_lines":
        return " ".join(str(line_map[int(n)]) for n in str(value).split())
    if column.endswith("note") and isinstance(value, str):
        return _LINE_IN_NOTE.sub(
            lambda m: re.sub(r"\d+", lambda n: str(line_map[int(n[0])]), m[0]), value
        )
    return value


def moved(tables: Tables, line_map: dict[int, int]) -> Tables:
    """The tables with every line number moved (see moved_line)."""
    return {
        name: [
            {column: moved_line(value, line_map, column) for column, value in row.items()}
            for row in rows
        ]
        for name, rows in tables.items()
    }


def assert_same_tables(source: Source, noisy: Noisy, ctx: Context, clean: Tables) -> None:
    got = source.load(source_text(noisy.data), ctx)
    expected = moved(clean, noisy.line_map)
    for name in expected:
        assert got[name] == expected[name], f"{source.key}: table {name} differs"


def test_the_noise_is_there_and_keeps_every_line_findable():
    header_at = table_header_at(lambda line: line.startswith("RCP\t"))
    text = "Title\nRCP\tx\na b\tc\nd e\tf"
    noisy = add_noise(text, fixed_plan(text, header_at), header_at)
    assert noisy.data.startswith(BOM.encode())
    lines = noisy.data.decode("utf-8-sig").split("\r\n")
    for number, line in enumerate(text.split("\n"), start=1):
        assert lines[noisy.line_map[number] - 1].replace(NBSP, " ").rstrip(" \t") == line
    # Before each row: the header again and two blank lines; the row itself with
    # non-breaking spaces, three empty cells and a trailing space and tab.
    assert lines[noisy.line_map[3] - 4 : noisy.line_map[3]] == [
        "RCP\tx",
        "",
        " \t",
        "a\u00a0b\tc\t\t\t \t",
    ]
    assert lines.count("RCP\tx") == 2


@pytest.mark.parametrize("source", SOURCES_UNDER_TEST, ids=lambda s: s.key)
def test_every_noise_at_once_builds_the_same_tables(source, ctx, clean_tables):
    text = source.clean_text()
    noisy = add_noise(text, fixed_plan(text, source.header_at), source.header_at)
    assert_same_tables(source, noisy, ctx, clean_tables[source.key])


def _noise_test(key: str, examples: int) -> Callable:
    source = BY_KEY[key]
    lines = source.clean_text().count("\n") + 1

    @settings(max_examples=examples, suppress_health_check=[HealthCheck.too_slow])
    @given(plan=plans(lines))
    def test(plan, ctx, clean_tables):
        noisy = add_noise(source.clean_text(), plan, source.header_at)
        assert_same_tables(source, noisy, ctx, clean_tables[key])

    return test


# Example counts keep the five within about half a minute on a shared machine; a failure
# is replayed from hypothesis's database first on the next run.
test_overview_with_noise_builds_the_same_tables = _noise_test("overview", 50)
test_calendar_with_noise_builds_the_same_tables = _noise_test("calendar", 100)
test_uscis_with_noise_builds_the_same_tables = _noise_test("uscis", 80)
test_rcm_report_with_noise_builds_the_same_tables = _noise_test("rcm", 150)
test_bali_report_with_noise_builds_the_same_tables = _noise_test("bali", 100)


@pytest.mark.parametrize("source", SOURCES_UNDER_TEST, ids=lambda s: s.key)
@pytest.mark.parametrize("noised", [False, True], ids=["clean", "noisy"])
def test_a_broken_row_lands_in_the_rejects_with_file_and_line(source, noised, ctx):
    lines = source.clean_text().split("\n")
    index = source.broken_line - 1
    broken = source.break_line(lines[index])
    assert broken != lines[index]
    text = "\n".join([*lines[:index], broken, *lines[index + 1 :]])
    plan = fixed_plan(text, source.header_at) if noised else NoisePlan()
    noisy = add_noise(text, plan, source.header_at)
    rejects = source.load(source_text(noisy.data), ctx)["rejects"]
    assert [(r["source"], r["line"]) for r in rejects] == [
        (source.file, noisy.line_map[source.broken_line])
    ]


@pytest.mark.parametrize("source", SOURCES_UNDER_TEST, ids=lambda s: s.key)
def test_the_whole_build_of_a_noisy_source_is_the_same(source, built, tmp_path: Path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    text = source.clean_text()
    noisy = add_noise(text, fixed_plan(text, source.header_at), source.header_at)
    (raw / source.file).chmod(0o644)
    (raw / source.file).write_bytes(noisy.data)
    rebuilt = run(raw_dir=raw).tables
    for name, frame in built.tables.items():
        expected = frame.copy()
        # A table whose rows name their file (meetings: calendars, reports, the overview)
        # moves the lines of this source's rows only.
        file_column = registry.file_column(name)
        rows = (
            expected[file_column] == source.file
            if file_column
            else pd.Series(name in source.tables, index=expected.index)
        )
        for column in expected.columns:
            expected.loc[rows, column] = expected.loc[rows, column].map(
                lambda value, c=column: moved_line(value, noisy.line_map, c)
            )
        pd.testing.assert_frame_equal(rebuilt[name], expected, obj=f"{source.key}: {name}")
    write_tables(rebuilt, tmp_path / "processed")  # and it writes
