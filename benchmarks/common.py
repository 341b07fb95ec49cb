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


# In-page timing: from the press's pointerdown (its event time) to the first animation frame
# on which each check holds, so Playwright's own round trips are not in the figure. A check
# is [selector, text]: an element (document or any open shadow root) matching the selector,
# whose text is `text` (null: any text).
_INSTALL_CLOCK_JS = """() => {
  if (window.__bmClock) return;
  const clock = window.__bmClock = { start: null, checks: {}, marks: {} };
  const roots = () => {
    const found = [document];
    document.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) found.push(el.shadowRoot); });
    return found;
  };
  const holds = ([sel, text]) => roots().some((r) => [...r.querySelectorAll(sel)].some(
    (e) => text === null || e.textContent.trim() === text));
  window.addEventListener('pointerdown', (e) => { clock.start = e.timeStamp; clock.marks = {}; }, true);
  const tick = () => {
    if (clock.start !== null) {
      for (const [name, check] of Object.entries(clock.checks)) {
        if (!(name in clock.marks) && holds(check)) clock.marks[name] = performance.now() - clock.start;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def clocked_press(page, point, checks: dict[str, tuple[str, str | None]],
                  timeout_ms: int = 5000) -> dict[str, float | None]:
    """Press `point` (or what a callable returns) and return, per named check, the ms from the
    press until the check first held in the page (None: not within `timeout_ms`), and "done":
    until the script run finished (timed from Python, so it includes Playwright's round trips)."""
    page.evaluate(_INSTALL_CLOCK_JS)
    if callable(point):
        point = point()
    page.evaluate("(checks) => { window.__bmClock.checks = checks; window.__bmClock.start = null; }",
                  {k: list(v) for k, v in checks.items()})
    start = time.perf_counter()
    page.mouse.click(*point)
    marks: dict[str, float | None] = dict.fromkeys(checks)
    try:
        page.wait_for_function("(n) => Object.keys(window.__bmClock.marks).length >= n", arg=len(checks),
                               polling="raf", timeout=timeout_ms)
        page.wait_for_selector(IDLE, timeout=timeout_ms)
        marks.update(page.evaluate("() => window.__bmClock.marks"))
        marks["done"] = (time.perf_counter() - start) * 1000
    except Exception:  # noqa: BLE001 - a timeout is a missed press
        marks.update(page.evaluate("() => window.__bmClock.marks"))
        marks["done"] = None
    finally:
        wait_idle(page)
    return marks
