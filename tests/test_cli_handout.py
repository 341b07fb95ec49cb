"""`python -m bodymap handout`: the same PDF from the command line, and clear refusals.

One test runs the command as a process, as a therapist would; the others call its `main`
in this process (the same argument parsing and messages, without a Python start each).
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from bodymap.__main__ import main
from tests.conftest import ROOT

pytestmark = pytest.mark.pdf  # the command builds whole handouts


def run_process(*args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bodymap", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **env})


def run(*args: str, unset: tuple[str, ...] = (), **env) -> subprocess.CompletedProcess:
    """The command's `main` with these arguments and environment: its exit code and output."""
    saved = {name: os.environ.get(name) for name in (*env, *unset)}
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.update(env)
        for name in unset:
            os.environ.pop(name, None)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse refusing an option
                code = exc.code
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["python", "-m", "bodymap", *args], code, out.getvalue(), err.getvalue())


def text_of(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_handout_command_writes_the_pdf(content, tmp_path):
    region = next(iter(content.regions.values()))
    muscle = content.muscles_in(region.id)[0]
    exercise = region.exercises[0]
    out = tmp_path / "handout.pdf"
    result = run_process("handout", "--region", region.id, "--muscle", muscle.id, "--exercise", exercise,
                         "--dosage", f"{exercise}=2x8h5d2w5", "--note", "See you <b>Tuesday</b> ☺ שלום",
                         "--paper", "Letter", "--date", "2026-03-09", "-o", str(out),
                         BODYMAP_BASE_URL="https://clinic.example")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert out.read_bytes().startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) <= 2
    assert abs(float(reader.pages[0].mediabox.height) - 792) < 1  # US Letter
    text = text_of(out)
    assert f"Dry needling handout: {region.name}" in text and "9 March 2026" in text
    assert muscle.name in text and content.exercises[exercise].name in text
    assert ("2 sets of 8. Hold each one for 5 seconds. Do this twice a day, on 5 days of the week. "
            "(set by your therapist)" in text)
    assert "See you <b>Tuesday</b>" in text
    printed = text.replace(" ", "")
    assert f"https://clinic.example/plan?region={region.id}&muscle={muscle.id}&ex={exercise}" in printed
    assert "&audience=patient" in printed and "Tuesday" not in printed.split("https://clinic.example/plan?")[1]


def test_default_exercises_are_the_regions_paired_ones(content, tmp_path):
    region = next(iter(content.regions.values()))
    out = tmp_path / "h.pdf"
    result = run("handout", "--region", region.id, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = text_of(out)
    assert all(content.exercises[e].name in text for e in region.exercises[:6])


def test_bad_ids_exit_1_naming_each(tmp_path):
    out = tmp_path / "never.pdf"
    result = run("handout", "--region", "no-such-region", "--muscle", "no-such-muscle", "--exercise", "nope",
                 "-o", str(out))
    assert result.returncode == 1
    assert "Unknown region 'no-such-region'" in result.stderr
    assert "Unknown muscle 'no-such-muscle'" in result.stderr
    assert "Unknown exercise 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_bad_note_and_options_are_refused_cleanly(content, tmp_path):
    region = next(iter(content.regions))
    out = tmp_path / "never.pdf"
    long_note = run("handout", "--region", region, "--note", "x" * 5000, "-o", str(out))
    assert long_note.returncode == 1 and "5,000 characters" in long_note.stderr
    control = run("handout", "--region", region, "--note", "bell\x07", "-o", str(out))
    assert control.returncode == 1 and "U+0007" in control.stderr
    dosage = run("handout", "--region", region, "--dosage", "no-equals-sign", "-o", str(out))
    assert dosage.returncode == 1 and "EXERCISE=DOSAGE" in dosage.stderr
    words = run("handout", "--region", region, "--dosage", f"{content.regions[region].exercises[0]}=twice daily",
                "-o", str(out))
    assert words.returncode == 1 and "3x10h5d2w7" in words.stderr
    date = run("handout", "--region", region, "--date", "yesterday", "-o", str(out))
    assert date.returncode == 1 and "YYYY-MM-DD" in date.stderr
    too_many = run("handout", "--region", region, *[a for e in list(content.exercises)[:7] for a in ("--exercise", e)],
                   "-o", str(out))
    assert too_many.returncode == 1 and "at most 6" in too_many.stderr
    assert not out.exists()


def test_a_handout_for_this_computer_only_warns(tmp_path):
    result = run("handout", "--region", "neck", "-o", str(tmp_path / "h.pdf"), unset=("BODYMAP_BASE_URL",))
    assert result.returncode == 0, result.stderr
    assert "only opens on this computer" in result.stderr and "BODYMAP_BASE_URL" in result.stderr


def test_a_public_address_gives_no_warning(tmp_path):
    result = run("handout", "--region", "neck", "-o", str(tmp_path / "h.pdf"), BODYMAP_BASE_URL="https://clinic.example")
    assert result.returncode == 0 and "Warning" not in result.stderr
