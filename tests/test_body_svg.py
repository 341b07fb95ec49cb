"""The SVG map: real buttons with labels, the referral zone drawn, and nothing unescaped."""
from __future__ import annotations

import re

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from bodymap.render.body_svg import MapSpec, map_drawing, render_map
from bodymap.palette import PALETTE
from bodymap.picture import views_used, Overlay, muscle_overlay

NS = {"s": "http://www.w3.org/2000/svg"}
REGIONS = (("neck", "Neck", ("posterior-neck", "neck-angle", "throat")), ("calf", "Calf", ("calf", "achilles")))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def buttons(root):
    return {g.get("data-target"): g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("role") == "button"}


def test_a_long_region_name_is_written_short_beside_the_body_and_spoken_in_full(geometry):
    # "Upper back and chest wall" is wider than a view; the geometry writes "Back and chest".
    regions = (("upper-back", "Upper back and chest wall", ("mid-back", "upper-abdomen")),)
    root = parse(render_map(geometry, MapSpec(regions=regions)))
    assert buttons(root)["upper-back"].get("aria-label") == "Upper back and chest wall"
    label = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-label-for") == "upper-back"][0]
    assert [t.text for t in label.iter("{http://www.w3.org/2000/svg}text")] == ["Back and chest"]
    box = label.find("s:rect", NS)
    width = float(root.get("viewBox").split()[2])
    assert float(box.get("x")) + float(box.get("width")) <= width, "the name runs off the map"


def test_each_region_is_one_labelled_keyboard_button(geometry):
    root = parse(render_map(geometry, MapSpec(regions=REGIONS, selected=frozenset({"calf"}))))
    found = buttons(root)
    assert set(found) == {"neck", "calf"}
    assert found["neck"].get("tabindex") == "0" and found["neck"].get("aria-label") == "Neck"
    assert found["calf"].get("aria-pressed") == "true" and found["neck"].get("aria-pressed") == "false"
    # both sides of each area are part of the region's shape: 2 areas x 2 sides for calf
    assert len(found["calf"].findall("s:path", NS)) == 4


def test_area_mode_makes_every_area_instance_a_button(geometry):
    # Side-view areas (outer hip, outer thigh) are buttons when the side views are drawn.
    found = buttons(parse(render_map(geometry, MapSpec(targets="areas", views=geometry.views))))
    assert set(found) == set(geometry.areas)
    assert found["heel-left"].get("aria-label") == "Heel (left)"


def test_picture_mode_has_no_buttons(geometry):
    assert buttons(parse(render_map(geometry, MapSpec(targets="none")))) == {}


def test_referral_zone_and_trigger_points_are_drawn(geometry, minimal):
    muscle = minimal.muscles["upper-trapezius"]
    overlay = muscle_overlay(geometry, muscle, "left")
    root = parse(render_map(geometry, MapSpec(targets="none", overlay=overlay, views=views_used(geometry, overlay))))
    titles = {p.get("class"): set() for p in root.iter("{http://www.w3.org/2000/svg}path")}
    for p in root.iter("{http://www.w3.org/2000/svg}path"):
        title = p.find("s:title", NS)
        if title is not None:
            titles[p.get("class")].add(title.text)
    assert "Temple (left)" in titles["bm-essential"]
    assert "Angle of the jaw (left)" in titles["bm-spillover"]
    assert not any("(right)" in t for t in titles["bm-essential"] | titles["bm-spillover"])
    markers = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "bm-tp"]
    assert len(markers) == len(muscle.trigger_points) + 1  # plus the one in the legend
    legend = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "bm-legend"]
    assert legend and "Upper trapezius" in legend[0].get("aria-label")


def test_single_view_draws_only_that_view(geometry, minimal):
    muscle = minimal.muscles["upper-trapezius"]
    svg = render_map(geometry, MapSpec(views=("right-side",), overlay=muscle_overlay(geometry, muscle)))
    assert re.findall(r'class="bm-view-title"[^>]*>([^<]*)<', svg) == ["Right side"]
    assert "Temple (right)" in svg and "Back of the neck (right)</title></path>" not in svg.split("bm-essential")[-1]


def test_labels_are_escaped(geometry):
    evil = (("neck", '<script>alert(1)</script>"', ("posterior-neck",)),)
    svg = render_map(geometry, MapSpec(regions=evil))
    assert "<script>" not in svg
    assert buttons(parse(svg))["neck"].get("aria-label") == '<script>alert(1)</script>"'


