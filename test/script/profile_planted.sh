#!/bin/sh
# Property test: in generated accounts where one planted attribute
# defines the A accounts, profile puts that attribute first.
#
# For each seed, python3 writes accounts whose grades are drawn at
# random (A, B, C in a shuffled order of appearance, some empty), with
# noise attributes that know nothing of the grade (region, owner,
# employees, a yes/no, a date column, an id, names and emails), and one
# planted attribute:
#   - text: sector = software for 90% of A, 40% of B, 5% of C;
#   - numeric: employees drawn from a higher range for A than for C.
# The first finding must be the planted one, in CSV and in sentences,
# from a file and from a pipe; and every row must agree with an
# independent computation in python3 (shares, statistics.median, Cliff's
# delta by brute force), sorted by separation, highest first.
BIN=$1
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cgprof.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
fails=0
for plant in text numeric; do
for seed in 1 2 3 4 5 6; do
	python3 - "$seed" "$plant" "$work/in.csv" "$work/want.csv" <<'PY' || exit 1
import csv, random, statistics, sys
seed, plant, path, wpath = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rnd = random.Random(seed * 7919 + (plant == 'numeric'))
n = rnd.randint(150, 600)
sectors = ['retail', 'manufacturing', 'finance', 'health']
rows = []
for i in range(n):
    g = rnd.choices(['A', 'B', 'C', ''], [20, 30, 45, 5])[0]
    if plant == 'text':
        p = {'A': 0.9, 'B': 0.4, 'C': 0.05, '': 0.3}[g]
        sector = 'software' if rnd.random() < p else rnd.choice(sectors)
        emp = '' if rnd.random() < 0.05 else str(rnd.randint(10, 5000))
    else:
        sector = rnd.choice(sectors + ['software'])
        lo, hi = {'A': (800, 5000), 'B': (300, 2000), 'C': (10, 900),
                  '': (10, 5000)}[g]
        emp = '' if rnd.random() < 0.05 else str(rnd.randint(lo, hi))
    rows.append({
        'id': 'C%05d' % i, 'account': 'Firm %d' % i,
        'owner': rnd.choice(['Ana', 'Ben', 'Chloe', 'Dev']),
        'sector': sector, 'employees': emp,
        'region': rnd.choice(['north', 'south', 'east', 'west']),
        'openness': rnd.choice(['yes', 'no', '']),
        'last_order': '2026-%02d-%02d' % (rnd.randint(1, 12), rnd.randint(1, 28)),
        'email': 'x%d@firm.example' % i, 'grade': g,
    })
cols = list(rows[0].keys())
with open(path, 'w', newline='') as f:
    w = csv.DictWriter(f, cols, lineterminator='\n')
    w.writeheader()
    w.writerows(rows)

groups = sorted({r['grade'] for r in rows}, key=lambda g: (g == '', g))
named = [g for g in groups if g != '']
top, bot = named[0], named[-1]
count = {g: sum(1 for r in rows if r['grade'] == g) for g in groups}
out = []
def sep_of(a, b):
    return abs(a - b)
for col in ['owner', 'sector', 'region', 'openness']:
    vals = sorted({r[col] for r in rows if r[col] != ''})
    for v in vals:
        sh = {g: sum(1 for r in rows if r['grade'] == g and r[col] == v) / count[g]
              for g in groups}
        out.append((col, v, [sh[g] for g in groups], sep_of(sh[top], sh[bot])))
vals = {g: [float(r['employees']) for r in rows if r['grade'] == g and r['employees'] != '']
        for g in groups}
t, b = vals[top], vals[bot]
gt = sum(1 for x in t for y in b if x > y)
lt = sum(1 for x in t for y in b if x < y)
out.append(('employees', 'median',
            [statistics.median(vals[g]) if vals[g] else None for g in groups],
            abs(gt - lt) / (len(t) * len(b))))
with open(wpath, 'w') as f:
    f.write(','.join(['attribute', 'value'] + [g or '(none)' for g in groups] +
                     ['separation']) + '\n')
    for a, v, cells, s in out:
        f.write('%s|%s|%s|%r\n' % (a, v, ' '.join(repr(c) for c in cells), s))
PY
	for how in file pipe; do
		if [ $how = file ]; then
			"$BIN/profile" -q "$work/in.csv" >"$work/out.csv"
		else
			cat "$work/in.csv" | "$BIN/profile" -q >"$work/out.csv"
		fi || { echo "FAIL: $plant seed $seed $how: profile failed"; fails=$((fails + 1)); continue; }
		python3 - "$work/out.csv" "$work/want.csv" "$plant" <<'PY' || { echo "FAIL: $plant seed $seed $how"; fails=$((fails + 1)); }
import csv, sys
got = list(csv.reader(open(sys.argv[1])))
want = open(sys.argv[2]).read().splitlines()
plant = sys.argv[3]
assert ','.join(got[0]) == want[0], ('header', got[0], want[0])
first = {'text': ('sector', 'software'), 'numeric': ('employees', 'median')}[plant]
assert tuple(got[1][:2]) == first, ('first finding', got[1], first)
seps = [float(r[-1]) for r in got[1:]]
assert seps == sorted(seps, reverse=True), 'not sorted by separation'
rows = {(r[0], r[1]): r for r in got[1:]}
wrows = [w.split('|') for w in want[1:]]
assert len(rows) == len(wrows), ('row count', len(rows), len(wrows))
for a, v, cells, s in wrows:
    r = rows[(a, v)]
    cells = [None if c == 'None' else float(c) for c in cells.split(' ')]
    for k, c in enumerate(cells):
        cell = r[2 + k]
        if c is None:
            assert cell == '', (a, v, k, cell)
        elif a == 'employees':
            assert abs(float(cell) - c) < 0.006, (a, v, k, cell, c)
        else:
            assert abs(float(cell) - 100 * c) < 0.0501, (a, v, k, cell, c)
    assert abs(float(r[-1]) - float(s)) < 0.00051, (a, v, r[-1], s)
PY
	done
	"$BIN/profile" -q -f text -n 1 "$work/in.csv" >"$work/out.txt"
	case $plant in
	text) pat='^sector = software: [0-9]*% of A, [0-9]*% of C$' ;;
	numeric) pat='^employees: median [0-9.]* in A, [0-9.]* in C$' ;;
	esac
	grep -q "$pat" "$work/out.txt" || {
		echo "FAIL: $plant seed $seed: sentence: $(cat "$work/out.txt")"
		fails=$((fails + 1)); }
done
done
[ $fails = 0 ] || exit 1
exit 0
