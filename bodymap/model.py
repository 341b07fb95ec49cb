"""The content model: the nouns of the domain as typed, validated records.

Every record forbids unknown fields so that a typo in a YAML key is reported instead of
silently ignored. Cross-references (area, source, exercise and muscle ids) are checked
by `content.validate_references`, which knows the whole model.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .poses import skeleton

AUDIENCES = ("patient", "clinician", "student")

# Ids appear in URLs, so keep them short, lower-case and URL-safe.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


# Markdown images, inline `![x](url)` or by reference `![x][ref]`, `![x]`: the browser would fetch
# them, so a pack could track its readers or break the app's no-other-host promise. (Raw
# HTML is shown as text, and links open only when tapped.)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]")
# Links may go to web pages and mail only: a `javascript:` or `data:` link (inline `[x](…)`, a
# reference definition `[x]: …` or an autolink `<…>`) could run script or hand the reader a
# file made by whoever wrote the pack.
LINK_TARGET = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:|^\s*\[[^\]]+\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:"
                         r"|<\s*([A-Za-z][A-Za-z0-9+.-]*):[^\s>]*>", re.M)
LINK_SCHEMES = ("http", "https", "mailto")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_images(cls, value: object) -> object:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and (found := MARKDOWN_IMAGE.search(text)):
                raise ValueError(f"images are not allowed in text ({found.group(0)}…): the app never loads "
                                 "pictures from elsewhere; describe it in words")
            for link in LINK_TARGET.finditer(text) if isinstance(text, str) else ():
                scheme = next(g for g in link.groups() if g)
                if scheme.lower() not in LINK_SCHEMES:
                    raise ValueError(f"a link to {scheme}: is not allowed in text; links may only go to web "
                                     "pages (http:, https:) or mail (mailto:)")
        return value


class AudienceText(Record):
    """Text written once per audience; the app picks by the audience setting."""

    patient: str = Field(min_length=1)
    clinician: str = Field(min_length=1)
    student: str = Field(min_length=1)

    def for_audience(self, audience: str) -> str:
        return getattr(self, audience)


class Source(Record):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    author: str = Field(min_length=1, description="Author(s) or publisher")
    date: str = Field(min_length=4, description="Year, or full date for articles")
    kind: Literal["article", "clinical reference", "study", "guideline"]
    publisher: str = ""
    detail: str = ""  # journal, volume and pages, or edition

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        # YAML reads 2026-02-17 as a date; keep it as the text the author wrote.
        return value.isoformat() if isinstance(value, dt.date) else value


class Viewpoint(Record):
    """One side of a disagreement between sources."""

    says: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class Disagreement(Record):
    about: str = Field(min_length=1)
    views: list[Viewpoint] = Field(min_length=2)


class TriggerPoint(Record):
    """Where a trigger point lies: in words, and as a point on the map.

    The point is placed at the representative point of `area` (on the muscle's side),
    nudged by `dx`/`dy` map units, so it follows the geometry when the drawing changes.
    """

    description: str = Field(min_length=1)
    area: str
    dx: float = Field(default=0, ge=-40, le=40)
    dy: float = Field(default=0, ge=-40, le=40)


class MuscleShape(Record):
    """The muscle drawn on one view, in the geometry's coordinates: like an area, written for
    the viewer-left half of the front or back view, or for the right side view, and mirrored
    for the other side. A `chain` of [x, y, half-width] circles makes a smooth spindle from
    one attachment to the other; a `polygon` suits broad, flat muscles. `fibres` is the fibre
    direction in degrees (0 = across, 90 = up and down); a chain's runs along it by default."""

    view: Literal["front", "back", "side"]
    chain: list[tuple[float, float, Annotated[float, Field(gt=0)]]] | None = Field(default=None, min_length=2,
                                                                                 max_length=100)
    polygon: list[tuple[float, float]] | None = Field(default=None, min_length=3, max_length=200)
    fibres: float | None = Field(default=None, ge=-180, le=180)

    @model_validator(mode="after")
    def _one_kind(self) -> MuscleShape:
        if (self.chain is None) == (self.polygon is None):
            raise ValueError("needs exactly one of chain or polygon")
        return self


class Referral(Record):
    """The referral zone as areas: essential (solid) and spillover (stippled).

    `pain_guide` carries the manuals' pain guides: for an area of this muscle's zone, the
    place the muscle holds in the guide's list of muscles that refer pain there (1 = listed
    first, most often the cause). The pain finder ranks by it; `pain_guide_sources` names
    the guide it comes from.
    """

    essential: list[str] = Field(min_length=1)
    spillover: list[str] = []
    note: str = ""
    pain_guide: dict[str, int] = {}
    pain_guide_sources: list[str] = []

    @field_validator("pain_guide")
    @classmethod
    def _positive_places(cls, value: dict[str, int]) -> dict[str, int]:
        if bad := [area for area, place in value.items() if place < 1]:
            raise ValueError(f"places in a pain guide start at 1; check {', '.join(bad)}")
        return value

    @model_validator(mode="after")
    def _guide_has_a_source(self) -> Referral:
        if self.pain_guide and not self.pain_guide_sources:
            raise ValueError("pain_guide needs pain_guide_sources naming the guide it comes from")
        return self


class LookAlike(Record):
    muscle: str
    how_to_tell: str = Field(min_length=1)


class Muscle(Record):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    region: str
    also_called: list[str] = []
    summary: AudienceText
    trigger_points: list[TriggerPoint] = Field(min_length=1)
    referral: Referral
    patients_notice: list[str] = Field(min_length=1)
    aggravators: list[str] = Field(min_length=1)
    palpation: str = Field(min_length=1)
    needling_safety: str = Field(min_length=1)
    key_facts: list[str] = Field(min_length=1)
    look_alikes: list[LookAlike] = []
    disagreements: list[Disagreement] = []
    sources: list[str] = Field(min_length=1)
    drawing: list[MuscleShape] = Field(default=[], max_length=6)  # the muscle itself, on the close-ups


@dataclass(frozen=True)
class UrgencyLevel:
    """How fast to act on a red flag, and who to see: a short label for a heading and the
    action in the plainest words."""

    id: str
    label: str
    action: str


# Most urgent first. Every place that shows red flags (the explorer, the pain finder, the
# plan, the handout, Learn) groups and orders them by this list.
URGENCY_LEVELS: tuple[UrgencyLevel, ...] = (
    UrgencyLevel("emergency", "Emergency", "Call emergency services now."),
    UrgencyLevel("doctor-today", "See a doctor today", "Get seen by a doctor or urgent care today."),
    UrgencyLevel("today", "Call today", "Call your therapist or doctor today."),
    UrgencyLevel("doctor-soon", "See a doctor within days", "See a doctor within the next few days."),
    UrgencyLevel("next-visit", "Next visit", "Mention it at your next visit."),
)
Urgency = Literal["emergency", "doctor-today", "today", "doctor-soon", "next-visit"]
URGENCY_BY_ID: dict[str, UrgencyLevel] = {level.id: level for level in URGENCY_LEVELS}
# What to do, in the plainest words; shown with every red flag of that urgency.
URGENCY_ACTIONS: dict[str, str] = {level.id: level.action for level in URGENCY_LEVELS}


# A red flag's short form: one printed line on the handout, in plain words (letters,
# digits, spaces, commas, hyphens, apostrophes), no full stop.
RED_FLAG_SHORT_MAX = 50
RED_FLAG_SHORT_PATTERN = r"^[A-Z][A-Za-z0-9 ,'-]*[A-Za-z0-9]$"


class RedFlag(Record):
    """A warning sign in plain words, and how fast to act on it. `short` says the same sign
    in a few words, for the printed handout, where each urgency group must be found at a
    glance; the app's pages show the whole sign."""

    sign: str = Field(min_length=1)
    # Required; None only for an older pack's plain-line flag (the handout then prints its
    # first sentence).
    short: str | None = Field(min_length=1, max_length=RED_FLAG_SHORT_MAX, pattern=RED_FLAG_SHORT_PATTERN)
    urgency: Urgency
    sources: list[str] = []

    @property
    def printed(self) -> str:
        """The sign as the handout prints it: the short form, else the sign's first sentence."""
        if self.short:
            return self.short
        found = re.match(r"(.+?[.!?])(\s|$)", self.sign.strip())
        return found.group(1) if found else self.sign.strip()

    @property
    def action(self) -> str:
        return URGENCY_ACTIONS[self.urgency]

    @property
    def line(self) -> str:
        """The sign with what to do, as one line a patient reads."""
        return f"{self.sign.rstrip('.')}. {self.action}"


class Suitability(Record):
    helps: list[str] = Field(min_length=1)
    less_helpful: list[str] = Field(min_length=1)


class Region(Record):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    order: int = 0
    areas: list[str] = Field(min_length=1)
    closeups: list[str] = []  # the geometry's close-ups of this region, the first shown first
    # The areas that make the region's button on the whole-body map (a compact patch that
    # reads as "the neck"); all its areas when not given.
    map_areas: list[str] = []

    @property
    def button_areas(self) -> list[str]:
        return self.map_areas or self.areas
    overview: AudienceText
    suitability: Suitability
    safety: list[str] = Field(min_length=1)
    red_flags: list[RedFlag] = []  # this region's own warnings; the general ones are in safety.yaml
    exercises: list[str] = Field(min_length=2)
    exercise_pairing: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


def _one_of(what: str, allowed) -> AfterValidator:
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"unknown {what} {value!r}; {what}s are: {', '.join(allowed)}")
        return value

    return AfterValidator(check)


