"""Who takes part in a mechanism: the overview's participants and observers cells -> parties.

Each paragraph of a cell is read by its label ("Observers:", "Partner organizations:",
"Chair: …"; reference/participant_labels.csv) into countries, group phrases and organisations with a
role; chairs, steering committees, coordinators and bodies named in sentences give `named (…)`
parties; what names nobody is kept as a note. Names that resolve to nothing go to the RejectLog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

import pandas as pd

from loaders.countries import CountryResolver
from loaders.groups import CountryGroups
from loaders.organisations import OrganisationNames
from loaders.overview.cells import SOURCE, URL
from loaders.rejects import RejectLog
from loaders.text import (
    clean_spaces,
    fold,
    html_paragraphs,
    split_items,
    strip_parentheses,
)
from loaders.vocabulary import NAMED_ROLES

_SUSPENDED = re.compile(r"\(([^()]*?) has temporarily suspended its membership\)", re.I)
_TOTAL = re.compile(r"\(?\btotal:?\s*(\d+)[^)]*\)?\.?", re.I)
_OPEN_TO_ALL = re.compile(r"open to all (un|iom) member", re.I)
# Chairs written inside an "Open to all …" paragraph (GFMD): "Co-Chairs: Germany Bangladesh
# Incoming Chair (2018) Morocco".
_EMBEDDED_CHAIRS = re.compile(
    r"\bCo-Chairs?:\s*(?P<chair>.+?)\s*(?:Incoming Chair\s*(?P<year>\(\d{4}\))?:?\s*"
    r"(?P<incoming>.+))?$"
)
# Labels that start a new list in the middle of a paragraph (IGAD-RCP: "… Tunisia and Yemen
# Regional economic communities: ECOWAS, …").
_INLINE_LABEL = re.compile(
    r"\s+(?=(?:Regional economic communities|Relevant non-governmental "
    r"organizations \(NGOs\)):)"
)
# "… the US and the Netherlands have been invited to the last CMC meeting."; "Only IOM, ILO and
# the World Bank were invited to attend the Ministerial Meeting in November 2014."
_INVITED = re.compile(r"\b(?:(?:have|has) been|were) invited\b", re.I)
# A paragraph that says who sits on a steering committee or group: "Steering Committee:
# comprised of: …", "a steering committee (Belgium, …)", "… Steering Committee Comprises …",
# "a steering group composed of …"; not "the meetings of the Steering Group" (GFMD).
_STEERING = re.compile(
    r"\bsteering (?:committee|group)\b\s*(?::|\(|,?\s*(?:consist|compris|"
    r"composed|made up))",
    re.I,
)
_COORDINATORS = re.compile(r"^coordinators:", re.I)
# "Total 51 governments plus the European Commission and the ASEAN Secretariat" (ASEM).
_TOTAL_PLUS = re.compile(r"\btotal:?\s*\d+\s+\w+\s+plus\s+(?P<bodies>.+)$", re.I)
# "The main actors are: representatives of …, the European Commission and …" (Tripoli).
_MAIN_ACTORS = re.compile(r"^the main actors are:", re.I)
# "African Union 53 member countries": a body and the size the document gives it.
_BODY_WITH_SIZE = re.compile(
    r"^(?P<body>.+?)\s+(?P<size>\d+\s+member\s+(?:countries|states))$", re.I
)
# "… and one regional organization of employers representatives (ACE) …" (AFML).
_COUNTED_BODY = re.compile(
    r"\b(?:one|two|three|\d+)\s+[\w\s'’-]*?organi[sz]ation[\w\s'’-]*?"
    r"\([A-Z][A-Za-z&-]+\)"
)
# "… and others (i.e. relevant UN agencies, …, on an ad hoc/theme basis the AU Commission)".
_AD_HOC_OTHERS = re.compile(r"\bothers?\s*\((?:i\.e\.|e\.g\.)[^()]*\bad hoc\b[^()]*\)", re.I)
# A description that "brings together" members or stakeholders "as well as" bodies (Rabat, AFML).
_BRINGS_TOGETHER = re.compile(
    r"\bbring(?:s|ing)? together\b(?P<whom>.*?)\bas well as\b"
    r"(?P<bodies>.*)$",
    re.I,
)
_COUNTRIES_WORD = re.compile(r"\b(?:countries|states|governments)\b", re.I)
# "CELAC (…) acts as the partner in this bi-regional process" (EU-LAC).
_ACTS_AS = re.compile(
    r"^(?P<who>.*?)\bacts as (?:the|an?) (?P<role>partner|observer|member)\b", re.I
)
# "… and IOM's role to be adapted to one of observer and thematic expert" (Abu Dhabi): a
# sentence about a body's role, kept as that body's note.
_ROLE_OF = "['’]s role\\b"
# The secretariat cell (see secretariat_parties). Words saying a body does the secretariat's
# work or supports the mechanism's ("run by the ICMPD", "IOM provides … support", "hosted by",
# "performed by", "jointly managed by", "ensures the overall coordination", "facilitates").
_SECRETARIAT_WORK = re.compile(
    r"\b(?:secretariat|support\w*|run by|hosted|performed by|"
    r"managed by|coordinat\w*|facilitat\w*)",
    re.I,
)
# Sentences that give no body a secretariat role: past ones ("In the past, IOM has provided …",
# "IOM served as the Dialogue's Secretariat from … to April 2012", "The previous phase was
# implemented by …"), support only asked for ("have requested IOM and UNHCR support"), contact
# details ("Contact Information …", "Contact eventually through IOM …").
_NOT_SECRETARIAT_NOW = re.compile(r"\b(?:in the past|previous|served as|requested)\b", re.I)
_CONTACT = re.compile(r"^contact\b", re.I)
_EMAIL = re.compile(r"\S+@\S+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_OPENING = re.compile(r"^(?:secretariat:\s*)?(?:the\s+)?$", re.I)
# A body named as funder, as the one the work is for, or for its member states.
_FUNDER_AFTER = re.compile(r"^\s+funds\b", re.I)
_FUNDER_BEFORE = re.compile(r"\bfunded by\s+(?:the\s+)?$", re.I)
_TARGET_BEFORE = re.compile(r"\btargeting\s+(?:both\s+)?(?:the\s+)?$", re.I)
_MEMBERS_AFTER = re.compile(r"^\s+member states\b", re.I)
# An organisation-list item that names a kind of body, not one: "groups affiliated with …".
_KIND_OF_BODY = re.compile(
    r"^(?:groups|organi[sz]ations|agencies|institutions|associations|"
    r"bodies)\b",
    re.I,
)


# What a label may give: a role of memberships/process_organisations, a chair fact, or "note"
# (the paragraph is kept as text only).
LABEL_ROLES = [
    "member",
    "observer",
    "partner",
    "guest",
    "regular participant",
    "other participant",
    "chair",
    "incoming chair",
    "note",
]
LABEL_ENTITIES = ["country", "organisation", "any"]


@dataclass(frozen=True)
class Label:
    """A paragraph label: a pattern on the paragraph's folded start, the role it gives, whom
    its list names ("country", "organisation" or "any"), and the note every row of its list
    carries ("" for none)."""

    pattern: re.Pattern[str]
    role: str
    entity: str
    row_note: str = ""


def participant_labels(table: pd.DataFrame) -> list[Label]:
    """The labels of reference/participant_labels.csv (pattern, role, entity, row_note, …)
    in table order (the first that matches a paragraph wins; row_note may be left out);
    ValueError naming the row when a pattern does not compile or a role or entity is not one
    the reader knows."""
    labels = []
    row_notes = table["row_note"] if "row_note" in table else [""] * len(table)
    for number, (pattern, role, entity, row_note) in enumerate(
        zip(table.pattern, table.role, table.entity, row_notes, strict=True), start=2
    ):
        if role not in LABEL_ROLES or entity not in LABEL_ENTITIES:
            raise ValueError(
                f"participant_labels.csv line {number}: role {role!r} or entity "
                f"{entity!r} unknown (roles: {LABEL_ROLES}; {LABEL_ENTITIES})"
            )
        try:
            labels.append(Label(re.compile(pattern), role, entity, row_note))
        except re.error as exc:
            raise ValueError(
                f"participant_labels.csv line {number}: pattern {pattern!r} does not compile: {exc}"
            ) from exc
    return labels


def _label(paragraph: str, labels: list[Label]) -> tuple[Label, str] | None:
    """The first label that matches the paragraph's start, and the rest of the paragraph."""
    key = fold(paragraph)
    for label in labels:
        m = label.pattern.match(key)
        if m:
            return label, paragraph[m.end() :].strip(" :")
    return None


