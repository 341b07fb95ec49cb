"""The typed model of a geometry file (assets/body_geometry.yaml or a pack's geometry.yaml).

A pack may bring its own body drawing, so the file is checked as strictly as the content:
limits that fit a drawing of a body (a canvas of a few hundred units, shapes of at most a
few hundred points, up to a thousand areas), finite coordinates on the canvas, and the
checks a drawing needs before shapely sees it (valid polygons, `clip` naming a part, no
area defined twice). Each problem names the file, the part or area and the field.
`bodymap.geometry` builds the shapes from a validated `GeometrySpec`.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from shapely.geometry import Polygon
from shapely.validation import explain_validity

from .model import ID_PATTERN
from .pack_files import ContentError

# Limits. The shipped body: a 200 x 440 canvas, 10 parts, 56 areas, polygons of 4 to 14
# points; the generated 100-region pack: 240 areas. Ten times that is still a drawing.
MIN_CANVAS, MAX_CANVAS = 20, 2_000
MAX_PARTS = 100
MAX_AREAS = 1_000
MAX_SHAPE_POINTS = 500  # points of one polygon, circles of one chain, points of one detail line
MAX_DETAIL_LINES = 200  # per view
MAX_TOTAL_POINTS = 20_000  # over the whole file

View = Literal["front", "back"]  # the whole-body views, whose left halves are mirrored
AreaView = Literal["front", "back", "side"]  # "side": drawn on the right side, mirrored for the left
Finite = Annotated[float, Field(allow_inf_nan=False)]
Size = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Point = tuple[Finite, Finite]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Shape(_Spec):
    """Exactly one of: ellipse [cx, cy, rx, ry], rect [x0, y0, x1, y1], polygon [[x, y], ...],
    chain [[x, y, r], ...] (circles joined into a tapering tube)."""

    ellipse: tuple[Finite, Finite, Size, Size] | None = None
    rect: tuple[Finite, Finite, Finite, Finite] | None = None
    polygon: list[Point] | None = Field(default=None, min_length=3, max_length=MAX_SHAPE_POINTS)
    chain: list[tuple[Finite, Finite, Size]] | None = Field(default=None, min_length=2, max_length=MAX_SHAPE_POINTS)

    @model_validator(mode="after")
    def _one_kind(self) -> Shape:
        given = [k for k in SHAPE_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"needs exactly one of ellipse, rect, polygon or chain (found {', '.join(given) or 'none'})")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in SHAPE_KINDS if getattr(self, k) is not None)

    def points(self) -> list[tuple[float, float]]:
        """Every coordinate pair the shape names (centres for circles)."""
        if self.ellipse:
            return [self.ellipse[:2]]
        if self.rect:
            return [self.rect[:2], self.rect[2:]]
        return [p[:2] for p in (self.polygon or self.chain)]

    def sizes(self) -> list[float]:
        return list(self.ellipse[2:]) if self.ellipse else [c[2] for c in self.chain or ()]


SHAPE_KINDS = ("ellipse", "rect", "polygon", "chain")


class Part(Shape):
    mirror: bool = True  # False for parts on the midline (head)


class Area(Shape):
    id: str = Field(pattern=ID_PATTERN, max_length=80)
    label: str = Field(min_length=1, max_length=120)
    view: AreaView
    clip: str | None = None  # a part name: the area is cut to that part (else to the whole body)


class Closeup(_Spec):
    """A close-up of one body part: a window on a view, written for the viewer-left half
    (front and back) or for the person's right side (side), mirrored for the other side."""

    label: str = Field(min_length=1, max_length=120)
    short: str | None = Field(default=None, min_length=1, max_length=40)  # on the view buttons; else by view
    view: AreaView
    box: tuple[Finite, Finite, Finite, Finite]  # [left, top, right, bottom]


class RegionLabel(_Spec):
    view: View
    at: Point
    label: Point
    # A shorter name to write on the map when the region's own is too long to fit beside
    # the body; the button's spoken label stays the region's name.
    text: str | None = Field(default=None, min_length=1, max_length=24)


