"""Theme tags by keyword rules (data/reference/theme_rules.csv), each with its evidence."""

from __future__ import annotations

import re

import pandas as pd


def theme_links(entity_type: str, texts: dict[str, str], rules: pd.DataFrame) -> list[dict]:
    """One link per (entity, theme) whose rule matches the entity's text.

    texts maps entity_id -> the text to search; evidence is the matched phrase with up to
    40 characters of context on either side, so every tag can be explained.
    """
    compiled = [(tid, re.compile(p, re.I)) for tid, p in zip(rules.theme_id, rules.pattern)]
    links = []
    for entity_id, text in texts.items():
        seen = set()
        for theme_id, pattern in compiled:
            if theme_id in seen:
                continue
            m = pattern.search(text)
            if m:
                seen.add(theme_id)
                start, end = max(0, m.start() - 40), min(len(text), m.end() + 40)
                snippet = " ".join(text[start:end].split())
                links.append({"entity_type": entity_type, "entity_id": entity_id,
                              "theme_id": theme_id, "matched": m.group(0),
                              "evidence": ("…" if start else "") + snippet +
                              ("…" if end < len(text) else "")})
    return links
