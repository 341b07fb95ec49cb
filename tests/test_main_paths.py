"""What each person sees first, checked on the library's choices (no browser): the plan's
picture on a phone, one set of patient words for the key."""
from __future__ import annotations

import re

import pytest

from bodymap.key import JARGON, MAY_SPREAD, USUALLY_FELT
from bodymap.render.closeup_svg import closeup_window
from bodymap.study import muscle_closeups
from tests.apptest_text import sent_strings
from tests.conftest import open_page

PHONE_PICTURE_PX = 320  # the narrowest the plan's picture may be on a phone 390 px wide


def test_plans_picture_draws_the_upper_trapezius_temple_zone_40_px_across_on_a_phone(content, geometry):
    spec = muscle_closeups(content, geometry, content.muscles["upper-trapezius"], "right")[0]
    _, (x0, _, x1, _) = closeup_window(geometry, spec)
    temple = geometry.areas["temple-right"]
    assert temple.view == geometry.window(spec.closeup, "right")[0], "the plan's first picture has no temple"
    xs = [x for ring in temple.rings for x, _ in ring]
    assert (max(xs) - min(xs)) * PHONE_PICTURE_PX / (x1 - x0) >= 40


def test_a_muscles_second_picture_completes_the_first(content, geometry):
    first, second = muscle_closeups(content, geometry, content.muscles["upper-trapezius"], "right")
    assert (first.closeup, second.closeup) == ("neck-side", "neck-back")


# ---- one vocabulary for the key -------------------------------------------------------------

_WORDS = re.compile(r"\b(" + "|".join(JARGON) + r")\b", re.I)


def readable(text: str) -> str:
    """What a reader sees or hears of the text sent: words outside tags, and the labels in them
    (not class names, ids or styles)."""
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    labels = re.findall(r'(?:aria-label|alt|title)="([^"]*)"', text)
    return re.sub(r"<[^>]*>", " ", text) + "\n" + "\n".join(labels)


def _code(chunk: str) -> bool:
    """A component's own CSS or script, sent with it: not text anyone reads."""
    return "<" not in chunk and chunk.count("{") >= 2 and chunk.count(";") >= 2


def jargon(at) -> list[str]:
    assert not at.exception, at.exception
    text = "\n".join(readable(s) for s in sent_strings(at, sidebar=False) if not _code(s))
    return sorted({line.strip()[:160] for line in text.splitlines() if _WORDS.search(line)})


PATIENT_PAGES = [
    (None, {"region": "neck", "muscle": "upper-trapezius"}),
    (None, {"region": "elbow", "muscle": "supinator", "mode": "present"}),
    (None, {"region": "calf", "muscle": "gastrocnemius", "mode": "present"}),
    ("views/pain_finder.py", {"areas": "temple-right,side-shoulder-right,lumbar-left"}),
    ("views/plan.py", {"region": "neck", "muscle": "upper-trapezius,scalenes", "ex": "chin-nod"}),
    ("views/learn.py", {}),
]


@pytest.mark.parametrize(("path", "query"), PATIENT_PAGES, ids=lambda v: str(v))
def test_patient_pages_use_the_keys_words_not_the_manuals(path, query):
    at = open_page(path, {**query, "audience": "patient"}, audience="patient")
    assert jargon(at) == []


def test_clinicians_still_read_the_manuals_terms():
    at = open_page(None, {"region": "neck", "muscle": "upper-trapezius", "audience": "clinician"}, audience="clinician")
    assert any("Essential zone" in line for line in jargon(at))


def test_the_pdf_says_the_keys_words_and_no_manual_terms(content, geometry, tmp_path):
    import subprocess

    from bodymap.handout import HandoutRequest, build_handout

    request = HandoutRequest(region="neck", muscles=("upper-trapezius", "scalenes"),
                             exercises=("chin-nod", "upper-trapezius-stretch"))
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(build_handout(content, geometry, request))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert USUALLY_FELT in flat and MAY_SPREAD in flat
    assert not _WORDS.findall(flat), [line for line in text.splitlines() if _WORDS.search(line)]


# ---- the pain finder's pictures on a phone -------------------------------------------------


def test_each_body_part_offers_at_most_four_pictures_and_every_area_is_a_full_target_on_one(content, geometry):
    from bodymap.render.closeup_svg import MIN_TARGET_PX, PHONE_FRAME, target_size
    from bodymap.lookup import body_parts

    parts = body_parts(content, geometry)
    assert all(len(p.closeups) <= 4 for p in parts), {p.label: p.closeups for p in parts}
    offered = [c for p in parts for c in p.closeups]
    small = {iid: round(max(min(target_size(geometry, iid, c, PHONE_FRAME)) for c in offered))
             for iid in geometry.areas}
    assert not {i: s for i, s in small.items() if s < MIN_TARGET_PX}


def test_the_elbow_opens_where_the_outer_elbow_is_a_full_target_on_a_phone(content, geometry):
    from bodymap.render.closeup_svg import MIN_TARGET_PX, PHONE_FRAME, target_size
    from bodymap.lookup import body_parts

    elbow = next(p for p in body_parts(content, geometry) if p.label == "Elbow")
    assert min(target_size(geometry, "lateral-epicondyle-right", elbow.id, PHONE_FRAME)) >= MIN_TARGET_PX


# ---- sources without internal wording -----------------------------------------------------


