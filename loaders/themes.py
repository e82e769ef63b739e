"""Theme tags by keyword rules (data/reference/theme_rules.csv), each with its evidence.

Rules run on the entity's own text only (see entity_texts), after hyphens, dashes and slashes
become spaces and typographic apostrophes plain ones, so a rule written "information sharing"
also finds "information-sharing" and "immigration/integration". Plurals and word order are
written into the rules themselves ("border managements?", "rights of migrants" and "migrants'
rights").
"""

from __future__ import annotations

import re

import pandas as pd

# One character for one, so a match's offsets point into the text as written.
_MATCHABLE = str.maketrans(
    {c: " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2015/"}
    | {c: "'" for c in "\u2018\u2019\u02bc`"}
)
# A paragraph that quotes the goals of a wider body the mechanism belongs to ("Part of the
# EU-African joint partnership, which has broader goals like: … 5. Climate Change …", the
# Tripoli Process) speaks of that body's agenda, not the mechanism's.
_OTHER_BODY_GOALS = re.compile(r"^part of\b.*\b(broader|wider) (goals|aims|objectives)\b", re.I)


def matchable(text: str) -> str:
    """text with hyphens, dashes and slashes as spaces and apostrophes plain; same length."""
    return text.translate(_MATCHABLE)


def own_paragraphs(cell: str) -> str:
    """A multi-paragraph cell without the paragraphs that quote another body's goals."""
    return "\n".join(p for p in cell.split("\n") if not _OTHER_BODY_GOALS.search(p.strip()))


def entity_texts(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, str]]:
    """entity_type -> entity_id -> the entity's own text that the theme rules read.

    A mechanism: its name, description, areas and priorities (not membership, secretariat,
    past meetings or agreements; not paragraphs quoting a wider body's goals). A meeting: its
    title (not its mechanism's name). An engagement: its name and description. A Bali action:
    the action as written, not the status column, whose text the flattened source report can
    attach to the wrong action.
    """
    p = tables["processes"]
    m = tables["meetings"]
    e = tables["engagements"]
    a = tables["action_items"]
    process_text = (
        p.name + "\n" + (p.description + "\n" + p.areas + "\n" + p.priorities).map(own_paragraphs)
    )
    return {
        "process": dict(zip(p.process_id, process_text)),
        "meeting": dict(zip(m.meeting_id, m.title)),
        "engagement": dict(zip(e.engagement_id, e.name + "\n" + e.description)),
        "action_item": dict(zip(a.item, a.action)),
    }


def theme_links(entity_type: str, texts: dict[str, str], rules: pd.DataFrame) -> list[dict]:
    """One link per (entity, theme) whose rule matches the entity's text.

    texts maps entity_id -> the text to search; rules (columns theme_id, pattern) are
    case-insensitive regular expressions applied to matchable(text). matched is the text as
    written at the match; evidence is it with up to 40 characters of context on either side,
    so every tag can be explained. The first matching rule of a theme (in file order) wins.
    """
    compiled = [(tid, re.compile(p, re.I)) for tid, p in zip(rules.theme_id, rules.pattern)]
    links = []
    for entity_id, text in texts.items():
        searchable = matchable(text)
        seen = set()
        for theme_id, pattern in compiled:
            if theme_id in seen:
                continue
            m = pattern.search(searchable)
            if m:
                seen.add(theme_id)
                start, end = max(0, m.start() - 40), min(len(text), m.end() + 40)
                snippet = " ".join(text[start:end].split())
                links.append(
                    {
                        "entity_type": entity_type,
                        "entity_id": entity_id,
                        "theme_id": theme_id,
                        "matched": text[m.start() : m.end()],
                        "evidence": ("…" if start else "")
                        + snippet
                        + ("…" if end < len(text) else ""),
                    }
                )
    return links
