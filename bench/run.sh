#!/bin/bash
# bench/run.sh - time every clientgrade tool against the libcsv floor and
# against Miller and DuckDB doing the same job, and print the ratios.
#
#   bench/run.sh [--small] [--rows N] [--deals N] [--deal-accounts M]
#                [--plan-accounts N] [--seed S] [--repeat R] [--timeout SEC]
#                [--no-peers] [--build DIR] [JOB...]
#
# Defaults: 1,000,000 accounts; 10,000,000 deals over 100,000 accounts;
# 100,000 graded accounts for touchplan; seed 1; one run per command
# (--repeat R keeps the best of R). --small: 100,000 accounts, 1,000,000
# deals over 10,000 accounts, 10,000 graded accounts.
#
# JOB filters by name: "grade" runs grade and every grade-* job; shell
# patterns work ("*-dupes"). Without JOB every job runs.
#
# Steps: (a) build in Release (DIR, default build-bench) unless built;
# (b) generate the inputs into bench/data/ (kept between runs, remade
# when their command changes); (c) run each job, writing its output to
# bench/results/JOB.TOOL.csv, timing wall clock and peak RSS with
# /usr/bin/time; (d) print a table: seconds, ratio to the floor, peak RSS,
# the peers' ratios and the issue's target next to it. The table is also
# written to bench/results/summary.txt.
#
# Jobs live in bench/jobs/*.sh (see bench/jobs/README for the format), so
# each tool's author adds their own without touching this script.
set -u
export LC_ALL=C

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
BUILD=$ROOT/build-bench
DATA=$BENCH/data
RESULTS=$BENCH/results
ROWS=1000000
DEALS=10000000
DEAL_ACCOUNTS=100000
PLAN_ACCOUNTS=100000
SEED=1
REPEAT=1
TIMEOUT=900
PEERS=1
SMALL=0
TODAY=2026-12-01
FILTERS=()

usage() {
	sed -n '5,7p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--small) SMALL=1; ROWS=100000; DEALS=1000000; DEAL_ACCOUNTS=10000
		PLAN_ACCOUNTS=10000 ;;
	--rows) ROWS=${2:?}; shift ;;
	--deals) DEALS=${2:?}; shift ;;
	--deal-accounts) DEAL_ACCOUNTS=${2:?}; shift ;;
	--plan-accounts) PLAN_ACCOUNTS=${2:?}; shift ;;
	--seed) SEED=${2:?}; shift ;;
	--repeat) REPEAT=${2:?}; shift ;;
	--timeout) TIMEOUT=${2:?}; shift ;;
	--no-peers) PEERS=0 ;;
	--build) BUILD=$(cd "${2:?}" 2>/dev/null && pwd || echo "$2"); shift ;;
	-h|--help) usage ;;
	-*) echo "run.sh: unknown option $1" >&2; usage ;;
	*) FILTERS+=("$1") ;;
	esac
	shift
done
for v in ROWS DEALS DEAL_ACCOUNTS PLAN_ACCOUNTS SEED REPEAT TIMEOUT; do
	case ${!v} in
	''|*[!0-9]*) echo "run.sh: $v wants a number, not '${!v}'" >&2; exit 2 ;;
	esac
done

say() { printf '%s\n' "$*" >&2; }

# ---- (a) build ----

build() {
	local type=
	if [ -f "$BUILD/CMakeCache.txt" ]; then
		type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
	fi
	if [ "$type" != Release ]; then
		say "== configuring $BUILD (Release)"
		cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
		    >"$BUILD.cmake.log" 2>&1 || {
			say "run.sh: cmake failed, see $BUILD.cmake.log"; exit 2; }
	fi
	say "== building in $BUILD"
	# The yardstick must build; a tool that does not build yet is
	# reported as skipped, so one broken file does not stop the rest.
	# They use no clientgrade code, so when the library does not build
	# (a file mid-edit) they are compiled directly.
	if ! cmake --build "$BUILD" -j2 --target gen floor >"$RESULTS/build.log" 2>&1; then
		say "run.sh: warning: the library does not build; compiling gen and floor directly"
		mkdir -p "$BUILD/bench"
		"${CC:-cc}" -O2 -std=gnu99 -o "$BUILD/bench/gen" "$BENCH/gen.c" -lm &&
		"${CC:-cc}" -O2 -std=gnu99 -o "$BUILD/bench/floor" "$BENCH/floor.c" -lcsv || {
			say "run.sh: cannot build bench/gen and bench/floor"
			exit 2
		}
	fi
	if ! cmake --build "$BUILD" -j2 >>"$RESULTS/build.log" 2>&1; then
		say "run.sh: warning: the full build failed (see $RESULTS/build.log);"
		say "        tools that did not build are skipped, older binaries may be used"
	fi
}

