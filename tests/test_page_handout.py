"""The handout page in Streamlit's AppTest: choices, checks, preview and the download button."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_text import svg_pictures
from tests.conftest import ROOT

PAGE = str(ROOT / "views" / "handout.py")


def run(query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def download(at: AppTest):
    buttons = at.get("download_button")
    assert len(buttons) == 1
    return buttons[0].proto


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption])


def test_renders_without_query_params(content):
    at = run()
    assert not at.exception
    assert at.title[0].value == "Patient handout"
    assert at.selectbox(key="handout_region").value == next(iter(content.regions))
    button = download(at)
    assert button.label == "Download the handout (PDF)" and not button.disabled
    assert any("Nothing about the patient is stored" in i.value for i in at.info)
    assert content.safety.disclaimer in [w.value for w in at.warning]


def test_query_params_prefill_region_and_muscle(content):
    region = list(content.regions.values())[-1]
    muscle = content.muscles_in(region.id)[0]
    at = run({"region": region.id, "muscle": muscle.id, "side": "left"})
    assert not at.exception
    assert at.selectbox(key="handout_region").value == region.id
    assert at.multiselect(key=f"handout_muscles_{region.id}").value == [muscle.id]
    assert not download(at).disabled
    shown = texts(at)
    assert f"**{muscle.name}.**" in shown
    assert "side=left" in "\n".join(c.value for c in at.code)


def test_a_muscle_alone_picks_its_region(content):
    muscle = list(content.muscles.values())[-1]
    at = run({"muscle": muscle.id})
    assert not at.exception
    assert at.selectbox(key="handout_region").value == muscle.region


def test_unknown_query_values_are_ignored_with_a_note():
    at = run({"region": "<script>x</script>", "muscle": "nope"})
    assert not at.exception
    notes = "\n".join(i.value for i in at.info)
    assert "ignored" in notes and "<script>" not in notes


def test_every_region_renders(content):
    for region in content.regions:
        at = run({"region": region})
        assert not at.exception, region
        assert not download(at).disabled, region


def test_no_exercise_ticked_disables_download_with_a_message(content):
    at = run()
    for box in at.checkbox:
        box.uncheck()
    at.run()
    assert not at.exception
    assert download(at).disabled
    assert any("at least 1 exercise" in e.value for e in at.error)


def test_note_is_previewed_as_typed(content):
    at = run()
    at.text_area(key="handout_note").input("Call me <script>alert(1)</script> **not bold**").run()
    assert not at.exception
    assert "Call me <script>alert(1)</script> **not bold**" in [t.value for t in at.text]
    assert not download(at).disabled


@pytest.mark.parametrize("note, named", [("ring\x07bell", "U+0007"), ("thumbs 👍", "U+1F44D")])
def test_unprintable_note_is_refused_by_name(note, named):
    at = run()
    at.text_area(key="handout_note").input(note).run()
    assert not at.exception
    assert download(at).disabled
    assert any(named in e.value for e in at.error)


def test_edited_dosage_shows_in_the_preview(content):
    region = next(iter(content.regions.values()))
    at = run({"region": region.id})
    eid = region.exercises[0]
    at.checkbox(key=f"handout_dose_{eid}_own").check().run()
    at.number_input(key=f"handout_dose_{eid}_sets").set_value(3).run()
    at.number_input(key=f"handout_dose_{eid}_hold").set_value(20).run()
    assert not at.exception
    assert "3 sets of 10. Hold each one for 20 seconds. Do this once a day, every day." in [t.value for t in at.text]
    assert "(your dosage)" in texts(at)


def test_too_long_note_stays_in_the_box_with_the_limit():
    """A pasted note over the limit is kept as typed and refused with a message naming the limit."""
    note = "Walk every day. " * 100  # 1,600 characters
    at = run()
    at.text_area(key="handout_note").input(note).run()
    assert not at.exception
    assert at.text_area(key="handout_note").value == note
    assert download(at).disabled
    near_the_box = at.columns[0].error  # shown beside the note, not only in the preview
    assert any("1,599 characters" in e.value and "the limit is 1,000" in e.value for e in near_the_box)


def test_line_and_paragraph_separators_are_named_like_other_control_characters():
    """Pasted from a word processor, they are invisible: the note says so and names them."""
    at = run()
    at.text_area(key="handout_note").input("Walk daily.\u2028Stretch after.\u2029Call me Monday.").run()
    assert not at.exception
    assert download(at).disabled
    assert any("U+2028" in e.value and "U+2029" in e.value and "control codes" in e.value for e in at.error)


def test_the_printed_link_opens_the_patients_plan_with_the_ticked_exercises(content, monkeypatch):
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example")
    region = next(iter(content.regions.values()))
    at = run({"region": region.id})
    link = at.code[-1].value
    assert link.startswith(f"https://clinic.example/plan?region={region.id}")
    assert f"ex={'%2C'.join(region.exercises[:2])}" in link and "audience=patient" in link
    assert not any("only opens on this computer" in w.value for w in at.warning)


def test_a_link_for_this_computer_only_is_flagged(monkeypatch):
    monkeypatch.delenv("BODYMAP_BASE_URL", raising=False)
    at = run()
    assert any("only opens on this computer" in w.value for w in at.warning)


def test_preview_shows_the_close_ups_the_pdf_prints(content):
    import re

    from bodymap.render.closeup_svg import best_view

    muscle = content.muscles["supinator"]
    region = content.regions[muscle.region]
    at = run({"region": region.id, "muscle": muscle.id})
    assert not at.exception
    pictures = svg_pictures(at)
    assert pictures, "the body picture is shown"
    svgs = [svg for _, svg in pictures]
    views = [re.search(r'data-view="([^"]+)"', svg).group(1) for svg in svgs]
    assert views and set(views) <= set(region.closeups), views  # the region's close-ups, not the whole body
    assert all('data-zone="essential"' in svg or "data-trp" in svg for svg in svgs[:1])
    labels = [alt for alt, _ in pictures]
    first = content.geometry.closeups[best_view(content.geometry, region.closeups, muscle, "right")].label
    assert any(text.startswith(first) and muscle.name in text for text in labels), labels  # as the explorer opens it


def test_the_preview_numbers_the_muscles_as_the_picture_does(content):
    region = content.regions["neck"]
    first, second = content.muscles_in(region.id)[:2]
    at = run({"region": region.id, "muscle": f"{first.id},{second.id}"})
    assert not at.exception
    shown = texts(at)
    assert f"**1. {first.name}.**" in shown and f"**2. {second.name}.**" in shown


def test_a_prescription_from_share_is_ticked_dosed_and_printed_the_same(content, monkeypatch):
    """One prescription: the handout opened from the explorer after Share ticks the same
    exercises (one from another region too), sets the same dosage, and its printed plan link
    carries both; its own address keeps them for a reload."""
    from urllib.parse import parse_qs, urlsplit

    monkeypatch.setenv("BODYMAP_BASE_URL", "https://clinic.example")
    calf = content.regions["calf"]
    chosen = [calf.exercises[2], calf.exercises[0], "chin-nod"]
    at = run({"region": "calf", "muscle": "soleus", "ex": ",".join(chosen), "dose": f"{calf.exercises[0]}:3x12h5d2w6"})
    assert not at.exception
    ticked = [eid for eid in calf.exercises if at.checkbox(key=f"handout_ex_{eid}").value]
    assert ticked == [calf.exercises[0], calf.exercises[2]]
    assert at.multiselect(key="handout_extra_calf").value == ["chin-nod"]
    assert at.checkbox(key=f"handout_dose_{calf.exercises[0]}_own").value
    assert "3 sets of 12. Hold each one for 5 seconds. Do this twice a day, on 6 days of the week." in [
        t.value for t in at.text]
    printed = parse_qs(urlsplit(at.code[-1].value).query)
    assert sorted(printed["ex"][0].split(",")) == sorted(chosen)
    assert printed["dose"] == [f"{calf.exercises[0]}:3x12h5d2w6"] and "sig" in printed
    assert sorted(at.query_params["ex"].split(",")) == sorted(chosen)
