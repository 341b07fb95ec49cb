"""The close-ups: every muscle drawn on its region's close-up, every zone and trigger point on
a view that is drawn, areas that never overlap and are big enough to tap, and the SVG contract
(data-view, data-muscle, data-zone/data-area, data-trp) that the app and its browser tests use."""
from __future__ import annotations

import math
import re

import pytest
from shapely.geometry import Polygon, box
from shapely.ops import unary_union

from bodymap.render.closeup_svg import (MIN_TARGET_PX, PHONE_FRAME, TABLET_FRAME, CloseupSpec, best_closeup, best_view,
                                 live_closeups, render_closeup, target_size)
from bodymap.content import load_content
from bodymap.geometry import ALL_VIEWS, instance_id
from bodymap.render.muscle_shapes import drawn_muscle
from bodymap.picture import muscle_overlay

CONTENT = load_content()
GEOMETRY = CONTENT.geometry
MUSCLES = sorted(CONTENT.muscles)


def _window(closeup: str, side: str):
    view, b = GEOMETRY.window(closeup, side)
    return view, box(*b)


def _polygon(iid: str):
    return unary_union([Polygon(r).buffer(0) for r in GEOMETRY.areas[iid].rings])


@pytest.mark.parametrize("mid", MUSCLES)
def test_every_muscle_is_drawn_on_a_closeup_of_its_region(mid):
    muscle = CONTENT.muscles[mid]
    region = CONTENT.regions[muscle.region]
    assert region.closeups, f"region {region.id} has no close-ups"
    for side in ("left", "right"):
        drawn = drawn_muscle(GEOMETRY, muscle, side)
        assert drawn, f"{mid} has no drawing"
        on_closeup = []
        for shape in drawn:
            outline = unary_union([Polygon(r).buffer(0) for r in shape.rings])
            for cid in region.closeups:
                view, window = _window(cid, side)
                if view == shape.view and outline.intersection(window).area >= 0.8 * outline.area:
                    on_closeup.append(cid)
        assert on_closeup, f"{mid} ({side}) is drawn outside its region's close-ups {region.closeups}"


@pytest.mark.parametrize("mid", MUSCLES)
def test_every_zone_and_trigger_point_lies_on_a_drawn_closeup(mid):
    muscle = CONTENT.muscles[mid]
    region = CONTENT.regions[muscle.region]
    overlay = muscle_overlay(GEOMETRY, muscle, "right")
    for iid in overlay.essential | overlay.spillover:
        assert best_closeup(GEOMETRY, iid, TABLET_FRAME), f"{mid}: zone {iid} is on no close-up"
    windows = [_window(cid, "right") for cid in region.closeups]
    for view, x, y, label in overlay.trigger_points:
        assert any(v == view and w.buffer(1).contains(box(x, y, x, y)) for v, w in windows), \
            f"{mid}: {label} ({view} {x}, {y}) is outside its region's close-ups"


@pytest.mark.parametrize("view", ALL_VIEWS)
def test_no_area_overlaps_another(view):
    ids = [i for i, a in GEOMETRY.areas.items() if a.view == view]
    shapes = {i: _polygon(i) for i in ids}
    for n, a in enumerate(ids):
        for b in ids[n + 1:]:
            overlap = shapes[a].intersection(shapes[b]).area
            assert overlap < 0.5, f"{a} and {b} overlap by {overlap:.1f} square units on the {view} view"


@pytest.mark.parametrize("frame", [PHONE_FRAME, TABLET_FRAME], ids=["phone", "tablet"])
def test_every_area_is_a_big_enough_target_on_some_closeup(frame):
    small = []
    for iid in GEOMETRY.areas:
        best = best_closeup(GEOMETRY, iid, frame)
        size = target_size(GEOMETRY, iid, best, frame) if best else (0, 0)
        if min(size) < MIN_TARGET_PX:
            small.append(f"{iid} {size[0]:.0f}x{size[1]:.0f} px on {best}")
    assert not small, f"{len(small)} area(s) under {MIN_TARGET_PX} px: " + "; ".join(small)


def test_the_area_vocabulary_has_about_a_hundred_areas():
    assert len(GEOMETRY.base_areas) >= 95
    for area in GEOMETRY.base_areas:
        assert instance_id(area, "left") in GEOMETRY.areas and instance_id(area, "right") in GEOMETRY.areas


def test_no_pattern_falls_back_to_the_nearest_area():
    vague = re.compile(r"no (elbow crease |ear |chin )?area|nearest area|map has no|has no area|map's .* covers",
                       re.IGNORECASE)
    bad = [mid for mid, m in CONTENT.muscles.items() if vague.search(m.referral.note)]
    assert not bad, f"notes that say the map cannot draw the pattern: {bad}"


