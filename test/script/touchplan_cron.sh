#!/bin/sh
# examples/cron/weekly-calls.sh with fake mailers that record what they
# were given: one mail per rep with something planned, each holding
# exactly that rep's agenda; mail(1) and sendmail(8) styles.
BIN=$1
FIX=$2
here=$(cd "$(dirname "$0")" && pwd)
script=$here/../../examples/cron/weekly-calls.sh
[ -f "$script" ] || { echo "no $script"; exit 1; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
PATH=$BIN:$PATH
export PATH
fail() { echo "FAIL: $*"; exit 1; }

cat >"$tmp/fakemail" <<'MAILEOF'
#!/bin/sh
# mail -s SUBJECT ADDRESS < body: record each call in its own file.
n=$(ls "$SPOOL" | wc -l)
{ printf 'argv:'; for a in "$@"; do printf ' [%s]' "$a"; done; echo; cat; } \
    >"$SPOOL/$n"
MAILEOF
cp "$tmp/fakemail" "$tmp/fakesendmail"
chmod +x "$tmp/fakemail" "$tmp/fakesendmail"
printf '# test reps\nana@example.com Ana Silva\n\nben@example.com  Ben Okafor\nzed@example.com Zed Nobody\n' >"$tmp/reps.txt"

# mail(1) style. 2026-12-21 is a Monday: the week 12-21..12-27.
mkdir "$tmp/spool"
SPOOL=$tmp/spool MAILER=$tmp/fakemail TODAY=2026-12-21 GRADED=1 \
    sh "$script" "$FIX/touchplan/team.csv" "$tmp/reps.txt" ||
    fail "script exit $?"
[ "$(ls "$tmp/spool" | wc -l)" -eq 2 ] || fail "want 2 mails: $(ls "$tmp/spool")"
touchplan --week --format agenda --owner "Ana Silva" --today 2026-12-21 \
    "$FIX/touchplan/team.csv" >"$tmp/ana" || fail "touchplan"
{
	printf 'argv: [-s] [Your contact plan: 3 touches, 2026-12-21 to 2026-12-27] [ana@example.com]\n'
	cat "$tmp/ana"
} >"$tmp/want0"
cmp "$tmp/spool/0" "$tmp/want0" || { diff "$tmp/want0" "$tmp/spool/0"; fail "ana's mail"; }
grep -q '^argv: .*\[ben@example.com\]$' "$tmp/spool/1" || fail "ben's mail"
grep -q 'Ridge Outfitters' "$tmp/spool/1" || fail "ben's agenda"

# sendmail style: headers in the message, -t.
mkdir "$tmp/spool2"
SPOOL=$tmp/spool2 MAILER=$tmp/fakesendmail TODAY=2026-12-21 GRADED=1 \
    sh "$script" "$FIX/touchplan/team.csv" "$tmp/reps.txt" ||
    fail "script exit $? (sendmail)"
[ "$(ls "$tmp/spool2" | wc -l)" -eq 2 ] || fail "want 2 sendmail calls"
sed -n 1,4p "$tmp/spool2/0" >"$tmp/head"
printf 'argv: [-t]\nTo: ana@example.com\nSubject: Your contact plan: 3 touches, 2026-12-21 to 2026-12-27\nContent-Type: text/plain; charset=UTF-8\n' >"$tmp/wanthead"
cmp "$tmp/head" "$tmp/wanthead" || { diff "$tmp/wanthead" "$tmp/head"; fail "sendmail headers"; }
sed 1,5d "$tmp/spool2/0" | cmp - "$tmp/ana" || fail "sendmail body"
exit 0
