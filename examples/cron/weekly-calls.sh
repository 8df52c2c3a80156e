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
#   TODAY      pin the date (YYYY-MM-DD), e.g. for tests.
#   GRADED     1: ACCOUNTS.csv is graded already.
# A rep with nothing planned gets no mail. Exit status: 0, or 1 if any
# step failed (the other reps still get their mail).
set -u
[ $# -eq 2 ] || { echo "usage: weekly-calls.sh ACCOUNTS.csv REPS.txt" >&2; exit 2; }
accounts=$1
reps=$2
mailer=${MAILER:-mail}
today=${TODAY:+--today $TODAY}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/weekly-calls.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

if [ "${GRADED:-0}" = 1 ]; then
	cp "$accounts" "$tmp/graded.csv" || exit 2
else
	# shellcheck disable=SC2086
	grade $today "$accounts" >"$tmp/graded.csv" || exit 1
fi

while read -r addr owner; do
	case $addr in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	touchplan --week --format agenda --owner "$owner" $today \
	    ${TOUCHPLAN_OPTS:-} "$tmp/graded.csv" >"$tmp/body" 2>"$tmp/err"
	rc=$?
	# A warning (over capacity) goes into the mail; an error stops it.
	if [ $rc -ne 0 ]; then
		cat "$tmp/err" >&2
		status=1
		continue
	fi
	[ -s "$tmp/body" ] || continue
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
		} | $mailer -t || status=1
		;;
	*)
		$mailer -s "$subject" "$addr" <"$tmp/body" || status=1
		;;
	esac
done <"$reps"
exit $status
