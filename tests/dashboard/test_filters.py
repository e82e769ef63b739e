"""Issue 11, points 1, 2, 3 and 5: region is geography, a theme reaches meetings through their
mechanism, ranked answers, and a notice for what a link asked for that does not exist.

Expected values come from the sources: the overview's participant lists (who is where), the
2017 calendar's rows (which meeting belongs to which mechanism), and UN M49 for where a country
lies; counts are recounted from the built tables, never from the dashboard's own answers."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data
from dashboard.filters import Filters
from dashboard.views import meetings as meetings_view
from dashboard.views import membership as membership_view
from dashboard.views import overview as overview_view
from tests.dashboard.test_pages import open_page, texts

PARTICIPANTS = ["member", "observer", "partner"]


def frame_with(at, column: str) -> pd.DataFrame:
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


# ---------------------------------------------------------------- 1. region as geography


def test_region_asia_takes_in_the_bali_process_the_overview_files_under_others():
    # The overview files the Bali Process and the IGC under "Others"; the Bali Process lists
    # Indonesia, Thailand, …, the IGC Australia and New Zealand.
    asia = data.selected_processes(regions=("Asia",))
    assert "bali-process" in asia
    assert "bali-process" in data.selected_processes(regions=("South-eastern Asia",))
    assert "igc" in data.selected_processes(regions=("Oceania",))
    assert "igc" not in asia
    by_heading = data.selected_processes(headings=("Asia and Oceania",))
    assert "bali-process" not in by_heading and "igc" not in by_heading


def test_region_africa_takes_in_the_rabat_and_khartoum_processes():
    # Both are inter-regional forums in the overview; Morocco is a Rabat member and Egypt a
    # Khartoum member, both in M49's Northern Africa.
    for place in ("Africa", "Northern Africa"):
        picked = data.selected_processes(regions=(place,))
        assert {"rabat-process", "khartoum-process"} <= set(picked)


def test_mechanisms_with_no_country_list_are_in_every_regions_scope_and_say_why():
    # The overview: GFMD "Open to all UN Member States", HLD "Open to all UN member and
    # observer states", IDMs "open to all IOM member and observer states"; the Tripoli Process
    # lists "European Union, African Union 53 member countries", IRFMA only regional bodies.
    assert data.without_country_list() == {
        "tripoli-process": data.NO_COUNTRY_LIST,
        "irfma": data.NO_COUNTRY_LIST,
        "gfmd": data.OPEN_TO_ALL,
        "hld": data.OPEN_TO_ALL,
        "idm": data.OPEN_TO_ALL,
    }
    polynesia = data.selected_processes(regions=("Polynesia",))
    assert set(data.without_country_list()) <= set(polynesia)
    note = Filters(regions=("Polynesia",)).scope_note()
    assert "GFMD, UN HLD, IDM (open to all: in every region's scope)" in note
    assert "Tripoli Process" in note and "(no country list: in every region's scope)" in note


def test_named_participants_count_and_guests_do_not():
    # Mauritania sits on MIDWA's steering committee but is not in its list of 15; the US and
    # the Netherlands were invited to a CMC meeting (guests).
    assert "midwa" in data.processes_reaching(("MRT",))
    assert "cmc" not in data.processes_reaching(("NLD",))


def test_maps_show_only_the_countries_of_the_region(built):
    countries = built.tables["countries"].set_index("iso3")
    view = membership_view.membership_view(
        Filters(regions=("Northern Africa",)), tuple(PARTICIPANTS)
    )
    shown = set(view.by_country.iso3)
    assert shown and set(countries.loc[list(shown), "sub_region"]) == {"Northern Africa"}
    assert "MAR" in shown  # Morocco: Rabat Process, 5+5 Dialogue, …
    assert set(view.memberships.iso3) == shown
    ranked = overview_view.overview_view(Filters(regions=("Asia",))).ranked
    assert set(countries.loc[list(ranked.iso3), "region"]) == {"Asia"}


def test_region_asia_includes_the_bali_process_meetings_on_the_meetings_page():
    # Calendar lines 8, 12, 13, 18, 21 and 48: six Bali Process meetings in the 2017 calendar.
    at = open_page("meetings", region=["Asia"], source=["ISCM calendar"])
    assert not at.exception
    table = frame_with(at, "From")  # the table of every meeting (the undated one has no dates)
    assert table.Mechanism.str.contains("Bali Process").sum() == 6
    ranked = frame_with(at, "Rank").set_index("Mechanism")
    assert ranked.loc["Bali Process", "Meetings"] == 6
    # With every document, the Bali report's own 2017 meetings join them.
    everything = frame_with(open_page("meetings", region=["Asia"]), "From")
    assert everything.Mechanism.str.contains("Bali Process").sum() > 6


def test_a_mechanism_in_scope_only_for_having_no_country_list_is_labelled_on_the_timeline():
    view = meetings_view.meetings_view(Filters(regions=("Oceania",)))
    labels = set(view.dated.mechanism)
    # The calendar lists IDM and GFMD meetings; both are open to all.
    assert {"IDM (open to all)", "GFMD (open to all)"} & labels
    assert not {"IDM", "GFMD"} & labels


# ---------------------------------------------------------------- 2. theme through the mechanism


def test_a_meeting_takes_its_mechanisms_theme_and_says_so():
    # Calendar line 6: Senior Officials' Meeting, Colombo, of the Abu Dhabi Dialogue, whose
    # name in the overview says "Contractual Labour"; the meeting's own title says nothing
    # about labour.
    reasons = data.theme_reasons(("labour",))
    assert reasons["2017-001"] == "via mechanism: Abu Dhabi Dialogue (Labour migration)"
    long = data.meetings_long().set_index("meeting_id")
    assert "Labour migration (via mechanism)" in long.loc["2017-001", "themes"]


def test_a_meeting_for_all_iscms_has_only_its_own_themes(built):
    m = built.tables["meetings"]
    for_all = set(m.loc[m.for_all_mechanisms, "meeting_id"])
    themes = data.meeting_themes()
    assert for_all and set(themes.loc[themes.meeting_id.isin(for_all), "via"]) <= {data.OWN_TEXT}


def test_asia_and_labour_migration_finds_the_abu_dhabi_dialogue_in_colombo():
    at = open_page("meetings", region=["Asia"], theme=["Labour migration"])
    assert not at.exception
    table = frame_with(at, "Theme found in")
    colombo = table[table.Mechanism.eq("Abu Dhabi Dialogue") & table.Place.str.contains("Colombo")]
    assert len(colombo) == 2  # calendar lines 6 and 7: 23 and 24 January
    assert set(colombo["Theme found in"]) == {
        "via mechanism: Abu Dhabi Dialogue (Labour migration)"
    }
    # The count the page states is what it lists, split as the column says.
    own = int(table["Theme found in"].eq("own text").sum())
    assert f"**{len(table)} meetings**" in texts(at)
    assert any(
        c.value.startswith(f"Theme Labour migration: {own} meeting")
        and f"{len(table) - own} meetings through" in c.value
        for c in at.caption
    )


def test_the_overview_counts_the_same_meetings_as_the_meetings_page():
    chosen = Filters(regions=("Asia",), themes=("labour",))
    overview = overview_view.overview_view(chosen)
    listed = meetings_view.meetings_view(chosen).meetings
    assert overview.headline[data.meetings_title()] == len(listed)


# ---------------------------------------------------------------- 3. ranked answers


def test_countries_are_ranked_by_mechanisms_with_ties_sharing_a_rank(built):
    m = built.tables["memberships"]
    expected = m[m.role == "member"].groupby("iso3").process_id.nunique()
    ranked = data.countries_ranked(tuple(built.tables["processes"].process_id), ("member",))
    assert dict(zip(ranked.iso3, ranked.mechanisms, strict=True)) == expected.to_dict()
    assert ranked.mechanisms.is_monotonic_decreasing
    assert ranked.iloc[0].mechanisms == expected.max() and ranked.iloc[0]["rank"] == 1
    for _, tied in ranked.groupby("mechanisms"):
        assert tied["rank"].nunique() == 1


def test_the_chart_shows_the_first_ranks_with_their_ties_but_no_wall_of_bars(monkeypatch):
    monkeypatch.setattr(data, "RANKED_TOP", 2)
    monkeypatch.setattr(data, "RANKED_MOST", 4)
    ranked = pd.DataFrame({"rank": [1, 2, 2, 4, 5]})
    assert list(data.top_ranks(ranked)["rank"]) == [1, 2, 2]
    wide_tie = pd.DataFrame({"rank": [1, 2, 2, 2, 2, 6]})
    assert list(data.top_ranks(wide_tie)["rank"]) == [1]


def test_the_overview_and_membership_pages_show_the_ranked_answer(built):
    m = built.tables["memberships"]
    members = m[m.role == "member"].groupby("iso3").process_id.nunique()
    at = open_page("overview")
    ranked = frame_with(at, "Rank")
    assert len(ranked) == len(members)
    assert ranked.iloc[0].Mechanisms == members.max()
    at = open_page("membership", view="Number of mechanisms")
    side = frame_with(at, "Rank")  # the table beside the map: countries, not memberships
    assert side.Country.is_unique


def test_headline_figures_follow_the_filters_and_say_so(built):
    at = open_page("overview", kind=["Global processes"])
    values = {x.label: x.value for x in at.metric}
    p = built.tables["processes"]
    assert values["Mechanisms"] == str(int((p.kind == "Global").sum()))
    # Engagements belong to no mechanism kind: their figure stays the total, and the caption
    # under the figures says so.
    assert values["USCIS engagements"] == str(len(built.tables["engagements"]))
    assert any(
        c.value == "Figures for the filters: global processes. The USCIS engagements figure "
        "does not follow the mechanism kind filter (few engagements belong to a mechanism)."
        for c in at.caption
    )
    at = open_page("overview")
    assert {x.label: x.value for x in at.metric}["Mechanisms"] == str(len(p))


def test_the_meetings_page_ranks_mechanisms_by_their_meetings(built):
    mp = built.tables["meeting_processes"]
    expected = mp.groupby("process_id").meeting_id.nunique()
    ranked = data.mechanisms_ranked(data.meetings_long())
    assert dict(zip(ranked.process_id, ranked.meetings, strict=True)) == expected.to_dict()


# ---------------------------------------------------------------- 5. say what the link asked for


@pytest.mark.parametrize(
    ("page", "query", "notice"),
    [
        (
            "mechanism",
            {"mechanism_profile": "Nonexistent"},
            "No mechanism called 'Nonexistent': pick one above.",
        ),
        ("country", {"country": "XXX"}, "No country called 'XXX': pick one above."),
        ("overview", {"region": ["Narnia"]}, "No region called 'Narnia': left out of the filters."),
        ("meetings", {"theme": ["Dragons"]}, "No theme called 'Dragons': left out of the filters."),
    ],
)
def test_a_url_value_that_is_not_an_option_is_named(page, query, notice):
    at = open_page(page, **query)
    assert not at.exception
    assert notice in [w.value for w in at.warning]


def test_a_profile_that_cannot_be_found_shows_no_other_one():
    at = open_page("mechanism", mechanism_profile="Nonexistent")
    assert at.selectbox(key="mechanism_profile").value is None
    assert not any("Budapest" in s.value for s in at.subheader)
    at.selectbox(key="mechanism_profile").set_value("pidc").run()
    assert not at.warning
    assert any("Pacific Immigration" in s.value for s in at.subheader)


def test_the_notice_stays_until_the_filter_changes():
    at = open_page("membership", region=["Narnia", "Asia"])
    assert at.multiselect(key="region").value == ["Asia"]
    at.radio(key="view").set_value("Number of mechanisms").run()
    assert "No region called 'Narnia': left out of the filters." in [w.value for w in at.warning]
    at.multiselect(key="region").set_value(["Africa"]).run()
    assert not at.warning


def test_an_old_colouring_in_a_link_is_named():
    # "Mechanism region" was the overview heading's name before region meant geography.
    at = open_page("meetings", colour="Mechanism region")
    assert "No colouring called 'Mechanism region': coloured by overview heading." in [
        w.value for w in at.warning
    ]
