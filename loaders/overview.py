"""IOM overview of inter-state consultation mechanisms (ISCMs) -> processes and their members.

Load inputs: the tab-separated text extract (one table row per line; HTML fragments in cells).
Process: follow the section and header lines to know each row's kind and column layout, merge
continuation rows ("Comments:"), then read names, founding year, chair, members, observers,
partners, guests and organisations out of the cells (past events: loaders.overview_events).
Outputs: see OverviewTables. Anything that cannot be read goes to the RejectLog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median

import pandas as pd

from loaders.countries import CountryResolver
from loaders.groups import CountryGroups
from loaders.organisations import OrganisationNames
from loaders.rejects import RejectLog
from loaders.schemas import NAMED_ROLES
from loaders.text import clean_spaces, fold, html_paragraphs, strip_parentheses

SOURCE = "iscm_overview.txt"

RCP_COLUMNS = ["name", "year", "participants", "observers", "secretariat", "areas", "priorities"]
IRF_COLUMNS = ["name", "year", "description", "participants", "meetings", "agreements",
               "secretariat", "areas", "priorities"]
SECTION_KINDS = {"I": "RCP", "II": "IRF", "III": "Global"}
KIND_REGION = {"IRF": "Inter-regional", "Global": "Global"}

# Labels that open a paragraph in a participants/observers cell, and the role they give.
# Order matters: the first pattern that matches wins. "note" keeps the paragraph as text only.
LABELS: list[tuple[str, str, str]] = [
    # (regex on the folded paragraph start, role, entity: "country" | "organisation" | "any")
    (r"^(current )?(midsa )?(chair|co-chairs?|presidency|current presidency)\b[^:]*:?", "chair",
     "any"),
    (r"^current chair pro tempore:?", "chair", "any"),
    (r"^(the )?current chair is", "chair", "any"),
    (r"^\(?incoming:?", "incoming chair", "any"),
    (r"^observer (states|countries)\b:?", "observer", "country"),
    (r"^observer (organi[sz]ations|institutions)\b:?", "observer", "organisation"),
    (r"^partners?/observers:?", "partner", "any"),
    (r"^observers:", "observer", "organisation"),
    (r"^partner and observer organi[sz]ations:?", "partner", "organisation"),
    (r"^partner states:?", "partner", "country"),
    (r"^transit countries:", "partner", "country"),
    (r"^regional economic communities:", "partner", "organisation"),
    (r"^relevant non-governmental organi[sz]ations \(ngos\):", "note", "any"),
    (r"^partner organi[sz]ations:?", "partner", "organisation"),
    (r"^partners?:", "partner", "any"),
    (r"^member organi[sz]ations?:", "member", "organisation"),
    (r"^regular participants:", "regular participant", "organisation"),
    (r"^also:", "regular participant", "organisation"),
    (r"^guests invited on an ad-hoc basis:", "guest", "any"),
    (r"^organi[sz]ations:", "observer", "organisation"),
    (r"^states:", "observer", "country"),
    (r"^countries:", "member", "country"),
    (r"^participating countries of the silk routes region:", "member", "country"),
    (r"^lac states:", "member", "country"),
    (r"^the ad hoc group is made up of", "note", "any"),
    (r"^governed by a steering committee", "note", "any"),
    (r"^regions?:", "note", "any"),
    (r"^\d+ (officials?|representatives?)\b", "note", "any"),
    (r"^africa and europe \(not morocco\)", "note", "any"),
    (r"^eu member states, latin american and caribbean states", "note", "any"),
    (r"^west africa, central africa, east africa, southern africa", "note", "any"),
    (r"^coordinators:", "note", "any"),
    (r"^(no permanent chair|membership is open|under discussion|none currently)", "note", "any"),
    (r"^(open to all|idms are open|idm is also open)", "note", "any"),
]
_SUSPENDED = re.compile(r"\(([^()]*?) has temporarily suspended its membership\)", re.I)
_TOTAL = re.compile(r"\(?\btotal:?\s*(\d+)[^)]*\)?\.?", re.I)
_URL = re.compile(r"(https?://[^\s<>\"]+|www\.[^\s<>\"]+)", re.I)
_OPEN_TO_ALL = re.compile(r"open to all (un|iom) member", re.I)
# Chairs written inside an "Open to all …" paragraph (GFMD): "Co-Chairs: Germany Bangladesh
# Incoming Chair (2018) Morocco".
_EMBEDDED_CHAIRS = re.compile(
    r"\bCo-Chairs?:\s*(?P<chair>.+?)\s*(?:Incoming Chair\s*(?P<year>\(\d{4}\))?:?\s*"
    r"(?P<incoming>.+))?$")
# Labels that start a new list in the middle of a paragraph (IGAD-RCP: "… Tunisia and Yemen
# Regional economic communities: ECOWAS, …").
_INLINE_LABEL = re.compile(r"\s+(?=(?:Regional economic communities|Relevant non-governmental "
                           r"organizations \(NGOs\)):)")
# "… the US and the Netherlands have been invited to the last CMC meeting."; "Only IOM, ILO and
# the World Bank were invited to attend the Ministerial Meeting in November 2014."
_INVITED = re.compile(r"\b(?:(?:have|has) been|were) invited\b", re.I)
# A paragraph that says who sits on a steering committee or group: "Steering Committee:
# comprised of: …", "a steering committee (Belgium, …)", "… Steering Committee Comprises …",
# "a steering group composed of …"; not "the meetings of the Steering Group" (GFMD).
_STEERING = re.compile(r"\bsteering (?:committee|group)\b\s*(?::|\(|,?\s*(?:consist|compris|"
                       r"composed|made up))", re.I)
_COORDINATORS = re.compile(r"^coordinators:", re.I)
# "Total 51 governments plus the European Commission and the ASEAN Secretariat" (ASEM).
_TOTAL_PLUS = re.compile(r"\btotal:?\s*\d+\s+\w+\s+plus\s+(?P<bodies>.+)$", re.I)
# "The main actors are: representatives of …, the European Commission and …" (Tripoli).
_MAIN_ACTORS = re.compile(r"^the main actors are:", re.I)
# "African Union 53 member countries": a body and the size the document gives it.
_BODY_WITH_SIZE = re.compile(r"^(?P<body>.+?)\s+(?P<size>\d+\s+member\s+(?:countries|states))$",
                             re.I)
# "… and one regional organization of employers representatives (ACE) …" (AFML).
_COUNTED_BODY = re.compile(r"\b(?:one|two|three|\d+)\s+[\w\s'’-]*?organi[sz]ation[\w\s'’-]*?"
                           r"\([A-Z][A-Za-z&-]+\)")
# "… and others (i.e. relevant UN agencies, …, on an ad hoc/theme basis the AU Commission)".
_AD_HOC_OTHERS = re.compile(r"\bothers?\s*\((?:i\.e\.|e\.g\.)[^()]*\bad hoc\b[^()]*\)", re.I)
# An organisation-list item that names a kind of body, not one: "groups affiliated with …".
_KIND_OF_BODY = re.compile(r"^(?:groups|organi[sz]ations|agencies|institutions|associations|"
                           r"bodies)\b", re.I)


@dataclass
class OverviewTables:
    """The tables read from the overview; DataFrames are built by `frames()`."""

    processes: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    count_checks: list[dict] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    kind: str
    region: str
    cells: dict[str, str]


# ---------------------------------------------------------------- load inputs: rows


def _header_columns(first_cell: str) -> list[str] | None:
    if re.match(r"^(RCP|RCP-Debatable|ISCM)$", first_cell):
        return RCP_COLUMNS
    if re.match(r"^IRF \d+$", first_cell):
        return IRF_COLUMNS
    return None


def _region_label(cells: list[str]) -> str | None:
    """A region heading row: one non-empty cell, e.g. "Region: Africa / Afrique / África"."""
    filled = [c for c in cells if c.strip()]
    if len(filled) != 1 or len(cells) < 2:
        return None
    text = clean_spaces(filled[0])
    text = re.sub(r"^Region:\s*", "", text).split(" / ")[0]
    text = re.sub(r"\s*\(continued\)$", "", text)
    return text.split(":")[0].strip()


def table_rows(text: str, rejects: RejectLog) -> list[_Row]:
    """Return the overview's data rows with their kind, region and named cells.

    Header rows set the column layout, region rows set the region, and a row whose first cell
    is empty or "Comments:" continues the previous row (its cells are appended).
    """
    rows: list[_Row] = []
    kind, region, columns = "RCP", "", RCP_COLUMNS
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        section = re.match(r"^(I{1,3})\.\s", line)
        if section:
            kind = SECTION_KINDS[section.group(1)]
            region = KIND_REGION.get(kind, "")
            continue
        cells = line.split("\t")
        if len(cells) == 1:
            continue  # document title lines
        header = _header_columns(cells[0].strip())
        if header:
            columns = header
            continue
        label = _region_label(cells)
        if label is not None:
            region = label
            continue
        if len(cells) != len(columns):
            rejects.add(SOURCE, number, "row", line[:500],
                        f"expected {len(columns)} cells for a {kind} row, found {len(cells)}")
            continue
        named = dict(zip(columns, cells))
        first = clean_spaces(cells[0])
        if (not first or first.rstrip(":").casefold() == "comments") and rows:
            prev = rows[-1]
            for key, value in named.items():
                if key != "name" and value.strip():
                    prev.cells[key] = f"{prev.cells.get(key, '')} <p>{value}</p>"
            continue
        rows.append(_Row(number, kind, region or KIND_REGION.get(kind, ""), named))
    return rows


# ---------------------------------------------------------------- process: names and aliases

_NAME_NOTE = re.compile(r"https?://|www\.|website|^\*$|^within the framework|^launch of|"
                        r"^\d+(st|nd|rd|th) \w+:", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,}(?:-[A-Z]{2,})?$")


def name_forms(name_cell: str) -> tuple[str, list[str], list[str]]:
    """Split a name cell into (English name, name forms to use as aliases, notes)."""
    paragraphs = [p.replace("*", "").strip() for p in html_paragraphs(name_cell)]
    paragraphs = [_URL.sub("", p).strip() for p in paragraphs if p]
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
        out.extend(part.strip() for part in inner.split(","))
        out.extend(part.strip() for part in re.split(r"\bformerly\b", inner))
        out.extend(part.strip() for part in re.split(r"\s+or the\s+|\s+or\s+", inner))
    for part in re.split(r"\s+or the\s+|\s+or\s+", outer):
        out.append(part)
    for part in re.split(r"(?<=\w)-\s+", outer):
        out.append(part)
    for word in re.findall(r"\b[A-Z][A-Z0-9]+(?:-[A-Z]+)?\b", outer):
        out.append(word)
    out.extend(re.findall(r"formerly\s+([A-Z][\w-]+)", name))
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
        for part in reversed([p.strip() for p in inner.split(",")]):
            if _ACRONYM.match(part):
                return part
    tail = re.findall(r"\b([A-Z]{3,}(?:-[A-Z]+)?)\b", english)
    return tail[-1] if tail else ""


def year_founded(cell: str) -> tuple[int | None, str]:
    """(first four-digit year in the cell, the cell as plain text)."""
    text = clean_spaces(" ".join(html_paragraphs(cell)))
    m = re.search(r"\b(19\d\d|20\d\d)\b", text)
    return (int(m.group(1)) if m else None), text


# ---------------------------------------------------------------- process: who takes part


def _label(paragraph: str) -> tuple[str, str, str] | None:
    key = fold(paragraph)
    for pattern, role, entity in LABELS:
        m = re.match(pattern, key)
        if m:
            return role, entity, paragraph[m.end():].strip(" :")
    return None


def split_items(text: str) -> list[str]:
    """Split a list paragraph on commas, semicolons and "+" outside parentheses.

    A leading "and"/"also" and a trailing period are dropped from each item.
    """
    items, depth, current = [], 0, []
    for ch in text.strip().rstrip("."):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        after_acronym = ch == "." and re.search(r"[A-Z]{3}$", "".join(current))
        if depth == 0 and (after_acronym or ch in ",;+"):
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    out = []
    for part in items:
        part = re.sub(r"^(and|also)\s+", "", part.strip(), flags=re.I).strip(" .")
        if part:
            out.append(part)
    return out


_ORG_WORDS = re.compile(
    r"\b(commission|organi[sz]ation|union|secretariat|office|bank|agency|fund|programme|"
    r"program|council|community|institute|institution|forum|centre|center|committee|"
    r"federation|network|conference|association|authority|parliament|system|rapporteur|"
    r"group|foundation|initiative|observatory|cooperation|coordination|service|police|"
    r"nations|unit|dialogue|market|process|children|internat'l|europol|frontex|interpol|"
    r"unhcr|unicef|unesco|undp|unodc|iom|ilo)\b", re.I)


def looks_like_organisation(text: str) -> bool:
    """True for an organisation's name or acronym ("ICMPD", "World Bank", "SADC Secretariat")."""
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    acronym_like = re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][\w&-]*", bare)
    return bool(_ORG_WORDS.search(text)) or bool(acronym_like)


