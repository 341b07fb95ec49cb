"""Loads the content folder into a validated model.

Content is YAML. Loading either returns a whole `Content` or raises `ContentErrors`
with every problem found, each naming the file and the field, so that the app never
shows half-loaded content as if it were whole.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .geometry import geometry_file, load_geometry
from .model import Exercise, Muscle, Region, Safety, Source, Topic

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_FILE_BYTES = 2_000_000  # the shipped files are a few kB; anything this big is a mistake

# folder -> (top-level key, record type). Each file in the folder holds a list under the key.
COLLECTIONS: dict[str, tuple[str, type[BaseModel]]] = {
    "sources": ("sources", Source),
    "regions": ("regions", Region),
    "muscles": ("muscles", Muscle),
    "exercises": ("exercises", Exercise),
    "topics": ("topics", Topic),
}
SAFETY_FILE = "safety.yaml"


@dataclass(frozen=True)
class ContentError:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentErrors(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class Content:
    sources: dict[str, Source]
    regions: dict[str, Region]  # in display order
    muscles: dict[str, Muscle]
    exercises: dict[str, Exercise]
    topics: dict[str, Topic]
    safety: Safety
    origin: dict[str, str] = field(default_factory=dict, compare=False)  # "kind:id" -> file
    by_region: dict[str, tuple[Muscle, ...]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        # Pages ask for a region's muscles on every rerun; index them once (a large pack
        # has 1,000 muscles).
        index: dict[str, list[Muscle]] = {}
        for muscle in self.muscles.values():
            index.setdefault(muscle.region, []).append(muscle)
        object.__setattr__(self, "by_region", {r: tuple(ms) for r, ms in index.items()})

    def muscles_in(self, region_id: str) -> list[Muscle]:
        return list(self.by_region.get(region_id, ()))

    def exercises_for(self, region_id: str) -> list[Exercise]:
        return [self.exercises[e] for e in self.regions[region_id].exercises]

    def region_of_area(self) -> dict[str, str]:
        return {area: r.id for r in self.regions.values() for area in r.areas}


def content_dir() -> Path:
    return Path(os.environ.get("BODYMAP_CONTENT_DIR") or DEFAULT_CONTENT_DIR)


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: content never needs them, and refusing them
    stops 'billion laughs' files before they expand."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in content files", event.start_mark
            )
        return super().compose_node(parent, index)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: about 7x faster (benchmarks/README.md)


def _shares_containers(data: object) -> bool:
    """True if a list or mapping appears twice in the parsed tree, which only an alias
    can do. Stops at the first repeat, so an alias bomb is never walked in full."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                return True
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
    return False


def _parse_yaml(text: str) -> object:
    if _FAST_LOADER is not None:
        data = yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - libyaml's safe loader
        if not _shares_containers(data):
            return data
    # An alias somewhere (or no libyaml): the careful loader refuses it and names the line.
    return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass


def read_yaml(path: Path, root: Path) -> tuple[object, list[ContentError]]:
    rel = _rel(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [ContentError(rel, "", f"file is {size:,} bytes; content files must be under {MAX_FILE_BYTES:,}")]
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [ContentError(rel, "", f"not valid UTF-8 text (bad byte at position {exc.start}); save the file as UTF-8")]
    except OSError as exc:
        return None, [ContentError(rel, "", f"cannot be read: {exc.strerror}")]
    try:
        data = _parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [ContentError(rel, where, f"YAML syntax error: {problem}")]
    if data is None:
        return None, [ContentError(rel, "", "file is empty")]
    return data, []


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _loc(loc: Iterable[object]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _records(path: Path, root: Path, key: str, kind: type[BaseModel]):
    """Yield (record or None, errors) for each item in one collection file."""
    data, errors = read_yaml(path, root)
    rel = _rel(path, root)
    if errors:
        yield None, errors
        return
    if not isinstance(data, dict) or key not in data:
        yield None, [ContentError(rel, key, f"expected a top-level '{key}:' list")]
        return
    if extra := sorted(set(data) - {key}):
        yield None, [ContentError(rel, ", ".join(map(str, extra)), f"unknown top-level key; only '{key}:' is allowed")]
    items = data[key]
    if not isinstance(items, list):
        yield None, [ContentError(rel, key, f"must be a list, not {type(items).__name__}")]
        return
    for i, item in enumerate(items):
        label = f"{key}[{i}]"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label += f" ({item['id']})"
        try:
            yield kind.model_validate(item), []
        except ValidationError as exc:
            yield None, [
                ContentError(rel, f"{label}.{_loc(e['loc'])}" if e["loc"] else label, _message(e))
                for e in exc.errors()
            ]


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "model_type":
        return f"must be a mapping of fields, not {type(error['input']).__name__}"
    return error["msg"]


def load_content(root: Path | None = None) -> Content:
    """Load and validate a content folder; raise ContentErrors listing every problem."""
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
                rel = _rel(path, root)
                if record.id in found[folder]:
                    errors.append(ContentError(rel, f"{key} ({record.id}).id",
                                               f"duplicate id; already defined in {origin[f'{folder}:{record.id}']}"))
                    continue
                found[folder][record.id] = record
                origin[f"{folder}:{record.id}"] = rel

    safety = None
    data, errs = read_yaml(root / SAFETY_FILE, root) if (root / SAFETY_FILE).exists() else (
        None, [ContentError(f"{root.name}/{SAFETY_FILE}", "", "file not found")])
    errors += errs
    if data is not None:
        try:
            safety = Safety.model_validate(data)
        except ValidationError as exc:
            errors += [ContentError(f"{root.name}/{SAFETY_FILE}", _loc(e["loc"]), _message(e)) for e in exc.errors()]

    if errors or safety is None:
        raise ContentErrors(errors or [ContentError(SAFETY_FILE, "", "could not be loaded")])

    regions = dict(sorted(found["regions"].items(), key=lambda kv: (kv[1].order, kv[1].name)))
    content = Content(
        sources=found["sources"],
        regions=regions,
        muscles=found["muscles"],
        exercises=found["exercises"],
        topics=dict(sorted(found["topics"].items(), key=lambda kv: (kv[1].order, kv[1].title))),
        safety=safety,
        origin=origin,
    )
    errors = validate_references(content, load_geometry(geometry_file(root)).base_areas)
    if errors:
        raise ContentErrors(errors)
    return content


def validate_references(content: Content, areas: dict[str, object]) -> list[ContentError]:
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
        check("regions", rid, "areas", region.areas, areas, "area")
        check("regions", rid, "exercises", region.exercises, content.exercises, "exercise")
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
    return errors
