"""Everything an AppTest run sent to the browser, as text, for tests that look for leaks."""
from __future__ import annotations

from urllib.parse import unquote

from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest


def _strings(message: Message):
    """Every string anywhere in an element's protobuf (labels, bodies, options, component data)."""
    for _, value in message.ListFields():
        repeated = isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated")
        for item in value if repeated else [value]:
            if isinstance(item, Message):
                yield from _strings(item)
            elif isinstance(item, str):
                yield item


def sent_strings(at: AppTest, sidebar: bool = True) -> list[str]:
    """Every string of every element the last run sent (the main area, and the sidebar unless
    `sidebar` is False), one item each."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            out.extend(_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    for block in (at.main, at.sidebar) if sidebar else (at.main,):
        walk(block)
    return out


def shown_text(at: AppTest) -> str:
    """All text the app sent to the browser in the last run, one string per line."""
    return "\n".join(sent_strings(at))


def svg_pictures(at: AppTest) -> list[tuple[str, str]]:
    """(alt text, SVG) of each SVG picture that st.image showed, as the data URL that
    bodymap.render.drawing.svg_data_url writes (an SVG handed to st.image as it is would be
    base64, and is not counted: every page's pictures go through svg_data_url)."""
    prefix = "data:image/svg+xml,"
    return [(img.alt, unquote(img.url[len(prefix):])) for element in at.get("image")
            for img in element.proto.imgs if img.url.startswith(prefix)]
