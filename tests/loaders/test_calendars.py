"""Calendars of any year: every data/raw file matching iscm_calendar_*.txt is loaded; meetings
keep the calendar they came from (`source`); ids are "<year>-<row>", so 2017's do not change
when another year comes, and neither do those of the meetings only the reports and the
overview describe.

The second calendar, tests/loaders/calendars/iscm_calendar_2018.txt, is made up for these tests
in the 2017 file's format: a range across months (line 6, whose title names a theme), a month
(7) and a quarter (8) with TBC, a mechanism alias (ARCP, line 9), a row cut by a page break
(10, continued on 13 after a repeated header), a half-year (14), a TBC date (15) and a meeting
for all ISCMs (16). The expected rows below are read from that file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from loaders.build import RAW, run
from loaders.countries import CountryResolver
from loaders.meeting_calendar import load_calendars
from loaders.processes import ProcessResolver
from loaders.rejects import RejectLog

CALENDAR_2018 = Path(__file__).resolve().parent / "calendars" / "iscm_calendar_2018.txt"
FILE_2018 = CALENDAR_2018.name
# meeting_id, start, end, precision, tentative, city, iso3, venue, process ids, source line
EXPECTED_2018 = [
    ("2018-001", "2018-01-30", "2018-02-01", "day", False, "Geneva", "CHE", "", ["igc"], 6),
    (
        "2018-002",
        "2018-03-01",
        "2018-03-31",
        "month",
        True,
        "Bangkok",
        "THA",
        "",
        ["bali-process"],
        7,
    ),
    ("2018-003", "2018-01-01", "2018-03-31", "quarter", True, "", "", "", ["midwa"], 8),
    (
        "2018-004",
        "2018-04-23",
        "2018-04-24",
        "day",
        False,
        "Cairo",
        "EGY",
        "League of Arab States Headquarters",
        ["arab-rcp"],
        9,
    ),
    (
        "2018-005",
        "2018-06-28",
        "2018-07-02",
        "day",
        False,
        "Rabat",
        "MAR",
        "",
        ["rabat-process"],
        10,
    ),
    ("2018-006", "2018-07-01", "2018-12-31", "half", True, "", "", "", ["rcm"], 14),
    ("2018-007", "", "", "unknown", True, "Manila", "PHL", "", ["afml"], 15),
    ("2018-008", "2018-10-10", "2018-10-11", "day", False, "Geneva", "CHE", "", [], 16),
]


def raw_dir(tmp_path: Path, with_2017: bool = True) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in RAW.iterdir():
        if with_2017 or path.name != "iscm_calendar_2017.txt":
            shutil.copy(path, raw / path.name)
    shutil.copy(CALENDAR_2018, raw / FILE_2018)
    return raw


@pytest.fixture(scope="module")
def both_years(tmp_path_factory):
    return run(raw_dir(tmp_path_factory.mktemp("both")))


@pytest.fixture(scope="module")
def only_2018(tmp_path_factory):
    return run(raw_dir(tmp_path_factory.mktemp("only"), with_2017=False))


def rows_of(meetings: pd.DataFrame, links: pd.DataFrame) -> list[tuple]:
    linked = links.groupby("meeting_id").process_id.agg(list)
    return [
        (
            m.meeting_id,
            m.start_date,
            m.end_date,
            m.date_precision,
            bool(m.tentative),
            m.city,
            m.iso3,
            m.venue,
            linked.get(m.meeting_id, []),
            int(m.source_line),
        )
        for m in meetings.itertuples()
    ]


def calendar_rows(meetings: pd.DataFrame, file: str) -> pd.DataFrame:
    return meetings[meetings.source == file].reset_index(drop=True)


def test_both_years_are_loaded_and_2017_is_unchanged(both_years, built):
    meetings = both_years.tables["meetings"]
    calendars = meetings[meetings.source.str.startswith("iscm_calendar_")]
    assert calendars.source.value_counts().to_dict() == {"iscm_calendar_2017.txt": 62, FILE_2018: 8}
    assert set(meetings.calendar_year) == {2017, 2018}
    assert meetings.meeting_id.is_unique
    # Every meeting of the build without 2018 is there with the same id and the same row.
    ids = set(built.tables["meetings"].meeting_id)
    old = meetings[meetings.meeting_id.isin(ids)].reset_index(drop=True)
    assert old.equals(built.tables["meetings"])
    links = both_years.tables["meeting_processes"]
    assert (
        links[links.meeting_id.isin(ids)]
        .reset_index(drop=True)
        .equals(built.tables["meeting_processes"])
    )


def test_the_2018_rows_are_read_as_written(both_years):
    meetings = both_years.tables["meetings"]
    new = calendar_rows(meetings, FILE_2018)
    assert rows_of(new, both_years.tables["meeting_processes"]) == EXPECTED_2018
    titles = new.set_index("meeting_id").title
    assert titles["2018-002"] == "Ad Hoc Group Senior Officials' Meeting"
    assert titles["2018-005"] == "Senior Officials Meeting on the Joint Valletta Action Plan"
    assert titles["2018-007"] == "11th AFML"
    rabat = new.set_index("meeting_id").loc["2018-005"]
    assert rabat.mechanism_text == (
        "Rabat Process (Euro-African Dialogue on Migration and Development)"
    )
    assert new.set_index("meeting_id").loc["2018-008"].for_all_mechanisms
    assert both_years.tables["rejects"].empty


def test_the_reports_meetings_keep_their_ids_whatever_calendars_come(both_years, only_2018, built):
    for build in (both_years, only_2018):
        assert build.tables["report_meetings"].equals(built.tables["report_meetings"])
    # With a 2018 calendar the reports' 2018 meetings join it under the same ids: the RCM's
    # fifth meeting (first quarter 2018, line 125), the Bali report's 3rd meeting of National
    # Training Directors (July 2018, line 206) and its three other 2018 plans (line 210: the
    # working group's next meeting, the January training workshop; line 228: the TFPP).
    meetings = both_years.tables["meetings"]
    joined = meetings[
        (meetings.calendar_year == 2018) & ~meetings.source.str.startswith("iscm_calendar_")
    ]
    assert sorted(joined.meeting_id) == [
        "bali-2017-04",
        "bali-2017-07",
        "bali-2017-09",
        "bali-2017-26",
        "rcm-2017-09",
    ]
    assert set(only_2018.tables["meetings"].calendar_year) == {2018}


def test_with_only_another_years_calendar_its_ids_and_rows_are_the_same(only_2018, both_years):
    meetings = only_2018.tables["meetings"]
    assert set(meetings.source[meetings.source.str.startswith("iscm_calendar_")]) == {FILE_2018}
    assert (
        rows_of(calendar_rows(meetings, FILE_2018), only_2018.tables["meeting_processes"])
        == EXPECTED_2018
    )


def test_themes_link_meetings_of_every_year(both_years, built):
    links = both_years.tables["theme_links"]
    meetings = links[links.entity_type == "meeting"]
    # Line 6: "Technology Working Group Meeting on biometrics"; no other 2018 title names a
    # theme. The 2017 calendar's meetings keep their links.
    assert meetings.loc[
        meetings.entity_id.str.startswith("2018"), ["entity_id", "theme_id", "matched"]
    ].values.tolist() == [["2018-001", "borders", "biometrics"]]
    old = built.tables["theme_links"]
    ids = set(built.tables["meetings"].meeting_id)
    assert (
        meetings[meetings.entity_id.isin(ids)]
        .reset_index(drop=True)
        .equals(old[old.entity_type == "meeting"].reset_index(drop=True))
    )


# ---------------------------------------------------------------- inline examples

TITLED = "{year} Calendar of Meetings\n\nDate\tPlace\tISCM\tTitle\nMarch 2, {year}\tTBC\tIGC\tA\n"


@pytest.fixture(scope="module")
def resolvers():
    aliases = pd.DataFrame({"process_id": ["igc"], "alias": ["IGC"]})
    return ProcessResolver.from_aliases(aliases), CountryResolver.from_reference()


def test_a_second_calendar_of_the_same_year_gets_its_own_ids_and_a_warning(resolvers):
    processes, countries = resolvers
    files = [
        ("iscm_calendar_2017.txt", TITLED.format(year=2017)),
        ("iscm_calendar_2017_update.txt", TITLED.format(year=2017)),
    ]
    out = load_calendars(files, processes, countries, RejectLog())
    assert [m["meeting_id"] for m in out.meetings] == ["2017-001", "2017b-001"]
    assert out.warnings == [
        "iscm_calendar_2017_update.txt: another calendar already names "
        "2017; its meetings are numbered 2017b-NNN"
    ]


def test_files_are_read_in_name_order_whatever_order_they_come_in(resolvers):
    processes, countries = resolvers
    files = [
        ("iscm_calendar_2019.txt", TITLED.format(year=2019)),
        ("iscm_calendar_2018.txt", TITLED.format(year=2018)),
    ]
    out = load_calendars(files, processes, countries, RejectLog())
    assert [(m["meeting_id"], m["source"], m["calendar_year"]) for m in out.meetings] == [
        ("2018-001", "iscm_calendar_2018.txt", 2018),
        ("2019-001", "iscm_calendar_2019.txt", 2019),
    ]


def test_a_calendar_without_a_year_in_its_title_takes_the_file_names(resolvers):
    processes, countries = resolvers
    text = "Calendar of Meetings\n\nDate\tPlace\tISCM\tTitle\nTBC\tTBC\tIGC\tA\n"
    out = load_calendars(
        [("iscm_calendar_2020.txt", text), ("iscm_calendar_new.txt", text)],
        processes,
        countries,
        RejectLog(),
    )
    assert [(m["meeting_id"], m["calendar_year"]) for m in out.meetings] == [
        ("2020-001", 2020),
        ("undated-001", None),
    ]
