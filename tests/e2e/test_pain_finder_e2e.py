"""Where does it hurt? in real Chromium: choose a body part, tap areas on its close-up, read
the ranked muscles, follow a link; and on a phone and a tablet every area is a target of at
least 44 x 44 CSS px on some close-up."""
from __future__ import annotations


import pytest
from playwright.sync_api import expect

from bodymap.render.closeup_svg import MIN_TARGET_PX, PHONE_FRAME, TABLET_FRAME, target_size
from bodymap.geometry import load_geometry
from bodymap.lookup import body_parts, part_showing, picture_of_area, rank_muscles
from tests.conftest import shipped_content
from tests.e2e.conftest import screenshot
from tests.e2e.pain_finder import area, body_part, chosen, closeup, drawn, press, results, show
from tests.e2e.support import open_app, settle, steady_point, wait_for_app

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
    drawn(page, [c for c in load_geometry().closeups if c.startswith("neck-")])
    show(page, "neck-back", "left")
    area(page, "posterior-neck-left").click()
    wait_for_app(page)
    page.get_by_text("You chose: Heel (left), Back of the neck (left)").wait_for()
    assert "heel-left" in page.url and "posterior-neck-left" in page.url
    body_part(page, "Lower leg")
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
    drawn(page, [c for c in load_geometry().closeups if c.startswith("neck-")])
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



def test_a_long_list_shows_ten_and_a_tap_shows_the_rest(tablet_page, app_url):
    page = tablet_page
    areas = ["sacroiliac-right", "front-shoulder-right"]
    n = len(rank_muscles(shipped_content(), areas, load_geometry()))  # grows with the content
    assert n > 10
    open_app(page, f"{app_url}/pain_finder?areas={','.join(areas)}")
    page.get_by_text(f"{n} muscles may refer pain here", exact=True).wait_for()
    expect(results(page)).to_have_count(10)
    page.get_by_role("button", name=f"Show all {n} muscles").tap()
    wait_for_app(page)
    expect(results(page)).to_have_count(n)
    assert page.get_by_role("button", name=f"Show all {n} muscles").count() == 0
    assert results(page).last.inner_text().startswith(f"{n}. ")


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


def _sizes(geometry, frame) -> dict[str, tuple[str, str, float]]:
    """Per area instance, the picture (close-up, side) where the geometry makes it the largest
    target in `frame`, and that size (the smaller of width and height, CSS px)."""
    out = {}
    for iid, shape in geometry.areas.items():
        sizes = {c: min(target_size(geometry, iid, c, frame)) for c in geometry.closeups}
        best = max(sizes, key=sizes.get)
        out[iid] = (best, shape.side, sizes[best])
    return out


def _clipped(geometry, iid: str, box, scale: float) -> tuple[float, float]:
    """Area instance `iid`'s size (CSS px) in window `box` drawn at `scale` px per map unit:
    its shape's box cut to the window, as `target_size` measures it."""
    rings = geometry.areas[iid].rings
    xs, ys = [x for ring in rings for x, _ in ring], [y for ring in rings for _, y in ring]
    return ((min(max(xs), box[2]) - max(min(xs), box[0])) * scale, (min(max(ys), box[3]) - max(min(ys), box[1])) * scale)


def _sample(parts, sizes, smallest: int = 6) -> list[tuple[str, str]]:
    """The pictures the browser walk measures: each body part's first picture, and the pictures
    of the `smallest` areas with the least room over 44 px (where a drawing error shows first)."""
    tight = sorted(sizes.values(), key=lambda best: best[2])[:smallest]
    return list(dict.fromkeys([(p.closeups[0], None) for p in parts] + [(c, side) for c, side, _ in tight]))


