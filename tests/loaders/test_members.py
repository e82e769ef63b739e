"""Members the overview names: defined groups (ACP), countries named outside the list, and
close-only fuzzy suggestions. Expected values come from reading the overview."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from loaders.build import REFERENCE
from loaders.organisations import OrganisationNames
from loaders.rcm_report import load_rcm_report
from loaders.rejects import RejectLog
from tests.loaders.test_quirks import overview, rcp_row

TRUTH = Path(__file__).parent / "truth"

ACP_PHRASE = (
    "79 ACP Member States (all of which, except Cuba, have signed the Cotonou "
    "Agreement): 48 African countries 16 Caribbean countries 15 Pacific countries"
)


def acp_table() -> pd.DataFrame:
    table = pd.read_csv(REFERENCE / "country_groups.csv", dtype=str, keep_default_na=False)
    return table[table.group_id == "ACP"]


def test_acp_table_has_the_split_the_overview_states():
    acp = acp_table()
    # "79 ACP Member States …: 48 African countries 16 Caribbean countries 15 Pacific countries"
    assert len(acp) == 79 and acp.iso3.is_unique
    assert acp.subgroup.value_counts().to_dict() == {"African": 48, "Caribbean": 16, "Pacific": 15}
    assert (acp.source != "").all()


def test_acp_table_holds_the_known_edge_cases():
    by_code = dict(zip(acp_table().iso3, acp_table().subgroup))
    assert by_code["CUB"] == "Caribbean"  # a member that never signed Cotonou
    assert by_code["ZAF"] == "African"
    assert by_code["TLS"] == "Pacific"  # joined in 2003
    assert by_code["COK"] == by_code["NIU"] == "Pacific"  # not UN members
    assert "SSD" not in by_code  # South Sudan never joined


def test_acp_subgroups_lie_in_their_world_regions():
    reference = pd.read_csv(
        REFERENCE / "country_reference.csv", dtype=str, keep_default_na=False
    ).set_index("iso3")
    acp = acp_table().assign(region=lambda d: d.iso3.map(reference.region))
    assert set(acp.loc[acp.subgroup == "African", "region"]) == {"Africa"}
    assert set(acp.loc[acp.subgroup == "Caribbean", "region"]) == {"Americas"}
    pacific = acp[acp.subgroup == "Pacific"]
    assert set(pacific.loc[pacific.iso3 != "TLS", "region"]) == {"Oceania"}


def test_acp_phrase_expands_from_the_reference_table(countries, groups):
    out, rejects = overview(
        rcp_row(f"<p>28 EU Member States, {ACP_PHRASE}</p> <p>Total: 107</p>"), countries, groups
    )
    members = {m["iso3"]: m["note"] for m in out.memberships if m["role"] == "member"}
    assert len(members) == 107 and len(rejects) == 0
    assert members["CUB"] == "as one of: 79 ACP Member States (Caribbean)"
    assert members["FJI"] == "as one of: 79 ACP Member States (Pacific)"
    assert members["AUT"] == "as one of: 28 EU Member States"


def test_a_group_phrase_whose_counts_disagree_with_the_table_is_rejected(countries, groups):
    wrong = ACP_PHRASE.replace("16 Caribbean", "17 Caribbean")
    out, rejects = overview(rcp_row(f"<p>Fiji, {wrong}</p>"), countries, groups)
    assert {m["iso3"] for m in out.memberships} == {"FJI"}
    assert rejects.items[0].text == wrong
    assert "17 caribbean, the table lists 16" in rejects.items[0].reason.casefold()


def test_no_far_fetched_suggestion_for_a_phrase(countries):
    assert countries.suggest(ACP_PHRASE) == ""
    assert countries.suggest("48 African countries") == ""
    assert countries.suggest("Untied Kingdom") == "united kingdom (GBR)"


def test_acp_eu_has_every_acp_state_and_the_eu(built):
    m = built.tables["memberships"]
    acp_eu = m[(m.process_id == "acp-eu") & (m.role == "member")]
    assert set(acp_table().iso3) <= set(acp_eu.iso3)
    assert len(acp_eu) == 107  # "Total: 107"
    checks = built.tables["count_checks"].set_index("process_id")
    assert checks.loc["acp-eu", ["stated_total", "member_countries"]].tolist() == [107, 107]


# ---------------------------------------------------------------- named outside the lists


def roles_of(out) -> set[tuple[str, str]]:
    return {(m["iso3"], m["role"]) for m in out.memberships}


def test_countries_named_as_chair_or_on_the_steering_committee_but_not_listed(countries, groups):
    # Khartoum: 37 listed, "Total: 39", Ethiopia chairs, Eritrea and Sudan steer.
    text = rcp_row(
        "<p>Countries: Djibouti, Egypt, Kenya</p> <p>Total: 5 Current Chair: Ethiopia</p>",
        secretariat="<p>Steering Committee: comprised of: five African partner "
        "countries: Egypt, Eritrea, Ethiopia, Sudan as well as the AU Commission</p>",
    )
    out, rejects = overview(text, countries, groups)
    assert roles_of(out) == {
        ("DJI", "member"),
        ("EGY", "member"),
        ("KEN", "member"),
        ("ETH", "named (chair)"),
        ("ERI", "named (steering committee)"),
        ("ETH", "named (steering committee)"),
        ("SDN", "named (steering committee)"),
    }
    notes = {(m["iso3"], m["role"]): m["note"] for m in out.memberships}
    assert notes[("ETH", "named (chair)")] == "Current Chair: Ethiopia"
    assert notes[("SDN", "named (steering committee)")].startswith("Steering Committee:")
    assert [(o["organisation"], o["role"]) for o in out.organisations] == [
        ("African Union Commission", "named (steering committee)")
    ]
    check = out.count_checks[0]
    assert (check["stated_total"], check["member_countries"], check["named_countries"]) == (5, 3, 3)
    assert len(rejects) == 0


def test_a_listed_country_or_body_gets_no_named_row(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Belgium, France, Morocco</p> <p>Governed by a steering committee (Belgium, "
            "Morocco, the EC and the ECOWAS Commission).with rotating co-chairs.</p> <p>The "
            "current chair is Belgium</p> <p>Partner and observer organizations: ECOWAS, "
            "European Commission</p>"
        ),
        countries,
        groups,
    )
    assert roles_of(out) == {("BEL", "member"), ("FRA", "member"), ("MAR", "member")}
    assert [(o["organisation"], o["organisation_text"], o["role"]) for o in out.organisations] == [
        ("ECOWAS", "ECOWAS", "partner"),
        ("European Commission", "European Commission", "partner"),
        ("ECOWAS Commission", "ECOWAS Commission", "named (steering committee)"),
    ]


def test_a_steering_group_mentioned_in_passing_names_nobody(countries, groups):
    # GFMD: "… the meetings of the Steering Group, the Friends of the Forum … hosted … by IOM".
    text = rcp_row(
        "<p>Fiji</p>",
        secretariat="<p>The Support Unit assists with the meetings of "
        "the Steering Group, the Friends of the Forum. It is hosted by the "
        "International Organization for Migration (IOM) in Geneva, Switzerland.</p>",
    )
    out, _ = overview(text, countries, groups)
    # Nobody on a steering group; IOM hosts the Support Unit, so it does secretariat work.
    assert roles_of(out) == {("FJI", "member")}
    assert [(o["organisation"], o["role"]) for o in out.organisations] == [("IOM", "secretariat")]


def test_a_chair_written_as_a_sentence_names_nobody(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Haiti, Jamaica</p> <p>Current Chair: Cuba is the last country that hosted a "
            "meeting. However, Cuba has not been elected or formally recognized as Chair.</p>"
        ),
        countries,
        groups,
    )
    assert roles_of(out) == {("HTI", "member"), ("JAM", "member")}


def test_a_body_that_chairs(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Algeria, Bahrain (Total 2)</p> <p>Current presidency: "
            "League of Arab States (LAS)</p>"
        ),
        countries,
        groups,
    )
    assert [
        (o["organisation"], o["organisation_text"], o["role"], o["note"]) for o in out.organisations
    ] == [
        (
            "League of Arab States",
            "League of Arab States (LAS)",
            "named (chair)",
            "Current presidency: League of Arab States (LAS)",
        )
    ]


def test_coordinators_not_in_the_list(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Malta, Philippines</p> <p>Coordinators: Asia: Philippines "
            "Europe: European External Action Service Malta</p>"
        ),
        countries,
        groups,
    )
    assert roles_of(out) == {("MLT", "member"), ("PHL", "member")}
    assert [(o["organisation"], o["role"]) for o in out.organisations] == [
        ("EEAS", "named (coordinator)")
    ]


# ---------------------------------------------------------------- organisations


def organisations_of(out) -> list[tuple[str, str, str, str]]:
    return [
        (o["organisation"], o["organisation_text"], o["role"], o["note"]) for o in out.organisations
    ]


def test_a_group_phrase_keeps_its_body(countries, groups):
    out, rejects = overview(
        rcp_row("<p>European Union, African Union 53 member countries</p>"), countries, groups
    )
    assert organisations_of(out) == [
        ("EU", "European Union", "member", ""),
        ("African Union", "African Union 53 member countries", "member", "53 member countries"),
    ]
    assert out.memberships == [] and len(rejects) == 0


def test_bodies_counted_beside_a_total(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Austria, European Commission, Japan</p> <p>Total 2 "
            "governments plus the European Commission and the ASEAN "
            "Secretariat</p>"
        ),
        countries,
        groups,
    )
    note = "Total 2 governments plus the European Commission and the ASEAN Secretariat"
    assert organisations_of(out) == [
        ("European Commission", "European Commission", "member", ""),
        ("ASEAN Secretariat", "ASEAN Secretariat", "member", note),
    ]
    assert out.count_checks[0]["member_organisations"] == 2


def test_main_actors_are_named_bodies_not_kinds_of_bodies(countries, groups):
    sentence = (
        "The main actors are: representatives of African and EU governments, the "
        "European Commission and the AU Commission, civil society, international "
        "organizations, the European Parliament and the Pan African Parliament."
    )
    out, _ = overview(
        rcp_row(
            f"<p>European Union</p> <p>{sentence} The Regional Economic "
            "Communities (RECs) will also be involved, together with the "
            "private sector.</p>"
        ),
        countries,
        groups,
    )
    assert organisations_of(out) == [
        ("EU", "European Union", "member", ""),
        ("European Commission", "European Commission", "named (main actor)", sentence),
        ("African Union Commission", "AU Commission", "named (main actor)", sentence),
        ("European Parliament", "European Parliament", "named (main actor)", sentence),
        ("Pan-African Parliament", "Pan African Parliament", "named (main actor)", sentence),
    ]


def test_bodies_said_to_take_part_in_prose(countries, groups):
    rncom = (
        "The Regional Network for Civil Organizations on Migration (RNCOM) is a coalition "
        "of civil society organizations. It is neither a member of nor an observer to the "
        "RCM, but participates in many aspects, including seminars."
    )
    ace = (
        "As well as up to three regional CSO representatives, nominated by the TFAMW and one "
        "regional organization of employers representatives (ACE) working on migrant labour, "
        "nominated by the ILO Bureau for Workers' Activities (ACTRAV)"
    )
    invited = (
        "A select number of international organizations are invited to attend as "
        "observers. Only IOM, ILO and the World Bank were invited to attend the "
        "Ministerial Meeting in November 2014."
    )
    out, _ = overview(
        rcp_row(
            f"<p>Belize</p> <p>{ace}</p>",
            f"<p>Observer States: Peru</p> <p>{rncom}</p> <p>{invited}</p>",
        ),
        countries,
        groups,
    )
    sentence = invited.split(". ")[1]
    assert organisations_of(out) == [
        (
            "ACE",
            "one regional organization of employers representatives (ACE)",
            "regular participant",
            ace,
        ),
        (
            "RNCOM",
            "Regional Network for Civil Organizations on Migration (RNCOM)",
            "regular participant",
            rncom,
        ),
        ("IOM", "IOM", "guest", sentence),
        ("ILO", "ILO", "guest", sentence),
        ("World Bank", "World Bank", "guest", sentence),
    ]


def test_ad_hoc_bodies_are_guests_and_kinds_of_bodies_are_notes(countries, groups):
    others = (
        "others (i.e. relevant UN agencies, IGOs and diplomatic missions, on an ad "
        "hoc/theme basis the AU Commission)"
    )
    out, _ = overview(
        rcp_row(
            "<p>Angola</p>",
            f"<p>Observer institutions: SADC Secretariat, "
            f"and {others}.</p> <p>Organizations: ILO, groups affiliated "
            "with the Catholic Church or defending human rights</p>",
        ),
        countries,
        groups,
    )
    assert organisations_of(out) == [
        ("African Union Commission", "AU Commission", "guest", others),
        ("SADC Secretariat", "SADC Secretariat", "observer", ""),
        ("ILO", "ILO", "observer", ""),
    ]
    assert out.processes[0]["membership_notes"] == (
        "groups affiliated with the Catholic Church or defending human rights"
    )


IRF_HEADER = (
    "IRF 1\tYear\tDescription\tGovernments\tMeetings\tAgreements\tContact\t"
    "Main Areas of Discussion/ Objectives\tCurrent Priorities"
)


def irf_row(description: str, governments: str = "<p>Spain, Senegal</p>", contact: str = "") -> str:
    return (
        f"II. Inter-regional forums\n\n{IRF_HEADER}\n<p>Test Process</p>\t2006\t"
        f"{description}\t{governments}\t\t\t{contact}\tx\ty\n"
    )


def test_bodies_a_description_brings_together_or_names_as_partner(countries, groups):
    rabat = (
        "The Test Process brings together European and African countries, as well as the "
        "European Commission (EC) and the Economic Community of West African States "
        "(ECOWAS), with a view to tackling questions arising from migration issues."
    )
    afml = (
        "It brings together key stakeholders, including the International Labour "
        "Organization's (ILO) tripartite constituents - government, employers' and "
        "workers' organizations - as well as the ASEAN Secretariat, civil society and "
        "international organizations."
    )
    celac = (
        "Since its foundation in December 2011, CELAC (Community of Latin American and "
        "Caribbean States) acts as the partner in this bi-regional process."
    )
    out, _ = overview(irf_row(f"<p>{rabat} {afml}</p> <p>{celac}</p>"), countries, groups)
    assert organisations_of(out) == [
        ("European Commission", "European Commission (EC)", "member", rabat),
        ("ECOWAS", "Economic Community of West African States (ECOWAS)", "member", rabat),
        ("ASEAN Secretariat", "ASEAN Secretariat", "regular participant", afml),
        ("CELAC", "CELAC (Community of Latin American and Caribbean States)", "partner", celac),
    ]
    assert out.count_checks == []  # no total stated; members: 2 countries + 2 bodies


def test_a_listed_role_from_a_description_replaces_a_named_one(countries, groups):
    rabat = (
        "It brings together European and African countries, as well as the European "
        "Commission (EC)."
    )
    out, _ = overview(
        irf_row(
            f"<p>{rabat}</p>",
            "<p>Spain, Senegal</p> <p>Governed by a "
            "steering committee (Spain, the EC and the ECOWAS "
            "Commission).</p>",
        ),
        countries,
        groups,
    )
    assert [(o["organisation"], o["role"]) for o in out.organisations] == [
        ("European Commission", "member"),
        ("ECOWAS Commission", "named (steering committee)"),
    ]


def test_a_sentence_about_a_bodys_role_is_its_note_not_a_role(countries, groups):
    invited = "Only IOM, ILO and the World Bank were invited to attend the Ministerial Meeting."
    role = (
        "At the second Ministerial Meeting, a set of Interim Operating Modalities called for "
        "the Chairs to act as the Secretariat and IOM's role to be adapted to one of "
        "observer and thematic expert."
    )
    row = rcp_row(
        "<p>Bahrain</p>",
        f"<p>{invited}</p>",
        secretariat=f"IOM served as the Secretariat until 2012. {role}",
    )
    out, _ = overview(row, countries, groups)
    notes = {o["organisation"]: (o["role"], o["note"]) for o in out.organisations}
    assert notes["IOM"] == ("guest", f"{invited} {role}")
    assert notes["ILO"] == ("guest", invited)


def test_bodies_after_also_are_other_participants(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Austria</p>",
            "<p>Regular participants: Executive "
            "Committee of the Commonwealth of Independent States (CIS), "
            "Europol</p> <p>Also: European University Institute, OSCE,</p>",
        ),
        countries,
        groups,
    )
    also = "listed after 'Also:' in the observers and partners column"
    assert organisations_of(out) == [
        (
            "CIS Executive Committee",
            "Executive Committee of the Commonwealth of Independent States (CIS)",
            "regular participant",
            "",
        ),
        ("Europol", "Europol", "regular participant", ""),
        (
            "European University Institute",
            "European University Institute",
            "other participant",
            also,
        ),
        ("OSCE", "OSCE", "other participant", also),
    ]


def secretariat_rows(out) -> list[tuple[str, str, str]]:
    return [
        (o["organisation"], o["organisation_text"], o["note"])
        for o in out.organisations
        if o["role"] == "secretariat"
    ]


def test_a_secretariat_column_naming_a_body_makes_it_the_secretariat(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Austria</p>",
            secretariat="<p>International Centre for "
            "Migration Policy Development (ICMPD)</p> <p>www.icmpd.org</p>",
        ),
        countries,
        groups,
    )
    assert secretariat_rows(out) == [
        ("ICMPD", "International Centre for Migration Policy Development (ICMPD)", "")
    ]
    # IGAD-RCP: the collaborators are part of the secretariat the cell names.
    out, _ = overview(
        rcp_row(
            "<p>Kenya</p>",
            secretariat="<p>IGAD Secretariat in collaboration with the AU Commission and IOM</p>",
        ),
        countries,
        groups,
    )
    note = "IGAD Secretariat in collaboration with the AU Commission and IOM"
    assert secretariat_rows(out) == [
        ("IGAD Secretariat", "IGAD Secretariat", note),
        ("African Union Commission", "AU Commission", note),
        ("IOM", "IOM", note),
    ]


def test_a_body_that_chairs_and_is_the_secretariat_keeps_both_rows(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Algeria, Bahrain (Total 2)</p> <p>Current presidency: League "
            "of Arab States (LAS)</p>",
            secretariat="<p>Secretariat: League of Arab States (LAS)</p>",
        ),
        countries,
        groups,
    )
    assert [(o["organisation"], o["role"]) for o in out.organisations] == [
        ("League of Arab States", "named (chair)"),
        ("League of Arab States", "secretariat"),
    ]


def test_a_contact_column_gives_the_secretariat_only_in_words(countries, groups):
    contact = (
        "<p>ICMPD Brussels Mission Rue Belliard 159, 1040 Brussels, Belgium "
        "MME@icmpd.org</p> <p>IOM regional office Bangkok: Email: RO@iom.int</p> <p>No "
        "official Secretariat. Secretariat functions are performed by the IOM.</p>"
    )
    out, _ = overview(irf_row("<p>A dialogue.</p>", contact=contact), countries, groups)
    assert secretariat_rows(out) == [
        ("IOM", "IOM", "Secretariat functions are performed by the IOM.")
    ]


@pytest.mark.parametrize(
    ("cell", "found"),
    [
        # work for the mechanism: each body named as doing it
        ("The Project Support Unit run by the ICMPD www.icmpd.org", ["ICMPD"]),
        (
            "The Secretariat acts on instructions from the Steering Committee and is jointly managed "
            "by the African Union Commission and the European Commission.",
            ["African Union Commission", "European Commission"],
        ),
        (
            "Secretariat: Secretariat support provided by the ACP Secretariat and the EU Commission. "
            "IOM implements ACP-EU Migration Action",
            ["ACP Secretariat", "European Commission"],
        ),
        # a funder, a past role, support only asked for, the body the work is for
        (
            "The EU funds a Project supporting the Process, the current phase of which is implemented "
            "by the ICMPD. The previous phase was implemented by the ICMPD and FIIAPP.",
            ["ICMPD"],
        ),
        (
            "The Panel is funded by the European Union and IOM provides general support to the Panel.",
            ["IOM"],
        ),
        (
            "No official secretariat. In the past, IOM has provided technical cooperation and "
            "logistical support whenever requested by the Chair.",
            [],
        ),
        (
            "No Secretariat has been established so far. Nevertheless members have requested IOM and "
            "UNHCR support to develop the process.",
            [],
        ),
        (
            "No official contact person or Secretariat; IOM provides support to capacity building "
            "activities targeting both ECOWAS institutions and its Member States.",
            ["IOM"],
        ),
        (
            "The National Committees in ECOWAS Member States have been invited by the secretariat.",
            [],
        ),
        # a project's title in quotation marks, a contact route
        (
            "The IRF has been supported through the project “Dialogue between the European Union (EU) "
            "and Latin America”, implemented by the IOM (in Brussels) in coordination with FIIAPP.",
            ["IOM", "FIIAPP"],
        ),
        (
            "Secretariat is placed in Madrid. Contact eventually through IOM Brussels regional office",
            [],
        ),
        # the mechanism's own unit
        ("<p>Test Process Regional Support Office</p> <p>www.testprocess.org</p>", []),
    ],
)
def test_who_does_the_secretariat_work(countries, groups, cell, found):
    aliases = pd.DataFrame(
        {
            "alias": ["Test Process Regional Support Office"],
            "organisation": ["Test Process Regional Support Office"],
            "kind": ["regional"],
            "note": ["made up"],
        }
    )
    table = pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
    names = OrganisationNames(pd.concat([table, aliases]))
    out, _ = overview(
        rcp_row("<p>Fiji</p>", secretariat=cell), countries, groups, organisations=names
    )
    assert [name for name, _, _ in secretariat_rows(out)] == found


def test_one_canonical_name_per_body(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Fiji</p>",
            "<p>Observer Organizations: European Union, EU, "
            "FIIAPP, International and Ibero-American Foundation for "
            "Administration and Public Policies (FIIAPP), General "
            "Secretariat of the European Council</p>",
        ),
        countries,
        groups,
    )
    assert [o["organisation"] for o in out.organisations] == [
        "EU",
        "FIIAPP",
        "General Secretariat of the Council of the EU",
    ]


# ---------------------------------------------------------------- the shipped overview


def truth(name: str) -> pd.DataFrame:
    return pd.read_csv(TRUTH / f"{name}.csv", dtype=str, keep_default_na=False)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(str).replace({"<NA>": ""})


def rows(frame: pd.DataFrame, columns: list[str]) -> list[list[str]]:
    return sorted(as_text(frame)[columns].values.tolist())


@pytest.mark.parametrize("name", ["process_organisations", "report_participants"])
def test_tables_match_the_reading_row_for_row(built, name):
    expected = truth(name)
    assert rows(built.tables[name], list(expected.columns)) == rows(
        expected, list(expected.columns)
    )


def test_every_body_has_one_name(built):
    orgs = built.tables["process_organisations"]
    reference = pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
    # Two canonical names for one alias would mean one body named two ways.
    assert not reference.alias.duplicated().any()
    written = orgs.groupby("organisation_text").organisation.nunique()
    assert (written == 1).all(), written[written > 1]


def test_a_mechanism_taking_part_in_another_has_the_processes_tables_name(built):
    orgs = built.tables["process_organisations"]
    short_names = built.tables["processes"].set_index("process_id").short_name
    aliases = built.tables["process_aliases"]
    process_of = dict(zip(aliases.alias, aliases.process_id))
    # IRFMA (line 106) lists five mechanisms the overview describes on rows of their own, the
    # MTM (line 103) lists the IGC; each is written as one of that mechanism's name forms.
    written = [
        "COMESA-RCP",
        "Migration Dialogue for West Africa (MIDWA)",
        "Migration Dialogue for Southern Africa (MIDSA)",
        "Migration Dialogue for Central African States (MIDCAS)",
        "IGAD-RCP",
        "IGC",
    ]
    for text in written:
        rows = orgs[orgs.organisation_text == text]
        pid = process_of.get(text) or process_of[re.sub(r"\s*\([^()]*\)$", "", text)]
        assert len(rows) == 1 and rows.organisation.iloc[0] == short_names[pid], text


def test_khartoum_names_three_countries_outside_its_list(built):
    m = built.tables["memberships"]
    khartoum = m[m.process_id == "khartoum-process"]
    named = khartoum[khartoum.role.str.startswith("named")]
    assert set(zip(named.iso3, named.role)) == {
        ("ETH", "named (chair)"),
        ("ERI", "named (steering committee)"),
        ("ETH", "named (steering committee)"),
        ("SDN", "named (steering committee)"),
    }
    assert (khartoum.role == "member").sum() == 37
    checks = built.tables["count_checks"].set_index("process_id")
    assert checks.loc[
        "khartoum-process", ["stated_total", "member_countries", "named_countries"]
    ].tolist() == [39, 37, 3]


def test_named_rows_are_never_counted_as_members(built):
    m = built.tables["memberships"]
    checks = built.tables["count_checks"]
    members = m[m.role == "member"].groupby("process_id").size()
    assert (
        checks.set_index("process_id").member_countries == members[checks.process_id].values
    ).all()


# ---------------------------------------------------------------- the RCM report

REPORT = """ FOURTH MEETING OF THE AD-HOC WORKING GROUP

