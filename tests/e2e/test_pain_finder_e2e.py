"""Where does it hurt? in real Chromium: choose a body part, tap areas on its close-up, read
the ranked muscles, follow a link; and on a phone and a tablet every area is a target of at
least 44 x 44 CSS px on some close-up."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bodymap.render.closeup_svg import MIN_TARGET_PX, PHONE_FRAME, TABLET_FRAME
from bodymap.geometry import load_geometry
from bodymap.lookup import body_parts, has_two_sides, part_showing, picture_of_area
from tests.conftest import shipped_content
from tests.e2e.conftest import screenshot
from tests.e2e.support import open_app, settle, wait_for_app

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}
DEVICES = {"phone": (PHONE, PHONE_FRAME), "tablet": (TABLET, TABLET_FRAME)}


@pytest.fixture
def touch_page(browser, request):
    """A touch screen page of the size named by the test's `device` parameter."""
    viewport, _frame = DEVICES[request.param]
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def area(page, target: str):
    shape = page.locator(f"[data-target='{target}'] path")
    shape.first.wait_for()
    return shape.first


def results(page):
    return page.locator("[data-testid='stMain'] [class*='st-key-pain_result_']")


def closeup(page):
    """The close-up picture on the page (the whole body has no data-view)."""
    return page.locator("[data-testid='stMain'] svg.bm-closeup")


def press(locator, touch: bool) -> None:
    locator.tap() if touch else locator.click()


def body_part(page, label: str, touch: bool = False) -> None:
    press(page.locator(".st-key-pain_parts [data-choice]").filter(has_text=label).first, touch)
    wait_for_app(page)


def show(page, closeup_id: str, side: str, touch: bool = False) -> None:
    """Open one of the body part's pictures from the row under it, then its side from the
    side row (a picture that is the same on both sides has no side row)."""
    if closeup(page).get_attribute("data-view") != closeup_id:
        press(page.locator(f".st-key-pain_pictures [data-choice^='{closeup_id}|']"), touch)
        wait_for_app(page)
        expect(closeup(page)).to_have_attribute("data-view", closeup_id, timeout=30_000)
    if has_two_sides(load_geometry(), closeup_id) and closeup(page).get_attribute("data-side") != side:
        press(page.locator(f".st-key-pain_sides [data-choice='{side}']"), touch)
        wait_for_app(page)
        expect(closeup(page)).to_have_attribute("data-side", side, timeout=30_000)


def chosen(page, target: str) -> bool:
    return page.locator(f"[data-target='{target}']").first.get_attribute("aria-pressed") == "true"


def test_a_tap_on_the_whole_body_opens_the_close_up_where_the_heel_is_chosen(page, app_url):
    open_app(page, f"{app_url}/pain_finder")
    assert closeup(page).count() == 0
    area(page, "heel-left").click()  # on the whole body: opens the close-up that shows the heel biggest
    wait_for_app(page)
    closeup(page).wait_for()
    assert not chosen(page, "heel-left")
    area(page, "heel-left").click()
    # The browser marks the area at once; the list follows after the rerun.
    assert chosen(page, "heel-left")
    wait_for_app(page)
    results(page).first.wait_for()
    assert "1. Soleus" in results(page).first.inner_text()
    assert "areas=heel-left" in page.url and "view=" in page.url
    page.get_by_text("Red flags: when to contact your provider").wait_for()
    assert page.get_by_text("not a diagnosis").count() >= 1
    settle(page)
    screenshot(page, "pain_finder-heel-desktop")


def test_several_areas_and_tapping_again_to_remove(page, app_url):
    open_app(page, f"{app_url}/pain_finder?view=leg-back&side=left")
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
    assert not chosen(page, "heel-left")


def test_chosen_areas_stay_chosen_across_body_parts(page, app_url):
    open_app(page, f"{app_url}/pain_finder?view=leg-back&side=left")
    area(page, "heel-left").click()
    wait_for_app(page)
    body_part(page, "Head and neck")
    assert closeup(page).get_attribute("data-view").startswith("neck-")
    show(page, "neck-back", "left")
    area(page, "posterior-neck-left").click()
    wait_for_app(page)
    page.get_by_text("You chose: Heel (left), Back of the neck (left)").wait_for()
    assert "heel-left" in page.url and "posterior-neck-left" in page.url
    body_part(page, "Calf")
    assert chosen(page, "heel-left")
    # The text list holds the same choice, for people who do not use the picture.
    chips = page.locator("[data-testid='stMultiSelect'] [data-tag]").evaluate_all(
        "els => [...new Map(els.map((e) => [e.dataset.tagIndex, e.getAttribute('aria-label')])).values()]")
    assert chips == ["Heel (left)", "Back of the neck (left)"]


