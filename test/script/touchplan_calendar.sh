#!/bin/sh
# touchplan's calendar properties (issue 16) on a realistic generated
# export (bench/gen, graded), planned for a quarter:
#   - no weekday holds more than 30% of the planned touches, also when
#     every last contact fell on a weekend (a CRM that logs a weekend
#     mailing as the last activity: the case that sent 61% to Mondays);
#   - two touches of one series (an account's track) are at least half
#     its interval apart, also with holidays, an absence and days over
#     capacity, for clients, leads and referral sources alike; no account
#     gets two touches on one day;
#   - a contact scheduled in the CRM (next_contact) in the quarter is the
#     account's first touch, on that day or later, and only later when
#     that day is not a working day or is full.
# Needs bench/gen (built with the tests) and python3; skips without.
# Usage: sh touchplan_calendar.sh BIN_DIR FIXTURES_DIR
set -u
BIN=$1
GEN=$BIN/../bench/gen
[ -x "$GEN" ] || { echo "no $GEN"; exit 77; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import csv' 2>/dev/null || exit 77
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tpcal.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0

cat >"$tmp/prop.py" <<'PYEOF'
import csv, datetime, sys, collections
D = datetime.date.fromisoformat
EVERY = {'AAA': 4, 'AA': 5, 'A': 7, 'B': 26, 'C': 30, 'D': 91}

def weekend(src, shift):
    """Every date moved `shift` days on, and every last contact to a recent
    weekend (within the grade's interval, so not overdue)."""
    r = csv.reader(open(src, newline=''))
    w = csv.writer(sys.stdout, lineterminator='\n')
    hdr = next(r)
    w.writerow(hdr)
    c, g = hdr.index('last_contact'), hdr.index('grade')
    dates = [hdr.index(h) for h in ('last_order', 'last_contact',
                                    'next_contact')]
    ref = datetime.date(2026, 12, 1) + datetime.timedelta(days=shift)
    for i, row in enumerate(r):
        for k in dates:
            if row[k]:
                row[k] = (D(row[k]) + datetime.timedelta(days=shift)).isoformat()
        d = ref - datetime.timedelta(days=(i * 7919) % EVERY[row[g]])
        d -= datetime.timedelta(days=(d.weekday() - (5 + i % 2)) % 7)
        row[c] = d.isoformat()
        w.writerow(row)

def plan(path):
    return list(csv.DictReader(open(path, newline='')))

def share(path):
    days = [D(p['date']) for p in plan(path) if p['date']]
    n = collections.Counter(d.weekday() for d in days)
    top = max(n.values()) * 100.0 / len(days)
    names = 'Mon Tue Wed Thu Fri Sat Sun'.split()
    print(' '.join('%s %.1f%%' % (names[i], n[i] * 100.0 / len(days))
                   for i in range(7)))
    return top <= 30.0

# Leads' and referral sources' default tracks (touchplan(1)): a series
# is (account, track), and a track is known by its channel; a referral
# source's thank-you alternates an event and a postcard.
LEAD = {'AAA': {'call': 7, 'email': 14}, 'AA': {'call': 10, 'email': 21},
        'A': {'call': 14, 'email': 30}, 'B': {'email': 30, 'call': 60},
        'C': {'newsletter': 90}, 'D': {'newsletter': 182}}
REF = {'AAA': {'call': 14, 'thanks': 91}, 'AA': {'call': 21, 'thanks': 91},
       'A': {'call': 30, 'thanks': 91}, 'B': {'email': 60, 'postcard': 182},
       'C': {'newsletter': 90}, 'D': {'newsletter': 182}}

def series(p, every):
    """(key, interval) of a touch's series, by the reason's population."""
    g, ch, why = p['grade'], p['channel'], p['reason']
    if why.startswith(g + ' lead: '):
        return (p['owner'], p['account_id'], ch), LEAD[g][ch]
    if why.startswith(g + ' referral source: '):
        t = REF[g]
        ch = 'thanks' if ch in ('event', 'postcard') and 'thanks' in t else ch
        return (p['owner'], p['account_id'], ch), t[ch]
    return (p['owner'], p['account_id'], ''), every[g]

def spacing(path, cadences=''):
    every = dict(EVERY)
    for kv in filter(None, cadences.split(',')):
        k, v = kv.split('=')
        every[k] = int(v)
    seen = collections.defaultdict(list)
    days = collections.Counter()
    ok = True
    for p in plan(path):
        if p['date']:
            k, n = series(p, every)
            seen[k].append((D(p['date']), p, n))
            days[(p['owner'], p['account_id'], p['date'])] += 1
    for k, v in seen.items():
        v.sort(key=lambda x: x[0])
        gap = max(1, v[0][2] // 2)
        for (a, _, _), (b, pb, _) in zip(v, v[1:]):
            if (b - a).days < gap:
                print('%s: %s and %s, less than %d days apart (%s)' %
                      (k[1], a, b, gap, pb['reason']))
                ok = False
    # Tracks of one account (a lead's call and email) are not piled on
    # one day either.
    for k, n in days.items():
        if n > 1:
            print('%s: %d touches on %s' % (k[1], n, k[2]))
            ok = False
    return ok

def scheduled(inp, path, first, last):
    want = {}
    for row in csv.DictReader(open(inp, newline='')):
        if row['next_contact'] and first <= row['next_contact'] <= last:
            want[row['id']] = D(row['next_contact'])
    got = collections.defaultdict(list)
    for p in plan(path):
        if p['date']:
            got[p['account_id']].append(p)
    ok = len(want) > 20
    for acct, day in want.items():
        ts = sorted(got[acct], key=lambda p: p['date'])
        if not ts or 'scheduled in CRM' not in ts[0]['reason']:
            print('%s: first touch is not the scheduled one: %s' %
                  (acct, ts[:1]))
            ok = False
            continue
        t = D(ts[0]['date'])
        if t < day or (t > day and ts[0]['reason'].endswith('scheduled in CRM')):
            print('%s: scheduled %s, planned %s (%s)' %
                  (acct, day, t, ts[0]['reason']))
            ok = False
        if sum('scheduled in CRM' in p['reason'] for p in ts) != 1:
            print('%s: more than one scheduled touch' % acct)
            ok = False
    return ok

cmd = sys.argv[1]
if cmd == 'weekend':
    weekend(sys.argv[2], int(sys.argv[3]))
elif cmd == 'share':
    sys.exit(0 if share(sys.argv[2]) else 1)
elif cmd == 'spacing':
    sys.exit(0 if spacing(*sys.argv[2:4]) else 1)
elif cmd == 'scheduled':
    sys.exit(0 if scheduled(*sys.argv[2:6]) else 1)
PYEOF

check() {	# check NAME COMMAND...
	name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok: $name"
	else
		echo "FAIL: $name"
		sed 's/^/  | /' "$tmp/out" | head -20
		fails=$((fails + 1))
	fi
}
tp() {	# tp OUT ARGS...: touchplan over the quarter into OUT
	out=$1
	shift
	"$BIN/touchplan" --today 2027-01-01 --quarter 2027-Q1 "$@" \
	    >"$tmp/$out" 2>"$tmp/$out.err" || { cat "$tmp/$out.err"; return 1; }
}

# 30 accounts a rep (600 over 20 reps): a load a rep can live with.
"$GEN" accounts 600 --seed 11 --with-grade >"$tmp/gen.csv" || exit 2
"$PY" "$tmp/prop.py" weekend "$tmp/gen.csv" 31 >"$tmp/in.csv" || exit 2
"$GEN" accounts 2000 --seed 12 --with-grade >"$tmp/gen2.csv" || exit 2
"$PY" "$tmp/prop.py" weekend "$tmp/gen2.csv" 31 >"$tmp/in2.csv" || exit 2
printf '2027-01-01\n2027-01-06\n2027-03-26\n' >"$tmp/hol.txt"
# Weekly and fortnightly cadences for the many B and C accounts, so that
# moves by holidays, absences and full days meet the next touch.
printf '[touchplan.cadence]\nB = 7 visit, call\nC = 14 call, email\n' \
    >"$tmp/weekly.ini"
printf 'owner,from,to\nAna Silva,2027-02-04,2027-02-12\nBen Okafor,2027-01-13,2027-01-15\n' \
    >"$tmp/away.csv"

tp plain.csv "$tmp/in.csv" &&
    check "a quarter's touches: no weekday above 30%" \
    "$PY" "$tmp/prop.py" share "$tmp/plain.csv"
tp busy.csv "$tmp/in2.csv" && check "100 accounts a rep: no weekday above 30%" \
    "$PY" "$tmp/prop.py" share "$tmp/busy.csv"
check "touches to an account are half an interval apart" \
    "$PY" "$tmp/prop.py" spacing "$tmp/plain.csv"
tp moved.csv --holidays "$tmp/hol.txt" --away "$tmp/away.csv" \
    --capacity 3 --visit-capacity 1 "$tmp/in.csv" &&
    check "... also after holidays, absences and full days" \
    "$PY" "$tmp/prop.py" spacing "$tmp/moved.csv"
tp weekly.csv --config "$tmp/weekly.ini" --holidays "$tmp/hol.txt" \
    --away "$tmp/away.csv" --capacity 4 --visit-capacity 1 "$tmp/in.csv" &&
    check "... also for weekly touches moved by all three" \
    "$PY" "$tmp/prop.py" spacing "$tmp/weekly.csv" B=7,C=14
check "... and on 100 accounts a rep, over capacity" \
    "$PY" "$tmp/prop.py" spacing "$tmp/busy.csv"
check "a contact scheduled in the CRM is the account's first touch" \
    "$PY" "$tmp/prop.py" scheduled "$tmp/in.csv" "$tmp/plain.csv" \
    2027-01-01 2027-03-31
check "... also with holidays, absences and full days" \
    "$PY" "$tmp/prop.py" scheduled "$tmp/in.csv" "$tmp/moved.csv" \
    2027-01-01 2027-03-31
grep -q 'stale export' "$tmp/plain.csv.err" &&
    { echo "FAIL: a fresh export called stale"; fails=$((fails + 1)); }
[ "$fails" -eq 0 ] || { echo "touchplan_calendar: $fails failed"; exit 1; }
exit 0
