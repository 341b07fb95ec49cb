"""Muscle choices answered in the browser (issue 13): in the explorer a press on a muscle
button or on a muscle's shape draws the muscle on its close-up before the server is asked,
then the server's answer describes it; quick presses end on the last one everywhere."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from bodymap.render.body_svg import MapSpec, window_frame
from bodymap.render.closeup_svg import live_closeups
from bodymap.render.muscle_shapes import drawn_muscle
from bodymap.geometry import load_geometry
from bodymap.picture import muscle_overlay
from tests.conftest import shipped_content
from tests.e2e.support import open_app, point_in_target, region_shape, wait_for_app

CONTENT, GEOMETRY = shipped_content(), load_geometry()
# Muscles of the neck that open on three different close-ups, pressed in this order.
QUICK = ["upper-trapezius", "levator-scapulae", "sternocleidomastoid", "suboccipitals", "scalenes"]


def _open_neck(page, touch: bool = False) -> None:
    """The explorer, the neck chosen on the whole body with a tap as a user would."""
    shape = region_shape(page, "neck")
    shape.tap() if touch else shape.click()
    page.locator("[data-choice='upper-trapezius']").wait_for()
    wait_for_app(page)


def _errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _on_view(muscle_id: str, closeup: str) -> tuple[set[str], int]:
    """The zones (base area ids) and the number of trigger points of the muscle (right side)
    that a close-up draws."""
    view = GEOMETRY.window(closeup, "right")[0]
    overlay = muscle_overlay(GEOMETRY, CONTENT.muscles[muscle_id], "right")
    zones = {GEOMETRY.areas[i].area for i in (*overlay.essential, *overlay.spillover) if GEOMETRY.areas[i].view == view}
    return zones, sum(1 for v, *_ in overlay.trigger_points if v == view)


def _drawn_on(muscle_id: str, closeup: str) -> bool:
    """Whether the muscle's shape is on the close-up's view."""
    view = GEOMETRY.window(closeup, "right")[0]
    return any(d.view == view for d in drawn_muscle(GEOMETRY, CONTENT.muscles[muscle_id]))


def _expect_drawn(page, muscle_id: str) -> None:
    """The muscle's pattern is drawn on the picture, and the muscle is the only one chosen there
    (where its shape is on that view: a muscle opens where most of its pain is, which for the
    scalenes can be a view their shape is not on)."""
    wait_for_app(page)
    shown = page.locator("svg[data-view]").get_attribute("data-view")
    on_view = _drawn_on(muscle_id, shown)
    if on_view:
        expect(page.locator(f"svg[data-view] [data-muscle='{muscle_id}']")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("svg[data-view] [data-muscle][aria-pressed='true']")).to_have_count(1 if on_view else 0)
    drawn = set(page.locator(".bm-overlay-slot [data-zone]").evaluate_all("els => els.map(e => e.dataset.area)"))
    zones, marks = _on_view(muscle_id, shown)
    assert drawn == zones, f"{muscle_id} on {shown}: drew {sorted(drawn)}, expected {sorted(zones)}"
    expect(page.locator(".bm-overlay-slot [data-trp]")).to_have_count(marks)


def test_a_muscle_button_draws_the_muscle_before_the_server_answers(page, app_url):
    """The press and the check run in one task in the page: no answer from the server can
    arrive in between, so what is drawn was drawn by the browser."""
    errors = _errors(page)
    open_app(page, app_url)
    _open_neck(page)
    for muscle in ("levator-scapulae", "sternocleidomastoid", "upper-trapezius"):
        state = page.locator(f"[data-choice='{muscle}']").evaluate("""(button) => {
          button.click();
          const root = [...document.querySelectorAll('*')].map((e) => e.shadowRoot)
            .find((r) => r && r.querySelector('svg[data-view]'));
          const shape = root.querySelector(`svg [data-muscle="${button.dataset.choice}"]`);
          return { pressed: shape.getAttribute('aria-pressed'), view: root.querySelector('svg').dataset.view,
                   zones: root.querySelectorAll('.bm-overlay-slot [data-zone]').length,
                   marks: root.querySelectorAll('.bm-overlay-slot [data-trp]').length };
        }""")
        zones, marks = _on_view(muscle, state["view"])
        assert state["pressed"] == "true" and state["zones"] == len(zones) and state["marks"] == marks, state
        # Then the server describes it and the picture stays as drawn.
        expect(page.locator("[data-testid='stMain'] h3").first).to_have_text(CONTENT.muscles[muscle].name)
        _expect_drawn(page, muscle)
    assert errors == []


def test_five_quick_presses_end_on_the_last_everywhere(page, app_url):
    errors = _errors(page)
    open_app(page, app_url)
    _open_neck(page)
    order = list(QUICK)
    for _round in range(3):
        for muscle in order:
            page.locator(f"[data-choice='{muscle}']").click()
            page.wait_for_timeout(100)
        last = order[-1]
        wait_for_app(page)  # the server has answered the last press, and its run has ended
        _expect_drawn(page, last)
        expect(page.locator("[data-testid='stMain'] h3").first).to_have_text(CONTENT.muscles[last].name)
        expect(page).to_have_url(re.compile(rf"[?&]muscle={last}(&|$)"))
        expect(page.locator(".st-key-explorer_muscles [data-choice][aria-pressed='true']")).to_have_count(1)
        expect(page.locator(f"[data-choice='{last}']")).to_have_attribute("aria-pressed", "true")
        order.reverse()  # the next round ends on another muscle, on another close-up
    assert errors == []


def test_a_tap_on_a_shape_marks_its_button_and_the_picture_row(tablet_page, app_url):
    page = tablet_page
    errors = _errors(page)
    open_app(page, app_url)
    _open_neck(page, touch=True)
    page.locator("[data-choice='levator-scapulae']").tap()
    _expect_drawn(page, "levator-scapulae")
    wait_for_app(page)
    page.touchscreen.tap(*point_in_target(page, "semispinalis-capitis", margin=6))
    _expect_drawn(page, "semispinalis-capitis")
    expect(page.locator("[data-choice='semispinalis-capitis']")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-testid='stMain'] h3").first).to_have_text("Semispinalis capitis")
    # The picture row says which close-up is shown.
    shown = page.locator("svg[data-view]").get_attribute("data-view")
    expect(page.locator(f".st-key-explorer_views [data-choice='{shown}']")).to_have_attribute("aria-pressed", "true")
    assert errors == []


def test_the_keyboard_chooses_a_muscle_on_the_picture(page, app_url):
    open_app(page, app_url)
    _open_neck(page)
    shape = page.locator("svg[data-view] [data-muscle='upper-trapezius']")
    shape.focus()
    page.keyboard.press("Enter")
    _expect_drawn(page, "upper-trapezius")
    expect(page.locator("[data-testid='stMain'] h3").first).to_have_text("Upper trapezius")
    wait_for_app(page)
    focused = page.evaluate("""() => { let el = document.activeElement;
        while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
        return el && el.dataset.muscle; }""")
    assert focused == "upper-trapezius"


def test_the_overview_frames_the_closeup_shown(page, app_url):
    """The small whole body beside the close-up frames the part shown, and the frame moves
    with the close-up in the browser (a side view has no place on it: no frame)."""
    live = live_closeups(GEOMETRY, CONTENT.regions["neck"].closeups, CONTENT.muscles_in("neck"), "right")
    spec = MapSpec()
    open_app(page, app_url)
    _open_neck(page)
    for muscle in ("levator-scapulae", "sternocleidomastoid", "upper-trapezius"):
        page.locator(f"[data-choice='{muscle}']").click()
        closeup = live.opens_on[muscle]
        frame = window_frame(GEOMETRY, spec, GEOMETRY.window(closeup, "right")[0], live.windows[closeup])
        rect = page.locator(".st-key-explorer_overview_box .bm-window")
        if frame is None:
            expect(rect).to_be_hidden()
        else:
            expect(rect).to_be_visible()
            expect(rect).to_have_attribute("x", re.compile(rf"^{frame[0]:g}(\.0)?$"))
            expect(rect).to_have_attribute("width", re.compile(rf"^{frame[2]:g}(\.0)?$"))
        wait_for_app(page)


# Records, once per drawn frame, what the live picture shows (its close-up, the muscles marked
# chosen, the zones and trigger points in its overlay) and every press on a muscle button
# as it happens, in the order they happen: window.__bmFrames.
_RECORD_FRAMES_JS = """() => {
  const log = window.__bmFrames = [];
  const picture = () => {
    for (const el of document.querySelectorAll('.st-key-explorer_closeup *')) {
      if (el.shadowRoot && el.shadowRoot.querySelector('svg[data-view]')) return el.shadowRoot;
    }
    return null;
  };
  let last = '';
  const look = () => {
    const root = picture();
    if (root) {
      const svg = root.querySelector('svg[data-view]');
      const frame = {
        view: svg.dataset.view,
        chosen: [...svg.querySelectorAll('[data-muscle][aria-pressed="true"]')].map((g) => g.dataset.muscle),
        zones: [...svg.querySelectorAll('.bm-overlay-slot [data-zone]')].map((z) => z.dataset.area).sort(),
        marks: svg.querySelectorAll('.bm-overlay-slot [data-trp]').length,
      };
      const text = JSON.stringify(frame);
      if (text !== last) { log.push(frame); last = text; }
    }
    requestAnimationFrame(look);
  };
  document.addEventListener('click', (event) => {
    const button = event.composedPath().find((el) => el.dataset && el.dataset.choice);
    // A press on the chosen button switches it off (the row sends '').
    if (button) log.push({ press: button.getAttribute('aria-pressed') === 'true' ? '' : button.dataset.choice });
  }, true);
  requestAnimationFrame(look);
}"""


def test_quick_presses_across_views_never_draw_one_view_on_another(page, app_url):
    """Quick presses on muscles that open on three different close-ups, while the server's
    answers to earlier presses arrive: every frame drawn shows the muscle pressed last on the
    close-up it opens on, with that close-up's zones of it and no other muscle's; at the end
    the picture, the buttons, the text and the address agree."""
    live = live_closeups(GEOMETRY, CONTENT.regions["neck"].closeups, CONTENT.muscles_in("neck"), "right")
    errors = _errors(page)
    open_app(page, app_url)
    _open_neck(page)
    page.evaluate(_RECORD_FRAMES_JS)
    order = list(QUICK)
    for _round in range(3):
        for muscle in order:
            page.locator(f"[data-choice='{muscle}']").click()
            page.wait_for_timeout(60)
        last = order[-1]
        wait_for_app(page)  # the server has answered the last press, and its run has ended
        expect(page).to_have_url(re.compile(rf"[?&]muscle={last}(&|$)"))
        expect(page.locator("[data-testid='stMain'] h3").first).to_have_text(CONTENT.muscles[last].name)
        wait_for_app(page)
        _expect_drawn(page, last)
        expect(page.locator(".st-key-explorer_muscles [data-choice][aria-pressed='true']")).to_have_count(1)
        expect(page.locator(f"[data-choice='{last}']")).to_have_attribute("aria-pressed", "true")
        shown = live.opens_on[last]
        expect(page.locator(f".st-key-explorer_views [data-choice='{shown}']")).to_have_attribute("aria-pressed", "true")
        order.reverse()
    log = page.evaluate("() => window.__bmFrames")
    pressed, frames = None, 0
    for entry in log:
        if "press" in entry:
            pressed = entry["press"]
            continue
        if pressed is None:
            continue  # drawn before the first press
        frames += 1
        view, chosen = entry["view"], entry["chosen"]
        marked = [pressed] if pressed and _drawn_on(pressed, view) else []  # its shape, where that view has it
        assert chosen == marked and view == live.opens_on[pressed], (
            f"after a press on {pressed or 'the chosen button'} a frame showed {chosen} on {view}")
        zones, marks = _on_view(pressed, view) if pressed else (set(), 0)
        assert set(entry["zones"]) == zones and entry["marks"] == marks, (
            f"{pressed} on {view}: drew {entry['zones']} and {entry['marks']} trigger points, "
            f"expected {sorted(zones)} and {marks}")
    assert frames >= 3 * len(QUICK), log
    assert errors == []
