"""Body geometry: builds the silhouette and the pain-area shapes from assets/body_geometry.yaml.

Everything that draws the body (the SVG map, Plotly figures, the PDF) reads the
`BodyGeometry` returned here, so a zone drawn once looks the same everywhere.
"""
from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from shapely import affinity
from shapely.errors import GEOSException
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .geometry_spec import GeometrySpec, Shape, drawing_problems
from .pack_files import ContentError, ContentErrors, read_yaml, rel, validation_errors

GEOMETRY_FILE = Path(__file__).resolve().parent.parent / "assets" / "body_geometry.yaml"
BUILD_BUDGET_S = 10.0  # the shipped body builds in ~0.1 s, a 240-area pack in ~1 s
VIEWS = ("front", "back")  # the whole-body overview
SIDE_VIEWS = ("right-side", "left-side")  # the body seen from one side (the left is the right mirrored)
ALL_VIEWS = VIEWS + SIDE_VIEWS
VIEW_NAMES = {"front": "Front", "back": "Back", "right-side": "Right side", "left-side": "Left side"}
BODY_SIDES = ("left", "right")  # the body's two sides, as area instance ids end
Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class AreaShape:
    """One instance of a pain area: a base area on one side of the body."""

    id: str  # e.g. "temple-right"
    area: str  # e.g. "temple"
    label: str  # e.g. "Temple (right)"
    base_label: str
    view: str
    side: str
    rings: tuple[Ring, ...]  # outer rings of the polygons, in view coordinates
    anchor: tuple[float, float]  # a point inside the shape, for labels and markers


@dataclass(frozen=True)
class RegionLabel:
    view: str
    at: tuple[float, float]
    label: tuple[float, float]
    text: str | None = None  # written instead of the region's name, when that is too long


@dataclass(frozen=True)
class Closeup:
    """A close-up of one body part (see `window` for where it lies on a given side)."""

    id: str
    label: str
    short: str  # for a button: "From behind"
    view: str  # "front", "back" or "side"
    box: tuple[float, float, float, float]  # viewer-left half, or the right side view


@dataclass(frozen=True, eq=False)  # hashed by identity: pictures are cached per loaded body
class BodyGeometry:
    width: float
    height: float
    outlines: dict[str, tuple[Ring, ...]]  # by view; front and back share one outline
    details: dict[str, tuple[Ring, ...]]
    areas: dict[str, AreaShape]  # by instance id, in drawing order
    base_areas: dict[str, tuple[str, str]]  # base id -> (label, view)
    region_labels: dict[str, RegionLabel]
    closeups: dict[str, Closeup]

    @property
    def silhouette(self) -> tuple[Ring, ...]:
        return self.outlines["front"]

    @property
    def views(self) -> tuple[str, ...]:
        """The views this body has: front and back, and the two side views when it has them."""
        return tuple(v for v in ALL_VIEWS if self.outlines.get(v))

    def instance(self, area: str, side: str) -> AreaShape:
        return self.areas[instance_id(area, side)]

    def sides_left_to_right(self, view: str) -> tuple[str, str]:
        """What lies at the viewer's left and right of a view, for the labels under it: the
        person's sides on the front and back, back and front on a side view."""
        if view in SIDE_VIEWS:
            return ("back", "front") if view == "right-side" else ("front", "back")
        left = _viewer_left_side(view)
        return left, _other(left)

    def window(self, closeup: str, side: str) -> tuple[str, tuple[float, float, float, float]]:
        """(view, box) of a close-up on the person's `side`: the side view of that side, or the
        box mirrored onto that side's half of the front or back view."""
        c = self.closeups[closeup]
        view = f"{side}-side" if c.view == "side" else c.view
        return view, (_mirror_box(c.box, self.width) if _mirrored(view, side) else c.box)


def instance_id(area: str, side: str) -> str:
    return f"{area}-{side}"


