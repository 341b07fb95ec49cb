"""Red flags: emergencies say "call emergency services now", every region carries its own
warnings, and the library merges general and regional flags in one order."""
from __future__ import annotations

import re

import pytest

from bodymap.model import URGENCY_ACTIONS
from bodymap.safety import red_flag_groups, red_flags_for
from tests.test_content_validation import edit, errors_for

EMERGENCY = "call emergency services now"
# Signs that mean an emergency wherever they appear in patient text (stroke, torn neck
# artery, collapsed lung, heart attack, cauda equina, compartment syndrome).
EMERGENCY_SIGNS = ["slurred speech", "double vision", "drooping face", "short of breath", "shortness of breath",
                   "bladder or bowels", "severe, tight calf"]


def all_flags(content):
    yield "safety.yaml", None, content.safety.general_red_flags
    for region in content.regions.values():
        yield f"regions/{region.id}", region.id, region.red_flags


def patient_lines(content):
    """Suitability notes and red flags as a patient reads them."""
    for region in content.regions.values():
        for text in region.suitability.less_helpful:
            yield f"region {region.id} less_helpful", text
        for flag in red_flags_for(content, region.id):
            yield f"region {region.id} red flag", flag.line
    for topic in content.topics.values():
        for section in topic.sections:
            for sentence in re.split(r"(?<=\.)\s+", section.body.patient):
                yield f"topic {topic.id} / {section.heading}", sentence


@pytest.mark.parametrize("sign", EMERGENCY_SIGNS)
def test_emergency_signs_always_come_with_the_emergency_instruction(content, sign):
    missing = [where for where, text in patient_lines(content)
               if sign in text.lower() and EMERGENCY not in text.lower()]
    assert not missing, f"{sign!r} is mentioned without {EMERGENCY!r} in: {missing}"


def test_emergency_red_flags_read_with_the_emergency_instruction(content):
    for where, _region, flags in all_flags(content):
        for flag in flags:
            if flag.urgency == "emergency":
                assert EMERGENCY in flag.line.lower(), where


def test_neck_stroke_signs_are_an_emergency_not_a_doctor_visit(content):
    # Review R1: the old line ended in "See a doctor first".
    neck = content.regions["neck"]
    stroke = [t for t in neck.suitability.less_helpful if "slurred speech" in t]
    assert stroke and all(EMERGENCY in t.lower() and "see a doctor first" not in t.lower() for t in stroke)


@pytest.mark.parametrize(
    "region, words, urgency",
    [
        ("neck", "stroke or a torn neck artery", "emergency"),
        ("neck", "spinal cord", "doctor-today"),
        ("shoulder", "heart problem", "emergency"),
        ("low-back", "lowest ribs in the low back", "emergency"),
        ("low-back", "blood in your urine", "doctor-today"),
        ("low-back", "cauda equina", "emergency"),
        ("calf", "does not ease with rest", "emergency"),  # compartment syndrome
        ("calf", "blood clot", "doctor-today"),  # deep-vein clot: seen the same day
        ("calf", "goes away when you stop", "doctor-soon"),  # claudication
        ("upper-back", "heart attack", "emergency"),
        ("upper-back", "collapsed lung", "emergency"),
        ("upper-back", "tearing or ripping", "emergency"),  # aortic dissection
        ("upper-back", "shingles", "doctor-today"),
        ("upper-back", "thin bones", "doctor-today"),  # fracture in osteoporosis
    ],
)
def test_each_region_shows_its_own_warnings_with_what_to_do(content, region, words, urgency):
    flags = [f for f in red_flags_for(content, region) if words in f.sign]
    assert flags, f"{region} red flags lack {words!r}"
    assert flags[0].urgency == urgency
    assert flags[0].line.endswith(URGENCY_ACTIONS[urgency])


def test_every_region_has_its_own_red_flags(content):
    assert all(region.red_flags for region in content.regions.values())


def test_general_flags_alone_without_a_region(content):
    assert red_flags_for(content) == red_flags_for(content, "no-such-region")
    assert sorted(f.line for f in red_flags_for(content)) == sorted(content.safety.red_flags)


