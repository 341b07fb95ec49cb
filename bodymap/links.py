"""Every page's link: what its URL may say, how that is read, and how it is written back.

One small frozen type per page declares its parameters (`PARAMS`), reads them with
`parse(params, content, geometry) -> (link, notices)` and writes them with `to_query()`.
The app shell's own settings (audience, present mode) are a link of their own, `Settings`,
shared by every page. `ui/url_state.py` applies one rule to all of them: a URL the app did
not write (a link someone opened) replaces the page's state; otherwise the session wins.

Whatever arrives in a URL is untrusted. Every value is bounded before it is parsed (length,
digits, number of items), unknown keys and values are dropped with a notice, and notices
quote a sanitised, shortened copy of the value, never the raw text.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from .content import Content
from .dosage import Dosage, DosageError
from .link_secret import installation_secret, sign, verify
from .render.figures import MAX_COMPARE
from .geometry import BodyGeometry
from .model import AUDIENCES
from .study import STUDY_MODES

Params = Mapping[str, str | Iterable[str]]

# Bounds applied before any value is parsed: a value longer than this is refused whole.
MAX_VALUE_CHARS = 2_000
MAX_LIST_ITEMS = 60
MAX_SEED = 999_999

# The explorer's picture: "auto" (the region's close-up that shows the muscle best), "body"
# (the whole body, front and back) or one of the region's close-ups by id. Links from before
# the close-ups said both, front or back: the whole body.
VIEW_CHOICES = ("auto", "body")
OLD_VIEWS = ("both", "front", "back")
SIDE_CHOICES = ("right", "left")  # the side a page draws on, in the order its buttons show
MODES = ("explore", "present")


def quote(value: str, limit: int = 40) -> str:
    """A safe, short rendering of untrusted text for a notice: letters, digits, - and _ only."""
    value = str(value)[:10_000]
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "", value)[:limit]
    more = "…" if len(value) > limit or len(cleaned) < len(value) else ""
    return f"“{cleaned}{more}”" if cleaned else "(an unreadable value)"


class _Reader:
    """Reads one page's parameters, bounding each value and collecting notices."""

    def __init__(self, params: Params, known: Iterable[str]):
        self.params = params
        self.notices: list[str] = []
        unknown = sorted(str(k) for k in set(params) - set(known))
        if unknown:
            names = ", ".join(quote(k, 20) for k in unknown[:5]) + (" and more" if len(unknown) > 5 else "")
            self.notices.append(f"The link had settings this app does not use ({names}); they were ignored.")

    def raw(self, key: str) -> str | None:
        """The last value given for `key` (a link may repeat a key), or None if it is too long."""
        value = self.params.get(key)
        if value is not None and not isinstance(value, str):
            values = list(value)
            value = values[-1] if values else None
        if value is not None and len(value) > MAX_VALUE_CHARS:
            self.notices.append(f"The link's {key} value is {len(value):,} characters long, "
                                f"more than the {MAX_VALUE_CHARS:,} allowed, so it was ignored.")
            return None
        return value

    def choose(self, key: str, allowed: Iterable[str], label: str, default: str | None) -> str | None:
        value = self.raw(key)
        if value is None or value == "":
            return default
        if value in allowed:
            return value
        self.notices.append(f"The link asked for {label} {quote(value)}, which this app does not have, "
                            "so it was ignored.")
        return default

    def items(self, key: str, allowed: Iterable[str], label: str, limit: int = MAX_LIST_ITEMS) -> tuple[str, ...]:
        """A comma-separated list: known items in order, no repeats, at most `limit`."""
        allowed = set(allowed)
        chosen: list[str] = []
        ignored: list[str] = []
        for item in (self.raw(key) or "").split(","):
            item = item.strip()
            if not item or item in chosen:
                continue
            if item in allowed and len(chosen) < limit:
                chosen.append(item)
            else:
                ignored.append(item)
        if ignored:
            shown = ", ".join(quote(i) for i in ignored[:5]) + (" and more" if len(ignored) > 5 else "")
            self.notices.append(f"The link named {label} ({shown}), which this app does not have or cannot "
                                "show at once, so they were ignored.")
        return tuple(chosen)


