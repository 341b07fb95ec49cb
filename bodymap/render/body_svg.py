"""Draws the body as SVG from the geometry: the clickable map and static pictures.

All text that reaches the SVG goes through `html.escape`, because the map is inserted
into the page as markup.
"""
from __future__ import annotations

import functools

from dataclasses import dataclass, field
from html import escape
from typing import Literal

from shapely.geometry import LineString, Polygon
from shapely.ops import unary_union

from .drawing import Drawing
from ..geometry import VIEW_NAMES, VIEWS, BodyGeometry, Ring
from ..key import SHORT
from ..palette import PALETTE
from ..picture import Overlay, focus_band

GAP = 24  # between the front and back views
TOP = 26  # room for the view titles
BOTTOM = 18  # room for the side labels
LEGEND = 30  # room for the legend when a referral zone is drawn
# A cropped picture shows the overlay with this much body around it, and at least this much.
CROP_PAD = 16
CROP_MIN_SPAN = 150
TITLE_BAND = 22  # map units added above a cropped picture for the view titles


@dataclass(frozen=True)
class MapSpec:
    """What the map shows and what can be pressed on it.

    targets: "regions" makes each region one button (made of all its areas);
    "areas" makes each area instance a button (the pain finder); "none" is a picture.
    crop: show only the band of the body around the overlay (for small pictures).
    outlines: draw the faint outline of every area (a printed picture, where there are
    no buttons to show the areas).
    chosen_style: "strong" gives chosen buttons more contrast, for a map where every area
    is a light-blue button (the pain finder).
    """

    regions: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (id, name, base areas)
    selected: frozenset[str] = frozenset()
    targets: str = "regions"
    views: tuple[str, ...] = VIEWS
    overlay: Overlay = field(default_factory=Overlay)
    title: str = "Body map"
    crop: bool = False
    outlines: bool = False
    chosen_style: Literal["default", "strong"] = "default"
    # A frame around the part of the body a close-up beside this map shows: (view, box).
    window: tuple[str, tuple[float, float, float, float]] | None = None
    # Area buttons filled by a measure (the referral atlas): (base area, colour, words said after
    # the area's name). An area not listed keeps the plain button style.
    shades: tuple[tuple[str, str, str], ...] = ()


def view_offsets(geometry: BodyGeometry, views: tuple[str, ...]) -> dict[str, float]:
    return {view: i * (geometry.width + GAP) for i, view in enumerate(views)}


def window_frame(geometry: BodyGeometry, spec: MapSpec, view: str,
                 box: tuple[float, float, float, float]) -> tuple[float, float, float, float] | None:
    """Where the frame around a close-up's `box` on `view` goes on this map: (x, y, width,
    height) in the map's units, or None when the map does not show `view`."""
    offsets = view_offsets(geometry, spec.views)
    if view not in offsets:
        return None
    x0, y0, x1, y1 = box
    return round(x0 + offsets[view], 1), round(y0 + TOP, 1), round(x1 - x0, 1), round(y1 - y0, 1)


def canvas_size(geometry: BodyGeometry, views: tuple[str, ...], legend: bool = False) -> tuple[float, float]:
    return len(views) * geometry.width + (len(views) - 1) * GAP, geometry.height + TOP + BOTTOM + (LEGEND if legend else 0)


def _path(rings: tuple[Ring, ...], dx: float) -> str:
    return " ".join(
        "M" + " L".join(f"{x + dx:.1f},{y + TOP:.1f}" for x, y in ring) + " Z" for ring in rings
    )


def _area_paths(geometry: BodyGeometry, ids, offsets, css_class: str) -> list[str]:
    out = []
    for iid in sorted(ids):
        shape = geometry.areas.get(iid)
        if shape is None or shape.view not in offsets:
            continue
        out.append(
            f'<path class="{css_class}" d="{_path(shape.rings, offsets[shape.view])}">'
            f"<title>{escape(shape.label)}</title></path>"
        )
    return out


def _defs() -> str:
    """The spillover stipple, as on the close-ups: dots on a light tint."""
    p = PALETTE
    return (
        "<defs>"
        f'<pattern id="bm-dots" width="4" height="4" patternUnits="userSpaceOnUse">'
        f'<rect width="4" height="4" fill="{p["spillover_bg"]}"/>'
        f'<circle cx="1" cy="1" r="0.8" fill="{p["referral"]}"/><circle cx="3" cy="3" r="0.8" fill="{p["referral"]}"/>'
        "</pattern></defs>"
    )


