"""Pain area -> muscles: the ranking behind the pain finder and `python -m bodymap lookup`."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bodymap.content import load_content
from bodymap.geometry import load_geometry
from bodymap.lookup import (AreaQuery, UnknownAreaError, area_label, areas_nobody_refers_to,
                            close_area_ids, describe_match, explorer_query, parse_areas, rank_muscles,
                            regions_concerned)




def ranked(matches):
    return [(m.muscle.id, m.side) for m in matches]


# --- essential before spillover -------------------------------------------------------------

def test_essential_zone_ranks_before_spillover_even_against_the_alphabet(study_pack):
    # Side of the shoulder: essential for supraspinatus, spillover for infraspinatus.
    matches = rank_muscles(study_pack, ["side-shoulder-right"], study_pack.geometry)
    assert ranked(matches) == [("supraspinatus", "right"), ("infraspinatus", "right")]
    assert matches[0].essential == ("side-shoulder-right",) and matches[0].spillover == ()
    assert matches[1].essential == () and matches[1].spillover == ("side-shoulder-right",)
    assert matches[0].score > matches[1].score


def test_equal_matches_are_ordered_by_name(study_pack):
    # The calf is spillover for both gastrocnemius and soleus.
    assert ranked(rank_muscles(study_pack, ["calf-left"], study_pack.geometry)) == [("gastrocnemius", "left"), ("soleus", "left")]


# --- several areas ---------------------------------------------------------------------

def test_covering_more_areas_beats_a_single_essential_hit(study_pack):
    areas = ["side-shoulder-right", "upper-arm-front-right", "forearm-front-right"]
    matches = rank_muscles(study_pack, areas, study_pack.geometry)
    # Infraspinatus covers all three (as spillover); supraspinatus only one (essential).
    assert ranked(matches) == [("infraspinatus", "right"), ("supraspinatus", "right")]
    assert matches[0].covered == 3 and matches[1].covered == 1
    assert matches[0].spillover == tuple(areas)


def test_with_equal_coverage_more_essential_hits_come_first(study_pack):
    # Soleus: heel essential + calf spillover. Gastrocnemius: calf spillover + back of knee spillover.
    matches = rank_muscles(study_pack, ["heel-left", "calf-left", "back-of-knee-left"], study_pack.geometry)
    assert ranked(matches) == [("soleus", "left"), ("gastrocnemius", "left")]
    assert (matches[0].covered, len(matches[0].essential)) == (2, 1)
    assert (matches[1].covered, len(matches[1].essential)) == (2, 0)


def test_repeated_areas_count_once(study_pack):
    assert rank_muscles(study_pack, ["temple-left", "temple-left"], study_pack.geometry) == rank_muscles(study_pack, ["temple-left"], study_pack.geometry)


# --- left and right --------------------------------------------------------------------

def test_a_tap_on_one_side_matches_the_muscle_on_that_side(study_pack):
    left = rank_muscles(study_pack, ["temple-left"], study_pack.geometry)
    assert ranked(left) == [("upper-trapezius", "left")]
    assert left[0].essential == ("temple-left",)
    assert ranked(rank_muscles(study_pack, ["temple-right"], study_pack.geometry)) == [("upper-trapezius", "right")]


def test_areas_on_both_sides_are_never_added_up_across_sides(study_pack):
    matches = rank_muscles(study_pack, ["temple-left", "mastoid-right"], study_pack.geometry)
    assert ranked(matches) == [("upper-trapezius", "left"), ("upper-trapezius", "right")]
    assert all(m.covered == 1 for m in matches)
    both = rank_muscles(study_pack, ["temple-left", "mastoid-left"], study_pack.geometry)
    assert ranked(both) == [("upper-trapezius", "left")] and both[0].covered == 2


def test_base_ids_match_either_side(study_pack):
    matches = rank_muscles(study_pack, ["temple"], study_pack.geometry)
    assert ranked(matches) == [("upper-trapezius", None)]
    assert matches[0].essential == ("temple",)


def test_a_base_id_counts_for_each_tapped_side(study_pack):
    matches = rank_muscles(study_pack, ["mastoid", "temple-left"], study_pack.geometry)
    assert ranked(matches) == [("upper-trapezius", "left"), ("upper-trapezius", "right")]
    assert matches[0].essential == ("mastoid", "temple-left")
    assert matches[1].essential == ("mastoid",)


# --- odd input ------------------------------------------------------------------------

def test_an_area_nobody_refers_to_gives_no_matches_and_is_named(study_pack):
    assert rank_muscles(study_pack, ["knee-front-left"], study_pack.geometry) == []
    assert areas_nobody_refers_to(study_pack, ["knee-front-left", "temple-left"], study_pack.geometry) == ["knee-front-left"]


def test_unknown_ids_raise_with_close_matches(study_pack):
    with pytest.raises(UnknownAreaError) as info:
        rank_muscles(study_pack, ["templ", "temple-left", "elbw"], study_pack.geometry)
    assert info.value.unknown == ["templ", "elbw"]
    assert "temple" in info.value.suggestions["templ"]
    assert "temple" in str(info.value)


def test_close_matches_also_search_the_labels(geometry):
    assert "calf" in close_area_ids("calves", geometry)
    assert "heel" in close_area_ids("Heel", geometry)


def test_empty_query_matches_nothing(study_pack):
    assert rank_muscles(study_pack, [], study_pack.geometry) == []


def test_parse_accepts_area_queries_and_ignores_case(study_pack, geometry):
    assert parse_areas(["Temple-Left", "heel"], geometry) == [AreaQuery("temple", "left"), AreaQuery("heel")]
    assert rank_muscles(study_pack, [AreaQuery("temple", "left")], geometry)[0].side == "left"


# --- properties over every area ---------------------------------------------------------

INSTANCES = sorted(load_geometry().areas)  # hypothesis draws from them when the module loads


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(INSTANCES), min_size=1, max_size=5, unique=True), st.randoms())
def test_ranking_is_complete_sorted_and_order_independent(study_pack, geometry, chosen, rnd):
    matches = rank_muscles(study_pack, chosen, study_pack.geometry)
    keys = [(-m.covered, -len(m.essential), m.muscle.name) for m in matches]
    assert keys == sorted(keys)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    # Every muscle/side pair whose zone includes a chosen area is there, and nothing else.
    expected = set()
    for area in chosen:
        shape = geometry.areas[area]
        for m in study_pack.muscles.values():
            if shape.area in (*m.referral.essential, *m.referral.spillover):
                expected.add((m.id, shape.side))
    assert set(ranked(matches)) == expected
    shuffled = list(chosen)
    rnd.shuffle(shuffled)
    assert ranked(rank_muscles(study_pack, shuffled, study_pack.geometry)) == ranked(matches)


# --- helpers for the page and the command line --------------------------------------------

def test_describe_match_names_region_and_zones(study_pack):
    line = describe_match(rank_muscles(study_pack, ["temple-left", "jaw-angle-left"], study_pack.geometry)[0], study_pack, study_pack.geometry)
    assert line == ("Upper trapezius (left) | region: Neck | essential: Temple (left) | "
                    "spillover: Angle of the jaw (left) | why: essential zone")


def test_area_labels(geometry):
    assert area_label("temple-left", geometry) == "Temple (left)"
    assert area_label("temple", geometry) == "Temple"
    assert area_label("nowhere", geometry) == "nowhere"


def test_explorer_link_carries_region_muscle_and_side(study_pack):
    match = rank_muscles(study_pack, ["heel-left"], study_pack.geometry)[0]
    assert explorer_query(match) == {"region": "calf", "muscle": "soleus", "side": "left"}
    assert "side" not in explorer_query(rank_muscles(study_pack, ["heel"], study_pack.geometry)[0])




# --- stable clinical facts in the real content -------------------------------------------

@pytest.mark.parametrize(
    "area, muscle",
    [
        ("temple-right", "upper-trapezius"),
        ("front-shoulder-left", "infraspinatus"),
        ("lateral-epicondyle-right", "supinator"),
        ("heel-left", "soleus"),
        ("arch-right", "gastrocnemius"),
        ("lateral-hip-left", "gluteus-minimus"),
    ],
)
def test_real_content_lists_the_classic_muscle(content, area, muscle):
    matches = rank_muscles(content, [area], content.geometry)
    hit = [m for m in matches if m.muscle.id == muscle]
    assert hit, f"{muscle} should be listed for {area}"
    assert hit[0].essential == (area,), f"{area} should be in the essential zone of {muscle}"


def test_real_content_heel_pain_puts_soleus_first(content):
    assert rank_muscles(content, ["heel-left"], content.geometry)[0].muscle.id == "soleus"


# --- the pain guides' order (referral.pain_guide) -------------------------------------------

@pytest.mark.parametrize(
    "area, first",
    [
        ("temple-right", "upper-trapezius"),  # not semispinalis capitis, which only wins on the alphabet
        ("heel-left", "soleus"),
        ("front-shoulder-left", "infraspinatus"),
        ("back-shoulder-right", "deltoid"),
        ("thumb-web-left", "supinator"),
        ("calf-right", "gastrocnemius"),
        ("lateral-ankle-left", "peroneus-longus"),
        ("buttock-left", "gluteus-medius"),
        ("wrist-back-right", "extensor-carpi-radialis-brevis"),
        ("knee-front-right", "rectus-femoris"),
        ("lateral-knee-left", "vastus-lateralis"),
        ("groin-right", "adductor-longus"),
        ("jaw-joint-right", "lateral-pterygoid"),
        ("mid-back-left", "iliocostalis-thoracis"),
        ("upper-abdomen-right", "rectus-abdominis"),
        ("side-waist-right", "abdominal-obliques"),
        ("foot-top-right", "extensor-digitorum-brevis"),
    ],
)
def test_the_classic_answer_comes_first(content, area, first):
    assert rank_muscles(content, [area], content.geometry)[0].muscle.id == first


def test_lateral_epicondyle_puts_the_three_classic_muscles_first(content):
    top = [m.muscle.id for m in rank_muscles(content, ["lateral-epicondyle-right"], content.geometry)[:3]]
    assert top == ["supinator", "brachioradialis", "extensor-carpi-radialis-longus"]


def test_biceps_femoris_follows_gastrocnemius_behind_the_knee(content):
    top = [m.muscle.id for m in rank_muscles(content, ["back-of-knee-right"], content.geometry)[:2]]
    assert top == ["gastrocnemius", "biceps-femoris"]
    # The back of the thigh: gluteus minimus, then the medial hamstrings, as in the pain guide.
    top = [m.muscle.id for m in rank_muscles(content, ["back-thigh-upper-left"], content.geometry)[:2]]
    assert top == ["gluteus-minimus", "medial-hamstrings"]


def test_the_guide_order_outranks_the_essential_zone(content):
    matches = rank_muscles(content, ["temple-left"], content.geometry)
    ids = [m.muscle.id for m in matches]
    # SCM is #2 in the temple guide but only spillover there; semispinalis capitis is essential
    # but #6: the guide's order wins, and the reason still names the zone.
    assert ids[:2] == ["upper-trapezius", "sternocleidomastoid"]
    assert ids.index("sternocleidomastoid") < ids.index("semispinalis-capitis")
    scm = matches[1]
    assert scm.reason == "spillover zone, common cause"


def test_muscles_the_guides_do_not_list_come_after_those_they_do(content):
    matches = [m for m in rank_muscles(content, ["lateral-epicondyle-left"], content.geometry) if m.essential]
    places = [m.guide_place for m in matches]
    listed = [p for p in places if p is not None]
    assert places[:len(listed)] == sorted(listed)


@pytest.mark.parametrize(
    "area, muscle, reason",
    [
        ("temple-right", "upper-trapezius", "essential zone, common cause"),
        ("temple-right", "semispinalis-capitis", "essential zone, less common cause"),
        ("temple-right", "sternocleidomastoid", "spillover zone, common cause"),
        ("back-of-knee-left", "popliteus", "essential zone, common cause"),
    ],
)
def test_each_match_says_why_it_is_there(content, area, muscle, reason):
    match = next(m for m in rank_muscles(content, [area], content.geometry) if m.muscle.id == muscle)
    assert match.reason == reason


def test_reason_without_a_guide_place_names_only_the_zone(study_pack):
    assert [m.reason for m in rank_muscles(study_pack, ["side-shoulder-right"], study_pack.geometry)] == ["essential zone", "spillover zone"]


# --- upper-thigh patterns stop at mid-thigh ---------------------------------------------------

@pytest.mark.parametrize("muscle", ["gluteus-medius", "piriformis", "quadratus-lumborum", "iliopsoas"])
def test_upper_thigh_patterns_do_not_reach_the_lower_thigh(content, muscle):
    lower = {"back-thigh-lower", "lateral-thigh-lower", "front-thigh-lower"}
    zone = content.muscles[muscle].referral
    assert not lower & set(zone.essential + zone.spillover)


def test_lower_back_of_thigh_finds_gluteus_minimus_not_piriformis(content):
    ids = [m.muscle.id for m in rank_muscles(content, ["back-thigh-lower-left"], content.geometry)]
    assert ids[0] == "gluteus-minimus" and "piriformis" not in ids and "gluteus-medius" not in ids


def test_red_flags_follow_the_regions_of_the_areas_and_the_best_matches(content):
    matches = rank_muscles(content, ["temple-right"], content.geometry)
    assert regions_concerned(content, matches, ["temple-right"]) == ["head-jaw", "neck"]
    assert regions_concerned(content, rank_muscles(content, ["calf-left"], content.geometry), ["calf-left"])[0] == "calf"


# --- the area index gives what a scan over every muscle gives ---------------------------------

@pytest.fixture(scope="module")
def generated_pack(tmp_path_factory):
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "make_pack.py"
    spec = importlib.util.spec_from_file_location("make_pack", script)
    make_pack = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_pack)
    out = tmp_path_factory.mktemp("pack") / "generated"
    make_pack.make_pack(out, regions=30, muscles=300, seed=5)
    return load_content(out)


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_the_area_index_finds_what_a_scan_of_every_muscle_finds(which, content, generated_pack):
    """rank_muscles ranks only the muscles the index gives for the chosen areas: they must be
    exactly those a scan over every muscle finds, in content order."""
    import random

    pack = content if which == "shipped" else generated_pack
    geometry = pack.geometry
    sided, base = sorted(geometry.areas), sorted(geometry.base_areas)
    rng = random.Random(13)
    choices = [[a] for a in base] + [rng.sample(base, rng.randint(2, 6)) for _ in range(300)]
    found = 0
    for chosen in choices:
        scan = [m for m in pack.muscles.values() if set(chosen) & {*m.referral.essential, *m.referral.spillover}]
        assert pack.muscles_referring_to(chosen) == scan, chosen
        found += len(scan)
    assert found > len(choices)  # the choices found muscles, so the comparison means something
    referred = {a for m in pack.muscles.values() for a in (*m.referral.essential, *m.referral.spillover)}
    assert areas_nobody_refers_to(pack, sided, geometry) == [a for a in sided if geometry.areas[a].area not in referred]