def _shape(spec: Shape | dict) -> BaseGeometry:
    """The shapely shape of a part or area (a validated `Shape`, or its mapping)."""
    if isinstance(spec, dict):
        spec = Shape.model_validate({k: v for k, v in spec.items() if k in ("ellipse", "rect", "polygon", "chain")})
    if spec.ellipse:
        cx, cy, rx, ry = spec.ellipse
        return affinity.scale(Point(cx, cy).buffer(1, quad_segs=16), rx, ry)
    if spec.rect:
        x0, y0, x1, y1 = spec.rect
        return Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    if spec.polygon:
        return Polygon(spec.polygon)
    circles = [Point(x, y).buffer(r, quad_segs=12) for x, y, r in spec.chain]
    return unary_union([unary_union([a, b]).convex_hull for a, b in zip(circles, circles[1:])])


def _both_sides(shape: BaseGeometry, width: float) -> tuple[BaseGeometry, BaseGeometry]:
    """(viewer-left, viewer-right) copies of a shape drawn on the viewer-left half."""
    left = shape.intersection(Polygon([(-1e3, -1e3), (width / 2, -1e3), (width / 2, 1e4), (-1e3, 1e4)]))
    return left, affinity.scale(left, xfact=-1, yfact=1, origin=(width / 2, 0))


