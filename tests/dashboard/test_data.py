"""Query helpers: the filters' semantics on small, readable examples and the real tables."""

from __future__ import annotations

import pandas as pd

from dashboard import data


def test_shared_filters_intersect_and_empty_means_all(built):
    p = built.tables["processes"]
    assert data.selected_processes() == tuple(p.process_id)
    africa = data.selected_processes(headings=("Africa",))
    assert set(africa) == set(p.loc[p.region == "Africa", "process_id"])
    assert data.selected_processes(headings=("Africa",), kinds=("Global",)) == ()
    assert data.selected_processes(mechanisms=("pidc", "igc"), kinds=("RCP",)) == ("pidc", "igc")


def test_a_country_shows_its_strongest_role_and_every_mechanism():
    # Algeria: member of several mechanisms, observer of the Rabat Process.
    by_country = data.membership_by_country(
        ("rabat-process", "5plus5-dialogue"), ("member", "observer")
    )
    algeria = by_country.set_index("iso3").loc["DZA"]
    assert algeria.role == "member"
    assert algeria.mechanisms == 2
    assert algeria.detail == "Member: 5+5 Dialogue; Observer: Rabat Process"


def test_shared_members_diagonal_is_each_mechanisms_size(built):
    m = built.tables["memberships"]
    matrix = data.shared_members(("pidc", "cmc", "bali-process"))
    sizes = m[m.role == "member"].groupby("process_id").iso3.nunique()
    assert matrix.loc["PIDC", "PIDC"] == sizes["pidc"] == 23
    assert matrix.loc["CMC", "CMC"] == sizes["cmc"] == 17
    assert matrix.loc["PIDC", "Bali Process"] == matrix.loc["Bali Process", "PIDC"]


def long_meetings() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "meeting_id": ["a", "b", "c", "d"],
            "process_id": ["igc", "rcm", "", "igc"],
            "for_all_mechanisms": [False, False, True, False],
            "start": pd.to_datetime(["2017-03-01", "2017-07-01", "2017-10-10", None]),
            "end": pd.to_datetime(["2017-03-02", "2017-09-30", "2017-10-11", None]),
            "iso3": ["CHE", "MEX", "CHE", ""],
            "tentative": [False, True, False, True],
        }
    )


def test_month_filter_keeps_overlapping_windows_and_undated_meetings():
    kept = data.filter_meetings(long_meetings(), None, months=(8, 8))
    assert list(kept.meeting_id) == ["b", "d"]  # b's July–September window overlaps August


def test_mechanism_filter_keeps_meetings_for_all_mechanisms():
    kept = data.filter_meetings(long_meetings(), ("igc",))
    assert list(kept.meeting_id) == ["a", "c", "d"]


def test_host_and_status_filters():
    assert list(data.filter_meetings(long_meetings(), None, hosts=("CHE",)).meeting_id) == [
        "a",
        "c",
    ]
    assert list(data.filter_meetings(long_meetings(), None, tentative="tentative").meeting_id) == [
        "b",
        "d",
    ]


def test_engagement_filters_match_any_picked_value(built):
    wide = data.engagements_wide()
    assert len(wide) == len(built.tables["engagements"])
    igc = data.filter_engagements(wide, mechanisms=("igc",))
    linked = built.tables["engagement_processes"]
    assert set(igc.engagement_id) == set(linked.loc[linked.process_id == "igc", "engagement_id"])
    countries = built.tables["engagement_countries"]
    in_canada = data.filter_engagements(wide, countries=("CAN",))
    assert set(in_canada.engagement_id) == set(
        countries.loc[countries.iso3 == "CAN", "engagement_id"]
    )


def test_meetings_per_month_follows_the_mechanism_filter(built):
    links = built.tables["meeting_processes"]
    meetings = built.tables["meetings"]
    expected = set(links.loc[links.process_id == "igc", "meeting_id"]) | set(
        meetings.loc[meetings.for_all_mechanisms, "meeting_id"]
    )
    assert data.meetings_per_month(("igc",)).meetings.sum() == len(expected)
    assert data.meetings_per_month().meetings.sum() == len(meetings)


def test_map_click_links_know_what_a_country_hosts(built):
    meetings = built.tables["meetings"]
    assert data.meeting_hosts()["CHE"] == int((meetings.iso3 == "CHE").sum())
    assert "TUV" not in data.meeting_hosts()


