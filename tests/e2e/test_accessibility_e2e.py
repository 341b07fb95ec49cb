"""Accessibility in real Chromium: axe-core on every page at desktop and tablet size, a
keyboard-only walk through the map, and referral colours under simulated deuteranopia."""
from __future__ import annotations

import io
import math
import os

import pytest
from PIL import Image

from tests.e2e.conftest import DESKTOP, SCREENSHOTS, TABLET
from tests.e2e.dom import AXE, focused, run_axe
from tests.e2e.support import open_app, settle, wait_for_app

REGIONS = ["neck", "shoulder", "elbow", "low-back", "calf"]


def _share(page) -> None:
    page.get_by_role("button", name="Share", exact=True).click()
    page.get_by_test_id("stPopoverBody").locator(".sl-link").wait_for()  # the link


# name -> (path, something that shows the page has drawn, an optional step before checking)
PAGES = {
    "explorer-home": ("/", "[data-target='neck']", None),
    "explorer-region": ("/?region=neck", "[data-choice='upper-trapezius']", None),
    "explorer-muscle": ("/?region=neck&muscle=upper-trapezius", ".bm-essential", None),
    "explorer-share": ("/?muscle=upper-trapezius", ".bm-essential", _share),
    "explorer-present": ("/?muscle=upper-trapezius&mode=present", ".bm-essential", None),
    "pain-finder": ("/pain_finder?areas=temple-right", "[class*='st-key-pain_result_']", None),
    "pain-finder-closeup": ("/pain_finder?areas=heel-left&view=leg-back&side=left", "[class*='st-key-pain_result_']",
                            None),
    "learn": ("/learn", "[data-testid='stMain'] h2", None),
    "study-cards": ("/study?tab=cards", "[class*='st-key-card_'] img", None),
    "study-compare": ("/study?tab=compare", "[class*='st-key-compare_closeup_'] img", None),
    "study-atlas": ("/study?tab=atlas", "[data-target=temple-right]", None),
    "study-quiz": ("/study?tab=quiz&seed=42", ".st-key-quiz_options button", None),
    "handout": ("/handout?region=neck&muscle=upper-trapezius", "[data-testid='stDownloadButton'] button", None),
    "sources": ("/sources", "[data-testid='stMain'] h2", None),
}


@pytest.fixture(scope="module")
def axe_installed():
    if not AXE.exists():
        message = f"{AXE} is missing: run `npm ci --prefix tests` (scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.parametrize("size", ["desktop", "tablet"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_axe_violations(browser, app_url, axe_installed, name, size):
    path, ready, step = PAGES[name]
    viewport = DESKTOP if size == "desktop" else TABLET
    context = browser.new_context(viewport=viewport, has_touch=size == "tablet")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        open_app(page, app_url + path)
        page.locator(ready).first.wait_for()
        if step:
            step(page)
        settle(page)
        violations = run_axe(page)
    finally:
        context.close()
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    report = "\n".join(
        f"- {v['impact']} {v['id']} ({v['help']}), {len(v['nodes'])} element(s):"
        + "".join(f"\n    {n['target']}\n      {n['summary']}" for n in v["nodes"][:3])
        for v in serious
    )
    assert not serious, f"axe found serious or critical problems on {name} ({size}):\n{report}"


# --- keyboard ------------------------------------------------------------------------------

def _tab_until(page, wanted, limit: int = 90) -> list[dict]:
    """Press Tab until `wanted(seen)` is true; return what had focus after each press."""
    seen: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now:
            seen.append(now)
        if wanted(seen):
            return seen
    return seen


def _region_ring(f: dict) -> bool:
    return f["stroke"] != f["restStroke"] and f["strokeWidth"] >= f["restStrokeWidth"] + 1


def _button_ring(f: dict) -> bool:
    return f["outlineStyle"] != "none" and f["outlineWidth"] >= 2 and (
        f.get("restOutlineStyle", "none") == "none" or f.get("restOutlineWidth", 0) == 0)


def test_tab_from_the_top_reaches_every_region_with_a_visible_focus_ring(page, app_url):
    open_app(page, app_url)
    page.locator("[data-target='neck']").wait_for()
    seen = _tab_until(page, lambda s: {f["target"] for f in s} >= set(REGIONS))
    regions = {f["target"]: f for f in seen if f["target"] in REGIONS}
    assert set(regions) == set(REGIONS), f"Tab reached only {sorted(regions)} of the regions"
    no_ring = {rid: (f["stroke"], f["strokeWidth"]) for rid, f in regions.items() if not _region_ring(f)}
    assert not no_ring, f"focused regions drawn like unfocused ones: {no_ring}"
    assert all(f["label"] for f in regions.values()), "every region has an accessible name"


@pytest.mark.parametrize("region", REGIONS)
def test_after_choosing_a_region_tab_reaches_every_muscle_with_a_focus_ring(page, app_url, content, region):
    open_app(page, app_url)
    page.locator("[data-target='neck']").wait_for()
    seen = _tab_until(page, lambda s: s[-1]["target"] == region if s else False)
    assert seen and seen[-1]["target"] == region, f"Tab never reached {region}"
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.locator("[data-testid='stMain'] h2").filter(has_text=content.regions[region].name).wait_for()
    muscles = {m.id for m in content.muscles_in(region)}
    seen = _tab_until(page, lambda s: {f["choice"] for f in s} >= muscles)
    buttons = {f["choice"]: f for f in seen if f["choice"] in muscles}
    assert set(buttons) == muscles, f"Tab missed muscles: {sorted(muscles - set(buttons))}"
    no_ring = {mid: (f["outlineStyle"], f["outlineWidth"]) for mid, f in buttons.items() if not _button_ring(f)}
    assert not no_ring, f"muscle buttons with no visible focus outline: {no_ring}"
    # Space presses the focused muscle: its zone is drawn.
    page.keyboard.press(" ")
    wait_for_app(page)
    page.locator(".bm-essential").first.wait_for()


