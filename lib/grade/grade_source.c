/*
 * grade_source.c - the source vocabulary: where a lead came from, to
 * points 1..5 (grade.1 FACTORS). A referred lead closes far more often
 * than one from a bought list; events and inbound interest sit between.
 */
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/grade.h"

static const struct {
	const char *name;
	int points;
} builtin[] = {
	{ "referral", 5 }, { "referred", 5 }, { "customer referral", 5 },
	{ "employee referral", 5 }, { "partner", 5 },
	{ "partner referral", 5 }, { "word of mouth", 5 },
	{ "event", 4 }, { "events", 4 }, { "trade show", 4 },
	{ "tradeshow", 4 }, { "trade fair", 4 }, { "conference", 4 },
	{ "webinar", 4 }, { "seminar", 4 }, { "workshop", 4 },
	{ "inbound", 3 }, { "web", 3 }, { "website", 3 }, { "web form", 3 },
	{ "organic", 3 }, { "organic search", 3 }, { "seo", 3 },
	{ "content", 3 }, { "blog", 3 }, { "social", 3 },
	{ "social media", 3 }, { "email", 3 }, { "newsletter", 3 },
	{ "chat", 3 },
	{ "paid", 2 }, { "paid search", 2 }, { "ppc", 2 },
	{ "advertising", 2 }, { "ads", 2 }, { "paid social", 2 },
	{ "display", 2 }, { "affiliate", 2 }, { "other", 2 },
	{ "outbound", 1 }, { "cold call", 1 }, { "cold calling", 1 },
	{ "cold email", 1 }, { "cold outreach", 1 }, { "purchased list", 1 },
	{ "list purchase", 1 }, { "bought list", 1 }, { "list", 1 },
};

/* Lower case, punctuation and blanks to single spaces, trimmed: the
 * comparison stage names get (stage.h), so "Trade-Show" is "trade show". */
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
cg_grade_sources_init(struct cg_grade_sources *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		cg_grade_sources_add(s, builtin[i].name,
		    strlen(builtin[i].name), builtin[i].points);
}

void
cg_grade_sources_add(struct cg_grade_sources *s, const char *name, size_t n,
    int points)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = cg_xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n].word = normalise(name, n);
	s->v[s->n].points = points;
	s->n++;
}

void
cg_grade_sources_free(struct cg_grade_sources *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].word);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int
cg_grade_source_points(const struct cg_grade_sources *s, const char *name,
    size_t n)
{
	char *w = normalise(name, n);
	size_t i;
	int points = 0;

	/* The last match wins: the config's words come after the built-in
	 * ones. */
	for (i = s->n; i-- > 0; )
		if (strcmp(s->v[i].word, w) == 0) {
			points = s->v[i].points;
			break;
		}
	free(w);
	return points;
}
