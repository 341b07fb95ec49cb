"""A close-up drawn for print: the same picture as `closeup_svg.render_closeup`, in the SVG
that fpdf2 reads (the PDF handout draws it as vectors).

fpdf2's SVG reader ignores <pattern>, descendant CSS selectors, `vector-effect` and any
clip-path whose id has a hyphen, and it draws past the picture's edge. So here every style
is an attribute, line widths are in map units (a fixed share of the window, like the text),
the curves are flattened and cut to the window with shapely (fills cut as areas, outlines
cut as lines, so no false edge appears where the window cuts the body), and the spillover
stipple is real dots kept inside the zone. The contract attributes (`data-view`,
`data-muscle`, `data-zone`, `data-area`, `data-trp`) are the same as on screen.

A close-up shown as an image on screen (`sized_closeup`) is the same drawing with one change:
its stipple is the screen's <pattern> of dots, not every dot drawn (the dots were most of a
picture's bytes: 120-140 kB of a patient's plan picture). Not when it is `inline`, one of
many pictures placed in one page (the printable study sheet), where ids would meet.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import NamedTuple

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .closeup_svg import NOMINAL_WIDTH, CloseupSpec, closeup_window, dots_pattern, on_view
from .drawing import Drawing
from ..fonts import wrap
from ..geometry import SIDE_VIEWS, BodyGeometry, Ring
from ..key import SHORT
from .muscle_shapes import drawn_muscle
from ..palette import PALETTE
from .print_svg import dots, text, trigger

STEPS = 6  # points per curve segment when a smooth outline is flattened


def smooth_points(ring: Ring, closed: bool = True, steps: int = STEPS) -> list[tuple[float, float]]:
    """The points of the smooth curve `closeup_svg.smooth_path` draws through `ring`
    (the same Catmull-Rom curve), `steps` per segment."""
    pts = list(ring[:-1]) if closed and len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    n = len(pts)
    if n < 3:
        return pts
    out = [pts[0]]
    for i in range(n if closed else n - 1):
        p0 = pts[(i - 1) % n] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % n]
        p3 = pts[(i + 2) % n] if closed or i + 2 < n else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
            out.append((a * p1[0] + b * c1[0] + c * c2[0] + d * p2[0], a * p1[1] + b * c1[1] + c * c2[1] + d * p2[1]))
    return out


def _area(rings: Iterable[Ring]) -> BaseGeometry:
    polys = [Polygon(pts).buffer(0) for ring in rings if len(pts := smooth_points(ring)) >= 3]
    return unary_union(polys) if polys else Polygon()


def _lines(rings: Iterable[Ring], closed: bool = True) -> BaseGeometry:
    lines = []
    for ring in rings:
        pts = smooth_points(ring, closed)
        if closed and pts:
            pts.append(pts[0])
        if len(pts) >= 2:
            lines.append(LineString(pts))
    return MultiLineString(lines) if lines else LineString()


def _fill_d(shape: BaseGeometry) -> str:
    polys = shape.geoms if isinstance(shape, MultiPolygon) else [shape] if isinstance(shape, Polygon) else \
        [g for g in getattr(shape, "geoms", []) if isinstance(g, Polygon)]
    rings = [r for p in polys if not p.is_empty for r in (p.exterior, *p.interiors)]
    return " ".join("M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in r.coords[:-1]) + " Z" for r in rings)


def _line_d(shape: BaseGeometry) -> str:
    parts = [shape] if isinstance(shape, LineString) else [g for g in getattr(shape, "geoms", [])
                                                            if isinstance(g, LineString)]
    return " ".join("M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in g.coords) for g in parts if not g.is_empty)


def _shape(window: BaseGeometry, rings: Sequence[Ring], fill: str, line: str, attrs: str = "") -> str:
    """A shape cut to the window: its fill (no stroke), then its outline as lines, so where
    the window cuts it there is no edge."""
    fill_d, line_d = _fill_d(_area(rings).intersection(window)), _line_d(_lines(rings).intersection(window))
    out = f'<path {fill} stroke="none" d="{fill_d}"/>' if fill_d else ""
    out += f'<path fill="none" {line} d="{line_d}"/>' if line_d else ""
    return f"<g{attrs}>{out}</g>" if attrs else out


def _pattern_id(u: float) -> str:
    return f"{6 * u:.2f}"


def _zone(geometry: BodyGeometry, iid: str, kind: str, window: BaseGeometry, u: float, screen: bool) -> str:
    p, shape = PALETTE, geometry.areas[iid]
    area = _area(shape.rings).intersection(window)
    if area.is_empty:  # on this view, but beyond the picture's window
        return ""
    attrs = (f' class="bm-{kind}" data-zone="{kind}" data-area="{escape(shape.area)}" data-side="{shape.side}" '
             f'aria-label="{escape(shape.label)}: {SHORT[kind].lower()}"')
    edge = _line_d(_lines(shape.rings).intersection(window))
    if kind == "essential":
        inner = f'<path fill="{p["referral"]}" fill-opacity="0.8" stroke="none" d="{_fill_d(area)}"/>'
        inner += f'<path fill="none" stroke="{p["referral_line"]}" stroke-width="{1.2 * u:.3f}" d="{edge}"/>'
    else:
        if screen:
            inner = f'<path fill="url(#bm-dots-{_pattern_id(u)})" stroke="none" d="{_fill_d(area)}"/>'
        else:
            inner = f'<path fill="{p["spillover_bg"]}" stroke="none" d="{_fill_d(area)}"/>'
            if stipple := dots(area, u):
                inner += f'<path fill="{p["referral"]}" stroke="none" d="{stipple}"/>'
        inner += (f'<path fill="none" stroke="{p["referral"]}" stroke-width="{1.2 * u:.3f}" '
                  f'stroke-dasharray="{5 * u:.3f} {3 * u:.3f}" d="{edge}"/>')
    return f"<g{attrs}>{inner}</g>"


def closeup_title(geometry: BodyGeometry, spec: CloseupSpec) -> str:
    """The close-up's title as the picture prints it (the same words as on screen)."""
    view, _ = geometry.window(spec.closeup, spec.side)
    label = geometry.closeups[spec.closeup].label
    return f"{label} ({spec.side} side)" if view in SIDE_VIEWS else f"{label}, {spec.side} side"