def _query(link, defaults) -> dict[str, str]:
    """The URL parameters of a link, leaving out defaults to keep links short."""
    out: dict[str, str] = {}
    for key, attr in link.PARAMS.items():
        value = getattr(link, attr)
        if isinstance(value, tuple):
            value = ",".join(value)
        if value not in (None, "", getattr(defaults, attr)):
            out[key] = str(value)
    return out


# --- the app shell's settings, shared by every page --------------------------------------

@dataclass(frozen=True)
class Settings:
    """Who the text is for, and whether the app is being shown to a patient at the chair."""

    PARAMS: ClassVar[dict[str, str]] = {"audience": "audience", "mode": "mode"}
    audience: str = "patient"
    mode: str = "explore"

    @property
    def presenting(self) -> bool:
        return self.mode == "present"

    @classmethod
    def parse(cls, params: Params) -> tuple[Settings, list[str]]:
        read = _Reader({k: v for k, v in params.items() if k in cls.PARAMS}, cls.PARAMS)
        return cls(read.choose("audience", AUDIENCES, "the audience", "patient") or "patient",
                   read.choose("mode", MODES, "the mode", "explore") or "explore"), read.notices

    def to_query(self) -> dict[str, str]:
        return _query(self, Settings())


def page_params(params: Params) -> dict[str, str | Iterable[str]]:
    """The parameters that belong to the page, without the shell's settings."""
    return {k: v for k, v in params.items() if k not in Settings.PARAMS}


# --- the explorer ------------------------------------------------------------------------

@dataclass(frozen=True)
class ExplorerLink:
    PARAMS: ClassVar[dict[str, str]] = {"region": "region", "muscle": "muscle", "view": "view", "side": "side"}
    region: str | None = None
    muscle: str | None = None
    view: str = "auto"
    side: str = "right"

    @classmethod
    def parse(cls, params: Params, content: Content, geometry: BodyGeometry | None = None
              ) -> tuple[ExplorerLink, list[str]]:
        read = _Reader(params, cls.PARAMS)
        closeups = [c for r in content.regions.values() for c in r.closeups]
        view = read.choose("view", (*VIEW_CHOICES, *OLD_VIEWS, *closeups), "the view", "auto") or "auto"
        view = "body" if view in OLD_VIEWS else view
        side = read.choose("side", SIDE_CHOICES, "the side", "right") or "right"
        region = read.choose("region", content.regions, "the region", None)
        muscle = read.choose("muscle", content.muscles, "the muscle", None)
        if muscle is not None:
            home = content.muscles[muscle].region
            if region is not None and region != home:
                read.notices.append(
                    f"{content.muscles[muscle].name} belongs to the {content.regions[home].name.lower()} region, "
                    "so that region is shown.")
            region = home
        if view in closeups and (region is None or view not in content.regions[region].closeups):
            read.notices.append(f"The link asked for the view {quote(view)}, which is not a picture of "
                                f"{'a chosen region' if region is None else content.regions[region].name.lower()}, "
                                "so the usual picture is shown.")
            view = "auto"
        return cls(region, muscle, view, side), read.notices

    def to_query(self) -> dict[str, str]:
        return _query(self, ExplorerLink())

    def select_region(self, target: object, content: Content) -> ExplorerLink:
        """A press on a region. Unknown targets change nothing; a new region clears the muscle."""
        if not isinstance(target, str) or target not in content.regions or target == self.region:
            return self
        return replace(self, region=target, muscle=None, view="auto" if self.view != "body" else "body")

    def select_muscle(self, muscle: object, content: Content) -> ExplorerLink:
        """A muscle choice; None clears it, anything unknown changes nothing."""
        if muscle is None:
            return replace(self, muscle=None)
        if not isinstance(muscle, str) or muscle not in content.muscles:
            return self
        region = content.muscles[muscle].region
        # A new muscle gets the close-up that shows it best, unless the whole body was asked for.
        view = self.view if self.view == "body" or (muscle == self.muscle) else "auto"
        return replace(self, muscle=muscle, region=region, view=view)


# --- where does it hurt? -----------------------------------------------------------------