MEXICO CITY, MEXICO / 6 -7 July, 2017
BACKGROUND:

Some countries of origin like Haiti attended the third meeting, with a presentation by the OAS.
PARTICIPANTS:

Representatives of the following Member Countries of the Regional Conference on Migration (RCM) attended the meeting: Canada and Mexico. Also, Brazil attended as special invitee.
The International Committee of the Red Cross participated with some presentations and in their capacity as observers of the RCM.
The event was funded by the OAS, which also participated.
TOPICS DISCUSSED DURING THE FOURTH MEETING:

Mexico, as host country, underlined three topics with Canada.
There was an open dialogue with the RNCOM; they presented a video. Mr. Francisco Rico made a remote participation.
NEXT STEPS:

· To hold the Fifth Meeting, sponsored by Costa Rica, with a presentation by the OAS.
"""  # noqa: E501


def test_report_participants_hold_every_stated_role(countries):
    organisations = OrganisationNames(
        pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
    )
    out = load_rcm_report(REPORT, countries, organisations, RejectLog())
    got = {
        (p["iso3"] or p["organisation"] or p["person"], p["role"], p["source_line"])
        for p in out.participants
    }
    assert got == {
        ("CAN", "member attending", 9),
        ("MEX", "member attending", 9),
        ("BRA", "special invitee", 9),
        ("ICRC", "observer", 10),
        ("ICRC", "presenter", 10),
        ("OAS", "funder", 11),
        ("MEX", "host", 14),
        ("RNCOM", "presenter", 15),
        ("Francisco Rico", "remote participant", 15),
    }


def test_report_page_head_repeated_and_bookmarks_with_any_space(countries):
    organisations = OrganisationNames(
        pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
    )
    head = (
        " FOURTH MEETING OF THE AD-HOC WORKING GROUP\nMEXICO CITY, MEXICO / 6 -7 July, 2017\n"
        "REPORT OF THE MEETING\n"
    )
    text = (
        head
        + "BACKGROUND:\nA first paragraph.\n"
        + head
        + "[bookmark:\u00a0OLE_LINK3]A second paragraph.\n"
    )
    rejects = RejectLog()
    out = load_rcm_report(text, countries, organisations, rejects)
    # The head a page break repeats is no item, and it leaves the section as it was.
    assert [(i["section"], i["text"], i["source_line"]) for i in out.items] == [
        ("Background", "A first paragraph.", 5),
        ("Background", "A second paragraph.", 9),
    ]
    assert out.reports[0]["start_date"] == "2017-07-06" and len(rejects) == 0
