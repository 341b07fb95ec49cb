"""The pain finder ("Where does it hurt?") as a user works it in the browser: choose a body part,
open one of its pictures and sides, press areas, read the ranked muscles. Shared by its own
tests and the new regions' walk."""
from __future__ import annotations

from bodymap.geometry import load_geometry
from bodymap.lookup import has_two_sides
from tests.e2e.support import wait_for_app


def area(page, target: str):
    shape = page.locator(f"[data-target='{target}'] path")
    shape.first.wait_for()
    return shape.first


def results(page):
    return page.locator("[data-testid='stMain'] [class*='st-key-pain_result_']")


def closeup(page):
    """The close-up picture on the page (the whole body has no data-view)."""
    return page.locator("[data-testid='stMain'] svg.bm-closeup")


def press(locator, touch: bool) -> None:
    locator.tap() if touch else locator.click()


def body_part(page, label: str, touch: bool = False) -> None:
    press(page.locator(".st-key-pain_parts [data-choice]").filter(has_text=label).first, touch)
    wait_for_app(page)


# A close-up of one of `views` (on `side`, if given) is on the page and is not the faded copy
# of a picture the run under way has not drawn again (Streamlit keeps those until it ends).
_DRAWN_JS = """([views, side]) => {
  const stale = (el) => {
    for (; el; el = el.parentNode || el.host) if (el.dataset && el.dataset.stale === 'true') return true;
    return false;
  };
  const found = [];
  const walk = (root) => root.querySelectorAll('*').forEach((el) => {
    if (el.matches('svg.bm-closeup')) found.push(el);
    if (el.shadowRoot) walk(el.shadowRoot);
  });
  walk(document);
  return found.some((svg) => !stale(svg) && views.includes(svg.dataset.view) && (!side || svg.dataset.side === side));
}"""


def drawn(page, closeups, side: str | None = None) -> None:
    """Wait, as a user waits, until the picture asked for is drawn (one of `closeups`, on
    `side`) and the run that drew it has ended (a loaded machine may be a run or two behind)."""
    page.wait_for_function(_DRAWN_JS, arg=[list(closeups), side], timeout=30_000)
    wait_for_app(page)


def show(page, closeup_id: str, side: str, touch: bool = False) -> None:
    """Open one of the body part's pictures from the row under it, then its side from the
    side row (a picture that is the same on both sides has no side row)."""
    two_sides = has_two_sides(load_geometry(), closeup_id)
    if closeup(page).get_attribute("data-view") != closeup_id:
        press(page.locator(f".st-key-pain_pictures [data-choice^='{closeup_id}|']"), touch)
        drawn(page, [closeup_id])
    if two_sides and closeup(page).get_attribute("data-side") != side:
        press(page.locator(f".st-key-pain_sides [data-choice='{side}']"), touch)
    drawn(page, [closeup_id], side if two_sides else None)


def chosen(page, target: str) -> bool:
    return page.locator(f"[data-target='{target}']").first.get_attribute("aria-pressed") == "true"
