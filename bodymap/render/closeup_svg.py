"""A close-up of one body part as SVG: the body, the region's muscles as shapes, and a
muscle's trigger points and referral zone on top, the way trigger-point charts draw them
(X for a trigger point, the essential zone solid, the spillover zone dotted).

The picture is a window (`BodyGeometry.window`) on a view of the one body geometry, so the
zones here are the same areas the whole-body map and the pain finder use. Lines keep one
width on screen however far the window is zoomed (`vector-effect`); text and marks are
sized in "screen units" (`u`), a fixed share of the window's width, so they read the same
on every close-up. Everything from content goes through `html.escape`.

The contract the app and its tests rely on: the <svg> has `data-view` (the close-up id);
each muscle shape is a group with `data-muscle` and an `aria-label` of the muscle's name;
each drawn referral area has `data-zone` ("essential" or "spillover") and `data-area`
(the base area id); each trigger point mark has `data-trp`.
"""
from __future__ import annotations

import hashlib
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import Literal, NamedTuple

from ..geometry import SIDE_VIEWS, BodyGeometry, Ring
from .drawing import Drawing
from ..model import Muscle
from .muscle_shapes import drawn_muscle
from ..key import SHORT
from ..palette import PALETTE
from ..picture import Overlay, combined_overlay, muscle_overlay

NOMINAL_WIDTH = 420  # screen units across the picture: text sizes below are in these
PAD = 6  # map units kept around a zone or mark when the window grows to hold it
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class CloseupSpec:
    """What a close-up shows and what can be pressed on it.

    muscles: the region's muscles, drawn faint for orientation; `chosen` is filled.
    targets: "muscles" makes each muscle shape a button (the explorer); "areas" makes each
    area on the view a button (the pain finder); "none" is a picture.
    fit: grow the window so the whole overlay on this view is in the picture.
    """

    closeup: str
    side: str = "right"
    muscles: Sequence[Muscle] = ()
    chosen: str | None = None
    overlay: Overlay = field(default_factory=Overlay)
    targets: Literal["muscles", "areas", "none"] = "muscles"
    selected: frozenset[str] = frozenset()
    fit: bool = True
    legend: bool = True
    title: bool = True  # off where the page's own buttons already name the view (the explorer)
    # More muscles filled like `chosen` (a handout about several muscles of the region).
    more_chosen: tuple[str, ...] = ()
    # The window to show instead of the close-up's own (copies side by side share one).
    window: Box | None = None


def smooth_path(rings: Sequence[Ring], closed: bool = True) -> str:
    """SVG path data through the points of each ring as a smooth curve (Catmull-Rom turned
    into cubic Béziers), so outlines read as a body rather than a polygon."""
    out = []
    for ring in rings:
        pts = list(ring[:-1]) if closed and len(ring) > 1 and ring[0] == ring[-1] else list(ring)
        n = len(pts)
        if n < 3:
            out.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts))
            continue
        d = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
        last = n if closed else n - 1
        for i in range(last):
            p0 = pts[(i - 1) % n] if closed or i > 0 else pts[0]
            p1, p2 = pts[i], pts[(i + 1) % n]
            p3 = pts[(i + 2) % n] if closed or i + 2 < n else p2
            c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
            c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
            d.append(f"C{c1[0]:.1f},{c1[1]:.1f} {c2[0]:.1f},{c2[1]:.1f} {p2[0]:.1f},{p2[1]:.1f}")
        out.append(" ".join(d) + (" Z" if closed else ""))
    return " ".join(out)


MAX_GROWTH = 0.45  # of the close-up's own width or height, on each side


