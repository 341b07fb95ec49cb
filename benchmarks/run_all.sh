#!/usr/bin/env bash
# Runs every benchmark once, one after the other (never in parallel: they would measure
# each other), and keeps each script's output in OUT (default /tmp/bodymap-bench).
# usage: bash benchmarks/run_all.sh [PACK_DIR] [OUT]     (about 30 minutes on 2 cores)
set -u
cd "$(dirname "$0")/.."
PACK=${1:-/tmp/bodymap-large-pack}
OUT=${2:-/tmp/bodymap-bench}
mkdir -p "$OUT"
[ -f "$PACK/geometry.yaml" ] || python scripts/make_pack.py --regions 100 --muscles 1000 -o "$PACK"
run() { local name=$1; shift; echo "== $name: $*"; python -m "$@" 2>&1 | grep -v ScriptRunContext | tee "$OUT/$name.txt"; }
run check_time        benchmarks.check_time --large "$PACK"
run server_time       benchmarks.server_time --large "$PACK"
run cold_start        benchmarks.cold_start
run cold_start_large  benchmarks.cold_start --content "$PACK"
run click_explorer          benchmarks.click_latency --page explorer
run click_explorer_large    benchmarks.click_latency --page explorer --content "$PACK"
run click_explorer_new      benchmarks.click_latency --page explorer --targets 5
run click_explorer_new_large benchmarks.click_latency --page explorer --targets 5 --content "$PACK"
run click_pain_finder       benchmarks.click_latency --page pain-finder
run click_pain_finder_large benchmarks.click_latency --page pain-finder --content "$PACK"
run concurrency       benchmarks.concurrency
run concurrency_large benchmarks.concurrency --content "$PACK"