def _mirror_box(box: tuple[float, float, float, float], width: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return (width - x1, y0, width - x0, y1)


def _mirror(shape: BaseGeometry, width: float) -> BaseGeometry:
    return affinity.scale(shape, xfact=-1, yfact=1, origin=(width / 2, 0))


def _mirrored(view: str, side: str) -> bool:
    """Whether the `side` instance on `view` is the mirror of what the file draws."""
    if view in SIDE_VIEWS:
        return view == "left-side"
    return side != _viewer_left_side(view)


def _rings(shape: BaseGeometry) -> tuple[Ring, ...]:
    polys = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    return tuple(
        tuple((round(x, 1), round(y, 1)) for x, y in p.exterior.coords)
        for p in polys
        if isinstance(p, Polygon) and p.area > 0.5
    )


def geometry_file(content_root: Path | str | None = None) -> Path:
    """The geometry for a content folder: its own geometry.yaml if it has one (a pack
    with other regions and areas), otherwise the shipped body. Anything named
    geometry.yaml counts (a link, a FIFO): the reader then says what is wrong with it,
    rather than the pack silently getting the shipped body."""
    root = content_root or os.environ.get("BODYMAP_CONTENT_DIR")
    if root and os.path.lexists(own := Path(root) / "geometry.yaml"):
        return own
    return GEOMETRY_FILE


def load_geometry(path: Path | str | None = None) -> BodyGeometry:
    """The body geometry from `path`, or the one for the current content folder.

    Raises ContentErrors naming the file, the part or area and the field.
    """
    path = Path(path) if path else geometry_file()
    try:
        info = path.stat()
        version = (info.st_mtime_ns, info.st_size)
    except OSError:
        version = None  # the reader reports it
    return _load_geometry(path, version)


@functools.lru_cache(maxsize=4)
def _load_geometry(path: Path, version: object = None, budget: float = BUILD_BUDGET_S) -> BodyGeometry:
    root = path.parent  # a pack's geometry.yaml sits in the pack folder; links may not leave it
    file = rel(path, root)
    data, errors = read_yaml(path, root)
    if errors:
        raise ContentErrors(errors)
    try:
        spec = GeometrySpec.model_validate(data)
    except ValidationError as exc:
        raise ContentErrors(validation_errors(exc, file, data)) from None
    if errors := drawing_problems(spec, file):
        raise ContentErrors(errors)
    return _build(spec, file, time.monotonic() + budget, budget)


class _Builder:
    """Says which area was being drawn when something fails, and stops at the time budget."""

    def __init__(self, file: str, deadline: float, budget: float):
        self.file, self.deadline, self.budget = file, deadline, budget
        self.where = "parts"

    def fail(self, where: str, field: str, message: str) -> ContentErrors:
        return ContentErrors([ContentError(self.file, f"{where}.{field}" if field else where, message)])

    def tick(self, where: str) -> None:
        self.where = where
        if time.monotonic() > self.deadline:
            raise self.fail(where, "", f"building the drawing took over {self.budget:g} s, so it was stopped here; "
                                       "use fewer areas or simpler shapes")


def _build(spec: GeometrySpec, file: str, deadline: float, budget: float) -> BodyGeometry:
    builder = _Builder(file, deadline, budget)
    try:
        return _build_shapes(spec, builder)
    except GEOSException as exc:  # shapely refused an operation: name the place, not a traceback
        raise builder.fail(builder.where, "", f"cannot be drawn: {exc}") from None


def _build_shapes(spec: GeometrySpec, builder: _Builder) -> BodyGeometry:
    width, height = spec.width, spec.height
    parts: dict[str, BaseGeometry] = {}
    for name, part in spec.parts.items():
        builder.tick(f"parts.{name}")
        shape = _shape(part)
        parts[name] = unary_union(_both_sides(shape, width)) if part.mirror else shape
    side_parts: dict[str, BaseGeometry] = {}
    for name, part in spec.side_parts.items():
        builder.tick(f"side_parts.{name}")
        side_parts[name] = _shape(part)
    body = _outline(parts.values())
    side_body = _outline(side_parts.values()) if side_parts else Polygon()

    areas: dict[str, AreaShape] = {}
    base_areas: dict[str, tuple[str, str]] = {}
    taken = {view: Polygon() for view in ALL_VIEWS}
    drawn: dict[str, list[tuple[str, BaseGeometry]]] = {view: [] for view in ALL_VIEWS}  # earlier areas, exact
    for i, entry in enumerate(spec.areas):
        area, kind = entry.id, entry.view
        where = f"areas[{i}] ({area})"
        builder.tick(where)
        base_areas[area] = (entry.label, kind)
        drawing = _shape(entry)
        if kind == "side":
            # Drawn once on the right side view; the left side view is its mirror image.
            clip = side_parts[entry.clip] if entry.clip else side_body
            placed = [(drawing, "right", "right-side", side_body)]
        else:
            clip = parts[entry.clip] if entry.clip else body
            left = _viewer_left_side(kind)
            placed = [(half, side, kind, body) for half, side in zip(_both_sides(drawing, width), (left, _other(left)))]
        for half, side, view, outline in placed:
            on_body = half.intersection(clip).intersection(outline)
            shape = on_body.difference(taken[view])
            taken_now = shape.buffer(0)
            # Round off sharp corners so the patches read as soft regions of skin, not tiles;
            # the unrounded shape is what later areas are cut from, so none can overlap.
            # A hairline inset keeps neighbours apart after coordinates are rounded for drawing.
            shape = taken_now.buffer(-1.2, quad_segs=4).buffer(1.0, quad_segs=4).simplify(0.2)
            if shape.is_empty or shape.area < 1:
                shape = taken_now
            if shape.is_empty or shape.area < 1:
                raise builder.fail(where, entry.kind, _why_empty(drawing, half if kind != "side" else drawing, on_body,
                                                                 entry.clip, drawn[view], width))
            if any(len(p.interiors) for p in getattr(shape, "geoms", [shape])):
                raise builder.fail(where, entry.kind, f"has a hole ({side} side) cut by an area listed above it; "
                                                      "move that area to the edge of this one")
            taken[view] = taken[view].union(taken_now)
            drawn[view].append((area, taken_now))
            # The anchor comes from the exact shape, so it mirrors exactly between the sides.
            anchor = taken_now.centroid if taken_now.centroid.within(shape) else taken_now.representative_point()
            copies = [(side, view, shape, anchor)]
            if kind == "side":
                copies.append(("left", "left-side", _mirror(shape, width), _mirror(anchor, width)))
            for side_, view_, shape_, anchor_ in copies:
                iid = instance_id(area, side_)
                areas[iid] = AreaShape(
                    id=iid,
                    area=area,
                    label=f"{entry.label} ({side_})",
                    base_label=entry.label,
                    view=view_,
                    side=side_,
                    rings=_rings(shape_),
                    anchor=(round(anchor_.x, 1), round(anchor_.y, 1)),
                )

    lines = {
        view: tuple(tuple((float(x), float(y)) for x, y in line) for line in spec.details.get(view, []))
        for view in ("front", "back", "side")
    }
    mirrored = {view: tuple(tuple((width - x, y) for x, y in line) for line in lines[view]) for view in lines}
    # Front and back details are drawn on the viewer-left half and mirrored to the other half;
    # the side view's are the right side's, mirrored whole for the left side.
    details = {"front": lines["front"] + mirrored["front"], "back": lines["back"] + mirrored["back"],
               "right-side": lines["side"], "left-side": mirrored["side"]}
    outlines = {"front": _rings(body), "back": _rings(body),
                "right-side": _rings(side_body), "left-side": _rings(_mirror(side_body, width))}
    shorts = {"front": "From the front", "back": "From behind", "side": "From the side"}
    closeups = {cid: Closeup(id=cid, label=c.label, short=c.short or shorts[c.view], view=c.view, box=tuple(c.box))
                for cid, c in spec.closeups.items()}
    region_labels = {
        rid: RegionLabel(view=r.view, at=tuple(r.at), label=tuple(r.label), text=r.text)
        for rid, r in spec.region_labels.items()
    }
    return BodyGeometry(
        width=width,
        height=height,
        outlines=outlines,
        details=details,
        areas=areas,
        base_areas=base_areas,
        region_labels=region_labels,
        closeups=closeups,
    )


def _outline(parts) -> BaseGeometry:
    """The silhouette: the union of the parts, closed (grown, then shrunk) so the joins
    between parts round into one smooth outline."""
    body = unary_union(list(parts)).buffer(3, quad_segs=8).buffer(-3, quad_segs=8)
    return body.simplify(0.15)


def _why_empty(drawing: BaseGeometry, half: BaseGeometry, on_body: BaseGeometry, clip: str | None,
               earlier: list[tuple[str, BaseGeometry]], width: float) -> str:
    """Why an area has (almost) no surface left, in the author's terms."""
    if drawing.area < 1:
        return "is too small to tap (under 1 square unit)"
    if half.area < 1:
        return (f"lies on the viewer's right half; areas are drawn on the left half (x up to {width / 2:g}) "
                "and mirrored")
    if on_body.area < 1:
        return f"lies outside its clip part {clip!r}" if clip else "lies outside the body"
    covering = [name for name, shape in earlier if shape.intersection(on_body).area >= 0.5]
    return (f"is swallowed by the area(s) listed before it ({', '.join(dict.fromkeys(covering))}): nothing is "
            "left of it; list it before them, or make it larger")


def _viewer_left_side(view: str) -> str:
    # The front view faces the viewer, so the person's right is on the viewer's left.
    return "right" if view == "front" else "left"


def _other(side: str) -> str:
    return "left" if side == "right" else "right"


def marker_position(geometry: BodyGeometry, area: str, side: str, dx: float = 0, dy: float = 0) -> tuple[str, float, float]:
    """Where a trigger point at `area` (nudged by dx, dy) sits: (view, x, y).

    dx is written for the viewer-left instance and mirrored for the other side, so one
    nudge in the content places both sides correctly.
    """
    shape = geometry.instance(area, side)
    x, y = shape.anchor
    return shape.view, x + (-dx if _mirrored(shape.view, side) else dx), y + dy
