# rollup (issue 5). Target: 10,000,000 deals over 100,000 accounts within
# 1.5x the floor's parse-only time on the same file, and faster than
# DuckDB's GROUP BY and Miller's stats1 equivalents; memory O(accounts).
# Won deals per account: orders, volume, avg_order, first/last close date,
# recency_days, orders_12m and volume_12m (today - 365 < date <= today).
# Miller and DuckDB do not keep first-seen order (rollup does).
job rollup deals \
	"rollup --key account --value close_value --date close_date --where deal_stage=Won --today {today} {in} > {out}" \
	"mlr --icsv --ocsv filter '\$deal_stage == \"Won\"' then put '
	  w = \$close_date > \"2025-12-01\" && \$close_date <= \"{today}\";
	  \$in12 = w ? 1 : 0; \$v12 = w ? \$close_value : 0' then stats1 -a count,sum,mean,min,max -f close_value,close_date,in12,v12 -g account {in} > {out}" \
	"COPY (SELECT account, count(*) AS orders, sum(v) AS volume, round(avg(v), 2) AS avg_order,
	    min(d) AS first_order, max(d) AS last_order, DATE '{today}' - max(d) AS recency_days,
	    count(*) FILTER (WHERE d > DATE '{today}' - 365 AND d <= DATE '{today}') AS orders_12m,
	    coalesce(sum(v) FILTER (WHERE d > DATE '{today}' - 365 AND d <= DATE '{today}'), 0) AS volume_12m
	  FROM (SELECT account, CAST(close_value AS DOUBLE) AS v, CAST(close_date AS DATE) AS d
	    FROM {src} WHERE deal_stage = 'Won') GROUP BY account) TO '{out}' (HEADER)" \
	floor=parse target="floor<=1.5 mlr>1 duckdb>1"

# The same with a left join onto the accounts file (every account once, in
# its order, fields unchanged, figures appended). DuckDB only.
job rollup-join deals \
	"rollup --key account --value close_value --date close_date --where deal_stage=Won --today {today} --accounts {data}/deal-accounts.csv {in} > {out}" \
	"" \
	"COPY (WITH g AS (SELECT account, count(*) AS orders, sum(v) AS volume, round(avg(v), 2) AS avg_order,
	    min(d) AS first_order, max(d) AS last_order, DATE '{today}' - max(d) AS recency_days,
	    count(*) FILTER (WHERE d > DATE '{today}' - 365 AND d <= DATE '{today}') AS orders_12m,
	    coalesce(sum(v) FILTER (WHERE d > DATE '{today}' - 365 AND d <= DATE '{today}'), 0) AS volume_12m
	  FROM (SELECT account, CAST(close_value AS DOUBLE) AS v, CAST(close_date AS DATE) AS d
	    FROM {src} WHERE deal_stage = 'Won') GROUP BY account)
	  SELECT a.*, coalesce(g.orders, 0) AS orders_, coalesce(g.volume, 0) AS volume_, g.avg_order, g.first_order,
	    g.last_order, g.recency_days, coalesce(g.orders_12m, 0) AS orders_12m, coalesce(g.volume_12m, 0) AS volume_12m
	  FROM read_csv('{data}/deal-accounts.csv', header=true, all_varchar=true) a LEFT JOIN g ON a.account = g.account
	  ORDER BY a.id) TO '{out}' (HEADER)" \
	floor=parse also=deal-accounts target="floor<=1.5 duckdb>1"