class GeometrySpec(_Spec):
    width: Annotated[float, Field(ge=MIN_CANVAS, le=MAX_CANVAS, allow_inf_nan=False)]
    height: Annotated[float, Field(ge=MIN_CANVAS, le=MAX_CANVAS, allow_inf_nan=False)]
    parts: dict[str, Part] = Field(min_length=1, max_length=MAX_PARTS)
    # The side view: the body seen from its right side, facing the viewer's right. Its parts
    # are not mirrored; the left side view is the whole drawing mirrored.
    side_parts: dict[str, Part] = Field(default={}, max_length=MAX_PARTS)
    details: dict[AreaView, Annotated[list[Annotated[list[Point], Field(min_length=2, max_length=MAX_SHAPE_POINTS)]],
                                  Field(max_length=MAX_DETAIL_LINES)]] = {}
    areas: list[Area] = Field(min_length=1, max_length=MAX_AREAS)
    region_labels: dict[str, RegionLabel] = Field(default={}, max_length=MAX_AREAS)
    closeups: dict[Annotated[str, Field(pattern=ID_PATTERN, max_length=80)], Closeup] = Field(default={},
                                                                                            max_length=MAX_AREAS)


def drawing_problems(spec: GeometrySpec, file: str) -> list[ContentError]:
    """What the types cannot say: coordinates on the canvas, rectangles the right way round,
    polygons that do not cross themselves, `clip` naming a part, each area defined once, and
    a total number of points a server can build in a moment."""
    errors: list[ContentError] = []
    total = 0

    def shape_problems(where: str, shape: Shape) -> None:
        nonlocal total
        total += len(shape.points())
        kind = shape.kind
        # Shapes are cut to the body, so a little overhang is harmless (grid cells, rects).
        mx, my = spec.width / 2, spec.height / 2
        off = [(x, y) for x, y in shape.points() if not (-mx <= x <= spec.width + mx and -my <= y <= spec.height + my)]
        if off:
            x, y = off[0]
            errors.append(ContentError(file, f"{where}.{kind}", f"point ({x:g}, {y:g}) is far off the canvas "
                                       f"(0 to {spec.width:g} across, 0 to {spec.height:g} down)"))
        if any(r > max(spec.width, spec.height) for r in shape.sizes()):
            errors.append(ContentError(file, f"{where}.{kind}", "a radius is larger than the canvas"))
        if shape.rect and not (shape.rect[0] < shape.rect[2] and shape.rect[1] < shape.rect[3]):
            errors.append(ContentError(file, f"{where}.rect", "needs [left, top, right, bottom] with left < right "
                                       "and top < bottom"))
        if shape.polygon and not off and not (polygon := Polygon(shape.polygon)).is_valid:
            errors.append(ContentError(file, f"{where}.polygon", f"not a simple outline: {explain_validity(polygon)} "
                                       "(the edges must not cross or touch)"))

    for name, part in spec.parts.items():
        shape_problems(f"parts.{name}", part)
    for name, part in spec.side_parts.items():
        shape_problems(f"side_parts.{name}", part)
    seen: dict[str, int] = {}
    for i, area in enumerate(spec.areas):
        where = f"areas[{i}] ({area.id})"
        shape_problems(where, area)
        if area.id in seen:
            errors.append(ContentError(file, f"{where}.id", f"duplicate area id; already defined at areas[{seen[area.id]}]"))
        seen.setdefault(area.id, i)
        parts = spec.side_parts if area.view == "side" else spec.parts
        if area.view == "side" and not spec.side_parts:
            errors.append(ContentError(file, f"{where}.view", "a side area needs a side view: add side_parts"))
        elif area.clip is not None and area.clip not in parts:
            errors.append(ContentError(file, f"{where}.clip", f"unknown {'side part' if area.view == 'side' else 'part'} "
                                       f"{area.clip!r}; the parts are {', '.join(sorted(parts))}"))
    for name, closeup in spec.closeups.items():
        x0, y0, x1, y1 = closeup.box
        if not (x0 < x1 and y0 < y1):
            errors.append(ContentError(file, f"closeups.{name}.box", "needs [left, top, right, bottom] with left < right "
                                       "and top < bottom"))
        elif closeup.view == "side" and not spec.side_parts:
            errors.append(ContentError(file, f"closeups.{name}.view", "a side close-up needs a side view: add side_parts"))
    total += sum(len(line) for lines in spec.details.values() for line in lines)
    if total > MAX_TOTAL_POINTS:
        errors.append(ContentError(file, "", f"{total:,} points in all; a geometry file may have at most "
                                   f"{MAX_TOTAL_POINTS:,}"))
    return errors
