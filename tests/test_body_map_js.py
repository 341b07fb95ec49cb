"""The map components' JavaScript (ui/body_map/*.js) under node, in a small DOM (jsdom).

The node tests (tests/js/body_map.test.mjs) get the real markup: an SVG drawn by
bodymap.render.body_svg and a button row from bodymap.choices.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from bodymap.render.body_svg import MapSpec, render_map
from bodymap.choices import render_choices
from bodymap.render.closeup_svg import live_closeups
from tests.conftest import ROOT

NODE = shutil.which("node")
JSDOM = ROOT / "tests" / "e2e" / "node_modules" / "jsdom"


def test_map_and_choice_row_scripts(tmp_path, content, geometry):
    if NODE is None or not JSDOM.exists():
        message = "node and jsdom are needed (scripts/test.sh installs them: npm ci --prefix tests/e2e)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    spec = MapSpec(regions=tuple((r.id, r.name, tuple(r.areas)) for r in content.regions.values()))
    (tmp_path / "map.svg").write_text(render_map(geometry, spec), encoding="utf-8")
    calf = [(m.id, m.name) for m in content.muscles_in("calf")]
    (tmp_path / "choices.html").write_text(render_choices("Muscles", calf, None), encoding="utf-8")
    (tmp_path / "choices-required.html").write_text(render_choices("Muscles", calf, None, required=True),
                                                    encoding="utf-8")
    # A live close-up of the calf with its muscle buttons (views/explorer.py's pair).
    live = live_closeups(geometry, content.regions["calf"].closeups, content.muscles_in("calf"), "right")
    (tmp_path / "live.json").write_text(json.dumps(live.data), encoding="utf-8")
    (tmp_path / "calf-trp.json").write_text(json.dumps({m.id: len(m.trigger_points) for m in content.muscles_in("calf")}),
                                            encoding="utf-8")
    result = subprocess.run(
        [NODE, "--test", "--test-reporter=spec", str(ROOT / "tests" / "js" / "body_map.test.mjs")],
        env={**os.environ, "BODYMAP_JS_FIXTURES": str(tmp_path)},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
