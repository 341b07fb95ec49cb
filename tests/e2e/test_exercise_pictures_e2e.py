"""Exercise pictures on a phone: side by side with captions, a slow loop started and paused
from the keyboard, and still pictures for a device that asks for less motion."""
from __future__ import annotations

import pytest

from bodymap.render.exercise_strip import SECONDS_PER_FRAME

from tests.e2e.conftest import screenshot
from tests.e2e.support import open_app, wait_for_app
from tests.e2e.dom import AXE

PHONE = {"width": 390, "height": 844}
EXERCISE = "Slow heel drops off a step"

VISIBLE_FRAMES = """(root) => [...root.querySelectorAll('figure')]
  .filter((f) => parseFloat(getComputedStyle(f).opacity) > 0.5).length"""


def open_card(browser, app_url, **context_options):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2,
                                  **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    open_app(page, f"{app_url}/?region=calf")
    page.get_by_role("tab", name="Exercises").click()
    wait_for_app(page)
    page.get_by_text(EXERCISE).click()
    wait_for_app(page)
    block = page.locator(".bx-ex[data-exercise='eccentric-heel-drop']")
    block.wait_for()
    return context, page, block


def test_pictures_show_side_by_side_with_captions_on_a_phone(browser, app_url):
    context, page, block = open_card(browser, app_url)
    pictures = block.locator("figure img")
    assert pictures.count() == 5
    for i in range(5):
        image = pictures.nth(i)
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert image.get_attribute("alt").startswith(f"{EXERCISE}, picture {i + 1} of 5: ")
        box = image.bounding_box()
        assert 140 <= box["width"] <= 170  # about 160 CSS px
    assert block.locator("figcaption").first.inner_text().startswith("1. Balls of both feet")
    first, second = pictures.nth(0).bounding_box(), pictures.nth(1).bounding_box()
    assert first["y"] == second["y"], "two pictures to a row on a phone"
    block.scroll_into_view_if_needed()
    screenshot(page, "exercise-pictures-phone")
    context.close()


def test_play_and_pause_from_the_keyboard(browser, app_url):
    context, page, block = open_card(browser, app_url)
    play = block.locator("input.bx-play")
    play.focus()
    page.keyboard.press("Space")
    assert play.is_checked()
    assert block.locator(".bx-play-btn").inner_text().startswith("■ Stop")
    page.wait_for_function(f"() => ({VISIBLE_FRAMES})(document.querySelector('.bx-ex')) === 1")
    pause_button = block.locator(".bx-pause-btn")
    assert pause_button.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('bx-pause')")
    page.keyboard.press("Space")
    states = block.locator("figure").evaluate_all("fs => fs.map(f => getComputedStyle(f).animationPlayState)")
    assert set(states) == {"paused"}
    assert pause_button.inner_text().startswith("▶ Go on")
    block.scroll_into_view_if_needed()
    screenshot(page, "exercise-pictures-playing-phone")
    context.close()


def test_reduced_motion_keeps_the_pictures_still(browser, app_url):
    context, _, block = open_card(browser, app_url, reduced_motion="reduce")
    assert not block.locator(".bx-play-btn").is_visible()
    assert block.locator(".bx-still-note").is_visible()
    assert block.evaluate(VISIBLE_FRAMES) == 5
    context.close()


@pytest.mark.parametrize("playing", [False, True], ids=["still", "playing"])
def test_no_serious_axe_violations_in_the_pictures(browser, app_url, playing):
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing: run `npm ci --prefix tests`")
    context, page, block = open_card(browser, app_url)
    if playing:
        block.locator("input.bx-play").check()
        # Held in the middle of the first picture's turn: a picture fading in or out is half
        # transparent, and axe would measure its caption's contrast at that moment.
        page.evaluate("""(ms) => document.getAnimations().forEach((a) => { a.pause(); a.currentTime = ms; })""",
                      SECONDS_PER_FRAME * 1000 / 2)
    page.add_script_tag(path=str(AXE))
    # Only the pictures block: the rest of the page is checked by test_accessibility_e2e.py.
    violations = page.evaluate("""async () => {
      const result = await axe.run(document.querySelector('.bx-ex'), { resultTypes: ['violations'] });
      return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
        .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
    }""")
    context.close()
    assert violations == []
