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

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .palette import PALETTE

if TYPE_CHECKING:  # the model imports this module for its tables
    from .model import Exercise, Frame

SIDES = ("l", "r")

# (low, high) degrees for each joint, per view family. A value outside is refused by the
# content check, so a typo such as knee 210 cannot draw a broken leg.
_PLANE_LIMITS = {
    "trunk": (-180, 180),
    "head_turn": (-80, 80),
    "wrist": (-85, 75),
    "fingers": (-20, 110),
    "forearm": (-90, 90),
    "shrug": (-10, 35),
}
SIDE_LIMITS = {
    **_PLANE_LIMITS,
    "neck": (-60, 60),  # + bends forward (chin to chest)
    "head": (-30, 30),  # + nods (a small yes)
    "shoulder": (-60, 180),  # + raises the arm forward, 180 overhead
    "elbow": (-5, 150),
    "hip": (-30, 130),  # + brings the thigh forward
    "knee": (-5, 150),
    "ankle": (-50, 30),  # + toes up, - up on the toes
    "shoulder_out": (-90, 90),
    "elbow_out": (-150, 150),
    "hip_out": (-60, 90),
    "knee_out": (-150, 0),
}
FLAT_LIMITS = {  # front and back views
    **_PLANE_LIMITS,
    "neck": (-45, 45),  # tilts clockwise in the picture
    "head": (-25, 25),
    "shoulder": (-120, 180),  # + lifts the arm out to the side; - across the body
    "elbow": (-160, 160),  # the bend as seen; + carries on the way the arm lifts
    "hip": (-45, 80),
    "knee": (-120, 120),
    "ankle": (-50, 30),
    "shoulder_out": (-90, 90),
    "elbow_out": (-150, 150),
    "hip_out": (-30, 130),  # + the thigh comes toward you (sitting, kneeling up)
    "knee_out": (-150, 0),  # - the shin goes back, away from you
}
_PAIRED = {"shrug", "shoulder", "elbow", "wrist", "fingers", "forearm", "hip", "knee", "ankle",
           "shoulder_out", "elbow_out", "hip_out", "knee_out"}


