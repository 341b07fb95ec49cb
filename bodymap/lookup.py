"""Where does it hurt? From painful areas to the muscles that refer there, ranked.

One implementation serves the pain finder page and `python -m bodymap lookup`.

A query item is either an area instance id ("temple-left": a tap on the map) or a base
area id ("temple": typed on the command line, side unknown). Referral is drawn on the
same side as the muscle, so a tap on the left temple matches the left upper trapezius.

Ranking, best first, as the manuals' pain guides list them:
1. muscles that cover more of the chosen areas;
2. then by the muscle's place in the pain guide for those areas (`referral.pain_guide`:
   1 = listed first, the most common cause); muscles the guides do not list come after.
   The guide's order outranks the essential/spillover split: the guides list a muscle
   high for an area because it often causes pain there, whichever part of its zone it is;
3. then muscles whose essential zone covers more of them (essential before spillover);
4. then by muscle name, then side (left before right), so ties never flicker.

An area no muscle refers to is never a silent empty list: every caller shows
`silent_area(...).line` for it, which names the muscles whose trigger points sit there, or
says `NOT_COVERED` when there are none.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import citations
from .content import Content
from .geometry import BODY_SIDES, BodyGeometry, instance_id
from .model import Muscle


# The first places of a pain guide's list are "common causes"; the guides list the
# muscles that most often refer to an area first.
COMMON_CAUSE_PLACES = 3

# What every caller (the pain finder, the CLI, the atlas) says for an area with no muscle.
NOT_COVERED = "This app does not cover the muscles for this spot yet; your therapist can check it."


# A trigger point is a spot in a muscle that hurts when it is pressed (the manuals' definition,
# TENDER_SOURCE). Where no muscle sends pain, the muscles whose trigger points sit in the area
# are still an answer, said apart from referral: local soreness, not a referral pattern.
TENDER_SOURCE = "ts-vol1-1999"


def not_covered_line(labels: Iterable[str]) -> str:
    """'Front of the knee: This app does not cover ...' for the areas no muscle refers to."""
    return f"{', '.join(labels)}: {NOT_COVERED}"


def trigger_points_at(content: Content, area: str) -> list[Muscle]:
    """The muscles with a trigger point in `area` (a base area id), by name."""
    return sorted((m for m in content.muscles.values() if any(tp.area == area for tp in m.trigger_points)),
                  key=lambda m: m.name.lower())


def _names(muscles: Sequence[Muscle]) -> str:
    names = [m.name for m in muscles]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True)
class SilentArea:
    """The answer for an area that no muscle refers to."""

    line: str  # what to say
    tender: tuple[Muscle, ...]  # the muscles whose trigger points sit in it, by name
    citation: str  # "Source: ..." for what the line says of trigger points ('' if none, or not in the pack)


def silent_area(content: Content, item: str, geometry: BodyGeometry) -> SilentArea:
    """The answer for an area (id or instance id) that no muscle refers to."""
    label, shape = area_label(item, geometry), geometry.areas.get(item)
    tender = tuple(trigger_points_at(content, shape.area if shape else item))
    if not tender:
        return SilentArea(not_covered_line([label]), (), "")
    source = content.sources.get(TENDER_SOURCE)
    return SilentArea(f"{label}: no muscle in this app sends pain to this spot. But trigger points of "
                      f"{_names(tender)} sit right here, and a trigger point hurts when it is pressed.",
                      tender, f"Source: {citations.short(source)}" if source else "")


class UnknownAreaError(ValueError):
    """A query named an area that the geometry does not have."""

    def __init__(self, unknown: list[str], suggestions: dict[str, list[str]]):
        self.unknown = unknown
        self.suggestions = suggestions
        parts = []
        for item in unknown:
            close = suggestions.get(item) or []
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            parts.append(f"{item!r}{hint}")
        super().__init__("unknown area id " + "; ".join(parts))


@dataclass(frozen=True)
class AreaQuery:
    """One chosen area: its base id and, for a tap on the map, its side."""

    area: str
    side: str | None = None

    @property
    def id(self) -> str:
        return instance_id(self.area, self.side) if self.side else self.area


@dataclass(frozen=True)
class Match:
    """One muscle (on one side, or either side when the query had no sides)."""

    muscle: Muscle
    side: str | None
    essential: tuple[str, ...]  # the queried ids that its essential zone covers
    spillover: tuple[str, ...]  # the queried ids that only its spillover zone covers
    score: float  # whole part: areas covered; fraction grows with essential hits
    guide_place: int | None = None  # best place in the pain guides for the queried areas

    @property
    def covered(self) -> int:
        return len(self.essential) + len(self.spillover)

    @property
    def common_cause(self) -> bool:
        return self.guide_place is not None and self.guide_place <= COMMON_CAUSE_PLACES

    @property
    def reason(self) -> str:
        """Why it is ranked here, in plain words: "essential zone, common cause"."""
        zone = "essential zone" if self.essential else "spillover zone"
        if self.guide_place is None:
            return zone
        return f"{zone}, {'common' if self.common_cause else 'less common'} cause"


def parse_areas(items: Iterable[str], geometry: BodyGeometry) -> list[AreaQuery]:
    """Turn ids into AreaQuery items, dropping repeats; raise UnknownAreaError on bad ids."""
    out: list[AreaQuery] = []
    unknown: list[str] = []
    for raw in items:
        item = str(raw).strip().lower()
        if item in geometry.areas:
            shape = geometry.areas[item]
            query = AreaQuery(shape.area, shape.side)
        elif item in geometry.base_areas:
            query = AreaQuery(item)
        else:
            unknown.append(str(raw))
            continue
        if query not in out:
            out.append(query)
    if unknown:
        raise UnknownAreaError(unknown, {u: close_area_ids(u, geometry) for u in unknown})
    return out


def close_area_ids(item: str, geometry: BodyGeometry, n: int = 5) -> list[str]:
    """Area ids that look like `item`: by spelling of the id, or by the words of the label."""
    word = str(item).strip().lower()
    ids = list(geometry.base_areas)
    found = difflib.get_close_matches(word, ids + list(geometry.areas), n=n, cutoff=0.6)
    by_label = {label.lower(): aid for aid, (label, _view) in geometry.base_areas.items()}
    found += [by_label[label] for label in difflib.get_close_matches(word, list(by_label), n=n, cutoff=0.6)]
    if word:
        found += [aid for aid, (label, _view) in geometry.base_areas.items()
                  if word in aid or word in label.lower()]
    unique: list[str] = []
    for aid in found:
        if aid not in unique:
            unique.append(aid)
    return unique[:n]


def _score(essential: int, spillover: int, asked: int) -> float:
    return essential + spillover + essential / (asked + 1)


def rank_muscles(content: Content, areas: Iterable[str | AreaQuery],
                 geometry: BodyGeometry) -> list[Match]:
    """The muscles whose referral zones include the chosen areas, best first.

    `areas` holds area instance ids (sided), base area ids (either side), or AreaQuery.
    Base ids alone give one match per muscle with side None. Once any item has a side,
    matches are per side; a base id then counts for the muscle on either side.
    """
    queries = _as_queries(areas, geometry)
    if not queries:
        return []
    sided = any(q.side for q in queries)
    unsided = any(q.side is None for q in queries)
    sides: list[str | None] = [s for s in BODY_SIDES if unsided or any(q.side == s for q in queries)] if sided else [None]
    matches: list[Match] = []
    # Only the muscles that refer to a chosen area can match: look them up in the content's
    # area index rather than scanning every muscle (a large pack has 1,000).
    for muscle in content.muscles_referring_to(q.area for q in queries):
        essential_zone = set(muscle.referral.essential)
        spillover_zone = set(muscle.referral.spillover)
        for side in sides:
            asked = [q for q in queries if q.side is None or q.side == side]
            ess = tuple(q.id for q in asked if q.area in essential_zone)
            spill = tuple(q.id for q in asked if q.area in spillover_zone and q.area not in essential_zone)
            if ess or spill:
                places = [muscle.referral.pain_guide[q.area] for q in asked if q.area in muscle.referral.pain_guide]
                matches.append(Match(muscle, side, ess, spill, _score(len(ess), len(spill), len(queries)),
                                     min(places) if places else None))
    matches.sort(key=lambda m: (-m.covered, m.guide_place if m.guide_place is not None else float("inf"),
                                -len(m.essential), m.muscle.name.lower(), m.muscle.id,
                                BODY_SIDES.index(m.side) if m.side else -1))
    return matches


def regions_concerned(content: Content, matches: Sequence[Match], areas: Iterable[str] = (),
                      top: int = 3) -> list[str]:
    """The regions whose red flags belong beside these results: the regions of the chosen
    areas, then those of the best `top` matches."""
    of_area = content.region_of_area()
    base = [a.rpartition("-")[0] if a.endswith(tuple(f"-{side}" for side in BODY_SIDES)) else a for a in areas]
    ids = [of_area[a] for a in base if a in of_area] + [m.muscle.region for m in matches[:top]]
    return [r for r in dict.fromkeys(ids) if r in content.regions]


def _as_queries(areas: Iterable[str | AreaQuery], geometry: BodyGeometry) -> list[AreaQuery]:
    items = list(areas)
    if all(isinstance(a, AreaQuery) for a in items):
        out: list[AreaQuery] = []
        for q in items:
            if q not in out:
                out.append(q)
        return out
    return parse_areas([a.id if isinstance(a, AreaQuery) else a for a in items], geometry)


def areas_nobody_refers_to(content: Content, areas: Iterable[str | AreaQuery],
                           geometry: BodyGeometry) -> list[str]:
    """The queried ids that no muscle's referral zone (essential or spillover) includes."""
    return [q.id for q in _as_queries(areas, geometry) if not content.by_area.get(q.area)]


