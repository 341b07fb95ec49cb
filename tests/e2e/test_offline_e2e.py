"""Works offline: walking every page, tool, download and popover, the browser asks the
app's own server for everything, and no other host at all. (Every other browser test is
held to the same rule by the `network_log` fixture in conftest.py.)"""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import MINIMAL, ROOT
from tests.e2e.conftest import is_local
from tests.e2e.support import download, open_app, start_app, stop_app, wait_for_app


def test_every_page_loads_from_the_app_alone(browser, app_url, content):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.set_default_timeout(15_000)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))

    open_app(page, app_url)
    page.locator("[data-target='neck'] path").first.click()
    wait_for_app(page)
    page.locator(".st-key-explorer_muscles").get_by_role("button", name="Upper trapezius", exact=True).click()
    wait_for_app(page)
    page.locator(".bm-essential").first.wait_for()
    page.get_by_role("button", name="Share", exact=True).click()
    page.get_by_test_id("stPopoverBody").locator(".sl-link").wait_for()
    page.keyboard.press("Escape")
    open_app(page, f"{app_url}/?muscle=soleus&mode=present")
    page.locator(".bm-essential").first.wait_for()

    open_app(page, f"{app_url}/pain_finder")
    page.locator("[data-target='heel-left'] path").first.click()  # the whole body: opens the close-up
    wait_for_app(page)
    page.locator("svg.bm-closeup [data-target='heel-left'] path").first.click()
    wait_for_app(page)
    page.locator("[class*='st-key-pain_result_']").first.wait_for()

    for topic in list(content.topics)[:3]:
        open_app(page, f"{app_url}/learn?topic={topic}")

    for tool, ready in (("cards", "[class*='st-key-card_'] img"), ("compare", "[class*='st-key-compare_closeup_'] img"),
                        ("atlas", "[data-target=temple-right]"), ("quiz&seed=5", ".st-key-quiz_options button")):
        open_app(page, f"{app_url}/study?tab={tool}")
        page.locator(ready).first.wait_for()
    open_app(page, f"{app_url}/study?tab=cards")
    download(page, "Printable sheet").delete()

    open_app(page, f"{app_url}/handout?region=calf&muscle=soleus")
    pdf = download(page, "Download the handout (PDF)")
    assert Path(pdf.path()).read_bytes()[:4] == b"%PDF"
    pdf.delete()

    open_app(page, f"{app_url}/sources")
    expect(page.get_by_role("heading", name="Sources", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")  # any late request is in the log
    context.close()

    foreign = sorted({u for u in requests + sockets if not is_local(u)})
    assert not foreign, f"requests to other hosts: {foreign}"
    app_host = urlsplit(app_url).netloc
    assert sum(urlsplit(u).netloc == app_host for u in requests) > 20, "the walk did load the app"
    assert any(u.endswith("/_stcore/stream") for u in sockets), "the app talks over its own WebSocket"


# ---- a pack whose text tries to place pictures from another host ---------------------------
TRACKER = "https://tracker.example/pixel.png"


def _pack_with(tmp_path_factory, text: str):
    """The minimal pack with `text` added to a muscle summary and a topic section."""
    pack = tmp_path_factory.mktemp("remote") / "content"
    shutil.copytree(MINIMAL, pack)
    muscles = yaml.safe_load((pack / "muscles" / "neck.yaml").read_text(encoding="utf-8"))
    for audience in ("patient", "clinician", "student"):
        muscles["muscles"][0]["summary"][audience] += f" {text}"
    (pack / "muscles" / "neck.yaml").write_text(yaml.safe_dump(muscles, sort_keys=False), encoding="utf-8")
    topics = yaml.safe_load((pack / "topics" / "what-it-is.yaml").read_text(encoding="utf-8"))
    topics["topics"][0]["sections"][0]["body"]["patient"] += f" {text}"
    (pack / "topics" / "what-it-is.yaml").write_text(yaml.safe_dump(topics, sort_keys=False), encoding="utf-8")
    return pack


@pytest.fixture(scope="module", params=["markdown-image", "reference-image", "html-image"])
def remote_image_app(request, tmp_path_factory):
    text = {"markdown-image": f"![chart]({TRACKER})",
            "reference-image": f"![chart][1]\n\n[1]: {TRACKER}",
            "html-image": f'<img src="{TRACKER}" alt="chart">'}[request.param]
    proc, url = start_app(ROOT / "app.py", {"BODYMAP_CONTENT_DIR": str(_pack_with(tmp_path_factory, text))})
    yield request.param, text, url
    log = stop_app(proc)
    assert "Traceback" not in log, log


def test_content_with_a_remote_image_never_reaches_the_other_host(browser, remote_image_app):
    kind, text, app_url = remote_image_app
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.set_default_timeout(15_000)
    for path in ("/?region=neck&muscle=upper-trapezius", "/learn?topic=what-it-is"):  # both show the text
        open_app(page, f"{app_url}{path}")
        main = page.locator("[data-testid='stMain']")
        if kind == "html-image":  # valid content (HTML in text is never parsed): shown as the text it is
            expect(main).to_contain_text(text)
        else:  # refused by the same check as `python -m bodymap check`, named by file and field
            expect(main).to_contain_text("could not be loaded")
            expect(main).to_contain_text("content/muscles/neck.yaml: muscles[0] (upper-trapezius).summary.patient: "
                                         "images are not allowed in text")
        assert page.locator("img[src*='tracker.example']").count() == 0
    page.wait_for_timeout(500)  # time for any image fetch to start
    context.close()
    assert not [u for u in requests if "tracker.example" in u or not is_local(u)], requests
