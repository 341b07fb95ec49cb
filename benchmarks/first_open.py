"""A patient's first open on a phone network: the plan (from a QR code), the explorer and
Streamlit's one-line app as the control, through the deployment's nginx and directly.

usage: python -m benchmarks.first_open [--rounds 3]

Phone profile, through Chromium's DevTools protocol: a 390x844 touch screen, the CPU slowed
4x (Emulation.setCPUThrottlingRate), 9 Mbit/s down, 1.5 Mbit/s up and 150 ms round trip
(Network.emulateNetworkConditions). Each open is timed from the navigation until the first
useful content shows: on the plan, the "Your exercises" heading; on the explorer, a region of
the body map; on the control, its "hello". Counted over the wire (CDP's encodedDataLength,
headers included, and the websocket's messages, deflated when the socket compresses):
requests and bytes. The first open is in a
fresh browser profile (empty cache); the second in the same profile, a new tab, as a patient
opening the link again.

Setups, all in the same run: "nginx" is deploy/README.md's site (rendered by
deploy/replicas.sh) in front of one replica of `serve.py` for the app, and the same site in
front of the control; "direct" is `streamlit run serve.py` (the README's start command) and
the control started the same way with no proxy.
"""
from __future__ import annotations

import argparse
import base64
import statistics
import subprocess
import time
import zlib
from collections import defaultdict
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ROOT, machine, start_app, stop_app
from bodymap.links import PlanLink
from tests.e2e.proxy import Deployment

CONTROL = ROOT / "benchmarks" / "hello_app.py"
PLAN = PlanLink("neck", ("upper-trapezius",), "right", ("chin-nod", "upper-trapezius-stretch")).signed().to_query()
PAGES = {
    "plan": ("plan?" + urlencode({**PLAN, "audience": "patient"}),
             "[data-testid='stMain'] h2:has-text('Your exercises')"),
    "explorer": ("", "[data-target]"),
    "control": ("", "[data-testid='stMarkdown'] p:text-is('hello')"),
}
PHONE = {"offline": False, "latency": 150, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 1_500_000 / 8}


class Wire:
    """Requests and bytes over the wire of one page, from DevTools' network events."""

    def __init__(self, cdp):
        self.requests, self.bytes, self.sizes = 0, 0, {}
        self.urls: dict[str, str] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)
        cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        self.deflate = False

    def _handshake(self, event) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        self.deflate = "permessage-deflate" in headers.get("sec-websocket-extensions", "")

    def _sent(self, event) -> None:
        if not event["request"]["url"].startswith(("data:", "blob:")):
            self.requests += 1
            self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event) -> None:
        self.bytes += event["encodedDataLength"]
        if event["requestId"] in self.urls:
            self.sizes[self.urls[event["requestId"]]] = event["encodedDataLength"]

    def _frame(self, event) -> None:
        # DevTools shows a message as it was sent, before permessage-deflate: when the socket
        # compresses, count the message deflated on its own (an upper bound: the real stream
        # also reuses the window of earlier messages).
        data = event["response"]["payloadData"]
        raw = base64.b64decode(data) if event["response"].get("opcode") == 2 else data.encode()
        if self.deflate:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            raw = packer.compress(raw) + packer.flush(zlib.Z_SYNC_FLUSH)
        self.bytes += len(raw) + 2


def open_once(context, url: str, ready: str) -> tuple[float, Wire]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PHONE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    wire = Wire(cdp)
    began = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(ready).first.wait_for(state="visible", timeout=120_000)
    shown = time.perf_counter() - began
    page.wait_for_timeout(1500)  # what keeps arriving after the first content (counted, not timed)
    page.close()
    return shown, wire


def behind_nginx(script_or_app: str) -> tuple[object, str, list]:
    """A deployment (nginx + one server) for the app (`replicas.sh`) or the control."""
    if script_or_app == "app":
        deployment = Deployment(count=1, base_path="/").start()
        return deployment, deployment.url, [deployment.stop, deployment.remove]
    deployment = Deployment(count=1, base_path="/")
    proc, _ = start_app(CONTROL, port=deployment.first_port)
    nginx = subprocess.Popen(deployment.nginx_command("-g", "daemon off;"), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    time.sleep(1)
    return deployment, deployment.url, [nginx.terminate, lambda: stop_app(proc), deployment.remove]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    cleanups: list = []
    bases: dict[tuple[str, str], str] = {}
    try:
        for who in ("app", "control"):
            _, url, done = behind_nginx(who)
            cleanups += done
            bases[("nginx", who)] = url
        proc, url = start_app(ROOT / "serve.py")
        cleanups.append(lambda: stop_app(proc))
        bases[("direct", "app")] = url + "/"
        proc2, url2 = start_app(CONTROL)
        cleanups.append(lambda: stop_app(proc2))
        bases[("direct", "control")] = url2 + "/"

        results: dict[tuple[str, str, str], list[tuple[float, int, int]]] = defaultdict(list)
        biggest: dict[str, int] = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for r in range(args.rounds + 1):  # round 0 warms the servers and is not counted
                order = list(PAGES) if r % 2 else list(reversed(PAGES))
                for setup in ("nginx", "direct"):
                    for page_name in order:
                        path, ready = PAGES[page_name]
                        base = bases[(setup, "control" if page_name == "control" else "app")]
                        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                                      is_mobile=True, device_scale_factor=3)
                        for which in ("first", "second"):
                            shown, wire = open_once(context, base + path, ready)
                            if r:
                                results[(setup, page_name, which)].append((shown, wire.requests, wire.bytes))
                                if setup == "nginx" and page_name == "plan" and which == "first":
                                    biggest = wire.sizes
                        context.close()
                        if r:
                            first = results[(setup, page_name, "first")][-1]
                            print(f"  round {r} {setup:<6} {page_name:<8} first {first[0]:5.2f} s "
                                  f"{first[1]:3d} req {first[2] / 1000:7.0f} kB", flush=True)
            browser.close()
    finally:
        for cleanup in reversed(cleanups):
            cleanup()

    print(f"\nphone profile (390x844, CPU 4x, 9/1.5 Mbit/s, 150 ms); medians of {args.rounds} rounds")
    print(f"{'setup':<7} {'page':<9} {'open':<7} {'first content':>13} {'requests':>9} {'over the wire':>14}")
    med = {}
    for (setup, page_name, which), rows in sorted(results.items()):
        m = (statistics.median(x[0] for x in rows), statistics.median(x[1] for x in rows),
             statistics.median(x[2] for x in rows))
        med[(setup, page_name, which)] = m
        print(f"{setup:<7} {page_name:<9} {which:<7} {m[0]:11.2f} s {m[1]:9.0f} {m[2] / 1000:11.0f} kB")
    for setup in ("nginx", "direct"):
        plan, control = med[(setup, "plan", "first")], med[(setup, "control", "first")]
        print(f"{setup}: plan first content / one-line app = {plan[0] / control[0]:.2f} (goal <= 1.2 behind nginx); "
              f"plan first open {plan[2] / 1000:.0f} kB (goal <= 900), second {med[(setup, 'plan', 'second')][2] / 1000:.0f} kB "
              "(goal <= 60)")
    print("\nlargest transfers of the plan's first open through nginx:")
    for url, size in sorted(biggest.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {size / 1000:7.1f} kB  {url.split('?')[0][-70:]}")


if __name__ == "__main__":
    main()