class _Layout(NamedTuple):
    view: str
    window: tuple[float, float, float, float]
    u: float  # the screen unit, in map units
    title: list[str]  # its lines
    sides: tuple[str, str]
    stacked: bool  # the side words one under the other (a narrow picture)
    box: tuple[float, float, float, float]  # the viewBox: the window with the title above and the sides below


def _layout(geometry: BodyGeometry, spec: CloseupSpec, scale: float) -> _Layout:
    view, (x0, y0, x1, y1) = closeup_window(geometry, spec)
    width = x1 - x0
    u = width / NOMINAL_WIDTH * scale
    lines = wrap(closeup_title(geometry, spec), 15 * u, width - 8 * u, bold=True)
    left, right = geometry.sides_left_to_right(view)
    words = {"left": "person's left", "right": "person's right", "back": "back", "front": "front"}
    sides = (f"◀ {words[left]}", f"{words[right]} ▶")
    stacked = 0.62 * 12 * u * len("".join(sides)) > width - 16 * u
    top, bottom = y0 - (6 + 18 * len(lines)) * u, y1 + (34 if stacked else 20) * u
    return _Layout(view, (x0, y0, x1, y1), u, lines, sides, stacked, (x0, top, width, bottom - top))


def closeup_box(geometry: BodyGeometry, spec: CloseupSpec, scale: float = 1.0) -> tuple[float, float, float, float]:
    """The viewBox `closeup_drawing` will have (x, y, width, height), without drawing it."""
    return _layout(geometry, spec, scale).box


def render(geometry: BodyGeometry, spec: CloseupSpec, scale: float = 1.0, screen: bool = False) -> str:
    """The close-up as fpdf2 draws it (see the module's docstring), its text, marks and lines
    `scale` times the screen's (a small printed picture needs them larger). No key: the PDF
    prints its own. `screen`: for a browser, the stipple a pattern."""
    return closeup_drawing(geometry, spec, scale, screen).svg(sized=True)


