"""Quiz generation: one right answer the content supports, real distractors, repeatable seeds."""
from __future__ import annotations


import pytest

from bodymap.quiz import (KINDS, Attempt, QuizProgress, answer, finished, go_to, make_quiz, missed,
                          quiz_key, record_attempt, region_structures, results_by_region, score, structures_in)




def zone(m):
    return set(m.referral.essential) | set(m.referral.spillover)


def check_question(content, q) -> None:
    """Every option is a real thing, the marked option is right, and no other option is."""
    assert 3 <= len(q.options) <= 4
    assert 0 <= q.answer < len(q.options)
    assert len(set(q.options)) == len(q.options), q
    assert len(q.option_ids) == len(q.options) and len(set(q.option_ids)) == len(q.option_ids)
    assert q.region in content.regions
    right = q.option_ids[q.answer]
    wrong = [o for i, o in enumerate(q.option_ids) if i != q.answer]
    if q.kind == "zone-to-muscle":
        assert q.picture == right == q.subject and q.reveal == right
        m = content.muscles[right]
        assert q.options[q.answer] == m.name
        for other in wrong:
            o = content.muscles[other]  # a real muscle
            assert set(o.referral.essential) != set(m.referral.essential), "a second muscle fits the picture"
    elif q.kind == "area-to-muscle":
        assert q.subject in content.geometry.base_areas and q.picture is None
        assert q.subject in content.muscles[right].referral.essential
        for other in wrong:
            assert q.subject not in zone(content.muscles[other]), f"{other} also refers to {q.subject}"
    elif q.kind == "muscle-to-area":
        m = content.muscles[q.subject]
        assert right in m.referral.essential
        for other in wrong:
            assert other in content.geometry.base_areas, other
            assert other not in zone(m), f"{other} is also in the zone of {m.id}"
        assert list(q.options) == [content.geometry.base_areas[a][0] for a in q.option_ids]
    elif q.kind == "region-safety":
        mine = region_structures(content, q.subject)
        assert right in mine
        for other in wrong:
            assert other in {s.name for s in content.study.safety_structures} and other not in mine
    elif q.kind == "exercise-region":
        if right in content.regions:  # exercise -> region
            assert q.subject in content.regions[right].exercises
            for other in wrong:
                assert q.subject not in content.regions[other].exercises
        else:  # region -> exercise
            assert right == q.subject and right in content.regions[q.region].exercises
            for other in wrong:
                assert other in content.exercises and other not in content.regions[q.region].exercises
    else:  # pragma: no cover
        pytest.fail(f"unknown kind {q.kind}")
    assert q.explanation.strip()


@pytest.mark.parametrize("seed", range(12))
def test_every_question_has_exactly_one_supported_answer(study_pack, seed):
    quiz = make_quiz(study_pack, study_pack.geometry, seed, n=15)
    assert len(quiz) == 15
    for q in quiz:
        check_question(study_pack, q)


@pytest.mark.parametrize("seed", [0, 1, 7, 2024])
def test_real_content_questions_hold_too(content, seed):
    quiz = make_quiz(content, content.geometry, seed, n=30)
    assert len(quiz) == 30
    assert {q.kind for q in quiz} == set(KINDS)
    for q in quiz:
        check_question(content, q)


def test_the_same_seed_gives_the_same_quiz(study_pack):
    assert make_quiz(study_pack, study_pack.geometry, 42) == make_quiz(study_pack, study_pack.geometry, 42)
    assert make_quiz(study_pack, study_pack.geometry, "class-3b") == make_quiz(study_pack, study_pack.geometry, "class-3b")
    assert make_quiz(study_pack, study_pack.geometry, 42) != make_quiz(study_pack, study_pack.geometry, 43)


def test_kinds_are_mixed_and_can_be_chosen(study_pack):
    assert {q.kind for q in make_quiz(study_pack, study_pack.geometry, 3, n=10)} == set(KINDS)
    only = make_quiz(study_pack, study_pack.geometry, 3, n=6, kinds=["muscle-to-area"])
    assert len(only) == 6 and {q.kind for q in only} == {"muscle-to-area"}
    with pytest.raises(ValueError):
        make_quiz(study_pack, study_pack.geometry, 3, kinds=["riddles"])


