"""Screenshots of the app's main screens, for a person to look at (not a test: nothing is
compared). Starts the app on a free port, opens each screen in Chromium at desktop (1280x800),
tablet (820x1180, touch) and phone (390x844, touch) size, and saves full-page PNGs.

usage: python -m scripts.screenshots [-o artifacts/screenshots] [-k NAME] [--sizes desktop,tablet,phone]

The browser tests can also save what they see along the way: run them with
BODYMAP_SCREENSHOTS=DIR (e.g. BODYMAP_SCREENSHOTS=artifacts/screenshots bash scripts/test.sh --e2e).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, settle, start_app, stop_app

SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "tablet": {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}

# name -> (address after the app's root, what to wait for before the picture is taken)
SCREENS = {
    "explorer-home": ("/", "[data-target='neck']"),
    "explorer-region": ("/?region=shoulder", "svg[data-view]"),
    "explorer-muscle": ("/?muscle=infraspinatus&audience=student", "svg[data-view] [data-zone]"),
    "explorer-present": ("/?region=neck&muscle=upper-trapezius&mode=present", "svg[data-view] [data-zone]"),
    "pain_finder-whole-body": ("/pain_finder", "[data-target]"),
    "pain_finder-temple": ("/pain_finder?areas=temple-right,mastoid-right&view=neck-back",
                           "[data-testid='stMain'] h3"),
    "learn": ("/learn", "[data-testid='stMain'] h1"),
    "study-cards": ("/study?tab=cards", "[class*='st-key-card_']"),
    "study-atlas": ("/study?tab=atlas", "[data-target=temple-right]"),
    "study-quiz": ("/study?tab=quiz&seed=42", ".st-key-quiz_options button"),
    "handout": ("/handout?region=calf&muscle=soleus", "[data-testid='stMain'] h1"),
    "plan": ("/plan?region=calf&muscle=soleus&ex=calf-wall-stretch", "[data-testid='stMain'] h1"),
}


def show(page, address: str, ready: str) -> None:
    """Open `address` and wait until its run has finished and `ready` is on screen (generous
    waits: the first run of a fresh server on a busy machine takes a while)."""
    page.goto(address)
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=120_000)
    page.locator(ready).first.wait_for(timeout=60_000)
    settle(page)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", default=str(ROOT / "artifacts" / "screenshots"), help="folder for the PNGs")
    ap.add_argument("-k", dest="only", default="", help="only the screens whose name contains this")
    ap.add_argument("--sizes", default="desktop,tablet,phone", help=f"comma-separated, of {', '.join(SIZES)}")
    args = ap.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = set(sizes) - set(SIZES)
    if unknown:
        ap.error(f"unknown size(s): {', '.join(sorted(unknown))}")
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    proc, url = start_app(ROOT / "app.py")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for size in sizes:
                context = browser.new_context(**SIZES[size])
                page = context.new_page()
                for name, (address, ready) in SCREENS.items():
                    if args.only not in name:
                        continue
                    show(page, url + address, ready)
                    path = out / f"{name}-{size}.png"
                    page.screenshot(path=str(path), full_page=True)
                    print(path)
                context.close()
            browser.close()
    finally:
        log = stop_app(proc)
    if "Traceback" in log:
        print(log)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
