"""Each kind of broken content gives its own clear message naming the file and field."""
from __future__ import annotations

import subprocess
import sys

import pytest

from bodymap.content import ContentErrors, load_content
from tests.conftest import ROOT


def errors_for(pack) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_content(pack)
    return [str(e) for e in info.value.errors]


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_minimal_pack_loads(minimal):
    assert list(minimal.regions) == ["neck"]
    assert minimal.muscles_in("neck")[0].id == "upper-trapezius"


def test_yaml_syntax_error_names_file_and_line(broken_pack_dir):
    edit(broken_pack_dir / "muscles" / "neck.yaml", "  - id: upper-trapezius", "  - id: [upper-trapezius")
    (message,) = errors_for(broken_pack_dir)
    assert message.startswith("content/muscles/neck.yaml: line ")
    assert "YAML syntax error" in message


def test_missing_required_field(broken_pack_dir):
    path = broken_pack_dir / "muscles" / "neck.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    palpation:")
    end = text.index("    needling_safety:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert errors_for(broken_pack_dir) == [
        "content/muscles/neck.yaml: muscles[0] (upper-trapezius).palpation: required field is missing"
    ]


def test_wrong_type(broken_pack_dir):
    edit(broken_pack_dir / "regions" / "neck.yaml", "    order: 1", "    order: first")
    (message,) = errors_for(broken_pack_dir)
    assert message.startswith("content/regions/neck.yaml: regions[0] (neck).order:")
    assert "integer" in message


def test_unknown_field_is_a_typo_not_ignored(broken_pack_dir):
    edit(broken_pack_dir / "regions" / "neck.yaml", "    order: 1", "    order: 1\n    ordr: 2")
    assert errors_for(broken_pack_dir) == ["content/regions/neck.yaml: regions[0] (neck).ordr: unknown field (check the spelling)"]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("muscles/neck.yaml", "essential: [", "essential: [elbowz, ", "unknown area id 'elbowz'"),
        ("muscles/neck.yaml", "sources: [ts-vol1-1999", "sources: [nobody-2031, ts-vol1-1999", "unknown source id 'nobody-2031'"),
        ("regions/neck.yaml", "exercises: [", "exercises: [handstand, ", "unknown exercise id 'handstand'"),
        ("muscles/neck.yaml", "region: neck", "region: knee", "unknown region id 'knee'"),
    ],
)
def test_unknown_ids_are_named(broken_pack_dir, file, old, new, expected):
    edit(broken_pack_dir / file, old, new)
    messages = errors_for(broken_pack_dir)
    assert any(expected in m and m.startswith(f"content/{file}: ") for m in messages), messages


def test_duplicate_id(broken_pack_dir):
    src = (broken_pack_dir / "exercises" / "neck.yaml").read_text(encoding="utf-8")
    (broken_pack_dir / "exercises" / "zz-copy.yaml").write_text(src, encoding="utf-8")
    messages = errors_for(broken_pack_dir)
    assert "content/exercises/neck.yaml" in messages[0] and "duplicate id" in messages[0]
    assert messages[0].startswith("content/exercises/zz-copy.yaml: exercises (chin-nod).id")


def test_empty_file(broken_pack_dir):
    (broken_pack_dir / "exercises" / "empty.yaml").write_text("", encoding="utf-8")
    assert errors_for(broken_pack_dir) == ["content/exercises/empty.yaml: file is empty"]


def test_file_of_several_megabytes_is_refused_without_parsing(broken_pack_dir):
    (broken_pack_dir / "topics" / "huge.yaml").write_text("topics:\n" + "# padding\n" * 400_000, encoding="utf-8")
    (message,) = errors_for(broken_pack_dir)
    assert message.startswith("content/topics/huge.yaml: file is 4,000,008 bytes")


def test_yaml_alias_bomb_is_refused(broken_pack_dir):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    (broken_pack_dir / "topics" / "bomb.yaml").write_text(bomb, encoding="utf-8")
    (message,) = errors_for(broken_pack_dir)
    assert message.startswith("content/topics/bomb.yaml: line 2")
    assert "aliases" in message


