"""From a muscle in the explorer to a downloaded handout PDF, in real Chromium."""
from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.conftest import screenshot
from tests.e2e.support import download, open_app, wait_for_app


def test_handout_from_the_explorer_downloads_a_pdf_that_says_what_it_should(page, app_url, content):
    muscle = content.muscles["supinator"]
    open_app(page, f"{app_url}/?muscle={muscle.id}&side=left")
    page.get_by_role("link", name="Make a patient handout for this").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Patient handout").wait_for()
    main = page.locator("[data-testid='stMain']")
    assert main.get_by_text(muscle.name).count() >= 1  # prefilled from the link
    main.get_by_role("img", name="Arm and hand").first.wait_for()  # the preview: the close-up
    note = "Ice 10 min <b>not bold</b> — see you Tuesday"
    page.get_by_role("textbox", name="A short note for the patient").fill(note)
    page.keyboard.press("Control+Enter")
    wait_for_app(page)
    pdf = download(page, "Download the handout (PDF)")
    assert pdf.suggested_filename.endswith(".pdf")
    data = Path(pdf.path()).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert muscle.name in text and "Elbow" in text
    assert "Arm and hand" in text  # the picture is the region's close-up, as in the explorer
    assert "<b>not bold</b>" in text  # the note, as typed
    assert content.safety.general_red_flags[0].printed in text.replace("\n", " ")  # the red flags, short
    screenshot(page, "handout-desktop")