def closeup_drawing(geometry: BodyGeometry, spec: CloseupSpec, scale: float = 1.0, screen: bool = False) -> Drawing:
    """`render`'s picture, as parts that can also be placed inside another picture."""
    p = PALETTE
    view, (x0, y0, x1, y1), u, lines, sides, stacked, viewbox = _layout(geometry, spec, scale)
    width = x1 - x0
    window = box(x0, y0, x1, y1)
    parts = [
        *(text(x0 + 4 * u, y0 - 7 * u - 18 * u * (len(lines) - 1 - i), line, 15 * u, p["text"], "bold")
          for i, line in enumerate(lines)),
        _shape(window, geometry.outlines[view], f'fill="{p["skin"]}"',
               f'stroke="{p["outline"]}" stroke-width="{1.6 * u:.3f}" stroke-linejoin="round"', ' class="bm-body"'),
    ]
    detail = _line_d(unary_union([_lines([line], closed=False) for line in geometry.details[view]] or [LineString()])
                     .intersection(window))
    if detail:
        parts.append(f'<path class="bm-detail" fill="none" stroke="{p["detail"]}" stroke-width="{1.2 * u:.3f}" '
                     f'stroke-linecap="round" d="{detail}"/>')
    chosen_ids = {spec.chosen, *spec.more_chosen} - {None}
    faint = [m for m in spec.muscles if m.id not in chosen_ids]
    chosen = [m for m in spec.muscles if m.id in chosen_ids]
    for muscle in faint + chosen:  # the chosen on top of their neighbours
        strong = muscle.id in chosen_ids
        shapes = [d for d in drawn_muscle(geometry, muscle, spec.side) if d.view == view]
        if not shapes:
            continue
        fill = f'fill="{p["muscle"]}" fill-opacity="{0.5 if strong else 0.16}"'
        line = (f'stroke="{p["muscle_line"]}" stroke-opacity="{1 if strong else 0.45}" '
                f'stroke-width="{(2 if strong else 1) * u:.3f}" stroke-linejoin="round"')
        inner = "".join(_shape(window, d.rings, fill, line) for d in shapes)
        fibres = _line_d(unary_union([LineString(f) for d in shapes for f in d.fibres if len(f) >= 2] or [LineString()])
                         .intersection(window))
        if fibres:
            inner += (f'<path fill="none" stroke="{p["muscle_line"]}" stroke-opacity="{0.7 if strong else 0.22}" '
                      f'stroke-width="{(1 if strong else 0.8) * u:.3f}" d="{fibres}"/>')
        parts.append(f'<g class="bm-muscle{" bm-chosen" if strong else ""}" data-muscle="{escape(muscle.id)}" '
                     f'aria-label="{escape(muscle.name)}">{inner}</g>')
    spillover = [_zone(geometry, iid, "spillover", window, u, screen)
                 for iid in on_view(geometry, spec.overlay.spillover, view)]
    if screen and any(spillover):
        parts.append(dots_pattern(u, _pattern_id(u)))
    parts += spillover
    parts += [_zone(geometry, iid, "essential", window, u, screen)
              for iid in on_view(geometry, spec.overlay.essential, view)]
    for muscle in chosen:  # its edge again, above its zone, so "this muscle here" stays visible
        edge = _line_d(_lines(d for s in drawn_muscle(geometry, muscle, spec.side) if s.view == view
                              for d in s.rings).intersection(window))
        if edge:
            parts.append(f'<path fill="none" stroke="{p["muscle_line"]}" stroke-width="{2 * u:.3f}" '
                         f'stroke-dasharray="{6 * u:.3f} {3 * u:.3f}" d="{edge}"/>')
    parts += [trigger(x, y, label, u) for v, x, y, label in spec.overlay.trigger_points
              if v == view and x0 <= x <= x1 and y0 <= y <= y1]
    parts.append(f'<rect x="{x0:.2f}" y="{y0:.2f}" width="{width:.2f}" height="{y1 - y0:.2f}" fill="none" '
                 f'stroke="{p["detail"]}" stroke-width="{0.8 * u:.3f}"/>')
    y = y1 + 14 * u
    parts.append(text(x0 + 4 * u, y, sides[0], 12 * u, p["muted"], "bold"))
    parts.append(text(x1 - 4 * u, y + (14 * u if stacked else 0), sides[1], 12 * u, p["muted"], "bold", "end"))
    attrs = (f'class="bm-closeup bm-print" data-view="{escape(spec.closeup)}" data-side="{spec.side}" '
             f'aria-label="{escape(closeup_title(geometry, spec))}"')
    return Drawing(viewbox, attrs, "".join(parts))


# A close-up shown as an image on screen (study cards, compare, the handout's preview) is
# drawn the same way: its text and marks sized for the width it is shown at, a title of
# about 13 px.
SCREEN_K = 364.0


def sized_closeup(geometry: BodyGeometry, spec: CloseupSpec, height: float, most: float = 320,
                  least: float = 120, inline: bool = False) -> tuple[str, int]:
    """(SVG, width in CSS px) of a close-up shown about `height` px tall, `least` to `most`
    px wide, drawn with attributes only (so many can share a page) and its text and marks
    at a readable size for that width."""
    _, (x0, y0, x1, y1) = closeup_window(geometry, spec)
    width = int(max(least, min(most, height * (x1 - x0) / (y1 - y0))))
    return render(geometry, spec, SCREEN_K / width, screen=not inline), width
