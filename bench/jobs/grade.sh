# grade (issue 4). Targets: rules and score with fixed ranges stream,
# within 1.3x the floor and at least 4x faster than Miller's put; score by
# rank, abc and rfm take two passes, within 2.5x the floor, under 64 MiB,
# and faster than DuckDB computing the same grades with window functions.
# Default weights (grade(1)): volume 30, frequency 20, recency 15,
# payment 10, overdue 5, distance 5, accessibility 5, openness 5,
# referrals 5; a missing factor is left out and the weights renormalised.
# Scale abc: A at score 70+, B at 40+, else C (on the score rounded to
# a whole number, as grade writes it).

job grade-rules accounts \
	"grade --method rules --config {jobs}/grade-rules.ini --today {today} {in} > {out}" \
	"mlr --icsv --ocsv put 'v = is_numeric(\$volume); o = is_numeric(\$orders);
	  if (v && o && \$volume >= 50000 && \$orders >= 12) { \$grade = \"A\" }
	  elif ((v && \$volume >= 5000) || (o && \$orders >= 6)) { \$grade = \"B\" }
	  else { \$grade = \"C\" }' {in} > {out}" \
	"COPY (SELECT *, CASE
	   WHEN CAST(volume AS DOUBLE) >= 50000 AND CAST(orders AS DOUBLE) >= 12 THEN 'A'
	   WHEN CAST(volume AS DOUBLE) >= 5000 OR CAST(orders AS DOUBLE) >= 6 THEN 'B'
	   ELSE 'C' END AS grade FROM {src}) TO '{out}' (HEADER)" \
	target="floor<=1.3 mlr>=4"

# The fixed-range score, spelled out for the peers (ranges: grade-ranges.ini).
_mlr_score_fixed='func nrm(num x, num lo, num hi, num rev): num {
	  v = (x - lo) / (hi - lo); v = v < 0 ? 0 : v > 1 ? 1 : v; return rev == 1 ? 1 - v : v }
	s = 0; w = 0;
	if (is_numeric($volume)) { s += 30 * nrm($volume, 0, 100000, 0); w += 30 }
	if (is_numeric($orders)) { s += 20 * nrm($orders, 0, 50, 0); w += 20 }
	if (is_not_empty($last_order)) { s += 15 * nrm((T - strptime($last_order, "%Y-%m-%d")) / 86400, 0, 365, 1); w += 15 }
	if (is_numeric($days_to_pay)) { s += 10 * nrm($days_to_pay, 0, 90, 1); w += 10 }
	if (is_numeric($overdue)) { s += 5 * nrm($overdue, 0, 5, 1); w += 5 }
	if (is_numeric($distance)) { s += 5 * nrm($distance, 0, 500, 1); w += 5 }
	if (is_numeric($accessibility)) { s += 5 * nrm($accessibility, 1, 5, 0); w += 5 }
	if ($openness == "yes") { s += 5; w += 5 } elif ($openness == "no") { w += 5 }
	if (is_numeric($referrals)) { s += 5 * nrm($referrals, 0, 10, 0); w += 5 }
	if (w > 0) { sc = round(100 * s / w); $grade = sc >= 70 ? "A" : sc >= 40 ? "B" : "C"; $score = fmtnum(sc, "%.0f") }
	else { $grade = ""; $score = "" }'
_sql_score_fixed="CREATE MACRO nrm(x, lo, hi) AS CASE WHEN x IS NOT NULL THEN least(greatest((x - lo) / (hi - lo), 0), 1) END;
	COPY (WITH t AS (SELECT *,
	  CAST(volume AS DOUBLE) AS f1, CAST(orders AS DOUBLE) AS f2,
	  CAST(DATE '{today}' - CAST(last_order AS DATE) AS DOUBLE) AS f3,
	  CAST(days_to_pay AS DOUBLE) AS f4, CAST(overdue AS DOUBLE) AS f5,
	  CAST(distance AS DOUBLE) AS f6, CAST(accessibility AS DOUBLE) AS f7,
	  CASE openness WHEN 'yes' THEN 1.0 WHEN 'no' THEN 0.0 END AS f8,
	  CAST(referrals AS DOUBLE) AS f9 FROM {src}),
	s AS (SELECT *, 100 * (coalesce(30 * nrm(f1, 0, 100000), 0) + coalesce(20 * nrm(f2, 0, 50), 0)
	    + coalesce(15 * (1 - nrm(f3, 0, 365)), 0) + coalesce(10 * (1 - nrm(f4, 0, 90)), 0)
	    + coalesce(5 * (1 - nrm(f5, 0, 5)), 0) + coalesce(5 * (1 - nrm(f6, 0, 500)), 0)
	    + coalesce(5 * nrm(f7, 1, 5), 0) + coalesce(5 * f8, 0) + coalesce(5 * nrm(f9, 0, 10), 0))
	    / nullif((f1 IS NOT NULL)::INT * 30 + (f2 IS NOT NULL)::INT * 20 + (f3 IS NOT NULL)::INT * 15
	    + (f4 IS NOT NULL)::INT * 10 + ((f5 IS NOT NULL)::INT + (f6 IS NOT NULL)::INT
	    + (f7 IS NOT NULL)::INT + (f8 IS NOT NULL)::INT + (f9 IS NOT NULL)::INT) * 5, 0) AS sc FROM t)
	SELECT * EXCLUDE (f1, f2, f3, f4, f5, f6, f7, f8, f9, sc),
	  CASE WHEN round(sc) >= 70 THEN 'A' WHEN round(sc) >= 40 THEN 'B' WHEN sc IS NOT NULL THEN 'C' END AS grade,
	  round(sc) AS score FROM s) TO '{out}' (HEADER)"

job grade-score-fixed accounts \
	"grade --method score --config {jobs}/grade-ranges.ini --today {today} {in} > {out}" \
	"mlr --icsv --ocsv put 'begin { @T = strptime(\"{today}\", \"%Y-%m-%d\") } T = @T; ${_mlr_score_fixed}' {in} > {out}" \
	"$_sql_score_fixed" \
	target="floor<=1.3 mlr>=4"

# Score by rank: each factor normalised by its mid-rank among the rows that
# have it, (below + (equal - 1) / 2) / (n - 1), reversed where fewer is
# better. Two passes; the peer is DuckDB with window functions.
# (below = percent_rank * (n - 1), below + equal = cume_dist * n: one
# window per factor, which DuckDB evaluates in one sort.)
_sql_rank() {	# _sql_rank EXPR: the mid-rank of EXPR over the rows that have it
	local w="OVER (PARTITION BY ($1) IS NULL ORDER BY $1)" n="count($1) OVER ()"
	printf '((percent_rank() %s * (%s - 1) + (cume_dist() %s * %s - percent_rank() %s * (%s - 1) - 1) / 2.0) / nullif(%s - 1, 0))' \
	    "$w" "$n" "$w" "$n" "$w" "$n" "$n"
}
job grade-score accounts \
	"grade --method score --today {today} {in} > {out}" \
	"" \
	"COPY (WITH t AS (SELECT *,
	  CAST(volume AS DOUBLE) AS f1, CAST(orders AS DOUBLE) AS f2,
	  CAST(DATE '{today}' - CAST(last_order AS DATE) AS DOUBLE) AS f3,
	  CAST(days_to_pay AS DOUBLE) AS f4, CAST(overdue AS DOUBLE) AS f5,
	  CAST(distance AS DOUBLE) AS f6, CAST(accessibility AS DOUBLE) AS f7,
	  CASE openness WHEN 'yes' THEN 1.0 WHEN 'no' THEN 0.0 END AS f8,
	  CAST(referrals AS DOUBLE) AS f9 FROM {src}),
	r AS (SELECT *, coalesce($(_sql_rank f1), 0.5) AS r1, coalesce($(_sql_rank f2), 0.5) AS r2,
	  coalesce($(_sql_rank f3), 0.5) AS r3, coalesce($(_sql_rank f4), 0.5) AS r4,
	  coalesce($(_sql_rank f5), 0.5) AS r5, coalesce($(_sql_rank f6), 0.5) AS r6,
	  coalesce($(_sql_rank f7), 0.5) AS r7, coalesce($(_sql_rank f8), 0.5) AS r8,
	  coalesce($(_sql_rank f9), 0.5) AS r9 FROM t),
	s AS (SELECT *, 100 * ((f1 IS NOT NULL)::INT * 30 * r1 + (f2 IS NOT NULL)::INT * 20 * r2
	    + (f3 IS NOT NULL)::INT * 15 * (1 - r3) + (f4 IS NOT NULL)::INT * 10 * (1 - r4)
	    + (f5 IS NOT NULL)::INT * 5 * (1 - r5) + (f6 IS NOT NULL)::INT * 5 * (1 - r6)
	    + (f7 IS NOT NULL)::INT * 5 * r7 + (f8 IS NOT NULL)::INT * 5 * r8 + (f9 IS NOT NULL)::INT * 5 * r9)
	    / nullif((f1 IS NOT NULL)::INT * 30 + (f2 IS NOT NULL)::INT * 20 + (f3 IS NOT NULL)::INT * 15
	    + (f4 IS NOT NULL)::INT * 10 + ((f5 IS NOT NULL)::INT + (f6 IS NOT NULL)::INT
	    + (f7 IS NOT NULL)::INT + (f8 IS NOT NULL)::INT + (f9 IS NOT NULL)::INT) * 5, 0) AS sc FROM r)
	SELECT * EXCLUDE (f1, f2, f3, f4, f5, f6, f7, f8, f9, r1, r2, r3, r4, r5, r6, r7, r8, r9, sc),
	  CASE WHEN round(sc) >= 70 THEN 'A' WHEN round(sc) >= 40 THEN 'B' WHEN sc IS NOT NULL THEN 'C' END AS grade,
	  round(sc) AS score FROM s ORDER BY id) TO '{out}' (HEADER)" \
	target="floor<=2.5 rss<=64 duckdb>1"

