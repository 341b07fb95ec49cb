"""Shared fixtures: the real content, a minimal content pack, and broken copies of it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bodymap.content import load_content  # noqa: E402
from bodymap.geometry import load_geometry  # noqa: E402

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


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
def pack(tmp_path: Path) -> Path:
    """A writable copy of the minimal content pack, for breaking on purpose."""
    target = tmp_path / "content"
    shutil.copytree(MINIMAL, target)
    return target
