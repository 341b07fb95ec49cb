"""What each person sees first, checked on the library's choices (no browser): the plan's
picture on a phone, one set of patient words for the key."""
from __future__ import annotations

from bodymap.closeup_svg import closeup_window
from bodymap.study import muscle_closeups

PHONE_PICTURE_PX = 320  # the narrowest the plan's picture may be on a phone 390 px wide


def test_plans_picture_draws_the_upper_trapezius_temple_zone_40_px_across_on_a_phone(content, geometry):
    spec = muscle_closeups(content, geometry, content.muscles["upper-trapezius"], "right")[0]
    _, (x0, _, x1, _) = closeup_window(geometry, spec)
    temple = geometry.areas["temple-right"]
    assert temple.view == geometry.window(spec.closeup, "right")[0], "the plan's first picture has no temple"
    xs = [x for ring in temple.rings for x, _ in ring]
    assert (max(xs) - min(xs)) * PHONE_PICTURE_PX / (x1 - x0) >= 40


def test_a_muscles_second_picture_completes_the_first(content, geometry):
    first, second = muscle_closeups(content, geometry, content.muscles["upper-trapezius"], "right")
    assert (first.closeup, second.closeup) == ("neck-side", "neck-back")