@dataclass(frozen=True)
class PainFinderLink:
    """The chosen areas, and the picture they are chosen on: a close-up (`view`, a close-up
    id of the geometry) on the person's `side`, or the whole body (None)."""

    PARAMS: ClassVar[dict[str, str]] = {"areas": "areas", "view": "view", "side": "side"}
    areas: tuple[str, ...] = ()
    view: str | None = None
    side: str = "right"

    @classmethod
    def parse(cls, params: Params, content: Content, geometry: BodyGeometry) -> tuple[PainFinderLink, list[str]]:
        read = _Reader(params, cls.PARAMS)
        areas = read.items("areas", geometry.areas, "areas")
        view = read.choose("view", geometry.closeups, "the picture", None)
        side = read.choose("side", SIDE_CHOICES, "the side", "right") or "right"
        return cls(areas, view, side), read.notices

    def to_query(self) -> dict[str, str]:
        return _query(self, PainFinderLink())

    def show(self, view: object, side: object, geometry: BodyGeometry) -> PainFinderLink:
        """Another picture: a close-up id and a side, or None for the whole body. Anything
        unknown changes nothing."""
        if view is not None and view not in geometry.closeups:
            return self
        return replace(self, view=view, side=side if side in SIDE_CHOICES else self.side)

    def press(self, pressed: object, geometry: BodyGeometry, shown: Collection[str] | None = None) -> PainFinderLink:
        """The chosen areas after the map reports a press.

        A single id toggles that area; a list is the map's whole current choice among the
        areas it `shown` (all areas when None) and replaces the old choice there: areas
        chosen on other pictures stay chosen. The order in which areas were first chosen is
        kept (the map reports them in drawing order); None leaves things as they were. Ids
        that are not areas are dropped, so a stale or hand-edited value cannot break the page.
        """
        if pressed is None:
            return self
        if isinstance(pressed, str):
            chosen = [a for a in self.areas if a != pressed] + ([pressed] if pressed not in self.areas else [])
        elif isinstance(pressed, Sequence):
            now = [str(p) for p in pressed]
            kept = [a for a in self.areas if a in now or (shown is not None and a not in shown)]
            chosen = kept + [a for a in now if a not in self.areas]
        else:
            return self
        return self.with_areas(chosen, geometry)

    def with_areas(self, areas: Iterable[object], geometry: BodyGeometry) -> PainFinderLink:
        """Known areas only, in order, without repeats."""
        chosen: list[str] = []
        for area in areas:
            area = str(area).strip()
            if area in geometry.areas and area not in chosen and len(chosen) < MAX_LIST_ITEMS:
                chosen.append(area)
        return replace(self, areas=tuple(chosen))


# --- the handout builder -----------------------------------------------------------------

@dataclass(frozen=True)
class HandoutLink:
    """The handout page opened from the explorer: a region, its muscles and a side, and the
    exercises and dosages chosen in the share box (one prescription: a handout made after
    sharing prints the same plan). Dosages are numbers, as in a plan link."""

    PARAMS: ClassVar[dict[str, str]] = {"region": "region", "muscle": "muscles", "side": "side",
                                        "ex": "exercises", "dose": "dosages"}
    region: str | None = None
    muscles: tuple[str, ...] = ()
    side: str = "right"
    exercises: tuple[str, ...] = ()
    dosages: tuple[tuple[str, Dosage], ...] = ()

    @classmethod
    def parse(cls, params: Params, content: Content, geometry: BodyGeometry | None = None
              ) -> tuple[HandoutLink, list[str]]:
        read = _Reader(params, cls.PARAMS)
        region = read.choose("region", content.regions, "the region", None)
        side = read.choose("side", SIDE_CHOICES, "the side", "right") or "right"
        # The explorer sends one muscle; a hand-made link may repeat the key or list several.
        raw = params.get("muscle")
        given = [raw] if isinstance(raw, str) else list(raw or [])
        muscles: list[str] = []
        for mid in (m.strip() for value in given[:MAX_LIST_ITEMS] for m in str(value)[:MAX_VALUE_CHARS].split(",")):
            muscle = content.muscles.get(mid)
            if not mid:
                continue
            if muscle is None:
                read.notices.append(f"The link asked for the muscle {quote(mid)}, which this app does not have, "
                                    "so it was ignored.")
            elif (region is None or muscle.region == region) and mid not in muscles:
                region = region or muscle.region
                muscles.append(mid)
        exercises = read.items("ex", content.exercises, "exercises", limit=MAX_PLAN_EXERCISES)
        dosages, unread = _read_dosages(params.get("dose"), exercises)
        return cls(region, tuple(muscles), side, exercises, dosages), read.notices + unread

    def to_query(self) -> dict[str, str]:
        out = _query(replace(self, dosages=()), HandoutLink())
        if self.dosages:  # one value, so a page link can carry it
            out["dose"] = ",".join(f"{eid}:{dosage.token()}" for eid, dosage in self.dosages)
        return out


