"""The shape of an output row, and one cell of a validated table read back as Python."""

from __future__ import annotations

import math

import pandas as pd

# One row of an output table before it becomes a DataFrame: column -> value (text, number,
# flag or None). The table's schema checks the values at the boundary (loaders/schemas.py).
Row = dict[str, object]


def cell_text(value: object) -> str:
    """A cell of a text column as str: "" for a missing value (None, NaN, pd.NA)."""
    if isinstance(value, str):
        return value
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    return "" if missing else str(value)


def cell_int(value: object) -> int:
    """A cell of a whole-number column ("2017", 2017, 2017.0) as int. Raises ValueError
    (TypeError for a non-number) when the cell holds none."""
    if isinstance(value, str):
        return int(value)
    if isinstance(value, int | float):
        return int(value)
    raise TypeError(f"not a whole number: {value!r}")
