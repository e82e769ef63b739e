"""One small inline example per quirk of the sources."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.build import REFERENCE
from loaders.meeting_calendar import load_calendar, place_parts
from loaders.organisations import OrganisationNames
from loaders.overview import load_overview, participant_labels
from loaders.overview.names import acronym_of, alias_candidates
from loaders.overview.participants import tidy_fact
from loaders.processes import ProcessResolver
from loaders.rejects import RejectLog
from loaders.text import html_paragraphs, join_ordinals
from loaders.uscis import document_acronyms, frequency_of, load_engagements

RCP_HEADER = (
    "RCP\tYear founded\tParticipating countries\tObservers, partners\tSecretariat\t"
    "Main areas of discussion\tCurrent priorities"
)


def overview(
    text: str,
    countries,
    groups,
    ids=(("test-process", "Test Process"),),
    organisations: OrganisationNames | None = None,
):
    rejects = RejectLog()
    table = pd.DataFrame(list(ids), columns=["process_id", "name_starts"])
    table["short_name"] = table.name_starts
    organisations = organisations or OrganisationNames(
        pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
    )
    labels = participant_labels(
        pd.read_csv(REFERENCE / "participant_labels.csv", dtype=str, keep_default_na=False)
    )
    return load_overview(text, table, countries, groups, rejects, organisations, labels), rejects


def rcp_row(
    participants: str,
    observers: str = "",
    name: str = "<p><i>Test Process</i></p>",
    year: str = "2001",
    secretariat: str = "No official secretariat",
) -> str:
    return (
        f"I. Regional\n\n{RCP_HEADER}\n{name}\t{year}\t{participants}\t{observers}\t"
        f"{secretariat}\tx\ty\n"
    )


@pytest.mark.parametrize(
    ("written", "iso3"),
    [
        ("Kazakistan", "KAZ"),
        ("Sengal", "SEN"),
        ("Domina", "DMA"),
        ("Anguila and Barbuda", "ATG"),
        ("Wallis and Futana", "WLF"),
        ("Swaziland", "SWZ"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("CNMI", "MNP"),
        ("FSM", "FSM"),
        ("Hong Kong (SAR of China)", "HKG"),
        ("Macau (SAR of China)", "MAC"),
        ("UNSC resolution 1244-administered Kosovo", "XKX"),
        ("Palestine", "PSE"),
        ("St. Kitts and Nevis", "KNA"),
        ("Côte d’Ivoire", "CIV"),
        (["Lima", "Perú"][1], "PER"),
    ],
)
def test_country_names_as_written(countries, written, iso3):
    assert countries.resolve(written) == iso3


def test_unknown_country_is_not_guessed(countries):
    assert countries.resolve("Atlantis") is None
    assert "kazakhstan" in countries.suggest("Kazakhstann")


def test_html_fragments_become_paragraphs():
    assert html_paragraphs("<p><i>Budapest Process</i></p> <p>Processus</p>") == [
        "Budapest Process",
        "Processus",
    ]
    assert html_paragraphs('<ul style="x"> • one • two</ul>') == ["one", "two"]


def test_ordinals_are_joined():
    assert join_ordinals("4 th Ministerial Meeting, 1 st IDM Workshop") == (
        "4th Ministerial Meeting, 1st IDM Workshop"
    )


def test_names_in_three_languages_give_aliases():
    aliases = alias_candidates("Puebla Process (Regional Conference on Migration, RCM)")
    assert {"Puebla Process", "Regional Conference on Migration", "RCM"} <= set(aliases)
    assert "Pan-African Forum" in alias_candidates(
        "Intra-Regional Forum on Migration in Africa (IRFMA or the Pan-African Forum)"
    )


def test_a_comma_inside_a_name_does_not_cut_it():
    aliases = alias_candidates(
        "IGC (Inter-Governmental Consultations on Migration, Asylum and Refugees)"
    )
    assert "Inter-Governmental Consultations on Migration, Asylum and Refugees" in aliases
    assert "Asylum and Refugees" not in aliases
    assert "Inter-Governmental Consultations on Migration" not in aliases


def test_an_acronym_is_an_alias_only_where_it_leads_the_name_it_abbreviates():
    assert "SACM" in alias_candidates("SACM (South American Conference on Migration)")
    spanish = alias_candidates("RCP IGAD (Proceso Consultivo Regional sobre Migración IGAD)")
    assert "RCP" not in spanish and "IGAD" not in spanish
    assert "PCR" not in alias_candidates("PCR du COMESA (Marché commun)")


def test_formerly_gives_an_acronym_not_a_city():
    assert "COMESA-RCP" in alias_candidates("MIDCOM (Migration Dialogue) formerly COMESA-RCP")
    assert "Lima" not in alias_candidates(
        "SACM (South American Conference on Migration) (formerly Lima Process)"
    )


def test_reviewed_exclusions_remove_aliases_and_warn_when_unused(countries, groups):
    import pandas as pd

    from loaders.registry import BuildContext, _without_excluded_aliases

    exclusions = pd.DataFrame(
        {
            "process_id": ["eu-lac", "acp-eu"],
            "alias": ["European Union", "Nothing"],
            "seen_in": ["", ""],
            "reason": ["", ""],
        }
    )
    ctx = BuildContext({"process_alias_exclusions": exclusions}, countries, groups, None)
    aliases = pd.DataFrame(
        {
            "process_id": ["eu-lac", "eu-lac"],
            "alias": ["European Union", "EU-LAC"],
            "origin": ["", ""],
        }
    )
    assert list(_without_excluded_aliases(aliases, ctx).alias) == ["EU-LAC"]
    assert ctx.warnings == ["alias exclusion never used: acp-eu 'Nothing'"]


def test_members_observers_chair_and_total(countries, groups):
    out, rejects = overview(
        rcp_row(
            "<p>Belize, Canada, Costa Rica (Total: 3)</p> <p>Current Chair: Canada</p>",
            "<p>Observer States: Argentina, Peru</p> <p>Observer Organizations: IOM, UNHCR</p>",
        ),
        countries,
        groups,
    )
    roles = {(m["iso3"], m["role"]) for m in out.memberships}
    assert roles == {
        ("BLZ", "member"),
        ("CAN", "member"),
        ("CRI", "member"),
        ("ARG", "observer"),
        ("PER", "observer"),
    }
    assert [o["organisation"] for o in out.organisations] == ["IOM", "UNHCR"]
    assert out.processes[0]["chair"] == "Canada"
    assert out.count_checks[0]["stated_total"] == 3
    assert len(rejects) == 0


def test_lists_without_commas_and_nested_parentheses(countries, groups):
    # PIDC writes its observer states and organisations one after another, no commas.
    out, rejects = overview(
        rcp_row(
            "<p>Fiji, Samoa</p>",
            "<p>Observer states: Canada (through Canadian Border Services (CBS) and Canada "
            "Immigration and Citizenship) USA (through US Immigration and Customs Enforcement "
            "(ICE))</p> <p>Observer organizations: International Organization for Migration (IOM) "
            "United Nations High Commissioner for Refugees (UNHCR)</p>",
        ),
        countries,
        groups,
    )
    roles = {(m["iso3"], m["role"]) for m in out.memberships}
    assert roles == {("FJI", "member"), ("WSM", "member"), ("CAN", "observer"), ("USA", "observer")}
    assert [(o["organisation"], o["organisation_text"]) for o in out.organisations] == [
        ("IOM", "International Organization for Migration (IOM)"),
        ("UNHCR", "United Nations High Commissioner for Refugees (UNHCR)"),
    ]
    assert out.processes[0]["membership_notes"] == ""
    assert len(rejects) == 0


def test_open_to_all_keeps_its_chairs_and_invited_countries_are_guests(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Open to all UN Member States and Observers 195 states participating Co-Chairs: "
            "Germany Bangladesh Incoming Chair (2018) Morocco</p>",
            "<p>Observer States: No rule has been defined on observership. Nevertheless, the US "
            "and the Netherlands have been invited to the last CMC meeting.</p>",
        ),
        countries,
        groups,
    )
    process = out.processes[0]
    assert process["open_to_all"] is True
    assert (process["chair"], process["incoming_chair"]) == (
        "Germany; Bangladesh",
        "Morocco (2018)",
    )
    # The chairs are named, not listed: they take part, but are not counted as members.
    assert {(m["iso3"], m["role"]) for m in out.memberships} == {
        ("USA", "guest"),
        ("NLD", "guest"),
        ("DEU", "named (chair)"),
        ("BGD", "named (chair)"),
        ("MAR", "named (incoming chair)"),
    }


def test_partners_observers_list_of_organisations_without_commas(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Belize</p>",
            "<p>Partners/Observers: International Organization for Migration (IOM) UNHCR</p>",
        ),
        countries,
        groups,
    )
    assert [(o["organisation"], o["role"]) for o in out.organisations] == [
        ("IOM", "partner"),
        ("UNHCR", "partner"),
    ]


def test_group_phrase_expands_from_reference(countries, groups):
    out, _ = overview(rcp_row("<p>28 EU Member States, Armenia</p>"), countries, groups)
    members = {m["iso3"] for m in out.memberships}
    assert len(members) == 29 and {"HRV", "GBR", "ARM"} <= members


def test_suspended_member_and_guests(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Djibouti, Ethiopia, Kenya (Total: 3) Chair: Ethiopia (Eritrea has temporarily "
            "suspended its membership)</p>",
            "<p>Guests invited on an ad-hoc basis: China, Japan</p>",
        ),
        countries,
        groups,
    )
    roles = {(m["iso3"], m["role"]) for m in out.memberships}
    assert ("ERI", "suspended") in roles and ("CHN", "guest") in roles
    assert out.processes[0]["chair"].startswith("Ethiopia")


def test_open_to_all_is_a_flag_not_rows(countries, groups):
    out, _ = overview(rcp_row("Open to all UN Member States and Observers"), countries, groups)
    assert out.processes[0]["open_to_all"] is True
    assert out.memberships == []


def test_comments_row_continues_the_previous_row(countries, groups):
    text = rcp_row("<p>Spain, Portugal</p>") + "Comments:\t\t\t\tSecretariat in Madrid\t\t\n"
    out, rejects = overview(text, countries, groups)
    assert len(out.processes) == 1 and "Madrid" in out.processes[0]["secretariat"]
    assert len(rejects) == 0


def test_one_cell_lines_are_regions_in_a_table_and_titles_before(countries, groups):
    # A later file may end any line with tabs: "IOM\t" is still a title line, and "Middle
    # East" written without the tabs of its empty cells is still the region of the rows below.
    text = "IOM\t \n" + rcp_row("<p>Canada</p>").replace(
        "\n<p><i>", "\nMiddle East\n<p><i>"
    ).replace("\ty\n", "\ty\t\t \n")
    out, rejects = overview(text, countries, groups)
    assert [(p["region"], p["source_line"]) for p in out.processes] == [("Middle East", 6)]
    assert len(rejects) == 0


def test_unknown_country_in_a_states_list_is_rejected_with_line(countries, groups):
    out, rejects = overview(
        rcp_row("<p>Canada, Mexico</p>", "<p>Observer States: Narnia</p>"), countries, groups
    )
    assert {m["iso3"] for m in out.memberships} == {"CAN", "MEX"}
    reject = rejects.items[0]
    assert (reject.line, reject.field, reject.text) == (4, "observers", "Narnia")


def test_row_without_process_id_is_rejected_whole(countries, groups):
    out, rejects = overview(rcp_row("<p>Canada</p>", name="Unknown Dialogue"), countries, groups)
    assert out.processes == [] and rejects.items[0].field == "name"


CALENDAR = (
    "2018 Calendar of Meetings by ISCM\n\nDate\tPlace\tISCM\tTitle of the Event / Meeting\n"
    "February 8-9, 2018\tSt. Julian's, Malta,\tRabat Process (Euro-African Dialogue on "
    "Migration and\tSenior Officials Meeting on the\n\n"
    "Date\tPlace\tISCM\tTitle of the Event / Meeting\n"
    "\t\tDevelopment) And Khartoum Process\tJoint Valletta Action Plan\n"
    "Second Half of 2018 (TBC)\tCairo, Egypt, League of Arab States Headquarters\tRCM and "
    "SACM\t4 th Meeting\n"
    "TBC\tTBC\t<i>For All ISCMs</i>\tGlobal RCP Meeting\n"
    "soon\tAtlantis\tNobody's Process\tA meeting\n"
)


def test_calendar_quirks_on_next_years_calendar(countries):
    aliases = pd.DataFrame(
        {
            "process_id": ["rabat", "khartoum", "rcm", "sacm"],
            "alias": ["Rabat Process", "Khartoum Process", "RCM", "SACM"],
        }
    )
    rejects = RejectLog()
    out = load_calendar(
        CALENDAR, "cal.txt", ProcessResolver.from_aliases(aliases), countries, rejects
    )
    first, second, third, fourth = out.meetings
    assert first["meeting_id"] == "2018-001"
    assert first["title"] == "Senior Officials Meeting on the Joint Valletta Action Plan"
    assert (first["city"], first["iso3"]) == ("St. Julian's", "MLT")
    assert (second["city"], second["iso3"], second["venue"]) == (
        "Cairo",
        "EGY",
        "League of Arab States Headquarters",
    )
    assert (second["date_precision"], second["tentative"], second["title"]) == (
        "half",
        True,
        "4th Meeting",
    )
    assert third["for_all_mechanisms"] and third["date_precision"] == "unknown"
    links = {(x["meeting_id"], x["process_id"]) for x in out.links}
    assert links == {
        ("2018-001", "rabat"),
        ("2018-001", "khartoum"),
        ("2018-002", "rcm"),
        ("2018-002", "sacm"),
    }
    assert fourth["start_date"] == "" and fourth["iso3"] == ""
    assert {(r.line, r.field) for r in rejects.items} == {(10, "date"), (10, "place"), (10, "iscm")}


def test_calendar_layout_noise_and_a_lost_row(countries):
    text = (
        "2018\u00a0Calendar of Meetings\t \n"
        "Date\tPlace\tISCM\tTitle of the Event / Meeting\t\n"
        "May 2, 2018\tRabat, Morocco\tRabat Process\tMeeting\t\t \n"
        "May 3, 2018 Rabat, Morocco Rabat Process Meeting\n"
    )
    aliases = pd.DataFrame({"process_id": ["rabat"], "alias": ["Rabat Process"]})
    rejects = RejectLog()
    out = load_calendar(text, "cal.txt", ProcessResolver.from_aliases(aliases), countries, rejects)
    assert [(m["meeting_id"], m["title"], m["source_line"]) for m in out.meetings] == [
        ("2018-001", "Meeting", 3)
    ]
    # A row whose tabs were lost is rejected with its line, not taken for a title.
    assert [(r.line, r.field) for r in rejects.items] == [(4, "row")]


def test_place_without_city(countries):
    assert place_parts("Palau", countries) == ("", "PLW", "")
    assert place_parts("Svalbard, Spitsbergen, Norway", countries) == (
        "Svalbard, Spitsbergen",
        "NOR",
        "",
    )


USCIS = (
    "Office\tName of International Meeting/Engagement\tDescription of Meeting\tHow Often Meets"
    "\tLocation\tLevel of Staffing\n"
    "LACC\tTalks\tAttendance: solely U.S. and Cuban officials.\tBiannual\tAlternates between "
    "DC/HAV\tFOD/OAO/SIO\n"
    "ASY\tIGC Asylum Working Group\tWith UNHCR.\tEvery other month\tRotates between US, Canada, "
    "Mexico\tAsylum Deputy (Chair)\n"
    "XYZ\tBroken\trow\n\nList of RAIO Acronyms\n\nLACC-Latin America District\n"
    "OAQ-Overseas Adjudications Officer\n"
)


def test_uscis_quirks(countries):
    ref = {
        n: pd.read_csv(f"data/reference/{n}.csv", dtype=str, keep_default_na=False)
        for n in [
            "acronyms",
            "frequency_rules",
            "staff_roles",
            "staffing_levels",
            "place_aliases",
            "organisations",
            "foreign_agencies",
            "partner_groups",
        ]
    }
    resolver = ProcessResolver.from_aliases(pd.DataFrame({"process_id": ["igc"], "alias": ["IGC"]}))
    rejects = RejectLog()
    out = load_engagements(USCIS, countries, resolver, ref, rejects)
    talks, igc = out.engagements
    assert talks["office_name"] == "Latin America District"  # the document's own list
    assert igc["office_name"] == "Asylum Division"  # the reference table
    assert (talks["frequency"], talks["meetings_per_year"]) == ("biannual", 2.0)
    assert (igc["frequency"], igc["meetings_per_year"]) == ("bimonthly", 6.0)
    where = {(c["engagement_id"], c["iso3"]) for c in out.countries}
    assert {c for e, c in where if e == talks["engagement_id"]} == {"USA", "CUB"}
    assert {c for e, c in where if e == igc["engagement_id"]} == {"USA", "CAN", "MEX"}
    roles = {r["role"] for r in out.roles if r["engagement_id"] == talks["engagement_id"]}
    assert roles == {"FOD", "SIO", "OAO"}
    assert talks["staffing_level"] == "Field and branch leadership"
    assert [p["process_id"] for p in out.processes] == ["igc"]
    assert rejects.items[0].line == 4 and rejects.items[0].field == "row"


def test_uscis_layout_noise(countries):
    # Trailing tabs after a row, and the acronym list's heading and lines with non-breaking
    # spaces and trailing spaces.
    text = (
        USCIS.replace("\tFOD/OAO/SIO\n", "\tFOD/OAO/SIO\t\t \n")
        .replace("List of RAIO Acronyms", "List\u00a0of RAIO\u00a0Acronyms \t")
        .replace("LACC-Latin America District", "LACC-Latin\u00a0America District  ")
    )
    assert document_acronyms(text) == {
        "LACC": "Latin America District",
        "OAQ": "Overseas Adjudications Officer",
    }
    ref = {
        n: pd.read_csv(f"data/reference/{n}.csv", dtype=str, keep_default_na=False)
        for n in [
            "acronyms",
            "frequency_rules",
            "staff_roles",
            "staffing_levels",
            "place_aliases",
            "organisations",
            "foreign_agencies",
            "partner_groups",
        ]
    }
    rejects = RejectLog()
    out = load_engagements(
        text,
        countries,
        ProcessResolver.from_aliases(pd.DataFrame({"process_id": [], "alias": []})),
        ref,
        rejects,
    )
    assert [e["name"] for e in out.engagements] == ["Talks", "IGC Asylum Working Group"]
    assert [(r.line, r.field) for r in rejects.items] == [(4, "row")]


def test_document_acronyms_and_frequency_rules():
    assert document_acronyms(USCIS)["OAQ"] == "Overseas Adjudications Officer"
    rules = pd.read_csv("data/reference/frequency_rules.csv", dtype=str, keep_default_na=False)
    assert frequency_of("Whenever a new preclearance POE is being negotiated", rules) == (
        "ad hoc",
        None,
    )
    assert frequency_of("Annual (first week of October)", rules) == ("annual", 1.0)


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("EU-Horn of Africa Migration Route Initiative (Khartoum Process)", ""),
        ("IGAD-RCP (IGAD Regional Consultative Process)", "IGAD-RCP"),
        ("ASEM (Asia-Europe Meeting)", "ASEM"),
        ("Intra-Regional Forum on Migration in Africa (IRFMA or the Pan-African Forum)", "IRFMA"),
    ],
)
def test_acronym_is_a_whole_word_never_a_prefix_with_a_dash(name, acronym):
    assert acronym_of([name]) == acronym


@pytest.mark.parametrize(
    ("written", "tidy"),
    [
        ("Turkey Co-Chair: Hungary", "Turkey; co-chair: Hungary"),
        ("South Africa)", "South Africa"),
        ("Kyrgyzstan (Oct. 2016-Oct. 2018)", "Kyrgyzstan (Oct. 2016-Oct. 2018)"),
    ],
)
def test_chair_text_is_tidied_not_rewritten(written, tidy):
    assert tidy_fact(written) == tidy


def test_chair_after_a_total_and_a_website_without_markup(countries, groups):
    out, _ = overview(
        rcp_row(
            "<p>Djibouti, Kenya</p> <p>Total: 2 Current Chair: Kenya</p>",
            name="<p>Test Process www.test.org</p>",
        ),
        countries,
        groups,
    )
    assert out.processes[0]["chair"] == "Kenya"
    assert out.processes[0]["website"] == "www.test.org"


def test_lists_that_start_mid_paragraph(countries, groups):
    # IGAD-RCP: "…, and other partners, notably:" then one paragraph with three lists.
    out, _ = overview(
        rcp_row(
            "<p>Djibouti</p>",
            "<p>Transit countries: Chad, Tunisia and Yemen Regional economic communities: "
            "ECOWAS, the EAC and CEN-SAD Relevant non-governmental organizations (NGOs): United "
            "Nations agencies on an ad hoc basis</p>",
        ),
        countries,
        groups,
    )
    assert {(m["iso3"], m["role"]) for m in out.memberships} == {
        ("DJI", "member"),
        ("TCD", "partner"),
        ("TUN", "partner"),
        ("YEM", "partner"),
    }
    assert [o["organisation"] for o in out.organisations] == ["ECOWAS", "EAC", "CEN-SAD"]
    assert out.processes[0]["membership_notes"].startswith("Relevant non-governmental")