# ---- tools: /usr/bin/time, Miller, DuckDB ----

have_time=1
check_time() {
	[ -x /usr/bin/time ] && return
	if [ "$(id -u)" = 0 ]; then
		say "== installing GNU time"
		(apt-get install -y time || { apt-get update && apt-get install -y time; }) \
		    >/dev/null 2>&1
	fi
	if [ ! -x /usr/bin/time ]; then
		say "run.sh: /usr/bin/time is missing; peak RSS not measured."
		say "        install it with: sudo apt-get install time"
		have_time=0
	fi
}

have_mlr=0
have_duckdb=0
check_peers() {
	[ "$PEERS" = 1 ] || return
	command -v mlr >/dev/null 2>&1 && have_mlr=1 ||
	    say "run.sh: Miller (mlr) not found: peers shown as unavailable (apt-get install miller)"
	if ! command -v node >/dev/null 2>&1; then
		say "run.sh: node not found: DuckDB unavailable (apt-get install nodejs npm)"
		return
	fi
	if [ ! -d "$BENCH/node_modules/@duckdb/node-api" ]; then
		say "== installing @duckdb/node-api into bench/node_modules"
		(cd "$BENCH" && npm install --no-audit --no-fund) >"$RESULTS/npm.log" 2>&1 ||
		    npm install --prefix "$BENCH" --no-audit --no-fund @duckdb/node-api \
		    >>"$RESULTS/npm.log" 2>&1
	fi
	if node "$BENCH/duckdb.js" "SELECT 1" >/dev/null 2>&1; then
		have_duckdb=1
	else
		say "run.sh: DuckDB (npm @duckdb/node-api) unavailable: see $RESULTS/npm.log"
	fi
}

# ---- job definitions ----

J_NAME=() J_INPUT=() J_OURS=() J_MLR=() J_DUCK=() J_FLOOR=() J_TARGET=()
J_NEEDS=() J_REF=() J_NOTE=() J_ALSO=()
D_NAME=() D_CMD=()

# dataset NAME "COMMAND writing CSV to {out}"
dataset() {
	D_NAME+=("$1")
	D_CMD+=("$2")
}

# job NAME INPUT "OURS" "MILLER" "DUCKDB SQL" [key=value...]
job() {
	local name=$1 input=$2 ours=$3 mlr=$4 duck=$5 opt
	local floor=input target= needs= ref= note= also=
	shift 5 || { say "run.sh: job $name: needs 5 arguments"; exit 2; }
	for opt in "$@"; do
		case $opt in
		floor=*) floor=${opt#floor=} ;;
		target=*) target=${opt#target=} ;;
		needs=*) needs=${opt#needs=} ;;
		ref=*) ref=${opt#ref=} ;;
		note=*) note=${opt#note=} ;;
		also=*) also=${opt#also=} ;;
		*) say "run.sh: job $name: unknown option '$opt'"; exit 2 ;;
		esac
	done
	case $floor in input|parse|output|none) ;; *)
		say "run.sh: job $name: floor=$floor (want input, parse, output or none)"
		exit 2 ;;
	esac
	[ -n "$needs" ] || needs=${ours%% *}
	J_NAME+=("$name") J_INPUT+=("$input") J_OURS+=("$ours") J_MLR+=("$mlr")
	J_DUCK+=("$duck") J_FLOOR+=("$floor") J_TARGET+=("$target")
	J_NEEDS+=("$needs") J_REF+=("$ref") J_NOTE+=("$note") J_ALSO+=("$also")
}

