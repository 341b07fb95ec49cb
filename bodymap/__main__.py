"""Command line: python -m bodymap check | export | lookup AREA... | handout ..."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

from .content import ContentErrors, content_dir, load_content
from .export import export_model


def _load(args):
    try:
        return load_content(args.content)
    except ContentErrors as exc:
        print(f"Content in {args.content or content_dir()} has {len(exc.errors)} problem(s):", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return None


def cmd_check(args) -> int:
    start = time.perf_counter()
    content = _load(args)
    if content is None:
        return 1
    print(
        f"OK: {len(content.regions)} regions, {len(content.muscles)} muscles, "
        f"{len(content.exercises)} exercises, {len(content.topics)} topics, "
        f"{len(content.sources)} sources ({time.perf_counter() - start:.2f} s)"
    )
    return 0


def cmd_export(args) -> int:
    content = _load(args)
    if content is None:
        return 1
    json.dump(export_model(content), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def cmd_lookup(args) -> int:
    from .lookup import (UnknownAreaError, areas_nobody_refers_to, describe_match, parse_areas, rank_muscles,
                         silent_area)

    content = _load(args)
    if content is None:
        return 1
    geometry = content.geometry
    try:
        queries = parse_areas(args.areas, geometry)
    except UnknownAreaError as exc:
        for item in exc.unknown:
            close = exc.suggestions.get(item) or []
            hint = f" Close matches: {', '.join(close)}." if close else ""
            print(f"Unknown area {item!r}.{hint}", file=sys.stderr)
        print("Area ids are listed in docs/content-guide.md (add -left or -right for one side).", file=sys.stderr)
        return 1
    matches = rank_muscles(content, queries, geometry)
    silent = areas_nobody_refers_to(content, queries, geometry)
    silent_lines = [silent_area(content, a, geometry).line for a in silent]
    if not matches:
        print("\n".join(silent_lines))
        return 0
    try:
        for match in matches:
            print(describe_match(match, content, geometry))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return 0
    for line in silent_lines:
        print("Note: " + line, file=sys.stderr)
    return 0


def cmd_handout(args) -> int:
    import datetime as dt
    from pathlib import Path

    from .handout import HandoutError, HandoutRequest, build_handout
    from .share import LOCAL_ADDRESS_HELP, base_url, only_this_computer

    from .dosage import Dosage, DosageError

    dosage = {}
    for item in args.dosage or []:
        exercise, sep, token = item.partition("=")
        if not sep or not exercise.strip():
            print(f"--dosage needs EXERCISE=DOSAGE (e.g. chin-nod=3x10h5d2w7), not {item!r}", file=sys.stderr)
            return 1
        try:
            dosage[exercise.strip()] = Dosage.parse(token)
        except DosageError as exc:
            print(f"--dosage {item!r}: {exc}", file=sys.stderr)
            return 1
    try:
        date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        print(f"--date needs YYYY-MM-DD, not {args.date!r}", file=sys.stderr)
        return 1
    content = _load(args)
    if content is None:
        return 1
    exercises = args.exercise
    if not exercises and args.region in content.regions:
        exercises = content.regions[args.region].exercises[:6]  # the region's paired exercises
    request = HandoutRequest(
        region=args.region, muscles=tuple(args.muscle or ()), exercises=tuple(exercises or ()), dosage=dosage,
        note=args.note or "", paper=args.paper, base_url=args.base_url or base_url(), date=date, side=args.side,
    )
    if only_this_computer(request.base_url):
        print(f"Warning: the handout's QR code points at {request.base_url}. "
              + LOCAL_ADDRESS_HELP.replace("`", "") + " (or pass --base-url)", file=sys.stderr)
    try:
        pdf = build_handout(content, content.geometry, request)
    except HandoutError as exc:
        print(f"Cannot make the handout ({len(exc.problems)} problem(s)):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    out = Path(args.output)
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        print(f"Cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {out} ({len(pdf) / 1024:.0f} kB)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bodymap", description=__doc__)
    parser.add_argument("--content", help="content folder (default: $BODYMAP_CONTENT_DIR or data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the content; exit 1 listing each problem by file and field")
    sub.add_parser("export", help="print the whole validated model as JSON")
    lookup = sub.add_parser("lookup", help="muscles that refer pain to the given areas, best first")
    lookup.add_argument("areas", nargs="+", metavar="AREA",
                        help="area id (temple) or area instance id for one side (temple-left)")
    handout = sub.add_parser("handout", help="make the patient handout PDF")
    handout.add_argument("--region", required=True, help="region id, e.g. neck")
    handout.add_argument("--muscle", action="append", metavar="M", help="muscle id (repeat for more)")
    handout.add_argument("--exercise", action="append", metavar="E",
                         help="exercise id, 1 to 6 (repeat; default: the region's paired exercises)")
    handout.add_argument("--dosage", action="append", metavar="E=DOSAGE",
                         help="the dosage of exercise E: 3x10h5d2w7 is 3 sets of 10, hold 5 s, twice a day, 7 days a week")
    handout.add_argument("--note", help="a short note from the therapist, printed as typed (up to 1,000 characters)")
    handout.add_argument("--paper", choices=("A4", "Letter"), default="A4")
    handout.add_argument("--side", choices=("right", "left"), default="right", help="side of the body drawn")
    handout.add_argument("--base-url", help="the app's address for the link and QR code (default: $BODYMAP_BASE_URL)")
    handout.add_argument("--date", help="date printed on the handout, YYYY-MM-DD (default: today)")
    handout.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    return parser


COMMANDS = {"check": cmd_check, "export": cmd_export, "lookup": cmd_lookup, "handout": cmd_handout}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