@pytest.mark.parametrize("touch_page", list(DEVICES), indirect=True)
def test_every_area_is_a_44_px_target_on_a_close_up(touch_page, app_url, request):
    """Every area is a target of at least 44 x 44 px on the picture where it is biggest: from
    the geometry for every area, and in the browser on a sample of pictures (each body part's
    first, reached by a tap, and those of the tightest areas), where the picture gets its
    frame's room and each target is drawn at least as big as the geometry says."""
    page, device = touch_page, request.node.callspec.params["touch_page"]
    frame = DEVICES[device][1]
    geometry = load_geometry()
    sizes = _sizes(geometry, frame)
    small = {iid: f"{size:.0f} px on {c}" for iid, (c, _side, size) in sizes.items() if size < MIN_TARGET_PX}
    assert not small, f"{device}: areas below {MIN_TARGET_PX} px on every close-up: {small}"
    parts = body_parts(shipped_content(), geometry)
    open_app(page, f"{app_url}/pain_finder")
    page.locator(".st-key-pain_parts [data-choice]").first.wait_for()
    walked, problems = set(), []
    for closeup_id, side in _sample(parts, sizes):
        part = part_showing(parts, closeup_id)
        if closeup(page).count() == 0 or closeup(page).get_attribute("data-view") not in part.closeups:
            body_part(page, part.label, touch=True)
            drawn(page, part.closeups)
        if side is not None:
            show(page, closeup_id, side, touch=True)
        page.locator(".st-key-pain_picture").scroll_into_view_if_needed()
        settle(page)
        found = closeup(page).evaluate(_MEASURE)
        walked.add((found["view"], found["side"]))
        # The picture gets its frame's room: the window as big as the frame allows.
        _view, box = geometry.window(found["view"], found["side"])
        room = min(frame[0] / (box[2] - box[0]), frame[1] / (box[3] - box[1]))
        if found["window"][0] < 0.95 * room * (box[2] - box[0]):
            problems.append(f"{found['view']} ({found['side']}): {found['window'][0]:.0f} px wide, "
                            f"expected about {room * (box[2] - box[0]):.0f}")
        # Each target at least as big as the geometry says at the scale drawn (a px of rounding).
        scale = found["window"][0] / (box[2] - box[0])
        for target, w, h in found["targets"]:
            want = _clipped(geometry, target, box, scale)
            if min(w, h) < min(want) - 1:
                problems.append(f"{target} on {found['view']}: {w:.0f}x{h:.0f} px drawn, "
                                f"the geometry says {want[0]:.0f}x{want[1]:.0f}")
            if sizes[target][:2] == (found["view"], found["side"]) and min(w, h) < MIN_TARGET_PX:
                problems.append(f"{target}: {w:.0f}x{h:.0f} px on {found['view']}, its biggest picture")
    screenshot(page, f"pain_finder-{device}-{found['view']}-{found['side']}")
    assert len(walked) >= len(parts), walked
    assert not problems, f"{device}: " + "; ".join(problems)


@pytest.mark.parametrize("touch_page", list(DEVICES), indirect=True)
def test_a_tap_on_the_heel_chooses_the_heel_not_the_sole(touch_page, app_url, request):
    page, device = touch_page, request.node.callspec.params["touch_page"]
    geometry = load_geometry()
    closeup_id, side = picture_of_area(shipped_content(), geometry, "heel-left")
    part = part_showing(body_parts(shipped_content(), geometry), closeup_id)
    open_app(page, f"{app_url}/pain_finder")
    press(page.locator(f".st-key-pain_parts [data-choice='{part.id}']"), touch=True)
    drawn(page, part.closeups)  # the part's close-up, before its pictures row is used
    show(page, closeup_id, side, touch=True)
    heel = page.locator("[data-target='heel-left']").first
    heel.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the app's top bar
    box = steady_point(heel.bounding_box, "the heel")
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


@pytest.mark.parametrize("touch_page", ["phone"], indirect=True)
def test_a_tap_where_no_muscle_refers_names_the_trigger_points_there(touch_page, app_url):
    """The back of the armpit: no source draws a referral zone there, so the answer names the
    muscles whose trigger points sit in it, and one tap opens one of them on that side."""
    content = shipped_content()
    page = touch_page
    closeup_id, side = picture_of_area(content, content.geometry, "back-armpit-left")
    open_app(page, f"{app_url}/pain_finder")
    body_part(page, part_showing(body_parts(content, content.geometry), closeup_id).label, touch=True)
    show(page, closeup_id, side, touch=True)
    area(page, "back-armpit-left").tap()
    wait_for_app(page)
    note = page.get_by_test_id("stAlert").filter(has_text="Back of the armpit (left)")
    expect(note).to_contain_text("no muscle in this app sends pain to this spot")
    expect(note).to_contain_text("trigger points of Latissimus dorsi, Subscapularis and Teres major sit right here")
    expect(results(page)).to_have_count(0)
    note.scroll_into_view_if_needed()
    screenshot(page, "pain_finder-back-armpit-phone")
    page.get_by_role("link", name="Teres major: open in the body map").tap()
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h3").filter(has_text="Teres major").first.wait_for()
    assert "muscle=teres-major" in page.url and "side=left" in page.url
