"""`python -m bodymap lookup AREA...`: one muscle per line, best first, same ranking as the page."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bodymap.__main__ import main
from bodymap.content import load_content
from bodymap.lookup import rank_muscles

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "tests" / "fixtures" / "study_pack"


def run(capsys, *args):
    code = main(["--content", str(PACK), "lookup", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_prints_one_line_per_muscle_best_first(capsys):
    code, out, err = run(capsys, "side-shoulder", "upper-arm-front", "forearm-front")
    assert code == 0 and err == ""
    assert out.splitlines() == [
        ("Infraspinatus | region: Shoulder | spillover: Side of the shoulder, Front and outer upper arm, "
         "Front of the forearm | why: spillover zone"),
        "Supraspinatus | region: Shoulder | essential: Side of the shoulder | why: essential zone",
    ]


def test_uses_the_same_ranking_as_the_page(capsys):
    areas = ["heel-left", "calf-left", "back-of-knee-left", "calf-right"]
    code, out, _ = run(capsys, *areas)
    names = [line.split(" | ")[0] for line in out.splitlines()]
    pack = load_content(PACK)
    assert names == [f"{m.muscle.name} ({m.side})" for m in rank_muscles(pack, areas, pack.geometry)]
    assert names[0] == "Soleus (left)"


def test_unknown_area_exits_1_and_suggests_close_ids(capsys):
    code, out, err = run(capsys, "temple", "shin-splint")
    assert code == 1 and out == ""
    assert "Unknown area 'shin-splint'" in err and "shin" in err


def test_an_area_no_muscle_refers_to_is_said_plainly(capsys):
    code, out, _ = run(capsys, "knee-front")
    assert code == 0
    assert out.strip() == ("Front of the knee: This app does not cover the muscles for this spot yet; "
                           "your therapist can check it.")


def test_partly_silent_query_lists_matches_and_notes_the_rest(capsys):
    code, out, err = run(capsys, "knee-front", "heel")
    assert code == 0 and out.splitlines()[0].startswith("Soleus")
    assert "Front of the knee: This app does not cover the muscles for this spot yet" in err


def test_real_content_from_the_command_line():
    done = subprocess.run([sys.executable, "-m", "bodymap", "lookup", "temple"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first == "Upper trapezius | region: Neck | essential: Temple | why: essential zone, common cause"


# The regions added beyond the first five: an area each, a muscle of that region the command
# must name for it, and the region's name as the command prints it.
NEW_REGION_LOOKUPS = {
    "head-jaw": ("jaw-angle", "Masseter", "Head and jaw"),
    "upper-back": ("mid-back", "Iliocostalis thoracis", "Upper back and chest wall"),
    "hip-thigh": ("knee-front", "Rectus femoris", "Hip and thigh"),
    "foot": ("foot-top", "Extensor digitorum longus", "Foot"),
}


@pytest.mark.parametrize("region", NEW_REGION_LOOKUPS)
def test_lookup_names_a_muscle_of_each_new_region(region):
    area, muscle, region_name = NEW_REGION_LOOKUPS[region]
    done = subprocess.run([sys.executable, "-m", "bodymap", "lookup", area], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "does not cover" not in done.stderr
    assert any(line.startswith(f"{muscle} | region: {region_name} | essential: ") for line in done.stdout.splitlines()), \
        done.stdout