def _optional_style(spec: MapSpec) -> str:
    """Rules only some maps need, so the others stay as small as they can be."""
    p = PALETTE
    rules = []
    if spec.outlines:
        rules.append(f".bm-outline {{ fill: none; stroke: {p['area_line']}; stroke-width: 0.35; }}")
    if spec.chosen_style == "strong":
        # On the pain finder every area is a light-blue button, so a chosen one needs more
        # contrast than the selected look of the region map.
        rules.append(f".bm-target.bm-selected path {{ fill: {p['selected_line']}; fill-opacity: 0.78; "
                     f"stroke: {p['chosen_line']}; stroke-width: 1.4; }}")
    return "".join(rules)


def _style(spec: MapSpec) -> str:
    p = PALETTE
    return f"""<style>
.bm-body {{ fill: {p['skin']}; stroke: {p['outline']}; stroke-width: 1.2; }}
.bm-detail {{ fill: none; stroke: {p['detail']}; stroke-width: 0.8; stroke-linecap: round; }}
.bm-target {{ cursor: pointer; outline: none; }}
.bm-target path {{ fill: {p['region']}; fill-opacity: 0.16; stroke: {p['region']}; stroke-width: 0.6; }}
.bm-target:hover path {{ fill-opacity: 0.32; stroke-width: 1.4; }}
.bm-target:focus-visible path, .bm-target:focus path {{ stroke: {p['focus']}; stroke-width: 2.2; fill-opacity: 0.32; }}
.bm-target.bm-selected path {{ fill: {p['selected']}; fill-opacity: 0.42; stroke: {p['selected_line']}; stroke-width: 1.6; }}
.bm-target .bm-hit {{ fill: transparent; stroke: none; }}
.bm-target.bm-shaded path {{ fill-opacity: 0.9; stroke: {p['outline']}; stroke-width: 0.5; }}
.bm-target.bm-shaded:hover path {{ stroke: {p['text']}; stroke-width: 1.6; }}
.bm-target.bm-shaded:focus path, .bm-target.bm-shaded.bm-selected path {{ stroke: {p['focus']}; stroke-width: 2.6; }}
.bm-label {{ pointer-events: none; }}
.bm-label-text {{ fill: {p['text']}; font: 600 11px system-ui, sans-serif; }}
.bm-label.bm-selected .bm-label-text {{ fill: {p['selected_line']}; text-decoration: underline; }}
.bm-label.bm-selected .bm-label-bg {{ stroke-width: 1.6; }}
.bm-leader {{ stroke: {p['text']}; stroke-width: 0.7; }}
.bm-label-bg {{ fill: #ffffff; fill-opacity: 0.9; stroke: {p['region']}; stroke-width: 0.6; }}
.bm-essential {{ fill: {p['referral']}; fill-opacity: 0.85; stroke: {p['referral_line']}; stroke-width: 0.8; pointer-events: none; }}
.bm-spillover {{ fill: url(#bm-dots); fill-opacity: 0.9; stroke: {p['referral']}; stroke-width: 0.6; stroke-dasharray: 2 1.5; pointer-events: none; }}
.bm-tp {{ pointer-events: none; }}
.bm-tp line {{ stroke: {p['trigger']}; stroke-width: 2; stroke-linecap: round; }}
.bm-tp circle {{ fill: #ffffff; fill-opacity: 0.85; stroke: {p['trigger']}; stroke-width: 0.8; }}
.bm-view-title {{ fill: {p['text']}; font: 700 13px system-ui, sans-serif; text-anchor: middle; }}
.bm-legend-text {{ fill: {p['text']}; font: 500 11px system-ui, sans-serif; }}
.bm-side {{ fill: {p['muted']}; font: 600 10px system-ui, sans-serif; text-anchor: middle; }}
.bm-window {{ fill: none; stroke: {p['focus']}; stroke-width: 2.5; stroke-dasharray: 6 3; pointer-events: none; }}
{_optional_style(spec)}</style>"""


