"""Organisation lists: known names keep their commas, lists without commas split, canonical
names from the alias table, fillers dropped, nothing else lost."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.build import REFERENCE
from loaders.organisations import NameMatcher, OrganisationNames

TABLE = pd.DataFrame(
    [
        ("International Organization for Migration", "IOM"),
        ("IOM", "IOM"),
        ("UNHCR", "UNHCR"),
        ("United Nations Educational, Scientific and Cultural Organization", "UNESCO"),
        ("African Union Commission", "African Union Commission"),
        ("AU Commission", "African Union Commission"),
        ("European Commission", "European Commission"),
        ("World Bank", "World Bank"),
        ("SADC", "SADC"),
    ],
    columns=["alias", "organisation"],
).assign(kind="international")


@pytest.fixture(scope="module")
def names() -> OrganisationNames:
    return OrganisationNames(TABLE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IOM UNHCR", ["IOM", "UNHCR"]),
        (
            "African Union Commission (AUC) European Commission",
            ["African Union Commission", "European Commission"],
        ),
        (
            "ILO, United Nations Educational, Scientific and Cultural Organization (UNESCO), UNHCR",
            ["ILO", "UNESCO", "UNHCR"],
        ),
        (
            "International Organization for Migration (IOM) Pacific Islands Chiefs of Police (PICP)",
            ["IOM", "Pacific Islands Chiefs of Police (PICP)"],
        ),
        ("UNDP, the World Bank, and other partners, notably:", ["UNDP", "World Bank"]),
        (
            "SADC Secretariat, and others (i.e. relevant UN agencies, on an ad hoc basis the AU "
            "Commission)",
            ["SADC Secretariat"],
        ),
        (
            "APC Secretariat, (Inter-governmental Asia-Pacific Consultations on Refugees, Displaced "
            "Persons and Migrants), IOM",
            ["APC Secretariat", "IOM"],
        ),
        ("ICMPD [in its capacity of the Secretariat of the Prague Process]", ["ICMPD"]),
        # A bare known name that goes on is one body; one closed by "(ACRONYM)" is complete.
        (
            "SADC Secretariat, SADC Parliamentary Forum",
            ["SADC Secretariat", "SADC Parliamentary Forum"],
        ),
    ],
)
def test_lists_split_into_canonical_names(names, text, expected):
    assert [o.name for o in names.split(text)] == expected


def test_the_text_as_written_is_kept(names):
    out = names.split(
        "APC Secretariat, (Inter-governmental Asia-Pacific Consultations), "
        "International Organization for Migration (IOM)"
    )
    assert [o.written for o in out] == [
        "APC Secretariat (Inter-governmental Asia-Pacific Consultations)",
        "International Organization for Migration (IOM)",
    ]


def test_unknown_names_pass_through_unchanged(names):
    assert names.canonical("Regional Cooperation Council") == "Regional Cooperation Council"
    assert names.canonical("International Organization for Migration (IOM)") == "IOM"


def test_reference_table_has_one_row_per_alias():
    table = pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
    assert not table.alias.duplicated().any()
    assert (table.organisation != "").all()


def test_the_matcher_finds_whole_names_longest_first_in_text_order():
    matcher = NameMatcher(
        {
            "UN": "United Nations",
            "UNHCR": "UNHCR",
            "DHS": "DHS",
            "UN Refugee Agency": "UNHCR",
            "IOM": "IOM",
        }
    )
    found = matcher.matches("IOM and the UN Refugee Agency (not UNICEF, nor DOS/DHS), the UN")
    assert [(m.written, m.name) for m in found] == [
        ("IOM", "IOM"),
        ("UN Refugee Agency", "UNHCR"),
        ("UN", "United Nations"),
    ]
    assert found[1].start == len("IOM and the ")
    assert matcher.names_in("UNHCR, IOM, UNHCR") == ["UNHCR", "IOM"]


def test_the_matcher_may_ignore_case_or_take_the_acronym_along():
    groups = NameMatcher({"Five Country Conference": "FCC governments"}, ignore_case=True)
    assert [m.written for m in groups.matches("the five country conference met")] == [
        "five country conference"
    ]
    lists = NameMatcher({"International Organization for Migration": "IOM"}, with_acronym=True)
    assert [
        (m.written, m.name)
        for m in lists.matches("International Organization for Migration (IOM) UNHCR")
    ] == [("International Organization for Migration (IOM)", "IOM")]
    assert NameMatcher({}).matches("IOM") == []


def test_every_organisation_has_one_kind():
    table = pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
    assert table.groupby("organisation").kind.nunique().max() == 1
    assert table.alias.is_unique
