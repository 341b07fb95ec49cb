"""The bundled font (DejaVu Sans) that everything printed uses: the handout's text and the
pictures drawn for print. Which characters it can print, and how wide a text is in it.

Printed SVGs ask for FAMILY; the PDF registers the bundled font under that name, so a
picture's words print (and embed) in the same font as the page's text.
"""
from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "sans-serif"
PT = 25.4 / 72  # mm per point: printed text is set in points on a page measured in mm


@functools.cache
def _metrics(bold: bool) -> tuple[frozenset[int], dict[int, int]]:
    """(the characters the font has, each one's advance in thousandths of an em, rounded as
    fpdf2 rounds them, so text measured here breaks where fpdf2 breaks it)."""
    from fontTools.ttLib import TTFont

    with TTFont(FONT_BOLD if bold else FONT_REGULAR, lazy=True) as font:
        cmap, scale, metrics = font.getBestCmap(), 1000 / font["head"].unitsPerEm, font["hmtx"].metrics
        return frozenset(cmap), {c: round(scale * metrics[g][0] + 0.001) for c, g in cmap.items()}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is at `size`, in the unit of `size` (no kerning, as fpdf2 sets it)."""
    advances = _metrics(bold)[1]
    return sum(advances.get(ord(ch), 0) for ch in text) * size * 0.001


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` broken between words into lines at most `width` wide (in the unit of `size`),
    where fpdf2 would break it."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


@functools.cache
def shaping_available() -> bool:
    """True when uharfbuzz is installed, so right-to-left and joined scripts print correctly."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def needs_shaping(text: str) -> bool:
    """Right-to-left letters (Hebrew, Arabic, ...) or combining marks need a shaping engine."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") or unicodedata.combining(ch) for ch in text)


def _describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    if not name:
        kind = unicodedata.category(ch)
        name = {"Cc": "control character", "Cs": "invalid byte / lone surrogate", "Co": "private-use character",
                "Cn": "unassigned character"}.get(kind, "character")
    shown = ch if unicodedata.category(ch)[0] not in "CZ" else ""
    return f"{shown} ({code} {name})".strip() if shown else f"{code} {name}"


def text_problems(text: str, what: str) -> list[str]:
    """What stops `text` from printing as written: characters the font lacks, control codes,
    letters that need a shaping engine that is not installed. `what` names the text."""
    known = _metrics(False)[0]
    bad = [ch for ch in dict.fromkeys(text)  # unique, in order of appearance
           if ch != "\n" and (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp") or ord(ch) not in known)]
    problems = []
    if bad:
        count = sum(1 for ch in text if ch in set(bad))
        listed = ", ".join(_describe(ch) for ch in bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        problems.append(
            f"{what} has {count} character{'s' if count != 1 else ''} the handout's font cannot print: {listed}. "
            "Emoji, pictographs and some scripts (for example Chinese or Hindi) are not in the font, and invisible "
            "control codes cannot be printed. Remove them or write the words out."
        )
    if needs_shaping(text) and not shaping_available():
        problems.append(
            f"{what} has right-to-left or combining letters (for example Hebrew or Arabic), which need the "
            "'uharfbuzz' package to print correctly; it is not installed here, so write the note without them."
        )
    return problems
