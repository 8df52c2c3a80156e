#!/bin/sh
# completions/: bash completion checked by calling it as bash would
# (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT) and comparing COMPREPLY
# exactly; every option in every tool's --help offered by the bash and
# the zsh completion, and nothing more (so they cannot drift); the zsh
# files parse, register with compinit and read headers as bash does.
# Needs bash (exit 77 without it); the zsh part is skipped without zsh.
[ -n "${BASH_VERSION:-}" ] || {
	command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash"; exit 77; }
	exec bash "$0" "$@"
}
BIN=$(cd "$1" && pwd) || exit 2
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../..
comp=$src/completions
# Every tool: one cmd/TOOL.c each.
tools=$(for f in "$src"/cmd/*.c; do basename "$f" .c; done | sort | tr '\n' ' ')
tools=${tools% }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# shellcheck source=../../completions/clientgrade.bash
. "$comp/clientgrade.bash" || { echo "FAIL: sourcing clientgrade.bash"; exit 1; }

for t in $tools; do
	got=$(complete -p "$t" 2>&1)
	[ "$got" = "complete -F _clientgrade $t" ] ||
	    fail "complete -p $t: $got"
done
got=$(complete -p | sed -n 's/^complete -F _clientgrade //p' | sort | tr '\n' ' ')
[ "$got" = "$tools " ] ||
    fail "clientgrade.bash completes '$got', the tools are '$tools'"
got=$(cd "$comp" && for f in _*; do case $f in _clientgrade*) ;; *) printf '%s ' "$f" ;; esac; done)
[ "$got" = "$(printf '_%s ' $tools)" ] ||
    fail "zsh files '$got', the tools are '$tools'"

# Headers to read column names from (cwd is $tmp, so file names are short).
cd "$tmp" || exit 2
printf '\357\273\277id;"Account Name";"Sales, Rep";volume\r\n1;a;b;2\r\n' >semi.csv
printf 'id\taccount\tvolume|x\n1\t2\t3\n' >tab.tsv
printf 'sep=|\nid|account,name\n' >sep.txt
printf 'a,b;c\n1,2\n' >tie.csv
printf '"say ""hi""",x\n' >quote.csv
printf 'id,Stra\337e\n' >cp1252.csv
printf 'id,Stra\303\237e\n' | iconv -f UTF-8 -t UTF-16 >utf16.csv
printf 'deal_id,deal_stage,close_value\n' >deals.csv
mkdir dir

# split LINE: set COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT as bash
# does for LINE with the cursor at '^' (or at the end): words split at
# blanks, and COMP_WORDBREAKS characters (= : <) made words of their own.
split() {
	local line=${1/^/} point i c cur='' inq='' w=() cw=''
	point=${1%%^*}
	point=${#point}
	for ((i = 0; i <= ${#line}; i++)); do
		((i == point)) && cw=${#w[@]}
		((i == ${#line})) && break
		c=${line:i:1}
		if [ -n "$inq" ]; then
			cur+=$c
			[ "$c" = "$inq" ] && inq=
			continue
		fi
		case $c in
		[\'\"]) inq=$c; cur+=$c ;;
		' ') [ -n "$cur" ] && w+=("$cur"); cur= ;;
		\\) cur+=$c${line:i+1:1}; ((i++)) ;;
		[=:\<])
			if [[ $COMP_WORDBREAKS == *"$c"* ]]; then
				[ -n "$cur" ] && w+=("$cur")
				w+=("$c")
				cur=
				((i + 1 == point)) && cw=$((${#w[@]} - 1))
			else
				cur+=$c
			fi
			;;
		*) cur+=$c ;;
		esac
		((i + 1 == point)) && cw=${#w[@]}
	done
	[ -n "$cur" ] && w+=("$cur")
	# The cursor after a blank: a new, empty word.
	((cw >= ${#w[@]})) && w+=("")
	[[ ${line:point-1:1} == ' ' && -n ${w[cw]} ]] && w=("${w[@]:0:cw}" "" "${w[@]:cw}")
	COMP_WORDS=("${w[@]}")
	COMP_CWORD=$cw
	COMP_LINE=$line
	COMP_POINT=$point
}

# check NAME LINE WORD...: completing LINE offers exactly WORD..., in order.
check() {
	local name=$1 line=$2 want got
	shift 2
	split "$line"
	COMPREPLY=()
	_clientgrade "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" \
	    "${COMP_WORDS[COMP_CWORD - 1]}" 2>"$tmp/err"
	want=$(printf '[%s] ' "$@")
	got=$(printf '[%s] ' "${COMPREPLY[@]}")
	[ "$got" = "$want" ] || fail "$name: '$line': got $got, want $want"
	[ -s "$tmp/err" ] && fail "$name: stderr: $(cat "$tmp/err")"
}

check "a long option completes from its start" "grade --me" --method
check "short and long options both match -s" "grade --s" \
    --scale --summary --summary=
check "prune's -s is a flag, grade's takes a scale" "prune -s^" -s
check "--method offers the four methods" "grade --method " score abc rfm rules
check "-m is --method" "grade -m r" rfm rules
check "--method=VALUE completes after the =" "grade --method=r" rfm rules
check "--scale offers the named scales" "grade --scale " abc aaa abcd
check "--format offers csv, ics, agenda" "touchplan --format " csv ics agenda
check "profile's -f offers csv and text" "profile -f " csv text
check "--summary= is not prune's" "prune --summary="
check "--dates offers every order" "prune --dates " us eu iso serial auto
check "--summary= offers csv and text" "quadrant --summary=" csv text
check "--summary and a blank: the next word is a file" "grade --summary sem" semi.csv
check "--by" "touchplan --by q" quadrant
check "--potential" "quadrant --potential " column headroom
check "--decimal" "rollup --decimal c" comma
check "--delimiter names the delimiters" "grade --delimiter " comma semicolon tab pipe
check "--rules completes the last item" "prune --rules stale,no" stale,noreply
check "--rules leaves out the rules given" "prune --rules fit,stale," \
    fit,stale,noreply fit,stale,dupes
check "--dupe-keys" "prune --dupe-keys e" email
check "--cut completes the axis after a comma" "quadrant --cut engagement=5,p" 5,potential=
check "--weight offers factors" "grade -w vol" volume=
check "--col offers roles" "grade --col vo" volume=
check "--col ROLE= offers the operand's columns" "grade semi.csv --col volume=" \
    id 'Account\ Name' 'Sales\,\ Rep' volume
check "--col ROLE= with the file after the cursor" "grade --col volume=v^ semi.csv" volume
check "--col ROLE= with the file after <" "grade < tab.tsv --col account=" \
    id account 'volume\|x'
check "--col=ROLE= too" "grade --col=volume=A^ semi.csv" 'Account\ Name'
check "--where offers COL=" "rollup --where deal^ deals.csv" deal_id= deal_stage=
check "--where's value is not completed" "rollup --where deal_stage=W^ deals.csv"
check "--key, --value, --date and --distinct name columns" \
    "rollup deals.csv --value c" close_value
check "--accounts-key reads the --accounts file" \
    "rollup deals.csv --accounts tab.tsv --accounts-key a" account
check "--require and --min offer COL=" "prune --min vol^ semi.csv" volume=
check "--group names a column" "grade --summary --group v^ semi.csv" volume
check "-g names a column" "profile -g v^ semi.csv" volume
check "--plot is a file" "grade --plot se" semi.csv sep.txt
check "--keep: tab beats pipe" "touchplan tab.tsv --keep " id account 'volume\|x'
check "--keep: a sep= line names the delimiter" "touchplan sep.txt --keep " id account,name
check "--keep: a tie goes to the comma" "touchplan tie.csv --keep " a 'b\;c'
check "--keep: --delimiter overrides the sniff" \
    "touchplan --delimiter semicolon tie.csv --keep " a,b c
check "--keep: doubled quotes are one" "touchplan quote.csv --keep s" 'say\ \"hi\"'
check "--keep: a UTF-16 file is converted" "touchplan utf16.csv --keep S" Straße
check "--keep: --encoding converts" "touchplan --encoding cp1252 cp1252.csv --keep S" Straße
check "an option's argument is not the operand" "grade --config semi.csv --col volume="
check "no operand, no column names" "grade --col volume="
check "an operand that does not exist is passed over" \
    "grade nosuch.csv tie.csv --col volume=" a 'b\;c'
check "after -- an option is an operand" "grade -- --me"
check "operands are files" "grade ut" utf16.csv
check "--config is a file" "grade --config=ti" tie.csv
check "--today offers nothing" "grade --today "
COMP_WORDBREAKS=$' \t\n"\'><;|&(' \
    check "without = in COMP_WORDBREAKS the whole word comes back" \
    "grade semi.csv --col volume=v" volume=volume

# Every option of every tool's --help, and no other, in the completion.
for t in $tools; do
	[ -x "$BIN/$t" ] || { fail "no $BIN/$t"; continue; }
	"$BIN/$t" --help >"$tmp/help" 2>&1 || { fail "$t --help: exit $?"; continue; }
	# "  -m, --method method  ..." or "      --summary[=csv|text]  ...":
	# the options, and whether they take an argument ("arg", one word
	# after the option), an optional one ("opt", [=...]) or none ("flag").
	sed -n -e 's/^  \(-[A-Za-z0-9], \)\{0,1\}\(--[a-z0-9-]*\)\(.*\)/\1\2\3/p' \
	    -e 's/^      \(--[a-z0-9-]*\)\(.*\)/\1\2/p' "$tmp/help" |
	    sed 's/, / /' | awk '{
		k = "flag"
		if ($0 ~ /^(-[A-Za-z0-9] )?--[a-z0-9-]*\[=/) k = "opt"
		else if ($0 ~ /^(-[A-Za-z0-9] )?--[a-z0-9-]* [^ ]/) k = "arg"
		for (i = 1; i <= NF && $i ~ /^-/; i++) {
			o = $i; sub(/\[.*/, "", o); print k, o
		}
	    }' | sort >"$tmp/kinds"
	cut -d' ' -f2 "$tmp/kinds" >"$tmp/want"
	[ -s "$tmp/want" ] || { fail "$t --help lists no options"; continue; }
	grep -q -x -- --version "$tmp/want" || fail "$t --help: no --version, so not parsed"
	_clientgrade_options "$t" | sort >"$tmp/bash"
	diff "$tmp/kinds" "$tmp/bash" >"$tmp/diff" ||
	    fail "$t: bash completion and --help differ (< --help, > completion): $(cat "$tmp/diff")"
	sort "$tmp/want" -o "$tmp/want"
	# Each option is offered when its first letters are typed.
	while read -r o; do
		split "$t ${o%?}"
		COMPREPLY=()
		_clientgrade "$t" "${COMP_WORDS[COMP_CWORD]}" ""
		case " ${COMPREPLY[*]} " in
		*" $o "*) ;;
		*) fail "$t ${o%?}<Tab> does not offer $o" ;;
		esac
	done <"$tmp/want"
	# zsh: the options of the tool's block and of the common block, by
	# their specs: --opt=-[ optional argument, --opt= or -o+ argument,
	# --opt[ (or {-o,--opt}'[) none.
	awk -v t="$t" '
	    /^common=\(/ { on = 1 }
	    $0 ~ "^" t "\\)$" { on = 1 }
	    on { print }
	    on && (/^\)$/ || /^  ;;$/) { on = 0 }' "$comp/_clientgrade" |
	    grep -o -e "--\?[a-z][a-z0-9-]*\(=-\|[]+=[,}]\)" |
	    sed -e 's/^\(.*\)=-$/opt \1/' -e 's/^\(.*\)[+=]$/arg \1/' \
		-e 's/^\(-.*\)[],[}]$/flag \1/' | sort -u >"$tmp/zsh"
	diff "$tmp/kinds" "$tmp/zsh" >"$tmp/diff" ||
	    fail "$t: zsh completion and --help differ (< --help, > _clientgrade): $(cat "$tmp/diff")"