def area_label(item: str, geometry: BodyGeometry) -> str:
    """'temple-left' -> 'Temple (left)'; 'temple' -> 'Temple'; unknown ids come back as given."""
    if item in geometry.areas:
        return geometry.areas[item].label
    if item in geometry.base_areas:
        return geometry.base_areas[item][0]
    return item


def describe_match(match: Match, content: Content, geometry: BodyGeometry) -> str:
    """One plain line for a match: name, side, region and which areas it covers how."""
    region = content.regions.get(match.muscle.region)
    name = match.muscle.name + (f" ({match.side})" if match.side else "")
    parts = [name, f"region: {region.name if region else match.muscle.region}"]
    if match.essential:
        parts.append("essential: " + ", ".join(area_label(a, geometry) for a in match.essential))
    if match.spillover:
        parts.append("spillover: " + ", ".join(area_label(a, geometry) for a in match.spillover))
    parts.append(f"why: {match.reason}")
    return " | ".join(parts)


def explorer_query(match: Match) -> dict[str, str]:
    """The query parameters that open this match in the explorer."""
    params = {"region": match.muscle.region, "muscle": match.muscle.id}
    if match.side:
        params["side"] = match.side
    return params


# --- the pain finder's pictures: the whole body, body parts and their close-ups -----------
# Areas are chosen on close-ups, where each is a target big enough for a finger. A body part
# is a group of close-ups (a region's, from the content; close-ups no region lists are
# grouped by the first word of their id). A picture is one close-up on one side of the person.

