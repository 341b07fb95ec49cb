"""The patient handout: a one- or two-page PDF built from the content and the body geometry.

Two steps, both pure (no Streamlit, no browser):

- `plan_handout(content, geometry, request)` checks the request and gathers what the
  handout will say (the page's preview shows exactly this plan);
- `build_handout(content, geometry, request)` lays the plan out with fpdf2 and returns
  the PDF bytes.

The body picture is drawn as vector shapes from `BodyGeometry`, the same shapes the app
draws, so a referral zone looks the same on screen and on paper.

The therapist's note is untrusted text. It is printed exactly as typed (never read as
markup), within clear limits; characters the bundled font cannot draw are refused with a
message that names them, rather than silently dropped.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from shapely.geometry import LineString, Polygon

from .body_svg import Overlay
from .content import Content
from .geometry import VIEWS, BodyGeometry, instance_id
from .model import Muscle
from .overlay import muscle_overlay
from .palette import PALETTE
from .share import base_url as default_base_url
from .share import base_url_problem, qr_matrix, view_url

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

MIN_EXERCISES, MAX_EXERCISES = 1, 6
MAX_NOTE_CHARS = 1000
MAX_NOTE_LINES = 20
MAX_DOSAGE_CHARS = 160
PAPERS = ("A4", "Letter")
SIDES = ("right", "left")
MAX_PAGES = 2

# Education topics that feed the handout, by id, in order of preference.
EXPECT_TOPICS = ("timeline",)
AFTERCARE_TOPICS = ("aftercare",)


class HandoutError(ValueError):
    """The request cannot be made into a handout; `problems` says why, one line each."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- the note


@functools.lru_cache(maxsize=1)
def _font_chars() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(FONT_REGULAR, lazy=True) as font:
        return frozenset(font.getBestCmap())


@functools.lru_cache(maxsize=1)
def shaping_available() -> bool:
    """True when uharfbuzz is installed, so right-to-left and joined scripts print correctly."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


def normalize_text(text: str) -> str:
    """Line ends made uniform and tabs made spaces; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").strip()


def _describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    if not name:
        kind = unicodedata.category(ch)
        name = {"Cc": "control character", "Cs": "invalid byte / lone surrogate", "Co": "private-use character",
                "Cn": "unassigned character"}.get(kind, "character")
    shown = ch if unicodedata.category(ch)[0] not in "CZ" else ""
    return f"{shown} ({code} {name})".strip() if shown else f"{code} {name}"


