"""No silent loss (ui/body_map/shared.js): a press made while the server is stalled or down is
applied once it answers again, and meanwhile the page says that it is waiting; never the old
view with no word. Each test runs its own server, which it stops (SIGSTOP) or kills."""
from __future__ import annotations

import os
import re
import signal

import pytest
from playwright.sync_api import expect

from tests.e2e.support import ROOT, open_app, start_app, stop_app, wait_for_app

NOTE = "#bm-press-note"


@pytest.fixture
def own_app():
    """A server of its own: (process, url), and a way to start it again on the same port."""
    proc, url = start_app(ROOT / "app.py")
    servers = [proc]

    def restart():
        port = int(url.rsplit(":", 1)[1])
        servers.append(start_app(ROOT / "app.py", port=port)[0])

    yield servers, url, restart
    for server in servers:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGCONT)
            stop_app(server)


def _choose(page, muscle: str) -> None:
    page.locator(f".st-key-explorer_muscles [data-choice='{muscle}']").click()


def _shown(page, muscle: str, name: str, timeout: float = 15_000) -> None:
    expect(page).to_have_url(re.compile(rf"[?&]muscle={muscle}(&|$)"), timeout=timeout)
    expect(page.locator("[data-testid='stMain'] h3").first).to_have_text(name, timeout=timeout)


def test_a_press_while_the_server_is_stalled_says_so_and_is_applied_after(page, own_app):
    servers, url, _restart = own_app
    open_app(page, f"{url}/?region=neck")
    _choose(page, "upper-trapezius")
    _shown(page, "upper-trapezius", "Upper trapezius")
    wait_for_app(page)
    os.kill(servers[0].pid, signal.SIGSTOP)
    try:
        _choose(page, "levator-scapulae")
        # The page says it is waiting (after 1.5 s of no answer), while the server stays stopped.
        expect(page.locator(NOTE)).to_contain_text("Waiting for the app", timeout=10_000)
        page.wait_for_timeout(3_000)
        expect(page.locator(NOTE)).to_be_visible()
    finally:
        os.kill(servers[0].pid, signal.SIGCONT)
    _shown(page, "levator-scapulae", "Levator scapulae", timeout=30_000)
    expect(page.locator(NOTE)).to_have_count(0)
    expect(page.locator("[data-choice='levator-scapulae']")).to_have_attribute("aria-pressed", "true")


def test_a_press_while_the_server_is_down_is_applied_when_it_is_back(page, own_app):
    servers, url, restart = own_app
    open_app(page, f"{url}/?region=neck")
    _choose(page, "upper-trapezius")
    _shown(page, "upper-trapezius", "Upper trapezius")
    wait_for_app(page)
    servers[0].kill()
    servers[0].wait()
    _choose(page, "scalenes")  # the browser draws it at once; the server is gone
    expect(page.locator(NOTE)).to_contain_text("Waiting for the app", timeout=10_000)
    restart()
    # The page reconnects by itself, and the press is sent again and applied: the newest one.
    _shown(page, "scalenes", "Scalenes", timeout=90_000)
    expect(page.locator(NOTE)).to_have_count(0)
    expect(page.locator(".st-key-explorer_muscles [data-choice][aria-pressed='true']")).to_have_count(1)
