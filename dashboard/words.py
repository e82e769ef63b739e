"""Counts and names in chart titles: "1 country", "3 countries", and the one mechanism,
country or office a filter left, so a slide says what it shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

VOWELS = "aeiou"
# The maps' unit: count(n, *COUNTRIES) -> "1 country or territory", "3 countries and territories".
COUNTRIES = ("country or territory", "countries and territories")


def plural(noun: str) -> str:
    """The plural of an English count noun: "country" -> "countries", "meeting" ->
    "meetings" (only the regular forms; irregular ones are passed to count() in full)."""
    if noun.endswith("y") and noun[-2:-1] not in VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count(n: int, noun: str, nouns: str | None = None) -> str:
    """n and the noun in the number n takes: count(1, "country") -> "1 country",
    count(0, "country") -> "0 countries"; `nouns` gives an irregular plural."""
    return f"{n} {noun if n == 1 else nouns or plural(noun)}"


def the_one(picked: Sequence[str], names: Mapping[str, str]) -> str | None:
    """The name of the one value picked (its code when `names` lacks it); None when none or
    several are picked."""
    if len(picked) != 1:
        return None
    return names.get(picked[0], picked[0])
