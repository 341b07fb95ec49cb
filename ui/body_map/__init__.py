"""The clickable body map and the row of choice buttons: two inline components
(st.components.v2) whose HTML, CSS and JS are the files beside this one, read once at import
as Streamlit's docs show for inline components.

The SVG (bodymap.render.body_svg) and the buttons (bodymap.choices) are built in Python with
every label escaped. The browser marks a press at once, then reports it to Python as a
one-shot trigger value.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from bodymap.choices import render_choices
from bodymap.render.closeup_svg import LiveCloseups
from bodymap.palette import PALETTE

HERE = Path(__file__).parent


def _read(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def script(name: str) -> str:
    """A component's script: shared.js (what both components do, and how they talk) in front
    of its own file, as one module (an inline component takes one script)."""
    return _read("shared.js") + "\n" + _read(name)


def palette_properties() -> str:
    """bodymap.palette as CSS custom properties on the component root (`--bm-selected-line`,
    ...), so the buttons use the same colours as the SVG, the figures and the PDF."""
    props = " ".join(f"--bm-{name.replace('_', '-')}: {value};" for name, value in PALETTE.items())
    return f".bm-root {{ {props} }}\n"


# The components have a fixed height and the SVG keeps its proportions inside it. A fixed
# height matters for speed: with height="content" Streamlit re-measures the component
# after every rerun, which added 25-60 ms to each press (benchmarks/README.md).
_map = st.components.v2.component(
    "bodymap.body_map",
    html=_read("map.html"),
    css=palette_properties() + _read("map.css"),
    js=script("map.js"),
)
# Plain buttons rather than a Streamlit widget: a widget whose options change is rebuilt
# on every region press, which cost about 45 ms a press (benchmarks/README.md).
_choice_row = st.components.v2.component(
    "bodymap.choice_row",
    html=_read("choice_row.html"),
    css=palette_properties() + _read("choice_row.css"),
    js=script("choice_row.js"),
)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


PRESSED_AT = "_pressed_at"  # when the newest press applied was made (the browser's clock, ms)


def _press(raw: object) -> tuple[object, float | None]:
    """A trigger value's press and when it was made: the components send `{value, at}`."""
    if isinstance(raw, dict) and "value" in raw:
        at = raw.get("at")
        return raw["value"], float(at) if isinstance(at, (int, float)) else None
    return raw, None


def _mount(component, key: str, data: dict, trigger: str, callback: Callable[[object], None],
           height: int, width) -> object:
    """Mount `component`; its one-shot `trigger` value goes to `callback` before the script
    reruns, so the page draws the press in the same run. Returns the value (or None).

    Presses on different components that arrive while a run is going reach the next run
    together, and Streamlit calls their callbacks in page order, not press order: a press
    older than one already applied is not applied, so the newest press wins."""
    handled = f"_handled_{key}"  # the press the callback applied; a run cut short may leave it

    def on_change() -> None:
        raw = (st.session_state.get(key) or {}).get(trigger)
        st.session_state[handled] = raw
        if raw is None:
            return
        value, at = _press(raw)
        if at is not None:
            if at < st.session_state.get(PRESSED_AT, at):
                return
            st.session_state[PRESSED_AT] = at
        callback(value)

    result = component(key=key, data=data, height=height, width=width, **{f"on_{trigger}_change": on_change})
    raw = getattr(result, trigger)
    if raw is not None and st.session_state.pop(handled, None) != raw:
        # A press no callback applied: the first press after the page reconnected to a
        # restarted server (its session had no callbacks yet). Apply it (unless a newer
        # press was applied already) and draw the page again.
        on_change()
        st.session_state.pop(handled, None)
        st.rerun()
    return _press(raw)[0]


# Screen widths (CSS px) at which a page may give a component another height: a tablet held
# upright and a phone (Streamlit itself stacks columns below 640 px).
TABLET_MAX_WIDTH = 1000
PHONE_MAX_WIDTH = 640
HEIGHT_VAR = "var(--bm-height)"


def height_css(key: str, desktop: str, tablet: str, phone: str) -> str:
    """CSS (for the page's <style>) that gives the component with `key` a height per screen
    width: CSS lengths for wider screens, tablets and phones. The component must be shown
    with `css_height=HEIGHT_VAR`; `height` stays the size Streamlit reserves before the CSS
    applies. The custom property reaches into the component, as inherited values do."""
    box = f".st-key-{key}"
    return (f"{box} {{ --bm-height: {desktop}; }}\n"
            f"@media (max-width: {TABLET_MAX_WIDTH}px) {{ {box} {{ --bm-height: {tablet}; }} }}\n"
            f"@media (max-width: {PHONE_MAX_WIDTH}px) {{ {box} {{ --bm-height: {phone}; }} }}\n"
            f"{box} {{ flex: 0 0 var(--bm-height) !important; }}\n"
            f"{box}, {box} .stBidiComponent {{ height: var(--bm-height) !important; }}\n")


