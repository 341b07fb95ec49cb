"""Exercise pictures: a jointed figure posed from data and drawn as SVG.

Each exercise in the content carries `frames:`, its key positions. A frame names a view
(side, front or back), the joint angles that differ from standing at ease, the props
(wall, step, chair, band, ...) and the limbs that move. This module knows the figure: its
joints, how far each can bend, its proportions, and how to draw it in the body map's
calm style (the same skin and outline colours, round joints). The only text is the
plain-words description in the escaped `aria-label`.

Angles are degrees as seen in the picture. In the side view the figure faces right and
its left side is nearest you; in the front view its right side is on your left; in the
back view you see it from behind. `trunk` turns the whole figure (0 upright, 90 tipped
forward face down, -90 lying on its back in the side view). Joints ending in `_out` tip a
limb toward you (90 points straight at you, so it is drawn short) for the bends a flat
picture cannot show, such as the thighs of someone seen sitting from the front.

The SVG uses only plain elements and presentation attributes (no CSS classes, patterns or
markers) so that fpdf2 can draw the same markup in the PDF handout.
"""
from __future__ import annotations
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from ..palette import PALETTE
from .figure import HEAD_R, MAT, SEAT_GAP, STEP, Figure, along, place, side_sign, support_height
from .skeleton import FOCUS, LIMB_ENDS, LIMBS

if TYPE_CHECKING:
    from ..model import Exercise, Frame

# Colours: the body map's skin and outline; the moving limb in the map's selection blues.
SKIN, FAR_SKIN, LINE = PALETTE["skin"], "#e6d8ca", PALETTE["outline"]
MOVE_FILL, MOVE_LINE = "#bfe1f6", PALETTE["selected_line"]
GHOST = PALETTE["region"]
# Props are furniture, not anatomy: a cool grey keeps them behind the figure visually.
PROP_FILL, PROP_LINE, PROP_DARK = "#e8edf0", "#8a98a3", "#5f6d77"
HAIR, EYE = "#8c7b6e", PALETTE["text"]



# ---------------------------------------------------------------- drawing

def _f(v: float) -> str:
    return f"{v:.1f}"


def _xy(p: tuple[float, float]) -> str:
    return f"{_f(p[0])},{_f(-p[1])}"


def _line(points: Sequence[tuple[float, float]], color: str, width: float, dash: str = "") -> str:
    d = "M" + " L".join(_xy(p) for p in points)
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{_f(width)}" '
            f'stroke-linecap="round" stroke-linejoin="round"{extra}/>')


def _polygon(points: Sequence[tuple[float, float]], fill: str, stroke: str, width: float = 1.4) -> str:
    return (f'<polygon points="{" ".join(_xy(p) for p in points)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{_f(width)}" stroke-linejoin="round"/>')


def _rect(x0: float, y0: float, x1: float, y1: float, fill: str = PROP_FILL, stroke: str = PROP_LINE,
          r: float = 1.5) -> str:
    return (f'<rect x="{_f(min(x0, x1))}" y="{_f(-max(y0, y1))}" width="{_f(abs(x1 - x0))}" '
            f'height="{_f(abs(y1 - y0))}" rx="{_f(r)}" fill="{fill}" stroke="{stroke}" stroke-width="1.3"/>')


def _circle(c: tuple[float, float], r: float, fill: str, stroke: str, width: float = 1.4) -> str:
    return (f'<circle cx="{_f(c[0])}" cy="{_f(-c[1])}" r="{_f(r)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{_f(width)}"/>')


def _moving_segments(frame: Frame) -> set[str]:
    return {seg for limb in frame.moving for seg in LIMBS[limb]}


def _draw_body(figure: Figure, moving: set[str]) -> list[str]:
    """Far limbs, then trunk, neck and head, then near limbs. Within a layer every outline
    is drawn before any fill, so the limbs merge into one calm silhouette at the joints."""
    out: list[str] = []
    head_moving = "head" in moving
    for layer in (0, 1, 2):
        segs = [s for s in figure.segments if s.layer == layer]
        fill = FAR_SKIN if layer == 0 and figure.view == "side" else SKIN
        if layer == 1:
            out.append(_polygon(figure.trunk, "none", MOVE_LINE if "trunk" in moving else LINE, 11.4))
        for seg in segs:
            out.append(_line(seg.points, MOVE_LINE if seg.name in moving else LINE, seg.width + 2.4))
        if layer == 1:
            out.append(_polygon(figure.trunk, MOVE_FILL if "trunk" in moving else fill,
                                MOVE_FILL if "trunk" in moving else fill, 9))
        # the still limb keeps the joint: a moving limb starts just beyond it
        for seg in sorted(segs, key=lambda s: s.name not in moving):
            out.append(_line(seg.points, MOVE_FILL if seg.name in moving else fill, seg.width))
        if layer == 1:
            out += _draw_head(figure, head_moving)
    return out


