"""The explorer page in Streamlit's AppTest: every region, muscle and audience renders."""
from __future__ import annotations

import shutil

import pytest

from bodymap.model import AUDIENCES
from tests.conftest import MINIMAL, open_page, shipped_content

def run(query: dict[str, str] | None = None, audience: str | None = None):
    return open_page(None, query, audience)  # the explorer is the default page


def text_of(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(h.value for h in at.header)


def test_landing_page_invites_a_tap():
    at = run()
    assert not at.exception
    assert at.title[0].value == "Body map"
    assert "Where would you like to start?" in [s.value for s in at.subheader]


def test_landing_page_says_it_is_not_medical_advice():
    at = run()
    assert at.caption and "not medical advice" in at.caption[0].value


def taking_turns(ids) -> list[tuple[str, str]]:
    """Each id once, with the audiences taking turns: every item and every audience renders
    at a third of the runs of every item x audience (the text for each audience is picked
    by the library, `for_audience`, tested on its own)."""
    return [(i, AUDIENCES[n % len(AUDIENCES)]) for n, i in enumerate(ids)]


@pytest.mark.parametrize(("region", "audience"), taking_turns(shipped_content().regions))
def test_every_region_renders(content, region, audience):
    region = content.regions[region]
    at = run({"region": region.id}, audience)
    assert not at.exception
    assert at.header[0].value == region.name
    assert region.overview.for_audience(audience).split(".")[0] in text_of(at)


@pytest.mark.slow  # a run of the app per muscle
@pytest.mark.parametrize(("muscle", "audience"), taking_turns(shipped_content().muscles))
def test_every_muscle_renders(content, muscle, audience):
    muscle = content.muscles[muscle]
    at = run({"muscle": muscle.id}, audience)
    assert not at.exception
    assert muscle.name in [s.value for s in at.subheader]
    assert muscle.summary.for_audience(audience).split(".")[0] in text_of(at)


def test_clinicians_see_needling_safety_and_patients_do_not(content):
    muscle = next(iter(content.muscles.values()))
    clinician = text_of(run({"muscle": muscle.id}, "clinician"))
    patient = text_of(run({"muscle": muscle.id}, "patient"))
    assert "**Needling safety.**" in clinician and "**Needling safety.**" not in patient


def test_patients_see_the_patient_summary(content):
    muscle = next(iter(content.muscles.values()))
    assert muscle.summary.patient.split(".")[0] in text_of(run({"muscle": muscle.id}, "patient"))


def test_disclaimer_wherever_a_muscle_is_suggested(content):
    muscle = next(iter(content.muscles.values()))
    at = run({"muscle": muscle.id})
    assert content.safety.disclaimer in [w.value for w in at.warning]


def test_red_flags_wherever_a_muscle_is_suggested(content):
    muscle = next(iter(content.muscles.values()))
    at = run({"muscle": muscle.id})
    red_flags = [e for e in at.expander if e.label.startswith("Red flags")]
    shown = "\n".join(m.value for m in red_flags[0].markdown) if red_flags else ""
    assert content.safety.general_red_flags[0].sign in shown


@pytest.mark.parametrize("region", ["neck", "shoulder", "elbow", "low-back", "calf"])
def test_a_region_shows_its_own_red_flags_under_what_to_do(content, region):
    from bodymap.model import URGENCY_LEVELS

    muscle = content.muscles_in(region)[0]
    at = run({"region": region, "muscle": muscle.id})
    blocks = [m.value for e in at.expander if e.label.startswith("Red flags") for m in e.markdown]
    heads = {f"**{level.label}:** {level.action}": level.id for level in URGENCY_LEVELS}
    under = {heads[b.split(" If you have:")[0]]: b for b in blocks if b.split(" If you have:")[0] in heads}
    assert list(under)[0] == "emergency"  # the most urgent group comes first
    for flag in content.regions[region].red_flags:
        assert flag.sign in under[flag.urgency], flag.sign


def test_a_press_kept_in_the_session_wins_over_the_url_the_app_wrote(content):
    # AppTest cannot press the map or the region row (Playwright does); a press lands in the
    # session through a callback, as here, and the URL the app wrote before must not undo it.
    from bodymap.links import ExplorerLink

    region = list(content.regions.values())[-1]
    at = run({"region": "neck"})
    at.session_state["explorer"] = ExplorerLink(region=region.id)
    at.run()
    assert at.header[0].value == region.name
    assert at.query_params["region"] == region.id


def test_a_link_the_app_did_not_write_replaces_the_view(content):
    at = run({"region": "neck"})
    at.query_params["muscle"] = "soleus"
    at.run()
    assert at.header[0].value == "Lower leg" and "Soleus" in [s.value for s in at.subheader]


@pytest.mark.parametrize(("query", "notice"), [
    ({"region": "<b>knee</b>"}, "the region “bkneeb…”"),
    ({"view": "sideways"}, "the view “sideways”"),
])
def test_unknown_link_values_get_a_gentle_notice_and_the_page_works(query, notice):
    at = run(query)
    assert not at.exception
    assert any(notice in i.value for i in at.info)
    assert at.title[0].value == "Body map"


@pytest.mark.parametrize("broken", ["regions/neck.yaml", "muscles/neck.yaml"])
def test_broken_content_shows_a_readable_error_page(tmp_path, monkeypatch, broken):
    pack = tmp_path / "content"
    shutil.copytree(MINIMAL, pack)
    (pack / broken).write_text("regions: [oops", encoding="utf-8")
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(pack))
    at = run()
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert f"content/{broken}: line" in at.code[0].value
    assert not at.header  # nothing half-loaded is shown
