"""Click latency: a press on the body map until the page answers, against an st.button
control measured in the same run (clicks interleaved, so both see the same machine load).

usage: python -m benchmarks.click_latency [--page explorer|muscles|pain-finder] [--clicks 100]
                                          [--content DIR] [--areas A,B] [--region R] [--app app.py]

explorer:     presses alternate between the first and the last region on the map (or cycle
              through --targets N regions); "picture": the region's close-up is shown;
              "panel": the region's name shows as the panel heading (h2).
muscles:      a region open in the explorer (--region, default the first), presses go to its
              muscle buttons in turn (--targets N of them, default all); "picture": the muscle
              is chosen on the close-up (its shape pressed, its pattern drawn); "panel": its
              name shows as the heading of the muscle's text (h3).
pain-finder:  presses alternate between two areas on the close-up that shows the first
              (default: the left and right copy of the area with the median number of
              referring muscles in the content, or another area of that close-up), so
              the choice cycles {A}, {A,B}, {B}, {}; timed until the result heading for the
              new choice shows ("N muscles may refer pain here", or "Choose where it
              hurts" when nothing is chosen).
"picture" and "panel" are timed in the page, from the press's pointerdown to the first
animation frame that shows them; the control's "panel" is its "Pressed N times" text. Prints
median, p95 and missed presses for each, the p95 ratio app/control for the panel, then for
"done" (the script run finished, so the whole page is drawn; timed from Python), and the
bytes the server sent per press. Note: Streamlit keeps elements of 10 kB or more in the browser for 2 runs and then
sends only a hash, so with 2 alternating targets the map's SVG is mostly not resent;
--targets 5 shows the cost of a press whose answer is new.
"""
from __future__ import annotations

import argparse
import os
import statistics
from collections import Counter
from pathlib import Path

from benchmarks.common import (CHROMIUM, CHROMIUM_ARGS, ROOT, WireBytes, clocked_press, machine, point_in_target,
                               start_app, stop_app, summary, wait_idle)

TIMEOUT_MS = 5000
CONTROL_TEXT = "[data-testid='stMarkdown'] p"
PANEL_HEADING = "[data-testid='stMain'] h2"
RESULT_HEADING = "[data-testid='stMain'] h3"
MUSCLE_HEADING = "[data-testid='stMain'] h3"


def load_pack(content_dir: str | None):
    """The content and geometry the app will show (same library, same folder)."""
    from bodymap.content import DEFAULT_CONTENT_DIR, load_content
    from bodymap.geometry import geometry_file, load_geometry

    folder = Path(content_dir) if content_dir else DEFAULT_CONTENT_DIR
    return load_content(folder), load_geometry(geometry_file(folder))


