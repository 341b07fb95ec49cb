"""The close-ups in real Chromium, at desktop (1280x800), tablet (820x1180, touch) and phone
(390x844, touch) size, done with taps as a user does: a region's close-up shows its muscles;
choosing a muscle fills its shape, marks its trigger points and draws its zones; tapping a
muscle's shape chooses it; the picture reads at the size people hold it."""
from __future__ import annotations

from contextlib import contextmanager

import pytest

from bodymap.render.closeup_svg import CloseupSpec, best_view, closeup_window
from bodymap.render.muscle_shapes import drawn_muscle
from bodymap.picture import muscle_overlay
from tests.e2e.conftest import DESKTOP, TABLET, screenshot
from tests.e2e.support import open_app, region_shape, settle, steady_point, wait_for_app

PHONE = {"width": 390, "height": 844}
LANDSCAPE = {"width": 1180, "height": 820}
SIZES = {"desktop": (DESKTOP, False), "tablet": (TABLET, True), "phone": (PHONE, True)}
REGIONS = ["neck", "shoulder", "elbow", "low-back", "calf"]


@contextmanager
def _page(browser, viewport: dict, touch: bool):
    """A page of its own at `viewport` (a touch screen when `touch`), closed afterwards."""
    context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        yield page
    finally:
        context.close()


def _press(locator, touch: bool) -> None:
    locator.tap() if touch else locator.click()


_POINT_ON_A_MUSCLE = """() => {
  // A point of the page where a press lands on a muscle shape of the close-up: the picture is
  // in the component's shadow root, so hit-test there.
  for (const host of document.querySelectorAll('*')) {
    const root = host.shadowRoot;
    if (!root || !root.querySelector('svg[data-view]')) continue;
    for (const group of [...root.querySelectorAll('svg[data-view] [data-muscle]')].reverse()) {
      const box = group.getBoundingClientRect();
      for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) {
        const x = box.left + box.width * i / 8, y = box.top + box.height * j / 8;
        const hit = root.elementFromPoint(x, y);
        if (hit && hit.closest('[data-muscle]') === group) return [group.dataset.muscle, x, y];
      }
    }
  }
  return null;
}"""


def _expected(content, geometry, muscle, closeup: str):
    """The zones (base area ids) and the number of trigger points the close-up draws."""
    region = content.muscles_in(muscle.region)
    spec = CloseupSpec(closeup, "right", tuple(region), muscle.id, muscle_overlay(geometry, muscle, "right"))
    view, (x0, y0, x1, y1) = closeup_window(geometry, spec)
    overlay = spec.overlay
    zones = {geometry.areas[i].area for i in overlay.essential | overlay.spillover if geometry.areas[i].view == view}
    marks = sum(1 for v, x, y, _ in overlay.trigger_points if v == view and x0 <= x <= x1 and y0 <= y <= y1)
    return zones, marks


def faint_on(content, geometry, region: str, closeup: str) -> set[str]:
    """The region's muscles drawn on a close-up's view (faintly, until one is chosen)."""
    view = geometry.window(closeup, "right")[0]
    return {m.id for m in content.muscles_in(region) if any(d.view == view for d in drawn_muscle(geometry, m))}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("region", REGIONS)
def test_a_tapped_region_and_muscle_are_drawn_on_the_closeup(browser, app_url, content, geometry, region, size):
    viewport, touch = SIZES[size]
    with _page(browser, viewport, touch) as page:
        open_app(page, app_url)
        _press(region_shape(page, region), touch)
        wait_for_app(page)
        picture = page.locator("svg[data-view]")
        picture.wait_for()
        first = content.regions[region].closeups[0]
        assert picture.get_attribute("data-view") == first
        faint = faint_on(content, geometry, region, first)
        shown = {g.get_attribute("data-muscle") for g in page.locator("svg[data-view] [data-muscle]").all()}
        assert shown == faint, "the region's muscles on this view are drawn, for orientation"
        muscle = content.muscles_in(region)[0]
        _press(page.locator(".st-key-explorer_muscles").get_by_role("button", name=muscle.name, exact=True), touch)
        wait_for_app(page)
        # A muscle opens on the picture that shows most of its pain, which is not always a view its
        # shape is on (infraspinatus: the front of the shoulder); where the shape is drawn, it is chosen.
        closeup = best_view(geometry, content.regions[region].closeups, muscle, "right")
        page.locator(f"svg[data-view='{closeup}']").first.wait_for()
        if muscle.id in faint_on(content, geometry, region, closeup):
            page.locator(f"svg[data-view] [data-muscle='{muscle.id}'].bm-chosen").first.wait_for()
        assert picture.get_attribute("data-view") == closeup
        zones, marks = _expected(content, geometry, muscle, closeup)
        drawn = {z.get_attribute("data-area") for z in page.locator("svg[data-view] [data-zone]").all()}
        assert drawn == zones
        assert page.locator("svg[data-view] [data-trp]").count() == marks + 1  # and the key's
        page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
        settle(page)
        screenshot(page, f"closeup-{region}-{size}")