def needs_shaping(text: str) -> bool:
    """Right-to-left letters (Hebrew, Arabic, ...) or combining marks need a shaping engine."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") or unicodedata.combining(ch) for ch in text)


def text_problems(text: str, what: str) -> list[str]:
    """What stops `text` from printing as typed: characters the font lacks, control codes."""
    known = _font_chars()
    bad: list[str] = []
    for ch in dict.fromkeys(text):  # unique, in order of appearance
        if ch == "\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ord(ch) not in known:
            bad.append(ch)
    problems = []
    if bad:
        count = sum(1 for ch in text if ch in set(bad))
        listed = ", ".join(_describe(ch) for ch in bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        problems.append(
            f"{what} has {count} character{'s' if count != 1 else ''} the handout's font cannot print: {listed}. "
            "Emoji, pictographs and some scripts (for example Chinese or Hindi) are not in the font, and invisible "
            "control codes cannot be printed. Remove them or write the words out."
        )
    if needs_shaping(text) and not shaping_available():
        problems.append(
            f"{what} has right-to-left or combining letters (for example Hebrew or Arabic), which need the "
            "'uharfbuzz' package to print correctly; it is not installed here, so write the note without them."
        )
    return problems


def note_problems(note: str) -> list[str]:
    """Messages for a note that cannot be printed as typed (empty list: it is fine)."""
    note = normalize_text(note)
    problems = []
    if len(note) > MAX_NOTE_CHARS:
        problems.append(
            f"The note is {len(note):,} characters long; the limit is {MAX_NOTE_CHARS:,}. "
            f"Shorten it by {len(note) - MAX_NOTE_CHARS:,} characters."
        )
    lines = note.count("\n") + 1 if note else 0
    if lines > MAX_NOTE_LINES:
        problems.append(f"The note has {lines} lines; the limit is {MAX_NOTE_LINES}. Join some lines together.")
    return problems + text_problems(note, "The note")


# --------------------------------------------------------------------------- the request


def _tuple(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))  # unique, in order


@dataclass(frozen=True)
class HandoutRequest:
    """What the therapist chose. Lists are de-duplicated; nothing here is saved anywhere."""

    region: str
    muscles: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    dosage: Mapping[str, str] = field(default_factory=dict)  # exercise id -> dosage text to print instead
    note: str = ""
    paper: str = "A4"
    base_url: str = field(default_factory=default_base_url)
    date: dt.date = field(default_factory=dt.date.today)
    side: str = "right"

    def __post_init__(self) -> None:
        object.__setattr__(self, "region", (self.region or "").strip())
        object.__setattr__(self, "muscles", _tuple(self.muscles))
        object.__setattr__(self, "exercises", _tuple(self.exercises))
        object.__setattr__(self, "dosage", {k: normalize_text(v) for k, v in dict(self.dosage or {}).items()
                                            if v is not None and normalize_text(v)})
        object.__setattr__(self, "note", normalize_text(self.note or ""))
        object.__setattr__(self, "base_url", (self.base_url or "").strip())

    def problems(self, content: Content) -> list[str]:
        """Every reason this request cannot be made into a handout, each naming the culprit."""
        out: list[str] = []
        region = content.regions.get(self.region)
        if region is None:
            out.append(f"Unknown region {self.region!r}. Choose one of: {', '.join(content.regions)}.")
        in_region = [m.id for m in content.muscles_in(self.region)] if region else []
        for mid in self.muscles:
            muscle = content.muscles.get(mid)
            if muscle is None:
                hint = f" Muscles in {region.name}: {', '.join(in_region)}." if region else ""
                out.append(f"Unknown muscle {mid!r}.{hint}")
            elif region is not None and muscle.region != region.id:
                out.append(f"Muscle {mid!r} ({muscle.name}) belongs to the {muscle.region!r} region, "
                           f"not {region.id!r}.")
        if len(self.exercises) < MIN_EXERCISES:
            out.append(f"Choose at least {MIN_EXERCISES} exercise (up to {MAX_EXERCISES}).")
        elif len(self.exercises) > MAX_EXERCISES:
            out.append(f"Choose at most {MAX_EXERCISES} exercises; {len(self.exercises)} were chosen.")
        for eid in self.exercises:
            if eid not in content.exercises:
                paired = f" Exercises for {region.name}: {', '.join(region.exercises)}." if region else ""
                out.append(f"Unknown exercise {eid!r}.{paired}")
        for eid, text in self.dosage.items():
            if eid not in self.exercises:
                out.append(f"A dosage was given for {eid!r}, which is not one of the chosen exercises.")
                continue
            name = content.exercises[eid].name if eid in content.exercises else eid
            if len(text) > MAX_DOSAGE_CHARS:
                out.append(f"The dosage for {name} is {len(text)} characters long; the limit is {MAX_DOSAGE_CHARS}.")
            if "\n" in text:
                out.append(f"The dosage for {name} must be one line.")
            out += text_problems(text, f"The dosage for {name}")
        out += note_problems(self.note)
        if self.paper not in PAPERS:
            out.append(f"Paper size must be A4 or Letter, not {self.paper!r}.")
        if self.side not in SIDES:
            out.append(f"Side must be right or left, not {self.side!r}.")
        if problem := base_url_problem(self.base_url):
            out.append(problem)
        return out

    def link(self) -> str:
        """The address that opens the same view in the app (one muscle, or the region)."""
        muscle = self.muscles[0] if len(self.muscles) == 1 else None
        return view_url(self.base_url, region=self.region, muscle=muscle, audience="patient",
                        side=self.side if self.side != "right" else None)


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class TextSection:
    heading: str
    body: str


@dataclass(frozen=True)
class ExerciseSheet:
    id: str
    name: str
    purpose: str
    steps: tuple[str, ...]
    dosage: str
    dosage_changed: bool
    feel: str
    stop_if: tuple[str, ...]


@dataclass(frozen=True)
class Picture:
    """What the body picture shows: referral areas, trigger points (numbered by muscle), region."""

    views: tuple[str, ...]
    essential: frozenset[str]
    spillover: frozenset[str]
    trigger_points: tuple[tuple[str, float, float, int], ...]  # (view, x, y, muscle number)
    region_areas: frozenset[str]
    overlay: Overlay  # the same picture for the app's SVG renderer (preview)


@dataclass(frozen=True)
class HandoutPlan:
    title: str
    date_text: str
    region_name: str
    overview: str
    muscles: tuple[tuple[str, str], ...]  # (name, plain-language summary), numbered as on the picture
    expect: tuple[TextSection, ...]
    aftercare: tuple[TextSection, ...]
    red_flags: tuple[str, ...]
    contact_line: str
    exercises: tuple[ExerciseSheet, ...]
    note: str
    sources: tuple[tuple[str, str], ...]  # (short citation, full line)
    disclaimer: str
    link: str
    picture: Picture
    paper: str
    missing: tuple[str, ...] = ()  # parts left out because the content does not have them yet


def combined_overlay(geometry: BodyGeometry, muscles: Sequence[Muscle], side: str = "right") -> Overlay:
    """The referral zones and trigger points of several muscles as one overlay.

    An area that is essential for one muscle and spillover for another is drawn as essential.
    """
    overlays = [muscle_overlay(geometry, m, side) for m in muscles]
    essential = frozenset().union(*(o.essential for o in overlays)) if overlays else frozenset()
    spillover = (frozenset().union(*(o.spillover for o in overlays)) - essential) if overlays else frozenset()
    points = tuple(p for o in overlays for p in o.trigger_points)
    names = ", ".join(m.name for m in muscles)
    return Overlay(essential=essential, spillover=spillover, trigger_points=points,
                   caption=f"{names} ({side} side): referral zones and trigger points" if muscles else "")


def picture_for(content: Content, geometry: BodyGeometry, request: HandoutRequest) -> Picture:
    """What the body picture shows for a request whose region and muscles are known ids."""
    muscles = [content.muscles[m] for m in request.muscles]
    overlay = combined_overlay(geometry, muscles, request.side)
    numbered = tuple(
        (view, x, y, number)
        for number, muscle in enumerate(muscles, start=1)
        for view, x, y, _ in muscle_overlay(geometry, muscle, request.side).trigger_points
    )
    region_areas = frozenset(
        instance_id(a, s) for a in content.regions[request.region].areas for s in SIDES
        if instance_id(a, s) in geometry.areas
    )
    used = {geometry.areas[i].view for i in overlay.essential | overlay.spillover if i in geometry.areas}
    used |= {p[0] for p in numbered}
    if not muscles:
        used |= {geometry.areas[i].view for i in region_areas}
    views = tuple(v for v in VIEWS if v in used) or VIEWS
    return Picture(views, overlay.essential, overlay.spillover, numbered, region_areas, overlay)


def _source_line(content: Content, sid: str) -> tuple[str, str]:
    """(short citation, full line): first author (et al.) and year; then the title to its subtitle."""
    s = content.sources[sid]
    authors = [a.strip() for a in s.author.split(",") if a.strip()]
    if s.kind == "article" or not authors:
        who = s.author
    else:
        who = authors[0] + (" et al." if len(authors) > 2 else f", {authors[1]}" if len(authors) == 2 else "")
    title = s.title.split(": ")[0] if len(s.title) > 70 else s.title
    return f"{who} ({s.date[:4]})", f"{who} ({s.date[:4]}). {title.rstrip('.')}."


def _topic_sections(content: Content, ids: Sequence[str]) -> tuple[tuple[TextSection, ...], list[str]]:
    for tid in ids:
        topic = content.topics.get(tid)
        if topic is not None:
            return tuple(TextSection(s.heading, s.body.patient) for s in topic.sections), \
                [src for s in topic.sections for src in s.sources]
    return (), []


def plan_handout(content: Content, geometry: BodyGeometry, request: HandoutRequest) -> HandoutPlan:
    """Check the request and gather the handout's text and picture. Raises HandoutError."""
    problems = request.problems(content)
    if problems:
        raise HandoutError(problems)
    region = content.regions[request.region]
    muscles = [content.muscles[m] for m in request.muscles]
    exercises = [content.exercises[e] for e in request.exercises]
    expect, expect_src = _topic_sections(content, EXPECT_TOPICS)
    aftercare, after_src = _topic_sections(content, AFTERCARE_TOPICS)
    missing = []
    if not expect:
        missing.append("what to expect and the usual timeline (education topic 'timeline' is not written yet)")
    if not aftercare:
        missing.append("aftercare (education topic 'aftercare' is not written yet)")
    cited = [*region.sources, *(s for m in muscles for s in m.sources), *(s for e in exercises for s in e.sources),
             *expect_src, *after_src, *content.safety.sources]
    sources = tuple(_source_line(content, s) for s in dict.fromkeys(cited) if s in content.sources)
    sheets = tuple(
        ExerciseSheet(
            id=e.id, name=e.name, purpose=e.purpose, steps=tuple(e.steps),
            dosage=request.dosage.get(e.id) or e.dosage, dosage_changed=bool(request.dosage.get(e.id)),
            feel=e.feel, stop_if=tuple(e.stop_if),
        )
        for e in exercises
    )
    return HandoutPlan(
        title=f"Dry needling handout: {region.name}",
        date_text=f"{request.date.day} {request.date:%B %Y}",
        region_name=region.name,
        overview=region.overview.patient,
        muscles=tuple((m.name, m.summary.patient) for m in muscles),
        expect=expect,
        aftercare=aftercare,
        red_flags=tuple(content.safety.red_flags),
        contact_line=content.safety.contact_line,
        exercises=sheets,
        note=request.note,
        sources=sources,
        disclaimer=content.safety.disclaimer,
        link=request.link(),
        picture=picture_for(content, geometry, request),
        paper=request.paper,
        missing=tuple(missing),
    )


