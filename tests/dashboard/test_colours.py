"""Every category keeps its colour under different filters: each chart that colours by a
category is drawn through its page (AppTest) under two filters that leave different sets of
categories, and a category named in both legends has the same colour in both."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import palette
from tests.dashboard.test_pages import open_page


def trace_colour(trace: dict) -> str | None:
    """The one colour a trace is drawn in: a bar's or marker's colour, or a choropleth's
    one-colour scale."""
    scale = trace.get("colorscale")
    if trace.get("type") == "choropleth" and scale:
        return scale[0][1]
    colour = (trace.get("marker") or {}).get("color")
    return colour if isinstance(colour, str) else None


def legend(at: AppTest, title: str) -> dict[str, str]:
    """name -> colour of the legend entries of the first chart whose title matches `title` (a
    regular expression, from the start)."""
    specs = [json.loads(element.proto.spec) for element in at.get("plotly_chart")]
    titles = [spec["layout"]["title"]["text"].removeprefix("<b>") for spec in specs]
    spec = next((s for s, t in zip(specs, titles, strict=True) if re.match(title, t)), None)
    assert spec is not None, f"no chart titled {title!r}; the page shows {titles}"
    return {
        t["name"]: trace_colour(t)
        for t in spec["data"]
        if t.get("showlegend", True) and t.get("name") is not None and trace_colour(t) is not None
    }


def both_legends(
    page: str,
    title: str,
    first: Callable[[AppTest], None],
    second: Callable[[AppTest], None],
    **query: str,
) -> tuple[dict, dict]:
    at = open_page(page, **query)
    first(at)
    at.run()
    assert not at.exception
    a = legend(at, title)
    second(at)
    at.run()
    assert not at.exception
    return a, legend(at, title)


def set_widget(kind: str, key: str, value) -> Callable[[AppTest], None]:
    return lambda at: getattr(at, kind)(key=key).set_value(value)


RCP = set_widget("multiselect", "kind", ["RCP"])
IRF = set_widget("multiselect", "kind", ["IRF"])
GLOBAL = set_widget("multiselect", "kind", ["Global"])
ALL = set_widget("multiselect", "kind", [])

# (page, chart title, first filter, second filter, URL query of the page's own choices)
CASES = {
    "timeline by region": ("meetings", "2017 meetings", RCP, ALL, {}),
    "timeline by theme": ("meetings", "2017 meetings", RCP, GLOBAL, {"colour": "Theme"}),
    "timeline by date": ("meetings", "2017 meetings", RCP, GLOBAL, {"colour": "Date known to"}),
    "host map by region": ("meetings", "Where the", RCP, IRF, {}),
    "meetings by month": ("overview", "2017 meetings", RCP, GLOBAL, {}),
    "membership by role": ("membership", "Membership", RCP, IRF, {}),
    "engagements by frequency": (
        "engagements",
        "Engagements .*by (office|frequency)",
        set_widget("multiselect", "office", ["APAC"]),
        set_widget("multiselect", "office", ["ASY", "EMEA"]),
        {},
    ),
    "bali actions by status": (
        "documents",
        "Bali Process actions",
        set_widget("multiselect", "bali_status", ["completed", "ongoing"]),
        set_widget("multiselect", "bali_status", ["ongoing", "planned"]),
        {},
    ),
    "participants by role": (
        "mechanism",
        "Who takes part",
        set_widget("selectbox", "mechanism_profile", "budapest-process"),
        set_widget("selectbox", "mechanism_profile", "almaty-process"),
        {},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_category_keeps_its_colour_under_two_filters(case):
    page, title, first, second, query = CASES[case]
    a, b = both_legends(page, title, first, second, **query)
    # The two filters leave different categories, with some in common: a colour given by
    # position in the legend would move.
    assert set(a) != set(b) and set(a) & set(b), (a, b)
    assert {n: a[n] for n in set(a) & set(b)} == {n: b[n] for n in set(a) & set(b)}
    # Within one chart, no two categories share a colour (nothing fell back to grey twice).
    for shown in (a, b):
        assert len(set(shown.values())) == len(shown), shown


def test_every_theme_has_its_own_colour():
    assert len(set(palette.THEME_COLOURS.values())) == len(palette.THEME_COLOURS)
    assert palette.GREY not in palette.THEME_COLOURS.values()


def test_every_month_precision_the_overview_draws_has_a_colour(built):
    from dashboard import data

    assert set(data.meetings_per_month().dated) <= set(palette.DATED_COLOURS)


# A UN M49 region and the overview heading whose words agree with it.
SAME_WORDS = {
    "Africa": "Africa",
    "Americas": "Americas and Caribbean",
    "Asia": "Asia and Oceania",
    "Europe": "Europe and the former Soviet Union",
}


def test_the_meetings_page_gives_a_region_one_colour_on_its_map_and_its_timeline():
    # Review 11: blue was Africa on the host map (M49) and Europe on the timeline (headings).
    at = open_page("meetings")
    assert not at.exception
    hosts, timeline = legend(at, "Where the"), legend(at, "2017 meetings")
    shared = {r: h for r, h in SAME_WORDS.items() if r in hosts and h in timeline}
    assert set(shared) == set(SAME_WORDS)  # all four continents host a 2017 meeting
    assert {r: hosts[r] for r in shared} == {r: timeline[h] for r, h in shared.items()}
    # Oceania has no heading of its own: its colour is none of the headings'.
    assert palette.COUNTRY_REGION_COLOURS["Oceania"] not in palette.REGION_COLOURS.values()
    assert palette.COUNTRY_REGION_COLOURS["Oceania"] != palette.GREY
