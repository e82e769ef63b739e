"""Bali Process report: the build against the hand-read truth file, and each quirk of the
flattened table on a small made-up example."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders.bali_report import (
    TABLE_HEADER,
    Actor,
    CellStart,
    StatusFocus,
    load_bali_report,
    name_gaps,
    report_title,
    split_footnote,
    split_who_tail,
    status_category,
    who_cells,
)
from loaders.rejects import RejectLog
from loaders.text import clean_spaces

TRUTH = Path(__file__).parent / "truth" / "bali_actions.csv"

ACTORS = [
    Actor("UNODC", "UNODC", ("UNODC",), True),
    Actor("Australia", "Australia", ("Australia",), True),
    Actor("IOM", "IOM", ("IOM",), True),
    Actor("TIPs WG", "TIPs WG", ("TIPs WG", "Trafficking in Persons Working Group"), True),
    Actor("(NZ funded)", "New Zealand", ("NZ", "New Zealand"), True),
    Actor("(Canada funded)", "Canada", ("Canada",), True),
    Actor("TEWG", "TEWG", ("TEWG",), True),
    Actor("CIFAL", "CIFAL", ("CIFAL",), True),
    Actor("KOICA", "KOICA", ("KOICA",), True),
    Actor("Bali Process members", "Bali Process members", (), False),
    Actor("Affected/interested Bali Process members", "Bali Process members", (), False),
    Actor("UNHCR", "UNHCR", ("UNHCR",), True),
]

# Two made-up pages laid out as the scrape lays out the real report: on each page the Action
# cells of the rows that start there, then their Who cells, then their Status cells. Row 1.3's
# status is cut by the page end and goes on in the Status column of page 2. Page 1 has two Who
# cells for three rows: "UNODC" is named in 1.2's status only, "Australia, IOM" in 1.3's only.
LAYOUT = (
    "Transcription:\n"
    "\n"
    "Law enforcement cooperation and capacity building 1.1 Train border officers. "
    "1.2 Share data among members 1.3 Hold a regional forum UNODC Australia, IOM "
    "The training course ran from May to June 2017. UNODC is building the data portal. "
    "The forum was held in Bangkok with Australia and IOM, and the next one\n"
    "\n"
    "1.4 Review progress TIPs WG will be held in 2018. The review was held in March 2017.\n"
)
LAYOUT_CELLS = [
    CellStart("1.1", "status", "The training course", "training course"),
    CellStart("1.2", "status", "UNODC is building", "data portal"),
    CellStart("1.3", "status", "The forum was held", "forum"),
    CellStart("1.3", "status", "will be held in 2018."),
    CellStart("1.4", "status", "The review was held", "review"),
]


@pytest.fixture(scope="module")
def layout() -> dict[str, dict]:
    rejects = RejectLog()
    items = load_bali_report(LAYOUT, rejects, LAYOUT_CELLS, ACTORS).items
    assert len(rejects) == 0, rejects.items
    return {i["item"]: i for i in items}


def test_page_one_aligns_actions_who_and_status_cells_by_column(layout):
    assert [layout[i]["action"] for i in ("1.1", "1.2", "1.3")] == [
        "Train border officers",
        "Share data among members",
        "Hold a regional forum",
    ]
    assert [layout[i]["status"] for i in ("1.1", "1.2")] == [
        "The training course ran from May to June 2017.",
        "UNODC is building the data portal.",
    ]
    assert [layout[i]["who"] for i in ("1.1", "1.2", "1.3")] == ["", "UNODC", "Australia, IOM"]
    assert "no Who cell left" in layout["1.1"]["who_note"]
    assert all(layout[i]["source_line"] == 3 for i in ("1.1", "1.2", "1.3"))


def test_a_status_cut_by_the_page_end_goes_on_in_the_next_pages_status_column(layout):
    assert layout["1.3"]["status"] == (
        "The forum was held in Bangkok with Australia and IOM, "
        "and the next one will be held in 2018."
    )
    assert layout["1.3"]["source_lines"] == "3 5"
    assert (layout["1.4"]["action"], layout["1.4"]["who"], layout["1.4"]["status"]) == (
        "Review progress",
        "TIPs WG",
        "The review was held in March 2017.",
    )
    assert (layout["1.4"]["source_line"], layout["1.4"]["source_lines"]) == (5, "5")


def test_status_category_is_read_from_the_rows_own_status(layout):
    assert (layout["1.1"]["status_category"], layout["1.1"]["status_evidence"]) == (
        "completed",
        "The training course ran from May to June 2017",
    )
    assert layout["1.2"]["status_category"] == "unknown"  # no phrase says; not guessed
    assert layout["1.3"]["status_category"] == "ongoing"  # held, and the next one set


def test_an_action_continued_at_the_top_of_the_next_page():
    report = (
        "Transcription:\n\nLaw enforcement cooperation and capacity building "
        "1.1 Return those not in need of international IOM The project was held in May.\n\n"
        "protection. Consider expanding it. 1.2 Next step TIPs WG Planning for it is "
        "underway.\n"
    )
    cells = [
        CellStart("1.1", "status", "The project was held"),
        CellStart("1.1", "action", "protection. Consider"),
        CellStart("1.2", "status", "Planning for it"),
    ]
    rejects = RejectLog()
    items = {i["item"]: i for i in load_bali_report(report, rejects, cells, ACTORS).items}
    assert len(rejects) == 0
    assert items["1.1"]["action"] == (
        "Return those not in need of international protection. Consider expanding it"
    )
    assert items["1.1"]["who"] == "IOM" and items["1.1"]["source_lines"] == "3 5"
    assert (items["1.2"]["status_category"], items["1.2"]["status_evidence"]) == (
        "planned",
        "Planning for it is underway",
    )


@pytest.mark.parametrize("head", ["title", "header", "title header"])
def test_page_furniture_repeated_at_a_page_break_is_not_a_page(head):
    # A re-scrape that prints the running title and the column header at each page break, on
    # lines of their own or glued to the head of the page's text.
    title = "Progress Report: October 2017"
    glued = head.replace("title", title).replace("header", TABLE_HEADER)
    page_one, page_two = LAYOUT.split("\n\n")[1:3]
    report = (
        f"{title}\n\nTranscription:\n\n{title}\n{TABLE_HEADER}\n{page_one}\n\n"
        f"{title} {TABLE_HEADER}\n\n{glued} {page_two}"
    )
    rejects = RejectLog()
    items = load_bali_report(report, rejects, LAYOUT_CELLS, ACTORS).items
    assert len(rejects) == 0, rejects.items
    plain = load_bali_report(LAYOUT, RejectLog(), LAYOUT_CELLS, ACTORS).items
    lines = ("source_line", "source_lines", "who_note")
    assert [{k: v for k, v in row.items() if k not in lines} for row in items] == [
        {k: v for k, v in row.items() if k not in lines} for row in plain
    ]
    # The pages are lines 7 and 11 of the report (3 and 5 of LAYOUT).
    assert [(i["source_line"], i["source_lines"]) for i in items] == [
        (7, "7"),
        (7, "7"),
        (7, "7 11"),
        (11, "11"),
    ]
    assert [i["who_note"] for i in items] == [
        i["who_note"].replace("line 3", "line 7") for i in plain
    ]


def test_the_title_is_the_first_line_with_text_spaces_collapsed():
    assert report_title("\n\u00a0\nProgress\u00a0Report:\u00a0October 2017 \t\nx") == (
        3,
        "Progress Report: October 2017",
    )
    assert report_title("\n \n") == (1, "")


def test_an_action_whose_number_is_lost_lands_in_the_rejects_at_its_line():
    # Page 2's "1.4" misread: its action text and its status (opening from the reference
    # table) are rejects on line 5; row 1.3's status still goes on there.
    report = LAYOUT.replace("1.4 Review", "1.A Review")
    rejects = RejectLog()
    items = load_bali_report(report, rejects, LAYOUT_CELLS, ACTORS).items
    assert [i["item"] for i in items] == ["1.1", "1.2", "1.3"]
    assert items[2]["status"].endswith("and the next one will be held in 2018.")
    assert [(r.source, r.line, r.text) for r in rejects.items] == [
        ("bali_ahg_progress_2017.txt", 5, "The review was held in March 2017."),
        ("bali_ahg_progress_2017.txt", 5, "1.A Review progress TIPs WG"),
    ]
    assert "action 1.4's status cell" in rejects.items[0].reason


def test_a_name_after_among_stays_in_the_action():
    assert split_who_tail(
        "Explore arrangements among Bali Process members (NZ funded) TEWG, IOM", ACTORS
    ) == ("Explore arrangements among Bali Process members", "(NZ funded) TEWG, IOM")
    assert split_who_tail("Develop the curriculum.", ACTORS) == ("Develop the curriculum.", "")


def test_who_cells_split_at_plain_spaces_only():
    assert who_cells("(NZ funded) (Canada funded) TEWG, IOM", ACTORS) == [
        "(NZ funded)",
        "(Canada funded)",
        "TEWG, IOM",
    ]
    assert who_cells("/ CIFAL / KOICA /IOM", ACTORS) == ["/ CIFAL / KOICA /IOM"]
    assert who_cells("Affected/interested Bali Process members,, IOM, UNHCR", ACTORS) == [
        "Affected/interested Bali Process members,, IOM, UNHCR"
    ]


def test_who_text_no_row_names_is_not_given_to_a_neighbour():
    report = (
        "Transcription:\n\nLaw enforcement cooperation and capacity building "
        "1.1 Plan ahead 1.2 Support members Affected/interested Bali Process members,, IOM, "
        "UNHCR The taskforce was held in May. The continues to provide support.\n"
    )
    cells = [
        CellStart("1.1", "status", "The taskforce"),
        CellStart("1.2", "status", "The continues"),
    ]
    items = load_bali_report(report, RejectLog(), cells, ACTORS).items
    assert [i["who"] for i in items] == ["", ""]
    for item in items:
        assert (
            "'Affected/interested Bali Process members,, IOM, UNHCR' (it has lost a name)"
            in item["who_note"]
        )
    assert "The continues to provide support" in items[1]["who_note"]


def test_dropped_names_are_quoted_not_filled_in():
    assert name_gaps("In May 2016 it met. The is currently developing a framework now.") == [
        "The is currently developing a"
    ]
    assert name_gaps("It ran in a range of locations, supported by the. The guides") == [
        "locations, supported by the."
    ]
    assert name_gaps("The, through the secondment of an official, wrote it.") == [
        "The, through the secondment of"
    ]
    assert name_gaps("The guide was developed with the Pacific community.") == []


def test_status_rules():
    assert status_category(
        "This forum has not convened since October 2014. It will remain dormant."
    ) == ("dormant", "This forum has not convened since October 2014")
    assert status_category("Planning for the inaugural meeting of the RRG is underway.") == (
        "planned",
        "Planning for the inaugural meeting of the RRG is underway",
    )
    assert status_category("The brief has not yet been completed.") == (
        "ongoing",
        "The brief has not yet been completed",
    )
    assert status_category(
        "The first meeting was held in May. The group will meet again in 2018."
    ) == ("ongoing", "The first meeting was held in May … The group will meet again in 2018")
    assert status_category("Since 1 July 2012, the project has facilitated 900 returns.") == (
        "ongoing",
        "Since 1 July 2012, the project has facilitated 900 returns",
    )
    assert status_category("4) The website is under development, due late 2017.") == (
        "ongoing",
        "The website is under development",
    )
    assert status_category(
        "The guide has been translated into Khmer, with further translations "
        "expected. It will continue to be printed."
    ) == ("ongoing", "with further translations expected")
    assert status_category("Dialogue with partners.") == ("unknown", "")
    assert status_category("") == ("unknown", "")


# One made-up page in the report's layout: the status of 1.1 says what happened to the
# forum (its object) and to other things; 1.2's status describes the network it is to revive.
FOCUS_REPORT = (
    "Transcription:\n\nLaw enforcement cooperation and capacity building "
    "1.1 Establish a regional forum 1.2 Reinvigoration of the liaison network UNODC IOM "
    "The forum was convened for the first time on 13 October 2017. Its rules will be subject "
    "to ongoing evaluation. Network meetings have stagnated. IOM will be working towards "
    "reinvigorating the network once the framework is established.\n"
)
FOCUS_CELLS = [
    CellStart("1.1", "status", "The forum was convened", "forum"),
    CellStart("1.2", "status", "Network meetings", "network"),
]
FOCUS = [
    StatusFocus(
        "1.1",
        "Establish a regional forum",
        "The forum was convened for the first time on 13 October 2017",
    ),
    StatusFocus(
        "1.2",
        "Reinvigoration of the liaison network",
        "IOM will be working towards reinvigorating the network",
    ),
]


def _focus_items(focus: list[StatusFocus], rejects: RejectLog) -> dict[str, dict]:
    items = load_bali_report(FOCUS_REPORT, rejects, FOCUS_CELLS, ACTORS, focus).items
    return {i["item"]: i for i in items}


def test_without_a_focus_clause_the_whole_status_decides():
    items = _focus_items([], RejectLog())
    assert (items["1.1"]["status_category"], items["1.2"]["status_category"]) == (
        "ongoing",
        "dormant",
    )


def test_a_focus_clause_reads_the_category_from_what_happened_to_the_actions_own_object():
    rejects = RejectLog()
    items = _focus_items(FOCUS, rejects)
    assert len(rejects) == 0
    assert (items["1.1"]["status_category"], items["1.1"]["status_evidence"]) == (
        "completed",
        "The forum was convened for the first time on 13 October 2017",
    )
    assert (items["1.2"]["status_category"], items["1.2"]["status_evidence"]) == (
        "planned",
        "IOM will be working towards reinvigorating the network",
    )
    assert items["1.1"]["status"].endswith("subject to ongoing evaluation.")  # text kept whole


def test_a_focus_clause_the_text_does_not_bear_out_is_a_reject_and_not_used():
    rejects = RejectLog()
    items = _focus_items(
        [
            StatusFocus("1.1", "Establish a regional forum", "was dissolved"),
            StatusFocus("1.2", "Abolish the network", "IOM will be working"),
            StatusFocus("1.1", "regional forum", "Network meetings"),
            StatusFocus("9.9", "anything", "anything"),
        ],
        rejects,
    )
    assert (items["1.1"]["status_category"], items["1.2"]["status_category"]) == (
        "ongoing",
        "dormant",
    )
    reasons = [r.reason for r in rejects.items]
    assert len(reasons) == 4
    assert "found 0 times in 1.1's status" in reasons[0]
    assert "1.2's action does not name 'Abolish the network'" in reasons[1]
    assert "found 0 times in 1.1's status" in reasons[2]  # another row's words
    assert "names action 9.9, not in the report" in reasons[3]


def test_a_page_footnote_is_kept_apart_from_the_status():
    assert split_footnote("… including 127 migrants in June 2017. 1 1 https://x.org/a%20b.pdf") == (
        "… including 127 migrants in June 2017.",
        "1 1 https://x.org/a%20b.pdf",
    )
    assert split_footnote("The RSR can be accessed at www.x.org") == (
        "The RSR can be accessed at www.x.org",
        "",
    )
    assert split_footnote("See the site https://x.org for more.") == (
        "See the site https://x.org for more.",
        "",
    )
    report = (
        "Transcription:\n\nLaw enforcement cooperation and capacity building 1.1 Return "
        "migrants IOM The project was held in May. 1 1 https://x.org/avrr.pdf\n\n"
        "1.2 Next step TIPs WG Planning for it is underway.\n"
    )
    cells = [
        CellStart("1.1", "status", "The project was held"),
        CellStart("1.2", "status", "Planning for it"),
    ]
    items = {i["item"]: i for i in load_bali_report(report, RejectLog(), cells, ACTORS).items}
    assert (items["1.1"]["status"], items["1.1"]["footnotes"]) == (
        "The project was held in May.",
        "1 1 https://x.org/avrr.pdf",
    )
    assert items["1.2"]["footnotes"] == ""


def test_an_action_that_opens_in_lower_case_has_lost_a_name():
    report = (
        "Transcription:\n\nLaw enforcement cooperation and capacity building "
        "1.1 support to member States on request 1.2 Train officers TIPs WG "
        "The continues to provide support. The course was held in May.\n"
    )
    cells = [CellStart("1.1", "status", "The continues"), CellStart("1.2", "status", "The course")]
    items = load_bali_report(report, RejectLog(), cells, ACTORS).items
    assert items[0]["action"] == "support to member States on request"  # kept as written
    assert (
        "a name is missing before the action text, which opens in lower case: "
        "'support to member States on request'"
    ) in items[0]["who_note"]
    assert "lower case" not in items[1]["who_note"]


def test_a_cell_opening_not_in_the_text_becomes_a_reject():
    rejects = RejectLog()
    items = load_bali_report(
        LAYOUT, rejects, [*LAYOUT_CELLS, CellStart("1.4", "status", "Gone")], ACTORS
    ).items
    assert len(items) == 4
    assert [r.text for r in rejects.items] == ["Gone"]


def test_no_transcription_is_a_reject_not_a_traceback():
    rejects = RejectLog()
    assert load_bali_report("just titles\n", rejects, LAYOUT_CELLS, ACTORS).items == []
    assert len(rejects) == 1


def _truth() -> pd.DataFrame:
    return pd.read_csv(TRUTH, dtype=str, keep_default_na=False)


def test_the_truth_file_covers_29_actions():
    truth = _truth()
    assert len(truth) == 29 and truth.item.is_unique


def test_build_matches_the_hand_read_truth_row_for_row(built):
    """Every column of tests/loaders/truth/bali_actions.csv, read from the source by hand."""
    truth = _truth()
    built_rows = built.tables["action_items"].astype(str).set_index("item")
    assert built_rows.index.tolist() == truth.item.tolist()
    problems = []
    for t in truth.itertuples():
        b = built_rows.loc[t.item]
        status = clean_spaces(b.status)
        checks = {
            "source_line": b.source_line == t.source_line,
            "source_lines": b.source_lines == t.source_lines,
            "action": b.action == t.action,
            "who": b.who == t.who,
            "status_starts": status.startswith(clean_spaces(t.status_starts)),
            "status_ends": status.endswith(clean_spaces(t.status_ends)),
            "footnotes": b.footnotes == t.footnotes,
            "status_category": b.status_category == t.status_category,
            "status_evidence": b.status_evidence == t.status_evidence,
            "who_unplaced": t.who_unplaced in b.who_note,
            "name_gaps": all(q in b.who_note for q in t.name_gaps.split(" | ") if q),
            "who_note says why who is empty": bool(t.who) or bool(b.who_note),
        }
        problems += [
            f"{t.item} {column}: built {b.get(column, b.who_note)!r}"
            for column, ok in checks.items()
            if not ok
        ]
    assert problems == []
