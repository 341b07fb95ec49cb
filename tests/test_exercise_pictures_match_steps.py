"""Exercise pictures show what their steps say (second clinical review, D5 and D6, and a
look at every frame against its steps). A patient copies the picture, not the text, so
each test measures the drawn figure: a joint angle, the side a hand is on, a foot on the
floor line, sitting against standing."""
from __future__ import annotations

import math
import re

import pytest

from bodymap.content import load_content
from bodymap.poses.draw import render_frame
from bodymap.poses.figure import MAT, STEP, WIDTH, place
from tests.conftest import ROOT

SHIPPED = load_content(ROOT / "data")
HEAD_OF_HAMMER = re.compile(r'<path d="M(-?[\d.]+),(-?[\d.]+) L(-?[\d.]+),(-?[\d.]+)" fill="none" '
                            r'stroke="#5f6d77" stroke-width="6.5"')
SOLE = WIDTH["foot"] / 2  # from a sole point on the foot's centre line to its edge


def frames(exercise_id):
    return SHIPPED.exercises[exercise_id].frames


def figure(exercise_id, index):
    return place(frames(exercise_id)[index])


def support(frame) -> float:
    kinds = {p.kind for p in frame.props}
    return STEP if "step" in kinds else MAT if "mat" in kinds else 0.0


def sole_heights(fig, side, frame):
    """How far the heel and the ball of one foot are above the floor (or mat) line."""
    return [fig.points[f"{p}_{side}"][1] - SOLE - support(frame) for p in ("heel", "ball")]


# --- forearm-rotation-hammer: the head tips the way the forearm turns -----------------------

def hammer_head_x(exercise_id, index):
    frame = frames(exercise_id)[index]
    svg = render_frame(frame, label="x")
    (x0, _y0, x1, _y1), = [tuple(map(float, m)) for m in HEAD_OF_HAMMER.findall(svg)]
    return (x0 + x1) / 2, place(frame)


def test_palm_down_tips_the_hammer_toward_the_midline_and_palm_up_away():
    # The drawn arm is the left, seen from the front: the body's midline is to its left in
    # the picture. Turning the palm down (pronation) rolls the thumb, and the hammer's head
    # above it, toward the midline; turning it up rolls it outward.
    for index, inward in ((1, True), (2, False)):
        head_x, fig = hammer_head_x("forearm-rotation-hammer", index)
        grip_x = fig.points["knuckles_l"][0]
        midline_x = fig.points["pelvis"][0]
        assert (abs(head_x - midline_x) < abs(grip_x - midline_x)) == inward, index
    arrows = [f.arrows[0].toward for f in frames("forearm-rotation-hammer")[1:]]
    assert arrows == [270, 90]  # the arrows follow the head: left (inward), then right


def test_the_hammer_is_held_near_its_head():
    head_x, fig = hammer_head_x("forearm-rotation-hammer", 0)
    svg = render_frame(frames("forearm-rotation-hammer")[0], label="x")
    (_x0, y0, _x1, y1), = [tuple(map(float, m)) for m in HEAD_OF_HAMMER.findall(svg)]
    head_y = -(y0 + y1) / 2
    grip = fig.points["knuckles_l"]
    assert math.dist((head_x, head_y), grip) < 12  # thumb up, the head just above the fist


# --- sidelying-external-rotation: every frame turns about the upper arm -----------------------

@pytest.mark.parametrize("index", [0, 1, 2])
def test_side_lying_rotation_stays_across_the_body_not_toward_the_feet(index):
    # Lying on the side, the figure's length runs across the picture. Rotation about the
    # upper arm moves the forearm between the belly and the ceiling: it never swings
    # toward the feet in the picture plane.
    fig = figure("sidelying-external-rotation", index)
    elbow, hand = fig.points["elbow_r"], fig.points["hand_r"]
    along = abs(hand[0] - elbow[0])
    assert along < 0.35 * math.dist(elbow, hand) + 3, (index, along)


