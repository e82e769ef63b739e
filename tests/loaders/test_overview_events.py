"""Past events in the overview's Meetings cells: one small inline example per quirk."""

from __future__ import annotations

import pytest

from loaders.countries import CountryResolver
from loaders.overview.events import (
    COUNTRY_NOT_WRITTEN,
    LISTED_TWICE,
    NO_CITY,
    NO_COUNTRY,
    NO_PLACE,
    SHARED_DATE,
    TENTATIVE,
    cell_events,
    event_row,
    two_meetings,
)
from loaders.rejects import RejectLog

PLACES = {"Brussels": "BEL", "London": "GBR"}


def rows(cell: str, countries: CountryResolver, rejects: RejectLog | None = None) -> list[dict]:
    log = rejects if rejects is not None else RejectLog()
    events = cell_events(cell, countries, PLACES, 7, log)
    return [event_row("test-process", event, 7) for event in events]


def picked(row: dict, *columns: str) -> tuple:
    return tuple(row[c] for c in columns)


def test_two_events_in_one_bullet_are_two_rows(countries):
    out = rows(
        "<ul> • 4th EU- Africa summit, Brussels, April 02-03, 2014 Africa–EU Summit "
        "“Adoption of the Second Action Plan, which covers 2011–2013,” 29–30 November "
        "2010, Tripoli, Libya • 2nd Africa-EU Summit, Lisbon, Portugal, 8 December – 9 "
        "December 2007",
        countries,
    )
    assert [picked(r, "date_text", "start_date", "end_date", "city", "iso3") for r in out] == [
        ("April 02-03, 2014", "2014-04-02", "2014-04-03", "Brussels", "BEL"),
        ("29–30 November 2010", "2010-11-29", "2010-11-30", "Tripoli", "LBY"),
        ("8 December – 9 December 2007", "2007-12-08", "2007-12-09", "Lisbon", "PRT"),
    ]
    assert out[0]["title"] == "4th EU- Africa summit, Brussels"
    assert out[1]["title"].startswith("Africa–EU Summit “Adoption of the Second Action Plan")
    assert out[0]["note"] == (
        f"{COUNTRY_NOT_WRITTEN}; written in one bullet with the 29–30 November 2010 event"
    )
    assert out[1]["note"] == "written in one bullet with the April 02-03, 2014 event"
    assert out[2]["note"] == ""


def test_two_meetings_joined_by_and_under_one_date_are_two_rows(countries):
    out = rows(
        "<p>41st session of the ACP-EU Joint Council of Ministers and 103rd session of "
        "the ACP Council of Ministers, 28-29 April 2016</p> <p>New Chair of the Khartoum "
        "Process Ethiopia convenes Steering Committee and Senior Officials Meeting in "
        "Addis Ababa in December 2016</p>",
        countries,
    )
    assert [picked(r, "title", "date_text", "start_date", "city", "iso3", "note") for r in out] == [
        (
            "41st session of the ACP-EU Joint Council of Ministers",
            "28-29 April 2016",
            "2016-04-28",
            "",
            "",
            f"{NO_PLACE}; {SHARED_DATE}",
        ),
        (
            "103rd session of the ACP Council of Ministers",
            "28-29 April 2016",
            "2016-04-28",
            "",
            "",
            f"{NO_PLACE}; {SHARED_DATE}",
        ),
        (
            "New Chair of the Khartoum Process Ethiopia convenes Steering Committee",
            "December 2016",
            "",
            "Addis Ababa",
            "ETH",
            SHARED_DATE,
        ),
        (
            "Senior Officials Meeting in Addis Ababa",
            "December 2016",
            "",
            "Addis Ababa",
            "ETH",
            SHARED_DATE,
        ),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "ACP-EU Dialogue on Migration and Development Seminar On Remittances",  # no meeting before
        "Thematic Meeting on return, readmission and reintegration",  # no meeting after
        "1st ASEM Summit of Heads of State and Government",
        "Peer-to-peer exchange meeting on Trafficking in Human Beings and Smuggling of Migrants",
    ],
)
def test_and_inside_one_meetings_name_splits_nothing(title):
    assert two_meetings(title) is None


def test_a_year_from_a_headline_says_so(countries):
    out = rows(
        "<p>2017, The Year of Implementation: Ethiopia hosts Senior Officials Meeting "
        "in Addis</p> <p>2000- 1st Africa-EU Summit in Cairo, Egypt</p>",
        countries,
    )
    assert [picked(r, "date_text", "year", "note") for r in out] == [
        ("2017", 2017, 'year read from the headline "2017, The Year of Implementation"'),
        ("2000", 2000, ""),
    ]


def test_year_comes_from_the_date_never_from_the_title(countries):
    out = rows(
        '<p>-7th AFML "Towards the ASEAN Community by 2015 with enhanced measures", '
        "20-21 November 2014, Nay Pyi Taw, Myanmar</p>",
        countries,
    )
    assert [picked(r, "date_text", "year", "month", "city", "iso3") for r in out] == [
        ("20-21 November 2014", 2014, 11, "Nay Pyi Taw", "MMR")
    ]
    assert out[0]["title"] == (
        '7th AFML "Towards the ASEAN Community by 2015 with enhanced '
        'measures", Nay Pyi Taw, Myanmar'
    )


def test_a_year_opens_the_bullet_or_is_no_date(countries):
    out = rows(
        "<p>2010-3rd Ibero-American Forum on Migration and Development, San Salvador, "
        "El Salvador</p> <p>The First Action Plan (2008-2010)</p>",
        countries,
    )
    assert [
        picked(r, "date_text", "start_date", "year", "month", "city", "iso3", "title") for r in out
    ] == [
        (
            "2010",
            "",
            2010,
            None,
            "San Salvador",
            "SLV",
            "3rd Ibero-American Forum on Migration and Development, San Salvador, El Salvador",
        )
    ]


