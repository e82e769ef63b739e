"""Meetings read from a report's prose (loaders/report_meetings.py) and linked to the calendars'
meetings (loaders/meeting_links.py): one small example per rule, each sentence in the form the
RCM and Bali reports use (line numbers in the comments)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from loaders.countries import CountryResolver
from loaders.meeting_links import link_meetings
from loaders.rejects import RejectLog
from loaders.report_meetings import (
    Reader,
    Window,
    may_be_within,
    mentions_in,
    names_agree,
    processes_named,
    report_meeting_rows,
    same_meeting,
)

PLACES = {
    "bali": "IDN",
    "bangkok": "THA",
    "jclec": "IDN",
    "geneva": "CHE",
    "washington d.c.": "USA",
}
ALIASES = {"sacm": "sacm", "rcm": "rcm", "south american conference on migration": "sacm"}


def read(
    countries: CountryResolver,
    *paragraphs: str,
    report_date: date = date(2017, 10, 31),
    rejects: RejectLog | None = None,
) -> list[dict]:
    reader = Reader(
        "report.txt",
        countries,
        PLACES,
        ALIASES,
        report_date,
        "bali-process",
        RejectLog() if rejects is None else rejects,
    )
    found = mentions_in(list(enumerate(paragraphs, start=1)), reader)
    return report_meeting_rows(found, "r-2017", "report.txt")


def fields(row: dict, *names: str) -> tuple:
    return tuple(row[n] for n in names)


WHAT = ("title", "date_text", "start_date", "end_date", "city", "venue", "iso3")


# ---------------------------------------------------------------- one sentence, one meeting


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Bali line 228: "held in <place> on <date>"
        (
            "The first meeting of the TFPP was held in Bangkok on 27 January 2017, and agreed on "
            "modalities.",
            (
                "First meeting of the TFPP",
                "27 January 2017",
                "2017-01-27",
                "2017-01-27",
                "Bangkok",
                "",
                "THA",
            ),
        ),
        # Bali line 210: "held on <date> in <place>"
        (
            "The third annual working group meeting was held on 25 May 2017 in Bali.",
            (
                "Third annual working group meeting",
                "25 May 2017",
                "2017-05-25",
                "2017-05-25",
                "Bali",
                "",
                "IDN",
            ),
        ),
        # Bali line 218: ", held in <place> from <date>"
        (
            "AHG Workshop on Immigration Border Operations Analysis, held in Bangkok from 26-28 "
            "May "
            "2014, endorsed the guide.",
            (
                "AHG Workshop on Immigration Border Operations Analysis",
                "26-28 May 2014",
                "2014-05-26",
                "2014-05-28",
                "Bangkok",
                "",
                "THA",
            ),
        ),
        # Bali line 206: "held at <venue> on <date>"; the venue's country from the place table
        (
            "The 2 nd Meeting of National Training Directors was held at JCLEC on 18-20 July 2017.",
            (
                "2nd Meeting of National Training Directors",
                "18-20 July 2017",
                "2017-07-18",
                "2017-07-20",
                "",
                "JCLEC",
                "IDN",
            ),
        ),
        # Bali line 216: "delivered at <venue>, <country> in <month>"
        (
            "The developed a pilot modular 5 day training program that was delivered at JCLEC, "
            "Indonesia in November 2016.",
            (
                "Pilot modular 5 day training program",
                "November 2016",
                "2016-11-01",
                "2016-11-30",
                "",
                "JCLEC",
                "IDN",
            ),
        ),
        # RCM line 8: "during the <meeting> in <city>, the <country>, in <year>"
        (
            "It was created during the RCGM meeting in Santo Domingo, the Dominican Republic, in "
            "2011.",
            ("RCGM meeting", "2011", "2011-01-01", "2011-12-31", "Santo Domingo", "", "DOM"),
        ),
        # Bali line 224: "attended the <meeting> in <place> (<date>)"
        (
            "The Co-Chairs attended the Sixth Global Meeting of RCPs in Geneva (13 October 2016) "
            "and "
            "updated other RCPs.",
            (
                "Sixth Global Meeting of RCPs",
                "13 October 2016",
                "2016-10-13",
                "2016-10-13",
                "Geneva",
                "",
                "CHE",
            ),
        ),
        # Bali line 214: the date inside the noun phrase is taken out of the title
        (
            "Since the November 2016 AHG SOM, the WG has engaged civil society actors.",
            ("AHG SOM", "November 2016", "2016-11-01", "2016-11-30", "", "", ""),
        ),
        # Bali line 226: a body "convened for the first time"
        (
            "The Consultation Mechanism was convened for the first time on 13 October 2017 in "
            "Jakarta, in response to movements.",
            ("Consultation Mechanism", "13 October 2017", "2017-10-13", "2017-10-13", "", "", ""),
        ),
        # Bali line 218: "which last convened in <year>"; "in Immigration" is no place
        (
            "Additionally, the AHG Workshop on Biometrics for Identity Integrity in Immigration, "
            "which "
            "last convened in 2012, will also be revitalised.",
            (
                "AHG Workshop on Biometrics for Identity Integrity in Immigration",
                "2012",
                "2012-01-01",
                "2012-12-31",
                "",
                "",
                "",
            ),
        ),
        # RCM line 125: "To hold the <meeting> in the first quarter of <year>"
        (
            "To hold the Fifth Meeting of the Ad-Hoc Group on Extra-regional Migrants in the first "
            "quarter of 2018, sponsored by Costa Rica.",
            (
                "Fifth Meeting of the Ad-Hoc Group on Extra-regional Migrants",
                "first quarter of 2018",
                "2018-01-01",
                "2018-03-31",
                "",
                "",
                "",
            ),
        ),
        # Bali line 228: "<NAME> will meet again in <year>"
        (
            "The TFPP will meet again in 2018 to take forward actions from the TTX.",
            ("TFPP", "2018", "2018-01-01", "2018-12-31", "", "", ""),
        ),
        # Bali line 210: the date before, "attended a <meeting>"; "to finalise" ends the title
        (
            "In May 2017, 91 participants from 37 Bali Process member countries attended a "
            "consultation workshop to finalise the guide.",
            ("Consultation workshop", "May 2017", "2017-05-01", "2017-05-31", "", "", ""),
        ),
        # "the most recent", "next", "further" place a meeting in time, they do not name it
        (
            "The next meeting of the working group will be held in January 2018.",
            (
                "Meeting of the working group",
                "January 2018",
                "2018-01-01",
                "2018-01-31",
                "",
                "",
                "",
            ),
        ),
    ],
)
def test_a_sentence_naming_a_dated_meeting_gives_one_row(countries, sentence, expected):
    rows = read(countries, sentence)
    assert [fields(r, *WHAT) for r in rows] == [expected]


def test_a_place_written_alone_is_the_place_tables_but_a_city_with_its_country_is_not_needed(
    countries,
):
    # RCM line 13 writes "Washington D.C." without its country; the full stop of "D.C." stays.
    rows = read(
        countries,
        "The most recent meeting between the SACM and the RCM held on March "
        "30, 2017, in Washington D.C., included time for this discussion.",
    )
    assert fields(rows[0], "title", "city", "iso3") == (
        "Meeting between the SACM and the RCM",
        "Washington D.C.",
        "USA",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The meeting theme, Enhancing Cross Border Cooperation, was agreed in July 2017.",  # l. 206
        "The Policy Framework was endorsed in March 2016 after a consultation period.",  # l. 218
        "Hold annual meetings of the Working Group in 2017.",  # plural: no one meeting
        "The materials were endorsed by the TIPs WG on 27 May 2017.",  # an act, not a meeting
        "It met four times between September 2016 and May 2017.",  # no meeting named
        "After this meeting, the topic was approached again in Mexico at a meeting.",  # no date
        "The third Joint Period of Action ran from March to August 2017.",  # an operation
    ],
)
def test_a_sentence_naming_no_dated_meeting_gives_none(countries, sentence):
    assert read(countries, sentence) == []


def test_a_date_far_from_the_meeting_is_not_its_date(countries):
    far = (
        "In 2015 the members, after long and careful consideration of the many options put "
        "before them by the Co-Chairs, agreed to hold a meeting."
    )
    assert read(countries, far) == []


# ---------------------------------------------------------------- dates


def test_a_date_without_its_year_is_the_last_such_date_before_the_report(countries):
    # RCM line 10 ("in August", report of July 2017) and Bali line 220 ("12-27 October",
    # report of October 2017).
    august = read(
        countries,
        "The group held a virtual meeting in August to revise the matrices.",
        report_date=date(2017, 7, 7),
    )
    assert fields(august[0], "start_date", "end_date", "date_precision") == (
        "2016-08-01",
        "2016-08-31",
        "month",
    )
    assert "year not written in the source" in august[0]["note"]
    october = read(
        countries,
        "The joint-pilot training workshop was delivered from 12-27 October in South Korea.",
    )
    assert fields(october[0], "start_date", "end_date", "iso3") == (
        "2017-10-12",
        "2017-10-27",
        "KOR",
    )


def test_week_and_early_give_the_month_and_the_year(countries):
    # RCM line 119 and Bali line 210.
    week = read(
        countries,
        "To hold a virtual meeting of the Group, in the last week of "
        "September 2017, for the revision of the work plan.",
    )
    assert fields(week[0], "date_text", "start_date", "end_date", "date_precision") == (
        "last week of September 2017",
        "2017-09-01",
        "2017-09-30",
        "month",
    )
    early = read(countries, "The next meeting of the working group will be held in early 2018.")
    assert fields(early[0], "start_date", "end_date", "date_precision") == (
        "2018-01-01",
        "2018-12-31",
        "year",
    )


def test_tentatively_planned_is_tentative(countries):
    rows = read(
        countries,
        "The 3 rd Meeting of National Training Directors is tentatively planned for July 2018.",
    )
    assert rows[0]["tentative"] is True


def test_two_meetings_in_one_sentence_are_two_rows(countries):
    # Bali lines 220 and 222.
    rows = read(
        countries,
        "Consultations on these materials with UN agency experts occurred in "
        "July 2017, followed by consultation with Bali Process member country "
        "experts in September 2017.",
        "A training workshop took place on 4-7 April 2017 and a further workshop is "
        "scheduled for 21-24 November 2017.",
    )
    assert [fields(r, "title", "date_text") for r in rows] == [
        ("Consultations on these materials with UN agency experts", "July 2017"),
        ("Consultation with Bali Process member country experts", "September 2017"),
        ("Training workshop", "4-7 April 2017"),
        ("Workshop", "21-24 November 2017"),
    ]


def test_where_such_meetings_are_held_places_the_next_ones_on_the_line(countries):
    # Bali line 222.
    rows = read(
        countries,
        "Training sessions are held at CIFAL-Jeju training institute in "
        "South Korea, aimed at victims. A training workshop took place on 4-7 "
        "April 2017.",
        "A workshop took place on 1 May 2017.",
    )
    assert fields(rows[0], "venue", "iso3", "note") == (
        "CIFAL-Jeju training institute",
        "KOR",
        "place from the sentence before",
    )
    assert fields(rows[1], "venue", "iso3") == ("", "")  # another line: no place


def test_a_place_with_no_country_is_rejected_with_its_line(countries):
    rejects = RejectLog()
    rows = read(countries, "A", "The workshop was held in Atlantis on 3 May 2017.", rejects=rejects)
    assert fields(rows[0], "city", "iso3") == ("", "")
    assert [(r.line, r.text) for r in rejects.items] == [(2, "Atlantis")]


# ---------------------------------------------------------------- mechanisms


def test_the_reports_mechanism_and_any_other_the_title_names(countries):
    rows = read(
        countries,
        "The meeting between the SACM and the RCM was held on 30 March 2017.",
        "The RCM workshop was held on 3 May 2017.",
    )
    assert rows[0]["process_ids"] == "bali-process sacm rcm"
    assert rows[1]["process_ids"] == "bali-process rcm"


def test_a_global_meeting_of_rcps_is_for_all_iscms(countries):
    rows = read(
        countries, "They attended the Sixth Global Meeting of RCPs in Geneva (13 October 2016)."
    )
    assert fields(rows[0], "for_all_mechanisms", "process_ids") == (True, "")


# ---------------------------------------------------------------- one meeting, several mentions


def test_two_mentions_of_one_meeting_are_one_row_with_both_lines(countries):
    # Bali lines 206/214 and 210/214.
    rows = read(
        countries,
        "Report summarises activities since the previous Ad Hoc Group Senior Officials "
        "Meeting (November 2016).",
        "The third annual working group meeting was held on 25 May 2017 in Bali.",
        "Since the November 2016 AHG SOM, the WG has engaged actors. At the 3 rd TIPs WG "
        "meeting in May 2017, members agreed.",
    )
    assert [fields(r, "title", "date_text", "city", "source_lines") for r in rows] == [
        ("Ad Hoc Group Senior Officials Meeting", "November 2016", "", "1 3"),
        ("3rd TIPs WG meeting", "25 May 2017", "Bali", "2 3"),
    ]
    assert [r["report_meeting_id"] for r in rows] == ["r-2017-01", "r-2017-02"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("third annual working group meeting", "3rd TIPs WG meeting", True),
        ("AHG SOM", "Ad Hoc Group Senior Officials Meeting", True),
        (
            "The Year of Implementation: Ethiopia hosts Senior Officials Meeting in Addis",
            "Senior Officials' Meeting",
            True,
        ),
        ("3rd TIPs WG meeting", "Meeting of drafting committee and other events", False),
        ("Steering Committee Meeting", "Senior Officials' Meeting", False),
        ("second meeting of the TFPP", "3rd TIPs WG meeting", False),
        ("Annual working group meeting", "Regional working group meeting", False),
    ],
)
def test_titles_that_name_the_same_meeting(a, b, same):
    assert names_agree(a, b) is same


def window(
    start: str,
    end: str,
    precision: str = "day",
    iso3: str = "THA",
    pids: tuple[str, ...] = ("bali-process",),
    title: str = "Meeting",
    for_all: bool = False,
) -> Window:
    return Window(
        date.fromisoformat(start),
        date.fromisoformat(end),
        precision,
        iso3,
        frozenset(pids),
        for_all,
        title,
    )


def test_same_meeting_needs_a_mechanism_a_country_and_dates_in_common():
    tfpp = window("2017-01-27", "2017-01-27", title="Task Force Meeting")
    assert (
        same_meeting(tfpp, window("2017-01-27", "2017-01-27", title="first TFPP meeting"))
        == "same days"
    )
    assert same_meeting(tfpp, window("2017-01-27", "2017-01-27", iso3="")) == "same days"
    assert same_meeting(tfpp, window("2017-01-27", "2017-01-27", iso3="IDN")) == ""
    assert same_meeting(tfpp, window("2017-01-27", "2017-01-27", pids=("rcm",))) == ""
    assert same_meeting(tfpp, window("2017-01-01", "2017-01-31", "month")) == ""
    assert (
        same_meeting(tfpp, window("2017-01-01", "2017-12-31", "year", title="Task Force Meeting"))
        == "same name"
    )
    everyone = window("2017-10-10", "2017-10-11", pids=(), for_all=True, iso3="CHE")
    assert (
        same_meeting(
            everyone, window("2017-10-10", "2017-10-11", pids=(), for_all=True, iso3="CHE")
        )
        == "same days"
    )


# ---------------------------------------------------------------- linking to the calendars


def calendar(*rows: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    """meetings and meeting_processes of a made-up calendar: (id, start, end, precision, iso3,
    process ids, title) per row."""
    meetings = pd.DataFrame(
        [
            {
                "meeting_id": i,
                "title": t,
                "start_date": s,
                "end_date": e,
                "date_text": s,
                "date_precision": p,
                "tentative": False,
                "location_text": "",
                "city": "",
                "venue": "",
                "iso3": c,
                "mechanism_text": "x",
                "for_all_mechanisms": not pids,
                "source_line": n,
                "source": "iscm_calendar_2017.txt",
                "calendar_year": 2017,
                "note": "",
            }
            for n, (i, s, e, p, c, pids, t) in enumerate(rows, start=6)
        ]
    )
    links = pd.DataFrame(
        [{"meeting_id": r[0], "process_id": p} for r in rows for p in r[5]],
        columns=["meeting_id", "process_id"],
    )
    return meetings, links


def report_meeting(
    rid: str,
    start: str,
    end: str,
    precision: str = "day",
    iso3: str = "THA",
    pids: str = "bali-process",
    title: str = "Meeting",
) -> dict:
    return {
        "report_meeting_id": rid,
        "title": title,
        "start_date": start,
        "end_date": end,
        "date_text": start,
        "date_precision": precision,
        "tentative": False,
        "location_text": "",
        "city": "",
        "venue": "",
        "iso3": iso3,
        "process_ids": pids,
        "for_all_mechanisms": False,
        "context": "action 6.4",
        "note": "",
        "source": "bali.txt",
        "source_line": 228,
        "source_lines": "228",
    }


EVENTS = pd.DataFrame(
    columns=[
        "process_id",
        "date_text",
        "start_date",
        "end_date",
        "year",
        "month",
        "title",
        "city",
        "iso3",
        "note",
        "source_line",
    ]
)
PROCESSES = pd.DataFrame(
    {"process_id": ["bali-process", "acp-eu"], "name": ["Bali Process", "ACP-EU Dialogue"]}
)


def link(meetings, links, reports, events=EVENTS):
    return link_meetings(
        meetings,
        links,
        pd.DataFrame(reports),
        events,
        PROCESSES,
        "iscm_overview.txt",
        {"bali.txt": "Bali report"},
        {"6.4": "Taskforce on Planning and Preparedness (TFPP)"},
    )


def test_a_report_meeting_the_calendar_lists_is_linked_not_added():
    meetings, links = calendar(
        ("2017-003", "2017-01-27", "2017-01-27", "day", "THA", ("bali-process",), "TFPP Meeting")
    )
    out = link(meetings, links, [report_meeting("b-01", "2017-01-27", "2017-01-27")])
    assert out.meetings == [] and out.links == []
    assert [(s["meeting_id"], s["described_id"], s["link"]) for s in out.sources] == [
        ("2017-003", "2017-003", "own row"),
        ("2017-003", "b-01", "same days"),
    ]


def test_a_report_meeting_the_calendar_lacks_is_added_with_its_own_id_and_note():
    meetings, links = calendar(
        (
            "2017-035",
            "2017-05-22",
            "2017-05-25",
            "day",
            "IDN",
            ("bali-process",),
            "Meeting of drafting committee and other events",
        )
    )
    out = link(
        meetings,
        links,
        [
            report_meeting(
                "b-05", "2017-05-25", "2017-05-25", iso3="IDN", title="3rd TIPs WG meeting"
            )
        ],
    )
    assert [(m["meeting_id"], m["calendar_year"], m["mechanism_text"]) for m in out.meetings] == [
        ("b-05", 2017, "Bali Process")
    ]
    # Not linked, but its days lie inside the calendar meeting's, which may include it.
    assert out.meetings[0]["note"] == (
        "Bali report: action 6.4 (Taskforce on Planning and Preparedness (TFPP)); its days "
        "fall within meeting 2017-035 of iscm_calendar_2017.txt ('Meeting of drafting "
        "committee and other events', 22 May-25 May 2017, same country), which may include "
        "it; neither document says so"
    )
    assert out.links == [{"meeting_id": "b-05", "process_id": "bali-process"}]


def test_a_report_meeting_of_a_year_no_calendar_covers_joins_nothing():
    meetings, links = calendar(
        ("2017-001", "2017-01-23", "2017-01-23", "day", "LKA", ("bali-process",), "SOM")
    )
    out = link(meetings, links, [report_meeting("b-26", "2018-01-01", "2018-12-31", "year")])
    assert out.meetings == [] and [s["meeting_id"] for s in out.sources] == ["2017-001"]


def test_with_two_candidates_the_title_decides_and_with_none_the_reviewer_is_warned():
    meetings, links = calendar(
        (
            "2017-023",
            "2017-04-05",
            "2017-04-05",
            "day",
            "ETH",
            ("bali-process",),
            "Steering Committee Meeting",
        ),
        (
            "2017-025",
            "2017-04-06",
            "2017-04-06",
            "day",
            "ETH",
            ("bali-process",),
            "Senior Officials' Meeting",
        ),
    )
    named = link(
        meetings,
        links,
        [
            report_meeting(
                "b-01", "2017-01-01", "2017-12-31", "year", "ETH", title="Senior Officials Meeting"
            )
        ],
    )
    assert named.sources[-1]["meeting_id"] == "2017-025" and named.warnings == []
    both = link(
        meetings,
        links,
        [
            report_meeting(
                "b-02",
                "2017-04-05",
                "2017-04-06",
                "day",
                "ETH",
                title="Steering Committee and Senior Officials Meeting",
            )
        ],
    )
    assert [m["meeting_id"] for m in both.meetings] == ["b-02"]
    assert both.warnings == [
        "bali.txt line 228 (Steering Committee and Senior Officials "
        "Meeting) could be any of 2017-023, 2017-025: kept as a meeting of "
        "its own"
    ]


def test_an_overview_event_of_a_calendar_year_is_linked_or_added():
    meetings, links = calendar(
        (
            "2017-016",
            "2017-03-21",
            "2017-03-23",
            "day",
            "GUY",
            ("acp-eu",),
            "Peer-to-peer exchange meeting",
        )
    )
    events = pd.DataFrame(
        [
            {
                "process_id": "acp-eu",
                "date_text": "March 21 – 23, 2017",
                "start_date": "2017-03-21",
                "end_date": "2017-03-23",
                "year": 2017,
                "month": 3,
                "title": "Peer-to-peer, Georgetown",
                "city": "Georgetown",
                "iso3": "GUY",
                "note": "",
                "source_line": 100,
            },
            {
                "process_id": "acp-eu",
                "date_text": "4-5 May 2017",
                "start_date": "2017-05-04",
                "end_date": "2017-05-05",
                "year": 2017,
                "month": 5,
                "title": "42nd session",
                "city": "Brussels",
                "iso3": "BEL",
                "note": "",
                "source_line": 100,
            },
            {
                "process_id": "acp-eu",
                "date_text": "May 2012",
                "start_date": "",
                "end_date": "",
                "year": 2012,
                "month": 5,
                "title": "Older",
                "city": "",
                "iso3": "",
                "note": "",
                "source_line": 100,
            },
        ]
    )
    out = link(meetings, links, [], events)
    assert [(s["meeting_id"], s["title"], s["link"]) for s in out.sources[1:]] == [
        ("2017-016", "Peer-to-peer, Georgetown", "same days"),
        ("overview-acp-eu-2017-2", "42nd session", "own row"),
    ]
    assert [(m["meeting_id"], m["start_date"], m["source"]) for m in out.meetings] == [
        ("overview-acp-eu-2017-2", "2017-05-04", "iscm_overview.txt")
    ]


def test_every_document_that_describes_a_meeting_is_in_the_vocabulary(built):
    from loaders import registry, vocabulary

    keys = {
        next(src.key for src in registry.sources() if src.matches(file))
        for file in built.tables["meeting_sources"].source
    }
    assert keys == set(vocabulary.MEETING_SOURCES)


def test_a_mechanism_named_by_two_aliases_is_listed_once() -> None:
    # "SACM" and "South American Conference on Migration" both name sacm.
    title = "Meeting of the South American Conference on Migration (SACM) with the RCM"
    assert processes_named(title, ALIASES) == ["sacm", "rcm"]


def test_a_meeting_inside_a_longer_one_may_be_part_of_it_but_is_not_linked():
    # The calendar's "Meeting of drafting committee and other events", Bali, 22-25 May, and
    # the Bali report's third TIPs WG meeting, Bali, 25 May: not the same meeting ...
    events = window("2017-05-22", "2017-05-25", iso3="IDN", title="Meeting of drafting committee")
    tips = window("2017-05-25", "2017-05-25", iso3="IDN", title="3rd TIPs WG meeting")
    assert same_meeting(events, tips) == ""
    # ... but it may be one of its "other events": only that, and only for days inside days.
    assert may_be_within(events, tips)
    assert not may_be_within(tips, events)
    assert not may_be_within(events, window("2017-05-25", "2017-05-25", iso3="THA"))
    assert not may_be_within(events, window("2017-05-25", "2017-05-25", iso3=""))
    assert not may_be_within(events, window("2017-05-25", "2017-05-25", pids=("rcm",)))
    assert not may_be_within(events, window("2017-05-01", "2017-05-31", "month", iso3="IDN"))
    assert not may_be_within(events, window("2017-05-24", "2017-05-26", iso3="IDN"))


def test_the_shipped_tips_meeting_says_which_calendar_meeting_may_include_it(built):
    meetings = built.tables["meetings"].set_index("meeting_id")
    tips = meetings.loc["bali-2017-05"]
    assert tips.title == "3rd TIPs WG meeting"
    assert "within meeting 2017-035 of iscm_calendar_2017.txt" in tips.note
    assert "neither document says so" in tips.note
    others = meetings.drop("bali-2017-05")
    assert not others.note.fillna("").str.contains("may include it").any()
