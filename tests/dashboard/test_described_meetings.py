"""The meetings only the reports and the overview describe, on the pages that show meetings:
hosts, profiles, the meetings page (its "Listed in" filter and colouring) and the timeline.

Expected values are read from the sources (tests/loaders/truth/report_meetings.csv and
data/raw): the RCM working group met in Mexico City on 6–7 July 2017 (RCM report, lines 1 and
3); the Bali report describes 13 meetings of 2017, two of them the calendar's (the TFPP in
Bangkok on 27 January, line 8; the RBDES workshop on 23–24 February, line 18); the RCM report
three, one of them the calendar's SACM–RCM consultation of 30 March (line 29)."""

from __future__ import annotations

import json

import pandas as pd

from tests.dashboard.test_pages import open_page, texts


def table_with(at, *columns: str) -> pd.DataFrame:
    """The first table on the page that has all of `columns`."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_mexico_hosts_the_rcm_working_group():
    at = open_page("country", country="Mexico")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["2017 meetings hosted"] == "1"  # the calendar lists none in Mexico
    hosted = table_with(at, "Listed in")
    assert hosted[["Meeting", "Date as written", "Place", "Listed in"]].values.tolist() == [
        [
            "Fourth Meeting of the Ad-Hoc Working Group on Extra-Regional Migrants",
            "6 -7 July, 2017",
            "Mexico City, Mexico",
            "RCM report",
        ]
    ]


def test_indonesia_hosts_the_bali_reports_meetings_and_the_calendars():
    at = open_page("country", country="Indonesia")
    hosted = table_with(at, "Listed in").set_index("Date as written")
    # Calendar line 48 (Bali, 22-25 May); the report's lines 206, 210, 226 and 228.
    assert hosted.loc["May 22-25, 2017", "Listed in"] == "ISCM calendar"
    assert hosted.loc["25 May 2017", "Meeting"] == "3rd TIPs WG meeting"
    assert hosted.loc["18-20 July 2017", "Place"] == "JCLEC"
    assert hosted.loc["13 October 2017", "Meeting"] == "Consultation Mechanism"
    assert hosted.loc["18-19 May 2017", "Meeting"] == "Second meeting of the TFPP"
    assert set(hosted["Listed in"]) == {"ISCM calendar", "Bali Process report"}


def test_a_calendar_meeting_a_report_describes_too_is_listed_once_with_both():
    at = open_page("meetings")
    table = table_with(at, "Listed in", "From")
    tfpp = table[table["Date as written"] == "January 27, 2017"]
    assert tfpp[["Meeting", "Listed in"]].values.tolist() == [
        [
            "Task Force on Planning and Preparedness (Consultative Mechanism) Meeting",
            "ISCM calendar; Bali Process report",
        ]
    ]
    assert not table.Meeting.str.contains("First meeting of the TFPP").any()
    assert "**76 meetings**" in texts(at)


def test_listed_in_keeps_the_meetings_a_document_describes():
    at = open_page("meetings", source="Bali Process report")
    assert not at.exception
    assert "**13 meetings**" in texts(at)
    assert set(table_with(at, "Listed in", "From")["Listed in"]) == {
        "Bali Process report",
        "ISCM calendar; Bali Process report",
    }
    at = open_page("meetings", source=["RCM report", "IOM overview (past events)"])
    # RCM: 2 of its own and 2017-019; overview: ACP-EU's Council of its own and the
    # calendar's lines 14, 24, 35 and 43.
    assert "**8 meetings**" in texts(at)


def test_the_summary_says_how_many_meetings_other_documents_add():
    at = open_page("meetings")
    assert (
        "14 of them known only from other documents than the calendar (Bali Process "
        "report 11, RCM report 2, IOM overview (past events) 1)"
    ) in texts(at)


def test_the_timeline_says_where_a_meeting_is_listed_and_colours_by_document():
    at = open_page("meetings", colour="Document read from")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    hovers = json.dumps([t.get("customdata") for t in spec["data"]])
    assert "Fourth Meeting of the Ad-Hoc Working Group" in hovers
    assert "Listed in: RCM report" in hovers
    assert "Listed in: ISCM calendar; Bali Process report" in hovers
    legend = {t["name"] for t in spec["data"] if t.get("showlegend") is not False}
    assert {
        "ISCM calendar",
        "RCM report",
        "Bali Process report",
        "IOM overview (past events)",
    } <= legend
    # The source line names every document the drawn meetings are read from.
    layout = json.dumps(spec["layout"]).replace("<br>", " ")  # the source line is wrapped
    assert (
        "IOM, 2017 calendar of meetings of inter-state consultation mechanisms on "
        "migration; RCM report; Bali Process report; IOM overview (past events)"
    ) in layout


def test_the_bali_process_profile_lists_each_meeting_once_and_the_reports_other_years():
    at = open_page("mechanism", mechanism_profile="Bali Process")
    assert not at.exception
    meetings = table_with(at, "Listed in")
    assert "3rd TIPs WG meeting" in set(meetings.Meeting)
    assert not meetings.Meeting.str.contains("First meeting of the TFPP").any()
    # The 7th Global RCP Meeting (calendar line 70) is for all ISCMs: said once, as such.
    assert not meetings.Meeting.str.contains("Global RCP Meeting").any()
    captions = "\n".join(c.value for c in at.caption)
    assert "For all ISCMs, not Bali Process's own: October 10-11, 2017, 7th Global RCP" in captions
    other = table_with(at, "Report")
    # Lines 212 (RILON, May 2016) and 228 (the TFPP will meet again in 2018).
    assert {"RILON meeting", "TFPP"} <= set(other.Meeting)
    assert set(other.Report) == {"Bali Process report"}


def test_a_past_event_that_is_a_2017_meeting_is_listed_with_the_meetings_not_twice():
    at = open_page("mechanism", mechanism_profile="Rabat Process")
    meetings = table_with(at, "Listed in").set_index("Date as written")
    assert meetings.loc["May 2-3, 2017", "Listed in"] == (
        "ISCM calendar; IOM overview (past events)"
    )
    events = next(m.value for m in at.markdown if m.value.startswith("- **"))
    assert "2-3 May 2017" not in events and "8-9 February 2017" not in events
    captions = "\n".join(c.value for c in at.caption)
    assert "(2 more are 2017 meetings and listed above with them)" in captions


def test_a_past_event_the_calendar_lacks_is_a_2017_meeting_of_its_own():
    at = open_page("mechanism", mechanism_profile="ACP-EU Dialogue")
    meetings = table_with(at, "Listed in").set_index("Date as written")
    assert meetings.loc["4-5 May 2017", "Listed in"] == "IOM overview (past events)"
    assert meetings.loc["4-5 May 2017", "Meeting"].startswith(
        "42nd session of the ACP-EU Council of Ministers"
    )
