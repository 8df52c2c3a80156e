#!/bin/sh
# Property test: on seeded random inputs (integer engagement with many
# ties, skewed potential, some empty cells), quadrant's median cuts and
# quadrants equal an independent computation in python3 (statistics.median,
# ties high), read from a pipe (the two-pass spool) and from a file; and
# fixed cuts on a pipe give the same quadrants as the reference. Seeds 6
# to 9 make most engagements equal (0, or one value in the middle), so the
# median puts more than 80% on its high side and the reference moves the
# cut to the next value up when that comes closer to halves, as
# quadrant(1) says.
BIN=$1
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cgmed.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
for seed in 1 2 3 4 5 6 7 8 9; do
	python3 - "$seed" "$work/in.csv" "$work/want_median.csv" \
	    "$work/want_fixed.csv" <<'PY' || exit 1
import csv, random, statistics, sys
seed, path, wmed, wfix = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
rnd = random.Random(seed)
n = rnd.randint(1, 400)
rows = []
tied = seed >= 6
block = 0 if seed % 2 == 0 else 6
for i in range(n):
    if tied:
        e = str(block) if rnd.random() < 0.85 else str(rnd.randint(0, 12))
    else:
        e = str(rnd.randint(0, 12))
    e = '' if rnd.random() < 0.05 else e
    p = '' if rnd.random() < 0.05 else str(round(rnd.lognormvariate(10, 1.5), 2))
    rows.append(('acct%d' % i, e, p))
with open(path, 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(('account', 'engagement', 'potential'))
    w.writerows(rows)
def quads(ce, cp):
    out = []
    for a, e, p in rows:
        if e == '' or p == '' or ce is None or cp is None:
            out.append((a, ''))
            continue
        he, hp = float(e) >= ce, float(p) >= cp
        out.append((a, {(1, 1): 'Key', (0, 1): 'Growth', (1, 0): 'Maintenance',
                        (0, 0): 'Service'}[(he, hp)]))
    return out
def split(vs):
    # The median, ties high; over 80% high: the next value up if closer
    # to halves.
    if not vs:
        return None
    m = statistics.median(vs)
    k = len(vs)
    hi = sum(1 for v in vs if v >= m)
    above = [v for v in vs if v > m]
    if 5 * hi > 4 * k and above and abs(2 * len(above) - k) < abs(2 * hi - k):
        return min(above)
    return m
es = [float(e) for _, e, _ in rows if e != '']
ps = [float(p) for _, _, p in rows if p != '']
me = split(es)
mp = split(ps)
with open(wmed, 'w') as f:
    f.write('%r %r\n' % (me, mp))
    for a, q in quads(me, mp):
        f.write('%s,%s\n' % (a, q))
with open(wfix, 'w') as f:
    for a, q in quads(6, 20000):
        f.write('%s,%s\n' % (a, q))
PY
	for how in pipe file; do
		if [ $how = pipe ]; then
			cat "$work/in.csv" | "$BIN/quadrant" >"$work/out.csv" 2>/dev/null
		else
			"$BIN/quadrant" "$work/in.csv" >"$work/out.csv" 2>/dev/null
		fi || { echo "seed $seed $how: quadrant failed"; exit 1; }
		python3 - "$work/out.csv" "$work/want_median.csv" <<'PY' || { echo "seed $seed $how"; exit 1; }
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
want = open(sys.argv[2]).read().split('\n')
me, mp = [None if x == 'None' else float(x) for x in want[0].split()]
for r in rows:
    if me is not None:
        assert abs(float(r['engagement_cut']) - me) < 1e-9, (r, me)
    if mp is not None:
        assert abs(float(r['potential_cut']) - mp) <= 0.006, (r, mp)
got = ['%s,%s' % (r['account'], r['quadrant']) for r in rows]
assert got == [w for w in want[1:] if w], 'quadrants differ'
PY
	done
	cat "$work/in.csv" | "$BIN/quadrant" --cut engagement=6,potential=20000 \
	    2>/dev/null | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    print("%s,%s" % (r["account"], r["quadrant"]))' >"$work/got_fixed.csv"
	cmp -s "$work/got_fixed.csv" "$work/want_fixed.csv" || {
		echo "seed $seed: fixed cuts differ"
		diff "$work/want_fixed.csv" "$work/got_fixed.csv" | head; exit 1; }
done
exit 0
