"""What the handout will say and show, gathered from the content for one request.

The page's preview shows exactly this plan; `pdf.render_plan` prints it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import citations
from ..closeup_svg import CloseupSpec, closeup_window
from ..content import Content
from ..geometry import SIDES, BodyGeometry, instance_id
from ..model import Muscle
from ..muscle_shapes import drawn_muscle
from ..picture import Overlay, combined_overlay, muscle_overlay, views_used
from ..poses import exercise_frames_svg
from ..safety import red_flags_for
from .request import HandoutError, HandoutRequest


@dataclass(frozen=True)
class TextSection:
    heading: str
    body: str


@dataclass(frozen=True)
class ExerciseSheet:
    id: str
    name: str
    purpose: str
    steps: tuple[str, ...]
    dosage: str
    dosage_changed: bool
    feel: str
    stop_if: tuple[str, ...]
    frames: tuple[str, ...] = ()  # SVGs of the key positions, drawn by bodymap.poses


@dataclass(frozen=True)
class Picture:
    """What the body picture shows: the region, the referral zones and the trigger points.

    The region's close-ups draw it (`closeup_svg.render_closeup`, on the page's preview and,
    with for_pdf, in the PDF): at most MAX_CLOSEUPS of them, side by side. A content pack
    whose region has no close-up gets the whole-body map (`views`) instead.
    """

    views: tuple[str, ...]
    region: tuple[str, str, tuple[str, ...]]  # (id, name, base areas), as MapSpec.regions takes it
    overlay: Overlay
    numbers: tuple[tuple[str, float, float, int], ...]  # (view, x, y, muscle number) per trigger point
    closeups: tuple[CloseupSpec, ...] = ()
    elsewhere: tuple[str, ...] = ()  # labels of the zones no close-up here shows (too far, another view)


@dataclass(frozen=True)
class HandoutPlan:
    title: str
    date_text: str
    region_name: str
    overview: str
    muscles: tuple[tuple[str, str], ...]  # (name, plain-language summary), numbered as on the picture
    expect: tuple[TextSection, ...]
    aftercare: tuple[TextSection, ...]
    red_flags: tuple[str, ...]
    contact_line: str
    exercises: tuple[ExerciseSheet, ...]
    note: str
    sources: tuple[tuple[str, str], ...]  # (short citation, full line)
    disclaimer: str
    link: str
    picture: Picture
    paper: str
    missing: tuple[str, ...] = ()  # parts left out because the content does not have them yet


def picture_for(content: Content, geometry: BodyGeometry, request: HandoutRequest) -> Picture:
    """What the body picture shows for a request whose region and muscles are known ids."""
    region = content.regions[request.region]
    muscles = [content.muscles[m] for m in request.muscles]
    overlay = combined_overlay(geometry, muscles, request.side)
    numbers = tuple(
        (view, x, y, number)
        for number, muscle in enumerate(muscles, start=1)
        for view, x, y, _ in muscle_overlay(geometry, muscle, request.side).trigger_points
    )
    # With no muscle chosen, the picture shows the region itself.
    region_areas = () if muscles else {instance_id(a, s) for a in region.areas for s in SIDES}
    views = views_used(geometry, overlay, areas=region_areas)
    specs = [CloseupSpec(cid, request.side, tuple(content.muscles_in(region.id)), muscles[0].id if muscles else None,
                         overlay, targets="none", legend=False, more_chosen=tuple(m.id for m in muscles[1:]))
             for cid in region.closeups if cid in geometry.closeups]
    closeups = closeups_for(geometry, specs, muscles)
    shown = set().union(*(_shown(geometry, spec) for spec in closeups))
    elsewhere = tuple(geometry.areas[i].label for i in sorted((*overlay.essential, *overlay.spillover))
                      if i in geometry.areas and i not in shown) if closeups else ()
    return Picture(views, (region.id, region.name, tuple(region.areas)), overlay, numbers, tuple(closeups), elsewhere)


MAX_CLOSEUPS = 2  # side by side in a column of the page


def _shown(geometry: BodyGeometry, spec: CloseupSpec) -> set:
    """What of the overlay the close-up shows: zone ids and trigger points in its window."""
    view, (x0, y0, x1, y1) = closeup_window(geometry, spec)

    def inside(x: float, y: float) -> bool:
        return x0 <= x <= x1 and y0 <= y <= y1

    zones = {i for i in (*spec.overlay.essential, *spec.overlay.spillover)
             if i in geometry.areas and geometry.areas[i].view == view and inside(*geometry.areas[i].anchor)}
    return zones | {tp for tp in spec.overlay.trigger_points if tp[0] == view and inside(*tp[1:3])}


def closeups_for(geometry: BodyGeometry, specs: list[CloseupSpec], muscles: list[Muscle]) -> list[CloseupSpec]:
    """The close-ups that show the muscles and their patterns: the one with most on it
    (essential zones count three, trigger points and the muscles drawn two, spillover one),
    then, up to MAX_CLOSEUPS, those that add most of what the first ones leave out. With no
    muscle, the region's first close-up."""
    if not muscles or not specs:
        return specs[:1]
    essential = specs[0].overlay.essential
    drawn = [d.view for m in muscles for d in drawn_muscle(geometry, m, specs[0].side)]
    shows = {spec.closeup: _shown(geometry, spec) for spec in specs}

    def weight(items: set) -> int:
        return sum(3 if i in essential else 1 if isinstance(i, str) else 2 for i in items)

    def view(spec: CloseupSpec) -> str:
        return geometry.window(spec.closeup, spec.side)[0]

    first = max(specs, key=lambda c: (weight(shows[c.closeup]) + 2 * drawn.count(view(c)), -specs.index(c)))
    chosen, covered = [first], set(shows[first.closeup])
    while len(chosen) < MAX_CLOSEUPS:
        taken = {c.closeup for c in chosen}
        rest = [c for c in specs if c.closeup not in taken and weight(shows[c.closeup] - covered) > 0]
        if not rest:
            break
        nxt = max(rest, key=lambda c: (weight(shows[c.closeup] - covered), -specs.index(c)))
        chosen.append(nxt)
        covered |= shows[nxt.closeup]
    return chosen


