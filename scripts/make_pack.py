"""Write a large, valid, clearly synthetic content pack for scale tests and benchmarks.

usage: python scripts/make_pack.py [--regions 100] [--muscles 1000] [--seed 7] -o DIR

DIR gets a complete content folder (sources, regions, muscles, exercises, topics,
safety.yaml) and its own geometry.yaml. The geometry reuses the shipped body
(`parts`, `details` of assets/body_geometry.yaml) and divides it into a grid of small
rectangular areas clipped to the body, on the front and on the back view, so that every
region owns its own areas (regions never share areas). All text is filler that says it
is synthetic ("Synthetic muscle 417"); it has roughly the length of the shipped text, so
a pack with 20 times the muscles is about 20 times the bytes.

The output depends only on the arguments: the same arguments give the same files.
`python -m bodymap check --content DIR` validates it.
"""
from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
from pathlib import Path

import yaml
from shapely.geometry import box
from shapely.ops import unary_union

from bodymap.geometry import GEOMETRY_FILE, VIEWS, _both_sides, _shape

ROOT = Path(__file__).resolve().parent.parent

CELL_W, CELL_H = 12, 16  # grid cell on the viewer-left half of a view, in map units
MIN_CELL_AREA = 6.0  # cells with less body than this are left out (the builder needs > 1)
EXERCISES_PER_REGION = 5
TOPICS = 11
GENERAL_SOURCES = 20
SOURCES_PER_REGION = 3

WORDS = {
    "feel": ["a dull ache", "a deep soreness", "a tight band", "a tender spot", "a heavy feeling", "a nagging pain"],
    "when": ["you sit for a long time", "you lift a heavy bag", "you sleep in one position", "you work at a desk",
             "you walk up hills", "you carry a child", "you use a phone for hours", "you train hard"],
    "where": ["near the spot", "a little further out", "along the edge", "over a wide patch", "in a small circle"],
    "clin": ["taut band", "local twitch response", "pincer palpation", "flat palpation", "bony backstop",
             "slow withdrawal", "graded loading", "neurovascular bundle", "pleural margin", "fascial plane"],
    "fact": ["pattern", "trigger point", "referral zone", "look-alike", "aggravator", "palpation position"],
}


# --- text --------------------------------------------------------------------------------

