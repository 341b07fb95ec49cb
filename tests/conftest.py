"""Shared fixtures (the real content, the small study pack, a minimal pack and broken copies
of it) and the test tiers.

Tiers, each marked here automatically from what a test does (so a new test lands in the
right one without anyone remembering a decorator):
- `app`: runs app.py in AppTest (it calls `open_page` or `AppTest`, itself or through a
  helper or fixture of its module);
- `pdf`: builds a PDF or lays out a whole handout (`build_handout`, `render_plan`,
  `layout_fit`, `FPDF`);
- `cli`: starts a process (`subprocess`): the command line, the content check, ruff;
- `e2e`: everything under tests/e2e (a real server and Chromium);
- `slow`: marked by hand, minutes (the URL fuzz, every muscle x audience).
What is left is the library tier: `bash scripts/test.sh --fast`.
"""
from __future__ import annotations

import functools
import inspect
import shutil
import types
from pathlib import Path

import pytest

from bodymap.content import load_content
from bodymap.geometry import load_geometry

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
STUDY_PACK = ROOT / "tests" / "fixtures" / "study_pack"


def open_page(path: str | None = None, query: dict[str, str] | None = None, audience: str | None = None):
    """Run app.py in AppTest on page `path` (None: the default page, the explorer) with
    `query` in the URL. Another page is switched to after a first run and `query` set
    after it, because the explorer writes its own URL on that run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if audience:
        at.session_state["audience"] = audience
    if path is not None:
        at.run()
        at.switch_page(path)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def plan_query(region: str | None = None, muscles=(), exercises=(), dosages=(), side: str = "right") -> dict:
    """The query of a plan link as the app writes it: signed with this installation's secret."""
    from bodymap.links import PlanLink

    return PlanLink(region, tuple(muscles), side, tuple(exercises), tuple(dosages)).signed().to_query()


@functools.cache
def shipped_content():
    return load_content(ROOT / "data")


TIER_CALLS = {
    "app": {"AppTest", "open_page", "open_app_page"},
    "pdf": {"build_handout", "render_plan", "layout_fit", "FPDF"},
    "cli": {"subprocess"},
}


def _names(code: types.CodeType) -> set[str]:
    """Every global or attribute name a function's code (and the code nested in it) uses."""
    found = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found |= _names(const)
    return found


@functools.cache
def _tiers(func) -> frozenset[str]:
    """The tiers a test function (or fixture, or helper) belongs to, following the helpers
    it calls in the test modules."""
    func = inspect.unwrap(func)
    code = getattr(func, "__code__", None)
    if code is None:
        return frozenset()
    names = _names(code)
    tiers = {tier for tier, calls in TIER_CALLS.items() if names & calls}
    scope = getattr(func, "__globals__", {})
    for name in names:
        helper = scope.get(name)
        if (helper is not func and isinstance(helper, types.FunctionType)
                and helper.__module__.startswith("tests.") and helper.__code__ is not code):
            tiers |= _tiers(helper)
    return frozenset(tiers)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in item.nodeid or item.nodeid.startswith("e2e/"):
            item.add_marker("e2e")
            continue
        tiers = set(_tiers(item.function)) if hasattr(item, "function") else set()
        for name in item.fixturenames:
            for fixturedef in item._fixtureinfo.name2fixturedefs.get(name, ()):
                tiers |= _tiers(fixturedef.func)
        for tier in sorted(tiers):
            item.add_marker(tier)


def pytest_generate_tests(metafunc):
    """A test that takes `region_id`, `muscle_id` or `topic_id` runs once per item of the
    shipped content, so a new muscle is tested without editing a test (and one failure
    does not hide the others)."""
    for name, items in (("region_id", "regions"), ("muscle_id", "muscles"), ("topic_id", "topics")):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, list(getattr(shipped_content(), items)))


@pytest.fixture(scope="session")
def content():
    return shipped_content()


@pytest.fixture(scope="session")
def minimal():
    return load_content(MINIMAL)


@pytest.fixture(scope="session")
def geometry():
    return load_geometry()


@pytest.fixture(scope="session")
def study_pack():
    """The small study pack (3 regions, 7 muscles), loaded once: a Content, not to be changed."""
    return load_content(STUDY_PACK)


@pytest.fixture
def pack_env(monkeypatch):
    """Point the app at the small study pack (3 regions, 7 muscles)."""
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(STUDY_PACK))


@pytest.fixture
def broken_pack_dir(tmp_path: Path) -> Path:
    """A writable copy of the minimal content pack, for breaking on purpose."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    return target
