"""Exercise pictures: the frames in the content model, their validation, and the drawing."""
from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from fpdf import FPDF

from bodymap.content import ContentErrors, load_content
from bodymap.render.exercise_strip import exercise_strip_html
from bodymap.model import Exercise, Frame
from bodymap.poses.draw import exercise_pictures, render_frame
from bodymap.poses.skeleton import JOINT_LIMITS, PROPS, PROPS_NEEDING_POINT
from tests.conftest import ROOT

SHIPPED = load_content(ROOT / "data")
SVG = "{http://www.w3.org/2000/svg}"


def exercise_frames_svg(exercise: Exercise) -> list[str]:
    return [p.svg for p in exercise_pictures(exercise)]

TWO_FRAMES = """    frames:
      - caption: Lie on your back, knees bent
        view: side
        pose: {trunk: -90, hip_l: 55, knee_l: 105}
        props: [mat, towel]
      - caption: Nod a little
        view: side
        pose: {trunk: -90, head: 20, hip_l: 55, knee_l: 105}
        props: [mat, towel]
        moving: [head]
"""
WHERE = "content/exercises/neck.yaml: exercises[0] (chin-nod).frames"


def with_frames(pack, frames: str = TWO_FRAMES):
    """Give the minimal pack's first exercise (chin-nod) these frames."""
    path = pack / "exercises" / "neck.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    sources: [jull-2002, kisner-2017]\n"
    assert marker in text, "fixture changed"
    path.write_text(text.replace(marker, marker + frames, 1), encoding="utf-8")
    return pack


def errors_for(pack) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_content(pack)
    return [str(e) for e in info.value.errors]


def frame(**fields) -> Frame:
    return Frame.model_validate({"caption": "A position", "view": "side", **fields})


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


# ---------------------------------------------------------------- the content model

def test_frames_load_from_an_exercise_file(broken_pack_dir):
    content = load_content(with_frames(broken_pack_dir))
    frames = content.exercises["chin-nod"].frames
    assert [f.caption for f in frames] == ["Lie on your back, knees bent", "Nod a little"]
    assert frames[1].pose["head"] == 20
    assert [p.kind for p in frames[0].props] == ["mat", "towel"]


def test_frames_are_optional_for_a_clinic_pack(minimal):
    assert minimal.exercises["chin-nod"].frames is None
    assert exercise_frames_svg(minimal.exercises["chin-nod"]) == []
    assert exercise_strip_html(minimal.exercises["chin-nod"]) == ""


# Each broken frame -> (what to change in TWO_FRAMES, the field named, words in the message)
BAD_FRAMES = {
    "unknown joint": ("hip_l: 55, knee_l: 105}\n        props: [mat, towel]\n      - caption",
                      "hip_l: 55, elbw_l: 105}\n        props: [mat, towel]\n      - caption",
                      "[0].pose", "unknown joint 'elbw_l'"),
    "impossible angle": ("head: 20,", "knee_r: 200, head: 20,", "[1].pose",
                         "knee_r 200° is impossible: in the side view it can go from -5° to 150°"),
    "backward elbow": ("head: 20,", "elbow_l: -40, head: 20,", "[1].pose", "elbow_l -40° is impossible"),
    "angle that is not a number": ("head: 20,", "knee_r: .nan, head: 20,", "[1].pose", "knee_r nan° is impossible"),
    "too many props": ("props: [mat, towel]\n        moving", "props: [mat, mat, mat, mat, mat, mat, mat, mat, mat]\n        moving",
                       "[1].props", "at most 8 items"),
    "unknown prop": ("props: [mat, towel]\n        moving", "props: [mat, trampoline]\n        moving",
                     "[1].props[1].kind", "unknown prop 'trampoline'"),
    "prop without its point": ("props: [mat, towel]\n        moving", "props: [mat, weight]\n        moving",
                               "[1].props[1]", "a weight needs `at:`"),
    "unknown body point": ("props: [mat, towel]\n        moving", "props: [mat, {kind: ball, at: paw_l}]\n        moving",
                           "[1].props[1].at", "unknown body point 'paw_l'"),
    "unknown view": ("view: side\n        pose: {trunk: -90, head", "view: top\n        pose: {trunk: -90, head",
                     "[1].view", "'side', 'front' or 'back'"),
    "unknown limb": ("moving: [head]", "moving: [tail]", "[1].moving[0]", "unknown limb 'tail'"),
    "missing caption": ("      - caption: Nod a little\n        view", "      - view", "[1].caption",
                        "required field is missing"),
}


