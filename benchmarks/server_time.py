"""Server side: script time per rerun (in-process, AppTest) and server memory (RSS) with 1
and with 10 open browser sessions, for the shipped content and a large pack, against a
one-line control app (`st.write("hello")`) measured the same way in the same run.

usage: python -m benchmarks.server_time [--reruns 100] [--large DIR] [--sessions 10]
                                         [--skip-memory] [--skip-reruns] [--profile]

Script time: each scenario is an AppTest of app.py, run once to warm the caches (content
loaded once per process by st.cache_resource), then rerun --reruns times; reruns of all
scenarios and of the control are interleaved, so all see the same machine load. A rerun
is what a click costs the server: the whole script with the page's state (the callback
itself is tiny). AppTest's own overhead (running the script in a thread, collecting the
elements) is in every figure, and the control shows how much that is.
Scenarios: the explorer with a region and a muscle chosen (the issue's case), the
explorer's landing page (no region), and the pain finder with both sides of one area
chosen (the area with the median number of referring muscles).

Memory: `streamlit run app.py` as a server; VmRSS from /proc/PID/status (psutil is not
installed) after start, with 1 browser session on the explorer (a region and a muscle
chosen), and with --sessions sessions; the same for the control app.
--profile prints where the time of one large-pack rerun of each scenario goes (cProfile).
"""
from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ROOT, machine, percentile, rss_kib, start_app, stop_app, wait_idle

HELLO = ROOT / "benchmarks" / "hello_app.py"


# --- script time per rerun ---------------------------------------------------------------

def quiet() -> None:
    """Streamlit warns "missing ScriptRunContext" around every AppTest run; not news here."""
    import streamlit.testing.v1  # noqa: F401 - creates the loggers

    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


class Scenario:
    def __init__(self, name: str, content: str | None, page: str | None, query: dict[str, str]):
        from streamlit.testing.v1 import AppTest

        self.name, self.content = name, content
        self.times: list[float] = []
        self.at = AppTest.from_file(str(HELLO if name == "control" else ROOT / "app.py"), default_timeout=120)
        self._env()
        if page:
            self.at.run()
            self.at.switch_page(page)
        for key, value in query.items():
            self.at.query_params[key] = value
        self.at.run()  # warm: content, geometry, imports
        self.at.run()
        if self.at.exception:
            raise RuntimeError(f"{name}: {self.at.exception[0].message}")

    def _env(self) -> None:
        if self.content:
            os.environ["BODYMAP_CONTENT_DIR"] = self.content
        else:
            os.environ.pop("BODYMAP_CONTENT_DIR", None)

    def rerun(self) -> None:
        self._env()
        start = time.perf_counter()
        self.at.run()
        self.times.append((time.perf_counter() - start) * 1000)
        if self.at.exception:
            raise RuntimeError(f"{self.name}: {self.at.exception[0].message}")


def picks(folder: str | None) -> dict[str, str]:
    """A region, a muscle in it, and the median-referred area of a content folder."""
    from benchmarks.click_latency import median_area
    from bodymap.content import DEFAULT_CONTENT_DIR, load_content
    from bodymap.geometry import geometry_file, load_geometry

    path = Path(folder) if folder else DEFAULT_CONTENT_DIR
    content = load_content(path)
    geometry = load_geometry(geometry_file(path))
    region = next(iter(content.regions.values()))
    muscle = content.muscles_in(region.id)[0]
    area = median_area(content, geometry)
    return {"region": region.id, "muscle": muscle.id, "areas": f"{area}-left,{area}-right"}


def scenarios_for(label: str, folder: str | None) -> list[Scenario]:
    p = picks(folder)
    return [
        Scenario(f"{label}: explorer, region + muscle", folder, None, {"region": p["region"], "muscle": p["muscle"]}),
        Scenario(f"{label}: explorer, landing (no region)", folder, None, {}),
        Scenario(f"{label}: pain finder, 2 areas ({p['areas'].split(',')[0][:-5]})", folder,
                 "views/pain_finder.py", {"areas": p["areas"]}),
    ]


