#!/bin/sh
# prune holds its kept rows in a temporary file until it knows the share
# of rejects (prune(1), "The share of rejects"). Without a temporary
# directory that run is refused (exit 2, one line, nothing written) and
# --force streams without one; a run stopped by the share, or killed,
# leaves no temporary file behind. (A script, not a CLI case: valgrind,
# which harden_valgrind runs the cases under, needs $TMPDIR itself.)
BIN=$(cd "$1" && pwd) || exit 2
FIX=$(cd "$2" && pwd) || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/prunehold.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
cp "$FIX/prune/rules.csv" . || exit 2
fail=0
no() { echo "FAIL: $*"; fail=1; }

TMPDIR=/nonexistent "$BIN/prune" -q --today 2026-11-24 --no-dupes \
    -r rej.csv rules.csv >kept.csv 2>err
[ $? = 2 ] || no "no TMPDIR: exit status"
[ "$(cat err)" = "prune: cannot create a temporary file in /nonexistent to hold the kept rows until the share of rejects is known (--force or --max-reject 100 write them at once): No such file or directory" ] ||
    no "no TMPDIR: message: $(cat err)"
[ -s kept.csv ] && no "no TMPDIR: rows written"
[ -e rej.csv ] && no "no TMPDIR: a rejects file"

TMPDIR=/nonexistent "$BIN/prune" -q --today 2026-11-24 --no-dupes --force \
    -r rej.csv rules.csv >kept.csv 2>err ||
    no "--force without TMPDIR: $(cat err)"
[ "$(wc -l <kept.csv)" = 7 ] || no "--force without TMPDIR: kept rows"
rm -f rej.csv

# The hold lives in $TMPDIR, unnamed: nothing stays there, whether the
# run goes through, stops at the share, or is killed.
mkdir tmp
TMPDIR=$work/tmp "$BIN/prune" -q --today 2026-11-24 --no-dupes \
    -r rej.csv rules.csv >kept.csv || no "held run failed"
[ "$(wc -l <kept.csv)" = 7 ] || no "held run: kept rows"
TMPDIR=$work/tmp "$BIN/prune" -q --today 2028-06-01 --rules stale \
    -r rej2.csv rules.csv >kept2.csv 2>/dev/null
[ $? = 1 ] || no "old export: not stopped"
[ -s kept2.csv ] && no "old export: rows written"
[ -e rej2.csv ] && no "old export: a rejects file"
# A big input, killed while its rows are held.
awk 'NR == 1 { print; next } { r[NR] = $0 }
    END { for (i = 0; i < 20000; i++) for (j = 2; j <= NR; j++) print r[j] }' \
    rules.csv >big.csv
TMPDIR=$work/tmp "$BIN/prune" -q --today 2026-11-24 --no-dupes \
    --max-reject 90 -r rej3.csv big.csv >kept3.csv 2>/dev/null &
pid=$!
sleep 0.05
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
[ -z "$(ls -A tmp)" ] || no "temporary files left: $(ls -A tmp)"
[ -z "$(ls -A | grep -E '^\.cg')" ] || no "rejects temporary left"
exit $fail
