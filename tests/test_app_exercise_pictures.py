"""The explorer's exercise cards show each exercise's pictures (AppTest)."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def open_exercise(region: str, exercise_id: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["region"] = region
    at.run()
    at.session_state["region_tab_patient"] = "Exercises"
    at.session_state[f"exercise_{exercise_id}"] = True
    return at.run()


def picture_blocks(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if 'class="bx-ex"' in h.proto.body]


@pytest.mark.parametrize(("region", "exercise_id"), [("neck", "chin-nod"), ("calf", "eccentric-heel-drop")])
def test_an_open_exercise_card_shows_its_pictures_with_captions(content, region, exercise_id):
    at = open_exercise(region, exercise_id)
    assert not at.exception
    (block,) = picture_blocks(at)
    assert f'data-exercise="{exercise_id}"' in block
    frames = content.exercises[exercise_id].frames
    assert len(re.findall(r'<img src="data:image/svg\+xml;base64,', block)) == len(frames)
    assert all(f.caption in block for f in frames)
    assert "Play slowly" in block and "Pause" in block


def test_closed_cards_send_no_pictures():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["region"] = "neck"
    at.run()
    at.session_state["region_tab_patient"] = "Exercises"
    at.run()
    assert not at.exception
    assert picture_blocks(at) == []
