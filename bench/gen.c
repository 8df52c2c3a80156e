/*
 * gen - write realistic, seeded account and deal CSVs of any size.
 *
 *     gen accounts N [--seed S] [--dialect comma|excel-eu] [--dates iso|us|eu]
 *         [--with-grade]
 *     gen deals N --accounts M [--seed S] [--dialect comma|excel-eu]
 *         [--dates iso|us|eu]
 *
 * Every row is computed from (seed, row number) alone with splitmix64, so
 * the output depends on nothing but the arguments: the same seed gives
 * the same bytes on every machine, and `gen deals` can name the accounts
 * of `gen accounts M` with the same seed without generating them.
 *
 * Dates are relative to a fixed reference day (2026-11-30), so benchmark
 * jobs can pin `--today 2026-12-01`.
 *
 * The benchmark's yardstick, not a tool: it uses neither libcsv nor the
 * clientgrade library, and formats numbers by hand because printf would
 * be most of its time.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- randomness ---- */

struct rng {
	uint64_t s;
};

static uint64_t
splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A stream for one row of one kind: independent of every other row. */
static void
rng_row(struct rng *r, uint64_t seed, uint64_t kind, uint64_t row)
{
	uint64_t s = seed * 0xD1B54A32D192ED03ULL ^ kind * 0x8CB92BA72F3D8DD7ULL;

	r->s = s ^ (row + 1) * 0x9E3779B97F4A7C15ULL;
	(void)splitmix64(&r->s);
}

static uint64_t
rnext(struct rng *r)
{
	return splitmix64(&r->s);
}

/* Uniform in [0, n). The bias of a 64-bit modulo is far below notice. */
static uint64_t
rbelow(struct rng *r, uint64_t n)
{
	return rnext(r) % n;
}

/* Uniform in (0, 1]: never 0, so log() and pow(u, -a) stay finite. */
static double
runit(struct rng *r)
{
	return ((rnext(r) >> 11) + 1) * (1.0 / 9007199254740992.0);
}

static int
rchance(struct rng *r, double p)
{
	return runit(r) <= p;
}

/* Exponential with the given mean, capped. */
static long
rexp(struct rng *r, double mean, long cap)
{
	double x = -log(runit(r)) * mean;

	return x > (double)cap ? cap : (long)x;
}

/* Pareto with scale xm and shape alpha (alpha 1.16 gives 80/20). */
static double
rpareto(struct rng *r, double xm, double alpha, double cap)
{
	double x = xm * pow(runit(r), -1.0 / alpha);

	return x > cap ? cap : x;
}

/* ---- output ---- */

struct out {
	char buf[1 << 20];
	size_t n;
	char delim;
	const char *eol;	/* "\n" or "\r\n" */
	int eu;			/* decimal comma, '.' thousands */
	int dates;		/* 0 iso, 1 us, 2 eu */
};

static void
flush(struct out *o)
{
	if (o->n > 0 && fwrite(o->buf, 1, o->n, stdout) != o->n) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		exit(2);
	}
	o->n = 0;
}

/* Room for one whole row is kept, so field writers need not check. */
static void
row_end(struct out *o)
{
	size_t n = strlen(o->eol);

	memcpy(o->buf + o->n, o->eol, n);
	o->n += n;
	if (o->n > sizeof(o->buf) - 8192)
		flush(o);
}

static void
put(struct out *o, const char *s, size_t n)
{
	memcpy(o->buf + o->n, s, n);
	o->n += n;
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
sep(struct out *o)
{
	o->buf[o->n++] = o->delim;
}

/* A text field, quoted (quotes doubled) only when it needs it. */
static void
text(struct out *o, const char *s, size_t n)
{
	size_t i;

	if (memchr(s, o->delim, n) == NULL && memchr(s, '"', n) == NULL &&
	    memchr(s, '\n', n) == NULL && memchr(s, '\r', n) == NULL) {
		put(o, s, n);
		return;
	}
	o->buf[o->n++] = '"';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			o->buf[o->n++] = '"';
		o->buf[o->n++] = s[i];
	}
	o->buf[o->n++] = '"';
}

static void
uint_(struct out *o, uint64_t v)
{
	char tmp[24];
	int i = 0;

	do {
		tmp[i++] = '0' + v % 10;
		v /= 10;
	} while (v > 0);
	while (i > 0)
		o->buf[o->n++] = tmp[--i];
}

