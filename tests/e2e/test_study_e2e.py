"""Study in real Chromium: answer a quiz question by tapping, compare two muscles side by side, screenshots."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

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


@pytest.mark.parametrize("device", ["desktop", "tablet"])
def test_compare_a_look_alike_pair_side_by_side_on_two_close_ups(page, tablet_page, app_url, device):
    p = page if device == "desktop" else tablet_page
    open_app(p, f"{app_url}/study?tab=compare")
    button = p.get_by_role("button", name="Gastrocnemius vs Soleus")
    button.tap() if device == "tablet" else button.click()
    wait_for_app(p)
    gastroc = p.locator(".st-key-compare_closeup_gastrocnemius img")
    soleus = p.locator(".st-key-compare_closeup_soleus img")
    expect(gastroc).to_have_attribute("alt", re.compile(r"^Gastrocnemius \(right side\) on a close-up"))
    expect(soleus).to_have_attribute("alt", re.compile(r"^Soleus \(right side\) on a close-up"))
    soleus.scroll_into_view_if_needed()
    settle(p)
    a, b = gastroc.bounding_box(), soleus.bounding_box()
    # two pictures of one size, next to each other, not one on top of the other
    assert abs(a["y"] - b["y"]) < 4 and b["x"] >= a["x"] + a["width"], (a, b)
    assert abs(a["width"] - b["width"]) < 2 and a["height"] > 250, (a, b)
    assert not p.locator(".js-plotly-plot").count()  # no overlapping figure
    screenshot(p, f"study-compare-{device}")

