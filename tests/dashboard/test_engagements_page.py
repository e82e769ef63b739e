"""The USCIS engagements page and the country profile with the hand-read partners, roles and
schedules (expected values from tests/loaders/truth/, written from the source)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.dashboard.test_pages import open_page

TRUTH = Path(__file__).resolve().parents[1] / "loaders" / "truth"


def _truth(name: str) -> pd.DataFrame:
    return pd.read_csv(TRUTH / f"{name}.csv", dtype=str, keep_default_na=False)


def test_schedule_metrics_follow_the_read_schedules():
    schedules = _truth("engagement_schedules")
    fixed = schedules.meetings_per_year[schedules.meetings_per_year != ""].astype(int)
    at = open_page("engagements")
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Meetings a year (fixed schedules)"] == str(fixed.sum())
    assert values["Without a fixed schedule"] == str(len(schedules) - len(fixed))


def test_table_shows_partners_roles_and_schedule_notes():
    at = open_page("engagements")
    shown = at.dataframe[0].value.set_index("Engagement")
    assert shown.loc["US-Canada Asylum Working Group", "With"] == "IRCC"
    assert shown.loc["Five Country Conference Antifraud Meeting", "Roles"] == (
        "FOD, LES Investigator"
    )
    taskforce = shown.loc["China Ministry of Supervision -Anticorruption Fugitive Taskforce"]
    assert taskforce["Meetings a year"] == ""
    assert taskforce["Schedule note"] == "future meetings have been put on hold"
    assert shown.loc["Five Country Conference Task Force Meeting", "Meetings a year"] == "6"


def test_role_filter_finds_every_engagement_with_that_role():
    roles = _truth("engagement_roles")
    at = open_page("engagements")
    at.multiselect(key="staff").set_value(["Asylum Deputy"]).run()
    expected = roles.engagement_id[roles.role == "Asylum Deputy"].nunique()
    assert {m.label: m.value for m in at.metric}["Engagements"] == str(expected)


def test_country_profile_counts_engagements_with_its_agencies(built):
    partners = _truth("engagement_partners")
    places = built.tables["engagement_countries"]
    with_canada = set(partners.engagement_id[partners.iso3 == "CAN"])
    in_canada = set(places.engagement_id[places.iso3 == "CAN"])
    at = open_page("country", country="Canada")
    values = {m.label: m.value for m in at.metric}
    assert values["USCIS engagements there or with it"] == str(len(with_canada | in_canada))