/* Zero-padded to `w` digits. */
static void
uintw(struct out *o, uint64_t v, int w)
{
	char *p = o->buf + o->n + w;

	o->n += w;
	while (w-- > 0) {
		*--p = '0' + v % 10;
		v /= 10;
	}
}

/*
 * Money from cents: "18718.12", or "18.718,12" in the excel-eu dialect
 * (thousands grouped, as a European spreadsheet writes it). Whole-unit
 * amounts (cents < 0) are written without decimals in the comma dialect.
 */
static void
money(struct out *o, uint64_t cents, int whole)
{
	uint64_t units = cents / 100;
	char tmp[32];
	int i = 0, g = 0;

	if (!o->eu) {
		uint_(o, units);
		if (!whole) {
			o->buf[o->n++] = '.';
			uintw(o, cents % 100, 2);
		}
		return;
	}
	do {
		if (g == 3) {
			tmp[i++] = '.';
			g = 0;
		}
		tmp[i++] = '0' + units % 10;
		units /= 10;
		g++;
	} while (units > 0);
	while (i > 0)
		o->buf[o->n++] = tmp[--i];
	o->buf[o->n++] = ',';
	uintw(o, cents % 100, 2);
}

/* Days since 1970-01-01 from a civil date (H. Hinnant's algorithm). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static void
date(struct out *o, long day)
{
	long y;
	unsigned m, d;

	civil_from_days(day, &y, &m, &d);
	switch (o->dates) {
	case 1:		/* US: 3/1/2017, as the CRM's US copy writes it */
		uint_(o, m);
		o->buf[o->n++] = '/';
		uint_(o, d);
		o->buf[o->n++] = '/';
		uint_(o, y);
		break;
	case 2:		/* European: 01.03.2017 */
		uintw(o, d, 2);
		o->buf[o->n++] = '.';
		uintw(o, m, 2);
		o->buf[o->n++] = '.';
		uintw(o, y, 4);
		break;
	default:
		uintw(o, y, 4);
		o->buf[o->n++] = '-';
		uintw(o, m, 2);
		o->buf[o->n++] = '-';
		uintw(o, d, 2);
	}
}

/* ---- vocabulary ---- */

static const char *const adj[] = {
	"Northwind", "Contoso", "Fabrikam", "Blue", "Silver", "Golden", "Alpine",
	"Coastal", "Northern", "Southern", "Eastern", "Western", "Royal",
	"Pacific", "Atlantic", "Nordic", "Baltic", "Iron", "Copper", "Granite",
	"Cedar", "Maple", "Oak", "Pine", "Willow", "Crystal", "Bright", "Swift",
	"Rapid", "Prime", "Apex", "Summit", "Pioneer", "Heritage", "Liberty",
	"Union", "United", "Global", "Metro", "Urban", "Rural", "Valley",
	"Highland", "Lowland", "Riverside", "Lakeside", "Harbor", "Bay",
	"Meridian", "Polar", "Solar", "Lunar", "Stellar", "Vertex", "Zenith",
	"Crescent", "Evergreen", "Red", "Green", "Black", "White", "Grey",
	"Amber", "Scarlet", "Ivory", "Emerald", "Sapphire", "Ruby", "Onyx",
	"Falcon", "Eagle", "Hawk", "Lion", "Bear", "Wolf", "Fox", "Stag",
	"Müller", "Schmidt", "Dubois", "Rossi", "García", "Novak", "Jensen",
	"Kowalski", "O'Brien", "Andersen", "Lindqvist", "Costa", "Moreau",
	"Weber", "Bauer", "Fischer", "Hoffmann", "Keller", "Lange", "Brandt",
	"Adler", "Becker", "Vogel", "Krause", "Horvath", "Varga", "Nagy",
	"Silva", "Santos", "Pereira", "Ferreira", "Martin", "Bernard",
	"Laurent", "Lefebvre", "Rousseau", "Blanc", "Bianchi", "Romano",
	"Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
	"De Luca", "Mancini", "Costello", "Hughes", "Lambert",
};

