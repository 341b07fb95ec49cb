"""Where does it hurt? in real Chromium: click and tap areas, read the ranked muscles, follow a link."""
from __future__ import annotations

from tests.e2e.conftest import screenshot
from tests.e2e.support import open_app, wait_for_app


def area(page, target: str):
    shape = page.locator(f"[data-target='{target}'] path")
    shape.first.wait_for()
    return shape.first


def results(page):
    return page.locator("[data-testid='stMain'] [class*='st-key-pain_result_']")


def test_click_on_the_back_view_lists_the_expected_muscle(page, app_url):
    open_app(page, f"{app_url}/pain_finder")
    area(page, "heel-left").click()
    # The browser marks the area at once; the list follows after the rerun.
    assert page.locator("[data-target='heel-left']").get_attribute("aria-pressed") == "true"
    wait_for_app(page)
    results(page).first.wait_for()
    assert "1. Soleus" in results(page).first.inner_text()
    assert "areas=heel-left" in page.url
    page.get_by_text("Red flags: when to contact your provider").wait_for()
    assert page.get_by_text("not a diagnosis").count() >= 1
    screenshot(page, "pain_finder-heel-desktop")


def test_several_areas_and_tapping_again_to_remove(page, app_url):
    open_app(page, f"{app_url}/pain_finder")
    area(page, "heel-left").click()
    wait_for_app(page)
    area(page, "calf-left").click()
    wait_for_app(page)
    page.get_by_text("You chose: Heel (left), Calf (left)").wait_for()
    names = results(page).all_inner_texts()
    assert names and names[0].startswith("1. Soleus")  # soleus covers both spots
    area(page, "heel-left").click()
    wait_for_app(page)
    page.get_by_text("You chose: Calf (left)", exact=True).wait_for()
    assert page.locator("[data-target='heel-left']").get_attribute("aria-pressed") == "false"


def test_touch_tap_on_the_back_of_the_neck(tablet_page, app_url):
    page = tablet_page
    open_app(page, f"{app_url}/pain_finder")
    page.get_by_role("radio", name="Back", exact=True).tap()
    wait_for_app(page)
    area(page, "posterior-neck-right").tap()
    wait_for_app(page)
    results(page).first.wait_for()
    assert any("Upper trapezius" in text for text in results(page).all_inner_texts())
    screenshot(page, "pain_finder-neck-tablet")


def test_one_tap_opens_the_muscle_in_the_explorer(page, app_url):
    open_app(page, f"{app_url}/pain_finder?areas=heel-left")
    results(page).first.get_by_role("link", name="Open in the body map").click()
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h3").filter(has_text="Soleus").first.wait_for()
    assert "muscle=soleus" in page.url and "side=left" in page.url


def test_screenshots_with_results(page, tablet_page, app_url):
    for name, p in (("desktop", page), ("tablet", tablet_page)):
        open_app(p, f"{app_url}/pain_finder?areas=temple-right,mastoid-right")
        results(p).first.wait_for()
        screenshot(p, f"pain_finder-temple-{name}")
