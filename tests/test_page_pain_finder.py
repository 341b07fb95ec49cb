"""The pain finder page in AppTest. AppTest cannot press the SVG map or the body-part
buttons, so areas and pictures are chosen through the URL (?areas=, ?view=, ?side=), the
list picker and the session, which feed the same state (Playwright presses the real ones)."""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.content import load_content
from bodymap.links import PainFinderLink
from bodymap.lookup import body_parts, has_two_sides, picture_areas, picture_of_area, rank_muscles
from tests.apptest_text import shown_text
from tests.conftest import STUDY_PACK
from tests.conftest import open_page as open_app_page

SHOWN_AT_FIRST = 10  # views/pain_finder.py: the best ten, the rest on request

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
    assert ":orange[■] Usually felt: Side of the shoulder (right)" in text
    assert ":orange[░] May spread: Side of the shoulder (right)" in text
    assert len(at.get("image")) == 2  # a referral picture per result


def test_the_page_and_the_library_agree_on_the_order(pack_env):
    areas = ["heel-left", "calf-left", "back-of-knee-left"]
    at = open_page({"areas": ",".join(areas)})
    pack = load_content(PACK)
    expected = [f"{i}. {m.muscle.name}" for i, m in enumerate(rank_muscles(pack, areas, pack.geometry), 1)]
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
    assert any("Front of the knee (left): This app does not cover the muscles for this spot yet; your therapist "
               "can check it." in i.value for i in at.info)
    assert result_names(at) == []


def test_an_area_no_muscle_refers_to_names_the_muscles_with_trigger_points_there():
    # The shipped content: no muscle refers to the back of the armpit, but three have
    # trigger points in it; each opens in the body map on the side that was tapped.
    at = open_page({"areas": "back-armpit-left"})
    assert not at.exception
    assert any("Back of the armpit (left): no muscle in this app sends pain to this spot. But trigger points of "
               "Latissimus dorsi, Subscapularis and Teres major sit right here" in i.value for i in at.info)
    opened = [(link["muscle"], link["side"]) for link in links(at) if "muscle" in link]
    assert opened == [(["latissimus-dorsi"], ["left"]), (["subscapularis"], ["left"]), (["teres-major"], ["left"])]
    assert any(c.value.startswith("Source: Simons") for c in at.caption)
    assert result_names(at) == []


def test_bad_link_values_are_ignored_with_a_safe_notice(pack_env):
    at = open_page({"areas": "heel-left,<img src=x onerror=alert(1)>"})
    assert not at.exception
    notices = [i.value for i in at.info]
    assert any("which this app does not have" in n for n in notices)
    assert not any("<img" in n for n in notices)
    assert result_names(at) == ["1. Soleus"]


