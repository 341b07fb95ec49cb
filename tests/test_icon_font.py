"""The cut icon font (issue 25): it matches the installed Streamlit, draws every icon Streamlit
and the app name exactly as Streamlit's whole font does, and serve.py's middleware sends it
at the whole font's address, and nothing else there."""
from __future__ import annotations

import asyncio
import importlib.util
import json
import logging

import pytest
from fontTools.ttLib import TTFont

from tests.conftest import ROOT
from ui import icon_font
from ui.icon_font import ICON_DIR, MANIFEST, IconFont, cut_font, streamlit_font

_spec = importlib.util.spec_from_file_location("icon_font_script", ROOT / "scripts" / "icon_font.py")
script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(script)


@pytest.fixture(scope="module")
def fonts():
    return TTFont(streamlit_font()), TTFont(ICON_DIR / streamlit_font().name)


def test_the_cut_font_was_cut_from_the_installed_streamlit_s_font(caplog):
    # The very check serve.py makes: the same file name and the same bytes (SHA-256).
    cut_font.cache_clear()
    with caplog.at_level(logging.WARNING, logger="bodymap"):
        assert cut_font() is not None, f"Streamlit's icon font changed: run scripts/icon_font.py. {caplog.text}"
    assert cut_font()[0] == f"/static/media/{streamlit_font().name}"


def test_every_icon_named_is_drawn_as_streamlit_draws_it(fonts):
    whole, cut = fonts
    named, drawn_whole, drawn_cut = script.icons_named(), script.ligatures(whole), script.ligatures(cut)
    # The app's own icons are among them (its page icons and notices).
    assert {"accessibility_new", "touch_app", "menu_book", "info", "keyboard_double_arrow_left"} <= named
    missing = sorted(n for n in named if n in drawn_whole and n not in drawn_cut)
    assert not missing, f"the cut font cannot draw {missing}: run scripts/icon_font.py"
    for name in named & drawn_whole.keys():
        a, b = whole["glyf"][drawn_whole[name]], cut["glyf"][drawn_cut[name]]
        assert a.getCoordinates(whole["glyf"])[0] == b.getCoordinates(cut["glyf"])[0], name
        assert whole["hmtx"][drawn_whole[name]] == cut["hmtx"][drawn_cut[name]], name


def test_the_cut_font_is_a_small_part_of_the_whole(fonts):
    whole, cut = fonts
    size = (ICON_DIR / streamlit_font().name).stat().st_size
    assert size < streamlit_font().stat().st_size / 10
    assert len(cut.getGlyphOrder()) < len(whole.getGlyphOrder()) / 10


def _get(path: str) -> tuple[int, dict[str, str], bytes]:
    """A GET through the middleware, in front of an app that answers 404 'streamlit'."""
    async def streamlit(scope, receive, send):
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})

    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
    asyncio.run(IconFont(streamlit)(scope, receive, send))
    headers = {k.decode(): v.decode() for k, v in sent[0].get("headers", [])}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize("base", ["", "/bodymap"])
def test_the_middleware_sends_the_cut_font_at_the_whole_font_s_address(base):
    status, headers, body = _get(f"{base}/static/media/{streamlit_font().name}")
    assert status == 200 and body == (ICON_DIR / streamlit_font().name).read_bytes()
    assert headers["content-type"] == "font/woff2"
    assert "immutable" in headers["cache-control"]
    assert _get(f"{base}/static/media/SourceSansVF-Upright.ttf.BsWL4Kly.woff2")[2] == b"streamlit"
    assert _get(f"{base}/")[2] == b"streamlit"


def test_after_a_streamlit_upgrade_the_whole_font_goes_out_and_the_log_says_why(tmp_path, monkeypatch, caplog):
    stale = tmp_path / "icons.json"
    stale.write_text(json.dumps({**json.loads(MANIFEST.read_text()), "source_sha256": "0" * 64}))
    monkeypatch.setattr(icon_font, "MANIFEST", stale)
    cut_font.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="bodymap"):
            assert _get(f"/static/media/{streamlit_font().name}")[2] == b"streamlit"
        assert "Run scripts/icon_font.py again" in caplog.text
    finally:
        cut_font.cache_clear()
