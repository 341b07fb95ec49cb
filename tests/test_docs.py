"""The docs are checked against the code they describe (as datasette's test_docs.py does)."""
from __future__ import annotations

import re

from bodymap.geometry import VIEWS
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "content-guide.md"


def area_lines(geometry) -> list[str]:
    """The content guide's area list as it should read, one line per view."""
    return [
        f"- **{view} view**: " + ", ".join(
            f"`{area}` ({label})" for area, (label, area_view) in geometry.base_areas.items() if area_view == view)
        for view in (*VIEWS, "side")
    ]


def test_content_guide_lists_every_area_of_the_geometry(geometry):
    written = [line for line in GUIDE.read_text(encoding="utf-8").splitlines()
               if re.match(r"- \*\*\w+ view\*\*: ", line)]
    expected = area_lines(geometry)
    assert written == expected, "docs/content-guide.md's area list is out of date; it should read:\n" + "\n".join(expected)