def rerun_times(args, packs: dict[str, str | None]) -> None:
    control = Scenario("control", None, None, {})
    quiet()  # again: the first AppTest run resets Streamlit's log levels
    runs = [s for label, folder in packs.items() for s in scenarios_for(label, folder)]
    for _ in range(args.reruns):
        control.rerun()
        for s in runs:
            s.rerun()
    c_med, c_p95 = statistics.median(control.times), percentile(control.times, 95)
    print(f"\nscript time per rerun, in-process (AppTest), {args.reruns} reruns each, interleaved")
    print(f"{'scenario':<52} {'median':>8} {'p95':>8}   ratio to control (median / p95)")
    print(f"{'control: st.write(hello)':<52} {c_med:6.1f}ms {c_p95:6.1f}ms")
    for s in runs:
        med, p95 = statistics.median(s.times), percentile(s.times, 95)
        print(f"{s.name:<52} {med:6.1f}ms {p95:6.1f}ms   {med / c_med:6.1f} / {p95 / c_p95:.1f}"
              f"   (+{med - c_med:.1f} ms median over the control)")


def profile(packs: dict[str, str | None]) -> None:
    import cProfile
    import pstats

    label, folder = list(packs.items())[-1]
    for s in scenarios_for(label, folder):
        # AppTest runs the script in a new thread each time: start the profiler there.
        prof = cProfile.Profile()

        def start_in_thread(*_args, prof=prof) -> None:
            sys.setprofile(None)
            prof.enable()

        threading.setprofile(start_in_thread)
        for _ in range(5):
            s.rerun()
        threading.setprofile(None)
        print(f"\nprofile: {s.name}, 5 reruns, top 12 by cumulative time (app code and Streamlit)")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(r"(bodymap|views|ui)/|streamlit/(elements|components)/|__init__.py:.*(dumps|load)", 14)


# --- memory ------------------------------------------------------------------------------

def memory(args, packs: dict[str, str | None]) -> None:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        targets = [("control: st.write(hello)", HELLO, {}, "")]
        for label, folder in packs.items():
            q = picks(folder)
            targets.append((f"{label}: explorer, region + muscle", ROOT / "app.py",
                            {"BODYMAP_CONTENT_DIR": folder} if folder else {},
                            f"/?region={q['region']}&muscle={q['muscle']}"))
        for label, script, env, path in targets:
            proc, url = start_app(script, env)
            try:
                time.sleep(1)
                sizes = {0: rss_kib(proc.pid)}
                contexts = []
                for n in range(1, args.sessions + 1):
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    page = context.new_page()
                    page.set_default_timeout(60_000)
                    page.goto(url + path)
                    page.wait_for_selector("[data-testid='stMain']")
                    wait_idle(page)
                    if path:
                        page.locator("[data-target]").first.wait_for()
                    contexts.append(context)
                    if n in (1, args.sessions):
                        time.sleep(2)
                        sizes[n] = rss_kib(proc.pid)
                for context in contexts:
                    context.close()
            finally:
                log = stop_app(proc)
            if "Traceback" in log:
                print(f"{label}: the server logged an exception:\n{log[-2000:]}")
            rows.append((label, sizes))
        browser.close()
    n = args.sessions
    print("\nserver memory (VmRSS of the streamlit process), MiB")
    print(f"{'server':<52} {'started':>8} {'1 session':>10} {f'{n} sessions':>12}   per extra session")
    for label, sizes in rows:
        mib = {k: v / 1024 for k, v in sizes.items()}
        print(f"{label:<52} {mib[0]:8.1f} {mib[1]:10.1f} {mib[n]:12.1f}   {(mib[n] - mib[1]) / max(1, n - 1):6.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reruns", type=int, default=100)
    ap.add_argument("--large", metavar="DIR", help="also measure this content folder (e.g. the generated pack)")
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-reruns", action="store_true")
    ap.add_argument("--profile", action="store_true", help="profile reruns of the last pack's scenarios")
    args = ap.parse_args()
    quiet()
    packs: dict[str, str | None] = {"shipped": None}
    if args.large:
        packs["large"] = str(Path(args.large).resolve())
    print(machine())
    print("content: " + "; ".join(f"{k} = {v or 'data/'}" for k, v in packs.items()))
    if not args.skip_reruns:
        rerun_times(args, packs)
    if args.profile:
        profile(packs)
    if not args.skip_memory:
        memory(args, packs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
