"""The clickable body map: an inline SVG component (st.components.v2).

The SVG comes from bodymap.body_svg with every label escaped. The browser highlights a
pressed shape at once, then reports its id to Python as a one-shot trigger value.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st

_HTML = '<div class="bm-root"></div>'

_CSS = """
.bm-root { width: 100%; }
.bm-root svg { width: 100%; height: auto; max-height: 76vh; display: block; touch-action: manipulation;
  -webkit-tap-highlight-color: transparent; user-select: none; }
"""

# Runs on every data change. Replaces the SVG only when it differs, and gives focus back
# to the shape that had it, so keyboard users keep their place across reruns.
_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector('.bm-root');
  root.bm = { data, setTriggerValue };  // the listeners below always use the latest
  if (root.dataset.key !== data.key) {
    const focused = root.dataset.focus;
    root.innerHTML = data.svg;
    root.dataset.key = data.key;
    if (focused) {
      const again = root.querySelector(`[data-target="${CSS.escape(focused)}"]`);
      if (again) again.focus({ preventScroll: true });
    }
  }
  if (root.dataset.wired) return;
  root.dataset.wired = '1';
  const targetOf = (event) => event.target.closest('[data-target]');
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
  root.addEventListener('click', (event) => { const el = targetOf(event); if (el) press(el); });
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const el = targetOf(event);
    if (el) { event.preventDefault(); press(el); }
  });
  root.addEventListener('focusin', (event) => {
    const el = targetOf(event);
    root.dataset.focus = el ? el.dataset.target : '';
  });
}
"""

_component = st.components.v2.component("bodymap.body_map", html=_HTML, css=_CSS, js=_JS)


def body_map(svg: str, *, key: str, multi: bool = False, on_select: Callable[[object], None] | None = None):
    """Show the map; return what was pressed on this run (an id, a list of ids, or None).

    `on_select(value)` runs before the script reruns, so the page renders the new
    selection in the same run as the click instead of one run later.
    """

    def callback() -> None:
        value = (st.session_state.get(key) or {}).get("select")
        if on_select is not None and value is not None:
            on_select(value)

    result = _component(
        key=key,
        data={"svg": svg, "multi": multi, "key": hashlib.sha1(svg.encode()).hexdigest()},
        on_select_change=callback,
    )
    return result.select
