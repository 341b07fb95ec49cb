"""What the therapist asks for, and whether it can be printed.

The therapist's note is untrusted text. It is printed exactly as typed (never read as
markup), within clear limits; characters the bundled font cannot draw are refused with a
message that names them, rather than silently dropped.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..content import Content
from ..links import MAX_DOSAGE_CHARS, MAX_PLAN_EXERCISES, SIDES, PlanLink
from ..print_picture import FONT_REGULAR
from ..share import base_url as default_base_url
from ..share import base_url_problem, plan_url

MIN_EXERCISES, MAX_EXERCISES = 1, 6
MAX_NOTE_CHARS = 1000
MAX_NOTE_LINES = 20
PAPERS = ("A4", "Letter")


class HandoutError(ValueError):
    """The request cannot be made into a handout; `problems` says why, one line each."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@functools.lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(FONT_REGULAR, lazy=True) as font:
        return frozenset(font.getBestCmap())


@functools.lru_cache(maxsize=1)
def shaping_available() -> bool:
    """True when uharfbuzz is installed, so right-to-left and joined scripts print correctly."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


# Every way a person's text can say "new line" (Windows and old Mac line ends, the Unicode
# line and paragraph separators that word processors paste, NEL, vertical tab, form feed).
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")


def normalize_text(text: str) -> str:
    """Line breaks of every kind made "\\n" and tabs made spaces; nothing else changes."""
    return _LINE_BREAKS.sub("\n", text).replace("\t", "    ").strip()


def _describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    if not name:
        kind = unicodedata.category(ch)
        name = {"Cc": "control character", "Cs": "invalid byte / lone surrogate", "Co": "private-use character",
                "Cn": "unassigned character"}.get(kind, "character")
    shown = ch if unicodedata.category(ch)[0] not in "CZ" else ""
    return f"{shown} ({code} {name})".strip() if shown else f"{code} {name}"


def needs_shaping(text: str) -> bool:
    """Right-to-left letters (Hebrew, Arabic, ...) or combining marks need a shaping engine."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") or unicodedata.combining(ch) for ch in text)


def text_problems(text: str, what: str) -> list[str]:
    """What stops `text` from printing as typed: characters the font lacks, control codes."""
    known = _font_chars()
    bad: list[str] = []
    for ch in dict.fromkeys(text):  # unique, in order of appearance
        if ch == "\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ord(ch) not in known:
            bad.append(ch)
    problems = []
    if bad:
        count = sum(1 for ch in text if ch in set(bad))
        listed = ", ".join(_describe(ch) for ch in bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        problems.append(
            f"{what} has {count} character{'s' if count != 1 else ''} the handout's font cannot print: {listed}. "
            "Emoji, pictographs and some scripts (for example Chinese or Hindi) are not in the font, and invisible "
            "control codes cannot be printed. Remove them or write the words out."
        )
    if needs_shaping(text) and not shaping_available():
        problems.append(
            f"{what} has right-to-left or combining letters (for example Hebrew or Arabic), which need the "
            "'uharfbuzz' package to print correctly; it is not installed here, so write the note without them."
        )
    return problems


def note_problems(note: str) -> list[str]:
    """Messages for a note that cannot be printed as typed (empty list: it is fine)."""
    note = normalize_text(note)
    problems = []
    if len(note) > MAX_NOTE_CHARS:
        problems.append(
            f"The note is {len(note):,} characters long; the limit is {MAX_NOTE_CHARS:,}. "
            f"Shorten it by {len(note) - MAX_NOTE_CHARS:,} characters."
        )
    lines = note.count("\n") + 1 if note else 0
    if lines > MAX_NOTE_LINES:
        problems.append(f"The note has {lines} lines; the limit is {MAX_NOTE_LINES}. Join some lines together.")
    return problems + text_problems(note, "The note")


def _tuple(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))  # unique, in order


