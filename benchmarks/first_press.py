"""The first press after a restart against a normal press in the same run, with and without
the warm start.

usage: python -m benchmarks.first_press [--rounds 3]

Each round, for `serve.py` (the warm start) and then `app.py` (no warm start, the control):
start the server, open the explorer on the neck in Chromium and press two other regions
(normal presses, each timed from the click until the page's heading names the region); then
SIGKILL the server, start it again on the same port, wait until the page has reconnected by
itself and a second more (as a user would glance at the screen), and press a third region:
the first press after the restart. Printed: medians, and the ratio of the first press to a
normal one (goal: at most 1.5 with the warm start).
"""
from __future__ import annotations

import argparse
import os
import signal
import statistics
import time

from playwright.sync_api import expect, sync_playwright

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, machine, start_app, stop_app
from bodymap.content import content_dir, load_content

NAMES = {r.id: r.name for r in load_content(content_dir()).regions.values()}


def press(page, region: str) -> float:
    began = time.perf_counter()
    page.locator(f"[data-choice='{region}']").first.click()
    expect(page.locator("[data-testid='stMain'] h2").first).to_have_text(NAMES[region], timeout=60_000)
    return time.perf_counter() - began


def one_round(browser, script: str) -> tuple[list[float], float]:
    port = free_port()
    proc, _ = start_app(ROOT / script, port=port)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(f"http://127.0.0.1:{port}/?region=neck")
        expect(page.locator("[data-testid='stMain'] h2").first).to_have_text(NAMES["neck"], timeout=60_000)
        normal = [press(page, "calf"), press(page, "elbow")]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc, _ = start_app(ROOT / script, port=port)
        page.wait_for_timeout(500)
        expect(page.get_by_test_id("stStatusWidget").filter(has_text="onnecting")).to_have_count(0, timeout=60_000)
        page.wait_for_timeout(1000)
        first = press(page, "shoulder")
        return normal, first
    finally:
        page.close()
        stop_app(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = {}
        for script in ("serve.py", "app.py"):
            normal: list[float] = []
            first: list[float] = []
            for _ in range(args.rounds):
                n, f = one_round(browser, script)
                normal += n
                first.append(f)
            results[script] = (statistics.median(normal), statistics.median(first))
            print(f"{script:<9} normal press median {results[script][0]:.2f} s (n={len(normal)}), "
                  f"first press after restart median {results[script][1]:.2f} s (n={len(first)}: "
                  + ", ".join(f"{x:.2f}" for x in first) + f"), ratio {results[script][1] / results[script][0]:.2f}")
        browser.close()


if __name__ == "__main__":
    main()
