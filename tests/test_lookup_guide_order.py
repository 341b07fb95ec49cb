"""Pain-guide order for every area (second clinical review, D2-D4 and its section 4 table):
every area that a muscle refers to has a guide order with its source, the guide outranks the
essential/spillover split, and no area on the map returns a silent empty list."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from dataclasses import replace

import pytest

from bodymap.lookup import (NOT_COVERED, areas_nobody_refers_to, not_covered_line, rank_muscles, silent_area,
                            trigger_points_at)

ROOT = Path(__file__).resolve().parents[1]


def order(content, *areas):
    return [m.muscle.id for m in rank_muscles(content, list(areas), content.geometry)]


def test_every_area_a_muscle_refers_to_has_a_guide_place_with_its_source(content):
    unplaced = [(m.id, a) for m in content.muscles.values()
                for a in [*m.referral.essential, *m.referral.spillover] if a not in m.referral.pain_guide]
    assert not unplaced, unplaced
    unsourced = [m.id for m in content.muscles.values() if m.referral.pain_guide and not m.referral.pain_guide_sources]
    assert not unsourced, unsourced


def test_no_two_muscles_share_a_place_for_one_area(content):
    # One place per muscle in a guide's list: a shared place would fall back to the alphabet.
    shared = []
    for area, muscles in content.by_area.items():
        places = [m.referral.pain_guide[area] for m in {m.id: m for m in muscles}.values()]
        if len(places) != len(set(places)):
            shared.append(area)
    assert not shared, shared


# The review's section 4 table, as a clinician expects the top of each list.
@pytest.mark.parametrize("area, first", [
    ("temple", ["upper-trapezius", "sternocleidomastoid"]),
    ("lateral-epicondyle", ["supinator", "brachioradialis", "extensor-carpi-radialis-longus", "triceps"]),
    ("back-shoulder", ["deltoid", "levator-scapulae", "scalenes", "supraspinatus", "teres-major", "teres-minor"]),
    ("front-shoulder", ["infraspinatus", "deltoid", "scalenes", "supraspinatus", "pectoralis-major"]),
    ("buttock", ["gluteus-medius", "quadratus-lumborum", "gluteus-maximus", "iliocostalis-lumborum"]),
    # The foot's muscles slot into the heel list where the manual puts them.
    ("heel", ["soleus", "quadratus-plantae", "abductor-hallucis", "tibialis-posterior"]),
    ("foot-top", ["extensor-digitorum-brevis", "extensor-digitorum-longus", "extensor-hallucis-longus"]),
    ("arch", ["gastrocnemius"]),
    ("back-of-knee", ["gastrocnemius", "biceps-femoris", "popliteus"]),
    ("calf", ["gastrocnemius", "gluteus-minimus", "soleus"]),
    ("occiput", ["upper-trapezius"]),  # T&S #1 for back-of-head pain, though only spillover
    ("skull-base", ["suboccipitals", "semispinalis-capitis"]),
    ("medial-epicondyle", ["triceps", "pectoralis-major", "pectoralis-minor", "serratus-anterior"]),
    ("front-of-ankle", ["tibialis-anterior"]),
    ("big-toe", ["tibialis-anterior"]),
])
def test_the_review_table_top_of_each_list(content, area, first):
    assert order(content, area)[:len(first)] == first


def test_lumbar_starts_with_the_paraspinals_not_the_alphabet(content):
    ids = order(content, "lumbar")
    assert ids[0] in ("longissimus", "iliocostalis-lumborum", "multifidus")
    assert ids.index("iliopsoas") > ids.index("multifidus")
    assert all(m.guide_place is not None for m in rank_muscles(content, ["lumbar"], content.geometry))


def test_top_of_shoulder_and_shoulder_blade_give_the_guides_muscles(content):
    assert order(content, "upper-shoulder")[0] == "levator-scapulae"
    scapula = rank_muscles(content, ["scapula"], content.geometry)
    ids = [m.muscle.id for m in scapula]
    assert scapula[0].common_cause or scapula[0].guide_place <= 6  # a muscle the upper-back guide lists high
    assert ids.index("rhomboids") < ids.index("subscapularis")


def test_the_reason_still_names_the_zone(content):
    for match in rank_muscles(content, ["occiput"], content.geometry):
        zone = "essential zone" if match.essential else "spillover zone"
        assert match.reason.startswith(zone)


def test_no_area_on_the_map_is_silent(content):
    # Every area on the map either has muscles or is named in the not-covered line.
    geometry = content.geometry
    silent = []
    for area in geometry.base_areas:
        matches = rank_muscles(content, [area], geometry)
        nobody = areas_nobody_refers_to(content, [area], geometry)
        if not matches and nobody != [area]:
            silent.append(area)
    assert not silent, silent


def test_the_shipped_pack_answers_every_area(content):
    # Issue 24: at least 85 muscles, and every area returns a muscle. Serratus anterior's
    # spill reaches the armpit (a later manual, noted as a disagreement) and subclavius the
    # thumb. No reference the app cites draws a zone in the back fold of the armpit; it is
    # answered with the muscles whose trigger points sit there (said as such, not as
    # referral). Cover it with referral only with a sourced pattern, then drop it here.
    assert len(content.muscles) >= 85
    uncovered = {a for a in content.geometry.base_areas if not content.by_area.get(a)}
    assert uncovered == {"back-armpit"}, uncovered
    assert all(trigger_points_at(content, a) for a in uncovered)
    tender = [m.id for m in trigger_points_at(content, "back-armpit")]
    assert tender == ["latissimus-dorsi", "subscapularis", "teres-major"]
    assert order(content, "armpit") == ["serratus-anterior"]
    assert order(content, "thumb-front") == ["subclavius"]
    # the new muscles slot in after those the manuals' guide lists first
    front = order(content, "front-shoulder")
    assert front.index("pectoralis-minor") < front.index("coracobrachialis") < front.index("subclavius")


def test_the_cli_says_so_for_every_uncovered_area(content):
    geometry = content.geometry
    uncovered = [a for a in geometry.base_areas if not content.by_area.get(a)]
    if not uncovered:
        pytest.skip("every area on the map has a muscle now")
    done = subprocess.run([sys.executable, "-m", "bodymap", "lookup", *uncovered], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    for area in uncovered:
        assert silent_area(content, area, geometry).line in done.stdout.splitlines()


def test_a_silent_area_names_its_trigger_points_or_says_it_is_not_covered(content, minimal):
    armpit = silent_area(content, "back-armpit-right", content.geometry)
    assert armpit.line == (
        "Back of the armpit (right): no muscle in this app sends pain to this spot. But trigger points of "
        "Latissimus dorsi, Subscapularis and Teres major sit right here, and a trigger point hurts when it is pressed.")
    assert [m.id for m in armpit.tender] == ["latissimus-dorsi", "subscapularis", "teres-major"]
    bare = next(a for a in minimal.geometry.base_areas
                if not minimal.by_area.get(a) and not trigger_points_at(minimal, a))
    uncovered = silent_area(minimal, bare, minimal.geometry)
    assert uncovered.line == not_covered_line([minimal.geometry.base_areas[bare][0]])
    assert NOT_COVERED in uncovered.line and uncovered.tender == () and uncovered.citation == ""
    # The line is cited; a pack without that source still answers, uncited rather than broken.
    assert armpit.citation.startswith("Source: Simons DG et al. (1999)")
    unsourced = silent_area(replace(content, sources={}), "back-armpit-right", content.geometry)
    assert unsourced.line == armpit.line and unsourced.citation == ""


def test_not_covered_line_reads_plainly():
    assert not_covered_line(["Front of the knee"]) == (
        "Front of the knee: This app does not cover the muscles for this spot yet; your therapist can check it.")
