#!/bin/sh
# harden_load.sh BIN_DIR FIXTURES_DIR - the streaming modes keep memory
# flat: peak RSS over 400,000 generated rows is no more than over 20,000
# (plus 1 MB of slack). The CI-sized version of test/hostile/load.sh,
# whose local run streams 10M rows and more.
set -u
BIN=$(cd "$1" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
GEN=$BIN/../bench/gen
[ -x "$GEN" ] || { echo "no bench generator: skip"; exit 77; }
[ -x /usr/bin/time ] || { echo "no /usr/bin/time: skip"; exit 77; }
# Sanitizer builds keep freed memory in quarantine: RSS says nothing.
if grep -q AddressSanitizer "$BIN/grade" 2>/dev/null; then
	echo "sanitizer build: skip"
	exit 77
fi
out=$(sh "$SRC/test/hostile/load.sh" "$BIN" "$GEN" 20000 400000) || {
	echo "$out"; exit 1; }
echo "$out"
echo "$out" | awk '
	NR > 1 { job = $2 " " $3; if (!(job in small)) small[job] = $(NF - 2);
		 else big[job] = $(NF - 2) }
	END {
		bad = 0
		for (j in small)
			if (big[j] > small[j] + 1024) {
				printf "FAIL: %s: %d KB at 20k rows, %d KB at 400k\n",
				    j, small[j], big[j]
				bad = 1
			}
		exit bad
	}'