def test_choice_buttons_are_escaped_toggle_buttons():
    from bodymap.choices import render_choices

    html = render_choices("Muscles <here>", [("a", "Alpha"), ("b", "<b>Beta</b>")], "b")
    root = ET.fromstring(html)
    assert root.get("role") == "group" and root.get("aria-label") == "Muscles <here>"
    buttons = root.findall("button")
    assert [b.get("aria-pressed") for b in buttons] == ["false", "true"]
    assert buttons[1].text == "<b>Beta</b>" and "<b>" not in html


def test_printed_map_hatches_spillover_with_lines_fpdf2_can_draw(geometry, minimal):
    """fpdf2 ignores <pattern>: the PDF picture hatches the spillover zone with plain lines."""
    overlay = muscle_overlay(geometry, minimal.muscles["upper-trapezius"], "left")
    svg = map_drawing(geometry, MapSpec(targets="none", overlay=overlay), printed=True).svg()
    root = parse(svg)
    assert "<pattern" not in svg and "url(#bm-dots)" not in svg.split("</style>")[1]
    hatches = [p for p in root.iter("{http://www.w3.org/2000/svg}path") if p.get("stroke-width") == "1.4"]
    assert hatches and all(p.get("fill") == "none" and p.get("d").startswith("M") for p in hatches)


def test_browser_map_keeps_its_pattern_of_dots(geometry, minimal):
    overlay = muscle_overlay(geometry, minimal.muscles["upper-trapezius"], "left")
    svg = render_map(geometry, MapSpec(targets="none", overlay=overlay))
    assert '<pattern id="bm-dots"' in svg and 'stroke-width="1.4"' not in svg


# --- MapSpec options: the renderer draws what callers ask for, nobody edits its SVG ---------

def view_box(svg: str) -> tuple[float, ...]:
    return tuple(float(v) for v in parse(svg).get("viewBox").split())


def test_crop_shows_only_the_band_of_the_body_around_the_zone(geometry, minimal):
    spec = MapSpec(targets="none", overlay=muscle_overlay(geometry, minimal.muscles["upper-trapezius"]))
    _, _, width, full = view_box(render_map(geometry, spec))
    _, top, cropped_width, cropped = view_box(render_map(geometry, replace(spec, crop=True)))
    assert cropped_width == width and cropped < full / 2 and top == 0  # the head: the titles are in the band


def test_a_crop_below_the_head_draws_the_view_titles_above_the_band(geometry):
    spec = MapSpec(targets="none", views=("back",), crop=True,
                   overlay=Overlay(trigger_points=(("back", 100.0, 380.0, "TrP"),)))
    root = parse(render_map(geometry, spec))
    _, top, _, _ = view_box(render_map(geometry, spec))
    titles = [t for t in root.iter(f"{{{NS['s']}}}text") if t.get("class") == "bm-view-title"]
    assert top > 200 and any(float(t.get("y")) > top for t in titles if t.text == "Back")


def test_crop_without_anything_on_the_views_shows_the_whole_picture(geometry):
    spec = MapSpec(targets="none", views=("back",), overlay=Overlay(essential=frozenset({"temple-right"})))
    assert render_map(geometry, replace(spec, crop=True)) == render_map(geometry, spec)


@pytest.mark.parametrize("views", [("front",), ("front", "back")])
def test_outlines_draw_every_area_of_each_view_shown(geometry, views):
    root = parse(render_map(geometry, MapSpec(targets="none", views=views, outlines=True)))
    outlines = [p for p in root.iter(f"{{{NS['s']}}}path") if p.get("class") == "bm-outline"]
    assert len(outlines) == len(views)
    rings = sum(len(s.rings) for s in geometry.areas.values() if s.view in views)
    assert sum(p.get("d").count("M") for p in outlines) == rings


def test_no_outlines_unless_asked(geometry):
    assert "bm-outline" not in render_map(geometry, MapSpec(targets="none"))


def test_strong_chosen_style_darkens_chosen_areas(geometry):
    spec = MapSpec(targets="areas", selected=frozenset({"heel-left"}))
    default, strong = render_map(geometry, spec), render_map(geometry, replace(spec, chosen_style="strong"))
    rule = f".bm-target.bm-selected path {{ fill: {PALETTE['selected_line']}; fill-opacity: 0.78;"
    assert rule in strong and rule not in default
    style = parse(strong).find("s:style", NS).text
    assert style.index(rule) > style.index(".bm-target.bm-selected path { fill: " + PALETTE["selected"])  # it wins
