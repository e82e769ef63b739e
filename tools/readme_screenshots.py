"""Refresh the README's screenshots (docs/*.png) from the running app, by hand:

    python -m tools.readme_screenshots            # starts the app on a free loopback port
    python -m tools.readme_screenshots --url http://127.0.0.1:8501   # or uses a running one

Headless Chromium (/usr/bin/chromium, or $CHROMIUM) through Playwright, as the browser tests
use it. Each picture waits for its charts to be drawn and the app to be idle, never a fixed
time. Writes docs/overview.png, meetings.png, membership.png (1200×1200, standard display),
ranked.png (the overview's ranked chart) and slide.png (the meetings page in presentation mode
on a 1280×720 screen).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.proxy import running_app  # noqa: E402

DOCS = ROOT / "docs"
PLOT = ".js-plotly-plot"
WAIT_MS = 120_000
# name -> (path and query, viewport, charts to wait for, what to take: "page" or a chart title)
SHOTS = {
    "overview": ("", (1200, 1200), 3, "page"),
    "meetings": ("meetings", (1200, 1200), 3, "page"),
    "membership": ("membership", (1200, 1200), 2, "page"),
    "ranked": ("", (1200, 1200), 3, "Countries by number of mechanisms"),
    "slide": ("meetings?mode=present", (1280, 720), 3, "page"),
}


def drawn(page: Page, charts: int) -> None:
    """Wait until `charts` plotly charts are drawn and no script runs."""
    page.wait_for_selector("[data-testid='stApp']", timeout=WAIT_MS)
    page.wait_for_function(
        f"document.querySelectorAll('{PLOT} .main-svg').length >= {2 * charts}", timeout=WAIT_MS
    )
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS
    )
    page.evaluate("document.fonts.ready")
    page.mouse.move(0, 0)  # no chart toolbar shown on hover


def take(page: Page, url: str, name: str) -> Path:
    """Open the shot's page and write docs/<name>.png."""
    path, _, charts, what = SHOTS[name]
    page.goto(f"{url}/{path}")
    drawn(page, charts)
    out = DOCS / f"{name}.png"
    if what == "page":
        page.screenshot(path=str(out))
    else:
        chart = page.locator(PLOT).filter(has_text=what).first
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    """Write every screenshot in SHOTS; prints the files written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running app (default: start one on loopback)")
    args = parser.parse_args(argv)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as run_dir:
        started = running_app(Path(run_dir)) if args.url is None else nullcontext(args.url)
        with started as url, sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
            )
            for name, (_, (width, height), _, _) in SHOTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                print(take(page, url.rstrip("/"), name))
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
