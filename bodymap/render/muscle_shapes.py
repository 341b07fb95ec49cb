"""The muscles as shapes on the body: each muscle's `drawing` built into outlines and fibre
lines on the view and side it is shown on, cut to the body's outline.

Built with shapely from the same coordinates as the areas, so a muscle, its trigger points
and its zones line up in every picture that draws them.
"""
from __future__ import annotations

import functools
import math
import weakref
from dataclasses import dataclass

from shapely import affinity
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..geometry import BodyGeometry, Ring, _mirrored
from ..model import Muscle, MuscleShape

FIBRE_SPACING = 2.4  # map units between fibre lines: about 1 mm on a close-up the size of a hand


@dataclass(frozen=True)
class DrawnMuscle:
    """One shape of a muscle as drawn: its view, outline rings and fibre lines."""

    view: str
    rings: tuple[Ring, ...]
    fibres: tuple[Ring, ...]  # open polylines
    bounds: tuple[float, float, float, float]


def shape_view(shape: MuscleShape, side: str) -> str:
    """The view a muscle shape is drawn on for the person's `side`."""
    if shape.view == "side":
        return f"{side}-side"
    return shape.view


def _base(shape: MuscleShape) -> BaseGeometry:
    if shape.polygon:
        return Polygon(shape.polygon).buffer(0)
    circles = [Point(x, y).buffer(r, quad_segs=12) for x, y, r in shape.chain]
    return unary_union([unary_union([a, b]).convex_hull for a, b in zip(circles, circles[1:])])


def _angle(shape: MuscleShape, drawn: BaseGeometry) -> float:
    """The fibre direction in degrees: as written, along a chain, or along the long side of
    the smallest box around a polygon."""
    if shape.fibres is not None:
        return shape.fibres
    if shape.chain:
        (x0, y0, _), (x1, y1, _) = shape.chain[0], shape.chain[-1]
        return math.degrees(math.atan2(y1 - y0, x1 - x0))
    box = list(drawn.minimum_rotated_rectangle.exterior.coords)
    edges = [(box[i], box[i + 1]) for i in range(2)]
    (ax, ay), (bx, by) = max(edges, key=lambda e: math.dist(*e))
    return math.degrees(math.atan2(by - ay, bx - ax))


def _fibres(drawn: BaseGeometry, angle: float) -> tuple[Ring, ...]:
    """Parallel lines in the fibre direction, cut to the shape a little inside its edge."""
    inner = drawn.buffer(-0.9)
    if inner.is_empty:
        return ()
    cx, cy = drawn.centroid.x, drawn.centroid.y
    reach = math.dist(drawn.bounds[:2], drawn.bounds[2:])
    t = math.radians(angle)
    ux, uy, nx, ny = math.cos(t), math.sin(t), -math.sin(t), math.cos(t)
    lines = []
    steps = int(reach / FIBRE_SPACING) + 1
    for k in range(-steps, steps + 1):
        ox, oy = cx + nx * k * FIBRE_SPACING, cy + ny * k * FIBRE_SPACING
        cut = inner.intersection(LineString([(ox - ux * reach, oy - uy * reach), (ox + ux * reach, oy + uy * reach)]))
        for piece in (cut.geoms if isinstance(cut, MultiLineString) else [cut]):
            if isinstance(piece, LineString) and piece.length > 2:
                lines.append(tuple((round(x, 1), round(y, 1)) for x, y in piece.coords))
    return tuple(lines)


def _rings(shape: BaseGeometry) -> tuple[Ring, ...]:
    polys = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    return tuple(tuple((round(x, 1), round(y, 1)) for x, y in p.exterior.simplify(0.25).coords)
                 for p in polys if isinstance(p, Polygon) and p.area > 0.5)


@functools.lru_cache(maxsize=512)
def _outline_polygon(geometry: BodyGeometry, view: str) -> BaseGeometry:
    return unary_union([Polygon(ring).buffer(0) for ring in geometry.outlines.get(view, ())])


def drawn_muscle(geometry: BodyGeometry, muscle: Muscle, side: str = "right") -> tuple[DrawnMuscle, ...]:
    """The shapes of `muscle` on the person's `side`, cut to the body (empty when the muscle
    has no drawing, or its drawing is on a view this body does not have)."""
    cache = _CACHE.setdefault(geometry, {})
    key = (repr(muscle.drawing), side)
    if key not in cache:
        cache[key] = _drawn(geometry, muscle.drawing, side)
    return cache[key]


# Per loaded body: built shapes by (drawing, side). Muscles are not hashable (lists).
_CACHE: weakref.WeakKeyDictionary[BodyGeometry, dict] = weakref.WeakKeyDictionary()


def _drawn(geometry: BodyGeometry, shapes: list[MuscleShape], side: str) -> tuple[DrawnMuscle, ...]:
    out = []
    for shape in shapes:
        view = shape_view(shape, side)
        body = _outline_polygon(geometry, view)
        if body.is_empty:
            continue
        drawn = _base(shape)
        angle = _angle(shape, drawn)  # as written, before any mirroring
        if _mirrored(view, side):  # the shape and its fibres turn over (the left side view too)
            drawn = affinity.scale(drawn, xfact=-1, yfact=1, origin=(geometry.width / 2, 0))
            angle = 180 - angle
        drawn = drawn.intersection(body)
        if drawn.is_empty or drawn.area < 1:
            continue
        out.append(DrawnMuscle(view=view, rings=_rings(drawn), fibres=_fibres(drawn, angle),
                               bounds=tuple(round(b, 1) for b in drawn.bounds)))
    return tuple(out)