# --- colour vision ------------------------------------------------------------------------------

# For each kind of shape, a spot where it alone is painted (nothing drawn later covers it),
# found with the SVG's own hit testing, in page pixels.
SAMPLE_SPOTS_JS = """
(svg) => {
  const ctm = svg.getScreenCTM();
  const shapes = [...svg.querySelectorAll('path, rect, circle, line, polyline, text')]
    .filter((el) => !el.closest('defs') && !el.closest('.bm-legend') && !el.closest('title'));
  const order = new Map(shapes.map((el, i) => [el, i]));
  const paints = (el, x, y) => {
    if (el instanceof SVGTextElement) {
      const b = el.getBBox();
      return x >= b.x - 1 && x <= b.x + b.width + 1 && y >= b.y - 1 && y <= b.y + b.height + 1;
    }
    const s = getComputedStyle(el), p = new DOMPoint(x, y);
    const fill = s.fill !== 'none' && s.fill !== 'transparent' && !s.fill.startsWith('rgba(0, 0, 0, 0)');
    return (fill && el.isPointInFill(p)) || (s.stroke !== 'none' && el.isPointInStroke(p));
  };
  const clean = (el, x, y) => paints(el, x, y) && !shapes.some((o) => order.get(o) > order.get(el) && paints(o, x, y));
  const spot = (selector, r) => {
    const candidates = [...svg.querySelectorAll(selector)].map((el) => [el, el.getBBox()])
      .sort((a, b) => b[1].width * b[1].height - a[1].width * a[1].height);
    for (const [el, b] of candidates) {
      for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {
        const x = b.x + (b.width * i) / 24, y = b.y + (b.height * j) / 24;
        const patch = [-r, 0, r].flatMap((dx) => [-r, 0, r].map((dy) => [x + dx, y + dy]));
        if (patch.every(([px, py]) => clean(el, px, py))) {
          const p = new DOMPoint(x, y).matrixTransform(ctm);
          return { x: p.x, y: p.y, half: r * ctm.a };
        }
      }
    }
    return null;
  };
  return {
    essential: spot('.bm-essential', 2.5),
    spillover: spot('.bm-spillover', 3.5),
    muscle: spot('.bm-muscle.bm-chosen path', 0.6),
    skin: spot('.bm-body', 2.5),
  };
}
"""


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """sRGB (0-255) to CIE L*a*b* (D65)."""
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a, b) -> float:
    return math.dist(_lab(a), _lab(b))


def _mean_colour(image: Image.Image, spot: dict) -> tuple[float, float, float]:
    h = max(1, int(spot["half"] * 0.8))
    box = image.crop((round(spot["x"]) - h, round(spot["y"]) - h, round(spot["x"]) + h + 1, round(spot["y"]) + h + 1))
    pixels = list(box.convert("RGB").getdata())
    return tuple(sum(p[i] for p in pixels) / len(pixels) for i in range(3))


def test_referral_colours_survive_deuteranopia_and_are_not_the_only_cue(page, app_url):
    open_app(page, f"{app_url}/?region=neck&muscle=upper-trapezius")
    svg = page.locator(".bm-svg-box svg").first
    page.locator(".bm-essential").first.wait_for()
    page.locator(".bm-spillover").first.wait_for()
    svg.evaluate("el => el.scrollIntoView({block: 'center'})")
    settle(page)
    spots = svg.evaluate(SAMPLE_SPOTS_JS)
    missing = [k for k, v in spots.items() if v is None]
    assert not missing, f"no clear spot found for {missing}"

    normal = Image.open(io.BytesIO(page.screenshot()))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "deuteranopia"})
    settle(page)  # two frames drawn with the simulation on
    shot = page.screenshot()
    if SCREENSHOTS is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "explorer-muscle-deuteranopia-desktop.png").write_bytes(shot)
    seen = Image.open(io.BytesIO(shot))
    cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})

    colours = {k: _mean_colour(seen, spot) for k, spot in spots.items()}
    assert delta_e(_mean_colour(normal, spots["essential"]), colours["essential"]) > 3, \
        "the simulation did not change the picture"
    names = list(colours)
    close = [(a, b, round(delta_e(colours[a], colours[b]), 1)) for i, a in enumerate(names) for b in names[i + 1:]
             if delta_e(colours[a], colours[b]) <= 10]
    assert not close, f"under deuteranopia these are too alike (CIE76 ΔE <= 10): {close}; colours {colours}"

    # Colour is never the only cue: a key in words, a pattern of dots, a dashed spillover edge.
    legend = svg.evaluate("el => [...el.querySelectorAll('.bm-legend text')].map((t) => t.textContent)")
    assert "Usually felt" in legend and "May spread" in legend and "Trigger point" in legend
    dots = svg.evaluate("""el => {
        const p = el.querySelector('pattern[id^="bm-dots"]');
        const s = getComputedStyle(el.querySelector('.bm-spillover'));
        return { dots: p ? p.querySelectorAll('circle').length : 0, fill: s.fill, dash: s.strokeDasharray };
    }""")
    assert dots["dots"] >= 1 and "bm-dots" in dots["fill"] and dots["dash"] != "none", dots
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "solid" in main and "dotted" in main, "the panel names the zones in words too"
