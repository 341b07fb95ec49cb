"""Shared by the benchmark scripts: start apps, launch Chromium, summarise timings.

Run the benchmarks from the project folder as modules, e.g. `python -m benchmarks.cold_start`.
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

# The same server, browser and waits as the browser tests.
from tests.e2e.dom import WALK_JS
from tests.e2e.support import (CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, free_port, point_in_target,  # noqa: F401
                                start_app, stop_app)
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
_INSTALL_CLOCK_JS = WALK_JS + """() => {
  if (window.__bmClock) return;
  const clock = window.__bmClock = { start: null, checks: {}, marks: {} };
  const holds = ([sel, text]) => {
    let found = false;
    walk(document, (r) => {
      found = found || [...r.querySelectorAll(sel)].some((e) => text === null || e.textContent.trim() === text);
    });
    return found;
  };
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
