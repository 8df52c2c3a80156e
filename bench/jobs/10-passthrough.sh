# The core's own cost (bench/passthrough.c): the clientgrade reader and
# writer with nothing computed (output byte-identical to the input), and
# the floor's job done through the core (cg_field_num, the writer's append).
job passthrough accounts \
	"passthrough < {in} > {out}" \
	"mlr --icsv --ocsv cat {in} > {out}" \
	"COPY (SELECT * FROM {src}) TO '{out}' (HEADER)" \
	note="core reader+writer, nothing computed"

job passthrough-eu accounts-eu \
	"passthrough < {in} > {out}" \
	"mlr --icsv --ocsv --fs semicolon --ors crlf cat {in} > {out}" \
	"COPY (SELECT * FROM read_csv('{in}', header=true, all_varchar=true, delim=';')) TO '{out}' (HEADER, DELIMITER ';')" \
	note="excel-eu: BOM, CRLF, ';', decimal comma"

job core-floor accounts \
	"passthrough --compute < {in} > {out}" \
	"" "" \
	note="the floor's job through the core"
