# touchplan (issue 7). Target: 100,000 graded accounts planned over a year
# (well over a million touches), CSV out, within 2x the floor's time to
# parse and write the produced file itself; report peak RSS. The input is
# `gen accounts $PLAN_ACCOUNTS --with-grade` (dataset graded). No peers.
job touchplan-year graded \
	"touchplan --from 2027-01-01 --to 2027-12-31 --today {today} {in} > {out}" \
	"" "" \
	floor=output target="floor<=2"
