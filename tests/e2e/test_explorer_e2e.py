"""The explorer in real Chromium: mouse, touch and keyboard open each region; zones draw."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.support import open_app, region_shape, wait_for_app

REGIONS = {"neck": "Neck", "shoulder": "Shoulder", "elbow": "Elbow", "low-back": "Low back", "calf": "Lower leg"}


def panel_heading(page, name: str):
    return page.locator("[data-testid='stMain'] h2").filter(has_text=name)


def deep_focus(page) -> str | None:
    return page.evaluate(
        """() => { let el = document.activeElement;
                   while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
                   return el && el.dataset ? el.dataset.target || el.dataset.choice || null : null; }"""
    )


@pytest.mark.parametrize("region", REGIONS)
def test_mouse_click_opens_the_region(page, app_url, region):
    open_app(page, app_url)
    region_shape(page, region).click()
    # The highlight is drawn in the browser before the server answers (and stays on the
    # overview that replaces the whole body once it has: then the region is there twice).
    assert page.locator(f"[data-target='{region}']").first.get_attribute("aria-pressed") == "true"
    wait_for_app(page)
    panel_heading(page, REGIONS[region]).wait_for()
    assert f"region={region}" in page.url


@pytest.mark.parametrize("region", REGIONS)
def test_touch_tap_opens_the_region(tablet_page, app_url, region):
    open_app(tablet_page, app_url)
    region_shape(tablet_page, region).tap()
    wait_for_app(tablet_page)
    expect(panel_heading(tablet_page, REGIONS[region])).to_be_visible()
    assert f"region={region}" in tablet_page.url


@pytest.mark.parametrize("region", REGIONS)
def test_keyboard_tab_and_enter_open_the_region(page, app_url, content, region):
    open_app(page, app_url)
    page.get_by_role("radio", name="Student", exact=True).focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if deep_focus(page) == region:
            break
    else:
        pytest.fail(f"Tab never reached the {region} region")
    page.keyboard.press("Enter")
    wait_for_app(page)
    panel_heading(page, REGIONS[region]).wait_for()
    # The whole body gives way to the region's close-up: focus stays in the picture, on the
    # close-up's view buttons that took the map's place (or the region on the small overview).
    first = content.regions[region].closeups[0]
    page.wait_for_function("() => document.activeElement !== document.body")
    assert deep_focus(page) in (region, first), "focus stays in the picture after the panel opens"


def test_muscle_buttons_work_by_keyboard_and_toggle_off(page, app_url):
    open_app(page, f"{app_url}/?region=calf")
    button = page.locator(".st-key-explorer_muscles").get_by_role("button", name="Soleus", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h3").filter(has_text="Soleus").wait_for()
    assert "muscle=soleus" in page.url
    assert page.locator("[data-zone='essential']").count() > 0
    page.keyboard.press("Space")  # focus stayed on the button across the rerun
    wait_for_app(page)
    page.wait_for_function("() => !location.search.includes('muscle=')")
    assert page.locator("[data-zone='essential']").count() == 0


def test_space_also_presses_a_region(page, app_url):
    open_app(page, app_url)
    page.locator("[data-target='calf']").focus()
    page.keyboard.press(" ")
    wait_for_app(page)
    panel_heading(page, "Lower leg").wait_for()


def test_choosing_a_muscle_draws_its_referral_zone(page, app_url, content, geometry):
    open_app(page, f"{app_url}/?region=neck")
    assert page.locator("[data-zone='essential']").count() == 0
    muscle = content.muscles["levator-scapulae"]
    choice = page.locator(".st-key-explorer_muscles").get_by_role("button", name=muscle.name, exact=True)
    choice.click()
    assert choice.get_attribute("aria-pressed") == "true"  # shown at once, before the rerun
    wait_for_app(page)
    page.locator("[data-zone='essential']").first.wait_for()
    zones = page.locator("[data-view] [data-zone='essential']")
    drawn = {zones.nth(i).get_attribute("data-area") for i in range(zones.count())}
    assert drawn and drawn <= set(muscle.referral.essential)
    assert page.locator("[data-view] [data-trp]").count() >= 1
    assert page.get_by_text("Usually felt", exact=True).count() == 1  # the key under the picture
    assert "muscle=levator-scapulae" in page.url
    screenshot(page, "explorer-muscle-desktop")


def test_deep_link_restores_the_view_and_a_reload_keeps_it(page, app_url, content):
    open_app(page, f"{app_url}/?muscle=infraspinatus&view=shoulder-front&side=left&audience=clinician")
    panel_heading(page, "Shoulder").wait_for()
    picture = page.locator("svg[data-view]")
    picture.wait_for()
    assert picture.get_attribute("data-view") == "shoulder-front" and picture.get_attribute("data-side") == "left"
    sides = {z.get_attribute("data-side") for z in page.locator("[data-view] [data-zone]").all()}
    assert sides == {"left"}
    assert page.get_by_text("Needling safety.").count() == 1
    page.reload()
    wait_for_app(page)
    panel_heading(page, "Shoulder").wait_for()
    page.locator("svg[data-view]").wait_for()
    assert page.locator("svg[data-view]").get_attribute("data-view") == "shoulder-front"
    assert "muscle=infraspinatus" in page.url and "audience=clinician" in page.url


def test_unknown_link_values_show_a_notice_not_a_crash(page, app_url):
    open_app(page, f"{app_url}/?region=%3Cimg%20src=x%20onerror=alert(1)%3E&view=sideways")
    notices = page.locator("[data-testid='stAlert']").all_text_contents()
    assert any("the view “sideways”" in n for n in notices)
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    region_shape(page, "calf").click()
    wait_for_app(page)
    panel_heading(page, "Lower leg").wait_for()

