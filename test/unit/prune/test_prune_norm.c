/*
 * test_prune_norm.c - the keys under which prune calls two rows one
 * account, and the choice of the row to keep.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "clientgrade/buf.h"
#include "clientgrade/prune.h"

struct norm_case {
	const char *name;	/* check name, a sentence */
	size_t (*fn)(const char *, size_t, struct cg_buf *);
	const char *in;
	const char *want;	/* "" = no key */
};

static const struct norm_case cases[] = {
	{ "a plain name is lowercased and spaces go", cg_prune_norm_name,
	    "Northwind Traders", "northwindtraders" },
	{ "Inc. with a comma is dropped", cg_prune_norm_name,
	    "Fabrikam, Inc.", "fabrikam" },
	{ "Inc without a dot is dropped", cg_prune_norm_name,
	    "Fabrikam Inc", "fabrikam" },
	{ "LLC is dropped", cg_prune_norm_name, "Acme LLC", "acme" },
	{ "Ltd. is dropped", cg_prune_norm_name, "Contoso Ltd.", "contoso" },
	{ "Limited is dropped", cg_prune_norm_name, "Contoso Limited",
	    "contoso" },
	{ "GmbH is dropped and umlauts fold", cg_prune_norm_name,
	    "Café Müller GmbH", "cafemuller" },
	{ "capital accented letters fold", cg_prune_norm_name,
	    "CAFÉ MÜLLER", "cafemuller" },
	{ "S.A. is dropped and cedilla folds", cg_prune_norm_name,
	    "Açores Comércio S.A.", "acorescomercio" },
	{ "SA without dots is dropped", cg_prune_norm_name,
	    "Acores Comercio SA", "acorescomercio" },
	{ "S.L. is dropped", cg_prune_norm_name, "Peña Hermanos, S.L.",
	    "penahermanos" },
	{ "B.V. is dropped", cg_prune_norm_name, "Groene Weg B.V.",
	    "groeneweg" },
	{ "Pty Ltd is dropped as two words", cg_prune_norm_name,
	    "Koala Supplies Pty Ltd", "koalasupplies" },
	{ "GmbH & Co. KG is dropped whole", cg_prune_norm_name,
	    "Weiß Logistik GmbH & Co. KG", "weisslogistik" },
	{ "Corporation and Corp. agree", cg_prune_norm_name,
	    "Acme Corporation", "acme" },
	{ "a leading The is dropped", cg_prune_norm_name,
	    "The Phone Company", "phone" },
	{ "ampersand reads as and", cg_prune_norm_name,
	    "Smith & Wesson", "smithandwesson" },
	{ "and spelt out matches ampersand", cg_prune_norm_name,
	    "Smith and Wesson", "smithandwesson" },
	{ "typographic apostrophe is dropped", cg_prune_norm_name,
	    "McDonald\xe2\x80\x99s", "mcdonalds" },
	{ "ASCII apostrophe is dropped", cg_prune_norm_name,
	    "McDonald's", "mcdonalds" },
	{ "Latin Extended-A letters fold", cg_prune_norm_name,
	    "Łódź Żywiec Škoda", "lodzzywiecskoda" },
	{ "oe ligature folds to two letters", cg_prune_norm_name,
	    "Œuvre", "oeuvre" },
	{ "NBSP separates words", cg_prune_norm_name,
	    "North\xc2\xa0wind", "northwind" },
	{ "a name that is only a suffix is kept", cg_prune_norm_name,
	    "Limited", "limited" },
	{ "punctuation alone gives no key", cg_prune_norm_name,
	    " - ", "" },
	{ "an empty name gives no key", cg_prune_norm_name, "", "" },
	{ "other scripts pass through", cg_prune_norm_name,
	    "Газпром", "Газпром" },
	{ "email is trimmed and lowercased", cg_prune_norm_email,
	    " Ana.Silva@Northwind.Example ", "ana.silva@northwind.example" },
	{ "mailto: is dropped", cg_prune_norm_email,
	    "mailto:x@y.example", "x@y.example" },
	{ "text without @ is no email", cg_prune_norm_email,
	    "n/a", "" },
	{ "email domain is taken after @", cg_prune_norm_domain,
	    "Ana@Northwind.Example", "northwind.example" },
	{ "gmail is free mail and gives no domain", cg_prune_norm_domain,
	    "someone@gmail.com", "" },
	{ "hotmail is free mail", cg_prune_norm_domain,
	    "someone@HOTMAIL.com", "" },
	{ "a website gives its host without www", cg_prune_norm_domain,
	    "https://www.Contoso.example/about", "contoso.example" },
	{ "a bare host is a domain", cg_prune_norm_domain,
	    "contoso.example", "contoso.example" },
	{ "a word without a dot is no domain", cg_prune_norm_domain,
	    "localhost", "" },
	{ "phone keeps the last nine digits", cg_prune_norm_phone,
	    "+44 20 7946 0958", "079460958" },
	{ "national and international forms agree", cg_prune_norm_phone,
	    "020 7946 0958", "079460958" },
	{ "a short number gives no key", cg_prune_norm_phone,
	    "12-34", "" },
};

