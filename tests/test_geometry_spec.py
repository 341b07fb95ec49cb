"""The geometry file's own checks, message by message: each names the file, the part or area
and the field, in the author's terms. (tests/test_hostile_packs.py runs hostile packs through
`check` and the app.)"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from bodymap.geometry import GEOMETRY_FILE, _load_geometry, load_geometry
from bodymap.pack_files import MAX_DEPTH, ContentErrors, read_yaml

SHIPPED = (Path(__file__).parent / "fixtures" / "body_geometry_v1.yaml").read_text(encoding="utf-8")
EYE = "  - {id: eye, label: Around the eye, view: front, ellipse: [91, 34, 6, 4], clip: head}\n"
HEAD = "  head: {ellipse: [100, 38, 20, 27], mirror: false}"


def geometry_errors(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in SHIPPED, f"the fixture geometry changed: {old!r}"
    pack = tmp_path / "content"
    pack.mkdir()
    (pack / "geometry.yaml").write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_geometry(pack / "geometry.yaml")
    return [str(e) for e in caught.value.errors]


@pytest.mark.parametrize(("old", "new", "expected"), [
    (HEAD, "  head: {ellipse: [100, 38, 20, 27], rect: [1, 2, 3, 4]}",
     "parts.head: needs exactly one of ellipse, rect, polygon or chain (found ellipse, rect)"),
    (HEAD, "  head: {ellipse: [100, 38, -20, 27]}", "parts.head.ellipse[2]: Input should be greater than 0"),
    (HEAD, "  head: {ellipse: [100, 38, 20, 27], mirrror: false}", "parts.head.mirrror: unknown field"),
    ("rect: [78, 12, 100, 29]", "rect: [100, 29, 78, 12]",
     "areas[1] (forehead).rect: needs [left, top, right, bottom] with left < right and top < bottom"),
    ("view: front, ellipse: [91, 34, 6, 4]", "view: top, ellipse: [91, 34, 6, 4]",
     "areas[0] (eye).view: Input should be 'front', 'back' or 'side'"),
    ("view: front, ellipse: [91, 34, 6, 4], clip: head", "view: side, ellipse: [91, 34, 6, 4], clip: knee",
     "areas[0] (eye).clip: unknown side part 'knee'"),
    ("neck-back: {label:", "neck-back: {label: \"x\", view: back, box: [9, 9, 1, 1]}\n  other: {label:",
     "closeups.neck-back.box: needs [left, top, right, bottom]"),
    ("{id: eye,", "{id: Eye Ball,", "areas[0] (Eye Ball).id: String should match pattern"),
    (EYE, EYE.replace("[91, 34, 6, 4]", "[150, 34, 6, 4]"),
     "areas[0] (eye).ellipse: lies on the viewer's right half; areas are drawn on the left half (x up to 100)"),
    (EYE, EYE.replace("[91, 34, 6, 4]", "[91, 120, 6, 4]"), "areas[0] (eye).ellipse: lies outside its clip part 'head'"),
    (EYE, EYE.replace("[91, 34, 6, 4], clip: head", "[3, 3, 2, 2]"), "areas[0] (eye).ellipse: lies outside the body"),
    (EYE, EYE.replace("[91, 34, 6, 4]", "[91, 34, 1.0e-300, 1.0e-300]"),
     "areas[0] (eye).ellipse: is too small to tap (under 1 square unit)"),
    (EYE, EYE + EYE.replace("id: eye", "id: pupil").replace("6, 4]", "1.5, 1.5]"),
     "areas[1] (pupil).ellipse: is swallowed by the area(s) listed before it (eye)"),
    (EYE, EYE + EYE.replace("id: eye", "id: face").replace("[91, 34, 6, 4]", "[88, 38, 14, 14]"),
     "has a hole (right side) cut by an area listed above it"),
    ("  neck: {view: back", "  neck: {view: top", "region_labels.neck.view: Input should be 'front' or 'back'"),
    ("    - [[92, 86], [78, 84], [62, 91]]", "    - [[92, 86]]", "details.front[0]: List should have at least 2 items"),
])
def test_each_problem_names_the_part_or_area_and_field(tmp_path, old, new, expected):
    errors = geometry_errors(tmp_path, old, new)
    assert any(e.startswith("content/geometry.yaml: ") and expected in e for e in errors), errors


def test_the_build_stops_at_its_time_budget():
    with pytest.raises(ContentErrors) as caught:
        _load_geometry.__wrapped__(GEOMETRY_FILE, None, budget=0.0)
    (error,) = caught.value.errors
    assert str(error).startswith("assets/body_geometry.yaml: parts.head: building the drawing took over 0 s")


def test_the_shipped_geometry_passes_every_check():
    assert len(load_geometry(GEOMETRY_FILE).base_areas) >= 40


def write(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    root = tmp_path / "content"
    root.mkdir(exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")
    return root / name, root


def test_nesting_up_to_the_limit_is_read(tmp_path):
    data, errors = read_yaml(*write(tmp_path, "deep.yaml", "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH))
    assert not errors and data is not None


def test_nesting_past_the_limit_is_refused_with_its_line(tmp_path):
    _, errors = read_yaml(*write(tmp_path, "deep.yaml", "a: 1\nb: " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH))
    assert [str(e) for e in errors] == [(
        f"content/deep.yaml: line 2, column {MAX_DEPTH + 3}: nested more than {MAX_DEPTH} levels deep; "
        "pack files never need that many")]


def test_a_folder_named_like_a_file_is_not_read(tmp_path):
    (tmp_path / "content" / "odd.yaml").mkdir(parents=True)
    _, errors = read_yaml(tmp_path / "content" / "odd.yaml", tmp_path / "content")
    assert [str(e) for e in errors] == ["content/odd.yaml: is a folder, not a regular file"]


def test_a_link_inside_the_pack_is_followed(tmp_path):
    path, root = write(tmp_path, "real.yaml", "topics: []\n")
    os.symlink(path, root / "alias.yaml")
    assert read_yaml(root / "alias.yaml", root) == ({"topics": []}, [])
