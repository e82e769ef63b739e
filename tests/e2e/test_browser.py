"""The app in headless Chromium against `streamlit run` on loopback: every page draws its
charts offline, filters travel in the URL, a map click offers the country's profile."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote_plus

import openpyxl
import pytest
from icalendar import Calendar
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from loaders import registry
from tests.conftest import ARTIFACTS
from tests.waits import WAIT_MS

# The page is idle: the script is not running and nothing on the page is left from a
# previous run; and every chart has drawn.
IDLE = (
    "document.querySelector(\"[data-testid='stApp']\")?.dataset.testScriptState"
    " === 'notRunning' && !document.querySelector(\"[data-stale='true']\")"
)
CHARTS_DRAWN = (
    "[...document.querySelectorAll(\"[data-testid='stPlotlyChart']\")]"
    ".every(chart => chart.querySelector('.main-svg'))"
)
LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")
CHOROPLETH = "path.choroplethlocation"
POINTS = "g.trace.scattergeo path.point"
BARS = ".barlayer path"

# (screenshot name, path and query, selector that must be drawn, at least how many)
PAGES = [
    ("overview", "", CHOROPLETH, 150),
    ("membership", "membership", CHOROPLETH, 150),
    ("membership-africa", "membership?region=Africa&view=Number+of+mechanisms", CHOROPLETH, 40),
    ("meetings", "meetings", BARS, 50),
    ("meetings-hosts", "meetings", POINTS, 20),
    # The meetings the RCM and Bali reports describe (13 + 3, 9 with exact days), coloured by
    # the document each is read from.
    (
        "meetings-reports",
        "meetings?source=RCM+report&source=Bali+Process+report&colour=Document+read+from",
        BARS,
        9,
    ),
    ("engagements", "engagements", POINTS, 5),
    ("country", "country?country=Mexico", CHOROPLETH, 20),
    ("mechanism-pidc", "mechanism?mechanism_profile=PIDC", POINTS, 15),
    ("mechanism-cmc", "mechanism?mechanism_profile=CMC", POINTS, 10),
    # 37 listed + Eritrea, Ethiopia, Sudan named outside the list; 28 EU + 79 ACP states.
    ("mechanism-khartoum", "mechanism?mechanism_profile=Khartoum+Process", CHOROPLETH, 40),
    ("mechanism-acp-eu", "mechanism?mechanism_profile=ACP-EU+Dialogue", CHOROPLETH, 95),
    ("documents", "documents", BARS, 6),
    ("data", "data", "[data-testid='stDataFrame']", 1),
]


@contextmanager
def visit(browser, url: str) -> Iterator[Page]:
    """A page at `url`; when the block ends without error, no request may have left
    localhost."""
    outside: list[str] = []
    page = browser.new_page(viewport={"width": 1500, "height": 2400})
    # Every wait below is on a condition, bounded by the one setting in tests/waits.py.
    page.set_default_timeout(WAIT_MS)
    page.set_default_navigation_timeout(WAIT_MS)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(LOCAL) else None)
    try:
        page.goto(url)
        page.wait_for_selector("[data-testid='stApp']")
        yield page
        assert outside == [], f"requests left the machine: {outside}"
    finally:
        page.close()


def wait_for(page: Page, selector: str, at_least: int) -> None:
    """Wait until `selector` matches at least `at_least` elements."""
    page.wait_for_function(f"document.querySelectorAll({selector!r}).length >= {at_least}")


def wait_idle(page: Page) -> None:
    """Wait until the run has finished and every chart on the page has drawn."""
    page.wait_for_function(f"({IDLE}) && ({CHARTS_DRAWN})")


@pytest.mark.e2e
@pytest.mark.parametrize(("name", "path", "selector", "at_least"), PAGES, ids=[p[0] for p in PAGES])
def test_page_draws_offline(browser, app_url, name, path, selector, at_least):
    with visit(browser, f"{app_url}/{path}") as page:
        wait_for(page, selector, at_least)
        wait_idle(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert page.locator("[data-testid='stException']").count() == 0
        body = page.inner_text("body")
        assert "nan" not in body.split(), "a missing value is shown as 'nan'"


@pytest.mark.e2e
def test_filters_stay_in_the_url_across_pages(browser, app_url):
    with visit(browser, f"{app_url}/membership?region=Africa") as page:
        wait_for(page, CHOROPLETH, 40)
        page.get_by_role("link", name="2017 meetings").first.click()
        page.wait_for_url("**/meetings?*")
        assert "region=Africa" in page.url
        wait_for(page, BARS, 3)


@pytest.mark.e2e
def test_clicking_a_country_offers_its_profile(browser, app_url):
    with visit(browser, f"{app_url}/membership?region=Africa") as page:
        wait_for(page, CHOROPLETH, 40)
        wait_idle(page)
        shapes = page.locator(CHOROPLETH)
        # The largest countries drawn (with region=Africa only African ones, none 40 px across
        # on a world map); a bounding box's centre may fall outside its country,
        # so the next one is tried.
        boxes = sorted(
            (b for i in range(shapes.count()) if (b := shapes.nth(i).bounding_box())),
            key=lambda b: -b["width"] * b["height"],
        )
        for box in boxes[:3]:
            assert box["width"] > 20 and box["height"] > 20
            centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.move(*centre)
            page.mouse.click(*centre)
            try:
                page.get_by_text("Selected:").first.wait_for(timeout=WAIT_MS // 4)
                break
            except PlaywrightTimeout:
                continue
        page.get_by_text("Selected:").first.wait_for()
        selected = page.get_by_text("Selected:").first.inner_text().removeprefix("Selected: ")
        page.get_by_role("link", name=f"Profile of {selected}").click()
        page.get_by_text("Mechanisms as member").first.wait_for()
        page.wait_for_url("**country=*")
        assert f"country={selected}" in unquote_plus(page.url)


@pytest.mark.e2e
def test_a_changed_filter_is_written_to_the_url(browser, app_url):
    with visit(browser, f"{app_url}/meetings") as page:
        wait_for(page, BARS, 50)
        before = page.locator(BARS).count()
        page.locator("[data-testid='stSelectbox']").filter(has_text="Status").locator(
            "input"
        ).click()
        page.get_by_role("option", name="Tentative (TBC) only").click()
        page.wait_for_url("**status=Tentative*")
        page.wait_for_function(f"document.querySelectorAll({BARS!r}).length < {before}")


@pytest.mark.e2e
def test_meetings_download_as_a_calendar_file(browser, app_url, tmp_path):
    with visit(browser, f"{app_url}/meetings?status=Tentative+%28TBC%29+only") as page:
        wait_for(page, BARS, 3)
        # Clicked at once, while the rest of the page may still be running: the file must come.
        with page.expect_download() as download:
            page.get_by_text("meetings with exact dates (.ics)").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert path.suffix == ".ics" and events
        assert {str(e["status"]) for e in events} == {"TENTATIVE"}


@pytest.mark.e2e
def test_every_table_downloads_as_one_workbook(browser, app_url, tmp_path):
    with visit(browser, f"{app_url}/data") as page:
        page.wait_for_selector("[data-testid='stDataFrame']")
        with page.expect_download() as download:
            page.get_by_text("Download every table (Excel workbook)").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        book = openpyxl.load_workbook(path, read_only=True)
        assert "meetings" in book.sheetnames and len(book.sheetnames) == len(registry.table_names())


@pytest.mark.e2e
def test_selecting_a_bali_action_shows_its_source_lines(browser, app_url):
    with visit(browser, f"{app_url}/documents") as page:
        wait_for(page, BARS, 6)
        grid = page.locator("[data-testid='stDataFrame']").first
        box = grid.bounding_box()
        # The grid is drawn on a canvas: click the selection box of its third row (1.3) by
        # position, below the 35-pixel header and two 35-pixel rows.
        page.mouse.click(box["x"] + 16, box["y"] + 35 + 2 * 35 + 17)
        code = page.locator("[data-testid='stCode']")
        code.wait_for(timeout=30000)
        text = code.inner_text()
        assert text.startswith("208: 1.2 Promote and expand the use of the Bali Process")
        assert "210: Joint efforts contributed to 72 persons" in text
        code.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "documents-source-lines.png"), full_page=True)
