"""Study mode helpers: pictures, region sheets, comparison picks and page state.

Pure functions, so the Study and pain finder pages stay thin and everything here is
tested without a browser.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from html import escape
from typing import TypeVar

from .body_svg import BOTTOM, TOP, MapSpec, canvas_size, render_map, view_offsets
from .content import Content
from .geometry import VIEWS, BodyGeometry
from .model import Muscle
from .overlay import muscle_overlay

STUDY_MODES = ("cards", "compare", "atlas", "quiz")
STUDY_MODE_LABELS = {"cards": "Region cards", "compare": "Compare", "atlas": "Referral atlas", "quiz": "Quiz"}

_AREA_OUTLINES = re.compile(r'<path class="bm-area" d="[^"]*"><title>[^<]*</title></path>')


# --- pictures -------------------------------------------------------------------------------

def zone_views(geometry: BodyGeometry, muscle: Muscle) -> tuple[str, ...]:
    """The views (front/back) that the muscle's zone or trigger points appear on."""
    used = {geometry.base_areas[a][1] for a in (*muscle.referral.essential, *muscle.referral.spillover)}
    used |= {geometry.base_areas[tp.area][1] for tp in muscle.trigger_points}
    return tuple(v for v in VIEWS if v in used) or VIEWS


def referral_svg(geometry: BodyGeometry, muscle: Muscle, side: str = "right", *, anonymous: bool = False,
                 views: Sequence[str] = VIEWS, crop: bool = False) -> str:
    """A small static picture of a muscle's full referral pattern and trigger points.

    Drawn by the map renderer (so it matches the explorer), minus the faint outlines of
    every area, which a small picture does not need and which make it five times bigger.
    `anonymous=True` leaves the muscle's name out of every label (for quiz pictures).
    `crop=True` shows only the band of the body around the zone, so a small picture stays legible.
    """
    overlay = muscle_overlay(geometry, muscle, side)
    title = f"Referral pattern of {muscle.name} ({side} side)"
    if anonymous:
        overlay = replace(
            overlay,
            trigger_points=tuple((v, x, y, f"Trigger point {i}") for i, (v, x, y, _) in enumerate(overlay.trigger_points, 1)),
            caption="A referral pattern",
        )
        title = f"A referral pattern ({side} side)"
    svg = _AREA_OUTLINES.sub("", render_map(geometry, MapSpec(targets="none", views=tuple(views), overlay=overlay,
                                                               title=title)))
    return _crop(svg, geometry, tuple(views), overlay) if crop else svg


_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
TITLE_BAND = 22  # map units added above a cropped picture for the view titles


def _crop(svg: str, geometry: BodyGeometry, views: tuple[str, ...], overlay, *, pad: float = 16,
          min_height: float = 150) -> str:
    """Narrow the picture's viewBox to the rows of the body the overlay uses."""
    ys = [y for iid in (*overlay.essential, *overlay.spillover) if iid in geometry.areas
          and geometry.areas[iid].view in views for ring in geometry.areas[iid].rings for _, y in ring]
    ys += [y for view, _, y, _ in overlay.trigger_points if view in views]
    if not ys:
        return svg
    width, _ = canvas_size(geometry, views)
    bottom_limit = geometry.height + TOP + BOTTOM
    top, bottom = min(ys) + TOP - pad, max(ys) + TOP + pad
    if bottom - top < min_height:
        grow = (min_height - (bottom - top)) / 2
        top, bottom = top - grow, bottom + grow
    top, bottom = max(top, TOP), min(bottom, bottom_limit)
    if top <= TOP + 1:  # the crop reaches the top: the titles are there already
        box_top = 0.0
        band = ""
    else:
        box_top = top - TITLE_BAND
        offsets = view_offsets(geometry, views)
        band = (f'<rect x="0" y="{box_top:.1f}" width="{width:.0f}" height="{TITLE_BAND}" fill="#ffffff"/>'
                + "".join(f'<text class="bm-view-title" x="{offsets[v] + geometry.width / 2:.0f}" '
                          f'y="{box_top + 16:.1f}">{v.title()}</text>' for v in views))
    svg = _VIEWBOX.sub(f'viewBox="0 {box_top:.1f} {width:.0f} {bottom - box_top:.1f}"', svg, count=1)
    return svg.replace("</svg>", band + "</svg>") if band else svg


def area_labels(geometry: BodyGeometry, areas: Iterable[str]) -> list[str]:
    return [geometry.base_areas[a][0] for a in areas if a in geometry.base_areas]


# --- compare ----------------------------------------------------------------------------

def look_alike_pairs(content: Content) -> list[tuple[str, str]]:
    """Muscle pairs worth comparing: the classic mix-ups (study.yaml), then each muscle's look-alikes."""
    pairs: list[tuple[str, str]] = []
    seen: set[frozenset[str]] = set()
    candidates = list(content.study.classic_look_alikes) + [
        (m.id, la.muscle) for m in content.muscles.values() for la in m.look_alikes
    ]
    for a, b in candidates:
        key = frozenset((a, b))
        if a != b and a in content.muscles and b in content.muscles and key not in seen:
            seen.add(key)
            pairs.append((a, b))
    return pairs


