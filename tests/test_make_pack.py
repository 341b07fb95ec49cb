"""scripts/make_pack.py writes a valid content pack with its own geometry, which the
command line and the explorer both accept (the benchmarks' large pack, in small)."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from bodymap.content import load_content
from bodymap.geometry import load_geometry
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("make_pack", ROOT / "scripts" / "make_pack.py")
make_pack = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_pack)

REGIONS, MUSCLES = 8, 40


def digest(folder) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.yaml")):
        h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small_pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "small"
    make_pack.make_pack(out, regions=REGIONS, muscles=MUSCLES, seed=3)
    return out


def cli(*args: str, content=None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"BODYMAP_CONTENT_DIR": str(content)} if content else {})}
    return subprocess.run([sys.executable, "-m", "bodymap", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_the_pack_passes_check(small_pack):
    result = cli("--content", str(small_pack), "check")
    assert result.returncode == 0, result.stderr
    assert f"OK: {REGIONS} regions, {MUSCLES} muscles" in result.stdout


def test_the_pack_is_deterministic_and_synthetic(small_pack, tmp_path):
    again = tmp_path / "again"
    make_pack.make_pack(again, regions=REGIONS, muscles=MUSCLES, seed=3)
    assert digest(again) == digest(small_pack)
    content = load_content(small_pack)
    assert all(m.name.startswith("Synthetic muscle ") for m in content.muscles.values())
    assert all(r.name.startswith("Synthetic region ") for r in content.regions.values())


def test_every_region_owns_its_own_areas_of_the_pack_geometry(small_pack):
    content = load_content(small_pack)
    geometry = load_geometry(small_pack / "geometry.yaml")
    spec = yaml.safe_load((small_pack / "geometry.yaml").read_text())
    shipped = yaml.safe_load((ROOT / "assets" / "body_geometry.yaml").read_text())
    assert spec["parts"] == shipped["parts"] and spec["details"] == shipped["details"]
    owned = [a for r in content.regions.values() for a in r.areas]
    assert len(owned) == len(set(owned)) == len(geometry.base_areas)
    assert all(r.areas for r in content.regions.values())
    assert len(geometry.areas) == 2 * len(geometry.base_areas)


def test_the_explorer_renders_a_region_and_a_muscle_of_the_pack(small_pack, monkeypatch):
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(small_pack))
    content = load_content(small_pack)
    muscle = list(content.muscles.values())[-1]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["muscle"] = muscle.id
    at.run()
    assert not at.exception
    assert at.header[0].value == content.regions[muscle.region].name
    assert muscle.name in [s.value for s in at.subheader]


def test_lookup_works_on_the_pack(small_pack):
    content = load_content(small_pack)
    muscle = next(iter(content.muscles.values()))
    area = muscle.referral.essential[0]
    result = cli("lookup", f"{area}-left", content=small_pack)
    assert result.returncode == 0, result.stderr
    assert f"{muscle.name} (left)" in result.stdout
