"""Study helpers: pictures, the printable region sheet, comparison picks and URL values."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bodymap.model import MuscleShape
from bodymap.study import (card_svg, compare_closeups, compare_rows, look_alike_pairs, page_of, referral_svg,
                           region_sheet_html)




def test_referral_picture_draws_the_zone_and_can_hide_the_name(study_pack, geometry):
    soleus = study_pack.muscles["soleus"]
    svg = referral_svg(geometry, soleus, "left")
    assert "Soleus" in svg and 'class="bm-essential"' in svg and "Heel (left)" in svg
    hidden = referral_svg(geometry, soleus, "left", anonymous=True)
    assert "Soleus" not in hidden and "bm-essential" in hidden


def test_small_picture_is_a_plain_picture_without_buttons_or_area_outlines(study_pack, geometry):
    svg = referral_svg(geometry, study_pack.muscles["soleus"], "left")
    assert 'role="button"' not in svg and "bm-outline" not in svg


@pytest.mark.parametrize("muscle, views", [("soleus", ["Back"]), ("upper-trapezius", ["Back", "Right side"])])
def test_picture_shows_the_views_the_zone_is_on(study_pack, muscle, views, geometry):
    svg = referral_svg(geometry, study_pack.muscles[muscle])
    assert re.findall(r'class="bm-view-title"[^>]*>([\w ]+)<', svg) == views


def test_picture_can_show_chosen_views(study_pack, geometry):
    svg = referral_svg(geometry, study_pack.muscles["soleus"], views=("front", "back"))
    assert re.findall(r'class="bm-view-title"[^>]*>(\w+)<', svg) == ["Front", "Back"]


def test_cropped_picture_shows_only_the_band_around_the_zone(study_pack, geometry):
    trap = study_pack.muscles["upper-trapezius"]
    full = referral_svg(geometry, trap)
    crop = referral_svg(geometry, trap, crop=True)
    height = lambda svg: float(re.search(r'viewBox="0 [0-9.]+ [0-9.]+ ([0-9.]+)"', svg).group(1))  # noqa: E731
    assert height(crop) < height(full) / 2
    calf = referral_svg(geometry, study_pack.muscles["soleus"], views=("back",), crop=True)
    top = float(re.search(r'viewBox="0 ([0-9.]+) ', calf).group(1))
    assert top > 200 and ">Back</text>" in calf  # the view title is added to the cropped band


def test_look_alike_pairs_start_with_the_classic_mix_ups(study_pack):
    pairs = look_alike_pairs(study_pack)
    assert pairs[:3] == [("upper-trapezius", "levator-scapulae"), ("infraspinatus", "supraspinatus"),
                         ("gastrocnemius", "soleus")]  # gluteus minimus and piriformis are not in the pack
    assert len({frozenset(p) for p in pairs}) == len(pairs)


def test_real_content_offers_all_four_classic_pairs(content):
    pairs = look_alike_pairs(content)
    assert len(content.study.classic_look_alikes) == 4
    for pair in content.study.classic_look_alikes:
        assert pair in pairs


def test_compare_rows_put_shared_areas_first(study_pack, geometry):
    rows = compare_rows(study_pack, geometry, ["infraspinatus", "supraspinatus"])
    assert rows[0] == {"Area": "Side of the shoulder", "View": "front", "Infraspinatus": "spillover",
                       "Supraspinatus": "essential"}
    assert {r["Area"] for r in rows} >= {"Front of the shoulder", "Outer elbow (lateral epicondyle)"}


def drawn(pack, muscle_id: str):
    """The pack with `muscle_id` drawn as a spindle on the back of the neck."""
    muscle = pack.muscles[muscle_id].model_copy(update={"drawing": [
        MuscleShape(view="back", chain=[(96, 60, 2), (90, 80, 6), (80, 96, 5), (66, 104, 2)])]})
    return replace(pack, muscles={**pack.muscles, muscle_id: muscle}, by_region={})


def test_card_picture_is_the_muscle_on_its_close_up(study_pack, geometry):
    pack = drawn(study_pack, "levator-scapulae")
    svg, width = card_svg(pack, geometry, pack.muscles["levator-scapulae"], height=380, most=300)
    assert 120 <= width <= 300
    assert re.search(r'data-view="neck-(back|side|front)"', svg)
    assert re.search(r'class="bm-muscle bm-chosen"[^>]*data-muscle="levator-scapulae"', svg)  # filled
    assert 'data-zone="essential"' in svg and "data-trp" in svg
    assert 'role="button"' not in svg and "tabindex" not in svg  # a picture, nothing to press


def test_card_picture_has_no_shared_styles_or_ids(study_pack, geometry):
    """On the sheet many pictures sit inline in one page: no <style>, <pattern> or id to clash."""
    pack = drawn(study_pack, "levator-scapulae")
    svg, _ = card_svg(pack, geometry, pack.muscles["levator-scapulae"], inline=True)
    assert "<style" not in svg and "<pattern" not in svg and " id=" not in svg and "clip-path" not in svg
    assert 'data-muscle="levator-scapulae"' in svg and 'data-zone="essential"' in svg and "data-trp" in svg


def test_compare_shows_each_muscle_on_its_own_copy_of_one_close_up(study_pack, geometry):
    pairs = compare_closeups(study_pack, geometry, ["upper-trapezius", "levator-scapulae"], "left")
    assert [m.id for m, _ in pairs] == ["upper-trapezius", "levator-scapulae"]
    (_, a), (_, b) = pairs
    assert a.closeup == b.closeup and a.window == b.window and a.side == b.side == "left"
    assert a.chosen == "upper-trapezius" and b.chosen == "levator-scapulae"
    assert a.overlay != b.overlay  # each copy draws only its own muscle's pattern


def test_compare_across_regions_gives_each_muscle_its_region_close_up(study_pack, geometry):
    pairs = compare_closeups(study_pack, geometry, ["soleus", "infraspinatus"])
    assert [spec.closeup.split("-")[0] for _, spec in pairs] == ["leg", "shoulder"]


def test_region_sheet_is_complete_and_escaped(study_pack, geometry):
    html = region_sheet_html(study_pack, geometry, "neck")
    for m in study_pack.muscles_in("neck"):
        assert m.name in html and m.key_facts[0] in html
    assert "vertebral artery" in html and study_pack.safety.disclaimer in html
    assert html.count("<svg") == len(study_pack.muscles_in("neck"))
    assert html.count('data-view="neck-') == len(study_pack.muscles_in("neck"))  # the close-ups
    assert "<script" not in html and "<style>.bm" not in html
    assert "<pattern" not in html and " id=" not in html  # many pictures inline: nothing to clash


def test_region_sheet_escapes_content_text(study_pack, geometry):
    hostile = "<script>alert(1)</script>"
    region = study_pack.regions["neck"].model_copy(update={"name": hostile, "safety": ['<img src=x onerror="alert(2)">']})
    trap = study_pack.muscles["upper-trapezius"].model_copy(update={"name": hostile, "key_facts": ["a < b & <b>c</b>"]})
    content = replace(study_pack, regions={**study_pack.regions, "neck": region}, muscles={**study_pack.muscles, trap.id: trap})
    html = region_sheet_html(content, geometry, "neck")
    assert "<script" not in html and "<img" not in html and "<b>c</b>" not in html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;: study sheet</title>" in html
    assert "<li>a &lt; b &amp; &lt;b&gt;c&lt;/b&gt;</li>" in html


@pytest.mark.parametrize(("count", "asked", "expected"), [
    (45, 1, (list(range(20)), 1, 3)),
    (45, 3, (list(range(40, 45)), 3, 3)),
    (45, 9, (list(range(40, 45)), 3, 3)),  # past the end: the last page
    (45, 0, (list(range(20)), 1, 3)),
    (20, 2, (list(range(20)), 1, 1)),
    (0, 1, ([], 1, 1)),
])
def test_cards_come_a_page_at_a_time(count, asked, expected):
    assert page_of(range(count), asked, per_page=20) == expected