def _draw_head(figure: Figure, moving: bool) -> list[str]:
    c, angle = figure.points["head"], figure.head_angle
    fill, line = (MOVE_FILL, MOVE_LINE) if moving else (SKIN, LINE)
    out = []
    if figure.view == "side":
        nose = [along(c, HEAD_R - 1, angle + 62), along(c, HEAD_R + 2.2, angle + 88), along(c, HEAD_R - 1, angle + 112)]
        out.append(_polygon(nose, fill, line, 1.3))
        out.append(_circle(c, HEAD_R, fill, line, 1.5))
        hair = [along(c, HEAD_R, angle + k) for k in range(-150, 31, 15)]
        out.append(_polygon(hair + [along(c, 4, angle - 60)], HAIR, HAIR, 1))
        out.append(_circle(along(c, 3.2, angle + 60), 1.2, EYE, EYE, 0.4))
        return out
    out.append(_circle(c, HEAD_R, fill, line, 1.5))
    if figure.view == "back":
        hair = [along(c, HEAD_R - 0.6, angle + k) for k in range(-110, 111, 10)]
        out.append(_polygon(hair + [along(c, HEAD_R * 0.35, angle + 180)], HAIR, HAIR, 1))
        return out
    # Front: a fringe of hair, and eyes and nose that slide toward the way the head turns.
    hair = [along(c, HEAD_R - 0.6, angle + k) for k in range(-80, 81, 10)]
    out.append(_polygon(hair + [along(c, HEAD_R * 0.5, angle)], HAIR, HAIR, 1))
    shift = 6.5 * math.sin(math.radians(figure.head_turn))
    centre = along(along(c, shift, angle + 90), -1.5, angle)
    for dx in (-3.6, 3.6):
        if abs(shift + dx) < HEAD_R - 2:
            out.append(_circle(along(centre, dx, angle + 90), 1.2, EYE, EYE, 0.4))
    out.append(_line([along(centre, -2.2, angle), along(along(centre, -4.6, angle), 0.8 * math.copysign(1, shift or 1), angle + 90)],
                     line, 1.1))
    return out


def _draw_props(frame: Frame, figure: Figure, *, front: bool) -> list[str]:
    """Furniture behind the figure (front=False), or things held, or lying under the
    head, in front of it (front=True)."""
    pts = figure.points
    out: list[str] = []
    floor = support_height(frame) if any(p.kind == "mat" for p in frame.props) else 0.0
    for prop in frame.props:
        at = pts[prop.at] if prop.at else None
        if at is not None:
            at = (at[0] + prop.dx, at[1] + prop.dy)
        k = prop.kind
        if not front:
            out += _furniture(k, at, frame, figure)
            continue
        if k in ("pillow", "towel") and prop.at in (None, "head"):
            c = pts["head"]
            x = c[0] + prop.dx
            w = 14 if k == "towel" else 17
            out.append(_rect(x - w, floor, x + w, max(floor + 3, c[1] - HEAD_R + 1.5),
                             "#f7f1d9" if k == "towel" else "#e4eef4", PROP_LINE, 3 if k == "towel" else 7))
        elif k == "towel":
            out.append(_circle(at, 4.5, "#f7f1d9", PROP_LINE, 1.2))
        elif k == "ball":
            out.append(_circle(at, 6, "#f3c9a8", PROP_DARK, 1.3))
        elif k == "weight":
            out += _weight(figure, prop.at)
        elif k == "bar":
            out += _held_bar(figure, prop.at)
        elif k == "hammer":
            out += _hammer(figure, prop.at, frame)
        elif k == "band":
            anchor = _band_anchor(frame, figure)
            out.append(_line([anchor, _grip(figure, prop.at) if prop.at.startswith("hand") else at], "#009e73", 3))
            out.append(_circle(anchor, 2.4, PROP_DARK, PROP_DARK, 0.5))
    return out


