"""Organisation names as the documents write them -> one canonical name each; the one matcher
that finds known names in a text.

The reviewed table data/reference/organisations.csv maps aliases (full names, acronyms,
misspellings) to a canonical name. Lists of organisations are split with its help, because
the overview writes some lists without commas ("IOM UNHCR", "African Union Commission (AUC)
European Commission") and some names with commas inside ("United Nations Educational,
Scientific and Cultural Organization"). NameMatcher finds the aliases of such a table in any
text: the overview's cells, the USCIS rows (organisations, and the groups of
partner_groups.csv) and the RCM report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from loaders.text import parenthesis_depths, split_items

# An acronym in parentheses right after a known name belongs to it: "… Nations (ASEAN)".
_TRAILING_ACRONYM = r"(?:\s*\([A-Z][A-Za-z&.-]{1,12}\))?"
_GLUE = re.compile(r"^(?:and|the|as well as|[&<>/.,;:]|\s)*$", re.I)
# Words that stand for nobody in particular: "and others (i.e. relevant UN agencies …)".
_FILLER = re.compile(r"(?:and\s+)?(?:others?|other partners|notably:?|etc\.?)", re.I)
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
_EXPLANATION = re.compile(r"\s*(?:\[[^\[\]]*\]|\([^()]*\))\s*")


@dataclass(frozen=True)
class Organisation:
    """One organisation in a list: the canonical name and the text as written."""

    name: str
    written: str


@dataclass(frozen=True)
class NameMatch:
    """A known name found in a text: its span, the text as written, and whom it names."""

    start: int
    end: int
    written: str
    name: str


class NameMatcher:
    """Finds the aliases of a table (alias -> name) in a text.

    A match is whole: not inside a word, nor one side of a slashed pair ("DOS/DHS" names
    neither). At each position the longest alias wins, matches do not overlap, and they come
    in the order of the text. With ignore_case, case is ignored (the table's aliases must then
    differ by more than case); with_acronym, an "(ACRONYM)" right after a name is part of its
    match ("International Organization for Migration (IOM)").
    """

    def __init__(
        self, aliases: Mapping[str, str], ignore_case: bool = False, with_acronym: bool = False
    ) -> None:
        self._key = str.casefold if ignore_case else str
        self._names = {self._key(alias): name for alias, name in aliases.items()}
        longest_first = sorted(aliases, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w/])("
            + "|".join(re.escape(a) for a in longest_first)
            + r")(?![\w/])"
            + (_TRAILING_ACRONYM if with_acronym else ""),
            re.I if ignore_case else 0,
        )

    def matches(self, text: str) -> list[NameMatch]:
        """Every known name in `text`, in order."""
        if not self._names:
            return []
        return [
            NameMatch(m.start(), m.end(), m.group(0), self._names[self._key(m.group(1))])
            for m in self._pattern.finditer(text)
        ]

    def names_in(self, text: str) -> list[str]:
        """The names `text` mentions, each once, in order of first mention."""
        return list(dict.fromkeys(m.name for m in self.matches(text)))


class OrganisationNames:
    """Canonical organisation names from the alias table (alias, organisation, kind, note)."""

    def __init__(self, table: pd.DataFrame) -> None:
        self.by_alias = dict(zip(table.alias, table.organisation, strict=True))
        self.kinds = dict(zip(table.organisation, table.kind, strict=True))
        self._in_text = NameMatcher(self.by_alias)
        self._in_lists = NameMatcher(self.by_alias, with_acronym=True)

    def mentions(self, text: str, with_acronym: bool = False) -> list[NameMatch]:
        """The known organisations named in `text`, in order (see NameMatcher); with_acronym,
        an "(ACRONYM)" right after a name is part of its mention, as the overview writes."""
        return (self._in_lists if with_acronym else self._in_text).matches(text)

    def names_in(self, text: str) -> list[str]:
        """The canonical names of the organisations `text` names, each once, in order."""
        return self._in_text.names_in(text)

    def kind(self, organisation: str) -> str:
        """The kind of a canonical organisation (international, regional, us agency, …)."""
        return self.kinds[organisation]

    def canonical(self, name: str) -> str:
        """The canonical name for `name` (an alias, or an alias plus its "(ACRONYM)");
        the name itself, tidied, when the table does not know it."""
        name = re.sub(r"\s*\[[^\]]*\]", "", name)  # "ICMPD [in its capacity of …]"
        name = re.sub(r"\s+", " ", name).strip(" .;")
        if name in self.by_alias:
            return self.by_alias[name]
        m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name)
        if m and (m.group(1) in self.by_alias or m.group(2) in self.by_alias):
            return self.by_alias.get(m.group(1)) or self.by_alias[m.group(2)]
        return name

    def split(self, text: str) -> list[Organisation]:
        """The organisations in a list paragraph, in order.

        Known names are found first (so commas inside them do not split them), the rest is
        split by `loaders.text.split_items`, and an item holding several known names side by side is
        split between them. Unknown text between known names is kept as an organisation of
        its own, as written; only fillers ("and", "the") are dropped. An item wholly in
        parentheses explains the one before it and is kept with it.
        """
        found: list[str] = []
        depth = parenthesis_depths(text)
        held, last = "", 0
        for match in self.mentions(text, with_acronym=True):
            if depth[match.start]:  # a name inside "(i.e. … the AU Commission)" explains
                continue
            found.append(match.written)
            held += f"{text[last : match.start]}\x00{len(found) - 1}\x00"
            last = match.end
        held += text[last:]
        out: list[Organisation] = []
        for item in split_items(held):
            if item.startswith("(") and item.endswith(")") and out:
                last = out[-1]
                out[-1] = Organisation(last.name, f"{last.written} {_restore(item, found)}")
                continue
            pieces = _PLACEHOLDER.split(item)
            # split() alternates text, index, text, index, …
            for i, piece in enumerate(pieces):
                if i % 2:
                    written = found[int(piece)]
                    out.append(Organisation(self.canonical(written), written))
                elif not _GLUE.fullmatch(piece):
                    # A name closed by its "(ACRONYM)" is complete; a bare one may go on.
                    follows_name = (
                        i > 0
                        and not out[-1].written.endswith(")")
                        and re.match(r"\s*[A-Z]", piece) is not None
                    )
                    # "ICMPD [in its capacity of …]": a bracket right after a name explains it.
                    follows_name |= i > 0 and _EXPLANATION.fullmatch(piece) is not None
                    written = re.sub(
                        r"^(?:and|the)\s+", "", piece.strip(" .,;:<"), flags=re.I
                    ).strip()
                    bare = re.sub(r"\s*\((?:i\.e\.|e\.g\.)[^()]*\)", "", written).strip()
                    if follows_name:
                        # "SADC Secretariat": a known name goes on; the whole is one body.
                        whole = f"{out[-1].written} {written}"
                        out[-1] = Organisation(self.canonical(whole), whole)
                    elif bare and not _FILLER.fullmatch(bare):
                        out.append(Organisation(self.canonical(written), written))
        return out


def _restore(text: str, found: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda m: found[int(m.group(1))], text)
