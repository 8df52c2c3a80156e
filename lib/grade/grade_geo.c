/*
 * grade_geo.c - the distance factor from where the accounts are (issue
 * 17, seed 000: "their physical location"). With latitude and longitude
 * columns and a home (--home LAT,LON, or home = in [clientgrade]), or a
 * home per owner for a team (--homes FILE of owner,latitude,longitude),
 * each account's distance is the great-circle km from its home. A
 * distance column, when the file has one, wins: it may hold the road
 * distance, which is what a rep drives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientgrade/alloc.h"
#include "clientgrade/field.h"
#include "clientgrade/geo.h"
#include "clientgrade/roles.h"
#include "grade_int.h"

int
cg_grade_parse_home(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	const char *why;

	if (cg_geo_parse(arg, strlen(arg), &o->home, &why) < 0)
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0, "--home: '%s': %s",
		    arg, why);
	o->home_set = 1;
	return 0;
}

int
cg_grade_parse_homes(struct cg_grade_opts *o, const char *arg,
    struct cg_err *err)
{
	if (*arg == '\0')
		return cg_err_set(err, CG_EUSAGE, NULL, 0, 0,
		    "--homes: the file name is empty");
	o->homes = arg;
	return 0;
}

int
cg_grade_geo_config(struct cg_grade_opts *o, struct cg_config *cfg,
    struct cg_err *err)
{
	struct cg_config_entry *e;
	const char *why;

	/* Taken (marked used) even when --home wins, as the other keys. */
	if ((e = cg_config_get(cfg, "clientgrade", "home")) == NULL ||
	    o->home_set)
		return 0;
	if (cg_geo_parse(e->value, strlen(e->value), &o->home, &why) < 0)
		return cg_config_err(err, cfg, e, "bad value '%s' for 'home' "
		    "(%s)", e->value, why);
	o->home_set = 2;
	return 0;
}

/*
 * The coordinates of a row: 1 (in *p), 0 (a cell empty: missing) or -1
 * (a cell that is no number, or out of range: err names the cell).
 */
static int
coord(struct cg_reader *r, const struct cg_row *row, size_t la, size_t lo,
    struct cg_point *p, struct cg_err *err)
{
	const struct cg_row *h = cg_reader_hdr(r);
	const char *why;
	size_t c;
	int a, b, lat;

	if ((a = cg_field_num(r, row, la, &p->lat, err)) < 0 ||
	    (b = cg_field_num(r, row, lo, &p->lon, err)) < 0)
		return -1;
	if (a == 0 || b == 0)
		return 0;
	if (cg_geo_check(p->lat, p->lon, &why) == 0)
		return 1;
	lat = !(p->lat >= -90 && p->lat <= 90);
	c = lat ? la : lo;
	return cg_row_err(err, CG_EVALUE, r, row, c, "%.*s: '%.*s' is not a "
	    "%s (%s degrees)", (int)(h->len[c] > 40 ? 40 : h->len[c]), h->f[c],
	    (int)(row->len[c] > 20 ? 20 : row->len[c]), row->f[c],
	    lat ? "latitude" : "longitude", lat ? "-90..90" : "-180..180");
}

/* --homes FILE: one owner a line; a file of the user's, so any doubt in
 * it is an error naming the place rather than a guess. */