@pytest.mark.parametrize("region", sorted(CONTENT.regions))
def test_a_closeup_carries_the_contract_the_app_relies_on(region):
    muscles = CONTENT.muscles_in(region)
    chosen = muscles[0]
    overlay = muscle_overlay(GEOMETRY, chosen, "right")
    svgs = [render_closeup(GEOMETRY, CloseupSpec(cid, "right", tuple(muscles), chosen.id, overlay))
            for cid in CONTENT.regions[region].closeups]
    for cid, svg in zip(CONTENT.regions[region].closeups, svgs):
        assert f'data-view="{cid}"' in svg
    joined = "".join(svgs)
    for m in muscles:
        assert re.search(rf'data-muscle="{m.id}"[^>]*>|aria-label="{re.escape(m.name)}"[^>]*data-muscle="{m.id}"',
                         joined), f"{m.id} is not drawn on any close-up of {region}"
    assert 'class="bm-muscle bm-chosen bm-target"' in joined
    for area in chosen.referral.essential:
        assert f'data-zone="essential" data-area="{area}"' in joined
    for area in chosen.referral.spillover:
        assert f'data-zone="spillover" data-area="{area}"' in joined
    assert joined.count("data-trp") >= len(chosen.trigger_points)


def test_the_left_side_is_the_mirror_of_the_right():
    muscle = CONTENT.muscles["upper-trapezius"]
    right = drawn_muscle(GEOMETRY, muscle, "right")
    left = drawn_muscle(GEOMETRY, muscle, "left")
    assert [d.view for d in right] != [] and len(right) == len(left)
    for r, mirror in zip(right, left):
        w = GEOMETRY.width
        if r.view == mirror.view:  # front or back: mirrored across the midline
            assert r.bounds[0] == pytest.approx(w - mirror.bounds[2], abs=0.2)
        else:
            assert {r.view, mirror.view} == {"right-side", "left-side"}


def test_text_in_a_closeup_is_escaped():
    muscle = CONTENT.muscles["upper-trapezius"].model_copy(update={"name": '<script>alert("x")</script>'})
    svg = render_closeup(GEOMETRY, CloseupSpec("neck-back", "right", (muscle,), muscle.id,
                                               muscle_overlay(GEOMETRY, muscle, "right")))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize("mid", MUSCLES)
def test_fibres_turn_over_with_the_muscle_on_the_other_side(mid):
    def slope(line):  # the fibre's direction in degrees, 0 to 180
        (x0, y0), (x1, y1) = line[0], line[-1]
        return math.degrees(math.atan2(y1 - y0, x1 - x0)) % 180

    muscle = CONTENT.muscles[mid]
    for right, left in zip(drawn_muscle(GEOMETRY, muscle, "right"), drawn_muscle(GEOMETRY, muscle, "left")):
        if right.fibres and left.fibres:
            turned = (180 - slope(right.fibres[0])) % 180
            assert min(abs(slope(left.fibres[0]) - turned), 180 - abs(slope(left.fibres[0]) - turned)) < 3, \
                f"{mid}: fibres on the {left.view} view do not mirror those on the {right.view} view"


@pytest.mark.parametrize("region", sorted(CONTENT.regions))
@pytest.mark.parametrize("side", ["right", "left"])
def test_the_live_closeup_draws_what_the_full_picture_draws(region, side):
    """The explorer's live close-up: each muscle opens on its best close-up, and what the
    browser adds for it is exactly what the server's full picture of it draws on top."""
    muscles = CONTENT.muscles_in(region)
    closeups = CONTENT.regions[region].closeups
    live = live_closeups(GEOMETRY, closeups, muscles, side)
    assert live.opens_on[""] == best_view(GEOMETRY, closeups, None, side)
    for view, svg in live.pictures.items():
        assert '<g class="bm-overlay-slot"></g>' in svg and 'class="bm-muscle bm-chosen' not in svg
        assert f'data-view="{view}"' in svg and "bm-legend" in svg  # the key is there before a muscle is
    for m in muscles:
        view = live.opens_on[m.id]
        assert view == best_view(GEOMETRY, closeups, m, side)
        overlay = muscle_overlay(GEOMETRY, m, side)
        full = render_closeup(GEOMETRY, live.spec(view, side, muscles, m, overlay))
        assert f'<g class="bm-overlay-slot">{live.overlays[m.id]}</g>' in full
        on_view = GEOMETRY.window(view, side)[0]
        zones = {GEOMETRY.areas[i].area for i in (*overlay.essential, *overlay.spillover)
                 if GEOMETRY.areas[i].view == on_view}
        assert set(re.findall(r'data-area="([^"]+)"', live.overlays[m.id])) == zones
        assert live.overlays[m.id].count("data-trp") == sum(1 for v, *_ in overlay.trigger_points if v == on_view)
    # A picture chosen by the user: every muscle opens on it.
    pinned = live_closeups(GEOMETRY, closeups, muscles, side, pinned=closeups[-1])
    assert set(pinned.opens_on.values()) == {closeups[-1]} and set(pinned.pictures) == {closeups[-1]}
