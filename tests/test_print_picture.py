"""The picture a handout prints (bodymap.render.print_picture): one SVG in millimetres, the same in
the PDF and on the page's preview."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from bodymap.fonts import text_width
from bodymap.render.print_picture import KEY_INDENT, PT, picture_for, picture_svg

NS = "{http://www.w3.org/2000/svg}"
COLUMN = 92.0  # mm: a column of an A4 handout


def drawn(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if cls in g.get("class", "").split()]


def marks_mm(root: ET.Element) -> list[tuple[float, float, float]]:
    """Each trigger point mark on the close-ups as (x, y, r) in the picture's mm."""
    out = []
    for closeup in groups(root, "bm-closeup"):
        x, y, s, vx, vy = (float(v) for v in re.findall(r"[-0-9.]+", closeup.get("transform")))
        for mark in closeup.iter(f"{NS}g"):
            if mark.get("data-trp") is not None:
                c = mark.find(f"{NS}circle")
                out.append((x + (float(c.get("cx")) + vx) * s, y + (float(c.get("cy")) + vy) * s,
                            float(c.get("r")) * s))
    return out


def number_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    out = []
    for g in groups(root, "bm-number"):
        r = g.find(f"{NS}rect")
        x, y, w, h = (float(r.get(k)) for k in ("x", "y", "width", "height"))
        out.append((g.find(f"{NS}text").text, (x, y, x + w, y + h)))
    return out


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("region, muscles, side", [
    ("neck", ("upper-trapezius", "levator-scapulae", "suboccipitals"), "right"),
    ("elbow", ("extensor-carpi-radialis-brevis", "supinator", "brachioradialis", "triceps"), "left"),
])
def test_each_trigger_point_has_its_muscles_number_beside_it(content, geometry, region, muscles, side):
    picture = picture_for(content, geometry, region, muscles, side)
    svg, width, height = picture_svg(geometry, picture, COLUMN, 70, 9.5)
    root = drawn(svg)
    assert root.get("viewBox") == f"0 0 {width:.3f} {height:.3f}" and width == COLUMN
    marks, numbers = marks_mm(root), number_boxes(root)
    assert marks and len(numbers) == len(marks)  # one number a mark (none had to be left out here)
    shown = Counter(str(n) for view, x, y, n in picture.numbers
                    if any(c.get("data-view") and _on(geometry, c, view, x, y) for c in groups(root, "bm-closeup")))
    assert Counter(text for text, _ in numbers) == shown
    for i, (_, box) in enumerate(numbers):
        assert all(not overlaps(box, other) for _, other in numbers[i + 1:]), "two numbers overlap"
        assert all(not overlaps(box, (x - r, y - r, x + r, y + r)) for x, y, r in marks), "a number covers a mark"
        nearest = min(max(abs(x - (box[0] + box[2]) / 2), abs(y - (box[1] + box[3]) / 2)) for x, y, _ in marks)
        assert nearest < 4, "a number far from every mark"


def _on(geometry, closeup: ET.Element, view: str, x: float, y: float) -> bool:
    from bodymap.render.closeup_svg import CloseupSpec, closeup_window

    spec_view, (x0, y0, x1, y1) = closeup_window(
        geometry, CloseupSpec(closeup.get("data-view"), closeup.get("data-side")))
    return view == spec_view and x0 <= x <= x1 and y0 <= y <= y1


def test_the_key_names_what_is_drawn_and_fits_the_column(content, geometry):
    picture = picture_for(content, geometry, "calf", ("soleus",), "right")
    svg, width, _ = picture_svg(geometry, picture, COLUMN, 70, 9.5)
    root = drawn(svg)
    keys = {g.get("data-key") for g in groups(root, "bm-key")}
    body = "".join(ET.tostring(c, encoding="unicode") for c in groups(root, "bm-closeup"))
    # each kind of mark drawn is in the key (a spillover zone named only in words is keyed too)
    assert {"essential", "tp", "muscle"} <= keys and "region" not in keys
    assert 'data-zone="essential"' in body and "data-trp" in body
    assert ("spillover" in keys) == bool(picture.overlay.spillover)
    assert not groups(root, "bm-number")  # one muscle: no numbers to tell muscles apart
    for g in groups(root, "bm-key"):
        assert g.find(f".//{NS}g[@data-trp]") is None  # the key's X is not a mark on the body
        for line in g.iter(f"{NS}text"):
            assert PT * text_width(line.text, 8.0) <= width - KEY_INDENT + 1e-6, line.text
    words = " ".join(t.text for g in groups(root, "bm-elsewhere") for t in g.iter(f"{NS}text"))
    assert picture.elsewhere and words == "It can also be felt at: " + ", ".join(picture.elsewhere).lower() + "."