@pytest.mark.parametrize("case", BAD_FRAMES, ids=list(BAD_FRAMES))
def test_a_bad_frame_is_named_by_file_and_field(broken_pack_dir, case):
    old, new, field, words = BAD_FRAMES[case]
    assert old in TWO_FRAMES
    (message,) = errors_for(with_frames(broken_pack_dir, TWO_FRAMES.replace(old, new, 1)))
    assert message.startswith(f"{WHERE}{field}: "), message
    assert words in message


def test_a_single_frame_is_refused_as_missing_the_end_position(broken_pack_dir):
    one = TWO_FRAMES[: TWO_FRAMES.index("      - caption: Nod a little")]
    (message,) = errors_for(with_frames(broken_pack_dir, one))
    assert message == f"{WHERE}: needs at least 2 frames (a start and an end position), found 1"


def test_check_command_names_file_and_field_for_a_bad_pose(broken_pack_dir):
    with_frames(broken_pack_dir, TWO_FRAMES.replace("head: 20,", "knee_r: 200, head: 20,"))
    run = subprocess.run([sys.executable, "-m", "bodymap", "--content", str(broken_pack_dir), "check"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert run.returncode == 1
    assert f"{WHERE}[1].pose" in run.stderr and "knee_r 200°" in run.stderr


def test_a_limb_tipped_toward_you_may_point_anywhere_in_the_picture():
    # An arm reaching out to the side, seen from the side, is drawn by its shadow.
    assert frame(pose={"shoulder_l": -100, "shoulder_out_l": 60, "elbow_l": -80})
    with pytest.raises(ValueError, match="elbow_l -80° is impossible"):
        frame(pose={"shoulder_l": -100, "elbow_l": -80})


# ---------------------------------------------------------------- the shipped exercises

@pytest.mark.parametrize("exercise_id", list(SHIPPED.exercises))
def test_every_shipped_exercise_has_a_start_and_an_end_picture(exercise_id):
    assert len(SHIPPED.exercises[exercise_id].frames or ()) >= 2


@pytest.mark.parametrize("exercise_id", list(SHIPPED.exercises))
def test_every_frame_of_a_shipped_exercise_renders_as_a_labelled_image(exercise_id):
    exercise = SHIPPED.exercises[exercise_id]
    svgs = exercise_frames_svg(exercise)
    assert len(svgs) == len(exercise.frames)
    for number, (svg, f) in enumerate(zip(svgs, exercise.frames), 1):
        root = parse(svg)
        assert root.get("role") == "img"
        assert root.get("aria-label") == f"{exercise.name}, picture {number} of {len(svgs)}: {f.caption}"


@pytest.mark.parametrize("exercise_id", list(SHIPPED.exercises))
def test_frames_of_one_view_share_a_box_so_the_figure_does_not_jump(exercise_id):
    exercise = SHIPPED.exercises[exercise_id]
    boxes: dict[tuple[str, str], set[str]] = {}
    for svg, f in zip(exercise_frames_svg(exercise), exercise.frames):
        boxes.setdefault((f.view, f.focus), set()).add(parse(svg).get("viewBox"))
    assert all(len(b) == 1 for b in boxes.values())


def test_every_shipped_frame_draws_in_the_pdf_without_warnings(caplog):
    pdf = FPDF()
    pdf.add_page()
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        for exercise in SHIPPED.exercises.values():
            for svg in exercise_frames_svg(exercise):
                pdf.image(io.BytesIO(svg.encode("utf-8")), x=10, y=10, w=50)
    assert caplog.records == []
    assert len(pdf.output()) > 10_000


def test_the_svg_uses_only_what_fpdf2_draws():
    svg = "".join(s for e in SHIPPED.exercises.values() for s in exercise_frames_svg(e))
    for feature in ("<style", "class=", "<pattern", "marker", "<title", "url("):
        assert feature not in svg


# ---------------------------------------------------------------- the drawing

def limb_paths(svg: str) -> list[str]:
    return [p.get("d") for p in parse(svg).iter(f"{SVG}path")]


def test_a_joint_angle_changes_the_drawing():
    straight = render_frame(frame(pose={"knee_l": 0}), label="x")
    bent = render_frame(frame(pose={"knee_l": 90}), label="x")
    assert limb_paths(straight) != limb_paths(bent)


def test_the_figure_stands_on_the_floor_and_rises_on_its_toes():
    def lowest_foot(svg):
        ys = [float(y) for d in limb_paths(svg) for y in re.findall(r",(-?[\d.]+)", d)]
        return max(ys)  # SVG y grows downward: the largest is the lowest point

    flat = render_frame(frame(pose={}), label="x")
    toes = render_frame(frame(pose={"ankle_l": -40, "ankle_r": -40}), label="x")
    assert lowest_foot(flat) == pytest.approx(0, abs=1)
    assert lowest_foot(toes) == pytest.approx(0, abs=1)  # still on the floor, on the balls of the feet


def _prop(kind: str) -> dict:
    return {"kind": kind, "at": "hand_l"} if kind in PROPS_NEEDING_POINT else {"kind": kind}


@pytest.mark.parametrize("kind", PROPS)
def test_each_prop_is_drawn(kind):
    pose = {"hip_l": 90, "knee_l": 90, "hip_r": 90, "knee_r": 90} if kind == "chair" else {}
    bare = render_frame(frame(pose=pose), label="x")
    with_prop = render_frame(frame(pose=pose, props=[_prop(kind)]), label="x")
    assert len(parse(with_prop)) > len(parse(bare))


def test_the_moving_limb_is_highlighted_with_its_last_position_and_an_arrow():
    start = frame(pose={"shoulder_l": 0})
    end = frame(pose={"shoulder_l": 90}, moving=["arm_l"])
    svg = render_frame(end, label="x", before=start)
    assert 'stroke-dasharray' in svg  # the faint outline of where the arm was
    assert len(parse(svg).findall(f"{SVG}polygon")) > len(parse(render_frame(end, label="x")).findall(f"{SVG}polygon"))


def test_text_in_the_svg_is_escaped():
    svg = render_frame(frame(), label='Lift <b>"both"</b> & hold')
    assert parse(svg).get("aria-label") == 'Lift <b>"both"</b> & hold'
    assert "<b>" not in svg


@pytest.mark.parametrize("view", list(JOINT_LIMITS))
def test_every_joint_at_either_limit_still_draws(view):
    """A smoke test: the figure at the ends of every joint's range is still a picture with a
    body in it (the angles are checked by the content model, not here)."""
    for limit in (0, 1):
        pose = {joint: rng[limit] for joint, rng in JOINT_LIMITS[view].items()}
        root = parse(render_frame(frame(view=view, pose=pose), label="x"))
        assert root.get("data-frame-view") == view
        assert len(root.findall(f".//{SVG}path")) > 10 and root.findall(f".//{SVG}circle"), "a figure is drawn"


# ---------------------------------------------------------------- the pictures block for the app

def test_the_strip_shows_each_frame_with_its_caption_and_a_play_and_pause_switch():
    exercise = SHIPPED.exercises["eccentric-heel-drop"]
    html = exercise_strip_html(exercise, key="plan-1")
    alts = re.findall(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"', html)
    assert len(alts) == len(exercise.frames)
    for f in exercise.frames:
        assert f.caption in html
    assert 'type="checkbox" class="bx-toggle bx-play" id="bx-plan-1-play"' in html
    assert 'class="bx-toggle bx-pause" id="bx-plan-1-pause"' in html
    assert "@media (prefers-reduced-motion: reduce)" in html


def test_the_strip_escapes_the_exercise_name():
    exercise = Exercise.model_validate({
        **SHIPPED.exercises["bird-dog"].model_dump(), "name": 'Bird <img src=x onerror="alert(1)"> dog'})
    html = exercise_strip_html(exercise)
    assert "<img src=x" not in html
    assert "Bird &lt;img src=x" in html
