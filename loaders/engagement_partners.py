"""Who takes part in a USCIS engagement besides USCIS, read from its name and description.

Load inputs: one engagement's name and description; the organisation aliases
(data/reference/organisations.csv), the countries of foreign agencies
(data/reference/foreign_agencies.csv) and the groups named without their members
(data/reference/partner_groups.csv).
Process: find organisations, then groups, then countries (each found span hidden from the
next search); drop mentions that are venues, subjects or qualifiers; one row per participant,
at the most specific level named (an agency carries its country; no extra country row).
Outputs: partner rows (kind, iso3, organisation, partner_text, note). The rules and their
limits are written in data/README.md (engagement_partners.csv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from loaders.countries import CountryResolver
from loaders.organisations import NameMatcher, OrganisationNames

NOTE_GROUP = "a group: the source does not name its members"
NOTE_UNKNOWN = "unknown: the row names no one who takes part besides USCIS"
NOTE_PAST = "took part in the past"
NOTE_EXAMPLE = "named as an example (e.g.)"
NOTE_CUT = "the description is cut off mid-sentence; anyone named after the cut is lost"
INHERIT = re.compile(r"\bsimilar in nature as above\b", re.I)
# The US is USCIS's own government: never a partner of its own engagements.
SELF = {"USA"}

# A list of places after these words says where or about where, not who: "meet … in Geneva",
# "populations in India", "aliens to Cuba", "shared border with Canada".
_VENUE_OR_SUBJECT_BEFORE = re.compile(r"\b(?:in|to|at|border with)\s+(?:the\s+)?$", re.I)
# A country or organisation followed by one of these words is what is discussed:
# "Cuban migration fraud trends", "Syrian refugees", "the Chinese government",
# "the Mexican Asylum Program", "UNHCR operations".
_SUBJECT_AFTER = re.compile(
    r"^\s+(?:migration|refugees?|government|asylum program|operations)\b", re.I
)
# "other DHS components including ICE HSI, CBP" names the components, not DHS itself.
_QUALIFIER_AFTER = re.compile(r"^\s+components\b", re.I)
# "DHS (ICE and USCIS)": a parenthesis right after a body, read for the parts that take part.
_PARENTHESIS_AFTER = re.compile(r"^\s*\(([^()]*)\)")
# "(similar to the OIG)" compares; what it names does not take part.
_COMPARISON = re.compile(r"\(similar to [^()]*\)", re.I)
_LIST_GLUE = re.compile(r"^(?:\s*(?:,|/|-|&|\band\b)\s*)+$", re.I)
_EXAMPLE_BEFORE = re.compile(r"\be\.g\.,?\s*$", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_TOKEN = re.compile(r"[^\s,;/()\-]*\w[^\s,;/()\-]*")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_POSSESSIVE_AFTER = re.compile(r"^['\u2019]s\b")


@dataclass(frozen=True)
class Mention:
    """A name found in the text: where, as written, and whom it names."""

    start: int
    end: int
    text: str
    kind: str
    iso3: str = ""
    organisation: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """The participant this mention names: (iso3, organisation)."""
        return (self.iso3, self.organisation)


@dataclass(frozen=True)
class PartnerReference:
    """The reference tables the partner reading needs."""

    organisations: OrganisationNames
    foreign_agencies: dict[str, str]  # organisation -> iso3
    groups: NameMatcher  # partner_groups.csv alias -> group, any case
    given_by_countries: frozenset[str]  # the groups dropped where countries are named

    @classmethod
    def from_tables(cls, reference: dict[str, pd.DataFrame]) -> PartnerReference:
        """Build from the reference DataFrames organisations, foreign_agencies, partner_groups."""
        agencies = reference["foreign_agencies"]
        groups = reference["partner_groups"]
        return cls(
            OrganisationNames(reference["organisations"]),
            dict(zip(agencies.organisation, agencies.iso3)),
            NameMatcher(dict(zip(groups.alias, groups.group)), ignore_case=True),
            frozenset(groups.loc[groups.given_by_countries == "true", "group"]),
        )


def _hide(text: str, mentions: list[Mention]) -> str:
    for m in mentions:
        text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    return text


def organisation_mentions(text: str, ref: PartnerReference) -> list[Mention]:
    """Organisations named in `text` (organisations.csv aliases, case as written), each with
    its kind and, for a foreign agency, its country."""
    return [
        Mention(
            m.start,
            m.end,
            m.written,
            ref.organisations.kind(m.name),
            ref.foreign_agencies.get(m.name, ""),
            m.name,
        )
        for m in ref.organisations.mentions(text)
    ]


def group_mentions(text: str, ref: PartnerReference) -> list[Mention]:
    """Groups named without their members (partner_groups.csv aliases, any case)."""
    return [
        Mention(m.start, m.end, m.written, "group", organisation=m.name)
        for m in ref.groups.matches(text)
    ]


def country_mentions(text: str, countries: CountryResolver) -> list[Mention]:
    """Country names in `text` with their spans: greedy longest match over up to six words.

    Words are split at spaces, commas, semicolons, slashes, parentheses and hyphens
    ("U.S.-Cuba", "FCC(UK, AUS"). A name must start with a capital letter ("CAN" is Canada,
    "can" is not); a possessive "'s" and a closing full stop are left out of the span. Place
    names (cities) are not countries here.
    """
    tokens = list(_TOKEN.finditer(text))
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + 6), i, -1):
            start, end = tokens[i].start(), tokens[j - 1].end()
            possessive = _POSSESSIVE.search(text[start:end])
            if possessive:
                end -= len(possessive.group(0))
            if text[start:end].endswith(".") and "." not in text[start : end - 1]:
                end -= 1  # a full stop, not an abbreviation's ("U.S." keeps its dots)
            phrase = text[start:end]
            code = phrase[:1].isupper() and countries.resolve(
                " ".join(t.group(0) for t in tokens[i:j]).removesuffix(
                    possessive.group(0) if possessive else ""
                )
            )
            if code:
                found.append(Mention(start, end, phrase, "country", iso3=code))
                i = j
                break
        else:
            i += 1
    return found


def _lists(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped into lists: neighbours joined only by commas, slashes, hyphens, "and"."""
    out: list[list[Mention]] = []
    for m in mentions:
        if out and _LIST_GLUE.match(text[out[-1][-1].end : m.start]):
            out[-1].append(m)
        else:
            out.append([m])
    return out


