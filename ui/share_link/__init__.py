"""The patient's link in the share box: shown whole, with a copy button that works on touch
(and on a clinic's plain-http address) and the device's share sheet (the Web Share API)
where the browser has one. An st.components.v2 component; its HTML, CSS and JS are the files
beside this one. The link is set as text and as the anchor's address, never as markup."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

HERE = Path(__file__).parent
_share_link = st.components.v2.component(
    "bodymap.share_link",
    html=(HERE / "share_link.html").read_text(encoding="utf-8"),
    css=(HERE / "share_link.css").read_text(encoding="utf-8"),
    js=(HERE / "share_link.js").read_text(encoding="utf-8"),
)


def share_link(url: str, key: str) -> None:
    """The link, a copy button and, where the device has one, a share button."""
    _share_link(key=key, data={"url": url}, height="content")
