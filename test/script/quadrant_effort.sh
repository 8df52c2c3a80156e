#!/bin/sh
# quadrant --summary: time shares that add up. On the worked example of
# quadrant(1) (10 Key, 20 Growth, 1 Maintenance, 54 Service accounts) the
# shares are counts x effort: with the default effort (4, 3, 2, 1) the lone
# Maintenance account gets 2/156 of the time, not a fifth; with
# [quadrant.effort] in the config file they follow the file.
BIN=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/cgeff.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
unset CLIENTGRADE_CONFIG
HOME=$work XDG_CONFIG_HOME=$work/xdg
export HOME XDG_CONFIG_HOME
fail=0

# Fixed cuts engagement=5, potential=500: (9, 900) is Key, (1, 900)
# Growth, (9, 100) Maintenance, (1, 100) Service.
{
	echo account,engagement,potential
	i=0; while [ $i -lt 10 ]; do echo "K$i,9,900"; i=$((i + 1)); done
	i=0; while [ $i -lt 20 ]; do echo "G$i,1,900"; i=$((i + 1)); done
	echo "M0,9,100"
	i=0; while [ $i -lt 54 ]; do echo "S$i,1,100"; i=$((i + 1)); done
} >"$work/in.csv"

cat >"$work/want_default" <<'TXT'
quadrant     accounts  share  potential  effort   time  time/account
Key                10  11.8%      9,000       4  25.6%         2.56%
Growth             20  23.5%     18,000       3  38.5%         1.92%
Maintenance         1   1.2%        100       2   1.3%         1.28%
Service            54  63.5%      5,400       1  34.6%         0.64%
Total              85   100%     32,500           100%
TXT
"$BIN/quadrant" --cut engagement=5,potential=500 --summary=text \
    "$work/in.csv" >"$work/got" 2>"$work/err" || {
	echo "quadrant failed"; cat "$work/err"; exit 1; }
cmp -s "$work/want_default" "$work/got" || {
	echo "default effort: summary differs"
	diff "$work/want_default" "$work/got"; fail=1; }

cat >"$work/effort.ini" <<'INI'
[quadrant.effort]
key = 2
growth = 2
maintenance = 1
service = 0
INI
cat >"$work/want_config" <<'TXT'
quadrant,accounts,share_pct,potential,effort,time_pct,time_per_account_pct
Key,10,11.8,9000,2,32.8,3.2787
Growth,20,23.5,18000,2,65.6,3.2787
Maintenance,1,1.2,100,1,1.6,1.6393
Service,54,63.5,5400,0,0,0
Total,85,100,32500,,100,
TXT
"$BIN/quadrant" --config "$work/effort.ini" --cut engagement=5,potential=500 \
    --summary "$work/in.csv" >"$work/got" 2>"$work/err"
st=$?
[ $st = 0 ] || { echo "with effort.ini: exit $st"; cat "$work/err"; exit 1; }
cmp -s "$work/want_config" "$work/got" || {
	echo "[quadrant.effort]: summary differs"
	diff "$work/want_config" "$work/got"; fail=1; }
exit $fail
