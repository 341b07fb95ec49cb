"""Write the icon font the app serves in place of Streamlit's: the same Material Symbols font,
cut down to the icons that Streamlit's front end, Streamlit's Python side and this app name.

usage: python scripts/icon_font.py   (again after every Streamlit upgrade: a test says when)

Streamlit's page fetches its whole icon font (about 4,000 icons, 375 kB) at every first open,
even for a page with no icon; on a phone network that is a third of the plan's first open
(issue 25). Google's own font service cuts Material Symbols to the icons a page names
(`icon_names=`); this does the same with fontTools. Icons are drawn by ligature (the word
`info` becomes the icon), so the letters stay in and the ligature table keeps only the rules
whose icon is kept. serve.py sends the result (ui/icon_font.py) when the installed font is the
one it was cut from; otherwise Streamlit's own font.

Writes assets/icons/<Streamlit's font file name> and assets/icons/icons.json (the source
font's name and SHA-256, and the icons kept). Needs fonttools and brotli (requirements-dev.txt).
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.icon_font import ICON_DIR, MANIFEST, streamlit_font  # noqa: E402

# Where the icons in use are named: Streamlit's scripts (`material/name`) and Python code
# (`:material/name:`), and this app's pages, library and content.
NAMED = re.compile(r"material/([a-z0-9_]+)")
APP_FILES = ["app.py", "serve.py", "views/**/*.py", "ui/**/*.py", "bodymap/**/*.py", "data/**/*.yaml"]
# Named in Streamlit's scripts without the prefix (the data grid's column menu).
UNPREFIXED = {"more_vert", "more_horiz"}
# The letters, digits and underscore that spell every icon's name.
SPELLING = "abcdefghijklmnopqrstuvwxyz0123456789_"


def icons_named() -> set[str]:
    streamlit_dir = streamlit_font().parents[3]
    files = [*streamlit_dir.glob("static/static/js/*.js"),
             *(p for p in streamlit_dir.rglob("*.py") if "tests" not in p.parts),
             *(p for pattern in APP_FILES for p in ROOT.glob(pattern))]
    return UNPREFIXED | {name for path in files for name in NAMED.findall(path.read_text(errors="replace"))}


def ligatures(font: TTFont) -> dict[str, str]:
    """Each icon's name, as typed, and the glyph its ligature draws (an old name may draw the
    same glyph as its new one: access_time draws schedule)."""
    character = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    spelled = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            for first, rules in getattr(table, "ExtSubTable", table).ligatures.items():
                for rule in rules:
                    spelled["".join(character[g] for g in (first, *rule.Component))] = rule.LigGlyph
    return spelled


def main() -> None:
    source = streamlit_font()
    drawn = ligatures(TTFont(source, lazy=True))
    named = icons_named()
    kept = sorted(named & drawn.keys())
    options = subset.Options(flavor="woff2", layout_features=["*"], layout_closure=False,
                             name_IDs=["*"], notdef_outline=True)
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs={drawn[name] for name in kept}, text=SPELLING)
    subsetter.subset(font)
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    for old in ICON_DIR.glob("*.woff2"):
        old.unlink()
    out = ICON_DIR / source.name
    subset.save_font(font, str(out), options)
    MANIFEST.write_text(json.dumps({
        "source": source.name,
        "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "icons": kept,
    }, indent=1) + "\n")
    missing = sorted(named - drawn.keys())
    print(f"{len(kept)} icons ({len(missing)} named but not in the font: {', '.join(missing) or 'none'}); "
          f"{source.stat().st_size / 1000:.0f} kB -> {out.stat().st_size / 1000:.1f} kB: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