# --------------------------------------------------------------------------- drawing
#
# Text is wrapped here, with the font's own glyph widths, rather than by fpdf2's
# multi_cell: the same wrapping then serves a quick measuring pass (to pick the largest
# font size that keeps the handout within two pages) and the drawing pass, so what was
# measured is exactly what is drawn.

MARGIN = 10.0  # mm
GUTTER = 6.0
FOOTER_H = 9.0
# (body font size in pt, compaction level), tried in order until the handout fits in two
# pages. Level 1 runs each topic section into one paragraph and shortens the sources to
# author and year; level 2 also runs exercise steps together and leaves out "Feel".
FITS = ((9.5, 0), (9.0, 0), (8.5, 0), (8.5, 1), (8.0, 1), (7.5, 1), (7.5, 2), (7.0, 2), (6.5, 2))
PT = 25.4 / 72  # mm per point
PAGE_SIZES = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
SHAPED_SLACK = 0.9  # shaped (joined, right-to-left) text can be a little wider than its letters


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


INK = _rgb(PALETTE["text"])
MUTED = _rgb(PALETTE["muted"])
ACCENT = _rgb(PALETTE["selected_line"])
ALERT_BG = (253, 240, 231)
ALERT_BAR = _rgb(PALETTE["referral"])
ALERT_INK = _rgb(PALETTE["referral_line"])
NOTE_BG = (236, 244, 250)


@functools.lru_cache(maxsize=2)
def _advances(style: str) -> tuple[dict[int, int], int]:
    """Glyph advance widths in 1/1000 em, rounded as fpdf2 rounds them."""
    from fontTools.ttLib import TTFont

    with TTFont(FONT_BOLD if style == "B" else FONT_REGULAR, lazy=True) as font:
        scale = 1000 / font["head"].unitsPerEm
        hmtx, cmap = font["hmtx"], font.getBestCmap()
        widths = {code: round(scale * hmtx[glyph][0] + 0.001) for code, glyph in cmap.items()}
        return widths, round(scale * hmtx[".notdef"][0] + 0.001)


def _width(text: str, style: str, size: float) -> float:
    widths, default = _advances(style)
    return sum(widths.get(ord(c), default) for c in text) * size * 0.001 * PT


def wrap(text: str, width: float, style: str = "", size: float = 9.0) -> list[str]:
    """Greedy word wrap to `width` mm; words wider than a line are broken between letters."""
    widths, default = _advances(style)
    per = size * 0.001 * PT
    space = widths.get(32, default) * per
    lines: list[str] = []
    for para in text.split("\n"):
        line, line_w, started = "", 0.0, False
        for word in para.split(" "):
            word_w = sum(widths.get(ord(c), default) for c in word) * per
            if started and line_w + space + word_w <= width:
                line, line_w = f"{line} {word}", line_w + space + word_w
                continue
            if started:
                lines.append(line)
            while word_w > width and len(word) > 1:  # a very long word (a URL): split it
                cut = 1
                while cut < len(word) and _width(word[: cut + 1], style, size) <= width:
                    cut += 1
                lines.append(word[:cut])
                word = word[cut:]
                word_w = sum(widths.get(ord(c), default) for c in word) * per
            line, line_w, started = word, word_w, True
        lines.append(line)
    return lines


