"""Members the overview names: defined groups (ACP), countries named outside the list, and
close-only fuzzy suggestions. Expected values come from reading the overview."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.build import REFERENCE
from loaders.countries import CountryResolver
from loaders.groups import CountryGroups
from tests.loaders.test_quirks import overview, rcp_row

ACP_PHRASE = ("79 ACP Member States (all of which, except Cuba, have signed the Cotonou "
              "Agreement): 48 African countries 16 Caribbean countries 15 Pacific countries")


@pytest.fixture(scope="module")
def countries() -> CountryResolver:
    return CountryResolver.from_reference()


@pytest.fixture(scope="module")
def groups() -> CountryGroups:
    return CountryGroups.from_reference()


def acp_table() -> pd.DataFrame:
    table = pd.read_csv(REFERENCE / "country_groups.csv", dtype=str, keep_default_na=False)
    return table[table.group_id == "ACP"]


def test_acp_table_has_the_split_the_overview_states():
    acp = acp_table()
    # "79 ACP Member States …: 48 African countries 16 Caribbean countries 15 Pacific countries"
    assert len(acp) == 79 and acp.iso3.is_unique
    assert acp.subgroup.value_counts().to_dict() == {"African": 48, "Caribbean": 16,
                                                     "Pacific": 15}
    assert (acp.source != "").all()


def test_acp_table_holds_the_known_edge_cases():
    by_code = dict(zip(acp_table().iso3, acp_table().subgroup))
    assert by_code["CUB"] == "Caribbean"  # a member that never signed Cotonou
    assert by_code["ZAF"] == "African"
    assert by_code["TLS"] == "Pacific"  # joined in 2003
    assert by_code["COK"] == by_code["NIU"] == "Pacific"  # not UN members
    assert "SSD" not in by_code  # South Sudan never joined


def test_acp_subgroups_lie_in_their_world_regions():
    reference = pd.read_csv(REFERENCE / "country_reference.csv", dtype=str,
                            keep_default_na=False).set_index("iso3")
    acp = acp_table().assign(region=lambda d: d.iso3.map(reference.region))
    assert set(acp.loc[acp.subgroup == "African", "region"]) == {"Africa"}
    assert set(acp.loc[acp.subgroup == "Caribbean", "region"]) == {"Americas"}
    pacific = acp[acp.subgroup == "Pacific"]
    assert set(pacific.loc[pacific.iso3 != "TLS", "region"]) == {"Oceania"}


def test_acp_phrase_expands_from_the_reference_table(countries, groups):
    out, rejects = overview(rcp_row(f"<p>28 EU Member States, {ACP_PHRASE}</p> "
                                    "<p>Total: 107</p>"), countries, groups)
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
