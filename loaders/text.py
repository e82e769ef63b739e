"""Text helpers shared by the loaders: HTML fragments to plain text, spacing, dashes, slugs."""

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