def wrap_url(url: str, width: float, size: float) -> list[str]:
    """A long address broken after '?' and '&', where a reader can see the break is safe."""
    lines: list[str] = []
    for part in re.split(r"(?<=[?&])", url):
        if lines and _width(lines[-1] + part, "", size) <= width:
            lines[-1] += part
        else:
            lines += wrap(part, width, "", size) if part else []
    return lines


class _PDF(FPDF):
    footer_text = ""
    total_pages = 0  # known from the measuring pass; fpdf2's {nb} alias is not used, since
    # it would also replace "{nb}" typed in a note

    def footer(self) -> None:
        y = self.h - MARGIN - FOOTER_H + 3
        with self.local_context():
            self.set_draw_color(*_rgb(PALETTE["detail"]))
            self.set_line_width(0.2)
            self.line(MARGIN, y - 1.5, self.w - MARGIN, y - 1.5)
            size = 6.5
            lines = wrap(self.footer_text, self.w - 2 * MARGIN - 26, "", size)
            if len(lines) > 2:
                size = 5.5
                lines = wrap(self.footer_text, self.w - 2 * MARGIN - 26, "", size)
            self.set_font("DejaVu", "", size)
            self.set_text_color(*INK)
            lh = size * PT * 1.25
            for i, line in enumerate(lines):
                self.set_xy(MARGIN, y + i * lh)
                self.cell(self.w - 2 * MARGIN - 26, lh, line)
            self.set_font("DejaVu", "", 6.5)
            self.set_text_color(*MUTED)
            self.set_xy(self.w - MARGIN - 24, y)
            self.cell(24, lh, f"Page {self.page_no()} of {max(self.total_pages, self.page_no())}", align="R")


class _Doc:
    """The page being laid out. With draw=False nothing is drawn: the layout is only measured."""

    def __init__(self, plan: HandoutPlan, draw: bool, total_pages: int = 0):
        self.w, self.h = PAGE_SIZES[plan.paper]
        self.pages = 1
        self.pdf: _PDF | None = None
        if draw:
            pdf = _PDF(unit="mm", format=plan.paper)
            pdf.set_auto_page_break(False)
            pdf.set_margins(MARGIN, MARGIN, MARGIN)
            pdf.add_font("DejaVu", "", str(FONT_REGULAR))
            pdf.add_font("DejaVu", "B", str(FONT_BOLD))
            pdf.set_title(plan.title)
            pdf.set_creator("Dry Needling Body Map")
            pdf.set_lang("en")
            pdf.footer_text = plan.disclaimer
            pdf.total_pages = total_pages
            pdf.alias_nb_pages(None)  # fpdf2 would otherwise print the page count for "{nb}" in a note
            pdf.add_page()
            self.pdf = pdf

    def new_page(self) -> None:
        self.pages += 1
        if self.pdf is not None:
            self.pdf.add_page()


class _Text:
    """Text at one body font size: measures by wrapping, and draws the same lines."""

    def __init__(self, doc: _Doc, size: float):
        self.doc, self.size = doc, size

    def lh(self, size: float | None = None) -> float:
        return (size or self.size) * PT * 1.22

    def lines(self, text: str, w: float, style: str, size: float, shaped: bool) -> list[str]:
        return wrap(text, w * (SHAPED_SLACK if shaped else 1), style, size)

    def height(self, text: str, w: float, style: str = "", size: float | None = None, shaped: bool = False) -> float:
        size = size or self.size
        return len(self.lines(text, w, style, size, shaped)) * self.lh(size)

    def draw(self, text: str, x: float, y: float, w: float, style: str = "", size: float | None = None,
             colour=INK, shaped: bool = False, align: str = "L", link: str = "") -> float:
        size = size or self.size
        lines = self.lines(text, w, style, size, shaped)
        lh = self.lh(size)
        pdf = self.doc.pdf
        if pdf is not None:
            pdf.set_font("DejaVu", style, size)
            pdf.set_text_color(*colour)
            pdf.set_text_shaping(shaped)
            try:
                for i, line in enumerate(lines):
                    pdf.set_xy(x, y + i * lh)
                    pdf.cell(w, lh, line, align=align, link=link)
            finally:
                pdf.set_text_shaping(False)
        return len(lines) * lh

    def draw_line(self, line: str, x: float, y: float, w: float, style: str, size: float, colour,
                  shaped: bool, align: str) -> None:
        pdf = self.doc.pdf
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*colour)
        pdf.set_text_shaping(shaped)
        try:
            pdf.set_xy(x, y)
            pdf.cell(w, self.lh(size), line, align=align)
        finally:
            pdf.set_text_shaping(False)


@dataclass
class Block:
    """Rows stacked top to bottom. A block with split=True may continue in the next column
    (between lines); other blocks always stay whole."""

    rows: list[tuple] = field(default_factory=list)
    keep_with_next: bool = False
    box: str | None = None  # None, "alert" or "note"
    split: bool = False

    def text(self, text: str, style: str = "", size_delta: float = 0, colour=INK, indent: float = 0,
             shaped: bool = False, align: str = "L") -> Block:
        self.rows.append(("text", text, style, size_delta, colour, indent, shaped, align))
        return self

    def label(self, label: str, text: str, label_w: float, style: str = "", label_colour=ACCENT,
              indent: float = 0, size_delta: float = 0) -> Block:
        self.rows.append(("label", label, text, label_w, style, label_colour, indent, size_delta))
        return self

    def gap(self, mm: float) -> Block:
        self.rows.append(("gap", mm))
        return self

    def custom(self, height: float, draw) -> Block:  # draw(x, y, w)
        self.rows.append(("custom", height, draw))
        return self


BOX_PAD = 2.2
BOX_BAR = 1.1


def _inner(block: Block, x: float, w: float) -> tuple[float, float, float]:
    """(x, width, padding) of a block's content."""
    if not block.box:
        return x, w, 0.0
    inner = BOX_PAD + BOX_BAR + 0.8
    return x + inner, w - inner - BOX_PAD, BOX_PAD


