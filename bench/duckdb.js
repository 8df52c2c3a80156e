#!/usr/bin/env node
// duckdb.js - run SQL in an in-memory DuckDB and exit: the DuckDB peer of
// bench/run.sh. The benchmark's jobs give SQL that reads the input with
// read_csv(...) and writes the result with COPY (...) TO '...' (CSV), so
// DuckDB does the same whole job as our tool: parse, compute, write a file.
//
//     node bench/duckdb.js "COPY (SELECT ...) TO 'out.csv' (HEADER)"
//
// Several statements may be given, separated by ';'. DuckDB uses its
// default thread count (every core). Exit 0, or 1 with the error on stderr.
'use strict';

async function main() {
	const sql = process.argv[2];
	if (process.argv.length !== 3 || !sql) {
		process.stderr.write('usage: node duckdb.js SQL\n');
		process.exit(2);
	}
	const { DuckDBInstance } = require('@duckdb/node-api');
	const instance = await DuckDBInstance.create(':memory:');
	const conn = await instance.connect();
	await conn.run(sql);
	conn.closeSync();
}

main().catch((e) => {
	process.stderr.write('duckdb: ' + (e && e.message ? e.message : e) + '\n');
	process.exit(1);
});
