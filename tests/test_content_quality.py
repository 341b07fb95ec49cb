"""The shipped knowledge base: complete, sourced, readable for patients, in our own words."""
from __future__ import annotations

import subprocess
import sys

import pytest
import textstat

from tests.conftest import ROOT

MAX_PATIENT_GRADE = 8.0
SHARED = ROOT.parent / "shared"

REQUIRED_MUSCLES = {
    "upper-back": {"middle-trapezius", "lower-trapezius", "serratus-posterior-superior", "serratus-posterior-inferior",
                   "iliocostalis-thoracis", "rectus-abdominis", "abdominal-obliques", "thoracic-multifidi"},
    "head-jaw": {"temporalis", "masseter", "lateral-pterygoid", "medial-pterygoid", "occipitofrontalis"},
    "neck": {"upper-trapezius", "levator-scapulae", "splenius-capitis", "splenius-cervicis", "suboccipitals",
             "sternocleidomastoid", "scalenes", "semispinalis-capitis", "cervical-multifidi"},
    "shoulder": {"infraspinatus", "supraspinatus", "teres-minor", "subscapularis", "deltoid", "pectoralis-major",
                 "pectoralis-minor", "teres-major", "latissimus-dorsi", "serratus-anterior", "rhomboids"},
    "elbow": {"extensor-carpi-radialis-longus", "extensor-carpi-radialis-brevis", "extensor-digitorum",
              "brachioradialis", "supinator", "wrist-finger-flexors", "triceps", "biceps-brachii", "anconeus",
              "pronator-teres", "brachialis", "extensor-carpi-ulnaris"},
    "low-back": {"quadratus-lumborum", "iliocostalis-lumborum", "longissimus", "multifidus", "gluteus-medius",
                 "gluteus-minimus", "piriformis", "iliopsoas", "gluteus-maximus"},
    "hip-thigh": {"biceps-femoris", "medial-hamstrings", "rectus-femoris", "vastus-medialis", "vastus-lateralis",
                  "tensor-fasciae-latae", "sartorius", "adductor-longus", "adductor-magnus"},
    "foot": {"quadratus-plantae", "abductor-hallucis", "flexor-digitorum-brevis", "extensor-digitorum-longus",
             "extensor-hallucis-longus", "peroneus-tertius", "extensor-digitorum-brevis", "flexor-hallucis-brevis",
             "abductor-digiti-minimi", "adductor-hallucis"},
    "calf": {"gastrocnemius", "soleus", "tibialis-posterior", "plantaris", "peroneus-longus", "peroneus-brevis",
             "popliteus", "flexor-digitorum-longus", "flexor-hallucis-longus", "tibialis-anterior"},
}
REQUIRED_TOPICS = {"what-it-is", "how-it-works", "what-it-feels-like", "timeline", "aftercare", "soreness-vs-injury",
                   "who-should-not", "comparisons", "what-a-session-looks-like", "myths", "faq"}


def patient_items(content):
    """Every piece of patient-facing text, with a name a writer can find it by."""
    for r in content.regions.values():
        yield f"region {r.id} overview", r.overview.patient
        yield f"region {r.id} exercise_pairing", r.exercise_pairing
        for i, text in enumerate(r.suitability.helps + r.suitability.less_helpful):
            yield f"region {r.id} suitability[{i}]", text
        for i, flag in enumerate(r.red_flags):
            yield f"region {r.id} red_flags[{i}]", flag.line
            yield f"region {r.id} red_flags[{i}] short", f"{flag.short}. {flag.action}"
    for m in content.muscles.values():
        yield f"muscle {m.id} summary", m.summary.patient
        for i, text in enumerate(m.patients_notice + m.aggravators):
            yield f"muscle {m.id} notice/aggravator[{i}]", text
    for e in content.exercises.values():
        for field in ("purpose", "dosage", "progression", "regression", "feel"):
            yield f"exercise {e.id} {field}", getattr(e, field)
        yield f"exercise {e.id} steps", " ".join(e.steps)
        yield f"exercise {e.id} stop_if", " ".join(s.rstrip(".") + "." for s in e.stop_if)
        yield f"exercise {e.id} picture captions", " ".join(f.caption.rstrip(".") + "." for f in e.frames or ())
    for t in content.topics.values():
        for s in t.sections:
            yield f"topic {t.id} section {s.heading!r}", s.body.patient
    safety = content.safety
    yield "safety disclaimer", safety.disclaimer
    yield "safety contact_line", safety.contact_line
    for i, flag in enumerate(safety.general_red_flags):
        yield f"safety red_flags[{i}] short", f"{flag.short}. {flag.action}"
    for name in ("red_flags", "not_for_needling", "check_first"):
        yield f"safety {name}", " ".join(x.rstrip(".") + "." for x in getattr(safety, name))


