"""A warm start: what a first page needs, built when the server starts instead of on the
first press after a restart (which otherwise waits several seconds behind it).

serve.py runs `warm_up` once, before the server takes its first request. It uses the very
caches the pages use (the content through `ui.common`'s shared resource, the close-ups and the
whole-body map through the library's caches), so the pages find it all built. Anything that
fails here is left for the page to report as usual.
"""
from __future__ import annotations

import logging
import time

from bodymap.content import ContentErrors, content_dir
from bodymap.link_secret import LinkSecretError, installation_secret

log = logging.getLogger(__name__)
# Streamlit's logger for a cache used outside any session, which the warm-up does on purpose.
SESSION_LOG = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")


def _no_session_warning(record: logging.LogRecord) -> bool:
    return "missing ScriptRunContext" not in record.getMessage()


def warm_up() -> float:
    """Load and draw what the first pages show; the seconds it took. Streamlit's warning that
    its caches are used outside a session is kept out of the log while it runs: it is noise."""
    SESSION_LOG.addFilter(_no_session_warning)
    try:
        return _warm_up()
    finally:
        SESSION_LOG.removeFilter(_no_session_warning)


def _warm_up() -> float:
    start = time.perf_counter()
    # The pages' own modules: importing them is part of a first run too.
    import ui.body_map  # noqa: F401
    import ui.exercise_pictures  # noqa: F401
    import ui.panels  # noqa: F401
    from bodymap.render.body_svg import MapSpec, cached_map
    from bodymap.render.closeup_svg import live_closeups
    from ui.common import _load

    try:
        content, geometry = _load(str(content_dir()))
        installation_secret()
    except (ContentErrors, LinkSecretError, OSError) as exc:
        log.warning("Warm start skipped (the page will say what is wrong): %s", str(exc)[:300])
        return time.perf_counter() - start
    regions = content.regions.values()
    # The explorer's whole body, as views/explorer.py asks for it.
    cached_map(geometry, MapSpec(regions=tuple((r.id, r.name, tuple(r.button_areas)) for r in regions),
                                 title="Body map: press a region to see its muscles"))
    for region in regions:
        closeups = [c for c in region.closeups if c in geometry.closeups]
        if closeups:
            for side in ("right", "left"):
                live_closeups(geometry, closeups, content.muscles_in(region.id), side).data  # noqa: B018
    return time.perf_counter() - start
