#!/bin/sh
# load.sh BIN_DIR GEN ROWS... - stream ROWS generated accounts (bench's
# seeded generator, piped: nothing is stored) through the streaming modes
# and print each run's peak RSS. Memory must not grow with the input.
#
#     sh test/hostile/load.sh build/bin build/bench/gen 1000000 10000000
#
# Runs: grade --method rules (a rules config: one pass, no ranks) and
# prune without duplicate detection (--no-dupes: the other rules look at
# one row at a time), output and rejects to /dev/null.
set -eu
BIN=$1 GEN=$2
shift 2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
RULES=$SRC/test/fixtures/grade/rules.ini
T=$(mktemp -d "${TMPDIR:-/tmp}/load.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
D=--today=2026-12-01

printf '%-10s %-28s %10s %8s %s\n' rows job peak_rss_kb seconds status
for rows in "$@"; do
	for job in grade prune; do
		case $job in
		grade) set -- "$BIN/grade" $D --method rules --config "$RULES" ;;
		prune) set -- "$BIN/prune" $D --no-dupes --rejects /dev/null ;;
		esac
		# The generator's rows repeat their shape; the tool sees one
		# stream of `rows` records.
		"$GEN" accounts "$rows" |
		    /usr/bin/time -f '%M %e' -o "$T/time" "$@" >/dev/null 2>"$T/err" &&
		    st=0 || st=$?
		read -r rss secs <"$T/time" || { rss=? secs=?; }
		label=$job
		[ $job = grade ] && label="grade --method rules"
		[ $job = prune ] && label="prune --no-dupes"
		printf '%-10s %-28s %10s %8s %s\n' "$rows" "$label" "$rss" "$secs" "$st"
		[ "$st" = 0 ] || { head -n 3 "$T/err"; exit 1; }
	done
done
