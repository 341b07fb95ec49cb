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

from .render.body_svg import MapSpec, render_map
from .render.closeup_print import sized_closeup
from .render.closeup_svg import CloseupSpec, best_view, best_views, closeup_window
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


def muscle_closeup(content: Content, geometry: BodyGeometry, muscle: Muscle, side: str = "right",
                   closeup: str | None = None) -> CloseupSpec | None:
    """The muscle on a close-up of its region (`closeup`, or the one that shows it best):
    filled, with its trigger points and zones, the region's other muscles pale. None when
    its region has no close-up (a content pack may have none)."""
    region = content.regions.get(muscle.region)
    closeups = [c for c in region.closeups if c in geometry.closeups] if region else []
    closeup = closeup if closeup in closeups else best_view(geometry, closeups, muscle, side)
    if closeup is None:
        return None
    return CloseupSpec(closeup, side, tuple(content.muscles_in(muscle.region)), muscle.id,
                       muscle_overlay(geometry, muscle, side), targets="none", legend=False)


def muscle_closeups(content: Content, geometry: BodyGeometry, muscle: Muscle, side: str = "right"
                    ) -> list[CloseupSpec]:
    """The close-up a muscle opens on, then the one view of its region that completes it
    (shows zones or trigger points the first leaves out), if there is one: the first is
    shown, the second offered as one tap under it."""
    first = muscle_closeup(content, geometry, muscle, side)
    if first is None:
        return []
    closeups = [c for c in content.regions[muscle.region].closeups if c in geometry.closeups]
    return [replace(first, closeup=c) for c in best_views(geometry, closeups, [muscle], side, most=2)]


def rest_view(content: Content, geometry: BodyGeometry, muscle: Muscle, side: str = "right") -> str | None:
    """The label of the close-up that completes the muscle's picture (what its first view
    leaves out), the one the explorer offers as "See the rest" and the plan as "Also see";
    None when the first view shows it all."""
    specs = muscle_closeups(content, geometry, muscle, side)
    return geometry.closeups[specs[1].closeup].label if len(specs) > 1 else None


# Close-ups here are drawn with attributes only (closeup_print.sized_closeup): they are shown
# as images, often small, and many sit in one page (the printable sheet: `inline`), where
# inline <style> rules and ids would meet.


def card_svg(content: Content, geometry: BodyGeometry, muscle: Muscle, side: str = "right", *,
             height: float = 380, most: float = 300, inline: bool = False) -> tuple[str, int]:
    """A study card's picture and its width in CSS px: the muscle on its best close-up (the
    whole body, cropped, for a region without close-ups)."""
    spec = muscle_closeup(content, geometry, muscle, side)
    if spec is None:
        return referral_svg(geometry, muscle, side, crop=True), 190
    return sized_closeup(geometry, spec, height, most, inline=inline)


def compare_closeups(content: Content, geometry: BodyGeometry, muscle_ids: Sequence[str],
                     side: str = "right") -> list[tuple[Muscle, CloseupSpec]]:
    """Each muscle on its own copy of a close-up, to show side by side.

    Muscles of one region share the close-up that is the best one (`best_view`) for most of
    them, each copy framed the same so the same body part is the same size in each; a muscle
    whose essential zone is not on that one keeps its own best close-up. Muscles whose
    region has no close-up are left out.
    """
    muscles = [content.muscles[m] for m in muscle_ids if m in content.muscles]
    best = {m.id: muscle_closeup(content, geometry, m, side) for m in muscles}
    out: list[tuple[Muscle, CloseupSpec]] = []
    for m in muscles:
        spec = best[m.id]
        if spec is None:
            continue
        region = content.regions[m.region]
        mates = [o for o in muscles if o.region == m.region and best[o.id] is not None]
        shows = {c: {o.id for o in mates if _shows(geometry, replace(best[o.id], closeup=c))}
                 for c in region.closeups if c in geometry.closeups}
        shared = max(shows, key=lambda c: (sum(best[o.id].closeup == c for o in mates), len(shows[c]),
                                           -region.closeups.index(c)))
        if m.id in shows[shared]:
            spec = replace(spec, closeup=shared)
        out.append((m, spec))
    # copies of one close-up share one window: the union of what each needs
    windows: dict[str, list[tuple[float, float, float, float]]] = {}
    for _, spec in out:
        windows.setdefault(spec.closeup, []).append(closeup_window(geometry, spec)[1])
    union = {c: (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
             for c, bs in windows.items()}
    return [(m, replace(spec, window=union[spec.closeup])) for m, spec in out]


def _shows(geometry: BodyGeometry, spec: CloseupSpec) -> bool:
    """Whether the close-up shows some of the muscle's essential zone (in its window)."""
    view, (x0, y0, x1, y1) = closeup_window(geometry, spec)
    return any(geometry.areas[i].view == view and x0 <= geometry.areas[i].anchor[0] <= x1
               and y0 <= geometry.areas[i].anchor[1] <= y1 for i in spec.overlay.essential if i in geometry.areas)


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
        picture, width = card_svg(content, geometry, m, side, height=360, most=230, inline=True)
        cards.append({
            "muscle": m,
            "picture": picture,
            "width": width,
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
# elements) stalled the page for good: cards come a page at a time. Eight (four rows of two on
# a laptop) keep a page within about four laptop screens with the cards' large pictures.
CARDS_PER_PAGE = 8
T = TypeVar("T")


def page_of(items: Sequence[T], page: int, per_page: int = CARDS_PER_PAGE) -> tuple[list[T], int, int]:
    """(the items on `page`, counted from 1 and kept within the pages there are; that page;
    the number of pages)."""
    pages = max(1, -(-len(items) // per_page))
    page = min(max(1, page), pages)
    return list(items[(page - 1) * per_page:page * per_page]), page, pages