def _expand(limits: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for joint, rng in limits.items():
        if joint in _PAIRED:
            out.update({f"{joint}_{s}": rng for s in SIDES})
        else:
            out[joint] = rng
    return out


JOINT_LIMITS: dict[str, dict[str, tuple[float, float]]] = {
    "side": _expand(SIDE_LIMITS),
    "front": _expand(FLAT_LIMITS),
    "back": _expand(FLAT_LIMITS),
}
# A limb tipped toward you is drawn by its shadow on the picture, whose angle can be
# anything: the bend limits apply to limbs that lie flat in the picture.
_TIPPED_BY = {"shoulder": ("shoulder_out",), "elbow": ("shoulder_out", "elbow_out"),
              "hip": ("hip_out",), "knee": ("hip_out", "knee_out")}


def joint_range(view: str, joint: str, pose: dict[str, float]) -> tuple[float, float]:
    """The angles `joint` may take in `view`, given the rest of the pose."""
    base, _, side = joint.rpartition("_")
    if base in _TIPPED_BY and any(pose.get(f"{t}_{side}", 0) for t in _TIPPED_BY[base]):
        return -180.0, 180.0
    return JOINT_LIMITS[view][joint]

# Points a prop, arrow or close-up can refer to.
POINTS = ("pelvis", "chest", "head", "nose", "neck") + tuple(
    f"{p}_{s}" for p in ("shoulder", "elbow", "wrist", "knuckles", "hand", "hip", "knee", "ankle", "heel",
                         "ball", "toe") for s in SIDES
)
# Limbs that can be marked as moving; each is drawn in the highlight colour, with a faint
# copy of where it was in the frame before and an arrow.
LIMBS: dict[str, tuple[str, ...]] = {"head": ("neck", "head"), "trunk": ("trunk",)}
for _s in SIDES:
    LIMBS.update({
        f"arm_{_s}": (f"upper_arm_{_s}", f"forearm_{_s}", f"hand_{_s}", f"fingers_{_s}"),
        f"forearm_{_s}": (f"forearm_{_s}", f"hand_{_s}", f"fingers_{_s}"),
        f"hand_{_s}": (f"hand_{_s}", f"fingers_{_s}"),
        f"shoulder_{_s}": (f"shoulder_cap_{_s}",),
        f"leg_{_s}": (f"thigh_{_s}", f"shank_{_s}", f"foot_{_s}"),
        f"shank_{_s}": (f"shank_{_s}", f"foot_{_s}"),
        f"foot_{_s}": (f"foot_{_s}",),
    })
# The points of a limb an arrow may follow (the one that moved furthest is used) and the
# joint the limb turns about (the arrow bows away from it).
_LIMB_ENDS: dict[str, tuple[tuple[str, ...], str]] = {"head": (("nose",), "chest"), "trunk": (("chest", "pelvis"), "pelvis")}
for _s in SIDES:
    _LIMB_ENDS.update({
        f"arm_{_s}": ((f"hand_{_s}", f"elbow_{_s}"), f"shoulder_{_s}"),
        f"forearm_{_s}": ((f"hand_{_s}",), f"elbow_{_s}"),
        f"hand_{_s}": ((f"hand_{_s}",), f"wrist_{_s}"),
        f"shoulder_{_s}": ((f"shoulder_{_s}",), "chest"),
        f"leg_{_s}": ((f"toe_{_s}", f"knee_{_s}"), f"hip_{_s}"),
        f"shank_{_s}": ((f"heel_{_s}", f"toe_{_s}"), f"knee_{_s}"),
        f"foot_{_s}": ((f"heel_{_s}", f"toe_{_s}"), f"ankle_{_s}"),
    })

PROPS = ("wall", "door", "rail", "counter", "step", "chair", "table", "bench", "band", "ball", "towel", "mat",
         "pillow", "weight", "bar", "hammer")
# Props that need to know which body point they touch.
PROPS_NEEDING_POINT = ("band", "ball", "weight", "bar", "hammer", "door", "rail", "counter", "bench", "table")
FOCUS = {
    "full": (),
    "upper": ("head", "chest", "pelvis") + tuple(f"{p}_{s}" for p in ("shoulder", "elbow", "hand") for s in SIDES),
    "lower": ("pelvis",) + tuple(f"{p}_{s}" for p in ("hip", "knee", "heel", "toe") for s in SIDES),
    "arms": ("head", "chest") + tuple(f"{p}_{s}" for p in ("shoulder", "elbow", "hand") for s in SIDES),
}

# Proportions of an adult about 175 units tall (units are centimetres, roughly).
TRUNK, NECK, HEAD_R = 50.0, 11.0, 11.0
UPPER_ARM, FOREARM, PALM, FINGERS = 29.0, 25.0, 8.0, 7.0
THIGH, SHANK = 43.0, 41.0
SHOULDER_HALF, HIP_HALF = 17.0, 9.5
WIDTH = {"neck": 10, "upper_arm": 10.5, "forearm": 8.5, "hand": 7.5, "fingers": 5.5, "thigh": 15,
         "shank": 11, "foot": 7.5, "shoulder_cap": 9}
MAT, STEP, SEAT_GAP = 3.0, 20.0, 7.5

# Colours: the body map's skin and outline; the moving limb in the map's selection blues.
SKIN, FAR_SKIN, LINE = PALETTE["skin"], "#e6d8ca", PALETTE["outline"]
MOVE_FILL, MOVE_LINE = "#bfe1f6", PALETTE["selected_line"]
GHOST = PALETTE["region"]
# Props are furniture, not anatomy: a cool grey keeps them behind the figure visually.
PROP_FILL, PROP_LINE, PROP_DARK = "#e8edf0", "#8a98a3", "#5f6d77"
HAIR, EYE = "#8c7b6e", PALETTE["text"]


def _dir(angle: float) -> tuple[float, float]:
    """Unit vector for a picture angle: 0 up, 90 right, 180 down (y grows upward here)."""
    r = math.radians(angle)
    return math.sin(r), math.cos(r)


def _add(p: tuple[float, float], length: float, angle: float) -> tuple[float, float]:
    dx, dy = _dir(angle)
    return p[0] + length * dx, p[1] + length * dy


def _depth(angle: float) -> float:
    """How long a limb tipped `angle` toward or away from you looks (never quite zero, so
    the joint still shows)."""
    return max(0.14, abs(math.cos(math.radians(angle))))


@dataclass
class Segment:
    name: str  # e.g. forearm_l
    points: tuple[tuple[float, float], ...]
    width: float
    layer: int  # 0 far side, 1 body, 2 near side


@dataclass
class Figure:
    """A posed figure in world units (y up, floor at 0 once grounded)."""

    view: str
    points: dict[str, tuple[float, float]]
    segments: list[Segment]
    trunk: tuple[tuple[float, float], ...]  # outline of the trunk
    head_angle: float
    head_turn: float

    def moved(self, dx: float, dy: float) -> Figure:
        def mv(p):
            return p[0] + dx, p[1] + dy

        return Figure(
            self.view, {k: mv(p) for k, p in self.points.items()},
            [Segment(s.name, tuple(mv(p) for p in s.points), s.width, s.layer) for s in self.segments],
            tuple(mv(p) for p in self.trunk), self.head_angle, self.head_turn,
        )

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points.values()]
        ys = [p[1] for p in self.points.values()]
        head = self.points["head"]
        xs += [head[0] - HEAD_R, head[0] + HEAD_R]
        ys += [head[1] - HEAD_R, head[1] + HEAD_R]
        return min(xs), min(ys), max(xs), max(ys)