@pytest.mark.parametrize("size", ["desktop", "tablet"])
def test_tapping_a_muscle_shape_chooses_it(browser, app_url, content, size):
    viewport, touch = SIZES[size]
    with _page(browser, viewport, touch) as page:
        open_app(page, f"{app_url}/?region=calf")
        page.locator("svg[data-view] [data-muscle]").first.wait_for()
        mid, x, y = steady_point(lambda: page.evaluate(_POINT_ON_A_MUSCLE), "a muscle of the close-up")
        (page.touchscreen.tap if touch else page.mouse.click)(x, y)
        target = page.locator(f"svg[data-view] [data-muscle='{mid}']")
        assert target.get_attribute("aria-pressed") == "true"  # shown at once, before the rerun
        wait_for_app(page)
        page.locator("[data-testid='stMain'] h3").filter(has_text=content.muscles[mid].name).wait_for()
        assert f"muscle={mid}" in page.url
        assert page.locator(f"svg[data-view] [data-muscle='{mid}'].bm-chosen").count() == 1


def test_a_muscle_shape_is_chosen_by_keyboard(page, app_url, content):
    open_app(page, f"{app_url}/?region=neck")
    page.locator("svg[data-view] [data-muscle]").first.wait_for()
    shape = page.locator("svg[data-view] [data-muscle]").first
    mid = shape.get_attribute("data-muscle")
    shape.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h3").filter(has_text=content.muscles[mid].name).wait_for()
    assert f"muscle={mid}" in page.url


def test_on_a_phone_the_picture_and_its_key_are_on_the_first_screen(browser, app_url):
    with _page(browser, PHONE, True) as page:
        open_app(page, f"{app_url}/?muscle=upper-trapezius")
        picture = page.locator("svg[data-view]")
        picture.wait_for()
        settle(page)
        box = picture.bounding_box()
        key = page.locator("svg[data-view] .bm-legend").bounding_box()
        # With nine regions their buttons take three rows above it; the picture must still be whole
        # and large on the first screen.
        assert box["y"] + box["height"] <= PHONE["height"], f"the picture ends {box['y'] + box['height']:.0f} px down"
        assert box["height"] >= 0.4 * PHONE["height"], f"the picture is {box['height']:.0f} px tall"
        assert key["y"] + key["height"] <= PHONE["height"], f"the key ends {key['y'] + key['height']:.0f} px down"
        assert box["width"] >= 0.85 * PHONE["width"], f"the picture is {box['width']:.0f} px wide"


def test_presenting_on_a_tablet_the_temple_zone_is_large_enough_to_point_at(browser, app_url, content, geometry):
    region = content.regions["neck"]
    temple = geometry.areas["temple-right"]
    closeup = next(c for c in region.closeups if geometry.window(c, "right")[0] == temple.view)
    with _page(browser, TABLET, True) as page:
        open_app(page, f"{app_url}/?muscle=upper-trapezius&mode=present&view={closeup}")
        zone = page.locator("svg[data-view] [data-zone][data-area='temple']")
        zone.wait_for()
        settle(page)
        box = zone.bounding_box()
        assert min(box["width"], box["height"]) >= 40, f"the temple zone is {box['width']:.0f}x{box['height']:.0f} px"
        screenshot(page, "closeup-present-temple-tablet")


def test_presenting_on_a_landscape_tablet_the_closeup_takes_most_of_the_width(browser, app_url):
    with _page(browser, LANDSCAPE, True) as page:
        open_app(page, f"{app_url}/?muscle=infraspinatus&mode=present")
        picture = page.locator("svg[data-view]")
        picture.wait_for()
        settle(page)
        # The close-up keeps its proportions inside its box; the box is the picture's room.
        room = page.locator(".st-key-explorer_closeup").bounding_box()
        assert room["width"] >= 0.6 * LANDSCAPE["width"], f"the close-up gets {room['width']:.0f} px"
        screenshot(page, "closeup-present-landscape")
