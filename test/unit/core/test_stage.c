/*
 * test_stage.c - the stage vocabulary: what CRMs export reads as client,
 * lead or referral source, and [stages] extends it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "clientgrade/config.h"
#include "clientgrade/stage.h"

static const struct {
	const char *name;
	int kind;
} words[] = {
	{ "Customer - Direct", CG_STAGE_CLIENT },
	{ "Customer - Channel", CG_STAGE_CLIENT },
	{ "Closed Won", CG_STAGE_CLIENT },
	{ "  active ", CG_STAGE_CLIENT },
	{ "Client", CG_STAGE_CLIENT },
	{ "Lead", CG_STAGE_LEAD },
	{ "MQL", CG_STAGE_LEAD },
	{ "sql", CG_STAGE_LEAD },
	{ "Opportunity", CG_STAGE_LEAD },
	{ "Prospect", CG_STAGE_LEAD },
	{ "Partner", CG_STAGE_REFERRAL },
	{ "Referral partner", CG_STAGE_REFERRAL },
	{ "Channel-Partner", CG_STAGE_REFERRAL },
	{ "Lost", CG_STAGE_UNKNOWN },
	{ "", CG_STAGE_UNKNOWN },
};

static void
test_crm_words_have_their_kind(void **state)
{
	struct cg_stages s;
	size_t i;

	(void)state;
	cg_stages_init(&s);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		int k = cg_stage_kind(&s, words[i].name, strlen(words[i].name));

		if (k != words[i].kind)
			fail_msg("'%s' is %s, want %s", words[i].name,
			    cg_stage_kind_name(k),
			    cg_stage_kind_name(words[i].kind));
		assert_int_equal(cg_stage_kind(NULL, words[i].name,
		    strlen(words[i].name)), words[i].kind);
	}
	cg_stages_free(&s);
}

static void
test_the_config_extends_and_overrides(void **state)
{
	struct cg_config cfg;
	struct cg_stages s;
	struct cg_err err;

	(void)state;
	cg_stages_init(&s);
	assert_int_equal(cg_config_load_string(&cfg, "t.ini",
	    "[stages]\nclient = Bestandskunde, Key account\n"
	    "lead = Partner\n", &err), 0);
	assert_int_equal(cg_stages_config(&s, &cfg, &err), 0);
	assert_int_equal(cg_stage_kind(&s, "bestandskunde", 13),
	    CG_STAGE_CLIENT);
	assert_int_equal(cg_stage_kind(&s, "Key Account", 11), CG_STAGE_CLIENT);
	assert_int_equal(cg_stage_kind(&s, "partner", 7), CG_STAGE_LEAD);
	cg_config_free(&cfg);
	assert_int_equal(cg_config_load_string(&cfg, "t.ini",
	    "[stages]\nbuyer = X\n", &err), 0);
	assert_int_equal(cg_stages_config(&s, &cfg, &err), -1);
	assert_int_equal(err.code, CG_ECONFIG);
	assert_string_equal(err.msg, "unknown key 'buyer' in [stages] (want "
	    "client, lead or referral)");
	cg_config_free(&cfg);
	cg_stages_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crm_words_have_their_kind),
		cmocka_unit_test(test_the_config_extends_and_overrides),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