def _trigger_point(x: float, y: float, label: str, printed: bool = False) -> str:
    k = 1.8 if printed else 1  # a printed picture is small (about 6 cm tall): bigger marks
    s, r = 2.5 * k, 4 * k
    p = PALETTE
    disc, arm = (f' fill="#ffffff" fill-opacity="0.85" stroke="{p["trigger"]}" stroke-width="0.8"',
                 f' stroke="{p["trigger"]}" stroke-width="3" stroke-linecap="round"') if printed else ("", "")
    return (
        f'<g class="bm-tp" role="img" aria-label="{escape(label)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}"{disc}/>'
        f'<line x1="{x - s:.1f}" y1="{y - s:.1f}" x2="{x + s:.1f}" y2="{y + s:.1f}"{arm}/>'
        f'<line x1="{x - s:.1f}" y1="{y + s:.1f}" x2="{x + s:.1f}" y2="{y - s:.1f}"{arm}/></g>'
    )


def _pdf_spillover(geometry: BodyGeometry, ids, offsets) -> list[str]:
    """Spillover areas hatched with diagonal lines cut to each area (fpdf2 draws no <pattern>,
    and its <clipPath> does not clip)."""
    p, out = PALETTE, []
    for iid in sorted(ids):
        shape = geometry.areas.get(iid)
        if shape is None or shape.view not in offsets:
            continue
        dx = offsets[shape.view]
        area = unary_union([Polygon([(x + dx, y + TOP) for x, y in ring]).buffer(0) for ring in shape.rings])
        x0, y0, x1, y1 = area.bounds
        h = y1 - y0
        cuts = [area.intersection(LineString([(c, y1), (c + h, y0)])) for c in range(int(x0 - h), int(x1) + 1, 6)]
        segments = [seg for cut in cuts for seg in getattr(cut, "geoms", [cut])
                    if isinstance(seg, LineString) and not seg.is_empty]
        hatch = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in seg.coords) for seg in segments)
        out.append(f'<path class="bm-spillover" style="fill: {p["spillover_bg"]}" '
                   f'd="{_path(shape.rings, dx)}"/>')
        if hatch:
            out.append(f'<path fill="none" stroke="{p["referral"]}" stroke-width="1.4" d="{hatch}"/>')
    return out


def _pdf_regions(geometry: BodyGeometry, spec: MapSpec, offsets) -> list[str]:
    """The regions' areas, lightly tinted: on paper there is nothing to press."""
    ids = {f"{area}-{side}" for _, _, areas in spec.regions for area in areas for side in ("left", "right")}
    tint = f'fill="{PALETTE["region"]}" fill-opacity="0.16" stroke="{PALETTE["region"]}" stroke-width="0.6"'
    return [f'<path {tint} d="{_path(geometry.areas[i].rings, offsets[geometry.areas[i].view])}"/>'
            for i in sorted(ids) if i in geometry.areas and geometry.areas[i].view in offsets]


def render_map(geometry: BodyGeometry, spec: MapSpec) -> str:
    return map_drawing(geometry, spec).svg()


