"""Prints a HandoutPlan as a one- or two-page PDF with fpdf2.

fpdf2 breaks and measures the text (`multi_cell(dry_run=True, output=LINES)`) and draws
the pictures from SVG as vectors: the body picture (`bodymap.render.print_picture`, which the
page's preview shows too), the exercise positions, segno's QR code.
What is ours: two columns with keep-with-next and no lone lines, the boxed alert and
note, and trying smaller sizes until everything fits in two pages.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from io import BytesIO

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from ..fonts import FAMILY, FONT_BOLD, FONT_REGULAR, PT, needs_shaping, shaping_available
from ..geometry import BodyGeometry
from ..palette import PALETTE
from ..render.print_picture import Picture, picture_alt, picture_svg
from ..share import qr_svg
from .plan import ExerciseSheet, HandoutPlan

MAX_PAGES = 2
MARGIN = 10.0  # mm
GUTTER = 6.0
FOOTER_H = 9.0
# (body font size in pt, compaction level), tried in order until the handout fits in two
# pages. Level 1 runs each topic section into one paragraph and shortens the sources to
# author and year; level 2 also runs exercise steps together and leaves out "Feel"; level 3
# also leaves out the exercise pictures (the app and the plan link still show them).
FITS = ((9.5, 0), (9.0, 0), (8.5, 0), (8.5, 1), (8.0, 1), (7.5, 1), (7.5, 2), (7.0, 2), (6.5, 2), (6.5, 3))
PAGE_SIZES = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
QR_SIZE = 24.0
BOX_PAD, BOX_BAR = 2.2, 1.1
BOX_IN = BOX_PAD + BOX_BAR + 0.8  # a box's text starts this far in

INK, MUTED, ACCENT = PALETTE["text"], PALETTE["muted"], PALETTE["selected_line"]
ALERT_BG, ALERT_BAR, ALERT_INK = "#fdf0e7", PALETTE["referral"], PALETTE["referral_line"]
NOTE_BG = "#ecf4fa"


class _PDF(FPDF):
    typed: frozenset[str] = frozenset()  # text the therapist typed: see _LINES
    typed_lines: dict[tuple, list[str]]
    pictures: dict[tuple, tuple]  # the body picture drawn at a size, for this handout: see _picture_block
    footer_text = ""
    total_pages = 0  # known from the measuring pass ({nb} would also replace "{nb}" typed in a note)

    def footer(self) -> None:
        y, w = self.h - MARGIN - FOOTER_H + 3, self.w - 2 * MARGIN - 26
        with self.local_context():
            self.set_draw_color(PALETTE["detail"])
            self.set_line_width(0.2)
            self.line(MARGIN, y - 1.5, self.w - MARGIN, y - 1.5)
            self.set_text_color(INK)
            for size in (6.5, 5.5):  # the education line in at most two lines
                self.set_font(FAMILY, "", size)
                if len(self.multi_cell(w, size * PT * 1.25, self.footer_text, dry_run=True,
                                       output=MethodReturnValue.LINES)) <= 2:
                    break
            self.set_xy(MARGIN, y)
            self.multi_cell(w, size * PT * 1.25, self.footer_text, align="L")
            self.set_font(FAMILY, "", 6.5)
            self.set_text_color(MUTED)
            self.set_xy(self.w - MARGIN - 24, y)
            self.cell(24, 6.5 * PT * 1.25, f"Page {self.page_no()} of {max(self.total_pages, self.page_no())}",
                      align="R")


def _new_pdf(plan: HandoutPlan) -> _PDF:
    pdf = _PDF(unit="mm", format=plan.paper)
    pdf.set_auto_page_break(False)  # the flow below decides where pages break
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0  # text starts exactly at x
    pdf.add_font(FAMILY, "", str(FONT_REGULAR))
    pdf.add_font(FAMILY, "B", str(FONT_BOLD))
    pdf.set_title(plan.title)
    pdf.set_creator("Dry Needling Body Map")
    pdf.set_lang("en")
    pdf.footer_text = plan.disclaimer
    pdf.typed = frozenset([*plan.note.split("\n"), *(_dose(ex) for ex in plan.exercises if ex.dosage_changed)])
    pdf.typed_lines, pdf.pictures = {}, {}
    pdf.alias_nb_pages(None)  # fpdf2 would otherwise print the page count for "{nb}" in a note
    pdf.add_page()
    return pdf


# fpdf2's line breaking is exact but slow (it measures letter by letter), and the fit loop
# and the drawing pass wrap the same paragraphs again and again: the lines are remembered,
# per text, width, style and size (the fonts are always the bundled two). Only the
# content's text is remembered across handouts; what the therapist typed (the note, a
# changed dosage) is remembered for one handout only, so it never outlives the request.
_LINES: dict[tuple, list[str]] = {}

Draw = Callable[[float, float], None]  # draws something at (x, y) mm
Row = tuple[float, "Draw | None"]  # (height in mm, how to draw it); None: a gap


@dataclass
class _Text:
    """Text at one body font size for a column `col_w` mm wide, broken into lines by fpdf2."""

    pdf: _PDF
    size: float
    col_w: float

    @staticmethod
    def lh(size: float) -> float:
        return size * PT * 1.22

    def lines(self, text: str, w: float, style: str = "", size: float | None = None, shaped: bool = False) -> list[str]:
        size = size or self.size
        key = (text, round(w, 3), style, size, shaped)
        cache = self.pdf.typed_lines if text in self.pdf.typed else _LINES
        if (found := cache.get(key)) is None:
            self.pdf.set_font(FAMILY, style, size)
            self.pdf.set_text_shaping(shaped)
            try:
                found = self.pdf.multi_cell(w, self.lh(size), text, dry_run=True, output=MethodReturnValue.LINES)
            finally:
                self.pdf.set_text_shaping(False)
            if len(_LINES) > 20_000:  # bounded, should a content pack be huge
                _LINES.clear()
            cache[key] = found
        return found

    def line(self, text: str, w: float, style: str = "", size: float | None = None, colour: str = INK,
             shaped: bool = False, align: str = "L", link: str = "") -> Draw:
        """Draws one line of text, `w` mm wide."""
        size = size or self.size

        def draw(x: float, y: float) -> None:
            self.pdf.set_font(FAMILY, style, size)
            self.pdf.set_text_color(colour)
            self.pdf.set_text_shaping(shaped)
            self.pdf.set_xy(x, y)
            self.pdf.cell(w, self.lh(size), text, align=align, link=link)
            self.pdf.set_text_shaping(False)
        return draw


@dataclass
class Block:
    """Rows stacked top to bottom, built for one column. A block with split=True may
    continue in the next column (between rows); other blocks always stay whole."""

    t: _Text
    keep_with_next: bool = False
    box: str | None = None  # None, "alert" or "note"
    split: bool = False
    w: float = 0.0  # the content's width: the column's, less the box's
    rows: list[Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.w = (self.w or self.t.col_w) - (BOX_IN + BOX_PAD if self.box else 0)

    def text(self, text: str, style: str = "", size_delta: float = 0, colour: str = INK, indent: float = 0,
             shaped: bool = False, align: str = "L", link: str = "") -> Block:
        """A paragraph, one row per line."""
        size, w = self.t.size + size_delta, self.w - indent
        for line in self.t.lines(text, w, style, size, shaped):
            draw = self.t.line(line, w, style, size, colour, shaped, align, link)
            self.rows.append((self.t.lh(size), lambda x, y, draw=draw: draw(x + indent, y)))
        return self

    def label(self, label: str, text: str, label_w: float, style: str = "", label_colour: str = ACCENT) -> Block:
        """`label` in the margin of the paragraph's first line; one row."""
        head, body = self.t.line(label, label_w, "B", colour=label_colour), Block(self.t, w=self.w - label_w)
        body.text(text, style)

        def draw(x: float, y: float) -> None:
            head(x, y)
            _draw_rows(body.rows, x + label_w, y)
        return self.custom(_height(body.rows), draw)

    def gap(self, mm: float) -> Block:
        self.rows.append((mm, None))
        return self

    def custom(self, height: float, draw: Draw) -> Block:
        self.rows.append((height, draw))
        return self


