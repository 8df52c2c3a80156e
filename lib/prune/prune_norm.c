/*
 * prune_norm.c - keys under which two rows name the same account.
 *
 * CRM exports spell one company many ways ("Müller GmbH", "MULLER",
 * "Muller Gmbh."), so names are folded before they are compared. The
 * folding is deliberately small and table-driven: accents of Latin-1 and
 * Latin Extended-A (what Western and Central European names use), ASCII
 * case, punctuation and the common legal-form suffixes. Other scripts
 * pass through as they are, so they still match themselves.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "clientgrade/buf.h"
#include "clientgrade/prune.h"

/* Accent folding: code points lo..hi become `to` (lowercase ASCII). */
static const struct fold {
	unsigned lo, hi;
	const char *to;
} folds[] = {
	{ 0xC0, 0xC5, "a" }, { 0xC6, 0xC6, "ae" }, { 0xC7, 0xC7, "c" },
	{ 0xC8, 0xCB, "e" }, { 0xCC, 0xCF, "i" }, { 0xD0, 0xD0, "d" },
	{ 0xD1, 0xD1, "n" }, { 0xD2, 0xD6, "o" }, { 0xD8, 0xD8, "o" },
	{ 0xD9, 0xDC, "u" }, { 0xDD, 0xDD, "y" }, { 0xDE, 0xDE, "th" },
	{ 0xDF, 0xDF, "ss" },
	{ 0xE0, 0xE5, "a" }, { 0xE6, 0xE6, "ae" }, { 0xE7, 0xE7, "c" },
	{ 0xE8, 0xEB, "e" }, { 0xEC, 0xEF, "i" }, { 0xF0, 0xF0, "d" },
	{ 0xF1, 0xF1, "n" }, { 0xF2, 0xF6, "o" }, { 0xF8, 0xF8, "o" },
	{ 0xF9, 0xFC, "u" }, { 0xFD, 0xFD, "y" }, { 0xFE, 0xFE, "th" },
	{ 0xFF, 0xFF, "y" },
	{ 0x100, 0x105, "a" }, { 0x106, 0x10D, "c" }, { 0x10E, 0x111, "d" },
	{ 0x112, 0x11B, "e" }, { 0x11C, 0x123, "g" }, { 0x124, 0x127, "h" },
	{ 0x128, 0x131, "i" }, { 0x132, 0x133, "ij" }, { 0x134, 0x135, "j" },
	{ 0x136, 0x138, "k" }, { 0x139, 0x142, "l" }, { 0x143, 0x14B, "n" },
	{ 0x14C, 0x151, "o" }, { 0x152, 0x153, "oe" }, { 0x154, 0x159, "r" },
	{ 0x15A, 0x161, "s" }, { 0x162, 0x167, "t" }, { 0x168, 0x173, "u" },
	{ 0x174, 0x175, "w" }, { 0x176, 0x178, "y" }, { 0x179, 0x17E, "z" },
	{ 0x17F, 0x17F, "s" },
};

/*
 * Legal forms dropped from the end of a name (after '.' is removed, so
 * "S.A." is "sa" and "B.V." is "bv"). "and" is there for "Smith & Co.".
 */
static const char *const suffixes[] = {
	"ab", "ag", "and", "bv", "co", "company", "corp", "corporation",
	"gmbh", "inc", "incorporated", "kg", "limited", "llc", "llp", "lp",
	"ltd", "nv", "ohg", "oy", "plc", "pty", "sa", "sarl", "sas", "se",
	"sl", "spa", "srl", "ug",
};

/* Decode one UTF-8 sequence at s (n > 0 bytes left); *len gets its size.
 * Invalid bytes come back as themselves with length 1 (cp >= 0x80 but
 * below any fold, so they are kept as word bytes). */
