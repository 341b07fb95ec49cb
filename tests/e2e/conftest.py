"""Browser tests: a real `streamlit run` server and Debian's Chromium driven by Playwright.

Set up as Streamlit's own e2e suite does (DESIGN.md §6). In CI (CI=true) a missing
Chromium is an error, never a skip.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, ROOT, app_errors, start_app, stop_app

# Screenshots are for people, not checks: written only when BODYMAP_SCREENSHOTS names a folder
# (scripts/screenshots.py takes a set of the main screens on its own).
SCREENSHOTS = Path(os.environ["BODYMAP_SCREENSHOTS"]).resolve() if os.environ.get("BODYMAP_SCREENSHOTS") else None
DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 820, "height": 1180}


# ---- offline: the browser may talk to the app on this machine and to nothing else ----------
# clinic.test: the name the patient-plan test reaches the app by; its browser maps it to 127.0.0.1.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "clinic.test"}
LOCAL_SCHEMES = {"data", "blob", "about"}
_network_logs: list[list[str]] = []  # one list per running test; every browser request lands in each


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


def _record(url: str) -> None:
    for log in _network_logs:
        log.append(url)


def record_network(context) -> None:
    """Log every request (and WebSocket) a browser context makes into the running test's log."""
    context.on("request", lambda request: _record(request.url))
    context.on("page", lambda page: page.on("websocket", lambda ws: _record(ws.url)))


class RecordingBrowser:
    """The Playwright browser, but every context made through it is recorded by `record_network`."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        record_network(context)
        return context

    def new_page(self, **kwargs):
        page = self._browser.new_page(**kwargs)  # owns its context, closed with the page
        record_network(page.context)
        page.on("websocket", lambda ws: _record(ws.url))
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def network_log():
    """Every browser test: at the end, each URL the browser asked for is on this machine."""
    log: list[str] = []
    _network_logs.append(log)
    yield log
    _network_logs.remove(log)
    foreign = sorted({url for url in log if not is_local(url)})
    assert not foreign, f"the browser reached beyond the app's own host: {foreign[:10]}"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium (scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield RecordingBrowser(browser)
        browser.close()


@pytest.fixture(scope="session")
def app_url():
    """The app's address: one server for the whole session."""
    proc, url = start_app(ROOT / "app.py")
    yield url
    log = app_errors(stop_app(proc))
    assert "Traceback" not in log, f"the app logged an exception:\n{log}"


def _new_page(browser, viewport, **kwargs):
    context = browser.new_context(viewport=viewport, **kwargs)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def page(browser):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def tablet_page(browser):
    context, page = _new_page(browser, TABLET, has_touch=True, is_mobile=True, device_scale_factor=2)
    yield page
    context.close()


def screenshot(page, name: str) -> Path | None:
    """Save what the page shows as NAME.png in $BODYMAP_SCREENSHOTS (nothing when it is unset)."""
    if SCREENSHOTS is None:
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS is not None and SCREENSHOTS.exists():
        count = len(list(SCREENSHOTS.glob("*.png")))
        terminalreporter.write_line(f"screenshots ({count}): {SCREENSHOTS}")
