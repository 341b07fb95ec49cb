"""The map components' JavaScript (ui/body_map/*.js) under node, in a small DOM (jsdom).

The node tests (tests/js/body_map.test.mjs) get the real markup: an SVG drawn by
bodymap.render.body_svg and a button row from bodymap.choices. Node runs once; each of its
cases is a pytest test of its own, named "group > case" as in the script, so a failure
names the case. The cases are read from the script's `describe`/`test` calls (a name built
in a loop, `${...}`, stands for every case it makes), and a last test checks that node ran
exactly the cases read, so none is left unreported.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from bodymap.choices import render_choices
from bodymap.render.body_svg import MapSpec, render_map
from bodymap.render.closeup_svg import live_closeups
from tests.conftest import ROOT

NODE = shutil.which("node")
JSDOM = ROOT / "tests" / "node_modules" / "jsdom"  # tests/package.json
SCRIPT = ROOT / "tests" / "js" / "body_map.test.mjs"
_CALL = re.compile(r"^(?P<indent>[ \t]*)(?P<kind>describe|test)\((?P<quote>['\"`])(?P<name>.*?)(?P=quote)", re.M)


def script_cases() -> list[str]:
    """"group > case" for each `test(...)` in the script, in order (groups are the
    `describe(...)` calls at the left margin, as the script writes them)."""
    cases, group = [], ""
    for call in _CALL.finditer(SCRIPT.read_text(encoding="utf-8")):
        if call["kind"] == "describe" and not call["indent"]:
            group = call["name"]
        elif call["kind"] == "test":
            cases.append(f"{group} > {call['name']}" if group else call["name"])
    return cases


def _pattern(case: str) -> re.Pattern:
    return re.compile("".join(".+?" if part.startswith("${") else re.escape(part)
                              for part in re.split(r"(\$\{.*?\})", case)) + "$")


def parse_tap(text: str) -> dict[str, tuple[bool, str]]:
    """node's TAP report: "group > case" -> (passed, the report's lines about it)."""
    results: dict[str, tuple[bool, str]] = {}
    names: list[str] = []  # the open subtests, outermost first
    lines = text.splitlines()
    for i, line in enumerate(lines):
        depth = (len(line) - len(line.lstrip(" "))) // 4
        if m := re.match(r"\s*# Subtest: (.*)$", line):
            names[depth:] = [m[1]]
        elif m := re.match(r"\s*(not )?ok \d+ - (.*?)(?: # (?:SKIP|TODO).*)?$", line):
            path = names[:depth] + [m[2]]
            detail = []
            for after in lines[i + 1:]:
                if re.match(r"\s*(# Subtest:|(not )?ok \d+ )", after):
                    break
                detail.append(after)
            results[" > ".join(path)] = (m[1] is None, "\n".join(detail))
    return results


@pytest.fixture(scope="module")
def node_report(tmp_path_factory, content, geometry) -> dict[str, tuple[bool, str]]:
    if NODE is None or not JSDOM.exists():
        message = "node and jsdom are needed (scripts/test.sh installs them: npm ci --prefix tests)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    fixtures = tmp_path_factory.mktemp("js")
    spec = MapSpec(regions=tuple((r.id, r.name, tuple(r.areas)) for r in content.regions.values()))
    (fixtures / "map.svg").write_text(render_map(geometry, spec), encoding="utf-8")
    calf = [(m.id, m.name) for m in content.muscles_in("calf")]
    (fixtures / "choices.html").write_text(render_choices("Muscles", calf, None), encoding="utf-8")
    (fixtures / "choices-required.html").write_text(render_choices("Muscles", calf, None, required=True),
                                                    encoding="utf-8")
    # A live close-up of the calf with its muscle buttons (views/explorer.py's pair).
    live = live_closeups(geometry, content.regions["calf"].closeups, content.muscles_in("calf"), "right")
    (fixtures / "live.json").write_text(json.dumps(live.data), encoding="utf-8")
    (fixtures / "calf-trp.json").write_text(json.dumps({m.id: len(m.trigger_points) for m in content.muscles_in("calf")}),
                                            encoding="utf-8")
    run = subprocess.run([NODE, "--test", "--test-reporter=tap", str(SCRIPT)],
                         env={**os.environ, "BODYMAP_JS_FIXTURES": str(fixtures)},
                         capture_output=True, text=True, timeout=120)
    report = parse_tap(run.stdout)
    assert report, f"node reported no case:\n{run.stdout}\n{run.stderr}"
    return report


def _leaves(report: dict[str, tuple[bool, str]]) -> dict[str, tuple[bool, str]]:
    """The cases, without the groups that hold them."""
    return {name: result for name, result in report.items()
            if not any(other.startswith(name + " > ") for other in report)}


@pytest.mark.parametrize("case", script_cases())
def test_js(case, node_report):
    pattern = _pattern(case)
    ran = {name: result for name, result in _leaves(node_report).items() if pattern.match(name)}
    assert ran, f"node did not run {case!r}"
    failed = {name: detail for name, (passed, detail) in ran.items() if not passed}
    assert not failed, "\n\n".join(f"{name}\n{detail}" for name, detail in failed.items())


def test_node_ran_exactly_the_cases_of_the_script(node_report):
    patterns = [_pattern(case) for case in script_cases()]
    unread = [name for name in _leaves(node_report) if not any(p.match(name) for p in patterns)]
    assert unread == [], "cases the script's calls do not show (a name built another way?)"


def test_the_tap_report_is_read_by_case():
    report = parse_tap("""TAP version 13
# Subtest: body map
    # Subtest: a press marks it
    ok 1 - a press marks it
      ---
      duration_ms: 1.5
      ...
    # Subtest: the Enter key presses
    not ok 2 - the Enter key presses
      ---
      error: 'Expected values to be strictly equal'
      ...
    1..2
not ok 1 - body map
""")
    assert report["body map > a press marks it"][0] is True
    assert report["body map > the Enter key presses"][0] is False
    assert "strictly equal" in report["body map > the Enter key presses"][1]
    assert list(_leaves(report)) == ["body map > a press marks it", "body map > the Enter key presses"]
    assert _pattern("body map > the ${k} key presses").match("body map > the Enter key presses")