def _row(t: _Text, row: tuple, x: float, y: float, w: float, draw: bool) -> float:
    """Draw (or only measure) one row; its height in mm."""
    kind = row[0]
    if kind == "gap":
        return row[1]
    if kind == "custom":
        if draw:
            row[2](x, y, w)
        return row[1]
    if kind in ("text", "line"):
        _, text, style, delta, colour, indent, shaped, align = row
        size = t.size + delta
        if kind == "line":  # one line already wrapped
            if draw:
                t.draw_line(text, x + indent, y, w - indent, style, size, colour, shaped, align)
            return t.lh(size)
        if draw:
            return t.draw(text, x + indent, y, w - indent, style, size, colour, shaped, align)
        return t.height(text, w - indent, style, size, shaped)
    _, label, text, label_w, style, label_colour, indent, delta = row  # "label"
    size = t.size + delta
    tw = w - indent - label_w
    if draw:
        t.draw(label, x + indent, y, label_w, "B", size, label_colour)
        h = t.draw(text, x + indent + label_w, y, tw, style, size)
    else:
        h = t.height(text, tw, style, size)
    return max(h, t.lh(size))


def _run_block(t: _Text, block: Block, x: float, y: float, w: float, draw: bool) -> float:
    """Draw (or with draw=False only measure) a block; its height in mm."""
    cx, cw, pad = _inner(block, x, w)
    pdf = t.doc.pdf if draw else None
    if block.box and pdf is not None:
        h = _run_block(t, block, x, y, w, draw=False)
        with pdf.local_context():
            pdf.set_fill_color(*(ALERT_BG if block.box == "alert" else NOTE_BG))
            pdf.rect(x, y, w, h, style="F")
            pdf.set_fill_color(*(ALERT_BAR if block.box == "alert" else ACCENT))
            pdf.rect(x, y, BOX_BAR, h, style="F")
    cy = y + pad
    for row in block.rows:
        cy += _row(t, row, cx, cy, cw, pdf is not None)
    return cy - y + pad


def _as_lines(t: _Text, block: Block, w: float) -> Block:
    """A splittable block with its paragraphs broken into one row per line."""
    rows: list[tuple] = []
    for row in block.rows:
        if row[0] == "text":
            _, text, style, delta, colour, indent, shaped, align = row
            for line in t.lines(text, w - indent, style, t.size + delta, shaped):
                rows.append(("line", line, style, delta, colour, indent, shaped, align))
        else:
            rows.append(row)
    return Block(rows, block.keep_with_next, block.box, block.split)


class _Flow:
    """Places blocks down two columns and across pages; notes whether everything fitted."""

    MIN_LINES = 2  # no single line left alone at the foot or head of a column

    def __init__(self, t: _Text, top: float, ncols: int = 2):
        self.t, self.doc = t, t.doc
        self.ncols = ncols
        self.col_w = (self.doc.w - 2 * MARGIN - GUTTER * (ncols - 1)) / ncols
        self.bottom = self.doc.h - MARGIN - FOOTER_H
        self.col, self.top, self.y = 0, top, top
        self.col_bottoms = [top] * ncols
        self.overflow = False

    def x(self) -> float:
        return MARGIN + self.col * (self.col_w + GUTTER)

    def _next_column(self) -> None:
        self.col_bottoms[self.col] = self.y
        if self.col + 1 < self.ncols:
            self.col += 1
        else:
            self.new_page()
        self.y = self.top

    def new_page(self) -> None:
        self.doc.new_page()
        self.col, self.top, self.y = 0, MARGIN, MARGIN
        self.col_bottoms = [MARGIN] * self.ncols

    def _height(self, block: Block) -> float:
        return _run_block(self.t, block, 0, 0, self.col_w, draw=False)

    def _place(self, block: Block, space: float) -> None:
        h = _run_block(self.t, block, self.x(), self.y, self.col_w, draw=True)
        self.y += h + space

    def add(self, blocks: Sequence[Block], space: float = 2.0) -> None:
        queue = [_as_lines(self.t, b, _inner(b, 0, self.col_w)[1]) if b.split else b for b in blocks]
        while queue:
            block = queue.pop(0)
            need = self._height(block)
            if block.keep_with_next and queue:  # a heading stays with the start of what follows
                nxt = queue[0]
                head = Block(nxt.rows[: self.MIN_LINES + 1], box=nxt.box) if nxt.split else nxt
                need += space + self._height(head)
            if self.y + need <= self.bottom:
                self._place(block, space)
                continue
            if block.split and not block.keep_with_next:
                rows, used, k = block.rows, 0.0, 0
                cx, cw, pad = _inner(block, 0, self.col_w)
                room = self.bottom - self.y - 2 * pad
                while k < len(rows) and used + _row(self.t, rows[k], 0, 0, cw, False) <= room:
                    used += _row(self.t, rows[k], 0, 0, cw, False)
                    k += 1
                fresh = self.y <= self.top
                if (k >= self.MIN_LINES and len(rows) - k >= self.MIN_LINES) or (fresh and k >= 1):
                    self._place(Block(rows[:k], box=block.box), 0)
                    queue.insert(0, Block(rows[k:], block.keep_with_next, block.box, True))
                    self._next_column()
                    continue
            if self.y > self.top:
                self._next_column()
                queue.insert(0, block)
                continue
            self.overflow = True  # taller than a whole column: drawn anyway, and reported
            self._place(block, space)
        self.col_bottoms[self.col] = self.y

    def full_width_y(self, need: float) -> float:
        """A y below everything on the current page with room for `need` mm across the page."""
        y = max(self.col_bottoms[: self.col + 1] + [self.y])
        if y + need > self.bottom:
            self.new_page()
            y = MARGIN
        return y


VIEW_GAP = 14  # map units between the front and back views
VIEW_TITLE_H = 4.0