class Filler:
    """Plain, short, clearly synthetic sentences, drawn from a seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, kind: str) -> str:
        return self.rng.choice(WORDS[kind])

    def patient(self, name: str, sentences: int = 4) -> str:
        out = [f"{name} is made-up text for testing the app at a larger size."]
        for _ in range(sentences - 1):
            out.append(self.rng.choice([
                f"You may feel {self.pick('feel')} {self.pick('where')} when {self.pick('when')}.",
                f"It can get sore when {self.pick('when')}.",
                "Gentle movement and the exercises often help.",
                "Ask your therapist to check it if the pain does not settle.",
                f"Some people notice {self.pick('feel')} that comes and goes.",
            ]))
        return " ".join(out)

    def clinician(self, name: str, sentences: int = 4) -> str:
        out = [f"Synthetic clinician text for {name}, generated for scale tests."]
        for _ in range(sentences - 1):
            out.append(self.rng.choice([
                f"Assess with {self.pick('clin')} and confirm the {self.pick('clin')} before needling.",
                f"The {self.pick('clin')} guides needle depth; keep the {self.pick('clin')} in mind.",
                f"Reassess range and pain after treatment, then progress {self.pick('clin')}.",
                f"Compare with neighbouring muscles; the {self.pick('fact')} helps to tell them apart.",
            ]))
        return " ".join(out)

    def student(self, name: str, sentences: int = 3) -> str:
        out = [f"Synthetic study notes for {name}."]
        for _ in range(sentences - 1):
            out.append(f"Learn its {self.pick('fact')} and its {self.pick('fact')} as a pair; "
                       f"the {self.pick('clin')} is the detail examiners ask about.")
        return " ".join(out)

    def audience(self, name: str) -> dict[str, str]:
        return {"patient": self.patient(name), "clinician": self.clinician(name), "student": self.student(name)}

    def items(self, template: str, n: int) -> list[str]:
        return [template.format(i=i + 1, feel=self.pick("feel"), when=self.pick("when"), where=self.pick("where"),
                                clin=self.pick("clin"), fact=self.pick("fact")) for i in range(n)]


# --- geometry ----------------------------------------------------------------------------

def body_half(spec: dict):
    """The viewer-left half of the body outline, built as bodymap.geometry builds it."""
    width = spec["width"]
    parts = []
    for part in spec["parts"].values():
        shape = _shape(part)
        parts.append(unary_union(_both_sides(shape, width)) if part.get("mirror", True) else shape)
    body = unary_union(parts).buffer(3, quad_segs=8).buffer(-3, quad_segs=8).simplify(0.15)
    return body.intersection(box(-1e3, -1e3, width / 2, 1e4))


def grid_areas(spec: dict) -> list[dict]:
    """Grid cells clipped to the body, per view, in reading order (row by row)."""
    half = body_half(spec)
    cells = []
    for view in VIEWS:
        for row in range(math.ceil(spec["height"] / CELL_H)):
            for col in range(math.ceil(spec["width"] / 2 / CELL_W)):
                x0, y0 = col * CELL_W, row * CELL_H
                x1, y1 = min(x0 + CELL_W, spec["width"] / 2), y0 + CELL_H
                if box(x0, y0, x1, y1).intersection(half).area < MIN_CELL_AREA:
                    continue
                cells.append({
                    "id": f"{view[:2]}-{row:02d}-{col:02d}",
                    "label": f"{view.title()} patch, row {row + 1}, column {col + 1}",
                    "view": view,
                    "rect": [x0, y0, x1, y1],
                    "_rc": (row, col),
                })
    return cells


def split_evenly(items: list, n: int) -> list[list]:
    """n consecutive, non-empty groups whose sizes differ by at most one."""
    size, extra = divmod(len(items), n)
    out, at = [], 0
    for i in range(n):
        take = size + (1 if i < extra else 0)
        out.append(items[at:at + take])
        at += take
    return out


def near(cell: dict, cells: list[dict], reach: int) -> list[dict]:
    r, c = cell["_rc"]
    return [o for o in cells if o["view"] == cell["view"] and o is not cell
            and abs(o["_rc"][0] - r) <= reach and abs(o["_rc"][1] - c) <= reach]


# --- the pack ----------------------------------------------------------------------------

def make_pack(out: Path, regions: int = 100, muscles: int = 1000, seed: int = 7) -> dict[str, int]:
    """Write the pack to `out` (replacing what is there) and return its counts."""
    if regions < 1 or muscles < regions:
        raise ValueError("need at least one region and at least one muscle per region")
    rng = random.Random(seed)
    text = Filler(rng)
    spec = yaml.safe_load(GEOMETRY_FILE.read_text(encoding="utf-8"))
    cells = grid_areas(spec)
    if len(cells) < regions:
        raise ValueError(f"the grid has {len(cells)} areas; a pack with {regions} regions needs at least that many")

    if out.exists():
        shutil.rmtree(out)
    for folder in ("sources", "regions", "muscles", "exercises", "topics"):
        (out / folder).mkdir(parents=True)

    def dump(path: Path, data: object, header: str = "") -> None:
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(f"# Synthetic content written by scripts/make_pack.py (seed {seed}). {header}\n{body}",
                        encoding="utf-8")

    geometry = {
        "width": spec["width"],
        "height": spec["height"],
        "parts": spec["parts"],
        "details": spec["details"],
        "areas": [{k: v for k, v in cell.items() if not k.startswith("_")} for cell in cells],
    }
    dump(out / "geometry.yaml", geometry, "The shipped body, cut into a grid of small areas.")

    # Sources: general ones, and a few per region.
    general = [f"synthetic-general-{i + 1:03d}" for i in range(GENERAL_SOURCES)]
    sources = [{"id": sid, "title": f"Synthetic general source {i + 1}", "author": "Generated by make_pack.py",
                "date": str(2000 + i % 25), "kind": "article", "publisher": "No publisher (synthetic test data)"}
               for i, sid in enumerate(general)]
    region_sources: dict[int, list[str]] = {}
    for r in range(regions):
        ids = [f"synthetic-ref-{r + 1:03d}-{k + 1}" for k in range(SOURCES_PER_REGION)]
        region_sources[r] = ids
        sources += [{"id": sid, "title": f"Synthetic reference {k + 1} for synthetic region {r + 1}",
                     "author": "Generated by make_pack.py", "date": str(1990 + (r + k) % 35),
                     "kind": rng.choice(["clinical reference", "study", "guideline"]),
                     "detail": "Not a real publication"} for k, sid in enumerate(ids)]
    dump(out / "sources" / "sources.yaml", {"sources": sources})

    # Regions own consecutive runs of grid cells (row by row, front then back).
    owned = split_evenly(cells, regions)
    muscle_groups = split_evenly(list(range(muscles)), regions)
    region_ids = [f"region-{r + 1:03d}" for r in range(regions)]
    muscle_ids = [f"muscle-{m + 1:04d}" for m in range(muscles)]
    region_records = []
    for r, rid in enumerate(region_ids):
        name = f"Synthetic region {r + 1}"
        exercises = [f"exercise-{r + 1:03d}-{k + 1}" for k in range(EXERCISES_PER_REGION)]
        region_records.append({
            "id": rid, "name": name, "order": r + 1,
            "areas": [c["id"] for c in owned[r]],
            "overview": text.audience(name),
            "suitability": {
                "helps": text.items("Synthetic case {i}: {feel} that gets worse when {when}.", 4),
                "less_helpful": text.items("Synthetic case {i}: pain with numbness, fever or a recent fall. "
                                           "See a doctor first.", 4),
            },
            "safety": text.items("Synthetic safety note {i}: mind the {clin} and the {clin}.", 3),
            "exercises": exercises,
            "exercise_pairing": text.patient(f"The exercise plan for {name.lower()}", 3),
            "sources": region_sources[r][:2] + [rng.choice(general)],
        })

        ex_records = []
        for k, eid in enumerate(exercises):
            ename = f"Synthetic exercise {r + 1}.{k + 1}"
            ex_records.append({
                "id": eid, "name": ename,
                "purpose": text.patient(ename, 2),
                "steps": text.items("Step {i}: move slowly and stop {where} if you feel {feel}.", 4),
                "dosage": "Do 10 slow repeats, once or twice a day, for 4 to 6 weeks.",
                "progression": "Add 5 repeats or a light weight when it feels easy.",
                "regression": "Do fewer repeats and make the movement smaller.",
                "feel": f"A light stretch or effort {rng.choice(WORDS['where'])}.",
                "stop_if": ["Pain gets sharp or spreads.", "You feel numb, dizzy or sick."],
                "sources": [rng.choice(region_sources[r]), rng.choice(general)],
            })
        dump(out / "exercises" / f"{rid}.yaml", {"exercises": ex_records})

        m_records = []
        home = owned[r]
        for m in muscle_groups[r]:
            mid, mname = muscle_ids[m], f"Synthetic muscle {m + 1}"
            tp_cells = [rng.choice(home) for _ in range(rng.randint(1, 3))]
            first = tp_cells[0]
            around = near(first, cells, 2) or [first]
            essential = list(dict.fromkeys([first["id"]] + [c["id"] for c in rng.sample(around, min(len(around), rng.randint(1, 2)))]))
            wider = [c["id"] for c in near(first, cells, 3) if c["id"] not in essential]
            spillover = rng.sample(wider, min(len(wider), rng.randint(1, 3)))
            peers = [muscle_ids[p] for p in muscle_groups[r] if p != m]
            record = {
                "id": mid, "name": mname, "region": rid,
                "also_called": [f"synthetic test muscle {m + 1}"],
                "summary": text.audience(mname),
                "trigger_points": [
                    {"description": f"Synthetic trigger point {i + 1} of {mname.lower()}, {rng.choice(WORDS['where'])}.",
                     "area": c["id"], "dx": rng.randint(-3, 3), "dy": rng.randint(-3, 3)}
                    for i, c in enumerate(tp_cells)
                ],
                "referral": {"essential": essential, "spillover": spillover,
                             "note": f"Synthetic note: felt on the same side, {rng.choice(WORDS['where'])}."},
                "patients_notice": text.items("You may notice {feel} {where}.", 4),
                "aggravators": text.items("It can get worse when {when}.", 4),
                "palpation": text.clinician(mname, 3),
                "needling_safety": text.clinician(mname, 3),
                "key_facts": text.items("Synthetic fact {i}: the {fact} and the {clin}.", 4),
                "look_alikes": [{"muscle": p, "how_to_tell": text.student(f"synthetic muscle {p[-4:].lstrip('0')}", 2)}
                                for p in rng.sample(peers, min(len(peers), 2))],
                "disagreements": [] if m % 5 else [{
                    "about": f"How often synthetic muscle {m + 1} is involved",
                    "views": [{"says": "Synthetic view one: often.", "sources": [region_sources[r][0]]},
                              {"says": "Synthetic view two: less often.", "sources": [region_sources[r][1]]}],
                }],
                "sources": [region_sources[r][0], rng.choice(region_sources[r][1:]), rng.choice(general)],
            }
            m_records.append(record)
        dump(out / "muscles" / f"{rid}.yaml", {"muscles": m_records})
    dump(out / "regions" / "regions.yaml", {"regions": region_records})

    for t in range(TOPICS):
        title = f"Synthetic topic {t + 1}"
        dump(out / "topics" / f"topic-{t + 1:02d}.yaml", {"topics": [{
            "id": f"topic-{t + 1:02d}", "title": title, "order": t + 1,
            "sections": [{"heading": f"{title}, part {s + 1}", "body": text.audience(f"{title}, part {s + 1}"),
                          "sources": [rng.choice(general)]} for s in range(4)],
        }]})

    dump(out / "safety.yaml", {
        "disclaimer": "Synthetic test text. This is general education, not a diagnosis. "
                      "Only a clinician who examines you can tell what is causing your pain.",
        "contact_line": "Synthetic test text. If any of these happen, contact your therapist or doctor soon.",
        "red_flags": text.items("Synthetic red flag {i}: {feel} that gets worse each day.", 5),
        "not_for_needling": text.items("Synthetic reason {i} not to be needled.", 4),
        "check_first": text.items("Synthetic check {i} before needling.", 4),
        "sources": general[:3],
    })
    # The shipped quiz vocabulary: the synthetic needling notes name some of its structures.
    shipped = yaml.safe_load((ROOT / "data" / "study.yaml").read_text(encoding="utf-8"))
    dump(out / "study.yaml", {"safety_structures": shipped["safety_structures"]})
    return {"regions": regions, "muscles": muscles, "exercises": regions * EXERCISES_PER_REGION,
            "topics": TOPICS, "sources": len(sources), "areas": len(cells)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--regions", type=int, default=100)
    ap.add_argument("--muscles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write (replaced if it exists)")
    args = ap.parse_args(argv)
    out = Path(args.output)
    if out.exists() and any(out.iterdir()) and not (out / "geometry.yaml").exists():
        print(f"{out} exists and does not look like a generated pack; not replacing it", file=sys.stderr)
        return 1
    counts = make_pack(out, args.regions, args.muscles, args.seed)
    print(f"Wrote {out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + " (base areas, each with a left and right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
