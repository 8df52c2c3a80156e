#!/bin/sh
# grade_meaning.sh BIN FIXTURES - grades mean what they say, on generated
# accounts (a fixed seed, so a failure can be rerun):
#   - an account at least as good as another on every factor never
#     scores lower (score method, every factor filled);
#   - zero volume earns zero volume points;
#   - rfm never calls an account that ordered within 30 days Lost,
#     Hibernating or At risk;
#   - abc's A accounts have a higher mean score than its C accounts.
BIN=$1
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/cgmean.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
python3 - <<'PY' >acc.csv
import random, datetime
random.seed(7)
today = datetime.date(2026, 12, 1)
print("id,account,volume,orders,last_order,days_to_pay,overdue,distance,"
      "accessibility,openness,referrals")
for i in range(400):
    # Few distinct values, so that many pairs dominate one another.
    vol = random.choice([0, 0, 500, 2000, 8000, 30000])
    last = today - datetime.timedelta(days=random.choice([3, 20, 45, 200, 400, 900]))
    print("C%03d,Account %d,%d,%d,%s,%d,%d,%d,%d,%s,%d" % (i, i, vol,
          random.choice([0, 1, 3, 8, 20]), last.isoformat(),
          random.choice([10, 30, 60]), random.choice([0, 1, 3]),
          random.choice([5, 50, 300]), random.randint(1, 5),
          random.choice(["yes", "no"]), random.choice([0, 1, 4])))
PY
"$BIN/grade" -q --today 2026-12-01 -e acc.csv >score.csv || exit 1
"$BIN/grade" -q --today 2026-12-01 -m rfm acc.csv >rfm.csv || exit 1
"$BIN/grade" -q --today 2026-12-01 -m abc acc.csv >abc.csv || exit 1
python3 - <<'PY'
import csv, datetime, sys
fail = 0
today = datetime.date(2026, 12, 1)
rows = list(csv.DictReader(open("score.csv")))
def key(r):
    # Higher is better on every coordinate.
    days = (today - datetime.date.fromisoformat(r["last_order"])).days
    return (float(r["volume"]), float(r["orders"]), -days,
            -float(r["days_to_pay"]), -float(r["overdue"]),
            -float(r["distance"]), float(r["accessibility"]),
            1.0 if r["openness"] == "yes" else 0.0, float(r["referrals"]))
ks = [key(r) for r in rows]
pairs = bad = 0
for i, a in enumerate(rows):
    for j, b in enumerate(rows):
        if i != j and all(x >= y for x, y in zip(ks[i], ks[j])):
            pairs += 1
            if int(a["score"]) < int(b["score"]):
                bad += 1
                if bad <= 3:
                    print("FAIL: %s dominates %s but scores %s < %s" %
                          (a["id"], b["id"], a["score"], b["score"]))
print("dominance: %d pairs, %d scored the wrong way round" % (pairs, bad))
fail |= bad > 0 or pairs == 0
zero = [r for r in rows if float(r["volume"]) == 0]
wrong = [r["id"] for r in zero if "volume 0/30" not in r["grade_reason"]]
print("zero volume: %d accounts, %d earned volume points" % (len(zero), len(wrong)))
fail |= len(wrong) > 0 or not zero
rfm = list(csv.DictReader(open("rfm.csv")))
recent = [r for r in rfm if (today - datetime.date.fromisoformat(r["last_order"])).days <= 30]
lost = [r["id"] for r in recent if r["segment"] in ("Lost", "Hibernating", "At risk")]
print("rfm: %d ordered within 30 days, %d called Lost/Hibernating/At risk" % (len(recent), len(lost)))
fail |= len(lost) > 0 or not recent
abc = list(csv.DictReader(open("abc.csv")))
def mean(g):
    s = [float(r["score"]) for r in abc if r["grade"] == g]
    return sum(s) / len(s)
print("abc: mean score A %.1f, C %.1f" % (mean("A"), mean("C")))
fail |= not mean("A") > mean("C")
sys.exit(1 if fail else 0)
PY
