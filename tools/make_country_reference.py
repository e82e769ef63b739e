"""Regenerate data/reference/country_reference.csv (run by hand, not by the build).

Inputs, both fetched from package registries into a scratch folder:
- UN M49 region and sub-region: `country_data.tsv` of the PyPI package country_converter 1.3.2
  (columns ISO3, continent, UNregion);
- a representative point (lat, lon) per country: `countries.json` of the npm package
  world-countries 5.1.0 (field latlng; ODbL), whose code for Kosovo is UNK.

Usage: python tools/make_country_reference.py COUNTRY_DATA_TSV COUNTRIES_JSON
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "reference" / "country_reference.csv"
REGION_OF_CONTINENT = {"America": "Americas"}


def main(tsv_path: str, json_path: str) -> None:
    points = {}
    for c in json.loads(Path(json_path).read_text(encoding="utf-8")):
        code = "XKX" if c["cca3"] == "UNK" else c["cca3"]
        points[code] = (c["name"]["common"], c["latlng"])
    rows = []
    with open(tsv_path, encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            iso3 = rec["ISO3"]
            if not iso3 or iso3 not in points or not rec["UNregion"]:
                continue
            name, (lat, lon) = points[iso3]
            region = REGION_OF_CONTINENT.get(rec["continent"], rec["continent"])
            rows.append((iso3, name, region, rec["UNregion"], f"{lat:.4f}", f"{lon:.4f}"))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["iso3", "short_name", "region", "sub_region", "lat", "lon"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
