#!/bin/sh
# Install what building and testing clientgrade needs, from Debian's
# packages. As root it runs apt-get; otherwise it prints the command to run
# and fails, so nobody wonders why the build cannot find csv.h.
#   .ci/deps.sh          build + test dependencies
#   .ci/deps.sh build    only what building needs
set -u
want=build
[ "${1:-}" = build ] || want=test

need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
add() { for p in "$@"; do have_pkg "$p" || need="$need $p"; done; }

add cmake make gcc libcsv-dev libinih-dev libical-dev pkg-config
if [ "$want" = test ]; then
	# cmocka: unit tests; python3-icalendar: the .ics check; librsvg2-bin
	# and libxml2-utils: the SVG check; clang (libFuzzer, sanitizers) and
	# valgrind: hardening; time: peak memory figures.
	add libcmocka-dev python3 python3-icalendar librsvg2-bin \
	    libxml2-utils clang valgrind time
fi
[ -z "$need" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null ||
	    { echo "deps: apt-get install$need failed" >&2; exit 2; }
else
	echo "deps: missing Debian packages:$need" >&2
	echo "deps: run: sudo apt-get install$need" >&2
	exit 2
fi