def _height(rows: Sequence[Row], box: str | None = None) -> float:
    return sum(h for h, _ in rows) + (2 * BOX_PAD if box else 0)


def _draw_rows(rows: Sequence[Row], x: float, y: float) -> None:
    for h, draw in rows:
        if draw:
            draw(x, y)
        y += h


class _Flow:
    """Places blocks down two columns and across pages (drawing them when `draw`); notes
    whether everything fitted."""

    MIN_LINES = 2  # no single line left alone at the foot or head of a column

    def __init__(self, pdf: _PDF, draw: bool, col_w: float, top: float, ncols: int = 2):
        self.pdf, self.draw, self.col_w, self.ncols = pdf, draw, col_w, ncols
        self.bottom = pdf.h - MARGIN - FOOTER_H
        self.pages, self.col, self.top, self.y = 1, 0, top, top
        self.overflow = False

    def _next_column(self) -> None:
        if self.col + 1 < self.ncols:
            self.col += 1
        else:
            self.pages += 1
            if self.draw:
                self.pdf.add_page()
            self.col, self.top = 0, MARGIN
        self.y = self.top

    def _place(self, rows: Sequence[Row], box: str | None, space: float) -> None:
        h, x = _height(rows, box), MARGIN + self.col * (self.col_w + GUTTER)
        if self.draw:
            if box:
                with self.pdf.local_context():
                    self.pdf.set_fill_color(ALERT_BG if box == "alert" else NOTE_BG)
                    self.pdf.rect(x, self.y, self.col_w, h, style="F")
                    self.pdf.set_fill_color(ALERT_BAR if box == "alert" else ACCENT)
                    self.pdf.rect(x, self.y, BOX_BAR, h, style="F")
            _draw_rows(rows, x + (BOX_IN if box else 0), self.y + (BOX_PAD if box else 0))
        self.y += h + space

    def add(self, blocks: Sequence[Block], space: float = 2.0) -> None:
        queue = list(blocks)
        while queue:
            block = queue.pop(0)
            need = _height(block.rows, block.box)
            if block.keep_with_next and queue:  # a heading stays with the start of what follows
                nxt = queue[0]
                need += space + _height(nxt.rows[: self.MIN_LINES + 1] if nxt.split else nxt.rows, nxt.box)
            if self.y + need <= self.bottom:
                self._place(block.rows, block.box, space)
                continue
            if block.split and not block.keep_with_next:
                rows, used, k = block.rows, 0.0, 0
                while k < len(rows) and used + rows[k][0] <= self.bottom - self.y - _height([], block.box):
                    used, k = used + rows[k][0], k + 1
                if (k >= self.MIN_LINES and len(rows) - k >= self.MIN_LINES) or (self.y <= self.top and k >= 1):
                    self._place(rows[:k], block.box, 0)
                    queue.insert(0, replace(block, rows=rows[k:], w=0.0))
                    self._next_column()
                    continue
            if self.y > self.top:
                self._next_column()
                queue.insert(0, block)
                continue
            self.overflow = True  # taller than a whole column: drawn anyway, and reported
            self._place(block.rows, block.box, space)