static const char *const noun[] = {
	"Ridge", "River", "Harbour", "Bridge", "Gate", "Stone", "Field", "Brook",
	"Point", "Peak", "Forge", "Mill", "Works", "Craft", "Line", "Way",
	"Path", "Crest", "Grove", "Hill", "Vale", "Shore", "Port", "Wharf",
	"Tower", "Castle", "Crown", "Star", "Sun", "Moon", "Wave", "Wind",
	"Fire", "Frost", "Rain", "Cloud", "Sky", "Light", "Spark", "Arrow",
	"Anchor", "Compass", "Beacon", "Signal", "Circuit", "Matrix", "Vector",
	"Pixel", "Quantum", "Fusion", "Nexus", "Axis", "Orbit", "Pulse",
	"Core", "Edge", "Loop", "Link", "Hub", "Base", "Rock", "Sand", "Leaf",
	"Root", "Seed", "Bloom", "Branch", "Trail", "Road", "Street", "Square",
	"Market", "Exchange", "Partners", "Brothers", "Sons", "Family",
	"Associates", "Group", "Alliance", "Collective", "Union", "Guild",
	"Circle", "Center", "Source", "Origin", "Harvest", "Garden", "Orchard",
	"Meadow", "Prairie", "Canyon", "Delta", "Island", "Coast", "Lake",
	"Fjord", "Glacier", "Summit", "Horizon", "Frontier", "Quest", "Venture",
	"Vision", "Insight", "Logic", "Method", "Design", "Studio", "Lab",
	"Foundry", "Factory", "Depot", "Yard", "Dock", "Terminal", "Station",
	"Junction", "Crossing", "Corner", "Ward", "Hall", "House", "Court",
	"Manor", "Lodge", "Wells",
};

static const char *const trade[] = {
	"Logistics", "Foods", "Systems", "Textiles", "Motors", "Pharma",
	"Electronics", "Engineering", "Construction", "Consulting", "Software",
	"Hardware", "Supplies", "Trading", "Imports", "Exports", "Chemicals",
	"Plastics", "Metals", "Steel", "Timber", "Paper", "Printing",
	"Packaging", "Media", "Publishing", "Insurance", "Finance", "Capital",
	"Holdings", "Industries", "Manufacturing", "Tools", "Machines",
	"Robotics", "Energy", "Solar", "Water", "Agriculture", "Farms",
	"Dairy", "Bakery", "Beverages", "Brewing", "Wines", "Apparel",
	"Footwear", "Furniture", "Interiors", "Lighting", "Optics", "Medical",
	"Dental", "Labs", "Health", "Care", "Travel", "Hotels", "Freight",
	"Shipping", "Aviation", "Marine", "Rail", "Telecom",
};

/* The name scramble below needs exactly these sizes (negative array
 * size: a compile error otherwise). */
typedef char adj_needs_128[NELEM(adj) == 128 ? 1 : -1];
typedef char noun_needs_128[NELEM(noun) == 128 ? 1 : -1];
typedef char trade_needs_64[NELEM(trade) == 64 ? 1 : -1];

/* Legal suffixes; ", Inc." makes the name need quoting in a comma file. */
static const char *const suffix[] = {
	" Inc.", ", Inc.", " LLC", " Ltd", " Ltd.", " GmbH", " S.A.", " AG",
	" plc", " Corp.", " Co.", " B.V.", " Pty Ltd", " S.p.A.", " Oy", " AB",
	" A/S", " SE", " GmbH & Co. KG", " S.A.R.L.", " Limited", " Inc",
	" LLC", " GmbH", " Ltd", "",
};

static const char *const city[] = {
	"Leeds", "Lyon", "Porto", "Graz", "Turin", "Ghent", "Malmo", "Bergen",
	"Krakow", "Brno", "Cork", "Bilbao", "Utrecht", "Aarhus", "Tampere",
	"Basel", "Bremen", "Nantes", "Seville", "Bologna", "Leipzig", "Lille",
	"Derby", "Dundee", "Galway", "Linz", "Pecs", "Split", "Tartu", "Riga",
	"Kaunas", "Plovdiv",
};

