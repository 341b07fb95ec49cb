"""Render muscles' referral pictures to PNG for a look (needs Debian's chromium).

usage: python scripts/preview.py MUSCLE_ID [MUSCLE_ID ...] [--out DIR] [--side right|left]
Writes DIR/<muscle>.png (default DIR: /tmp/bodymap-preview) and prints the paths.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from html import escape
from pathlib import Path

from bodymap.render.body_svg import MapSpec, render_map
from bodymap.content import load_content
from bodymap.geometry import load_geometry
from bodymap.picture import muscle_overlay


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("muscles", nargs="+")
    ap.add_argument("--out", default="/tmp/bodymap-preview")
    ap.add_argument("--side", default="right")
    args = ap.parse_args()
    content, geometry = load_content(), load_geometry()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for mid in args.muscles:
        muscle = content.muscles[mid]
        svg = render_map(geometry, MapSpec(targets="none", overlay=muscle_overlay(geometry, muscle, args.side)))
        html = out / f"{mid}.html"
        html.write_text(f"<html><body style='margin:0'><h3 style='font-family:sans-serif'>{escape(muscle.name)}</h3>"
                        f"<div style='width:760px'>{svg}</div></body></html>", encoding="utf-8")
        png = out / f"{mid}.png"
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=760,900",
                        f"--screenshot={png}", html.as_uri()], check=True, capture_output=True)
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
