#!/bin/sh
# Run one CLI test case and compare exactly.
#
# A case is a directory test/cli/<tool>/<case>/ holding:
#   cmd      a shell command line (run by sh in a fresh temporary directory,
#            with the built tools first on PATH, $FIX = test/fixtures,
#            $CASE = the case directory)
#   out      expected stdout (absent: must be empty)
#   err      expected stderr (absent: must be empty)
#   status   expected exit status (absent: 0)
#   files    optional list "NAME EXPECTED" lines: file NAME written by the
#            command must equal $CASE/EXPECTED byte for byte
# With UPDATE=1 the expected files are (re)written from what ran: review
# them before committing, a test must be able to fail.
set -u
CASE=$1
BIN=$2
FIX=$3
export CASE FIX
work=$(mktemp -d "${TMPDIR:-/tmp}/cgcase.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
unset CLIENTGRADE_CONFIG
XDG_CONFIG_HOME=$work/xdg HOME=$work TZ=UTC LC_ALL=C PATH=$BIN:$PATH
export XDG_CONFIG_HOME HOME TZ LC_ALL PATH
(cd "$work" && sh "$CASE/cmd" >"$work/.out" 2>"$work/.err" </dev/null)
st=$?
fail=0
want_st=0
[ -f "$CASE/status" ] && want_st=$(cat "$CASE/status")
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$work/.out" "$CASE/out"; [ -s "$CASE/out" ] || rm -f "$CASE/out"
	cp "$work/.err" "$CASE/err"; [ -s "$CASE/err" ] || rm -f "$CASE/err"
	if [ "$st" != 0 ]; then echo "$st" >"$CASE/status"; else rm -f "$CASE/status"; fi
	if [ -f "$CASE/files" ]; then
		while read -r name exp; do
			[ -n "$name" ] && cp "$work/$name" "$CASE/$exp"
		done <"$CASE/files"
	fi
	echo "updated $CASE"
	exit 0
fi
cmpf() { # actual expected label
	if [ -f "$2" ]; then
		if ! cmp -s "$1" "$2"; then
			echo "--- $3 differs:"; diff -u "$2" "$1" | head -40; fail=1
		fi
	elif [ -s "$1" ]; then
		echo "--- unexpected $3:"; head -20 "$1"; fail=1
	fi
}
cmpf "$work/.out" "$CASE/out" stdout
cmpf "$work/.err" "$CASE/err" stderr
if [ "$st" != "$want_st" ]; then
	echo "--- exit status $st, want $want_st"; fail=1
fi
if [ -f "$CASE/files" ]; then
	while read -r name exp; do
		[ -n "$name" ] || continue
		if [ ! -f "$work/$name" ]; then
			echo "--- file $name was not written"; fail=1
		elif ! cmp -s "$work/$name" "$CASE/$exp"; then
			echo "--- file $name differs:"; diff -u "$CASE/$exp" "$work/$name" | head -40; fail=1
		fi
	done <"$CASE/files"
fi
exit $fail
