"""The app in headless Chromium against `streamlit run` on loopback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import ARTIFACTS

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-gpu",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.mark.e2e
@pytest.mark.parametrize(("path", "shapes"), [("overview", 150), ("data", 0)])
def test_page_draws_offline(browser, app_url, path, shapes):
    outside: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(LOCAL) else None)
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector("[data-testid='stApp']", timeout=30000)
    if shapes:
        page.wait_for_function(
            f"document.querySelectorAll('path.choroplethlocation').length >= {shapes}",
            timeout=30000)
    else:
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=30000)
    page.wait_for_timeout(1000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{path}.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert outside == []
    page.close()
