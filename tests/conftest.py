"""Shared fixtures: the real content, a minimal content pack, and broken copies of it."""
from __future__ import annotations

import functools
import shutil
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


@functools.cache
def shipped_content():
    return load_content(ROOT / "data")


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