done

# The roles --col offers are the roles of clientgrade(7), in both shells.
roles=$(awk '/^\.Sh /{ on = ($0 == ".Sh COLUMN ROLES") }
    on && /^\.It Cm /{ print $3 }' "$src/man/clientgrade.7" | tr '\n' ' ')
[ -n "$roles" ] || fail "no roles in clientgrade(7)"
[ "$roles" = "$_clientgrade_roles " ] ||
    fail "bash roles '$_clientgrade_roles', clientgrade(7) has '$roles'"
got=$(sed -n '/^  roles=(/,/)$/p' "$comp/_clientgrade" |
    sed -e 's/^  roles=(//' -e 's/)$//' | tr -s ' \n' '  ' | sed 's/^ *//')
[ "$got" = "$roles" ] || fail "zsh roles '$got', clientgrade(7) has '$roles'"

# The header reader is the same program in both shells' files.
sed -n "/awk -v delim/,/^[[:space:]]*}'\$/p" "$comp/clientgrade.bash" |
    sed 's/^\t//' >"$tmp/awk.bash"
sed -n "/awk -v delim/,/^}'\$/p" "$comp/_clientgrade_header" >"$tmp/awk.zsh"
[ -s "$tmp/awk.bash" ] || fail "no awk program in clientgrade.bash"
cmp -s "$tmp/awk.bash" "$tmp/awk.zsh" ||
    fail "the header readers differ: $(diff "$tmp/awk.bash" "$tmp/awk.zsh")"

if command -v zsh >/dev/null 2>&1; then
	for f in "$comp"/_*; do
		zsh -n "$f" || fail "zsh -n $f"
	done
	for t in $tools; do
		head -1 "$comp/_$t" | grep -qx "#compdef $t" || fail "_$t: no #compdef $t"
	done
	got=$(zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit
	    compinit -u -D; shift; for t; do print -rn -- "$_comps[$t] "; done' \
	    zsh "$comp" $tools)
	[ "$got" = "$(printf '_%s ' $tools)" ] || fail "compinit registers: $got"
	for f in semi.csv tab.tsv sep.txt tie.csv quote.csv utf16.csv; do
		_clientgrade_header "$f" >"$tmp/hb"
		zsh -f -c 'fpath=("$1" $fpath); autoload -Uz _clientgrade_header
		    _clientgrade_header "$2"' zsh "$comp" "$f" >"$tmp/hz"
		cmp -s "$tmp/hb" "$tmp/hz" || fail "zsh reads $f's header otherwise"
	done
else
	echo "note: no zsh; its completion files were not checked"
fi
exit $failed
