"""Running the app for browser tests and benchmarks: the server, Chromium, and the waits.

Set up as Streamlit's own e2e suite does (DESIGN.md §6). Shared by tests/e2e/conftest.py
and benchmarks/common.py, so neither imports the other.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("BODYMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
# The app is idle: no script run in progress.
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(script: Path, env: dict[str, str] | None = None, port: int | None = None
              ) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run` (on `port`, or a free one) and wait until it answers its health check."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
         "--global.developmentMode", "false", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not start:\n{proc.stdout.read()}")


# Streamlit's own websocket endpoint logs a traceback when a browser leaves before its socket
# was accepted (a page closed while connecting). Not an app error; every other traceback is.
_SOCKET_CLOSED_EARLY = re.compile(
    r"Exception in ASGI application\n(?:(?:  File .*|    .*|Traceback .*|During handling .*|"
    r"starlette\.websockets\.WebSocketDisconnected: .*|)\n)+")


def app_errors(log: str) -> str:
    """The server log without the tracebacks of sockets closed before they were accepted."""
    def benign(m: re.Match) -> str:
        block = m.group(0)
        last = block.rstrip().splitlines()[-1]
        closed_early = "starlette_websocket.py" in block and last.startswith("starlette.websockets.WebSocketDisconnected")
        return "" if closed_early else block
    return _SOCKET_CLOSED_EARLY.sub(benign, log)


def stop_app(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out or ""


# The newest press on the map or a row of buttons has been answered by the server (the page
# knows: ui/body_map/shared.js keeps it in window.bmPending until then).
ANSWERED_JS = "() => !window.bmPending"


def wait_for_app(page) -> None:
    """Wait for the script run that an action started to finish. The short pause first is
    Streamlit's own e2e convention: the run may not have been marked as started yet. A press
    on the map or a row of buttons is waited for until it is answered, however busy the
    machine (the run it starts may begin well after the pause)."""
    page.wait_for_timeout(150)
    page.wait_for_function(ANSWERED_JS, timeout=30_000)
    page.wait_for_selector(IDLE, timeout=20_000)


def download(page, name: str, timeout: float = 30_000):
    """Press the download button called `name` and return Playwright's Download.

    Pressed only when the app is idle: a button still on screen from before a run that is
    under way holds the previous run's file, which that run withdraws (the press would fail,
    or download what the page showed before the last change). The file is made on the press,
    so the wait for it is longer than a click's."""
    from playwright.sync_api import expect

    page.wait_for_selector(IDLE, timeout=20_000)
    button = page.get_by_role("button", name=name)
    expect(button).to_be_enabled()
    with page.expect_download(timeout=timeout) as info:
        button.click()
    return info.value


def open_app(page, url: str) -> None:
    """Open `url` and wait for its first run to end (a server's first run, cold, on a busy
    machine, can take far longer than a press). The page is "not running" before it has even
    connected, so the run is known to have begun once the page shows something it drew."""
    page.goto(url)
    page.wait_for_selector("[data-testid='stMain'] [data-testid='stElementContainer']", state="attached", timeout=120_000)
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=120_000)


# Finite animations and transitions have ended and two more frames have been drawn. Endless
# ones (spinners) are not waited for.
_SETTLED_JS = """async () => {
  const finite = document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map((a) => a.finished.catch(() => null)));
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def settle(page) -> None:
    """Wait until what is on screen has stopped moving (before a screenshot, axe or a colour sample)."""
    page.evaluate(_SETTLED_JS)


def region_shape(page, region: str):
    """The region's largest shape on the whole-body map: Playwright presses the middle of it."""
    shapes = page.locator(f"[data-target='{region}'] path")
    shapes.first.wait_for()
    boxes = [shapes.nth(i).bounding_box() for i in range(shapes.count())]
    best = max(range(len(boxes)), key=lambda i: boxes[i]["width"] * boxes[i]["height"])
    return shapes.nth(best)


# A point (viewport pixels) where a press lands on the map target `g` itself, and on it
# still `margin` px to each side (a finger is not a point): the map is inside a shadow root,
# so hit-test there. Largest shape first; a grid of candidates in its box from the middle out,
# because a clipped, L-shaped or partly covered shape need not hold its box's centre.
POINT_IN_TARGET_JS = """(g, margin) => {
  const root = g.getRootNode();
  const want = g.dataset.target;
  const boxes = [...g.querySelectorAll('path')].map((p) => p.getBoundingClientRect())
    .sort((a, b) => b.width * b.height - a.width * a.height);
  const steps = [0.5];
  for (let k = 1; k < 8; k++) steps.push(0.5 - k / 16, 0.5 + k / 16);
  const on = (x, y) => {
    const hit = root.elementFromPoint(x, y);
    const t = hit && hit.closest('[data-target]');
    return t && t.dataset.target === want;
  };
  for (const r of boxes) for (const fy of steps) for (const fx of steps) {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    const around = [[0, 0], [-margin, 0], [margin, 0], [0, -margin], [0, margin]];
    if (around.every(([dx, dy]) => on(x + dx, y + dy))) return [x, y];
  }
  return null;
}"""


def steady_point(find, what: str, timeout: float = 15.0):
    """`find()` once it gives the same point twice in a row, 150 ms apart: a picture still being
    laid out (fitted to the screen, a component mounting beside it; slow on a busy machine) can
    move between finding a point and pressing it, or cover it for a moment."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        point = find()
        if point is not None and point == last:
            return point
        last = point
        time.sleep(0.15)
    raise RuntimeError(f"no steady point to press on {what} within {timeout:.0f} s (last: {last})")


def point_in_target(page, target: str, margin: float = 0) -> tuple[float, float]:
    """Where to press so that the press reaches map target `target` (scrolled into view), with
    `margin` px of the target around it (6 for a fingertip)."""
    g = page.locator(f"[data-target='{target}']")
    g.first.wait_for()
    g.first.scroll_into_view_if_needed()
    return tuple(steady_point(lambda: g.first.evaluate(POINT_IN_TARGET_JS, margin), f"map target {target!r}"))
