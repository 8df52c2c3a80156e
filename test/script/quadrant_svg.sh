#!/bin/sh
# quadrant --plot FILE.svg: the SVG is well-formed XML (python3's parser),
# holds one dot per placed account, escapes hostile names, and renders
# with a real renderer (rsvg-convert) to a PNG of the declared size.
# Names, grades and column headers holding what XML 1.0 forbids (C0
# controls, U+FFFE, U+FFFF, an encoded lone surrogate, bytes that are not
# UTF-8) still give a well-formed SVG, with U+FFFD in their place.
# Skips (77) when rsvg-convert or python3 is missing.
BIN=$1
FIX=$2
command -v rsvg-convert >/dev/null 2>&1 || { echo "no rsvg-convert"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cgsvg.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
fail=0

# Names a careless writer would break XML with, a grade column for colours.
cat >"$work/in.csv" <<'CSV'
account,engagement,potential,volume,grade
"A&B <Tools>",5,20000,1000,A
"""Quoted"" Ltd",2,48000,500,B
Caf\303\251 Ölund,8,10000,3000,A
Delta,5,30000,2000,C
Echo,1,5000,100,C
Foxtrot,,60000,4000,A
CSV
# printf turns the octal escapes into UTF-8 bytes.
printf "$(cat "$work/in.csv")\n" >"$work/in2.csv"
"$BIN/quadrant" --plot "$work/q.svg" --log "$work/in2.csv" >"$work/out.csv" \
    2>"$work/err" || { echo "quadrant failed"; cat "$work/err"; exit 1; }
python3 - "$work/q.svg" <<'PY' || fail=1
import sys, xml.etree.ElementTree as ET
ns = {'s': 'http://www.w3.org/2000/svg'}
root = ET.parse(sys.argv[1]).getroot()
dots = root.findall('.//s:circle[@class="d"]', ns)
texts = [t.text for t in root.iter('{http://www.w3.org/2000/svg}text')]
assert len(dots) == 5, 'want 5 dots, got %d' % len(dots)
for want in ('A&B <Tools>', '"Quoted" Ltd', 'Caf\u00e9 \u00d6lund', 'Key',
             'Growth', 'Maintenance', 'Service', 'Grade',
             '1 without a quadrant'):
    assert want in texts, 'missing text %r in %r' % (want, texts)
assert any(t and 'log scale' in t for t in texts), 'no log scale title'
assert root.get('width') == '900' and root.get('height') == '620'
PY
# Hostile bytes in names, grades and headers. The engagement header holds
# ESC and U+FFFF; every grade shows in the legend, so each byte reaches
# the SVG. printf writes the octal escapes as bytes.
printf '%s\n' 'account,"eng\033\357\277\277",potential,volume,grade' \
    '"nul\001ctl\037",5,5000,9000,"A\010"' \
    'fffe\357\277\276ffff\357\277\277,5,60000,8000,"B\357\277\276"' \
    'surr\355\240\200ogate,1,30000,7000,"C\355\240\200"' \
    'latin\351\377,9,30000,6000,"D\377"' \
    '"tab\tcr\rlf",3,15000,5000,"E\302\233"' \
    'ok \360\237\230\200 Ltd,7,40000,4000,F' >"$work/bad.csv.fmt"
printf "$(cat "$work/bad.csv.fmt")\n" >"$work/bad.csv"
"$BIN/quadrant" --plot "$work/bad.svg" --labels 100 \
    --col "engagement=$(printf 'eng\033\357\277\277')" "$work/bad.csv" \
    >"$work/bad.out" 2>"$work/bad.err" || {
	echo "quadrant failed on hostile names"; cat "$work/bad.err"; exit 1; }
python3 - "$work/bad.svg" <<'PY' || fail=1
import sys, xml.parsers.expat, xml.etree.ElementTree as ET
data = open(sys.argv[1], 'rb').read()
p = xml.parsers.expat.ParserCreate()
try:
    p.Parse(data, True)
except xml.parsers.expat.ExpatError as e:
    sys.exit('SVG is not well-formed: %s' % e)
root = ET.fromstring(data)
texts = [t.text or '' for t in root.iter('{http://www.w3.org/2000/svg}text')]
alltext = '\n'.join(texts)
bad = [c for c in alltext if (ord(c) < 0x20 and c not in '\t\n\r') or
       c in '\ufffe\uffff' or 0xd800 <= ord(c) <= 0xdfff]
assert not bad, 'forbidden characters left: %r' % bad
r = '\ufffd'
for want in ('A' + r, 'B' + r, 'C' + r * 3, 'D' + r, 'E' + r, 'F'):
    assert want in texts, 'missing legend %r in %r' % (want, texts)
assert 'Engagement: eng' + r + r in texts, 'axis title: %r' % texts
labels = set(texts)
for want in ('nul' + r + 'ctl' + r, 'fffe' + r + 'ffff' + r,
             'surr' + r * 3 + 'ogate', 'latin' + r * 2,
             'tab cr lf', 'ok \U0001f600 Ltd'):
    assert want in labels, 'missing label %r in %r' % (want, texts)
PY
rsvg-convert "$work/bad.svg" -o "$work/bad.png" 2>"$work/rsvg.err" || {
	echo "rsvg-convert failed on hostile names"; cat "$work/rsvg.err"
	fail=1; }
rsvg-convert "$work/q.svg" -o "$work/q.png" 2>"$work/rsvg.err" || {
	echo "rsvg-convert failed"; cat "$work/rsvg.err"; exit 1; }
python3 - "$work/q.png" <<'PY' || fail=1
import struct, sys
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', d[16:24])
assert (w, h) == (900, 620), 'PNG is %dx%d' % (w, h)
PY
# An unwritable plot path is an I/O error (2) and leaves nothing behind.
"$BIN/quadrant" --plot "$work/nodir/q.svg" "$work/in2.csv" >/dev/null 2>&1
st=$?
[ "$st" = 2 ] || { echo "unwritable plot path: exit $st, want 2"; fail=1; }
[ ! -e "$work/nodir" ] || { echo "nodir was created"; fail=1; }
exit $fail