def test_region_flags_are_added_and_sorted_by_urgency_region_first(content):
    flags = red_flags_for(content, "neck")
    order = list(URGENCY_ACTIONS)
    assert [order.index(f.urgency) for f in flags] == sorted(order.index(f.urgency) for f in flags)
    emergencies = [f for f in flags if f.urgency == "emergency"]
    assert emergencies[0] in content.regions["neck"].red_flags
    assert len(flags) == len(content.safety.general_red_flags) + len(content.regions["neck"].red_flags)


def test_flags_of_two_regions_are_both_shown_once(content):
    lines = [f.line for f in red_flags_for(content, "neck", "calf", "neck")]
    assert len(lines) == len(set(lines))
    assert {f.line for f in content.regions["calf"].red_flags} <= set(lines)


def test_groups_follow_the_actions_most_urgent_first(content):
    groups = red_flag_groups(content, "calf")
    assert [g.urgency for g in groups] == ["emergency", "doctor-today", "today", "doctor-soon", "next-visit"]
    assert groups[0].action == "Call emergency services now."
    assert [g.label for g in groups][:2] == ["Emergency", "See a doctor today"]


def test_soreness_red_flag_matches_the_soreness_literature(content):
    soreness = [f for f in content.safety.general_red_flags if "soreness" in f.sign.lower() and "day 3" in f.sign]
    assert soreness and "martin-pintado-2018" in soreness[0].sources


def test_soreness_timing_is_the_same_everywhere(content):
    texts = [s.body.for_audience(a) for t in content.topics.values() for s in t.sections
             for a in ("patient", "clinician", "student")]
    texts += [f.sign for f in content.safety.general_red_flags]
    stale = [t for t in texts if re.search(r"about two days|about 48 hours|24 to\s+48 hours|one to two days", t)]
    assert not stale, stale


def test_plain_lines_in_an_old_pack_read_as_call_today(minimal):
    assert minimal.safety.general_red_flags[0].urgency == "today"
    assert minimal.safety.red_flags[0].endswith("Call your therapist or doctor today.")


def add_neck_red_flag(pack, flag_yaml: str) -> None:
    edit(pack / "regions" / "neck.yaml", "    areas:", f"    red_flags:\n{flag_yaml}    areas:")


def test_unknown_urgency_is_named(broken_pack_dir):
    add_neck_red_flag(broken_pack_dir, "      - sign: A bad sign.\n        short: A bad sign\n        urgency: soon\n")
    assert any("red_flags[0].urgency" in e for e in errors_for(broken_pack_dir))


def test_red_flag_sources_must_exist(broken_pack_dir):
    add_neck_red_flag(broken_pack_dir, "      - sign: A bad sign.\n        short: A bad sign\n        urgency: today\n"
                      "        sources: [no-such-source]\n")
    assert any("red_flags.sources" in e and "no-such-source" in e for e in errors_for(broken_pack_dir))


@pytest.mark.parametrize("short, problem", [
    (None, "required field is missing"),
    ("A sign said in far too many words to fit on one printed handout line", "at most 50 characters"),
    ("A bad sign (see notes)", "should match pattern"),
    ("A bad sign.", "should match pattern"),
])
def test_a_red_flag_needs_a_short_plain_form_for_the_handout(broken_pack_dir, short, problem):
    add_neck_red_flag(broken_pack_dir, "      - sign: A bad sign that goes on.\n"
                      + (f"        short: {short}\n" if short else "") + "        urgency: today\n")
    errors = errors_for(broken_pack_dir)
    assert any("red_flags[0].short" in e and problem in e for e in errors), errors


def test_every_shipped_red_flag_has_a_short_form_that_is_not_the_whole_sign(content):
    flags = [f for _, _, group in all_flags(content) for f in group]
    assert all(f.short and len(f.short) <= 50 for f in flags)
    assert all(f.printed == f.short for f in flags)


def test_pain_guide_places_must_be_in_the_muscles_zone(broken_pack_dir):
    edit(broken_pack_dir / "muscles" / "neck.yaml", "    referral:\n", "    referral:\n      pain_guide: {heel: 1}\n"
         "      pain_guide_sources: [ts-vol1-1999]\n")
    assert any("pain_guide" in e and "heel" in e for e in errors_for(broken_pack_dir))


def test_pain_guide_needs_its_source(broken_pack_dir):
    edit(broken_pack_dir / "muscles" / "neck.yaml", "    referral:\n", "    referral:\n      pain_guide: {temple: 1}\n")
    assert any("pain_guide_sources" in e for e in errors_for(broken_pack_dir))