selected() {
	local f
	[ ${#FILTERS[@]} -eq 0 ] && return 0
	for f in "${FILTERS[@]}"; do
		# shellcheck disable=SC2053
		[[ $1 == $f || $1 == $f-* ]] && return 0
	done
	return 1
}

# ---- (b) data ----

declare -A DS_PATH=()
# Make dataset $1 (once per run; kept on disk while its command is the same).
need_data() {
	local name=$1 i cmd path stamp
	[ -n "${DS_PATH[$name]:-}" ] && return 0
	for i in "${!D_NAME[@]}"; do
		[ "${D_NAME[$i]}" = "$name" ] || continue
		path=$DATA/$name.csv
		cmd=${D_CMD[$i]//\{out\}/$path}
		stamp=$DATA/$name.cmd
		# The stamp is the command and the generator's source: gen is
		# relinked whenever the library changes, its output is not.
		if [ ! -s "$path" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$cmd $GENSUM" ]; then
			say "== generating $name: $cmd"
			local t0=$EPOCHREALTIME
			if ! (cd "$DATA" && PATH=$BUILD/bench:$BUILD/bin:$PATH sh -c "$cmd"); then
				rm -f "$path" "$stamp"
				say "run.sh: generating $name failed"
				return 1
			fi
			printf '%s\n' "$cmd $GENSUM" >"$stamp"
			# Written pages still being flushed would slow the first
			# timed reader.
			sync
			say "   $(wc -l <"$path") lines, $(($(stat -c %s "$path") / 1048576)) MiB, $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f s", b-a}')"
		fi
		DS_PATH[$name]=$path
		return 0
	done
	say "run.sh: no dataset named '$name'"
	return 1
}

# ---- (c) timing ----

# run_timed LABEL COMMAND: sets T (seconds), C (CPU seconds, user + system),
# M (peak RSS MiB), ST (status). Wall time is taken around the command
# with bash's clock (ms); CPU time and peak RSS from GNU time (RSS: the
# largest single process of a pipeline). Best of REPEAT.
run_timed() {
	local label=$1 cmd=$2 errf=$RESULTS/$1.err tf=$RESULTS/.time.$$ r t0 t1 t m c
	T= M= C=- ST=0
	for ((r = 0; r < REPEAT; r++)); do
		t0=$EPOCHREALTIME
		if [ $have_time = 1 ]; then
			timeout "$TIMEOUT" /usr/bin/time -f '%e %M %U %S' -o "$tf" \
			    sh -c "$cmd" </dev/null 2>"$errf"
		else
			timeout "$TIMEOUT" sh -c "$cmd" </dev/null 2>"$errf"
		fi
		ST=$?
		t1=$EPOCHREALTIME
		[ $ST = 0 ] || return
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
		m=- c=-
		if [ $have_time = 1 ]; then
			m=$(awk 'END{printf "%.1f", $2/1024}' "$tf")
			c=$(awk 'END{printf "%.2f", $3 + $4}' "$tf")
		fi
		if [ -z "$T" ] || awk -v a="$t" -v b="$T" 'BEGIN{exit !(a<b)}'; then
			T=$t C=$c
		fi
		if [ "$m" != - ] && { [ -z "$M" ] || awk -v a="$m" -v b="$M" 'BEGIN{exit !(a>b)}'; }; then
			M=$m
		fi
	done
	[ -n "$M" ] || M=-
}

subst() {	# subst TEMPLATE IN OUT REJ
	local s=$1 src="read_csv('{in}', header=true, all_varchar=true)"
	s=${s//\{src\}/$src}
	s=${s//\{in\}/$2}
	s=${s//\{out\}/$3}
	s=${s//\{rej\}/$4}
	s=${s//\{jobs\}/$BENCH/jobs}
	s=${s//\{data\}/$DATA}
	s=${s//\{today\}/$TODAY}
	printf '%s' "$s"
}

sq() { printf "'%s'" "${1//\'/\'\\\'\'}"; }	# quote for sh

# floor_ref MODE INPUTPATH KEY: the floor's time for that input. It is
# measured again for every job, just before it, so that a job and its
# yardstick run under the same load on a shared machine.
declare -A FLOOR_T=()
floor_ref() {
	local mode=$1 in=$2 key=$3 cmd
	[ -n "${FLOOR_T[$key]:-}" ] && { FT=${FLOOR_T[$key]}; return; }
	if [ "$mode" = parse ]; then
		cmd="floor --parse-only < $(sq "$in") > /dev/null"
	else
		cmd="floor < $(sq "$in") > $(sq "$RESULTS/floor-ref.out.csv")"
	fi
	printf '   floor reference (%s) for %s: ' "$mode" "$(basename "$in")" >&2
	run_timed "floor-ref" "PATH=$(sq "$BUILD/bench:$BUILD/bin"):\$PATH; $cmd"
	if [ $ST != 0 ]; then FT=; return; fi
	FLOOR_T[$key]=$T
	FT=$T
	say "$T s"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }

# check_target SPEC OURS_T FLOOR_RATIO MLR_T DUCK_T RSS -> "floor<=1.3 ok ..."
check_target() {
	local spec=$1 t=$2 fr=$3 mt=$4 dt=$5 rss=$6 tok what op lim val out=
	for tok in $spec; do
		what=${tok%%[<>]*}
		op=${tok#"$what"}; lim=${op#[<>]}; lim=${lim#=}; op=${op%"$lim"}
		case $what in
		floor) val=$fr ;;
		mlr) val=$(ratio "$mt" "$t") ;;
		duckdb) val=$(ratio "$dt" "$t") ;;
		rss) val=$rss ;;
		*) val=- ;;
		esac
		if [ "$val" = - ] || [ -z "$val" ]; then
			out+="$tok ?  "
		elif awk -v v="$val" -v l="$lim" -v o="$op" 'BEGIN{ if (o == "<=") ok = v <= l; else if (o == "<") ok = v < l; else if (o == ">=") ok = v >= l; else ok = v > l; exit !ok }'; then
			out+="$tok ok ($val)  "
		else
			out+="$tok MISS ($val)  "
		fi
	done
	printf '%s' "${out%  }"
}

ROWS_OUT=()
row() {	# row JOB TOOL SECONDS XFLOOR RSS NOTE [CPU]
	ROWS_OUT+=("$(printf '%-18s %-11s %8s %8s %8s %8s  %s' "$1" "$2" "$3" "${7:--}" "$4" "$5" "$6")")
	say "$(printf '   %-11s %8s s %8s cpu %8s x floor %8s MiB  %s' "$2" "$3" "${7:--}" "$4" "$5" "$6")"
}

run_job() {
	local i=$1 name=${J_NAME[$1]} input=${J_INPUT[$1]} in out rej cmd
	local fmode=${J_FLOOR[$1]} ft= ours_t= ours_fr= mlr_t= duck_t= rss=- bin
	local mrss=- drss=- ours_c= mlr_c= duck_c=
	local note= tool=${J_NEEDS[$1]}
	say "== $name"
	if ! need_data "$input"; then
		row "$name" "$tool" - - - "skipped (no input $input)"
		return
	fi
	if [ -n "${J_ALSO[$i]}" ] && ! need_data "${J_ALSO[$i]}"; then
		row "$name" "$tool" - - - "skipped (no input ${J_ALSO[$i]})"
		return
	fi
	in=${DS_PATH[$input]}
	out=$RESULTS/$name.ours.csv
	rej=$RESULTS/$name.ours.rejects.csv
	bin=$BUILD/bin/$tool
	[ -x "$bin" ] || bin=$BUILD/bench/$tool
	# The yardstick first, measured for this job (not for the floor jobs
	# themselves: their own time is the reference).
	if [ -z "${J_REF[$i]}" ]; then
		case $fmode in
		input|parse) floor_ref "$fmode" "$in" "$fmode:$input:$name"; ft=$FT ;;
		esac
	fi
	if [ ! -x "$bin" ]; then
		row "$name" "$tool" - - - "skipped (no binary)"
	else
		cmd=$(subst "${J_OURS[$i]}" "$in" "$out" "$rej")
		rm -f "$out" "$rej"
		run_timed "$name.ours" "PATH=$(sq "$BUILD/bin:$BUILD/bench"):\$PATH; $cmd"
		if [ $ST != 0 ]; then
			row "$name" "$tool" - - - "failed (exit $ST): $(head -c 200 "$RESULTS/$name.ours.err" | head -1)"
		else
			ours_t=$T rss=$M ours_c=$C
			[ -n "${J_REF[$i]}" ] && ft=$T
			if [ "$fmode" = output ]; then
				floor_ref input "$out" "output:$name"
				ft=$FT
			fi
			ours_fr=$(ratio "$ours_t" "$ft")
		fi
	fi
	# Peers.
	local mline= dline= mfr=- dfr=- vs
	if [ -n "${J_MLR[$i]}" ]; then
		if [ $PEERS = 0 ]; then :
		elif [ $have_mlr = 0 ]; then mline="unavailable"
		else
			cmd=$(subst "${J_MLR[$i]}" "$in" "$RESULTS/$name.mlr.csv" "$RESULTS/$name.mlr.rejects.csv")
			run_timed "$name.mlr" "$cmd"
			if [ $ST != 0 ]; then
				mline="failed (exit $ST): $(head -1 "$RESULTS/$name.mlr.err" | head -c 200)"
			else
				mlr_t=$T mrss=$M mlr_c=$C
			fi
		fi
	fi
	if [ -n "${J_DUCK[$i]}" ]; then
		if [ $PEERS = 0 ]; then :
		elif [ $have_duckdb = 0 ]; then dline="unavailable"
		else
			cmd=$(subst "${J_DUCK[$i]}" "$in" "$RESULTS/$name.duckdb.csv" "$RESULTS/$name.duckdb.rejects.csv")
			run_timed "$name.duckdb" "node $(sq "$BENCH/duckdb.js") $(sq "$cmd")"
			if [ $ST != 0 ]; then
				dline="failed (exit $ST): $(head -1 "$RESULTS/$name.duckdb.err" | head -c 200)"
			else
				duck_t=$T drss=$M duck_c=$C
			fi
		fi
	fi
	# The rows of the table.
	if [ -n "$ours_t" ]; then
		note=
		[ -n "${J_TARGET[$i]}" ] && note="target: $(check_target "${J_TARGET[$i]}" "$ours_t" "$ours_fr" "$mlr_t" "$duck_t" "$rss")"
		[ -n "${J_NOTE[$i]}" ] && note="${note:+$note; }${J_NOTE[$i]}"
		[ -n "$ft" ] && [ -z "${J_REF[$i]}" ] && note="floor $ft s${note:+; $note}"
		[ "$fmode" = parse ] && note="vs floor --parse-only${note:+; $note}"
		[ "$fmode" = output ] && note="vs floor on its output${note:+; $note}"
		row "$name" "$tool" "$ours_t" "$ours_fr" "$rss" "$note" "$ours_c"
	elif [ -n "${J_TARGET[$i]}" ]; then
		ROWS_OUT+=("$(printf '%-18s %-11s %8s %8s %8s %8s  %s' "" "" "" "" "" "" "target: ${J_TARGET[$i]}")")
	fi
	if [ -n "$mlr_t" ]; then
		vs=$(ratio "$mlr_t" "$ours_t")
		row "" mlr "$mlr_t" "$(ratio "$mlr_t" "$ft")" "$mrss" "${ours_t:+ours ${vs}x faster}" "$mlr_c"
	elif [ -n "$mline" ]; then
		row "" mlr - - - "$mline"
	fi
	if [ -n "$duck_t" ]; then
		vs=$(ratio "$duck_t" "$ours_t")
		row "" duckdb "$duck_t" "$(ratio "$duck_t" "$ft")" "$drss" "${ours_t:+ours ${vs}x faster}" "$duck_c"
	elif [ -n "$dline" ]; then
		row "" duckdb - - - "$dline"
	fi
}

# ---- main ----

mkdir -p "$DATA" "$RESULTS"
# One run at a time: two runs would share data/ and results/ and disturb
# each other's timings.
exec 9>"$RESULTS/.lock"
if ! flock -n 9; then
	say "run.sh: another bench/run.sh is running in this tree; waiting for it"
	flock 9
fi
trap 'rm -f "$RESULTS/.time.$$"' EXIT
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
GENSUM=$(cksum <"$BENCH/gen.c" | cut -d' ' -f1)
build
check_time
check_peers

# The standard inputs; job files may add their own with `dataset`.
dataset accounts "gen accounts $ROWS --seed $SEED > {out}"
dataset accounts-eu "gen accounts $ROWS --seed $SEED --dialect excel-eu > {out}"
dataset deals "gen deals $DEALS --accounts $DEAL_ACCOUNTS --seed $SEED > {out}"
dataset deal-accounts "gen accounts $DEAL_ACCOUNTS --seed $SEED > {out}"
dataset graded "gen accounts $PLAN_ACCOUNTS --seed $SEED --with-grade > {out}"

for f in "$BENCH"/jobs/*.sh; do
	# shellcheck disable=SC1090
	. "$f"
done

nsel=0
for i in "${!J_NAME[@]}"; do
	selected "${J_NAME[$i]}" || continue
	nsel=$((nsel + 1))
	run_job "$i"
done
if [ $nsel = 0 ]; then
	say "run.sh: no job matches: ${FILTERS[*]} (jobs: ${J_NAME[*]})"
	exit 2
fi

{
	echo "clientgrade benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m)"
	echo "accounts $ROWS, deals $DEALS over $DEAL_ACCOUNTS accounts, plan $PLAN_ACCOUNTS accounts, seed $SEED, best of $REPEAT"
	echo "seconds: wall clock; cpu s: user + system (DuckDB and Miller use both cores); RSS: peak, largest process"
	echo "x floor: wall time / the libcsv floor's (bench/floor.c) on the same input, measured just before each job"
	echo "load average at start: $LOAD0, at end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall times)"
	echo
	printf '%-18s %-11s %8s %8s %8s %8s  %s\n' job tool seconds "cpu s" "x floor" "RSS MiB" "target / notes"
	printf '%s\n' "${ROWS_OUT[@]}"
} | tee "$RESULTS/summary.txt"