static const char *const rep[] = {
	"Ana Silva", "Ben Okafor", "Chloe Martin", "Dev Patel", "Elena Rossi",
	"Farid Haddad", "Grace Kim", "Hugo Lefevre", "Ines Novak",
	"Jonas Weber", "Kara O'Neill", "Liam Murphy", "Maya Cohen",
	"Nils Jensen", "Olga Ivanova", "Pablo Garcia", "Quinn Taylor",
	"Rosa Costa", "Sven Lindqvist", "Tara Singh",
	/* deal agents beyond the 20 account owners */
	"Uma Reddy", "Victor Hugo Lambert", "Wen Li", "Xavier Dubois",
	"Yara Haddad", "Zoe Fischer", "Anton Varga", "Bianca Conti",
	"Carlos Mendes", "Dana Brooks",
};
#define NOWNERS 20

static const char *const first[] = {
	"anna", "bob", "carla", "david", "eva", "frank", "gina", "hans", "ivan",
	"julia", "karl", "lena", "marco", "nina", "oscar", "paula",
};

static const struct product {
	const char *name;
	unsigned price;		/* whole currency units */
	unsigned weight;	/* how often it is sold */
} product[] = {
	{ "GTX Basic", 550, 20 }, { "GTX Pro", 4821, 14 },
	{ "MG Special", 55, 22 }, { "MG Advanced", 3393, 17 },
	{ "GTX Plus Pro", 5482, 10 }, { "GTX Plus Basic", 1096, 14 },
	{ "GTK 500", 26768, 3 },
};

/* ---- accounts ---- */

/* The reference "today" of generated data is the day after this. */
#define REF_Y 2026
#define REF_M 11
#define REF_D 30

#define NAME_SPACE (128u * 128u * 64u)	/* distinct base names per tier */

/*
 * Base name of account `i`: a bijective scramble of i over 2^20
 * adjective x noun x trade triples, then a city qualifier per further
 * 2^20 accounts. Distinct i always give distinct bases.
 */
static size_t
base_name(uint64_t seed, uint64_t i, char *b)
{
	uint64_t tier = i / NAME_SPACE;
	uint64_t k = (i % NAME_SPACE * 0x9E3779B1u + seed * 7919u) %
	    NAME_SPACE;
	int n;

	n = sprintf(b, "%s %s %s", adj[k >> 13], noun[(k >> 6) & 127],
	    trade[k & 63]);
	while (tier > 0) {
		n += sprintf(b + n, " %s", city[(tier - 1) % NELEM(city)]);
		tier = (tier - 1) / NELEM(city);
	}
	return n;
}

/* Which earlier row account `i` duplicates (prune's duplicates), or -1.
 * Duplicates sit at i % 100 == 37 and point into the 50 rows before, so
 * no two duplicates share an original and no original is a duplicate. */
static int64_t
dup_of(uint64_t seed, uint64_t i)
{
	struct rng r;

	if (i % 100 != 37)
		return -1;
	rng_row(&r, seed, 3, i);
	if (!rchance(&r, 0.7))
		return -1;
	return (int64_t)(i - 1 - rbelow(&r, 50 < i ? 50 : i));
}

static size_t
suffix_of(uint64_t seed, uint64_t i)
{
	struct rng r;

	rng_row(&r, seed, 4, i);
	return rbelow(&r, NELEM(suffix));
}

/*
 * The account name of row `i`, unique within a file: "Golden Falcon
 * Logistics GmbH". A duplicate is its original's base with another
 * suffix, sometimes in capitals, so that only a normalised comparison
 * finds it. A few names carry quotes. Returns the length.
 */
static size_t
account_name(uint64_t seed, uint64_t i, char *b, uint64_t *email_row)
{
	int64_t j = dup_of(seed, i);
	uint64_t src = j >= 0 ? (uint64_t)j : i;
	size_t n, s, s0;
	struct rng r;

	rng_row(&r, seed, 5, i);
	n = base_name(seed, src, b);
	s = suffix_of(seed, i);
	if (j >= 0) {
		s0 = suffix_of(seed, src);
		if (s == s0 || strcmp(suffix[s], suffix[s0]) == 0)
			s = (s0 + 1) % NELEM(suffix);
		if (rchance(&r, 0.3)) {
			size_t k;
			for (k = 0; k < n; k++)
				if (b[k] >= 'a' && b[k] <= 'z')
					b[k] -= 32;
		}
	} else if (rchance(&r, 0.005)) {
		/* "Golden "Falcon" Logistics": a nickname in quotes. */
		char *sp = strchr(b, ' ');
		memmove(sp + 2, sp + 1, n - (sp - b));
		sp[1] = '"';
		n++;
		sp = strchr(sp + 2, ' ');
		memmove(sp + 1, sp, n - (sp - b) + 1);
		*sp = '"';
		n++;
	}
	n += sprintf(b + n, "%s", suffix[s]);
	if (email_row != NULL)
		*email_row = src;
	return n;
}

