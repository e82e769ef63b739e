"""Chart titles name the one mechanism, country or office picked, and counts take the noun's
number ("1 meeting", "3 countries"), so a PNG says what it shows without its subtitle."""

from __future__ import annotations

import pytest

from dashboard.filters import Filters
from dashboard.views import engagements, meetings, membership, overview
from dashboard.words import count, plural, the_one

# The 2017 calendar lists one Prague Process meeting (line 42: "April 24-26, 2017 / Prague,
# Czech Republic / Prague Process / Workshop on irregular migration").
PRAGUE = Filters(mechanisms=("prague-process",))


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (1, "country", "1 country"),
        (2, "country", "2 countries"),
        (0, "meeting", "0 meetings"),
        (1, "meeting", "1 meeting"),
        (3, "day", "3 days"),
        (2, "process", "2 processes"),
    ],
)
def test_counts_take_the_nouns_number(n, noun, expected):
    assert count(n, noun) == expected


def test_an_irregular_plural_is_given_in_full():
    assert count(1, "country or territory", "countries and territories") == "1 country or territory"
    assert (
        count(5, "country or territory", "countries and territories")
        == "5 countries and territories"
    )
    assert plural("territory") == "territories"


def test_the_one_name_only_for_a_single_pick():
    names = {"a": "Alpha", "b": "Beta"}
    assert the_one(("a",), names) == "Alpha"
    assert the_one(("a", "b"), names) is None and the_one((), names) is None


def test_membership_of_one_mechanism_is_named():
    view = membership.membership_view(PRAGUE, ("member",))
    assert view.map.title == "Membership of Prague Process by role"
    counted = membership.membership_view(PRAGUE, ("member",), "Number of mechanisms")
    assert counted.map.title == "Countries in Prague Process"


def test_membership_of_several_mechanisms_counts_them():
    two = Filters(mechanisms=("prague-process", "rcm"))
    assert (
        membership.membership_view(two, ("member",)).map.title
        == "Membership of 2 mechanisms by role"
    )
    assert (
        membership.membership_view(two, ("member",), "Number of mechanisms", 2).map.title
        == "Countries in at least 2 of the 2 picked mechanisms"
    )


def test_one_meeting_is_one_meeting_and_the_titles_name_mechanism_and_host():
    view = meetings.meetings_view(PRAGUE, hosts=("CZE",))
    assert view.summary.startswith("**1 meeting**,")
    assert view.timeline.title == "2017 meetings of Prague Process in Czechia"
    assert view.hosts.title == "2017 meetings of Prague Process in Czechia"
    # Its place is known (Prague): no "place TBC for 0".
    assert view.hosts.subtitle.endswith("; 1 meeting with a known host country")


def test_the_overview_names_one_mechanism():
    view = overview.overview_view(PRAGUE)
    assert view.participation.title == "Countries taking part in Prague Process"
    assert view.months.title == "2017 meetings of Prague Process by month"


def test_the_engagement_charts_name_one_office_and_one_place():
    view = engagements.engagements_view(
        Filters(), engagements.Picked(offices=("LACC",), places=("MEX",))
    )
    scope = (
        "Engagements of LACC – Latin America, Canada and the Caribbean District meeting in Mexico"
    )
    assert view.by_office_chart.title == f"{scope} by frequency"
    assert view.by_level_chart.title == f"{scope} by staffing level"
    assert view.points_chart.title == scope
    everything = engagements.engagements_view(Filters())
    assert everything.by_office_chart.title == "Engagements by office"
    assert everything.points_chart.title == "Where the engagements meet"