@dataclass(frozen=True)
class BodyPart:
    id: str  # the id of its first close-up, so it is unique and tells the picture to open
    label: str  # "Head and neck"
    closeups: tuple[str, ...]


def _part_label(labels: Sequence[str]) -> str:
    """What a group of close-ups shows, from their labels: the words they begin with
    ("Head and neck from behind", "Head and neck from the side" -> "Head and neck"), or for
    one label the words before " from " or a comma."""
    if len(labels) == 1:
        label = labels[0]
        for cut in (" from ", ", "):
            label = label.split(cut)[0]
        return label.strip(" ,")
    words = [label.split() for label in labels]
    common: list[str] = []
    for group in zip(*words):
        if len({w.lower() for w in group}) != 1:
            break
        common.append(group[0])
    while common and (common[-1].lower() in ("from", "the", "and", "of") or common[-1].endswith(",")):
        if common[-1].endswith(",") and len(common) > 1:
            common[-1] = common[-1].rstrip(",")
            break
        common.pop()
    return " ".join(common).strip(" ,")


def body_parts(content: Content, geometry: BodyGeometry) -> list[BodyPart]:
    """The body parts to choose from, in the content's region order, then any close-ups of
    the geometry that no region lists (so every close-up can be opened).

    A part offers only the close-ups on which some area is its biggest on a phone
    (`picture_of_area`): every area is a full-size target on one of its part's pictures, and a
    part has few pictures to choose from (the elbow's whole-arm views, where the outer elbow
    is 19 px across, are left out)."""
    homes = {picture[0] for iid in geometry.areas if (picture := picture_of_area(content, geometry, iid))}

    def offered(cid: str) -> bool:
        return cid in homes or not homes  # a pack whose close-ups show no area keeps them all
    groups: list[tuple[str, list[str]]] = []
    taken: set[str] = set()
    for region in content.regions.values():
        shown = [c for c in dict.fromkeys(region.closeups)
                 if c in geometry.closeups and c not in taken and offered(c)]
        if shown:
            groups.append((region.name, shown))
            taken.update(shown)
    by_word: dict[str, list[str]] = {}
    for cid in geometry.closeups:
        if cid not in taken and offered(cid):
            by_word.setdefault(cid.split("-")[0], []).append(cid)
    groups += [("", cids) for cids in by_word.values()]
    parts = []
    for fallback, cids in groups:
        label = _part_label([geometry.closeups[c].label for c in cids]) or fallback or geometry.closeups[cids[0]].label
        parts.append(BodyPart(cids[0], label[:1].upper() + label[1:], tuple(cids)))
    return parts