/* "golden-falcon" from the base name of row i, for e-mail domains. */
static size_t
slug(uint64_t seed, uint64_t i, char *b)
{
	char tmp[256];
	size_t n = base_name(seed, i, tmp), k, m = 0;
	int words = 0;

	for (k = 0; k < n && words < 2; k++) {
		unsigned char c = tmp[k];
		if (c == ' ') {
			if (++words < 2)
				b[m++] = '-';
		} else if (c >= 'A' && c <= 'Z')
			b[m++] = c + 32;
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			b[m++] = c;
	}
	return m;
}

struct opts {
	uint64_t seed;
	uint64_t accounts;	/* deals: how many accounts keys come from */
	int with_grade;
};

static void
accounts_header(struct out *o, int with_grade)
{
	static const char *const h[] = {
		"id", "account", "owner", "volume", "orders", "last_order",
		"last_contact", "next_contact", "days_to_pay", "overdue",
		"distance", "accessibility", "openness", "referrals",
		"engagement", "potential", "stage", "email", "phone",
		"touches_no_reply",
	};
	size_t i;

	for (i = 0; i < NELEM(h); i++) {
		if (i > 0)
			sep(o);
		puts_(o, h[i]);
	}
	if (with_grade) {
		sep(o);
		puts_(o, "grade");
	}
	row_end(o);
}

