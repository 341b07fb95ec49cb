"""Study mode helpers: pictures, region sheets, comparison picks and page state.

Pure functions, so the Study and pain finder pages stay thin and everything here is
tested without a browser.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from jinja2 import Environment, FileSystemLoader

from .body_svg import MapSpec, render_map
from .content import Content
from .geometry import BodyGeometry
from .model import Muscle
from .picture import muscle_overlay, views_used

STUDY_MODES = ("cards", "compare", "atlas", "quiz")
STUDY_MODE_LABELS = {"cards": "Region cards", "compare": "Compare", "atlas": "Referral atlas", "quiz": "Quiz"}

# Autoescaped: content text can never become markup on the sheet.
_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                         autoescape=True, trim_blocks=True, lstrip_blocks=True)


# --- pictures -------------------------------------------------------------------------------

def referral_svg(geometry: BodyGeometry, muscle: Muscle, side: str = "right", *, anonymous: bool = False,
                 views: Sequence[str] | None = None, crop: bool = False) -> str:
    """A small static picture of a muscle's full referral pattern and trigger points.

    Drawn by the map renderer, so it matches the explorer. `views` defaults to the views
    the zone and trigger points are on.
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
    views = tuple(views) if views is not None else views_used(geometry, overlay)
    return render_map(geometry, MapSpec(targets="none", views=views, overlay=overlay, title=title, crop=crop))


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
    cards = []
    for m in content.muscles_in(region_id):
        cards.append({
            "muscle": m,
            "picture": referral_svg(geometry, m, side, crop=True),
            "essential": area_labels(geometry, m.referral.essential),
            "spillover": area_labels(geometry, m.referral.spillover),
            "look_alikes": [(content.muscles[la.muscle].name, la.how_to_tell)
                            for la in m.look_alikes if la.muscle in content.muscles],
        })
    return _TEMPLATES.get_template("study_sheet.html").render(
        region=content.regions[region_id], cards=cards, side=side, disclaimer=content.safety.disclaimer)


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