def _topic_sections(content: Content, part: str) -> tuple[tuple[TextSection, ...], list[str]]:
    """The sections of the first topic (by order) whose `handout:` field names this part."""
    for topic in sorted(content.topics.values(), key=lambda t: t.order):
        if topic.handout == part:
            return tuple(TextSection(s.heading, s.body.patient) for s in topic.sections), \
                [src for s in topic.sections for src in s.sources]
    return (), []


def plan_handout(content: Content, geometry: BodyGeometry, request: HandoutRequest) -> HandoutPlan:
    """Check the request and gather the handout's text and picture. Raises HandoutError."""
    problems = request.problems(content)
    if problems:
        raise HandoutError(problems)
    region = content.regions[request.region]
    muscles = [content.muscles[m] for m in request.muscles]
    exercises = [content.exercises[e] for e in request.exercises]
    expect, expect_src = _topic_sections(content, "expect")
    aftercare, after_src = _topic_sections(content, "aftercare")
    missing = []
    if not expect:
        missing.append("what to expect and the usual timeline (no education topic has 'handout: expect')")
    if not aftercare:
        missing.append("aftercare (no education topic has 'handout: aftercare')")
    # The one place the handout's red flags are chosen: the general ones and the region's own,
    # emergencies first.
    flags = red_flags_for(content, region.id)
    cited = [*region.sources, *(s for m in muscles for s in m.sources), *(s for e in exercises for s in e.sources),
             *expect_src, *after_src, *content.safety.sources,
             *(s for f in flags for s in f.sources)]
    sources = tuple((citations.short(content.sources[s]), citations.line(content.sources[s]))
                    for s in dict.fromkeys(cited) if s in content.sources)
    sheets = tuple(
        ExerciseSheet(
            id=e.id, name=e.name, purpose=e.purpose, steps=tuple(e.steps),
            dosage=request.dosage.get(e.id) or e.dosage, dosage_changed=bool(request.dosage.get(e.id)),
            feel=e.feel, stop_if=tuple(e.stop_if), frames=tuple(exercise_frames_svg(e, size=160)),
        )
        for e in exercises
    )
    return HandoutPlan(
        title=f"Dry needling handout: {region.name}",
        date_text=f"{request.date.day} {request.date:%B %Y}",
        region_name=region.name,
        overview=region.overview.patient,
        muscles=tuple((m.name, m.summary.patient) for m in muscles),
        expect=expect,
        aftercare=aftercare,
        red_flags=tuple(f.line for f in flags),
        contact_line=content.safety.contact_line,
        exercises=sheets,
        note=request.note,
        sources=sources,
        disclaimer=content.safety.disclaimer,
        link=request.link(),
        picture=picture_for(content, geometry, request),
        paper=request.paper,
        missing=tuple(missing),
    )