def test_place_after_the_date(countries):
    out = rows(
        "<p>Senior Officials Meeting (SOM). 2-3 May 2017. Brussels</p> "
        "<p>Technical Meeting on Visa Facilitation, November 30 – 1 December, 2016 , "
        "Praia, Cabo Verde</p> <p>7-8 November 2012 – Gammarth, Tunisia, AMEDIP "
        "Workshop</p>",
        countries,
    )
    assert [picked(r, "city", "iso3", "note", "title") for r in out] == [
        ("Brussels", "BEL", COUNTRY_NOT_WRITTEN, "Senior Officials Meeting (SOM), Brussels"),
        ("Praia", "CPV", "", "Technical Meeting on Visa Facilitation, Praia, Cabo Verde"),
        ("Gammarth", "TUN", "", "Gammarth, Tunisia, AMEDIP Workshop"),
    ]
    assert [picked(r, "start_date", "end_date") for r in out] == [
        ("2017-05-02", "2017-05-03"),
        ("2016-11-30", "2016-12-01"),
        ("2012-11-07", "2012-11-08"),
    ]


@pytest.mark.parametrize(
    ("paragraph", "city", "iso3", "note"),
    [
        ("2000- 1st Africa-EU Summit in Cairo, Egypt", "Cairo", "EGY", ""),
        (
            "2008- 2nd Ibero-American Forum on Migration and Development Cuenca, Ecuador",
            "Cuenca",
            "ECU",
            "",
        ),
        (
            "Senior Officials Meeting in London, 24 November 2015",
            "London",
            "GBR",
            COUNTRY_NOT_WRITTEN,
        ),
        (
            "The 9th ASEM Summit of Heads of State and Government in Laos on 5-6 November, 2012",
            "",
            "LAO",
            NO_CITY,
        ),
        (
            "2017, The Year of Implementation: Ethiopia hosts Senior Officials Meeting in Addis",
            "Addis",
            "ETH",
            'year read from the headline "2017, The Year of Implementation"',
        ),
        ("2010 EU-LAC Summit Madrid, Spain Document: Madrid Action Plan.", "Madrid", "ESP", ""),
        ("1999 - 1st EU-LAC meeting", "", "", NO_PLACE),
    ],
)
def test_place_in_the_title(countries, paragraph, city, iso3, note):
    (row,) = rows(f"<p>{paragraph}</p>", countries)
    assert picked(row, "city", "iso3", "note") == (city, iso3, note)


def test_sub_bullets_that_are_not_meetings_are_not_events(countries):
    out = rows(
        "<p>African-EU summits:</p> <p>2007- 2nd Africa-EU Summit in Lisbon, Portugal:"
        '</p> <ul style="list-style-type: none"> • Launching the Africa-EU Migration, '
        "Mobility and Employment Partnership • The First Action Plan (2008-2010) "
        "<p>No separate meetings; always within Africa- EU summit</p>",
        countries,
    )
    assert [picked(r, "date_text", "title") for r in out] == [
        ("2007", "2nd Africa-EU Summit in Lisbon, Portugal")
    ]


def test_an_event_listed_twice_is_one_row_with_the_fuller_place(countries):
    out = rows(
        "<p>Thematic Meeting on return, readmission and reintegration, May 31-June 1, "
        "2016, Brussels</p> <p>Other meeting, 2 June 2016, Brussels</p> <p>Thematic "
        "Meeting on return, readmission and reintegration, May 31 – June 1, 2016, "
        "Brussels, Belgium</p>",
        countries,
    )
    assert [picked(r, "date_text", "city", "iso3", "note") for r in out] == [
        ("May 31-June 1, 2016", "Brussels", "BEL", LISTED_TWICE),
        ("2 June 2016", "Brussels", "BEL", COUNTRY_NOT_WRITTEN),
    ]


def test_month_only_and_tbc(countries):
    out = rows(
        "<p>February 2011 - The Hague, the Netherlands (tbc), i-Map Expert Meeting</p>", countries
    )
    assert [
        picked(r, "date_text", "start_date", "end_date", "year", "month", "city", "iso3", "note")
        for r in out
    ] == [("February 2011", "", "", 2011, 2, "The Hague", "NLD", TENTATIVE)]


def test_headings_glued_to_the_first_event_are_dropped(countries):
    out = rows(
        "<p>Recent Meetings 42nd session of the Council, 4-5 May 2017, Brussels</p> "
        "<p>Previous Meetings40th session of the Council, 28-29 May 2015, Brussels, "
        "Belgium</p>",
        countries,
    )
    assert [r["title"] for r in out] == [
        "42nd session of the Council, Brussels",
        "40th session of the Council, Brussels, Belgium",
    ]


def test_an_impossible_date_and_an_unknown_place_are_rejected_not_lost(countries):
    rejects = RejectLog()
    out = rows(
        "<p>Expert Meeting, 31 February 2016, Rome, Italy</p> "
        "<p>Expert Meeting in Atlantis, 5 May 2016</p>",
        countries,
        rejects,
    )
    assert [
        picked(r, "date_text", "start_date", "year", "month", "city", "iso3", "note") for r in out
    ] == [
        ("31 February 2016", "", 2016, 2, "Rome", "ITA", ""),
        ("5 May 2016", "2016-05-05", 2016, 5, "Atlantis", "", NO_COUNTRY),
    ]
    assert [(r.line, r.field, r.text) for r in rejects.items] == [
        (7, "meetings", "31 February 2016"),
        (7, "meetings", "Atlantis"),
    ]
