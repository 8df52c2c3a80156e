#!/bin/sh
# rollup_sums: per-account figures from rollup equal an independent awk
# computation on a generated deal log (20,000 deals, 300 accounts, some
# open deals without value or date, some deals without an account), and
# the same log written Excel-style (';', decimal comma, BOM, CRLF) gives
# the same figures.
#
# usage: sh rollup_sums.sh BIN_DIR FIXTURES_DIR
set -u
BIN=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rollup_sums.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
export LC_ALL=C

# The log: a fixed-seed Park-Miller generator (products stay below 2^53,
# exact in awk), so every run sees the same file.
awk 'BEGIN {
	s = 12345
	print "deal_id,account,agent,stage,close_date,close_value"
	for (i = 1; i <= 20000; i++) {
		s = (s * 16807) % 2147483647; a = s % 300
		s = (s * 16807) % 2147483647; g = s % 40
		s = (s * 16807) % 2147483647; st = s % 10
		s = (s * 16807) % 2147483647; d = s % 1000
		s = (s * 16807) % 2147483647; c = s % 1000000
		acct = (i % 97 == 0) ? "" : "acct_" a
		stage = st < 6 ? "Won" : st < 8 ? "Lost" : "Open"
		y = 2024 + int(d / 336); m = 1 + int((d % 336) / 28)
		dd = 1 + d % 28
		date = sprintf("%04d-%02d-%02d", y, m, dd)
		val = sprintf("%d.%02d", int(c / 100), c % 100)
		if (stage == "Open") { date = ""; val = "" }
		printf "D%05d,%s,agent_%d,%s,%s,%s\n", i, acct, g, stage, date, val
	}
}' >deals.csv

"$BIN/rollup" --today 2026-12-31 --where stage=Won --where stage=Lost \
    --distinct agent --rejects rej.csv deals.csv >got.csv 2>got.err || {
	echo "rollup failed:"; cat got.err; exit 1; }

# The reference: orders, volume, first, last, distinct agents per account.
awk -F, 'NR > 1 && ($4 == "Won" || $4 == "Lost") && $2 != "" {
	if (!($2 in n)) order[++k] = $2
	n[$2]++; v[$2] += $6
	if (!($2 in lo) || $5 < lo[$2]) lo[$2] = $5
	if (!($2 in hi) || $5 > hi[$2]) hi[$2] = $5
	if (!(($2, $3) in seen)) { seen[$2, $3] = 1; c[$2]++ }
}
END {
	for (i = 1; i <= k; i++) {
		a = order[i]
		printf "%s,%d,%.2f,%s,%s,%d\n", a, n[a], v[a], lo[a], hi[a], c[a]
	}
}' deals.csv >want.txt

awk -F, 'NR > 1 { printf "%s,%d,%.2f,%s,%s,%d\n", $1, $2, $3, $5, $6, $10 }' \
    got.csv >got.txt
if ! cmp -s want.txt got.txt; then
	echo "per-account figures differ from the awk reference:"
	diff want.txt got.txt | head -20
	exit 1
fi
[ "$(wc -l <want.txt)" -eq 300 ] || { echo "expected 300 accounts"; exit 1; }

# Skipped deals: the ones without an account, all in the rejects file.
want_skip=$(awk -F, 'NR > 1 && ($4 == "Won" || $4 == "Lost") && $2 == ""' \
    deals.csv | wc -l)
got_skip=$(awk 'END { print NR - 1 }' rej.csv)
if [ "$want_skip" -ne "$got_skip" ]; then
	echo "rejects: $got_skip rows, want $want_skip"; exit 1
fi
# ... with their share of the deals that passed --where, rounded.
want_all=$(awk -F, 'NR > 1 && ($4 == "Won" || $4 == "Lost")' deals.csv | wc -l)
want_pct=$(( (200 * want_skip + want_all) / (2 * want_all) ))
grep -q "warning: $want_skip deals skipped: empty account, $want_pct% of \
$want_all deals passing --where (first: deals.csv:" got.err ||
    { echo "no warning for skipped deals:"; cat got.err; exit 1; }

# The same log as a European spreadsheet saves it.
printf '\357\273\277' >eu.csv
awk -F, '{ if (NR > 1) {
	if ($5 != "") { split($5, d, "-"); $5 = d[3] "." d[2] "." d[1] }
	sub(/\./, ",", $6) }
	OFS = ";"; $1 = $1; printf "%s\r\n", $0 }' deals.csv >>eu.csv
"$BIN/rollup" --today 2026-12-31 --where stage=Won --where stage=Lost \
    --distinct agent eu.csv >got_eu.csv 2>/dev/null || exit 1
# Back to the plain dialect: strip BOM and CR, ';' -> ',', ',' decimals.
sed -e '1s/^\xef\xbb\xbf//' -e 's/\r$//' -e 's/,/./g' -e 's/;/,/g' \
    got_eu.csv >got_eu_plain.csv
if ! cmp -s got.csv got_eu_plain.csv; then
	echo "the Excel-style log gives other figures:"
	diff got.csv got_eu_plain.csv | head -10
	exit 1
fi
exit 0
