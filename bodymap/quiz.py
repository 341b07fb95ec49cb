"""Quiz questions generated from the content, and the small state machine of a quiz.

Every question has exactly one option that the content supports. Distractors are real
muscles, areas, structures, regions or exercises, and are chosen so that none of them is
also right: for "which muscle refers pain here?" no distractor has that area anywhere in
its referral zone. The same content and seed always give the same quiz.

Kinds of question:
- zone-to-muscle: a referral picture (drawn without the muscle's name) -> which muscle?
- area-to-muscle: an area -> which of these muscles refers pain there?
- muscle-to-area: a muscle -> which area is in its essential zone?
- region-safety: a region -> which structure do its needling safety notes name?
- exercise-region: an exercise -> which region is it paired with (or the reverse)?
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .content import Content
from .geometry import BodyGeometry
from .model import Muscle

KINDS = ("zone-to-muscle", "area-to-muscle", "muscle-to-area", "region-safety", "exercise-region")
KIND_LABELS = {
    "zone-to-muscle": "Picture → muscle",
    "area-to-muscle": "Area → muscle",
    "muscle-to-area": "Muscle → area",
    "region-safety": "Region → safety structure",
    "exercise-region": "Exercise ↔ region",
}
OPTIONS = 4  # one right answer and up to three distractors
MIN_OPTIONS = 3  # a question with fewer choices is not worth asking

@dataclass(frozen=True)
class Question:
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: int  # index of the right option
    explanation: str
    region: str  # region id the question counts toward
    subject: str  # the id the question is about (muscle, area, region or exercise)
    option_ids: tuple[str, ...] = ()  # the ids behind the options
    picture: str | None = None  # muscle id drawn with the question, without its name
    reveal: str | None = None  # muscle id drawn with the feedback

    @property
    def right_option(self) -> str:
        return self.options[self.answer]

    def is_right(self, choice: int) -> bool:
        return choice == self.answer


# --- helpers ------------------------------------------------------------------------------

def _zone(m: Muscle) -> set[str]:
    return set(m.referral.essential) | set(m.referral.spillover)


def _join(words: Sequence[str]) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def structures_in(content: Content, text: str) -> list[str]:
    """The names of the content's safety structures (study.yaml) that `text` mentions."""
    return [s.name for s in content.study.safety_structures if s.named_in(text)]


def region_safety_texts(content: Content, region_id: str) -> list[str]:
    """The region's safety notes and the needling safety notes of its muscles."""
    return list(content.regions[region_id].safety) + [m.needling_safety for m in content.muscles_in(region_id)]


def region_structures(content: Content, region_id: str) -> list[str]:
    found: list[str] = []
    for text in region_safety_texts(content, region_id):
        for name in structures_in(content, text):
            if name not in found:
                found.append(name)
    return found


def _pick(rng: random.Random, preferred: Sequence[str], rest: Sequence[str], k: int) -> list[str]:
    """Up to k items: as many as possible from `preferred`, then from `rest` (each shuffled)."""
    first = list(dict.fromkeys(preferred))
    rng.shuffle(first)
    second = [x for x in dict.fromkeys(rest) if x not in first]
    rng.shuffle(second)
    return (first + second)[:k]


def _assemble(rng: random.Random, kind: str, prompt: str, right: tuple[str, str],
              wrong: Sequence[tuple[str, str]], **fields) -> Question | None:
    """Shuffle the right option among the distractors; None if there are too few."""
    if len(wrong) + 1 < MIN_OPTIONS:
        return None
    items = [right, *wrong[: OPTIONS - 1]]
    rng.shuffle(items)
    return Question(kind=kind, prompt=prompt, options=tuple(label for _, label in items),
                    option_ids=tuple(i for i, _ in items), answer=items.index(right), **fields)


# --- one builder per kind -----------------------------------------------------------------
# Each takes (content, geometry, rng, subject) and returns a Question or None.