def map_drawing(geometry: BodyGeometry, spec: MapSpec, printed: bool = False) -> Drawing:
    """`render_map`'s picture, as parts that can also be placed inside another picture.

    `printed`: a picture for fpdf2 (the PDF handout), which reads neither <pattern> nor
    descendant CSS selectors: the spillover hatch as cut lines, trigger points styled by
    attributes (and bigger, for paper), the regions tinted rather than buttons, and no legend
    (the PDF prints its own at reading size).
    """
    views = spec.views
    offsets = view_offsets(geometry, views)
    overlay = spec.overlay
    has_overlay = not overlay.empty
    legend = has_overlay and not printed
    width, height = canvas_size(geometry, views, legend=legend)
    view_box, title_band = (0.0, 0.0, width, height), ""
    if spec.crop and (cropped := _crop(geometry, spec, width)) is not None:
        view_box, title_band = cropped
    parts = [
        _style(spec),
        # fpdf2 does not read the `font:` shorthand: the printed labels' size and weight, spelled out
        "<style>.bm-view-title { font-size: 24px; font-weight: bold; } .bm-side { font-size: 21px; font-weight: normal; }</style>"
        if printed else _defs(),
    ]
    for view in views:
        dx = offsets[view]
        parts.append(f'<text class="bm-view-title" x="{dx + geometry.width / 2:.0f}" y="16">{VIEW_NAMES.get(view, view)}</text>')
        parts.append(f'<path class="bm-body" d="{_path(geometry.outlines[view], dx)}"/>')
        for line in geometry.details[view]:
            pts = " ".join(f"{x + dx:.1f},{y + TOP:.1f}" for x, y in line)
            parts.append(f'<polyline class="bm-detail" points="{pts}"/>')
        if spec.outlines:
            rings = tuple(ring for shape in geometry.areas.values() if shape.view == view for ring in shape.rings)
            parts.append(f'<path class="bm-outline" d="{_path(rings, dx)}"/>')
        left, right = geometry.sides_left_to_right(view)
        y = geometry.height + TOP + 12
        parts.append(f'<text class="bm-side" x="{dx + 22:.0f}" y="{y:.0f}">{left.title()}</text>')
        parts.append(f'<text class="bm-side" x="{dx + geometry.width - 22:.0f}" y="{y:.0f}">{right.title()}</text>')

    labels: list[str] = []
    if printed:
        parts += _pdf_regions(geometry, spec, offsets)
    elif spec.targets == "regions":
        buttons, labels = _region_buttons(geometry, spec, offsets)
        parts += buttons
    elif spec.targets == "areas":
        parts += _area_buttons(geometry, spec, offsets)

    if printed:
        parts += _pdf_spillover(geometry, spec.overlay.spillover, offsets)
    else:
        parts += _area_paths(geometry, spec.overlay.spillover, offsets, "bm-spillover")
    parts += _area_paths(geometry, spec.overlay.essential, offsets, "bm-essential")
    for view, x, y, label in spec.overlay.trigger_points:
        if view in offsets:
            parts.append(_trigger_point(x + offsets[view], y + TOP, label, printed))
    parts += labels
    if spec.window is not None and (frame := window_frame(geometry, spec, *spec.window)) is not None:
        x, y, w, h = frame
        parts.append(f'<rect class="bm-window" x="{x}" y="{y}" width="{w}" height="{h}" rx="4">'
                     "<title>Shown in the close-up</title></rect>")
    if legend:
        parts.append(_legend(width, geometry.height + TOP + BOTTOM + 6, overlay.caption))
    parts.append(title_band)
    return Drawing(view_box, f'class="bm-svg" role="group" aria-label="{escape(spec.title)}"', "".join(parts))


@functools.lru_cache(maxsize=64)
def cached_map(geometry: BodyGeometry, spec: MapSpec) -> str:
    """`render_map`, kept: a page that shows the same picture run after run draws it once."""
    return render_map(geometry, spec)


def _crop(geometry: BodyGeometry, spec: MapSpec, width: float) -> tuple[tuple[float, float, float, float], str] | None:
    """(viewBox, view titles drawn above the band) for a picture cropped to its overlay.

    The band stays within the body and its side labels; when it does not reach the top,
    the view titles are drawn again just above it. None when the overlay is not on the views.
    """
    band = focus_band(geometry, spec.overlay, spec.views, pad=CROP_PAD, min_span=CROP_MIN_SPAN,
                      limits=(0, geometry.height + BOTTOM))
    if band is None:
        return None
    top, bottom = band[0] + TOP, band[1] + TOP
    if top <= TOP + 1:  # the band reaches the top: the titles are there already
        return (0.0, 0.0, width, bottom), ""
    box_top = top - TITLE_BAND
    offsets = view_offsets(geometry, spec.views)
    titles = (f'<rect x="0" y="{box_top:.1f}" width="{width:.0f}" height="{TITLE_BAND}" fill="#ffffff"/>'
              + "".join(f'<text class="bm-view-title" x="{offsets[v] + geometry.width / 2:.0f}" '
                        f'y="{box_top + 16:.1f}">{VIEW_NAMES.get(v, v)}</text>' for v in spec.views))
    return (0.0, box_top, width, bottom - box_top), titles