# --- study -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StudyLink:
    PARAMS: ClassVar[dict[str, str]] = {"tab": "tab", "muscles": "muscles", "region": "region", "seed": "seed"}
    tab: str = "cards"
    muscles: tuple[str, ...] = ()
    region: str | None = None
    seed: int | None = None

    @classmethod
    def parse(cls, params: Params, content: Content, geometry: BodyGeometry | None = None
              ) -> tuple[StudyLink, list[str]]:
        read = _Reader(params, cls.PARAMS)
        tab = read.choose("tab", STUDY_MODES, "the tab", "cards") or "cards"
        muscles = read.items("muscles", content.muscles, "muscles", limit=MAX_COMPARE)
        region = read.choose("region", content.regions, "the region", None)
        seed_text = (read.raw("seed") or "").strip()
        seed = None
        if seed_text:
            # Checked as text first: int() of a very long digit string is slow or refused.
            if len(seed_text) <= len(str(MAX_SEED)) and seed_text.isascii() and seed_text.isdigit():
                seed = int(seed_text)
            else:
                read.notices.append(f"The link's quiz number {quote(seed_text, 12)} is not a whole number "
                                    f"from 0 to {MAX_SEED:,}, so a new quiz was started.")
        return cls(tab, muscles, region, seed), read.notices

    def to_query(self) -> dict[str, str]:
        return _query(self, StudyLink())


# --- learn -------------------------------------------------------------------------------

@dataclass(frozen=True)
class LearnLink:
    PARAMS: ClassVar[dict[str, str]] = {"topic": "topic"}
    topic: str | None = None

    @classmethod
    def parse(cls, params: Params, content: Content, geometry: BodyGeometry | None = None
              ) -> tuple[LearnLink, list[str]]:
        read = _Reader(params, cls.PARAMS)
        return cls(read.choose("topic", content.topics, "the topic", None)), read.notices

    def to_query(self) -> dict[str, str]:
        return _query(self, LearnLink())


# --- the patient's plan -------------------------------------------------------------------

MAX_PLAN_EXERCISES = 8
MAX_PLAN_MUSCLES = 3  # each gets its picture on the patient's phone; more would also make the QR code dense
NUDGE_EXERCISES = 4  # more than this and a therapist is asked whether the patient will do them all


def _read_dosages(raw: str | Iterable[str] | None, exercises: Collection[str]
                  ) -> tuple[tuple[tuple[str, Dosage], ...], list[str]]:
    """`dose=EXERCISE:TOKEN` values: a structured dosage for a chosen exercise, at most one each."""
    given = [raw] if isinstance(raw, str) else list(raw or [])
    dosages: dict[str, Dosage] = {}
    unread = 0
    items = [item for value in given[:MAX_PLAN_EXERCISES] for item in str(value)[:MAX_VALUE_CHARS].split(",")]
    for item in items[:MAX_PLAN_EXERCISES]:
        eid, _, token = item.strip().partition(":")
        if eid not in exercises or eid in dosages:
            continue
        try:
            dosages[eid] = Dosage.parse(token)
        except DosageError:
            unread += 1
    notices = ["A dosage in this link could not be read, so the usual amount is shown for that exercise."
               ] if unread else []
    return tuple(dosages.items()), notices


