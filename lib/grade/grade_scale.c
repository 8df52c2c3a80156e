/*
 * grade_scale.c - grade scales: the named ones (abc, aaa, ad) and custom
 * lists with cut scores or shares of accounts.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/grade.h"
#include "clientgrade/value.h"

static const struct {
	const char *name, *spec;
} named[] = {
	{ "abc", "A:70,B:40,C" },
	{ "aaa", "AAA:85,AA:70,A:55,B:40,C" },
	{ "ad", "A:75,B:50,C:25,D" },
};

/* Trim blanks around s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)*s))
		s++, (*n)--;
	while (*n > 0 && isspace((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

/* Parse one list item p[0..n), "NAME[:NUM[%]]", into s->name/cut[k]. */
static int
item(struct cg_grade_scale *s, size_t k, const char *p, size_t n, int last,
    int *pct, const char *what, struct cg_err *err)
{
	const char *end = p + n, *colon = memchr(p, ':', n), *num;
	size_t nl = colon ? (size_t)(colon - p) : n, nn;
	double x;
	int isp;

	p = trim(p, &nl);
	if (nl == 0 || nl >= CG_GRADE_NAMELEN)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: grade %zu: name must be 1 to %d characters", what,
		    k + 1, CG_GRADE_NAMELEN - 1);
	if (strchr("=+-@", p[0]) != NULL)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: grade name '%.*s' must not begin with = + - or @",
		    what, (int)nl, p);
	memcpy(s->name[k], p, nl);
	s->name[k][nl] = '\0';
	if (colon == NULL) {
		if (!last)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "%s: grade '%s' needs a cut score or share "
			    "(NAME:NUMBER or NAME:NUMBER%%)", what, s->name[k]);
		return 0;
	}
	if (last)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: the last grade '%s' takes the rest and has no number",
		    what, s->name[k]);
	nn = (size_t)(end - colon - 1);
	num = trim(colon + 1, &nn);
	isp = nn > 0 && num[nn - 1] == '%';
	if (cg_parse_num(num, nn - (size_t)isp, '.', &x, NULL) != CG_V_OK ||
	    x < 0 || x > 100)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: grade '%s': '%.*s' is not a number from 0 to 100",
		    what, s->name[k], (int)nn, num);
	if (*pct >= 0 && *pct != isp)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: use either cut scores or shares (%%), not both", what);
	*pct = isp;
	s->cut[k] = isp ? x / 100 : x;
	return 0;
}

int
cg_grade_scale_parse(struct cg_grade_scale *s, const char *spec,
    const char *what, struct cg_err *err)
{
	const char *p, *e;
	size_t i, k;
	int pct = -1;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcasecmp(spec, named[i].name) == 0)
			return cg_grade_scale_parse(s, named[i].spec, what, err);
	memset(s, 0, sizeof(*s));
	for (p = spec, k = 0; ; p = e + 1, k++) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (k == CG_GRADE_MAXG)
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "%s: at most %d grades", what, CG_GRADE_MAXG);
		if (item(s, k, p, (size_t)(e - p), *e == '\0', &pct, what,
		    err) < 0)
			return -1;
		if (*e == '\0')
			break;
	}
	s->n = k + 1;
	if (s->n < 2)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "%s: '%s' is not abc, aaa, ad or a list like A:70,B:40,C",
		    what, spec);
	s->shares = pct == 1;
	for (i = 0; i + 1 < s->n; i++) {
		if (s->shares) {
			if (i > 0)
				s->cut[i] += s->cut[i - 1];
			if (s->cut[i] > 1 + 1e-9)
				return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
				    "%s: shares add up to more than 100%%",
				    what);
		} else if (i > 0 && s->cut[i] >= s->cut[i - 1]) {
			return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
			    "%s: cut scores must go down (%s after %s)", what,
			    s->name[i], s->name[i - 1]);
		}
		for (k = 0; k < i; k++)
			if (strcmp(s->name[k], s->name[i]) == 0)
				goto dup;
	}
	for (k = 0; k + 1 < s->n; k++)
		if (strcmp(s->name[k], s->name[s->n - 1]) == 0)
			goto dup;
	return 0;
dup:
	return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
	    "%s: grade names must differ", what);
}

size_t
cg_grade_scale_cut(const struct cg_grade_scale *s, double score)
{
	size_t i;

	for (i = 0; i + 1 < s->n; i++)
		if (score >= s->cut[i])
			return i;
	return s->n - 1;
}

size_t
cg_grade_scale_share(const struct cg_grade_scale *s, size_t above, size_t n)
{
	size_t i;

	/* above / n < cut[i], in integers' exactness where it matters. */
	for (i = 0; i + 1 < s->n; i++)
		if ((double)above < s->cut[i] * (double)n - 1e-9)
			return i;
	return s->n - 1;
}
