"""No text from content or from a user is ever run as markup. A content pack with <script>,
<img onerror>, attribute-breaking quotes and javascript: links in its names, summaries,
exercises, topics and sources is shown on every page in Chromium, and a hostile handout note
goes into the PDF: nothing runs, nothing is parsed as HTML, and the text reads as typed."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import MINIMAL, ROOT
from tests.e2e.conftest import screenshot
from tests.e2e.dom import injection_traces, loads_finished
from tests.e2e.support import download, open_app, settle, start_app, stop_app, wait_for_app

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '<svg onload="window.__pwned=1"></svg>'
ATTR = '" onmouseover="window.__pwned=1" data-x="'
# `check` refuses a markdown link to javascript: (tests/test_bad_content.py), so the pack carries the
# scheme as bare text, which must stay text.
LINK = "read more: javascript:window.__pwned=1"


def _rewrite(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _all_audiences(text: dict, tail: str) -> None:
    for audience in text:
        text[audience] = f"{text[audience]} {tail}"


def build_hostile_pack(target):
    shutil.copytree(MINIMAL, target)

    def region(d):
        r = d["regions"][0]
        r["name"] = f"Neck {IMG}{ATTR}"
        _all_audiences(r["overview"], f"{SCRIPT} {LINK}")
        r["suitability"]["helps"][0] += f" {IMG}"

    def muscle(d):
        m = d["muscles"][0]
        m["name"] = f"Upper trapezius {SCRIPT}{ATTR}"
        _all_audiences(m["summary"], f"{IMG} {SVG} {LINK}")
        m["trigger_points"][0]["description"] += f" {IMG}{ATTR}"
        m["patients_notice"][0] += f" {SCRIPT}"
        m["key_facts"][0] += f" {IMG}"

    def exercise(d):
        e = d["exercises"][0]
        e["name"] = f"Chin nod {IMG}"
        e["steps"][0] += f" {SCRIPT}"
        e["dosage"] += f" {IMG}"

    def topic(d):
        t = d["topics"][0]
        t["title"] = f"What it is {IMG}"
        t["sections"][0]["heading"] = f"In one sentence {SCRIPT}"
        _all_audiences(t["sections"][0]["body"], f"{IMG} {LINK}")

    def source(d):
        d["sources"][0]["title"] += f" {IMG} {SCRIPT}"

    def safety(d):
        d["red_flags"][0] += f" {IMG}"

    _rewrite(target / "regions" / "neck.yaml", region)
    _rewrite(target / "muscles" / "neck.yaml", muscle)
    _rewrite(target / "exercises" / "neck.yaml", exercise)
    _rewrite(target / "topics" / "what-it-is.yaml", topic)
    _rewrite(target / "sources" / "references.yaml", source)
    _rewrite(target / "safety.yaml", safety)
    return target


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    pack = build_hostile_pack(tmp_path_factory.mktemp("hostile") / "content")
    check = subprocess.run([sys.executable, "-m", "bodymap", "--content", str(pack), "check"],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, f"the hostile pack must be valid content: {check.stderr}"
    proc, url = start_app(ROOT / "app.py", {"BODYMAP_CONTENT_DIR": str(pack)})
    yield url
    log = stop_app(proc)
    assert "Traceback" not in log, log


class Watched:
    """A page whose dialogs are recorded; `check()` fails if any payload ran or was parsed."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self, where: str) -> None:
        loads_finished(self.page)  # any onload or onerror handler has had its chance to run
        assert not self.dialogs, f"{where}: a dialog opened: {self.dialogs}"
        assert self.page.evaluate("() => typeof window.__pwned") == "undefined", f"{where}: a payload ran"
        traces = injection_traces(self.page)
        assert not traces, f"{where}: injected markup became elements: {traces}"


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Watched(page)
    context.close()


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def hover_over(page, selector: str) -> None:
    """Move the mouse across a figure, so hover labels and mouse handlers fire."""
    box = page.locator(selector).first.bounding_box()
    for i in range(1, 8):
        for j in range(1, 8):
            page.mouse.move(box["x"] + box["width"] * i / 8, box["y"] + box["height"] * j / 8)
    settle(page)