static unsigned
utf8_get(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0];

	*len = 1;
	if (c < 0x80)
		return c;
	if ((c & 0xE0) == 0xC0 && n >= 2 && (s[1] & 0xC0) == 0x80 && c >= 0xC2) {
		*len = 2;
		return ((c & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if ((c & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	if ((c & 0xF8) == 0xF0 && n >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*len = 4;
		return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
		    ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	}
	return 0xFFFD;
}

static const char *
fold_cp(unsigned cp)
{
	size_t lo = 0, hi = sizeof(folds) / sizeof(folds[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < folds[mid].lo)
			hi = mid;
		else if (cp > folds[mid].hi)
			lo = mid + 1;
		else
			return folds[mid].to;
	}
	return NULL;
}

static int
is_suffix(const char *w, size_t n)
{
	size_t i;

	/* Every name's last word comes here: no suffix is longer than 12
	 * bytes, and the first letters rule most words out cheaply. */
	if (n < 2 || n > 12)
		return 0;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (suffixes[i][0] == w[0] && suffixes[i][1] == w[1] &&
		    strlen(suffixes[i]) == n && memcmp(suffixes[i], w, n) == 0)
			return 1;
	return 0;
}

/* What a character does to a name: part of a word, dropped, or a gap. */
enum { C_WORD, C_DROP, C_GAP };

static int
classify(unsigned cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return C_WORD;
		if (cp == '.' || cp == '\'' || cp == '`')
			return C_DROP;
		return C_GAP;
	}
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return C_GAP;	/* NBSP, symbols, x and division signs */
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC)
		return C_DROP;	/* typographic apostrophes */
	if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF)
		return C_GAP;	/* general punctuation, spaces, BOM */
	return C_WORD;
}

size_t
cg_prune_norm_name(const char *s, size_t n, struct cg_buf *out)
{
	/* Word boundaries in out; names with more words than this keep the
	 * rest unsplit, which only matters for suffix removal. */
	size_t start[64], nw = 0, i = 0, k;
	int inword = 0;
	const unsigned char *u = (const unsigned char *)s;

	cg_buf_reset(out);
	cg_buf_add(out, "", 0);
	while (i < n) {
		size_t len;
		unsigned cp = utf8_get(u + i, n - i, &len);
		const char *f;
		int cl = classify(cp);

		if (cp == '&') {
			if (nw < 64)
				start[nw++] = out->len;
			cg_buf_adds(out, "and");
			inword = 0;
		} else if (cl == C_WORD) {
			if (!inword && nw < 64)
				start[nw++] = out->len;
			inword = 1;
			if (cp < 0x80) {
				if (out->len + 2 > out->cap) {
					cg_buf_addc(out, ' ');	/* grows */
					out->len--;
				}
				out->s[out->len++] = (char)(cp >= 'A' &&
				    cp <= 'Z' ? cp + 32 : cp);
				out->s[out->len] = '\0';
			}
			else if ((f = fold_cp(cp)) != NULL)
				cg_buf_adds(out, f);
			else
				cg_buf_add(out, s + i, len);
		} else if (cl == C_GAP)
			inword = 0;
		i += len;
	}
	if (nw == 0) {
		cg_buf_reset(out);
		return 0;
	}
	/* out holds the words back to back; start[] marks them. */
	k = nw > 1 && start[1] == 3 && memcmp(out->s, "the", 3) == 0;
	while (nw > k + 1) {
		size_t b = start[nw - 1];
		if (!is_suffix(out->s + b, out->len - b))
			break;
		out->len = b;
		nw--;
	}
	if (k) {
		memmove(out->s, out->s + 3, out->len - 3);
		out->len -= 3;
	}
	out->s[out->len] = '\0';
	return out->len;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t' || **s == '<')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
	    (*s)[*n - 1] == '>'))
		(*n)--;
}

static void
add_lower(struct cg_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		cg_buf_addc(b, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
	}
}

size_t
cg_prune_norm_email(const char *s, size_t n, struct cg_buf *out)
{
	const char *at;

	cg_buf_reset(out);
	trim(&s, &n);
	if (n >= 7 && strncasecmp(s, "mailto:", 7) == 0) {
		s += 7;
		n -= 7;
	}
	at = memchr(s, '@', n);
	if (at == NULL || at == s || at == s + n - 1 ||
	    memchr(at + 1, '@', (size_t)(s + n - at - 1)) != NULL ||
	    memchr(s, ' ', n) != NULL)
		return 0;
	add_lower(out, s, n);
	return out->len;
}

/* Free-mail providers: their domain says nothing about the account. */
static const char *const freemail[] = {
	"163.com", "aol.com", "free.fr", "gmail.com", "gmx.at", "gmx.ch",
	"gmx.de", "gmx.net", "googlemail.com", "hotmail.co.uk", "hotmail.com",
	"hotmail.de", "hotmail.fr", "hotmail.it", "icloud.com", "laposte.net",
	"libero.it", "live.com", "mac.com", "mail.com", "mail.ru", "me.com",
	"msn.com", "orange.fr", "outlook.com", "outlook.de", "outlook.fr",
	"proton.me", "protonmail.com", "qq.com", "t-online.de", "web.de",
	"yahoo.co.uk", "yahoo.com", "yahoo.de", "yahoo.es", "yahoo.fr",
	"yahoo.it", "yandex.com", "yandex.ru", "ymail.com", "zoho.com",
};

int
cg_prune_freemail(const char *d, size_t n)
{
	size_t lo = 0, hi = sizeof(freemail) / sizeof(freemail[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		size_t ml = strlen(freemail[mid]);
		int c = memcmp(d, freemail[mid], n < ml ? n : ml);
		if (c == 0)
			c = n < ml ? -1 : n > ml;
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

size_t
cg_prune_norm_domain(const char *s, size_t n, struct cg_buf *out)
{
	const char *at, *p;
	size_t i;

	cg_buf_reset(out);
	trim(&s, &n);
	if ((at = memchr(s, '@', n)) != NULL) {
		n -= (size_t)(at + 1 - s);
		s = at + 1;
	} else if ((p = memchr(s, ':', n)) != NULL && p + 3 <= s + n &&
	    p[1] == '/' && p[2] == '/') {
		n -= (size_t)(p + 3 - s);
		s = p + 3;
	}
	for (i = 0; i < n; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] == '?' || s[i] == '#' ||
		    s[i] == ' ')
			break;
	n = i;
	while (n > 0 && s[n - 1] == '.')
		n--;
	if (n >= 4 && strncasecmp(s, "www.", 4) == 0) {
		s += 4;
		n -= 4;
	}
	if (n == 0 || memchr(s, '.', n) == NULL)
		return 0;
	add_lower(out, s, n);
	if (cg_prune_freemail(out->s, out->len)) {
		cg_buf_reset(out);
		return 0;
	}
	return out->len;
}

size_t
cg_prune_norm_phone(const char *s, size_t n, struct cg_buf *out)
{
	size_t i, nd = 0;

	cg_buf_reset(out);
	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			nd++;
	if (nd < 7)
		return 0;
	/* The last 9 digits: the same number with and without country code
	 * or trunk prefix (+44 20..., 020...) gives the same key. */
	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9' && nd-- <= 9)
			cg_buf_addc(out, s[i]);
	return out->len;
}