def choice_row_height(texts: list[str], width: float, show_label: bool = True) -> int:
    """About how tall (px) a choice row with these button texts is in a box `width` px wide
    (choice_row.css: 44 px buttons, 6 px gaps, 15 px text), so a page can size it per screen."""
    rows, used = 1, 0.0
    for text in texts:
        button = 6.5 * len(text) + 28
        if used and used + 6 + button > width:
            rows, used = rows + 1, button
        else:
            used += (6 if used else 0) + button
    return rows * 50 + 8 + (24 if show_label else 0)


def body_map(svg: str, *, key: str, multi: bool = False, height: int = 640, width="stretch",
             on_select: Callable[[object], None] | None = None, css_height: str | None = None,
             fit_width: bool = False, selected: list[str] | None = None,
             frames: dict[str, tuple | None] | None = None, frames_follow: str = "", answers: bool = False):
    """Show the map in a box `height` pixels tall, or `css_height` (a CSS length, see
    `height_css`), or, with `fit_width`, as tall as the picture is at the width it gets, up
    to `height` and to the screen below it. Returns what was pressed on it this run (an id,
    a list of ids when `multi`, or None). `on_select` gets the press before the rerun.
    `selected`: the targets the browser marks as chosen, so one SVG serves every choice (the
    SVG is then sent once and kept). `frames`: a frame (`.bm-window`) goes to frames[v] when
    the choice row `frames_follow` chooses v (none for a v it lacks), in the browser.
    `answers`: on a page with no `choice_row` (which tells the page that its press was
    answered), the map says so itself; its data then changes with every press."""
    data = {"svg": svg, "multi": multi, "height": css_height or height, "svgKey": _digest(svg), "fit": fit_width,
            "selected": selected, "frames": frames or {}, "framesFollow": frames_follow}
    if answers:
        data["answered"] = st.session_state.get(PRESSED_AT, 0)
    return _mount(_map, key, data, "select", on_select or (lambda _value: None), height, width)


def live_closeup(live: LiveCloseups, *, key: str, follow: str, views_row: str | None, height: int,
                 on_select: Callable[[object], None]) -> None:
    """A region's close-ups that draw a chosen muscle in the browser, at once: a press on a
    muscle shape, or on the button row `follow` (a `choice_row` with `group=True`). It sizes
    itself as `body_map(fit_width=True)` does; `views_row` (a choice row's key) is told which
    picture shows. Which muscle is chosen is not part of the data (the row tells the picture),
    so a muscle press leaves this element unchanged and Streamlit does not resend it."""
    data = {"live": {**live.data, "follow": follow, "viewsRow": views_row}, "height": height, "fit": True}
    _mount(_map, key, data, "select", on_select, height, "stretch")


def choice_row(label: str, options: list[tuple[str, str]], selected: str | None, *, key: str,
               height: int, on_choice: Callable[[str | None], None], required: bool = False,
               show_label: bool = True, one_line: bool = False, width="stretch", css_height: str | None = None,
               group: bool = False, grow: bool = False) -> None:
    """A labelled row of toggle buttons, one per (value, text) option, in a box `height`
    pixels tall. `on_choice` gets the pressed value before the rerun, or None when the
    pressed button was switched off (never, when `required`: pressing the chosen button
    keeps it chosen). A hidden label (`show_label=False`) is still read out by screen readers.
    `css_height`: a CSS length for the box instead (see `height_css`). With `group`, the row
    tells the page (a `live_closeup` following `key`) what is chosen, and follows it back.
    With `grow`, the box grows to show every button (`height` is the room kept before it does)."""
    choices = render_choices(label, options, selected, required=required, show_label=show_label, one_line=one_line)
    # `answered`: the newest press applied when this row was drawn (shared.js, answeredEarlier).
    data = {"choices": choices, "height": css_height or height, "choicesKey": _digest(choices), "grow": grow,
            "answered": st.session_state.get(PRESSED_AT, 0)}
    if group:
        data |= {"group": key, "selected": selected or ""}
    _mount(_choice_row, key, data, "choice", lambda value: on_choice(value or None), height, width)
