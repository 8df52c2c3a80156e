#!/bin/sh
# Build the Debian package from this tree and check it with lintian.
#   .ci/deb.sh [-n] [OUTDIR]     (default OUTDIR: build-deb)
# dpkg-buildpackage writes its results next to the source tree, so the
# tree is copied to OUTDIR/src and OUTDIR gets clientgrade_VERSION_ARCH.deb
# (with the -dbgsym .deb, .buildinfo, .changes, build.log, lintian.log):
# nothing is written outside OUTDIR. The copy holds the files git knows or
# would add (uncommitted changes included, ignored build directories left
# out), or the whole tree less build* when there is no git.
# As root it first installs what is missing with apt-get: dpkg-dev,
# debhelper, lintian and the Build-Depends of debian/control (apt-get
# build-dep). Otherwise it names what is missing and exits 2.
# -n: no lintian. Exit status: 0 built (and lintian found no error), 1 the
# build or lintian failed, 2 something to build with is missing.
set -u
lint=1
if [ "${1:-}" = -n ]; then
	lint=0
	shift
fi
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build-deb}
mkdir -p "$out" && out=$(cd "$out" && pwd) || exit 2
case $out in
"$top" | / | "$top"/src | "$top"/debian*)
	echo "deb: $out: not a place to build in" >&2
	exit 2
	;;
esac

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=""
for p in dpkg-dev debhelper; do
	have_pkg "$p" || need="$need $p"
done
[ $lint = 1 ] && ! have_pkg lintian && need="$need lintian"
builddeps=ok
command -v dpkg-checkbuilddeps >/dev/null 2>&1 &&
    (cd "$top" && dpkg-checkbuilddeps >/dev/null 2>&1) || builddeps=missing

if [ -n "$need" ] || [ $builddeps = missing ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "deb: missing Debian packages:$need${need:+ and }the build dependencies of debian/control" >&2
		echo "deb: run: sudo apt-get install$need && sudo apt-get build-dep ./" >&2
		exit 2
	fi
	echo "deb: installing$need and the build dependencies" >&2
	export DEBIAN_FRONTEND=noninteractive
	inst() {
		# shellcheck disable=SC2086
		{ [ -z "$need" ] || apt-get install -y -qq --no-install-recommends $need; } &&
		    (cd "$top" && apt-get build-dep -y -qq --no-install-recommends ./)
	}
	# A fresh image has no package lists yet: fetch them, once, if needed.
	inst >/dev/null 2>&1 || { apt-get update -qq && inst >/dev/null; } || {
		echo "deb: apt-get could not install$need or the build dependencies" >&2
		exit 2
	}
fi

# A fresh copy, so that nothing of an earlier build (or of the tree's own
# build directories) goes into the package.
rm -rf "$out/src" "$out"/clientgrade_* "$out"/clientgrade-dbgsym_*
mkdir "$out/src" || exit 2
if (cd "$top" && git rev-parse --is-inside-work-tree) >/dev/null 2>&1; then
	# git lists files deleted but not yet committed: leave those out.
	(cd "$top" && git ls-files -co --exclude-standard |
	    while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
	    tar -cf - -T -) | tar -xf - -C "$out/src"
else
	(cd "$top" && tar -cf - --exclude='./build*' --exclude=./.git .) |
	    tar -xf - -C "$out/src"
fi || { echo "deb: could not copy the tree to $out/src" >&2; exit 2; }

jobs=$(nproc 2>/dev/null || echo 2)
echo "deb: dpkg-buildpackage -us -uc -b in $out/src (log: $out/build.log)" >&2
(cd "$out/src" && DEB_BUILD_OPTIONS="nocheck parallel=$jobs" \
    dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1 || {
	tail -n 30 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed; the whole log: $out/build.log" >&2
	exit 1
}
deb=$(ls "$out"/clientgrade_*.deb)
if [ $lint = 1 ]; then
	echo "deb: lintian $deb" >&2
	# Errors fail the build; warnings are shown (and kept in lintian.log).
	lintian --fail-on error "$deb" >"$out/lintian.log" 2>&1
	rc=$?
	grep -v 'running with root privileges' "$out/lintian.log" >&2
	[ $rc = 0 ] || { echo "deb: lintian found errors" >&2; exit 1; }
fi
echo "$deb"