def test_the_close_ups_keep_their_contract(content, geometry):
    muscle = content.muscles["supinator"]
    picture = picture_for(content, geometry, muscle.region, (muscle.id,), "right")
    root = drawn(picture_svg(geometry, picture, COLUMN, 70, 9.5)[0])
    closeups = groups(root, "bm-closeup")
    assert [c.get("data-view") for c in closeups] == [c.closeup for c in picture.closeups]
    assert all(c.get("data-side") == "right" for c in closeups)
    assert any(g.get("data-muscle") == muscle.id and g.get("aria-label") == muscle.name for g in root.iter(f"{NS}g"))
    assert root.get("role") == "img" and root.get("aria-label").startswith(geometry.closeups[picture.closeups[0].closeup].label)
    assert not root.findall(f".//{NS}svg")  # no nested <svg>: fpdf2 would not draw it


def test_a_region_without_close_ups_prints_the_whole_body(minimal, geometry):
    region = next(iter(minimal.regions.values()))
    picture = picture_for(minimal, geometry, region.id, tuple(m.id for m in minimal.muscles_in(region.id)), "right")
    assert not picture.closeups
    svg, width, height = picture_svg(geometry, picture, COLUMN, 60, 9.5)
    root = drawn(svg)
    assert groups(root, "bm-svg") and not groups(root, "bm-closeup")  # the map, placed as a group
    assert {g.get("data-key") for g in groups(root, "bm-key")} >= {"essential", "region"}
    assert 60 < height < 120 and width == COLUMN


def test_a_one_muscle_handout_prints_the_view_that_completes_its_picture(content, geometry):
    """Where a muscle's pattern needs a second close-up (the explorer's "See the rest", the
    study card's and the plan's "Also see"), the handout prints that one beside the first and
    its alt text names both."""
    from bodymap.render.print_picture import picture_alt
    from bodymap.study import muscle_closeups

    completed = 0
    for m in content.muscles.values():
        wanted = [s.closeup for s in muscle_closeups(content, geometry, m, "right")]
        picture = picture_for(content, geometry, m.region, [m.id], "right")
        assert [c.closeup for c in picture.closeups] == wanted, m.id
        if len(wanted) > 1:
            completed += 1
            assert geometry.closeups[wanted[1]].label in picture_alt(geometry, picture), m.id
    assert completed >= 10  # most regions have muscles whose pattern spans two views


def test_a_close_up_shown_on_screen_has_the_print_s_zones_with_a_pattern_for_its_dots(content, geometry):
    """The same picture, two stipples: the PDF's every dot (fpdf2 reads no <pattern>), the
    screen's one pattern (a patient's plan picture a third of the bytes), and the very same
    zones, muscles and trigger points in both."""
    from bodymap.render.closeup_print import render, sized_closeup
    from bodymap.study import muscle_closeups

    spec = muscle_closeups(content, geometry, content.muscles["upper-trapezius"], "right")[0]
    screen, width = sized_closeup(geometry, spec, 560, most=720)
    printed = render(geometry, spec, 364.0 / width)
    dot = re.compile(r" a[0-9.]+,[0-9.]+ 0 1 0 ")  # one half of a dot drawn as two arcs
    assert "<pattern" not in printed and dot.search(printed.split('class="bm-spillover"')[1].split("</g>")[0])
    [pattern_id] = set(re.findall(r'<pattern id="(bm-dots-[0-9.]+)"', screen))
    spill = screen.split('class="bm-spillover"')[1].split("</g>")[0]
    assert f'fill="url(#{pattern_id})"' in spill and not dot.search(screen)
    contract = r'data-(?:zone|area|muscle|trp)="[^"]*"'
    assert re.findall(contract, screen) == re.findall(contract, printed)
    assert len(screen) < len(printed) / 2


def test_a_picture_travels_as_a_written_out_data_url_half_the_compressed_size_of_base64(content, geometry):
    import base64
    import zlib
    from urllib.parse import unquote

    from bodymap.render.closeup_print import sized_closeup
    from bodymap.render.drawing import svg_data_url
    from bodymap.share import qr_svg
    from bodymap.study import muscle_closeups

    spec = muscle_closeups(content, geometry, content.muscles["upper-trapezius"], "right")[0]
    svg = sized_closeup(geometry, spec, 560)[0] + "<!-- 100% #1 é -->"
    url = svg_data_url(svg)
    assert url.startswith("data:image/svg+xml,<svg ") and "#" not in url and unquote(url.split(",", 1)[1]) == svg
    old = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    assert len(zlib.compress(url.encode())) < 0.6 * len(zlib.compress(old.encode()))
    # An <img> draws an SVG only with its namespace: added where the writer left it out (the QR code).
    qr = unquote(svg_data_url(qr_svg("http://clinic.test/plan?region=calf", scale=5)).split(",", 1)[1])
    assert qr.startswith('<svg xmlns="http://www.w3.org/2000/svg" ') and qr.count("xmlns=") == 1