static int
load_homes(struct cg_grade_ctx *g, const char *path, struct cg_err *err)
{
	static const char *const role[] = { "owner", "latitude", "longitude" };
	struct cg_grade_geo *geo = &g->geo;
	struct cg_reader_opts ro = cg_run_reader_opts(g->run, 0);
	struct cg_reader *r;
	const struct cg_row *hdr, *row;
	struct cg_point p;
	size_t col[3], i, cap = 0;
	int rc, k, added;

	ro.delim = 0;	/* its own dialect, whatever the accounts use */
	ro.decimal = 0;
	if ((r = cg_reader_open_path(path, &ro, err)) == NULL)
		return -1;
	if ((rc = cg_reader_header(r, &hdr, err)) <= 0) {
		if (rc == 0)
			cg_err_set(err, CG_EDATA, path, 0, 0, "--homes: the "
			    "file is empty (want owner,latitude,longitude)");
		goto fail;
	}
	for (k = 0; k < 3; k++)
		if (cg_role_find(hdr, NULL, role[k], &col[k], NULL) <= 0) {
			cg_err_set(err, CG_EROLE, path, hdr->line, 0, "--homes: "
			    "no %s column (want owner,latitude,longitude)",
			    role[k]);
			goto fail;
		}
	while ((rc = cg_reader_next(r, &row, err)) > 0) {
		if (row->len[col[0]] == 0) {
			cg_row_err(err, CG_EDATA, r, row, col[0], "--homes: a "
			    "home without an owner");
			goto fail;
		}
		if ((rc = coord(r, row, col[1], col[2], &p, err)) <= 0) {
			if (rc == 0)
				cg_row_err(err, CG_EDATA, r, row, col[0],
				    "--homes: '%.*s' has no latitude or "
				    "longitude", (int)(row->len[col[0]] > 40 ?
				    40 : row->len[col[0]]), row->f[col[0]]);
			goto fail;
		}
		i = cg_strtab_intern(&geo->owners, row->f[col[0]],
		    row->len[col[0]], &added);
		if (!added) {
			cg_row_err(err, CG_EDATA, r, row, col[0], "--homes: "
			    "'%.*s' has a home already", (int)(row->len[col[0]] >
			    40 ? 40 : row->len[col[0]]), row->f[col[0]]);
			goto fail;
		}
		if (i >= cap) {
			cap = cap ? cap * 2 : 16;
			geo->home = cg_xreallocarray(geo->home, cap,
			    sizeof(*geo->home));
		}
		geo->home[i] = p;
	}
	if (rc < 0)
		goto fail;
	cg_reader_free(r);
	return 0;
fail:
	cg_reader_free(r);
	return -1;
}

/* "52.52,13.405" for the note. */
static const char *
where(char *buf, size_t cap, const struct cg_point *p)
{
	char a[48], b[48];

	cg_fmt_num(a, sizeof(a), p->lat, 6, 1, '.');
	cg_fmt_num(b, sizeof(b), p->lon, 6, 1, '.');
	snprintf(buf, cap, "%s,%s", a, b);
	return buf;
}