static void
norm_cases(void **state)
{
	struct cg_buf b = CG_BUF_INIT;
	size_t i, fails = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct norm_case *c = &cases[i];
		size_t n = c->fn(c->in, strlen(c->in), &b);
		if (n != strlen(c->want) || (n > 0 && memcmp(b.s, c->want, n))) {
			printf("FAIL %s: got \"%.*s\", want \"%s\"\n", c->name,
			    (int)n, n ? b.s : "", c->want);
			fails++;
		}
	}
	cg_buf_free(&b);
	assert_int_equal(fails, 0);
}

static void
freemail_knows_common_providers(void **state)
{
	(void)state;
	assert_true(cg_prune_freemail("gmail.com", 9));
	assert_true(cg_prune_freemail("yahoo.co.uk", 11));
	assert_true(cg_prune_freemail("web.de", 6));
	assert_false(cg_prune_freemail("gmail.co", 8));
	assert_false(cg_prune_freemail("contoso.example", 15));
}

/* Rows as (filled, contact, keys...). */
static void
add(struct cg_dupes *d, long row, int filled, int32_t contact,
    const char *id, const char *k1, const char *k2)
{
	struct cg_buf k[2] = { CG_BUF_INIT, CG_BUF_INIT };
	struct cg_dupe_rank r = { row, filled, contact };

	if (k1)
		cg_buf_adds(&k[0], k1);
	if (k2)
		cg_buf_adds(&k[1], k2);
	cg_dupes_add(d, k, 2, &r, row + 2, id, id ? strlen(id) : 0);
	cg_buf_free(&k[0]);
	cg_buf_free(&k[1]);
}

static long
best(struct cg_dupes *d, const char *key, const char **id)
{
	struct cg_buf k = CG_BUF_INIT;
	long row = -1, line;

	cg_buf_adds(&k, key);
	if (!cg_dupes_best(d, &k, &row, &line, id))
		row = -1;
	cg_buf_free(&k);
	return row;
}

static void
most_complete_row_is_kept(void **state)
{
	struct cg_dupes *d = cg_dupes_new();
	const char *id;

	(void)state;
	add(d, 0, 5, 100, "A", "nacme", NULL);
	add(d, 1, 7, 50, "B", "nacme", NULL);
	add(d, 2, 6, 900, "C", "nacme", NULL);
	assert_int_equal(best(d, "nacme", &id), 1);
	assert_string_equal(id, "B");
	cg_dupes_free(d);
}

static void
ties_go_to_the_most_recent_contact_then_the_first_row(void **state)
{
	struct cg_dupes *d = cg_dupes_new();
	const char *id;

	(void)state;
	add(d, 0, 5, 100, "A", "nx", NULL);
	add(d, 1, 5, 300, "B", "nx", NULL);
	add(d, 2, 5, 300, "C", "nx", NULL);
	add(d, 3, 5, INT32_MIN, "D", "nx", NULL);
	assert_int_equal(best(d, "nx", &id), 1);
	add(d, 4, 4, 0, NULL, "ny", NULL);
	add(d, 5, 4, 0, NULL, "ny", NULL);
	assert_int_equal(best(d, "ny", &id), 4);
	assert_null(id);
	cg_dupes_free(d);
}

static void
groups_join_through_any_shared_key(void **state)
{
	struct cg_dupes *d = cg_dupes_new();
	const char *id;

	(void)state;
	add(d, 0, 3, 0, "A", "nalpha", "ea@x");
	add(d, 1, 9, 0, "B", "nbeta", "pb");
	add(d, 2, 1, 0, "C", "ea@x", "pb");	/* links A and B */
	assert_int_equal(best(d, "nalpha", &id), 1);
	assert_int_equal(best(d, "pb", &id), 1);
	assert_int_equal(best(d, "ea@x", &id), 1);
	assert_string_equal(id, "B");
	assert_int_equal(best(d, "nomega", &id), -1);
	assert_int_equal(cg_dupes_nkeys(d), 4);
	cg_dupes_free(d);
}

static void
many_distinct_keys_stay_findable(void **state)
{
	struct cg_dupes *d = cg_dupes_new();
	char k[32], id[32];
	const char *got;
	long i;

	(void)state;
	for (i = 0; i < 50000; i++) {
		snprintf(k, sizeof(k), "n%ld", i % 20000);
		snprintf(id, sizeof(id), "R%ld", i);
		add(d, i, (int)(i % 7), 0, id, k, NULL);
	}
	assert_int_equal(cg_dupes_nkeys(d), 20000);
	/* key n5: rows 5 (filled 5), 20005 (6), 40005 (2): 20005 wins. */
	assert_int_equal(best(d, "n5", &got), 20005);
	assert_string_equal(got, "R20005");
	cg_dupes_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(norm_cases),
		cmocka_unit_test(freemail_knows_common_providers),
		cmocka_unit_test(most_complete_row_is_kept),
		cmocka_unit_test(ties_go_to_the_most_recent_contact_then_the_first_row),
		cmocka_unit_test(groups_join_through_any_shared_key),
		cmocka_unit_test(many_distinct_keys_stay_findable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