_FILLER = re.compile(r"(others?|other partners|notably:?|etc\.?)", re.I)
_VERB = re.compile(r"\b(is|are|was|were|shall|will|can|has|have|been|be|may)\b")


def tidy_fact(text: str) -> str:
    """A chair or note as written, without a parenthesis left unopened or unclosed by the
    paragraph split ("South Africa)"), and "Turkey Co-Chair: Hungary" as
    "Turkey; co-chair: Hungary"."""
    text = re.sub(r"\s+Co-Chair:\s*", "; co-chair: ", text.strip())
    if text.count(")") > text.count("(") and text.endswith(")"):
        text = text[:-1].rstrip()
    if text.count("(") > text.count(")") and text.startswith("("):
        text = text[1:].lstrip()
    return text


def _looks_like_prose(items: list[str]) -> bool:
    """A paragraph of sentences rather than a list of names."""
    if not items:
        return True
    words = [len(strip_parentheses(i).split()) for i in items]
    return median(words) > 9 or max(words) > 14 or any(
        _VERB.search(strip_parentheses(i)) for i in items)


@dataclass
class _Party:
    name: str
    iso3: str | None
    role: str
    note: str
    written: str = ""


class ParticipantReader:
    """Reads participants/observers cells into countries and organisations with roles."""

    def __init__(self, countries: CountryResolver, groups: CountryGroups,
                 rejects: RejectLog, organisations: OrganisationNames) -> None:
        self.countries = countries
        self.groups = groups
        self.rejects = rejects
        self.organisations = organisations

    def countries_in(self, text: str) -> list[str]:
        """ISO3 codes of country names written one after another ("Canada USA")."""
        return self.countries.find_in_text(text)

    def country_list(self, text: str) -> str:
        """Countries written one after another ("Germany Bangladesh") as "Germany; Bangladesh";
        the text as written when it is not only country names."""
        codes = self.countries_in(text)
        names = [self.countries.reference.loc[c, "short_name"] for c in codes
                 if c in self.countries.reference.index]
        if len(names) != len(codes) or not names or len(" ".join(names).split()) \
                < len(strip_parentheses(text).split()):
            return text.strip()
        return "; ".join(names)

    def item_parties(self, item: str, role: str, entity: str, line: int,
                     field_name: str) -> list[_Party]:
        """Read one list item: a country, a group phrase, "A and B", or an organisation."""
        note = ""
        m = re.match(r"^(.*?)\s*\((?:through|in its capacity)[^()]*(\([^()]*\)[^()]*)*\)\s*(.*)$",
                     item)
        if m:
            item = clean_spaces(f"{m.group(1)} {m.group(3)}")
        plain = clean_spaces(re.sub(r"\s*\((i\.e\.|[^()]*total)[^()]*\)", "", item, flags=re.I))
        if not plain:
            return []
        if _FILLER.fullmatch(plain):
            return []
        labelled_list = re.match(r"^([^:]{3,60}\b(?:countries|states)\b[^:]{0,15}?)\s*:\s*(.+)$",
                                 plain, re.I)
        if labelled_list:
            # "54 AU Member States: Algeria": the document lists the group itself.
            head, plain = labelled_list.groups()
            return (self.group_parties(head, role, line, field_name)
                    + self.item_parties(plain, role, entity, line, field_name))
        if self.groups.group_of(plain) is not None:
            return self.group_parties(plain, role, line, field_name)
        code = self.countries.resolve(plain) or self.countries.resolve(
            re.sub(r"\s*\([^()]*\)", "", plain))
        if code:
            return [_Party(plain, code, role, note)]
        if " and " in plain:
            parts = [p.strip() for p in re.split(r"\s+and\s+", plain)]
            codes = [self.countries.resolve(p) for p in parts]
            if all(codes):
                return [_Party(p, c, role, note) for p, c in zip(parts, codes)]
        if entity != "organisation":
            several = self.countries_in(plain)
            if len(several) >= 2:
                return [_Party(plain, c, role, note) for c in several]
        if entity == "organisation" or (entity == "any" and looks_like_organisation(plain)):
            sized = _BODY_WITH_SIZE.match(plain)
            if sized and looks_like_organisation(sized["body"]):
                # "African Union 53 member countries": the body, with its size as the note.
                return [_Party(sized["body"], None, role, sized["size"], plain)]
            return [_Party(plain, None, role, note)]
        suggestion = self.countries.suggest(plain)
        self.rejects.add(SOURCE, line, field_name, item,
                         "neither a known country name nor an organisation"
                         + (f"; did you mean {suggestion}?" if suggestion else ""))
        return []

    def bodies_named(self, text: str, role: str, note: str) -> list[_Party]:
        """The known organisations named in a sentence (alias table names only), each with
        `role` and the sentence as its note."""
        return [_Party(self.organisations.canonical(m.group(0)), None, role, note, m.group(0))
                for m in self.organisations.pattern.finditer(text)]

    def organisation_list(self, text: str, role: str, facts: dict[str, list[str]]
                          ) -> list[_Party]:
        """The bodies of a labelled organisation list. A body named inside "others (i.e. … on
        an ad hoc basis …)" is a guest; an item naming a kind of body ("groups affiliated
        with …") goes to the notes, as written."""
        parties = []
        for others in _AD_HOC_OTHERS.finditer(text):
            parties.extend(self.bodies_named(others.group(0), "guest", others.group(0)))
        for o in self.organisations.split(text, split_items):
            if _KIND_OF_BODY.match(o.written):
                facts["notes"].append(o.written)
            else:
                parties.append(_Party(o.name, None, role, "", o.written))
        return parties

    def prose_parties(self, paragraph: str) -> list[_Party]:
        """Who a paragraph of sentences names as taking part.

        Countries and known bodies "invited" to a meeting are guests (CMC, Abu Dhabi); the
        known bodies of "The main actors are: …" are `named (main actor)` (Tripoli); a known
        body the paragraph opens with and says "participates" (RCM: RNCOM), and a body counted
        among the participants by its acronym ("one regional organization of employers
        representatives (ACE)", AFML) are regular participants. The note is the sentence or
        paragraph that says so.
        """
        parties: list[_Party] = []
        for sentence in re.split(r"(?<=\.)\s+", paragraph):
            if _INVITED.search(sentence):
                parties.extend(_Party(sentence, code, "guest", sentence)
                               for code in self.countries_in(sentence))
                parties.extend(self.bodies_named(sentence, "guest", sentence))
            if _MAIN_ACTORS.match(sentence):
                parties.extend(self.bodies_named(sentence, "named (main actor)", sentence))
        opening = self.organisations.pattern.match(re.sub(r"^the\s+", "", paragraph, flags=re.I))
        if opening and re.search(r"\bparticipates in\b", paragraph):
            parties.append(_Party(self.organisations.canonical(opening.group(0)), None,
                                  "regular participant", paragraph, opening.group(0)))
        for counted in _COUNTED_BODY.finditer(paragraph):
            parties.append(_Party(self.organisations.canonical(counted.group(0)), None,
                                  "regular participant", paragraph, counted.group(0)))
        return parties

    def chair_parties(self, text: str, role: str, written: str) -> list[_Party]:
        """The countries a chair text names, or the known body when it names no country
        ("League of Arab States (LAS)"), with `role` and the text as written as the note.
        A chair written as a sentence ("… has not been elected or formally recognized as
        Chair …", CMC) names nobody. The caller keeps them only when they hold no listed
        role in the mechanism."""
        if not text.strip() or _VERB.search(text):
            return []
        codes = self.countries_in(text)
        if codes:
            return [_Party(text, c, role, written) for c in codes]
        return self.bodies_named(text, role, written)

    def named_in_row(self, cells: dict[str, str]) -> list[_Party]:
        """Countries and known bodies a row's paragraphs name on a steering committee or group
        ("Steering Committee: comprised of: …", "governed by a steering committee (…)") or as
        coordinators, from the participants, observers and secretariat cells; the note is
        the paragraph. The caller keeps only those that hold no listed role."""
        parties: list[_Party] = []
        for field_name in ("participants", "observers", "secretariat"):
            for paragraph in html_paragraphs(cells.get(field_name, "")):
                role = ("named (steering committee)" if _STEERING.search(paragraph)
                        else "named (coordinator)" if _COORDINATORS.match(paragraph) else None)
                if role is None:
                    continue
                parties.extend(_Party(paragraph, c, role, paragraph) for c in
                               self.countries.find_in_text(paragraph, skip_parentheses=False))
                parties.extend(self.bodies_named(paragraph, role, paragraph))
        return parties

    def group_parties(self, phrase: str, role: str, line: int, field_name: str) -> list[_Party]:
        """The members of a group phrase from the reference table ([] for a phrase naming no
        known group). When the counts the phrase states ("79 …: 48 African countries …")
        differ from the table, nothing is expanded and the phrase is rejected with both."""
        gid = self.groups.group_of(phrase)
        if gid is None:
            return []
        if problems := self.groups.count_mismatches(phrase, gid):
            self.rejects.add(SOURCE, line, field_name, phrase,
                             f"group {gid} not expanded: " + "; ".join(problems))
            return []
        head = re.split(r"\s*[(:]", phrase)[0]
        parties = []
        for iso3 in self.groups.match_phrase(phrase):
            sub = self.groups.subgroup(gid, iso3)
            note = f"as one of: {head}" + (f" ({sub})" if sub else "")
            parties.append(_Party(phrase, iso3, role, note))
        return parties

    def read_cell(self, cell: str, default_role: str, line: int,
                  field_name: str) -> tuple[list[_Party], dict[str, str], list[int]]:
        """Read a participants or observers cell.

        Returns (parties, facts, totals): facts holds "chair", "incoming chair", "notes" and
        "open_to_all" as text; totals are the "(Total: N)" figures the cell states.
        """
        parties: list[_Party] = []
        facts: dict[str, list[str]] = {"chair": [], "incoming chair": [], "notes": []}
        totals = [int(n) for n in _TOTAL.findall(" ".join(html_paragraphs(cell)))]
        paragraphs = [part for paragraph in html_paragraphs(cell)
                      for part in _INLINE_LABEL.split(paragraph) if part.strip()]
        for paragraph in paragraphs:
            suspended = _SUSPENDED.search(paragraph)
            if suspended:
                paragraph = _SUSPENDED.sub("", paragraph)
                for code in self.countries_in(suspended.group(1)):
                    parties.append(_Party(suspended.group(1), code, "suspended",
                                          clean_spaces(suspended.group(0).strip("()"))))
            # "… (Total: 11) Chair: Ethiopia" on one line: split off the chair first.
            chair_inline = re.search(r"\b(Current )?Chair:\s*(.*)$", paragraph)
            before_chair = paragraph[: chair_inline.start()] if chair_inline else ""
            if chair_inline and (before_chair.count(",") >= 2
                                 or _TOTAL.fullmatch(before_chair.strip())):
                facts["chair"].append(chair_inline.group(2).strip())
                parties.extend(self.chair_parties(chair_inline.group(2), "named (chair)",
                                                  chair_inline.group(0).strip()))
                paragraph = paragraph[: chair_inline.start()]
            if plus := _TOTAL_PLUS.search(paragraph):
                parties.extend(self.bodies_named(plus["bodies"], default_role, paragraph))
            paragraph = _TOTAL.sub(" ", paragraph).strip()
            if not paragraph:
                continue
            if _OPEN_TO_ALL.search(paragraph):
                facts["notes"].append(paragraph)
                facts.setdefault("open_to_all", []).append(paragraph)
                if chairs := _EMBEDDED_CHAIRS.search(paragraph):
                    facts["chair"].append(self.country_list(chairs["chair"]))
                    parties.extend(self.chair_parties(chairs["chair"], "named (chair)",
                                                      chairs.group(0)))
                    parties.extend(self.chair_parties(chairs["incoming"] or "",
                                                      "named (incoming chair)", chairs.group(0)))
                    if chairs["incoming"]:
                        facts["incoming chair"].append(
                            " ".join(filter(None, [self.country_list(chairs["incoming"]),
                                                   chairs["year"]])))
                continue
            labelled = _label(paragraph)
            role, entity, rest = (default_role, "any", paragraph)
            if labelled:
                role, entity, rest = labelled
            if role in ("chair", "incoming chair"):
                facts[role].append(rest)
                parties.extend(self.chair_parties(rest, f"named ({role})", paragraph))
                continue
            if role == "note":
                facts["notes"].append(paragraph)
                continue
            rest = re.sub(r"\s+each send:?$", "", rest)
            listed = re.match(r"^(\d+\s[^():]{3,60}?)\s*\((.*)\)\s*$", rest)
            if listed:
                rest = listed.group(2)
            if entity == "organisation":
                parties.extend(self.organisation_list(rest, role, facts))
                continue
            if labelled and entity == "any" and not self.countries_in(rest) \
                    and self.organisations.pattern.search(rest):
                parties.extend(_Party(o.name, None, role, "", o.written)
                               for o in self.organisations.split(rest, split_items))
                continue
            items = split_items(rest)
            if _looks_like_prose(items):
                facts["notes"].append(paragraph)
                parties.extend(self.prose_parties(paragraph))
                continue
            for item in items:
                parties.extend(self.item_parties(item, role, entity, line, field_name))
        joined = {k: "; ".join(tidy_fact(x) for x in v) for k, v in facts.items()}
        return parties, joined, totals


