"""The chairside hand-over, end to end: a therapist on a tablet picks a muscle and two
exercises and opens the share box; a patient's phone opens that link and sees the picture
first, then exactly those exercises with pictures and dosage, then when to call.

The app is reached by a clinic-style name (clinic.test), which this browser resolves to the
app on this machine, so the link is made from the request's host as it would be in a clinic.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import RecordingBrowser, screenshot
from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, wait_for_app

HOST = "clinic.test"


@pytest.fixture
def clinic_browser(browser, app_url):
    """A second Chromium from the same Playwright, which resolves clinic.test to this machine."""
    port = urlsplit(app_url).port
    clinic = browser.browser_type.launch(executable_path=CHROMIUM,
                                         args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {HOST} 127.0.0.1"])
    yield RecordingBrowser(clinic), f"http://{HOST}:{port}"
    clinic.close()


def test_qr_code_on_screen_decodes_to_the_link_shown(clinic_browser):
    import io

    import zxingcpp
    from PIL import Image

    browser, url = clinic_browser
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{url}/?muscle=soleus&side=left")
    page.get_by_role("button", name="Share", exact=True).click()
    code = page.get_by_test_id("stPopoverBody").locator(".sl-link")
    expect(code).to_contain_text("/plan?", timeout=20_000)
    link = code.get_attribute("href")
    assert code.inner_text() == link, "the whole link is shown"
    assert "muscle=soleus" in link and "region=calf" in link and "side=left" in link
    picture = page.get_by_role("img", name="QR code for the link below")
    expect(picture).to_be_visible()
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture.screenshot())))
    assert [d.text for d in decoded] == [link]
    screenshot(page, "share-box-desktop")
    page.close()


def test_a_plan_made_on_a_tablet_opens_on_a_phone(clinic_browser, content):
    browser, url = clinic_browser
    tablet = browser.new_context(viewport={"width": 820, "height": 1180}, has_touch=True, is_mobile=True)
    page = tablet.new_page()
    page.goto(f"{url}/?region=calf")
    page.locator("[data-choice='soleus']").tap()
    wait_for_app(page)
    page.get_by_role("button", name="Share", exact=True).tap()
    chosen = ["eccentric-heel-drop", "calf-wall-stretch"]
    box = page.get_by_test_id("stPopoverBody")
    for eid in chosen:
        box.get_by_role("combobox").first.click()
        page.get_by_role("option", name=content.exercises[eid].name, exact=True).click()
        wait_for_app(page)
    page.keyboard.press("Escape")  # the list of exercises closes
    box.get_by_text(f"Set the amount for {content.exercises['calf-wall-stretch'].name}").tap()
    wait_for_app(page)
    hold = box.get_by_role("spinbutton", name="Hold (seconds)")
    hold.fill("30")
    hold.press("Enter")
    wait_for_app(page)
    expect(box.locator(".sl-link")).to_contain_text("dose=")
    link = box.locator(".sl-link").get_attribute("href")
    expect(box.get_by_role("img", name="QR code for the link below")).to_be_visible()
    screenshot(page, "plan-share-tablet")
    assert link.startswith(f"{url}/plan?")
    query = parse_qs(urlsplit(link).query)
    assert query["audience"] == ["patient"] and query["muscle"] == ["soleus"]
    tablet.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                device_scale_factor=2)
    page = phone.new_page()
    page.goto(link)
    picture = page.get_by_role("img", name=re.compile("where Soleus can send pain"))
    expect(picture).to_be_visible(timeout=20_000)
    assert picture.bounding_box()["y"] < 844, "the picture starts on the first screen"
    titles = page.locator("[data-testid='stMain'] h3").filter(has_text=re.compile(r"^\d\. "))
    expect(titles).to_have_text([f"{i}. {content.exercises[e].name}" for i, e in enumerate(chosen, 1)])
    for eid in chosen:
        expect(page.locator(f".st-key-plan_exercise_{eid} img").first).to_be_visible()
    expect(page.get_by_text("2 sets of 10. Hold each one for 30 seconds. Do this once a day, every day.")
           ).to_be_visible()
    expect(page.get_by_text("set by your therapist")).to_be_visible()
    expect(page.get_by_text("not made by this clinic's app")).to_have_count(0)
    headings = page.locator("[data-testid='stMain'] h2").all_inner_texts()
    assert headings.index("Your exercises") < headings.index("When to call us")
    screenshot(page, "plan-phone")
    phone.close()


def test_an_edited_plan_link_is_not_shown_as_the_therapist_s(browser, app_url, content):
    """Someone changes a signed link's dosage (or writes words in it): the phone shows the
    picture and the usual exercises, says plainly the plan was not made here, and shows no
    dosage as set by the therapist."""
    from bodymap.dosage import Dosage
    from bodymap.links import PlanLink
    from bodymap.share import plan_url

    plan = PlanLink("neck", ("upper-trapezius",), "right", ("chin-nod",), (("chin-nod", Dosage(2, 10)),)).signed()
    forged = plan_url(app_url, {**plan.to_query(), "dose": "chin-nod:Stop all your medication"})
    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = phone.new_page()
    page.goto(forged)
    expect(page.get_by_role("img", name=re.compile("where Upper trapezius can send pain"))).to_be_visible(
        timeout=20_000)
    expect(page.get_by_text("This plan was not made by this clinic's app")).to_be_visible()
    expect(page.get_by_text("set by your therapist")).to_have_count(0)
    expect(page.get_by_text("Stop all your medication")).to_have_count(0)
    first = content.exercises[content.regions["neck"].exercises[0]]
    expect(page.locator("[data-testid='stMain'] h3").filter(has_text=re.compile(r"^1\. "))).to_have_text(
        f"1. {first.name}")
    screenshot(page, "plan-phone-not-made-here")
    phone.close()


# A share sheet as a phone's browser has one (headless Chromium has none), and a record of
# what the copy command copied: clinic.test is plain http, as a clinic's own address often is,
# so there is no Clipboard API and the page copies the way older pages do.
FAKE_SHARE = """
navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };
const copyCommand = document.execCommand.bind(document);
document.execCommand = (command, ...rest) => {
  if (command === 'copy') {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    window.__copied = el && 'value' in el ? el.value : String(document.getSelection());
  }
  return copyCommand(command, ...rest);
};
"""


@pytest.mark.parametrize("size", [(820, 1180), (390, 844)], ids=["tablet", "phone"])
def test_share_on_touch_copy_share_sheet_and_one_prescription_to_the_handout(clinic_browser, content, size):
    """On a touch screen: nothing to share before a muscle is chosen; then the whole link in
    view, a copy button and the device's share sheet that both work by tap; and present mode's
    "Handout" (44 px) opens the handout with the same exercises and dosage, printing the same plan."""
    browser, url = clinic_browser
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=True, is_mobile=True)
    context.add_init_script(FAKE_SHARE)
    page = context.new_page()
    page.goto(f"{url}/?region=calf&mode=present")
    wait_for_app(page)
    page.get_by_role("button", name="Share", exact=True).tap()
    box = page.get_by_test_id("stPopoverBody")
    expect(box.get_by_text("Choose a muscle first")).to_be_visible()
    expect(box.get_by_role("img", name="QR code for the link below")).to_have_count(0)
    page.keyboard.press("Escape")
    page.locator("[data-choice='soleus']").first.tap()
    wait_for_app(page)
    page.get_by_role("button", name="Share", exact=True).tap()
    box.get_by_role("combobox").first.click()
    page.get_by_role("option", name=content.exercises["calf-wall-stretch"].name, exact=True).click()
    wait_for_app(page)
    page.keyboard.press("Escape")
    box.get_by_text(f"Set the amount for {content.exercises['calf-wall-stretch'].name}").tap()
    wait_for_app(page)
    hold = box.get_by_role("spinbutton", name="Hold (seconds)")
    hold.fill("45")
    hold.press("Enter")
    wait_for_app(page)
    link = box.locator(".sl-link")
    expect(link).to_contain_text("h45")
    address = link.get_attribute("href")
    # The whole link is on screen: inside the box and the screen, nothing cut off.
    shown, outer = link.bounding_box(), box.bounding_box()
    assert link.inner_text() == address
    assert shown["x"] >= outer["x"] - 1 and shown["x"] + shown["width"] <= min(outer["x"] + outer["width"], size[0]) + 1
    assert link.evaluate("el => el.scrollWidth <= el.clientWidth")
    copy = box.get_by_role("button", name="Copy link")
    assert copy.bounding_box()["height"] >= 44
    copy.tap()
    expect(box.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("() => window.__copied") == address
    share = box.get_by_role("button", name="Share…")
    share.tap()
    assert page.evaluate("() => window.__shared.url") == address
    screenshot(page, f"share-touch-{size[0]}")
    page.keyboard.press("Escape")

    handout = page.get_by_role("link", name="Handout")
    assert handout.bounding_box()["height"] >= 44
    handout.tap()
    expect(page.get_by_role("heading", name="Patient handout", level=1)).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_role("checkbox", name=content.exercises["calf-wall-stretch"].name, exact=True)).to_be_checked()
    expect(page.get_by_text("2 sets of 10. Hold each one for 45 seconds.").first).to_be_visible()
    printed = page.locator("code").filter(has_text="/plan?").inner_text().replace("\n", "")
    assert parse_qs(urlsplit(printed).query)["dose"] == parse_qs(urlsplit(address).query)["dose"]
    assert parse_qs(urlsplit(printed).query)["ex"] == ["calf-wall-stretch"]
    context.close()
