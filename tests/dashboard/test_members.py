"""Roles the loaders emit all have a label, colour and order; named countries are shown but
never counted as members; stated and listed totals side by side; the RCM report's people
with every role."""

from __future__ import annotations

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
    assert ethiopia.detail == ("Named as chair, not listed: Khartoum Process; Named on the "
                               "steering committee, not listed: Khartoum Process")


def test_totals_side_by_side():
    # Khartoum: "Total: 39"; 37 countries listed; Eritrea, Ethiopia and Sudan named outside.
    assert data.totals("khartoum-process") == {"stated": 39, "countries": 37,
                                               "organisations": 0,
                                               "named": ["Eritrea", "Ethiopia", "Sudan"]}
    # ASEM: 51 governments "plus the European Commission and the ASEAN Secretariat".
    assert data.totals("asem") == {"stated": 51, "countries": 51, "organisations": 2,
                                   "named": []}
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
    at.multiselect(key="roles").set_value(["member", "named (chair)",
                                           "named (steering committee)"]).run()
    assert not at.exception
    assert "Named on the steering committee, not listed" in at.multiselect(key="roles").options