# ---------------------------------------------------------------- the loader


def load_overview(text: str, process_ids: pd.DataFrame, countries: CountryResolver,
                  groups: CountryGroups, rejects: RejectLog,
                  organisations: OrganisationNames) -> OverviewTables:
    """Read the overview text into OverviewTables.

    process_ids is the reviewed table (process_id, name_starts, short_name) that gives each
    mechanism its stable id and display label: a row whose English name starts with no listed
    prefix is rejected whole.
    """
    out = OverviewTables()
    reader = ParticipantReader(countries, groups, rejects, organisations)
    ids = list(zip(process_ids.process_id, process_ids.name_starts))
    short_names = dict(zip(process_ids.process_id, process_ids.short_name))
    for row in table_rows(text, rejects):
        english, names, name_notes = name_forms(row.cells["name"])
        pid = next((p for p, start in ids if fold(english).startswith(fold(start))), None)
        if pid is None:
            rejects.add(SOURCE, row.line, "name", english,
                        "no process_id in data/reference/process_ids.csv for this name")
            continue
        year, year_text = year_founded(row.cells["year"])
        parties, facts, totals = [], {}, []
        for field_name, role in (("participants", "member"), ("observers", "observer")):
            if field_name not in row.cells:
                continue
            found, cell_facts, cell_totals = reader.read_cell(row.cells[field_name], role,
                                                              row.line, field_name)
            parties.extend(found)
            totals.extend(cell_totals)
            for key, value in cell_facts.items():
                if value:
                    facts[key] = "; ".join(filter(None, [facts.get(key, ""), value]))
        secretariat = "\n".join(html_paragraphs(row.cells.get("secretariat", "")))
        website = next(iter(_URL.findall(" ".join([row.cells["name"],
                                                   row.cells.get("secretariat", "")]))), "")
        out.processes.append({
            "process_id": pid,
            "name": english,
            "acronym": acronym_of(names),
            "short_name": short_names[pid],
            "kind": row.kind,
            "region": row.region,
            "year_founded": year,
            "year_founded_text": year_text,
            "secretariat": _URL.sub("", secretariat).strip(),
            "chair": facts.get("chair", ""),
            "incoming_chair": facts.get("incoming chair", ""),
            "open_to_all": bool(facts.get("open_to_all")),
            "membership_notes": facts.get("notes", ""),
            "description": "\n".join(html_paragraphs(row.cells.get("description", ""))),
            "areas": "\n".join(html_paragraphs(row.cells.get("areas", ""))),
            "priorities": "\n".join(html_paragraphs(row.cells.get("priorities", ""))),
            "agreements": "\n".join(html_paragraphs(row.cells.get("agreements", ""))),
            "website": website.rstrip(".,;)"),
            "name_notes": "; ".join(name_notes),
            "source_line": row.line,
        })
        for alias in _unique(a for n in names for a in alias_candidates(n)):
            out.aliases.append({"process_id": pid, "alias": alias, "origin": "overview name"})
        parties += reader.named_in_row(row.cells)
        kept = _kept_parties(parties, organisations)
        for party in kept:
            if party.iso3:
                out.memberships.append({"process_id": pid, "iso3": party.iso3,
                                        "role": party.role, "note": party.note,
                                        "source_line": row.line})
            else:
                out.organisations.append({
                    "process_id": pid, "organisation": organisations.canonical(party.name),
                    "organisation_text": party.written or party.name, "role": party.role,
                    "note": party.note, "source_line": row.line})
        if totals:
            out.count_checks.append(_count_check(pid, max(totals), kept))
    return out


