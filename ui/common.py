"""Helpers every page uses: loading content once, the audience setting, safety and sources."""
from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st

from bodymap import citations
from bodymap.content import Content, ContentErrors, content_dir, load_content
from bodymap.geometry import BodyGeometry
from bodymap.model import AUDIENCES
from bodymap.safety import red_flag_groups

from .url_state import (
    AUDIENCE_KEY,
    current_settings,
    set_setting,
    settings_from_url,
    value_widget,
)

AUDIENCE_LABELS = {"patient": "Patient", "clinician": "Clinician", "student": "Student"}


@st.cache_resource(show_spinner="Loading content…")
def _load(folder: str) -> tuple[Content, BodyGeometry]:
    # Shared, not copied per session: the model is frozen, and a large content pack
    # would otherwise be unpickled on every rerun.
    content = load_content(folder)
    return content, content.geometry


# An absolute path on the server (a pack's folder, a link's target): every visitor sees the
# error page, so it names files by their last part, as they are named inside the pack.
_SERVER_PATH = re.compile(r"(?<![\w.])/(?:[^\s/:,()'\"]+/)+([^\s/:,()'\"]+)")


def _public(message: str) -> str:
    return _SERVER_PATH.sub(r"\1", message)


def load_content_or_stop() -> tuple[Content, BodyGeometry]:
    """The validated content and geometry, or a readable error page (and stop)."""
    try:
        return _load(str(content_dir()))
    except ContentErrors as exc:
        st.error(
            f"The app's content could not be loaded, so nothing is shown rather than part of it. "
            f"{len(exc.errors)} problem(s) were found:",
            icon=":material/error:",
        )
        st.code("\n".join(_public(str(e)) for e in exc.errors[:50]) + ("\n…" if len(exc.errors) > 50 else ""),
                language=None, wrap_lines=True)
        st.caption("Fix the files named above (or run `python -m bodymap check`), then reload the page.")
        st.stop()


def current_audience() -> str:
    """The audience the text is for; present mode is always the patient's text."""
    shell = current_settings()
    return "patient" if shell.presenting else shell.audience


def audience_setting(switch: bool = True) -> str:
    """The page header: the audience choice (unless `switch` is False) and the education line."""
    with st.container(horizontal=True, vertical_alignment="center", key="page_header"):
        if switch:
            value_widget(
                lambda **kw: st.segmented_control(
                    "Show text for",
                    AUDIENCES,
                    format_func=AUDIENCE_LABELS.get,
                    help="Patients get plain language; clinicians get palpation and needling safety; "
                    "students get key facts and look-alikes.",
                    required=True,
                    **kw,
                ),
                "audience_pick", current_settings().audience, settings_from_url(),
                lambda: set_setting(AUDIENCE_KEY, st.session_state["audience_pick"] or "patient"),
            )
        st.caption(
            "Education about dry needling, not medical advice. It cannot diagnose you: "
            "talk to your physical therapist or doctor about your own pain.",
            width="stretch",
        )
    return current_audience()


def present_style() -> None:
    """Present mode: larger type and tap targets of at least 44 px for a tablet at the chair."""
    st.html(
        """<style>
        [data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.25rem; line-height: 1.55; }
        [data-testid="stMain"] h1 { font-size: 2rem !important; }
        .block-container { padding-left: 1.5rem !important; padding-right: 1.5rem !important; }
        [data-testid="stMain"] button { min-height: 44px; min-width: 44px; font-size: 1.1rem; }
        .st-key-present_handout a { min-height: 44px; min-width: 44px; display: flex; align-items: center;
                                    font-size: 1.1rem; }
        [data-testid="stExpander"] summary { min-height: 44px; font-size: 1.15rem; }
        [data-testid="stCheckbox"] label { min-height: 44px; align-items: center; }
        /* A tablet held upright stacks the muscle buttons under the picture: the region's name
           is already on its chosen button above, so its heading gives the picture its room. */
        @media (max-width: 1000px) and (orientation: portrait) {
          .st-key-explorer_region_title { display: none; }
        }
        </style>"""
    )


def page_style() -> None:
    """A little CSS Streamlit has no option for: tighter top space, and the explorer's two
    columns stacking on tablets in portrait (Streamlit only stacks below 640 px)."""
    st.html(
        """<style>
        /* Below Streamlit's fixed header (3.75rem), so nothing starts hidden under it. */
        .block-container { padding-top: 4rem; padding-bottom: 2rem; }
        /* Captions already pass WCAG AA at Streamlit's 60% opacity (the theme's text colour is dark
           enough for that, see .streamlit/config.toml), so nothing depends on when this rule arrives:
           a style-only st.html can be mounted after its script run has already ended (0.1-0.6 s
           later on a loaded machine). Once here, it darkens them a little more. */
        [data-testid="stCaptionContainer"] { opacity: 0.8 !important; }
        h1 { font-size: 2.1rem !important; padding-top: 0.5rem !important; }
        .st-key-pain_show_all_button button { min-height: 44px; }  /* a touch target like the map's */
        .st-key-menu_closer { display: none; }  /* behaviour only, nothing to see */
        [class*='st-key-plan_picture_'] { max-width: 36rem; }  /* a phone's width; no taller than a laptop's screen */
        /* The region row takes a line of its own under the header's title, toggle and share box,
           and wraps there when the screen is narrow, however many regions the content has. (In the
           header's horizontal box the height its growing box sets as flex-basis would otherwise
           set its width.) */
        .st-key-explorer_regions { order: 10; flex: 1 1 100% !important; width: auto !important;
                                   max-width: 100% !important; }
        /* Phones: the picture first. The page title and the audience label stay for screen
           readers only, the small overview (a second way to change region) is left out. */
        @media (max-width: 640px) {
          .block-container { padding-top: 4rem; }
          .st-key-explorer_header h1, .st-key-page_header [data-testid="stWidgetLabel"] {
            position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
          .st-key-page_header [data-testid="stCaptionContainer"] p { font-size: 0.8rem; line-height: 1.3; }
          .st-key-explorer_overview_box { display: none; }
          .st-key-explorer_header, .st-key-page_header { gap: 0.4rem; }
          [data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
        }
        @media (max-width: 1000px) {
          .st-key-explorer_layout > div > [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
          .st-key-explorer_layout > div > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
            min-width: 100% !important; flex: 1 1 100% !important; }
        }
        </style>"""
    )


def show_safety(content: Content, *region_ids: str, expanded: bool = False) -> None:
    """The education-not-diagnosis line and the red flags (the general ones plus those of
    the regions shown), grouped by what to do, most urgent first."""
    safety = content.safety
    st.warning(safety.disclaimer, icon=":material/health_and_safety:")
    with st.expander("Red flags: when to contact your provider", expanded=expanded, icon=":material/flag:"):
        groups = red_flag_groups(content, *region_ids)
        for group in groups:
            st.markdown(f"**{group.label}:** {group.action} If you have:\n"
                        + "\n".join(f"- {flag.sign}" for flag in group.flags))
        st.markdown(safety.contact_line)
        sources_line(content, dict.fromkeys(safety.sources + [s for g in groups for f in g.flags for s in f.sources]))


def sources_line(content: Content, ids: Iterable[str]) -> None:
    names = [citations.line(content.sources[i]) for i in ids if i in content.sources]
    if names:
        st.caption("Sources: " + " ".join(names))
