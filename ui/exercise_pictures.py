"""An exercise's key positions, side by side with captions, with a "Play slowly" loop."""
from __future__ import annotations

import streamlit as st

from bodymap.render.exercise_strip import exercise_strip_html
from bodymap.model import Exercise


def exercise_pictures(exercise: Exercise, key: str | None = None) -> None:
    """Show the pictures (nothing for an exercise a content pack has not drawn yet).
    `key` tells two showings of the same exercise on one page apart."""
    html = exercise_strip_html(exercise, key)
    if html:
        st.html(html)
