"""Streamlit's icon font, cut to the icons in use (scripts/icon_font.py), sent by serve.py in
place of the whole font: 375 kB that every first open fetched, a third of a patient's plan on
a phone network (issue 25). Streamlit's page asks for the font at start, whether or not it
shows an icon, so the only way to make it smaller is to send a smaller file at its address.

The cut font is sent only when the installed Streamlit's font is byte for byte the one it was
cut from (a Streamlit upgrade changes it); otherwise Streamlit's own font goes out, whole, and
the log says why. Nginx passes the request to a replica like any other, so the deployment
sends the cut font too.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
from pathlib import Path

import streamlit
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

ICON_DIR = Path(__file__).resolve().parent.parent / "assets" / "icons"
MANIFEST = ICON_DIR / "icons.json"
# As Streamlit caches its hashed files: the name changes whenever the font does.
CACHE = "public, immutable, max-age=31536000"


def streamlit_font() -> Path:
    """The icon font the installed Streamlit serves (its name carries a hash of the file)."""
    media = Path(streamlit.__file__).parent / "static" / "static" / "media"
    return next(media.glob("MaterialSymbols-Rounded.*.woff2"))


@functools.cache
def cut_font() -> tuple[str, bytes] | None:
    """(the end of the path Streamlit serves its icon font at, the cut font's bytes), or None
    when the cut font does not match the installed Streamlit."""
    try:
        manifest, source = json.loads(MANIFEST.read_text()), streamlit_font()
        if source.name != manifest["source"] or \
                hashlib.sha256(source.read_bytes()).hexdigest() != manifest["source_sha256"]:
            raise ValueError(f"it was cut from {manifest['source']}, and Streamlit now has {source.name}")
        return f"/static/media/{source.name}", (ICON_DIR / source.name).read_bytes()
    except (OSError, ValueError, KeyError, StopIteration) as problem:
        logging.getLogger("bodymap").warning(
            "Sending Streamlit's whole icon font: the cut one (%s) cannot be used: %s. "
            "Run scripts/icon_font.py again.", ICON_DIR, problem)
        return None


class IconFont:
    """ASGI middleware: answers a request for Streamlit's icon font with the cut font."""

    def __init__(self, app: ASGIApp):
        self.app, self.font = app, cut_font()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.font and scope["type"] == "http" and scope["path"].endswith(self.font[0]):
            await Response(self.font[1], media_type="font/woff2", headers={"Cache-Control": CACHE})(scope, receive, send)
            return
        await self.app(scope, receive, send)
