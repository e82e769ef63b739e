"""Slides and phones in headless Chromium: in presentation mode each chart fits one
1280×720 (or 1920×1080) screen under a compact header and keeps its PNG button; a clicked
country's links stay in view with the map readable; on a 390×844 phone the timeline keeps
every mechanism's label and titles wrap. Screenshots land in test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page

from dashboard import data
from tests.conftest import ARTIFACTS
from tests.e2e.test_browser import CHOROPLETH, LOCAL, wait_for
from tests.waits import WAIT_MS

HEADER = 60  # Streamlit's header band, drawn over the top of the page as it scrolls
PLOT = ".js-plotly-plot"
# Playwright's iPhone 12: a 390×844 screen, a phone's User-Agent, touch.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 14_2 like Mac OS X) "
    "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.3 "
    "Mobile/15E148 Safari/604.1",
}


@contextmanager
def screen(browser, url: str, width: int = 1280, height: int = 720, **options) -> Iterator[Page]:
    """A page of the given size at `url`; no request may leave localhost."""
    outside: list[str] = []
    page = browser.new_page(**({"viewport": {"width": width, "height": height}} | options))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(LOCAL) else None)
    try:
        page.goto(url)
        page.wait_for_selector("[data-testid='stApp']", timeout=WAIT_MS)
        yield page
        assert outside == [], f"requests left the machine: {outside}"
    finally:
        page.close()


def drawn(page: Page, charts: int) -> None:
    """Wait until `charts` plotly charts have drawn their plot, and no script is running."""
    page.wait_for_function(
        f"document.querySelectorAll('{PLOT} .main-svg').length >= {2 * charts}", timeout=WAIT_MS
    )
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS
    )


def box(page: Page, selector: str, n: int = 0) -> dict:
    found = page.locator(selector).nth(n).bounding_box()
    assert found is not None, selector
    return found


def show_at_top(page: Page, n: int) -> dict:
    """Scroll chart n to the top of the screen, just under Streamlit's header; its box."""
    page.locator(PLOT).nth(n).evaluate(
        "(e, header) => { e.scrollIntoView({block: 'start'});"
        " document.querySelector('[data-testid=\"stMain\"]').scrollBy(0, -header); }",
        HEADER,
    )
    page.wait_for_function(
        f"(() => {{ const r = document.querySelectorAll('{PLOT}')[{n}]"
        f".getBoundingClientRect(); return Math.abs(r.top - {HEADER}) < 2; }})()",
        timeout=WAIT_MS,
    )
    return box(page, PLOT, n)


def text_edges(page: Page, n: int) -> dict:
    """Where chart n's title block and source line reach, relative to the chart: the top of
    its title, the right edge of its title, subtitle and annotations (the source line), in
    pixels; and its category labels' smallest font."""
    return (
        page.locator(PLOT)
        .nth(n)
        .evaluate(
            """e => {
          const r = e.getBoundingClientRect();
          const boxes = s => [...e.querySelectorAll(s)].map(t => t.getBoundingClientRect())
                                                        .filter(b => b.width > 0);
          const titles = boxes('.gtitle, .gtitle-subtitle');
          const fonts = [...e.querySelectorAll('.ytick text')]
                          .map(t => parseFloat(getComputedStyle(t).fontSize));
          return {top: Math.min(...boxes('.gtitle').map(b => b.top)) - r.top,
                  right: Math.max(...titles.concat(boxes('.annotation')).map(b => b.right))
                         - r.left,
                  width: r.width,
                  label_font: fonts.length ? Math.min(...fonts) : null};
        }"""
        )
    )


# (page, path, how many charts it draws in presentation mode, charts whose labels may be
# smaller than a slide's 12 pixels: the timeline's, one row per mechanism)
SLIDES = [
    ("overview", "", 2, ()),
    ("meetings", "meetings", 2, (0,)),
    ("membership", "membership", 1, ()),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("name", "path", "charts", "small"), SLIDES, ids=[s[0] for s in SLIDES])
def test_each_chart_fits_one_1280x720_slide(browser, app_url, name, path, charts, small):
    with screen(browser, f"{app_url}/{path}?mode=present") as page:
        drawn(page, charts)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"slide-{name}.png"))
        # The compact header leaves the first chart whole on the first screen.
        first = box(page, PLOT)
        assert first["y"] + first["height"] <= 720, first
        assert page.locator("h1").count() == 0
        for n in range(page.locator(PLOT).count()):
            shown = show_at_top(page, n)
            assert shown["y"] + shown["height"] <= 720, (n, shown)
            page.screenshot(path=str(ARTIFACTS / f"slide-{name}-{n + 1}.png"))
            # Read from across a room: category labels (ranked bars, the shared members'
            # heatmap) at least 12 pixels.
            edges = text_edges(page, n)
            if edges["label_font"] is not None and n not in small:
                assert edges["label_font"] >= 12, (n, edges)


@pytest.mark.e2e
def test_the_timeline_fits_a_1920x1080_slide(browser, app_url):
    with screen(
        browser, f"{app_url}/meetings?mode=present&screen=1920x1080", width=1920, height=1080
    ) as page:
        drawn(page, 2)
        timeline = box(page, PLOT)
        assert timeline["y"] + timeline["height"] <= 1080
        # The slide is the bigger screen's: taller than any chart on a 1280×720 slide.
        assert timeline["height"] > 720
        page.screenshot(path=str(ARTIFACTS / "slide-meetings-1920x1080.png"))


