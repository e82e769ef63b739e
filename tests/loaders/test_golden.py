"""Golden checks on the real sources: counts a person reading the documents finds."""

from __future__ import annotations

import subprocess
from pathlib import Path

from loaders.build import ROOT, write_tables


def test_overview_has_34_mechanisms_by_kind(built):
    kinds = built.tables["processes"].kind.value_counts().to_dict()
    assert kinds == {"RCP": 19, "IRF": 12, "Global": 3}


def test_every_mechanism_has_a_theme_with_evidence(built):
    links = built.tables["theme_links"]
    tagged = set(links.loc[links.entity_type == "process", "entity_id"])
    assert tagged == set(built.tables["processes"].process_id)
    assert (links.evidence.str.len() > 0).all()


def member_codes(built, process_id, role="member"):
    m = built.tables["memberships"]
    return set(m.loc[(m.process_id == process_id) & (m.role == role), "iso3"])


def test_small_island_participants_are_all_found(built):
    assert len(member_codes(built, "pidc")) == 23
    assert len(member_codes(built, "cmc")) == 17
    assert {"MNP", "FSM", "WLF", "NFK", "NIU"} <= member_codes(built, "pidc")


def test_named_quirks_in_memberships(built):
    assert "XKX" in member_codes(built, "prague-process")
    assert {"HKG", "MAC", "NCL"} <= member_codes(built, "bali-process")
    assert member_codes(built, "igad-rcp", "suspended") == {"ERI"}
    assert len(member_codes(built, "eap-panel")) == 34  # 28 EU + 6 named
    assert len(member_codes(built, "abu-dhabi-dialogue")) == 18
    assert len(member_codes(built, "mme")) == 82


def test_global_processes_are_open_to_all_without_rows(built):
    p = built.tables["processes"].set_index("process_id")
    assert p.loc[["gfmd", "hld", "idm"], "open_to_all"].all()
    assert not member_codes(built, "gfmd")


def calendar_meetings(built):
    meetings = built.tables["meetings"]
    return meetings[meetings.source == "iscm_calendar_2017.txt"]


def test_calendar_has_62_meetings_linked_to_mechanisms(built):
    meetings = calendar_meetings(built)
    links = built.tables["meeting_processes"]
    assert len(meetings) == 62
    unlinked = set(meetings.meeting_id) - set(links.meeting_id)
    assert set(meetings.loc[meetings.meeting_id.isin(unlinked), "mechanism_text"]) == {
        "For All ISCMs"
    }


def test_calendar_precisions(built):
    counts = calendar_meetings(built).date_precision.value_counts().to_dict()
    assert counts == {"day": 52, "month": 5, "unknown": 3, "quarter": 1, "half": 1}


def test_2017_meetings_only_the_reports_and_the_overview_describe(built):
    # Read from the sources (tests/loaders/truth/report_meetings.csv): of the reports' 2017
    # meetings, the RCM report adds 2 (its own meeting; the September virtual meeting; its
    # 30 March meeting is the calendar's line 29) and the Bali report 11 (its TFPP and RBDES
    # meetings are the calendar's lines 8 and 18); of the overview's five 2017 past events,
    # four are calendar rows (lines 14, 24, 35 and 43) and ACP-EU's Council of Ministers of
    # 4-5 May 2017 is not.
    meetings = built.tables["meetings"]
    assert len(meetings) == 62 + 2 + 11 + 1
    assert meetings.source.value_counts().to_dict() == {
        "iscm_calendar_2017.txt": 62,
        "bali_ahg_progress_2017.txt": 11,
        "rcm_extra_regional_2017.txt": 2,
        "iscm_overview.txt": 1,
    }
    assert set(meetings.calendar_year) == {2017}


def test_uscis_has_26_engagements_in_8_offices(built):
    e = built.tables["engagements"]
    assert len(e) == 26 and e.office.nunique() == 8
    assert (e.office_name != "").all() and (e.staffing_level != "").all()


def test_bali_report_has_29_actions_under_six_headings(built):
    a = built.tables["action_items"]
    assert len(a) == 29 and a.section.nunique() == 6
    assert a.item.tolist()[:3] == ["1.1", "1.2", "1.3"] and a.item.iloc[-1] == "6.5"


def test_rcm_report_participants(built):
    p = built.tables["report_participants"]
    roles = (
        p.groupby("role")
        .apply(lambda g: (set(g.iso3) | set(g.organisation)) - {""}, include_groups=False)
        .to_dict()
    )
    assert {"BRA", "ECU", "HTI"} <= roles["special invitee"]
    assert {"CAN", "MEX", "USA", "DOM"} <= roles["member attending"]
    assert roles["funder"] == {"OAS"}


def test_no_rejects_remain(built):
    rejects = built.tables["rejects"]
    assert rejects.empty, rejects.to_string()


def test_every_country_code_has_name_region_and_position(built):
    countries = built.tables["countries"]
    assert countries.region.ne("").all() and countries.lat.notna().all()


def committed_tables() -> dict[str, bytes]:
    """data/processed/*.csv as committed at HEAD (the working tree may have been rebuilt)."""
    listing = subprocess.run(
        ["git", "ls-files", "data/processed"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return {
        Path(p).name: subprocess.run(
            ["git", "show", f"HEAD:{p}"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        for p in listing
        if p.endswith(".csv")
    }


def test_rebuild_reproduces_committed_tables(built, tmp_path: Path):
    write_tables(built.tables, tmp_path / "processed")
    rebuilt = {p.name: p.read_bytes() for p in (tmp_path / "processed").glob("*.csv")}
    committed = committed_tables()
    assert sorted(rebuilt) == sorted(committed)
    changed = [name for name in rebuilt if rebuilt[name] != committed[name]]
    assert changed == [], "rebuild differs from the committed tables: run the build and commit"