def test_lowering_after_the_turn_is_a_forearm_partway_down():
    up = figure("sidelying-external-rotation", 1)
    lowering = figure("sidelying-external-rotation", 2)
    # drawn shorter (tipping toward the viewer, on its way back to the belly), still upward
    length = math.dist(lowering.points["elbow_r"], lowering.points["wrist_r"])
    assert length < 0.8 * math.dist(up.points["elbow_r"], up.points["wrist_r"])
    assert lowering.points["wrist_r"][1] > lowering.points["elbow_r"][1]


# --- mcgill-curl-up: hands under the small of the back ----------------------------------------

@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("side", ["l", "r"])
def test_curl_up_hands_are_under_the_low_back(index, side):
    fig = figure("mcgill-curl-up", index)
    pelvis, chest, hand = fig.points["pelvis"], fig.points["chest"], fig.points[f"hand_{side}"]
    # between the pelvis and the chest, in the half nearer the pelvis (the low back) ...
    share = (hand[0] - pelvis[0]) / (chest[0] - pelvis[0])
    assert 0 < share < 0.5, share
    # ... and at the back's level or below it, not lying on the belly or along the thigh
    assert hand[1] <= pelvis[1]


# --- piriformis-stretch: hands behind the thigh of the lower leg ------------------------------

def test_piriformis_hands_hold_behind_the_lower_thigh():
    fig = figure("piriformis-stretch", 1)
    hip, knee = fig.points["hip_r"], fig.points["knee_r"]
    ax, ay = knee[0] - hip[0], knee[1] - hip[1]

    def along_and_side(p):
        rel = (p[0] - hip[0], p[1] - hip[1])
        return (rel[0] * ax + rel[1] * ay) / (ax * ax + ay * ay), ax * rel[1] - ay * rel[0]

    _, chest_side = along_and_side(fig.points["chest"])
    for side in ("l", "r"):
        along, hand_side = along_and_side(fig.points[f"knuckles_{side}"])
        assert 0.4 < along < 1.1, (side, along)  # on the thigh, toward the knee
        assert hand_side * chest_side < 0, side  # on its back, away from the chest


# --- feet on the floor line --------------------------------------------------------------------

@pytest.mark.parametrize("index", [0, 1])
def test_hip_flexor_stretch_front_foot_is_flat_on_the_floor(index):
    frame = frames("kneeling-hip-flexor-stretch")[index]
    fig = place(frame)
    assert all(abs(h) < 1.5 for h in sole_heights(fig, "r", frame)), sole_heights(fig, "r", frame)
    knee_bottom = fig.points["knee_l"][1] - WIDTH["shank"] / 2 - support(frame)
    assert -1.5 < knee_bottom < 3  # kneeling on the mat (the pointed foot rests on it too), not sunk into it


@pytest.mark.parametrize("index", [0, 1])
def test_calf_stretch_back_heel_stays_down(index):
    # "Keep that heel on the floor": both feet flat on the floor line in both frames.
    frame = frames("calf-wall-stretch")[index]
    fig = place(frame)
    for side in ("l", "r"):
        assert all(abs(h) < 1.5 for h in sole_heights(fig, side, frame)), (side, sole_heights(fig, side, frame))


def test_no_frame_puts_a_foot_below_its_floor_line():
    sunk = []
    for exercise in SHIPPED.exercises.values():
        for i, frame in enumerate(exercise.frames or ()):
            if frame.ground or frame.view != "side":
                continue  # a frame that rests on a named point may drop a heel below a step on purpose
            fig = place(frame)
            for side in ("l", "r"):
                if min(sole_heights(fig, side, frame)) < -1.5:
                    sunk.append((exercise.id, i, side))
    assert not sunk, sunk


# --- band-foot-turn-in: seated, as the steps say -----------------------------------------------

