"""The one parenthesis-aware splitter the loaders share (loaders.text)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from loaders.text import parenthesis_depths, split_items, split_outside_parentheses, tab_cells

LISTS = st.text(alphabet="AB ,;()", max_size=30)


def test_commas_inside_parentheses_do_not_split():
    assert split_outside_parentheses("IOM, UNESCO (Paris, France), ILO", ",") == [
        "IOM",
        " UNESCO (Paris, France)",
        " ILO",
    ]


def test_nested_and_unbalanced_parentheses():
    # PIDC: "Canada (through Canadian Border Services (CBS), …) USA"
    assert split_outside_parentheses("Canada (through CBS (x, y), CIC), USA", ",") == [
        "Canada (through CBS (x, y), CIC)",
        " USA",
    ]
    # A ")" left over by the paragraph split ("South Africa)") opens nothing.
    assert split_outside_parentheses("South Africa), Namibia", ",") == ["South Africa)", " Namibia"]


def test_a_separator_may_be_a_word():
    # The calendar: "Rabat Process (… Migration and Development) And Khartoum Process (…)".
    assert split_outside_parentheses(
        "Rabat Process (Migration and Development) And Khartoum Process",
        re.compile(r"\s+and\s+", re.I),
    ) == ["Rabat Process (Migration and Development)", "Khartoum Process"]


def test_list_items_as_the_overview_writes_them():
    # MIDSA's partners: a full stop after an acronym separates two items.
    assert split_items("Save the Children Internat’l, UNHCR. UNODC, UNICEF, IDC") == [
        "Save the Children Internat’l",
        "UNHCR",
        "UNODC",
        "UNICEF",
        "IDC",
    ]
    assert split_items("Chad, Egypt; Libya + Niger, and Tunisia.") == [
        "Chad",
        "Egypt",
        "Libya",
        "Niger",
        "Tunisia",
    ]
    assert split_items("ICMPD (Vienna, Austria), also IOM") == ["ICMPD (Vienna, Austria)", "IOM"]
    assert split_items("St. Lucia, U.S.A.") == ["St. Lucia", "U.S.A"]


@given(LISTS)
def test_parts_join_back_to_the_text(text):
    assert ",".join(split_outside_parentheses(text, ",")) == text


@given(LISTS)
def test_no_part_holds_a_separator_outside_parentheses(text):
    depths = parenthesis_depths(text)
    offset = 0
    for part in split_outside_parentheses(text, ","):
        assert all(depths[offset + i] for i, ch in enumerate(part) if ch == ",")
        offset += len(part) + 1


@given(LISTS)
def test_depths_never_go_below_zero_and_an_opening_parenthesis_is_inside(text):
    depths = parenthesis_depths(text)
    assert len(depths) == len(text) and min(depths, default=0) >= 0
    assert all(depths[i] >= 1 for i, ch in enumerate(text) if ch == "(")
    if "(" not in text:
        assert set(depths) <= {0}


def test_depths_of_a_nested_pair():
    assert parenthesis_depths("a(b(c)d)e)") == [0, 1, 1, 2, 2, 2, 1, 1, 0, 0]


def test_trailing_blank_cells_beyond_the_layout_are_dropped():
    assert tab_cells("a\tb\t \t\t", 2) == ["a", "b"]
    assert tab_cells("a\t\t", 3) == ["a", "", ""]  # an empty last cell of the layout stays
    assert tab_cells("IOM \t ") == ["IOM "]
    assert tab_cells("a\tb\tc", 2) == ["a", "b", "c"]  # text is never dropped
