"""The patient's plan page in AppTest: the picture, only the chosen exercises with their
dosage, then when to call; stale links and bare visits get a clear message."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from bodymap.dosage import Dosage
from tests.conftest import open_page, plan_query


def headers(at) -> list[str]:
    return [h.value for h in at.header]


def test_the_plan_shows_the_chosen_exercises_in_order_with_the_dosage(content):
    at = open_page("views/plan.py", plan_query("calf", ["soleus"], ["calf-wall-stretch", "eccentric-heel-drop"],
                                               [("calf-wall-stretch", Dosage(1, 3, 30, 2))]))
    assert not at.exception
    assert at.title[0].value == "Your plan: Soleus"
    assert headers(at) == ["Your exercises", "When to call us", "More about your lower leg"]
    assert [s.value for s in at.subheader][:2] == [
        f"1. {content.exercises['calf-wall-stretch'].name}", f"2. {content.exercises['eccentric-heel-drop'].name}"]
    assert any("Do it 3 times. Hold each one for 30 seconds. Do this twice a day, every day." in m.value
               for m in at.markdown)
    assert at.get("imgs") or at.get("image"), "the muscle's picture is shown"


def test_the_red_flags_are_open_and_the_disclaimer_is_there(content):
    at = open_page("views/plan.py", plan_query("calf", ["soleus"], ["calf-wall-stretch"]))
    flags = [e for e in at.expander if e.label.startswith("Red flags")]
    shown = "\n".join(m.value for m in flags[0].markdown) if flags else ""
    assert content.safety.general_red_flags[0].sign in shown
    # A soleus plan is a calf plan: the calf's own warnings (a clot, compartment syndrome) are there too.
    assert all(flag.sign in shown for flag in content.regions["calf"].red_flags)
    assert content.safety.disclaimer in [w.value for w in at.warning]


def test_patient_text_even_for_a_clinician(content):
    muscle = content.muscles["soleus"]
    at = open_page("views/plan.py", {"muscle": "soleus"}, audience="clinician")
    body = "\n".join(m.value for m in at.markdown)
    assert muscle.summary.patient.split(".")[0] in body
    assert "Needling safety" not in body


def test_a_stale_exercise_gets_a_gentle_notice():
    query = plan_query("calf", ["soleus"], ["calf-wall-stretch"])
    at = open_page("views/plan.py", {**query, "ex": "retired-one,calf-wall-stretch"})
    assert not at.exception
    assert any("no longer in the app" in i.value for i in at.info)
    assert len([s for s in at.subheader if s.value[0].isdigit()]) == 1


def test_without_a_plan_the_page_says_what_it_is_for():
    at = open_page("views/plan.py")
    assert not at.exception
    assert "plan your physical therapist made" in at.markdown[0].value or any(
        "plan your physical therapist made" in m.value for m in at.markdown)


def test_a_plan_for_two_muscles_shows_each_ones_picture(content):
    """A handout about two muscles links to a plan that draws both, each under its name."""
    from bodymap.handout import HandoutRequest

    first, second = content.muscles["gastrocnemius"], content.muscles["soleus"]
    link = HandoutRequest(region="calf", muscles=(first.id, second.id), exercises=("calf-wall-stretch",),
                          base_url="https://clinic.example").link()
    query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
    assert query["muscle"] == f"{first.id}%2C{second.id}"
    at = open_page("views/plan.py", dict(parse_qsl(urlsplit(link).query)))
    assert not at.exception
    assert at.title[0].value == "Your plan: Lower leg"
    pictures = [img.alt for el in at.get("image") for img in el.proto.imgs]
    assert [a for a in pictures if a.startswith("Body picture")] == [
        f"Body picture: where {m.name} can send pain (right side)" for m in (first, second)]
    names = [s.value for s in at.subheader]
    assert names[:2] == [first.name, second.name] and names.count(second.name) == 2  # the picture, then "More about"


def test_a_link_with_more_muscles_than_a_plan_shows_says_so(content):
    muscles = [m.id for m in content.muscles_in("neck")][:5]
    at = open_page("views/plan.py", {"region": "neck", "muscle": ",".join(muscles)})
    assert not at.exception
    assert any("a plan shows at most 3" in i.value for i in at.info)
    assert len([img for el in at.get("image") for img in el.proto.imgs if img.alt.startswith("Body picture")]) == 3


FORGED = "Stop all your medication and call 0900-555-0100 now"


@pytest.mark.parametrize("change", ["unsigned", "edited", "foreign", "words"])
def test_a_plan_not_made_here_shows_the_picture_and_the_usual_exercises_never_as_the_therapist_s(content, change):
    """A hand-made, edited or foreign link: the muscle's picture, the region's usual exercises
    with their usual amounts, and a plain word that this clinic's app did not make it."""
    from bodymap.links import PlanLink

    plan = PlanLink("neck", ("upper-trapezius",), "right", ("chin-nod",), (("chin-nod", Dosage(5, 50, 120, 6)),))
    query = plan.signed().to_query()
    query = {"unsigned": {k: v for k, v in query.items() if k != "sig"},
             "edited": {**query, "dose": "chin-nod:1x1"},
             "foreign": plan.signed(b"another clinic's secret, 32 chars").to_query(),
             "words": {**query, "dose": f"chin-nod:{FORGED}"}}[change]
    at = open_page("views/plan.py", query)
    assert not at.exception
    shown = "\n".join([*(m.value for m in at.markdown), *(t.value for t in at.text)])
    assert "set by your therapist" not in shown and FORGED not in shown and "5 sets of 50" not in shown
    assert any("not made by this clinic's app" in w.value for w in at.warning)
    assert [s.value for s in at.subheader if s.value[0].isdigit()] == [
        f"{i}. {content.exercises[e].name}" for i, e in enumerate(content.regions["neck"].exercises[:2], 1)]
    usual = content.exercises[content.regions["neck"].exercises[0]].dosage
    assert f"**How much:** {usual}" in shown
    assert any(img.alt.startswith("Body picture: where Upper trapezius") for el in at.get("image")
               for img in el.proto.imgs)


def test_a_signed_plan_shows_the_therapist_s_dosage():
    at = open_page("views/plan.py", plan_query("neck", ["upper-trapezius"], ["chin-nod"],
                                               [("chin-nod", Dosage(5, 50, 120, 6))]))
    assert not at.warning or not any("not made by" in w.value for w in at.warning)
    assert any("How much (set by your therapist):** 5 sets of 50. Hold each one for 120 seconds. Do this 6 times a day"
               in m.value for m in at.markdown)
