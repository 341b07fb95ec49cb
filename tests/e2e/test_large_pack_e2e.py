"""A region of 475 muscles in real Chromium: the Study cards finish loading and page through.

Drawn in one run, that many cards (~6,000 page elements) filled Streamlit's queue of 500
unsent messages for the browser, the server gave up on it, and the page stayed "running"
for good. AppTest has no such queue, so only a real browser shows it.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bodymap.study import CARDS_PER_PAGE as N
from tests.conftest import ROOT
from tests.e2e.support import open_app, start_app, stop_app, wait_for_app
from tests.test_make_pack import make_pack

MUSCLES = 475


@pytest.fixture(scope="module")
def crowded_url(tmp_path_factory):
    pack = tmp_path_factory.mktemp("crowded") / "content"
    make_pack.make_pack(pack, regions=1, muscles=MUSCLES, seed=11)
    proc, url = start_app(ROOT / "app.py", {"BODYMAP_CONTENT_DIR": str(pack)})
    yield url
    log = stop_app(proc)
    assert "Traceback" not in log, log


def test_study_cards_of_a_475_muscle_region_load_and_page(page, crowded_url):
    open_app(page, f"{crowded_url}/study?tab=cards")
    page.get_by_text(f"Synthetic region 1: {MUSCLES} muscles").wait_for()
    wait_for_app(page)  # the run finished: before paging, the browser was dropped long before this
    cards = page.locator("[class*='st-key-card_']")
    expect(cards).to_have_count(N)
    pager = page.locator(".st-key-cards_pager_top")
    first_of_last = (MUSCLES - 1) // N * N + 1
    pager.get_by_role("combobox").click()
    page.keyboard.type(f"{first_of_last}")  # the list of pages is long: typing narrows it, as a user would
    page.get_by_role("option", name=f"Cards {first_of_last}–{MUSCLES} of {MUSCLES}").click()
    wait_for_app(page)
    page.locator(f".st-key-card_muscle-{MUSCLES:04d}").wait_for()
    expect(cards).to_have_count(MUSCLES - first_of_last + 1)
    pager.get_by_role("button", name="Previous").click()
    wait_for_app(page)
    page.locator(f".st-key-card_muscle-{first_of_last - N:04d}").wait_for()