def test_no_question_is_asked_twice(study_pack):
    quiz = make_quiz(study_pack, study_pack.geometry, 5, n=100)
    keys = [(q.kind, q.subject) for q in quiz]
    assert len(keys) == len(set(keys))
    assert len(quiz) < 100  # the small pack runs out rather than repeating


def test_area_distractors_never_refer_there_even_as_spillover(study_pack):
    # The calf is spillover for gastrocnemius and soleus and essential for nobody in the pack,
    # so it is never asked; the heel is essential for soleus only, and gastrocnemius
    # (which does not refer to the heel) may be a distractor.
    for seed in range(20):
        for q in make_quiz(study_pack, study_pack.geometry, seed, n=30, kinds=["area-to-muscle"]):
            assert q.subject != "calf"
            if q.subject == "heel":
                assert q.option_ids[q.answer] == "soleus"


def test_picture_questions_hide_the_name_in_the_prompt(study_pack):
    for q in make_quiz(study_pack, study_pack.geometry, 9, n=30, kinds=["zone-to-muscle"]):
        assert content_name(study_pack, q.picture) not in q.prompt


def content_name(content, mid):
    return content.muscles[mid].name


@pytest.mark.parametrize(("text", "found"), [
    ("Aim away from the lung apex and the carotid sheath.", ["Lung and pleura", "Carotid artery"]),
    ("The common peroneal nerve winds round the fibular neck.", ["Common fibular (peroneal) nerve"]),
    ("Mind the vertebral arteries.", ["Vertebral artery"]),  # a trailing * matches any ending
    ("A durable band, felt over the renally supplied flank.", []),  # whole words only
    ("Nothing to see.", []),
])
def test_structures_are_found_in_safety_text(content, text, found):
    assert structures_in(content, text) == found


def test_a_pack_without_study_file_has_no_structure_questions(minimal):
    assert minimal.study.safety_structures == []
    assert not make_quiz(minimal, minimal.geometry, 1, n=20, kinds=["region-safety"])


def test_region_structures_come_from_region_and_muscle_notes(study_pack):
    assert region_structures(study_pack, "neck") == ["Lung and pleura", "Vertebral artery"]
    assert "Suprascapular nerve" in region_structures(study_pack, "shoulder")


# --- quiz progress ------------------------------------------------------------------------

def test_progress_records_the_first_answer_only(study_pack):
    quiz = make_quiz(study_pack, study_pack.geometry, 1, n=3)
    p = QuizProgress(seed=1, n=3).started(len(quiz))
    assert p.answers == (None, None, None) and not finished(p)
    wrong = (quiz[0].answer + 1) % len(quiz[0].options)
    p = answer(p, 0, wrong)
    assert answer(p, 0, quiz[0].answer) == p  # no second tries
    p = answer(p, 1, quiz[1].answer)
    assert answer(p, 7, 0) == p  # out of range is ignored
    assert score(quiz, p) == (1, 2)
    assert [(i, c) for i, _, c in missed(quiz, p)] == [(0, wrong)]
    p = go_to(answer(p, 2, quiz[2].answer), 3)
    assert finished(p) and score(quiz, p) == (2, 3)
    assert p.started(3) is p  # restarting the same quiz keeps the answers


def test_session_history_counts_each_answer_once_per_region(study_pack):
    quiz = make_quiz(study_pack, study_pack.geometry, 2, n=4)
    p = QuizProgress(seed=2, n=4).started(4)
    history: tuple[Attempt, ...] = ()
    for i, q in enumerate(quiz):
        p = answer(p, i, q.answer if i % 2 == 0 else (q.answer + 1) % len(q.options))
        history = record_attempt(history, p, i, q)
        history = record_attempt(history, p, i, q)  # a rerun must not count it again
    assert len(history) == 4 and all(a.quiz == quiz_key(p) for a in history)
    results = results_by_region(study_pack, history)
    assert sum(r.answered for r in results) == 4 and sum(r.correct for r in results) == 2
    order = list(study_pack.regions)
    assert [r.region for r in results] == sorted({q.region for q in quiz}, key=order.index)
    assert record_attempt((), QuizProgress(seed=2).started(4), 0, quiz[0]) == ()  # unanswered