def _picture_size(geometry: BodyGeometry, picture: Picture, body_h: float) -> tuple[float, float]:
    s = body_h / geometry.height
    n = len(picture.views)
    return (n * geometry.width + (n - 1) * VIEW_GAP) * s, VIEW_TITLE_H + body_h + 4.0


def _draw_picture(pdf: _PDF, geometry: BodyGeometry, picture: Picture, x: float, y: float, body_h: float) -> None:
    """The body views with the region, the referral zones and the trigger points, as vectors."""
    s = body_h / geometry.height
    by = y + VIEW_TITLE_H
    numbered = len({n for *_, n in picture.trigger_points}) > 1

    def rings(ids: Iterable[str], view: str, vx: float):
        for iid in sorted(ids):
            shape = geometry.areas.get(iid)
            if shape is not None and shape.view == view:
                for ring in shape.rings:
                    yield [(vx + px * s, by + py * s) for px, py in ring]

    with pdf.local_context():
        for i, view in enumerate(picture.views):
            vx = x + i * (geometry.width + VIEW_GAP) * s
            pdf.set_font("DejaVu", "B", 7.5)
            pdf.set_text_color(*INK)
            pdf.set_xy(vx, y)
            pdf.cell(geometry.width * s, 3.2, view.title(), align="C")
            pdf.set_fill_color(*_rgb(PALETTE["skin"]))
            pdf.set_draw_color(*_rgb(PALETTE["outline"]))
            pdf.set_line_width(max(0.22, 1.2 * s))
            for ring in geometry.silhouette:
                pdf.polygon([(vx + px * s, by + py * s) for px, py in ring], style="DF")
            pdf.set_draw_color(*_rgb(PALETTE["detail"]))
            pdf.set_line_width(0.8 * s)
            for line in geometry.details[view]:
                pdf.polyline([(vx + px * s, by + py * s) for px, py in line])
            pdf.set_draw_color(*_rgb(PALETTE["area_line"]))
            pdf.set_line_width(0.35 * s)
            for pts in rings(geometry.areas, view, vx):
                pdf.polygon(pts, style="D")
            with pdf.local_context(fill_opacity=0.16):
                pdf.set_fill_color(*_rgb(PALETTE["region"]))
                for pts in rings(picture.region_areas, view, vx):
                    pdf.polygon(pts, style="F")
            for pts in rings(picture.spillover, view, vx):
                _spillover_patch(pdf, pts, spacing=max(1.1, 6 * s), width=max(0.2, 1.4 * s))
            with pdf.local_context(fill_opacity=0.85):
                pdf.set_fill_color(*_rgb(PALETTE["referral"]))
                pdf.set_draw_color(*_rgb(PALETTE["referral_line"]))
                pdf.set_line_width(0.8 * s + 0.05)
                for pts in rings(picture.essential, view, vx):
                    pdf.polygon(pts, style="DF")
            marks = [(vx + px * s, by + py * s, n) for pv, px, py, n in picture.trigger_points if pv == view]
            for cx, cy, _ in marks:
                _trigger_mark(pdf, cx, cy, s)
            if numbered:
                _number_labels(pdf, marks, max(1.05, 5.5 * s))
            left, right = geometry.sides_left_to_right(view)
            pdf.set_font("DejaVu", "", 6.5)
            pdf.set_text_color(*MUTED)
            ly = by + geometry.height * s + 0.6
            pdf.set_xy(vx, ly)
            pdf.cell(geometry.width * s / 2, 3, left.title(), align="L")
            pdf.set_xy(vx + geometry.width * s / 2, ly)
            pdf.cell(geometry.width * s / 2, 3, right.title(), align="R")


def _spillover_patch(pdf: _PDF, pts: list[tuple[float, float]], spacing: float, width: float) -> None:
    """A light fill with diagonal hatching and a dashed edge, like the app's stippled zone."""
    pdf.set_fill_color(*_rgb(PALETTE["spillover_bg"]))
    pdf.polygon(pts, style="F")
    poly = Polygon(pts)
    if not poly.is_valid:
        poly = poly.buffer(0)
    if not poly.is_empty:
        x0, y0, x1, y1 = poly.bounds
        h = y1 - y0
        pdf.set_draw_color(*_rgb(PALETTE["referral"]))
        pdf.set_line_width(width)
        c = x0 - h
        while c < x1:
            cut = poly.intersection(LineString([(c, y1), (c + h, y0)]))  # rising to the right
            for seg in getattr(cut, "geoms", [cut]):
                if isinstance(seg, LineString) and not seg.is_empty:
                    (ax, ay), (bx, by) = seg.coords[0], seg.coords[-1]
                    pdf.line(ax, ay, bx, by)
            c += spacing
    pdf.set_draw_color(*_rgb(PALETTE["referral"]))
    pdf.set_line_width(0.25)
    pdf.set_dash_pattern(dash=0.6, gap=0.45)
    pdf.polygon(pts, style="D")
    pdf.set_dash_pattern()


def _trigger_mark(pdf: _PDF, cx: float, cy: float, s: float) -> None:
    """A trigger point: a bold X in a white disc, as on the app's map."""
    r = max(1.05, 5.5 * s)
    arm = r * 0.62
    with pdf.local_context():
        pdf.set_draw_color(*_rgb(PALETTE["trigger"]))
        pdf.set_fill_color(255, 255, 255)
        pdf.set_line_width(0.18)
        with pdf.local_context(fill_opacity=0.9):
            pdf.circle(cx, cy, r, style="DF")
        pdf.set_line_width(max(0.35, 2.2 * s))
        pdf.line(cx - arm, cy - arm, cx + arm, cy + arm)
        pdf.line(cx - arm, cy + arm, cx + arm, cy - arm)


