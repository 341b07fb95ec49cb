"""The patient handout: a one- or two-page PDF built from the content and the body geometry.

Three steps, all pure (no Streamlit, no browser), one module each:

- `request`: what the therapist asks for (`HandoutRequest`) and why it cannot be printed;
- `plan`: `plan_handout(content, geometry, request)` gathers what the handout will say
  and show (the page's preview shows exactly this plan);
- `pdf`: `render_plan(plan, geometry)` lays the plan out with fpdf2.
"""
from __future__ import annotations

from ..content import Content
from ..fonts import FONT_BOLD, FONT_REGULAR, shaping_available
from ..geometry import BodyGeometry
from .pdf import PAGE_SIZES, layout_fit, printed_picture, render_plan
from .plan import plan_handout
from .request import (
    MAX_EXERCISES,
    MAX_NOTE_CHARS,
    MAX_NOTE_LINES,
    PAPERS,
    HandoutError,
    HandoutRequest,
    note_problems,
)


def build_handout(content: Content, geometry: BodyGeometry, request: HandoutRequest) -> bytes:
    """The handout PDF for `request`. Raises HandoutError naming every problem with it."""
    return render_plan(plan_handout(content, geometry, request), geometry)


def handout_filename(request: HandoutRequest) -> str:
    """A file name with the region and date only: nothing about the patient."""
    return f"handout-{request.region}-{request.date.isoformat()}.pdf"


__all__ = [
    "FONT_BOLD", "FONT_REGULAR", "MAX_EXERCISES", "MAX_NOTE_CHARS", "MAX_NOTE_LINES",
    "PAGE_SIZES", "PAPERS", "HandoutError", "HandoutRequest", "build_handout", "handout_filename", "layout_fit",
    "note_problems", "plan_handout", "printed_picture", "render_plan", "shaping_available",
]