BodyPoint = Annotated[str, _one_of("body point", skeleton.POINTS)]
PropKind = Annotated[str, _one_of("prop", skeleton.PROPS)]
Limb = Annotated[str, _one_of("limb", skeleton.LIMBS)]


class Prop(Record):
    """Something in the picture besides the figure: furniture, or a thing held or lying
    under a body point (`at`, e.g. hand_l)."""

    kind: PropKind
    at: BodyPoint | None = None
    dx: float = Field(default=0, ge=-200, le=200, allow_inf_nan=False)  # nudge in picture units (about cm)
    dy: float = Field(default=0, ge=-200, le=200, allow_inf_nan=False)

    @model_validator(mode="after")
    def _placed(self) -> Prop:
        if self.at is None and self.kind in skeleton.PROPS_NEEDING_POINT:
            raise ValueError(f"a {self.kind} needs `at:`, the body point it touches (e.g. hand_l)")
        return self


class Arrow(Record):
    """An arrow for a push or a hold, where nothing moves: at a body point, pointing
    `toward` a picture angle (0 up, 90 right, 180 down)."""

    at: BodyPoint
    toward: float = Field(ge=-360, le=360, allow_inf_nan=False)
    offset: float = Field(default=9, ge=0, le=80, allow_inf_nan=False)  # how far from the point the arrow starts
    arrive: bool = False  # true: the arrow ends near the point instead of starting there


