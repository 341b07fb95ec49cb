"""What a body picture shows, whoever draws it: the SVG map, the Plotly figures and the PDF.

A picture is a list of views, an overlay (referral zones and trigger points) and, when
the picture is small, the band of the body to focus on. The renderers decide how to
draw; this module decides what to draw, once, so a zone looks the same everywhere.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .geometry import VIEWS, BodyGeometry, instance_id, marker_position
from .model import Muscle

TriggerMark = tuple[str, float, float, str]  # (view, x, y, label) in map units


@dataclass(frozen=True)
class Overlay:
    """What to draw on top of the body: a referral zone and its trigger points."""

    essential: frozenset[str] = frozenset()  # area instance ids
    spillover: frozenset[str] = frozenset()
    trigger_points: tuple[TriggerMark, ...] = ()
    caption: str = ""

    @property
    def empty(self) -> bool:
        """Nothing to draw: the picture is the plain body."""
        return not (self.essential or self.spillover or self.trigger_points)


def muscle_overlay(geometry: BodyGeometry, muscle: Muscle, side: str = "right") -> Overlay:
    """The referral zone and trigger points of `muscle` on one side of the body.

    Referral is drawn on the same side as the muscle, as in the reference drawings.
    """
    points = tuple(
        marker_position(geometry, tp.area, side, tp.dx, tp.dy)
        + (f"Trigger point {i} of {muscle.name}: {tp.description}",)
        for i, tp in enumerate(muscle.trigger_points, start=1)
    )
    return Overlay(
        essential=frozenset(instance_id(a, side) for a in muscle.referral.essential),
        spillover=frozenset(instance_id(a, side) for a in muscle.referral.spillover),
        trigger_points=points,
        caption=f"{muscle.name} ({side} side): referral zone and trigger points",
    )


def combined_overlay(geometry: BodyGeometry, muscles: Sequence[Muscle], side: str = "right") -> Overlay:
    """The referral zones and trigger points of several muscles as one overlay.

    An area that is essential for one muscle and spillover for another is drawn as essential.
    """
    overlays = [muscle_overlay(geometry, m, side) for m in muscles]
    essential = frozenset().union(*(o.essential for o in overlays))
    spillover = frozenset().union(*(o.spillover for o in overlays)) - essential
    points = tuple(p for o in overlays for p in o.trigger_points)
    names = ", ".join(m.name for m in muscles)
    return Overlay(essential=essential, spillover=spillover, trigger_points=points,
                   caption=f"{names} ({side} side): referral zones and trigger points" if muscles else "")


def views_used(geometry: BodyGeometry, overlay: Overlay, areas: Iterable[str] = ()) -> tuple[str, ...]:
    """The views, in drawing order, that the overlay (and any extra area instances) appear on.

    With nothing to place, every view: a picture of nothing in particular shows the whole body.
    """
    ids = (*overlay.essential, *overlay.spillover, *areas)
    used = {geometry.areas[i].view for i in ids if i in geometry.areas}
    used |= {view for view, *_ in overlay.trigger_points}
    return tuple(v for v in geometry.views if v in used) or VIEWS


def focus_band(geometry: BodyGeometry, overlay: Overlay, views: Sequence[str], *, pad: float, min_span: float,
               limits: tuple[float, float]) -> tuple[float, float] | None:
    """The band of the body (top, bottom in map units) that holds the overlay on the given views.

    The band reaches `pad` beyond the highest and lowest point, is at least `min_span`
    tall (grown evenly), and stays within `limits`, the part of the body the renderer
    has room to show. None when nothing of the overlay is on these views.
    """
    ys = [y for iid in (*overlay.essential, *overlay.spillover)
          if iid in geometry.areas and geometry.areas[iid].view in views
          for ring in geometry.areas[iid].rings for _, y in ring]
    ys += [y for view, _, y, _ in overlay.trigger_points if view in views]
    if not ys:
        return None
    top, bottom = min(ys) - pad, max(ys) + pad
    if bottom - top < min_span:
        grow = (min_span - (bottom - top)) / 2
        top, bottom = top - grow, bottom + grow
    return max(top, limits[0]), min(bottom, limits[1])