# ABC: A while the accounts strictly larger hold under 80 % of the total
# volume, B under 95 %, else C; ties share a grade; no volume, no grade.
job grade-abc accounts \
	"grade --method abc --today {today} {in} > {out}" \
	"tot=\$(mlr --icsv --onidx stats1 -a sum -f volume {in}) &&
	 mlr --icsv --ocsv sort -nr volume then put -s tot=\"\$tot\" '
	  if (is_numeric(\$volume)) {
	    if (is_absent(@prev) || \$volume != @prev) { @above = @cum; @prev = \$volume }
	    @cum += \$volume; sh = @above / @tot;
	    \$grade = sh < 0.80 ? \"A\" : sh < 0.95 ? \"B\" : \"C\"
	  } else { \$grade = \"\" }' then sort -f id {in} > {out}" \
	"COPY (WITH t AS (SELECT *, CAST(volume AS DOUBLE) AS v FROM {src}),
	  w AS (SELECT *, sum(v) OVER (ORDER BY v DESC) - sum(v) OVER (PARTITION BY v) AS above,
	    sum(v) OVER () AS total FROM t)
	  SELECT * EXCLUDE (v, above, total), CASE WHEN v IS NULL THEN NULL
	    WHEN v = 0 THEN 'C' WHEN above / total < 0.80 THEN 'A'
	    WHEN above / total < 0.95 THEN 'B' ELSE 'C' END AS grade
	  FROM w ORDER BY id) TO '{out}' (HEADER)" \
	target="floor<=2.5 rss<=64 duckdb>1"

