"""Country outlines (Natural Earth 1:50m, data/geo/) -> per-country area and how to draw it.

The dashboard draws most countries from plotly's own outline files, which are keyed by ISO
code. Natural Earth gives some features no ISO numeric code (Kosovo writes -99), so those are
matched by name through the same CountryResolver as the documents; their shapes are drawn from
data/geo/ instead. Countries too small to see at world scale get a circle marker as well.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pycountry

from loaders.countries import CountryResolver

GEO = Path(__file__).resolve().parents[1] / "data" / "geo"
OUTLINES = GEO / "countries-50m.json"
EQUAL_AREA = "EPSG:6933"  # World Cylindrical Equal Area: areas in m²
MARKER_BELOW_KM2 = 12_000  # Lebanon, Qatar, Jamaica and smaller are hard to see or click


def read_outlines(path: Path = OUTLINES) -> gpd.GeoDataFrame:
    """Natural Earth features (id: ISO 3166-1 numeric or empty, name, geometry), WGS84."""
    frame = gpd.read_file(path, layer="countries")
    return frame.set_crs("EPSG:4326", allow_override=True)


def iso3_of_feature(numeric_id: object, name: str, resolver: CountryResolver) -> str | None:
    """A feature's ISO3: from its numeric code, else from its name (None when neither works)."""
    if isinstance(numeric_id, str) and numeric_id.strip():
        country = pycountry.countries.get(numeric=numeric_id.strip().zfill(3))
        if country is not None:
            return country.alpha_3
    return resolver.resolve(name)


def country_shapes(outlines: gpd.GeoDataFrame, resolver: CountryResolver) -> pd.DataFrame:
    """One row per resolved ISO3: area_km2 (int), shape_source.

    shape_source is "iso" for features plotly's ISO-keyed outlines draw, "name" for features
    Natural Earth gives no ISO code (drawn from data/geo by ne_name).
    """
    areas = outlines.to_crs(EQUAL_AREA).area / 1e6
    rows = []
    for (_, feature), area in zip(outlines.iterrows(), areas, strict=True):
        iso3 = iso3_of_feature(feature["id"], feature["name"], resolver)
        if iso3 is None:
            continue  # Somaliland, N. Cyprus, Siachen Glacier…: not states the documents name
        has_iso = isinstance(feature["id"], str) and bool(feature["id"].strip())
        rows.append(
            {
                "iso3": iso3,
                "area_km2": round(area),
                "ne_name": feature["name"],
                "shape_source": "iso" if has_iso else "name",
            }
        )
    frame = pd.DataFrame(rows, columns=["iso3", "area_km2", "ne_name", "shape_source"])
    # A code can appear twice (a territory under its own name); keep the largest piece.
    return frame.sort_values("area_km2", ascending=False).drop_duplicates("iso3")


def with_shapes(countries: pd.DataFrame, shapes: pd.DataFrame) -> pd.DataFrame:
    """countries.csv rows plus area_km2, shape_source ("iso", "name" or "none"), ne_name and
    map_marker (True when the country is small or has no outline, so a circle marks it)."""
    out = countries.merge(shapes, on="iso3", how="left")
    out["shape_source"] = out["shape_source"].fillna("none")
    out["ne_name"] = out["ne_name"].fillna("")
    out["map_marker"] = out["area_km2"].isna() | (out["area_km2"] < MARKER_BELOW_KM2)
    out["area_km2"] = out["area_km2"].astype("Int64")
    return out
