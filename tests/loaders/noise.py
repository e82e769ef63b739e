"""Layout noise for the metamorphic loader tests, written once for every source.

A source is noised as the next file may arrive: CRLF line ends, a UTF-8 byte order mark,
non-breaking spaces for spaces, trailing spaces and tabs, empty trailing cells, extra blank
lines, and its page header repeated. Lines keep their text (apart from that noise), so every
clean line has one noisy line holding it: `Noisy.line_map`.

`plans(line_count)` is the hypothesis strategy of noise plans; `fixed_plan` puts every kind of
noise on every line it may go on. A source says where its page header may be repeated by a
`HeaderAt` function (see `table_header_at`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from hypothesis import strategies as st

NBSP = "\u00a0"
BOM = "\ufeff"
BLANK_LINES = ["", " ", " \t", NBSP]
TRAILING = [" ", "\t", " \t", "\t ", "  \t\t"]
# An HTML tag in an overview cell: its spaces are markup, not text, and stay plain.
_TAG = re.compile(r"<[^<>]*>")

# (clean lines, index of the line a page break comes before) -> the header lines to repeat
# there, or None where the source has no page header to repeat at that point.
HeaderAt = Callable[[list[str], int], list[str] | None]


@dataclass(frozen=True)
class NoisePlan:
    """What noise goes where; line indexes are 0-based positions in the clean text."""

    crlf: bool = False
    bom: bool = False
    nbsp_lines: frozenset[int] = frozenset()
    trailing: dict[int, str] = field(default_factory=dict)
    empty_cells: dict[int, int] = field(default_factory=dict)
    blank_before: dict[int, tuple[str, ...]] = field(default_factory=dict)
    headers_before: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Noisy:
    """The noisy file's bytes and, for each clean line number (1-based), the noisy line number
    that holds the same text."""

    data: bytes
    line_map: dict[int, int]


def with_nbsp(line: str) -> str:
    """The line with every space of its text (not of its HTML tags) non-breaking."""
    parts = _TAG.split(line)
    tags = _TAG.findall(line)
    out = parts[0].replace(" ", NBSP)
    for tag, part in zip(tags, parts[1:], strict=True):
        out += tag + part.replace(" ", NBSP)
    return out


def add_noise(text: str, plan: NoisePlan, header_at: HeaderAt) -> Noisy:
    """The text with the plan's noise, as the bytes of a file, and its line map."""
    lines = text.split("\n")
    out: list[str] = []
    line_map: dict[int, int] = {}
    for i, line in enumerate(lines):
        if i in plan.headers_before:
            out.extend(header_at(lines, i) or [])
        out.extend(plan.blank_before.get(i, ()))
        if i in plan.nbsp_lines:
            line = with_nbsp(line)
        if "\t" in line:
            line += "\t" * plan.empty_cells.get(i, 0)
        line += plan.trailing.get(i, "")
        out.append(line)
        line_map[i + 1] = len(out)
    noisy = ("\r\n" if plan.crlf else "\n").join(out)
    return Noisy(((BOM if plan.bom else "") + noisy).encode("utf-8"), line_map)


def fixed_plan(text: str, header_at: HeaderAt) -> NoisePlan:
    """Every kind of noise at once, on every line it may go on (headers and blank lines
    before every line where the source allows a page header)."""
    lines = text.split("\n")
    every = range(len(lines))
    breaks = frozenset(i for i in every if header_at(lines, i) is not None)
    return NoisePlan(
        crlf=True,
        bom=True,
        nbsp_lines=frozenset(every),
        trailing={i: TRAILING[i % len(TRAILING)] for i in every},
        empty_cells={i: 1 + i % 3 for i in every},
        blank_before={i: ("", " \t") for i in breaks},
        headers_before=breaks,
    )


def plans(line_count: int) -> st.SearchStrategy[NoisePlan]:
    """Noise plans for a text of `line_count` lines: each kind of noise on a few lines drawn
    by hypothesis (so a failure shrinks to the one line and the one kind that breaks)."""
    index = st.integers(0, max(line_count - 1, 0))
    few = {"max_size": 6}
    return st.builds(
        NoisePlan,
        crlf=st.booleans(),
        bom=st.booleans(),
        nbsp_lines=st.frozensets(index, **few),
        trailing=st.dictionaries(index, st.sampled_from(TRAILING), **few),
        empty_cells=st.dictionaries(index, st.integers(1, 3), **few),
        blank_before=st.dictionaries(
            index, st.lists(st.sampled_from(BLANK_LINES), min_size=1, max_size=2).map(tuple), **few
        ),
        headers_before=st.frozensets(index, **few),
    )


def table_header_at(
    is_header: Callable[[str], bool], stop: Callable[[str], bool] = lambda line: False
) -> HeaderAt:
    """A HeaderAt for a tab-separated table whose page breaks repeat its header row: the
    header in force before the line (the last header line above it); none above the first
    header, nor from the first line for which `stop` is true (the end of the table)."""

    def header_at(lines: list[str], i: int) -> list[str] | None:
        if any(stop(line) for line in lines[: i + 1]):
            return None
        headers = [line for line in lines[:i] if is_header(line)]
        return [headers[-1]] if headers else None

    return header_at
