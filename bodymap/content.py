"""Loads the content folder into a validated model.

Content is YAML. Loading either returns a whole `Content` or raises `ContentErrors`
with every problem found, each naming the file and the field, so that the app never
shows half-loaded content as if it were whole.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ValidationError

from .geometry import BodyGeometry, geometry_file, load_geometry
from .model import Exercise, Muscle, Region, Safety, Source, StudyAids, Topic
from .pack_files import ContentError, ContentErrors, read_yaml, rel, validation_errors

__all__ = ["Content", "ContentError", "ContentErrors", "content_dir", "load_content"]
DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "data"

# folder -> (top-level key, record type). Each file in the folder holds a list under the key.
COLLECTIONS: dict[str, tuple[str, type[BaseModel]]] = {
    "sources": ("sources", Source),
    "regions": ("regions", Region),
    "muscles": ("muscles", Muscle),
    "exercises": ("exercises", Exercise),
    "topics": ("topics", Topic),
}
SAFETY_FILE = "safety.yaml"
STUDY_FILE = "study.yaml"  # optional: quiz structures and classic look-alike pairs


@dataclass(frozen=True)
class Content:
    sources: dict[str, Source]
    regions: dict[str, Region]  # in display order
    muscles: dict[str, Muscle]
    exercises: dict[str, Exercise]
    topics: dict[str, Topic]
    safety: Safety
    study: StudyAids = field(default_factory=StudyAids)
    origin: dict[str, str] = field(default_factory=dict, compare=False)  # "kind:id" -> file
    by_region: dict[str, tuple[Muscle, ...]] = field(default_factory=dict, compare=False)
    # base area id -> the muscles whose referral zone (essential or spillover) includes it,
    # in content order: the pain finder looks areas up on every press.
    by_area: dict[str, tuple[Muscle, ...]] = field(default_factory=dict, compare=False)
    muscle_place: dict[str, int] = field(default_factory=dict, compare=False)  # muscle id -> place in `muscles`
    # The pack's own body drawing (its geometry.yaml, else the shipped one): areas named in
    # the content were checked against it, so views draw from this one.
    geometry: BodyGeometry | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Pages ask for a region's muscles on every rerun; index them once (a large pack
        # has 1,000 muscles).
        index: dict[str, list[Muscle]] = {}
        for muscle in self.muscles.values():
            index.setdefault(muscle.region, []).append(muscle)
        object.__setattr__(self, "by_region", {r: tuple(ms) for r, ms in index.items()})
        object.__setattr__(self, "muscle_place", {mid: i for i, mid in enumerate(self.muscles)})
        referring: dict[str, list[Muscle]] = {}
        for muscle in self.muscles.values():
            for area in dict.fromkeys((*muscle.referral.essential, *muscle.referral.spillover)):
                referring.setdefault(area, []).append(muscle)
        object.__setattr__(self, "by_area", {a: tuple(ms) for a, ms in referring.items()})

    def muscles_referring_to(self, areas: Iterable[str]) -> list[Muscle]:
        """The muscles whose referral zone includes any of these base area ids, in content order."""
        found = {m.id: m for area in dict.fromkeys(areas) for m in self.by_area.get(area, ())}
        return sorted(found.values(), key=lambda m: self.muscle_place[m.id])

    def muscles_in(self, region_id: str) -> list[Muscle]:
        return list(self.by_region.get(region_id, ()))

    def exercises_for(self, region_id: str) -> list[Exercise]:
        return [self.exercises[e] for e in self.regions[region_id].exercises]

    def region_of_area(self) -> dict[str, str]:
        return {area: r.id for r in self.regions.values() for area in r.areas}


def content_dir() -> Path:
    return Path(os.environ.get("BODYMAP_CONTENT_DIR") or DEFAULT_CONTENT_DIR)


def _records(path: Path, root: Path, key: str, kind: type[BaseModel]):
    """Yield (record or None, errors) for each item in one collection file."""
    data, errors = read_yaml(path, root)
    name = rel(path, root)
    if errors:
        yield None, errors
        return
    if not isinstance(data, dict) or key not in data:
        yield None, [ContentError(name, key, f"expected a top-level '{key}:' list")]
        return
    if extra := sorted(set(data) - {key}):
        yield None, [ContentError(name, ", ".join(map(str, extra)), f"unknown top-level key; only '{key}:' is allowed")]
    items = data[key]
    if not isinstance(items, list):
        yield None, [ContentError(name, key, f"must be a list, not {type(items).__name__}")]
        return
    for i, item in enumerate(items):
        try:
            yield kind.model_validate(item), []
        except ValidationError as exc:
            yield None, validation_errors(exc, name, data, prefix=(key, i))


def load_content(root: Path | None = None) -> Content:
    """Load and validate a content folder with its geometry; raise ContentErrors listing
    every problem in both."""
    root = Path(root or content_dir())
    errors: list[ContentError] = []
    if not root.is_dir():
        raise ContentErrors([ContentError(str(root), "", "content folder not found")])

    found: dict[str, dict[str, BaseModel]] = {}
    origin: dict[str, str] = {}
    for folder, (key, kind) in COLLECTIONS.items():
        found[folder] = {}
        files = sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []
        if not files:
            errors.append(ContentError(f"{root.name}/{folder}/", "", "no .yaml files found"))
        for path in files:
            for record, errs in _records(path, root, key, kind):
                errors += errs
                if record is None:
                    continue
                name = rel(path, root)
                if record.id in found[folder]:
                    errors.append(ContentError(name, f"{key} ({record.id}).id",
                                               f"duplicate id; already defined in {origin[f'{folder}:{record.id}']}"))
                    continue
                found[folder][record.id] = record
                origin[f"{folder}:{record.id}"] = name

    safety = None
    data, errs = read_yaml(root / SAFETY_FILE, root) if os.path.lexists(root / SAFETY_FILE) else (
        None, [ContentError(f"{root.name}/{SAFETY_FILE}", "", "file not found")])
    errors += errs
    if data is not None:
        try:
            safety = Safety.model_validate(data)
        except ValidationError as exc:
            errors += validation_errors(exc, f"{root.name}/{SAFETY_FILE}", data)

    study = StudyAids()
    if os.path.lexists(root / STUDY_FILE):
        origin["study"] = f"{root.name}/{STUDY_FILE}"
        data, errs = read_yaml(root / STUDY_FILE, root)
        errors += errs
        try:
            study = StudyAids.model_validate(data if data is not None else {})
        except ValidationError as exc:
            errors += validation_errors(exc, f"{root.name}/{STUDY_FILE}", data)

    geometry = None
    try:
        geometry = load_geometry(geometry_file(root))
    except ContentErrors as exc:
        errors += exc.errors

    if errors or safety is None or geometry is None:
        raise ContentErrors(errors or [ContentError(SAFETY_FILE, "", "could not be loaded")])

    regions = dict(sorted(found["regions"].items(), key=lambda kv: (kv[1].order, kv[1].name)))
    content = Content(
        sources=found["sources"],
        regions=regions,
        muscles=found["muscles"],
        exercises=found["exercises"],
        topics=dict(sorted(found["topics"].items(), key=lambda kv: (kv[1].order, kv[1].title))),
        safety=safety,
        study=study,
        origin=origin,
        geometry=geometry,
    )
    errors = validate_references(content, geometry.base_areas, geometry.closeups)
    if errors:
        raise ContentErrors(errors)
    return content


def validate_references(content: Content, areas: Mapping[str, object],
                        closeups: Mapping[str, object] = MappingProxyType({})) -> list[ContentError]:
    """Check that every id a record names exists (areas from the content's geometry), and
    that no area belongs to two regions."""
    errors: list[ContentError] = []

    def check(kind: str, rid: str, fld: str, ids: Iterable[str], known, what: str) -> None:
        for value in ids:
            if value not in known:
                errors.append(ContentError(content.origin.get(f"{kind}:{rid}", kind), f"{kind} ({rid}).{fld}",
                                           f"unknown {what} id {value!r}"))

    for kind, records in (("regions", content.regions), ("muscles", content.muscles),
                          ("exercises", content.exercises)):
        for rid, rec in records.items():
            check(kind, rid, "sources", rec.sources, content.sources, "source")
    owner: dict[str, str] = {}
    for rid, region in content.regions.items():
        check("regions", rid, "red_flags.sources", [s for f in region.red_flags for s in f.sources],
              content.sources, "source")
        check("regions", rid, "areas", region.areas, areas, "area")
        check("regions", rid, "exercises", region.exercises, content.exercises, "exercise")
        check("regions", rid, "closeups", region.closeups, closeups, "close-up")
        check("regions", rid, "map_areas", region.map_areas, region.areas, "area of this region:")
        for area in region.areas:
            if area in owner:
                errors.append(ContentError(content.origin.get(f"regions:{rid}", "regions"), f"regions ({rid}).areas",
                                           f"area {area!r} already belongs to region {owner[area]!r}"))
            owner[area] = rid
    for mid, m in content.muscles.items():
        check("muscles", mid, "region", [m.region], content.regions, "region")
        check("muscles", mid, "referral.essential", m.referral.essential, areas, "area")
        check("muscles", mid, "referral.spillover", m.referral.spillover, areas, "area")
        check("muscles", mid, "trigger_points.area", [tp.area for tp in m.trigger_points], areas, "area")
        check("muscles", mid, "referral.pain_guide_sources", m.referral.pain_guide_sources, content.sources, "source")
        if outside := sorted(set(m.referral.pain_guide) - set(m.referral.essential) - set(m.referral.spillover)):
            errors.append(ContentError(content.origin.get(f"muscles:{mid}", "muscles"), f"muscles ({mid}).referral.pain_guide",
                                       f"area(s) {outside} are not in this muscle's essential or spillover zone"))
        check("muscles", mid, "look_alikes.muscle", [la.muscle for la in m.look_alikes], content.muscles, "muscle")
        for d in m.disagreements:
            check("muscles", mid, "disagreements.views.sources", [s for v in d.views for s in v.sources],
                  content.sources, "source")
        if both := set(m.referral.essential) & set(m.referral.spillover):
            errors.append(ContentError(content.origin.get(f"muscles:{mid}", "muscles"), f"muscles ({mid}).referral",
                                       f"area(s) {sorted(both)} listed as both essential and spillover"))
    for tid, topic in content.topics.items():
        for i, section in enumerate(topic.sections):
            check("topics", tid, f"sections[{i}].sources", section.sources, content.sources, "source")
        for d in topic.disagreements:
            check("topics", tid, "disagreements.views.sources", [s for v in d.views for s in v.sources],
                  content.sources, "source")
    check("safety", "safety", "sources", content.safety.sources, content.sources, "source")
    check("safety", "safety", "red_flags.sources", [s for f in content.safety.general_red_flags for s in f.sources],
          content.sources, "source")
    for i, pair in enumerate(content.study.classic_look_alikes):
        errors += [ContentError(content.origin.get("study", STUDY_FILE), f"classic_look_alikes[{i}]",
                                f"unknown muscle id {mid!r}") for mid in pair if mid not in content.muscles]
    return errors
