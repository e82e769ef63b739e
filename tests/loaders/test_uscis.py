"""One small inline example per quirk of the USCIS engagements: partners, roles, schedules.

Each example is a made-up row in the document's own wording; the expected values come from
reading it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.build import REFERENCE, write_tables
from loaders.processes import ProcessResolver
from loaders.rejects import RejectLog
from loaders.uscis import frequency_of, load_engagements, roles_of, schedule_qualifier

HEADER = (
    "Office\tName of International Meeting/Engagement\tDescription of Meeting\t"
    "How Often Meets\tLocation\tLevel of Staffing\n"
)
TABLES = [
    "acronyms",
    "frequency_rules",
    "staff_roles",
    "staffing_levels",
    "place_aliases",
    "organisations",
    "foreign_agencies",
    "partner_groups",
]


@pytest.fixture(scope="module")
def reference() -> dict[str, pd.DataFrame]:
    return {
        n: pd.read_csv(REFERENCE / f"{n}.csv", dtype=str, keep_default_na=False) for n in TABLES
    }


def load(rows: list[tuple[str, ...]], countries, reference):
    text = HEADER + "".join("\t".join(r) + "\n" for r in rows)
    processes = ProcessResolver.from_aliases(pd.DataFrame({"process_id": [], "alias": []}))
    return load_engagements(text, countries, processes, reference, RejectLog())


def partners(name: str, description: str, countries, reference) -> dict[str, tuple[str, str]]:
    """partner (organisation, else iso3) -> (partner_text, note) for one made-up row."""
    out = load([("ASY", name, description, "Annual", "Geneva", "FOD")], countries, reference)
    return {p["organisation"] or p["iso3"]: (p["partner_text"], p["note"]) for p in out.partners}


def test_a_venue_is_not_a_partner(countries, reference):
    found = partners(
        "Working Group",
        "The groups each meet twice per year in Geneva and once "
        "in Canada with officials from Norway.",
        countries,
        reference,
    )
    assert set(found) == {"NOR"}


def test_a_subject_is_not_a_partner(countries, reference):
    found = partners(
        "Syria Core Group, UNHCR",
        "Meet with counterparts from Germany to "
        "discuss fraud trends with Refugee/Immigration populations in India and "
        "Syrian refugee resettlement, including UNHCR operations.",
        countries,
        reference,
    )
    assert set(found) == {"DEU", "UNHCR"}
    assert found["UNHCR"] == ("UNHCR", "")  # from the name, not the subject


def test_a_citation_or_comparison_is_not_a_partner(countries, reference):
    found = partners(
        "Preclearance",
        "In accordance with the Convention (done at Geneva, July "
        "28, 1951), or the Protocol (done at Mexico City, January 31, 1967). "
        "Members are the Ministry of Justice (similar to the OIG).",
        countries,
        reference,
    )
    assert set(found) == {"Ministry of Justice (China)"}


def test_departments_in_the_name_are_partners(countries, reference):
    found = partners("DOS-DHS Preclearance POE Negotiations", "Negotiations.", countries, reference)
    assert found == {"DOS": ("DOS", ""), "DHS": ("DHS", "")}


def test_a_country_in_the_name_takes_part_when_paired_with_the_us(countries, reference):
    assert set(partners("U.S.-Cuba Migration Talks", "Talks.", countries, reference)) == {"CUB"}
    assert set(partners("Meeting with Australia and UK", "A meeting.", countries, reference)) == {
        "AUS",
        "GBR",
    }


def test_an_agency_carries_its_country_and_no_extra_country_row(countries, reference):
    out = load(
        [
            (
                "ASY",
                "US-Canada Asylum Working Group",
                "USCIS and Immigration, Refugees, "
                "and Citizenship Canada (IRCC) meet at the border with Canada.",
                "Annual",
                "US",
                "FOD",
            )
        ],
        countries,
        reference,
    )
    assert [(p["kind"], p["iso3"], p["organisation"], p["partner_text"]) for p in out.partners] == [
        ("foreign agency", "CAN", "IRCC", "Immigration, Refugees, and Citizenship Canada")
    ]


def test_similar_in_nature_as_above_takes_the_row_above_with_a_note(countries, reference):
    out = load(
        [
            ("APAC", "Task Force", "Members from the FCC(UK, NZL).", "Monthly", "Beijing", "FOD"),
            (
                "APAC",
                "Task Force - LES",
                "This meeting is similar in nature as above but the members are comprised of LES.",
                "Quarterly",
                "Beijing",
                "LES",
            ),
        ],
        countries,
        reference,
    )
    first, second = (e["engagement_id"] for e in out.engagements)
    below = [(p["iso3"], p["note"]) for p in out.partners if p["engagement_id"] == second]
    assert below == [
        ("GBR", "from line 2: this row is 'similar in nature as above'"),
        ("NZL", "from line 2: this row is 'similar in nature as above'"),
    ]
    assert not any(p["note"] for p in out.partners if p["engagement_id"] == first)


def test_nobody_named_gives_one_unknown_row_saying_why(countries, reference):
    found = partners(
        "Anti-Fraud Team (RAAFT) Delhi", "Members of the team meet monthly.", countries, reference
    )
    assert found == {"unknown": ("", "unknown: the row names no one who takes part besides USCIS")}


def test_groups_past_examples_and_cut_off_text_are_noted(countries, reference):
    found = partners(
        "Exchange",
        "UNHCR staff and NGOs meet. In the past, there has been "
        "representation from other DHS components including CBP. The USG "
        "negotiates--e.g., Dominican Republic. Representatives from the UK, Aust",
        countries,
        reference,
    )
    cut = "the description is cut off mid-sentence; anyone named after the cut is lost"
    assert found == {
        "UNHCR": ("UNHCR", cut),
        "NGOs": ("NGOs", f"a group: the source does not name its members; {cut}"),
        "CBP": ("CBP", f"took part in the past; {cut}"),  # not DHS: "DHS components"
        "DOM": ("Dominican Republic", f"named as an example (e.g.); {cut}"),
        "GBR": ("UK", cut),
        "AUS": ("Aust", cut),
    }


def test_a_parenthesis_naming_a_bodys_parts_stands_for_them(countries, reference):
    found = partners(
        "Taskforce",
        "The members are the FBI, DOJ, and DHS (ICE and USCIS). The "
        "International Organization for Migration (IOM) observes.",
        countries,
        reference,
    )
    # ICE, not DHS (USCIS is the reporter); IOM's own acronym changes nothing.
    assert set(found) == {"FBI", "DOJ", "ICE", "IOM"}


def test_the_body_a_forum_is_named_after_takes_part(countries, reference):
    found = partners(
        "Metropolis North America - Migration Policy Forum: People, Labor",
        "Discussion between policymakers, researchers and practitioners.",
        countries,
        reference,
    )
    assert set(found) == {"Metropolis North America", "policymakers, researchers and practitioners"}
    assert found["Metropolis North America"] == ("Metropolis North America", "")


def test_a_group_is_dropped_where_the_row_names_its_countries(countries, reference):
    assert set(
        partners(
            "Five Country Conference Resettlement", "The 5 governments meet.", countries, reference
        )
    ) == {"Five Country Conference governments"}
    assert set(
        partners(
            "Five Country Conference Meeting",
            "Meet with counterparts from Australia and Germany.",
            countries,
            reference,
        )
    ) == {"AUS", "DEU"}
    assert set(
        partners(
            "IGC Full Round",
            "A theme set by the chair (this year it is Norway).",
            countries,
            reference,
        )
    ) == {"IGC member states", "NOR"}


@pytest.mark.parametrize(
    ("staffing", "roles"),
    [
        (
            "Varies--AD, senior advisor, Supervisory Asylum Officers",
            [
                ("RAIO Associate Director", 1, "AD"),
                ("Senior Advisor", 2, "senior advisor"),
                ("Supervisory Asylum Officer", 3, "Supervisory Asylum Officers"),
            ],
        ),
        (
            "RAIO Associate Director / Senior Advisor (accompanying)",
            [
                ("RAIO Associate Director", 1, "RAIO Associate Director"),
                ("Senior Advisor", 2, "Senior Advisor"),
            ],
        ),
    ],
)
def test_roles_match_case_insensitively(staffing, roles, reference):
    assert roles_of(staffing, reference["staff_roles"]) == roles


def test_ad_hoc_is_not_the_associate_director(reference):
    assert roles_of("FOD, ad hoc", reference["staff_roles"]) == [("FOD", 3, "FOD")]


@pytest.mark.parametrize(
    ("staffing", "roles"),
    [
        ("FOD/LES Investigator", ["FOD", "LES Investigator"]),
        ("RAD Chief, Deputy, or SME", ["RAD Chief", "RAD Deputy Chief", "Subject matter expert"]),
        ("Asylum Chief, Deputy, HQ staff", ["Asylum Division Chief", "Asylum Deputy", "HQ staff"]),
        (
            "International Operations Division Chief or Deputy Division Chief",
            [
                "International Operations Division Chief",
                "International Operations Deputy Division Chief",
            ],
        ),
        ("RAIO Research Unit Chief", ["RAIO Research Unit Chief"]),
    ],
)
def test_the_longest_role_wins(staffing, roles, reference):
    assert [r for r, _, _ in roles_of(staffing, reference["staff_roles"])] == roles


def test_staff_of_another_department_are_not_a_role(reference):
    staffing = (
        "RAD Chief, Deputy, or SME, depending on the agenda. Nov. 2018 meeting staffed "
        "solely by PRM/Geneva Mission"
    )
    assert [r for r, _, _ in roles_of(staffing, reference["staff_roles"])] == [
        "RAD Chief",
        "RAD Deputy Chief",
        "Subject matter expert",
    ]


@pytest.mark.parametrize(
    ("staffing", "roles"),
    [
        (
            "Typically RAO Associate Director and Havana FOD (e.g., 2016 Talks in HAV was attended by "
            "D1/COS)",
            [
                ("RAIO Associate Director", "RAO Associate Director"),
                ("FOD", "FOD"),
                ("USCIS Director", "D1"),
                ("Chief of Staff", "COS"),
            ],
        ),
        (
            "D2 and RAIO Associate Director / Senior Advisor (accompanying)",
            [
                ("USCIS Deputy Director", "D2"),
                ("RAIO Associate Director", "RAIO Associate Director"),
                ("Senior Advisor", "Senior Advisor"),
            ],
        ),
    ],
)
def test_abbreviations_are_read_but_kept_as_written(staffing, roles, reference):
    assert [(r, w) for r, _, w in roles_of(staffing, reference["staff_roles"])] == roles


def test_meetings_per_year_are_whole_numbers_in_the_csv(built, tmp_path):
    write_tables({"engagements": built.tables["engagements"]}, tmp_path / "out")
    written = pd.read_csv(tmp_path / "out" / "engagements.csv", dtype=str, keep_default_na=False)
    assert set(written.meetings_per_year) == {"12", "6", "4", "2", "1", ""}


@pytest.mark.parametrize(
    ("frequency_text", "description", "expected"),
    [
        (
            "Once annually or at the discretion of the Chair (not currently scheduled)",
            "",
            ("ad hoc", None, "not currently scheduled"),
        ),
        (
            "Annual in-person, in conjunction w/the ATCR; supplemented with periodic conference "
            "calls (not currently scheduled)",
            "",
            ("annual", 1, ""),
        ),
        (
            "Quarterly",
            "So far, we only met once and future meetings have been put on hold.",
            ("quarterly", None, "future meetings have been put on hold"),
        ),
        ("Every other month", "", ("bimonthly", 6, "")),
    ],
)
def test_a_qualified_schedule_is_not_a_fixed_schedule(
    frequency_text, description, expected, countries, reference
):
    out = load(
        [("RAD", "Working Group", description, frequency_text, "Geneva", "FOD")],
        countries,
        reference,
    )
    row = out.engagements[0]
    assert (row["frequency"], row["meetings_per_year"], row["schedule_note"]) == expected
    assert frequency_of("Quarterly", reference["frequency_rules"]) == ("quarterly", 4)
    assert schedule_qualifier(frequency_text, description) == expected[2]
