// SPDX-License-Identifier: GPL-2.0
/* acd_varstruct.c - see acd_varstruct.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "acd_varstruct.h"

static int reserve(struct acd_vs *vs, size_t len)
{
	unsigned char *p;
	size_t cap = vs->cap;

	if (vs->len + len <= vs->cap)
		return 0;
	while (cap < vs->len + len)
		cap = cap ? 2 * cap : 256;
	p = realloc(vs->buf, cap);
	if (!p)
		return -ENOMEM;
	memset(p + vs->cap, 0, cap - vs->cap);
	vs->buf = p;
	vs->cap = cap;
	return 0;
}

int acd_vs_init(struct acd_vs *vs, size_t fixed)
{
	memset(vs, 0, sizeof(*vs));
	vs->fixed = vs->len = fixed;
	vs->error = reserve(vs, 0);
	if (!vs->error && fixed > vs->cap)
		vs->error = -ENOMEM;
	return vs->error;
}

void *acd_vs_fixed(struct acd_vs *vs)
{
	return vs->buf;
}

size_t acd_vs_append(struct acd_vs *vs, const void *data, size_t len,
		     size_t align)
{
	size_t off = (vs->len + align - 1) / align * align;

	if (vs->error || reserve(vs, off - vs->len + len)) {
		vs->error = -ENOMEM;
		return 0;
	}
	vs->len = off;
	if (len)
		memcpy(vs->buf + off, data, len);
	vs->len += len;
	return off;
}

size_t acd_vs_add(struct acd_vs *vs, size_t size_field, const void *data,
		  size_t len, size_t align)
{
	size_t off = acd_vs_append(vs, data, len, align);
	DWORD pair[2];

	if (vs->error)
		return 0;
	pair[0] = len;
	pair[1] = len ? off : 0;
	memcpy(vs->buf + size_field, pair, sizeof(pair));
	if (vs->num_pairs < sizeof(vs->pairs) / sizeof(vs->pairs[0]))
		vs->pairs[vs->num_pairs++] = size_field;
	return off;
}

size_t acd_vs_add_string(struct acd_vs *vs, size_t size_field,
			 const char *s)
{
	return acd_vs_add(vs, size_field, s, strlen(s) + 1, 1);
}

LONG acd_vs_finish(struct acd_vs *vs, void *out)
{
	DWORD total, sizes[3];

	if (vs->error)
		return LINEERR_NOMEM;
	memcpy(&total, out, sizeof(total));
	if (total < vs->fixed)
		return LINEERR_STRUCTURETOOSMALL;
	sizes[0] = total;
	sizes[1] = vs->len;
	if (vs->len <= total) {
		sizes[2] = vs->len;
		memcpy(vs->buf, sizes, sizeof(sizes));
		memcpy(out, vs->buf, vs->len);
		return 0;
	}
	for (unsigned int i = 0; i < vs->num_pairs; i++)
		memset(vs->buf + vs->pairs[i], 0, 2 * sizeof(DWORD));
	sizes[2] = vs->fixed;
	memcpy(vs->buf, sizes, sizeof(sizes));
	memcpy(out, vs->buf, vs->fixed);
	return 0;
}

void acd_vs_release(struct acd_vs *vs)
{
	free(vs->buf);
	vs->buf = NULL;
}