static void
account_row(struct out *o, const struct opts *op, uint64_t i, long ref)
{
	struct rng r;
	char name[512], dom[256];
	size_t n, dn;
	uint64_t erow, cents = 0, k;
	int stage, has_business, eng;
	long orders = 0;

	rng_row(&r, op->seed, 1, i);
	/* 55 % clients, 25 % prospects, 20 % leads. */
	k = rbelow(&r, 100);
	stage = k < 55 ? 0 : k < 80 ? 1 : 2;
	has_business = stage == 0 || (stage == 1 && rchance(&r, 0.4));

	/* id */
	o->buf[o->n++] = 'C';
	uintw(o, i + 1, i + 1 > 9999999 ? 10 : 7);
	sep(o);
	/* account */
	n = account_name(op->seed, i, name, &erow);
	text(o, name, n);
	sep(o);
	/* owner */
	puts_(o, rep[rbelow(&r, NOWNERS)]);
	sep(o);
	/* volume, orders: Pareto volume, orders from an average order size */
	if (has_business) {
		double v = stage == 0 ? rpareto(&r, 800.0, 1.16, 2e7) :
		    rpareto(&r, 150.0, 1.5, 5e4);
		double avg = 300.0 * exp(runit(&r) * 2.5);
		cents = (uint64_t)(v * 100.0);
		orders = (long)(v / avg) + 1;
		if (orders > 400)
			orders = 400 + (long)rbelow(&r, 100);
		money(o, cents, 0);
		sep(o);
		uint_(o, orders);
	} else if (stage == 1) {
		money(o, 0, 0);
		sep(o);
		puts_(o, "0");
	} else
		sep(o);
	sep(o);
	/* last_order */
	if (has_business)
		date(o, ref - (stage == 0 ? rexp(&r, 60, 1500) :
		    30 + rexp(&r, 200, 700)));
	sep(o);
	/* last_contact: leads go stale, some were never contacted */
	if (stage != 2 || rchance(&r, 0.6))
		date(o, ref - rexp(&r, stage == 0 ? 30 : stage == 1 ? 120 : 200,
		    1800));
	sep(o);
	/* next_contact */
	if (rchance(&r, 0.3))
		date(o, ref + 1 + (long)rbelow(&r, 60));
	sep(o);
	/* days_to_pay, overdue: only clients have invoices */
	if (stage == 0 && rchance(&r, 0.97))
		uint_(o, 10 + rexp(&r, 22, 170));
	sep(o);
	if (stage == 0)
		uint_(o, rchance(&r, 0.7) ? 0 : 1 + rbelow(&r, 5));
	else if (stage == 1)
		puts_(o, "0");
	sep(o);
	/* distance (km), accessibility 1-5 */
	uint_(o, 1 + rexp(&r, 150, 1200));
	sep(o);
	uint_(o, 1 + rbelow(&r, 5));
	sep(o);
	/* openness */
	if (rchance(&r, 0.97))
		puts_(o, rchance(&r, 0.6) ? "yes" : "no");
	sep(o);
	/* referrals */
	uint_(o, stage == 0 ? rexp(&r, 1.5, 12) : 0);
	sep(o);
	/* engagement 1-10, higher for clients */
	/* (Two draws in one expression would have no defined order.) */
	eng = 1 + (int)rbelow(&r, 6);
	eng += stage == 0 ? (int)rbelow(&r, 5) : stage == 1 ?
	    (int)rbelow(&r, 3) : 0;
	uint_(o, eng > 10 ? 10 : eng);
	sep(o);
	/* potential, in hundreds */
	money(o, (uint64_t)(rpareto(&r, 2000.0, 1.3, 5e6) / 100.0) * 10000, 0);
	sep(o);
	puts_(o, stage == 0 ? "client" : stage == 1 ? "prospect" : "lead");
	sep(o);
	/* email: a shared address or a person's, at the company's domain */
	dn = slug(op->seed, erow, dom);
	if (rchance(&r, 0.6))
		puts_(o, "info");
	else {
		puts_(o, first[rbelow(&r, NELEM(first))]);
		o->buf[o->n++] = '.';
		puts_(o, first[rbelow(&r, NELEM(first))]);
	}
	o->buf[o->n++] = '@';
	put(o, dom, dn);
	puts_(o, ".example");
	sep(o);
	/* phone, in three national styles */
	if (rchance(&r, 0.95)) {
		switch (rbelow(&r, 3)) {
		case 0:
			puts_(o, "+44 20 7946 ");
			uintw(o, rbelow(&r, 10000), 4);
			break;
		case 1:
			puts_(o, "(555) 01");
			uintw(o, rbelow(&r, 10), 1);
			o->buf[o->n++] = '-';
			uintw(o, rbelow(&r, 10000), 4);
			break;
		default:
			puts_(o, "030 ");
			uintw(o, rbelow(&r, 10000000), 7);
		}
	}
	sep(o);
	/* touches_no_reply */
	uint_(o, stage == 0 ? 0 : rexp(&r, stage == 1 ? 1.0 : 3.0, 20));
	if (op->with_grade) {
		sep(o);
		puts_(o, cents >= 2000000 ? "A" : cents >= 300000 ? "B" : "C");
	}
	row_end(o);
}

/* ---- deals ---- */

static void
deals_header(struct out *o)
{
	static const char *const h[] = {
		"opportunity_id", "sales_agent", "product", "account",
		"deal_stage", "engage_date", "close_date", "close_value",
	};
	size_t i;

	for (i = 0; i < NELEM(h); i++) {
		if (i > 0)
			sep(o);
		puts_(o, h[i]);
	}
	row_end(o);
}

