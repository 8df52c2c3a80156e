/*
 * touchplan_cadence.c - channels, and cadences: how often and by which
 * channel each grade (or quadrant) is touched. Built-in defaults,
 * overridden from the config's [touchplan.cadence] and
 * [touchplan.cadence.NAME] sections.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/touchplan.h"

static const char *const channel_names[CG_TP_NCHANNELS] = {
	"visit", "call", "event", "email", "letter", "newsletter", "postcard"
};

const char *
cg_tp_channel_name(int ch)
{
	if (ch < 0 || ch >= CG_TP_NCHANNELS)
		return "?";
	return channel_names[ch];
}

int
cg_tp_channel_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < CG_TP_NCHANNELS; i++)
		if (strlen(channel_names[i]) == n &&
		    strncasecmp(channel_names[i], s, n) == 0)
			return i;
	/* What earlier versions took: "mail" was any printed matter, and
	 * the letter is what most of it was. */
	if ((n == 4 && strncasecmp(s, "mail", n) == 0) ||
	    (n == 6 && strncasecmp(s, "mailer", n) == 0))
		return CG_TP_LETTER;
	if (n == 6 && strncasecmp(s, "e-mail", n) == 0)
		return CG_TP_EMAIL;
	if (n == 5 && strncasecmp(s, "phone", n) == 0)
		return CG_TP_CALL;
	return -1;
}

/* Read a positive integer of at most 5 digits; returns chars taken or 0. */
static size_t
small_uint(const char *s, int *out)
{
	size_t i = 0;
	int v = 0;

	while (isdigit((unsigned char)s[i]) && i < 5)
		v = v * 10 + (s[i++] - '0');
	if (i == 0 || isdigit((unsigned char)s[i]))
		return 0;
	*out = v;
	return i;
}

int
cg_tp_track_parse(const char *spec, struct cg_tp_track *t, char *why,
    size_t whycap)
{
	const char *p = spec, *q;
	size_t k;
	int v, ch;

	memset(t, 0, sizeof(*t));
	while (isspace((unsigned char)*p))
		p++;
	if ((k = small_uint(p, &v)) == 0 || v < 1) {
		snprintf(why, whycap, "want DAYS or N/year, then channels");
		return -1;
	}
	p += k;
	if (strncasecmp(p, "/year", 5) == 0) {
		/* N touches a year: the interval that gives N in 365 days. */
		t->every = (int)lround(365.0 / v);
		if (t->every < 1)
			t->every = 1;
		p += 5;
	} else
		t->every = v;
	if (!isspace((unsigned char)*p)) {
		snprintf(why, whycap, "want DAYS or N/year, then channels");
		return -1;
	}
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		q = p;
		while (*q != '\0' && *q != ',' && !isspace((unsigned char)*q))
			q++;
		if (q == p) {
			snprintf(why, whycap, "missing channel");
			return -1;
		}
		if ((ch = cg_tp_channel_parse(p, (size_t)(q - p))) < 0) {
			snprintf(why, whycap, "unknown channel '%.*s' (want "
			    "visit, call, event, email, letter, newsletter or "
			    "postcard)", (int)(q - p), p);
			return -1;
		}
		if (t->nrot == CG_TP_MAXROT) {
			snprintf(why, whycap, "more than %d channels",
			    CG_TP_MAXROT);
			return -1;
		}
		t->rot[t->nrot++] = (unsigned char)ch;
		p = q;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (*p != ',') {
			snprintf(why, whycap, "want channels separated by "
			    "commas");
			return -1;
		}
		p++;
	}
	return 0;
}

/*
 * The defaults, from the grading literature this suite follows: A clients
 * get frequent personal contact (weekly, a visit every fourth week); B a
 * personal contact alternating visit and call, each followed by an email
 * or a newsletter (14 touches a year, within the 12 to 16 the literature
 * asks for, in a mix of media); C regular email with a call every
 * quarter (12 a year); AAA/AA more than A, D light: an email and a
 * postcard a half-year apart. Quadrants: Key like A, Growth every two
 * weeks, Maintenance like B with a letter where B has the newsletter
 * (a thank-you to an account that needs keeping, not growing), Service
 * like C.
 */
