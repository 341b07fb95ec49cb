"""Study in real Chromium: answer a quiz question by tapping, hover a comparison, screenshots."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bodymap.body_svg import view_offsets
from tests.e2e.conftest import screenshot
from tests.e2e.support import open_app, settle, wait_for_app


def feedback(page):
    return page.locator("[data-testid='stAlert']").filter(has_text="Right:").or_(
        page.locator("[data-testid='stAlert']").filter(has_text="Not quite."))


@pytest.mark.parametrize("device", ["desktop", "tablet"])
def test_answer_a_quiz_question_and_see_the_feedback(page, tablet_page, app_url, device):
    p = page if device == "desktop" else tablet_page
    open_app(p, f"{app_url}/study?tab=quiz&seed=42")
    first = p.locator(".st-key-quiz_options button").first
    first.wait_for()
    screenshot(p, f"study-quiz-question-{device}")
    if device == "tablet":
        first.tap()
    else:
        first.click()
    wait_for_app(p)
    feedback(p).first.wait_for()
    assert p.locator(".st-key-quiz_options button:disabled").count() >= 3  # one answer per question
    p.locator("[class*='st-key-quiz_next_0'] button").wait_for()
    screenshot(p, f"study-quiz-feedback-{device}")
    p.locator("[class*='st-key-quiz_next_0'] button").click()
    wait_for_app(p)
    p.get_by_text("Question 2 of 10").wait_for()


def plot_point(page, x: float, y: float) -> tuple[float, float]:
    """Page pixel of a map point inside the first Plotly figure."""
    figure = page.locator(".js-plotly-plot").first
    figure.evaluate("el => el.scrollIntoView({block: 'center'})")
    settle(page)
    box = figure.bounding_box()
    px, py = page.evaluate(
        """([x, y]) => { const gd = document.querySelector('.js-plotly-plot'); const L = gd._fullLayout;
                         return [L.xaxis.l2p(x) + L.xaxis._offset, L.yaxis.l2p(y) + L.yaxis._offset]; }""",
        [x, y],
    )
    return box["x"] + px, box["y"] + py


def test_compare_a_look_alike_pair_and_hover_an_area(page, app_url, geometry):
    open_app(page, f"{app_url}/study?tab=compare")
    page.get_by_role("button", name="Gastrocnemius vs Soleus").click()
    wait_for_app(page)
    page.locator(".js-plotly-plot .nsewdrag").first.wait_for()  # Plotly has drawn its hover layer
    heel = geometry.areas["heel-right"]
    x, y = heel.anchor
    x += view_offsets(geometry, ("front", "back"))[heel.view]
    page.mouse.move(*plot_point(page, x, y))
    hover = page.locator(".hoverlayer").first
    expect(hover).to_contain_text("Heel (right)")
    expect(hover).to_contain_text("Soleus")
    screenshot(page, "study-compare-desktop")


@pytest.mark.parametrize("tab", ["cards", "atlas"])
def test_screenshots_of_cards_and_atlas(page, tablet_page, app_url, tab):
    for name, p in (("desktop", page), ("tablet", tablet_page)):
        open_app(p, f"{app_url}/study?tab={tab}")
        if tab == "atlas":
            p.locator(".js-plotly-plot").first.wait_for()
        else:
            p.locator("[class*='st-key-card_']").first.wait_for()
        settle(p)
        screenshot(p, f"study-{tab}-{name}")
