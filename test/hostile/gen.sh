#!/bin/sh
# gen.sh DIR - write the hostile inputs into DIR (generated at test time;
# none of them is committed). Each file is small to describe and some are
# large to hold: bigfield.csv is 50 MB, wide.csv has 100,000 columns.
set -eu
D=$1
mkdir -p "$D"
cd "$D"

# A 50 MB account name, between ordinary rows.
{
	printf 'id,account,volume,orders\n1,'
	head -c 52428800 /dev/zero | tr '\0' x
	printf ',5,2\n2,b,3,1\n3,c,1,1\n'
} >bigfield.csv

# 100,000 columns before the ones a tool reads.
awk 'BEGIN {
	n = 100000
	for (i = 1; i <= n; i++) printf "c%d,", i
	print "account,volume,orders,engagement,potential"
	for (r = 1; r <= 3; r++) {
		for (i = 1; i <= n; i++) printf "%d,", i % 7
		print "acc" r "," r * 10 "," r ",5," r * 100
	}
}' >wide.csv

# NUL bytes and invalid UTF-8 in a field only passed through, and in a
# field that must be read as a number.
printf 'account,volume,orders,note\nac\000me,5,1,x\000y\nb\377\376c,3,2,\300\200\n' >passbytes.csv
printf 'account,volume,orders\na,1,1\nb,5\000,1\n' >nulnum.csv
printf 'account,volume,orders\na,1,1\nb,\377\376,1\n' >utf8num.csv

# A header with the same name twice.
printf 'account,volume,volume,orders\nA,5,700,1\nB,1,900,2\n' >duphdr.csv

# Nothing, or only a byte order mark.
: >empty.csv
printf '\357\273\277' >bom.csv

# Numbers no spreadsheet means: one file each, the bad value on line 3.
n=0
for v in 1e999 NaN -- --5 inf -inf 1e-999x 0x10 '1,2,3'; do
	n=$((n + 1))
	printf 'account,volume,orders\na,1,1\nb,"%s",1\n' "$v" >num$n.csv
done

# Impossible dates.
printf 'account,volume,orders,last_order\na,1,1,2026-01-01\nb,2,1,2026-02-30\n' >date_grade.csv
printf 'deal_id,account,close_date,close_value\n1,A,2026-01-05,10\n2,A,2026-02-30,5\n3,B,31.02.2026,7\n' >date_deals.csv

# Fields that a spreadsheet would run as formulas: kept as they are.
cat >formula.csv <<'CSV'
id,account,owner,volume,orders,engagement,potential,stage,email,last_contact,touches_no_reply,grade
1,=1+2,@owner,5,1,3,100,client,a@x.example,2026-11-01,0,A
2,+SUM(A1:A9),-Ana,7,2,9,900,client,b@y.example,2026-10-01,0,B
3,"=HYPERLINK(""http://x"",""y"")",=cmd|' /C calc'!A0,9,3,1,50,client,c@z.example,2026-09-01,0,C
4,@SUM(1+1),+Ben,1,1,4,400,lead,d@w.example,2026-08-01,1,C
CSV

# Malformed records.
printf 'account,volume\na,1\n"b,2\n' >unterminated.csv
printf 'account,volume\na,1\nb,2,3\n' >ragged.csv
