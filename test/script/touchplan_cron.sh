#!/bin/sh
# examples/cron/weekly-calls.sh with fake mailers that record what they
# were given: one mail per rep with something planned, each holding
# exactly that rep's agenda; mail(1) and sendmail(8) styles. And it fails
# loudly (a line on stderr, exit 1) where cron would otherwise mail
# nothing or nonsense: a missing, unreadable or empty export, a rep with
# no accounts, a stale export, a mailer that fails.
BIN=$1
FIX=$2
here=$(cd "$(dirname "$0")" && pwd)
script=$here/../../examples/cron/weekly-calls.sh
[ -f "$script" ] || { echo "no $script"; exit 1; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
PATH=$BIN:$PATH
export PATH
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

cat >"$tmp/fakemail" <<'MAILEOF'
#!/bin/sh
# mail -s SUBJECT ADDRESS < body: record each call in its own file.
n=$(ls "$SPOOL" | wc -l)
{ printf 'argv:'; for a in "$@"; do printf ' [%s]' "$a"; done; echo; cat; } \
    >"$SPOOL/$n"
MAILEOF
cp "$tmp/fakemail" "$tmp/fakesendmail"
printf '#!/bin/sh\ncat >/dev/null\nexit 3\n' >"$tmp/brokenmail"
chmod +x "$tmp/fakemail" "$tmp/fakesendmail" "$tmp/brokenmail"
printf '# test reps\nana@example.com Ana Silva\n\nben@example.com  Ben Okafor\n' >"$tmp/reps.txt"
{ cat "$tmp/reps.txt"; echo 'zed@example.com Zed Nobody'; } >"$tmp/reps-zed.txt"

# run NAME MAILER EXPORT REPS [VAR=VALUE...]: the script into a fresh
# spool; status in $st, stderr in $tmp/NAME.err, mails in $tmp/NAME/.
run() {
	name=$1 mailer=$2 export=$3 reps=$4
	shift 4
	mkdir "$tmp/$name"
	env SPOOL="$tmp/$name" MAILER="$mailer" TODAY=2026-12-21 GRADED=1 "$@" \
	    sh "$script" "$export" "$reps" 2>"$tmp/$name.err"
	st=$?
}
mails() { ls "$tmp/$1" | wc -l | tr -d ' '; }
err_is() {	# err_is NAME TEXT: stderr is exactly that line
	printf '%s\n' "$2" | cmp -s - "$tmp/$1.err" ||
	    { fail "$1: stderr"; printf '  want: %s\n' "$2"; sed 's/^/  got:  /' "$tmp/$1.err"; }
}

# mail(1) style. 2026-12-21 is a Monday: the week 12-21..12-27.
run mail "$tmp/fakemail" "$FIX/touchplan/team.csv" "$tmp/reps.txt"
[ "$st" -eq 0 ] || fail "mail: exit $st"
[ -s "$tmp/mail.err" ] && { fail "mail: stderr"; cat "$tmp/mail.err"; }
[ "$(mails mail)" -eq 2 ] || fail "mail: want 2 mails: $(ls "$tmp/mail")"
touchplan --week --format agenda --owner "Ana Silva" --today 2026-12-21 \
    "$FIX/touchplan/team.csv" >"$tmp/ana" || fail "touchplan"
{
	printf 'argv: [-s] [Your contact plan: 3 touches, 2026-12-21 to 2026-12-27] [ana@example.com]\n'
	cat "$tmp/ana"
} >"$tmp/want0"
cmp -s "$tmp/mail/0" "$tmp/want0" || { diff "$tmp/want0" "$tmp/mail/0"; fail "ana's mail"; }
grep -q '^argv: .*\[ben@example.com\]$' "$tmp/mail/1" || fail "ben's mail"
grep -q 'Ridge Outfitters' "$tmp/mail/1" || fail "ben's agenda"

# sendmail style: headers in the message, -t.
run sendmail "$tmp/fakesendmail" "$FIX/touchplan/team.csv" "$tmp/reps.txt"
[ "$st" -eq 0 ] || fail "sendmail: exit $st"
[ "$(mails sendmail)" -eq 2 ] || fail "want 2 sendmail calls"
sed -n 1,4p "$tmp/sendmail/0" >"$tmp/head"
printf 'argv: [-t]\nTo: ana@example.com\nSubject: Your contact plan: 3 touches, 2026-12-21 to 2026-12-27\nContent-Type: text/plain; charset=UTF-8\n' >"$tmp/wanthead"
cmp -s "$tmp/head" "$tmp/wanthead" || { diff "$tmp/wanthead" "$tmp/head"; fail "sendmail headers"; }
sed 1,5d "$tmp/sendmail/0" | cmp -s - "$tmp/ana" || fail "sendmail body"

# A rep with no accounts: said, exit 1; the others still get their mail.
run zed "$tmp/fakemail" "$FIX/touchplan/team.csv" "$tmp/reps-zed.txt"
[ "$st" -eq 1 ] || fail "zed: exit $st, want 1"
err_is zed "weekly-calls.sh: $tmp/reps-zed.txt: Zed Nobody <zed@example.com> has no accounts in $FIX/touchplan/team.csv"
[ "$(mails zed)" -eq 2 ] || fail "zed: the others want their 2 mails"

# The export missing, unreadable (a directory: root reads any file),
# empty, or a header alone: nothing mailed.
run missing "$tmp/fakemail" "$tmp/nosuch.csv" "$tmp/reps.txt"
[ "$st" -eq 1 ] || fail "missing: exit $st, want 1"
err_is missing "weekly-calls.sh: $tmp/nosuch.csv: no such export"
mkdir "$tmp/dir.csv"
run unreadable "$tmp/fakemail" "$tmp/dir.csv" "$tmp/reps.txt"
[ "$st" -eq 1 ] || fail "unreadable: exit $st, want 1"
err_is unreadable "weekly-calls.sh: $tmp/dir.csv: cannot read the export"
: >"$tmp/empty.csv"
run empty "$tmp/fakemail" "$tmp/empty.csv" "$tmp/reps.txt"
[ "$st" -eq 1 ] || fail "empty: exit $st, want 1"
err_is empty "weekly-calls.sh: $tmp/empty.csv: the export is empty"
head -1 "$FIX/touchplan/team.csv" >"$tmp/header.csv"
run header "$tmp/fakemail" "$tmp/header.csv" "$tmp/reps.txt"
[ "$st" -eq 1 ] || fail "header: exit $st, want 1"
err_is header "weekly-calls.sh: $tmp/header.csv: the export has no accounts"
for n in missing unreadable empty header; do
	[ "$(mails $n)" -eq 0 ] || fail "$n: mailed anyway"
done

# A stale export: the newest past date months before today. A next
# contact in the future does not make it fresh.
{
	echo 'id,account,owner,grade,last_contact,next_contact'
	echo 'T01,Harbor Foods,Ana Silva,A,2026-09-17,2027-01-10'
	echo 'T04,Ridge Outfitters,Ben Okafor,A,2026-09-10,'
} >"$tmp/stale.csv"
run stale "$tmp/fakemail" "$tmp/stale.csv" "$tmp/reps.txt"
[ "$st" -eq 1 ] || fail "stale: exit $st, want 1"
err_is stale "weekly-calls.sh: $tmp/stale.csv: the newest past last_contact is 2026-09-17, 95 days before today: stale export?
weekly-calls.sh: not mailing plans from a stale export"
[ "$(mails stale)" -eq 0 ] || fail "stale: mailed anyway"
run notstale "$tmp/fakemail" "$tmp/stale.csv" "$tmp/reps.txt" STALE_DAYS=100
[ "$st" -eq 0 ] || { fail "STALE_DAYS=100: exit $st"; cat "$tmp/notstale.err"; }
[ "$(mails notstale)" -eq 2 ] || fail "STALE_DAYS=100: want 2 mails"
run badstale "$tmp/fakemail" "$tmp/stale.csv" "$tmp/reps.txt" STALE_DAYS=soon
[ "$st" -eq 2 ] || fail "STALE_DAYS=soon: exit $st, want 2"

# A mailer that fails: said for each mail, exit 1.
run broken "$tmp/brokenmail" "$FIX/touchplan/team.csv" "$tmp/reps.txt"
[ "$st" -eq 1 ] || fail "broken mailer: exit $st, want 1"
err_is broken "weekly-calls.sh: $tmp/brokenmail failed (exit 3) sending to ana@example.com
weekly-calls.sh: $tmp/brokenmail failed (exit 3) sending to ben@example.com"

[ "$fails" -eq 0 ] || { echo "touchplan_cron: $fails failed"; exit 1; }
exit 0
