#!/bin/sh
# quadrant --plot FILE.svg: the SVG is well-formed XML (python3's parser),
# holds one dot per placed account, escapes hostile names, and renders
# with a real renderer (rsvg-convert) to a PNG of the declared size.
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
