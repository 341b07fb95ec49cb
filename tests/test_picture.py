"""The picture model: what every renderer draws for a muscle, which views it needs, where to focus."""
from __future__ import annotations


import pytest

from bodymap.geometry import VIEWS
from bodymap.picture import Overlay, combined_overlay, focus_band, muscle_overlay, views_used

WHOLE = (-1000.0, 1000.0)  # limits that never cut the band



def area_ys(geometry, iid: str) -> list[float]:
    return [y for ring in geometry.areas[iid].rings for _, y in ring]


# --- overlays -------------------------------------------------------------------------------

@pytest.mark.parametrize("side", ["left", "right"])
def test_muscle_overlay_draws_the_zone_on_the_muscles_side(study_pack, side, geometry):
    overlay = muscle_overlay(geometry, study_pack.muscles["upper-trapezius"], side)
    assert overlay.essential == {f"posterior-neck-{side}", f"mastoid-{side}", f"temple-{side}"}
    assert overlay.spillover == {f"jaw-angle-{side}", f"occiput-{side}"}
    assert f"({side} side)" in overlay.caption


def test_muscle_overlay_labels_each_trigger_point_with_the_muscle(study_pack, geometry):
    trap = study_pack.muscles["upper-trapezius"]
    points = muscle_overlay(geometry, trap).trigger_points
    assert len(points) == len(trap.trigger_points)
    assert points[0][3] == f"Trigger point 1 of Upper trapezius: {trap.trigger_points[0].description}"


def test_combined_overlay_draws_an_area_essential_for_one_muscle_as_essential(study_pack, geometry):
    both = combined_overlay(geometry, [study_pack.muscles["infraspinatus"], study_pack.muscles["supraspinatus"]])
    assert "side-shoulder-right" in both.essential  # supraspinatus: essential; infraspinatus: spillover
    assert "side-shoulder-right" not in both.spillover


def test_combined_overlay_keeps_every_muscles_trigger_points_and_names(study_pack, geometry):
    muscles = [study_pack.muscles["infraspinatus"], study_pack.muscles["supraspinatus"]]
    both = combined_overlay(geometry, muscles, "left")
    assert len(both.trigger_points) == sum(len(m.trigger_points) for m in muscles)
    assert both.caption.startswith("Infraspinatus, Supraspinatus (left side)")


def test_combined_overlay_of_no_muscles_is_empty(geometry):
    assert combined_overlay(geometry, []) == Overlay() and Overlay().empty


# --- views used ---------------------------------------------------------------------------

@pytest.mark.parametrize("muscle, views", [
    ("soleus", ("back",)),
    ("upper-trapezius", ("back", "right-side")),  # temple and jaw on the side view, the rest behind
    ("infraspinatus", ("front", "back")),  # zone in front, trigger point on the shoulder blade behind
])
def test_views_used_are_the_views_the_zone_and_trigger_points_are_on(study_pack, muscle, views, geometry):
    assert views_used(geometry, muscle_overlay(geometry, study_pack.muscles[muscle])) == views


def test_views_used_counts_extra_areas_such_as_a_region(geometry):
    assert views_used(geometry, Overlay(), areas={"temple-left", "eye-right"}) == ("front", "left-side")


def test_views_used_counts_trigger_points_alone(geometry):
    assert views_used(geometry, Overlay(trigger_points=(("back", 50.0, 60.0, "TrP"),))) == ("back",)


def test_a_picture_of_nothing_in_particular_shows_every_view(geometry):
    assert views_used(geometry, Overlay()) == VIEWS


# --- focus band ----------------------------------------------------------------------------

def test_focus_band_reaches_pad_beyond_the_zone(study_pack, geometry):
    overlay = muscle_overlay(geometry, study_pack.muscles["upper-trapezius"])
    ys = [y for iid in overlay.essential | overlay.spillover for y in area_ys(geometry, iid)]
    ys += [y for _, _, y, _ in overlay.trigger_points]
    assert max(ys) - min(ys) + 20 > 50  # tall enough that the minimum span does not apply
    views = geometry.views
    assert focus_band(geometry, overlay, views, pad=10, min_span=50, limits=WHOLE) == (min(ys) - 10, max(ys) + 10)


def test_focus_band_grows_evenly_to_the_minimum_span(geometry):
    overlay = Overlay(trigger_points=(("front", 100.0, 200.0, "TrP"),))
    assert focus_band(geometry, overlay, VIEWS, pad=5, min_span=150, limits=WHOLE) == (125.0, 275.0)


def test_focus_band_stays_within_the_limits(study_pack, geometry):
    overlay = muscle_overlay(geometry, study_pack.muscles["soleus"])  # the heel, at the bottom of the body
    top, bottom = focus_band(geometry, overlay, VIEWS, pad=20, min_span=150, limits=(0, geometry.height))
    assert bottom == geometry.height and top < geometry.height - 100


def test_focus_band_looks_only_at_the_views_shown(study_pack, geometry):
    overlay = muscle_overlay(geometry, study_pack.muscles["upper-trapezius"])
    side = area_ys(geometry, "temple-right") + area_ys(geometry, "mastoid-right") + area_ys(geometry, "jaw-angle-right")  # on the side view
    side += [y for view, _, y, _ in overlay.trigger_points if view == "right-side"]
    assert focus_band(geometry, overlay, ("right-side",), pad=0, min_span=0, limits=WHOLE) == (min(side), max(side))


def test_no_focus_band_when_the_overlay_is_not_on_the_views(study_pack, geometry):
    overlay = muscle_overlay(geometry, study_pack.muscles["soleus"])
    assert focus_band(geometry, overlay, ("front",), pad=10, min_span=100, limits=WHOLE) is None
