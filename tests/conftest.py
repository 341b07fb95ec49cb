"""Shared fixtures: the real content, a minimal content pack, and broken copies of it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bodymap.content import load_content
from bodymap.geometry import load_geometry

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
STUDY_PACK = ROOT / "tests" / "fixtures" / "study_pack"


def open_page(path: str, query: dict[str, str] | None = None, audience: str | None = None):
    """Run app.py in AppTest, switch to `path`, then apply `query` (set after the first run,
    because the explorer writes its own URL on that run) and run again."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if audience:
        at.session_state["audience"] = audience
    at.run()
    at.switch_page(path)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture(scope="session")
def content():
    return load_content(ROOT / "data")


@pytest.fixture(scope="session")
def minimal():
    return load_content(MINIMAL)


@pytest.fixture(scope="session")
def geometry():
    return load_geometry()


@pytest.fixture
def pack_env(monkeypatch):
    """Point the app at the small study pack (3 regions, 7 muscles)."""
    monkeypatch.setenv("BODYMAP_CONTENT_DIR", str(STUDY_PACK))


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A writable copy of the minimal content pack, for breaking on purpose."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    return target
