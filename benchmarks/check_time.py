"""Time to check content: `python -m bodymap check` on the shipped content and on a large
pack, with the ratio per muscle, and where the large pack's time goes.

usage: python -m benchmarks.check_time [--large DIR] [--repeat 3]

Without --large, a pack of 100 regions and 1,000 muscles is generated first
(scripts/make_pack.py) in a temporary folder. Figures:
- the command as a user runs it (a new process: interpreter, imports, load, validate),
  against a control process that only imports the library;
- load_content() in-process (YAML, pydantic models, geometry, cross-references);
- the same work split into its steps (YAML parsing with the
  loader the app uses, and with PyYAML's C loader for comparison; model validation;
  geometry; cross-references).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, machine

from bodymap import content as C
from bodymap import geometry as G


def wall(cmd: list[str], repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout}{result.stderr}")
        out = result.stdout.strip()
    return statistics.median(times), out


def in_process(folder: Path, repeat: int) -> tuple[float, C.Content]:
    times = []
    for _ in range(repeat):
        G._load_geometry.cache_clear()
        start = time.perf_counter()
        content = C.load_content(folder)
        times.append(time.perf_counter() - start)
    return statistics.median(times), content


def steps(folder: Path) -> dict[str, float]:
    """The large pack's load split into steps (one run each)."""
    import yaml

    files = sorted(p for sub in C.COLLECTIONS for p in (folder / sub).glob("*.yaml")) + [folder / C.SAFETY_FILE]
    texts = [p.read_text(encoding="utf-8") for p in files]
    out = {}
    start = time.perf_counter()
    data = [yaml.load(t, Loader=C._NoAliasLoader) for t in texts]  # noqa: S506 - the app's safe loader
    out["YAML parse (the app's pure-Python safe loader)"] = time.perf_counter() - start
    start = time.perf_counter()
    for t in texts:
        yaml.load(t, Loader=yaml.CSafeLoader)  # noqa: S506
    out["YAML parse (PyYAML's C safe loader, for comparison)"] = time.perf_counter() - start
    start = time.perf_counter()
    for path, d in zip(files, data):
        if path.name == C.SAFETY_FILE:
            C.Safety.model_validate(d)
            continue
        key, kind = C.COLLECTIONS[path.parent.name]
        for item in d[key]:
            kind.model_validate(item)
    out["pydantic model validation"] = time.perf_counter() - start
    G._load_geometry.cache_clear()
    start = time.perf_counter()
    geometry = G.load_geometry(G.geometry_file(folder))
    out["geometry build (shapely)"] = time.perf_counter() - start
    content = C.load_content(folder)
    start = time.perf_counter()
    C.validate_references(content, geometry.base_areas)
    out["cross-reference checks"] = time.perf_counter() - start
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--large", metavar="DIR", help="the large pack (default: generate one)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = None
    if args.large:
        large = Path(args.large).resolve()
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bodymap-pack-")
        large = Path(tmp.name) / "pack"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pack.py"), "-o", str(large)], check=True,
                       capture_output=True)
    shipped = C.DEFAULT_CONTENT_DIR
    control, _ = wall([sys.executable, "-c", "import bodymap.__main__, bodymap.content, bodymap.geometry"],
                      args.repeat)
    rows = {}
    for label, folder in (("shipped", shipped), ("large", large)):
        cli, printed = wall([sys.executable, "-m", "bodymap", "--content", str(folder), "check"], args.repeat)
        load, content = in_process(folder, args.repeat)
        rows[label] = (cli, load, len(content.muscles), printed)

    print(machine())
    print(f"median of {args.repeat}; large pack: {large}")
    print(f"control: python -c 'import bodymap...' (interpreter + imports)   {control:6.2f} s")
    for label, (cli, load, muscles, printed) in rows.items():
        print(f"{label:<8} {muscles:5d} muscles: `python -m bodymap check` {cli:6.2f} s wall, "
              f"load_content() in-process {load:6.2f} s   [{printed}]")
    (c_s, l_s, m_s, _), (c_l, l_l, m_l, _) = rows["shipped"], rows["large"]
    print(f"ratio large/shipped: check command {c_l / c_s:.1f}x, in-process load {l_l / l_s:.1f}x, "
          f"muscles {m_l / m_s:.1f}x")
    print(f"ratio per muscle (large/shipped): check command {(c_l / m_l) / (c_s / m_s):.2f}, "
          f"in-process load {(l_l / m_l) / (l_s / m_s):.2f}   (1.0 = linear in muscles; below 1: fixed costs amortised)")
    print(f"check command minus control: shipped {c_s - control:.2f} s, large {c_l - control:.2f} s "
          f"-> {(c_l - control) / (c_s - control):.1f}x for {m_l / m_s:.1f}x the muscles")
    print("where the load goes (one run each):            shipped    large")
    split = {label: steps(folder) for label, folder in (("shipped", shipped), ("large", large))}
    for step in split["large"]:
        print(f"  {step:<52} {split['shipped'][step]:6.2f} s {split['large'][step]:6.2f} s")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
