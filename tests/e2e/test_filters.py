"""Issue 11 in the browser: region as geography, a theme through the mechanism (in the hover),
the ranked answers drawn, and a notice for a link that asks for what does not exist."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.e2e.test_browser import BARS, visit, wait_for


def figure_traces(page, title: str) -> list[dict]:
    """The plotly traces (name, y, customdata) of the chart whose title contains `title`."""
    return page.evaluate(
        """(title) => {
            const plot = [...document.querySelectorAll('.js-plotly-plot')].find(
                p => (p.layout?.title?.text || '').includes(title));
            return plot ? plot.data.map(t => ({name: t.name || '', y: t.y || [],
                                               customdata: t.customdata || []})) : [];
        }""",
        title,
    )


@pytest.mark.e2e
def test_the_ranked_answer_is_drawn_on_the_overview(browser, app_url):
    with visit(browser, f"{app_url}/") as page:
        page.get_by_text("Countries by number of mechanisms").first.wait_for(timeout=45000)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.js-plotly-plot')].some(p =>
                (p.layout?.title?.text || '').includes('Countries by number of mechanisms')
                && p.querySelectorAll('.barlayer path').length >= 20)""",
            timeout=45000,
        )
        chart = (
            page.locator(".js-plotly-plot")
            .filter(has_text="Countries by number of mechanisms")
            .first
        )
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        ARTIFACTS.mkdir(exist_ok=True)
        chart.screenshot(path=str(ARTIFACTS / "overview-ranked.png"))
        traces = figure_traces(page, "Countries by number of mechanisms")
        # Spain: the most mechanisms as a member (the overview lists it in 14).
        assert traces and traces[0]["y"][0] == "Spain"


@pytest.mark.e2e
def test_region_asia_draws_the_bali_process_and_its_theme_hover(browser, app_url):
    url = f"{app_url}/meetings?region=Asia&theme=Labour+migration"
    with visit(browser, url) as page:
        wait_for(page, BARS, 5)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.js-plotly-plot')].some(p =>
                (p.layout?.title?.text || '').includes('by mechanism'))""",
            timeout=45000,
        )
        traces = figure_traces(page, "by mechanism")
        rows = {y for t in traces for y in t["y"] if y}
        assert "Abu Dhabi Dialogue" in rows
        hovers = [h for t in traces for h in t["customdata"] if isinstance(h, str)]
        colombo = [h for h in hovers if "Colombo" in h]
        assert colombo and all("Labour migration (via mechanism)" in h for h in colombo)
        page.screenshot(path=str(ARTIFACTS / "meetings-asia-labour.png"), full_page=True)
    with visit(browser, f"{app_url}/meetings?region=Asia") as page:
        wait_for(page, BARS, 20)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.js-plotly-plot')].some(p =>
                (p.layout?.title?.text || '').includes('by mechanism'))""",
            timeout=45000,
        )
        rows = {y for t in figure_traces(page, "by mechanism") for y in t["y"] if y}
        assert "Bali Process" in rows


@pytest.mark.e2e
def test_a_link_to_a_mechanism_that_does_not_exist_says_so(browser, app_url):
    with visit(browser, f"{app_url}/mechanism?mechanism_profile=Nonexistent") as page:
        page.get_by_text("No mechanism called 'Nonexistent'").wait_for(timeout=45000)
        assert page.get_by_text("Budapest Process").count() == 0
        page.screenshot(path=str(ARTIFACTS / "mechanism-not-found.png"), full_page=True)
