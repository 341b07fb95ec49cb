"""The Study page in AppTest: region cards, compare, atlas and a whole quiz, driven by the
URL and by widgets (AppTest cannot hover or click inside Plotly figures)."""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from bodymap.content import load_content
from bodymap.quiz import make_quiz
from bodymap.study import CARDS_PER_PAGE as N
from tests.apptest_text import shown_text, svg_pictures
from tests.conftest import STUDY_PACK
from tests.conftest import open_page as open_app_page

PACK = STUDY_PACK
PAGE = "views/study.py"


def open_page(query: dict[str, str] | None = None, audience: str | None = None) -> AppTest:
    return open_app_page(PAGE, query, audience)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def pictures(at: AppTest) -> list[tuple[str, str]]:
    """(alt text, SVG) of each SVG picture on the page."""
    return svg_pictures(at)


# --- region cards --------------------------------------------------------------------------

def every_card_page(region_id: str) -> tuple[list[str], int]:
    """The text of each page of a region's cards, turned with "Next" as a student would, and
    how many pictures they showed."""
    at = open_page({"tab": "cards", "region": region_id}, audience="student")
    assert not at.exception
    bodies, images = [text(at)], len(at.get("image"))
    while [b for b in at.button if b.key == "cards_next_bottom" and not b.disabled]:
        at.button(key="cards_next_bottom").click().run()
        assert not at.exception
        bodies.append(text(at))
        images += len(at.get("image"))
    assert at.query_params["region"] == region_id
    return bodies, images


def test_region_cards_show_every_muscle_of_every_region(content, region_id):
    region = content.regions[region_id]
    muscles = content.muscles_in(region_id)
    at = open_page({"tab": "cards", "region": region_id}, audience="student")
    assert at.subheader[0].value == f"{region.name}: {len(muscles)} muscles"
    bodies, images = every_card_page(region_id)
    assert len(bodies) == -(-len(muscles) // N)
    for m in muscles:
        [body] = [b for b in bodies if f"#### {m.name}" in b]  # on one page, once
        assert m.key_facts[0] in body and m.trigger_points[0].description in body
    assert images == len(muscles)


def test_a_card_names_the_view_that_completes_its_picture(content, geometry):
    """The card shows a muscle on one close-up; where another shows what it leaves out, the
    card names it, as the explorer ("See the rest") and the plan ("Also see") do."""
    from bodymap.study import muscle_closeups

    completed = [m for m in content.muscles_in("neck") if len(muscle_closeups(content, geometry, m)) > 1]
    assert completed, "the neck has a muscle whose pattern needs two views"
    body = "\n".join(every_card_page("neck")[0])
    for m in content.muscles_in("neck"):
        specs = muscle_closeups(content, geometry, m)
        card = body[body.index(f"#### {m.name}"):]
        card = card[:card.index("####", 4)] if "####" in card[4:] else card
        if len(specs) > 1:
            assert f"**See the rest:** {geometry.closeups[specs[1].closeup].label}" in card, m.id
        else:
            assert "See the rest" not in card, m.id


def test_cards_offer_a_printable_sheet(pack_env):
    at = open_page({"tab": "cards", "region": "calf"})
    assert not at.exception
    [download] = at.get("download_button")
    assert download.proto.label == "Printable sheet"
    # A press that also reran the page could lose the file (views/study.py says why).
    assert download.proto.ignore_rerun


def cards_shown(at: AppTest) -> list[str]:
    return [m.value.removeprefix("#### ") for m in at.markdown if m.value.startswith("#### ")]


@pytest.fixture(scope="module")
def crowded_pack(tmp_path_factory):
    """One region of 45 muscles: three pages of cards."""
    from tests.test_make_pack import make_pack

    out = tmp_path_factory.mktemp("crowded") / "content"
    make_pack.make_pack(out, regions=1, muscles=45, seed=5)
    return out


@pytest.fixture
def crowded(crowded_pack, monkeypatch):
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(crowded_pack))


def test_a_crowded_region_shows_its_cards_a_page_at_a_time(crowded):
    at = open_page({"tab": "cards"})
    assert not at.exception
    assert at.subheader[0].value == "Synthetic region 1: 45 muscles"
    assert cards_shown(at) == [f"Synthetic muscle {i}" for i in range(1, N + 1)]
    assert len(at.get("image")) == N
    assert at.selectbox(key="cards_page_region-001").value == 1
    assert at.button(key="cards_prev_top").disabled