def _zone_to_muscle(content: Content, geometry: BodyGeometry, rng: random.Random, mid: str) -> Question | None:
    m = content.muscles[mid]
    mine = set(m.referral.essential)
    others = [o for o in content.muscles.values() if o.id != m.id
              and set(o.referral.essential) != mine  # an identical solid zone would be a second right answer
              and (set(o.referral.essential), set(o.referral.spillover)) != (mine, set(m.referral.spillover))]
    preferred = [la.muscle for la in m.look_alikes if la.muscle in {o.id for o in others}]
    preferred += [o.id for o in others if o.region == m.region]
    chosen = _pick(rng, preferred, [o.id for o in others], OPTIONS - 1)
    return _assemble(
        rng, "zone-to-muscle", "Which muscle refers pain in the pattern shown?",
        (m.id, m.name), [(c, content.muscles[c].name) for c in chosen],
        explanation=zone_sentence(m, geometry), region=m.region, subject=m.id, picture=m.id, reveal=m.id,
    )


def _area_to_muscle(content: Content, geometry: BodyGeometry, rng: random.Random, area: str) -> Question | None:
    owners = sorted(m.id for m in content.muscles.values() if area in m.referral.essential)
    if not owners:
        return None
    mid = rng.choice(owners)
    m = content.muscles[mid]
    label = geometry.base_areas[area][0]
    others = [o for o in content.muscles.values() if area not in _zone(o)]
    preferred = [o.id for o in others if o.region == m.region]
    chosen = _pick(rng, preferred, [o.id for o in others], OPTIONS - 1)
    also = sorted({o.name for o in content.muscles.values() if area in _zone(o) and o.id != mid})
    explanation = f"{m.name} lists “{label}” in its essential zone. " + zone_sentence(m, geometry)
    if also:
        explanation += f" Other muscles that can refer there: {_join(also)}."
    return _assemble(
        rng, "area-to-muscle", f"Pain is felt here: {label}. Which of these muscles can refer pain to this area?",
        (m.id, m.name), [(c, content.muscles[c].name) for c in chosen],
        explanation=explanation, region=m.region, subject=area, reveal=m.id,
    )


def _muscle_to_area(content: Content, geometry: BodyGeometry, rng: random.Random, mid: str) -> Question | None:
    m = content.muscles[mid]
    right = rng.choice(sorted(m.referral.essential))
    zone = _zone(m)
    candidates = [a for a in geometry.base_areas if a not in zone]
    referred = {a for o in content.muscles.values() for a in _zone(o)}
    view = geometry.base_areas[right][1]
    # Wrong answers a student has to think about: where the region's other muscles send pain
    # (the same part of the body), then other areas on the same side of the body.
    nearby = [a for o in content.muscles_in(m.region) for a in sorted(_zone(o)) if a in candidates]
    preferred = nearby or [a for a in candidates if a in referred and geometry.base_areas[a][1] == view]
    fallback = [a for a in candidates if a in referred and geometry.base_areas[a][1] == view] or candidates
    chosen = _pick(rng, preferred, fallback, OPTIONS - 1)
    return _assemble(
        rng, "muscle-to-area", f"Which area is in the essential referral zone of {m.name}?",
        (right, geometry.base_areas[right][0]), [(a, geometry.base_areas[a][0]) for a in chosen],
        explanation=zone_sentence(m, geometry), region=m.region, subject=m.id, reveal=m.id,
    )


def _centre(content: Content, geometry: BodyGeometry, rid: str) -> tuple[float, float]:
    """Where a region is on the body (the middle of its buttons' areas, on the right side)."""
    points = [geometry.areas[i].anchor for a in content.regions[rid].button_areas
              for i in (f"{a}-right", a) if i in geometry.areas][:12] or [(0.0, 0.0)]
    return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)


def _distance(content: Content, geometry: BodyGeometry, a: str, b: str) -> float:
    (xa, ya), (xb, yb) = _centre(content, geometry, a), _centre(content, geometry, b)
    return abs(xa - xb) + abs(ya - yb)


