"""The last press always wins (issue 15): the press rules of ui/body_map (`_mount`) and the
server setting they rely on, without a browser. tests/e2e/test_quick_presses_e2e.py presses
for real."""
from __future__ import annotations

import tomllib
from types import SimpleNamespace

import pytest

import ui.body_map as body_map
from tests.conftest import ROOT


class Rerun(Exception):
    pass


class Page:
    """Two components as the explorer has them (the muscle buttons and the map), with a
    session and callbacks as we understand Streamlit to keep them: trigger values set before
    the run, callbacks first, then the script, values reset after it. That order is an
    assumption of this fake, not checked here; test_quick_presses_e2e.py checks the real one."""

    def __init__(self, monkeypatch):
        self.session: dict = {}
        self.callbacks: dict = {}
        self.applied: list = []
        monkeypatch.setattr(body_map, "st", SimpleNamespace(session_state=self.session, rerun=self._rerun))

    def _rerun(self):
        raise Rerun

    def _component(self, trigger):
        def component(*, key, data, height, width, **callbacks):
            self.callbacks[key] = callbacks[f"on_{trigger}_change"]
            return SimpleNamespace(**{trigger: (self.session.get(key) or {}).get(trigger)})
        return component

    def run(self, presses: dict[str, tuple[str, str, float]], callback_order: list[str] | None = None):
        """One script run: the presses that reached it (key -> (trigger, value, at)) get their
        callbacks first, in `callback_order`, then the page mounts its components."""
        for key, (trigger, value, at) in presses.items():
            self.session[key] = {trigger: {"value": value, "at": at}}
        for key in callback_order or list(presses):
            self.callbacks[key]()
        shown = {key: body_map._mount(self._component(trigger), key, {}, trigger, self.applied.append, 100, "stretch")
                 for key, trigger in (("explorer_muscles", "choice"), ("explorer_map", "select"))}
        for key in presses:  # Streamlit resets trigger values after the run
            self.session[key] = {}
        return shown


@pytest.fixture
def page(monkeypatch):
    page = Page(monkeypatch)
    page.run({})  # the first run registers the callbacks
    return page


@pytest.mark.parametrize("callback_order", [["explorer_muscles", "explorer_map"], ["explorer_map", "explorer_muscles"]])
def test_of_two_presses_that_reach_one_run_the_newer_wins_whatever_the_callback_order(page, callback_order):
    presses = {"explorer_muscles": ("choice", "soleus", 1000.0), "explorer_map": ("select", "neck", 1040.0)}
    page.run(presses, callback_order)
    assert page.applied[-1] == "neck"


def test_presses_in_separate_runs_are_all_applied_in_turn(page):
    page.run({"explorer_map": ("select", "neck", 1000.0)})
    page.run({"explorer_muscles": ("choice", "soleus", 1100.0)})
    shown = page.run({"explorer_map": ("select", "calf", 1200.0)})
    assert page.applied == ["neck", "soleus", "calf"]
    assert shown["explorer_map"] == "calf"  # the page gets the value, not the time


def test_a_press_no_callback_applied_is_applied_and_the_page_drawn_again(page):
    # The first press after the page reconnected to a restarted server: the new session had
    # no callback for it yet, so it reaches the page's run without one.
    page.session["explorer_map"] = {"select": {"value": "calf", "at": 5000.0}}
    with pytest.raises(Rerun):
        page.run({}, [])
    assert page.applied == ["calf"]


def test_the_server_runs_one_script_run_at_a_time():
    # With fast reruns a newer press starts a run beside the old one; the old one could
    # write the first press back over the newer one (issue 15).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["fastReruns"] is False


def test_the_browser_keeps_pictures_longer_than_a_quick_press_takes():
    # With Streamlit's default (2 runs) a run finishing just after a quick second press could
    # drop a picture the press's run then referred to, and the page stopped answering (issue 26).
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["global"]["maxCachedMessageAge"] >= 100
