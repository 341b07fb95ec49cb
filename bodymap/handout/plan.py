"""What the handout will say and show, gathered from the content for one request.

The page's preview shows exactly this plan; `pdf.render_plan` prints it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import citations
from ..closeup_svg import CloseupSpec
from ..content import Content
from ..geometry import BodyGeometry, instance_id
from ..model import Muscle
from ..muscle_shapes import drawn_muscle
from ..picture import Overlay, combined_overlay, muscle_overlay, views_used
from ..poses import exercise_frames_svg
from ..safety import red_flags_for
from .request import SIDES, HandoutError, HandoutRequest


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
    closeups = tuple(
        CloseupSpec(cid, request.side, tuple(content.muscles_in(region.id)), muscles[0].id if muscles else None,
                    overlay, targets="none", legend=False, more_chosen=tuple(m.id for m in muscles[1:]))
        for cid in closeups_for(geometry, [c for c in region.closeups if c in geometry.closeups], muscles,
                                overlay, request.side)
    )
    return Picture(views, (region.id, region.name, tuple(region.areas)), overlay, numbers, closeups)


MAX_CLOSEUPS = 2  # side by side in a column of the page


def closeups_for(geometry: BodyGeometry, closeups: list[str], muscles: list[Muscle], overlay: Overlay,
                 side: str) -> list[str]:
    """The region's close-ups that show the muscles and their patterns: those with the most
    on them (zones, trigger points, the muscles drawn), most first, up to MAX_CLOSEUPS.
    With no muscle, the region's first close-up."""
    if not muscles or not closeups:
        return closeups[:1]
    drawn = [d.view for m in muscles for d in drawn_muscle(geometry, m, side)]

    def weight(cid: str) -> float:
        view = geometry.window(cid, side)[0]
        on = [geometry.areas[i].view == view for i in (*overlay.essential, *overlay.spillover) if i in geometry.areas]
        essential = sum(geometry.areas[i].view == view for i in overlay.essential if i in geometry.areas)
        return (2 * essential + sum(on) + 2 * sum(v == view for v, *_ in overlay.trigger_points)
                + 2 * drawn.count(view))

    weights = {cid: weight(cid) for cid in closeups}
    best = sorted((c for c in closeups if weights[c] > 0), key=lambda c: (-weights[c], closeups.index(c)))
    return best[:MAX_CLOSEUPS] or closeups[:1]


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