def pose_figure(view: str, pose: dict[str, float]) -> Figure:
    """Place every joint of the figure for one pose (pelvis at the origin)."""
    a = {j: 0.0 for j in JOINT_LIMITS[view]} | {k: float(v) for k, v in pose.items()}
    t = a["trunk"]
    pts: dict[str, tuple[float, float]] = {"pelvis": (0.0, 0.0)}
    chest = _add((0.0, 0.0), TRUNK, t)
    pts["chest"] = chest
    segments: list[Segment] = []
    side_view = view == "side"

    neck_angle = t + a["neck"]
    neck_top = _add(chest, NECK, neck_angle)
    head_angle = neck_angle + a["head"]
    head = _add(neck_top, HEAD_R * 0.8, head_angle)
    if side_view:
        head = _add(head, 2.0, head_angle + 90)  # the skull sits a little in front of the neck
    pts["neck"], pts["head"] = neck_top, head
    pts["nose"] = _add(head, HEAD_R + 2, head_angle + 90) if side_view else head
    segments.append(Segment("neck", (_add(chest, -2, t), neck_top), WIDTH["neck"], 1))

    for s in SIDES:
        # sign: which way "outward" turns in the picture for this side
        if side_view:
            sign, layer = 1, (2 if s == "l" else 0)
            shoulder = _add(_add(chest, -6, t), 9 * math.sin(math.radians(a[f"shrug_{s}"])), t)
            hip = (0.0, 0.0)
        else:
            sign, layer = _side_sign(view, s), 1
            lift = 12 * math.sin(math.radians(a[f"shrug_{s}"]))  # a shrug lifts the shoulder toward the ear
            shoulder = _add(_add(chest, lift - 4, t), SHOULDER_HALF - lift / 4, t + sign * 82)
            hip = _add((0.0, 0.0), HIP_HALF, t + sign * 90)
        pts[f"shoulder_{s}"], pts[f"hip_{s}"] = shoulder, hip
        segments.append(Segment(f"shoulder_cap_{s}", (_add(chest, -1, t), shoulder), WIDTH["shoulder_cap"], 1))

        # Arm. In the side view sign is +1 and a bend forward turns the limb clockwise.
        upper = t + 180 - sign * a[f"shoulder_{s}"]
        elbow = _add(shoulder, UPPER_ARM * _depth(a[f"shoulder_out_{s}"]), upper)
        fore = upper - sign * a[f"elbow_{s}"]
        fore_depth = _depth(a[f"shoulder_out_{s}"] + a[f"elbow_out_{s}"])
        wrist = _add(elbow, FOREARM * fore_depth, fore)
        # Wrist extension lifts the back of the hand: the palm faces down unless turned up.
        palm_up = a[f"forearm_{s}"] > 45
        hand_angle = fore - sign * a[f"wrist_{s}"] * (-1 if palm_up else 1)
        knuckles = _add(wrist, PALM * fore_depth, hand_angle)  # a hand pointing at you looks short too
        finger_angle = hand_angle + sign * a[f"fingers_{s}"] * (-1 if palm_up else 1)
        finger_len = FINGERS * fore_depth * (1 if side_view else _depth(a[f"fingers_{s}"]))
        tip = _add(knuckles, finger_len, finger_angle)
        pts |= {f"elbow_{s}": elbow, f"wrist_{s}": wrist, f"knuckles_{s}": knuckles, f"hand_{s}": tip}
        arm_layer = layer if side_view else 2
        segments += [
            Segment(f"upper_arm_{s}", (shoulder, elbow), WIDTH["upper_arm"], arm_layer),
            Segment(f"forearm_{s}", (elbow, wrist), WIDTH["forearm"], arm_layer),
            Segment(f"hand_{s}", (wrist, knuckles), WIDTH["hand"], arm_layer),
            Segment(f"fingers_{s}", (knuckles, tip), WIDTH["fingers"], arm_layer),
        ]

        # Leg.
        thigh = t + 180 - sign * a[f"hip_{s}"]
        knee = _add(hip, THIGH * _depth(a[f"hip_out_{s}"]), thigh)
        shank = thigh + sign * a[f"knee_{s}"] if side_view else thigh - sign * a[f"knee_{s}"]
        ankle = _add(knee, SHANK * _depth(a[f"hip_out_{s}"] + a[f"knee_out_{s}"]), shank)
        if side_view:
            foot = shank - 90 - a[f"ankle_{s}"]
            down = foot + 90
            heel = _add(_add(ankle, 6.5, down), -4.5, foot)
            ball = _add(_add(ankle, 6.5, down), 12, foot)
            toe = _add(_add(ankle, 5.0, down), 16.5, foot)
            foot_pts = (ankle, heel, ball, toe, ankle)
        else:
            heel = _add(ankle, 6.5, shank)
            ball = toe = _add(heel, 5, shank - sign * 80)
            foot_pts = (ankle, heel, toe)
        pts |= {f"knee_{s}": knee, f"ankle_{s}": ankle, f"heel_{s}": heel, f"ball_{s}": ball, f"toe_{s}": toe}
        leg_layer = layer if side_view else 0
        segments += [
            Segment(f"thigh_{s}", (hip, knee), WIDTH["thigh"], leg_layer),
            Segment(f"shank_{s}", (knee, ankle), WIDTH["shank"], leg_layer),
            Segment(f"foot_{s}", foot_pts, WIDTH["foot"], leg_layer),
        ]

    if side_view:
        back, front = t - 90, t + 90
        top = _add(chest, -3, t)
        trunk = (_add(top, 10.5, back), _add(top, 11.5, front), _add(_add((0, 0), 22, t), 10.5, front),
                 _add((0.0, 0.0), 8.5, front), _add((0.0, 0.0), 10.5, back), _add(_add((0, 0), 25, t), 8, back))
    else:
        sh_l, sh_r = pts["shoulder_l"], pts["shoulder_r"]
        waist = _add((0.0, 0.0), 20, t)
        trunk = (_add(sh_r, 3, t + 180), _add(sh_l, 3, t + 180),
                 _add(waist, 11.5, t + _side_sign(view, "l") * 90), _add(pts["hip_l"], 3, t + 180),
                 _add(pts["hip_r"], 3, t + 180), _add(waist, 11.5, t + _side_sign(view, "r") * 90))
    return Figure(view, pts, segments, trunk, head_angle, a["head_turn"])


