/*
 * stage.c - the stage vocabulary: CRM stage and type names to clients,
 * leads and referral sources (stage.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/alloc.h"
#include "clientgrade/stage.h"

/*
 * What CRMs export: Salesforce's Account Type and Opportunity Stage,
 * HubSpot's lifecycle stages, Pipedrive's and plain spreadsheets' words.
 */
static const struct {
	const char *name;
	int kind;
} builtin[] = {
	{ "client", CG_STAGE_CLIENT }, { "customer", CG_STAGE_CLIENT },
	{ "customer direct", CG_STAGE_CLIENT },
	{ "customer channel", CG_STAGE_CLIENT },
	{ "closed won", CG_STAGE_CLIENT }, { "won", CG_STAGE_CLIENT },
	{ "active", CG_STAGE_CLIENT }, { "active customer", CG_STAGE_CLIENT },
	{ "existing customer", CG_STAGE_CLIENT },
	{ "evangelist", CG_STAGE_CLIENT },
	{ "lead", CG_STAGE_LEAD }, { "prospect", CG_STAGE_LEAD },
	{ "mql", CG_STAGE_LEAD }, { "sql", CG_STAGE_LEAD },
	{ "marketing qualified lead", CG_STAGE_LEAD },
	{ "sales qualified lead", CG_STAGE_LEAD },
	{ "open", CG_STAGE_LEAD }, { "opportunity", CG_STAGE_LEAD },
	{ "qualified", CG_STAGE_LEAD }, { "proposal", CG_STAGE_LEAD },
	{ "prospecting", CG_STAGE_LEAD }, { "engaging", CG_STAGE_LEAD },
	{ "subscriber", CG_STAGE_LEAD }, { "new", CG_STAGE_LEAD },
	{ "partner", CG_STAGE_REFERRAL }, { "referral", CG_STAGE_REFERRAL },
	{ "referral partner", CG_STAGE_REFERRAL },
	{ "channel partner", CG_STAGE_REFERRAL },
	{ "reseller", CG_STAGE_REFERRAL }, { "influencer", CG_STAGE_REFERRAL },
};

/* Lower case, punctuation and blanks to single spaces, trimmed. */
static char *
normalise(const char *s, size_t n)
{
	char *out = cg_xmalloc(n + 1);
	size_t i, o = 0;
	int space = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c >= 0x80) {
			if (space && o > 0)
				out[o++] = ' ';
			space = 0;
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else
			space = 1;
	}
	out[o] = '\0';
	return out;
}

void
cg_stages_init(struct cg_stages *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		cg_stages_add(s, builtin[i].name, strlen(builtin[i].name),
		    builtin[i].kind);
}

void
cg_stages_free(struct cg_stages *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].word);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void
cg_stages_add(struct cg_stages *s, const char *name, size_t n, int kind)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = cg_xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n].word = normalise(name, n);
	s->v[s->n].kind = kind;
	s->n++;
}

int
cg_stages_config(struct cg_stages *s, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	size_t it = 0;
	const char *p, *q;
	int kind;

	while ((e = cg_config_each(cfg, "stages", &it)) != NULL) {
		if (strcasecmp(e->key, "client") == 0)
			kind = CG_STAGE_CLIENT;
		else if (strcasecmp(e->key, "lead") == 0)
			kind = CG_STAGE_LEAD;
		else if (strcasecmp(e->key, "referral") == 0)
			kind = CG_STAGE_REFERRAL;
		else
			return cg_config_err(err, cfg, e, "unknown key '%s' in "
			    "[stages] (want client, lead or referral)", e->key);
		for (p = e->value; *p != '\0'; p = *q ? q + 1 : q) {
			q = strchr(p, ',');
			if (q == NULL)
				q = p + strlen(p);
			cg_stages_add(s, p, (size_t)(q - p), kind);
		}
	}
	return 0;
}

int
cg_stage_kind(const struct cg_stages *s, const char *name, size_t n)
{
	char *w = normalise(name, n);
	size_t i;
	int kind = CG_STAGE_UNKNOWN;

	/* The last match wins: the config's words come after the built-in
	 * ones. Without a vocabulary, the built-in words (all normalised). */
	if (s == NULL) {
		for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
			if (strcmp(builtin[i].name, w) == 0)
				kind = builtin[i].kind;
	} else
		for (i = s->n; i-- > 0; )
			if (strcmp(s->v[i].word, w) == 0) {
				kind = s->v[i].kind;
				break;
			}
	free(w);
	return kind;
}

const char *
cg_stage_kind_name(int kind)
{
	return kind == CG_STAGE_CLIENT ? "client" : kind == CG_STAGE_LEAD ?
	    "lead" : kind == CG_STAGE_REFERRAL ? "referral source" :
	    "unknown";
}