def test_the_regions_in_body_order_with_their_muscles(content):
    assert list(content.regions) == ["head-jaw", "neck", "shoulder", "upper-back", "elbow", "low-back", "hip-thigh",
                                     "calf", "foot"]
    for region, required in REQUIRED_MUSCLES.items():
        have = {m.id for m in content.muscles_in(region)}
        assert required <= have, f"{region} lacks {sorted(required - have)}"


def test_every_region_has_three_or_more_exercises(content):
    assert len(content.exercises) >= 15
    for region in content.regions.values():
        assert len(region.exercises) >= 3, region.id


def test_general_education_topics(content):
    assert set(content.topics) >= REQUIRED_TOPICS
    disputes = [d for t in content.topics.values() for d in t.disagreements]
    assert len(disputes) >= 2, "the articles disagree on exercise after a session and on inflammation claims"


def test_sources_include_the_five_articles_and_clinical_references(content):
    kinds = [s.kind for s in content.sources.values()]
    assert kinds.count("article") == 5
    assert kinds.count("clinical reference") >= 3


def test_named_disagreements_are_shown(content):
    for muscle in ("infraspinatus", "plantaris"):
        assert content.muscles[muscle].disagreements, muscle
    assert content.muscles["splenius-capitis"].disagreements or content.muscles["splenius-cervicis"].disagreements


def test_look_alike_pairs_students_confuse(content):
    pairs = [("upper-trapezius", "levator-scapulae"), ("infraspinatus", "supraspinatus"),
             ("gluteus-minimus", "piriformis"), ("gastrocnemius", "soleus")]
    for a, b in pairs:
        linked = {la.muscle for la in content.muscles[a].look_alikes} | {
            x for x in [a] if b in {la.muscle for la in content.muscles[b].look_alikes}}
        assert b in linked or a in linked, (a, b)


def test_patient_text_reads_at_grade_8_or_below(content):
    too_hard = [
        f"{name}: grade {grade:.1f}"
        for name, text in patient_items(content)
        if (grade := textstat.flesch_kincaid_grade(text)) > MAX_PATIENT_GRADE
    ]
    assert not too_hard, "Patient text above grade 8:\n" + "\n".join(too_hard)


