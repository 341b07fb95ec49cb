"""Each person's main path on the screen they use: no dead end, nothing hidden, no extra swipe.

A phone (390x844, touch), a tablet held both ways and a laptop, reached by taps as a user
would. The phone's browser here does not say "mobile" in its user agent, as many phone
browsers asking for the desktop site do not.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from bodymap.study import CARDS_PER_PAGE
from tests.e2e.support import open_app, point_in_target, wait_for_app

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PLAN = "/plan?region=neck&muscle=upper-trapezius&ex=chin-nod%2Cupper-trapezius-stretch&audience=patient"


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_choosing_a_page_on_a_phone_closes_the_menu(phone, app_url):
    open_app(phone, app_url + PLAN)
    phone.get_by_test_id("stExpandSidebarButton").tap()
    sidebar = phone.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="Where does it hurt?").tap()
    wait_for_app(phone)
    expect(phone.get_by_role("heading", name="Where does it hurt?")).to_be_visible()
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    # The page itself takes the tap now, not a menu over it.
    button = phone.get_by_role("button", name="Head and neck")
    point = button.bounding_box()
    hit = phone.evaluate("([x, y]) => !!document.elementFromPoint(x, y).closest('[data-testid=stMain]')",
                         [point["x"] + point["width"] / 2, point["y"] + point["height"] / 2])
    assert hit, "the menu still covers the page"


_FIRST_TOP_JS = """() => {
  const header = document.querySelector('[data-testid="stHeader"]').getBoundingClientRect().bottom;
  const blocks = [...document.querySelectorAll('[data-testid="stMainBlockContainer"] .stElementContainer,'
                  + '[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"]')]
    .map((el) => el.getBoundingClientRect()).filter((r) => r.height > 0);
  return [header, Math.min(...blocks.map((r) => r.top))];
}"""


@pytest.mark.parametrize("screen", ["phone", "laptop"])
@pytest.mark.parametrize("path", ["/", "/pain_finder", "/learn", "/study", PLAN])
def test_nothing_starts_under_the_header(browser, app_url, screen, path):
    context = browser.new_context(**(PHONE if screen == "phone" else LAPTOP))
    page = context.new_page()
    open_app(page, app_url + path)
    header, first = page.evaluate(_FIRST_TOP_JS)
    context.close()
    assert first >= header, f"{path} on a {screen}: the page starts at y={first}, under the header ({header})"


def test_the_plan_is_always_the_patients_and_has_no_audience_switch(phone, app_url):
    open_app(phone, app_url + PLAN.replace("audience=patient", "audience=clinician"))
    expect(phone.get_by_role("heading", name="Your plan: Upper trapezius")).to_be_visible()
    expect(phone.get_by_role("radiogroup", name="Show text for")).to_have_count(0)
    expect(phone.get_by_text("Education about dry needling, not medical advice.")).to_be_visible()


def test_the_plan_on_a_phone_shows_the_pattern_large_and_the_first_exercise_within_two_screens(phone, app_url):
    open_app(phone, app_url + PLAN)
    picture = phone.get_by_role("img", name="Body picture: where Upper trapezius can send pain (right side)")
    expect(picture).to_be_visible()
    assert picture.bounding_box()["width"] >= 320
    first = phone.locator(".st-key-plan_exercise_chin-nod")
    assert first.bounding_box()["y"] <= 2 * 844, "the first exercise starts more than two screens down"
    # The view that completes the pattern is one tap away.
    phone.get_by_text("Also see: Head and neck from behind").tap()
    expect(phone.get_by_role("img", name="Head and neck from behind: where Upper trapezius can send pain "
                             "(right side)")).to_be_visible()


def test_pain_finder_on_a_phone_few_picture_buttons_and_nothing_off_the_screen(phone, app_url):
    open_app(phone, app_url + "/pain_finder")
    parts = phone.locator(".st-key-pain_parts [data-choice]")
    parts.first.wait_for()
    ids = [i for i in parts.evaluate_all("els => els.map(e => e.dataset.choice)") if i != "body"]
    for part in ids:
        phone.locator(f".st-key-pain_parts [data-choice='{part}']").tap()
        wait_for_app(phone)
        expect(phone.locator("[data-view]").first).to_have_attribute("data-view", part, timeout=30_000)
        assert phone.locator(".st-key-pain_pictures [data-choice]").count() <= 4, part
        wide = phone.evaluate("""() => {
          const out = [...document.querySelectorAll('.st-key-pain_picture text, .st-key-pain_pictures, .st-key-pain_sides')]
            .map((el) => el.getBoundingClientRect().right).filter((r) => r > window.innerWidth + 1);
          return [document.documentElement.scrollWidth, out];
        }""")
        assert wide[0] <= 390 and not wide[1], f"{part}: something runs off the screen: {wide}"


TABLETS = {"portrait": {"width": 820, "height": 1180}, "landscape": {"width": 1180, "height": 820}}


@pytest.mark.parametrize("holding", list(TABLETS))
def test_present_mode_on_a_tablet_keeps_the_picture_and_the_muscle_buttons_on_one_screen(browser, app_url, content,
                                                                                     holding):
    size = TABLETS[holding]
    context = browser.new_context(viewport=size, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    open_app(page, app_url + "/?mode=present")
    off_screen = []
    for region in content.regions:
        page.locator(f".st-key-explorer_regions [data-choice='{region}']").tap()
        wait_for_app(page)
        row = page.locator(".st-key-explorer_muscles")
        muscles = [m.id for m in content.muscles_in(region)]
        expect(row.locator("[data-choice]")).to_have_count(len(muscles))
        # The last button: the lowest one, the first to leave the screen.
        row.locator(f"[data-choice='{muscles[-1]}']").tap()
        wait_for_app(page)
        expect(page.locator("[data-view] [data-muscle].bm-chosen, [data-view] [data-trp]").first).to_be_attached()
        page.wait_for_timeout(400)  # the picture refits once the side switch has appeared under it
        picture = page.locator(".st-key-explorer_closeup").bounding_box()
        buttons = row.bounding_box()
        for name, box in (("picture", picture), ("muscle buttons", buttons)):
            if box["y"] < 0 or box["y"] + box["height"] > size["height"] + 1:
                off_screen.append(f"{region}: the {name} at y={box['y']:.0f}..{box['y'] + box['height']:.0f}")
    context.close()
    assert not off_screen, f"{holding}: a swipe is needed: {off_screen}"


def test_supinator_opens_on_its_outer_elbow_zone_and_the_rest_is_one_tap_away(browser, app_url):
    context = browser.new_context(viewport=TABLETS["portrait"], has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    open_app(page, app_url + "/?region=elbow&muscle=supinator&mode=present")
    picture = page.locator(".st-key-explorer_closeup [data-view]").first
    expect(picture.locator("[data-zone='essential'][data-area='lateral-epicondyle']")).to_have_count(1)
    expect(picture.locator("[data-trp]").first).to_be_attached()
    first = picture.get_attribute("data-view")
    rest = page.get_by_role("button", name=re.compile("^See the rest: "))
    assert rest.bounding_box()["height"] >= 44
    rest.tap()
    wait_for_app(page)
    expect(page.locator(".st-key-explorer_closeup [data-view]").first).not_to_have_attribute("data-view", first)
    context.close()


@pytest.mark.parametrize("how", ["click", "tap", "keyboard"])
def test_the_referral_atlas_answers_a_click_a_tap_and_the_keyboard(browser, app_url, how):
    touch = how == "tap"
    context = browser.new_context(viewport=TABLETS["landscape"] if touch else LAPTOP["viewport"],
                                  has_touch=touch, is_mobile=touch)
    page = context.new_page()
    page.set_default_timeout(20_000)
    open_app(page, app_url + "/study?tab=atlas")
    area = page.locator("[data-target='temple-right']")
    expect(area).to_have_attribute("aria-label", re.compile(r"^Temple \(right\): \d+ muscles refer pain here$"))
    if how == "keyboard":
        area.focus()
        page.keyboard.press("Enter")
    else:
        x, y = point_in_target(page, "temple-right", margin=3 if touch else 0)
        page.touchscreen.tap(x, y) if touch else page.mouse.click(x, y)
    wait_for_app(page)
    answer = page.locator(".st-key-atlas_answer")
    expect(answer).to_contain_text("Temple (right)")
    expect(answer).to_contain_text("Upper trapezius")
    expect(area).to_have_attribute("aria-pressed", "true")  # the map marks what the answer is about
    # The list beside the map says the same choice, so either way in tells the other.
    expect(page.get_by_role("combobox", name="Or choose an area by name")).to_have_value("Temple (right)")
    context.close()


LAPTOP_SCREENS = 4.0  # a region's cards, a page of them, scrolled on a 1280x800 laptop


def test_region_cards_fit_in_about_four_laptop_screens_with_large_pictures(page, app_url, content):
    lengths = {}
    for region_id in content.regions:
        open_app(page, app_url + f"/study?tab=cards&region={region_id}")
        cards = page.locator("[class*='st-key-card_']")
        shown = min(CARDS_PER_PAGE, len(content.muscles_in(region_id)))
        expect(cards).to_have_count(shown)
        expect(cards.locator("img")).to_have_count(shown)
        height = page.evaluate("document.querySelector('[data-testid=stMainBlockContainer]').scrollHeight")
        lengths[region_id] = round(height / 800, 2)
        if region_id == "calf":  # tall pictures: each about 420 px (they were about 380 px in a third of the card)
            heights = cards.locator("img").evaluate_all("els => els.map((e) => e.getBoundingClientRect().height)")
            assert min(heights) >= 360, heights
    print("screens per region:", lengths)
    too_long = {r: n for r, n in lengths.items() if n > LAPTOP_SCREENS}
    assert not too_long, f"cards longer than {LAPTOP_SCREENS} laptop screens: {too_long}"
