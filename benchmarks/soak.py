"""The stalled page of issue 22 (item 5), looked for on a server that has been up a long time.

usage: python -m benchmarks.soak [--minutes 30] [--busy 2] [--fresh-pairs 20]

One server (`serve.py`, as the README and the replicas start it) serves quick pairs of map
presses for `--minutes`, from a page that is opened again every 50 pairs (a new session, as a
stream of patients would bring), while `--busy` processes keep the CPU busy beside it. Then,
on that server, four new pages each press `--fresh-pairs` quick pairs; and the same on a
server started just now, the control, in the same run. A pair is two presses on two random
regions with no wait between them; it is lost when the heading and the address do not show
the second region within 10 s. For a lost pair the script notes whether the page sent any
websocket frame after the presses (the reviewer's stalled page sent none), whether Streamlit
showed "Connection error" ("Cached ForwardMsg MISS", issue 26) and whether its status said
it was connecting. Printed: pairs, lost, stalled, lost sessions, the time a pair took (median
and 95th percentile) in the first and last five minutes of the soak and on both servers'
new pages, and the server's memory at start and end.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import time

from playwright.sync_api import sync_playwright

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ROOT, machine, percentile, rss_kib, start_app, stop_app
from benchmarks.quick_presses import Pairs

PAIRS_PER_PAGE = 50


def spin() -> None:
    while True:
        pass


def seconds(times: list[float]) -> str:
    if not times:
        return "no pairs"
    return f"median {statistics.median(times):.2f} s, p95 {percentile(times, 95):.2f} s"


def new_pages(browser, url: str, pairs: int, seed: int) -> Pairs:
    run = Pairs(browser, url, random.Random(seed))
    for _ in range(4):
        run.open()
        for _ in range(pairs):
            run.pair()
    run.close()
    return run


def report(name: str, run: Pairs, pairs: int) -> None:
    print(f"{name:<34} pairs={pairs:<5} lost={run.lost:<3} stalled (no frame sent)={run.stalled:<3} "
          f"sessions lost (MISS)={run.sessions_lost:<3} connecting={run.connecting}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--busy", type=int, default=2, help="processes spinning beside the server")
    parser.add_argument("--fresh-pairs", type=int, default=20, help="pairs on each of four new pages")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    print(machine())
    spinners = [multiprocessing.Process(target=spin, daemon=True) for _ in range(args.busy)]
    for spinner in spinners:
        spinner.start()
    proc, url = start_app(ROOT / "serve.py")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            rss_start = rss_kib(proc.pid)
            soak, pairs, began = Pairs(browser, url, random.Random(args.seed)), 0, time.monotonic()
            while time.monotonic() - began < args.minutes * 60:
                if pairs % PAIRS_PER_PAGE == 0:
                    soak.open()
                soak.pair()
                pairs += 1
            soak.close()
            up = (time.monotonic() - began) / 60
            early = [s for t, s in soak.times if t - began < 300]
            late = [s for t, s in soak.times if t - began > up * 60 - 300]
            report(f"soak, {up:.0f} min", soak, pairs)
            print(f"  pair time, first 5 min: {seconds(early)}; last 5 min: {seconds(late)}")
            rss_end = rss_kib(proc.pid)
            soaked = new_pages(browser, url, args.fresh_pairs, args.seed + 1)
            report(f"new pages, server up {up:.0f} min", soaked, 4 * args.fresh_pairs)
            control, control_url = start_app(ROOT / "serve.py")
            try:
                fresh = new_pages(browser, control_url, args.fresh_pairs, args.seed + 1)
            finally:
                stop_app(control)
            report("new pages, server started now", fresh, 4 * args.fresh_pairs)
            up_times, fresh_times = [s for _, s in soaked.times], [s for _, s in fresh.times]
            print(f"  pair time, server up {up:.0f} min: {seconds(up_times)}; started now: {seconds(fresh_times)}"
                  + (f"; ratio of medians {statistics.median(up_times) / statistics.median(fresh_times):.2f}"
                     if up_times and fresh_times else ""))
            print(f"  server memory (VmRSS): {rss_start / 1024:.0f} MiB at start, {rss_end / 1024:.0f} MiB "
                  f"after {up:.0f} min and {pairs} pairs")
            browser.close()
    finally:
        stop_app(proc)
        for spinner in spinners:
            spinner.terminate()


if __name__ == "__main__":
    main()
