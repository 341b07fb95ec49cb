"""Attribute-only SVG primitives for the pictures fpdf2 prints (and the study cards show).

fpdf2's SVG reader takes no <pattern> and no descendant CSS selectors, so every mark here
is styled by its own attributes. The printed close-ups (`closeup_print`) and the handout's
printed picture with its key (`print_picture`) draw their stipple, trigger points and text
with these, so a mark in the key is the mark on the body.
"""
from __future__ import annotations

from html import escape

import shapely
from shapely.geometry.base import BaseGeometry

from ..fonts import FAMILY
from ..palette import PALETTE


def dots(area: BaseGeometry, u: float) -> str:
    """Path data for the spillover stipple: dots on the same grid as the screen's pattern,
    each dot whose centre is in `area` (`u`: the picture's mark unit)."""
    s, r = 6 * u, 1.15 * u
    if area.is_empty:
        return ""
    x0, y0, x1, y1 = area.bounds
    xs, ys = [], []
    i0, j0 = int(x0 // s) - 1, int(y0 // s) - 1
    for i in range(i0, int(x1 // s) + 2):
        for j in range(j0, int(y1 // s) + 2):
            for fx in (0.25, 0.75):  # two dots a cell, on its diagonal
                xs.append((i + fx) * s)
                ys.append((j + fx) * s)
    inside = shapely.contains_xy(area, xs, ys) if xs else []
    return " ".join(f"M{x - r:.2f},{y:.2f} a{r:.2f},{r:.2f} 0 1 0 {2 * r:.2f},0 a{r:.2f},{r:.2f} 0 1 0 {-2 * r:.2f},0 Z"
                    for x, y, keep in zip(xs, ys, inside) if keep)


def trigger(x: float, y: float, label: str, u: float, mark: bool = True) -> str:
    """A trigger point's X (`mark` False: the same X in a key, not a mark on the body)."""
    p, s, r = PALETTE, 4.5 * u, 7 * u
    arm = f'stroke="{p["trigger"]}" stroke-width="{3 * u:.3f}" stroke-linecap="round"'
    attrs = ' class="bm-tp" data-trp=""' if mark else ""
    return (f'<g{attrs} aria-label="{escape(label)}">'
            f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" fill="#ffffff" fill-opacity="0.9" '
            f'stroke="{p["trigger"]}" stroke-width="{1 * u:.3f}"/>'
            f'<line x1="{x - s:.2f}" y1="{y - s:.2f}" x2="{x + s:.2f}" y2="{y + s:.2f}" {arm}/>'
            f'<line x1="{x - s:.2f}" y1="{y + s:.2f}" x2="{x + s:.2f}" y2="{y - s:.2f}" {arm}/></g>')


def text(x: float, y: float, words: str, size: float, colour: str, weight: str = "normal",
         anchor: str = "start") -> str:
    """A line of text in the bundled font, escaped."""
    return (f'<text x="{x:.2f}" y="{y:.2f}" font-family="{FAMILY}" font-size="{size:.3f}" font-weight="{weight}" '
            f'fill="{colour}" text-anchor="{anchor}">{escape(words)}</text>')