# --------------------------------------------------------------------------- the picture


def _picture_height(picture: Picture, size: float, level: int) -> float:
    """The close-ups' height in mm (for the whole-body map: the body's) at body font `size`
    and compaction `level`."""
    return (74 - 5 * level if picture.closeups else 64 - 4 * level) + (size - 7) * 8


def printed_picture(geometry: BodyGeometry, picture: Picture, paper: str, size: float = FITS[0][0],
                    level: int = FITS[0][1]) -> tuple[str, float, float]:
    """The body picture as a handout on `paper` prints it (by default at the largest size,
    which most handouts fit): (SVG, width, height in mm)."""
    col_w = (PAGE_SIZES[paper][0] - 2 * MARGIN - GUTTER) / 2
    return picture_svg(geometry, picture, col_w, _picture_height(picture, size, level), size)


def _picture_block(t: _Text, geometry: BodyGeometry, picture: Picture, level: int) -> Block:
    """The body picture with the muscles' numbers and its key, in a column (bodymap.render.print_picture)."""
    key = (round(t.col_w, 3), t.size, level)  # each try of the fit loop asks again
    if (found := t.pdf.pictures.get(key)) is None:
        found = t.pdf.pictures[key] = picture_svg(geometry, picture, t.col_w,
                                                  _picture_height(picture, t.size, level), t.size)
    svg, w, h = found

    def draw(x: float, y: float) -> None:
        t.pdf.image(BytesIO(svg.encode()), x, y, w=w, h=h, alt_text=picture_alt(geometry, picture))
    return Block(t).custom(h, draw)


# --------------------------------------------------------------------------- the text


def _first_strong_is_rtl(text: str) -> bool:
    """The paragraph's first strong letter is right-to-left (so it is set flush right)."""
    strong = (unicodedata.bidirectional(ch) for ch in text if unicodedata.bidirectional(ch) in ("R", "AL", "L"))
    return next(strong, "L") != "L"


def _dose(ex: ExerciseSheet) -> str:
    return ex.dosage + (" (set by your therapist)" if ex.dosage_changed else "")


def red_flag_heading(action: str) -> str:
    """An urgency group's heading: what to do. One line even at the largest font (with
    "if you have" added the longer actions wrapped onto a second line)."""
    return f"{action.rstrip('.')}:"


