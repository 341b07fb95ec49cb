"""The patient handout PDF: what a patient holding the paper would see.

Text is read back with pypdf; the picture and the QR code are checked on a rendered page
(pdftoppm from Debian's poppler-utils), so the tests look at the printed result, not at
the code that drew it.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from bodymap import citations
from bodymap.dosage import Dosage
from bodymap.handout.pdf import red_flag_heading
from bodymap.render import print_picture
from bodymap import handout as H
from bodymap.render.closeup_svg import best_view
from bodymap.render.closeup_svg import shown as closeup_shown
from bodymap.handout import (
    HandoutError,
    HandoutRequest,
    build_handout,
    note_problems,
    plan_handout,
)
from bodymap.share import qr_png, view_url

BASE = "https://clinic.example/bodymap"
DATE = dt.date(2026, 3, 9)
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")

# A realistic 1,000-character note: words, line breaks and punctuation.
LONG_NOTE = ("Do the chin nods before work and again after lunch. Keep the movement small and slow.\n"
             "If the headache comes back, note the time and what you were doing. ") * 8
LONG_NOTE = LONG_NOTE[:H.MAX_NOTE_CHARS].strip()


def text_of(pdf: bytes) -> str:
    """All the PDF's text with runs of whitespace made single spaces (lines wrap anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def printed_link(request: HandoutRequest, pdf: bytes) -> bool:
    """The link is printed (a long address may be broken over lines after '?' or '&')."""
    return request.link() in text_of(pdf).replace(" ", "")


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def render(pdf: bytes, tmp_path, page: int = 1, dpi: int = 60):
    from PIL import Image

    src = tmp_path / "h.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(src), str(tmp_path / "page")], check=True)
    return Image.open(tmp_path / "page.png").convert("RGB")


def largest(content, region_id: str, paper: str = "A4") -> HandoutRequest:
    """Every muscle of the region, six exercises (the region's, then the wordiest others), a full note."""
    def words(eid):
        e = content.exercises[eid]
        return len(" ".join([e.purpose, *e.steps, e.dosage, e.feel, *e.stop_if]))

    paired = list(content.regions[region_id].exercises)
    others = sorted((e for e in content.exercises if e not in paired), key=words, reverse=True)
    return HandoutRequest(
        region=region_id,
        muscles=tuple(m.id for m in content.muscles_in(region_id)),
        exercises=tuple((paired + others)[:6]),
        note=LONG_NOTE, paper=paper, base_url=BASE, date=DATE,
    )


def simple(content, **changes) -> HandoutRequest:
    region = next(iter(content.regions.values()))
    muscle = content.muscles_in(region.id)[0]
    fields = dict(region=region.id, muscles=(muscle.id,), exercises=tuple(region.exercises[:2]),
                  base_url=BASE, date=DATE)
    return HandoutRequest(**{**fields, **changes})


@pytest.fixture(scope="module")
def neck_pdf(content, geometry):
    request = simple(content, note="Walk daily.\nCall me on Monday.", dosage={})
    return request, build_handout(content, geometry, request)


# ---------------------------------------------------------------- validation


def test_problems_name_what_is_wrong(content):
    region = next(iter(content.regions))
    other = next(m for m in content.muscles.values() if m.region != region)
    problems = HandoutRequest(region="nowhere", muscles=("no-such-muscle",), exercises=("no-such-exercise",),
                              base_url=BASE).problems(content)
    text = "\n".join(problems)
    assert "Unknown region 'nowhere'" in text
    assert "Unknown muscle 'no-such-muscle'" in text
    assert "Unknown exercise 'no-such-exercise'" in text

    wrong_region = simple(content, muscles=(other.id,)).problems(content)
    assert any(other.id in p and "belongs to" in p for p in wrong_region)

    assert any("at least 1 exercise" in p for p in simple(content, exercises=()).problems(content))
    seven = tuple(list(content.exercises)[:7])
    assert any("at most 6 exercises; 7 were chosen" in p for p in simple(content, exercises=seven).problems(content))
    assert any("A4 or Letter" in p for p in simple(content, paper="A5").problems(content))
    assert any("http" in p for p in simple(content, base_url="javascript:alert(1)").problems(content))
    stray = simple(content, dosage={"no-such-exercise": Dosage(3)}).problems(content)
    assert any("not one of the chosen exercises" in p for p in stray)