def _side_sign(view: str, side: str) -> int:
    """+1 where lifting this side's arm out turns it clockwise in the picture (the
    figure's left seen from the front, its right seen from the back)."""
    out = -1 if side == "r" else 1
    return out if view == "front" else -out


# ---------------------------------------------------------------- placing the figure

def _support_height(frame: Frame) -> float:
    kinds = {p.kind for p in frame.props}
    if "step" in kinds:
        return STEP
    return MAT if "mat" in kinds else 0.0


def place(frame: Frame) -> Figure:
    """Pose the figure and rest it on the floor (or on the mat or step).

    The lowest edge of the body touches the support unless the frame names the point
    that rests there (`ground`), as for the ball of a foot on the edge of a step while
    the heel drops below it.
    """
    figure = pose_figure(frame.view, frame.pose)
    if frame.ground:
        gx, gy = figure.points[frame.ground]
        # a point on the sole is on the centre line of the foot; its edge is half a foot lower
        lowest = gy - (WIDTH["foot"] / 2 + 1 if frame.ground.startswith(("heel", "ball", "toe")) else 0)
    else:
        gx = 0.0
        lowest = min(min(min(p[1] for p in seg.points) - seg.width / 2 for seg in figure.segments),
                     min(y for _, y in figure.trunk) - 4, figure.points["head"][1] - HEAD_R)
    return figure.moved(-gx, _support_height(frame) - lowest)


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
        nose = [_add(c, HEAD_R - 1, angle + 62), _add(c, HEAD_R + 2.2, angle + 88), _add(c, HEAD_R - 1, angle + 112)]
        out.append(_polygon(nose, fill, line, 1.3))
        out.append(_circle(c, HEAD_R, fill, line, 1.5))
        hair = [_add(c, HEAD_R, angle + k) for k in range(-150, 31, 15)]
        out.append(_polygon(hair + [_add(c, 4, angle - 60)], HAIR, HAIR, 1))
        out.append(_circle(_add(c, 3.2, angle + 60), 1.2, EYE, EYE, 0.4))
        return out
    out.append(_circle(c, HEAD_R, fill, line, 1.5))
    if figure.view == "back":
        hair = [_add(c, HEAD_R - 0.6, angle + k) for k in range(-110, 111, 10)]
        out.append(_polygon(hair + [_add(c, HEAD_R * 0.35, angle + 180)], HAIR, HAIR, 1))
        return out
    # Front: a fringe of hair, and eyes and nose that slide toward the way the head turns.
    hair = [_add(c, HEAD_R - 0.6, angle + k) for k in range(-80, 81, 10)]
    out.append(_polygon(hair + [_add(c, HEAD_R * 0.5, angle)], HAIR, HAIR, 1))
    shift = 6.5 * math.sin(math.radians(figure.head_turn))
    centre = _add(_add(c, shift, angle + 90), -1.5, angle)
    for dx in (-3.6, 3.6):
        if abs(shift + dx) < HEAD_R - 2:
            out.append(_circle(_add(centre, dx, angle + 90), 1.2, EYE, EYE, 0.4))
    out.append(_line([_add(centre, -2.2, angle), _add(_add(centre, -4.6, angle), 0.8 * math.copysign(1, shift or 1), angle + 90)],
                     line, 1.1))
    return out