def test_points_by_country_counts_codes_and_tuples_of_codes():
    meetings = pd.DataFrame({"iso3": ["CHE", "CHE", ""], "title": ["A", "B", "C"]})
    points = data.points_by_country(meetings, "iso3", "title", "meeting").set_index("iso3")
    assert points.loc["CHE", "count"] == 2
    assert points.loc["CHE", "detail"] == "2 meetings: A; B"
    engagements = pd.DataFrame(
        {"codes": [("USA", "CAN"), ("CAN",), ()], "name": ["Talks", "Group", "Anywhere"]}
    )
    points = data.points_by_country(engagements, "codes", "name", "engagement")
    assert dict(zip(points.iso3, points["count"], strict=True)) == {"CAN": 2, "USA": 1}


def test_source_lines_come_from_data_raw_as_written():
    lines = data.source_lines("bali_ahg_progress_2017.txt", (218, 206, 218))
    assert [n for n, _ in lines] == [218, 206]
    assert lines[0][1].startswith("3.4 Quick Reference Guide for Frontline Officers")
    assert lines[1][1].startswith("Ad Hoc Group Progress Report: October 2017 Report")
    assert data.source_lines("bali_ahg_progress_2017.txt", (0, 99999)) == []


def test_source_lines_never_open_a_file_outside_data_raw():
    assert data.raw_lines("../README.md") == ()
    assert data.raw_lines("/etc/passwd") == ()
    assert data.source_lines("no_such_file.txt", (1,)) == []


def test_row_provenance_per_table():
    action = pd.Series({"item": "3.3", "source_line": "216", "source_lines": "216 218"})
    assert data.row_provenance("action_items", action) == ("bali_ahg_progress_2017.txt", (216, 218))
    # A meeting names its document: each calendar's file is its own, and a report's meeting
    # its report's.
    meeting = pd.Series(
        {"meeting_id": "2017-001", "source_line": "3", "source": "iscm_calendar_2017.txt"}
    )
    assert data.row_provenance("meetings", meeting) == ("iscm_calendar_2017.txt", (3,))
    later = pd.Series(
        {"meeting_id": "2018-002", "source_line": 7, "source": "iscm_calendar_2018.txt"}
    )
    assert data.row_provenance("meetings", later) == ("iscm_calendar_2018.txt", (7,))
    reported = pd.Series(
        {"meeting_id": "bali-2017-05", "source_line": 210, "source": "bali_ahg_progress_2017.txt"}
    )
    assert data.row_provenance("meetings", reported) == ("bali_ahg_progress_2017.txt", (210,))
    mention = pd.Series(
        {
            "report_meeting_id": "bali-2017-05",
            "source_line": 210,
            "source_lines": "210 214",
            "source": "bali_ahg_progress_2017.txt",
        }
    )
    assert data.row_provenance("report_meetings", mention) == (
        "bali_ahg_progress_2017.txt",
        (210, 214),
    )
    reject = pd.Series({"source": "iscm_overview.txt", "line": "100", "text": "79 ACP"})
    assert data.row_provenance("rejects", reject) == ("iscm_overview.txt", (100,))
    assert data.row_provenance("themes", pd.Series({"theme_id": "data"})) is None


def test_every_row_with_a_line_knows_its_source_file(built):
    for name, frame in built.tables.items():
        if "source_line" not in frame.columns:
            continue
        found = [data.row_provenance(name, row) for _, row in frame.iterrows()]
        assert None not in found, f"{name} keeps source_line but a row names no file"
        files = {file for file, _ in found}
        assert all((data.RAW / f).is_file() for f in files), (name, files)


def test_points_by_country_with_no_place_is_empty_not_an_error():
    # USCIS engagements filtered to ones that name no country (e.g. office ASY) left none.
    engagements = pd.DataFrame({"codes": [(), ()], "name": ["Anywhere", "HQ"]})
    points = data.points_by_country(engagements, "codes", "name", "engagement")
    assert points.empty and {"iso3", "count", "detail"} <= set(points.columns)


def test_a_meetings_first_theme_is_a_whole_label(built):
    # "Climate, environment and displacement" holds a comma: splitting the themes column on
    # ", " named the theme "Climate", a category with no colour of its own.
    links = built.tables["theme_links"]
    climate = set(
        links.loc[(links.entity_type == "meeting") & (links.theme_id == "climate"), "entity_id"]
    )
    long = data.meetings_long()
    assert climate and set(long.first_theme) <= set(data.theme_labels().values()) | {"No theme"}
    firsts = long[long.meeting_id.isin(climate)].drop_duplicates("meeting_id")
    assert "Climate, environment and displacement" in set(firsts.first_theme)
