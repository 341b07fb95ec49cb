"""Plotly figures: the traces, colours and hover text a student relies on."""
from __future__ import annotations

from bodymap.render.figures import MAX_COMPARE, quiz_results_figure, referral_figure
from bodymap.palette import SERIES
from bodymap.quiz import RegionResult




def by_role(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def test_compare_figure_draws_each_zone_in_its_muscle_colour(study_pack, geometry):
    fig = referral_figure(study_pack, geometry, ["upper-trapezius", "levator-scapulae"], "left")
    zones = by_role(fig, "zone")
    got = {(t.meta["muscle"], t.meta["kind"], t.meta["area"]) for t in zones}
    want = {("upper-trapezius", "essential", f"{a}-left") for a in ("posterior-neck", "mastoid", "temple")}
    want |= {("upper-trapezius", "spillover", f"{a}-left") for a in ("jaw-angle", "occiput")}
    want |= {("levator-scapulae", "essential", "neck-angle-left")}
    want |= {("levator-scapulae", "spillover", f"{a}-left") for a in ("medial-scapula", "back-shoulder")}
    assert got == want
    colours = {t.meta["muscle"]: t.line.color for t in zones}
    assert colours == {"upper-trapezius": SERIES[0], "levator-scapulae": SERIES[1]}
    for t in zones:
        assert t.fill == "toself" and t.hoveron == "fills"
        if t.meta["kind"] == "spillover":
            assert t.fillpattern.shape == "/" and t.line.dash == "dash"
        else:
            assert t.fillpattern.shape is None and t.line.dash is None


def test_hover_names_the_area_and_every_muscle_that_refers_there(study_pack, geometry):
    fig = referral_figure(study_pack, geometry, ["infraspinatus", "supraspinatus"], "right")
    side_shoulder = [t for t in by_role(fig, "zone") if t.meta["area"] == "side-shoulder-right"]
    assert len(side_shoulder) == 2  # one per muscle
    for t in side_shoulder:
        assert "Side of the shoulder (right)" in t.text
        assert "Infraspinatus: spillover zone" in t.text
        assert "Supraspinatus: essential zone" in t.text


def test_trigger_points_are_x_markers_with_their_description(study_pack, geometry):
    fig = referral_figure(study_pack, geometry, ["gastrocnemius"], "right")
    [tps] = by_role(fig, "trigger_points")
    assert tps.marker.symbol == "x" and len(tps.x) == 1
    assert "Gastrocnemius: trigger point 1" in tps.hovertext[0] and "Inner head" in tps.hovertext[0]


def test_legend_has_an_entry_per_muscle_and_kind(study_pack, geometry):
    fig = referral_figure(study_pack, geometry, ["supraspinatus", "soleus"])
    names = [t.name for t in fig.data if t.showlegend]
    assert names == ["Supraspinatus: essential", "Supraspinatus: spillover", "Soleus: essential",
                     "Soleus: spillover", "Supraspinatus: trigger points", "Soleus: trigger points"]


def test_body_is_drawn_from_the_geometry_for_both_views_with_equal_scales(study_pack, geometry):
    fig = referral_figure(study_pack, geometry, ["soleus"])
    silhouettes = by_role(fig, "silhouette")
    assert [t.meta["view"] for t in silhouettes] == ["front", "back"]
    ring = geometry.silhouette[0]
    assert (silhouettes[0].x[0], silhouettes[0].y[0]) == ring[0]
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert {a.text for a in fig.layout.annotations} >= {"<b>Front</b>", "<b>Back</b>", "Left", "Right"}


def test_focus_opens_on_the_zone_and_can_be_turned_off(study_pack, geometry):
    focused = referral_figure(study_pack, geometry, ["upper-trapezius"])
    bottom, top = focused.layout.yaxis.range
    assert top < 20 and bottom < 200  # the head and neck, not the feet
    whole = referral_figure(study_pack, geometry, ["upper-trapezius"], focus=False)
    assert whole.layout.yaxis.range[0] > geometry.height


def test_focus_on_a_zone_at_the_feet_stops_at_the_bottom_of_the_body(study_pack, geometry):
    bottom, top = referral_figure(study_pack, geometry, ["soleus"]).layout.yaxis.range
    assert top > geometry.height / 2 and bottom == geometry.height + 6


def test_at_most_four_muscles_and_anonymous_pictures(study_pack, geometry):
    ids = list(study_pack.muscles)
    fig = referral_figure(study_pack, geometry, ids)
    assert len({t.meta["muscle"] for t in by_role(fig, "zone")}) == MAX_COMPARE
    quiz = referral_figure(study_pack, geometry, ["soleus"], anonymous=True)
    text = " ".join(str(t.text) + str(t.hovertext) + str(t.name) for t in quiz.data)
    assert "Soleus" not in text


def test_quiz_results_chart_has_correct_and_missed_bars_per_region():
    fig = quiz_results_figure([RegionResult("neck", "Neck", 3, 5), RegionResult("calf", "Calf", 1, 1)])
    correct, wrong = fig.data
    assert list(correct.y) == ["Neck", "Calf"] and list(correct.x) == [3, 1]
    assert list(wrong.x) == [2, 0] and fig.layout.barmode == "stack"
    assert correct.marker.color != wrong.marker.color and wrong.marker.pattern.shape == "/"
