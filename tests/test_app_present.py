"""Present mode and the share box in AppTest: patient text only, safety kept, link correct."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from bodymap.links import PlanLink
from tests.conftest import open_page


def run(query: dict[str, str], audience: str | None = None):
    return open_page(None, query, audience)  # the explorer is the default page


def text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def shared_link(at) -> str:
    """The patient's link as the share box shows it (its own component: the link, copy, share)."""
    import json

    (link,) = [json.loads(e.proto.json)["url"] for e in at.get("bidi_component")
               if e.proto.component_name == "bodymap.share_link"]
    return link


def handout_link(at) -> dict[str, list[str]]:
    """The query of the page link to the handout (the panel's, or present mode's "Handout")."""
    links = [e for e in at.get("page_link") if e.proto.page == "handout"]
    assert links, "a link to the handout"
    return parse_qs(links[0].proto.query_string)


def test_present_mode_shows_patient_text_only_even_for_a_clinician(content):
    muscle = content.muscles["levator-scapulae"]
    at = run({"muscle": muscle.id, "mode": "present"}, audience="clinician")
    assert not at.exception
    body = text(at)
    assert muscle.summary.patient.split(".")[0] in body
    assert muscle.summary.clinician.split(".")[0] not in body
    assert "Needling safety" not in body and "Palpation" not in body
    assert not [t for t in at.tabs]  # no clinician tabs, no clutter
    # the audience switch is hidden; the safety line and red flags stay
    assert not [w for w in at.button_group if w.key == "audience"]
    assert content.safety.disclaimer in [w.value for w in at.warning]
    assert any(e.label.startswith("Red flags") for e in at.expander)
    assert at.toggle(key="present_pick").value is True


def test_leaving_present_mode_restores_the_full_panel(content):
    at = run({"muscle": "levator-scapulae", "mode": "present"}, audience="clinician")
    at.toggle(key="present_pick").set_value(False).run()
    assert not at.exception
    assert "Needling safety" in text(at)
    assert "mode" not in at.query_params


def test_share_box_link_opens_the_patients_plan(monkeypatch):
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example/bodymap")
    at = run({"muscle": "soleus", "view": "back", "side": "left"}, audience="clinician")
    link = shared_link(at)
    parts = urlsplit(link)
    assert link.startswith("https://clinic.example/bodymap/plan?")
    query = parse_qs(parts.query)
    assert query.pop("sig") == [PlanLink("calf", ("soleus",), "left").signed().sig], "signed by this installation"
    assert query == {"region": ["calf"], "muscle": ["soleus"], "side": ["left"], "audience": ["patient"]}
    assert at.get("image"), "the QR code picture is in the share box"


def test_share_box_carries_the_chosen_exercises_and_dosages(monkeypatch):
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example")
    at = run({"muscle": "soleus"})
    at.multiselect(key="share_ex_calf").set_value(["eccentric-heel-drop", "calf-wall-stretch"]).run()
    at.checkbox(key="share_dose_calf-wall-stretch_own").check().run()
    at.number_input(key="share_dose_calf-wall-stretch_sets").set_value(1).run()
    at.number_input(key="share_dose_calf-wall-stretch_reps").set_value(3).run()
    at.number_input(key="share_dose_calf-wall-stretch_hold").set_value(30).run()
    at.number_input(key="share_dose_calf-wall-stretch_per_day").set_value(2).run()
    assert "Do it 3 times. Hold each one for 30 seconds. Do this twice a day, every day." in [
        c.value for c in at.caption]
    query = parse_qs(urlsplit(shared_link(at)).query)
    assert query["ex"] == ["eccentric-heel-drop,calf-wall-stretch"]
    assert query["dose"] == ["calf-wall-stretch:1x3h30d2w7"]


def test_more_than_four_exercises_gets_a_nudge(monkeypatch, content):
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example")
    at = run({"muscle": "soleus"})
    at.multiselect(key="share_ex_calf").set_value(content.regions["calf"].exercises[:5]).run()
    assert any("is a lot to do at home" in w.value for w in at.warning)


def test_share_box_in_present_mode_shares_the_patient_view(monkeypatch):
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example")
    at = run({"muscle": "soleus", "mode": "present"}, audience="student")
    query = parse_qs(urlsplit(shared_link(at)).query)
    assert query["audience"] == ["patient"] and "mode" not in query


def test_a_link_that_only_works_on_this_computer_says_so(monkeypatch):
    monkeypatch.delenv("BODYMAP_BASE_URL", raising=False)
    at = run({"muscle": "soleus"})
    assert any("only opens on this computer" in w.value for w in at.warning)
    assert not at.get("image"), "no QR code that a phone could never open"


def test_nothing_to_share_until_a_muscle_is_chosen(monkeypatch):
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example")
    at = run({"region": "calf"})
    assert any("Choose a muscle first" in m.value for m in at.markdown)
    assert not [e for e in at.get("bidi_component") if e.proto.component_name == "bodymap.share_link"]
    assert not at.get("image"), "no QR code to an empty plan"


@pytest.mark.parametrize("mode", ["explore", "present"])
def test_the_handout_link_carries_the_exercises_and_dosages_chosen_in_share(monkeypatch, mode):
    """One prescription: what Share holds goes to the handout (in present mode by its 44 px
    "Handout" control), so a handout made after sharing prints the same plan."""
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example")
    at = run({"muscle": "soleus", **({"mode": "present"} if mode == "present" else {})})
    at.multiselect(key="share_ex_calf").set_value(["eccentric-heel-drop", "calf-wall-stretch"]).run()
    at.checkbox(key="share_dose_calf-wall-stretch_own").check().run()
    at.number_input(key="share_dose_calf-wall-stretch_hold").set_value(30).run()
    query = handout_link(at)
    assert query["ex"] == ["eccentric-heel-drop,calf-wall-stretch"]
    assert query["dose"] == ["calf-wall-stretch:2x10h30d1w7"]
    assert query["muscle"] == ["soleus"]