static const struct {
	const char *name, *spec;
} grade_defaults[] = {
	{ "AAA", "4 visit, call, email, call" },
	{ "AA", "5 visit, call, email, call, call" },
	{ "A", "7 visit, call, call, call" },
	{ "B", "26 visit, email, call, newsletter" },
	{ "C", "30 email, email, call" },
	{ "D", "91 email, postcard" },
	{ NULL, NULL }
}, quadrant_defaults[] = {
	{ "Key", "7 visit, call, call, call" },
	{ "Growth", "14 visit, call, email, call" },
	{ "Maintenance", "26 call, email, visit, letter" },
	{ "Service", "30 email, email, call" },
	{ NULL, NULL }
};

/*
 * Leads and referral sources, one line a track ("GRADE TRACK SPEC"): a
 * lead is worked by phone and email and not visited until it buys (a
 * visit is the time a paying client has earned); the better the lead, the
 * more often it is called. A referral source is kept warm and thanked: A
 * a call a month and a thank-you each quarter, by turns an invitation to
 * an event and a postcard; B an email every two months and a postcard
 * twice a year; C and D the newsletter. Track names say the channel, so
 * the reason reads "A lead: call every 14 days".
 */
static const struct {
	const char *name, *track, *spec;
} lead_defaults[] = {
	{ "AAA", "call", "7 call" }, { "AAA", "email", "14 email" },
	{ "AA", "call", "10 call" }, { "AA", "email", "21 email" },
	{ "A", "call", "14 call" }, { "A", "email", "30 email" },
	{ "B", "email", "30 email" }, { "B", "call", "60 call" },
	{ "C", "newsletter", "90 newsletter" },
	{ "D", "newsletter", "182 newsletter" },
	{ NULL, NULL, NULL }
}, referral_defaults[] = {
	{ "AAA", "call", "14 call" }, { "AAA", "thanks", "91 event, postcard" },
	{ "AA", "call", "21 call" }, { "AA", "thanks", "91 event, postcard" },
	{ "A", "call", "30 call" }, { "A", "thanks", "91 event, postcard" },
	{ "B", "email", "60 email" }, { "B", "thanks", "182 postcard" },
	{ "C", "newsletter", "90 newsletter" },
	{ "D", "newsletter", "182 newsletter" },
	{ NULL, NULL, NULL }
};

const char *
cg_tp_pop_name(int pop)
{
	return pop == CG_TP_LEADS ? "lead" : pop == CG_TP_REFERRALS ?
	    "referral source" : "client";
}

static struct cg_tp_cadence *
cadence_get(struct cg_tp_cadences *cs, const char *name, size_t n)
{
	struct cg_tp_cadence *c;
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strlen(cs->v[i].name) == n &&
		    strncasecmp(cs->v[i].name, name, n) == 0)
			return &cs->v[i];
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? 2 * cs->cap : 16;
		cs->v = cg_xreallocarray(cs->v, cs->cap, sizeof(*cs->v));
	}
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof(*c));
	if (n >= sizeof(c->name))
		n = sizeof(c->name) - 1;
	memcpy(c->name, name, n);
	return c;
}

static int
add_track(struct cg_tp_cadences *cs, struct cg_config *cfg,
    struct cg_config_entry *e, const char *cname, const char *tname,
    struct cg_err *err)
{
	struct cg_tp_cadence *c;
	struct cg_tp_track t;
	char why[160];

	if (cg_tp_track_parse(e->value, &t, why, sizeof(why)) < 0)
		return cg_config_err(err, cfg, e, "bad cadence '%s': %s",
		    e->value, why);
	c = cadence_get(cs, cname, strlen(cname));
	if (c->builtin) {	/* the config replaces a default entirely */
		c->builtin = 0;
		c->ntracks = 0;
	}
	if (c->ntracks == CG_TP_MAXTRACKS)
		return cg_config_err(err, cfg, e, "more than %d tracks for "
		    "cadence %s", CG_TP_MAXTRACKS, cname);
	snprintf(t.name, sizeof(t.name), "%s", tname);
	c->tracks[c->ntracks++] = t;
	return 0;
}