def test_keyboard_chooses_an_area_on_the_close_up(page, app_url):
    open_app(page, f"{app_url}/pain_finder?view=leg-back&side=left")
    page.locator("[data-target='heel-left']").first.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_text("You chose: Heel (left)", exact=True).wait_for()
    assert chosen(page, "heel-left")


def test_touch_tap_on_the_back_of_the_neck(tablet_page, app_url):
    page = tablet_page
    open_app(page, f"{app_url}/pain_finder")
    body_part(page, "Head and neck", touch=True)
    show(page, "neck-back", "right", touch=True)
    area(page, "posterior-neck-right").tap()
    wait_for_app(page)
    results(page).first.wait_for()
    assert any("Upper trapezius" in text for text in results(page).all_inner_texts())
    page.locator(".st-key-pain_picture").scroll_into_view_if_needed()
    settle(page)
    screenshot(page, "pain_finder-neck-tablet")


def test_one_tap_opens_the_muscle_in_the_explorer(page, app_url):
    open_app(page, f"{app_url}/pain_finder?areas=heel-left")
    results(page).first.get_by_role("link", name="Open in the body map").click()
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h3").filter(has_text="Soleus").first.wait_for()
    assert "muscle=soleus" in page.url and "side=left" in page.url


def test_screenshots_with_results(page, tablet_page, app_url):
    for name, p in (("desktop", page), ("tablet", tablet_page)):
        open_app(p, f"{app_url}/pain_finder?areas=temple-right,mastoid-right&view=neck-back")
        results(p).first.wait_for()
        settle(p)
        screenshot(p, f"pain_finder-temple-{name}")



def test_a_long_list_shows_ten_and_a_tap_shows_the_rest(tablet_page, app_url):
    page = tablet_page
    open_app(page, f"{app_url}/pain_finder?areas=sacroiliac-right,front-shoulder-right")
    page.get_by_text("15 muscles may refer pain here", exact=True).wait_for()
    expect(results(page)).to_have_count(10)
    page.get_by_role("button", name="Show all 15 muscles").tap()
    wait_for_app(page)
    expect(results(page)).to_have_count(15)
    assert page.get_by_role("button", name="Show all 15 muscles").count() == 0
    assert results(page).last.inner_text().startswith("15. ")

# --- every area is a target a finger can hit, on a phone and on a tablet -----------------

# Each [data-target] group's box on screen, cut to the close-up's window (what lies outside it
# is not drawn), and the window's own box.
_MEASURE = """(svg) => {
  const m = svg.getScreenCTM();
  const r = svg.querySelector('clipPath rect');
  const at = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y; return p.matrixTransform(m); };
  const a = at(+r.getAttribute('x'), +r.getAttribute('y'));
  const b = at(+r.getAttribute('x') + +r.getAttribute('width'), +r.getAttribute('y') + +r.getAttribute('height'));
  const win = [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)];
  const targets = [...svg.querySelectorAll('[data-target]')].map((g) => {
    const box = g.getBoundingClientRect();
    const w = Math.min(box.right, win[2]) - Math.max(box.left, win[0]);
    const h = Math.min(box.bottom, win[3]) - Math.max(box.top, win[1]);
    return [g.dataset.target, Math.max(0, w), Math.max(0, h)];
  });
  return { view: svg.dataset.view, side: svg.dataset.side, window: [win[2] - win[0], win[3] - win[1]], targets };
}"""


def _pictures(page) -> list[str]:
    """The picture buttons of the body part shown (none when it has only one picture)."""
    return page.locator(".st-key-pain_pictures [data-choice]").evaluate_all("els => els.map(e => e.dataset.choice)")


