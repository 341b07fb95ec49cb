"""The explorer page in Streamlit's AppTest: every region, muscle and audience renders."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MINIMAL, ROOT

APP = str(ROOT / "app.py")


def run(query: dict[str, str] | None = None, audience: str | None = None, content_dir=None, monkeypatch=None):
    if content_dir is not None:
        monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(content_dir))
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if audience:
        at.session_state["audience"] = audience
    return at.run()


def text_of(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(h.value for h in at.header)


def test_landing_page_invites_a_tap():
    at = run()
    assert not at.exception
    assert at.title[0].value == "Body map"
    assert "Where would you like to start?" in [s.value for s in at.subheader]
    assert at.caption and "not medical advice" in at.caption[0].value


def test_every_region_muscle_and_audience_renders(content):
    for region in content.regions.values():
        for audience in ("patient", "clinician", "student"):
            at = run({"region": region.id}, audience)
            assert not at.exception, (region.id, audience)
            assert at.header[0].value == region.name
            assert region.overview.for_audience(audience).split(".")[0] in text_of(at)
            for muscle in content.muscles_in(region.id):
                at = run({"muscle": muscle.id}, audience)
                assert not at.exception, (muscle.id, audience)
                assert muscle.name in [s.value for s in at.subheader]
                assert muscle.summary.for_audience(audience).split(".")[0] in text_of(at)


def test_audience_changes_what_is_shown(content):
    muscle = next(iter(content.muscles.values()))
    clinician = text_of(run({"muscle": muscle.id}, "clinician"))
    patient = text_of(run({"muscle": muscle.id}, "patient"))
    assert "**Needling safety.**" in clinician and "**Needling safety.**" not in patient
    assert muscle.summary.patient.split(".")[0] in patient


def test_red_flags_and_disclaimer_wherever_a_muscle_is_suggested(content):
    muscle = next(iter(content.muscles.values()))
    at = run({"muscle": muscle.id})
    assert content.safety.disclaimer in [w.value for w in at.warning]
    red_flags = [e for e in at.expander if e.label.startswith("Red flags")]
    assert red_flags and content.safety.red_flags[0] in "\n".join(m.value for m in red_flags[0].markdown)


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
    assert at.header[0].value == "Calf" and "Soleus" in [s.value for s in at.subheader]


def test_unknown_link_values_get_a_gentle_notice_and_the_page_works():
    at = run({"region": "<b>knee</b>", "view": "sideways"})
    assert not at.exception
    notices = [i.value for i in at.info]
    assert any("the region “bkneeb…”" in n for n in notices)
    assert any("the view “sideways”" in n for n in notices)
    assert at.title[0].value == "Body map"


@pytest.mark.parametrize("broken", ["regions/neck.yaml", "muscles/neck.yaml"])
def test_broken_content_shows_a_readable_error_page(tmp_path, monkeypatch, broken):
    import shutil

    pack = tmp_path / "content"
    shutil.copytree(MINIMAL, pack)
    (pack / broken).write_text("regions: [oops", encoding="utf-8")
    at = run(content_dir=pack, monkeypatch=monkeypatch)
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert f"content/{broken}: line" in at.code[0].value
    assert not at.header  # nothing half-loaded is shown
