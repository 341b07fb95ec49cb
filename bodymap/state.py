"""The explorer's view state and its URL form.

Pure functions: the page reads `st.query_params`, calls `parse_query`, shows the
notices, and writes `to_query(state)` back, so a link restores the same view. Whatever
arrives in a URL is untrusted: unknown keys and values are dropped with a notice, and
notices quote a sanitised, shortened copy of the value, never the raw text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .content import Content
from .model import AUDIENCES

VIEWS = ("both", "front", "back")
SIDES = ("right", "left")
MODES = ("explore", "present")
KNOWN_KEYS = ("region", "muscle", "view", "side", "audience", "mode")


@dataclass(frozen=True)
class ViewState:
    region: str | None = None
    muscle: str | None = None
    view: str = "both"
    side: str = "right"
    audience: str = "patient"
    mode: str = "explore"


DEFAULT = ViewState()


def quote(value: str, limit: int = 40) -> str:
    """A safe, short rendering of untrusted text for a notice: letters, digits, - and _ only."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "", value)[:limit]
    more = "…" if len(value) > limit or len(cleaned) < len(value) else ""
    return f"“{cleaned}{more}”" if cleaned else "(an unreadable value)"


def _last(value: str | Iterable[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    values = list(value)
    return values[-1] if values else None


def parse_query(params: Mapping[str, str | Iterable[str]], content: Content) -> tuple[ViewState, list[str]]:
    """Turn URL parameters into a ViewState plus plain-language notices for what was ignored."""
    notices: list[str] = []
    get = {key: _last(params.get(key)) for key in KNOWN_KEYS}

    def choose(key: str, allowed: Iterable[str], label: str, default: str | None) -> str | None:
        value = get[key]
        if value is None or value == "":
            return default
        allowed = list(allowed)
        if value in allowed:
            return value
        notices.append(f"The link asked for {label} {quote(value)}, which this app does not have, so it was ignored.")
        return default

    audience = choose("audience", AUDIENCES, "the audience", DEFAULT.audience)
    view = choose("view", VIEWS, "the view", DEFAULT.view)
    side = choose("side", SIDES, "the side", DEFAULT.side)
    mode = choose("mode", MODES, "the mode", DEFAULT.mode)
    region = choose("region", content.regions, "the region", None)
    muscle = choose("muscle", content.muscles, "the muscle", None)
    if muscle is not None:
        home = content.muscles[muscle].region
        if region is not None and region != home:
            notices.append(
                f"{content.muscles[muscle].name} belongs to the {content.regions[home].name.lower()} region, "
                "so that region is shown."
            )
        region = home
    unknown = sorted(set(params) - set(KNOWN_KEYS))
    if unknown:
        names = ", ".join(quote(k, 20) for k in unknown[:5]) + (" and more" if len(unknown) > 5 else "")
        notices.append(f"The link had settings this app does not use ({names}); they were ignored.")
    return ViewState(region, muscle, view, side, audience, mode), notices


def to_query(state: ViewState) -> dict[str, str]:
    """The URL parameters for a state, leaving out the defaults to keep links short."""
    out: dict[str, str] = {}
    for key in KNOWN_KEYS:
        value = getattr(state, key)
        if value is not None and value != getattr(DEFAULT, key):
            out[key] = value
    return out


def select_region(state: ViewState, target: object, content: Content) -> ViewState:
    """Apply a press on the map. Unknown targets change nothing; a new region clears the muscle."""
    if not isinstance(target, str) or target not in content.regions:
        return state
    if target == state.region:
        return state
    return replace(state, region=target, muscle=None)


def select_muscle(state: ViewState, muscle: object, content: Content) -> ViewState:
    """Apply a muscle choice; None clears it, anything unknown changes nothing."""
    if muscle is None:
        return replace(state, muscle=None)
    if not isinstance(muscle, str) or muscle not in content.muscles:
        return state
    return replace(state, muscle=muscle, region=content.muscles[muscle].region)
