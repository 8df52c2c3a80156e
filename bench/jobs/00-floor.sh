# The yardstick: bench/floor.c (libcsv only) parses and writes every record
# back with one computed column, twice the volume. Every ratio in the table
# divides by this job's time on the same input.
job floor accounts \
	"floor < {in} > {out}" \
	"mlr --icsv --ocsv put 'if (is_numeric(\$volume)) { \$floor = fmtnum(\$volume * 2, \"%.2f\") } else { \$floor = \"\" }' {in} > {out}" \
	"COPY (SELECT *, printf('%.2f', CAST(volume AS DECIMAL(18,2)) * 2) AS floor FROM {src}) TO '{out}' (HEADER)" \
	ref=input

# Parse only: rollup's yardstick on the deal log. The peers count rows.
job floor-parse deals \
	"floor --parse-only < {in} > {out}" \
	"mlr --icsv --ocsv count {in} > {out}" \
	"COPY (SELECT count(*) AS n FROM {src}) TO '{out}' (HEADER)" \
	ref=parse floor=parse
