#!/bin/sh
# grade_worksheet_lo.sh BIN FIXTURES - the worksheet round trip through a
# real spreadsheet program: grade --worksheet writes the sheet,
# LibreOffice opens it (CSV -> ODS), ratings are typed into its cells
# (the ODS's content.xml, as a user's edits end up), LibreOffice saves it
# as CSV again, and grade grades the saved file with reasons.
# Skips (77) without LibreOffice (soffice) or python3.
BIN=$1
command -v soffice >/dev/null 2>&1 || { echo "no soffice"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/cgsheet.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
export HOME=$T		# LibreOffice writes its profile there
printf 'id,account,owner\nL1,Northwind,Ana\nL2,Contoso,Ben\nL3,Fabrikam,Ana\n' >accounts.csv
"$BIN/grade" -q --worksheet accounts.csv >sheet.csv || exit 1
soffice --headless --convert-to ods --outdir ods sheet.csv >/dev/null 2>&1
[ -s ods/sheet.ods ] || { echo "LibreOffice did not open the sheet"; exit 1; }
python3 - ods/sheet.ods <<'PY' || exit 1
# Type the ratings into the cells: rows 2..4, columns D (volume) and H
# (distance) and J (openness); as LibreOffice stores typed numbers.
import re, sys, zipfile
path = sys.argv[1]
z = zipfile.ZipFile(path)
files = {n: z.read(n) for n in z.namelist()}
xml = files["content.xml"].decode()
ratings = {1: {3: 5, 7: 4, 9: 5}, 2: {3: 2, 7: 1, 9: 3}, 3: {3: 1, 7: 5}}
rows = re.findall(r"<table:table-row[^>]*>.*?</table:table-row>", xml, re.S)
def expand(row):
    # Split repeated empty cells so each can be typed into.
    def rep(m):
        n = int(m.group(1))
        return '<table:table-cell/>' * n
    return re.sub(r'<table:table-cell table:number-columns-repeated="(\d+)"/>', rep, row)
for r, cols in ratings.items():
    row = expand(rows[r])
    cells = re.findall(r"<table:table-cell(?:/>|[^>]*>.*?</table:table-cell>)", row, re.S)
    for c, v in cols.items():
        cells[c] = ('<table:table-cell office:value-type="float" office:value="%d" '
                    'calcext:value-type="float"><text:p>%d</text:p></table:table-cell>' % (v, v))
    start = row[:row.index(">") + 1]
    new = start + "".join(cells) + "</table:table-row>"
    xml = xml.replace(rows[r], new, 1)
files["content.xml"] = xml.encode()
out = zipfile.ZipFile(path, "w")
out.writestr(zipfile.ZipInfo("mimetype"), files.pop("mimetype"))
for n, data in files.items():
    out.writestr(n, data, zipfile.ZIP_DEFLATED)
out.close()
PY
soffice --headless --convert-to csv --outdir filled ods/sheet.ods >/dev/null 2>&1
[ -s filled/sheet.csv ] || { echo "LibreOffice did not save the sheet"; exit 1; }
"$BIN/grade" -q --today 2026-12-01 -e filled/sheet.csv >graded.csv || {
	echo "grade refused the saved sheet"; cat filled/sheet.csv; exit 1; }
cat >want.csv <<'CSV'
id,account,owner,volume_rating,frequency_rating,recency_rating,payment_rating,distance_rating,accessibility_rating,openness_rating,referrals_rating,grade,score,grade_reason
L1,Northwind,Ana,5,,,,4,,5,,A,97,"A as a client: score 97 = volume 30/30 (rated 5/5), distance 4/5 (rated 4/5), openness 5/5 (rated 5/5); no frequency, no recency, no payment, no accessibility, no referrals; not in file: overdue; A at 70+"
L2,Contoso,Ben,2,,,,1,,3,,C,25,"C as a client: score 25 = volume 8/30 (rated 2/5), distance 0/5 (rated 1/5), openness 3/5 (rated 3/5); no frequency, no recency, no payment, no accessibility, no referrals; not in file: overdue; C below 40"
L3,Fabrikam,Ana,1,,,,5,,,,C,14,"C as a client: score 14 = volume 0/30 (rated 1/5), distance 5/5 (rated 5/5); no frequency, no recency, no payment, no accessibility, no openness, no referrals; not in file: overdue; C below 40"
CSV
if ! cmp -s graded.csv want.csv; then
	echo "graded sheet differs:"; diff want.csv graded.csv; exit 1
fi
echo "worksheet: written, filled in LibreOffice, saved, graded"
