"""A fresh server's very first request to a page URL still runs through app.py.

Streamlit would treat a folder called `pages/` as a legacy multipage app and serve such a
request without app.py (no navigation, no header, no audience setting). The pages live in
`views/`, so this holds without touching Streamlit's internals.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.e2e.support import open_app, start_app, stop_app


@pytest.fixture
def fresh_server():
    """A server no browser has talked to yet."""
    proc, url = start_app(ROOT / "app.py")
    yield url
    log = stop_app(proc)
    assert "Traceback" not in log, f"the app logged an exception:\n{log}"


@pytest.mark.parametrize(("path", "title"), [("learn", "Learn about dry needling"), ("study", "Study")])
def test_first_request_to_a_page_gets_the_app_shell(page, fresh_server, path, title):
    open_app(page, f"{fresh_server}/{path}")
    expect(page.get_by_role("radiogroup", name="Show text for")).to_be_visible()
    expect(page.get_by_text("Education about dry needling, not medical advice.")).to_be_visible()
    menu = page.get_by_role("navigation", name="App pages")
    expect(menu.get_by_role("button", name="For clinicians and students")).to_be_visible()
