"""Country names as these documents write them -> ISO 3166-1 alpha-3 codes.

Resolution order: the reviewed alias table (data/reference/country_aliases.csv), then the
names pycountry knows (name, official name, common name), then the short names of
data/reference/country_reference.csv. Nothing is guessed: an unknown name resolves to None and
the caller records a reject, with a fuzzy suggestion for the reviewer (never applied).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pycountry
from rapidfuzz import fuzz
from rapidfuzz import process as fuzz_process

from loaders.text import fold, strip_parentheses

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"
# Minimum rapidfuzz ratio (0-100) for a suggestion: about two edits in a ten-letter name.
SUGGEST_CUTOFF = 85


def country_key(name: str) -> str:
    """The lookup key for a country name: folded, without a leading "the", "St." as "saint"."""
    key = fold(name).strip(" .,;:*")
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"\bst\.?\s+", "saint ", key)
    key = key.replace("&", "and")
    return re.sub(r"\s+", " ", key)


def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(country_key(value), c.alpha_3)
    return names


def m49_corrected(reference: pd.DataFrame, reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """country_reference rows with region and sub_region replaced where
    reference/m49_corrections.csv (each row citing UN M49) says the generated table is wrong."""
    path = reference_dir / "m49_corrections.csv"
    if not path.exists():
        return reference
    fixes = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("iso3")
    out = reference.set_index("iso3")
    known = fixes.index.intersection(out.index)
    out.loc[known, ["region", "sub_region"]] = fixes.loc[known, ["region", "sub_region"]]
    return out.reset_index()


@dataclass
class CountryResolver:
    """Resolves country names to ISO3 codes and remembers which aliases were used."""

    aliases: dict[str, str]
    reference: pd.DataFrame
    known: dict[str, str] = field(default_factory=dict)
    used_aliases: set[str] = field(default_factory=set)

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> CountryResolver:
        """Build a resolver from the alias and country reference tables in reference_dir."""
        alias_table = pd.read_csv(reference_dir / "country_aliases.csv", dtype=str).fillna("")
        reference = m49_corrected(
            pd.read_csv(reference_dir / "country_reference.csv", dtype=str, keep_default_na=False),
            reference_dir,
        )
        aliases = {country_key(a): i for a, i in zip(alias_table.alias, alias_table.iso3)}
        known = _pycountry_names()
        for iso3, short in zip(reference.iso3, reference.short_name):
            known.setdefault(country_key(short), iso3)
        return cls(aliases=aliases, reference=reference.set_index("iso3"), known=known)

    def resolve(self, name: str) -> str | None:
        """Return the ISO3 code for a country name, or None when the name is not known."""
        key = country_key(name)
        if not key:
            return None
        if key in self.aliases:
            self.used_aliases.add(key)
            return self.aliases[key]
        return self.known.get(key)

    def find_in_text(
        self, text: str, places: dict[str, str] | None = None, skip_parentheses: bool = True
    ) -> list[str]:
        """ISO3 codes of the country names in a text, in order of first mention, no repeats.

        Greedy longest match over words (up to six), so "Canada USA" and "US and HAV" both
        work; `places` adds place names (cities, airport codes) -> ISO3 for this call only.
        Parenthesised text is skipped unless skip_parentheses is False.
        """
        place_keys = {country_key(k): v for k, v in (places or {}).items()}
        words = strip_parentheses(text) if skip_parentheses else text
        words = re.sub(r"[,;/()]|--", " ", words).split()
        found: list[str] = []
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 6), i, -1):
                phrase = " ".join(words[i:j])
                code = place_keys.get(country_key(phrase)) or self.resolve(phrase)
                if code:
                    if code not in found:
                        found.append(code)
                    i = j
                    break
            else:
                i += 1
        return found

    def suggest(self, name: str) -> str:
        """A fuzzy suggestion for a reviewer ("" when nothing is close). Never applied.

        Close means a plain edit-distance similarity of at least SUGGEST_CUTOFF over the whole
        name: a misspelling ("Kazakhstann"), never a name that merely shares words with a long
        phrase (the partial matching of rapidfuzz's default scorer offered "islamic republic
        of afghanistan" for a sentence about the ACP states).
        """
        choices = list(self.known) + list(self.aliases)
        hit = fuzz_process.extractOne(
            country_key(name), choices, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF
        )
        if not hit:
            return ""
        code = self.known.get(hit[0]) or self.aliases[hit[0]]
        return f"{hit[0]} ({code})"

    def unused_aliases(self) -> list[str]:
        """Alias keys that no document used in this build (candidates for removal)."""
        return sorted(set(self.aliases) - self.used_aliases)

    def country_rows(self, codes: set[str]) -> pd.DataFrame:
        """countries.csv rows (iso3, name, region, sub_region, lat, lon) for the given codes.

        A code missing from the reference table keeps empty region and position; the build's
        referential check reports it.
        """
        rows = []
        for iso3 in sorted(codes):
            if iso3 in self.reference.index:
                ref = self.reference.loc[iso3]
                rows.append(
                    {
                        "iso3": iso3,
                        "name": ref.short_name,
                        "region": ref.region,
                        "sub_region": ref.sub_region,
                        "lat": float(ref.lat),
                        "lon": float(ref.lon),
                    }
                )
            else:
                country = pycountry.countries.get(alpha_3=iso3)
                rows.append(
                    {
                        "iso3": iso3,
                        "name": country.name if country else iso3,
                        "region": "",
                        "sub_region": "",
                        "lat": None,
                        "lon": None,
                    }
                )
        return pd.DataFrame(rows, columns=["iso3", "name", "region", "sub_region", "lat", "lon"])
