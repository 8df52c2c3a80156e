#!/bin/sh
# run.sh BUILD TARGET SECONDS - run one fuzz target for SECONDS on its
# corpus (BUILD/fuzz/corpus/TARGET, kept between runs and seeded from
# the fixtures on first use). Prints one line: target, runs, time,
# corpus size. Exit 1 with the reproducer's path on a finding.
set -eu
B=$1 T=$2 S=$3
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$B/fuzz/fuzz_$T
C=$B/fuzz/corpus/$T
A=$B/fuzz/artifacts
[ -x "$BIN" ] || { echo "$BIN: not built (cmake -DCG_FUZZ=ON)"; exit 2; }
mkdir -p "$C" "$A"

# Seeds: every CSV of the fixtures and examples, behind the option
# byte(s) a target reads first; values and configs for the small ones.
if [ -z "$(ls -A "$C")" ]; then
	i=0
	case $T in
	num)
		for v in 1234.5 '$1,234.50' '1.234,50' '1 234,50' '€1.234,50' \
		    '(1,234.50)' '12%' "1'234.50" 1.5E3 'EUR 12' '1.234,50 €' \
		    1e999 NaN --5 -12 0.000001; do
			i=$((i + 1)); printf '%s' "$v" >"$C/seed$i"
		done ;;
	date)
		for v in 2026-11-24 11/24/2026 24.11.2026 24/11/2026 \
		    2026/11/24 '2026-11-24 10:30' 03/04/26 2026-02-30 \
		    29.02.2024 01/01/69 31/12/68; do
			i=$((i + 1)); printf '%s' "$v" >"$C/seed$i"
		done ;;
	config)
		for f in "$SRC"/examples/*.ini $(find "$SRC/test/fixtures" \
		    -name '*.ini'); do
			i=$((i + 1)); cp "$f" "$C/seed$i"
		done ;;
	*)
		for f in "$SRC"/examples/*.csv $(find "$SRC/test/fixtures" \
		    -name '*.csv'); do
			[ "$(wc -c <"$f")" -le 65536 ] || continue
			for opt in 0 1 2 3 4 8 12 16 36 66 128 131; do
				i=$((i + 1))
				if [ "$T" = csv ]; then
					printf "\\$(printf %o $((opt * 7 % 256)))\\$(printf %o $((opt % 5)))" >"$C/seed$i"
				else
					printf "\\$(printf %o "$opt")" >"$C/seed$i"
				fi
				cat "$f" >>"$C/seed$i"
			done
		done
		if [ "$T" = rollup ]; then
			i=$((i + 1))
			{ printf '\020'; cat "$SRC/examples/deals.csv";
			  printf '%%%%\n'; cat "$SRC/examples/accounts.csv"; } >"$C/seed$i"
		fi ;;
	esac
fi

# Tools write to stderr (warnings): -close_fd_mask=2 keeps the log short;
# libFuzzer's own report still gets through.
log=$B/fuzz/$T.log
if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 "$BIN" \
    -max_total_time="$S" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -close_fd_mask=2 -artifact_prefix="$A/$T-" -print_final_stats=1 \
    "$C" >"$log" 2>&1; then
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "fuzz_$T: $runs runs in ${S}s, corpus $(ls "$C" | wc -l) files"
else
	tail -n 40 "$log"
	echo "fuzz_$T: FINDING, reproducer: $(ls -t "$A"/$T-* 2>/dev/null | head -n 1)"
	exit 1
fi