@pytest.mark.e2e
def test_presentation_mode_keeps_the_png_button(browser, app_url, tmp_path):
    with screen(browser, f"{app_url}/?mode=present", accept_downloads=True) as page:
        wait_for(page, CHOROPLETH, 150)
        chart = page.locator(PLOT).first
        chart.hover()
        buttons = chart.locator(".modebar-btn")
        assert [buttons.nth(i).get_attribute("data-title") for i in range(buttons.count())] == [
            "Download plot as a PNG"
        ]
        with page.expect_download(timeout=WAIT_MS) as download:
            buttons.first.click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        head = path.read_bytes()[:24]
        assert path.name == "mechanisms-per-country-all-mechanisms-members-only.png"
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        # 1600×900 at scale 2: a 16:9 slide.
        assert (int.from_bytes(head[16:20]), int.from_bytes(head[20:24])) == (3200, 1800)


@pytest.mark.e2e
def test_a_clicked_country_keeps_the_map_readable_and_its_links_in_view(browser, app_url):
    with screen(browser, f"{app_url}/membership?region=Africa&mode=present") as page:
        wait_for(page, CHOROPLETH, 40)
        drawn(page, 1)
        # A country whose middle is its own (not a sea inside its box), in view.
        x, y = page.evaluate(
            f"""() => {{
              for (const p of document.querySelectorAll('{CHOROPLETH}')) {{
                const r = p.getBoundingClientRect();
                const x = r.x + r.width / 2, y = r.y + r.height / 2;
                const own = new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse());
                if (r.width > 30 && r.height > 30 && y > {HEADER} && y < 700
                    && p.isPointInFill(own)) return [x, y];
              }}
            }}"""
        )
        # plotly selects the point it hovers: hover first, click once its label shows.
        page.mouse.move(x, y)
        page.locator(".hoverlayer .hovertext").first.wait_for(timeout=WAIT_MS)
        page.mouse.click(x, y)
        link = page.get_by_role("link", name="Profile of")
        link.wait_for(timeout=WAIT_MS)
        found = link.bounding_box()
        assert found is not None and found["y"] >= HEADER and found["y"] + found["height"] <= 720
        # The other countries fade a little, not to plotly's pale default.
        page.wait_for_function(
            f"[...document.querySelectorAll('{CHOROPLETH}')]"
            ".some(p => getComputedStyle(p).opacity !== '1')",
            timeout=WAIT_MS,
        )
        faded = page.eval_on_selector_all(
            CHOROPLETH, "ps => ps.map(p => parseFloat(getComputedStyle(p).opacity))"
        )
        assert min(faded) >= 0.6 and max(faded) == 1
        page.screenshot(path=str(ARTIFACTS / "slide-membership-clicked.png"))


@pytest.mark.e2e
def test_on_a_phone_the_timeline_keeps_every_label_and_titles_wrap(browser, app_url):
    dated = data.meetings_long()
    mechanisms = set(dated.loc[dated.start.notna(), "mechanism"])
    with screen(browser, f"{app_url}/meetings", **PHONE) as page:
        drawn(page, 2)
        # A label's lines joined by a space ("IRFMA (Pan- African Forum)").
        shown = page.locator(PLOT).first.evaluate(
            """e => [...e.querySelectorAll('.yaxislayer-above .ytick text')].map(t => {
                 const lines = [...t.querySelectorAll('tspan.line')];
                 return lines.length ? lines.map(l => l.textContent).join(' ')
                                     : t.textContent; })"""
        )
        assert len(shown) == len(mechanisms)
        assert {s.replace("- ", "-") for s in shown} == mechanisms
        for n in range(page.locator(PLOT).count()):
            show_at_top(page, n)
            # Title, subtitle and source line whole: none starts above the chart or ends
            # past its right edge.
            edges = text_edges(page, n)
            assert edges["top"] >= 0 and edges["right"] <= edges["width"], (n, edges)
            page.screenshot(path=str(ARTIFACTS / f"phone-meetings-{n + 1}.png"))
        # "Where the 2017 meetings take place" is wider than a phone: on two lines.
        assert page.locator(PLOT).nth(1).locator(".gtitle tspan.line").count() >= 2


# Pages whose charts carry titles of two and three lines on a phone (a map with its colour bar
# above it; a ranked chart; a country's map).
PHONE_PAGES = [("overview", "", 3), ("country-mexico", "country?country=Mexico", 1)]


@pytest.mark.e2e
@pytest.mark.parametrize(("name", "path", "charts"), PHONE_PAGES, ids=[p[0] for p in PHONE_PAGES])
def test_on_a_phone_every_title_and_source_line_is_whole(browser, app_url, name, path, charts):
    with screen(browser, f"{app_url}/{path}", **PHONE) as page:
        drawn(page, charts)
        for n in range(page.locator(PLOT).count()):
            show_at_top(page, n)
            edges = text_edges(page, n)
            page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{n + 1}.png"))
            assert edges["top"] >= 0 and edges["right"] <= edges["width"], (n, edges)
