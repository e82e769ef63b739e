"""Group phrases ("28 EU Member States") expanded to countries from data/reference tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.countries import REFERENCE_DIR
from loaders.text import fold


@dataclass
class CountryGroups:
    """Country groups as of 2017 and the phrases that name them."""

    members: dict[str, list[str]]
    phrases: list[tuple[re.Pattern[str], str]]
    used: set[str] = field(default_factory=set)

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> CountryGroups:
        """Read country_groups.csv (group_id, iso3, …) and group_phrases.csv (pattern, …)."""
        groups = pd.read_csv(reference_dir / "country_groups.csv", dtype=str)
        phrases = pd.read_csv(reference_dir / "group_phrases.csv", dtype=str)
        members: dict[str, list[str]] = {}
        for gid, iso3 in zip(groups.group_id, groups.iso3):
            members.setdefault(gid, []).append(iso3)
        compiled = [(re.compile(p, re.I), g) for p, g in zip(phrases.pattern, phrases.group_id)]
        return cls(members=members, phrases=compiled)

    def match_phrase(self, text: str) -> list[str] | None:
        """The member codes when the whole text is a known group phrase, else None."""
        key = fold(text).strip(" .:")
        for pattern, gid in self.phrases:
            if pattern.fullmatch(key):
                self.used.add(gid)
                return list(self.members[gid])
        return None
