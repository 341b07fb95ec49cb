"""The exercise figure posed from a frame's joint angles: where every joint is, in world units
(y up, the floor at 0 once the figure rests on it).

Angles are degrees as seen in the picture (see `bodymap.poses.draw` for the conventions).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .skeleton import JOINT_LIMITS, LIMB_SIDES

if TYPE_CHECKING:
    from ..model import Frame

# Proportions of an adult about 175 units tall (units are centimetres, roughly).
TRUNK, NECK, HEAD_R = 50.0, 11.0, 11.0
UPPER_ARM, FOREARM, PALM, FINGERS = 29.0, 25.0, 8.0, 7.0
THIGH, SHANK = 43.0, 41.0
SHOULDER_HALF, HIP_HALF = 17.0, 9.5
WIDTH = {"neck": 10, "upper_arm": 10.5, "forearm": 8.5, "hand": 7.5, "fingers": 5.5, "thigh": 15,
         "shank": 11, "foot": 7.5, "shoulder_cap": 9}
MAT, STEP, SEAT_GAP = 3.0, 20.0, 7.5


def _dir(angle: float) -> tuple[float, float]:
    """Unit vector for a picture angle: 0 up, 90 right, 180 down (y grows upward here)."""
    r = math.radians(angle)
    return math.sin(r), math.cos(r)


def along(p: tuple[float, float], length: float, angle: float) -> tuple[float, float]:
    """The point `length` from `p` in the picture direction `angle`."""
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
    chest = along((0.0, 0.0), TRUNK, t)
    pts["chest"] = chest
    segments: list[Segment] = []
    side_view = view == "side"

    neck_angle = t + a["neck"]
    neck_top = along(chest, NECK, neck_angle)
    head_angle = neck_angle + a["head"]
    head = along(neck_top, HEAD_R * 0.8, head_angle)
    if side_view:
        head = along(head, 2.0, head_angle + 90)  # the skull sits a little in front of the neck
    pts["neck"], pts["head"] = neck_top, head
    pts["nose"] = along(head, HEAD_R + 2, head_angle + 90) if side_view else head
    segments.append(Segment("neck", (along(chest, -2, t), neck_top), WIDTH["neck"], 1))

    for s in LIMB_SIDES:
        # sign: which way "outward" turns in the picture for this side
        if side_view:
            sign, layer = 1, (2 if s == "l" else 0)
            shoulder = along(along(chest, -6, t), 9 * math.sin(math.radians(a[f"shrug_{s}"])), t)
            hip = (0.0, 0.0)
        else:
            sign, layer = side_sign(view, s), 1
            lift = 12 * math.sin(math.radians(a[f"shrug_{s}"]))  # a shrug lifts the shoulder toward the ear
            shoulder = along(along(chest, lift - 4, t), SHOULDER_HALF - lift / 4, t + sign * 82)
            hip = along((0.0, 0.0), HIP_HALF, t + sign * 90)
        pts[f"shoulder_{s}"], pts[f"hip_{s}"] = shoulder, hip
        segments.append(Segment(f"shoulder_cap_{s}", (along(chest, -1, t), shoulder), WIDTH["shoulder_cap"], 1))

        # Arm. In the side view sign is +1 and a bend forward turns the limb clockwise.
        upper = t + 180 - sign * a[f"shoulder_{s}"]
        elbow = along(shoulder, UPPER_ARM * _depth(a[f"shoulder_out_{s}"]), upper)
        fore = upper - sign * a[f"elbow_{s}"]
        fore_depth = _depth(a[f"shoulder_out_{s}"] + a[f"elbow_out_{s}"])
        wrist = along(elbow, FOREARM * fore_depth, fore)
        # Wrist extension lifts the back of the hand: the palm faces down unless turned up.
        palm_up = a[f"forearm_{s}"] > 45
        hand_angle = fore - sign * a[f"wrist_{s}"] * (-1 if palm_up else 1)
        knuckles = along(wrist, PALM * fore_depth, hand_angle)  # a hand pointing at you looks short too
        finger_angle = hand_angle + sign * a[f"fingers_{s}"] * (-1 if palm_up else 1)
        finger_len = FINGERS * fore_depth * (1 if side_view else _depth(a[f"fingers_{s}"]))
        tip = along(knuckles, finger_len, finger_angle)
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
        knee = along(hip, THIGH * _depth(a[f"hip_out_{s}"]), thigh)
        shank = thigh + sign * a[f"knee_{s}"] if side_view else thigh - sign * a[f"knee_{s}"]
        ankle = along(knee, SHANK * _depth(a[f"hip_out_{s}"] + a[f"knee_out_{s}"]), shank)
        if side_view:
            foot = shank - 90 - a[f"ankle_{s}"]
            down = foot + 90
            heel = along(along(ankle, 6.5, down), -4.5, foot)
            ball = along(along(ankle, 6.5, down), 12, foot)
            toe = along(along(ankle, 5.0, down), 16.5, foot)
            foot_pts = (ankle, heel, ball, toe, ankle)
        else:
            heel = along(ankle, 6.5, shank)
            ball = toe = along(heel, 5, shank - sign * 80)
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
        top = along(chest, -3, t)
        trunk = (along(top, 10.5, back), along(top, 11.5, front), along(along((0, 0), 22, t), 10.5, front),
                 along((0.0, 0.0), 8.5, front), along((0.0, 0.0), 10.5, back), along(along((0, 0), 25, t), 8, back))
    else:
        sh_l, sh_r = pts["shoulder_l"], pts["shoulder_r"]
        waist = along((0.0, 0.0), 20, t)
        trunk = (along(sh_r, 3, t + 180), along(sh_l, 3, t + 180),
                 along(waist, 11.5, t + side_sign(view, "l") * 90), along(pts["hip_l"], 3, t + 180),
                 along(pts["hip_r"], 3, t + 180), along(waist, 11.5, t + side_sign(view, "r") * 90))
    return Figure(view, pts, segments, trunk, head_angle, a["head_turn"])


def side_sign(view: str, side: str) -> int:
    """+1 where lifting this side's arm out turns it clockwise in the picture (the
    figure's left seen from the front, its right seen from the back)."""
    out = -1 if side == "r" else 1
    return out if view == "front" else -out


# ---------------------------------------------------------------- placing the figure

def support_height(frame: Frame) -> float:
    """How high the figure rests: on a step, on a mat, or on the floor."""
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
    return figure.moved(-gx, support_height(frame) - lowest)
