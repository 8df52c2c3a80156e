#!/bin/sh
# --help and the man page list the same options in the same groups.
#
# For each tool, the OPTIONS section of man/<tool>.1 (.Ss headings, one
# .It per option) and the tool's --help (group headings ending in ':',
# one line per option) must give the same list of "Group: --option"
# lines, in the same order. Both come from one table in cmd/<tool>.c
# and one page: this is what keeps them from drifting apart.
set -u
BIN=$1
MAN=$(cd "$(dirname "$0")/../../man" && pwd)
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cghelp.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

from_man() {
	awk '
	/^\.Sh / { inopt = ($2 == "OPTIONS"); next }
	!inopt { next }
	/^\.Ss / { sub(/^\.Ss /, ""); group = $0; next }
	/^\.It Fl / {
		if (match($0, /Fl \\-[a-z][a-z\\-]*/)) {
			name = substr($0, RSTART + 5, RLENGTH - 5)
			gsub(/\\/, "", name)	# \- is a hyphen in mdoc
			print group ": --" name
		}
	}' "$1"
}

from_help() {
	awk '
	/^[A-Z][A-Za-z ]*:$/ { group = substr($0, 1, length($0) - 1); next }
	/^  (-[a-zA-Z], )?--[a-z]|^      --[a-z]/ {
		if (match($0, /--[a-z][a-z-]*/))
			print group ": " substr($0, RSTART, RLENGTH)
	}' "$1"
}

SRC=$(cd "$(dirname "$0")/../.." && pwd)
for tool in $(cd "$SRC/cmd" && ls *.c | sed 's/\.c$//'); do
	if ! "$BIN/$tool" --help >"$tmp/help" 2>"$tmp/err"; then
		echo "$tool --help failed"; cat "$tmp/err"; fail=1; continue
	fi
	[ -s "$tmp/err" ] && { echo "$tool --help wrote to stderr"; fail=1; }
	from_help "$tmp/help" >"$tmp/h"
	from_man "$MAN/$tool.1" >"$tmp/m"
	if [ ! -s "$tmp/h" ]; then
		echo "$tool: --help lists no options"; fail=1
	elif ! cmp -s "$tmp/m" "$tmp/h"; then
		echo "$tool: man page (-) and --help (+) differ:"
		diff -u "$tmp/m" "$tmp/h" | tail -n +3
		fail=1
	fi
	tail -1 "$tmp/help" | grep -qx "See $tool(1)." ||
	    { echo "$tool: --help does not end with 'See $tool(1).'"; fail=1; }
	head -1 "$tmp/help" | grep -q "^usage: $tool " ||
	    { echo "$tool: --help does not start with the usage line"; fail=1; }
done
exit $fail