def test_a_valid_request_has_no_problems(content):
    assert simple(content).problems(content) == []
    assert largest(content, next(iter(content.regions))).problems(content) == []


def test_build_refuses_a_bad_request_with_every_problem(content, geometry):
    with pytest.raises(HandoutError) as caught:
        build_handout(content, geometry, HandoutRequest(region="nowhere", exercises=(), base_url=BASE))
    assert len(caught.value.problems) >= 2
    assert "nowhere" in str(caught.value)


# ---------------------------------------------------------------- what is printed


def test_pdf_opens_and_has_the_handout_text(content, geometry, neck_pdf):
    request, pdf = neck_pdf
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    region = content.regions[request.region]
    assert f"Dry needling handout: {region.name}" in text
    assert "9 March 2026" in text
    assert flat(region.overview.patient)[:80] in text
    for mid in request.muscles:
        assert content.muscles[mid].name in text
        assert flat(content.muscles[mid].summary.patient)[:60] in text
    for eid in request.exercises:
        exercise = content.exercises[eid]
        assert exercise.name in text
        assert flat(exercise.dosage) in text
        for stop in exercise.stop_if:
            assert flat(stop) in text
    # each red flag in short (its short form), under what to do, the most urgent first
    from bodymap.safety import red_flag_groups

    groups = red_flag_groups(content, request.region)
    for group in groups:
        assert red_flag_heading(group.action) in text
        for flag in group.flags:
            assert flat(flag.short) in text
    assert text.index(groups[0].action.rstrip(".")) < text.index(groups[-1].action.rstrip("."))
    assert flat(content.safety.contact_line) in text
    assert flat(content.safety.disclaimer) in text
    assert "Walk daily. Call me on Monday." in text
    assert printed_link(request, pdf)
    assert "Sources:" in text


def test_the_education_line_is_on_every_page(content, geometry):
    pdf = build_handout(content, geometry, largest(content, next(iter(content.regions))))
    pages = PdfReader(io.BytesIO(pdf)).pages
    for number, page in enumerate(pages, start=1):
        assert flat(content.safety.disclaimer) in flat(page.extract_text())
        assert f"Page {number} of {len(pages)}" in page.extract_text()


def test_timeline_and_aftercare_come_from_the_topics(content, geometry, neck_pdf):
    text = text_of(neck_pdf[1])
    for tid in ("timeline", "aftercare"):
        if tid not in content.topics:
            pytest.skip(f"topic {tid} not written yet")
        for section in content.topics[tid].sections:
            assert flat(section.body.patient)[:50] in text


def test_missing_topics_are_left_out_and_said(minimal, geometry):
    request = HandoutRequest(region="neck", muscles=(), exercises=("chin-nod",), base_url=BASE, date=DATE)
    plan = plan_handout(minimal, geometry, request)
    assert any("timeline" in m for m in plan.missing) and any("aftercare" in m for m in plan.missing)
    assert "Chin nod" in text_of(build_handout(minimal, geometry, request))


def test_edited_dosage_is_printed_instead_of_the_default(content, geometry):
    base = simple(content)
    eid = base.exercises[0]
    request = simple(content, dosage={eid: Dosage(sets=1, reps=5, hold=10, per_day=2)})
    text = text_of(build_handout(content, geometry, request))
    assert ("Do it 5 times. Hold each one for 10 seconds. Do this twice a day, every day. (set by your therapist)"
            in text)
    assert flat(content.exercises[eid].dosage) not in text


def test_sources_of_the_chosen_items_are_listed(content, geometry, neck_pdf):
    request, pdf = neck_pdf
    text = text_of(pdf)
    for sid in content.regions[request.region].sources:
        assert flat(citations.short(content.sources[sid])) in text