def closeup_window(geometry: BodyGeometry, spec: CloseupSpec) -> tuple[str, Box]:
    """(view, box) of the picture: the close-up's window on the chosen side, grown to hold
    the overlay and the chosen muscle where they reach a little past it on this view. A zone
    far away (the soleus's rare sacroiliac spillover on a leg close-up) does not shrink the
    whole picture: it is left to the other pictures, and `zones_outside` names it."""
    view, box = geometry.window(spec.closeup, spec.side)
    if spec.window is not None:
        return view, spec.window
    if not spec.fit:
        return view, box
    x0, y0, x1, y1 = box
    limit = (x0 - MAX_GROWTH * (x1 - x0), y0 - MAX_GROWTH * (y1 - y0),
             x1 + MAX_GROWTH * (x1 - x0), y1 + MAX_GROWTH * (y1 - y0))
    points = []
    for iid in (*spec.overlay.essential, *spec.overlay.spillover):
        shape = geometry.areas.get(iid)
        if shape is not None and shape.view == view and _inside(shape.anchor, limit):
            points += [p for ring in shape.rings for p in ring]
    points += [(x, y) for v, x, y, _ in spec.overlay.trigger_points if v == view and _inside((x, y), limit)]
    chosen = next((m for m in spec.muscles if m.id == spec.chosen), None)
    for drawn in drawn_muscle(geometry, chosen, spec.side) if chosen else ():
        if drawn.view == view:
            points += [drawn.bounds[:2], drawn.bounds[2:]]
    for x, y in points:
        x0, y0 = min(x0, max(x - PAD, limit[0])), min(y0, max(y - PAD, limit[1]))
        x1, y1 = max(x1, min(x + PAD, limit[2])), max(y1, min(y + PAD, limit[3]))
    return view, (x0, y0, x1, y1)


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def shown(geometry: BodyGeometry, spec: CloseupSpec) -> set:
    """What of the overlay the close-up shows: the ids of the zones whose anchor is in its
    window, and the trigger points in it."""
    view, box = closeup_window(geometry, spec)
    zones = {i for i in (*spec.overlay.essential, *spec.overlay.spillover)
             if i in geometry.areas and geometry.areas[i].view == view and _inside(geometry.areas[i].anchor, box)}
    return zones | {tp for tp in spec.overlay.trigger_points if tp[0] == view and _inside(tp[1:3], box)}


def zones_outside(geometry: BodyGeometry, *specs: CloseupSpec) -> list[str]:
    """The labels of the overlay's zones that none of these pictures shows (another view, or too far)."""
    seen = set().union(*(shown(geometry, spec) for spec in specs))
    ids = sorted((*specs[0].overlay.essential, *specs[0].overlay.spillover))
    return [geometry.areas[i].label for i in ids if i in geometry.areas and i not in seen]


def on_view(geometry: BodyGeometry, ids, view: str) -> list[str]:
    return [i for i in sorted(ids) if i in geometry.areas and geometry.areas[i].view == view]


def _style(u: float, tag: str) -> str:
    p = PALETTE
    return f"""<style>
.bm-closeup path, .bm-closeup polyline, .bm-closeup line, .bm-closeup circle {{ vector-effect: non-scaling-stroke; }}
.bm-body {{ fill: {p['skin']}; stroke: {p['outline']}; stroke-width: 1.6; }}
.bm-detail {{ fill: none; stroke: {p['detail']}; stroke-width: 1.2; stroke-linecap: round; }}
.bm-muscle path {{ fill: {p['muscle']}; fill-opacity: 0.16; stroke: {p['muscle_line']}; stroke-opacity: 0.45; stroke-width: 1; }}
.bm-muscle .bm-fibre {{ fill: none; stroke: {p['muscle_line']}; stroke-opacity: 0.22; stroke-width: 0.8; }}
.bm-muscle.bm-chosen path {{ fill-opacity: 0.5; stroke-opacity: 1; stroke-width: 2; }}
.bm-muscle.bm-chosen .bm-fibre {{ fill: none; stroke-opacity: 0.7; stroke-width: 1; }}
.bm-target {{ cursor: pointer; outline: none; }}
.bm-target.bm-muscle:hover path {{ fill-opacity: 0.34; stroke-opacity: 0.9; }}
.bm-target:focus-visible path, .bm-target:focus path {{ stroke: {p['focus']}; stroke-opacity: 1; stroke-width: 3; }}
.bm-area path {{ fill: {p['region']}; fill-opacity: 0.1; stroke: {p['region']}; stroke-width: 1; }}
.bm-area:hover path {{ fill-opacity: 0.25; }}
.bm-area.bm-selected path {{ fill: {p['selected_line']}; fill-opacity: 0.7; stroke: {p['chosen_line']}; stroke-width: 2.2; }}
.bm-essential {{ fill: {p['referral']}; fill-opacity: 0.8; stroke: {p['referral_line']}; stroke-width: 1.2; pointer-events: none; }}
.bm-spillover {{ fill: url(#bm-dots-{tag}); stroke: {p['referral']}; stroke-width: 1.2; stroke-dasharray: 5 3; pointer-events: none; }}
.bm-outline-again {{ fill: none; stroke: {p['muscle_line']}; stroke-width: 2; stroke-dasharray: 6 3; pointer-events: none; }}
.bm-tp {{ pointer-events: none; }}
.bm-tp line {{ stroke: {p['trigger']}; stroke-width: 3; stroke-linecap: round; }}
.bm-tp circle {{ fill: #ffffff; fill-opacity: 0.9; stroke: {p['trigger']}; stroke-width: 1; }}
.bm-title {{ fill: {p['text']}; font: 700 {15 * u:.2f}px system-ui, sans-serif; }}
.bm-side {{ fill: {p['muted']}; font: 600 {12 * u:.2f}px system-ui, sans-serif; }}
.bm-legend-text {{ fill: {p['text']}; font: 500 {12 * u:.2f}px system-ui, sans-serif; }}
</style>"""