def _flow_blocks(t: _Text, geometry: BodyGeometry, plan: HandoutPlan, level: int = 0) -> list[Block]:
    """The handout's blocks, in order, at compaction `level`."""
    blocks: list[Block] = [_picture_block(t, geometry, plan.picture, level)]

    def heading(text: str) -> None:
        blocks.append(Block(t, keep_with_next=True).gap(0.6).text(text, "B", 1.5, ACCENT))

    def sections(title: str, items) -> None:
        if items:
            heading(title)
            blocks.extend(Block(t, split=True).text(f"{s.heading}: {s.body}") if level >= 1
                          else Block(t, split=True).text(s.heading, "B").text(s.body) for s in items)

    heading(f"About your {plan.region_name.lower()}")
    blocks.append(Block(t, split=True).text(plan.overview))
    if plan.muscles:
        heading("The muscles on this handout" if len(plan.muscles) > 1 else "The muscle on this handout")
        for i, (name, summary) in enumerate(plan.muscles, start=1):
            blocks.append(Block(t).label(f"{i}" if len(plan.muscles) > 1 else "•", name, 4.5, "B")
                          .text(summary, indent=4.5))  # the number matches the picture's labels
    sections("What to expect after a session", plan.expect)
    sections("Looking after yourself afterwards", plan.aftercare)
    # Grouped by what to do, the most urgent first, each sign in short: a patient finds the
    # "call emergency services" signs at the top instead of somewhere in a long list.
    # One box per group, so the boxes can fill a column each page has room in.
    for n, (action, signs) in enumerate(plan.red_flag_groups):
        alert = Block(t, box="alert")
        if n == 0:
            alert.text("When to contact your provider", "B", 1.5, ALERT_INK).gap(0.8)
        alert.text(red_flag_heading(action), "B", 0, ALERT_INK)
        for sign in signs:
            alert.label("•", sign, 3.2, label_colour=ALERT_BAR)
        if n == len(plan.red_flag_groups) - 1:
            alert.gap(0.8).text(plan.contact_line, "B")
        blocks.append(alert)
    heading("Your exercises" if len(plan.exercises) > 1 else "Your exercise")
    t.pdf.set_font(FAMILY, "B", t.size)
    label_w = max(t.pdf.get_string_width(label) for label in ("Dose", "Feel", "Stop if")) + 1.8
    for n, ex in enumerate(plan.exercises, start=1):
        # an exercise stays in one piece unless space is tight
        b = Block(t, split=level >= 1).text(f"{n}. {ex.name}", "B").text(ex.purpose, colour=MUTED).gap(0.5)
        if ex.frames and level < 3:
            b.custom(*_frames_row(t, ex, level)).gap(0.8)
        if level >= 2:
            b.text(" ".join(f"{i}. {step}" for i, step in enumerate(ex.steps, start=1)))
        else:
            step_w = max(4.5, t.pdf.get_string_width(f"{len(ex.steps)}.") + 1.2)
            for i, step in enumerate(ex.steps, start=1):
                b.label(f"{i}.", step, step_w, label_colour=INK)
        b.gap(0.5).label("Dose", _dose(ex), label_w, "B")
        if level < 2:
            b.label("Feel", ex.feel, label_w)
        for i, stop in enumerate(ex.stop_if):
            b.label("Stop if" if i == 0 else "", stop, label_w, label_colour=ALERT_BAR)
        blocks.append(b)
    if plan.note:
        note = Block(t, box="note").text("A note from your therapist", "B", 0, ACCENT).gap(0.6)
        for para in plan.note.split("\n"):
            note.text(para or " ", shaped=shaping_available() and needs_shaping(para),
                      align="R" if _first_strong_is_rtl(para) else "L")
        blocks.append(note)
    cites = "  ·  ".join(short for short, _ in plan.sources)  # author and year: the app lists them in full
    blocks.append(Block(t, split=True).gap(0.6).text("Sources: " + cites, size_delta=max(6.0, t.size - 1.5) - t.size,
                                                      colour=MUTED))
    return blocks + [_closing_block(t, plan)]


FRAME_MM = 25.0  # an exercise picture's height: big enough to copy the pose from
FRAME_GAP = 1.5


def _frames_row(t: _Text, ex: ExerciseSheet, level: int) -> Row:
    """The exercise's key positions side by side (drawn by bodymap.poses, the same pictures
    as in the app), FRAME_MM tall, on as many rows as the column needs."""
    height = FRAME_MM
    rows: list[list] = [[]]
    for frame in ex.frames:
        used = sum(height * f.aspect + FRAME_GAP for f in rows[-1])
        if rows[-1] and used + height * frame.aspect > t.col_w:
            rows.append([])
        rows[-1].append(frame)
    # a frame wider than the column alone is drawn smaller (none is, at this height)
    scale = min(1.0, *(t.col_w / (height * f.aspect) for f in ex.frames))
    height *= scale

    def draw(x: float, y: float) -> None:
        for row in rows:
            left = x
            for frame in row:
                w = height * frame.aspect
                with t.pdf.rect_clip(left, y, w, height):  # fpdf2 draws past an SVG's viewBox; a browser does not
                    t.pdf.image(BytesIO(frame.svg.encode()), left, y, w=w, h=height, alt_text=frame.label)
                left += w + FRAME_GAP
            y += height + FRAME_GAP

    return len(rows) * (height + FRAME_GAP) - FRAME_GAP, draw


