"""The warm start builds, before any page asks, the very objects the first pages use."""
from __future__ import annotations

from bodymap.render import closeup_svg
from bodymap.content import content_dir


def test_warm_up_fills_the_caches_the_pages_read():
    from ui.common import _load
    from ui.warm import warm_up

    warm_up()
    content, geometry = _load(str(content_dir()))
    built = closeup_svg._LIVE[geometry]
    for region in content.regions.values():
        closeups = [c for c in region.closeups if c in geometry.closeups]
        for side in ("right", "left"):
            before = len(built)
            live = closeup_svg.live_closeups(geometry, closeups, content.muscles_in(region.id), side)
            assert len(built) == before, f"{region.id} ({side}) was built again, not found warm"
            assert "data" in vars(live), "its browser data is built too"