def test_next_and_the_page_list_move_through_the_cards(crowded):
    at = open_page({"tab": "cards"})
    at.button(key="cards_next_bottom").click().run()
    assert cards_shown(at) == [f"Synthetic muscle {i}" for i in range(N + 1, 2 * N + 1)]
    last = -(-45 // N)
    at.selectbox(key="cards_page_region-001").set_value(last).run()
    assert not at.exception
    assert cards_shown(at) == [f"Synthetic muscle {i}" for i in range((last - 1) * N + 1, 46)]
    assert at.button(key="cards_next_top").disabled
    at.button(key="cards_prev_top").click().run()
    assert cards_shown(at)[0] == f"Synthetic muscle {(last - 2) * N + 1}"


def test_the_card_page_survives_a_trip_to_another_tool(crowded):
    at = open_page({"tab": "cards"})
    at.selectbox(key="cards_page_region-001").set_value(2).run()
    at.segmented_control(key="study_mode").set_value("atlas").run()
    at.segmented_control(key="study_mode").set_value("cards").run()
    assert not at.exception
    assert cards_shown(at)[0] == f"Synthetic muscle {N + 1}"


def test_a_small_region_has_no_pager(pack_env):
    at = open_page({"tab": "cards", "region": "calf"})
    assert not [b for b in at.button if b.key and b.key.startswith("cards_")]


# --- compare -------------------------------------------------------------------------------

def test_compare_starts_with_a_classic_pair_side_by_side_on_two_copies_of_the_close_up(pack_env):
    at = open_page({"tab": "compare"})
    assert not at.exception
    assert at.multiselect(key="compare_pick").value == ["upper-trapezius", "levator-scapulae"]
    assert not figures(at)  # no overlapping figure: one picture per muscle
    shown = pictures(at)
    assert [alt.split(" (")[0] for alt, _ in shown] == ["Upper trapezius", "Levator scapulae"]
    svgs = [svg for _, svg in shown]
    # the same close-up, framed the same, each with only its own muscle's pattern
    assert len({re.search(r'data-view="([^"]+)"', s).group(1) for s in svgs}) == 1
    assert len({re.search(r'viewBox="([^"]+)"', s).group(1) for s in svgs}) == 1
    trap, levator = (set(re.findall(r'data-zone="\w+" data-area="([^"]+)"', s)) for s in svgs)
    assert trap and levator and trap != levator
    assert all("data-trp" in s for s in svgs)
    assert "The table lists every area" in "\n".join(c.value for c in at.caption)
    assert at.query_params["muscles"] == "upper-trapezius,levator-scapulae"


def test_a_look_alike_pair_is_one_tap_away(pack_env):
    at = open_page({"tab": "compare"})
    at.button(key="pair_gastrocnemius_soleus").click().run()
    assert not at.exception
    assert at.multiselect(key="compare_pick").value == ["gastrocnemius", "soleus"]
    assert [alt.split(" (")[0] for alt, _ in pictures(at)] == ["Gastrocnemius", "Soleus"]
    assert "Soleus sends pain to the heel." in text(at)  # the how-to-tell-apart note


def test_compare_reads_muscles_from_the_link_and_ignores_unknown_ones(pack_env):
    at = open_page({"tab": "compare", "muscles": "soleus,<b>x</b>,infraspinatus,supraspinatus"})
    assert not at.exception
    assert at.multiselect(key="compare_pick").value == ["soleus", "infraspinatus", "supraspinatus"]
    assert any("which this app does not have" in i.value and "<b>" not in i.value for i in at.info)
    assert len(pictures(at)) == 3
    at.segmented_control(key="compare_side").set_value("left").run()
    svgs = [svg for _, svg in pictures(at)]
    assert len(svgs) == 3 and all('data-side="left"' in svg for svg in svgs)
    assert not re.findall(r'data-zone="\w+" data-area="[^"]+" data-side="right"', "".join(svgs))


def test_choices_survive_a_trip_to_another_tool(pack_env):
    at = open_page({"tab": "compare"})
    at.button(key="pair_gastrocnemius_soleus").click().run()
    at.segmented_control(key="compare_side").set_value("left").run()
    at.segmented_control(key="study_mode").set_value("atlas").run()
    at.segmented_control(key="study_mode").set_value("compare").run()
    assert not at.exception
    assert at.multiselect(key="compare_pick").value == ["gastrocnemius", "soleus"]
    assert at.segmented_control(key="compare_side").value == "left"
    assert at.query_params["muscles"] == "gastrocnemius,soleus"


def test_a_quiz_in_progress_survives_a_visit_to_another_page(pack_env):
    at = open_page({"tab": "quiz", "seed": "42"})
    option_buttons(at, 0)[0].click().run()
    at.switch_page("views/pain_finder.py")
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert at.segmented_control(key="study_mode").value == "quiz"
    assert at.session_state["quiz"].seed == 42 and at.session_state["quiz"].answers[0] is not None
    assert len(at.session_state["quiz_history"]) == 1


def test_compare_with_nothing_chosen_explains_what_to_do(pack_env):
    at = open_page({"tab": "compare"})
    at.multiselect(key="compare_pick").set_value([]).run()
    assert not at.exception and not figures(at) and not pictures(at)
    assert "Choose two to four muscles" in at.info[0].value


# --- atlas -------------------------------------------------------------------------------

def atlas_targets(at: AppTest) -> set[str]:
    """The areas the atlas map offers as buttons (read from the component's data)."""
    return set(re.findall(r'data-target=\\?"([^"\\]+)', shown_text(at)))


def test_the_atlas_offers_every_area_and_a_press_lists_its_muscles(content, geometry):
    at = open_page({"tab": "atlas"})
    assert not at.exception and not figures(at)
    assert atlas_targets(at) == set(geometry.areas)
    assert "Busiest areas" in text(at)
    assert "refer pain here" not in text(at)  # no answer before an area is chosen
    at.selectbox(key="atlas_pick").set_value("temple-right").run()
    answer = text(at)
    assert "**Temple (right)**:" in answer and "muscles refer pain here" in answer
    assert "- Upper trapezius (essential)" in answer
    # An area no muscle refers to names the muscles whose trigger points sit there instead.
    at.selectbox(key="atlas_pick").set_value("back-armpit-left").run()
    answer = text(at)
    assert "Back of the armpit (left): no muscle in this app sends pain to this spot" in answer
    assert "trigger points of Latissimus dorsi, Subscapularis and Teres major sit right here" in answer


# --- quiz ------------------------------------------------------------------------------------

def option_buttons(at: AppTest, index: int):
    return [b for b in at.button if b.key and b.key.startswith(f"quiz_option_{index}_")]


def test_a_whole_quiz_with_feedback_review_and_results(pack_env):
    pack = load_content(PACK)
    quiz = make_quiz(pack, pack.geometry, 42, n=10)
    at = open_page({"tab": "quiz", "seed": "42"})
    assert not at.exception
    assert at.query_params["seed"] == "42"
    for i, q in enumerate(quiz):
        assert q.prompt in text(at)
        assert [b.label for b in option_buttons(at, i)] == list(q.options)
        if q.picture:
            assert at.get("image"), "picture questions show the referral picture"
        choice = q.answer if i % 3 else (q.answer + 1) % len(q.options)  # miss every third one
        option_buttons(at, i)[choice].click().run()
        assert not at.exception
        if choice == q.answer:
            assert at.success[0].value == f"Right: {q.right_option}."
        else:
            assert at.error[0].value == f"Not quite. The answer is {q.right_option}."
        assert q.explanation in text(at)
        assert all(b.disabled for b in option_buttons(at, i))  # one answer per question
        assert figures(at), "the session results chart appears after the first answer"
        at.button(key=f"quiz_next_{i}").click().run()
    right = sum(1 for i in range(len(quiz)) if i % 3)
    assert at.subheader[0].value == f"You scored {right} out of {len(quiz)}"
    missed = [e.label for e in at.expander if e.label[0].isdigit()]
    assert missed == [f"{i + 1}. {quiz[i].prompt}" for i in range(0, len(quiz), 3)]
    [chart] = figures(at)
    correct, wrong = chart["data"]
    assert sum(correct["x"]) == right and sum(wrong["x"]) == len(quiz) - right


def test_the_same_seed_repeats_the_quiz_and_settings_start_a_new_one(pack_env):
    first = open_page({"tab": "quiz", "seed": "7"})
    again = open_page({"tab": "quiz", "seed": "7"})
    assert [b.label for b in option_buttons(first, 0)] == [b.label for b in option_buttons(again, 0)]
    again.number_input(key="quiz_seed_in").set_value(8)
    again.button(key="quiz_start").click().run()
    assert not again.exception
    assert again.query_params["seed"] == "8"
    pack = load_content(PACK)
    assert make_quiz(pack, pack.geometry, 8)[0].prompt in text(again)


def test_quiz_kinds_can_be_narrowed(pack_env):
    at = open_page({"tab": "quiz", "seed": "3"})
    at.pills(key="quiz_kinds").set_value(["region-safety"])
    at.button(key="quiz_start").click().run()
    assert not at.exception
    assert "safety notes warn about" in text(at)


@pytest.mark.parametrize("seed", ["1", "2", "3"])
def test_real_content_quiz_renders(seed):
    at = open_page({"tab": "quiz", "seed": seed})
    assert not at.exception
    assert len(option_buttons(at, 0)) >= 3


def test_bad_tab_falls_back_to_region_cards(pack_env):
    at = open_page({"tab": "<script>"})
    assert not at.exception
    assert at.segmented_control(key="study_mode").value == "cards"
