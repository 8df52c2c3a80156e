#!/bin/sh
# touchplan --plot FILE.svg: the SVG is well-formed XML (python3's
# parser), has one row per rep and one cell per working day of the plan
# in each, outlines the cells where touches overflowed with the count
# below them (adding up to the overflow the warnings report), hatches a
# rep's absent days, keeps hostile rep names well-formed and readable,
# and renders with rsvg-convert (that part skipped when it is missing).
# It is written atomically: a refused or failed run leaves no file.
# Skips (77) only when python3 is missing.
BIN=$1
FIX=$2
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cgtpplot.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
fail=0

# The overflow fixture: 2026-12-01 to 12-23 with room for one touch a
# day, Ben away 12-21 to 12-23, three holidays in the period (12-24 is
# past it). Working days: 17 (23 days less 6 weekend days).
"$BIN/touchplan" --today 2026-12-01 --from 2026-12-01 --to 2026-12-23 \
    --capacity 1 --away "$FIX/touchplan/away.csv" \
    --holidays "$FIX/touchplan/holidays.txt" --plot "$work/o.svg" \
    "$FIX/touchplan/graded.csv" >"$work/o.csv" 2>"$work/o.err" ||
	{ echo "touchplan --plot failed"; cat "$work/o.err"; exit 1; }
grep -q 'Ben Okafor: 1 touch due after the last working day' "$work/o.err" ||
	{ echo "want the overflow warning"; cat "$work/o.err"; fail=1; }
python3 - "$work/o.svg" "$work/o.csv" <<'PY' || fail=1
import sys, csv, collections, xml.dom.minidom
xml.dom.minidom.parse(sys.argv[1])	# well-formed, or it raises
import xml.etree.ElementTree as ET
S = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
reps = [g for g in root.iter(S + 'g') if g.get('class') == 'rep']
assert len(reps) == 3, 'want 3 rep rows, got %d' % len(reps)
names = [g.find(S + 'text').text for g in reps]
assert names == ['Ana Silva', 'Ben Okafor', 'Chloe Martin'], names
plan = list(csv.DictReader(open(sys.argv[2])))
written = ('email', 'letter', 'newsletter', 'postcard')
per = collections.Counter((r['owner'], r['date'], r['channel'] in written)
                          for r in plan if r['status'] == 'planned')
for g, name in zip(reps, names):
    cells = [r for r in g.iter(S + 'rect') if 'day' in r.get('class', '')]
    assert len(cells) == 17, '%s: want 17 working days, got %d' % (
        name, len(cells))
    for c in cells:
        # "Ana Silva, Tue 2026-12-01: 1 of 1 personal, 4 of 40 written"
        t = c.find(S + 'title').text
        day = t.split(', ')[1].split(' ')[1].rstrip(':')
        counts = t.split(': ')[1].replace('away, ', '').split(', ')
        n, nw = int(counts[0].split(' ')[0]), int(counts[1].split(' ')[0])
        assert counts[0].endswith(' of 1 personal'), t
        assert counts[1].startswith('%d of 40 written' % nw), t
        assert n == per[(name, day, False)], '%s %s: %d, plan says %d' % (
            name, day, n, per[(name, day, False)])
        assert nw == per[(name, day, True)], '%s %s: %d written, plan %d' % (
            name, day, nw, per[(name, day, True)])
        assert n <= 1, 'over capacity on %s %s' % (name, day)
        if n + nw > 0:	# cells 28 wide show the day's count mid-cell
            mid = str(int(c.get('x')) + 14)
            shown = [x.text for x in g.iter(S + 'text') if x.get('x') == mid]
            assert shown == [str(n + nw)], (t, shown)
over = [c for c in root.iter(S + 'rect') if 'over' in c.get('class', '')]
assert len(over) == 1, 'want 1 overflow cell, got %d' % len(over)
assert over[0].get('stroke') == '#d7191c', over[0].attrib
assert over[0].get('fill') == 'url(#away)', 'Ben is away on 12-21'
assert 'Mon 2026-12-21' in over[0].find(S + 'title').text
marks = [t.text for t in root.iter(S + 'text') if t.get('class') == 'overn']
assert marks == ['+1'], marks
away = [c for c in reps[1].iter(S + 'rect') if c.get('fill') == 'url(#away)']
assert len(away) == 3, 'want Ben away 3 days, got %d' % len(away)
weeks = [l for l in root.iter(S + 'line') if l.get('class') == 'week']
assert len(weeks) == 4, 'want 4 week starts, got %d' % len(weeks)
tail = [t for t in reps[1].iter(S + 'tspan')]
assert tail and tail[0].text == '1 over', [t.text for t in tail]
PY

