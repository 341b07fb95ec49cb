"""Every kind of broken content folder: `check` exits 1 naming the file and field, and the app
shows a readable error page (no traceback, and none of the content half-loaded).

tests/test_content_validation.py checks the exact messages; this file checks what a person
running the command or opening the app sees, once for each kind of breakage.
"""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_text import shown_text
from tests.conftest import ROOT


def _edit(pack: Path, file: str, old: str, new: str) -> None:
    path = pack / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_palpation(pack: Path) -> None:
    path = pack / "muscles" / "neck.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("    palpation:")] + text[text.index("    needling_safety:"):], encoding="utf-8")


def _alias_bomb(pack: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    (pack / "topics" / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# kind -> (how to break the minimal pack, the file named, the field or problem named)
BREAKAGES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "yaml-syntax-error": (
        lambda p: _edit(p, "muscles/neck.yaml", "  - id: upper-trapezius", "  - id: [upper-trapezius"),
        "content/muscles/neck.yaml", "YAML syntax error"),
    "missing-required-field": (
        _drop_palpation, "content/muscles/neck.yaml", "muscles[0] (upper-trapezius).palpation"),
    "wrong-type": (
        lambda p: _edit(p, "regions/neck.yaml", "    order: 1", "    order: first"),
        "content/regions/neck.yaml", "regions[0] (neck).order"),
    "unknown-area": (
        lambda p: _edit(p, "muscles/neck.yaml", "essential: [", "essential: [elbowz, "),
        "content/muscles/neck.yaml", "muscles (upper-trapezius).referral.essential: unknown area id 'elbowz'"),
    "unknown-source": (
        lambda p: _edit(p, "muscles/neck.yaml", "    sources: [ts-vol1-1999, donnelly",
                      "    sources: [nobody-2031, ts-vol1-1999, donnelly"),
        "content/muscles/neck.yaml", "muscles (upper-trapezius).sources: unknown source id 'nobody-2031'"),
    "unknown-exercise": (
        lambda p: _edit(p, "regions/neck.yaml", "exercises: [", "exercises: [handstand, "),
        "content/regions/neck.yaml", "regions (neck).exercises: unknown exercise id 'handstand'"),
    "unknown-region": (
        lambda p: _edit(p, "muscles/neck.yaml", "region: neck", "region: knee"),
        "content/muscles/neck.yaml", "muscles (upper-trapezius).region: unknown region id 'knee'"),
    "duplicate-id": (
        lambda p: (p / "exercises" / "zz-copy.yaml").write_text(
            (p / "exercises" / "neck.yaml").read_text(encoding="utf-8"), encoding="utf-8"),
        "content/exercises/zz-copy.yaml", "exercises (chin-nod).id: duplicate id"),
    "empty-file": (
        lambda p: (p / "exercises" / "empty.yaml").write_text("", encoding="utf-8"),
        "content/exercises/empty.yaml", "file is empty"),
    "file-of-several-mb": (
        lambda p: (p / "topics" / "huge.yaml").write_text("topics:\n" + "# padding\n" * 400_000, encoding="utf-8"),
        "content/topics/huge.yaml", "file is 4,000,008 bytes"),
    "yaml-alias-bomb": (
        _alias_bomb, "content/topics/bomb.yaml", "aliases"),
    "non-utf8-bytes": (
        lambda p: (p / "topics" / "latin1.yaml").write_bytes("topics:\n  - id: caf\xe9\n".encode("latin-1")),
        "content/topics/latin1.yaml", "not valid UTF-8"),
}
KINDS = list(BREAKAGES)
PAGES = ["views/learn.py", "views/pain_finder.py", "views/study.py", "views/handout.py", "views/sources.py"]


@pytest.fixture(params=KINDS)
def broken(request, broken_pack_dir) -> tuple[Path, str, str]:
    breakage, file, field = BREAKAGES[request.param]
    breakage(broken_pack_dir)
    return broken_pack_dir, file, field


def content_markers(minimal) -> list[str]:
    """Text that only appears when the pack's content is shown."""
    return [
        *(r.name for r in minimal.regions.values()),
        *(m.name for m in minimal.muscles.values()),
        *(e.name for e in minimal.exercises.values()),
        *(t.title for t in minimal.topics.values()),
        *(s.title for s in minimal.sources.values()),
        minimal.safety.disclaimer,
        minimal.safety.red_flags[0],
    ]


def test_check_exits_1_naming_file_and_field(broken):
    broken_pack_dir, file, field = broken
    run = subprocess.run([sys.executable, "-m", "bodymap", "--content", str(broken_pack_dir), "check"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    problems = [line.strip() for line in run.stderr.splitlines() if line.strip().startswith(file)]
    assert any(field in line for line in problems), run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert not run.stdout.startswith("OK")


def test_app_shows_a_readable_error_page_and_no_content(broken, monkeypatch, minimal):
    broken_pack_dir, file, field = broken
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(broken_pack_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    assert at.error and "could not be loaded" in at.error[0].value
    listed = at.code[0].value
    assert any(line.startswith(file) and field in line for line in listed.splitlines()), listed
    assert not at.title and not at.header and not at.subheader, "page content was drawn after the error"
    text = shown_text(at)
    assert "Traceback" not in text
    leaked = [m for m in content_markers(minimal) if m in text]
    assert not leaked, f"half-loaded content shown: {leaked}"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_error_page(page, broken_pack_dir, monkeypatch, minimal):
    _edit(broken_pack_dir, "muscles/neck.yaml", "essential: [", "essential: [elbowz, ")
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(broken_pack_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    assert at.error and "could not be loaded" in at.error[0].value
    assert "content/muscles/neck.yaml: muscles (upper-trapezius).referral.essential" in at.code[0].value
    assert not at.title and not at.header and not at.subheader
    text = shown_text(at)
    assert not [m for m in content_markers(minimal) if m in text]


@pytest.mark.parametrize("text", [
    "See [this](data:text/html,<script>alert(1)</script>).",
    "See [this]( javascript:alert(1) ).",
    "See [this][r].\n\n[r]: data:application/octet-stream;base64,AAAA",
    "See <data:text/html,x>.",
    "See [this](DATA:text/plain,x).",
])
def test_links_other_than_web_and_mail_are_refused_naming_the_scheme(text):
    from pydantic import ValidationError

    from bodymap.model import AudienceText

    with pytest.raises(ValidationError, match=r"a link to (data|javascript|DATA): is not allowed"):
        AudienceText(patient=text, clinician="x", student="x")


def test_web_and_mail_links_are_kept():
    from bodymap.model import AudienceText

    text = "See [NHS](https://www.nhs.uk), <https://example.org/a:b> or [mail](mailto:a@example.org)."
    assert AudienceText(patient=text, clinician=text, student=text).patient == text