def _furniture(kind: str, at, frame: Frame, figure: Figure) -> list[str]:
    pts = figure.points
    if kind == "mat":
        xs = [p[0] for seg in figure.segments for p in seg.points] + [p[0] for p in figure.trunk]
        xs += [pts["head"][0] - HEAD_R, pts["head"][0] + HEAD_R]
        return [_rect(min(xs) - 8, 0, max(xs) + 8, MAT, "#dbe7ee", PROP_LINE, 1.5)]
    if kind == "step":
        gx = pts[frame.ground][0] if frame.ground else pts["ball_l"][0]
        return [_rect(gx - 9, 0, gx + 58, STEP)]
    if kind == "wall":
        wx = (at[0] + 3) if at else max(p[0] for p in pts.values()) + 6
        return [_rect(wx, 0, wx + 9, 200, PROP_FILL, PROP_LINE, 0)]
    if kind == "door":  # the edge of the door frame, seen end on
        return [_rect(at[0] - 4, 0, at[0] + 4, 200, "#efe6da", PROP_LINE, 0)]
    if kind == "rail":  # a hand rail on posts
        return [_rect(at[0] - 30, at[1] - 3, at[0] + 30, at[1] + 1, PROP_FILL, PROP_LINE, 2),
                _rect(at[0] + 22, 0, at[0] + 26, at[1] - 3, PROP_FILL, PROP_LINE, 0.5)]
    if kind == "counter":
        return [_rect(at[0] - 14, 0, at[0] + 40, at[1] - 3.5, PROP_FILL, PROP_LINE, 1.5)]
    if kind in ("table", "bench"):
        top = at[1] - (4.5 if kind == "table" else 7.5)
        if kind == "table" and frame.view == "side":
            left, right = at[0] - 60, at[0] + 1  # the hand hangs over the near edge
        elif kind == "table":
            left, right = at[0] - 45, at[0] + 45
        else:
            left, right = at[0] - 40, at[0] + 40
        out = [_rect(left, top - 6, right, top, PROP_FILL, PROP_LINE, 1.5)]
        return out + [_rect(lx, 0, lx + 3.5, top - 6, PROP_FILL, PROP_LINE, 0.5) for lx in (left + 4, right - 7.5)]
    if kind == "chair":
        return _chair(frame, figure)
    return []


def _band_anchor(frame: Frame, figure: Figure) -> tuple[float, float]:
    door = next((p for p in frame.props if p.kind == "door"), None)
    if door and door.at:
        return figure.points[door.at][0] + door.dx - 4, figure.points["chest"][1] - 12
    return figure.points["chest"][0] + 95, figure.points["chest"][1] - 12


def _hand_angle(figure: Figure, point: str) -> float:
    side = point[-1]
    w, k = figure.points[f"wrist_{side}"], figure.points[f"knuckles_{side}"]
    return math.degrees(math.atan2(k[0] - w[0], k[1] - w[1]))


def _grip(figure: Figure, point: str) -> tuple[float, float]:
    side = point[-1]
    w, k = figure.points[f"wrist_{side}"], figure.points[f"knuckles_{side}"]
    return (w[0] + k[0] * 2) / 3, (w[1] + k[1] * 2) / 3


def _weight(figure: Figure, point: str) -> list[str]:
    """A dumbbell across the fist."""
    at = _grip(figure, point)
    angle = _hand_angle(figure, point) + 90
    a, b = along(at, -7, angle), along(at, 7, angle)
    return [_line([a, b], PROP_DARK, 3.2), _circle(a, 4.3, "#4d5a63", PROP_DARK, 1),
            _circle(b, 4.3, "#4d5a63", PROP_DARK, 1)]


# The flexible bar stands upright in a fist whose wrist is bent back this far.
BAR_UPRIGHT_WRIST = 50


def _held_bar(figure: Figure, point: str) -> list[str]:
    centre = _grip(figure, point)
    angle = _hand_angle(figure, point) - 90 + BAR_UPRIGHT_WRIST * (1 if figure.view == "side" else 0)
    ends = [along(centre, -9, angle), along(centre, 21, angle)]
    return [_line(ends, PROP_DARK, 8), _line(ends, "#d55e00", 6)]


def _hammer(figure: Figure, point: str, frame: Frame) -> list[str]:
    side = point[-1]
    centre = _grip(figure, point)
    if frame.view == "side":
        angle = _hand_angle(figure, point) - 90
    else:  # seen along the forearm: turning the palm down tips the head toward the midline
        angle = frame.pose.get(f"forearm_{side}", 0.0) * side_sign(frame.view, side)
    # held close to its head, as the steps say: the handle hangs below the fist
    top, end = along(centre, HAMMER_ABOVE_GRIP, angle), along(centre, -16, angle)
    head = [along(top, -7, angle + 90), along(top, 9, angle + 90)]
    return [_line([end, top], "#6b5040", 5.4), _line([end, top], "#b08a66", 3.4), _line(head, PROP_DARK, 6.5)]


HAMMER_ABOVE_GRIP = 8  # units from the fist to the hammer's head