def _legend(width: float, y: float, caption: str) -> str:
    """Swatches that say in words what solid, dotted and X mean (colour is never the only cue)."""
    scale = min(1.0, width / 400)
    x = (width - 390 * scale) / 2
    return (
        f'<g class="bm-legend" role="img" aria-label="Legend. {escape(caption)}" '
        f'transform="translate({x:.1f},{y:.1f}) scale({scale:.3f})">'
        '<rect class="bm-essential" x="0" y="0" width="18" height="12"/>'
        f'<text class="bm-legend-text" x="24" y="10">{SHORT["essential"]}</text>'
        '<rect class="bm-spillover" x="200" y="0" width="18" height="12"/>'
        f'<text class="bm-legend-text" x="224" y="10">{SHORT["spillover"]}</text>'
        f'{_trigger_point(312, 6, "Trigger point marker")}'
        '<text class="bm-legend-text" x="322" y="10">Trigger point</text></g>'
    )


def _button(target: str, label: str, selected: bool, inner: str, css_class: str = "") -> str:
    return (
        f'<g class="bm-target{" bm-selected" if selected else ""}{" " + css_class if css_class else ""}" role="button" tabindex="0" '
        f'aria-pressed="{str(selected).lower()}" aria-label="{escape(label)}" data-target="{escape(target)}">'
        f"<title>{escape(label)}</title>{inner}</g>"
    )


def _region_label(geometry: BodyGeometry, rid: str, name: str, offsets: dict[str, float]):
    """(label box, drawing) for a region's name beside the body, or None."""
    label = geometry.region_labels.get(rid)
    if label is None or label.view not in offsets:
        return None
    dx = offsets[label.view]
    name = label.text or name
    (ax, ay), (lx, ly) = label.at, label.label
    w = 7.8 * len(name) + 12  # generous: the fallback font may be wide
    box = (lx + dx, ly + TOP - 9, w, 17)
    drawing = (
        f'<line class="bm-leader" x1="{lx + w + dx:.1f}" y1="{ly + TOP:.1f}" x2="{ax + dx:.1f}" y2="{ay + TOP:.1f}"/>'
        f'<rect class="bm-label-bg" x="{box[0]:.1f}" y="{box[1]:.1f}" width="{w:.0f}" height="17" rx="8"/>'
        f'<text class="bm-label-text" x="{lx + dx + 6:.1f}" y="{ly + TOP + 4:.1f}">{escape(name)}</text>'
    )
    return box, drawing


def _region_buttons(geometry: BodyGeometry, spec: MapSpec, offsets: dict[str, float]) -> tuple[list[str], list[str]]:
    """The region buttons, and their name labels, which are drawn last so zones never cover them."""
    buttons, labels = [], []
    for rid, name, areas in spec.regions:
        selected = rid in spec.selected
        paths = [
            f'<path d="{_path(shape.rings, offsets[shape.view])}"/>'
            for area in areas
            for side in ("left", "right")
            if (shape := geometry.areas.get(f"{area}-{side}")) is not None and shape.view in offsets
        ]
        if (found := _region_label(geometry, rid, name, offsets)) is not None:
            (x, y, w, h), drawing = found
            # An invisible copy of the label box, so pressing the name presses the region.
            paths.append(f'<rect class="bm-hit" x="{x:.1f}" y="{y:.1f}" width="{w:.0f}" height="{h}"/>')
            labels.append(f'<g class="bm-label{" bm-selected" if selected else ""}" data-label-for="{escape(rid)}" '
                          f'aria-hidden="true">{drawing}</g>')
        buttons.append(_button(rid, name, selected, "".join(paths)))
    return buttons, labels


def _area_buttons(geometry: BodyGeometry, spec: MapSpec, offsets: dict[str, float]) -> list[str]:
    shades = {area: (colour, words) for area, colour, words in spec.shades}
    buttons = []
    for iid, shape in geometry.areas.items():
        if shape.view not in offsets:
            continue
        path = _path(shape.rings, offsets[shape.view])
        if shape.area in shades:
            colour, words = shades[shape.area]
            buttons.append(_button(iid, f"{shape.label}: {words}", iid in spec.selected,
                                   f'<path style="fill: {colour}" d="{path}"/>', "bm-shaded"))
        else:
            buttons.append(_button(iid, shape.label, iid in spec.selected, f'<path d="{path}"/>'))
    return buttons
