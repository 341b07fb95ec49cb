"""Time to build the largest patient handout, against fpdf2 controls measured in the same run.

The largest selection: every muscle of the region with the most muscle text, six
exercises (the region's, then the wordiest others), a 1,000-character note. Controls:
an empty fpdf2 page (the floor of any PDF), and one page of plain text in the same
bundled font (what loading and subsetting a TTF costs). Machines are shared and noisy,
so read the ratios, not the absolute times.

usage: python -m benchmarks.handout_build [--repeat N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

from fpdf import FPDF

from bodymap import handout as H
from bodymap.content import load_content
from bodymap.geometry import load_geometry

NOTE = ("Do the chin nods before work and again after lunch. Keep the movement small and slow.\n"
        "If the headache comes back, note the time and what you were doing. ") * 8


def largest_request(content, paper: str) -> H.HandoutRequest:
    def muscle_text(region_id: str) -> int:
        return sum(len(m.summary.patient) for m in content.muscles_in(region_id))

    def words(eid: str) -> int:
        e = content.exercises[eid]
        return len(" ".join([e.purpose, *e.steps, e.dosage, e.feel, *e.stop_if]))

    region = max(content.regions, key=muscle_text)
    paired = list(content.regions[region].exercises)
    others = sorted((e for e in content.exercises if e not in paired), key=words, reverse=True)
    return H.HandoutRequest(region=region, muscles=tuple(m.id for m in content.muscles_in(region)),
                            exercises=tuple((paired + others)[:6]), note=NOTE[:H.MAX_NOTE_CHARS].strip(),
                            paper=paper, base_url="https://clinic.example/bodymap")


def empty_page() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def text_page() -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(H.FONT_REGULAR))
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 4, "Plain text in the bundled font. " * 60)
    return bytes(pdf.output())


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm caches (font metrics, geometry), as a running app would have them
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    content, geometry = load_content(), load_geometry()
    empty = statistics.median(timed(empty_page, args.repeat))
    text = statistics.median(timed(text_page, args.repeat))
    print(f"control: empty fpdf2 page          {empty * 1000:8.1f} ms (median of {args.repeat})")
    print(f"control: one page of DejaVu text   {text * 1000:8.1f} ms")
    for paper in H.PAPERS:
        request = largest_request(content, paper)
        plan = H.plan_handout(content, geometry, request)
        size, level, pages = H.layout_fit(plan, geometry)
        runs = timed(lambda request=request: H.build_handout(content, geometry, request), args.repeat)
        med = statistics.median(runs)
        pdf = H.build_handout(content, geometry, request)
        print(f"largest handout, {paper:6} ({request.region}: {len(request.muscles)} muscles, "
              f"{len(request.exercises)} exercises, {len(request.note)}-char note) -> {pages} page(s), "
              f"{size} pt, compaction {level}, {len(pdf) / 1024:.0f} kB")
        print(f"  build {med * 1000:8.1f} ms median (min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f}); "
              f"ratio to empty page {med / empty:6.1f}x, to text page {med / text:5.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