def _chair(frame: Frame, figure: Figure) -> list[str]:
    pelvis = figure.points["pelvis"]
    seat = pelvis[1] - SEAT_GAP
    if frame.view == "side":
        back_x = pelvis[0] - 12
        return [
            _rect(back_x - 4, seat, back_x, seat + 44),
            _rect(back_x - 4, seat - 4, back_x + 40, seat),
            _rect(back_x - 2, 0, back_x + 1, seat - 4, r=0.5),
            _rect(back_x + 34, 0, back_x + 37, seat - 4, r=0.5),
        ]
    half = 25
    return [
        _rect(pelvis[0] - half + 3, seat, pelvis[0] + half - 3, seat + 42),
        _rect(pelvis[0] - half, seat - 4, pelvis[0] + half, seat),
        _rect(pelvis[0] - half + 2, 0, pelvis[0] - half + 5, seat - 4, r=0.5),
        _rect(pelvis[0] + half - 5, 0, pelvis[0] + half - 2, seat - 4, r=0.5),
    ]


def _arrow(start: tuple[float, float], end: tuple[float, float], bulge: tuple[float, float] | None = None) -> list[str]:
    """A curved arrow from start to end (bulging away from `bulge`), drawn as a path and a
    filled triangle: fpdf2 does not draw SVG markers."""
    length = math.dist(start, end)
    if length < 1:
        return []
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    ctrl = mid
    if bulge is not None:
        away = (mid[0] - bulge[0], mid[1] - bulge[1])
        n = math.hypot(*away) or 1
        ctrl = (mid[0] + away[0] / n * length * 0.22, mid[1] + away[1] / n * length * 0.22)
    # the head points along the curve's last tangent
    tx, ty = end[0] - ctrl[0], end[1] - ctrl[1]
    tn = math.hypot(tx, ty) or 1
    tx, ty = tx / tn, ty / tn
    tip = end
    base = (tip[0] - tx * 6.5, tip[1] - ty * 6.5)
    left = (base[0] - ty * 4, base[1] + tx * 4)
    right = (base[0] + ty * 4, base[1] - tx * 4)
    stem_end = (tip[0] - tx * 5, tip[1] - ty * 5)
    d = f"M{_xy(start)} Q{_xy(ctrl)} {_xy(stem_end)}"
    return [f'<path d="{d}" fill="none" stroke="{MOVE_LINE}" stroke-width="2.6" stroke-linecap="round"/>',
            _polygon([tip, left, right], MOVE_LINE, MOVE_LINE, 1)]


def _draw_motion(frame: Frame, figure: Figure, before: Figure | None) -> tuple[list[str], list[str]]:
    """The faint outline of the moving limbs where they were, and arrows to where they are."""
    ghosts: list[str] = []
    arrows: list[str] = []
    if before is not None and before.view == figure.view:
        moving = _moving_segments(frame)
        for seg in before.segments:
            if seg.name in moving:
                ghosts.append(_line(seg.points, GHOST, 1.4, "3 2.5"))
        if "trunk" in frame.moving:
            ghosts.append(_line(before.trunk + before.trunk[:1], GHOST, 1.4, "3 2.5"))
        if "head" in frame.moving:
            ghosts.append(f'<circle cx="{_f(before.points["head"][0])}" cy="{_f(-before.points["head"][1])}" '
                          f'r="{_f(HEAD_R)}" fill="none" stroke="{GHOST}" stroke-width="1.4" stroke-dasharray="3 2.5"/>')
        for limb in () if frame.arrows else frame.moving:  # arrows given in the frame say it better
            ends, root = LIMB_ENDS[limb]
            end = max(ends, key=lambda n: math.dist(before.points[n], figure.points[n]))
            a, b = before.points[end], figure.points[end]
            if math.dist(a, b) >= 7:
                arrows += _arrow(_toward(a, b, 3), _toward(b, a, 3), figure.points[root])
    for start, end in _given_arrows(frame, figure):
        arrows += _arrow(start, end)
    return ghosts, arrows


ARROW = 16  # length of an arrow given in the frame


def _given_arrows(frame: Frame, figure: Figure) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    out = []
    for arrow in frame.arrows:
        p = figure.points[arrow.at]
        start = along(p, -arrow.offset - ARROW if arrow.arrive else arrow.offset, arrow.toward)
        out.append((start, along(start, ARROW, arrow.toward)))
    return out


def _toward(a, b, d):
    n = math.dist(a, b) or 1
    return a[0] + (b[0] - a[0]) * d / n, a[1] + (b[1] - a[1]) * d / n


