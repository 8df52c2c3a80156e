#!/bin/sh
# weekly-calls.sh - mail every rep their plan for the coming week.
#
# usage: weekly-calls.sh ACCOUNTS.csv REPS.txt
#
# ACCOUNTS.csv  the CRM export; it is graded with grade(1) unless it
#               already has a grade column (GRADED=1 says so).
# REPS.txt      one rep a line: the mail address, a blank, the owner name
#               exactly as in the owner column ("ana@example.com Ana Silva");
#               blank lines and lines starting with # are skipped.
#
# Environment:
#   MAILER     how to send (default: mail). A command whose name ends in
#              "sendmail" gets a whole message on stdin and is run with -t;
#              anything else is run as: $MAILER -s SUBJECT ADDRESS < BODY.
#   TOUCHPLAN_OPTS  more options for touchplan (--holidays FILE, ...).
#   STALE_DAYS the export is stale when its newest past contact or order
#              date is more than this many days before today (default 60).
#   TODAY      pin the date (YYYY-MM-DD), e.g. for tests.
#   GRADED     1: ACCOUNTS.csv is graded already.
#
# It fails loudly, for cron mails what a job writes on stderr to its
# owner: a line on stderr and exit status 1 when the export is missing,
# unreadable or empty, when it looks stale (nobody gets a plan from it),
# when a rep in REPS.txt has no accounts in it, and when the mailer
# fails; the other reps still get their mail. A rep with nothing planned
# gets no mail. Exit status: 0, 1 as above, 2 for a usage error.
set -u
me=weekly-calls.sh
[ $# -eq 2 ] || { echo "usage: $me ACCOUNTS.csv REPS.txt" >&2; exit 2; }
accounts=$1
reps=$2
mailer=${MAILER:-mail}
stale=${STALE_DAYS:-60}
today=${TODAY:+--today $TODAY}
case $stale in ''|*[!0-9]*)
	echo "$me: STALE_DAYS wants a number of days, not '$stale'" >&2; exit 2 ;;
esac
fail() { echo "$me: $*" >&2; exit 1; }
# Each line of a file on stderr after "weekly-calls.sh: PREFIX: ".
say_each() { while IFS= read -r l; do echo "$me: $1: $l"; done <"$2" >&2; }

# The export: there, readable, and more than a header.
[ -e "$accounts" ] || fail "$accounts: no such export"
[ -f "$accounts" ] && [ -r "$accounts" ] || fail "$accounts: cannot read the export"
[ -s "$accounts" ] || fail "$accounts: the export is empty"
[ -r "$reps" ] || fail "$reps: cannot read the list of reps"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/weekly-calls.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' INT TERM
status=0

if [ "${GRADED:-0}" = 1 ]; then
	cp "$accounts" "$tmp/graded.csv" || fail "$accounts: cannot copy"
else
	# shellcheck disable=SC2086
	grade $today "$accounts" >"$tmp/graded.csv" || fail "$accounts: grade failed"
fi
[ "$(sed -n '$=' "$tmp/graded.csv")" -gt 1 ] ||
	fail "$accounts: the export has no accounts"

while read -r addr owner; do
	case $addr in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	touchplan --week --format agenda --owner "$owner" --stale-days "$stale" \
	    $today ${TOUCHPLAN_OPTS:-} "$tmp/graded.csv" >"$tmp/body" 2>"$tmp/err"
	rc=$?
	# An error stops this rep's mail; a stale export stops them all.
	if [ $rc -ne 0 ]; then
		say_each "$owner" "$tmp/err"
		status=1
		continue
	fi
	if grep -q 'stale export?' "$tmp/err"; then
		sed -n 's/^touchplan: warning: \(.*stale export?\)$/\1/p' \
		    "$tmp/err" >"$tmp/stale"
		say_each "$accounts" "$tmp/stale"
		fail "not mailing plans from a stale export"
	fi
	if grep -q "warning: no accounts for owner" "$tmp/err"; then
		echo "$me: $reps: $owner <$addr> has no accounts in $accounts" >&2
		status=1
		continue
	fi
	[ -s "$tmp/body" ] || continue
	# Other warnings (over capacity) go into the mail.
	if [ -s "$tmp/err" ]; then
		{ echo; sed 's/^touchplan: //' "$tmp/err"; } >>"$tmp/body"
	fi
	subject="Your contact plan: $(sed -n '1s/^[^:]*: //p' "$tmp/body")"
	case $mailer in
	*sendmail)
		{
			printf 'To: %s\nSubject: %s\n' "$addr" "$subject"
			printf 'Content-Type: text/plain; charset=UTF-8\n\n'
			cat "$tmp/body"
		} | $mailer -t
		;;
	*)
		$mailer -s "$subject" "$addr" <"$tmp/body"
		;;
	esac
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "$me: $mailer failed (exit $rc) sending to $addr" >&2
		status=1
	fi
done <"$reps"
exit $status