def _kept_parties(parties: list[_Party], organisations: OrganisationNames) -> list[_Party]:
    """One party per (country or canonical body, role), in order; a `named (…)` party only
    when the same country or body holds no listed role in the mechanism."""
    def entity(party: _Party) -> str:
        return party.iso3 or organisations.canonical(party.name)

    listed = {entity(p) for p in parties if p.role not in NAMED_ROLES}
    seen: set[tuple[str, str]] = set()
    kept = []
    for party in parties:
        key = (entity(party), party.role)
        if key in seen or (party.role in NAMED_ROLES and key[0] in listed):
            continue
        seen.add(key)
        kept.append(party)
    return kept


def _count_check(pid: str, stated: int, parties: list[_Party]) -> dict:
    """The stated total beside the members listed (countries, bodies) and the countries the
    row names outside its lists (chair, steering committee, …)."""
    members = [p for p in parties if p.role == "member"]
    return {"process_id": pid, "stated_total": stated,
            "member_countries": sum(1 for p in members if p.iso3),
            "member_organisations": sum(1 for p in members if not p.iso3),
            "named_countries": len({p.iso3 for p in parties
                                    if p.iso3 and p.role in NAMED_ROLES})}


def _unique(values: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for v in values:
        if v.casefold() not in seen:
            seen.add(v.casefold())
            out.append(v)
    return out
