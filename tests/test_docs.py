"""The docs are checked against the code they describe (as datasette's test_docs.py does)."""
from __future__ import annotations

import re

from bodymap.geometry import VIEWS
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "content-guide.md"


def area_lines(geometry) -> list[str]:
    """The content guide's area list as it should read, one line per view."""
    return [
        f"- **{view} view**: " + ", ".join(
            f"`{area}` ({label})" for area, (label, area_view) in geometry.base_areas.items() if area_view == view)
        for view in (*VIEWS, "side")
    ]


def test_content_guide_lists_every_area_of_the_geometry(geometry):
    written = [line for line in GUIDE.read_text(encoding="utf-8").splitlines()
               if re.match(r"- \*\*\w+ view\*\*: ", line)]
    expected = area_lines(geometry)
    assert written == expected, "docs/content-guide.md's area list is out of date; it should read:\n" + "\n".join(expected)


README = ROOT / "README.md"


def readme_commands() -> list[str]:
    """Every shell command in the README's bash blocks, comments dropped."""
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [line.split(" #")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_start_line_makes_and_uses_a_virtual_environment():
    # Stock Debian/Ubuntu Python refuses `pip install` outside a virtual environment (PEP 668),
    # and the scripts the README names import the library, so the project itself is installed.
    start = readme_commands()[0]
    steps = [s.strip() for s in start.split("&&")]
    assert steps[0] == "python3 -m venv .venv", start
    assert ". .venv/bin/activate" in steps, start
    install = next(s for s in steps if s.startswith("pip install"))
    assert "-r requirements.txt" in install and install.endswith("-e ."), start
    assert steps.index(". .venv/bin/activate") < steps.index(install) < len(steps) - 1, start
    assert "streamlit run" in steps[-1], start


def test_every_script_the_readme_names_runs_from_the_checkout():
    import subprocess
    import sys

    named = sorted(set(re.findall(r"python3? (scripts/\w+\.py|-m [\w.]+)", README.read_text(encoding="utf-8"))))
    assert "scripts/exercise_sheet.py" in named
    for command in named:
        if "streamlit" in command:
            continue
        run = subprocess.run([sys.executable, *command.split(), "--help"], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, f"`python {command} --help` failed:\n{run.stderr[-2000:]}"
