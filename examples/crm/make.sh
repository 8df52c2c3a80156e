#!/bin/sh
# Remake the CRM-shaped example export in this folder:
#   deals.csv     3000 deals, one a row, as a CRM exports its opportunities
#                 (opportunity_id, sales_agent, product, account, deal_stage
#                 Won/Lost/Engaging/Prospecting, engage and close dates as
#                 M/D/YYYY, close_value), CR LF line ends;
#   accounts.csv  its 150 accounts as the CRM lists them (30 with no deal yet): sector, year
#                 established, revenue (the client company's own turnover, in
#                 USD millions: not our sales), employees, office location,
#                 Type (Customer - Direct, Customer - Channel, Prospect,
#                 Partner) and coordinates.
# Every byte comes from the benchmark's generator (bench/gen.c) with a fixed
# seed, so the files are made, not collected: no customer's data is in them.
#
#     sh examples/crm/make.sh          # from the top of the source tree
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cgcrm.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
${CC:-cc} -O2 -o "$tmp/gen" "$top/bench/gen.c" -lm
SEED=2026

"$tmp/gen" deals 3000 --accounts 120 --seed $SEED --dates us |
    sed 's/$/\r/' > "$here/deals.csv"

# Accounts: the generator's own account rows give the names and sizes; the
# deal log says who has bought (Won) and so is a customer.
"$tmp/gen" accounts 150 --seed $SEED > "$tmp/acc.csv"
python3 - "$tmp/acc.csv" "$here/deals.csv" "$here/accounts.csv" <<'PY'
import csv, random, sys
acc, deals, out = sys.argv[1:4]
won = set()
with open(deals, newline='') as f:
    for d in csv.DictReader(f):
        if d['deal_stage'] == 'Won':
            won.add(d['account'])
rng = random.Random(2026)
sectors = ['software', 'retail', 'medical', 'finance', 'manufacturing',
           'logistics', 'hospitality', 'energy']
places = [('Lyon', 45.764, 4.836), ('Grenoble', 45.188, 5.724),
          ('Saint-Etienne', 45.440, 4.387), ('Annecy', 45.899, 6.129),
          ('Geneva', 46.204, 6.143), ('Dijon', 47.322, 5.041),
          ('Marseille', 43.296, 5.370), ('Clermont-Ferrand', 45.778, 3.087)]
with open(acc, newline='') as f, open(out, 'w', newline='') as g:
    w = csv.writer(g, lineterminator='\r\n')
    w.writerow(['account', 'sector', 'year_established', 'revenue',
                'employees', 'office_location', 'Type', 'latitude',
                'longitude'])
    for i, a in enumerate(csv.DictReader(f)):
        name = a['account']
        if name in won:
            kind = 'Customer - Channel' if rng.random() < 0.2 else 'Customer - Direct'
        else:
            kind = 'Partner' if i % 9 == 0 else 'Prospect'
        emp = int(float(a['potential']) / 10 * rng.uniform(0.5, 3))
        city, lat, lon = places[rng.randrange(len(places))]
        w.writerow([name, sectors[rng.randrange(len(sectors))],
                    rng.randrange(1950, 2021),
                    '%.2f' % (emp * rng.uniform(0.05, 0.4)), emp, city, kind,
                    '%.4f' % (lat + rng.uniform(-0.15, 0.15)),
                    '%.4f' % (lon + rng.uniform(-0.15, 0.15))])
PY
