"""Replicas: N browser sessions pressing the explorer's regions through nginx, with 1 replica
behind it and with 3, on the same machine at the same time.

usage: python -m benchmarks.replicas [--sessions 12] [--seconds 60] [--blocks 2] [--port 8670] [--listen 8090]

Both deployments are the one deploy/README.md describes (deploy/replicas.sh behind Debian's
nginx, tests/e2e/proxy.py starts them on loopback ports). Each side gets its own N browser
contexts (one Streamlit session each, sticky to one replica by nginx's cookie); the sides
take turns in blocks (--blocks per side, --seconds in all per side), so both see the same
machine load. A press is timed from the click until the region's name is the panel heading
(as benchmarks/concurrency.py does). Prints presses per second and p95 latency per side and
the ratios 3 replicas / 1 replica, plus errors (missed presses, exception elements, console
errors, tracebacks in any replica's log) and how the sessions spread over the replicas.
"""
from __future__ import annotations

import argparse
import asyncio
import time
from collections import Counter

from benchmarks.common import CHROMIUM, machine, summary
from benchmarks.concurrency import ARGS, AppSession, run_block

from tests.e2e.proxy import Deployment


async def measure(args, urls: dict[str, str]):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        sides = {name: [AppSession(i) for i in range(args.sessions)] for name in urls}
        for name, sessions in sides.items():
            for s in sessions:
                await s.open(browser, urls[name])
        block = args.seconds / args.blocks
        presses: Counter[str] = Counter()
        seconds: Counter[str] = Counter()
        for _ in range(args.blocks):
            for name, sessions in sides.items():
                start = time.perf_counter()
                presses[name] += await run_block(sessions, block)
                seconds[name] += time.perf_counter() - start
        routes = {name: [next(c["value"] for c in await s.context.cookies() if c["name"] == "bodymap_replica")
                         for s in sessions] for name, sessions in sides.items()}
        await browser.close()
    return sides, presses, seconds, routes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=12)
    ap.add_argument("--seconds", type=float, default=60, help="pressing time per side")
    ap.add_argument("--blocks", type=int, default=2, help="turns per side")
    ap.add_argument("--port", type=int, default=8670, help="first replica port (4 ports are used)")
    ap.add_argument("--listen", type=int, default=8090, help="first nginx port (2 ports are used)")
    args = ap.parse_args()
    deployments = {"1 replica": Deployment(1, first_port=args.port, listen=args.listen),
                   "3 replicas": Deployment(3, first_port=args.port + 1, listen=args.listen + 1)}
    started = []
    try:
        for d in deployments.values():
            started.append(d.start())
        sides, presses, seconds, routes = asyncio.run(measure(args, {n: d.url for n, d in deployments.items()}))
    finally:
        for d in started:
            d.stop()

    print(machine())
    print(f"{args.sessions} sessions per side pressing explorer regions through nginx at once, "
          f"{args.seconds:.0f} s per side in {args.blocks} turns")
    rows = {}
    for name, sessions in sides.items():
        rows[name] = summary(f"{name}: until the answer shows", [t for s in sessions for t in s.shown],
                             sum(s.missed for s in sessions))
        rate = presses[name] / seconds[name]
        rows[name]["rate"] = rate
        d = deployments[name]
        spread = Counter(next(iter(d.replicas_by_route().get(r, {"?"}))) for r in routes[name])
        tracebacks = sum(d.replica_log(port).count("Traceback") for port in d.replica_ports)
        console = sum((s.console for s in sessions), Counter())
        print(f"    {name}: {presses[name]} presses in {seconds[name]:.0f} s = {rate:.2f} presses/s; "
              f"sessions per replica {sorted(spread.values(), reverse=True)}; errors: missed "
              f"{sum(s.missed for s in sessions)}, exception elements {sum(s.exceptions for s in sessions)}, "
              f"console {sum(console.values())}, replica tracebacks {tracebacks}")
    for d in started:
        d.remove()
    one, three = rows["1 replica"], rows["3 replicas"]
    print(f"3 replicas / 1 replica: presses per second x{three['rate'] / one['rate']:.2f}, "
          f"p95 x{three['p95'] / one['p95']:.2f}, median x{three['median'] / one['median']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
