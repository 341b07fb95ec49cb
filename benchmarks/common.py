"""Shared by the benchmark scripts: start apps, launch Chromium, summarise timings.

Run the benchmarks from the project folder as modules, e.g. `python -m benchmarks.cold_start`.
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

# The same server, browser and waits as the browser tests.
from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, free_port, start_app, stop_app  # noqa: F401
from tests.e2e.support import wait_for_app as wait_idle  # noqa: F401


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def summary(name: str, times_ms: list[float], missed: int) -> dict[str, float]:
    row = {
        "median": statistics.median(times_ms) if times_ms else float("nan"),
        "p95": percentile(times_ms, 95) if times_ms else float("nan"),
        "missed": missed,
        "n": len(times_ms) + missed,
    }
    print(f"{name:<28} n={row['n']:<4} median={row['median']:7.1f} ms  p95={row['p95']:7.1f} ms  missed={missed}")
    return row


# A point (viewport pixels) where a press lands on the map target `g` itself: the map is
# inside a shadow root, so hit-test there. Largest shape first; a grid of candidates in
# its box, because a clipped or L-shaped area need not contain its box's centre.
_POINT_IN_TARGET_JS = """(g) => {
  const root = g.getRootNode();
  const want = g.dataset.target;
  const boxes = [...g.querySelectorAll('path')].map((p) => p.getBoundingClientRect())
    .sort((a, b) => b.width * b.height - a.width * a.height);
  const steps = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];
  for (const r of boxes) for (const fy of steps) for (const fx of steps) {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    const hit = root.elementFromPoint(x, y);
    const t = hit && hit.closest('[data-target]');
    if (t && t.dataset.target === want) return [x, y];
  }
  return null;
}"""


def point_in_target(page, target: str) -> tuple[float, float]:
    """Where to click so that the press reaches map target `target` (scrolled into view)."""
    g = page.locator(f"[data-target='{target}']")
    g.first.wait_for()
    g.first.scroll_into_view_if_needed()
    point = g.first.evaluate(_POINT_IN_TARGET_JS)
    if point is None:
        raise RuntimeError(f"no clickable point found on map target {target!r}")
    return tuple(point)


_ALL_SHOWN_JS = """(pairs) => pairs.every(([sel, want]) =>
  [...document.querySelectorAll(sel)].some((e) => e.textContent.trim() === want))"""


def timed_press(page, point, expect: list[tuple[str, str]], timeout_ms: int = 5000) -> tuple[float | None, float | None]:
    """Click `point` (or the point a callable returns), then time until every (selector,
    text) in `expect` is on the page ("shown") and until the script run has finished
    ("done": the whole page drawn). (None, None) if the text never shows (a missed click)."""
    if callable(point):
        point = point()
    start = time.perf_counter()
    page.mouse.click(*point)
    try:
        page.wait_for_function(_ALL_SHOWN_JS, arg=expect, polling="raf", timeout=timeout_ms)
        shown = (time.perf_counter() - start) * 1000
        page.wait_for_selector(IDLE, timeout=timeout_ms)
        return shown, (time.perf_counter() - start) * 1000
    except Exception:  # noqa: BLE001 - a timeout is a missed click
        return None, None
    finally:
        wait_idle(page)


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (VmRSS from /proc; psutil is not installed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def machine() -> str:
    import datetime as dt
    import os
    import platform

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} cores; Python {platform.python_version()}; "
            f"load average {load}")


class WireBytes:
    """Counts the bytes the server sends a page over its websocket (attach before goto)."""

    def __init__(self, page):
        self.total = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload) -> None:
        self.total += len(payload)

    def since(self, mark: int) -> int:
        return self.total - mark