def _number_labels(pdf: _PDF, marks: list[tuple[float, float, int]], r: float) -> None:
    """Each trigger point's muscle number, placed beside it where it overlaps nothing else.

    Where trigger points crowd together a number that has no free place is left out rather
    than printed over another one.
    """
    size, h = 5.5, 2.2
    taken = [(x - r, y - r, x + r, y + r) for x, y, _ in marks]

    def free(box) -> bool:
        return all(box[2] <= t[0] or box[0] >= t[2] or box[3] <= t[1] or box[1] >= t[3] for t in taken)

    with pdf.local_context():
        pdf.set_font("DejaVu", "B", size)
        pdf.set_text_color(*_rgb(PALETTE["trigger"]))
        for x, y, number in marks:
            w = _width(str(number), "B", size) + 0.3
            for dx, dy in ((1, -1), (1, 0), (1, 1), (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1)):
                lx = x + dx * (r + 0.2) + (0 if dx > 0 else -w if dx < 0 else -w / 2)
                ly = y + dy * (r + 0.2) + (0 if dy > 0 else -h if dy < 0 else -h / 2)
                box = (lx, ly, lx + w, ly + h)
                if free(box):
                    taken.append(box)
                    with pdf.local_context(fill_opacity=0.8):
                        pdf.set_fill_color(255, 255, 255)
                        pdf.rect(lx, ly, w, h, style="F")
                    pdf.set_xy(lx, ly)
                    pdf.cell(w, h, str(number), align="C")
                    break


def _legend_items(picture: Picture) -> list[tuple[str, str]]:
    items = []
    if picture.essential:
        items.append(("essential", "Where the pain is usually felt"))
    if picture.spillover:
        items.append(("spillover", "Where it may spread"))
    if picture.trigger_points:
        numbered = len({n for *_, n in picture.trigger_points}) > 1
        items.append(("tp", "Trigger point: a tight, tender spot in the muscle"
                            + (" (the number is the muscle's number in the list)" if numbered else "")))
    items.append(("region", "The body region this handout is about"))
    return items


def _legend(t: _Text, x: float, y: float, w: float, picture: Picture, measure_only: bool = False) -> float:
    pdf = None if measure_only else t.doc.pdf
    size = max(6.5, t.size - 1.5)
    cy = y
    for kind, text in _legend_items(picture):
        sx, sy = x + 0.5, cy + 0.3
        if pdf is not None:
            if kind == "essential":
                with pdf.local_context(fill_opacity=0.85):
                    pdf.set_fill_color(*_rgb(PALETTE["referral"]))
                    pdf.set_draw_color(*_rgb(PALETTE["referral_line"]))
                    pdf.set_line_width(0.2)
                    pdf.rect(sx, sy, 4.5, 3, style="DF")
            elif kind == "spillover":
                with pdf.local_context():
                    _spillover_patch(pdf, [(sx, sy), (sx + 4.5, sy), (sx + 4.5, sy + 3), (sx, sy + 3)], 1.1, 0.25)
            elif kind == "tp":
                _trigger_mark(pdf, sx + 2.25, sy + 1.5, 0.2)
            else:
                with pdf.local_context(fill_opacity=0.3):
                    pdf.set_fill_color(*_rgb(PALETTE["region"]))
                    pdf.rect(sx, sy, 4.5, 3, style="F")
        h = t.height(text, w - 6.5, "", size) if measure_only else t.draw(text, x + 6.5, cy, w - 6.5, "", size)
        cy += max(h, 3.8) + 0.4
    return cy - y


def _draw_qr(pdf: _PDF, url: str, x: float, y: float, size: float) -> None:
    """The QR code as filled rectangles (one per run of dark modules): sharp at any zoom."""
    matrix = qr_matrix(url)
    module = size / len(matrix)
    with pdf.local_context():
        pdf.set_fill_color(0, 0, 0)
        for r, row in enumerate(matrix):
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                # a hair of overlap avoids light seams between modules in some viewers
                pdf.rect(x + start * module, y + r * module, (c - start) * module + 0.02, module + 0.02, style="F")


def _first_strong_is_rtl(text: str) -> bool:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _heading(text: str) -> Block:
    return Block(keep_with_next=True).gap(0.6).text(text, "B", 1.5, ACCENT)


def _picture_block(t: _Text, geometry: BodyGeometry, picture: Picture, col_w: float, level: int) -> Block:
    """The body picture and its legend, centred in a column."""
    body_h = min(64 + (t.size - 7) * 8 - 4 * level, 440 * col_w * 0.92 / (len(picture.views) * 200 + VIEW_GAP))
    pic_w, pic_h = _picture_size(geometry, picture, body_h)
    block = Block()

    def draw(x: float, y: float, w: float) -> None:
        _draw_picture(t.doc.pdf, geometry, picture, x + (w - pic_w) / 2, y, body_h)

    block.custom(pic_h, draw)
    legend_w = min(col_w, max(pic_w, 70.0))
    legend_h = _legend(t, 0, 0, legend_w, picture, measure_only=True)
    block.custom(legend_h + 1, lambda x, y, w: _legend(t, x + (w - legend_w) / 2, y + 1, legend_w, picture))
    return block


