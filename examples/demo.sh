#!/bin/bash
# The main job on the shipped examples: a deal log to per-account
# figures, grades and quadrants, then a rep's month. Each command is
# printed, prefixed "$ ", exactly as it then runs (the date pinned with
# --today), so what you see is what you can paste. `make demo` runs this
# with the freshly built tools first on PATH.
#
#     bash examples/demo.sh [OUTDIR]      # OUTDIR: default build
set -eo pipefail
cd "$(dirname "$0")/.."
out=${1:-build}
mkdir -p "$out"

run() {
	printf '$ %s\n' "$1"
	eval "$1"
}

run "rollup --where deal_stage=Won --distinct sales_agent --replace --today 2026-12-01 examples/deals.csv --accounts examples/accounts.csv | grade --explain --today 2026-12-01 | quadrant > $out/demo-graded.csv"
run "grade -q --summary=text --today 2026-12-01 < $out/demo-graded.csv"
echo
run "quadrant --summary=text < $out/demo-graded.csv"
echo
run "touchplan --month --today 2026-12-01 --format agenda --owner 'Ana Silva' < $out/demo-graded.csv | head -n 12"