@pytest.mark.skipif(not (SHARED / "tools" / "check_no_copy.py").exists(), reason="../shared is not beside the repo")
def test_no_sentences_copied_from_the_articles():
    run = subprocess.run([sys.executable, str(SHARED / "tools" / "check_no_copy.py"), str(ROOT)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_export_has_the_documented_shape(content):
    run = subprocess.run([sys.executable, "-m", "bodymap", "export"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    import json

    model = json.loads(run.stdout)
    region = model["regions"][0]
    muscle = region["muscles"][0]
    assert {"id", "name", "muscles", "exercises", "overview"} <= set(region)
    assert set(region["overview"]) == {"patient", "clinician", "student"}
    assert {"id", "name", "trigger_points", "referral", "sources", "summary"} <= set(muscle)
    assert set(muscle["summary"]) == {"patient", "clinician", "student"}
    assert set(muscle["referral"]) >= {"essential", "spillover"}
    area_ids = {a["id"] for a in model["areas"]}
    assert {"temple-left", "temple-right"} <= area_ids
    assert {"id", "label", "view", "side"} <= set(model["areas"][0])
    assert {"id", "title"} <= set(model["sources"][0])


# Body parts and which touch which: a muscle's referral zone lies on the part where its
# trigger points are, or on a neighbouring part. A zone further away is a wrong-region
# slip (say a calf muscle sending pain to the temple). The neck counts as next to the arm
# because the scalene and triceps patterns cross the shoulder between them.
BODY_PARTS = {
    "head": {"eye", "behind-eye", "forehead", "temple", "cheek", "chin", "ear", "jaw-joint", "jaw-angle", "vertex", "mastoid",
             "occiput", "side-of-head", "skull-base"},
    "neck": {"throat", "side-of-neck", "posterior-neck", "neck-angle"},
    "upper-trunk": {"sternum", "chest", "front-shoulder", "side-shoulder", "back-shoulder", "upper-shoulder",
                    "scapula", "medial-scapula", "mid-back",
                    "upper-chest", "armpit", "side-chest", "inferior-angle", "back-armpit"},  # shoulder close-ups
    "arm": {"upper-arm-front", "upper-arm-back", "inner-arm", "inner-arm-back", "medial-epicondyle", "lateral-epicondyle", "back-of-elbow",
            "forearm-front", "forearm-back", "wrist-front", "wrist-back", "palm", "fingers-front", "thumb-web",
            "hand-back",
            # elbow, forearm and hand areas added with the close-ups (issue 10)
            "elbow-crease", "forearm-front-ulnar", "forearm-back-radial", "forearm-back-ulnar", "wrist-front-ulnar",
            "wrist-back-ulnar", "thumb-front", "palm-ulnar", "index-finger-front", "middle-finger-front",
            "index-finger-back", "middle-finger-back", "ring-little-fingers-back"},
    "lower-trunk": {"upper-abdomen", "lower-abdomen", "groin", "lumbar", "sacroiliac", "lateral-hip", "buttock",
                    "low-back-side", "iliac-crest", "coccyx", "buttock-upper", "buttock-lower", "side-waist", "side-hip"},
    "leg": {"lateral-thigh-upper", "lateral-thigh-lower", "front-thigh-upper", "front-thigh-lower", "back-thigh-upper",
            "back-thigh-lower", "inner-thigh", "knee-front", "back-of-knee", "lateral-leg", "shin", "calf", "achilles",
            "lateral-ankle", "foot-top", "heel", "sole", "lower-calf", "medial-ankle", "arch", "ball-big-toe",
            "ball-small-toes", "lateral-knee", "outer-foot-edge", "front-of-ankle", "big-toe"},
}
NEXT_TO = {
    "head": {"neck"},
    "neck": {"head", "upper-trunk", "arm"},
    "upper-trunk": {"neck", "arm", "lower-trunk"},
    "arm": {"neck", "upper-trunk"},
    "lower-trunk": {"upper-trunk", "leg"},
    "leg": {"lower-trunk"},
}
PART_OF = {area: part for part, areas in BODY_PARTS.items() for area in areas}


def test_every_map_area_belongs_to_one_body_part(geometry):
    assert sum(len(a) for a in BODY_PARTS.values()) == len(PART_OF), "an area is listed in two parts"
    assert set(PART_OF) == set(geometry.base_areas)


def test_neighbours_are_mutual():
    assert all(part in NEXT_TO[other] for part, others in NEXT_TO.items() for other in others)


def test_zones_lie_on_the_muscles_own_body_part_or_a_neighbour(content, muscle_id):
    muscle = content.muscles[muscle_id]
    home = {PART_OF[tp.area] for tp in muscle.trigger_points}
    allowed = home.union(*(NEXT_TO[p] for p in home))
    far = [a for a in muscle.referral.essential + muscle.referral.spillover if PART_OF[a] not in allowed]
    assert not far, f"{muscle_id} (trigger points on {sorted(home)}) refers to {far}"
