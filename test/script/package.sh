#!/bin/sh
# The Debian package: built from this tree by .ci/deb.sh (what `make deb`
# runs: dpkg-buildpackage, then lintian, whose errors fail it), unpacked
# into a scratch root with dpkg -x, and run from there: every tool's
# --version, the man pages, the completions, and the installed cron
# script and crontab on the shipped examples with a fake mailer.
# Skipped (77) when not root and dpkg-buildpackage, debhelper or a build
# dependency is missing; as root .ci/deb.sh installs them.
BIN=$1
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

lint=
if [ "$(id -u)" != 0 ]; then
	for c in dpkg-buildpackage dh dpkg-checkbuilddeps; do
		command -v $c >/dev/null 2>&1 || { echo "SKIP: no $c (not root)"; exit 77; }
	done
	(cd "$src" && dpkg-checkbuilddeps) >/dev/null 2>&1 ||
	    { echo "SKIP: build dependencies missing (not root): apt-get build-dep ./"; exit 77; }
	command -v lintian >/dev/null 2>&1 || { echo "note: no lintian, not run"; lint=-n; }
fi

# shellcheck disable=SC2086
deb=$(sh "$src/.ci/deb.sh" $lint "$tmp/deb" 2>"$tmp/deb.err") ||
    { rc=$?; cat "$tmp/deb.err"; fail "deb.sh exit $rc"; }
# lintian's warnings, for whoever reads the log.
grep -v '^deb: ' "$tmp/deb.err"
[ -f "$deb" ] || fail "no .deb: '$deb'"
case $deb in */clientgrade_0.1.0-1_*.deb) ;; *) fail "package name $deb" ;; esac
root=$tmp/root
dpkg -x "$deb" "$root" || fail "dpkg -x"

