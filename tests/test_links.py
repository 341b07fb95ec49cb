"""Every page's link: URL parameters become a page state and back; presses change it;
bad, long or hostile values never break a page and are named in a notice."""
from __future__ import annotations

import pytest

from bodymap.links import (MAX_LIST_ITEMS, MAX_VALUE_CHARS, PAGE_LINKS, ExplorerLink, HandoutLink, LearnLink,
                           PainFinderLink, Settings, StudyLink, page_params, quote)

SAMPLES = {
    ExplorerLink: ExplorerLink("neck", "upper-trapezius", "neck-front", "left"),
    PainFinderLink: PainFinderLink(("temple-left", "heel-right")),
    HandoutLink: HandoutLink("neck", ("upper-trapezius", "levator-scapulae"), "left"),
    StudyLink: StudyLink("quiz", ("soleus", "gastrocnemius"), "calf", 4242),
    LearnLink: LearnLink("aftercare"),
}


@pytest.mark.parametrize("link", SAMPLES.values(), ids=lambda link: type(link).__name__)
def test_a_link_round_trips_through_the_url(link, content, geometry):
    assert type(link).parse(link.to_query(), content, geometry) == (link, [])


@pytest.mark.parametrize("link_type", PAGE_LINKS.values(), ids=lambda t: t.__name__)
def test_defaults_are_left_out_of_links(link_type):
    assert link_type().to_query() == {}


def test_deep_link_restores_the_explorer(content, geometry):
    link, notices = ExplorerLink.parse(
        {"region": "neck", "muscle": "upper-trapezius", "view": "neck-side", "side": "left"}, content, geometry)
    assert link == ExplorerLink("neck", "upper-trapezius", "neck-side", "left") and notices == []


def test_links_from_before_the_closeups_show_the_whole_body(content):
    for old in ("both", "front", "back"):
        assert ExplorerLink.parse({"region": "neck", "view": old}, content) == (ExplorerLink("neck", view="body"), [])


def test_a_closeup_of_another_region_gives_the_usual_picture(content):
    link, notices = ExplorerLink.parse({"region": "calf", "view": "neck-side"}, content)
    assert link == ExplorerLink("calf") and "not a picture of lower leg" in notices[0]


def test_a_muscle_brings_its_region(content):
    link, notices = ExplorerLink.parse({"muscle": "soleus", "region": "neck"}, content)
    assert link.region == "calf"
    assert notices == ["Soleus belongs to the lower leg region, so that region is shown."]


def test_unknown_values_are_ignored_with_a_named_notice(content):
    link, notices = ExplorerLink.parse({"region": "knee", "view": "sideways"}, content)
    assert link == ExplorerLink()
    assert notices == [
        "The link asked for the view “sideways”, which this app does not have, so it was ignored.",
        "The link asked for the region “knee”, which this app does not have, so it was ignored.",
    ]


def test_unknown_keys_get_one_notice(content):
    link, notices = ExplorerLink.parse({"utm_source": "mail", "fbclid": "x"}, content)
    assert link == ExplorerLink()
    assert notices == ["The link had settings this app does not use (“fbclid”, “utm_source”); they were ignored."]


def test_repeated_keys_use_the_last_value(content):
    assert ExplorerLink.parse({"side": ["right", "left"]}, content)[0].side == "left"


@pytest.mark.parametrize("link_type", PAGE_LINKS.values(), ids=lambda t: t.__name__)
def test_markup_and_huge_values_are_never_echoed_raw(link_type, content, geometry):
    hostile = '<script>alert("x")</script>' + "a" * 100_000
    params = {key: hostile for key in link_type.PARAMS} | {hostile: "1"}
    link, notices = link_type.parse(params, content, geometry)
    assert link == link_type()
    assert notices
    for notice in notices:
        assert "<" not in notice and ">" not in notice and '"' not in notice
        assert len(notice) < 300


