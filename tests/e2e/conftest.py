"""A live server and a real browser for end-to-end tests.

The application runs under uvicorn in a background thread on a free loopback port, on a fresh
SQLite database; the browser is Debian's chromium driven by Playwright (never a downloaded
browser). Screenshots go to ``test-output/screenshots/``. Without chromium or Playwright the
tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHITIEU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@dataclass
class LiveServer:
    base_url: str
    db_url: str
    tmp: Path
    app: object
    seeded: object

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    import uvicorn

    from pg import free_port
    from web_helpers import make_app, seed

    tmp = tmp_path_factory.mktemp("e2e")
    db_url = f"sqlite:///{tmp / 'e2e.sqlite3'}"
    app = make_app(db_url, tmp)
    seeded = seed(db_url, tmp)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", db_url, tmp, app, seeded)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"no chromium at {CHROMIUM}; install the chromium package to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: object, live_server: LiveServer) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.base_url, locale="vi-VN", viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    from web_helpers import PASSWORD

    page.context.clear_cookies()
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def upload_and_open(page, source: Path, progress_screenshot: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Upload ``source`` on the upload page, wait for its ingestion, and open the document viewer."""
    page.goto("/documents/upload")
    page.set_input_files("input[type=file]", str(source))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#job-state.job-done", timeout=120_000)
    if progress_screenshot:
        screenshot(page, progress_screenshot)
    page.click("#job-link a")
    page.wait_for_selector("#doc-text")


def screenshot(page: object, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
