"""Bali Process report quirks: the scraped title list, flattened columns, headings that
stand inside an item's text, rule-based status with its evidence."""

from __future__ import annotations

from loaders.bali_report import load_bali_report, status_category
from loaders.rejects import RejectLog

ITEMS = " ".join(f"{s}.{i} Action {s}.{i} text." for s, n in
                 [(1, 6), (2, 6), (3, 6), (4, 2), (5, 3)] for i in range(1, n + 1))
REPORT = ("Similar titles\nAnnual report 2016\n1.1 Not an action\nTranscription:\n"
          "Law enforcement cooperation and capacity building " + ITEMS +
          " 5.4 Quick reference guides on interviewing 6. Member Engagement and Outreach "
          "The guide was delivered in 2017. 6.1 Ask Bali Process members to act. "
          "Bali Process members The meeting was held in May. 6.2 b. 6.3 c. 6.4 d. 6.5 e.")


def test_titles_before_the_transcription_are_skipped_and_29_actions_found():
    rejects = RejectLog()
    items = load_bali_report(REPORT, rejects).items
    assert len(items) == 29 and len(rejects) == 0
    assert items[0]["action"] == "Action 1.1 text"
    assert items[0]["source_line"] == 4


def test_a_heading_inside_an_item_ends_its_action():
    item = {i["item"]: i for i in load_bali_report(REPORT, RejectLog()).items}["5.4"]
    assert item["action"] == "Quick reference guides on interviewing"
    assert item["status"] == "The guide was delivered in 2017."
    assert item["section"] == "Protection and asylum management"
    assert (item["status_category"], item["status_evidence"]) == ("completed", "was delivered")


def test_who_stands_between_action_and_status():
    item = {i["item"]: i for i in load_bali_report(REPORT, RejectLog()).items}["6.1"]
    assert item["who"] == "Bali Process members"
    assert item["status"] == "The meeting was held in May."


def test_status_without_a_matching_rule_is_unknown_not_guessed():
    assert status_category("Dialogue with partners.") == ("unknown", "")
    assert status_category("The group has not convened since 2015")[0] == "dormant"