def test_non_utf8_bytes(broken_pack_dir):
    (broken_pack_dir / "topics" / "latin1.yaml").write_bytes("topics:\n  - id: caf\xe9\n".encode("latin-1"))
    (message,) = errors_for(broken_pack_dir)
    assert message.startswith("content/topics/latin1.yaml: not valid UTF-8")


def test_every_problem_is_reported_not_just_the_first(broken_pack_dir):
    edit(broken_pack_dir / "regions" / "neck.yaml", "    order: 1", "    order: first")
    (broken_pack_dir / "exercises" / "empty.yaml").write_text("", encoding="utf-8")
    assert len(errors_for(broken_pack_dir)) == 2


def test_check_command_exits_1_with_file_and_field(broken_pack_dir):
    edit(broken_pack_dir / "muscles" / "neck.yaml", "essential: [", "essential: [elbowz, ")
    run = subprocess.run([sys.executable, "-m", "bodymap", "--content", str(broken_pack_dir), "check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert "content/muscles/neck.yaml: muscles (upper-trapezius).referral.essential: unknown area id 'elbowz'" in run.stderr
    assert "Traceback" not in run.stderr


def test_check_command_passes_on_good_content():
    run = subprocess.run([sys.executable, "-m", "bodymap", "check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    regions = len(list((ROOT / "data" / "regions").glob("*.yaml")))
    assert run.stdout.startswith(f"OK: {regions} regions")


def test_content_dir_from_environment(broken_pack_dir, monkeypatch):
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(broken_pack_dir))
    assert list(load_content().regions) == ["neck"]


# --- study.yaml (optional): quiz structures and classic look-alike pairs --------------------

def write_study(pack, text: str) -> None:
    (pack / "study.yaml").write_text(text, encoding="utf-8")


def test_study_file_is_read(broken_pack_dir):
    write_study(broken_pack_dir, "safety_structures:\n  - name: Lung and pleura\n    terms: [lung*, pleura*]\n"
                      "classic_look_alikes:\n  - [upper-trapezius, upper-trapezius]\n")
    study = load_content(broken_pack_dir).study
    assert [s.name for s in study.safety_structures] == ["Lung and pleura"]
    assert study.classic_look_alikes == [("upper-trapezius", "upper-trapezius")]


def test_study_pair_naming_an_unknown_muscle(broken_pack_dir):
    write_study(broken_pack_dir, "classic_look_alikes:\n  - [upper-trapezius, levator-scapula]\n")
    assert errors_for(broken_pack_dir) == ["content/study.yaml: classic_look_alikes[0]: unknown muscle id 'levator-scapula'"]


def test_study_pair_of_three_muscles(broken_pack_dir):
    write_study(broken_pack_dir, "classic_look_alikes:\n  - [upper-trapezius, upper-trapezius, upper-trapezius]\n")
    (message,) = errors_for(broken_pack_dir)
    assert message.startswith("content/study.yaml: classic_look_alikes[0]:")


@pytest.mark.parametrize("term", ["lung|pleura", "(carotid)", "*lung", "lung**", ""])
def test_study_term_must_be_plain_words(broken_pack_dir, term):
    write_study(broken_pack_dir, f"safety_structures:\n  - name: Lung\n    terms: ['{term}']\n")
    assert errors_for(broken_pack_dir) == [f"content/study.yaml: safety_structures[0].terms: term {term!r} must be "
                                "plain words (letters, spaces, hyphens), optionally ending in * for any ending"]


def test_study_structure_names_are_unique(broken_pack_dir):
    write_study(broken_pack_dir, "safety_structures:\n  - name: Lung\n    terms: [lung]\n  - name: Lung\n    terms: [pleura]\n")
    (message,) = errors_for(broken_pack_dir)
    assert message.startswith("content/study.yaml: safety_structures:") and "'Lung'" in message