# RFM: quintile scores 1 + floor(5 * beaten / n) of recency (days since the
# last order, fewer is better), frequency (orders) and monetary (volume),
# the cell and the segment of grade(1)'s table (fm = (f + m + 1) / 2).
job grade-rfm accounts \
	"grade --method rfm --today {today} {in} > {out}" \
	"" \
	"COPY (WITH t AS (SELECT *, CAST(DATE '{today}' - CAST(last_order AS DATE) AS DOUBLE) AS xr,
	    CAST(orders AS DOUBLE) AS xf, CAST(volume AS DOUBLE) AS xm FROM {src}),
	  q AS (SELECT *,
	    CASE WHEN xr IS NOT NULL THEN 1 + floor(5 * round(count(xr) OVER () * (1 - cume_dist() OVER (PARTITION BY xr IS NULL ORDER BY xr))) / count(xr) OVER ()) END AS r,
	    CASE WHEN xf IS NOT NULL THEN 1 + floor(5 * (rank() OVER (PARTITION BY xf IS NULL ORDER BY xf) - 1) / count(xf) OVER ()) END AS f,
	    CASE WHEN xm IS NOT NULL THEN 1 + floor(5 * (rank() OVER (PARTITION BY xm IS NULL ORDER BY xm) - 1) / count(xm) OVER ()) END AS m
	    FROM t),
	  s AS (SELECT *, (f + m + 1) // 2 AS fm FROM q)
	  SELECT * EXCLUDE (xr, xf, xm, r, f, m, fm), CAST(r AS INT)::TEXT || CAST(f AS INT)::TEXT || CAST(m AS INT)::TEXT AS rfm,
	    CASE WHEN r = 5 AND fm >= 4 THEN 'Champions' WHEN r >= 3 AND fm >= 4 THEN 'Loyal'
	      WHEN r >= 4 AND fm BETWEEN 2 AND 3 THEN 'Potential loyalist' WHEN r = 5 AND fm = 1 THEN 'New'
	      WHEN r = 4 AND fm = 1 THEN 'Promising' WHEN r = 3 AND fm = 3 THEN 'Needs attention'
	      WHEN r = 3 AND fm <= 2 THEN 'About to sleep' WHEN r <= 2 AND fm = 5 THEN 'Can''t lose them'
	      WHEN r <= 2 AND fm BETWEEN 3 AND 4 THEN 'At risk' WHEN r = 2 AND fm <= 2 THEN 'Hibernating'
	      WHEN r = 1 AND fm <= 2 THEN 'Lost' END AS segment
	  FROM s ORDER BY id) TO '{out}' (HEADER)" \
	target="floor<=2.5 rss<=64 duckdb>1"
