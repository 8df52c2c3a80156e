#!/bin/sh
# touchplan --format ics: parses in a real iCalendar parser (Debian's
# python3-icalendar), every line is at most 75 octets and ends in CRLF,
# text survives escaping, two runs give the same UIDs, and no two events
# share one: not accounts with one name and no id under two owners, not
# accounts sharing an id, not even true duplicates (told apart by input
# order, with a warning).
BIN=$1
FIX=$2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import icalendar' 2>/dev/null || exit 77
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# A name with every character TEXT must escape, and a long UTF-8 one.
printf 'id,account,owner,grade,last_contact,email\n' >"$tmp/in.csv"
printf 'X1,"Semi;colon, comma \\ back",Zoë Ñúñez,A,2026-11-30,a@b.example\n' >>"$tmp/in.csv"
printf 'X2,Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé GmbH,Zoë Ñúñez,B,,u@b.example\n' >>"$tmp/in.csv"
cat "$FIX/touchplan/team.csv" | sed 1d >>"$tmp/in.csv" || exit 1
cat >>"$tmp/in.csv" <<'EOF'
,Acme Shared,Ana Silva,A,2026-11-30,a@acme.example
,Acme Shared,Ben Okafor,A,2026-11-30,b@acme.example
X1,Not The Same,Zoë Ñúñez,A,2026-11-30,x@b.example
X9,Twin Co,Ana Silva,A,2026-11-30,t@twin.example
X9,Twin Co,Ana Silva,A,2026-11-30,t@twin.example
EOF
run() {
	"$BIN/touchplan" --format ics --today 2026-12-01 --month 2026-12 \
	    --capacity 1 --visit-capacity 0 "$tmp/in.csv"
}
run >"$tmp/a.ics" 2>"$tmp/a.err" || { echo "touchplan failed"; exit 1; }
run >"$tmp/b.ics" 2>/dev/null || exit 1
grep -q "^touchplan: warning: account 'Twin Co' of 'Ana Silva' on line 15 has the owner, id and name of line 14; their calendar UIDs are told apart by input order\$" "$tmp/a.err" ||
    { echo "no warning for the true duplicate:"; cat "$tmp/a.err"; exit 1; }
"$PY" - "$tmp/a.ics" "$tmp/b.ics" <<'PYEOF' || exit 1
import sys, icalendar
raw = open(sys.argv[1], 'rb').read()
lines = raw.split(b'\r\n')
assert lines[-1] == b'', 'file must end in CRLF'
for l in lines[:-1]:
    assert b'\n' not in l and b'\r' not in l, 'bare line end'
    assert len(l) <= 75, 'line longer than 75 octets: %r' % l
    l.decode('utf-8')  # folding never split a character
cal = icalendar.Calendar.from_ical(raw)
assert str(cal['VERSION']) == '2.0' and 'PRODID' in cal
ev = [c for c in cal.walk() if c.name in ('VEVENT', 'VTODO')]
assert len(ev) > 5, len(ev)
uids = [str(e['UID']) for e in ev]
assert len(set(uids)) == len(uids), 'UIDs must be unique'
for e in ev:
    assert e['DTSTAMP'].dt.isoformat() == '2026-12-01T00:00:00+00:00'
names = ' '.join(str(e['SUMMARY']) for e in ev)
assert 'Semi;colon, comma \\ back' in names, names
assert 'Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé GmbH' in names
assert any(e.name == 'VTODO' for e in ev), 'overflow must be listed'
# Each of the accounts that share a name, an id or everything has its
# own events: a calendar that keeps one event per UID loses none.
for who in ('Acme Shared', 'Twin Co', 'Not The Same'):
    mine = [e for e in ev if who in str(e['SUMMARY'])]
    assert mine, who
acme = set(str(e['DESCRIPTION']).split('\n')[0] for e in ev
           if 'Acme Shared' in str(e['SUMMARY']))
assert acme == {'Owner: Ana Silva', 'Owner: Ben Okafor'}, acme
twins = [e for e in ev if 'Twin Co' in str(e['SUMMARY'])]
assert len(twins) == len(set(str(e['UID']) for e in twins)) >= 2, twins
desc = str(ev[0]['DESCRIPTION'])
assert desc.startswith('Owner: '), desc
assert '\n' in desc
cal2 = icalendar.Calendar.from_ical(open(sys.argv[2], 'rb').read())
uids2 = [str(c['UID']) for c in cal2.walk() if c.name in ('VEVENT', 'VTODO')]
assert uids == uids2, 'UIDs differ between runs'
print('ok: %d components' % len(ev))
PYEOF
# VTODO flavour parses as well.
"$BIN/touchplan" --format ics --todo --today 2026-12-01 --month 2026-12 \
    "$tmp/in.csv" >"$tmp/c.ics" 2>/dev/null || exit 1
"$PY" -c 'import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()); assert all(x.name == "VTODO" for x in c.walk() if x.name.startswith("V") and x.name != "VCALENDAR")' "$tmp/c.ics" || exit 1
exit 0
