"""The picture a handout prints: the region's close-ups side by side, each trigger point
numbered with its muscle's number, its key, and the zones the close-ups leave out named.

One SVG in millimetres (`picture_svg`), drawn by fpdf2 in the PDF and shown as it is by
the page's preview. It follows closeup_print's rules for fpdf2's SVG reader: attributes
only, no <pattern>, the close-ups placed with a <g transform> (fpdf2 draws no nested
<svg>). A content pack whose region has no close-up gets the whole-body map instead.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from shapely.geometry import LineString, box

from .body_svg import TOP, MapSpec, canvas_size, map_drawing, view_offsets
from .closeup_print import closeup_box, closeup_drawing
from .closeup_svg import NOMINAL_WIDTH, CloseupSpec, best_views, closeup_window, zones_outside
from ..content import Content
from ..fonts import PT, text_width, wrap
from ..geometry import BODY_SIDES, BodyGeometry, instance_id
from ..palette import PALETTE
from ..picture import Overlay, combined_overlay, muscle_overlay, views_used
from .print_svg import dots, text, trigger

MAX_CLOSEUPS = 2  # side by side in a column of the page
CLOSEUP_GAP = 3.0  # mm between two close-ups side by side
PRINT_K = 64.0  # a close-up W mm wide is drawn at scale PRINT_K / W (closeup_print.render)
KEY_INDENT = 6.5  # mm from a key row's start to its words (the swatch is before them)
INK = PALETTE["text"]


@dataclass(frozen=True)
class Picture:
    """What the body picture shows: the region, the referral zones and the trigger points.

    The region's close-ups draw it (`closeup_print.closeup_drawing`): at most
    MAX_CLOSEUPS of them, side by side. A content pack whose region has no close-up gets
    the whole-body map (`views`) instead.
    """

    views: tuple[str, ...]
    region: tuple[str, str, tuple[str, ...]]  # (id, name, base areas), as MapSpec.regions takes it
    overlay: Overlay
    numbers: tuple[tuple[str, float, float, int], ...]  # (view, x, y, muscle number) per trigger point
    closeups: tuple[CloseupSpec, ...] = ()
    elsewhere: tuple[str, ...] = ()  # labels of the zones no close-up here shows (too far, another view)


def picture_for(content: Content, geometry: BodyGeometry, region_id: str, muscle_ids: Sequence[str],
                side: str) -> Picture:
    """What the body picture shows for a region and its muscles (known ids), numbered in order."""
    region = content.regions[region_id]
    muscles = [content.muscles[m] for m in muscle_ids]
    overlay = combined_overlay(geometry, muscles, side)
    numbers = tuple(
        (view, x, y, number)
        for number, muscle in enumerate(muscles, start=1)
        for view, x, y, _ in muscle_overlay(geometry, muscle, side).trigger_points
    )
    # With no muscle chosen, the picture shows the region itself.
    region_areas = () if muscles else {instance_id(a, s) for a in region.areas for s in BODY_SIDES}
    views = views_used(geometry, overlay, areas=region_areas)
    available = [cid for cid in region.closeups if cid in geometry.closeups]
    closeups = tuple(
        CloseupSpec(cid, side, tuple(content.muscles_in(region.id)), muscles[0].id if muscles else None, overlay,
                    targets="none", legend=False, more_chosen=tuple(m.id for m in muscles[1:]))
        for cid in best_views(geometry, available, muscles, side, most=MAX_CLOSEUPS))
    elsewhere = tuple(zones_outside(geometry, *closeups)) if closeups else ()
    return Picture(views, (region.id, region.name, tuple(region.areas)), overlay, numbers, closeups, elsewhere)


# --------------------------------------------------------------------------- text


def _lh(size: float) -> float:
    return size * PT * 1.22  # the line height of the handout's text


def _lines(lines: list[str], x: float, y: float, size: float) -> str:
    """Lines of text at `size` pt, the first line's box at y (placed as fpdf2 places a cell's text)."""
    return "".join(text(x, y + (i + 0.5) * _lh(size) + 0.3 * size * PT, line, size * PT, INK)
                   for i, line in enumerate(lines))


# --------------------------------------------------------------------------- parts


def _numbers(marks: list[tuple[float, float, int]], r: float) -> str:
    """Each trigger point's muscle number beside its mark (x, y in mm; r: the mark's radius),
    where it overlaps nothing else. Where trigger points crowd together a number that has no
    free place is left out rather than printed over another one."""
    h, size, out = 2.2, 5.5, []
    taken = [(mx - r, my - r, mx + r, my + r) for mx, my, _ in marks]

    def free(b) -> bool:
        return all(b[2] <= t[0] or b[0] >= t[2] or b[3] <= t[1] or b[1] >= t[3] for t in taken)

    for mx, my, number in marks:
        w = PT * text_width(str(number), size, bold=True) + 0.3
        for dx, dy in ((1, -1), (1, 0), (1, 1), (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1)):
            lx = mx + dx * (r + 0.2) + (0 if dx > 0 else -w if dx < 0 else -w / 2)
            ly = my + dy * (r + 0.2) + (0 if dy > 0 else -h if dy < 0 else -h / 2)
            if free(b := (lx, ly, lx + w, ly + h)):
                taken.append(b)
                out.append(f'<g class="bm-number"><rect x="{lx:.3f}" y="{ly:.3f}" width="{w:.3f}" height="{h}" '
                           f'fill="#ffffff" fill-opacity="0.8" stroke="none"/>'
                           + text(lx + w / 2, ly + h / 2 + 0.3 * size * PT, str(number), size * PT,
                                   PALETTE["trigger"], "bold", "middle") + "</g>")
                break
    return "".join(out)


def _key_items(picture: Picture) -> list[tuple[str, str]]:
    overlay, items = picture.overlay, []
    if overlay.essential:
        items.append(("essential", "Where the pain is usually felt"))
    if overlay.spillover:
        items.append(("spillover", "Where it may spread"))
    if overlay.trigger_points:
        numbered = len({n for *_, n in picture.numbers}) > 1
        items.append(("tp", "Trigger point: a tight, tender spot in the muscle"
                            + (" (the number is the muscle's number in the list)" if numbered else "")))
    if picture.closeups:
        first = picture.closeups[0]
        chosen = [m for m in (first.chosen, *first.more_chosen) if m]
        items.append(("muscle", "The muscles, drawn where they lie" if len(chosen) > 1
                      else "The muscle, drawn where it lies" if chosen
                      else "The muscles of this region, drawn where they lie"))
    else:
        items.append(("region", "The body region this handout is about"))
    return items


def _swatch(kind: str, x: float, y: float, u: float, dotted: bool) -> str:
    """A 4.5 x 3 mm key to one kind of mark, drawn as the picture draws it (u: the marks'
    unit in mm; the close-ups stipple the spillover with dots, the whole-body map hatches it)."""
    p, w, h = PALETTE, 4.5, 3.0
    rect = f'x="{x:.3f}" y="{y:.3f}" width="{w}" height="{h}"'
    if kind == "essential":
        return (f'<rect {rect} fill="{p["referral"]}" fill-opacity="0.85" stroke="{p["referral_line"]}" '
                f'stroke-width="0.2"/>')
    if kind == "spillover":
        if dotted:
            marks = f'<path fill="{p["referral"]}" stroke="none" d="{dots(box(x, y, x + w, y + h), u)}"/>'
        else:
            cuts = [box(x, y, x + w, y + h).intersection(LineString([(x - 3 + 1.1 * i, y + h), (x + 1.1 * i, y)]))
                    for i in range(6)]
            d = " ".join("M" + " L".join(f"{a:.3f},{b:.3f}" for a, b in cut.coords)
                         for cut in cuts if isinstance(cut, LineString) and not cut.is_empty)
            marks = f'<path fill="none" stroke="{p["referral"]}" stroke-width="0.25" d="{d}"/>'
        return (f'<rect {rect} fill="{p["spillover_bg"]}" stroke="none"/>{marks}'
                f'<rect {rect} fill="none" stroke="{p["referral"]}" stroke-width="0.4" stroke-dasharray="0.6 0.45"/>')
    if kind == "tp":
        return trigger(x + w / 2, y + h / 2, "Trigger point", u, mark=False)
    if kind == "muscle":
        return (f'<ellipse cx="{x + w / 2:.3f}" cy="{y + h / 2:.3f}" rx="{w / 2}" ry="{h / 2}" fill="{p["muscle"]}" '
                f'fill-opacity="0.5" stroke="{p["muscle_line"]}" stroke-width="0.25"/>')
    return f'<rect {rect} fill="{p["region"]}" fill-opacity="0.3" stroke="none"/>'


# --------------------------------------------------------------------------- the picture


def _closeups(geometry: BodyGeometry, picture: Picture, width: float, max_h: float):
    """The picture's close-ups, each drawn for print at the size it will have: side by side,
    one height, within `width` and `max_h` mm. [(spec, scale, drawing, w, h)]"""
    def sizes(boxes) -> list[tuple[float, float]]:
        aspects = [b[2] / b[3] for b in boxes]
        room = width - CLOSEUP_GAP * (len(boxes) - 1)
        h = min(max_h, room / sum(aspects), (0.8 * width if len(boxes) == 1 else room) / sum(aspects))
        return [(h * a, h) for a in aspects]

    # Text, marks and lines print at one size on every close-up, however wide it is: the
    # title about 6.5 pt (the screen sizes are for a picture NOMINAL_WIDTH units across).
    specs = picture.closeups
    scales = [min(5.0, max(0.5, PRINT_K / w)) for w, _ in sizes([closeup_box(geometry, spec, 1.4) for spec in specs])]
    drawings = [closeup_drawing(geometry, spec, scale) for spec, scale in zip(specs, scales)]
    return [(spec, scale, d, w, h) for spec, scale, d, (w, h) in zip(specs, scales, drawings, sizes([d.box for d in drawings]))]


def picture_alt(geometry: BodyGeometry, picture: Picture) -> str:
    """The picture in words, for a screen reader (the PDF's alt text and the preview's)."""
    caption = picture.overlay.caption or f"The {picture.region[1].lower()} region"
    names = [geometry.closeups[c.closeup].label for c in picture.closeups]
    return f"{' and '.join(names)}: {caption}" if names else caption


def picture_svg(geometry: BodyGeometry, picture: Picture, width: float, max_height: float,
                text_size: float) -> tuple[str, float, float]:
    """The printed picture, `width` mm wide: (SVG with its viewBox in mm, width, height).

    The close-ups side by side, one height, at most `max_height` mm (for the whole-body map:
    the body's height), centred; the muscles' numbers beside their trigger points; the key
    centred under them in `text_size` - 1.5 pt (at least 6.5) and the zones left out, in words.
    """
    numbered = len({n for *_, n in picture.numbers}) > 1
    parts: list[str] = []
    if picture.closeups:
        shown = _closeups(geometry, picture, width, max_height)
        pic_w = sum(w for *_, w, _ in shown) + CLOSEUP_GAP * (len(shown) - 1)
        pic_h = max(h for *_, h in shown)
        x = (width - pic_w) / 2
        u = 0.0
        for spec, scale, drawing, w, _ in shown:
            parts.append(drawing.placed(x, 0, w))
            view, (x0, y0, x1, y1) = closeup_window(geometry, spec)
            vx, vy, vw, _ = drawing.box
            s = w / vw  # mm per map unit
            u = u or scale * (x1 - x0) / NOMINAL_WIDTH * s  # the marks' unit, in mm
            if numbered:
                parts.append(_numbers([(x + (px - vx) * s, (py - vy) * s, n) for v, px, py, n in picture.numbers
                                       if v == view and x0 <= px <= x1 and y0 <= py <= y1], 7 * u + 0.1))
            x += w + CLOSEUP_GAP
    else:
        canvas_w, canvas_h = canvas_size(geometry, picture.views)
        s = min(max_height, 440 * width * 0.92 / (len(picture.views) * 200 + 24)) / geometry.height  # mm per unit
        pic_w, pic_h, x = canvas_w * s, canvas_h * s, (width - canvas_w * s) / 2
        spec = MapSpec(regions=(picture.region,), views=picture.views, overlay=picture.overlay,
                       title=picture.overlay.caption or picture.region[1])
        parts.append(map_drawing(geometry, spec, printed=True).placed(x, 0, pic_w))
        offsets = view_offsets(geometry, picture.views)
        if numbered:
            parts.append(_numbers([(x + (px + offsets[v]) * s, (py + TOP) * s, n)
                                   for v, px, py, n in picture.numbers if v in offsets], 7.2 * s + 0.1))
        u = 1.2 / 7  # the key's X as large as on the close-ups' handouts

    y, size = pic_h + 1, max(6.5, text_size - 1.5)
    key_w = min(width, max(pic_w, 70.0))
    kx = (width - key_w) / 2
    for kind, words in _key_items(picture):  # centred under the picture
        lines = wrap(words, size * PT, key_w - KEY_INDENT)
        parts.append(f'<g class="bm-key" data-key="{kind}">{_swatch(kind, kx + 0.5, y + 0.3, u, bool(picture.closeups))}'
                     f"{_lines(lines, kx + KEY_INDENT, y, size)}</g>")
        y += max(len(lines) * _lh(size), 3.8) + 0.4
    if picture.elsewhere:  # zones the close-ups leave out, in words
        lines = wrap("It can also be felt at: " + ", ".join(picture.elsewhere).lower() + ".", size * PT, width)
        parts.append(f'<g class="bm-elsewhere">{_lines(lines, 0, y + 0.6, size)}</g>')
        y += 0.6 + len(lines) * _lh(size)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="bm-printed" viewBox="0 0 {width:.3f} {y:.3f}" '
            f'width="{width:.3f}" height="{y:.3f}" role="img" aria-label="{escape(picture_alt(geometry, picture))}">')
    return head + "".join(parts) + "</svg>", width, y
