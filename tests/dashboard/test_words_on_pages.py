"""Pages that one-item filters leave with one of something say "1 row", "1 mechanism", never
"1 rows", "all 1 mechanisms" or "(s)"; chart sources name every document their counts come
from; region and unknown page-address values are stated where the figures are (issue 11)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.filters import Filters
from dashboard.views import mechanism, meetings, membership
from tests.dashboard.test_pages import open_page

# A count of one before a plural noun, "all 1 …", a hedged plural, a count of nothing.
WRONG_NUMBER = re.compile(
    r"(?<![\d.,])1 (?:rows|mechanisms|meetings|countries|engagements|events|actions"
    r"|organisations|memberships|source rows)\b|\ball 1 |\(s\)|\bfor 0\b"
)


def everything_shown(at: AppTest) -> str:
    """Every element's text as the page sends it: markdown, captions, metrics, button and
    download labels, expander labels, and the charts' specs (titles, subtitles, hovers)."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("page", "query"),
    [
        # The calendar lists AFML meetings, one of them "for all ISCMs".
        ("meetings", {"mechanism": "AFML"}),
        # The calendar names Sri Lanka as the host of two meetings.
        ("meetings", {"host": "Sri Lanka"}),
        # One meeting: the Prague Process workshop in Prague (calendar line 42).
        ("meetings", {"mechanism": "Prague Process", "host": "Czechia"}),
        ("overview", {"mechanism": "AFML"}),
        ("membership", {"mechanism": "Prague Process"}),
        ("country", {"country": "Mexico"}),
        ("engagements", {"linked": "IGC"}),
        ("engagements", {"office": "OoC – Office of Citizenship"}),
        ("mechanism", {"mechanism_profile": "PIDC"}),
        ("documents", {"bali_heading": "Member Engagement and Outreach"}),
    ],
)
def test_one_item_filters_give_counts_in_the_right_number(page, query):
    at = open_page(page, **query)
    assert not at.exception
    assert not at.warning, [w.value for w in at.warning]  # every value was an option
    shown = everything_shown(at)
    wrong = [shown[max(0, m.start() - 60) : m.end() + 20] for m in WRONG_NUMBER.finditer(shown)]
    assert not wrong


def test_the_check_reads_download_labels_and_chart_subtitles():
    # AFML's ranked table has one row, and its ranked chart one mechanism.
    shown = everything_shown(open_page("meetings", mechanism="AFML"))
    assert "Download this row (CSV)" in shown
    assert "AFML; 1 mechanism;" in shown
    assert WRONG_NUMBER.search("Download these 1 rows (CSV)")
    assert WRONG_NUMBER.search("AFML; all 1 mechanisms")
    assert WRONG_NUMBER.search("4 engagement(s) here belong to it")
    assert WRONG_NUMBER.search("place TBC for 0")
    assert not WRONG_NUMBER.search("ranks 1–20: 21 rows; 11 meetings")


def test_ranked_chart_names_every_document_its_counts_come_from(built):
    m = built.tables["meetings"]
    # The Bali report describes 2017 meetings of the Bali Process the calendar does not list.
    assert (m.source == "bali_ahg_progress_2017.txt").any()
    view = meetings.meetings_view(Filters(mechanisms=("bali-process",)))
    assert "Bali Process report" in view.ranked_chart.source
    assert "Bali Process report" in view.timeline.source
    # The one Prague Process meeting is a calendar row: the calendar alone is named.
    prague = meetings.meetings_view(Filters(mechanisms=("prague-process",)))
    assert "report" not in prague.ranked_chart.source


def test_meetings_under_a_region_say_they_are_held_anywhere():
    view = meetings.meetings_view(Filters(regions=("Asia",)))
    wherever = "meetings of the mechanisms with a participant in Asia, wherever held"
    assert view.hosts.subtitle.startswith(wherever)
    assert view.timeline.subtitle.startswith(wherever)


def test_overview_engagements_follow_the_region(built):
    places = built.tables["engagement_countries"]
    countries = built.tables["countries"]
    asia = set(countries.loc[countries.region == "Asia", "iso3"])
    expected = places.loc[places.iso3.isin(asia), "engagement_id"].nunique()
    assert 0 < expected < len(built.tables["engagements"])
    at = open_page("overview", region=["Asia"])
    assert {m.label: m.value for m in at.metric}["USCIS engagements"] == str(expected)
    assert any("USCIS engagements: those meeting in Asia." in c.value for c in at.caption)


def test_membership_says_how_many_of_the_picked_mechanisms_it_draws(built):
    view = membership.membership_view(
        Filters(regions=("Africa",)), ("member", "observer", "partner")
    )
    picked = int(re.search(r"Membership of (\d+) mechanisms", view.map.title).group(1))
    shown = view.memberships.process_id.nunique()
    assert f"{shown} of the {picked} mechanisms**" in view.counts_line
    # The others are those with no country list (the overview lists no members by country).
    p = built.tables["processes"].set_index("process_id")
    for pid in ("gfmd", "hld", "idm"):
        assert p.loc[pid, "open_to_all"]
    assert "GFMD, UN HLD, IDM (open to all)" in view.counts_note
    assert view.counts_note.startswith(f"The {picked - shown} others")


@pytest.mark.parametrize(
    ("page", "query", "notices"),
    [
        (
            "engagements",
            {"office": "Nowhere", "frequency": "Hourly"},
            [
                "No office called 'Nowhere': left out of the filter.",
                "No frequency called 'Hourly': left out of the filter.",
            ],
        ),
        (
            "overview",
            {"overview_roles": "Everyone", "find": "Atlantis"},
            [
                "No way to count participation called 'Everyone': counting members only.",
                "No country called 'Atlantis': no country is marked on the map.",
            ],
        ),
        (
            "membership",
            {"view": "Nope"},
            ["No colouring called 'Nope': coloured by role."],
        ),
        (
            "documents",
            {"bali_status": "Finished"},
            ["No action status called 'Finished': left out of the filter."],
        ),
        ("data", {"table": "secrets"}, ["No table called 'secrets': showing processes."]),
    ],
)
def test_unknown_page_address_values_are_named(page, query, notices):
    at = open_page(page, **query)
    assert not at.exception
    assert [w.value for w in at.warning] == notices


def test_engagements_notice_stays_while_the_page_shows_every_office(built):
    at = open_page("engagements", office="Nowhere")
    assert at.multiselect(key="office").value == []
    values = {m.label: m.value for m in at.metric}
    assert values["Engagements"] == str(len(built.tables["engagements"]))
    at.run()
    assert [w.value for w in at.warning] == ["No office called 'Nowhere': left out of the filter."]


def test_mechanism_meetings_say_where_each_is_listed_before_the_long_title():
    view = mechanism.mechanism_view("bali-process")
    headings = list(view.meetings_columns.values())
    assert headings.index("Listed in") < headings.index("Meeting")
