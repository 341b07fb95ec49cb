"""The smaller findings of the second clinical review (D12-D19) and the topics it found
missing, each checked where a reader meets it."""
from __future__ import annotations

import re

import pytest


def test_iliopsoas_note_no_longer_contradicts_itself(content):
    # D12: "any needle above the inguinal ligament" also forbade the iliacus approach it allowed.
    text = content.muscles["iliopsoas"].needling_safety
    assert "above the inguinal ligament" not in text
    assert "anterior abdominal wall" in text and "inner surface of the ilium" in text
    assert "advanced technique" in text


@pytest.mark.parametrize("muscle", ["multifidus", "cervical-multifidi"])
def test_multifidus_notes_confirm_the_lamina_before_any_medial_angle(content, muscle):
    # D13: the cadaver studies show that the usual medial angle can enter the canal.
    m = content.muscles[muscle]
    assert "slightly medially onto" not in m.needling_safety
    assert re.search(r"confirm the lamina", m.needling_safety, re.IGNORECASE)
    assert "cannot reach the canal" in m.needling_safety
    assert {"williams-2023", "williams-2024"} <= set(m.sources)


def test_lumbar_multifidus_names_ultrasound_at_the_thoracolumbar_junction(content):
    assert "ultrasound" in content.muscles["multifidus"].needling_safety


def test_tripping_comes_with_a_nerve_check(content):
    # D14: true foot drop is a nerve problem until shown otherwise.
    line = [t for t in content.muscles["tibialis-anterior"].patients_notice if "tripping" in t.lower()]
    assert line and "nerve check" in line[0]


def test_wrist_flexor_exercise_says_it_is_adapted_from_the_bar_trial(content):
    # D16: Tyler 2014 tested a flexible bar, not a dumbbell.
    exercise = content.exercises["wrist-flexor-eccentric"]
    assert "adapted" in exercise.purpose and "bar" in exercise.purpose
    assert "bar" in exercise.progression


@pytest.mark.parametrize("structure", [
    "Long thoracic nerve", "Thoracodorsal nerve", "Peroneal (fibular) artery",
    "Anterior tibial artery and deep peroneal (fibular) nerve", "Inferior gluteal nerve and vessels",
    "Great saphenous vein", "Axillary nerve",
])
def test_study_safety_structures_match_the_notes_words(content, structure):
    # D17: each structure is found in the needling notes by the words they use.
    found = {s.name: s for s in content.study.safety_structures}
    assert structure in found
    notes = [m.needling_safety for m in content.muscles.values()]
    notes += [t for r in content.regions.values() for t in r.safety]
    assert any(found[structure].named_in(t) for t in notes), structure


def test_every_safety_structure_is_named_somewhere(content):
    notes = [m.needling_safety for m in content.muscles.values()]
    notes += [t for r in content.regions.values() for t in r.safety]
    unnamed = [s.name for s in content.study.safety_structures if not any(s.named_in(t) for t in notes)]
    assert not unnamed, unnamed


def test_the_lower_leg_region_is_named_for_what_it_holds(content):
    # D18: the region holds the shin, the front of the ankle and tibialis anterior too.
    assert content.regions["calf"].name == "Lower leg"


def test_chest_wall_implants_and_driving_after_feeling_faint(content):
    # D19
    assert any("breast implants" in line for line in content.safety.check_first)
    who = " ".join(s.body.patient for s in content.topics["who-should-not"].sections)
    assert "breast implants" in who
    after = " ".join(s.body.patient for s in content.topics["aftercare"].sections)
    assert "Do not drive" in after


@pytest.mark.parametrize("topic, heading, words", [
    ("what-it-is", "Superficial and deep dry needling", ["just under the skin", "into the tight spot"]),
    ("headaches", "Three common kinds of headache", ["tension-type", "neck-related", "migraine"]),
    ("headaches", "Headache warning signs", ["Call emergency services now", "See a doctor today"]),
    ("faq", "Can it help with dystonia, a stroke or other nerve conditions?", ["does not fix that cause"]),
    ("myths", "Myth: needling fixes your posture or puts your joints back in line", ["no good proof"]),
])
def test_the_topics_the_articles_have_are_in(content, topic, heading, words):
    sections = {s.heading: s for s in content.topics[topic].sections}
    assert heading in sections
    section = sections[heading]
    for word in words:
        assert word in section.body.patient
    # sourced beyond the articles themselves
    assert any(not s.startswith("art-") for s in section.sources)


def test_the_headache_topic_shows_where_sources_disagree(content):
    topic = content.topics["headaches"]
    assert topic.disagreements
    cited = {s for v in topic.disagreements[0].views for s in v.sources}
    assert {"france-2014", "pourahmadi-2021"} <= cited