def test_a_value_over_the_limit_is_named_not_parsed(content, geometry):
    link, notices = PainFinderLink.parse({"areas": "temple-left," * (MAX_VALUE_CHARS // 5)}, content, geometry)
    assert link == PainFinderLink()
    assert notices == [f"The link's areas value is {len('temple-left,' * (MAX_VALUE_CHARS // 5)):,} characters "
                       f"long, more than the {MAX_VALUE_CHARS:,} allowed, so it was ignored."]


@pytest.mark.parametrize("seed", ["9" * 5_000, "1" * 4_301, "-1", "1e9", "9999999", "٣", "12 34", "0x10"])
def test_a_quiz_number_that_is_not_a_small_whole_number_starts_a_new_quiz(seed, content):
    link, notices = StudyLink.parse({"seed": seed, "tab": "quiz"}, content)
    assert link.seed is None and link.tab == "quiz"
    assert len(notices) == 1
    assert "not a whole number" in notices[0] or "characters long" in notices[0]


def test_a_good_quiz_number_is_kept(content):
    assert StudyLink.parse({"seed": " 42 ", "tab": "quiz"}, content)[0].seed == 42


def test_study_compares_at_most_four_known_muscles(content):
    link, notices = StudyLink.parse({"muscles": "soleus,,gastrocnemius,soleus,bogus,scalenes,supinator,piriformis"},
                                    content)
    assert link.muscles == ("soleus", "gastrocnemius", "scalenes", "supinator")
    assert len(notices) == 1 and "“bogus”" in notices[0] and "“piriformis”" in notices[0]


def test_handout_link_keeps_the_muscles_of_one_region(content):
    link, notices = HandoutLink.parse({"muscle": ["upper-trapezius", "soleus", "nope"]}, content)
    assert link == HandoutLink("neck", ("upper-trapezius",), "right")
    assert notices == ["The link asked for the muscle “nope”, which this app does not have, so it was ignored."]


def test_learn_link_ignores_an_unknown_topic(content):
    link, notices = LearnLink.parse({"topic": "astrology"}, content)
    assert link == LearnLink() and "“astrology”" in notices[0]


def test_shell_settings_are_kept_apart_from_the_page(content):
    params = {"region": "neck", "audience": "clinician", "mode": "present"}
    assert Settings.parse(params) == (Settings("clinician", "present"), [])
    assert ExplorerLink.parse(page_params(params), content) == (ExplorerLink("neck"), [])
    assert Settings("student").to_query() == {"audience": "student"}
    assert Settings.parse({"audience": "robot"})[0] == Settings()


def test_pressing_a_region_selects_it_and_clears_the_muscle(content):
    link = ExplorerLink(region="neck", muscle="upper-trapezius")
    assert link.select_region("neck", content) == link  # same region: keep the muscle
    assert link.select_region("calf", content) == ExplorerLink(region="calf")


@pytest.mark.parametrize("junk", ["knee", None, 42, ["neck"], {"region": "neck"}])
def test_unknown_presses_change_nothing(junk, content):
    assert ExplorerLink(region="neck").select_region(junk, content) == ExplorerLink(region="neck")
    assert ExplorerLink(region="neck").select_muscle(junk, content) == ExplorerLink(region="neck")


def test_choosing_and_clearing_a_muscle(content):
    assert ExplorerLink().select_muscle("upper-trapezius", content) == ExplorerLink("neck", "upper-trapezius")
    assert ExplorerLink("neck", "upper-trapezius").select_muscle(None, content) == ExplorerLink("neck")


def test_map_presses_become_a_clean_selection(geometry):
    link = PainFinderLink(("heel-left",))
    assert link.press("calf-left", geometry).areas == ("heel-left", "calf-left")
    assert link.press("heel-left", geometry).areas == ()
    # A list is the map's whole current choice.
    assert link.press(["calf-left", "calf-left", "bogus"], geometry).areas == ("calf-left",)
    # The map lists its choice in drawing order; the page keeps the order of the taps.
    two = PainFinderLink(("heel-left", "temple-left"))
    assert two.press(["calf-left", "temple-left", "heel-left"], geometry).areas == (
        "heel-left", "temple-left", "calf-left")
    assert link.press(None, geometry) == link
    assert PainFinderLink().press("<script>", geometry) == PainFinderLink()


def test_pain_finder_link_drops_unknown_areas_and_caps_the_list(content, geometry):
    link, notices = PainFinderLink.parse({"areas": "temple-left,,bogus,heel-right,temple-left"}, content, geometry)
    assert link.areas == ("temple-left", "heel-right") and "“bogus”" in notices[0]
    many = ",".join(list(geometry.areas) * 3)
    assert len(PainFinderLink.parse({"areas": many[:MAX_VALUE_CHARS]}, content, geometry)[0].areas) <= MAX_LIST_ITEMS


def test_quote_keeps_only_safe_characters():
    assert quote("neck") == "“neck”"
    assert quote("<b>") == "“b…”"
    assert quote("") == "(an unreadable value)"