def test_no_source_shows_internal_wording(content):
    from bodymap import citations

    internal = re.compile(r"seed article|not named in the saved copy|saved copy", re.I)
    shown = [citations.full(s) for s in content.sources.values()] + [citations.line(s) for s in content.sources.values()]
    assert not [s for s in shown if internal.search(s)]
    assert not [s for s in shown if "(undated)" in s], "undated sources print n.d. everywhere"


def test_a_list_of_sources_never_prints_one_citation_twice(content):
    from bodymap import citations

    halle = [s for s in content.sources.values() if s.id.startswith("halle-2016")]
    assert len(halle) == 2
    assert citations.distinct_shorts(halle) == ["Halle JS, Halle RJ (2016a)", "Halle JS, Halle RJ (2016b)"]
    shorts = citations.distinct_shorts(list(content.sources.values()))
    assert len(shorts) == len(set(shorts))


def test_the_pdf_groups_red_flags_by_urgency_emergency_first_and_prints_large_exercise_pictures(content, geometry):
    from bodymap.handout import HandoutRequest, plan_handout
    from bodymap.handout.pdf import FRAME_MM, _frames_row, _new_pdf, _Text

    plan = plan_handout(content, geometry, HandoutRequest(region="neck", muscles=("upper-trapezius",),
                                                          exercises=("chin-nod", "upper-trapezius-stretch")))
    actions = [action for action, _ in plan.red_flag_groups]
    assert actions[0] == "Call emergency services now." and len(actions) == len(set(actions))
    # every flag, in short; two flags of one urgency with the same short form print once
    from bodymap.safety import red_flags_for
    assert sum(len(signs) for _, signs in plan.red_flag_groups) == len(
        {(f.urgency, f.printed) for f in red_flags_for(content, "neck")})
    assert len(plan.red_flags) == len(red_flags_for(content, "neck"))
    t = _Text(_new_pdf(plan), 9.5, 92.0)
    for sheet in plan.exercises:
        height, _ = _frames_row(t, sheet, 0)
        assert height >= FRAME_MM >= 25.0


# ---- a muscle opens where its pain is --------------------------------------------------------


def _walk(content, geometry):
    from bodymap.picture import muscle_overlay
    from bodymap.render.closeup_svg import CloseupSpec, shown

    for muscle in content.muscles.values():
        closeups = [c for c in content.regions[muscle.region].closeups if c in geometry.closeups]
        overlay = muscle_overlay(geometry, muscle, "right")
        shows = {c: shown(geometry, CloseupSpec(c, "right", (muscle,), muscle.id, overlay)) for c in closeups}
        yield muscle, closeups, overlay, shows


def test_every_muscle_opens_on_the_view_with_most_of_its_essential_zone_and_then_its_trigger_points(content, geometry):
    from bodymap.render.closeup_svg import best_view
    from bodymap.study import muscle_closeup

    wrong = []
    for muscle, closeups, overlay, shows in _walk(content, geometry):
        def rank(c, overlay=overlay, shows=shows):
            return (sum(i in shows[c] for i in overlay.essential), sum(isinstance(i, tuple) for i in shows[c]))
        first = best_view(geometry, closeups, muscle, "right")
        if rank(first) != max(map(rank, closeups)):
            wrong.append(f"{muscle.id}: opens on {first} {rank(first)}, best {max(closeups, key=rank)}")
        # the explorer, the plan, Study's cards and the handout all open on that view
        assert muscle_closeup(content, geometry, muscle, "right").closeup == first
    assert not wrong, wrong
    supinator = content.muscles["supinator"]
    opens = best_view(geometry, content.regions["elbow"].closeups, supinator, "right")
    assert {"lateral-epicondyle-right"} & {i for i in _walk_one(content, geometry, supinator, opens)}


def _walk_one(content, geometry, muscle, closeup):
    from bodymap.picture import muscle_overlay
    from bodymap.render.closeup_svg import CloseupSpec, shown

    return shown(geometry, CloseupSpec(closeup, "right", (muscle,), muscle.id, muscle_overlay(geometry, muscle, "right")))


def test_what_the_first_view_leaves_out_is_one_tap_away(content, geometry):
    from bodymap.render.closeup_svg import best_view, completing_view
    from bodymap.study import muscle_closeups

    missing = []
    for muscle, closeups, overlay, shows in _walk(content, geometry):
        first = best_view(geometry, closeups, muscle, "right")
        everything = set().union(*shows.values())
        left_out = {i for i in everything - shows[first] if i in overlay.essential or isinstance(i, tuple)}
        rest = completing_view(geometry, closeups, muscle, "right", first)
        if left_out and (rest is None or not left_out & shows[rest]):
            missing.append(muscle.id)
        if left_out:
            assert len(muscle_closeups(content, geometry, muscle, "right")) == 2, muscle.id
    assert not missing, missing


# ---- Study -------------------------------------------------------------------------------------


def test_study_opens_in_student_text_unless_the_reader_chose_otherwise():
    at = open_page("views/study.py")
    assert not at.exception
    assert at.session_state["audience"] == "student"
    chosen = open_page("views/study.py", {"audience": "clinician"})
    assert chosen.session_state["audience"] == "clinician"


def test_quiz_distractors_come_from_the_same_part_of_the_body(content, geometry):
    from bodymap.quiz import make_quiz

    far = []
    for q in make_quiz(content, geometry, 11, 40, ("muscle-to-area",)):
        muscle = content.muscles[q.subject]
        nearby = {a for o in content.muscles_in(muscle.region) for a in (*o.referral.essential, *o.referral.spillover)}
        far += [f"{muscle.id}: {option}" for option, oid in zip(q.options, q.option_ids) if oid not in nearby]
    assert not far, far
