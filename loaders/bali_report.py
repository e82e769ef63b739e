"""Bali Process Ad Hoc Group progress report (October 2017) -> action_items.

Load inputs: a scraped page. Everything before the line "Transcription:" is a list of
unrelated document titles and is skipped; the transcription is a table (Action/Recommendation,
Who, Status/Details) flattened into running text, so the three columns are interleaved.
Process: find the numbered actions 1.1 … 6.5 in order and the six headings; the action text is
read from its number to the first full stop or the next number; the status text is what
follows up to the next number. Because the flattening mixes columns, "who" is filled only where
a known actor list stands right after the action, and status_category is a rule-based reading
of the status text with its evidence phrase kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.rejects import RejectLog
from loaders.text import clean_spaces, join_ordinals

SOURCE = "bali_ahg_progress_2017.txt"
_HEADINGS = {
    "1": r"Law enforcement cooperation and capacity building",
    "2": r"Information and intelligence sharing",
    "3": r"Border Management",
    "4": r"Cooperation on returns and reintegration",
    "5": r"Protection and asylum management",
    "6": r"Member Engagement and Outreach",
}
# Rules in order: the first whose phrase occurs in the status text gives the category.
STATUS_RULES = [
    ("completed", r"\b(was (held|delivered|finalised|endorsed|launched)|were endorsed|"
                  r"has been (completed|translated|developed)|was finalised|endorsed in)\b"),
    ("dormant", r"\b(not convened since|remain dormant|stagnated|has not yet been completed)\b"),
    ("planned", r"\b(is underway|planning for|will be|is scheduled|tentatively planned|"
                r"to be delivered|planned)\b"),
    ("ongoing", r"\b(ongoing|continues|continue to|is currently|are engaging|is developing|"
                r"has begun)\b"),
]
_WHO = re.compile(r"^((?:(?:TIPs? (?:Working Group|WG)|AHG members|Bali Process members|"
                  r"UNODC(?: & members as coordination point)?|Bangladesh|Australia|IOM|TEWG|"
                  r"Affected/interested Bali Process members(?:, led by Co-Chairs)?|UNHCR|"
                  r"\(NZ funded\)|\(Canada funded\)|CIFAL- Jeju \(South Korea\))[ ,&/]*)+)")


_ACTOR_START = re.compile(r"\s(TIPs? Working Group|TIPs? WG|AHG members|Bali Process members|"
                          r"Affected/interested|UNODC &|Australia &)")


@dataclass
class ActionTables:
    """Rows for action_items.csv."""

    items: list[dict] = field(default_factory=list)


def transcription(text: str) -> tuple[int, str]:
    """(line number where the transcription starts, its text); the scraped title list dropped."""
    marker = text.find("Transcription:")
    if marker < 0:
        return 1, text
    line = text[:marker].count("\n") + 1
    body = text[marker + len("Transcription:"):]
    body = body.split("\nSimilar documents", 1)[0]
    return line, body


def _actor_in_sentence(rest: str) -> bool:
    """True when an actor name belongs to the action's own sentence ("to assist Bali Process
    members share information"): one actor, and the sentence goes on in lower case."""
    who = _WHO.match(rest)
    if who is None:
        return False
    names = who.group(1)
    after = rest[who.end():]
    return (after[:1].islower() and len(_ACTOR_START.findall(" " + names)) == 1
            and not re.search(r"[,&(]", names))


def status_category(status: str) -> tuple[str, str]:
    """(category, evidence phrase) by the first matching rule; ("unknown", "") otherwise."""
    for category, pattern in STATUS_RULES:
        m = re.search(pattern, status, re.I)
        if m:
            return category, m.group(0)
    return "unknown", ""


def load_bali_report(text: str, rejects: RejectLog) -> ActionTables:
    """Read the progress report's numbered actions into ActionTables."""
    out = ActionTables()
    start_line, body = transcription(text)
    flat = join_ordinals(clean_spaces(body))
    matches = []
    items_per_heading = [("1", 6), ("2", 6), ("3", 6), ("4", 2), ("5", 4), ("6", 5)]
    wanted = [f"{s}.{i}" for s, n in items_per_heading for i in range(1, n + 1)]
    position = 0
    for item in wanted:
        m = re.compile(r"(?<![\d.])" + re.escape(item) + r"\s+(?=[A-Za-z])").search(flat, position)
        if not m:
            rejects.add(SOURCE, start_line, "item", item, "numbered action not found in order")
            continue
        matches.append((item, m))
        position = m.end()
    for k, (item, m) in enumerate(matches):
        nxt = matches[k + 1][1].start() if k + 1 < len(matches) else len(flat)
        segment = flat[m.end():nxt]
        for number, heading in _HEADINGS.items():
            # The next heading ends the segment, or (flattened) stands inside it: "… needs
            # 6. Member Engagement and Outreach The, through the secondment …".
            segment = re.sub(r"(\b[4-6]\.\s+)?" + re.escape(heading) + r"\s*$", "", segment)
            segment = re.sub(r"\s" + number + r"\.\s+" + re.escape(heading) + r"\b", ". ",
                             segment)
        stop = re.search(r"\.\s|\s\d\)\s", segment)
        action = segment[: stop.start() + 1 if stop else len(segment)].strip()
        actor = _ACTOR_START.search(action)
        if actor and not _actor_in_sentence(action[actor.start():].strip()):
            # The Who column's actors ran on straight after the action.
            action = action[: actor.start()].strip()
        status = segment[len(action):].strip()
        who_match = _WHO.match(status)
        who = who_match.group(1).strip(" ,") if who_match else ""
        if who:
            status = status[who_match.end():].strip()
        category, evidence = status_category(status)
        section_no = item.split(".")[0]
        out.items.append({
            "item": item,
            "section_no": int(section_no),
            "section": _HEADINGS[section_no],
            "action": action.rstrip("."),
            "who": who,
            "status": status,
            "status_category": category,
            "status_evidence": evidence,
            "source_line": start_line,
        })
    return out