static uint64_t
gcd(uint64_t a, uint64_t b)
{
	while (b != 0) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static void
deal_row(struct out *o, const struct opts *op, uint64_t i, long ref,
    uint64_t mult)
{
	static const char b36[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	const uint64_t space = 2821109907456ULL;	/* 36^8 */
	struct rng r;
	char name[512], id[8];
	uint64_t k, w, tot = 0, acct;
	size_t p, n;
	int stage, j;
	long engage, close;

	rng_row(&r, op->seed, 2, i);
	/* opportunity_id: 8 base-36 characters, distinct for distinct i
	 * (the multiplier is coprime to 36^8) */
	k = (uint64_t)(((unsigned __int128)i * 1743559837691ULL +
	    op->seed * 104729u) % space);
	for (j = 7; j >= 0; j--) {
		id[j] = b36[k % 36];
		k /= 36;
	}
	put(o, id, 8);
	sep(o);
	puts_(o, rep[rbelow(&r, NELEM(rep))]);
	sep(o);
	for (p = 0; p < NELEM(product); p++)
		tot += product[p].weight;
	w = rbelow(&r, tot);
	for (p = 0; w >= product[p].weight; p++)
		w -= product[p].weight;
	puts_(o, product[p].name);
	sep(o);

	/* 48 % Won, 30 % Lost, 12 % Engaging, 10 % Prospecting. */
	k = rbelow(&r, 100);
	stage = k < 48 ? 0 : k < 78 ? 1 : k < 90 ? 2 : 3;
	/* account: skewed towards a few big accounts, scattered over the
	 * file by a bijective multiplication; open deals sometimes have none
	 * yet (as in the real CRM export). */
	if (stage == 3 && rchance(&r, 0.15))
		;
	else {
		acct = (uint64_t)((double)op->accounts * pow(runit(&r), 2.2));
		if (acct >= op->accounts)
			acct = op->accounts - 1;
		acct = (acct * mult) % op->accounts;
		n = account_name(op->seed, acct, name, NULL);
		text(o, name, n);
	}
	sep(o);
	puts_(o, stage == 0 ? "Won" : stage == 1 ? "Lost" : stage == 2 ?
	    "Engaging" : "Prospecting");
	sep(o);
	engage = ref - (long)rbelow(&r, 1095);
	if (stage != 3)
		date(o, engage);
	sep(o);
	if (stage <= 1) {
		close = engage + 1 + rexp(&r, 45, 400);
		date(o, close > ref ? ref : close);
	}
	sep(o);
	if (stage == 0)
		money(o, (uint64_t)(product[p].price * (0.85 + 0.3 *
		    runit(&r)) * 100.0), 1);
	else if (stage == 1)
		money(o, 0, 1);
	row_end(o);
}

/* ---- command ---- */

static void
usage(void)
{
	fprintf(stderr,
	    "usage: gen accounts N [--seed S] [--dialect comma|excel-eu] "
	    "[--dates iso|us|eu] [--with-grade]\n"
	    "       gen deals N --accounts M [--seed S] "
	    "[--dialect comma|excel-eu] [--dates iso|us|eu]\n");
	exit(2);
}

static uint64_t
number(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0) {
		fprintf(stderr, "gen: %s: not a number: %s\n", what, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "accounts", required_argument, NULL, 'a' },
		{ "dates", required_argument, NULL, 't' },
		{ "dialect", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "with-grade", no_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	static struct out o;
	struct opts op = { 1, 0, 0 };
	const char *kind;
	uint64_t n, i, mult = 1;
	long ref = days_from_civil(REF_Y, REF_M, REF_D);
	int ch, deals;

	o.delim = ',';
	o.eol = "\n";
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			op.accounts = number(optarg, "--accounts");
			break;
		case 'd':
			if (strcmp(optarg, "excel-eu") == 0) {
				o.delim = ';';
				o.eol = "\r\n";
				o.eu = 1;
			} else if (strcmp(optarg, "comma") != 0)
				usage();
			break;
		case 'g':
			op.with_grade = 1;
			break;
		case 's':
			op.seed = number(optarg, "--seed");
			break;
		case 't':
			if (strcmp(optarg, "iso") == 0)
				o.dates = 0;
			else if (strcmp(optarg, "us") == 0)
				o.dates = 1;
			else if (strcmp(optarg, "eu") == 0)
				o.dates = 2;
			else
				usage();
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		usage();
	kind = argv[0];
	n = number(argv[1], "N");
	deals = strcmp(kind, "deals") == 0;
	if (!deals && strcmp(kind, "accounts") != 0)
		usage();
	if (deals && op.accounts == 0) {
		fprintf(stderr, "gen: deals need --accounts M (M > 0)\n");
		exit(2);
	}
	if (!deals && op.accounts != 0)
		usage();
	if (deals) {
		/* A multiplier coprime to M scatters hot accounts over ids. */
		mult = 2654435761u % op.accounts;
		while (mult == 0 || gcd(mult, op.accounts) != 1)
			mult++;
	}

	if (o.eu)
		puts_(&o, "\xEF\xBB\xBF");
	if (deals) {
		deals_header(&o);
		for (i = 0; i < n; i++)
			deal_row(&o, &op, i, ref, mult);
	} else {
		accounts_header(&o, op.with_grade);
		for (i = 0; i < n; i++)
			account_row(&o, &op, i, ref);
	}
	flush(&o);
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		return 2;
	}
	return 0;
}
