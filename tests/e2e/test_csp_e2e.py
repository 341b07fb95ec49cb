"""The security headers (`streamlit run serve.py`, the README's start command): every response
carries them, the app works under the policy (no violation on any page), the browser refuses
a picture from another host even if one were put on the page, and no other site can frame it."""
from __future__ import annotations

import gzip
import re
import urllib.request

import pytest

from tests.conftest import ROOT
from tests.e2e.support import download, open_app, start_app, stop_app, wait_for_app
from ui.security import HEADERS, POLICY

# Each page records the policy violations the browser reports.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def csp_url():
    proc, url = start_app(ROOT / "serve.py")
    yield url
    log = stop_app(proc)
    assert "Traceback" not in log, log
    assert "missing ScriptRunContext" not in log, "the warm start's caches are filled quietly"


@pytest.fixture
def watched_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("() => window.__violations")


def test_the_readme_starts_the_protected_entry_point():
    """The README's first command (the one a newcomer copies) runs serve.py, which this module tests."""
    readme = (ROOT / "README.md").read_text()
    first = re.search(r"```bash\n(.*?)\n```", readme, re.S).group(1)
    assert re.search(r"streamlit run serve\.py\b", first), first


@pytest.mark.parametrize("path", ["/", "/study", "/plan?region=neck", "/_stcore/health", "/_stcore/host-config"])
def test_every_response_carries_the_security_headers(csp_url, path):
    with urllib.request.urlopen(f"{csp_url}{path}", timeout=10) as response:
        assert {name: response.headers[name] for name in HEADERS} == HEADERS
    assert "frame-ancestors 'self'" in POLICY


def test_no_other_site_can_frame_the_app(page, csp_url):
    """A page elsewhere (here: a data: page, a foreign origin) that frames the app gets nothing."""
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "frame-ancestors" in m.text else None)
    page.set_content(f'<iframe id="f" src="{csp_url}/" width="600" height="400"></iframe>')
    page.wait_for_timeout(3000)
    frame = page.frame_locator("#f")
    assert frame.locator("[data-testid='stApp']").count() == 0
    assert blocked, "the browser reported the refused frame"


def icons(page) -> tuple[list[str], list[str]]:
    """(the icons the page shows, those of them shown as their name instead of their picture).
    serve.py sends a cut icon font (ui/icon_font.py): an icon left out of it would show as a
    word such as "menu_book"."""
    page.evaluate("""async () => { await document.fonts.load('24px "Material Symbols Rounded"', 'info');
                                   await document.fonts.ready; }""")
    shown = page.evaluate("""() => [...document.querySelectorAll('span, i, div')]
        .filter(e => !e.children.length && e.textContent.trim() && e.getClientRects().length
                && getComputedStyle(e).fontFamily.includes('Material Symbols'))
        .map(e => { const text = document.createRange(); text.selectNodeContents(e);  // the text's own width
                    return [e.textContent.trim(), text.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize)]; })""")
    return [name for name, _ in shown], [name for name, ems in shown if ems > 1.5]


def test_every_page_works_under_the_policy(watched_page, csp_url):
    page = watched_page
    open_app(page, f"{csp_url}/?region=calf")
    page.locator(".st-key-explorer_muscles").get_by_role("button", name="Soleus", exact=True).click()
    wait_for_app(page)
    page.locator(".bm-essential").first.wait_for()
    assert violations(page) == [], "explorer"
    shown, spelled = icons(page)
    assert "qr_code_2" in shown, "the Share button's icon is on the page"
    assert spelled == [], "explorer"
    for path, ready in (("/pain_finder?areas=heel-left", "[class*='st-key-pain_result_']"),
                        ("/learn", "[data-testid='stMain'] h2"),
                        ("/study?tab=cards", "[class*='st-key-card_'] img"),
                        ("/study?tab=compare", "[class*='st-key-compare_closeup_'] img"),
                        ("/handout?region=calf&muscle=soleus", "[data-testid='stMain'] button")):
        open_app(page, f"{csp_url}{path}")
        page.locator(ready).first.wait_for()
        assert violations(page) == [], path
        assert icons(page)[1] == [], path
    pdf = download(page, "Download the handout (PDF)")
    with open(pdf.path(), "rb") as f:
        assert f.read(4) == b"%PDF"
    assert violations(page) == [], "handout download"


def test_the_browser_refuses_a_picture_from_another_host(watched_page, csp_url, network_log):
    page = watched_page
    open_app(page, csp_url)
    failed: list[tuple[str, str]] = []
    page.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
    page.evaluate("""() => { const img = document.createElement('img');
                             img.src = 'https://tracker.example/pixel.png'; document.body.append(img); }""")
    page.wait_for_function("() => window.__violations.length > 0")
    assert violations(page) == ["img-src https://tracker.example/pixel.png"]
    page.wait_for_timeout(200)
    assert failed == [("https://tracker.example/pixel.png", "csp")]  # Chromium: blocked by the policy
    # Playwright reports the request before Chromium blocks it; it never left the browser.
    network_log.remove("https://tracker.example/pixel.png")


def fetch(url: str, encoding: str | None = "gzip, deflate, br") -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=20) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def main_script(url: str) -> str:
    """The address of Streamlit's main script (its name carries a hash), from the page."""
    _, page = fetch(url + "/", None)
    return url + "/" + re.search(rb'src="\.?/?(static/js/index\.[^"]+\.js)"', page).group(1).decode()


def test_what_a_first_open_fetches_is_compressed_once_and_cached(csp_url):
    """The README's start command compresses Streamlit's front end (it does not by itself), and
    its hashed files stay cacheable for a year, so a second open fetches almost nothing."""
    script = main_script(csp_url)
    headers, body = fetch(script)
    assert headers.get("content-encoding") == "gzip"
    text = gzip.decompress(body)
    assert not text.startswith(b"\x1f\x8b"), "compressed once, not twice"
    assert len(body) < len(text) / 2.5
    assert "immutable" in headers.get("cache-control", "")
    plain_headers, plain = fetch(script, None)
    assert "content-encoding" not in plain_headers and plain == text
    page_headers, _ = fetch(csp_url + "/")
    assert page_headers.get("content-encoding") == "gzip"
    health_headers, health = fetch(csp_url + "/_stcore/health")
    assert health == b"ok" and "content-encoding" not in health_headers


def websocket_extensions(url: str, path: str = "/_stcore/stream") -> str:
    """The extensions a websocket handshake to `url` agrees (permessage-deflate: compressed)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall((f"GET {parts.path.rstrip('/')}{path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                      "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: streamlit\r\n"
                      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n").encode())
        head = sock.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 101"), head
    return next((line.split(":", 1)[1].strip() for line in head.split("\r\n")
                 if line.lower().startswith("sec-websocket-extensions:")), "")


def test_the_websocket_is_compressed(csp_url):
    """The plan's pictures travel in the websocket's messages: compressed (permessage-deflate)."""
    assert "permessage-deflate" in websocket_extensions(csp_url)