def compare_rows(content: Content, geometry: BodyGeometry, muscle_ids: Sequence[str]) -> list[dict[str, str]]:
    """One row per area that any chosen muscle refers to: how each muscle covers it.

    Rows list shared areas first (the ones that cause confusion), then by body view.
    """
    muscles = [content.muscles[m] for m in muscle_ids if m in content.muscles]
    areas: list[str] = []
    for m in muscles:
        for a in (*m.referral.essential, *m.referral.spillover):
            if a not in areas:
                areas.append(a)

    def how(m: Muscle, area: str) -> str:
        if area in m.referral.essential:
            return "essential"
        if area in m.referral.spillover:
            return "spillover"
        return ""

    rows = []
    for area in areas:
        row = {"Area": geometry.base_areas[area][0], "View": geometry.base_areas[area][1]}
        row.update({m.name: how(m, area) for m in muscles})
        rows.append(row)
    names = [m.name for m in muscles]
    rows.sort(key=lambda r: (-sum(bool(r[n]) for n in names), r["View"] != "front"))
    return rows


# --- region cards -----------------------------------------------------------------------

def region_sheet_html(content: Content, geometry: BodyGeometry, region_id: str, side: str = "right") -> str:
    """A self-contained, printable HTML study sheet for one region."""
    region = content.regions[region_id]
    muscles = content.muscles_in(region_id)
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{escape(region.name)}: study sheet</title>",
        "<style>",
        "body{font:14px/1.45 system-ui,sans-serif;color:#1f2a33;margin:24px;max-width:980px}",
        "h1{margin:0 0 4px}h2{margin:0 0 6px;font-size:18px}.muted{color:#5b6770}",
        ".card{display:flex;gap:16px;border:1px solid #d8cfc6;border-radius:8px;padding:12px;margin:12px 0;"
        "page-break-inside:avoid;break-inside:avoid}",
        ".pic{flex:0 0 230px}.pic svg{width:230px;height:auto}.text{flex:1}ul,ol{margin:4px 0 8px 18px;padding:0}",
        "@media print{body{margin:0}.card{border-color:#999}}",
        "</style></head><body>",
        f"<h1>{escape(region.name)}</h1>",
        f"<p class='muted'>Study sheet: {len(muscles)} muscles. Referral drawn on the {escape(side)} side; "
        "solid = essential zone, hatched = spillover, X = trigger point.</p>",
        f"<p>{escape(region.overview.student)}</p>",
        "<h2>Safety near this region</h2><ul>",
        *[f"<li>{escape(s)}</li>" for s in region.safety],
        "</ul>",
    ]
    for m in muscles:
        essential = ", ".join(escape(a) for a in area_labels(geometry, m.referral.essential))
        spillover = ", ".join(escape(a) for a in area_labels(geometry, m.referral.spillover)) or "none"
        out += [
            "<div class='card'>",
            f"<div class='pic'>{referral_svg(geometry, m, side, views=zone_views(geometry, m), crop=True)}</div>",
            "<div class='text'>",
            f"<h2>{escape(m.name)}</h2>",
            f"<p><b>Essential zone:</b> {essential}<br><b>Spillover:</b> {spillover}</p>",
            "<b>Trigger points</b><ol>",
            *[f"<li>{escape(tp.description)}</li>" for tp in m.trigger_points],
            "</ol><b>Key facts</b><ul>",
            *[f"<li>{escape(f)}</li>" for f in m.key_facts],
            "</ul>",
            f"<p><b>Nearby structures:</b> {escape(m.needling_safety)}</p>",
        ]
        if m.look_alikes:
            out.append("<b>Look-alikes</b><ul>" + "".join(
                f"<li><i>{escape(content.muscles[la.muscle].name)}</i>: {escape(la.how_to_tell)}</li>"
                for la in m.look_alikes if la.muscle in content.muscles) + "</ul>")
        out.append("</div></div>")
    out.append(f"<p class='muted'>{escape(content.safety.disclaimer)}</p></body></html>")
    return "".join(out)


# --- region cards, a page at a time ------------------------------------------------------

# A card is about a dozen page elements. Streamlit (1.67) gives up on a browser that has
# 500 messages waiting, so one run drawing a region of hundreds of muscles (~6,000
# elements) stalled the page for good: cards come a page at a time.
CARDS_PER_PAGE = 20
T = TypeVar("T")


def page_of(items: Sequence[T], page: int, per_page: int = CARDS_PER_PAGE) -> tuple[list[T], int, int]:
    """(the items on `page`, counted from 1 and kept within the pages there are; that page;
    the number of pages)."""
    pages = max(1, -(-len(items) // per_page))
    page = min(max(1, page), pages)
    return list(items[(page - 1) * per_page:page * per_page]), page, pages
