"""The regions added beyond the first five, in real Chromium on a phone held upright: a tap on
the region on the whole-body map opens it, its muscles are offered as buttons and drawn on its
close-up, and a tap on a muscle draws that muscle's zones on the picture it opens on. And at
each screen size (desktop, tablet, phone), one new region through every surface: the body map,
the pain finder, the handout and its PDF, the patient's plan and Study's cards."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from bodymap.geometry import load_geometry
from bodymap.links import PlanLink
from bodymap.lookup import body_parts, part_showing, picture_of_area
from bodymap.share import plan_url
from tests.e2e.conftest import DESKTOP, TABLET, _new_page, screenshot
from tests.e2e.support import download, open_app, point_in_target, wait_for_app
from tests.e2e.pain_finder import body_part, drawn, press, results, show

PHONE = {"width": 390, "height": 844}
TOUCH = {"has_touch": True, "is_mobile": True, "device_scale_factor": 2}
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


# --- every surface, for a new region, at each screen size -----------------------------------
# Each size walks a different new region (the test above covers all four on the map): the
# whole-body map, the pain finder, the handout and its PDF, the patient's plan and Study's cards.
SIZES = {
    "desktop": (DESKTOP, {}, "hip-thigh", "rectus-femoris"),
    "tablet": (TABLET, TOUCH, "head-jaw", "temporalis"),
    "phone": (PHONE, TOUCH, "foot", "extensor-digitorum-longus"),
}


@pytest.fixture(params=SIZES)
def sized_page(browser, request):
    viewport, kwargs, region, muscle = SIZES[request.param]
    context, page = _new_page(browser, viewport, **kwargs)
    yield page, bool(kwargs), region, muscle
    context.close()


def press_point(page, touch: bool, x: float, y: float) -> None:
    page.touchscreen.tap(x, y) if touch else page.mouse.click(x, y)


def test_every_surface_shows_a_new_region(sized_page, app_url, content, request):
    page, touch, region_id, muscle_id = sized_page
    region, muscle = content.regions[region_id], content.muscles[muscle_id]
    size = request.node.callspec.params["sized_page"]
    main = page.locator("[data-testid='stMain']")

    # 1. The whole-body map: a press on the region opens it, a press on the muscle draws its zone.
    open_app(page, app_url)
    press_point(page, touch, *point_in_target(page, region_id, margin=6 if touch else 0))
    wait_for_app(page)
    main.locator("h2").filter(has_text=region.name).wait_for()
    press(main.locator(".st-key-explorer_muscles").get_by_role("button", name=muscle.name, exact=True), touch)
    wait_for_app(page)
    main.locator("h3").filter(has_text=muscle.name).wait_for()
    # Visible: an essential zone of this muscle, on the picture it opens on.
    page.locator(", ".join(f"[data-zone='essential'][data-area='{a}']" for a in muscle.referral.essential)
                 ).first.wait_for()

    # 2. Where does it hurt?: the body part that holds the muscle's first essential area, a press
    # on that area on its close-up, and the muscle is in the list.
    geometry = load_geometry()
    iid = next(i for i, a in geometry.areas.items() if a.area == muscle.referral.essential[0] and a.side == "right")
    closeup_id, side = picture_of_area(content, geometry, iid)
    part = part_showing(body_parts(content, geometry), closeup_id)
    open_app(page, f"{app_url}/pain_finder")
    body_part(page, part.label, touch=touch)
    drawn(page, part.closeups)
    show(page, closeup_id, side, touch=touch)
    page.locator(f"[data-target='{iid}']").first.evaluate("e => e.scrollIntoView({block: 'center'})")
    press_point(page, touch, *point_in_target(page, iid, margin=6 if touch else 0))
    wait_for_app(page)
    results(page).first.wait_for()
    assert any(muscle.name in text for text in results(page).all_inner_texts()), \
        f"{size}: {muscle.name} is not listed for {iid}"

    # 3. The handout: the page is made out for the region and muscle, and so is its PDF.
    open_app(page, f"{app_url}/handout?region={region_id}&muscle={muscle_id}&side=right")
    main.get_by_role("heading", name="Patient handout").wait_for()
    expect(main.get_by_role("combobox", name="Region")).to_have_value(region.name)
    expect(main.get_by_text(muscle.name, exact=True).first).to_be_visible()
    pdf = PdfReader(io.BytesIO(Path(download(page, "Download the handout (PDF)").path()).read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages).replace("\n", " ")
    assert muscle.name in text and region.name in text, f"{size}: the PDF does not name {muscle.name}"

    # 4. The patient's plan: the muscle's picture with its zone, then the region's exercises.
    chosen = tuple(region.exercises[:2])
    open_app(page, plan_url(app_url, PlanLink(region_id, (muscle_id,), "right", chosen).signed().to_query()))
    picture = page.get_by_role("img", name=re.compile(f"where {muscle.name} can send pain"))
    expect(picture).to_be_visible()
    drawing = picture.evaluate("img => fetch(img.src).then((r) => r.text())")
    assert any(f'data-zone="essential" data-area="{a}"' in drawing for a in muscle.referral.essential), \
        f"{size}: the plan's picture draws no essential zone of {muscle.name}"
    titles = main.locator("h3").filter(has_text=re.compile(r"^\d\. "))
    expect(titles).to_have_text([f"{i}. {content.exercises[e].name}" for i, e in enumerate(chosen, 1)])
    for eid in chosen:
        expect(page.locator(f".st-key-plan_exercise_{eid} img").first).to_be_visible()

    # 5. Study: the region's cards hold one for the muscle, with its picture.
    open_app(page, f"{app_url}/study?tab=cards&region={region_id}")
    card = page.locator(f".st-key-card_{muscle_id}")
    expect(card.locator("h4")).to_have_text(muscle.name)
    card_picture = card.get_by_role("img", name=re.compile(f"^{muscle.name}, drawn on a close-up"))
    expect(card_picture).to_be_visible()
    assert card_picture.evaluate("img => img.complete && img.naturalWidth > 0"), f"{size}: the card's picture is empty"
    screenshot(page, f"new-region-{region_id}-study-{size}")
