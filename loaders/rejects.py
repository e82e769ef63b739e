"""Collecting what could not be parsed, so that no source row is lost silently."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

REJECT_COLUMNS = ["source", "line", "field", "text", "reason"]


@dataclass(frozen=True)
class Reject:
    """One problem found in a source: which file and line, which field, the raw text, why."""

    source: str
    line: int
    field: str
    text: str
    reason: str


@dataclass
class RejectLog:
    """An append-only list of rejects for one build; turned into rejects.csv at the end."""

    items: list[Reject] = field(default_factory=list)

    def add(self, source: str, line: int, field_name: str, text: str, reason: str) -> None:
        """Record one reject. Never raises."""
        self.items.append(Reject(source, int(line), field_name, text, reason))

    def to_frame(self) -> pd.DataFrame:
        """Return the rejects as a DataFrame with REJECT_COLUMNS, in the order recorded."""
        return pd.DataFrame([asdict(r) for r in self.items], columns=REJECT_COLUMNS)

    def __len__(self) -> int:
        return len(self.items)
