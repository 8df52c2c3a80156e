#!/bin/sh
# rfm scores, cells, segments and grades of grade(1) against an independent
# computation in Python, written from the rules in grade.1 alone:
#   score = 1 + floor(5 * b / n), b = values this one beats (strictly),
#   n = rows with a value; recency beats when it has fewer days.
#   fm = (F + M + 1) div 2; segment by the table; score 0..100 =
#   round(100 * (mean - 1) / 4) over the scores present; A at 70+, B at 40+.
BIN=$1
FIX=$2
command -v python3 >/dev/null 2>&1 || exit 77
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
"$BIN/grade" --method rfm --today 2026-11-24 "$FIX/grade/rfm.csv" >"$out" ||
	exit 1
python3 - "$FIX/grade/rfm.csv" "$out" <<'PY'
import csv, datetime, math, sys

today = datetime.date(2026, 11, 24)
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
got = list(csv.DictReader(open(sys.argv[2], newline='')))
assert len(rows) == len(got) == 30, (len(rows), len(got))

def num(s):
    return float(s) if s.strip() else None

R = [(today - datetime.date.fromisoformat(r['last_order'])).days
     if r['last_order'] else None for r in rows]
F = [num(r['orders']) for r in rows]
M = [num(r['revenue']) for r in rows]

def quint(vals, x, fewer_better):
    have = [v for v in vals if v is not None]
    n = len(have)
    beats = sum(1 for v in have if (v > x if fewer_better else v < x))
    return 1 + (5 * beats) // n

table = [  # r range, fm range, name: first match wins
    ((5, 5), (4, 5), "Champions"), ((3, 5), (4, 5), "Loyal"),
    ((4, 5), (2, 3), "Potential loyalist"), ((5, 5), (1, 1), "New"),
    ((4, 4), (1, 1), "Promising"), ((3, 3), (3, 3), "Needs attention"),
    ((3, 3), (1, 2), "About to sleep"), ((1, 2), (5, 5), "Can't lose them"),
    ((1, 2), (3, 4), "At risk"), ((2, 2), (1, 2), "Hibernating"),
    ((1, 1), (1, 2), "Lost")]

bad = 0
for i, g in enumerate(got):
    s = [quint(R, R[i], True) if R[i] is not None else None,
         quint(F, F[i], False) if F[i] is not None else None,
         quint(M, M[i], False) if M[i] is not None else None]
    present = [x for x in s if x is not None]
    cell = seg = score = grade = ''
    if len(present) == 3:
        cell = '%d%d%d' % tuple(s)
        fm = (s[1] + s[2] + 1) // 2
        seg = next(n for (rl, rh), (fl, fh), n in table
                   if rl <= s[0] <= rh and fl <= fm <= fh)
    if present:
        sc = math.floor(100 * (sum(present) / len(present) - 1) / 4 + 0.5)
        score = str(sc)
        grade = 'A' if sc >= 70 else 'B' if sc >= 40 else 'C'
    want = (cell, seg, score, grade)
    have = (g['rfm'], g['segment'], g['score'], g['grade'])
    if want != have:
        print('row %s: want %s, got %s' % (g['id'], want, have))
        bad += 1
# Every segment the fixture reaches is named; at least a handful differ.
print('%d rows checked, %d segments seen, %d mismatches' %
      (len(got), len({g['segment'] for g in got if g['segment']}), bad))
sys.exit(1 if bad else 0)
PY
