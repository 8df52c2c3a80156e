#!/bin/sh
# The README shows what the tools really print.
#
# Every command in README.md's indented examples that starts with "$ "
# is run from a scratch directory that holds the project's examples/
# (as the README's paths expect) and an empty build/, with the built
# tools first on PATH; what it prints (stdout and stderr, in order) must
# be what the README shows under it, line for line:
#   - a command continues on the next line after a trailing backslash,
#     or on lines that begin with more blanks than its "$ " and a "|";
#   - its output is the indented lines that follow (blank lines within
#     them included), up to the end of the block or the next "$ ";
#   - "..." inside a line matches anything (columns cut for the page); a
#     line that is only "..." ends the comparison (the rest is not shown);
#   - a command whose first word is not installed (mlr) is skipped, said
#     on stderr; nothing else is.
# So a README that drifts from the tools fails `make check`.
# Also: the README names no file outside the project.
set -u
BIN=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
README=$TOP/README.md
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cgreadme.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
PATH=$BIN:$PATH TZ=UTC LC_ALL=C HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config
export PATH TZ LC_ALL HOME XDG_CONFIG_HOME
unset CLIENTGRADE_CONFIG

# Split the README into case files: $tmp/cases/N.cmd and N.want.
mkdir -p "$tmp/cases" "$tmp/home"
awk -v dir="$tmp/cases" '
function flush() {
	if (n > 0) { close(dir "/" n ".cmd"); close(dir "/" n ".want") }
}
/^```/ { fence = !fence; next }
fence { next }
{
	line = $0
	if (incmd) {
		# A continuation of the command being read?
		if (prev ~ /\\$/ || (line ~ /^ +\|/ && match(line, /^ +/) && RLENGTH > ind)) {
			print line >> (dir "/" n ".cmd"); prev = line; next
		}
		incmd = 0
	}
	if (match(line, /^    +\$ /)) {
		flush(); n++
		ind = RLENGTH - 2
		sub(/^ +\$ /, "", line)
		print line > (dir "/" n ".cmd")
		printf "" > (dir "/" n ".want")
		blanks = 0
		incmd = 1; inout = 1; prev = line; next
	}
	if (inout && line ~ /^    / ) {
		sub(/^    /, "", line)
		for (; blanks > 0; blanks--)
			print "" >> (dir "/" n ".want")
		print line >> (dir "/" n ".want"); next
	}
	# A blank line inside the output: kept if the block goes on.
	if (inout && line == "") { blanks++; next }
	inout = 0; blanks = 0
}
END { flush() }' "$README"

# $1 = wanted lines, $2 = what ran: 0 if they match (see the top).
match_lines() {
	awk -v gotf="$2" '
	function glob(pat, s,   parts, k, i, p, pos) {
		k = split(pat, parts, /\.\.\./)
		if (k == 1) return pat == s
		if (index(s, parts[1]) != 1) return 0
		pos = length(parts[1]) + 1
		for (i = 2; i < k; i++) {
			p = index(substr(s, pos), parts[i])
			if (p == 0) return 0
			pos += p - 1 + length(parts[i])
		}
		return length(parts[k]) == 0 || (length(s) - pos + 1 >= length(parts[k]) && \
		    substr(s, length(s) - length(parts[k]) + 1) == parts[k])
	}
	{
		if ($0 == "...") { open = 1; exit }
		if ((getline got < gotf) <= 0) { bad = "missing: " $0; exit }
		if (!glob($0, got)) { bad = "want: " $0 "\n   got: " got; exit }
	}
	END {
		if (bad != "") { print "   " bad; exit 1 }
		if (!open && (getline got < gotf) > 0) { print "   extra: " got; exit 1 }
	}' "$1"
}

mkdir -p "$tmp/run"
cp -R "$TOP/examples" "$tmp/run/examples"
mkdir -p "$tmp/run/build"
ran=0
for cmd in "$tmp"/cases/*.cmd; do
	[ -f "$cmd" ] || continue
	want=${cmd%.cmd}.want
	first=$(sed -n '1s/^\([^ ]*\).*/\1/p' "$cmd")
	if ! command -v "$first" >/dev/null 2>&1; then
		echo "readme: skipped (no $first): $(head -n 1 "$cmd")" >&2
		continue
	fi
	(cd "$tmp/run" && sh "$cmd" >"$tmp/got" 2>&1 </dev/null)
	ran=$((ran + 1))
	if ! out=$(match_lines "$want" "$tmp/got"); then
		echo "FAIL: README: \$ $(head -n 1 "$cmd")"
		echo "$out"
		fail=1
	fi
done
[ "$ran" -ge 10 ] || { echo "FAIL: README: only $ran commands found"; fail=1; }

if grep -n '\.\./shared\|/work/' "$README"; then
	echo "FAIL: README names files outside the project"
	fail=1
fi
exit $fail
