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
    """Country groups as of 2017, their sub-groups, and the phrases that name them."""

    members: dict[str, list[str]]
    phrases: list[tuple[re.Pattern[str], str]]
    subgroups: dict[str, dict[str, str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def from_reference(cls, reference_dir: Path = REFERENCE_DIR) -> CountryGroups:
        """Read country_groups.csv (group_id, iso3, subgroup, source) and group_phrases.csv
        (pattern, group_id, …)."""
        groups = pd.read_csv(reference_dir / "country_groups.csv", dtype=str, keep_default_na=False)
        phrases = pd.read_csv(reference_dir / "group_phrases.csv", dtype=str)
        members: dict[str, list[str]] = {}
        subgroups: dict[str, dict[str, str]] = {}
        for gid, iso3, subgroup in zip(groups.group_id, groups.iso3, groups.subgroup):
            members.setdefault(gid, []).append(iso3)
            if subgroup:
                subgroups.setdefault(gid, {})[iso3] = subgroup
        compiled = [(re.compile(p, re.I), g) for p, g in zip(phrases.pattern, phrases.group_id)]
        return cls(members=members, phrases=compiled, subgroups=subgroups)

    def group_of(self, text: str) -> str | None:
        """The group_id when the whole text is a known group phrase, else None."""
        key = fold(text).strip(" .:")
        for pattern, gid in self.phrases:
            if pattern.fullmatch(key):
                return gid
        return None

    def match_phrase(self, text: str) -> list[str] | None:
        """The member codes when the whole text is a known group phrase, else None."""
        gid = self.group_of(text)
        if gid is None:
            return None
        self.used.add(gid)
        return list(self.members[gid])

    def subgroup(self, gid: str, iso3: str) -> str:
        """The member's sub-group ("African", "Caribbean", "Pacific" for the ACP), or ""."""
        return self.subgroups.get(gid, {}).get(iso3, "")

    def count_mismatches(self, text: str, gid: str) -> list[str]:
        """How the counts a group phrase states differ from the reference table ([] when
        they agree): the first number is the group's size ("79 ACP Member States"), and
        "48 African countries" is the size of a sub-group."""
        size = re.search(r"\b(\d+)\b", text)
        problems = []
        if size and int(size.group(1)) != len(self.members[gid]):
            problems.append(
                f"the phrase says {size.group(1)}, "
                f"reference/country_groups.csv lists {len(self.members[gid])}"
            )
        counted: dict[str, int] = {}
        for sub in self.subgroups.get(gid, {}).values():
            counted[sub] = counted.get(sub, 0) + 1
        for number, word in re.findall(r"\b(\d+)\s+(\w+)\s+countries\b", text):
            listed = counted.get(word.capitalize())
            if listed is not None and listed != int(number):
                problems.append(f"the phrase says {number} {word}, the table lists {listed}")
        return problems
