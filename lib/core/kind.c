/*
 * kind.c - what a file is, by its header, when it is a clientgrade
 * output that makes no sense as some tool's input: a plan fed back to
 * touchplan, a summary fed to grade. Each output is known by the columns
 * only it writes, in the order it writes them.
 */
#include <string.h>

#include "clientgrade/roles.h"

static const struct {
	const char *what;		/* "a touchplan plan" */
	const char *const cols[8];	/* leading header names, exact */
} kinds[] = {
	{ "a touchplan plan", { "date", "owner", "account_id", "account",
	    "grade", "channel", "touch", NULL } },
	{ "a grade --summary", { "grade", "accounts", "accounts_share",
	    "volume", "volume_share", NULL } },
	{ "a grade --summary", { "population", "grade", "accounts",
	    "accounts_share", "volume", "volume_share", NULL } },
	{ "a quadrant --summary", { "quadrant", "accounts", "share_pct",
	    "volume", NULL } },
};

static int
starts_with(const struct cg_row *hdr, const char *const *cols)
{
	size_t i;

	for (i = 0; cols[i] != NULL; i++)
		if (i >= hdr->n || hdr->len[i] != strlen(cols[i]) ||
		    memcmp(hdr->f[i], cols[i], hdr->len[i]) != 0)
			return 0;
	return 1;
}

const char *
cg_header_kind(const struct cg_row *hdr)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (starts_with(hdr, kinds[i].cols))
			return kinds[i].what;
	return NULL;
}
