"""The pain finder page in AppTest. AppTest cannot press the SVG map, so areas are chosen
through the URL (?areas=) and the list picker, which feed the same selection state."""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.content import load_content
from bodymap.lookup import rank_muscles
from tests.conftest import STUDY_PACK
from tests.conftest import open_page as open_app_page

PACK = STUDY_PACK
PAGE = "views/pain_finder.py"


def open_page(query: dict[str, str] | None = None, audience: str | None = None) -> AppTest:
    return open_app_page(PAGE, query, audience)


def area_list(at: AppTest):
    """The "choose the areas from a list" box (its key changes when the map changes the choice)."""
    [box] = [m for m in at.multiselect if m.label == "Or choose the areas from a list"]
    return box


def result_names(at: AppTest) -> list[str]:
    return [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**") and ". " in m.value.split("**")[1]]


def links(at: AppTest) -> list[dict[str, list[str]]]:
    return [parse_qs(link.proto.query_string) for link in at.get("page_link")]


def test_empty_page_shows_safety_and_invites_a_tap(pack_env):
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Where does it hurt?"
    assert any("education, not a diagnosis" in w.value for w in at.warning)
    assert any(e.label.startswith("Red flags") for e in at.expander)
    assert any("physical therapist" in m.value for m in at.markdown)
    assert "Choose where it hurts" in [s.value for s in at.subheader]


def test_essential_before_spillover_with_links_into_the_explorer(pack_env):
    at = open_page({"areas": "side-shoulder-right"})
    assert not at.exception
    assert result_names(at) == ["1. Supraspinatus", "2. Infraspinatus"]
    assert "2 muscles may refer pain here" in [s.value for s in at.subheader]
    assert links(at)[0] == {"region": ["shoulder"], "muscle": ["supraspinatus"], "side": ["right"],
                            "audience": ["patient"]}
    text = "\n".join(m.value for m in at.markdown)
    assert "Main zone covers: Side of the shoulder (right)" in text
    assert "Wider zone covers: Side of the shoulder (right)" in text
    assert len(at.get("image")) == 2  # a referral picture per result


def test_the_page_and_the_library_agree_on_the_order(pack_env):
    areas = ["heel-left", "calf-left", "back-of-knee-left"]
    at = open_page({"areas": ",".join(areas)})
    expected = [f"{i}. {m.muscle.name}" for i, m in enumerate(rank_muscles(load_content(PACK), areas), 1)]
    assert result_names(at) == expected == ["1. Soleus", "2. Gastrocnemius"]


def test_choosing_from_the_list_updates_results_and_url(pack_env):
    at = open_page()
    area_list(at).set_value(["temple-left", "mastoid-left"]).run()
    assert not at.exception
    assert result_names(at) == ["1. Upper trapezius"]
    assert at.query_params["areas"] == "temple-left,mastoid-left"
    assert links(at)[0]["side"] == ["left"]
    at.button(key="pain_clear").click().run()
    assert result_names(at) == [] and "areas" not in at.query_params


def test_left_and_right_are_kept_apart(pack_env):
    at = open_page({"areas": "temple-left,mastoid-right"})
    assert result_names(at) == ["1. Upper trapezius", "2. Upper trapezius"]
    assert [link["side"] for link in links(at)] == [["left"], ["right"]]


def test_an_area_no_muscle_refers_to_says_so(pack_env):
    at = open_page({"areas": "knee-front-left"})
    assert not at.exception
    assert any("No muscle in this app is known to send pain to Front of the knee (left)" in i.value for i in at.info)
    assert result_names(at) == []


def test_bad_link_values_are_ignored_with_a_safe_notice(pack_env):
    at = open_page({"areas": "heel-left,<img src=x onerror=alert(1)>"})
    assert not at.exception
    notices = [i.value for i in at.info]
    assert any("which this app does not have" in n for n in notices)
    assert not any("<img" in n for n in notices)
    assert result_names(at) == ["1. Soleus"]


@pytest.mark.parametrize("audience", ["patient", "clinician", "student"])
def test_every_area_renders_with_the_real_content(content, geometry, audience):
    at = open_page(audience=audience)
    side = {"patient": "left", "clinician": "right", "student": "left"}[audience]
    for area in geometry.base_areas:
        area_list(at).set_value([f"{area}-{side}"]).run()
        assert not at.exception, area
        names = [n.split(". ", 1)[1] for n in result_names(at)]
        assert names == [m.muscle.name for m in rank_muscles(content, [f"{area}-{side}"])], area


def test_real_content_temple_lists_upper_trapezius():
    at = open_page({"areas": "temple-right"})
    assert "Upper trapezius" in [n.split(". ", 1)[1] for n in result_names(at)]


def test_the_choice_survives_a_visit_to_the_explorer(pack_env):
    at = open_page({"areas": "heel-left"})
    at.switch_page("views/explorer.py")
    at.query_params.clear()
    at.query_params.update({"region": "calf", "muscle": "soleus"})
    at.run()
    at.switch_page(PAGE)
    at.query_params.clear()
    at.run()
    assert not at.exception
    assert result_names(at) == ["1. Soleus"]
    assert at.query_params["areas"] == "heel-left"


def test_real_content_temple_puts_upper_trapezius_first_and_says_why():
    at = open_page({"areas": "temple-right"})
    assert result_names(at)[0] == "1. Upper trapezius"
    first = next(m.value for m in at.markdown if m.value.startswith("**1. Upper trapezius"))
    assert "Why here: essential zone, common cause" in first


def test_real_content_temple_shows_the_neck_stroke_warning():
    at = open_page({"areas": "temple-right"})
    shown = "\n".join(m.value for e in at.expander if e.label.startswith("Red flags") for m in e.markdown)
    assert "torn neck artery" in shown and "**Call emergency services now if you have:**" in shown
