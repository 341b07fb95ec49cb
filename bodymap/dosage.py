"""A therapist's dosage for one exercise: bounded numbers that the app writes out in words.

A dosage travels in plan links and QR codes, so it is never free text: sets, repetitions,
a hold time, times a day and days a week, each a whole number within fixed bounds. In a
link it is a short token (`3x10h5d2w7`: 3 sets of 10, hold 5 seconds, twice a day, 7 days
a week); on a page or a handout it is a sentence the app writes (`words()`), so nobody can
put their own words on a patient's plan through a link.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

# (smallest, largest) for each number; a hold of 0 means "no hold".
BOUNDS = {"sets": (1, 10), "reps": (1, 50), "hold": (0, 120), "per_day": (1, 6), "days_a_week": (1, 7)}
LABELS = {"sets": "Sets", "reps": "Repeats", "hold": "Hold (seconds)", "per_day": "Times a day",
          "days_a_week": "Days a week"}
_TOKEN = re.compile(r"([0-9]{1,3})x([0-9]{1,3})(?:h([0-9]{1,3}))?(?:d([0-9]{1,2}))?(?:w([0-9]))?")
MAX_TOKEN_CHARS = 20
_TIMES = {1: "once", 2: "twice"}


class DosageError(ValueError):
    """A dosage that is out of bounds or not written as the app writes it."""


@dataclass(frozen=True)
class Dosage:
    sets: int = 2
    reps: int = 10
    hold: int = 0
    per_day: int = 1
    days_a_week: int = 7

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            low, high = BOUNDS[f.name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise DosageError(f"{LABELS[f.name]} must be a whole number from {low} to {high}, not {value!r}.")

    @classmethod
    def parse(cls, token: str) -> Dosage:
        """The dosage a token stands for; DosageError when it is not one the app would write."""
        token = str(token)[:MAX_TOKEN_CHARS + 1].strip()
        match = _TOKEN.fullmatch(token) if len(token) <= MAX_TOKEN_CHARS else None
        if match is None:
            raise DosageError("A dosage is written like 3x10h5d2w7 (sets x repeats, h hold seconds, "
                              "d times a day, w days a week).")
        sets, reps, hold, per_day, week = match.groups()
        return cls(int(sets), int(reps), int(hold or 0), int(per_day or 1), int(week or 7))

    def token(self) -> str:
        return f"{self.sets}x{self.reps}" + (f"h{self.hold}" if self.hold else "") + f"d{self.per_day}w{self.days_a_week}"

    def words(self) -> str:
        """The dosage as a plain sentence, e.g. "3 sets of 10. Hold each one for 5 seconds.
        Do this twice a day, every day." """
        repeats = f"{self.reps} {'time' if self.reps == 1 else 'times'}"
        first = f"Do it {repeats}" if self.sets == 1 else f"{self.sets} sets of {self.reps}"
        hold = f" Hold each one for {self.hold} {'second' if self.hold == 1 else 'seconds'}." if self.hold else ""
        often = _TIMES.get(self.per_day, f"{self.per_day} times")
        days = "every day" if self.days_a_week == 7 else (
            f"on {self.days_a_week} {'day' if self.days_a_week == 1 else 'days'} of the week")
        return f"{first}.{hold} Do this {often} a day, {days}."
