"""The regions added beyond the first five, in real Chromium on a phone held upright: a tap on
the region on the whole-body map opens it, its muscles are offered as buttons and drawn on its
close-up, and a tap on a muscle draws that muscle's zones on the picture it opens on."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import _new_page, screenshot
from tests.e2e.support import open_app, point_in_target, wait_for_app

PHONE = {"width": 390, "height": 844}
# The regions this file walks, and one muscle each to tap (its main zone is on the picture it
# opens on, so the tap shows an essential zone).
NEW_REGIONS = {"hip-thigh": "rectus-femoris", "head-jaw": "temporalis", "upper-back": "iliocostalis-thoracis",
               "foot": "abductor-hallucis"}


@pytest.fixture
def phone_page(browser):
    context, page = _new_page(browser, PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    yield page
    context.close()


@pytest.mark.parametrize("region", NEW_REGIONS)
def test_a_tap_on_a_new_region_shows_its_muscles_on_a_phone(phone_page, app_url, content, region):
    page = phone_page
    open_app(page, app_url)
    x, y = point_in_target(page, region, margin=6)
    page.touchscreen.tap(x, y)
    wait_for_app(page)
    name = content.regions[region].name
    page.locator("[data-testid='stMain'] h2").filter(has_text=name).wait_for()
    assert f"region={region}" in page.url

    muscles = content.muscles_in(region)
    row = page.locator(".st-key-explorer_muscles")
    for m in muscles:
        assert row.get_by_role("button", name=m.name, exact=True).count() == 1, m.name
    # The close-up the region opens on draws its muscles as shapes a finger can press.
    first = content.regions[region].closeups[0]
    page.locator(f"[data-view='{first}']").first.wait_for()
    drawn = set(page.locator(f"[data-view='{first}'] [data-muscle]").evaluate_all(
        "els => els.map(e => e.dataset.muscle)"))
    assert drawn and drawn <= {m.id for m in muscles}, f"the muscles drawn on {first}: {drawn}"

    chosen = content.muscles[NEW_REGIONS[region]]
    row.get_by_role("button", name=chosen.name, exact=True).tap()
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h3").filter(has_text=chosen.name).wait_for()
    assert f"muscle={chosen.id}" in page.url
    page.locator("[data-zone='essential']").first.wait_for()
    shown = {a for a in page.locator("[data-zone='essential']").evaluate_all("els => els.map(e => e.dataset.area)")}
    assert set(chosen.referral.essential) & shown, f"{chosen.id}: no essential zone drawn ({shown})"
    assert page.locator("[data-trp]").count() >= 1
    screenshot(page, f"new-region-{region}-phone")