def names_its_parts(text: str, m: Mention, ref: PartnerReference) -> bool:
    """True when the parenthesis right after an organisation names other known organisations:
    its parts, which take part in its place ("DHS (ICE and USCIS)" is ICE; USCIS is the
    reporter). A parenthesis giving the body's own acronym or names no one does not count."""
    inner = _PARENTHESIS_AFTER.match(text[m.end :])
    return bool(inner) and any(
        o.name != m.organisation for o in ref.organisations.mentions(inner.group(1))
    )


def _is_subject(text: str, m: Mention) -> bool:
    return bool(_SUBJECT_AFTER.match(text[m.end :]) or _POSSESSIVE_AFTER.match(text[m.end :]))


def _sentence_before(text: str, start: int) -> str:
    ends = list(re.finditer(r"[.!?]\s+(?=[A-Z])", text[:start]))
    return text[ends[-1].end() if ends else 0 : start]


def _notes_for(description: str, m: Mention, in_name: bool) -> list[str]:
    if in_name:
        return []
    notes = []
    if _sentence_before(description, m.start).lower().startswith("in the past"):
        notes.append(NOTE_PAST)
    if re.search(r"\be\.g\.", _sentence_before(description, m.start), re.I):
        notes.append(NOTE_EXAMPLE)
    return notes


def _countries_taking_part(text: str, countries: list[Mention], in_name: bool) -> list[Mention]:
    """The country mentions that name participants.

    In the engagement's name a country takes part when it is paired with the US ("U.S.-Cuba",
    "US/Canada/Mexico") or listed after "with"; otherwise it is the topic ("Syria Core Group").
    In the description a list after "in", "to", "at" or "border with" is a venue or subject,
    and a possessive or a name followed by a subject word ("Cuban migration") is a subject.
    """
    keep: list[Mention] = []
    for items in _lists(text, countries):
        before = text[: items[0].start]
        if in_name:
            if any(m.iso3 in SELF for m in items) or re.search(r"\bwith\s+$", before, re.I):
                keep.extend(items)
            continue
        if _VENUE_OR_SUBJECT_BEFORE.search(before):
            continue
        keep.extend(m for m in items if not _is_subject(text, m))
    return keep


