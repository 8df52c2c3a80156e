#!/bin/sh
# grade_population.sh BIN FIXTURES - clients, leads and referral sources
# are graded each among themselves, on generated accounts (a fixed seed,
# so a failure can be rerun):
#   - within each population, an account at least as good as another on
#     every factor of that population never scores lower;
#   - zero volume, potential or referred volume earns zero points;
#   - a lead's and a referral source's grade and score do not move when
#     the clients change (business a lead does not have cannot rank it),
#     and their reasons name their own population and none of the
#     business factors;
#   - with a scale of shares, each population's best account is in the
#     first grade;
#   - a population of fewer than 5 is graded on absolute ranges: each
#     account scores the same alone as beside the others;
#   - rfm never calls a client that ordered within 30 days Lost,
#     Hibernating or At risk, and grades no lead.
BIN=$1
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/cgpop.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
python3 - <<'PY'
import random, datetime
random.seed(16)
today = datetime.date(2026, 12, 1)
head = ("id,account,stage,volume,orders,last_order,days_to_pay,overdue,"
        "distance,accessibility,openness,referrals,potential,employees,"
        "lead_source,referred_volume,last_referral")
def day(n):
    return (today - datetime.timedelta(days=n)).isoformat()
def client(i, scale):
    # Few distinct values, so that many pairs dominate one another.
    return "C%03d,Client %d,%s,%d,%d,%s,%d,%d,%d,%d,%s,%d,,,,," % (
        i, i, random.choice(["Customer - Direct", "Closed Won", "Active",
        "client", "Customer - Channel"]),
        scale * random.choice([0, 0, 500, 2000, 8000, 30000]),
        random.choice([0, 1, 3, 8, 20]),
        day(random.choice([3, 20, 45, 200, 400, 900])),
        random.choice([10, 30, 60]), random.choice([0, 1, 3]),
        random.choice([5, 50, 300]), random.randint(1, 5),
        random.choice(["yes", "no"]), random.choice([0, 1, 4]))
def lead(i):
    return "L%03d,Lead %d,%s,,,,,,%d,%d,%s,%d,%d,%d,%s,," % (
        i, i, random.choice(["MQL", "SQL", "Lead", "Prospect", "Open",
        "Opportunity"]), random.choice([5, 50, 300]), random.randint(1, 5),
        random.choice(["yes", "no"]), random.choice([0, 1, 4]),
        random.choice([0, 5000, 20000, 90000]),
        random.choice([0, 10, 200, 2000]),
        random.choice(["Referral", "Trade show", "Website", "Paid search",
        "Cold call"]))
def source(i, n):
    return "R%03d,Partner %d,%s,,,,,,,,,%d,,,,%d,%s" % (
        i, i, random.choice(["Partner", "Referral partner",
        "Channel partner", "Reseller"]), random.choice([0, 1, 3, 9]),
        random.choice([0, 4000, 25000, 80000]),
        day(random.choice([10, 60, 200, 500, 1000])))
leads = [lead(i) for i in range(150)]
sources = [source(i, 40) for i in range(40)]
few = [source(900 + i, 3) for i in range(3)]
state = random.getstate()
clients = [client(i, 1) for i in range(300)]
random.setstate(state)
# The same clients, ten times the business, and more of them.
bigger = [client(i, 10) for i in range(300)] + [client(500 + i, 7)
    for i in range(100)]
def write(name, rows):
    with open(name, "w") as f:
        f.write(head + "\n" + "\n".join(rows) + "\n")
mixed = clients + leads + sources
random.shuffle(mixed)
write("acc.csv", mixed)
write("bigger.csv", bigger + leads + sources)
write("few.csv", clients + few)
for k, r in enumerate(few):
    write("few%d.csv" % k, clients + [r])
PY
G="$BIN/grade -q --today 2026-12-01"
$G -e acc.csv >score.csv || exit 1
$G -e bigger.csv >bigger.out.csv || exit 1
$G --scale A:20%,B:30%,C acc.csv >shares.csv || exit 1
$G -m rfm -e acc.csv >rfm.csv || exit 1
$G -e few.csv >few.out.csv || exit 1
for k in 0 1 2; do $G -e few$k.csv >few$k.out.csv || exit 1; done
python3 - <<'PY'
import csv, datetime, re, sys
fail = 0
def bad(msg):
    global fail
    fail += 1
    if fail <= 10:
        print("FAIL: " + msg)
def rows(name):
    return list(csv.DictReader(open(name, newline="")))
today = datetime.date(2026, 12, 1)
def days(s):
    return (today - datetime.date.fromisoformat(s)).days
def num(s):
    return float(s) if s != "" else None
def pop(r):
    return r["id"][0]
