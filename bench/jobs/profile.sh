# profile (issue 17). Target: the generated accounts ($ROWS, 1,000,000 by
# default), graded by grade, profiled within 2x the floor's time on that
# graded file, with memory bounded by the number of distinct values, not
# rows (peak RSS reported; under 64 MiB whatever the row count). No peers:
# neither Miller nor DuckDB has a one-line Cliff's delta.
#
# The graded input is made once by grade itself (score by rank, the
# default method) and kept in bench/data like any dataset.
dataset accounts-graded "gen accounts $ROWS --seed $SEED | grade -q --today 2026-12-01 > {out}"
dataset deal-accounts-graded "gen accounts $DEAL_ACCOUNTS --seed $SEED | grade -q --today 2026-12-01 > {out}"

job profile accounts-graded \
	"profile -q {in} > {out}" \
	"" "" \
	target="floor<=2 rss<=64"

# The same as sentences: the work is the same, the output ten lines.
job profile-text accounts-graded \
	"profile -q --format text {in} > {out}" \
	"" "" \
	target="floor<=2 rss<=64"

# --touches over the deal log ($DEALS rows) read as an activity export:
# close_date is the date, deals match accounts by name (no id in the
# log), no channel. Memory grows with the accounts, not the touches. The
# yardstick is the floor parsing the deal log.
job profile-touches deals \
	"profile -q --touches {in} {data}/deal-accounts-graded.csv > {out}" \
	"" "" \
	also=deal-accounts-graded floor=parse target="floor<=2 rss<=64"
