"""An SVG picture kept as its parts, so it can be a page's whole <svg> or be placed inside
another picture (the handout's printed picture puts close-ups side by side) without anyone
taking SVG text apart."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Drawing:
    box: tuple[float, float, float, float]  # the viewBox: x, y, width, height
    attrs: str  # the root's own attributes: class, data-*, role, aria-label
    body: str

    def svg(self, sized: bool = False) -> str:
        """The drawing as a whole <svg> (with width and height in its own units when `sized`)."""
        x, y, w, h = (_number(v) for v in self.box)
        size = f' width="{w}" height="{h}"' if sized else ""
        return f'<svg xmlns="http://www.w3.org/2000/svg" {self.attrs} viewBox="{x} {y} {w} {h}"{size}>{self.body}</svg>'

    def placed(self, x: float, y: float, width: float) -> str:
        """The drawing as a group inside another picture: `width` wide, its top left at (x, y)."""
        vx, vy, vw, _ = self.box
        return (f'<g {self.attrs} transform="translate({x:.3f},{y:.3f}) scale({width / vw:.6f}) '
                f'translate({-vx:.3f},{-vy:.3f})">{self.body}</g>')

    def height(self, width: float) -> float:
        """How tall the drawing is when it is `width` wide."""
        return width * self.box[3] / self.box[2]


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# Left as they are in an SVG data URL: everything but '%', '#' (it would end the URL), control
# characters and non-ASCII, which are %-escaped.
_URL_SAFE = " !$&'()*+,-./:;<=>?@[]^_`{|}~\""


def svg_data_url(svg: str) -> str:
    """An SVG as a data URL for an <img> (what st.image shows), written out rather than in
    base64: base64 makes it a third longer and hides its repeats from compression, so the
    websocket's deflate (and a phone's data plan) pays about twice as much for a picture.
    An <img> draws an SVG only with its namespace, which some SVG writers leave out (segno's QR)."""
    if "xmlns=" not in svg.split(">", 1)[0]:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return "data:image/svg+xml," + quote(svg, safe=_URL_SAFE)
