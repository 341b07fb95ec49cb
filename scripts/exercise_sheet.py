"""Write every exercise's pictures into one HTML contact sheet, to look at them together.

    python scripts/exercise_sheet.py [-o exercise-sheet.html] [--content DIR]

Open the file in a browser (or screenshot it at phone width) and check that each frame
reads at a glance and follows the exercise's steps.
"""
from __future__ import annotations

import argparse
from html import escape
from pathlib import Path


from bodymap.content import load_content
from bodymap.poses.draw import exercise_pictures


def sheet(content) -> str:
    rows = []
    for exercise in content.exercises.values():
        cells = "".join(
            f'<figure>{p.svg}<figcaption>{i}. {escape(p.caption)}</figcaption></figure>'
            for i, p in enumerate(exercise_pictures(exercise, size=160), 1)
        )
        rows.append(f'<section><h2>{escape(exercise.name)} <small>({escape(exercise.id)})</small></h2>'
                    f'<div class="frames">{cells or "<p>No pictures yet.</p>"}</div></section>')
    return ("<!doctype html><meta charset='utf-8'><title>Exercise pictures</title><style>"
            "body{font:14px system-ui,sans-serif;margin:8px;color:#1f2a33}"
            "h2{font-size:15px;margin:14px 0 4px}small{color:#5b6770;font-weight:400}"
            ".frames{display:flex;flex-wrap:wrap;gap:8px}"
            "figure{margin:0;width:160px}figure svg{display:block;border:1px solid #e2d6ca;border-radius:6px}"
            "figcaption{font-size:12px;line-height:1.3;margin-top:3px}</style>" + "".join(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="exercise-sheet.html")
    parser.add_argument("--content", default=None)
    args = parser.parse_args()
    Path(args.output).write_text(sheet(load_content(args.content)), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
