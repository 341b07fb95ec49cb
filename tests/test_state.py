"""URL parameters and map presses become a view state; bad values never break the page."""
from __future__ import annotations

from bodymap.state import DEFAULT, ViewState, parse_query, quote, select_muscle, select_region, to_query


def test_deep_link_restores_the_view(minimal):
    state, notices = parse_query(
        {"region": "neck", "muscle": "upper-trapezius", "view": "back", "side": "left", "audience": "student"}, minimal
    )
    assert state == ViewState("neck", "upper-trapezius", "back", "left", "student", "explore")
    assert notices == []


def test_round_trip_through_the_url(minimal):
    state = ViewState("neck", "upper-trapezius", "front", "left", "clinician", "present")
    assert parse_query(to_query(state), minimal) == (state, [])


def test_defaults_are_left_out_of_links():
    assert to_query(DEFAULT) == {}
    assert to_query(ViewState(region="neck")) == {"region": "neck"}


def test_muscle_brings_its_region(minimal):
    state, notices = parse_query({"muscle": "upper-trapezius"}, minimal)
    assert state.region == "neck" and notices == []


def test_unknown_values_are_ignored_with_a_named_notice(minimal):
    state, notices = parse_query({"region": "knee", "view": "sideways", "audience": "robot"}, minimal)
    assert state == DEFAULT
    assert notices == [
        "The link asked for the audience “robot”, which this app does not have, so it was ignored.",
        "The link asked for the view “sideways”, which this app does not have, so it was ignored.",
        "The link asked for the region “knee”, which this app does not have, so it was ignored.",
    ]


def test_markup_and_long_values_are_never_echoed_raw(minimal):
    hostile = '<script>alert("x")</script>' + "a" * 5000
    state, notices = parse_query({"region": hostile, hostile: "1"}, minimal)
    assert state == DEFAULT
    assert len(notices) == 2
    for notice in notices:
        assert "<" not in notice and ">" not in notice and '"' not in notice
        assert len(notice) < 200


def test_repeated_keys_use_the_last_value(minimal):
    state, _ = parse_query({"view": ["front", "back"]}, minimal)
    assert state.view == "back"


def test_unknown_keys_get_one_notice(minimal):
    state, notices = parse_query({"utm_source": "mail", "fbclid": "x"}, minimal)
    assert state == DEFAULT
    assert notices == ["The link had settings this app does not use (“fbclid”, “utm_source”); they were ignored."]


def test_quote_keeps_only_safe_characters():
    assert quote("neck") == "“neck”"
    assert quote("<b>") == "“b…”"
    assert quote("") == "(an unreadable value)"


def test_pressing_a_region_selects_it_and_clears_the_muscle(minimal):
    state = ViewState(region="neck", muscle="upper-trapezius")
    assert select_region(state, "neck", minimal) == state  # same region: keep the muscle
    assert select_region(ViewState(), "neck", minimal).region == "neck"


def test_unknown_presses_change_nothing(minimal):
    state = ViewState(region="neck")
    for junk in ("knee", None, 42, ["neck"], {"region": "neck"}):
        assert select_region(state, junk, minimal) == state


def test_choosing_a_muscle(minimal):
    assert select_muscle(ViewState(), "upper-trapezius", minimal).region == "neck"
    for junk in ("nope", 7, ["upper-trapezius"], {"x": 1}):
        assert select_muscle(ViewState(region="neck"), junk, minimal) == ViewState(region="neck")
    assert select_muscle(ViewState(region="neck", muscle="upper-trapezius"), None, minimal).muscle is None
