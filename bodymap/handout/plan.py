"""What the handout will say and show, gathered from the content for one request.

The page's preview shows exactly this plan; `pdf.render_plan` prints it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import citations
from ..content import Content
from ..geometry import BodyGeometry
from ..poses.draw import FramePicture, exercise_pictures
from ..render.print_picture import Picture, picture_for
from ..safety import red_flag_groups, red_flags_for
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
    frames: tuple[FramePicture, ...] = ()  # the key positions, drawn by bodymap.poses.draw


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
    # (what to do, the signs in short): the red flags by urgency, most urgent first
    red_flag_groups: tuple[tuple[str, tuple[str, ...]], ...]
    contact_line: str
    exercises: tuple[ExerciseSheet, ...]
    note: str
    sources: tuple[tuple[str, str], ...]  # (short citation, full line)
    disclaimer: str
    link: str
    picture: Picture
    paper: str
    missing: tuple[str, ...] = ()  # parts left out because the content does not have them yet


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
    used = [content.sources[s] for s in dict.fromkeys(cited) if s in content.sources]
    sources = tuple(zip(citations.distinct_shorts(used), (citations.line(s) for s in used)))
    sheets = tuple(
        ExerciseSheet(
            id=e.id, name=e.name, purpose=e.purpose, steps=tuple(e.steps),
            dosage=request.dosage[e.id].words() if e.id in request.dosage else e.dosage,
            dosage_changed=e.id in request.dosage,
            feel=e.feel, stop_if=tuple(e.stop_if), frames=tuple(exercise_pictures(e, size=160)),
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
        # each sign in short; two signs with the same short form print once
        red_flag_groups=tuple((g.action, tuple(dict.fromkeys(f.printed for f in g.flags)))
                              for g in red_flag_groups(content, region.id)),
        contact_line=content.safety.contact_line,
        exercises=sheets,
        note=request.note,
        sources=sources,
        disclaimer=content.safety.disclaimer,
        link=request.link(),
        picture=picture_for(content, geometry, request.region, request.muscles, request.side),
        paper=request.paper,
        missing=tuple(missing),
    )