def test_fonts_are_bundled_and_embedded(neck_pdf):
    assert H.FONT_REGULAR.is_file() and H.FONT_BOLD.is_file()
    assert (H.FONT_REGULAR.parent / "LICENSE").is_file()
    fonts = set()
    for page in PdfReader(io.BytesIO(neck_pdf[1])).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("DejaVuSans" in f for f in fonts)


# ---------------------------------------------------------------- size


_LARGEST: dict[tuple[str, str], bytes] = {}


def largest_pdf(content, geometry, region_id: str, paper: str = "A4") -> bytes:
    """The largest handout of a region, built once for the tests that read it."""
    if (region_id, paper) not in _LARGEST:
        _LARGEST[region_id, paper] = build_handout(content, geometry, largest(content, region_id, paper))
    return _LARGEST[region_id, paper]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_largest_selection_fits_in_two_pages(content, geometry, paper):
    # Every region on A4; on Letter (shorter, a little wider) the three with the most muscles,
    # whose handouts are the fullest: each largest handout takes seconds to lay out.
    regions = list(content.regions) if paper == "A4" else sorted(
        content.regions, key=lambda r: len(content.muscles_in(r)), reverse=True)[:3]
    for region_id in regions:
        request = largest(content, region_id, paper)
        assert len(request.muscles) == len(content.muscles_in(region_id)) and len(request.exercises) == 6
        pdf = largest_pdf(content, geometry, region_id, paper)
        assert pages_of(pdf) <= 2, (region_id, paper)
        text = text_of(pdf)
        assert request.note.split("\n")[0] in text  # nothing was dropped to make it fit
        assert all(content.exercises[e].name in text for e in request.exercises)
        assert printed_link(request, pdf)


def test_paper_size_is_what_was_asked(content, geometry):
    for paper, (w_mm, h_mm) in H.PAGE_SIZES.items():
        page = PdfReader(io.BytesIO(build_handout(content, geometry, simple(content, paper=paper)))).pages[0]
        assert abs(float(page.mediabox.width) - w_mm / 25.4 * 72) < 1
        assert abs(float(page.mediabox.height) - h_mm / 25.4 * 72) < 1


def test_a_small_handout_uses_a_larger_font_than_the_largest(content, geometry):
    region = next(iter(content.regions))
    small = plan_handout(content, geometry, simple(content))
    big = plan_handout(content, geometry, largest(content, region))
    assert H.layout_fit(small, geometry)[:2] > H.layout_fit(big, geometry)[:2] or H.layout_fit(big, geometry)[1] > 0
    # 8.5 pt: the region's own red flags and the exercise pictures take room a small handout had
    assert H.layout_fit(small, geometry)[0] >= 8.5


# ---------------------------------------------------------------- the picture and the QR code


