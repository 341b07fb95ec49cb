"""The referral atlas: the whole body, each area shaded by how many muscles refer pain to it,
every area a button (the same map component as the explorer, so a click, a tap and the
keyboard all answer)."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from plotly.colors import sample_colorscale

from .body_svg import MapSpec, map_drawing
from .drawing import Drawing
from ..content import Content
from ..geometry import BodyGeometry
from ..palette import PALETTE

SCALE = "Cividis_r"  # colour-blind-safe sequential: pale = few muscles, dark = many
STEPS = 5  # shades in the key; each says its range of counts in numbers, so colour is not the only cue
UNCOVERED = "#ffffff"
KEY_HEIGHT = 60  # map units under the body for the key


@dataclass(frozen=True)
class AtlasEntry:
    """How many muscles refer to one area, and which (each with 'essential'/'spillover')."""

    area: str  # base area id
    label: str
    view: str
    muscles: tuple[tuple[str, str], ...]  # (muscle name, kind), by name

    @property
    def count(self) -> int:
        return len(self.muscles)


def atlas_counts(content: Content, geometry: BodyGeometry) -> dict[str, AtlasEntry]:
    """For every base area: the muscles whose referral zone includes it."""
    found: dict[str, list[tuple[str, str]]] = {a: [] for a in geometry.base_areas}
    for m in content.muscles.values():
        for kind, zone in (("essential", m.referral.essential), ("spillover", m.referral.spillover)):
            for area in zone:
                if area in found:
                    found[area].append((m.name, kind))
    return {
        area: AtlasEntry(area, label, view, tuple(sorted(found[area], key=lambda t: t[0].lower())))
        for area, (label, view) in geometry.base_areas.items()
    }


def count_words(count: int) -> str:
    if count == 0:
        return "no muscle in this app refers pain here"
    return "1 muscle refers pain here" if count == 1 else f"{count} muscles refer pain here"


def shade_steps(top: int) -> list[tuple[int, int, str]]:
    """(lowest count, highest count, colour) for each shade of the key, palest first."""
    steps = min(STEPS, max(top, 1))
    bounds = [round(1 + i * top / steps) for i in range(steps)] + [top + 1]
    colours = sample_colorscale(SCALE, [(i + 0.5) / steps for i in range(steps)])
    return [(lo, hi - 1, colour) for lo, hi, colour in zip(bounds, bounds[1:], colours) if hi > lo]


def shade_of(count: int, steps: list[tuple[int, int, str]]) -> str:
    return next((colour for lo, hi, colour in steps if lo <= count <= hi), UNCOVERED)


def atlas_drawing(content: Content, geometry: BodyGeometry) -> Drawing:
    """The four views with every area a shaded button, and the key of shades under them."""
    entries = atlas_counts(content, geometry)
    steps = shade_steps(max((e.count for e in entries.values()), default=0))
    shades = tuple((area, shade_of(e.count, steps), count_words(e.count)) for area, e in entries.items())
    spec = MapSpec(targets="areas", shades=shades, views=geometry.views,
                   title="Referral atlas: press an area to list the muscles that refer pain to it")
    body = map_drawing(geometry, spec)
    x, y, width, height = body.box
    return Drawing((x, y, width, height + KEY_HEIGHT), body.attrs, body.body + _key(steps, width, y + height + 8))


def _key(steps: list[tuple[int, int, str]], width: float, top: float) -> str:
    """Swatches with the counts each stands for, in words a reader can say aloud; large enough
    to read when the four views are shrunk to a phone's width."""
    swatch, gap, font = 64, 12, 18
    cells = [(UNCOVERED, "none")] + [(c, f"{lo}" if lo == hi else f"{lo}–{hi}") for lo, hi, c in steps]
    title = "Muscles per area:"
    title_width = 0.55 * font * len(title)
    x = (width - title_width - len(cells) * (swatch + gap)) / 2 + title_width + gap
    words = ", ".join(label for _, label in cells)
    text = f'fill="{PALETTE["text"]}" font-family="system-ui, sans-serif" font-size="{font}"'
    out = [f'<g class="bm-atlas-key" role="img" aria-label="Key: muscles per area, {escape(words)}">',
           f'<text {text} x="{x - gap:.1f}" y="{top + 17:.1f}" text-anchor="end">{title}</text>']
    for i, (colour, label) in enumerate(cells):
        cx = x + i * (swatch + gap)
        out.append(f'<rect x="{cx:.1f}" y="{top:.1f}" width="{swatch}" height="22" rx="3" fill="{colour}" '
                   f'stroke="{PALETTE["outline"]}" stroke-width="0.8"/>')
        out.append(f'<text {text} x="{cx + swatch / 2:.1f}" y="{top + 44:.1f}" text-anchor="middle">{escape(label)}</text>')
    out.append("</g>")
    return "".join(out)
