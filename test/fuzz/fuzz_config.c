/*
 * fuzz_config.c - cg_config_load_string on any text: loads or fails
 * with a message naming the line, never crashes; the loaded entries can
 * be walked, read as numbers and yes/no, and checked.
 */
#include "fuzz.h"	/* first: it defines _GNU_SOURCE */
#include <stdint.h>
#include "clientgrade/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const owned[] = { "clientgrade", "columns",
	    "grade", "grade.*", NULL };
	struct cg_config cfg;
	struct cg_err err;
	char *text = malloc(n + 1);
	size_t i;
	double v;
	int b;

	memcpy(text, data, n);
	text[n] = '\0';
	memset(&cfg, 0, sizeof(cfg));
	if (cg_config_load_string(&cfg, "fuzz.ini", text, &err) == 0) {
		for (i = 0; i < cfg.n; i++) {
			struct cg_config_entry *e = &cfg.v[i];

			if (e->section == NULL || e->key == NULL ||
			    e->value == NULL)
				abort();
			(void)cg_config_num(&cfg, e, &v, &err);
			(void)cg_config_bool(&cfg, e, &b, &err);
		}
		(void)cg_config_get(&cfg, "grade", "method");
		(void)cg_config_check(&cfg, owned, &err);
	} else if (err.msg[0] == '\0')
		abort();	/* a failure must say why */
	cg_config_free(&cfg);
	free(text);
	return 0;
}
