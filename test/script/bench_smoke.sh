#!/bin/sh
# Smoke test of the benchmark's own programs (bench/gen, bench/floor):
# they run, the generator is deterministic for a seed, deal keys name
# generated accounts, the dialects are what they say, and the floor writes
# every record back with its computed column. Small sizes: well under a
# second. Usage: sh bench_smoke.sh BIN_DIR FIXTURES_DIR
set -u
BENCH=$(cd "$1/../bench" 2>/dev/null && pwd) || exit 77
GEN=$BENCH/gen
FLOOR=$BENCH/floor
[ -x "$GEN" ] && [ -x "$FLOOR" ] || { echo "no bench programs in $BENCH"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/benchsmoke.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {	# check NAME COMMAND...: the command must succeed
	name=$1; shift
	if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; fails=$((fails + 1)); fi
}
status_is() {	# status_is WANT COMMAND...
	want=$1; shift
	"$@" >/dev/null 2>&1
	[ $? -eq "$want" ]
}

"$GEN" accounts 500 --seed 7 >"$tmp/a1.csv"
"$GEN" accounts 500 --seed 7 >"$tmp/a2.csv"
"$GEN" accounts 500 --seed 8 >"$tmp/a3.csv"
"$GEN" deals 800 --accounts 60 --seed 7 >"$tmp/d1.csv"
"$GEN" deals 800 --accounts 60 --seed 7 >"$tmp/d2.csv"
"$GEN" accounts 60 --seed 7 >"$tmp/a60.csv"
"$GEN" accounts 50 --seed 3 --dialect excel-eu >"$tmp/eu.csv"

check "the same seed gives the same accounts" cmp -s "$tmp/a1.csv" "$tmp/a2.csv"
check "the same seed gives the same deals" cmp -s "$tmp/d1.csv" "$tmp/d2.csv"
check "another seed gives other accounts" eval '! cmp -s "$tmp/a1.csv" "$tmp/a3.csv"'
check "the first accounts of a larger file are those of a smaller one" \
	eval '"$GEN" accounts 60 --seed 7 | cmp -s - "$tmp/a60.csv" && head -61 "$tmp/a1.csv" | cmp -s - "$tmp/a60.csv"'
check "the accounts header lists the documented columns" \
	test "$(head -1 "$tmp/a1.csv")" = "id,account,owner,volume,orders,last_order,last_contact,next_contact,days_to_pay,overdue,distance,accessibility,openness,referrals,engagement,potential,stage,email,phone,touches_no_reply"
check "the deals header lists the documented columns" \
	test "$(head -1 "$tmp/d1.csv")" = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value"
check "the floor counts 500 accounts when parsing only" \
	test "$("$FLOOR" --parse-only <"$tmp/a1.csv")" = 500
check "the floor counts 800 deals when parsing only" \
	test "$("$FLOOR" --parse-only <"$tmp/d1.csv")" = 800
check "the excel-eu dialect starts with a byte order mark" \
	test "$(head -c 3 "$tmp/eu.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "the excel-eu dialect ends every record in CR LF" \
	test "$(tr -cd '\r' <"$tmp/eu.csv" | wc -c)" -eq "$(wc -l <"$tmp/eu.csv")"
check "the excel-eu dialect writes money with a decimal comma" \
	grep -q ';[0-9.]*[0-9],[0-9][0-9];' "$tmp/eu.csv"
check "the floor keeps the BOM and CR LF of an excel-eu file" \
	eval '"$FLOOR" <"$tmp/eu.csv" | head -c 3 | od -An -tx1 | tr -d " " | grep -qx efbbbf &&
	    test "$("$FLOOR" <"$tmp/eu.csv" | tr -cd "\r" | wc -c)" -eq 51'
check "gen without a size is a usage error (exit 2)" status_is 2 "$GEN" accounts
check "gen deals without --accounts is a usage error (exit 2)" status_is 2 "$GEN" deals 10
check "gen with a bad size is a usage error (exit 2)" status_is 2 "$GEN" accounts 12x
check "the floor stops at an unterminated quote (exit 1)" \
	eval 'printf "a,b\n1,\"x\n" | "$FLOOR" >/dev/null 2>&1; [ $? -eq 1 ]'

if [ -x "$BENCH/passthrough" ]; then
	check "the core passthrough gives back a comma file byte for byte" \
		eval '"$BENCH/passthrough" <"$tmp/a1.csv" | cmp -s - "$tmp/a1.csv"'
	check "the core passthrough gives back an excel-eu file byte for byte" \
		eval '"$BENCH/passthrough" <"$tmp/eu.csv" | cmp -s - "$tmp/eu.csv"'
fi

# The structural checks read CSV properly, so they need python3.
if command -v python3 >/dev/null 2>&1; then
	"$FLOOR" <"$tmp/a1.csv" >"$tmp/f1.csv"
	check "the floor writes every record back with twice the volume appended" \
	    python3 - "$tmp/a1.csv" "$tmp/f1.csv" <<'PY'
import csv, sys
from decimal import Decimal
a = list(csv.reader(open(sys.argv[1], newline="")))
f = list(csv.reader(open(sys.argv[2], newline="")))
assert len(a) == len(f) == 501, (len(a), len(f))
assert f[0] == a[0] + ["floor"]
for x, y in zip(a[1:], f[1:]):
    assert y[:-1] == x, (x, y)
    v = x[3]
    assert y[-1] == ("" if v == "" else "%.2f" % (Decimal(v) * 2)), (v, y[-1])
PY
	check "accounts have distinct ids and names, some quoted, and sane fields" \
	    python3 - "$tmp/a1.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert [r["id"] for r in rows] == ["C%07d" % (i + 1) for i in range(500)]
assert len({r["account"] for r in rows}) == 500
assert any("," in r["account"] for r in rows)
assert {r["stage"] for r in rows} == {"client", "prospect", "lead"}
assert {r["openness"] for r in rows} <= {"yes", "no", ""}
assert all(1 <= int(r["accessibility"]) <= 5 for r in rows)
assert all(1 <= int(r["engagement"]) <= 10 for r in rows)
assert all(r["volume"] == "" for r in rows if r["stage"] == "lead")
assert len({r["owner"] for r in rows}) == 20
PY
	check "every deal key names one of the generated accounts" \
	    python3 - "$tmp/d1.csv" "$tmp/a60.csv" <<'PY'
import csv, sys
deals = list(csv.DictReader(open(sys.argv[1], newline="")))
names = {r["account"] for r in csv.DictReader(open(sys.argv[2], newline=""))}
keys = [d["account"] for d in deals if d["account"] != ""]
assert set(keys) <= names, set(keys) - names
assert len(keys) > 700
assert len({d["opportunity_id"] for d in deals}) == 800
for d in deals:
    won = d["deal_stage"] == "Won"
    assert (d["close_value"] != "" and d["close_date"] != "") == (d["deal_stage"] in ("Won", "Lost"))
    assert won or d["close_value"] in ("", "0")
PY
else
	echo "skip: structural checks (no python3)"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
