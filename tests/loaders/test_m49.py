"""The region filter's geography: every country's region and sub-region are UN M49's.

tests/loaders/truth/un_m49.csv is M49 as the UN Statistics Division publishes it (see the truth
README), independent of the table country_reference.csv was generated from."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders import vocabulary
from loaders.countries import CountryResolver

TRUTH = Path(__file__).parent / "truth" / "un_m49.csv"
# Not in M49 (neither is a UN member or has an M49 code): placed as data/README.md says.
NOT_IN_M49 = {"XKX": ("Europe", "Southern Europe"), "TWN": ("Asia", "Eastern Asia")}


@pytest.fixture(scope="module")
def m49() -> pd.DataFrame:
    return pd.read_csv(TRUTH, dtype=str, keep_default_na=False).set_index("iso3")


def expected(m49: pd.DataFrame, iso3: str) -> tuple[str, str]:
    if iso3 in NOT_IN_M49:
        return NOT_IN_M49[iso3]
    row = m49.loc[iso3]
    return row.region, row.intermediate_region or row.sub_region


def test_every_country_in_the_tables_has_its_m49_region_and_sub_region(built, m49):
    countries = built.tables["countries"]
    wrong = [
        (c.iso3, c.region, c.sub_region, expected(m49, c.iso3))
        for c in countries.itertuples()
        if (c.region, c.sub_region) != expected(m49, c.iso3)
    ]
    assert not wrong
    assert set(countries.region) <= set(vocabulary.COUNTRY_REGIONS)


def test_corrections_fix_what_the_generated_table_got_wrong():
    # Nauru is Micronesian in M49 (057); country_converter's table says Polynesia.
    reference = CountryResolver.from_reference().reference
    assert tuple(reference.loc["NRU", ["region", "sub_region"]]) == ("Oceania", "Micronesia")
    assert tuple(reference.loc["CXR", ["region", "sub_region"]]) == (
        "Oceania",
        "Australia and New Zealand",
    )


def test_each_sub_region_lies_in_one_region(built):
    countries = built.tables["countries"]
    regions_per_sub = countries.groupby("sub_region").region.nunique()
    assert regions_per_sub.eq(1).all(), regions_per_sub[regions_per_sub > 1]
