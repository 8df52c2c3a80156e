#!/bin/sh
# rollup_parallel: on a seekable deal log rollup may read two halves at
# once (see PARALLEL READING in rollup(1)). Whatever the split meets, the
# result must be the sequential one byte for byte: stdout, stderr,
# --rejects and exit status. CG_ROLLUP_PAR_MIN=0 makes small generated
# logs qualify; a huge value forces the sequential run. The logs carry
# quoted fields with line breaks (LF, CR LF) and delimiters, keys with
# quotes, more than 64 distinct agents, skipped deals of every kind,
# ambiguous and telling US dates, a European variant (';', decimal comma,
# day.month dates), a join, and a log with an error in its second half;
# and the filters and figures of issue 15 and 16: --where with != and
# comparisons on numbers and on the deal's dates, a --where that matches
# no deal (its value counts are merged), several --distinct, --owner-from.
# Across the variants both outcomes must occur: halves merged, and a
# split inside a quoted field read on sequentially.
#
# usage: sh rollup_parallel.sh BIN_DIR FIXTURES_DIR
set -u
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
command -v python3 >/dev/null 2>&1 || exit 77
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rollup_parallel.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
export LC_ALL=C

# gen.py SEED N STYLE [FLAGS]: STYLE us|eu|iso; FLAGS: late-evidence
# (telling dates only in the second half), late-ambig (ambiguous dates
# only in the second half), ragged (a bad record late), mid-quote (a
# long quoted note with line breaks across the middle).
cat >gen.py <<'PY'
import random, sys
seed, n, style = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
flags = sys.argv[4:]
rnd = random.Random(seed)
eu = style == "eu"
sep = ";" if eu else ","
out = []
def q(s):
    if any(c in s for c in '";,\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s
def date(i, half):
    y = rnd.choice([2024, 2025, 2026])
    m = rnd.randint(1, 12)
    d = rnd.randint(1, 28)
    if style == "iso" or ("late-ambig" in flags and half == 0):
        return "%04d-%02d-%02d" % (y, m, d)
    if "late-evidence" in flags and half == 0:
        d = rnd.randint(1, 12)
    if eu:
        return "%d.%d.%d" % (d, m, y)
    return "%d/%d/%d" % (m, d, y)
hdr = ["id", "agent", "account", "stage", "close_date", "close_value",
       "note"]
out.append(sep.join(hdr) + "\n")
for i in range(n):
    half = 0 if i < n // 2 else 1
    acct = rnd.choice(["acct %d" % rnd.randint(0, 150),
                       'Quote "%d" Ltd' % rnd.randint(0, 5),
                       "Comma, Semi; %d" % rnd.randint(0, 5)])
    r = rnd.random()
    if r < 0.01:
        acct = ""
    stage = rnd.choice(["Won", "Won", "Won", "Lost", "Open"])
    v = rnd.randint(0, 999999)
    if eu:
        val = "%d,%02d" % (v // 100, v % 100)
        if rnd.random() < 0.1:
            val = "%s.%03d,%02d" % (v // 100000 or 1, (v // 100) % 1000,
                                    v % 100)
    else:
        val = "%d.%02d" % (v // 100, v % 100)
        if rnd.random() < 0.1:
            val = "%d,%03d.%02d" % (v // 100000 or 1, (v // 100) % 1000,
                                    v % 100)
    dt = date(i, half)
    if r > 0.995:
        val = "n/a"
    elif r > 0.99:
        dt = "soon"
    elif r > 0.985:
        val = ""
    note = rnd.choice(["", "ok", "two\nlines", "crlf\r\nhere",
                       'said "hi", left', "a;b"])
    if "mid-quote" in flags and i == n // 2:
        note = "long\n" * 400
    rec = [q("D%06d" % i), q("agent %d" % rnd.randint(0, 90)), q(acct),
           stage, q(dt), q(val), q(note)]
    if "ragged" in flags and i == n * 3 // 4:
        rec.append("extra")
    out.append(sep.join(rec) + ("\r\n" if rnd.random() < 0.1 else "\n"))
sys.stdout.write("".join(out))
PY

fail=0 merged=0 seq=0
# compare NAME FILE ARGS...: the run with two halves and the sequential
# one must agree in every byte.
compare() {
	name=$1 file=$2
	shift 2
	CG_ROLLUP_PAR_MIN=0 CG_ROLLUP_PAR_TRACE=1 "$BIN/rollup" "$@" \
	    --rejects par.rej "$file" >par.out 2>par.err
	echo $? >par.st
	CG_ROLLUP_PAR_MIN=999999999999 "$BIN/rollup" "$@" \
	    --rejects seq.rej "$file" >seq.out 2>seq.err
	echo $? >seq.st
	grep -q 'parallel: .*halves merged' par.err && merged=$((merged + 1))
	grep -q 'parallel: .*read on sequentially' par.err && seq=$((seq + 1))
	grep -v 'parallel: split at line' par.err >par.err2
	for f in out err2 st; do
		g=$f
		[ $f = err2 ] && g=err
		if ! cmp -s par.$f seq.$g; then
			echo "FAIL $name: $f differs"; diff seq.$g par.$f | head -5
			fail=1
		fi
	done
	if [ -e seq.rej ] || [ -e par.rej ]; then
		if ! cmp -s par.rej seq.rej; then
			echo "FAIL $name: rejects differ"; fail=1
		fi
	fi
	rm -f par.* seq.*
}

opts="--key account --value close_value --date close_date --today 2026-06-30"
for seed in 1 2 3 4 5 6; do
	python3 gen.py $seed 3000 us >us.csv
	compare "us seed $seed" us.csv $opts --where stage=Won \
	    --where stage=Lost --distinct agent
	python3 gen.py $seed 3000 eu >eu.csv
	compare "eu seed $seed" eu.csv $opts --distinct agent
	python3 gen.py $seed 2000 iso mid-quote >mq.csv
	compare "mid-quote seed $seed" mq.csv $opts --where stage=Won
	compare "filters seed $seed" us.csv $opts --where stage!=Open \
	    --where 'close_value>=2000' --where 'close_date>=1/1/2025' \
	    --distinct agent --distinct stage --owner-from agent
	compare "no match seed $seed" eu.csv $opts --where stage=won \
	    --where 'close_value<0'
	compare "owner join seed $seed" us.csv $opts --where stage=Won \
	    --owner-from agent --distinct stage
done
python3 gen.py 7 3000 us late-evidence >le.csv
compare "late evidence" le.csv $opts
python3 gen.py 8 3000 us late-ambig >la.csv
compare "late ambiguity" la.csv $opts
python3 gen.py 9 3000 us ragged >rg.csv
compare "ragged second half" rg.csv $opts
python3 gen.py 10 3000 us >j.csv
python3 - <<'PY' >acc.csv
print("account,region")
for i in range(0, 120, 2):
    print("acct %d,r%d" % (i, i % 3))
print('"Quote ""1"" Ltd",q')
PY
compare "join" j.csv $opts --accounts acc.csv --distinct agent
compare "join owner" j.csv $opts --accounts acc.csv --owner-from agent \
    --where 'close_date<2026-01-01'
compare "late ambiguity, date filter" la.csv $opts \
    --where 'close_date>=2025-06-01'
compare "dates us" j.csv $opts --dates us --window 30

# Each outcome must have been exercised.
if [ $merged -lt 10 ] || [ $seq -lt 3 ]; then
	echo "FAIL: halves merged $merged times, sequential fallback $seq times"
	fail=1
fi
echo "halves merged $merged times, read on sequentially $seq times"
exit $fail