_ORG_WORDS = re.compile(
    r"\b(commission|organi[sz]ation|union|secretariat|office|bank|agency|fund|programme|"
    r"program|council|community|institute|institution|forum|centre|center|committee|"
    r"federation|network|conference|association|authority|parliament|system|rapporteur|"
    r"group|foundation|initiative|observatory|cooperation|coordination|service|police|"
    r"nations|unit|dialogue|market|process|children|internat'l|europol|frontex|interpol|"
    r"unhcr|unicef|unesco|undp|unodc|iom|ilo)\b",
    re.I,
)


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
    return (
        median(words) > 9
        or max(words) > 14
        or any(_VERB.search(strip_parentheses(i)) for i in items)
    )


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each (start, end) span blanked out."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


@dataclass
class Party:
    """A country (iso3) or body (iso3 None) a cell names, with its role and note; written is
    the body's name as the document writes it when it differs from `name`."""

    name: str
    iso3: str | None
    role: str
    note: str
    written: str = ""


class ParticipantReader:
    """Reads participants/observers cells into countries and organisations with roles."""

    def __init__(
        self,
        countries: CountryResolver,
        groups: CountryGroups,
        rejects: RejectLog,
        organisations: OrganisationNames,
        labels: list[Label],
    ) -> None:
        self.countries = countries
        self.labels = labels
        self.used_labels: set[Label] = set()
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
        names = [
            self.countries.reference.loc[c, "short_name"]
            for c in codes
            if c in self.countries.reference.index
        ]
        if (
            len(names) != len(codes)
            or not names
            or len(" ".join(names).split()) < len(strip_parentheses(text).split())
        ):
            return text.strip()
        return "; ".join(names)

    def item_parties(
        self, item: str, role: str, entity: str, line: int, field_name: str
    ) -> list[Party]:
        """Read one list item: a country, a group phrase, "A and B", or an organisation."""
        note = ""
        m = re.match(
            r"^(.*?)\s*\((?:through|in its capacity)[^()]*(\([^()]*\)[^()]*)*\)\s*(.*)$", item
        )
        if m:
            item = clean_spaces(f"{m.group(1)} {m.group(3)}")
        plain = clean_spaces(re.sub(r"\s*\((i\.e\.|[^()]*total)[^()]*\)", "", item, flags=re.I))
        if not plain:
            return []
        if _FILLER.fullmatch(plain):
            return []
        labelled_list = re.match(
            r"^([^:]{3,60}\b(?:countries|states)\b[^:]{0,15}?)\s*:\s*(.+)$", plain, re.I
        )
        if labelled_list:
            # "54 AU Member States: Algeria": the document lists the group itself.
            head, plain = labelled_list.groups()
            return self.group_parties(head, role, line, field_name) + self.item_parties(
                plain, role, entity, line, field_name
            )
        if self.groups.group_of(plain) is not None:
            return self.group_parties(plain, role, line, field_name)
        code = self.countries.resolve(plain) or self.countries.resolve(
            re.sub(r"\s*\([^()]*\)", "", plain)
        )
        if code:
            return [Party(plain, code, role, note)]
        if " and " in plain:
            parts = [p.strip() for p in re.split(r"\s+and\s+", plain)]
            codes = [self.countries.resolve(p) for p in parts]
            if all(codes):
                return [Party(p, c, role, note) for p, c in zip(parts, codes)]
        if entity != "organisation":
            several = self.countries_in(plain)
            if len(several) >= 2:
                return [Party(plain, c, role, note) for c in several]
        if entity == "organisation" or (entity == "any" and looks_like_organisation(plain)):
            sized = _BODY_WITH_SIZE.match(plain)
            if sized and looks_like_organisation(sized["body"]):
                # "African Union 53 member countries": the body, with its size as the note.
                return [Party(sized["body"], None, role, sized["size"], plain)]
            return [Party(plain, None, role, note)]
        suggestion = self.countries.suggest(plain)
        self.rejects.add(
            SOURCE,
            line,
            field_name,
            item,
            "neither a known country name nor an organisation"
            + (f"; did you mean {suggestion}?" if suggestion else ""),
        )
        return []

    def bodies_named(self, text: str, role: str, note: str) -> list[Party]:
        """The known organisations named in a sentence (alias table names only), each with
        `role` and the sentence as its note."""
        return [
            Party(self.organisations.canonical(m.written), None, role, note, m.written)
            for m in self.organisations.mentions(text, with_acronym=True)
        ]

    def organisation_list(
        self, text: str, role: str, facts: dict[str, list[str]], note: str = ""
    ) -> list[Party]:
        """The bodies of a labelled organisation list, each with `role` and `note`. A body
        named inside "others (i.e. … on an ad hoc basis …)" is a guest; an item naming a kind
        of body ("groups affiliated with …") goes to the notes, as written."""
        parties = []
        for others in _AD_HOC_OTHERS.finditer(text):
            parties.extend(self.bodies_named(others.group(0), "guest", others.group(0)))
        for o in self.organisations.split(text):
            if _KIND_OF_BODY.match(o.written):
                facts["notes"].append(o.written)
            else:
                parties.append(Party(o.name, None, role, note, o.written))
        return parties

    def prose_parties(self, paragraph: str) -> list[Party]:
        """Who a paragraph of sentences names as taking part.

        Countries and known bodies "invited" to a meeting are guests (CMC, Abu Dhabi); the
        known bodies of "The main actors are: …" are `named (main actor)` (Tripoli); a known
        body the paragraph opens with and says "participates" (RCM: RNCOM), and a body counted
        among the participants by its acronym ("one regional organization of employers
        representatives (ACE)", AFML) are regular participants. The note is the sentence or
        paragraph that says so.
        """
        parties: list[Party] = []
        for sentence in re.split(r"(?<=\.)\s+", paragraph):
            if _INVITED.search(sentence):
                parties.extend(
                    Party(sentence, code, "guest", sentence) for code in self.countries_in(sentence)
                )
                parties.extend(self.bodies_named(sentence, "guest", sentence))
            if _MAIN_ACTORS.match(sentence):
                parties.extend(self.bodies_named(sentence, "named (main actor)", sentence))
        named = self.organisations.mentions(
            re.sub(r"^the\s+", "", paragraph, flags=re.I), with_acronym=True
        )
        if named and named[0].start == 0 and re.search(r"\bparticipates in\b", paragraph):
            parties.append(
                Party(
                    self.organisations.canonical(named[0].written),
                    None,
                    "regular participant",
                    paragraph,
                    named[0].written,
                )
            )
        for counted in _COUNTED_BODY.finditer(paragraph):
            parties.append(
                Party(
                    self.organisations.canonical(counted.group(0)),
                    None,
                    "regular participant",
                    paragraph,
                    counted.group(0),
                )
            )
        return parties

    def described_parties(self, description: str) -> list[Party]:
        """Known bodies a description cell names as taking part, with the sentence as note.

        "… brings together <whom> … as well as <bodies>": the bodies after "as well as" are
        members when <whom> names countries, states or governments (Rabat: "European and
        African countries …, as well as the European Commission (EC) and … (ECOWAS)"), and
        regular participants otherwise (AFML: "key stakeholders …, as well as the ASEAN
        Secretariat"). "<body> acts as the partner|observer|member …" gives that role (EU-LAC:
        CELAC).
        """
        parties: list[Party] = []
        for paragraph in html_paragraphs(description):
            for sentence in re.split(r"(?<=\.)\s+", paragraph):
                if together := _BRINGS_TOGETHER.search(sentence):
                    role = (
                        "member"
                        if _COUNTRIES_WORD.search(together["whom"])
                        else "regular participant"
                    )
                    parties.extend(self.bodies_named(together["bodies"], role, sentence))
                if acts := _ACTS_AS.match(sentence):
                    parties.extend(self.bodies_named(acts["who"], acts["role"].lower(), sentence))
        return parties

    def role_sentences(self, cell: str) -> dict[str, list[str]]:
        """canonical body -> the sentences of a cell that speak of that body's role ("… and
        IOM's role to be adapted to one of observer and thematic expert", Abu Dhabi's
        secretariat cell): kept as the body's note, never read as a role of their own."""
        found: dict[str, list[str]] = {}
        for paragraph in html_paragraphs(cell):
            for sentence in re.split(r"(?<=\.)\s+", paragraph):
                for m in self.organisations.mentions(sentence, with_acronym=True):
                    if re.match(_ROLE_OF, sentence[m.end :]):
                        found.setdefault(self.organisations.canonical(m.written), []).append(
                            sentence
                        )
        return found

    def secretariat_parties(
        self, cell: str, names_the_secretariat: bool, own_name: str
    ) -> list[Party]:
        """The known bodies a secretariat cell names as doing the mechanism's secretariat work,
        role `secretariat`, note = the sentence (empty when it is the body's name alone).

        Read sentence by sentence, web and e-mail addresses left out: a sentence counts when
        it has a word of that work outside the bodies' names (secretariat, support, run by,
        hosted, performed by, managed by, coordination, facilitates) or, in a column whose
        header says "Secretariat" (names_the_secretariat), when it opens its paragraph with a
        body ("International Centre for Migration Policy Development (ICMPD)", "Secretariat:
        League of Arab States (LAS)", "IGAD Secretariat in collaboration with the AU
        Commission and IOM"). Not read: steering committee paragraphs (named roles), past
        roles, requested support, contact details. Not rows: a body named as funder, as the
        one the work targets, for its member states, in a quoted title, in a sentence about
        its role (`role_sentences`), or the mechanism's own unit (its name holds own_name,
        the mechanism's short name: "Bali Process Regional Support Office")."""
        parties: list[Party] = []
        for paragraph in html_paragraphs(cell):
            text = clean_spaces(_EMAIL.sub(" ", URL.sub(" ", paragraph)))
            if not text or _STEERING.search(text):
                continue
            for number, sentence in enumerate(re.split(r"(?<=\.)\s+", text)):
                if _CONTACT.match(sentence) or _NOT_SECRETARIAT_NOW.search(sentence):
                    continue
                blanked = _QUOTED.sub(lambda m: " " * len(m.group(0)), sentence)
                mentions = self.organisations.mentions(blanked, with_acronym=True)
                if not mentions:
                    continue
                rest = _without_spans(blanked, [(m.start, m.end) for m in mentions])
                opens = (
                    names_the_secretariat
                    and number == 0
                    and _OPENING.match(blanked[: mentions[0].start]) is not None
                )
                if not (opens or _SECRETARIAT_WORK.search(rest)):
                    continue
                for m in mentions:
                    before, after = blanked[: m.start], blanked[m.end :]
                    name = self.organisations.canonical(m.written)
                    if (
                        _FUNDER_AFTER.match(after)
                        or _FUNDER_BEFORE.search(before)
                        or _TARGET_BEFORE.search(before)
                        or _MEMBERS_AFTER.match(after)
                        or re.match(_ROLE_OF, after)
                        or name == own_name
                        or re.search(rf"\b{re.escape(own_name)}\b", m.written)
                    ):
                        continue
                    parties.append(
                        Party(
                            name,
                            None,
                            "secretariat",
                            "" if sentence == m.written else sentence,
                            m.written,
                        )
                    )
        return parties

    def chair_parties(self, text: str, role: str, written: str) -> list[Party]:
        """The countries a chair text names, or the known body when it names no country
        ("League of Arab States (LAS)"), with `role` and the text as written as the note.
        A chair written as a sentence ("… has not been elected or formally recognized as
        Chair …", CMC) names nobody. The caller keeps them only when they hold no listed
        role in the mechanism."""
        if not text.strip() or _VERB.search(text):
            return []
        codes = self.countries_in(text)
        if codes:
            return [Party(text, c, role, written) for c in codes]
        return self.bodies_named(text, role, written)

    def named_in_row(self, cells: dict[str, str]) -> list[Party]:
        """Countries and known bodies a row's paragraphs name on a steering committee or group
        ("Steering Committee: comprised of: …", "governed by a steering committee (…)") or as
        coordinators, from the participants, observers and secretariat cells; the note is
        the paragraph. The caller keeps only those that hold no listed role."""
        parties: list[Party] = []
        for field_name in ("participants", "observers", "secretariat"):
            for paragraph in html_paragraphs(cells.get(field_name, "")):
                role = (
                    "named (steering committee)"
                    if _STEERING.search(paragraph)
                    else "named (coordinator)"
                    if _COORDINATORS.match(paragraph)
                    else None
                )
                if role is None:
                    continue
                parties.extend(
                    Party(paragraph, c, role, paragraph)
                    for c in self.countries.find_in_text(paragraph, skip_parentheses=False)
                )
                parties.extend(self.bodies_named(paragraph, role, paragraph))
        return parties

    def group_parties(self, phrase: str, role: str, line: int, field_name: str) -> list[Party]:
        """The members of a group phrase from the reference table ([] for a phrase naming no
        known group). When the counts the phrase states ("79 …: 48 African countries …")
        differ from the table, nothing is expanded and the phrase is rejected with both."""
        gid = self.groups.group_of(phrase)
        if gid is None:
            return []
        if problems := self.groups.count_mismatches(phrase, gid):
            self.rejects.add(
                SOURCE,
                line,
                field_name,
                phrase,
                f"group {gid} not expanded: " + "; ".join(problems),
            )
            return []
        head = re.split(r"\s*[(:]", phrase)[0]
        parties = []
        for iso3 in self.groups.match_phrase(phrase):
            sub = self.groups.subgroup(gid, iso3)
            note = f"as one of: {head}" + (f" ({sub})" if sub else "")
            parties.append(Party(phrase, iso3, role, note))
        return parties

    def read_cell(
        self, cell: str, default_role: str, line: int, field_name: str
    ) -> tuple[list[Party], dict[str, str], list[int]]:
        """Read a participants or observers cell.

        Returns (parties, facts, totals): facts holds "chair", "incoming chair", "notes" and
        "open_to_all" as text; totals are the "(Total: N)" figures the cell states.
        """
        parties: list[Party] = []
        facts: dict[str, list[str]] = {"chair": [], "incoming chair": [], "notes": []}
        totals = [int(n) for n in _TOTAL.findall(" ".join(html_paragraphs(cell)))]
        paragraphs = [
            part
            for paragraph in html_paragraphs(cell)
            for part in _INLINE_LABEL.split(paragraph)
            if part.strip()
        ]
        for paragraph in paragraphs:
            suspended = _SUSPENDED.search(paragraph)
            if suspended:
                paragraph = _SUSPENDED.sub("", paragraph)
                for code in self.countries_in(suspended.group(1)):
                    parties.append(
                        Party(
                            suspended.group(1),
                            code,
                            "suspended",
                            clean_spaces(suspended.group(0).strip("()")),
                        )
                    )
            # "… (Total: 11) Chair: Ethiopia" on one line: split off the chair first.
            chair_inline = re.search(r"\b(Current )?Chair:\s*(.*)$", paragraph)
            before_chair = paragraph[: chair_inline.start()] if chair_inline else ""
            if chair_inline and (
                before_chair.count(",") >= 2 or _TOTAL.fullmatch(before_chair.strip())
            ):
                facts["chair"].append(chair_inline.group(2).strip())
                parties.extend(
                    self.chair_parties(
                        chair_inline.group(2), "named (chair)", chair_inline.group(0).strip()
                    )
                )
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
                    parties.extend(
                        self.chair_parties(chairs["chair"], "named (chair)", chairs.group(0))
                    )
                    parties.extend(
                        self.chair_parties(
                            chairs["incoming"] or "", "named (incoming chair)", chairs.group(0)
                        )
                    )
                    if chairs["incoming"]:
                        facts["incoming chair"].append(
                            " ".join(
                                filter(
                                    None, [self.country_list(chairs["incoming"]), chairs["year"]]
                                )
                            )
                        )
                continue
            labelled = _label(paragraph, self.labels)
            role, entity, rest, row_note = (default_role, "any", paragraph, "")
            if labelled:
                label, rest = labelled
                role, entity, row_note = label.role, label.entity, label.row_note
                self.used_labels.add(label)
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
                parties.extend(self.organisation_list(rest, role, facts, row_note))
                continue
            if (
                labelled
                and entity == "any"
                and not self.countries_in(rest)
                and self.organisations.mentions(rest)
            ):
                parties.extend(
                    Party(o.name, None, role, "", o.written) for o in self.organisations.split(rest)
                )
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