def _mentions_in(
    text: str, countries: CountryResolver, ref: PartnerReference, in_name: bool
) -> list[tuple[Mention, list[str]]]:
    """(mention, notes) for every partner named in one field, in order of appearance."""
    text = _COMPARISON.sub(lambda m: " " * len(m.group(0)), text)
    orgs = organisation_mentions(text, ref)
    groups = group_mentions(_hide(text, orgs), ref)
    places = country_mentions(_hide(text, orgs + groups), countries)
    hidden = _hide(text, orgs + groups)
    kept = [
        m
        for m in orgs + groups
        if in_name
        or not (
            _SUBJECT_AFTER.match(text[m.end :])
            or _QUALIFIER_AFTER.match(text[m.end :])
            or names_its_parts(text, m, ref)
        )
    ]
    kept += _countries_taking_part(hidden, places, in_name)
    kept = [m for m in kept if m.iso3 not in SELF or m.organisation]
    return [(m, _notes_for(text, m, in_name)) for m in sorted(kept, key=lambda m: m.start)]


def named_partners(
    name: str, description: str, countries: CountryResolver, ref: PartnerReference
) -> list[dict]:
    """Partner rows (kind, iso3, organisation, partner_text, notes) one engagement names,
    one per participant, before the row-level rules of finish_partners.

    partner_text is the first mention (the name, then the description); notes from every
    mention are kept.
    """
    mentions = _mentions_in(name, countries, ref, True) + _mentions_in(
        description, countries, ref, False
    )
    rows: dict[tuple[str, str], dict] = {}
    for m, notes in mentions:
        row = rows.setdefault(
            m.key,
            {
                "kind": m.kind,
                "iso3": m.iso3,
                "organisation": m.organisation,
                "partner_text": m.text,
                "notes": [],
            },
        )
        row["notes"] += [n for n in notes if n not in row["notes"]]
    return list(rows.values())


def inherits_partners(description: str) -> bool:
    """True when the description says the row is "similar in nature as above"."""
    return bool(INHERIT.search(description))


def partners_from_line_above(finished: list[dict], line: int) -> list[dict]:
    """The row above's finished partner rows as rows to finish again, each noting where it
    comes from; its `unknown` row is not passed on."""
    note = f"from line {line}: this row is 'similar in nature as above'"
    return [
        {
            **{k: r[k] for k in ("kind", "iso3", "organisation", "partner_text")},
            "notes": [note] + [n for n in r["note"].split("; ") if n],
        }
        for r in finished
        if r["kind"] != "unknown"
    ]


def finish_partners(rows: list[dict], description: str, ref: PartnerReference) -> list[dict]:
    """Final partner rows (kind, iso3, organisation, partner_text, note) from rows with a
    `notes` list: a group that `given_by_countries` is dropped when countries take part, a
    country is dropped when one of its agencies takes part, every row of a description cut
    off mid-sentence says so, and an `unknown` row stands in when nobody is left."""
    given_by_countries = ref.given_by_countries
    has_countries = any(r["kind"] == "country" for r in rows)
    agency_countries = {r["iso3"] for r in rows if r["kind"] != "country" and r["iso3"]}
    rows = [
        r
        for r in rows
        if not (r["kind"] == "group" and r["organisation"] in given_by_countries and has_countries)
        and not (r["kind"] == "country" and r["iso3"] in agency_countries)
    ]
    if not rows:
        return [
            {
                "kind": "unknown",
                "iso3": "",
                "organisation": "unknown",
                "partner_text": "",
                "note": NOTE_UNKNOWN,
            }
        ]
    cut = bool(description) and not _SENTENCE_END.search(description)
    out = []
    for r in rows:
        notes = (
            ([NOTE_GROUP] if r["kind"] == "group" else [])
            + r["notes"]
            + ([NOTE_CUT] if cut else [])
        )
        notes = list(dict.fromkeys(notes))
        out.append(
            {
                "kind": r["kind"],
                "iso3": r["iso3"],
                "organisation": r["organisation"],
                "partner_text": r["partner_text"],
                "note": "; ".join(notes),
            }
        )
    return out
