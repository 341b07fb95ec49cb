"""The page menu's behaviour on phones (choosing a page closes it): a component with no
picture of its own, mounted once per page by app.py."""
from pathlib import Path

import streamlit as st

_closer = st.components.v2.component(
    "bodymap.menu_closer",
    html="<span hidden></span>",
    js=(Path(__file__).parent / "menu.js").read_text(encoding="utf-8"),
)


def close_menu_on_choice() -> None:
    _closer(key="menu_closer", data={}, height=0)
