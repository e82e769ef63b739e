"""Mechanism names as the calendar and other documents cite them -> process_ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from loaders.text import fold, split_outside_parentheses

ALL_MECHANISMS = re.compile(r"^for all iscms?$")
_AND = re.compile(r"\s+and\s+", re.I)


def alias_key(text: str) -> str:
    """Comparison key for mechanism names: folded, no hyphens or apostrophes, words only."""
    key = fold(text).replace("-", "").replace("'", "")
    key = re.sub(r"[^a-z0-9]+", " ", key).strip()
    return re.sub(r"^the ", "", key)


def _split_top_level(text: str) -> list[str]:
    """Split on " and " / " And " outside parentheses."""
    return [p.strip() for p in split_outside_parentheses(text, _AND) if p.strip()]


@dataclass
class ProcessResolver:
    """Resolves a mechanism text to process_ids through the alias table."""

    by_key: dict[str, str]
    used: set[str] = field(default_factory=set)

    @classmethod
    def from_aliases(cls, aliases: pd.DataFrame) -> ProcessResolver:
        """Build from a DataFrame with process_id and alias columns (first alias wins)."""
        by_key: dict[str, str] = {}
        for pid, alias in zip(aliases.process_id, aliases.alias):
            by_key.setdefault(alias_key(alias), pid)
        return cls(by_key=by_key)

    def _one(self, text: str) -> str | None:
        key = alias_key(text)
        if key in self.by_key:
            return self.by_key[key]
        # "X (ACRONYM)": the acronym, then the name without the parenthesis.
        for inner in reversed(re.findall(r"\(([^()]+)\)", text)):
            if alias_key(inner) in self.by_key:
                return self.by_key[alias_key(inner)]
        outer = alias_key(re.sub(r"\([^()]*\)", " ", text))
        if outer in self.by_key:
            return self.by_key[outer]
        # "Almaty Process on Refugee Protection …": the longest alias the text starts with.
        starts = [k for k in self.by_key if len(k) >= 8 and (outer + " ").startswith(k + " ")]
        if starts:
            return self.by_key[max(starts, key=len)]
        return None

    def resolve(self, text: str) -> list[str]:
        """The process_ids a mechanism text names, in order; [] when it names none we know.

        Tries the parts split on a top-level "and" (when every part resolves), then the whole.
        """
        parts = _split_top_level(text)
        if len(parts) > 1:
            found = [self._one(p) for p in parts]
            if all(found):
                return list(dict.fromkeys(found))  # type: ignore[arg-type]
        whole = self._one(text)
        return [whole] if whole else []
