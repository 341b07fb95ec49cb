"""The body geometry: enough named areas, both sides, no overlaps, all on the body."""
from __future__ import annotations

from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from bodymap.geometry import instance_id, marker_position

REQUIRED = {
    "temple", "vertex", "occiput", "forehead", "eye", "jaw-angle", "posterior-neck", "neck-angle", "chest",
    "medial-scapula", "front-shoulder", "side-shoulder", "back-shoulder", "upper-arm-front", "upper-arm-back",
    "lateral-epicondyle", "medial-epicondyle", "back-of-elbow", "forearm-front", "forearm-back", "wrist-back",
    "thumb-web", "lumbar", "sacroiliac", "buttock", "lateral-hip", "groin", "back-thigh-upper", "back-thigh-lower", "back-of-knee",
    "calf", "shin", "achilles", "heel", "sole",
}


def polygon(shape):
    # Coordinates are rounded to 0.1 unit for the SVG; buffer(0) repairs any tiny self-touch.
    return unary_union([Polygon(r).buffer(0) for r in shape.rings])


def test_at_least_forty_named_areas_head_to_foot(geometry):
    assert len(geometry.base_areas) >= 40
    assert set(geometry.base_areas) >= REQUIRED


def test_every_area_has_a_left_and_a_right_instance(geometry):
    for area, (label, view) in geometry.base_areas.items():
        for side in ("left", "right"):
            shape = geometry.instance(area, side)
            # a side-view area is drawn on the right side view, and mirrored onto the left one
            assert shape.view == (f"{side}-side" if view == "side" else view) and shape.side == side
            assert shape.label == f"{label} ({side})"
            assert shape.id == instance_id(area, side)


def test_sides_mirror_each_other(geometry):
    for area in geometry.base_areas:
        left, right = geometry.instance(area, "left"), geometry.instance(area, "right")
        a, b = polygon(left).area, polygon(right).area
        assert abs(a - b) <= 0.01 * max(a, b) + 0.5, area
        assert abs((left.anchor[0] + right.anchor[0]) - geometry.width) < 1.5


def test_person_right_is_on_viewer_left_in_front_view(geometry):
    assert geometry.instance("eye", "right").anchor[0] < geometry.width / 2
    assert geometry.instance("calf", "right").anchor[0] > geometry.width / 2


def test_areas_do_not_overlap_and_stay_on_the_body(geometry):
    body = unary_union([Polygon(r) for r in geometry.silhouette]).buffer(0.6)
    for view in ("front", "back"):
        shapes = [(s.id, polygon(s)) for s in geometry.areas.values() if s.view == view]
        for i, (a_id, a) in enumerate(shapes):
            assert a.within(body), f"{a_id} pokes outside the body"
            for b_id, b in shapes[i + 1:]:
                assert a.intersection(b).area < 0.5, f"{a_id} overlaps {b_id}"


def test_anchor_points_are_inside_their_area(geometry):
    for shape in geometry.areas.values():
        assert polygon(shape).buffer(0.2).contains(Point(shape.anchor)), shape.id


def test_marker_nudges_mirror_with_the_side(geometry):
    view, xr, y = marker_position(geometry, "neck-angle", "right", dx=-4, dy=2)
    _, xl, _ = marker_position(geometry, "neck-angle", "left", dx=-4, dy=2)
    assert view == "back"
    assert abs((xr + xl) - geometry.width) < 1.5
    assert y == geometry.instance("neck-angle", "right").anchor[1] + 2