def kept_parties(parties: list[Party], organisations: OrganisationNames) -> list[Party]:
    """One party per (country or canonical body, role), in order; a `named (…)` party only
    when the same country or body holds no listed role in the mechanism."""

    def entity(party: Party) -> str:
        return party.iso3 or organisations.canonical(party.name)

    # A secretariat is no list role: the League of Arab States chairs the Arab RCP and is its
    # secretariat.
    listed = {entity(p) for p in parties if p.role not in (*NAMED_ROLES, "secretariat")}
    seen: set[tuple[str, str]] = set()
    kept = []
    for party in parties:
        key = (entity(party), party.role)
        if key in seen or (party.role in NAMED_ROLES and key[0] in listed):
            continue
        seen.add(key)
        kept.append(party)
    return kept


def count_check(pid: str, stated: int, parties: list[Party]) -> dict:
    """The stated total beside the members listed (countries, bodies) and the countries the
    row names outside its lists (chair, steering committee, …)."""
    members = [p for p in parties if p.role == "member"]
    return {
        "process_id": pid,
        "stated_total": stated,
        "member_countries": sum(1 for p in members if p.iso3),
        "member_organisations": sum(1 for p in members if not p.iso3),
        "named_countries": len({p.iso3 for p in parties if p.iso3 and p.role in NAMED_ROLES}),
    }
