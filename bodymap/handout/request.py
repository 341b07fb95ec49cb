"""What the therapist asks for, and whether it can be printed.

The therapist's note is untrusted text. It is printed exactly as typed (never read as
markup), within clear limits; characters the bundled font cannot draw are refused with a
message that names them, rather than silently dropped.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..content import Content
from ..fonts import text_problems
from ..dosage import Dosage
from ..links import MAX_PLAN_EXERCISES, MAX_PLAN_MUSCLES, SIDE_CHOICES, PlanLink
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


# Every way a person's text can say "new line" (Windows and old Mac line ends, NEL, vertical
# tab, form feed). The Unicode line and paragraph separators (U+2028, U+2029) are not among
# them: they are invisible, so they get the control characters' message instead.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\x0b\x0c]")


def normalize_text(text: str) -> str:
    """Line breaks of every kind made "\\n" and tabs made spaces; nothing else changes."""
    return _LINE_BREAKS.sub("\n", text).replace("\t", "    ").strip()


def note_problems(note: str) -> list[str]:
    """Messages for a note that cannot be printed as typed (empty list: it is fine)."""
    note = normalize_text(note)
    problems = []
    if len(note) > MAX_NOTE_CHARS:
        problems.append(
            f"The note is {len(note):,} characters long; the limit is {MAX_NOTE_CHARS:,}. "
            f"Shorten it by {len(note) - MAX_NOTE_CHARS:,} character{'s' if len(note) - MAX_NOTE_CHARS != 1 else ''}."
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
    dosage: Mapping[str, Dosage] = field(default_factory=dict)  # exercise id -> the therapist's dosage
    note: str = ""
    paper: str = "A4"
    base_url: str = field(default_factory=default_base_url)
    date: dt.date = field(default_factory=dt.date.today)
    side: str = "right"

    def __post_init__(self) -> None:
        object.__setattr__(self, "region", (self.region or "").strip())
        object.__setattr__(self, "muscles", _tuple(self.muscles))
        object.__setattr__(self, "exercises", _tuple(self.exercises))
        object.__setattr__(self, "dosage", {k: v for k, v in dict(self.dosage or {}).items() if v is not None})
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
        for eid, dosage in self.dosage.items():
            if eid not in self.exercises:
                out.append(f"A dosage was given for {eid!r}, which is not one of the chosen exercises.")
            elif not isinstance(dosage, Dosage):
                out.append(f"The dosage for {eid!r} must be sets, repeats, hold, times a day and days a week, "
                           "not text.")
        out += note_problems(self.note)
        if self.paper not in PAPERS:
            out.append(f"Paper size must be A4 or Letter, not {self.paper!r}.")
        if self.side not in SIDE_CHOICES:
            out.append(f"Side must be right or left, not {self.side!r}.")
        if problem := base_url_problem(self.base_url):
            out.append(problem)
        return out

    def link(self) -> str:
        """The address of the patient's plan in the app: the muscles on the handout (the region
        alone when there are more than a plan shows), the chosen exercises and any dosage the
        therapist set (numbers, never text), signed by this installation; never the note."""
        muscles = self.muscles if len(self.muscles) <= MAX_PLAN_MUSCLES else ()
        exercises = self.exercises[:MAX_PLAN_EXERCISES]
        plan = PlanLink(self.region, muscles, self.side, exercises,
                        tuple((e, self.dosage[e]) for e in exercises if isinstance(self.dosage.get(e), Dosage))
                        ).signed()
        return plan_url(self.base_url, {**plan.to_query(), "audience": "patient"})
