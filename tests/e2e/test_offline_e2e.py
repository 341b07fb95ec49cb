"""Works offline: walking every page, tool, download and popover, the browser asks the
app's own server for everything, and no other host at all. (Every other browser test is
held to the same rule by the `network_log` fixture in conftest.py.)"""
from __future__ import annotations

from urllib.parse import urlsplit

from tests.e2e.conftest import is_local, open_app, wait_for_app


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
    page.get_by_role("button", name="Upper trapezius", exact=True).click()
    wait_for_app(page)
    page.locator(".bm-essential").first.wait_for()
    page.get_by_role("button", name="Share this view").click()
    page.locator("[data-testid='stPopoverBody'] img").first.wait_for()
    page.keyboard.press("Escape")
    open_app(page, f"{app_url}/?muscle=soleus&mode=present")
    page.locator(".bm-essential").first.wait_for()

    open_app(page, f"{app_url}/pain_finder")
    page.locator("[data-target='heel-left'] path").first.click()
    wait_for_app(page)
    page.locator("[class*='st-key-pain_result_']").first.wait_for()

    for topic in list(content.topics)[:3]:
        open_app(page, f"{app_url}/learn?topic={topic}")

    for tool, ready in (("cards", "[class*='st-key-card_'] img"), ("compare", ".js-plotly-plot"),
                        ("atlas", ".js-plotly-plot"), ("quiz&seed=5", ".st-key-quiz_options button")):
        open_app(page, f"{app_url}/study?tab={tool}")
        page.locator(ready).first.wait_for()
    with page.expect_download() as sheet:
        open_app(page, f"{app_url}/study?tab=cards")
        page.get_by_role("button", name="Printable sheet").click()
    sheet.value.delete()

    open_app(page, f"{app_url}/handout?region=calf&muscle=soleus")
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download the handout (PDF)").click()
    assert open(pdf.value.path(), "rb").read(4) == b"%PDF"
    pdf.value.delete()

    open_app(page, f"{app_url}/sources")
    page.wait_for_timeout(500)
    context.close()

    foreign = sorted({u for u in requests + sockets if not is_local(u)})
    assert not foreign, f"requests to other hosts: {foreign}"
    app_host = urlsplit(app_url).netloc
    assert sum(urlsplit(u).netloc == app_host for u in requests) > 20, "the walk did load the app"
    assert any(u.endswith("/_stcore/stream") for u in sockets), "the app talks over its own WebSocket"
