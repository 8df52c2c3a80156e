#!/bin/sh
# harden_valgrind.sh BIN_DIR FIXTURES_DIR - the CLI test cases of every
# tool (test/cli/<tool>/<case>) run again with each tool under valgrind
# memcheck: no invalid access, no uninitialised value used, no definite
# or indirect leak, on good input and on every error path the cases
# cover. The exit status must still be the case's own.
#
# HARDEN_VALGRIND_CASES=N runs at most N cases per tool (default 12,
# spread over the alphabet of case names; 0 = all).
set -u
BIN=$(cd "$1" && pwd)
FIX=$(cd "$2" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
MAX=${HARDEN_VALGRIND_CASES:-12}
command -v valgrind >/dev/null 2>&1 || { echo "no valgrind: skip"; exit 77; }
if grep -q AddressSanitizer "$BIN/grade" 2>/dev/null; then
	echo "sanitizer build: skip (valgrind cannot run it)"
	exit 77
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/harden_valgrind.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM

# Wrappers with the tools' names, first on PATH: each run of a tool
# leaves a log, empty unless memcheck found something.
mkdir "$T/wrap" "$T/logs"
for tool in "$BIN"/*; do
	[ -x "$tool" ] || continue
	name=$(basename "$tool")
	cat >"$T/wrap/$name" <<EOF
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \\
    --log-file="$T/logs/$name.%p" "$BIN/$name" "\$@"
EOF
	chmod +x "$T/wrap/$name"
done

# Open bugs, reported with reproducers: TOOL/CASE. Their findings print
# as KNOWN and do not fail the test; delete a line when it is fixed.
KNOWN='
'
fails=0 runs=0 known=0
for tooldir in "$SRC"/test/cli/*/; do
	tool=$(basename "$tooldir")
	[ -x "$BIN/$tool" ] || continue	# core cases run several tools
	total=$(ls -d "$tooldir"*/ | wc -l)
	step=1
	if [ "$MAX" -gt 0 ] && [ "$total" -gt "$MAX" ]; then
		step=$(( (total + MAX - 1) / MAX ))
	fi
	i=0
	for casedir in "$tooldir"*/; do
		i=$((i + 1))
		[ $(( (i - 1) % step )) = 0 ] || continue
		[ -f "$casedir/cmd" ] || continue
		case=$(basename "$casedir")
		want=0
		[ -f "$casedir/status" ] && want=$(cat "$casedir/status")
		rm -f "$T"/logs/*
		mkdir "$T/run"
		# The environment test/cli/runcase.sh gives a case.
		(cd "$T/run" && FIX=$FIX CASE=${casedir%/} \
		    XDG_CONFIG_HOME=$T/run/xdg HOME=$T/run TZ=UTC LC_ALL=C \
		    PATH="$T/wrap:$BIN:$PATH" \
		    sh "$casedir/cmd" >/dev/null 2>"$T/err" </dev/null)
		rc=$?
		rm -rf "$T/run"
		runs=$((runs + 1))
		bad=FAIL
		case "$KNOWN" in *"
$tool/$case
"*) bad=KNOWN ;; esac
		for log in "$T"/logs/*; do
			[ -s "$log" ] || continue
			echo "$bad: $tool/$case: memcheck:"
			sed 's/^/  | /' "$log" | head -n 40
			[ $bad = KNOWN ] && known=$((known + 1)) ||
			    fails=$((fails + 1))
		done
		if [ "$rc" = 99 ] || [ "$rc" != "$want" ]; then
			echo "$bad: $tool/$case: exit $rc, want $want"
			sed 's/^/  | /' "$T/err" | head -n 5
			[ $bad = KNOWN ] && known=$((known + 1)) ||
			    fails=$((fails + 1))
		fi
	done
done
if [ "$fails" != 0 ]; then
	echo "$fails failure(s) in $runs cases"
	exit 1
fi
echo "$runs cases clean under memcheck ($known known finding(s), reported)"
exit 0
