# quadrant (issue 6). Targets: fixed cuts stream within 1.3x the floor;
# median cuts take two passes, within 2.5x the floor and under 64 MiB.
# High engagement and high potential: Key; high engagement only:
# Maintenance; high potential only: Growth; neither: Service. A value equal
# to its cut is high; a missing axis value gives no quadrant.
_sql_quad="CASE WHEN e IS NULL OR p IS NULL THEN NULL
	    WHEN e >= ce AND p >= cp THEN 'Key' WHEN e >= ce THEN 'Maintenance'
	    WHEN p >= cp THEN 'Growth' ELSE 'Service' END AS quadrant"
_mlr_quad='if (is_numeric($engagement) && is_numeric($potential)) {
	    hi_e = $engagement >= CE; hi_p = $potential >= CP;
	    $quadrant = hi_e ? (hi_p ? "Key" : "Maintenance") : (hi_p ? "Growth" : "Service")
	  } else { $quadrant = "" }'

job quadrant-fixed accounts \
	"quadrant --cut engagement=6,potential=25000 {in} > {out}" \
	"mlr --icsv --ocsv put 'CE = 6; CP = 25000; ${_mlr_quad}' {in} > {out}" \
	"COPY (SELECT * EXCLUDE (e, p, ce, cp), $_sql_quad FROM (SELECT *,
	    CAST(engagement AS DOUBLE) AS e, CAST(potential AS DOUBLE) AS p,
	    6 AS ce, 25000 AS cp FROM {src})) TO '{out}' (HEADER)" \
	target="floor<=1.3 mlr>1"

# Medians: the mean of the two middle values for an even count (Miller's
# interpolated p50, DuckDB's median), missing values not counted.
job quadrant-median accounts \
	"quadrant {in} > {out}" \
	"set -- \$(mlr --icsv --onidx --ofs ' ' stats1 -i -a p50 -f engagement,potential {in}) &&
	 mlr --icsv --ocsv put -s ce=\"\$1\" -s cp=\"\$2\" 'CE = @ce; CP = @cp; ${_mlr_quad}' {in} > {out}" \
	"COPY (SELECT * EXCLUDE (e, p, ce, cp), $_sql_quad FROM (SELECT *, e, p,
	    median(e) OVER () AS ce, median(p) OVER () AS cp FROM (SELECT *,
	    CAST(engagement AS DOUBLE) AS e, CAST(potential AS DOUBLE) AS p FROM {src}))
	  ORDER BY id) TO '{out}' (HEADER)" \
	target="floor<=2.5 rss<=64 mlr>1 duckdb>1"