def _region_safety(content: Content, geometry: BodyGeometry, rng: random.Random, rid: str) -> Question | None:
    region = content.regions[rid]
    mine = region_structures(content, rid)
    if not mine:
        return None
    right = rng.choice(mine)
    # Wrong answers from the regions nearest this one on the body first (the low back's from
    # the hip and thigh, not the forearm's nerves), so none is ruled out at a glance.
    near = sorted((o for o in content.regions if o != rid), key=lambda o: _distance(content, geometry, rid, o))
    elsewhere = [s for other in near[:2] for s in region_structures(content, other)]
    candidates = [s for other in near for s in region_structures(content, other)] + \
        [s.name for s in content.study.safety_structures]
    candidates = [s for s in dict.fromkeys(candidates) if s not in mine]
    chosen = _pick(rng, [s for s in elsewhere if s not in mine], candidates, OPTIONS - 1)
    structure = next(s for s in content.study.safety_structures if s.name == right)
    notes = [t for t in region_safety_texts(content, rid) if structure.named_in(t)]
    explanation = f"The {region.name.lower()} safety notes name the {right.lower()}: " + " ".join(
        t if t.endswith(".") else t + "." for t in notes[:2])
    return _assemble(
        rng, "region-safety", f"When needling in the {region.name.lower()} region, which structure do the safety notes warn about?",
        (right, right), [(s, s) for s in chosen],
        explanation=explanation, region=rid, subject=rid,
    )


def _exercise_region(content: Content, geometry: BodyGeometry, rng: random.Random, eid: str) -> Question | None:
    exercise = content.exercises[eid]
    homes = [rid for rid, r in content.regions.items() if eid in r.exercises]
    if not homes:
        return None
    rid = rng.choice(homes)
    region = content.regions[rid]
    if rng.random() < 0.5:
        others = [r for r in content.regions if r not in homes]
        chosen = _pick(rng, [], others, OPTIONS - 1)
        return _assemble(
            rng, "exercise-region", f"The exercise “{exercise.name}” is part of the plan for which region?",
            (rid, region.name), [(r, content.regions[r].name) for r in chosen],
            explanation=f"{exercise.name} is paired with the {region.name.lower()}: {exercise.purpose}",
            region=rid, subject=eid,
        )
    others = [e for e in content.exercises if e not in region.exercises]
    chosen = _pick(rng, [], others, OPTIONS - 1)
    return _assemble(
        rng, "exercise-region", f"Which exercise is paired with needling in the {region.name.lower()} region?",
        (eid, exercise.name), [(e, content.exercises[e].name) for e in chosen],
        explanation=f"{exercise.name} is in the {region.name.lower()} plan: {exercise.purpose}",
        region=rid, subject=eid,
    )


def zone_sentence(m: Muscle, geometry: BodyGeometry) -> str:
    def labels(ids: Iterable[str]) -> str:
        return ", ".join(geometry.base_areas[a][0].lower() for a in ids)

    text = f"{m.name}: essential zone {labels(m.referral.essential)}"
    if m.referral.spillover:
        text += f"; spillover {labels(m.referral.spillover)}"
    return text + "."


Builder = Callable[[Content, BodyGeometry, random.Random, str], "Question | None"]
BUILDERS: dict[str, tuple[Builder, Callable[[Content, BodyGeometry], list[str]]]] = {
    "zone-to-muscle": (_zone_to_muscle, lambda c, g: sorted(c.muscles)),
    "area-to-muscle": (_area_to_muscle, lambda c, g: sorted({a for m in c.muscles.values() for a in m.referral.essential})),
    "muscle-to-area": (_muscle_to_area, lambda c, g: sorted(c.muscles)),
    "region-safety": (_region_safety, lambda c, g: list(c.regions)),
    "exercise-region": (_exercise_region, lambda c, g: sorted(c.exercises)),
}