# Higher is better on every coordinate; every factor of the population
# is filled in the generated rows.
KEYS = {
    "C": lambda r: (num(r["volume"]), num(r["orders"]), -days(r["last_order"]),
        -num(r["days_to_pay"]), -num(r["overdue"]), -num(r["distance"]),
        num(r["accessibility"]), r["openness"] == "yes", num(r["referrals"])),
    "L": lambda r: (num(r["potential"]), num(r["employees"]),
        -num(r["distance"]), num(r["accessibility"]), r["openness"] == "yes",
        num(r["referrals"]), ["Cold call", "Paid search", "Website",
        "Trade show", "Referral"].index(r["lead_source"])),
    "R": lambda r: (num(r["referrals"]), num(r["referred_volume"]),
        -days(r["last_referral"])),
}
score = rows("score.csv")
n = {p: sum(1 for r in score if pop(r) == p) for p in "CLR"}
name = {"C": "clients", "L": "leads", "R": "referral sources"}
pairs = 0
for p in "CLR":
    group = [(KEYS[p](r), r) for r in score if pop(r) == p]
    for ka, a in group:
        for kb, b in group:
            if a is b or not all(x >= y for x, y in zip(ka, kb)):
                continue
            pairs += 1
            if int(a["score"]) < int(b["score"]):
                bad("%s dominates %s but scores %s < %s" % (a["id"], b["id"],
                    a["score"], b["score"]))
print("dominance: %d pairs checked" % pairs)
zero = {"volume": "volume", "potential": "potential",
    "referred_volume": "referred_volume"}
nz = 0
for r in score:
    why = r["grade_reason"]
    if not why.startswith("%s among %d %s: " % (r["grade"], n[pop(r)],
            name[pop(r)])):
        bad("%s: reason does not name its population: %s" % (r["id"], why))
    for col, f in zero.items():
        if r[col] != "" and float(r[col]) == 0:
            nz += 1
            m = re.search(r"\b%s (\d+)/" % f, why)
            if m is None or m.group(1) != "0":
                bad("%s: %s 0 earns points: %s" % (r["id"], col, why))
    if pop(r) != "C":
        for f in ("volume", "frequency", "recency", "payment", "overdue"):
            if re.search(r"\b%s \d+/" % f, why):
                bad("%s: a %s graded on %s" % (r["id"], name[pop(r)], f))
print("zero values: %d checked" % nz)
# Leads and referral sources do not move when the clients change.
big = {r["id"]: r for r in rows("bigger.out.csv")}
moved = [r["id"] for r in score if pop(r) != "C" and
    (r["grade"], r["score"]) != (big[r["id"]]["grade"], big[r["id"]]["score"])]
if moved:
    bad("leads or referral sources moved with the clients: %s" % moved[:5])
clients_moved = sum(1 for r in score if pop(r) == "C" and r["id"] in big and
    r["score"] != big[r["id"]]["score"])
print("with the clients changed: %d clients rescored, %d others moved" %
      (clients_moved, len(moved)))
if clients_moved == 0:
    bad("the bigger clients changed no client's score: the test is idle")
# Shares: each population's best is in the first grade.
for p in "CLR":
    g = [r for r in rows("shares.csv") if pop(r) == p]
    best = max(int(r["score"]) for r in g)
    for r in g:
        if int(r["score"]) == best and r["grade"] != "A":
            bad("%s has the best score of its %s but is %s" % (r["id"],
                name[p], r["grade"]))
    na = sum(1 for r in g if r["grade"] == "A")
    print("shares: %d of %d %s are A" % (na, len(g), name[p]))
# Fewer than 5: absolute ranges, so alone or together is the same.
together = {r["id"]: r["score"] for r in rows("few.out.csv") if pop(r) == "R"}
if len(together) != 3:
    bad("few.csv has %d referral sources, want 3" % len(together))
for k in range(3):
    for r in rows("few%d.out.csv" % k):
        if pop(r) == "R" and together.get(r["id"]) != r["score"]:
            bad("%s scores %s alone, %s beside two others" % (r["id"],
                r["score"], together.get(r["id"])))
# rfm: clients only, and no Lost within 30 days.
lost = 0
for r in rows("rfm.csv"):
    if pop(r) != "C":
        if r["grade"] != "" or "grades clients only" not in r["grade_reason"]:
            bad("rfm graded %s: %s" % (r["id"], r["grade_reason"]))
        continue
    if days(r["last_order"]) <= 30 and r["segment"] in ("Lost",
            "Hibernating", "At risk"):
        lost += 1
        bad("rfm calls %s %s, %d days after its last order" % (r["id"],
            r["segment"], days(r["last_order"])))
print("%d failure(s)" % fail)
sys.exit(1 if fail else 0)
PY