# Reps whose names hold markup and what XML forbids; a year's plan.
printf '%s\n' 'account,owner,grade' \
    'One,"A&B <Sales> ""Team""",A' \
    'Two,"ctl\001\033[31m",B' \
    'Three,"fffe\357\277\276 bad\377",C' \
    'Four,Caf\303\251 \303\226lund with a very long name indeed that is cut,A' \
    >"$work/names.fmt"
printf "$(cat "$work/names.fmt")\n" >"$work/names.csv"
"$BIN/touchplan" -q --today 2026-12-01 --from 2027-01-01 --to 2027-12-31 \
    --plot "$work/y.svg" "$work/names.csv" >/dev/null 2>"$work/y.err" ||
	{ echo "touchplan --plot failed on hostile names"; cat "$work/y.err"
	  exit 1; }
python3 - "$work/y.svg" <<'PY' || fail=1
import sys, xml.dom.minidom
xml.dom.minidom.parse(sys.argv[1])
import xml.etree.ElementTree as ET
S = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
reps = [g for g in root.iter(S + 'g') if g.get('class') == 'rep']
names = [g.find(S + 'text').text for g in reps]
assert len(names) == 4, names
assert names[0] == 'A&B <Sales> "Team"', names[0]
assert names[1] == 'ctl\ufffd\ufffd[31m', repr(names[1])
assert names[2] == 'fffe\ufffd bad\ufffd', repr(names[2])
assert names[3] == 'Caf\u00e9 \u00d6lund with a very long\u2026', \
    repr(names[3])
for g in reps:
    cells = [r for r in g.iter(S + 'rect') if 'day' in r.get('class', '')]
    assert len(cells) == 261, len(cells)	# Mon-Fri in 2027
weeks = [l for l in root.iter(S + 'line') if l.get('class') == 'week']
assert len(weeks) == 53, len(weeks)	# W53 of 2026 (Jan 1) to W52
PY

# The plot is an output: never an input, never stdout, and only there
# when it was written whole.
cp "$FIX/touchplan/graded.csv" "$work/in.csv"
"$BIN/touchplan" --today 2026-12-01 --plot "$work/in.csv" "$work/in.csv" \
    >/dev/null 2>"$work/e1"
st=$?
[ "$st" = 2 ] && grep -q 'is also an input' "$work/e1" &&
    cmp -s "$work/in.csv" "$FIX/touchplan/graded.csv" ||
	{ echo "--plot onto the input: status $st"; cat "$work/e1"; fail=1; }
"$BIN/touchplan" --today 2026-12-01 --plot "$work/no/such/dir/p.svg" \
    "$work/in.csv" >/dev/null 2>"$work/e2"
st=$?
[ "$st" = 2 ] && [ ! -e "$work/no" ] ||
	{ echo "--plot into a missing directory: status $st"; cat "$work/e2"
	  fail=1; }
# A bad input after the plot was asked for: no plot, no temporary file.
printf 'account,grade\nX,Z\n' >"$work/bad.csv"
"$BIN/touchplan" --today 2026-12-01 --plot "$work/bad.svg" "$work/bad.csv" \
    >/dev/null 2>&1
[ ! -e "$work/bad.svg" ] && [ -z "$(ls -A "$work" | grep '^\.cg')" ] ||
	{ echo "a failed run left a plot behind"; ls -la "$work"; fail=1; }

if command -v rsvg-convert >/dev/null 2>&1; then
	for f in o y; do
		rsvg-convert "$work/$f.svg" -o "$work/$f.png" &&
		    [ -s "$work/$f.png" ] ||
			{ echo "rsvg-convert cannot render $f.svg"; fail=1; }
	done
else
	echo "no rsvg-convert: rendering not checked"
fi
exit $fail