/* One built-in track of cadence `name`. */
static int
builtin_track(struct cg_tp_cadences *cs, const char *name, const char *track,
    const char *spec, struct cg_err *err)
{
	struct cg_tp_cadence *c = cadence_get(cs, name, strlen(name));
	char why[160];

	if (c->ntracks == CG_TP_MAXTRACKS ||
	    cg_tp_track_parse(spec, &c->tracks[c->ntracks], why,
	    sizeof(why)) < 0)
		return cg_err_set(err, CG_ECONFIG, NULL, 0, 0,
		    "built-in cadence %s: %s", name, why);
	c->builtin = 1;
	snprintf(c->tracks[c->ntracks].name, sizeof(c->tracks[0].name), "%s",
	    track);
	c->ntracks++;
	return 0;
}

/*
 * The config's cadences: [SEC] NAME = SPEC (one track) and [SEC.NAME]
 * TRACK = SPEC, in file order, so a later line for the same name adds a
 * track.
 */
static int
config_cadences(struct cg_tp_cadences *cs, const char *sec,
    struct cg_config *cfg, struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t i, n = strlen(sec);

	if (cfg == NULL)
		return 0;
	for (i = 0; i < cfg->n; i++) {
		e = &cfg->v[i];
		if (strcmp(e->section, sec) == 0) {
			e->used = 1;
			if (add_track(cs, cfg, e, e->key, "touch", err) < 0)
				return -1;
		} else if (strncmp(e->section, sec, n) == 0 &&
		    e->section[n] == '.' && e->section[n + 1] != '\0') {
			e->used = 1;
			if (add_track(cs, cfg, e, e->section + n + 1, e->key,
			    err) < 0)
				return -1;
		}
	}
	return 0;
}

int
cg_tp_cadences_load(struct cg_tp_cadences *cs, int by_quadrant,
    struct cg_config *cfg, struct cg_err *err)
{
	int k;

	memset(cs, 0, sizeof(*cs));
	for (k = 0; by_quadrant ? quadrant_defaults[k].name != NULL :
	    grade_defaults[k].name != NULL; k++) {
		const char *name = by_quadrant ? quadrant_defaults[k].name :
		    grade_defaults[k].name;
		const char *spec = by_quadrant ? quadrant_defaults[k].spec :
		    grade_defaults[k].spec;

		if (builtin_track(cs, name, "touch", spec, err) < 0)
			return -1;
	}
	return config_cadences(cs, "touchplan.cadence", cfg, err);
}

int
cg_tp_cadences_load_pop(struct cg_tp_cadences *cs, int pop,
    struct cg_config *cfg, struct cg_err *err)
{
	int k;

	if (pop == CG_TP_CLIENTS)
		return cg_tp_cadences_load(cs, 0, cfg, err);
	memset(cs, 0, sizeof(*cs));
	for (k = 0; pop == CG_TP_LEADS ? lead_defaults[k].name != NULL :
	    referral_defaults[k].name != NULL; k++)
		if (pop == CG_TP_LEADS ? builtin_track(cs,
		    lead_defaults[k].name, lead_defaults[k].track,
		    lead_defaults[k].spec, err) < 0 : builtin_track(cs,
		    referral_defaults[k].name, referral_defaults[k].track,
		    referral_defaults[k].spec, err) < 0)
			return -1;
	return config_cadences(cs, pop == CG_TP_LEADS ?
	    "touchplan.lead.cadence" : "touchplan.referral.cadence", cfg, err);
}

void
cg_tp_cadences_free(struct cg_tp_cadences *cs)
{
	free(cs->v);
	memset(cs, 0, sizeof(*cs));
}

const struct cg_tp_cadence *
cg_tp_cadence_find(const struct cg_tp_cadences *cs, const char *name,
    size_t n)
{
	size_t i;

	while (n > 0 && isspace((unsigned char)*name)) {
		name++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)name[n - 1]))
		n--;
	for (i = 0; i < cs->n; i++)
		if (strlen(cs->v[i].name) == n &&
		    strncasecmp(cs->v[i].name, name, n) == 0)
			return &cs->v[i];
	return NULL;
}

double
cg_tp_cadence_per_year(const struct cg_tp_cadence *c)
{
	double s = 0;
	int i;

	for (i = 0; i < c->ntracks; i++)
		s += 365.0 / c->tracks[i].every;
	return s;
}
