#!/bin/sh
# harden_edges.sh BIN_DIR FIXTURES_DIR - promises kept at the edges.
#
# Outputs that are inputs (stdout, --rejects, --plot, --accounts), empty
# and long output names, symbolic links and modes of output files, a
# signal in the middle of a run, the memory a hostile record costs,
# numbers and dates the tools could not write back, and a $HOME that
# cannot be read. Each case checks the exit status, the exact message
# and that the inputs are untouched.
set -u
BIN=$(cd "$1" && pwd)
FIX=$(cd "$2" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$BIN:$PATH
export PATH
T=$(mktemp -d "${TMPDIR:-/tmp}/harden_edges.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 2
fails=0
D=--today=2026-12-01
cp "$SRC/examples/leads.csv" leads.csv
cp "$SRC/examples/deals.csv" deals.csv
cp "$SRC/examples/accounts.csv" accounts.csv
printf 'account,engagement,potential\nA,5,200\nB,1,100\n' >q.csv

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect NAME STATUS STDERR -- a command, run by sh, in $T
expect() {
	name=$1 want=$2 msg=$3
	shift 3
	sh -c "$*" >out 2>err
	st=$?
	[ "$st" = "$want" ] || fail "$name: exit $st, want $want"
	printf '%s\n' "$msg" >want_err
	[ -z "$msg" ] && : >want_err
	cmp -s err want_err || { fail "$name: stderr"; diff want_err err; }
}

# Nothing may be left beside the inputs but the named files.
no_temps() {
	left=$(ls -A | grep -E '^\.cg|\.[A-Za-z0-9]{6}$|^clientgrade\.' || true)
	[ -z "$left" ] || fail "$1: left behind: $left"
}

cp leads.csv keep.csv
expect "stdout onto an input (>)" 2 "grade: f.csv: standard output is also an input; nothing was written, but the shell's '>' has already emptied the file" \
    "cp keep.csv f.csv; grade $D f.csv > f.csv"
expect "stdout onto an input (>>)" 2 "prune: leads.csv: standard output is also an input; nothing was written" \
    "prune $D -r rej.csv leads.csv >> leads.csv"
cmp -s leads.csv keep.csv || fail ">>: leads.csv changed"
[ -e rej.csv ] && fail ">>: rej.csv was written"
expect "stdin and stdout one file" 2 "quadrant: <stdin>: standard output is also an input; nothing was written" \
    "quadrant < leads.csv >> leads.csv"
cmp -s leads.csv keep.csv || fail "< >>: leads.csv changed"
expect "rejects is stdout" 2 "prune: --rejects: out.csv is also standard output; nothing was written" \
    "prune $D -r out.csv leads.csv > out.csv"
cmp -s leads.csv keep.csv || fail "rejects=stdout: leads.csv changed"
expect "rejects is the input" 2 "prune: --rejects: leads.csv is also an input; nothing was written" \
    "prune $D -r leads.csv leads.csv"
cmp -s leads.csv keep.csv || fail "rejects=input: leads.csv changed"
expect "rollup rejects is the log" 2 "rollup: --rejects: deals.csv is also an input; nothing was written" \
    "rollup $D --rejects deals.csv deals.csv"
expect "rollup output onto --accounts" 2 "rollup: accounts.csv: standard output is also an input; nothing was written" \
    "rollup $D deals.csv --accounts accounts.csv >> accounts.csv"
expect "plot is the input" 2 "quadrant: --plot: q.csv is also an input; nothing was written" \
    "quadrant --plot q.csv q.csv"
expect "plot is stdout" 2 "quadrant: --plot: p.svg is also standard output; nothing was written" \
    "quadrant --plot p.svg q.csv > p.svg"
expect "stdout to /dev/null is fine" 0 "" "grade -q $D accounts.csv > /dev/null"
no_temps "refusals"

expect "empty -r" 2 "prune: --rejects: the file name is empty" "prune $D -r '' leads.csv"
expect "empty --rejects" 2 "rollup: --rejects: the file name is empty" "rollup $D --rejects '' deals.csv"
expect "empty --plot" 2 "quadrant: --plot: the file name is empty" "quadrant --plot '' q.csv"

long=$(printf 'r%.0s' $(seq 1 251)).csv
expect "a 255-byte name" 0 "" "prune -q $D -r $long leads.csv > kept.csv"
[ -s "$long" ] || fail "255-byte name: not written"
rm -f "$long"

: >target.csv
ln -s target.csv link.csv
expect "through a symlink" 0 "" "prune -q $D -r link.csv leads.csv > kept.csv"
[ -L link.csv ] || fail "symlink: link.csv is no longer a link"
[ -s target.csv ] || fail "symlink: target.csv was not written"
: >secret.csv
chmod 600 secret.csv
expect "mode kept" 0 "" "prune -q $D -r secret.csv leads.csv > kept.csv"
m=$(stat -c %a secret.csv)
[ "$m" = 600 ] || fail "mode: secret.csv is $m, want 600"
no_temps "outputs"

# A signal while the rejects file is open: a FIFO holds the run open.
for sig in INT TERM HUP; do
	rm -f fifo rejs.csv
	mkfifo fifo
	( head -3 leads.csv; sleep 30 ) >fifo &
	feeder=$!
	# sh starts background jobs with SIGINT ignored, and an ignored
	# signal stays ignored (nohup): put it back to the default first.
	python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' prune $D -r rejs.csv fifo \
	    >/dev/null 2>&1 &
	tool=$!
	sleep 1
	kill -$sig $tool
	wait $tool 2>/dev/null
	kill $feeder 2>/dev/null
	wait $feeder 2>/dev/null
	[ -e rejs.csv ] && fail "SIG$sig: rejs.csv exists"
	no_temps "SIG$sig"
done
rm -f fifo

# A record costs a small multiple of its bytes (not measurable in a
# sanitizer build: its shadow memory and quarantine are the cost there).
if [ -x /usr/bin/time ] && ! grep -q AddressSanitizer "$BIN/grade"; then
	awk 'BEGIN { print "account,volume"; print "A,1";
	    s = ","; for (i = 0; i < 25; i++) s = s s; print s }' >commas.csv
	size=$(stat -c %s commas.csv)
	/usr/bin/time -f %M -o rss grade $D commas.csv >/dev/null 2>err
	kb=$(tail -1 rss)
	[ $((kb * 1024)) -lt $((size * 3)) ] ||
	    fail "a $size-byte line of commas took $kb KiB"
	grep -q 'record has 33554433 fields, header has 2' err ||
	    fail "commas: $(cat err)"
fi

expect "sums that would overflow" 1 "grade: <stdin>:2:3: volume: '1e308': out of range" \
    "printf 'account,volume\nA,1e308\nB,1e308\n' | grade $D --summary"
expect "a date past what is written" 2 "touchplan: --today: '9995-01-01' is too far ahead (the last day is 9989-12-31)" \
    "touchplan --today 9995-01-01 < /dev/null"

# An unreadable $HOME is no config file (as a user root can become).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	mkdir -p home/.config && chmod 000 home && chmod 755 "$T"
	cp accounts.csv /tmp/cg_edges_$$.csv && chmod 644 /tmp/cg_edges_$$.csv
	HOME=$T/home setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$BIN/grade" $D /tmp/cg_edges_$$.csv >out 2>err
	st=$?
	rm -f /tmp/cg_edges_$$.csv
	[ "$st" = 0 ] || fail "unreadable HOME: exit $st: $(cat err)"
	chmod 755 home
fi

echo "harden_edges: $fails failed"
[ "$fails" = 0 ]
