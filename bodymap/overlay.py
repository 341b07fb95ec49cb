"""Turns a muscle into what is drawn for it: referral areas and trigger point markers."""
from __future__ import annotations

from .body_svg import Overlay
from .geometry import BodyGeometry, instance_id, marker_position
from .model import Muscle


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
