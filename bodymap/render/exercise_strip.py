"""An exercise's pictures as one block of HTML: the key positions side by side with their
captions, and a "Play slowly" switch that shows them one after another as a loop.

Plain HTML and CSS, no script: the switches are real checkboxes (reached with Tab, turned
with Space), the loop is a CSS animation, and a device that asks for reduced motion gets
the still pictures only.
"""
from __future__ import annotations

import base64
import re
from html import escape
from typing import TYPE_CHECKING

from ..palette import PALETTE
from ..poses.draw import exercise_pictures

if TYPE_CHECKING:
    from ..model import Exercise

SECONDS_PER_FRAME = 2.5


def _css(count: int) -> str:
    p = PALETTE
    shown = 100 / count
    # Each frame is visible for its share of the cycle, with a short cross-fade.
    keyframes = (f"@keyframes bx-loop-{count} {{ 0% {{ opacity: 0 }} 4% {{ opacity: 1 }} "
                 f"{shown - 2:.2f}% {{ opacity: 1 }} {shown + 2:.2f}% {{ opacity: 0 }} 100% {{ opacity: 0 }} }}")
    return f"""<style>
.bx-ex {{ margin: 0.25rem 0 0.75rem; }}
.bx-ex .bx-toggle {{ position: absolute; inset: 0; opacity: 0; margin: 0; cursor: pointer; }}
.bx-ex .bx-controls {{ display: flex; gap: 8px; flex-wrap: wrap; margin-bottom: 6px; }}
.bx-ex .bx-btn {{ position: relative; display: inline-flex; align-items: center; gap: 6px; min-height: 44px; padding: 4px 14px;
  border: 1px solid #b8c4cc; border-radius: 20px; background: #fff; color: {p['text']}; cursor: pointer;
  font-size: 15px; user-select: none; }}
.bx-ex .bx-btn:hover {{ border-color: {p['selected_line']}; }}
.bx-ex .bx-btn:has(.bx-toggle:focus-visible) {{ outline: 3px solid {p['focus']}; outline-offset: 2px; }}
.bx-ex .bx-btn:has(.bx-toggle:checked) {{ background: #e3f1fb; border-color: {p['selected_line']};
  color: {p['selected_line']}; font-weight: 600; }}
.bx-ex .bx-pause-btn {{ display: none; }}
.bx-ex .bx-on, .bx-ex .bx-btn:has(.bx-toggle:checked) .bx-off {{ display: none; }}
.bx-ex .bx-btn:has(.bx-toggle:checked) .bx-on {{ display: inline; }}
.bx-ex .bx-sr {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }}
.bx-ex .bx-frames {{ display: flex; flex-wrap: wrap; gap: 8px; }}
/* About 160 px each, and always two to a row on a phone. */
.bx-ex figure {{ margin: 0; width: min(160px, calc(50% - 4px)); }}
.bx-ex figure img {{ display: block; width: 100%; height: auto; border: 1px solid {p['area_line']};
  border-radius: 8px; background: #fff; }}
.bx-ex figcaption {{ font-size: 14px; line-height: 1.35; margin-top: 4px; color: {p['text']}; }}
.bx-ex .bx-num {{ font-weight: 700; }}
.bx-ex .bx-still-note {{ display: none; font-size: 13px; color: {p['muted']}; }}
/* Playing: the frames sit on top of each other and take turns. */
.bx-ex:has(.bx-play:checked) .bx-pause-btn {{ display: inline-flex; }}
.bx-ex:has(.bx-play:checked) .bx-frames {{ display: grid; }}
.bx-ex:has(.bx-play:checked) .bx-frames figure {{ grid-area: 1 / 1; width: 240px; max-width: 100%; opacity: 0;
  animation: var(--bx-loop) calc(var(--bx-count) * {SECONDS_PER_FRAME}s) linear infinite;
  animation-delay: calc(var(--bx-i) * {SECONDS_PER_FRAME}s); }}
.bx-ex:has(.bx-pause:checked) .bx-frames figure {{ animation-play-state: paused; }}
@media (prefers-reduced-motion: reduce) {{
  .bx-ex .bx-controls {{ display: none; }}
  .bx-ex .bx-still-note {{ display: block; }}
  .bx-ex:has(.bx-play:checked) .bx-frames {{ display: flex; }}
  .bx-ex:has(.bx-play:checked) .bx-frames figure {{ animation: none; opacity: 1; width: min(160px, calc(50% - 4px)); }}
}}
{keyframes}
</style>"""


def _safe_key(key: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", key.lower())


def _icon(symbol: str) -> str:
    return f'<span aria-hidden="true">{symbol} </span>'


def _img(svg: str, label: str) -> str:
    # st.html keeps HTML but strips inline SVG, so each picture travels as an image whose
    # alt text is the same plain-words description as the SVG's aria-label.
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(label)}" width="160">'


def exercise_strip_html(exercise: Exercise, key: str | None = None) -> str:
    """The pictures block for one exercise, or "" when it has no frames. `key` keeps the
    switches apart when the same exercise is shown twice on a page."""
    pictures = exercise_pictures(exercise)
    if not pictures:
        return ""
    count = len(pictures)
    uid = "bx-" + _safe_key(key or exercise.id)
    figures = "".join(
        f'<figure style="--bx-i: {i}">{_img(p.svg, p.label)}<figcaption><span class="bx-num">{i + 1}.</span> '
        f"{escape(p.caption)}</figcaption></figure>"
        for i, p in enumerate(pictures)
    )
    name = escape(exercise.name)
    return (
        _css(count)
        + f'<div class="bx-ex" id="{uid}" data-exercise="{escape(exercise.id)}" '
        f'style="--bx-count: {count}; --bx-loop: bx-loop-{count}">'
        f'<div class="bx-controls">'
        f'<label class="bx-btn bx-play-btn"><input type="checkbox" class="bx-toggle bx-play" id="{uid}-play">'
        f'<span class="bx-off">{_icon("▶")}Play slowly</span><span class="bx-on">{_icon("■")}Stop</span>'
        f'<span class="bx-sr"> the pictures of {name} as a loop</span></label>'
        f'<label class="bx-btn bx-pause-btn"><input type="checkbox" class="bx-toggle bx-pause" id="{uid}-pause">'
        f'<span class="bx-off">{_icon("❚❚")}Pause</span><span class="bx-on">{_icon("▶")}Go on</span>'
        f'<span class="bx-sr"> the pictures of {name}</span></label></div>'
        f'<p class="bx-still-note">Your device asks for less motion, so the pictures stay still.</p>'
        f'<div class="bx-frames" role="group" aria-label="Pictures of {name}, step by step">{figures}</div></div>'
    )
