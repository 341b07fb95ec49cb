"""The clickable body map: an inline SVG component (st.components.v2).

The SVG (bodymap.body_svg) and the optional row of choice buttons (bodymap.choices) are
built in Python with every label escaped. The browser highlights a press at once, then
reports it to Python as a one-shot trigger value.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st

_HTML = '<div class="bm-root"><div class="bm-choices-box"></div><div class="bm-svg-box"></div></div>'

# The component has a fixed height and the SVG keeps its proportions inside it. A fixed
# height matters for speed: with height="content" Streamlit re-measures the component
# after every rerun, which added 25-60 ms to each press (benchmarks/README.md).
_CSS = """
.bm-root { width: 100%; height: 100%; display: flex; flex-direction: column;
  font-family: var(--st-font, "Source Sans Pro", system-ui, sans-serif); }
.bm-svg-box { flex: 1 1 auto; min-height: 0; }
.bm-svg-box svg { width: 100%; height: 100%; display: block; touch-action: manipulation;
  -webkit-tap-highlight-color: transparent; user-select: none; }
/* The component's height is fixed, so the page never jumps when a region with more or
   fewer muscles is chosen; three rows of buttons fit, more scroll. */
.bm-choices-box:not(:empty) { flex: 1 1 auto; overflow-y: auto; }
.bm-choices { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 2px 2px 6px; }
.bm-choices-label { flex-basis: 100%; font-size: 14px; color: #31404c; }
.bm-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.bm-choice { min-height: 44px; padding: 4px 13px; border-radius: 22px; border: 1px solid #b8c4cc;
  background: #ffffff; color: #1f2a33; font: inherit; font-size: 15px; cursor: pointer;
  touch-action: manipulation; }
.bm-choice:hover { border-color: #0063a0; }
.bm-choice:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
.bm-choice[aria-pressed="true"] { background: #e3f1fb; border-color: #004f7c; color: #004f7c;
  font-weight: 600; box-shadow: inset 0 0 0 1px #004f7c; }
"""

# Runs on every data change. Replaces the SVG or the choices only when they differ, and
# gives focus back to what had it, so keyboard users keep their place across reruns.
_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  root.bm = { data, setTriggerValue };  // the listeners below always use the latest
  // Percent heights do not reach through Streamlit's wrapper, so size the box in pixels.
  root.style.height = `${data.height}px`;
  const focused = root.dataset.focus;
  let replaced = false;
  for (const [box, html, key] of [['.bm-svg-box', data.svg, 'svgKey'], ['.bm-choices-box', data.choices, 'choicesKey']]) {
    const k = String(html.length) + ':' + data[key];
    if (root.dataset[key] !== k) { root.querySelector(box).innerHTML = html; root.dataset[key] = k; replaced = true; }
  }
  if (replaced && focused) {
    const again = root.querySelector(focused);
    if (again) again.focus({ preventScroll: true });
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  const press = (el) => {
    const { data, setTriggerValue } = root.bm;
    if (data.multi) {
      const on = !el.classList.contains('bm-selected');
      el.classList.toggle('bm-selected', on);
      el.setAttribute('aria-pressed', String(on));
      const chosen = [...root.querySelectorAll('.bm-selected[data-target]')].map((e) => e.dataset.target);
      setTriggerValue('select', chosen);
    } else {
      root.querySelectorAll('.bm-selected').forEach((e) => {
        e.classList.remove('bm-selected');
        e.setAttribute('aria-pressed', 'false');
      });
      el.classList.add('bm-selected');
      el.setAttribute('aria-pressed', 'true');
      setTriggerValue('select', el.dataset.target);
    }
  };
  const choose = (button) => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    if (!on && button.closest('[data-required]')) return;
    root.querySelectorAll('[data-choice]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    button.setAttribute('aria-pressed', String(on));
    root.bm.setTriggerValue('choice', on ? button.dataset.choice : '');
  };
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-choice]');
    if (button) { choose(button); return; }
    const el = event.target.closest('[data-target]');
    if (el) press(el);
  });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const el = event.target.closest('[data-target]');  // buttons handle their own keys
    if (el) { event.preventDefault(); press(el); }
  });
  root.addEventListener('focusin', (event) => {
    const el = event.target.closest('[data-target], [data-choice]');
    root.dataset.focus = !el ? '' : el.dataset.target !== undefined
      ? `[data-target="${CSS.escape(el.dataset.target)}"]` : `[data-choice="${CSS.escape(el.dataset.choice)}"]`;
  });
}
"""

_component = st.components.v2.component("bodymap.body_map", html=_HTML, css=_CSS, js=_JS)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def body_map(svg: str, *, key: str, choices: str = "", multi: bool = False, height: int = 640, width="stretch",
             on_select: Callable[[object], None] | None = None,
             on_choice: Callable[[str | None], None] | None = None):
    """Show the map (and an optional row of choice buttons above it) in a box `height`
    pixels tall. Returns what was pressed on the map this run (an id, a list of ids, or None).

    The callbacks run before the script reruns, so the page draws the new selection in
    the same run as the press instead of one run later. `on_choice` gets None when the
    pressed choice was switched off.
    """

    handled = f"_handled_{key}"

    def on_select_change() -> None:
        st.session_state[handled] = True
        value = (st.session_state.get(key) or {}).get("select")
        if on_select is not None and value is not None:
            on_select(value)

    def on_choice_change() -> None:
        st.session_state[handled] = True
        value = (st.session_state.get(key) or {}).get("choice")
        if on_choice is not None and value is not None:
            on_choice(value or None)

    result = _component(
        key=key,
        data={"svg": svg, "choices": choices, "multi": multi, "height": height,
              "svgKey": _digest(svg), "choicesKey": _digest(choices)},
        on_select_change=on_select_change,
        on_choice_change=on_choice_change,
        height=height,
        width=width,
    )
    if not st.session_state.pop(handled, False) and (result.select is not None or result.choice is not None):
        # A press that reached a session whose callbacks were not registered yet: the
        # first press after the page reconnected to a restarted server. Apply it now
        # and draw the page again, so it is answered like any other.
        if result.select is not None:
            on_select_change()
        if result.choice is not None:
            on_choice_change()
        st.session_state.pop(handled, None)
        st.rerun()
    return result.select
