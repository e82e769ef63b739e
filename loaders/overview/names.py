"""Mechanism names in the overview's name cells -> English name, aliases, acronym.

A name cell holds the name in English, French and Spanish (one paragraph each), sometimes a
website or a note ("Within the framework of Colombo Process"); every name form gives aliases
under which other documents may cite the mechanism.
"""

from __future__ import annotations

import re

from loaders.overview.cells import URL
from loaders.text import clean_spaces, html_paragraphs, split_outside_parentheses

_NAME_NOTE = re.compile(
    r"https?://|www\.|website|^\*$|^within the framework|^launch of|"
    r"^\d+(st|nd|rd|th) \w+:",
    re.I,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,}(?:-[A-Z]{2,})?$")


def name_forms(name_cell: str) -> tuple[str, list[str], list[str]]:
    """Split a name cell into (English name, name forms to use as aliases, notes)."""
    paragraphs = [p.replace("*", "").strip() for p in html_paragraphs(name_cell)]
    paragraphs = [URL.sub("", p).strip() for p in paragraphs if p]
    names = [p for p in paragraphs if p and not _NAME_NOTE.search(p)]
    notes = [p for p in paragraphs if p and _NAME_NOTE.search(p)]
    return names[0], names, notes


def alias_candidates(name: str) -> list[str]:
    """Forms under which a process may be cited, derived from one written name.

    "Puebla Process (Regional Conference on Migration, RCM)" gives the whole name,
    "Puebla Process", "Regional Conference on Migration" and "RCM"; "X or the Y" gives X and Y;
    "formerly X" and "former X" give X; "Tripoli Process- EU-Africa ..." gives both halves.
    """
    out = [name]
    outer = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", " ", name)
    outer = clean_spaces(outer)
    out.append(outer)
    for inner in re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", name):
        inner = re.sub(r"^(formerly|former)\s+", "", inner.strip(), flags=re.I)
        out.append(inner)
        # A comma inside a name ("… on Migration, Asylum and Refugees") does not end it; only
        # an acronym after a comma is a name of its own ("Regional Conference on Migration, RCM").
        parts = [part.strip() for part in split_outside_parentheses(inner, ",")]
        if len(parts) > 1 and _ACRONYM.match(parts[-1]):
            out.extend([", ".join(parts[:-1]), parts[-1]])
        out.extend(part.strip() for part in re.split(r"\bformerly\b", inner))
        out.extend(part.strip() for part in re.split(r"\s+or the\s+|\s+or\s+", inner))
    for part in re.split(r"\s+or the\s+|\s+or\s+", outer):
        out.append(part)
    for part in re.split(r"(?<=\w)-\s+", outer):
        out.append(part)
    # An acronym is a name of the mechanism where it leads a name it abbreviates ("SACM (South
    # American Conference on Migration)"); an acronym inside a longer name ("RCP IGAD", "PCR du
    # COMESA") is often another body's.
    lead_acronym = re.match(r"^([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*)\s*(\(|$)", name)
    if lead_acronym:
        out.append(lead_acronym.group(1))
    out.extend(re.findall(r"formerly\s+([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*)\b", name))
    lead = re.match(r"^([A-Z]{3,})\s+the\s+(.*)$", name)
    if lead:
        out.extend(lead.groups())
    cleaned = []
    for alias in out:
        alias = clean_spaces(alias).strip(" ,;-")
        alias = re.sub(r"^(the|The)\s+", "", alias)
        if len(alias) >= 3 and alias.casefold() not in {a.casefold() for a in cleaned}:
            cleaned.append(alias)
    return cleaned


def acronym_of(names: list[str]) -> str:
    """The process's acronym as written in its English name ("" when the name has none)."""
    english = names[0]
    m = re.match(r"^([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*)\b(?!-)", english)
    if m and m.group(1) not in {"EU", "UN"}:
        return m.group(1)
    for inner in re.findall(r"\(([^()]+)\)", english):
        for part in reversed([p.strip() for p in split_outside_parentheses(inner, ",")]):
            if _ACRONYM.match(part):
                return part
    tail = re.findall(r"\b([A-Z]{3,}(?:-[A-Z]+)?)\b", english)
    return tail[-1] if tail else ""