def dots_pattern(u: float, tag: str) -> str:
    """The spillover stipple: dots on a light tint, so it reads in grey print and without colour."""
    p, s = PALETTE, 6 * u
    return (f'<defs><pattern id="bm-dots-{tag}" width="{s:.2f}" height="{s:.2f}" patternUnits="userSpaceOnUse">'
            f'<rect width="{s:.2f}" height="{s:.2f}" fill="{p["spillover_bg"]}"/>'
            f'<circle cx="{s / 4:.2f}" cy="{s / 4:.2f}" r="{1.15 * u:.2f}" fill="{p["referral"]}"/>'
            f'<circle cx="{3 * s / 4:.2f}" cy="{3 * s / 4:.2f}" r="{1.15 * u:.2f}" fill="{p["referral"]}"/>'
            "</pattern></defs>")


def trigger_mark(x: float, y: float, label: str, u: float) -> str:
    s, r = 4.5 * u, 7 * u
    return (f'<g class="bm-tp" data-trp="" role="img" aria-label="{escape(label)}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.2f}"/>'
            f'<line x1="{x - s:.1f}" y1="{y - s:.1f}" x2="{x + s:.1f}" y2="{y + s:.1f}"/>'
            f'<line x1="{x - s:.1f}" y1="{y + s:.1f}" x2="{x + s:.1f}" y2="{y - s:.1f}"/></g>')


def _muscle_group(geometry: BodyGeometry, muscle: Muscle, spec: CloseupSpec, view: str) -> str:
    shapes = [d for d in drawn_muscle(geometry, muscle, spec.side) if d.view == view]
    if not shapes:
        return ""
    chosen = muscle.id == spec.chosen or muscle.id in spec.more_chosen
    inner = "".join(f'<path d="{smooth_path(d.rings)}"/>' for d in shapes)
    inner += "".join(f'<polyline class="bm-fibre" points="{" ".join(f"{x},{y}" for x, y in line)}"/>'
                     for d in shapes for line in d.fibres)
    name = escape(muscle.name)
    classes = "bm-muscle" + (" bm-chosen" if chosen else "")
    if spec.targets == "muscles":
        return (f'<g class="{classes} bm-target" role="button" tabindex="0" aria-pressed="{str(chosen).lower()}" '
                f'aria-label="{name}" data-target="{escape(muscle.id)}" data-muscle="{escape(muscle.id)}">'
                f"<title>{name}</title>{inner}</g>")
    return (f'<g class="{classes}" role="img" aria-label="{name}" data-muscle="{escape(muscle.id)}">'
            f"<title>{name}</title>{inner}</g>")


def _zone(geometry: BodyGeometry, iid: str, kind: str) -> str:
    shape = geometry.areas[iid]
    return (f'<path class="bm-{kind}" data-zone="{kind}" data-area="{escape(shape.area)}" data-side="{shape.side}" '
            f'd="{smooth_path(shape.rings)}"><title>{escape(shape.label)}: {SHORT[kind].lower()}</title></path>')