AUDIENCES = ("patient", "clinician", "student")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_area_renders_with_the_real_content(content, geometry, audience):
    """Every area once, the audiences taking turns (each renders a third of the areas, on
    both sides), so every area and every audience is seen at a third of the runs."""
    at = open_page(audience=audience)
    turn = AUDIENCES.index(audience)
    for area, side in [(a, ("left", "right")[n // 3 % 2]) for n, a in enumerate(geometry.base_areas) if n % 3 == turn]:
        area_list(at).set_value([f"{area}-{side}"]).run()
        assert not at.exception, area
        names = [n.split(". ", 1)[1] for n in result_names(at)]
        ranked = [m.muscle.name for m in rank_muscles(content, [f"{area}-{side}"], content.geometry)]
        assert names == ranked[:SHOWN_AT_FIRST], area  # the rest one tap away (a test below)


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
    assert "Why here: its pain is usually felt here; a common cause" in first


def test_real_content_temple_shows_the_neck_stroke_warning():
    at = open_page({"areas": "temple-right"})
    shown = "\n".join(m.value for e in at.expander if e.label.startswith("Red flags") for m in e.markdown)
    assert "torn neck artery" in shown and "**Emergency:** Call emergency services now. If you have:" in shown


# --- the pictures: the whole body, a body part's close-ups --------------------------------

def markup(at: AppTest) -> str:
    """What the page sent, with the components' data (JSON) unquoted, to find the SVG's attributes in."""
    return shown_text(at).replace('\\"', '"')


def pictures(content, geometry):
    """Every picture the page offers: (close-up, side) of every body part."""
    return [(c, side) for part in body_parts(content, geometry) for c in part.closeups
            for side in (("right", "left") if has_two_sides(geometry, c) else ("right",))]


def test_the_whole_body_is_shown_first_with_a_button_per_body_part(content, geometry):
    at = open_page()
    text = markup(at)
    assert "data-view=" not in text  # no close-up yet: the whole body, front and back
    assert "press where it hurts to see that part up close" in text
    for part in body_parts(content, geometry):
        assert f'data-choice="{part.id}"' in text and part.label in text


def test_body_parts_offer_each_close_up_once_and_every_area_has_a_picture(content, geometry):
    parts = body_parts(content, geometry)
    offered = [c for part in parts for c in part.closeups]
    assert len(offered) == len(set(offered))
    # exactly the close-ups on which some area is biggest (the elbow's whole-arm views are not)
    assert set(offered) == {picture_of_area(content, geometry, iid)[0] for iid in geometry.areas
                            if picture_of_area(content, geometry, iid)}
    for iid in geometry.areas:
        picture = picture_of_area(content, geometry, iid)
        if picture is not None:  # an area no close-up shows is chosen on the whole body instead
            assert iid in picture_areas(geometry, *picture), iid


def test_a_link_opens_the_close_up_it_names_with_the_chosen_areas(pack_env):
    at = open_page({"areas": "heel-left,temple-right", "view": "leg-back", "side": "left"})
    assert not at.exception
    text = markup(at)
    assert 'data-view="leg-back"' in text and 'data-side="left"' in text
    assert 'aria-label="Heel (left)" data-target="heel-left"' in text
    assert '"selected": ["heel-left", "temple-right"]' in text  # the browser marks them
    assert 'data-target="sole-left"' in text
    assert at.query_params["view"] == "leg-back" and at.query_params["side"] == "left"
    assert at.query_params["areas"] == "heel-left,temple-right"


@pytest.mark.parametrize("query", [{"view": "sideways"}, {"view": "leg-back", "side": "middle"}])
def test_unknown_picture_values_get_a_notice_and_the_page_works(pack_env, query):
    at = open_page(query)
    assert not at.exception
    bad = query.get("side") or query["view"]
    assert any(f"“{bad}”" in i.value and "which this app does not have" in i.value for i in at.info)
    assert at.title[0].value == "Where does it hurt?"


def test_chosen_areas_stay_chosen_when_another_body_part_is_shown(pack_env, geometry):
    at = open_page({"areas": "heel-left", "view": "leg-back", "side": "left"})
    # A press on the "Head and neck" button lands in the session like this.
    at.session_state["pain_finder"] = at.session_state["pain_finder"].show("neck-back", "left", geometry)
    at.run()
    assert not at.exception
    assert 'data-view="neck-back"' in markup(at)
    assert any(m.value.startswith("**You chose:** Heel (left)") for m in at.markdown)
    assert result_names(at) == ["1. Soleus"]  # the study pack's one muscle for the heel
    assert at.query_params["view"] == "neck-back" and at.query_params["areas"] == "heel-left"


def test_every_picture_renders_with_its_areas_as_buttons(content, geometry):
    at = open_page()
    for closeup, side in pictures(content, geometry):
        at.query_params.clear()
        at.query_params.update({"view": closeup, "side": side})
        at.run()
        assert not at.exception, closeup
        text = markup(at)
        assert f'data-view="{closeup}"' in text, closeup
        for iid in picture_areas(geometry, closeup, side):
            assert f'data-target="{iid}"' in text, (closeup, side, iid)


def test_a_press_on_a_close_up_keeps_the_areas_chosen_on_other_pictures(geometry):
    link = PainFinderLink(("temple-right", "heel-left"), "leg-back", "left")
    shown = picture_areas(geometry, "leg-back", "left")
    assert "heel-left" in shown and "temple-right" not in shown
    # The map reports its whole choice among the areas it shows: the heel taken away, the calf added.
    assert link.press(["calf-left"], geometry, shown=shown).areas == ("temple-right", "calf-left")
    assert link.press([], geometry, shown=shown).areas == ("temple-right",)


# --- a long list shows the best matches first, the rest on request ---------------------------

MANY = ["sacroiliac-right", "front-shoulder-right"]  # 15 muscles in the shipped content


def show_all_buttons(at: AppTest):
    return [b for b in at.button if b.label.startswith("Show all")]


def test_a_long_list_shows_the_best_ten_and_a_button_for_the_rest(content):
    expected = [f"{i}. {m.muscle.name}" for i, m in enumerate(rank_muscles(content, MANY, content.geometry), 1)]
    assert len(expected) > 10
    at = open_page({"areas": ",".join(MANY)})
    assert not at.exception
    assert f"{len(expected)} muscles may refer pain here" in [s.value for s in at.subheader]
    assert result_names(at) == expected[:10]
    assert f"These are the best 10 of {len(expected)} matches." in [c.value for c in at.caption]
    [button] = show_all_buttons(at)
    assert button.label == f"Show all {len(expected)} muscles"
    button.click().run()
    assert not at.exception
    assert result_names(at) == expected
    assert not show_all_buttons(at)
    assert f"{len(expected)} muscles may refer pain here" in [s.value for s in at.subheader]


def test_choosing_other_areas_shows_the_short_list_again(content):
    at = open_page({"areas": ",".join(MANY)})
    show_all_buttons(at)[0].click().run()
    assert len(result_names(at)) == len(rank_muscles(content, MANY, content.geometry))
    more = [*MANY, "upper-arm-back-right"]
    area_list(at).set_value(more).run()
    assert not at.exception
    total = len(rank_muscles(content, more, content.geometry))
    assert len(result_names(at)) == 10 and total > 10
    assert [b.label for b in show_all_buttons(at)] == [f"Show all {total} muscles"]
    # Going back to the first choice does not bring the whole list back by itself.
    area_list(at).set_value(MANY).run()
    assert len(result_names(at)) == 10 and show_all_buttons(at)


def test_a_short_list_has_no_show_all_button(pack_env):
    at = open_page({"areas": "side-shoulder-right"})
    assert result_names(at) == ["1. Supraspinatus", "2. Infraspinatus"] and not show_all_buttons(at)
