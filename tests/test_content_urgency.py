"""Urgency levels say who to see and how fast (second clinical review, D7-D11 and D1/D15):
a same-day doctor for a suspected clot or spinal-cord signs, the missing emergencies, a
condition-specific source for every red flag, and the chest and breathing caveat wherever
patient text names those symptoms."""
from __future__ import annotations

import re
import typing

import pytest

from bodymap.geometry import load_geometry
from bodymap.handout.plan import plan_handout
from bodymap.handout.request import HandoutRequest
from bodymap.model import URGENCY_LEVELS, Urgency
from bodymap.safety import URGENCY_ORDER, red_flag_groups, red_flags_for

# General screening papers and textbooks: useful, but not a source about the condition.
GENERAL_ONLY = {"kearns-2019", "donnelly-2019", "dommerholt-2018"}


def flag_with(content, region: str | None, *words: str):
    flags = content.regions[region].red_flags if region else content.safety.general_red_flags
    found = [f for f in flags if all(w.lower() in f.sign.lower() for w in words)]
    assert len(found) == 1, f"{words} in {region}: {[f.sign for f in flags]}"
    return found[0]


def test_levels_are_one_ordered_list_with_labels_and_actions():
    ids = [level.id for level in URGENCY_LEVELS]
    assert ids == list(typing.get_args(Urgency)) == list(URGENCY_ORDER)
    assert ids[0] == "emergency" and ids[-1] == "next-visit"
    assert len({level.label for level in URGENCY_LEVELS}) == len(ids)
    doctor_today = URGENCY_LEVELS[ids.index("doctor-today")]
    assert doctor_today.action.startswith("Get seen by a doctor or urgent care today.")


@pytest.mark.parametrize("region, words, urgency", [
    ("calf", ("swollen, warm",), "doctor-today"),  # a suspected deep-vein clot: seen, not phoned
    ("hip-thigh", ("swollen, warm",), "doctor-today"),
    ("neck", ("clumsy hands",), "doctor-today"),  # spinal-cord signs
    ("neck", ("stiff neck", "fever"), "emergency"),  # meningitis
    ("low-back", ("belly",), "emergency"),  # aortic aneurysm
    ("calf", ("cold, pale",), "emergency"),  # acute limb ischaemia
    ("foot", ("cold, pale",), "emergency"),
    ("foot", ("hot, red and swollen", "diabetes"), "doctor-today"),  # foot infection, the diabetic foot
    ("foot", ("stress fracture",), "doctor-soon"),
    ("elbow", ("pop", "biceps"), "doctor-soon"),  # distal biceps tear: repair is time-sensitive
    ("elbow", ("crush",), "emergency"),  # forearm compartment syndrome
    ("low-back", ("in the days after back needling",), "doctor-today"),  # spinal infection
])
def test_each_flag_says_who_to_see_and_how_fast(content, region, words, urgency):
    assert flag_with(content, region, *words).urgency == urgency


def test_claudication_says_doctor_in_both_places(content):
    flag = flag_with(content, "calf", "walk a set distance")
    assert flag.urgency == "doctor-soon" and "doctor" in flag.line.lower()
    note = [t for t in content.regions["calf"].suitability.less_helpful if "when you walk" in t]
    assert note and "doctor" in note[0].lower()


def test_long_known_dizziness_is_not_a_red_flag(content):
    assert not [f for f in content.regions["neck"].red_flags if "already checked" in f.sign]


def test_every_red_flag_cites_a_source_about_its_condition(content):
    flags = [("safety", f) for f in content.safety.general_red_flags]
    flags += [(r.id, f) for r in content.regions.values() for f in r.red_flags]
    general = [(where, f.sign) for where, f in flags if not set(f.sources) - GENERAL_ONLY]
    assert not general, general


@pytest.mark.parametrize("region", ["neck", "shoulder", "elbow", "low-back", "calf", "hip-thigh", "foot"])
def test_the_handout_lines_carry_the_new_actions(content, region):
    exercises = tuple(content.regions[region].exercises[:1])
    plan = plan_handout(content, load_geometry(), HandoutRequest(region=region, exercises=exercises))
    flags = red_flags_for(content, region)
    assert list(plan.red_flags) == [f.line for f in flags]
    assert any(line.endswith("Get seen by a doctor or urgent care today.") for line in plan.red_flags)


def test_groups_carry_a_label_for_a_heading(content):
    groups = red_flag_groups(content, "elbow")
    assert groups[0].label == "Emergency"
    assert "See a doctor within days" in [g.label for g in groups]


# Chest or breathing symptoms (not "helps you breathe in", which names a job, not a symptom).
CHEST = re.compile(r"\bchest\b|breathless|short of breath|deep breath|\bbreathing\b|\blungs?\b", re.IGNORECASE)


def symptom_texts(content):
    """Patient text that says what a muscle makes you feel (its summary and what patients
    notice; the aggravators name causes, not symptoms)."""
    for muscle in content.muscles.values():
        yield muscle.id, "summary", muscle.summary.patient, muscle.summary.patient
        for line in muscle.patients_notice:
            yield muscle.id, "patients_notice", line, muscle.summary.patient


def test_chest_and_breathing_symptoms_carry_the_doctor_and_emergency_rule(content):
    missing = []
    for mid, field, text, summary in symptom_texts(content):
        if CHEST.search(text) and re.search(r"pain|ache|hurt|breath|stitch", text, re.IGNORECASE):
            said = (text + " " + summary).lower()
            if "doctor" not in said or "call emergency services now" not in said:
                missing.append((mid, field))
    assert not missing, missing
    # the muscles the review names all mention the chest
    assert {"serratus-anterior", "scalenes", "pectoralis-major", "pectoralis-minor"} <= {
        mid for mid, _f, text, _s in symptom_texts(content) if CHEST.search(text)}


def test_serratus_no_longer_calls_breathlessness_a_muscle_symptom(content):
    muscle = content.muscles["serratus-anterior"]
    text = " ".join([muscle.summary.patient, *muscle.patients_notice]).lower()
    assert "cannot fill your lungs" not in text
    assert "new breathlessness" in text and "call emergency services now" in text
