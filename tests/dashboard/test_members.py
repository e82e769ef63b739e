"""Roles the loaders emit all have a label, colour and order; named countries are shown but
never counted as members; stated and listed totals side by side; the RCM report's people
with every role."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import charts, data
from loaders import schemas
from tests.dashboard.test_pages import open_page


def test_every_country_role_has_a_label_a_colour_and_an_order():
    for role in schemas.COUNTRY_ROLES:
        assert role in data.ROLE_ORDER and role in data.ROLE_LABELS, role
        assert role in charts.ROLE_COLOURS, role


def test_every_organisation_role_has_a_label_and_an_order():
    for role in schemas.ORGANISATION_ROLES:
        assert role in data.ORGANISATION_ROLE_ORDER and role in data.ROLE_LABELS, role


def test_every_report_role_has_a_colour_and_an_order():
    for role in schemas.REPORT_ROLES:
        assert role in data.REPORT_ROLE_ORDER and role in charts.REPORT_ROLE_COLOURS, role


def test_the_built_tables_use_no_other_role(built):
    assert set(built.tables["memberships"].role) <= set(data.ROLE_ORDER)
    assert set(built.tables["process_organisations"].role) <= set(data.ORGANISATION_ROLE_ORDER)
    assert set(built.tables["report_participants"].role) <= set(data.REPORT_ROLE_ORDER)


def test_members_only_counts_leave_out_named_countries():
    members = data.membership_by_country(("khartoum-process",), ("member",))
    assert len(members) == 37
    assert not {"ERI", "ETH", "SDN"} & set(members.iso3)
    everyone = data.membership_by_country(("khartoum-process",), tuple(data.ROLE_ORDER))
    ethiopia = everyone.set_index("iso3").loc["ETH"]
    assert ethiopia.role == "named (chair)"
    assert ethiopia.detail == (
        "Named as chair, not listed: Khartoum Process; Named on the "
        "steering committee, not listed: Khartoum Process"
    )


def test_totals_side_by_side():
    # Khartoum: "Total: 39"; 37 countries listed; Eritrea, Ethiopia and Sudan named outside.
    assert data.totals("khartoum-process") == {
        "stated": 39,
        "countries": 37,
        "organisations": 0,
        "named": ["Eritrea", "Ethiopia", "Sudan"],
    }
    # ASEM: 51 governments "plus the European Commission and the ASEAN Secretariat".
    assert data.totals("asem") == {"stated": 51, "countries": 51, "organisations": 2, "named": []}
    assert data.totals("tripoli-process")["stated"] is None


def test_mechanism_profile_shows_stated_and_listed_totals():
    at = open_page("mechanism", mechanism_profile="Khartoum Process")
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Total the overview states"] == "39"
    assert values["Members it lists"] == "37"
    assert values["Countries named outside the list"] == "3"
    assert any("Eritrea, Ethiopia, Sudan" in c.value for c in at.caption)


def test_report_participants_hold_every_capacity():
    countries = data.report_countries().set_index("iso3")
    assert countries.loc["MEX", "detail"] == "Member attending, host"
    assert countries.loc["HTI", "role"] == "special invitee"
    assert countries.loc["HTI", "detail"] == "Special invitee, country of origin and transit"
    others = data.report_others()
    assert "OAS (funder, presenter)" in others
    assert "UNHCR (observer, presenter)" in others
    assert "Francisco Rico (remote participant)" in others


def test_documents_page_lists_organisations_and_people():
    at = open_page("documents")
    assert not at.exception
    shown = [t.value for t in at.text]
    assert "RNCOM (presenter)" in shown and "OAS (funder, presenter)" in shown


def test_a_total_that_counts_governments_only_raises_no_doubt():
    # ASEM: "Total 51 governments plus the European Commission and the ASEAN Secretariat".
    at = open_page("mechanism", mechanism_profile="ASEM")
    assert {m.label: m.value for m in at.metric}["Members it lists"] == "51 + 2"
    assert not any("states 51 but" in c.value for c in at.caption)


def test_membership_map_can_show_named_countries():
    at = open_page("membership")
    at.multiselect(key="roles").set_value(
        ["member", "named (chair)", "named (steering committee)"]
    ).run()
    assert not at.exception
    assert "Named on the steering committee, not listed" in at.multiselect(key="roles").options


def _organisations_table(at: AppTest) -> pd.DataFrame:
    return next(
        d.value
        for d in at.dataframe
        if "As written" in d.value.columns and "Organisation" in d.value.columns
    )


def test_mechanism_profile_lists_the_secretariat_and_other_participants():
    # Budapest (line 12): "International Centre for Migration Policy Development (ICMPD)" in
    # its Secretariat column; eight bodies after "Also:".
    at = open_page("mechanism", mechanism_profile="Budapest Process")
    assert not at.exception
    table = _organisations_table(at)
    roles = table.groupby("Role").Organisation.apply(list).to_dict()
    assert roles["secretariat"] == ["ICMPD"]
    assert "Secretariat or its support, as the Secretariat column names it: ICMPD" in [
        c.value for c in at.caption
    ]
    assert len(roles["other participant"]) == 8 and "OSCE" in roles["other participant"]
    assert len(roles["regular participant"]) == 14


def test_mechanism_profile_keeps_a_chair_that_is_also_the_secretariat():
    # Arab RCP (line 65): the League of Arab States holds the presidency and the secretariat.
    at = open_page("mechanism", mechanism_profile="Arab RCP")
    table = _organisations_table(at)
    assert sorted(zip(table.Organisation, table.Role)) == [
        ("League of Arab States", "named (chair)"),
        ("League of Arab States", "secretariat"),
    ]


def test_a_mechanism_without_a_secretariat_row_says_nothing_about_one():
    # CMC (line 28): "No Secretariat has been established so far."
    at = open_page("mechanism", mechanism_profile="CMC")
    assert not at.exception and at.selectbox(key="mechanism_profile").value == "cmc"
    assert not any(c.value.startswith("Secretariat or its support") for c in at.caption)