class Frame(Record):
    """One key position of an exercise: a pose of the drawn figure (see bodymap/poses/)."""

    caption: str = Field(min_length=1, max_length=90)
    view: Literal["side", "front", "back"]
    # A picture a patient can read holds a few things; the caps also keep a hostile pack cheap.
    pose: dict[str, float] = Field(default={}, max_length=len(skeleton.JOINT_LIMITS["side"]))
    props: list[Prop] = Field(default=[], max_length=8)
    moving: list[Limb] = Field(default=[], max_length=6)
    arrows: list[Arrow] = Field(default=[], max_length=6)
    ground: BodyPoint | None = None  # the body point that rests on the floor (or step)
    focus: Literal["full", "upper", "lower", "arms"] = "full"

    @field_validator("pose")
    @classmethod
    def _possible_pose(cls, pose: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        view = info.data.get("view")
        if view is None:  # the view itself is wrong; that error is reported on its own
            return pose
        limits = skeleton.JOINT_LIMITS[view]
        problems = []
        for joint, angle in pose.items():
            if joint not in limits:
                problems.append(f"unknown joint {joint!r}; joints are: {', '.join(limits)}")
                continue
            low, high = skeleton.joint_range(view, joint, pose)
            if not low <= angle <= high:
                problems.append(f"{joint} {angle:g}° is impossible: in the {view} view it can go "
                                f"from {low:g}° to {high:g}°")
        if problems:
            raise ValueError("; ".join(problems))
        return pose

    @field_validator("props", mode="before")
    @classmethod
    def _bare_props(cls, value: object) -> object:
        # `props: [wall, mat]` is the short form of `props: [{kind: wall}, {kind: mat}]`.
        if isinstance(value, list):
            return [{"kind": v} if isinstance(v, str) else v for v in value]
        return value



class Exercise(Record):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    purpose: str = Field(min_length=1)
    steps: list[str] = Field(min_length=1)
    dosage: str = Field(min_length=1)
    progression: str = Field(min_length=1)
    regression: str = Field(min_length=1)
    feel: str = Field(min_length=1)
    stop_if: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    # Optional, so a clinic's own pack can add drawings later; when given, at least a start
    # and an end position.
    frames: list[Frame] | None = Field(default=None, max_length=8)

    @field_validator("frames")
    @classmethod
    def _start_and_end(cls, frames: list[Frame] | None) -> list[Frame] | None:
        if frames is not None and len(frames) < 2:
            raise ValueError(f"needs at least 2 frames (a start and an end position), found {len(frames)}")
        return frames


class TopicSection(Record):
    heading: str = Field(min_length=1)
    body: AudienceText
    sources: list[str] = Field(min_length=1)


class Topic(Record):
    """A general education page built from the articles."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    order: int = 0
    # Which part of the patient handout this topic fills, if any (the first by order wins).
    handout: Literal["expect", "aftercare"] | None = None
    sections: list[TopicSection] = Field(min_length=1)
    disagreements: list[Disagreement] = []


class Safety(Record):
    """The safety text shown wherever the app suggests a muscle.

    The general red flags are read from the file's `red_flags:` list. Each item is a
    mapping (sign, urgency) or, in older packs, a plain line (read as "call today").
    `red_flags` gives them as lines with their action; `bodymap.safety.red_flags_for`
    adds a region's own flags.
    """

    model_config = ConfigDict(populate_by_name=True)

    disclaimer: str = Field(min_length=1)
    general_red_flags: list[RedFlag] = Field(alias="red_flags", min_length=3)
    contact_line: str = Field(min_length=1)
    not_for_needling: list[str] = Field(min_length=1)
    check_first: list[str] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)

    @field_validator("general_red_flags", mode="before")
    @classmethod
    def _plain_lines_call_today(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"sign": item, "urgency": "today", "short": None} if isinstance(item, str) else item for item in value]
        return value

    @property
    def red_flags(self) -> list[str]:
        return [flag.line for flag in self.general_red_flags]

# A term: plain words (letters, spaces, hyphens), optionally ending in * for "any ending".
TERM_PATTERN = r"^[A-Za-z][A-Za-z -]*\*?$"


class SafetyStructure(Record):
    """An anatomical structure that needling safety notes warn about. The quiz finds it in
    a region's safety notes (and its muscles' needling notes) by its terms, and shows its
    name as an answer option."""

    name: str = Field(min_length=1)
    terms: list[str] = Field(
        min_length=1,
        description="Words that name it in the notes. Case does not matter; a term matches whole "
        "words, and a trailing * matches any ending (`arter*` finds artery and arteries).",
    )

    @field_validator("terms")
    @classmethod
    def _plain_words(cls, terms: list[str]) -> list[str]:
        for term in terms:
            if not re.fullmatch(TERM_PATTERN, term):
                raise ValueError(f"term {term!r} must be plain words (letters, spaces, hyphens), "
                                 "optionally ending in * for any ending")
        return terms

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        words = [
            r"\s+".join(map(re.escape, term.rstrip("*").split())) + (r"\w*" if term.endswith("*") else r"\b")
            for term in self.terms
        ]
        return re.compile(r"\b(?:" + "|".join(words) + ")", re.IGNORECASE)

    def named_in(self, text: str) -> bool:
        return self.pattern.search(text) is not None


class StudyAids(Record):
    """What the Study page draws on besides the muscles themselves (study.yaml, optional)."""

    safety_structures: list[SafetyStructure] = []
    classic_look_alikes: list[tuple[str, str]] = Field(
        default=[], description="Muscle id pairs students often mix up, offered first as comparisons")

    @field_validator("safety_structures")
    @classmethod
    def _names_unique(cls, value: list[SafetyStructure]) -> list[SafetyStructure]:
        names = [s.name for s in value]
        if repeated := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"structure names must be unique; repeated: {repeated}")
        return value
