"""The referral atlas: every area a button on the whole body, shaded by how many muscles refer
pain to it, with a key in numbers (colour is never the only cue)."""
from __future__ import annotations

import re

from plotly.colors import unlabel_rgb

from bodymap.render.atlas import SCALE, UNCOVERED, atlas_counts, atlas_drawing, shade_steps


def _buttons(svg: str) -> dict[str, tuple[str, str]]:
    """target -> (aria-label, fill) of each area button."""
    found = re.findall(r'<g class="bm-target[^"]*" role="button"[^>]*aria-label="([^"]+)" data-target="([^"]+)">'
                       r'<title>[^<]*</title><path style="fill: ([^"]+)"', svg)
    return {target: (label, fill) for label, target, fill in found}


def _lightness(colour: str) -> float:
    return sum(unlabel_rgb(colour)) if colour.startswith("rgb") else 765.0


def test_the_atlas_counts_the_muscles_that_refer_to_each_area(study_pack, geometry):
    counts = atlas_counts(study_pack, geometry)
    assert counts["calf"].muscles == (("Gastrocnemius", "spillover"), ("Soleus", "spillover"))
    assert counts["knee-front"].count == 0


def test_every_area_of_every_view_is_a_shaded_button_that_says_its_count(study_pack, geometry):
    svg = atlas_drawing(study_pack, geometry).svg()
    buttons = _buttons(svg)
    assert set(buttons) == set(geometry.areas)
    assert {geometry.areas[t].view for t in buttons} == set(geometry.views)  # front, back and both sides
    label, calf = buttons["calf-left"]
    assert label.endswith(": 2 muscles refer pain here")
    assert buttons["heel-left"][0].endswith(": 1 muscle refers pain here")
    label, knee = buttons["knee-front-left"]
    assert label.endswith("no muscle in this app refers pain here") and knee == UNCOVERED
    assert _lightness(calf) < _lightness(buttons["heel-left"][1]) < _lightness(knee)  # more muscles, darker


def test_the_key_says_in_numbers_what_each_shade_means(content, geometry):
    top = max(e.count for e in atlas_counts(content, geometry).values())
    steps = shade_steps(top)
    assert steps[0][0] == 1 and steps[-1][1] == top
    assert all(hi + 1 == lo for (_, hi, _), (lo, _, _) in zip(steps, steps[1:]))  # no count falls between
    lightness = [_lightness(c) for _, _, c in steps]
    assert lightness == sorted(lightness, reverse=True)  # palest for few muscles
    svg = atlas_drawing(content, geometry).svg()
    key = re.search(r'<g class="bm-atlas-key" role="img" aria-label="([^"]+)"', svg)
    assert key and "none" in key.group(1) and f"{steps[-1][0]}–{top}" in key.group(1)
    assert SCALE.lower().startswith("cividis")  # readable with red-green colour blindness


def test_few_muscles_give_as_many_shades_as_counts_and_none_gives_no_shade():
    assert [(lo, hi) for lo, hi, _ in shade_steps(2)] == [(1, 1), (2, 2)]
    assert shade_steps(0) == []
