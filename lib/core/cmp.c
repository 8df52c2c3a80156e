/*
 * cmp.c - the operator and value of a filter condition (cmp.h).
 */
#include <string.h>

#include "clientgrade/cmp.h"
#include "clientgrade/value.h"

const char *
cg_cmp_find(const char *s, int *op, size_t *oplen)
{
	for (; *s != '\0'; s++) {
		*oplen = s[1] == '=' ? 2 : 1;
		switch (*s) {
		case '=':
			*op = CG_CMP_EQ;
			*oplen = 1;
			return s;
		case '!':
			if (s[1] != '=')
				break;
			*op = CG_CMP_NE;
			return s;
		case '<':
			*op = s[1] == '=' ? CG_CMP_LE : CG_CMP_LT;
			return s;
		case '>':
			*op = s[1] == '=' ? CG_CMP_GE : CG_CMP_GT;
			return s;
		}
	}
	return NULL;
}

int
cg_cmp_read(const char *s, size_t n, struct cg_cmp_val *v)
{
	memset(v, 0, sizeof(*v));
	v->ok_us = cg_parse_date(s, n, CG_DATES_US, &v->day_us, NULL) ==
	    CG_V_OK;
	v->ok_eu = cg_parse_date(s, n, CG_DATES_EU, &v->day_eu, NULL) ==
	    CG_V_OK;
	if (v->ok_us || v->ok_eu) {
		v->type = 'd';
		return 0;
	}
	if (cg_parse_num(s, n, '.', &v->num, NULL) == CG_V_OK) {
		v->type = 'n';
		return 0;
	}
	return -1;
}