def make_quiz(content: Content, geometry: BodyGeometry, seed: int | str, n: int = 10,
              kinds: Sequence[str] = KINDS) -> list[Question]:
    """Up to `n` questions mixing the chosen kinds; the same seed gives the same quiz."""
    unknown = set(kinds) - set(BUILDERS)
    if unknown:
        raise ValueError(f"unknown question kind(s): {sorted(unknown)}")
    kinds = [k for k in KINDS if k in set(kinds)]
    rng = random.Random(f"bodymap-quiz:{seed}")
    pools = {}
    for kind in kinds:
        subjects = BUILDERS[kind][1](content, geometry)
        rng.shuffle(subjects)
        pools[kind] = subjects
    order = list(kinds)
    rng.shuffle(order)
    questions: list[Question] = []
    while len(questions) < n and any(pools.values()):
        for kind in order:
            if len(questions) >= n:
                break
            while pools[kind]:
                question = BUILDERS[kind][0](content, geometry, rng, pools[kind].pop())
                if question is not None:
                    questions.append(question)
                    break
    return questions


# --- quiz progress (pure state for the Study page) ----------------------------------------

@dataclass(frozen=True)
class QuizProgress:
    seed: int
    n: int = 10
    kinds: tuple[str, ...] = KINDS
    answers: tuple[int | None, ...] = ()  # chosen option per question, None = not yet
    current: int = 0

    def started(self, count: int) -> QuizProgress:
        """The same quiz with an answer slot for each of its `count` questions."""
        if len(self.answers) == count:
            return self
        return replace(self, answers=(None,) * count, current=0)


def answer(progress: QuizProgress, index: int, choice: int) -> QuizProgress:
    """Record the first answer to question `index`; later taps on it change nothing."""
    if not 0 <= index < len(progress.answers) or progress.answers[index] is not None:
        return progress
    answers = list(progress.answers)
    answers[index] = choice
    return replace(progress, answers=tuple(answers))


def go_to(progress: QuizProgress, index: int) -> QuizProgress:
    return replace(progress, current=max(0, min(index, len(progress.answers))))


def finished(progress: QuizProgress) -> bool:
    return bool(progress.answers) and progress.current >= len(progress.answers)


def score(questions: Sequence[Question], progress: QuizProgress) -> tuple[int, int]:
    """(right answers, questions answered)."""
    done = [(q, a) for q, a in zip(questions, progress.answers) if a is not None]
    return sum(q.is_right(a) for q, a in done), len(done)


def missed(questions: Sequence[Question], progress: QuizProgress) -> list[tuple[int, Question, int]]:
    """(index, question, wrong choice) for every question answered wrongly."""
    return [(i, q, a) for i, (q, a) in enumerate(zip(questions, progress.answers))
            if a is not None and not q.is_right(a)]


@dataclass(frozen=True)
class RegionResult:
    """Right and answered counts for one region (drawn by figures.quiz_results_figure)."""

    region: str  # region id
    name: str
    correct: int
    answered: int

    @property
    def missed(self) -> int:
        return self.answered - self.correct


@dataclass(frozen=True)
class Attempt:
    """One answered question, kept for the session's results chart."""

    quiz: str  # which quiz: seed, size and kinds
    index: int
    region: str
    right: bool


def quiz_key(progress: QuizProgress) -> str:
    return f"{progress.seed}:{progress.n}:{','.join(progress.kinds)}"


def record_attempt(history: Sequence[Attempt], progress: QuizProgress, index: int,
                   question: Question) -> tuple[Attempt, ...]:
    """Add the answer to question `index` to the session history, once."""
    choice = progress.answers[index] if 0 <= index < len(progress.answers) else None
    key = quiz_key(progress)
    if choice is None or any(a.quiz == key and a.index == index for a in history):
        return tuple(history)
    return (*history, Attempt(key, index, question.region, question.is_right(choice)))


def results_by_region(content: Content, history: Iterable[Attempt]) -> list[RegionResult]:
    """Right and answered counts per region, in the regions' display order."""
    totals: dict[str, list[int]] = {}
    for attempt in history:
        t = totals.setdefault(attempt.region, [0, 0])
        t[0] += attempt.right
        t[1] += 1
    ordered = [r for r in content.regions if r in totals] + sorted(r for r in totals if r not in content.regions)
    return [RegionResult(r, content.regions[r].name if r in content.regions else r, *totals[r]) for r in ordered]