def part_showing(parts: Sequence[BodyPart], closeup: str | None) -> BodyPart | None:
    return next((p for p in parts if closeup in p.closeups), None)


def has_two_sides(geometry: BodyGeometry, closeup: str) -> bool:
    """Whether the close-up shows something else on the person's left than on the right
    (a side view, or a window on one half of the front or back)."""
    (view_r, box_r), (view_l, box_l) = geometry.window(closeup, "right"), geometry.window(closeup, "left")
    return view_r != view_l or any(abs(a - b) > 0.5 for a, b in zip(box_r, box_l))


def picture_areas(geometry: BodyGeometry, closeup: str, side: str) -> list[str]:
    """The area instances that are buttons on this picture (as the close-up draws them)."""
    from .render.closeup_svg import window_areas  # the close-up drawing module is heavier; load it when needed

    view, box = geometry.window(closeup, side)
    return window_areas(geometry, view, box)


def picture_of_area(content: Content, geometry: BodyGeometry, iid: str) -> tuple[str, str] | None:
    """(close-up, side) of the picture on which area instance `iid` is the biggest target on a
    phone, or None when no close-up shows it. An area a region lists is looked for on that
    region's own close-ups first (the back of the neck opens on the neck's picture, though the
    upper back's shows it larger), so it opens among the pictures of its own body part."""
    from .render.closeup_svg import PHONE_FRAME, best_closeup

    if iid not in geometry.areas:
        return None
    area = geometry.areas[iid]
    own = next(([c for c in r.closeups if c in geometry.closeups] for r in content.regions.values()
                if area.area in r.areas), [])
    closeup = (own and best_closeup(geometry, iid, PHONE_FRAME, own)) or best_closeup(geometry, iid, PHONE_FRAME)
    return (closeup, area.side) if closeup else None
