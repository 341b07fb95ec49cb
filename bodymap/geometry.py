"""Body geometry: builds the silhouette and the pain-area shapes from assets/body_geometry.yaml.

Everything that draws the body (the SVG map, Plotly figures, the PDF) reads the
`BodyGeometry` returned here, so a zone drawn once looks the same everywhere.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from shapely import affinity
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

GEOMETRY_FILE = Path(__file__).resolve().parent.parent / "assets" / "body_geometry.yaml"
VIEWS = ("front", "back")
SIDES = ("left", "right")
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


@dataclass(frozen=True)
class BodyGeometry:
    width: float
    height: float
    silhouette: tuple[Ring, ...]  # the same outline serves both views
    details: dict[str, tuple[Ring, ...]]
    areas: dict[str, AreaShape]  # by instance id, in drawing order
    base_areas: dict[str, tuple[str, str]]  # base id -> (label, view)
    region_labels: dict[str, RegionLabel]

    def instance(self, area: str, side: str) -> AreaShape:
        return self.areas[instance_id(area, side)]

    def sides_left_to_right(self, view: str) -> tuple[str, str]:
        """The person's sides as the viewer sees them, left then right, for the labels."""
        left = _viewer_left_side(view)
        return left, _other(left)


def instance_id(area: str, side: str) -> str:
    return f"{area}-{side}"


def split_instance_id(instance: str) -> tuple[str, str]:
    """'temple-right' -> ('temple', 'right'); raises ValueError on anything else."""
    area, _, side = instance.rpartition("-")
    if not area or side not in SIDES:
        raise ValueError(f"not an area instance id: {instance!r}")
    return area, side


def _shape(spec: dict) -> BaseGeometry:
    if "ellipse" in spec:
        cx, cy, rx, ry = spec["ellipse"]
        return affinity.scale(Point(cx, cy).buffer(1, quad_segs=16), rx, ry)
    if "rect" in spec:
        x0, y0, x1, y1 = spec["rect"]
        return Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    if "polygon" in spec:
        return Polygon(spec["polygon"])
    if "chain" in spec:
        circles = [Point(x, y).buffer(r, quad_segs=12) for x, y, r in spec["chain"]]
        return unary_union([unary_union([a, b]).convex_hull for a, b in zip(circles, circles[1:])])
    raise ValueError(f"shape needs ellipse, rect, polygon or chain: {spec}")


def _both_sides(shape: BaseGeometry, width: float) -> tuple[BaseGeometry, BaseGeometry]:
    """(viewer-left, viewer-right) copies of a shape drawn on the viewer-left half."""
    left = shape.intersection(Polygon([(-1e3, -1e3), (width / 2, -1e3), (width / 2, 1e4), (-1e3, 1e4)]))
    return left, affinity.scale(left, xfact=-1, yfact=1, origin=(width / 2, 0))


def _rings(shape: BaseGeometry) -> tuple[Ring, ...]:
    polys = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    return tuple(
        tuple((round(x, 1), round(y, 1)) for x, y in p.exterior.coords)
        for p in polys
        if isinstance(p, Polygon) and p.area > 0.5
    )


def geometry_file(content_root: Path | str | None = None) -> Path:
    """The geometry for a content folder: its own geometry.yaml if it has one (a pack
    with other regions and areas), otherwise the shipped body."""
    root = content_root or os.environ.get("BODYMAP_CONTENT_DIR")
    if root and (own := Path(root) / "geometry.yaml").is_file():
        return own
    return GEOMETRY_FILE


def load_geometry(path: Path | str | None = None) -> BodyGeometry:
    """The body geometry from `path`, or the one for the current content folder."""
    return _load_geometry(Path(path) if path else geometry_file())


@functools.lru_cache(maxsize=4)
def _load_geometry(path: Path) -> BodyGeometry:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    width, height = spec["width"], spec["height"]

    parts: dict[str, BaseGeometry] = {}
    for name, part in spec["parts"].items():
        shape = _shape(part)
        parts[name] = unary_union(_both_sides(shape, width)) if part.get("mirror", True) else shape
    # Closing (grow, then shrink) rounds the joins between parts into one smooth outline.
    body = unary_union(list(parts.values())).buffer(3, quad_segs=8).buffer(-3, quad_segs=8)
    body = body.simplify(0.15)

    areas: dict[str, AreaShape] = {}
    base_areas: dict[str, tuple[str, str]] = {}
    taken = {view: Polygon() for view in VIEWS}
    for entry in spec["areas"]:
        area, view = entry["id"], entry["view"]
        if area in base_areas:
            raise ValueError(f"{path}: area {area!r} is defined twice")
        if view not in VIEWS:
            raise ValueError(f"{path}: area {area!r} has view {view!r}; expected front or back")
        base_areas[area] = (entry["label"], view)
        clip = parts[entry["clip"]] if "clip" in entry else body
        halves = _both_sides(_shape(entry), width)
        for half, side in zip(halves, (_viewer_left_side(view), _other(_viewer_left_side(view)))):
            shape = half.intersection(clip).intersection(body).difference(taken[view])
            taken_now = shape.buffer(0)
            # Round off sharp corners so the patches read as soft regions of skin, not tiles;
            # the unrounded shape is what later areas are cut from, so none can overlap.
            # A hairline inset keeps neighbours apart after coordinates are rounded for drawing.
            shape = taken_now.buffer(-1.2, quad_segs=4).buffer(1.0, quad_segs=4).simplify(0.2)
            if shape.is_empty or shape.area < 1:
                shape = taken_now
            if any(len(p.interiors) for p in getattr(shape, "geoms", [shape])):
                raise ValueError(f"{path}: area {area!r} ({side}) has a hole cut by an area listed above it; "
                                 "move that area to the edge of this one")
            if shape.is_empty or shape.area < 1:
                raise ValueError(f"{path}: area {area!r} ({side}) has no surface left on the body")
            taken[view] = taken[view].union(taken_now)
            # The anchor comes from the exact shape, so it mirrors exactly between the sides.
            anchor = taken_now.centroid if taken_now.centroid.within(shape) else taken_now.representative_point()
            iid = instance_id(area, side)
            areas[iid] = AreaShape(
                id=iid,
                area=area,
                label=f"{entry['label']} ({side})",
                base_label=entry["label"],
                view=view,
                side=side,
                rings=_rings(shape),
                anchor=(round(anchor.x, 1), round(anchor.y, 1)),
            )

    details = {
        view: tuple(tuple((float(x), float(y)) for x, y in line) for line in spec["details"].get(view, []))
        for view in VIEWS
    }
    # Details are drawn on the viewer-left half; mirror them to the other half.
    details = {
        view: lines + tuple(tuple((width - x, y) for x, y in line) for line in lines)
        for view, lines in details.items()
    }
    region_labels = {
        rid: RegionLabel(view=r["view"], at=tuple(r["at"]), label=tuple(r["label"]))
        for rid, r in spec.get("region_labels", {}).items()
    }
    return BodyGeometry(
        width=width,
        height=height,
        silhouette=_rings(body),
        details=details,
        areas=areas,
        base_areas=base_areas,
        region_labels=region_labels,
    )


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
    mirrored = side != _viewer_left_side(shape.view)
    return shape.view, x + (-dx if mirrored else dx), y + dy