@dataclass(frozen=True)
class HandoutRequest:
    """What the therapist chose. Lists are de-duplicated; nothing here is saved anywhere."""

    region: str
    muscles: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    dosage: Mapping[str, str] = field(default_factory=dict)  # exercise id -> dosage text to print instead
    note: str = ""
    paper: str = "A4"
    base_url: str = field(default_factory=default_base_url)
    date: dt.date = field(default_factory=dt.date.today)
    side: str = "right"

    def __post_init__(self) -> None:
        object.__setattr__(self, "region", (self.region or "").strip())
        object.__setattr__(self, "muscles", _tuple(self.muscles))
        object.__setattr__(self, "exercises", _tuple(self.exercises))
        object.__setattr__(self, "dosage", {k: normalize_text(v) for k, v in dict(self.dosage or {}).items()
                                            if v is not None and normalize_text(v)})
        object.__setattr__(self, "note", normalize_text(self.note or ""))
        object.__setattr__(self, "base_url", (self.base_url or "").strip())

    def problems(self, content: Content) -> list[str]:
        """Every reason this request cannot be made into a handout, each naming the culprit."""
        out: list[str] = []
        region = content.regions.get(self.region)
        if region is None:
            out.append(f"Unknown region {self.region!r}. Choose one of: {', '.join(content.regions)}.")
        in_region = [m.id for m in content.muscles_in(self.region)] if region else []
        for mid in self.muscles:
            muscle = content.muscles.get(mid)
            if muscle is None:
                hint = f" Muscles in {region.name}: {', '.join(in_region)}." if region else ""
                out.append(f"Unknown muscle {mid!r}.{hint}")
            elif region is not None and muscle.region != region.id:
                out.append(f"Muscle {mid!r} ({muscle.name}) belongs to the {muscle.region!r} region, "
                           f"not {region.id!r}.")
        if len(self.exercises) < MIN_EXERCISES:
            out.append(f"Choose at least {MIN_EXERCISES} exercise (up to {MAX_EXERCISES}).")
        elif len(self.exercises) > MAX_EXERCISES:
            out.append(f"Choose at most {MAX_EXERCISES} exercises; {len(self.exercises)} were chosen.")
        for eid in self.exercises:
            if eid not in content.exercises:
                paired = f" Exercises for {region.name}: {', '.join(region.exercises)}." if region else ""
                out.append(f"Unknown exercise {eid!r}.{paired}")
        for eid, text in self.dosage.items():
            if eid not in self.exercises:
                out.append(f"A dosage was given for {eid!r}, which is not one of the chosen exercises.")
                continue
            name = content.exercises[eid].name if eid in content.exercises else eid
            if len(text) > MAX_DOSAGE_CHARS:
                out.append(f"The dosage for {name} is {len(text)} characters long; the limit is {MAX_DOSAGE_CHARS}.")
            if "\n" in text:
                out.append(f"The dosage for {name} must be one line.")
            out += text_problems(text, f"The dosage for {name}")
        out += note_problems(self.note)
        if self.paper not in PAPERS:
            out.append(f"Paper size must be A4 or Letter, not {self.paper!r}.")
        if self.side not in SIDES:
            out.append(f"Side must be right or left, not {self.side!r}.")
        if problem := base_url_problem(self.base_url):
            out.append(problem)
        return out

    def link(self) -> str:
        """The address of the patient's plan in the app: the muscle (when there is one), the
        chosen exercises and any dosage the therapist changed; never the note."""
        muscle = self.muscles[0] if len(self.muscles) == 1 else None
        plan = PlanLink(self.region, muscle, self.side, self.exercises[:MAX_PLAN_EXERCISES],
                        tuple((e, " ".join(d.split())) for e, d in self.dosage.items()
                              if e in self.exercises[:MAX_PLAN_EXERCISES] and d.strip()))
        return plan_url(self.base_url, {**plan.to_query(), "audience": "patient"})
