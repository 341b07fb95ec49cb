"""Pain area -> muscles: the ranking behind the pain finder and `python -m bodymap lookup`."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bodymap.content import load_content
from bodymap.geometry import load_geometry
from bodymap.lookup import (AreaQuery, UnknownAreaError, area_label, areas_nobody_refers_to,
                            close_area_ids, describe_match, explorer_query, pain_map_svg, parse_areas, rank_muscles,
                            )

PACK = Path(__file__).parent / "fixtures" / "study_pack"


@pytest.fixture(scope="module")
def pack():
    return load_content(PACK)


def ranked(matches):
    return [(m.muscle.id, m.side) for m in matches]


# --- essential before spillover -------------------------------------------------------------

def test_essential_zone_ranks_before_spillover_even_against_the_alphabet(pack):
    # Side of the shoulder: essential for supraspinatus, spillover for infraspinatus.
    matches = rank_muscles(pack, ["side-shoulder-right"])
    assert ranked(matches) == [("supraspinatus", "right"), ("infraspinatus", "right")]
    assert matches[0].essential == ("side-shoulder-right",) and matches[0].spillover == ()
    assert matches[1].essential == () and matches[1].spillover == ("side-shoulder-right",)
    assert matches[0].score > matches[1].score


def test_equal_matches_are_ordered_by_name(pack):
    # The calf is spillover for both gastrocnemius and soleus.
    assert ranked(rank_muscles(pack, ["calf-left"])) == [("gastrocnemius", "left"), ("soleus", "left")]


# --- several areas ---------------------------------------------------------------------

def test_covering_more_areas_beats_a_single_essential_hit(pack):
    areas = ["side-shoulder-right", "upper-arm-front-right", "forearm-front-right"]
    matches = rank_muscles(pack, areas)
    # Infraspinatus covers all three (as spillover); supraspinatus only one (essential).
    assert ranked(matches) == [("infraspinatus", "right"), ("supraspinatus", "right")]
    assert matches[0].covered == 3 and matches[1].covered == 1
    assert matches[0].spillover == tuple(areas)


def test_with_equal_coverage_more_essential_hits_come_first(pack):
    # Soleus: heel essential + calf spillover. Gastrocnemius: calf spillover + back of knee spillover.
    matches = rank_muscles(pack, ["heel-left", "calf-left", "back-of-knee-left"])
    assert ranked(matches) == [("soleus", "left"), ("gastrocnemius", "left")]
    assert (matches[0].covered, len(matches[0].essential)) == (2, 1)
    assert (matches[1].covered, len(matches[1].essential)) == (2, 0)


def test_repeated_areas_count_once(pack):
    assert rank_muscles(pack, ["temple-left", "temple-left"]) == rank_muscles(pack, ["temple-left"])


# --- left and right --------------------------------------------------------------------

def test_a_tap_on_one_side_matches_the_muscle_on_that_side(pack):
    left = rank_muscles(pack, ["temple-left"])
    assert ranked(left) == [("upper-trapezius", "left")]
    assert left[0].essential == ("temple-left",)
    assert ranked(rank_muscles(pack, ["temple-right"])) == [("upper-trapezius", "right")]


def test_areas_on_both_sides_are_never_added_up_across_sides(pack):
    matches = rank_muscles(pack, ["temple-left", "mastoid-right"])
    assert ranked(matches) == [("upper-trapezius", "left"), ("upper-trapezius", "right")]
    assert all(m.covered == 1 for m in matches)
    both = rank_muscles(pack, ["temple-left", "mastoid-left"])
    assert ranked(both) == [("upper-trapezius", "left")] and both[0].covered == 2


def test_base_ids_match_either_side(pack):
    matches = rank_muscles(pack, ["temple"])
    assert ranked(matches) == [("upper-trapezius", None)]
    assert matches[0].essential == ("temple",)


def test_a_base_id_counts_for_each_tapped_side(pack):
    matches = rank_muscles(pack, ["mastoid", "temple-left"])
    assert ranked(matches) == [("upper-trapezius", "left"), ("upper-trapezius", "right")]
    assert matches[0].essential == ("mastoid", "temple-left")
    assert matches[1].essential == ("mastoid",)


# --- odd input ------------------------------------------------------------------------

def test_an_area_nobody_refers_to_gives_no_matches_and_is_named(pack):
    assert rank_muscles(pack, ["knee-front-left"]) == []
    assert areas_nobody_refers_to(pack, ["knee-front-left", "temple-left"]) == ["knee-front-left"]


def test_unknown_ids_raise_with_close_matches(pack):
    with pytest.raises(UnknownAreaError) as info:
        rank_muscles(pack, ["templ", "temple-left", "elbw"])
    assert info.value.unknown == ["templ", "elbw"]
    assert "temple" in info.value.suggestions["templ"]
    assert "temple" in str(info.value)


def test_close_matches_also_search_the_labels():
    assert "calf" in close_area_ids("calves")
    assert "heel" in close_area_ids("Heel")


def test_empty_query_matches_nothing(pack):
    assert rank_muscles(pack, []) == []


def test_parse_accepts_area_queries_and_ignores_case():
    assert parse_areas(["Temple-Left", "heel"]) == [AreaQuery("temple", "left"), AreaQuery("heel")]
    assert rank_muscles(load_content(PACK), [AreaQuery("temple", "left")])[0].side == "left"


# --- properties over every area ---------------------------------------------------------

GEOMETRY = load_geometry()
INSTANCES = sorted(GEOMETRY.areas)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(INSTANCES), min_size=1, max_size=5, unique=True), st.randoms())
def test_ranking_is_complete_sorted_and_order_independent(chosen, rnd):
    pack = load_content(PACK)
    matches = rank_muscles(pack, chosen)
    keys = [(-m.covered, -len(m.essential), m.muscle.name) for m in matches]
    assert keys == sorted(keys)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    # Every muscle/side pair whose zone includes a chosen area is there, and nothing else.
    expected = set()
    for area in chosen:
        shape = GEOMETRY.areas[area]
        for m in pack.muscles.values():
            if shape.area in (*m.referral.essential, *m.referral.spillover):
                expected.add((m.id, shape.side))
    assert set(ranked(matches)) == expected
    shuffled = list(chosen)
    rnd.shuffle(shuffled)
    assert ranked(rank_muscles(pack, shuffled)) == ranked(matches)


# --- helpers for the page and the command line --------------------------------------------

def test_describe_match_names_region_and_zones(pack):
    line = describe_match(rank_muscles(pack, ["temple-left", "jaw-angle-left"])[0], pack)
    assert line == ("Upper trapezius (left) | region: Neck | essential: Temple (left) | "
                    "spillover: Angle of the jaw (left)")


def test_area_labels():
    assert area_label("temple-left") == "Temple (left)"
    assert area_label("temple") == "Temple"
    assert area_label("nowhere") == "nowhere"


def test_explorer_link_carries_region_muscle_and_side(pack):
    match = rank_muscles(pack, ["heel-left"])[0]
    assert explorer_query(match) == {"region": "calf", "muscle": "soleus", "side": "left"}
    assert "side" not in explorer_query(rank_muscles(pack, ["heel"])[0])


def test_pain_map_style_is_added_once():
    svg = pain_map_svg("<svg><style>.a{}</style><style>.b{}</style></svg>")
    assert svg.count("bm-selected") == 1 and svg.index("bm-selected") < svg.index(".b{}")


# --- stable clinical facts in the real content -------------------------------------------

@pytest.mark.parametrize(
    "area, muscle",
    [
        ("temple-right", "upper-trapezius"),
        ("front-shoulder-left", "infraspinatus"),
        ("lateral-epicondyle-right", "supinator"),
        ("heel-left", "soleus"),
        ("sole-right", "gastrocnemius"),
        ("lateral-hip-left", "gluteus-minimus"),
    ],
)
def test_real_content_lists_the_classic_muscle(content, area, muscle):
    matches = rank_muscles(content, [area])
    hit = [m for m in matches if m.muscle.id == muscle]
    assert hit, f"{muscle} should be listed for {area}"
    assert hit[0].essential == (area,), f"{area} should be in the essential zone of {muscle}"


def test_real_content_heel_pain_puts_soleus_first(content):
    assert rank_muscles(content, ["heel-left"])[0].muscle.id == "soleus"