int
cg_grade_geo_find(struct cg_grade_ctx *g, const struct cg_row *hdr,
    int found, struct cg_err *err)
{
	const struct cg_grade_opts *o = g->o;
	struct cg_grade_geo *geo = &g->geo;
	const size_t dc = g->col[CG_GF_DISTANCE];
	size_t la, lo;
	int hla, hlo, how;
	char buf[112];

	geo->owner = CG_NO_COL;
	/* Looked for quietly: the alias notes are for columns used. */
	if ((hla = cg_role_find_how(hdr, g->run->cols, "latitude", &la, &how,
	    err)) < 0 || (hlo = cg_role_find_how(hdr, g->run->cols,
	    "longitude", &lo, &how, err)) < 0)
		return -1;
	if (!g->used_hint[CG_GF_DISTANCE])
		return found;
	if (found) {
		if (hla && hlo && (o->home_set || o->homes != NULL))
			cg_note(g->run, "distance read from '%.*s'; the "
			    "latitude and longitude were not used",
			    (int)(hdr->len[dc] > 40 ? 40 : hdr->len[dc]),
			    hdr->f[dc]);
		return found;
	}
	if (!hla && !hlo) {
		if (o->home_set || o->homes != NULL)
			cg_note(g->run, "no distance: the file has no latitude "
			    "and longitude to measure from the home");
		return 0;
	}
	if (!hla || !hlo) {
		cg_note(g->run, "no distance: the file has a %s column but no "
		    "%s", hla ? "latitude" : "longitude",
		    hla ? "longitude" : "latitude");
		return 0;
	}
	if (!o->home_set && o->homes == NULL) {
		cg_note(g->run, "the distance factor is off: the file has "
		    "latitude and longitude but no home to measure from (pin "
		    "one with --home LAT,LON)");
		return 0;
	}
	cg_strtab_init(&geo->owners);
	cg_strtab_init(&geo->told);
	if (o->homes != NULL) {
		if (load_homes(g, o->homes, err) < 0)
			return -1;
		if (cg_role_use(g->run, hdr, "owner", &geo->owner, err) <= 0)
			return cg_err_set(err, CG_EROLE, cg_reader_name(g->r),
			    hdr->line, 0, "--homes measures each account from "
			    "its owner's home, and the file has no owner column "
			    "(use --col owner=HEADER, or --home LAT,LON)");
	}
	(void)cg_role_use(g->run, hdr, "latitude", &geo->lat, NULL);
	(void)cg_role_use(g->run, hdr, "longitude", &geo->lon, NULL);
	if (o->homes != NULL)
		cg_note(g->run, "distance: km as the crow flies from each "
		    "owner's home in %s", o->homes);
	else
		cg_note(g->run, "distance: km as the crow flies from %s%s%s",
		    o->home_set == 2 ? "home = " : "--home ",
		    where(buf, sizeof(buf), &o->home), o->home_set == 2 ?
		    " in [clientgrade]" : "");
	geo->on = 1;
	return 1;
}

/*
 * The home of a row's owner (--homes), or NULL. An owner missing from
 * FILE is measured from --home when there is one, else has no distance;
 * either is said once per owner.
 */
static const struct cg_point *
owner_home(struct cg_grade_ctx *g, const struct cg_row *row)
{
	const struct cg_grade_opts *o = g->o;
	struct cg_grade_geo *geo = &g->geo;
	const char *s = "";
	size_t i, n = 0;
	int added, w;

	if (geo->owner < row->n) {
		s = row->f[geo->owner];
		n = row->len[geo->owner];
	}
	if ((i = cg_strtab_find(&geo->owners, s, n)) != CG_STRTAB_NONE)
		return &geo->home[i];
	(void)cg_strtab_intern(&geo->told, s, n, &added);
	if (added) {
		w = n > 40 ? 40 : (int)n;
		if (o->home_set && n > 0)
			cg_note(g->run, "%s has no home for owner '%.*s': "
			    "measured from %s", o->homes, w, s, o->home_set == 2 ?
			    "[clientgrade] home" : "--home");
		else if (o->home_set)
			cg_note(g->run, "accounts without an owner are measured "
			    "from %s", o->home_set == 2 ? "[clientgrade] home" :
			    "--home");
		else if (n > 0)
			cg_warning(g->run, "%s has no home for owner '%.*s': "
			    "their accounts have no distance", o->homes, w, s);
		else
			cg_warning(g->run, "accounts without an owner have no "
			    "home in %s: no distance", o->homes);
	}
	return o->home_set ? &o->home : NULL;
}

int
cg_grade_geo_km(struct cg_grade_ctx *g, const struct cg_row *row,
    double *km, struct cg_err *err)
{
	const struct cg_point *home = &g->o->home;
	struct cg_point at;
	int rc;

	if ((rc = coord(g->r, row, g->geo.lat, g->geo.lon, &at, err)) <= 0)
		return rc;
	if (g->geo.owner != CG_NO_COL && (home = owner_home(g, row)) == NULL)
		return 0;
	*km = cg_geo_km(home, &at);
	return 1;
}

void
cg_grade_geo_free(struct cg_grade_geo *geo)
{
	/* A table never set up is all zeros, which frees as empty. */
	cg_strtab_free(&geo->owners);
	cg_strtab_free(&geo->told);
	free(geo->home);
	memset(geo, 0, sizeof(*geo));
}
