#!/bin/sh
# Property: prune's kept output and rejects file partition the input.
# On generated leads files (fixed seeds, quoted newlines, delimiters and
# quotes inside fields, duplicates, ; dialect with CRLF and BOM), every
# input record appears exactly once in kept or rejects (rejects minus the
# prune_reason column), kept records come out byte-identical and in input
# order, rejects in input order, and no reason starts with = + - @.
# Under the default --max-reject, a run that stops has written nothing.
# Checked by an independent Python csv reader.
BIN=$1
command -v python3 >/dev/null 2>&1 || exit 77
work=$(mktemp -d "${TMPDIR:-/tmp}/prunepart.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

cat >"$work/gen.py" <<'EOF'
import random, sys
seed, n, dialect = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rnd = random.Random(seed)
sep, eol, bom = (";", "\r\n", "\ufeff") if dialect == "excel" else (",", "\n", "")
names = ["Café Müller GmbH", "Cafe Muller", "Fabrikam, Inc.", "FABRIKAM INC",
         "Groene Weg B.V.", "Tailspin Toys Ltd", "Litware", "Contoso",
         "Açores Comércio S.A.", 'The "Quoted" Co', "Multi\nLine Ltd", "Solo"]
stages = ["lead", "qualified", "client", "won", "proposal", ""]
def q(s):
    if any(c in s for c in (sep, '"', "\n", "\r")):
        return '"' + s.replace('"', '""') + '"'
    return s
out = [bom + sep.join(["id", "account", "email", "phone", "stage",
       "last_contact", "next_contact", "touches_no_reply", "notes"])]
for i in range(n):
    name = rnd.choice(names) + ("" if rnd.random() < 0.6 else " %d" % rnd.randrange(50))
    email = "" if rnd.random() < 0.3 else "u%d@d%d.example" % (rnd.randrange(30), rnd.randrange(5))
    phone = "" if rnd.random() < 0.4 else "+1 555 %07d" % rnd.randrange(40)
    d = lambda: "" if rnd.random() < 0.2 else "2026-%02d-%02d" % (rnd.randrange(1, 13), rnd.randrange(1, 29))
    notes = rnd.choice(["", "call back", "said: \"maybe\"", "a" + sep + "b", "two\nlines", "=1+1"])
    row = ["L%05d" % i, name, email, phone, rnd.choice(stages), d(),
           d() if rnd.random() < 0.2 else "", str(rnd.randrange(0, 9)) if rnd.random() < 0.8 else "", notes]
    out.append(sep.join(q(f) for f in row))
sys.stdout.buffer.write((eol.join(out) + eol).encode())
EOF

cat >"$work/check.py" <<'EOF'
import csv, io, sys
inp, kept, rej, dialect = sys.argv[1:5]
sep = ";" if dialect == "excel" else ","
def records(path):
    data = open(path, "rb").read().decode()
    if data.startswith("\ufeff"):
        data = data[1:]
    return list(csv.reader(io.StringIO(data, newline=""), delimiter=sep))
I, K, R = records(inp), records(kept), records(rej)
assert K[0] == I[0], "kept header differs"
assert R[0] == I[0] + ["prune_reason"], "rejects header differs"
rows = I[1:]
pos = {tuple(r): i for i, r in enumerate(rows)}   # ids make rows unique
assert len(pos) == len(rows)
k = [pos[tuple(r)] for r in K[1:]]
r = [pos[tuple(x[:-1])] for x in R[1:]]
assert k == sorted(k), "kept order not preserved"
assert r == sorted(r), "rejects order not preserved"
assert sorted(k + r) == list(range(len(rows))), "not a partition"
for x in R[1:]:
    assert x[-1] and x[-1][0] not in "=+-@", "bad reason %r" % x[-1]
# Kept output is byte for byte the input's header and kept records.
raw_in = open(inp, "rb").read()
eol = b"\r\n" if dialect == "excel" else b"\n"
recs, start, inq, i = [], 0, False, 0
while i < len(raw_in):
    c = raw_in[i:i + 1]
    if c == b'"':
        inq = not inq
    elif not inq and raw_in.startswith(eol, i):
        recs.append(raw_in[start:i]); i += len(eol); start = i; continue
    i += 1
want = recs[0] + eol + b"".join(recs[1 + j] + eol for j in k)
assert open(kept, "rb").read() == want, "kept bytes differ from input bytes"
print("ok", len(rows), "rows:", len(k), "kept,", len(r), "rejected")
EOF

fail=0
for spec in "1 200 plain" "2 500 excel" "3 1000 plain" "4 50 excel" "5 2000 plain"; do
	set -- $spec
	python3 "$work/gen.py" "$1" "$2" "$3" >"$work/in.csv" || exit 2
	for rules in "" "--rules dupes" "--rules stale,noreply" \
	    "--dupe-keys name,email,domain,phone --require stage=lead --require stage=qualified"; do
		# Under the default --max-reject a run either goes through
		# or stops having written nothing at all.
		rm -f "$work/rej.csv"
		"$BIN/prune" --today 2026-11-24 $rules --rejects "$work/rej.csv" \
		    <"$work/in.csv" >"$work/kept.csv" 2>"$work/err"
		case $? in
		0)	;;
		# Stopped: most of these generated files do (mostly duplicates).
		1)	if [ -s "$work/kept.csv" ] || [ -e "$work/rej.csv" ] ||
			    ! grep -q '^prune: would reject ' "$work/err"; then
				echo "FAIL seed $1 ($rules): stopped, but wrote"
				fail=1
			fi ;;
		*)	echo "FAIL seed $1 ($rules): $(cat "$work/err")"; fail=1 ;;
		esac
		if ! "$BIN/prune" -q --today 2026-11-24 $rules --max-reject 100 \
		    --rejects "$work/rej.csv" <"$work/in.csv" >"$work/kept.csv"
		then
			echo "FAIL seed $1 ($rules): prune failed"; fail=1; continue
		fi
		if ! python3 "$work/check.py" "$work/in.csv" "$work/kept.csv" \
		    "$work/rej.csv" "$3" >/dev/null; then
			echo "FAIL seed $1 $3 ($rules)"; fail=1
		fi
	done
done
exit $fail
