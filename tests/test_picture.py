"""The picture model: what every renderer draws for a muscle, which views it needs, where to focus."""
from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.content import load_content
from bodymap.geometry import VIEWS, load_geometry
from bodymap.picture import Overlay, combined_overlay, focus_band, muscle_overlay, views_used

PACK = Path(__file__).parent / "fixtures" / "study_pack"
GEOMETRY = load_geometry()
WHOLE = (-1000.0, 1000.0)  # limits that never cut the band


@pytest.fixture(scope="module")
def pack():
    return load_content(PACK)


def area_ys(iid: str) -> list[float]:
    return [y for ring in GEOMETRY.areas[iid].rings for _, y in ring]


# --- overlays -------------------------------------------------------------------------------

@pytest.mark.parametrize("side", ["left", "right"])
def test_muscle_overlay_draws_the_zone_on_the_muscles_side(pack, side):
    overlay = muscle_overlay(GEOMETRY, pack.muscles["upper-trapezius"], side)
    assert overlay.essential == {f"posterior-neck-{side}", f"mastoid-{side}", f"temple-{side}"}
    assert overlay.spillover == {f"jaw-angle-{side}", f"occiput-{side}"}
    assert f"({side} side)" in overlay.caption


def test_muscle_overlay_labels_each_trigger_point_with_the_muscle(pack):
    trap = pack.muscles["upper-trapezius"]
    points = muscle_overlay(GEOMETRY, trap).trigger_points
    assert len(points) == len(trap.trigger_points)
    assert points[0][3] == f"Trigger point 1 of Upper trapezius: {trap.trigger_points[0].description}"


def test_combined_overlay_draws_an_area_essential_for_one_muscle_as_essential(pack):
    both = combined_overlay(GEOMETRY, [pack.muscles["infraspinatus"], pack.muscles["supraspinatus"]])
    assert "side-shoulder-right" in both.essential  # supraspinatus: essential; infraspinatus: spillover
    assert "side-shoulder-right" not in both.spillover


def test_combined_overlay_keeps_every_muscles_trigger_points_and_names(pack):
    muscles = [pack.muscles["infraspinatus"], pack.muscles["supraspinatus"]]
    both = combined_overlay(GEOMETRY, muscles, "left")
    assert len(both.trigger_points) == sum(len(m.trigger_points) for m in muscles)
    assert both.caption.startswith("Infraspinatus, Supraspinatus (left side)")


def test_combined_overlay_of_no_muscles_is_empty():
    assert combined_overlay(GEOMETRY, []) == Overlay() and Overlay().empty


# --- views used ---------------------------------------------------------------------------

@pytest.mark.parametrize("muscle, views", [
    ("soleus", ("back",)),
    ("upper-trapezius", ("back", "right-side")),  # temple and jaw on the side view, the rest behind
    ("infraspinatus", ("front", "back")),  # zone in front, trigger point on the shoulder blade behind
])
def test_views_used_are_the_views_the_zone_and_trigger_points_are_on(pack, muscle, views):
    assert views_used(GEOMETRY, muscle_overlay(GEOMETRY, pack.muscles[muscle])) == views


def test_views_used_counts_extra_areas_such_as_a_region():
    assert views_used(GEOMETRY, Overlay(), areas={"temple-left", "eye-right"}) == ("front", "left-side")


def test_views_used_counts_trigger_points_alone():
    assert views_used(GEOMETRY, Overlay(trigger_points=(("back", 50.0, 60.0, "TrP"),))) == ("back",)


def test_a_picture_of_nothing_in_particular_shows_every_view():
    assert views_used(GEOMETRY, Overlay()) == VIEWS


# --- focus band ----------------------------------------------------------------------------

def test_focus_band_reaches_pad_beyond_the_zone(pack):
    overlay = muscle_overlay(GEOMETRY, pack.muscles["upper-trapezius"])
    ys = [y for iid in overlay.essential | overlay.spillover for y in area_ys(iid)]
    ys += [y for _, _, y, _ in overlay.trigger_points]
    assert max(ys) - min(ys) + 20 > 50  # tall enough that the minimum span does not apply
    views = GEOMETRY.views
    assert focus_band(GEOMETRY, overlay, views, pad=10, min_span=50, limits=WHOLE) == (min(ys) - 10, max(ys) + 10)


def test_focus_band_grows_evenly_to_the_minimum_span():
    overlay = Overlay(trigger_points=(("front", 100.0, 200.0, "TrP"),))
    assert focus_band(GEOMETRY, overlay, VIEWS, pad=5, min_span=150, limits=WHOLE) == (125.0, 275.0)


def test_focus_band_stays_within_the_limits(pack):
    overlay = muscle_overlay(GEOMETRY, pack.muscles["soleus"])  # the heel, at the bottom of the body
    top, bottom = focus_band(GEOMETRY, overlay, VIEWS, pad=20, min_span=150, limits=(0, GEOMETRY.height))
    assert bottom == GEOMETRY.height and top < GEOMETRY.height - 100


def test_focus_band_looks_only_at_the_views_shown(pack):
    overlay = muscle_overlay(GEOMETRY, pack.muscles["upper-trapezius"])
    side = area_ys("temple-right") + area_ys("mastoid-right") + area_ys("jaw-angle-right")  # on the side view
    side += [y for view, _, y, _ in overlay.trigger_points if view == "right-side"]
    assert focus_band(GEOMETRY, overlay, ("right-side",), pad=0, min_span=0, limits=WHOLE) == (min(side), max(side))


def test_no_focus_band_when_the_overlay_is_not_on_the_views(pack):
    overlay = muscle_overlay(GEOMETRY, pack.muscles["soleus"])
    assert focus_band(GEOMETRY, overlay, ("front",), pad=10, min_span=100, limits=WHOLE) is None