@pytest.mark.parametrize("index", [0, 1])
def test_band_turn_in_reads_as_sitting(index):
    frame = frames("band-foot-turn-in")[index]
    fig = place(frame)
    standing = place(frames("single-leg-balance-ankle")[0])
    # the pelvis is at chair height, well below a standing pelvis ...
    assert fig.points["pelvis"][1] < 0.7 * standing.points["pelvis"][1]
    # ... the picture shows the whole seated figure with its chair, not the shins alone
    assert frame.focus == "full" and "chair" in {p.kind for p in frame.props}
    # ... and the hands rest in the lap, below the chest and near the knees
    for side in ("l", "r"):
        hand = fig.points[f"hand_{side}"]
        assert hand[1] < fig.points["chest"][1] - 20
        assert abs(hand[1] - fig.points[f"knee_{side}"][1]) < 20


# --- scapular-setting-shrug: the start is set a little back, not pulled down ------------------

def test_shrug_start_is_not_pulled_down():
    first = frames("scapular-setting-shrug")[0]
    assert "down" not in first.caption.lower() and "a little back" in first.caption
    assert first.pose.get("shrug_l", 0) >= 0 and first.pose.get("shrug_r", 0) >= 0
    steps = " ".join(SHIPPED.exercises["scapular-setting-shrug"].steps).lower()
    assert "back and down" not in steps


# --- prone-arm-lift: lying face down, arms by the sides, lifted a little -------------------------

def test_prone_arm_lift_lies_face_down_with_the_arms_by_the_sides_then_lifts_them():
    lying, lifted = figure("prone-arm-lift", 0), figure("prone-arm-lift", 1)
    standing = place(frames("single-leg-balance-ankle")[0])
    for fig in (lying, lifted):
        # the whole body is low, near the mat: chest and pelvis far below a standing pelvis
        assert max(fig.points["chest"][1], fig.points["pelvis"][1]) < 0.3 * standing.points["pelvis"][1]
        for side in ("l", "r"):
            # hands by the sides: toward the feet from the shoulder, not overhead
            assert (fig.points[f"hand_{side}"][0] - fig.points[f"shoulder_{side}"][0]) * (
                fig.points["ankle_l"][0] - fig.points["chest"][0]) > 0
    for side in ("l", "r"):
        assert lifted.points[f"hand_{side}"][1] > lying.points[f"hand_{side}"][1] + 3


# --- chair-back-extension: seated, arms crossed, then leaning back over the chair ------------------

def test_chair_back_extension_sits_with_arms_crossed_then_leans_back():
    tall, back = figure("chair-back-extension", 0), figure("chair-back-extension", 1)
    standing = place(frames("single-leg-balance-ankle")[0])
    for index, fig in enumerate((tall, back)):
        assert fig.points["pelvis"][1] < 0.7 * standing.points["pelvis"][1]
        assert "chair" in {p.kind for p in frames("chair-back-extension")[index].props}
        for side in ("l", "r"):
            # arms crossed on the chest: the hands are up at the chest, not in the lap
            assert abs(fig.points[f"hand_{side}"][1] - fig.points["chest"][1]) < 25
    # the figure faces right: leaning back moves the chest left, behind the hips
    assert back.points["chest"][0] < tall.points["chest"][0] - 5


# --- jaw-self-massage: fingertips on the side of the face, then at the temples -------------------

@pytest.mark.parametrize("index, low, high", [(0, -8, 0), (1, 0, 7)])
def test_jaw_massage_fingertips_are_on_the_side_of_the_face(index, low, high):
    from bodymap.poses.figure import HEAD_R

    fig = figure("jaw-self-massage", index)
    head = fig.points["head"]
    for side in ("l", "r"):
        tip = fig.points[f"hand_{side}"]
        elbow = fig.points[f"elbow_{side}"]
        # on the face's own side, at its edge (not meeting in front of the mouth, not on the crown)
        assert (tip[0] - head[0]) * (elbow[0] - head[0]) > 0, side
        assert HEAD_R - 4 < abs(tip[0] - head[0]) < HEAD_R + 3, (side, tip, head)
        # below the cheekbone in the first frame, up at the temple in the second
        assert low <= tip[1] - head[1] <= high, (side, tip[1] - head[1])
