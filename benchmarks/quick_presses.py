"""Quick pairs of region presses: how many end on the second region, with the app's settings
against Streamlit's default message cache in the same run.

usage: python -m benchmarks.quick_presses [--pairs 300] [--only app|control]

For each server (the app as configured, then the control: the same app with
`global.maxCachedMessageAge` at Streamlit's default of 2), open the explorer in Chromium and
press two random regions on the map with no wait between them, `--pairs` times; after each
pair, wait (up to 10 s) until the heading and the address show the second region. A pair that
does not get there is lost. If the page shows Streamlit's "Connection error" (a "Cached
ForwardMsg MISS": the server referred to a picture the browser had already dropped), the page
answers nothing more, so it is counted as a lost session and a new page is opened.
Printed: pairs, pairs lost, sessions lost, for each server (issue 26). `Pairs` is shared with
benchmarks/soak.py.
"""
from __future__ import annotations

import argparse
import random
import re
import time

from playwright.sync_api import expect, sync_playwright

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ROOT, machine, start_app, stop_app
from bodymap.content import content_dir, load_content

NAMES = {r.id: r.name for r in load_content(content_dir()).regions.values()}
SERVERS = {"app": {}, "control": {"STREAMLIT_GLOBAL_MAX_CACHED_MESSAGE_AGE": "2"}}


def open_explorer(page, url: str) -> None:
    page.goto(url + "/")
    page.locator("[data-choice='neck']").wait_for()


class Pairs:
    """Quick pairs on one page, with what the page did when a pair was lost."""

    def __init__(self, browser, url: str, rng: random.Random):
        self.browser, self.url, self.rng = browser, url, rng
        self.times: list[tuple[float, float]] = []  # (when, seconds the pair took)
        self.lost = self.stalled = self.sessions_lost = self.connecting = 0
        self.page = None
        self.frames_sent = 0

    def open(self) -> None:
        if self.page:
            self.page.close()
        self.page = self.browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("websocket", lambda ws: ws.on("framesent", self._sent))
        open_explorer(self.page, self.url)

    def _sent(self, _frame) -> None:
        self.frames_sent += 1

    def pair(self) -> None:
        first, second = self.rng.sample(list(NAMES), 2)
        sent_before, started = self.frames_sent, time.monotonic()
        self.page.locator(f"[data-target='{first}']").first.dispatch_event("click")
        self.page.locator(f"[data-target='{second}']").first.dispatch_event("click")
        try:
            expect(self.page.locator("[data-testid='stMain'] h2").first).to_have_text(NAMES[second], timeout=10_000)
            expect(self.page).to_have_url(re.compile(rf"[?&]region={second}(&|$)"), timeout=10_000)
        except AssertionError:
            self.lost += 1
            self.stalled += self.frames_sent == sent_before
            self.sessions_lost += bool(self.page.get_by_text("Cached ForwardMsg MISS").count())
            self.connecting += bool(self.page.get_by_test_id("stStatusWidget")
                                    .filter(has_text=re.compile("connecting", re.I)).count())
            self.open()
            return
        self.times.append((started, time.monotonic() - started))

    def close(self) -> None:
        if self.page:
            self.page.close()


def run(browser, name: str, pairs: int, seed: int) -> tuple[int, int]:
    proc, url = start_app(ROOT / "app.py", env=SERVERS[name])
    quick = Pairs(browser, url, random.Random(seed))
    try:
        quick.open()
        for _ in range(pairs):
            quick.pair()
    finally:
        quick.close()
        stop_app(proc)
    print(f"{name:<8} pairs={pairs:<5} lost={quick.lost:<4} sessions lost (MISS)={quick.sessions_lost}", flush=True)
    return quick.lost, quick.sessions_lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--only", choices=sorted(SERVERS))
    parser.add_argument("--seed", type=int, default=26)
    args = parser.parse_args()
    print(machine())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in [args.only] if args.only else SERVERS:
            run(browser, name, args.pairs, args.seed)
        browser.close()


if __name__ == "__main__":
    main()
