"""Text helpers shared by the loaders: HTML fragments to plain text, spacing, dashes, slugs, and
the one parenthesis-aware splitter for lists."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_BLOCK_TAGS = {"p", "li", "ul", "ol", "br", "div", "tr"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


class _Paragraphs(HTMLParser):
    """Collects the text of an HTML fragment, one string per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []

    def _flush(self) -> None:
        text = clean_spaces("".join(self._current))
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_paragraphs(fragment: str) -> list[str]:
    """Split an HTML fragment into plain-text paragraphs (tags removed, entities decoded).

    Bullet characters that the source uses inside a paragraph ("•") also start a new paragraph.
    Empty paragraphs are dropped. Plain text without tags comes back as one paragraph.
    """
    parser = _Paragraphs()
    parser.feed(fragment)
    parser.close()
    out: list[str] = []
    for block in parser.blocks:
        out.extend(part for part in (clean_spaces(p) for p in block.split("•")) if part)
    return out


def clean_spaces(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) to one space and strip."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def normalise_dashes(text: str) -> str:
    """Replace en/em dashes, minus signs and similar with a plain hyphen."""
    return text.translate({ord(c): "-" for c in _DASHES})


def normalise_quotes(text: str) -> str:
    """Replace typographic apostrophes and quotes with plain ones."""
    return text.translate(
        {0x2018: "'", 0x2019: "'", 0x02BC: "'", 0x201C: '"', 0x201D: '"', 0x00B4: "'"}
    )


def join_ordinals(text: str) -> str:
    """Join ordinal suffixes that the source split off: "4 th" -> "4th", "1 st" -> "1st"."""
    return re.sub(r"\b(\d+)\s+(st|nd|rd|th)\b", r"\1\2", text)


def fold(text: str) -> str:
    """A comparison key: accents removed, quotes and dashes plain, lower case, single spaces."""
    text = normalise_quotes(normalise_dashes(text))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return clean_spaces(text).casefold()


def slugify(text: str) -> str:
    """A lower-case ASCII slug with hyphens: "5 + 5 Dialogue" -> "5-5-dialogue"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def strip_parentheses(text: str) -> str:
    """Text without its parenthesised parts, nested ones included ("A (b (c) d) E" -> "A E")."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\s*\([^()]*\)", "", text)
    return text


def tab_cells(line: str, width: int = 1) -> list[str]:
    r"""The cells of a tab-separated line, as written, without the blank cells (empty or white
    space only) that trail it beyond `width` cells, so that trailing tabs and spaces change
    nothing: "a\tb\t \t" with width 2 gives ["a", "b"]; a line with text in its first cell
    only gives one cell (width 1)."""
    cells = line.split("\t")
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    return cells


def parenthesis_depths(text: str) -> list[int]:
    """The parenthesis depth at each character of `text`: 1 from an opening "(" to its ")"
    (both included), 2 inside a nested pair, …; an unmatched ")" is ignored."""
    depths, depth = [], 0
    for ch in text:
        depth += ch == "("
        depths.append(depth)
        depth -= ch == ")" and depth > 0
    return depths


def split_outside_parentheses(text: str, separator: str | re.Pattern[str]) -> list[str]:
    """The parts of `text` between the matches of `separator` (a regex) that start outside
    parentheses, as written (not stripped, empty parts kept): joined with the separators
    they were split at, they give `text` back.

    "IOM, UNESCO (Paris, France), ILO" split at "," -> ["IOM", " UNESCO (Paris, France)", " ILO"].
    """
    depths = parenthesis_depths(text)
    parts, start = [], 0
    for m in re.finditer(separator, text):
        if m.end() > m.start() and not depths[m.start()]:
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


# A list separator: a comma, a semicolon, a "+", or the full stop after an acronym ("UNODC.
# UNICEF", MIDSA's partners).
_LIST_SEPARATOR = re.compile(r"[,;+]|(?<=[A-Z]{3})\.")


def split_items(text: str) -> list[str]:
    """Split a list paragraph on commas, semicolons, "+" and the full stop after an acronym,
    outside parentheses.

    A leading "and"/"also" and a trailing period are dropped from each item; empty items are
    dropped.
    """
    out = []
    for part in split_outside_parentheses(text.strip().rstrip("."), _LIST_SEPARATOR):
        part = re.sub(r"^(and|also)\s+", "", part.strip(), flags=re.I).strip(" .")
        if part:
            out.append(part)
    return out