def test_explorer_shows_hostile_names_as_text(watched, hostile_url):
    page = watched.page
    open_app(page, f"{hostile_url}/?region=neck&muscle=upper-trapezius&audience=clinician")
    page.locator(".bm-essential").first.wait_for()
    watched.check("explorer")
    text = main_text(page)
    assert SCRIPT in text, "the muscle's name is shown, as plain text"
    labels = page.locator("[data-target='neck']").get_attribute("aria-label")
    assert labels == f"Neck {IMG}{ATTR}", "the map's label holds the name exactly, quotes and all"
    hover_over(page, ".bm-svg-box svg")
    page.locator("[data-target='neck']").focus()
    watched.check("explorer, after hovering and focusing the map")
    page.get_by_role("tab", name="Exercises").click()
    wait_for_app(page)
    page.locator("[data-testid='stExpander'] summary").filter(has_text="Chin nod").click()
    wait_for_app(page)
    page.get_by_text("Lie on your back", exact=False).first.wait_for()
    watched.check("explorer, exercise card")
    page.get_by_role("tab", name="Sources").click()
    wait_for_app(page)
    watched.check("explorer, sources tab")
    screenshot(page, "hostile-explorer-desktop")
    open_app(page, f"{hostile_url}/?muscle=upper-trapezius&mode=present")
    page.locator(".bm-essential").first.wait_for()
    watched.check("explorer, present mode")


def test_learn_sources_and_pain_finder(watched, hostile_url):
    page = watched.page
    open_app(page, f"{hostile_url}/learn?topic=what-it-is")
    page.locator("[data-testid='stMain'] h2").first.wait_for()
    watched.check("learn")
    assert f"In one sentence {SCRIPT}" in main_text(page)
    page.get_by_text("Red flags: when to contact your provider").first.click()
    watched.check("learn, red flags open")
    open_app(page, f"{hostile_url}/sources")
    watched.check("sources")
    assert IMG in main_text(page)
    open_app(page, f"{hostile_url}/pain_finder?areas=temple-right")
    page.locator("[class*='st-key-pain_result_']").first.wait_for()
    watched.check("pain finder")
    assert SCRIPT in main_text(page)


def test_study_tools_and_the_printable_sheet(watched, hostile_url):
    page = watched.page
    open_app(page, f"{hostile_url}/study?tab=cards")
    page.locator("[class*='st-key-card_']").first.wait_for()
    watched.check("study cards")
    sheet_file = download(page, "Printable sheet")
    sheet = Path(sheet_file.path()).read_text(encoding="utf-8")
    sheet_file.delete()
    page.set_content(sheet)  # open the downloaded sheet, as a student would
    watched.check("printable study sheet")
    assert SCRIPT in page.locator("body").inner_text()
    # Hovered, so that the names the pack wrote show in the figure's hover text and the atlas's titles.
    for tool, shown in (("compare&muscles=upper-trapezius", ".js-plotly-plot"), ("atlas", "svg.bm-svg")):
        open_app(page, f"{hostile_url}/study?tab={tool}")
        page.locator(shown).first.wait_for()
        hover_over(page, shown)
        watched.check(f"study {tool}")
    open_app(page, f"{hostile_url}/study?tab=quiz&seed=7")
    options = page.locator(".st-key-quiz_options button")
    if options.count():
        options.first.click()
        wait_for_app(page)
    watched.check("study quiz")


def test_handout_page_and_pdf_with_a_hostile_note(watched, hostile_url):
    page = watched.page
    open_app(page, f"{hostile_url}/handout?region=neck&muscle=upper-trapezius")
    page.get_by_role("button", name="Download the handout (PDF)").wait_for()
    watched.check("handout")
    note = f"Note {IMG} and {SCRIPT} {ATTR}"
    page.get_by_role("textbox", name="A short note for the patient").fill(note)
    page.keyboard.press("Control+Enter")
    wait_for_app(page)
    page.get_by_text("Your note, exactly as it will print").wait_for()
    watched.check("handout with the note")
    assert note in main_text(page), "the note is previewed exactly as typed"
    pdf = download(page, "Download the handout (PDF)")
    data = Path(pdf.path()).read_bytes()
    pdf.delete()
    watched.check("handout after the download")
    assert b"/JavaScript" not in data and not re.search(rb"/JS\b", data), "the PDF carries no script"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    flat = re.sub(r"\s+", "", text)
    for part in (IMG, SCRIPT):
        assert re.sub(r"\s+", "", part) in flat, f"the PDF prints {part!r} as text"
    screenshot(page, "hostile-handout-desktop")