# Every tool (cmd/TOOL.c) is in /usr/bin, runs, and is the version built.
for f in "$src"/cmd/*.c; do
	t=$(basename "$f" .c)
	[ -x "$root/usr/bin/$t" ] || fail "no /usr/bin/$t"
	got=$("$root/usr/bin/$t" --version) || fail "$t --version: exit $?"
	want=$("$BIN/$t" --version)
	[ "$got" = "$want" ] || fail "/usr/bin/$t --version: '$got', want '$want'"
	[ -f "$root/usr/share/man/man1/$t.1.gz" ] || fail "no man1/$t.1.gz"
	[ -f "$root/usr/share/zsh/vendor-completions/_$t" ] || fail "no zsh _$t"
	# bash-completion loads completions/TOOL on the first Tab after TOOL.
	c=$root/usr/share/bash-completion/completions/$t
	[ -e "$c" ] || fail "no bash completions/$t"
	got=$(bash -c '. "$1" && complete -p "$2"' bash "$c" "$t" 2>&1)
	[ "$got" = "complete -F _clientgrade $t" ] || fail "completions/$t: $got"
done
[ "$("$root/usr/bin/grade" --version)" = "grade (clientgrade) 0.1.0" ] ||
    fail "grade --version: $("$root/usr/bin/grade" --version)"
[ -f "$root/usr/share/man/man7/clientgrade.7.gz" ] || fail "no man7/clientgrade.7.gz"
if command -v man >/dev/null 2>&1; then
	got=$(MANPATH=$root/usr/share/man man -w grade 2>&1)
	[ "$got" = "$root/usr/share/man/man1/grade.1.gz" ] || fail "man -w grade: $got"
fi

# The examples, and the cron script where minimal images keep it.
ex=$root/usr/share/doc/clientgrade/examples
for f in accounts.csv deals.csv leads.csv clientgrade.ini cron/reps.txt \
    cron/crontab cron/weekly-calls.sh; do
	[ -f "$ex/$f" ] || fail "no examples/$f"
done
cron=$root/usr/share/clientgrade
[ -x "$cron/weekly-calls.sh" ] || fail "no executable /usr/share/clientgrade/weekly-calls.sh"
cmp -s "$cron/weekly-calls.sh" "$src/examples/cron/weekly-calls.sh" ||
    fail "the installed weekly-calls.sh is not examples/cron/weekly-calls.sh"
for f in "$cron/crontab" "$ex/cron/crontab"; do
	grep -q '^[^#].* sh /usr/share/clientgrade/weekly-calls.sh ' "$f" ||
	    fail "$f does not run /usr/share/clientgrade/weekly-calls.sh"
	grep -q /usr/local "$f" && fail "$f names /usr/local"
done

# A mail(1) that records each call in a file of its own.
mkdir "$tmp/fake" "$tmp/spool"
cat >"$tmp/fake/mail" <<'EOF'
#!/bin/sh
n=$(ls "$SPOOL" | wc -l)
{ printf 'argv:'; for a in "$@"; do printf ' [%s]' "$a"; done; echo; cat; } \
    >"$SPOOL/$n"
EOF
chmod +x "$tmp/fake/mail"
PATH=$tmp/fake:$root/usr/bin:$PATH
export PATH

# The installed script on the shipped examples (grading them first).
# 2026-12-07 is a Monday: the week 12-07..12-13.
SPOOL=$tmp/spool MAILER=mail TODAY=2026-12-07 \
    sh "$cron/weekly-calls.sh" "$ex/accounts.csv" "$ex/cron/reps.txt" \
    2>"$tmp/err" || { rc=$?; cat "$tmp/err"; fail "weekly-calls.sh exit $rc"; }
[ "$(ls "$tmp/spool" | wc -l)" -eq 3 ] || fail "want 3 mails: $(ls "$tmp/spool")"
grade --today 2026-12-07 "$ex/accounts.csv" >"$tmp/graded.csv" 2>/dev/null ||
    fail "grade"
n=0
while read -r addr owner; do
	case $addr in '' | '#'*) continue ;; esac
	touchplan --week --format agenda --owner "$owner" --today 2026-12-07 \
	    "$tmp/graded.csv" >"$tmp/plan" 2>"$tmp/said" || fail "touchplan $owner"
	# What touchplan said (the plan's notes and warnings) follows the
	# plan, after an empty line.
	{
		printf 'argv: [-s] [Your contact plan: %s] [%s]\n' \
		    "$(sed -n '1s/^[^:]*: //p' "$tmp/plan")" "$addr"
		cat "$tmp/plan"
		[ -s "$tmp/said" ] && { echo; sed 's/^touchplan: //' "$tmp/said"; }
	} >"$tmp/want"
	cmp -s "$tmp/spool/$n" "$tmp/want" ||
	    { diff "$tmp/want" "$tmp/spool/$n"; fail "$owner's mail"; }
	n=$((n + 1))
done <"$ex/cron/reps.txt"
[ $n -eq 3 ] || fail "reps.txt has $n reps, want 3"

# The installed crontab's own command, in a scratch CRM directory: its
# paths moved into the scratch root, its mail(1) the fake one.
mkdir "$tmp/crm" "$tmp/spool2"
cp "$ex/accounts.csv" "$ex/cron/reps.txt" "$tmp/crm/"
: >"$tmp/crm/holidays.txt"
line=$(grep '^[0-9]' "$cron/crontab" | head -1)
cmd=$(printf '%s\n' "$line" | sed -e 's/^\([^ ]* *\)\{5\}//' \
    -e "s|/srv/crm|$tmp/crm|" -e "s|/usr/share/clientgrade/|$cron/|")
[ -n "$cmd" ] || fail "no command in the crontab: $line"
SPOOL=$tmp/spool2 TODAY=2026-12-07 sh -c "$cmd" 2>"$tmp/err" ||
    { rc=$?; cat "$tmp/err"; fail "the crontab's command: exit $rc: $cmd"; }
[ "$(ls "$tmp/spool2" | wc -l)" -eq 3 ] || fail "crontab: want 3 mails"
cmp -s "$tmp/spool/0" "$tmp/spool2/0" || fail "crontab: ana's mail differs"
exit 0