def _area_button(geometry: BodyGeometry, iid: str, selected: bool) -> str:
    shape = geometry.areas[iid]
    label = escape(shape.label)
    return (f'<g class="bm-area bm-target{" bm-selected" if selected else ""}" role="button" tabindex="0" '
            f'aria-pressed="{str(selected).lower()}" aria-label="{label}" data-target="{escape(iid)}" '
            f'data-area="{escape(shape.area)}"><title>{label}</title><path d="{smooth_path(shape.rings)}"/></g>')


def _legend(x: float, y: float, u: float, per_row: int = 3) -> str:
    """Swatches that say in words what solid, dotted and X mean (colour is never the only cue),
    `per_row` to a row."""
    entries = [
        '<rect class="bm-essential" x="0" y="0" width="22" height="14"/>'
        f'<text class="bm-legend-text" style="font-size:12px" x="28" y="12">{SHORT["essential"]}</text>',
        '<rect class="bm-spillover" x="0" y="0" width="22" height="14"/>'
        f'<text class="bm-legend-text" style="font-size:12px" x="28" y="12">{SHORT["spillover"]}</text>',
        f'{trigger_mark(10, 7, "Trigger point marker", 1)}'
        f'<text class="bm-legend-text" style="font-size:12px" x="24" y="12">{SHORT["trigger"]}</text>',
    ]
    placed = "".join(f'<g transform="translate({124 * (i % per_row)},{18 * (i // per_row)})">{e}</g>'
                     for i, e in enumerate(entries))
    return (f'<g class="bm-legend" role="img" aria-label="Key: solid = where the pain is usually felt; '
            f'dotted = where it may spread; X = trigger point" transform="translate({x:.1f},{y:.1f}) scale({u:.4f})">'
            f"{placed}</g>")


class _Frame(NamedTuple):
    """Where a close-up's picture is and the sizes that follow from it."""

    view: str
    box: Box
    u: float  # map units per screen unit
    tag: str  # makes the picture's ids unique on a page
    per_row: int
    title_h: float
    foot_h: float
    legend_h: float


