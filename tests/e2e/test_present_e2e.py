"""Present mode on a tablet, both ways round; the share box's QR code opens the link shown."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.support import open_app, wait_for_app

TAP = 44  # px, the smallest comfortable touch target

# Every control a patient or therapist can press, including those inside the map component.
TARGETS_JS = """() => {
  const found = [];
  const visit = (root) => {
    root.querySelectorAll('button, [role=switch], input[type=checkbox], [data-testid=stExpander] summary')
      .forEach((el) => found.push(el));
    root.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) visit(el.shadowRoot); });
  };
  visit(document.querySelector('[data-testid=stMain]'));
  return found.filter((el) => el.offsetParent !== null || el.getClientRects().length).map((el) => {
    const target = el.closest('label') || el;
    const r = target.getBoundingClientRect();
    return { name: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40),
             w: r.width, h: r.height };
  });
}"""


@pytest.mark.parametrize("size", [(820, 1180), (1180, 820)], ids=["portrait", "landscape"])
def test_present_mode_on_a_tablet(browser, app_url, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_app(page, f"{app_url}/?muscle=upper-trapezius&mode=present&audience=clinician")
    page.locator(".bm-essential").first.wait_for()
    main = page.locator("[data-testid='stMain']")
    assert main.get_by_text("Needling safety").count() == 0
    assert page.get_by_text("Show text for").count() == 0  # no audience switch, no menus
    # large type: body text at 20 px
    size_px = page.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer'] p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size_px >= 19
    small = [t for t in page.evaluate(TARGETS_JS) if t["w"] < TAP or t["h"] < TAP]
    assert not small, f"tap targets under {TAP} px: {small}"
    # the close-up is large and whole on the screen
    svg = page.locator("svg[data-view]").bounding_box()
    # Upright, the muscle buttons share the screen under it (test_main_paths_e2e), and nine regions'
    # buttons take two rows above it: 452 px of 1,180 measured with the neck.
    share = 0.38 if size[0] < size[1] else 0.6
    assert svg["height"] >= share * size[1], f"the close-up is {svg['height']:.0f} px tall"
    assert svg["y"] + svg["height"] <= size[1] + 1, "the whole close-up fits on the screen"
    page.locator(".st-key-explorer_muscles").get_by_role("button", name="Levator scapulae", exact=True).tap()
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h3").filter(has_text="Levator scapulae").wait_for()
    screenshot(page, f"present-{'portrait' if size[0] < size[1] else 'landscape'}-tablet")
    context.close()
