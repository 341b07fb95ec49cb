"""Red flags: the general warnings plus a region's own, most urgent first.

One function for every place that shows red flags with a region (the explorer's panel,
the pain finder, the handout), so a region's own warnings are never left out.
"""
from __future__ import annotations

from dataclasses import dataclass

from .content import Content
from .model import URGENCY_LEVELS, RedFlag

URGENCY_ORDER = tuple(level.id for level in URGENCY_LEVELS)  # most urgent first


@dataclass(frozen=True)
class RedFlagGroup:
    """The red flags that share one urgency level: its id, its short label for a heading
    ("See a doctor today") and its action ("Get seen by a doctor or urgent care today. ...")."""

    urgency: str
    action: str
    flags: tuple[RedFlag, ...]
    label: str = ""


def red_flags_for(content: Content, *region_ids: str | None) -> list[RedFlag]:
    """The general red flags plus those of the given regions (unknown ids and None add
    nothing, so no region gives the general list).

    Ordered by urgency (emergency first); within one urgency the regions' own come first,
    since they are the ones a patient of that region is least likely to know.
    """
    own = [f for rid in dict.fromkeys(region_ids) if rid in content.regions for f in content.regions[rid].red_flags]
    flags = own + list(content.safety.general_red_flags)
    return sorted(flags, key=lambda f: URGENCY_ORDER.index(f.urgency))


def red_flag_groups(content: Content, *region_ids: str | None) -> list[RedFlagGroup]:
    """`red_flags_for`, grouped under their action, most urgent group first."""
    flags = red_flags_for(content, *region_ids)
    return [
        RedFlagGroup(level.id, level.action, tuple(f for f in flags if f.urgency == level.id), level.label)
        for level in URGENCY_LEVELS
        if any(f.urgency == level.id for f in flags)
    ]