def _frame(geometry: BodyGeometry, spec: CloseupSpec, legend: bool) -> _Frame:
    view, (x0, y0, x1, y1) = closeup_window(geometry, spec)
    width = x1 - x0
    # Map units per screen unit: a share of the picture's longer side, as a tall picture is
    # shown as tall as the screen allows and a wide one as wide.
    u = max(width, 0.75 * (y1 - y0)) / NOMINAL_WIDTH
    per_row = max(1, min(3, int(width / u // 124)))  # key entries that fit across
    # Ids are shared by the whole page when several pictures are inline on it (a comparison):
    # each picture's own, from what it shows.
    tag = hashlib.sha1(f"{spec.closeup}|{spec.side}|{x0:.1f},{y0:.1f},{x1:.1f},{y1:.1f}".encode()).hexdigest()[:10]
    return _Frame(view, (x0, y0, x1, y1), u, tag, per_row, (24 if spec.title else 6) * u, 20 * u,
                  (4 + 18 * -(-3 // per_row)) * u if legend else 0)


def _overlay(geometry: BodyGeometry, spec: CloseupSpec, frame: _Frame, muscle: Muscle | None,
             overlay: Overlay) -> str:
    """What choosing a muscle adds on top of the picture: its zones, its edge again (above the
    zones, so "this muscle here" stays visible) and its trigger points."""
    view, u = frame.view, frame.u
    parts = [_zone(geometry, iid, "spillover") for iid in on_view(geometry, overlay.spillover, view)]
    parts += [_zone(geometry, iid, "essential") for iid in on_view(geometry, overlay.essential, view)]
    if muscle is not None:
        parts += [f'<path class="bm-outline-again" d="{smooth_path(d.rings)}"/>'
                  for d in drawn_muscle(geometry, muscle, spec.side) if d.view == view]
    parts += [trigger_mark(x, y, label, u) for v, x, y, label in overlay.trigger_points if v == view]
    return "".join(parts)


def _picture(geometry: BodyGeometry, spec: CloseupSpec, frame: _Frame, overlay: str) -> Drawing:
    """The close-up with `overlay` in its overlay slot (the live picture fills the slot in the
    browser). The chosen muscle is drawn last, on top of its neighbours."""
    view, (x0, y0, x1, y1), u, tag = frame.view, frame.box, frame.u, frame.tag
    width = x1 - x0
    top, bottom = y0 - frame.title_h, y1 + frame.foot_h + frame.legend_h
    closeup = geometry.closeups[spec.closeup]
    title = f"{closeup.label} ({spec.side} side)" if view in SIDE_VIEWS else f"{closeup.label}, {spec.side} side"
    attrs = (f'class="bm-svg bm-closeup" data-view="{escape(spec.closeup)}" data-side="{spec.side}" role="group" '
             f'aria-label="{escape(title)}"')
    parts = [
        _style(u, tag), dots_pattern(u, tag),
        f'<clipPath id="bm-window-{tag}"><rect x="{x0:.1f}" y="{y0:.1f}" width="{width:.1f}" '
        f'height="{y1 - y0:.1f}"/></clipPath>',
        f'<text class="bm-title" x="{x0 + 4 * u:.1f}" y="{y0 - 7 * u:.1f}">{escape(title)}</text>' if spec.title else "",
        f'<g clip-path="url(#bm-window-{tag})">',
        f'<path class="bm-body" d="{smooth_path(geometry.outlines[view])}"/>',
    ]
    parts += [f'<path class="bm-detail" d="{smooth_path([line], closed=False)}"/>' for line in geometry.details[view]]
    in_order = sorted(spec.muscles, key=lambda m: m.id == spec.chosen)  # stable: the chosen last
    parts.append('<g class="bm-muscles">' + "".join(_muscle_group(geometry, m, spec, view) for m in in_order) + "</g>")
    if spec.targets == "areas":
        parts += [_area_button(geometry, iid, iid in spec.selected) for iid in window_areas(geometry, view, frame.box)]
    parts.append(f'<g class="bm-overlay-slot">{overlay}</g></g>')
    left, right = geometry.sides_left_to_right(view)
    words = ({"left": "person's left", "right": "person's right", "back": "back", "front": "front"}
             if width / u >= 280 else {"left": "left", "right": "right", "back": "back", "front": "front"})
    y = y1 + 14 * u
    parts.append(f'<text class="bm-side" x="{x0 + 4 * u:.1f}" y="{y:.1f}">◀ {words[left]}</text>')
    parts.append(f'<text class="bm-side" x="{x1 - 4 * u:.1f}" y="{y:.1f}" text-anchor="end">{words[right]} ▶</text>')
    if frame.legend_h:
        parts.append(_legend(x0 + 4 * u, y1 + frame.foot_h + 2 * u, u, frame.per_row))
    box = (round(x0, 1), round(top, 1), round(width, 1), round(bottom - top, 1))
    return Drawing(box, attrs, "".join(parts))


def closeup_drawing(geometry: BodyGeometry, spec: CloseupSpec) -> Drawing:
    """The close-up for the screen, as parts: its box says how large it is, so a page sizes
    it without reading the SVG."""
    frame = _frame(geometry, spec, spec.legend and not spec.overlay.empty)
    chosen = next((m for m in spec.muscles if m.id == spec.chosen), None)
    return _picture(geometry, spec, frame, _overlay(geometry, spec, frame, chosen, spec.overlay))


def render_closeup(geometry: BodyGeometry, spec: CloseupSpec) -> str:
    return closeup_drawing(geometry, spec).svg()


@dataclass(frozen=True, eq=False)  # hashed by identity: built once, then cached
class LiveCloseups:
    """A region's close-ups for a page that answers muscle choices in the browser: each
    picture once with no muscle chosen, and per muscle what choosing it adds (its zones,
    its edge again, its trigger points) on the close-up it opens on. A picture's window
    holds the patterns of every muscle that opens on it, so it stays put while muscles are
    chosen in turn."""

    pictures: dict[str, str]  # close-up id -> its picture, overlay slot empty
    overlays: dict[str, str]  # muscle id -> its overlay on the close-up it opens on
    opens_on: dict[str, str]  # muscle id ("" for none) -> close-up id
    windows: dict[str, Box]  # close-up id -> the window its picture shows

    @cached_property
    def data(self) -> dict:
        """What the browser's live picture holds (ui/body_map/map.js): the pictures, a key per
        picture to tell them apart, the overlays and where each muscle opens."""
        keys = {c: hashlib.sha1(svg.encode()).hexdigest()[:16] for c, svg in self.pictures.items()}
        return {"pictures": self.pictures, "keys": keys, "overlays": self.overlays, "opensOn": self.opens_on}

    def spec(self, closeup: str, side: str, muscles: Sequence[Muscle], chosen: Muscle | None,
             overlay: Overlay) -> CloseupSpec:
        """The spec of what the live picture shows (for `zones_outside` and a full render)."""
        return CloseupSpec(closeup, side, tuple(muscles), chosen.id if chosen else None, overlay, title=False,
                           window=self.windows[closeup])


def live_closeups(geometry: BodyGeometry, closeups: Sequence[str], muscles: Sequence[Muscle], side: str,
                  pinned: str | None = None) -> LiveCloseups:
    """The live pictures of a region: every muscle opens on its `best_view` of `closeups`, or
    all on `pinned` when the user chose a picture. Built once per body, region, side and pin."""
    cache = _LIVE.setdefault(geometry, {})
    key = (tuple(closeups), tuple((m.id, id(m)) for m in muscles), side, pinned)
    if key not in cache:
        if len(cache) >= 64:
            cache.pop(next(iter(cache)))
        # The muscles stay referenced with their pictures, so their ids in the key stay theirs.
        cache[key] = (tuple(muscles), _live(geometry, closeups, muscles, side, pinned))
    return cache[key][1]


_LIVE: weakref.WeakKeyDictionary[BodyGeometry, dict] = weakref.WeakKeyDictionary()


def _live(geometry: BodyGeometry, closeups: Sequence[str], muscles: Sequence[Muscle], side: str,
          pinned: str | None) -> LiveCloseups:
    best = {m.id: best_view(geometry, closeups, m, side) for m in muscles}
    opens_on = {"": pinned or best_view(geometry, closeups, None, side)}
    opens_on |= {m.id: pinned or best[m.id] for m in muscles}
    pictures, overlays, windows = {}, {}, {}
    for closeup in dict.fromkeys(opens_on.values()):
        # Grown to hold the patterns of the muscles that open here by themselves.
        boxes = [closeup_window(geometry, CloseupSpec(closeup, side, tuple(muscles), m.id,
                                                      muscle_overlay(geometry, m, side)))[1]
                 for m in muscles if best[m.id] == closeup] or [geometry.window(closeup, side)[1]]
        window = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        spec = CloseupSpec(closeup, side, tuple(muscles), title=False, window=window)
        frame = _frame(geometry, spec, legend=True)
        pictures[closeup], windows[closeup] = _picture(geometry, spec, frame, "").svg(), window
        for m in muscles:
            if opens_on[m.id] == closeup:
                overlays[m.id] = _overlay(geometry, spec, frame, m, muscle_overlay(geometry, m, side))
    return LiveCloseups(pictures, overlays, opens_on, windows)


def window_areas(geometry: BodyGeometry, view: str, box: Box) -> list[str]:
    """The area instances a close-up with targets="areas" makes buttons of: those on `view`
    that reach into `box`, in drawing order."""
    return [iid for iid, shape in geometry.areas.items() if shape.view == view and _touches(shape.rings, box)]


def _touches(rings: Sequence[Ring], box: Box) -> bool:
    return any(_inside(p, box) for ring in rings for p in ring)


# The room a close-up gets on screen (CSS px, width x height): the pain finder's picture on a
# phone held upright and on a tablet. Every area must make a target of at least
# MIN_TARGET_PX across both ways on one close-up at both sizes.
PHONE_FRAME = (370, 520)
TABLET_FRAME = (720, 760)
MIN_TARGET_PX = 44


def target_size(geometry: BodyGeometry, iid: str, closeup: str, frame: tuple[float, float]) -> tuple[float, float]:
    """The size in CSS px (width, height) of area instance `iid` on `closeup` shown in `frame`,
    or (0, 0) when the close-up does not show it."""
    shape = geometry.areas[iid]
    view, (x0, y0, x1, y1) = geometry.window(closeup, shape.side)
    if view != shape.view or not (x0 <= shape.anchor[0] <= x1 and y0 <= shape.anchor[1] <= y1):
        return 0.0, 0.0
    scale = min(frame[0] / (x1 - x0), frame[1] / (y1 - y0))
    xs = [x for ring in shape.rings for x, _ in ring]
    ys = [y for ring in shape.rings for _, y in ring]
    return (min(max(xs), x1) - max(min(xs), x0)) * scale, (min(max(ys), y1) - max(min(ys), y0)) * scale


def best_closeup(geometry: BodyGeometry, iid: str, frame: tuple[float, float] = PHONE_FRAME,
                 among: Sequence[str] | None = None) -> str | None:
    """The close-up (of `among`, or of all) on which area instance `iid` makes the largest
    target, or None."""
    sizes = {cid: min(target_size(geometry, iid, cid, frame)) for cid in (geometry.closeups if among is None else among)}
    best = max(sizes, key=sizes.get, default=None)
    return best if best is not None and sizes[best] > 0 else None


def best_views(geometry: BodyGeometry, closeups: Sequence[str], muscles: Sequence[Muscle], side: str,
               most: int = 1) -> list[str]:
    """The close-ups (of `closeups`, in order) that show the muscles best.

    First the one that opens where the pain is: the most of the essential zones (all of them
    where one view can), then the most trigger points with them, then the muscles' own
    shapes and the rest of the pattern (the closer view wins a tie; with no muscle, the first
    one). Then, up to `most`, each one that adds most of what those before it leave out
    (essential zones count three, trigger points two, spillover one): the view that
    completes the first. What none of them shows is named under the picture (`zones_outside`).
    """
    if not closeups or not muscles:
        return list(closeups[:1])
    overlay = combined_overlay(geometry, muscles, side)
    drawn = [{d.view for d in drawn_muscle(geometry, m, side)} for m in muscles]
    shows = {c: shown(geometry, CloseupSpec(c, side, tuple(muscles), muscles[0].id, overlay)) for c in closeups}

    def first_key(closeup: str) -> tuple:
        view, (x0, y0, x1, y1) = geometry.window(closeup, side)
        essential = sum(i in shows[closeup] for i in overlay.essential)
        trigger_points = sum(isinstance(i, tuple) for i in shows[closeup])
        spillover = sum(i in shows[closeup] for i in overlay.spillover)
        muscles_here = sum(view in views for views in drawn)  # "these muscles here": their shapes, their X marks
        return (essential, trigger_points, muscles_here, spillover, -(x1 - x0) * (y1 - y0),
                -closeups.index(closeup))

    chosen = [max(closeups, key=first_key)]
    if most < 2:
        return chosen
    covered = set(shows[chosen[0]])

    def adds(closeup: str) -> int:
        return sum(3 if i in overlay.essential else 1 if isinstance(i, str) else 2 for i in shows[closeup] - covered)

    while len(chosen) < most and (rest := [c for c in closeups if c not in chosen and adds(c) > 0]):
        chosen.append(max(rest, key=lambda c: (adds(c), -closeups.index(c))))
        covered |= shows[chosen[-1]]
    return chosen


def best_view(geometry: BodyGeometry, closeups: Sequence[str], muscle: Muscle | None, side: str) -> str | None:
    """The close-up a muscle opens on (see `best_views`); None when there are no close-ups."""
    return next(iter(best_views(geometry, closeups, [muscle] if muscle else [], side)), None)


def completing_view(geometry: BodyGeometry, closeups: Sequence[str], muscle: Muscle, side: str,
                    current: str) -> str | None:
    """The close-up that shows most of what `current` leaves out of the muscle's pattern
    (essential zones count three, trigger points two, spillover one), or None if none adds any."""
    overlay = muscle_overlay(geometry, muscle, side)

    def showing(closeup: str) -> set:
        return shown(geometry, CloseupSpec(closeup, side, (muscle,), muscle.id, overlay))

    seen = showing(current) if current in geometry.closeups else set()

    def adds(closeup: str) -> int:
        return sum(3 if i in overlay.essential else 1 if isinstance(i, str) else 2 for i in showing(closeup) - seen)

    gains = {c: adds(c) for c in closeups if c != current}
    best = max(gains, key=lambda c: (gains[c], -closeups.index(c)), default=None)
    return best if best is not None and gains[best] > 0 else None
