"""Click latency: a press on the body map until the region panel shows, against an
st.button control measured in the same run.

usage: python benchmarks/click_latency.py [--clicks 100] [--content DIR]
Prints median, p95 and missed clicks for both, and the p95 ratio app/control.
"""
from __future__ import annotations

import argparse
import time

from common import CHROMIUM, CHROMIUM_ARGS, ROOT, start_app, stop_app, summary, wait_idle

TIMEOUT_MS = 5000


def centre_of_largest_shape(page, target: str) -> tuple[float, float]:
    shapes = page.locator(f"[data-target='{target}'] path")
    shapes.first.wait_for()
    boxes = [shapes.nth(i).bounding_box() for i in range(shapes.count())]
    box = max(boxes, key=lambda b: b["width"] * b["height"])
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def timed_click(page, point, want: str, selector: str) -> float | None:
    """Click `point` (or the point a callable returns), then time until `selector` shows
    `want`; None if it never does (a missed click)."""
    if callable(point):
        point = point()
    start = time.perf_counter()
    page.mouse.click(*point)
    try:
        page.wait_for_function(
            "([sel, want]) => [...document.querySelectorAll(sel)].some(e => e.textContent.trim() === want)",
            arg=[selector, want], polling="raf", timeout=TIMEOUT_MS,
        )
        return (time.perf_counter() - start) * 1000
    except Exception:  # noqa: BLE001 - a timeout is a missed click
        return None
    finally:
        wait_idle(page)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clicks", type=int, default=100)
    ap.add_argument("--content", help="content folder (BODYMAP_CONTENT_DIR) for the app")
    ap.add_argument("--app", default=str(ROOT / "app.py"), help="the app script to measure (default: app.py)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    env = {"BODYMAP_CONTENT_DIR": args.content} if args.content else {}
    app, app_url = start_app(args.app, env)
    control, control_url = start_app(ROOT / "benchmarks" / "control_app.py")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            control_page = browser.new_page(viewport={"width": 1280, "height": 800})
            control_page.goto(control_url)
            button = control_page.get_by_role("button", name="Press me")
            button.wait_for()
            box = button.bounding_box()
            control_point = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

            app_page = browser.new_page(viewport={"width": 1280, "height": 800})
            app_page.goto(app_url)
            wait_idle(app_page)
            regions = app_page.locator("[data-target]").evaluate_all(
                "els => els.map(e => [e.dataset.target, e.getAttribute('aria-label')])")
            (a_id, a_name), (b_id, b_name) = regions[0], regions[-1]
            targets = [(lambda: centre_of_largest_shape(app_page, a_id), a_name),
                       (lambda: centre_of_largest_shape(app_page, b_id), b_name)]

            # Interleaved, so that both see the same load on this shared machine.
            control_times, app_times = [], []
            for i in range(args.clicks):
                control_page.bring_to_front()
                control_times.append(timed_click(control_page, control_point, f"Pressed {i + 1} times",
                                                 "[data-testid='stMarkdown'] p"))
                app_page.bring_to_front()
                point, name = targets[i % 2]
                app_times.append(timed_click(app_page, point, name, "[data-testid='stMain'] h2"))
            browser.close()
    finally:
        stop_app(app)
        stop_app(control)

    print(f"clicks per side: {args.clicks}; content: {args.content or 'shipped'}; alternating {a_name} / {b_name}")
    c = summary("control (st.button)", [t for t in control_times if t is not None], control_times.count(None))
    a = summary("body map region click", [t for t in app_times if t is not None], app_times.count(None))
    print(f"p95 ratio app/control: {a['p95'] / c['p95']:.2f}   median ratio: {a['median'] / c['median']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