@pytest.mark.parametrize("touch_page", list(DEVICES), indirect=True)
def test_every_area_is_a_44_px_target_on_a_close_up(touch_page, app_url, request):
    page, device = touch_page, request.node.callspec.params["touch_page"]
    frame = DEVICES[device][1]
    geometry = load_geometry()
    open_app(page, f"{app_url}/pain_finder")
    page.locator(".st-key-pain_parts [data-choice]").first.wait_for()
    labels = page.locator(".st-key-pain_parts [data-choice]").evaluate_all(
        "els => els.filter(e => e.dataset.choice !== 'body').map(e => e.textContent)")
    assert labels, "no body part buttons"
    best: dict[str, tuple[float, float]] = {}
    small_pictures: list[str] = []
    parts = {p.label: p for p in body_parts(shipped_content(), geometry)}
    for label in labels:
        body_part(page, label, touch=True)
        # The part's own close-up is drawn before its pictures row is read (not the last part's).
        expect(closeup(page)).to_have_attribute(
            "data-view", re.compile("^(" + "|".join(map(re.escape, parts[label].closeups)) + ")$"), timeout=30_000)
        pictures = _pictures(page)
        assert len(pictures) <= 4, f"{label}: {len(pictures)} picture buttons"
        walk = [(p.split("|")[0], s) for p in pictures or [None] if p
                for s in (("right", "left") if p.split("|")[1] else ("",))] or [(None, "")]
        for view, side in walk:
            if view is not None:
                # Measured once this picture is the one drawn (a loaded machine may be a run behind).
                show(page, view, side, touch=True)
            svg = closeup(page)
            page.locator(".st-key-pain_picture").scroll_into_view_if_needed()
            settle(page)
            found = svg.evaluate(_MEASURE)
            # The picture gets its frame's room: the window as big as the frame allows.
            view, box = geometry.window(found["view"], found["side"])
            expected = min(frame[0] / (box[2] - box[0]), frame[1] / (box[3] - box[1])) * (box[2] - box[0])
            if found["window"][0] < 0.95 * expected:
                small_pictures.append(f"{found['view']} ({found['side']}): {found['window'][0]:.0f} px wide, "
                                      f"expected about {expected:.0f}")
            for target, w, h in found["targets"]:
                if min(w, h) > min(best.get(target, (0, 0))):
                    best[target] = (w, h)
            screenshot(page, f"pain_finder-{device}-{found['view']}-{found['side']}")
    assert not small_pictures, f"{device}: close-ups smaller than their frame: {small_pictures}"
    missing = sorted(set(geometry.areas) - set(best))
    small = {iid: f"{w:.0f}x{h:.0f}" for iid, (w, h) in sorted(best.items()) if min(w, h) < MIN_TARGET_PX}
    assert not missing and not small, (
        f"{device}: areas on no close-up: {missing}; areas below {MIN_TARGET_PX}x{MIN_TARGET_PX} px "
        f"on every close-up (best size): {small}")


@pytest.mark.parametrize("touch_page", list(DEVICES), indirect=True)
def test_a_tap_on_the_heel_chooses_the_heel_not_the_sole(touch_page, app_url, request):
    page, device = touch_page, request.node.callspec.params["touch_page"]
    geometry = load_geometry()
    closeup_id, side = picture_of_area(geometry, "heel-left")
    part = part_showing(body_parts(shipped_content(), geometry), closeup_id)
    open_app(page, f"{app_url}/pain_finder")
    press(page.locator(f".st-key-pain_parts [data-choice='{part.id}']"), touch=True)
    wait_for_app(page)
    show(page, closeup_id, side, touch=True)
    heel = page.locator("[data-target='heel-left']").first
    heel.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the app's top bar
    settle(page)
    box = heel.bounding_box()
    assert min(box["width"], box["height"]) >= MIN_TARGET_PX, box
    # A tap a little above the heel's middle: the old whole-body map picked the sole there.
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.35)
    wait_for_app(page)
    page.get_by_text("You chose: Heel (left)", exact=True).wait_for()
    assert chosen(page, "heel-left") and not chosen(page, "sole-left")
    results(page).first.wait_for()
    assert "Soleus" in results(page).first.inner_text()
    page.locator(".st-key-pain_picture").scroll_into_view_if_needed()
    settle(page)
    screenshot(page, f"pain_finder-heel-{device}")