def _figure_box(frame: Frame, figure: Figure) -> tuple[float, float, float, float]:
    names = FOCUS[frame.focus]
    if names:
        xs = [figure.points[n][0] for n in names]
        ys = [figure.points[n][1] for n in names]
        box = (min(xs) - 16, min(ys) - 14, max(xs) + 16, max(ys) + 16)
    else:
        box = figure.bounds()
        box = (box[0] - 12, min(0.0, box[1]) - 6, box[2] + 12, box[3] + 8)
    for prop in frame.props:  # leave room for what is held and for the wall or step
        if prop.kind == "step":
            gx = figure.points[frame.ground][0] if frame.ground else figure.points["ball_l"][0]
            box = (min(box[0], gx - 12), box[1], max(box[2], gx + 30), box[3])
        if prop.kind == "wall" and not names:
            box = (box[0], box[1], box[2] + 14, box[3])
        if prop.at and prop.kind in ("weight", "bar", "hammer", "ball"):
            p = figure.points[prop.at]
            box = (min(box[0], p[0] - 26), min(box[1], p[1] - 26), max(box[2], p[0] + 26), max(box[3], p[1] + 30))
    for start, end in _given_arrows(frame, figure):
        xs, ys = (start[0], end[0]), (start[1], end[1])
        box = (min(box[0], min(xs) - 6), min(box[1], min(ys) - 6), max(box[2], max(xs) + 6), max(box[3], max(ys) + 6))
    return box


def _union(boxes: Iterable[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


WIDEST = 1.8  # a figure lying down gets a wide picture, up to this width to height


def _square(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Pad the box to a square, or to a wide frame for a figure lying down, keeping the
    floor at the bottom."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w > h:
        y1 = y0 + max(h, w / WIDEST)
    else:
        cx = (x0 + x1) / 2
        x0, x1 = cx - h / 2, cx + h / 2
    return x0, y0, x1, y1


@dataclass(frozen=True)
class FramePicture:
    svg: str
    caption: str
    label: str
    aspect: float = 1.0  # width / height


def describe(exercise_name: str, index: int, count: int, caption: str) -> str:
    return f"{exercise_name}, picture {index} of {count}: {caption}"


def render_frame(frame: Frame, *, label: str, before: Frame | None = None,
                 box: tuple[float, float, float, float] | None = None, size: int = 240) -> str:
    """One frame as a standalone SVG. `before` is the previous key position (its moving
    limbs are drawn faintly, with an arrow); `box` keeps frames of one exercise aligned."""
    figure = place(frame)
    prior = place(before) if before is not None else None
    x0, y0, x1, y1 = _square(box or _figure_box(frame, figure))
    ghosts, arrows = _draw_motion(frame, figure, prior)
    height = round(size * (y1 - y0) / (x1 - x0))
    view_box = f"{_f(x0)} {_f(-y1)} {_f(x1 - x0)} {_f(y1 - y0)}"
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" width="{size}" height="{height}" '
         f'role="img" aria-label="{escape(label)}" data-frame-view="{frame.view}">'),
        f'<rect x="{_f(x0)}" y="{_f(-y1)}" width="{_f(x1 - x0)}" height="{_f(y1 - y0)}" fill="#ffffff"/>',
    ]
    parts += _draw_props(frame, figure, front=False)
    parts.append(_line([(x0, 0), (x1, 0)], "#b9ada2", 1.6))
    parts += ghosts
    parts += _draw_body(figure, _moving_segments(frame))
    parts += _draw_props(frame, figure, front=True)
    parts += arrows
    parts.append("</svg>")
    return "".join(parts)


def exercise_pictures(exercise: Exercise, size: int = 240) -> list[FramePicture]:
    """Every key position of an exercise, aligned so that the figure does not jump from
    one frame to the next (frames of the same view and close-up share one box)."""
    frames = list(exercise.frames or ())
    placed = [place(f) for f in frames]
    groups: dict[tuple[str, str], list[tuple[float, float, float, float]]] = {}
    for frame, figure in zip(frames, placed):
        groups.setdefault((frame.view, frame.focus), []).append(_figure_box(frame, figure))
    boxes = {key: _union(bs) for key, bs in groups.items()}
    out = []
    for i, frame in enumerate(frames):
        label = describe(exercise.name, i + 1, len(frames), frame.caption)
        before = frames[i - 1] if i > 0 else None
        box = boxes[(frame.view, frame.focus)]
        x0, y0, x1, y1 = _square(box)
        out.append(FramePicture(render_frame(frame, label=label, before=before, box=box, size=size), frame.caption,
                                label, (x1 - x0) / (y1 - y0)))
    return out