def _draw_props(frame: Frame, figure: Figure, *, front: bool) -> list[str]:
    """Furniture behind the figure (front=False), or things held, or lying under the
    head, in front of it (front=True)."""
    pts = figure.points
    out: list[str] = []
    floor = _support_height(frame) if any(p.kind == "mat" for p in frame.props) else 0.0
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
    a, b = _add(at, -7, angle), _add(at, 7, angle)
    return [_line([a, b], PROP_DARK, 3.2), _circle(a, 4.3, "#4d5a63", PROP_DARK, 1),
            _circle(b, 4.3, "#4d5a63", PROP_DARK, 1)]


# The flexible bar stands upright in a fist whose wrist is bent back this far.
BAR_UPRIGHT_WRIST = 50


def _held_bar(figure: Figure, point: str) -> list[str]:
    centre = _grip(figure, point)
    angle = _hand_angle(figure, point) - 90 + BAR_UPRIGHT_WRIST * (1 if figure.view == "side" else 0)
    ends = [_add(centre, -9, angle), _add(centre, 21, angle)]
    return [_line(ends, PROP_DARK, 8), _line(ends, "#d55e00", 6)]


def _hammer(figure: Figure, point: str, frame: Frame) -> list[str]:
    side = point[-1]
    centre = _grip(figure, point)
    if frame.view == "side":
        angle = _hand_angle(figure, point) - 90
    else:  # seen along the forearm: turning the palm down tips the head toward the midline
        angle = frame.pose.get(f"forearm_{side}", 0.0) * _side_sign(frame.view, side)
    # held close to its head, as the steps say: the handle hangs below the fist
    top, end = _add(centre, HAMMER_ABOVE_GRIP, angle), _add(centre, -16, angle)
    head = [_add(top, -7, angle + 90), _add(top, 9, angle + 90)]
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
            ends, root = _LIMB_ENDS[limb]
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
        start = _add(p, -arrow.offset - ARROW if arrow.arrive else arrow.offset, arrow.toward)
        out.append((start, _add(start, ARROW, arrow.toward)))
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