def _url_lines(t: _Text, url: str, width: float) -> list[str]:
    """A long address broken after '?' and '&', where a reader can see the break is safe."""
    lines: list[str] = []
    for part in filter(None, re.split(r"(?<=[?&])", url)):
        if lines and len(t.lines(lines[-1] + part, width)) == 1:
            lines[-1] += part
        else:
            lines += t.lines(part, width)
    return lines


def _closing_block(t: _Text, plan: HandoutPlan) -> Block:
    """The QR code with the printed link beside it. (The education line is in every page's footer.)"""
    words = Block(t, w=t.col_w - QR_SIZE - 3).gap(1).text("Your plan on your phone", "B", 0.5, ACCENT).gap(0.5)
    words.text("Scan the code with a phone camera, or type this address:").gap(0.5)
    for line in _url_lines(t, plan.link, words.w):
        words.rows.append((t.lh(t.size), t.line(line, words.w, colour=ACCENT, link=plan.link)))

    def draw(x: float, y: float) -> None:
        t.pdf.image(BytesIO(qr_svg(plan.link, scale=1, dark="#000000", for_print=True).encode()), x, y, QR_SIZE,
                    QR_SIZE, alt_text="QR code for the link beside it")
        _draw_rows(words.rows, x + QR_SIZE + 3, y)

    return Block(t).gap(1).custom(max(QR_SIZE, _height(words.rows) + 1), draw)


# --------------------------------------------------------------------------- the pages


def _layout(pdf: _PDF, plan: HandoutPlan, geometry: BodyGeometry, size: float, level: int,
            draw: bool) -> tuple[int, bool]:
    """Lay the handout out at body font `size` and compaction `level` (drawn only when `draw`);
    the number of pages and whether it fits."""
    width = pdf.w - 2 * MARGIN
    t = _Text(pdf, size, (width - GUTTER) / 2)
    title = Block(t, w=width - 40).text(plan.title, "B", 16 - size, ACCENT)
    y = MARGIN + _height(title.rows)
    if draw:
        t.line(plan.date_text, width, size=size + 0.5, colour=MUTED, align="R")(MARGIN, MARGIN + 1.6)
        _draw_rows(title.rows, MARGIN, MARGIN)
        pdf.set_draw_color(ACCENT)
        pdf.set_line_width(0.4)
        pdf.line(MARGIN, y + 1, pdf.w - MARGIN, y + 1)
    # everything else in two columns, ending with the link back to the app
    flow = _Flow(pdf, draw, t.col_w, y + 4)
    flow.add(_flow_blocks(t, geometry, plan, level))
    return flow.pages, not flow.overflow and flow.pages <= MAX_PAGES


def _fit(pdf: _PDF, plan: HandoutPlan, geometry: BodyGeometry) -> tuple[float, int, int]:
    """The first entry of FITS that fits (the last if none does), and its page count.

    Each entry takes no more room than the one before it, so after the largest (which most
    handouts fit) a binary search finds it in three tries rather than up to nine: each try
    measures the whole handout.
    """
    tried = functools.cache(lambda i: _layout(pdf, plan, geometry, *FITS[i], draw=False))
    first = 0 if tried(0)[1] else bisect.bisect_left(range(1, len(FITS) - 1), True, key=lambda i: tried(i)[1]) + 1
    return (*FITS[first], tried(first)[0])


def layout_fit(plan: HandoutPlan, geometry: BodyGeometry) -> tuple[float, int, int]:
    """The first (font size, compaction level) in FITS at which the handout fits in two
    pages, and the number of pages it then takes."""
    return _fit(_new_pdf(plan), plan, geometry)


def render_plan(plan: HandoutPlan, geometry: BodyGeometry) -> bytes:
    """Lay out a plan as large as it fits within two pages; the PDF bytes."""
    pdf = _new_pdf(plan)  # measured on first (nothing is drawn), then drawn on
    size, level, pdf.total_pages = _fit(pdf, plan, geometry)
    _layout(pdf, plan, geometry, size, level, draw=True)
    return bytes(pdf.output())