def _flow_blocks(t: _Text, geometry: BodyGeometry, plan: HandoutPlan, col_w: float, level: int = 0) -> list[Block]:
    blocks: list[Block] = [_picture_block(t, geometry, plan.picture, col_w, level)]

    def sections(items: Sequence[TextSection]) -> list[Block]:
        if level >= 1:
            return [Block(split=True).text(f"{s.heading}: {s.body}") for s in items]
        return [Block(split=True).text(s.heading, "B").text(s.body) for s in items]

    blocks.append(_heading(f"About your {plan.region_name.lower()}"))
    blocks.append(Block(split=True).text(plan.overview))
    if plan.muscles:
        blocks.append(_heading("The muscles on this handout" if len(plan.muscles) > 1 else "The muscle on this handout"))
        for i, (name, summary) in enumerate(plan.muscles, start=1):
            blocks.append(Block().label(f"{i}" if len(plan.muscles) > 1 else "•", name, 4.5, "B")
                          .text(summary, indent=4.5))  # the number matches the picture's labels
    if plan.expect:
        blocks.append(_heading("What to expect after a session"))
        blocks += sections(plan.expect)
    if plan.aftercare:
        blocks.append(_heading("Looking after yourself afterwards"))
        blocks += sections(plan.aftercare)
    alert = Block(box="alert").text("When to contact your provider", "B", 1.5, ALERT_INK).gap(0.6)
    for flag in plan.red_flags:
        alert.label("•", flag, 3.2, label_colour=ALERT_BAR)
    alert.gap(0.8).text(plan.contact_line, "B")
    blocks.append(alert)
    blocks.append(_heading("Your exercises" if len(plan.exercises) > 1 else "Your exercise"))
    label_w = max(_width(label, "B", t.size) for label in ("Dose", "Feel", "Stop if")) + 1.8
    for n, ex in enumerate(plan.exercises, start=1):
        # an exercise stays in one piece unless space is tight
        b = Block(split=level >= 1).text(f"{n}. {ex.name}", "B").text(ex.purpose, colour=MUTED).gap(0.5)
        if level >= 2:
            b.text(" ".join(f"{i}. {step}" for i, step in enumerate(ex.steps, start=1)))
        else:
            for i, step in enumerate(ex.steps, start=1):
                b.label(f"{i}.", step, max(4.5, _width(f"{len(ex.steps)}.", "B", t.size) + 1.2), label_colour=INK)
        b.gap(0.5)
        b.label("Dose", ex.dosage + (" (set by your therapist)" if ex.dosage_changed else ""), label_w, "B")
        if level < 2:
            b.label("Feel", ex.feel, label_w)
        for i, stop in enumerate(ex.stop_if):
            b.label("Stop if" if i == 0 else "", stop, label_w, label_colour=ALERT_BAR)
        blocks.append(b)
    if plan.note:
        note = Block(box="note").text("A note from your therapist", "B", 0, ACCENT).gap(0.6)
        for para in plan.note.split("\n"):
            shaped = shaping_available() and needs_shaping(para)
            note.text(para or " ", shaped=shaped, align="R" if _first_strong_is_rtl(para) else "L")
        blocks.append(note)
    small = max(6.0, t.size - 1.5) - t.size
    cites = [short if level >= 1 else full for short, full in plan.sources]
    blocks.append(Block(split=True).gap(0.6).text("Sources: " + "  ·  ".join(cites), size_delta=small, colour=MUTED))
    return blocks


QR_SIZE = 24.0


def _closing_block(t: _Text, plan: HandoutPlan, col_w: float) -> Block:
    """The QR code with the printed link beside it, and the education line."""
    tw = col_w - QR_SIZE - 3
    link_lines = wrap_url(plan.link, tw, t.size)
    lines = [("See this on the body map", "B", t.size + 0.5, ACCENT, ""),
             ("Scan the code with a phone camera, or type this address:", "", t.size, INK, "")]
    lines += [(line, "", t.size, ACCENT, plan.link) for line in link_lines]
    text_h = sum(t.height(text, tw, style, size) for text, style, size, _, _ in lines) + 1

    def draw(x: float, y: float, w: float) -> None:
        _draw_qr(t.doc.pdf, plan.link, x, y, QR_SIZE)
        cy = y + 1
        for i, (text, style, size, colour, link) in enumerate(lines):
            cy += t.draw(text, x + QR_SIZE + 3, cy, tw, style, size, colour, link=link) + (0.5 if i < 2 else 0)

    # The education line is in every page's footer, so it is not repeated here.
    return Block().gap(1).custom(max(QR_SIZE, text_h + 1), draw)


def _layout(plan: HandoutPlan, geometry: BodyGeometry, size: float, draw: bool, level: int = 0,
            total_pages: int = 0) -> tuple[_Doc, bool]:
    """Lay the handout out at body font `size` and compaction `level`; the document and whether it fits."""
    doc = _Doc(plan, draw, total_pages)
    pdf = doc.pdf
    t = _Text(doc, size)
    width = doc.w - 2 * MARGIN

    # title and date
    t.draw(plan.date_text, MARGIN, MARGIN + 1.6, width, "", size + 0.5, MUTED, align="R")
    y = MARGIN + t.draw(plan.title, MARGIN, MARGIN, width - 40, "B", 16, ACCENT)
    if pdf is not None:
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.4)
        pdf.line(MARGIN, y + 1, doc.w - MARGIN, y + 1)

    # everything else in two columns, ending with the link back to the app
    flow = _Flow(t, y + 4)
    flow.add(_flow_blocks(t, geometry, plan, flow.col_w, level) + [_closing_block(t, plan, flow.col_w)])

    return doc, not flow.overflow and doc.pages <= MAX_PAGES


def layout_fit(plan: HandoutPlan, geometry: BodyGeometry) -> tuple[float, int, int]:
    """The first (font size, compaction level) in FITS at which the handout fits in two
    pages, and the number of pages it then takes."""
    for size, level in FITS:
        doc, fits = _layout(plan, geometry, size, draw=False, level=level)
        if fits:
            return size, level, doc.pages
    size, level = FITS[-1]
    return size, level, _layout(plan, geometry, size, draw=False, level=level)[0].pages


def render_plan(plan: HandoutPlan, geometry: BodyGeometry) -> bytes:
    """Lay out a plan as large as it fits within two pages; the PDF bytes."""
    size, level, pages = layout_fit(plan, geometry)
    doc, _ = _layout(plan, geometry, size, draw=True, level=level, total_pages=pages)
    return bytes(doc.pdf.output())


def build_handout(content: Content, geometry: BodyGeometry, request: HandoutRequest) -> bytes:
    """The handout PDF for `request`. Raises HandoutError naming every problem with it."""
    return render_plan(plan_handout(content, geometry, request), geometry)


def handout_filename(request: HandoutRequest) -> str:
    """A file name with the region and date only: nothing about the patient."""
    return f"handout-{request.region}-{request.date.isoformat()}.pdf"
