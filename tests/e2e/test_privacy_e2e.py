"""Nothing a user enters is written to disk or to the logs.

A unique marker goes into everything a user can type or send: the pain finder's link and
its area search box, the handout's note and a dosage (which takes only numbers). The PDF is downloaded (the marker must
be in it, so the input really reached the server). Then no file under the repository, the
temp dir or the home dir that changed during the test holds the marker, and neither does
the server's own output.
"""
from __future__ import annotations

import io
import os
import tempfile
import time
import uuid
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import ROOT
from tests.e2e.support import download, open_app, start_app, stop_app, wait_for_app

MAX_SCAN_BYTES = 200_000_000


def files_changed_since(roots: list[Path], since: float):
    seen: set[tuple[int, int]] = set()
    for root in roots:
        for folder, dirs, files in os.walk(root, onerror=lambda e: None):
            dirs[:] = [d for d in dirs if d not in ("proc", "sys")]
            for name in files:
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path, follow_symlinks=False)
                except OSError:
                    continue
                if (st.st_dev, st.st_ino) in seen or not os.path.isfile(path) or os.path.islink(path):
                    continue
                seen.add((st.st_dev, st.st_ino))
                if max(st.st_mtime, st.st_ctime) >= since and st.st_size <= MAX_SCAN_BYTES:
                    yield Path(path)


def holds(path: Path, needles: list[bytes]) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any(n in data for n in needles)


def test_what_a_user_enters_leaves_no_trace_on_disk_or_in_logs(browser):
    marker = f"PRIVACYMARK{uuid.uuid4().hex}"
    needles = [marker.encode(), marker.encode("utf-16-le")]
    since = time.time() - 2
    proc, url = start_app(ROOT / "app.py")
    log = ""
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.set_default_timeout(15_000)

        # Pain finder: the marker in the link and typed into the area search box.
        open_app(page, f"{url}/pain_finder?areas=heel-left,{marker}")
        page.locator("[class*='st-key-pain_result_']").first.wait_for()
        search = page.locator("[data-testid='stMultiSelect'] input").first
        search.click()
        search.fill(marker)
        expect(page.get_by_text("No results")).to_be_visible()  # the search has seen the text
        page.keyboard.press("Escape")
        page.locator("[data-target='calf-left'] path").first.click()
        wait_for_app(page)

        # Handout: the marker in the note, and typed at a dosage (numbers only: it cannot land
        # there), then the PDF; the printed link never holds what was typed.
        open_app(page, f"{url}/handout?region=calf&muscle=soleus")
        page.get_by_role("textbox", name="A short note for the patient").fill(f"Private note {marker}")
        page.keyboard.press("Control+Enter")
        wait_for_app(page)
        page.get_by_text("Set the amount for").first.click()
        wait_for_app(page)
        sets = page.get_by_role("spinbutton", name="Sets").first
        sets.click()
        page.keyboard.type(marker[:20])
        page.keyboard.press("Enter")
        wait_for_app(page)
        assert marker[:20] not in sets.input_value()
        page.get_by_text("Your note, exactly as it will print").wait_for()
        printed = page.locator("code").filter(has_text="/plan?").inner_text()
        assert marker not in printed and "dose=" in printed
        pdf = download(page, "Download the handout (PDF)")
        data = Path(pdf.path()).read_bytes()
        pdf.delete()  # the browser's download copy is the user's, not the app's
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\n", "")
        assert marker in text, "the note reached the server and the PDF"
        context.close()
    finally:
        log = stop_app(proc)

    assert marker not in log and marker[:20] not in log, "the server logged what the user typed"
    roots = [ROOT, Path(tempfile.gettempdir()), Path.home()]
    written = [str(p) for p in files_changed_since(roots, since) if holds(p, needles)]
    assert not written, f"files holding what the user typed: {written}"