def median_area(content, geometry) -> str:
    """The base area whose number of referring muscles is the median (ties: by id)."""
    count = Counter(a for m in content.muscles.values() for a in {*m.referral.essential, *m.referral.spillover})
    ordered = sorted(count.values())
    median = ordered[len(ordered) // 2]
    return min(count, key=lambda a: (abs(count[a] - median), a))


def result_heading(content, geometry, chosen: set[str]) -> str:
    """What the pain finder shows as its result heading for a choice of area instances."""
    from bodymap.lookup import rank_muscles

    if not chosen:
        return "Choose where it hurts"
    n = len(rank_muscles(content, sorted(chosen), geometry))
    return f"{n} muscle{'s' if n != 1 else ''} may refer pain here"


class Explorer:
    label = "body map region click"

    def __init__(self, page, url: str, args):
        page.goto(url)
        wait_idle(page)
        page.locator("[data-target]").first.wait_for()
        regions = page.locator("[data-target]").evaluate_all(
            "els => els.map(e => [e.dataset.target, e.getAttribute('aria-label')])")
        n = max(2, min(args.targets or 2, len(regions)))
        self.cycle = [regions[round(k * (len(regions) - 1) / (n - 1))] for k in range(n)]
        self.page = page
        content, _ = load_pack(args.content)
        self.first_view = {r.id: (r.closeups[0] if getattr(r, "closeups", None) else None)  # older content: none
                           for r in content.regions.values()}
        names = [name for _, name in self.cycle]
        self.describe = (f"alternating {names[0]} / {names[1]}" if n == 2
                         else f"cycling through {n} regions ({', '.join(names)})")

    def next_press(self, i: int):
        target, name = self.cycle[i % len(self.cycle)]
        view = self.first_view.get(target)
        picture = f"svg[data-view='{view}']" if view else f"[data-target='{target}'][aria-pressed='true']"
        return (lambda: point_in_target(self.page, target)), {"picture": (picture, None),
                                                              "panel": (PANEL_HEADING, name)}


class Muscles:
    label = "muscle button press"

    def __init__(self, page, url: str, args):
        content, _ = load_pack(args.content)
        region = content.regions[args.region] if args.region else next(iter(content.regions.values()))
        muscles = content.muscles_in(region.id)
        self.cycle = muscles[:max(2, args.targets)] if args.targets else muscles
        self.closeups = bool(region.closeups)  # else the muscle is drawn on the whole body
        page.goto(f"{url}/?region={region.id}")
        wait_idle(page)
        page.locator(f"[data-choice='{self.cycle[0].id}']").wait_for()
        self.page = page
        self.describe = f"{region.name}: {len(self.cycle)} muscles in turn ({', '.join(m.name for m in self.cycle)})"

    def _button(self, muscle: str):
        box = self.page.locator(f"[data-choice='{muscle}']").bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def next_press(self, i: int):
        muscle = self.cycle[i % len(self.cycle)]
        picture = (f"svg[data-view] [data-muscle='{muscle.id}'][aria-pressed='true']" if self.closeups
                   else f"svg .bm-legend[aria-label^='Legend. {muscle.name} (']")
        return (lambda: self._button(muscle.id)), {
            "picture": (picture, None),
            "panel": (MUSCLE_HEADING, muscle.name)}


class PainFinder:
    label = "pain finder area tap"

    def __init__(self, page, url: str, args):
        self.content, self.geometry = load_pack(args.content)
        if args.areas:
            self.a, self.b = args.areas.split(",")
        else:
            base = median_area(self.content, self.geometry)
            self.a, self.b = f"{base}-left", f"{base}-right"
        # Areas are chosen on close-ups: open the picture that shows A biggest; B must be
        # on it too, else another area of that picture takes its place.
        from bodymap.lookup import picture_areas, picture_of_area

        picture = picture_of_area(self.content, self.geometry, self.a)
        if picture is not None:
            shown = picture_areas(self.geometry, *picture)
            if self.b not in shown:
                self.b = next(iid for iid in shown if iid != self.a)
        query = f"?view={picture[0]}&side={picture[1]}" if picture else ""
        page.goto(f"{url}/pain_finder{query}")
        wait_idle(page)
        self.page = page
        sizes = [result_heading(self.content, self.geometry, s) for s in ({self.a}, {self.a, self.b})]
        self.describe = f"alternating {self.a} / {self.b} ({sizes[0]} for one; {sizes[1]} for both)"

    def chosen_now(self) -> set[str]:
        return {t for t in (self.a, self.b)
                if self.page.locator(f"[data-target='{t}']").first.get_attribute("aria-pressed") == "true"}

    def next_press(self, i: int):
        target = (self.a, self.b)[i % 2]
        chosen = self.chosen_now() ^ {target}  # a press toggles the area
        return (lambda: point_in_target(self.page, target)), {
            "picture": (f"[data-target='{target}'][aria-pressed='{str(target in chosen).lower()}']", None),
            "panel": (RESULT_HEADING, result_heading(self.content, self.geometry, chosen))}


PAGES = {"explorer": Explorer, "muscles": Muscles, "pain-finder": PainFinder}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--page", choices=PAGES, default="explorer")
    ap.add_argument("--clicks", type=int, default=100)
    ap.add_argument("--content", help="content folder (BODYMAP_CONTENT_DIR) for the app")
    ap.add_argument("--targets", type=int, default=0,
                    help="explorer: press this many regions in turn (default 2: the first and the last; with 5, "
                         "an answer never comes back while Streamlit's message cache still holds it); "
                         "muscles: press this many of the region's muscles in turn (default all)")
    ap.add_argument("--region", help="muscles: the region whose muscles are pressed (default the first)")
    ap.add_argument("--areas", help="pain finder: two area instance ids to alternate, e.g. heel-left,heel-right")
    ap.add_argument("--app", default=str(ROOT / "app.py"), help="the app script to measure (default: app.py)")
    args = ap.parse_args()
    if args.content:
        args.content = str(Path(args.content).resolve())
    from playwright.sync_api import sync_playwright

    env = {"BODYMAP_CONTENT_DIR": args.content} if args.content else {}
    if args.content:
        os.environ["BODYMAP_CONTENT_DIR"] = args.content  # for load_pack's geometry
    app, app_url = start_app(args.app, env)
    control, control_url = start_app(ROOT / "benchmarks" / "control_app.py")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            control_page = browser.new_page(viewport={"width": 1280, "height": 800})
            control_wire = WireBytes(control_page)
            control_page.goto(control_url)
            button = control_page.get_by_role("button", name="Press me")
            button.wait_for()
            box = button.bounding_box()
            control_point = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

            app_page = browser.new_page(viewport={"width": 1280, "height": 800})
            app_wire = WireBytes(app_page)
            side = PAGES[args.page](app_page, app_url, args)

            # Interleaved, so that both see the same load on this shared machine.
            control_times, app_times, control_bytes, app_bytes = [], [], [], []
            for i in range(args.clicks):
                control_page.bring_to_front()
                mark = control_wire.total
                control_times.append(clocked_press(control_page, control_point,
                                                   {"panel": (CONTROL_TEXT, f"Pressed {i + 1} times")}, TIMEOUT_MS))
                control_bytes.append(control_wire.since(mark))
                app_page.bring_to_front()
                point, expect = side.next_press(i)
                mark = app_wire.total
                app_times.append(clocked_press(app_page, point, expect, TIMEOUT_MS))
                app_bytes.append(app_wire.since(mark))
            browser.close()
    finally:
        logs = {"app": stop_app(app), "control": stop_app(control)}
    for name, log in logs.items():
        if "Traceback" in log:
            print(f"the {name} server logged an exception:\n{log[-2000:]}")

    print(f"{machine()}")
    print(f"page: {args.page}; clicks per side: {args.clicks}; content: {args.content or 'shipped'}; {side.describe}")
    def row(name: str, times: list[dict], key: str) -> dict[str, float]:
        values = [t.get(key) for t in times]
        return summary(f"{name}: {key}", [v for v in values if v is not None], values.count(None))

    a = row(side.label, app_times, "picture")
    for key in ("panel", "done"):
        c, a = row("control (st.button)", control_times, key), row(side.label, app_times, key)
        print(f"  {key} p95 ratio app/control: {a['p95'] / c['p95']:.2f}   median ratio: {a['median'] / c['median']:.2f}")
    print(f"sent by the server per press (websocket, median): control {statistics.median(control_bytes) / 1024:.1f} kB, "
          f"app {statistics.median(app_bytes) / 1024:.1f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