@needs_pdftoppm
def test_picture_shows_the_referral_zone(content, geometry, tmp_path):
    def referral_pixels(request) -> int:
        page = render(build_handout(content, geometry, request), tmp_path)
        # the picture only (top of the left column): the alert box below shares the colour
        image = page.crop((0, 0, page.width // 2, int(page.height * 0.4)))
        # the essential zone is vermillion (#d55e00) at 85% over skin: about (218, 115, 34)
        return sum(1 for r, g, b in image.get_flattened_data() if abs(r - 218) < 25 and abs(g - 115) < 30 and b < 80)

    with_muscle = referral_pixels(simple(content))
    without = referral_pixels(simple(content, muscles=()))
    assert with_muscle > 150, with_muscle
    assert without < with_muscle / 10, (without, with_muscle)


@needs_pdftoppm
def test_picture_shows_the_trigger_point_marks(content, geometry, tmp_path):
    def dark_pixels(request) -> int:
        page = render(build_handout(content, geometry, request), tmp_path, dpi=100)
        picture = page.crop((0, 0, page.width // 2, int(page.height * 0.3)))
        # the marks' near-black (#1a1a1a); the text ink (#1f2a33) is lighter
        return sum(1 for r, g, b in picture.get_flattened_data() if r + g + b < 100)

    with_marks, without = dark_pixels(simple(content)), dark_pixels(simple(content, muscles=()))
    assert with_marks > 30 and without < with_marks / 5, (with_marks, without)


def test_legend_explains_the_picture_in_words(content, geometry):
    region = next(iter(content.regions.values()))
    muscles = tuple(m.id for m in content.muscles_in(region.id))[:3]
    text = text_of(build_handout(content, geometry, simple(content, muscles=muscles)))
    for words in ("Where the pain is usually felt", "Trigger point: a tight, tender spot in the muscle",
                  "the number is the muscle's number in the list", "The muscles, drawn where they lie"):
        assert words in text


def test_picture_is_the_region_closeup(content, geometry, neck_pdf):
    request, pdf = neck_pdf
    plan = plan_handout(content, geometry, request)
    assert plan.picture.closeups, "the handout draws the region's close-up"
    first = plan.picture.closeups[0]
    label = geometry.closeups[first.closeup].label
    text = text_of(pdf)
    # the close-up's own title and the sides, as the app shows them
    assert f"{label}, right side" in text or f"{label} (right side)" in text
    assert "person's left" in text and "person's right" in text
    assert "The muscle, drawn where it lies" in text
    assert "The body region this handout is about" not in text  # the whole-body map's key


def test_closeups_hold_the_pattern_or_name_what_they_leave_out(content, geometry):
    """Each muscle's handout pictures show its essential zone, the first one the close-up the
    app opens the muscle on; a zone no picture shows is named in words under them."""
    for region in content.regions.values():
        for muscle in content.muscles_in(region.id):
            picture = plan_handout(content, geometry, simple(content, region=region.id, muscles=(muscle.id,),
                                                            exercises=tuple(region.exercises[:1]))).picture
            assert 1 <= len(picture.closeups) <= print_picture.MAX_CLOSEUPS
            assert picture.closeups[0].closeup == best_view(geometry, region.closeups, muscle, "right"), muscle.id
            shown = set().union(*(closeup_shown(geometry, spec) for spec in picture.closeups))
            assert shown & picture.overlay.essential, muscle.id
            zones = picture.overlay.essential | picture.overlay.spillover
            assert {geometry.areas[i].label for i in zones - shown} == set(picture.elsewhere), muscle.id


def test_zones_the_pictures_leave_out_are_printed_in_words(content, geometry):
    request = simple(content, region="calf", muscles=("soleus",), exercises=tuple(content.regions["calf"].exercises[:1]))
    picture = plan_handout(content, geometry, request).picture
    assert picture.elsewhere  # the soleus's rare sacroiliac spillover is far from the calf
    text = text_of(build_handout(content, geometry, request))
    assert "It can also be felt at: " + ", ".join(picture.elsewhere).lower() in text


@needs_pdftoppm
def test_picture_shows_the_muscle(content, geometry, tmp_path):
    def outline_pixels(request) -> int:
        page = render(build_handout(content, geometry, request), tmp_path, dpi=150)
        image = page.crop((0, 0, page.width // 2, int(page.height * 0.45)))
        # the chosen muscle's dark plum edge (#7a3b63); its pale neighbours' edges are lighter
        return sum(1 for r, g, b in image.get_flattened_data()
                   if 95 < r < 160 and 35 < g < 100 and 75 < b < 140 and r > g + 30 and b > g + 15)

    with_muscle, without = outline_pixels(simple(content)), outline_pixels(simple(content, muscles=()))
    assert with_muscle > 500 and without < with_muscle / 5, (with_muscle, without)


def test_picture_is_vector_drawing(neck_pdf):
    page = PdfReader(io.BytesIO(neck_pdf[1])).pages[0]
    ops = page.get_contents().get_data()
    assert ops.count(b" l\n") + ops.count(b" l ") > 200  # many line segments: the outlines
    assert b" re" in ops  # rectangles: the QR modules and legend swatches


@needs_pdftoppm
def test_qr_code_decodes_to_the_printed_link(content, geometry, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    request = simple(content, side="left")
    pdf = build_handout(content, geometry, request)
    pages = pages_of(pdf)
    found = []
    for page in range(1, pages + 1):
        found += [b.text for b in zxingcpp.read_barcodes(render(pdf, tmp_path, page, dpi=150))]
    assert found == [request.link()]
    assert printed_link(request, pdf)
    assert request.link().startswith(BASE + "/plan?region=") and "side=left" in request.link()
    assert "audience=patient" in request.link() and "ex=" in request.link()


def test_qr_png_decodes(content):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    url = view_url(BASE, region="neck", muscle="upper-trapezius")
    assert [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))] == [url]


# ---------------------------------------------------------------- the note is untrusted text


def _as_typed_or_refused(content, geometry, note: str, must_name: str | None = None):
    request = simple(content, note=note)
    problems = note_problems(note)
    if problems:
        with pytest.raises(HandoutError) as caught:
            build_handout(content, geometry, request)
        message = str(caught.value)
        assert "note" in message.lower()
        if must_name:
            assert must_name in message
        return None
    text = text_of(build_handout(content, geometry, request))
    assert flat(note) in text
    return text


@pytest.mark.parametrize("note", [
    "<script>alert(1)</script>",
    "**not bold** __not italic__ --not struck-- [not a link](http://x) & < > \" '",
    "Stretch 3× daily → 30 s each; ½ dose if sore (≤ 2/10).",
    "Müller, Øre, Ñandú, Łódź, Ελληνικά, Кириллица",
    "{nb} {{page}} %s %(x)s \\n \\\\",
])
def test_note_prints_as_typed(content, geometry, note):
    assert note_problems(note) == []
    assert _as_typed_or_refused(content, geometry, note) is not None


@pytest.mark.parametrize("note", ["שלום, נתראה ביום שני", "مرحبا، نراك يوم الاثنين"])
def test_right_to_left_note_prints_as_typed_or_is_refused(content, geometry, note):
    text = _as_typed_or_refused(content, geometry, note, must_name="uharfbuzz")
    if H.shaping_available():
        assert text is not None


def test_mixed_direction_note_keeps_every_word(content, geometry):
    # Mixed left-to-right and right-to-left text on one line: every word is printed, in
    # its own direction. (fpdf2 can move the space next to digits that follow Arabic.)
    note = "Hello שלום and مرحبا 123"
    if not H.shaping_available():
        assert any("uharfbuzz" in p for p in note_problems(note))
        return
    text = text_of(build_handout(content, geometry, simple(content, note=note)))
    start = text.index("A note from your therapist")
    printed = text[start:start + 80]
    for word in note.split():
        assert word in printed


def test_emoji_prints_or_is_refused_by_name(content, geometry):
    note = "Great work 👍 see you soon"
    problems = note_problems(note)
    if problems:
        assert "U+1F44D" in problems[0] and "THUMBS UP SIGN" in problems[0]
    _as_typed_or_refused(content, geometry, note, must_name="U+1F44D")


def test_control_characters_are_refused_by_name(content, geometry):
    _as_typed_or_refused(content, geometry, "ring\x07bell", must_name="U+0007")
    assert note_problems("ring\x07bell")


def test_note_limits(content, geometry):
    assert note_problems("x" * H.MAX_NOTE_CHARS) == []
    too_long = note_problems("y" * 5000)
    assert too_long and "5,000 characters" in too_long[0] and "1,000" in too_long[0]
    _as_typed_or_refused(content, geometry, "y" * 5000, must_name="5,000 characters")
    lines = note_problems("a\n" * (H.MAX_NOTE_LINES + 1))
    assert lines and f"limit is {H.MAX_NOTE_LINES}" in lines[0]


def test_a_1000_character_word_wraps_inside_the_page(content, geometry, tmp_path):
    note = "z" * H.MAX_NOTE_CHARS
    text = text_of(build_handout(content, geometry, simple(content, note=note))).replace(" ", "")
    assert note in text


# Every way a person's text can say "new line": Windows and old Mac line ends, the Unicode
# line and paragraph separators word processors paste, NEL, vertical tab, form feed.
# The Unicode line and paragraph separators are not among them: they get the control
# characters' message (see above).
LINE_BREAKS = ["\x85", "\x0b", "\x0c", "\r\n", "\r"]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_line_and_paragraph_separators_get_the_control_character_message(content, separator):
    problems = simple(content, note=f"first line{separator}second line").problems(content)
    assert any(f"U+{ord(separator):04X}" in p and "invisible control codes cannot be printed" in p for p in problems)


def test_a_note_one_character_too_long_says_1_character(content):
    problems = simple(content, note="x" * 1001).problems(content)
    assert any(p.endswith("Shorten it by 1 character.") for p in problems), problems


@pytest.mark.parametrize("separator", LINE_BREAKS)
def test_every_kind_of_line_break_becomes_a_new_line(content, separator):
    assert simple(content, note=f"first line{separator}second line").note == "first line\nsecond line"


def test_line_breaks_and_tabs_in_the_note_print_as_typed(content, geometry):
    """One handout with every kind of line break in its note: each prints as a new line."""
    note = "line 0" + "".join(f"{separator}line {i}" for i, separator in enumerate(LINE_BREAKS, start=1)) + "\tend"
    request = simple(content, note=note)
    assert request.note == "\n".join(f"line {i}" for i in range(len(LINE_BREAKS) + 1)) + "    end"
    raw = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(build_handout(content, geometry, request))).pages)
    for i in range(len(LINE_BREAKS)):
        assert f"line {i}\nline {i + 1}" in raw, LINE_BREAKS[i]


def test_what_the_therapist_typed_is_not_kept_after_the_build(content, geometry):
    """Wrapped lines are remembered between builds for the content's text only, never the note or a dosage."""
    from bodymap.handout import pdf as printing

    eid = simple(content).exercises[0]
    request = simple(content, note="Private words for one patient only", dosage={eid: Dosage(4, 7)})
    assert "Private words" in text_of(build_handout(content, geometry, request))
    remembered = " ".join(key[0] for key in printing._LINES)
    assert "Private words" not in remembered and "4 sets of 7" not in remembered



def _drawing(pdf: bytes) -> bytes:
    return b"".join(page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_each_chosen_exercise_prints_its_key_positions(content, geometry):
    from dataclasses import replace

    plan = plan_handout(content, geometry, simple(content))
    frames = sum(len(sheet.frames) for sheet in plan.exercises)
    assert frames >= 2 * len(plan.exercises)
    assert [len(s.frames) for s in plan.exercises] == [len(content.exercises[s.id].frames) for s in plan.exercises]
    bare = replace(plan, exercises=tuple(replace(sheet, frames=()) for sheet in plan.exercises))
    with_pictures, without = _drawing(H.render_plan(plan, geometry)), _drawing(H.render_plan(bare, geometry))
    # each picture is placed with its own transform and adds a figure's worth of paths
    assert with_pictures.count(b" cm") - without.count(b" cm") >= frames
    assert len(with_pictures) - len(without) > 2_000 * frames


@needs_pdftoppm
def test_exercise_pictures_stay_in_their_row(content, geometry, tmp_path):
    """An exercise picture cropped to part of the body (the wrist twist shows the upper body)
    is cut at its frame on paper, as on screen, so the figure's legs never run into the steps."""
    from bodymap.handout import pdf as printing

    plan = plan_handout(content, geometry, simple(content, region="elbow", muscles=(),
                                                  exercises=("wrist-extensor-eccentric-twist",)))
    pdf = printing._new_pdf(plan)
    height, draw = printing._frames_row(printing._Text(pdf, 9.5, 90.0), plan.exercises[0], 0)
    top = 40.0
    draw(20.0, top)
    page = render(bytes(pdf.output()), tmp_path, dpi=100)
    mm = 100 / 25.4  # pixels per mm
    band = page.crop((0, round((top + height) * mm) + 2, page.width // 2, round((top + height + 30) * mm)))
    assert not [p for p in band.get_flattened_data() if sum(p) < 600], "a picture spills below its row"
    inside = page.crop((0, round(top * mm), page.width // 2, round((top + height) * mm)))
    assert sum(1 for p in inside.get_flattened_data() if sum(p) < 600) > 500  # the pictures are there


def test_the_plan_link_names_the_handouts_muscles_up_to_what_a_plan_shows(content):
    neck = [m.id for m in content.muscles_in("neck")]
    two = simple(content, region="neck", muscles=tuple(neck[:2])).link()
    assert "muscle=" + "%2C".join(neck[:2]) in two
    many = simple(content, region="neck", muscles=tuple(neck[:4])).link()
    assert "muscle=" not in many and "region=neck" in many  # the region's plan, as before


# ---------------------------------------------------------------- red flags at a glance

MAX_RED_FLAG_GROUP_LINES = 6  # the group's heading (what to do) and its signs


def printed_lines(pdf: bytes) -> list[str]:
    """The PDF's text lines as printed, in reading order."""
    return [line.strip() for page in PdfReader(io.BytesIO(pdf)).pages for line in page.extract_text().split("\n")]


def red_flag_group_lines(pdf: bytes, groups) -> dict[str, int]:
    """How many printed lines each urgency group takes: its heading and each sign's lines
    (a sign wraps onto the lines after its bullet until the whole sign is read)."""
    lines, counts = printed_lines(pdf), {}

    def read_from(at: int, text: str) -> int:
        """The number of lines from `at` that print `text` (0 if they do not)."""
        read, n = lines[at].lstrip("• "), 1
        while flat(read) != flat(text) and flat(text).startswith(flat(read)) and at + n < len(lines):
            read, n = f"{read} {lines[at + n]}", n + 1
        return n if flat(read) == flat(text) else 0

    for action, signs in groups:
        heading = red_flag_heading(action)
        at = next(i for i in range(len(lines)) if read_from(i, heading))
        used = read_from(at, heading)
        at += used
        for sign in signs:
            while not lines[at].startswith("•"):  # a page break puts the footer between signs
                at += 1
            n = read_from(at, sign)
            assert n, f"the sign {sign!r} is not printed whole under {action!r}"
            at, used = at + n, used + n
        counts[action] = used
    return counts


def test_each_red_flag_group_is_found_at_a_glance(content, geometry):
    """The review found a 14-line red-flag box a patient could not scan: each urgency group
    is at most six printed lines, in every region's handout and in its largest one."""
    for region_id in content.regions:
        small = simple(content, region=region_id, muscles=(content.muscles_in(region_id)[0].id,),
                       exercises=tuple(content.regions[region_id].exercises[:2]))
        for request, pdf in ((small, build_handout(content, geometry, small)),
                             (largest(content, region_id), largest_pdf(content, geometry, region_id))):
            groups = plan_handout(content, geometry, request).red_flag_groups
            counts = red_flag_group_lines(pdf, groups)
            assert len(counts) == len(groups)
            too_long = {a: n for a, n in counts.items() if n > MAX_RED_FLAG_GROUP_LINES}
            assert not too_long, (region_id, len(request.exercises), too_long)


def test_printed_red_flags_say_the_region_s_signs_in_short(content, geometry):
    request = simple(content, region="neck", muscles=(content.muscles_in("neck")[0].id,),
                     exercises=tuple(content.regions["neck"].exercises[:2]))
    text = text_of(build_handout(content, geometry, request))
    for flag in content.regions["neck"].red_flags:
        assert flat(flag.short) in text
        assert flat(flag.sign) not in text  # the long form stays in the app
