"""Cold start: from `streamlit run` to the body map visible in Chromium, against a one-line
Streamlit app (`st.write("hello")`) started the same way in the same run.

usage: python -m benchmarks.cold_start [--rounds 5] [--warmup 1] [--content DIR]

Each round starts app.py and the control as fresh server processes (alternating which
goes first) and opens each in a fresh browser context (no HTTP cache). Timed from
process start until, in Chromium, a region of the map (`[data-target]` inside the map
component) is visible, or the control's "hello" is. "server ready" is the part of that
until /_stcore/health first answers. Warm-up rounds (OS file cache, .pyc files) are run
first and not counted. Chromium itself is started once, before any timing. Requests
that would leave the machine (the page icon from Google's font CDN) are refused at once.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, machine, stop_app


CONTROL = ROOT / "benchmarks" / "hello_app.py"
NOT_LOOPBACK = re.compile(r"^(?!http://127\.0\.0\.1[:/])")


def launch(script: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str, float]:
    """Start `streamlit run` as the tests do; return it, its URL and the start time."""
    port = free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
         "--global.developmentMode", "false", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    return proc, f"http://127.0.0.1:{port}", start


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.02)
    raise RuntimeError(f"streamlit did not start:\n{stop_app(proc)}")


def one_start(browser, script: Path, env: dict[str, str], ready_selector: str) -> tuple[float, float]:
    """(seconds to server ready, seconds to the first view visible in the browser)."""
    proc, url, start = launch(script, env)
    try:
        wait_healthy(url, proc)
        ready = time.perf_counter() - start
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route(NOT_LOOPBACK, lambda route: route.abort())  # e.g. the favicon from Google's CDN
        page = context.new_page()
        page.goto(url)
        page.locator(ready_selector).first.wait_for(state="visible", timeout=60_000)
        shown = time.perf_counter() - start
        context.close()
    finally:
        log = stop_app(proc)
    if "Traceback" in log:
        raise RuntimeError(f"{script.name} logged an exception:\n{log}")
    return ready, shown


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--content", help="content folder (BODYMAP_CONTENT_DIR) for the app")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    env = {"BODYMAP_CONTENT_DIR": str(Path(args.content).resolve())} if args.content else {}
    sides = {
        "app": (ROOT / "app.py", env, "[data-target]"),
        "control": (CONTROL, {}, "[data-testid='stMarkdown'] p:text-is('hello')"),
    }
    times: dict[str, list[tuple[float, float]]] = {"app": [], "control": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for r in range(args.warmup + args.rounds):
            order = ("app", "control") if r % 2 == 0 else ("control", "app")
            for name in order:
                result = one_start(browser, *sides[name])
                if r >= args.warmup:
                    times[name].append(result)
                    print(f"  round {r - args.warmup + 1}: {name:<8} server ready {result[0]:5.2f} s, "
                          f"visible {result[1]:5.2f} s", flush=True)
        browser.close()

    print(machine())
    print(f"cold start, {args.rounds} rounds (+{args.warmup} warm-up); content: {args.content or 'shipped'}")
    med = {}
    for name, label in (("control", "control (st.write hello)"), ("app", "app.py: body map visible")):
        ready = statistics.median(t[0] for t in times[name])
        shown = statistics.median(t[1] for t in times[name])
        med[name] = (ready, shown)
        print(f"{label:<28} median: server ready {ready:5.2f} s, visible {shown:5.2f} s "
              f"(min {min(t[1] for t in times[name]):.2f}, max {max(t[1] for t in times[name]):.2f})")
    print(f"ratio app/control (visible, medians): {med['app'][1] / med['control'][1]:.2f}   "
          f"difference: {med['app'][1] - med['control'][1]:+.2f} s "
          f"(server ready {med['app'][0] - med['control'][0]:+.2f} s, first page {(med['app'][1] - med['app'][0]) - (med['control'][1] - med['control'][0]):+.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
