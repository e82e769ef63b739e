"""Draw the entity–theme pairs to label for tests/loaders/truth/theme_pairs.csv (run by hand).

The measurement of the theme rules needs pairs labelled by reading, drawn before the rules are
tuned. A uniform draw over all (entity, theme) pairs (151 entities x 16 themes) would hold few
positives, so the draw is stratified:

1. Population: every (entity_type, entity_id, theme_id) over the four entity types of
   `data/processed/` (process, meeting, engagement, action_item) and the 16 themes of
   `data/reference/themes.csv`.
2. Each pair is a `candidate` when the entity's text holds a word of the theme's own label or
   description (the words of themes.csv, minus STOPWORDS; a word matches on its stem STEM_LEN
   letters long at the start of a word, after hyphens and apostrophes become spaces), else
   `other`. This uses no rule of theme_rules.csv, so it does not favour what the rules find.
   The text is the entity's own text as the source writes it: a mechanism's name,
   description, areas and priorities; a meeting's title; an engagement's name and
   description; a Bali action's Action cell (not the status column).
3. Per entity type, DRAWS[seed][type] = (candidates, others) pairs are drawn without
   replacement with random.Random(seed).sample from each stratum's pairs in sorted order,
   leaving out pairs already in the --exclude file.

Two draws were made. Seed 20171108 (148 pairs) before any rule was tuned: the rules were then
tuned with its errors in view, so its figures after tuning flatter them. Seed 20171109 (88
pairs, excluding the first draw's) after tuning, labelled before its rule output was looked
at: a held-out check. Labels are added by hand (columns label, reason) by reading the
entity's text. The `other` stratum measures what the rules miss beyond the themes' own words.

Usage: python tools/sample_theme_pairs.py SEED [--exclude TRUTH_CSV] > pairs.csv  (then label)
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
THEMES = ROOT / "data" / "reference" / "themes.csv"

DRAWS = {
    20171108: {
        "process": (36, 12),
        "meeting": (20, 12),
        "engagement": (24, 12),
        "action_item": (20, 12),
    },
    20171109: {
        "process": (20, 8),
        "meeting": (12, 8),
        "engagement": (12, 8),
        "action_item": (12, 8),
    },
}
STEM_LEN = 6
# Words of the theme descriptions that name no theme of their own.
STOPWORDS = {
    "a",
    "and",
    "at",
    "behind",
    "beings",
    "change",
    "countries",
    "for",
    "human",
    "in",
    "international",
    "it",
    "its",
    "management",
    "migrant",
    "migrants",
    "migration",
    "networks",
    "of",
    "on",
    "persons",
    "societies",
    "systems",
    "the",
    "their",
    "third",
    "to",
}


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file as dicts of text."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def normalised(text: str) -> str:
    """Lower case, hyphens, slashes and apostrophes as spaces."""
    return re.sub(r"[-‐‑–—/'’]", " ", text.lower())


def stem(word: str) -> str:
    """The first STEM_LEN letters of a word; a short word loses a final s only."""
    if len(word) > STEM_LEN:
        return word[:STEM_LEN]
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def theme_stems(theme: dict[str, str]) -> set[str]:
    """Stems of the content words of a theme's label and description."""
    words = re.findall(r"[a-z]+", normalised(theme["label"] + " " + theme["description"]))
    return {stem(w) for w in words if w not in STOPWORDS}


def entity_texts() -> dict[str, dict[str, str]]:
    """entity_type -> entity_id -> the entity's own text (see the module docstring)."""
    p = read_rows(PROCESSED / "processes.csv")
    m = read_rows(PROCESSED / "meetings.csv")
    e = read_rows(PROCESSED / "engagements.csv")
    a = read_rows(PROCESSED / "action_items.csv")
    return {
        "process": {
            r["process_id"]: "\n".join([r["name"], r["description"], r["areas"], r["priorities"]])
            for r in p
        },
        "meeting": {r["meeting_id"]: r["title"] for r in m},
        "engagement": {r["engagement_id"]: r["name"] + "\n" + r["description"] for r in e},
        "action_item": {r["item"]: r["action"] for r in a},
    }


def strata(
    texts: dict[str, dict[str, str]], themes: list[dict[str, str]]
) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(entity_type, stratum) -> sorted pairs (entity_type, entity_id, theme_id)."""
    stems = {t["theme_id"]: theme_stems(t) for t in themes}
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for entity_type, by_id in texts.items():
        for entity_id, text in by_id.items():
            norm = normalised(text)
            for theme_id, theme_words in stems.items():
                hit = any(re.search(r"\b" + re.escape(s), norm) for s in theme_words)
                key = (entity_type, "candidate" if hit else "other")
                out.setdefault(key, []).append((entity_type, entity_id, theme_id))
    return {k: sorted(v) for k, v in out.items()}


def draw(
    groups: dict[tuple[str, str], list[tuple[str, str, str]]],
    seed: int,
    exclude: set[tuple[str, str, str]],
) -> list[list[str]]:
    """The seeded stratified sample: rows seed, entity_type, entity_id, theme_id, stratum."""
    rng = random.Random(seed)
    rows = []
    for entity_type, (n_candidates, n_others) in DRAWS[seed].items():
        for stratum, n in (("candidate", n_candidates), ("other", n_others)):
            pool = [p for p in groups[(entity_type, stratum)] if p not in exclude]
            rows.extend([str(seed), *pair, stratum] for pair in rng.sample(pool, n))
    return rows


def main(argv: list[str]) -> None:
    seed = int(argv[0])
    exclude = set()
    if argv[1:2] == ["--exclude"]:
        exclude = {
            (r["entity_type"], r["entity_id"], r["theme_id"]) for r in read_rows(Path(argv[2]))
        }
    groups = strata(entity_texts(), read_rows(THEMES))
    for (entity_type, stratum), pairs in sorted(groups.items()):
        print(f"{entity_type:12} {stratum:9} {len(pairs):5} pairs", file=sys.stderr)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["seed", "entity_type", "entity_id", "theme_id", "stratum"])
    writer.writerows(draw(groups, seed, exclude))


if __name__ == "__main__":
    main(sys.argv[1:])
