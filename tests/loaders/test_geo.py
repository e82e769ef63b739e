"""Country outlines: ISO codes from numeric ids or names, areas, and who gets a marker."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from loaders.countries import CountryResolver
from loaders.geo import country_shapes, iso3_of_feature, with_shapes


@pytest.fixture(scope="module")
def resolver() -> CountryResolver:
    return CountryResolver.from_reference()


def test_feature_without_iso_code_resolves_by_name(resolver):
    # Natural Earth gives Kosovo no ISO numeric code; the documents' alias table names it XKX.
    assert iso3_of_feature(None, "Kosovo", resolver) == "XKX"
    assert iso3_of_feature("250", "France", resolver) == "FRA"
    assert iso3_of_feature("578", "Norway", resolver) == "NOR"
    assert iso3_of_feature(None, "Somaliland", resolver) is None


def test_small_or_missing_countries_get_a_marker(resolver):
    outlines = gpd.GeoDataFrame(
        {"id": ["250", None, "048"], "name": ["France", "Kosovo", "Bahrain"]},
        geometry=[box(-4, 43, 7, 50), box(20, 42, 21, 43), box(50.4, 25.8, 50.6, 26.2)],
        crs="EPSG:4326",
    )
    shapes = country_shapes(outlines, resolver)
    countries = pd.DataFrame({"iso3": ["FRA", "XKX", "BHR", "TUV"]})
    out = with_shapes(countries, shapes).set_index("iso3")
    assert out.loc["XKX", "shape_source"] == "name"
    assert out.loc["TUV", "shape_source"] == "none"
    assert out.map_marker.to_dict() == {"FRA": False, "XKX": True, "BHR": True, "TUV": True}
    assert 500_000 < out.loc["FRA", "area_km2"] < 1_000_000


def test_real_outlines_cover_every_country_but_tuvalu(built):
    countries = built.tables["countries"].set_index("iso3")
    assert countries.loc[["FRA", "NOR"], "shape_source"].tolist() == ["iso", "iso"]
    assert countries.loc["XKX", "shape_source"] == "name"
    assert set(countries.index[countries.shape_source == "none"]) == {"TUV"}
