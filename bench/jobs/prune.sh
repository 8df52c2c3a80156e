# prune (issue 8). Targets: rules without duplicates stream within 1.3x the
# floor; duplicates take memory O(distinct keys), within 2.5x the floor.
# Kept rows to {out}, rejected rows (plus prune_reason) to {rej}.
# stale: not a client, last contact (else last order) more than 180 days
# before today, and no next_contact in the future; noreply:
# touches_no_reply >= 5. (The peers write the reason's first word only.)
job prune-rules accounts \
	"prune --rules stale,noreply --rejects {rej} --today {today} {in} > {out}" \
	"mlr --icsv --ocsv put -q 'begin { @T = strptime(\"{today}\", \"%Y-%m-%d\") }
	  d = is_not_empty(\$last_contact) ? \$last_contact : \$last_order;
	  days = is_not_empty(d) ? (@T - strptime(d, \"%Y-%m-%d\")) / 86400 : -1;
	  future = is_not_empty(\$next_contact) && \$next_contact > \"{today}\";
	  r = \"\";
	  if (\$stage != \"client\" && days > 180 && !future) { r = \"stale\" }
	  elif (is_numeric(\$touches_no_reply) && \$touches_no_reply >= 5) { r = \"noreply\" }
	  if (r == \"\") { tee > \"{out}\", \$* } else { \$prune_reason = r; tee > \"{rej}\", \$* }' {in}" \
	"CREATE TABLE t AS SELECT *, CASE
	    WHEN stage <> 'client' AND DATE '{today}' - CAST(coalesce(last_contact, last_order) AS DATE) > 180
	      AND NOT coalesce(CAST(next_contact AS DATE) > DATE '{today}', false) THEN 'stale'
	    WHEN CAST(touches_no_reply AS DOUBLE) >= 5 THEN 'noreply' END AS prune_reason FROM {src};
	 COPY (SELECT * EXCLUDE (prune_reason) FROM t WHERE prune_reason IS NULL) TO '{out}' (HEADER);
	 COPY (SELECT * FROM t WHERE prune_reason IS NOT NULL) TO '{rej}' (HEADER)" \
	target="floor<=1.3 mlr>1 duckdb>1"

# Duplicates by normalised account name (case, accents, punctuation, legal
# suffix); the row kept is the most complete, then the most recently
# contacted, then the first; the others are "duplicate of ID". DuckDB only:
# Miller has no reasonable spelling of it.
_sql_filled=""
for _c in id account owner volume orders last_order last_contact next_contact \
    days_to_pay overdue distance accessibility openness referrals engagement \
    potential stage email phone touches_no_reply; do
	_sql_filled="$_sql_filled + ($_c IS NOT NULL)::INT"
done
job prune-dupes accounts \
	"prune --rules dupes --dupe-keys name --rejects {rej} --today {today} {in} > {out}" \
	"" \
	"CREATE TABLE t AS SELECT *, first_value(id) OVER w AS keep_id FROM (SELECT *,
	    trim(regexp_replace(regexp_replace(lower(strip_accents(account)),
	      '[[:space:],]+(inc|llc|ltd|gmbh|s\\.?a|ag|plc|corp|co|b\\.?v|pty ltd|s\\.?p\\.?a|oy|ab|a/s|se|gmbh & co\\.? kg|s\\.?a\\.?r\\.?l|limited)\\.?\$', ''),
	      '[^a-z0-9]+', ' ', 'g')) AS norm,
	    0 ${_sql_filled} AS filled, CAST(last_contact AS DATE) AS lc FROM {src})
	  WINDOW w AS (PARTITION BY norm ORDER BY filled DESC, lc DESC NULLS LAST, id);
	 COPY (SELECT * EXCLUDE (norm, filled, lc, keep_id) FROM t WHERE keep_id = id ORDER BY id) TO '{out}' (HEADER);
	 COPY (SELECT * EXCLUDE (norm, filled, lc, keep_id), 'duplicate of ' || keep_id AS prune_reason
	   FROM t WHERE keep_id <> id ORDER BY id) TO '{rej}' (HEADER)" \
	target="floor<=2.5 duckdb>1"
