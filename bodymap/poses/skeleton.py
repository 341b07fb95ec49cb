"""The exercise figure's skeleton as data: its joints and how far each may bend, the points
a prop or arrow can refer to, the limbs that can move, and the props.

The content model validates every exercise frame against these tables (a knee bent to 210
degrees is refused by `python -m bodymap check`), so they live apart from the code that
poses (`figure`) and draws (`draw`) the figure: the model imports only this module.
"""
from __future__ import annotations

LIMB_SIDES = ("l", "r")  # the figure's own left and right, as joint and point names end

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
            out.update({f"{joint}_{s}": rng for s in LIMB_SIDES})
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
                         "ball", "toe") for s in LIMB_SIDES
)
# Limbs that can be marked as moving; each is drawn in the highlight colour, with a faint
# copy of where it was in the frame before and an arrow.
LIMBS: dict[str, tuple[str, ...]] = {"head": ("neck", "head"), "trunk": ("trunk",)}
for _s in LIMB_SIDES:
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
LIMB_ENDS: dict[str, tuple[tuple[str, ...], str]] = {"head": (("nose",), "chest"), "trunk": (("chest", "pelvis"), "pelvis")}
for _s in LIMB_SIDES:
    LIMB_ENDS.update({
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
    "upper": ("head", "chest", "pelvis") + tuple(f"{p}_{s}" for p in ("shoulder", "elbow", "hand") for s in LIMB_SIDES),
    "lower": ("pelvis",) + tuple(f"{p}_{s}" for p in ("hip", "knee", "heel", "toe") for s in LIMB_SIDES),
    "arms": ("head", "chest") + tuple(f"{p}_{s}" for p in ("shoulder", "elbow", "hand") for s in LIMB_SIDES),
}