@dataclass(frozen=True)
class PlanLink:
    """What a therapist hands a patient: the muscles of a region (or the region alone) and
    the chosen exercises, each with its dosage when the therapist set one. Never any text:
    a dosage is a few bounded numbers (`bodymap.dosage`) that the app writes out itself.

    The app signs the plan it writes (`sig`, an HMAC of the plan with the installation's
    secret, `bodymap.link_secret`). A link without a valid signature (hand-made, edited, or
    from another installation) keeps its region, muscles and side, so the patient still sees
    the picture, but loses its exercises and dosages: the page then shows the usual ones and
    says that the plan was not made by this clinic's app."""

    PARAMS: ClassVar[dict[str, str]] = {"region": "region", "muscle": "muscles", "side": "side",
                                        "ex": "exercises", "dose": "dosages", "sig": "sig"}
    region: str | None = None
    muscles: tuple[str, ...] = ()
    side: str = "right"
    exercises: tuple[str, ...] = ()
    dosages: tuple[tuple[str, Dosage], ...] = ()
    sig: str = ""  # set only by `signed` or by a parse that verified it

    @classmethod
    def parse(cls, params: Params, content: Content, geometry: BodyGeometry | None = None,
              secret: bytes | None = None) -> tuple[PlanLink, list[str]]:
        """The plan a link asks for; its exercises and dosages only when the installation signed it."""
        plan, notices, about_exercises = cls._read(params, content)
        given = _Reader({"sig": params.get("sig") or ""}, ("sig",)).raw("sig") or ""
        if given and verify(plan._message(), given, secret or installation_secret()):
            return replace(plan, sig=given), notices + about_exercises
        return cls(plan.region, plan.muscles, plan.side), notices

    @classmethod
    def _read(cls, params: Params, content: Content) -> tuple[PlanLink, list[str], list[str]]:
        """The plan as the link says it, notices about its place, and notices about its exercises."""
        # The region, its muscles (a handout about several muscles lists them all) and the side.
        chosen, notices = HandoutLink.parse({k: v for k, v in params.items() if k in ("region", "muscle", "side")},
                                            content)
        if len(chosen.muscles) > MAX_PLAN_MUSCLES:
            notices.append(f"This link names {len(chosen.muscles)} muscles; a plan shows at most {MAX_PLAN_MUSCLES}, "
                           "so only the first ones are shown.")
            chosen = replace(chosen, muscles=chosen.muscles[:MAX_PLAN_MUSCLES])
        read = _Reader({k: v for k, v in params.items() if k not in ("region", "muscle", "side")},
                       ("ex", "dose", "sig"))
        notices += read.notices
        read.notices = []
        exercises = read.items("ex", content.exercises, "exercises", limit=MAX_PLAN_EXERCISES)
        stale = ["Some exercises in this link are no longer in the app (or there were too many), so they are not "
                 "shown. Please ask your therapist for an up-to-date link."] if read.notices else []
        dosages, unread = _read_dosages(params.get("dose"), exercises)
        return cls(chosen.region, chosen.muscles, chosen.side, exercises, dosages), notices, stale + unread

    def _message(self) -> str:
        """What the signature covers: every part of the plan, in one fixed form."""
        return "plan1|" + "|".join([self.region or "", ",".join(self.muscles), self.side, ",".join(self.exercises),
                                    ",".join(f"{e}:{d.token()}" for e, d in self.dosages)])

    def signed(self, secret: bytes | None = None) -> PlanLink:
        """This plan signed by the installation (a link the app hands out)."""
        return replace(self, sig=sign(self._message(), secret or installation_secret()))

    @property
    def trusted(self) -> bool:
        """Made by this installation's app: its exercises and dosages are the therapist's."""
        return bool(self.sig)

    def to_query(self) -> dict[str, str | list[str]]:
        out: dict[str, str | list[str]] = _query(replace(self, dosages=(), sig=""), PlanLink())
        if self.dosages:
            out["dose"] = [f"{eid}:{dosage.token()}" for eid, dosage in self.dosages]
        if self.sig:
            out["sig"] = self.sig
        return out

    def dosage_for(self, exercise_id: str) -> Dosage | None:
        return dict(self.dosages).get(exercise_id)


PAGE_LINKS = {"explorer": ExplorerLink, "pain_finder": PainFinderLink, "handout": HandoutLink,
              "study": StudyLink, "learn": LearnLink, "plan": PlanLink}
