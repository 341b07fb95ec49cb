"""Shared by the benchmark scripts: start apps, launch Chromium, summarise timings."""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402,F401


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


def wait_idle(page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=20_000)
