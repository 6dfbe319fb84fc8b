/* SPDX-License-Identifier: GPL-2.0 */
/*
 * acd_varstruct.h - filling TAPI's variable-size structures (a fixed part
 * with dwTotalSize/dwNeededSize/dwUsedSize, then data that Size/Offset
 * pairs point at) inside the room the requester gave.
 *
 * The structure is built whole in a growing buffer; acd_vs_finish copies
 * it out if it fits in dwTotalSize, else only the fixed part with the
 * pairs zeroed and dwNeededSize saying how much is needed, as TAPI does.
 */
#ifndef TAPI_ACD_VARSTRUCT_H
#define TAPI_ACD_VARSTRUCT_H

#include <stddef.h>
#include <stdint.h>

#include <tapi.h>

struct acd_vs {
	unsigned char *buf;
	size_t len, cap, fixed;
	size_t pairs[8];		/* offsets of Size fields to zero */
	unsigned int num_pairs;
	int error;			/* -ENOMEM */
};

int acd_vs_init(struct acd_vs *vs, size_t fixed);
void *acd_vs_fixed(struct acd_vs *vs);
/* Append @len bytes aligned to @align; returns their offset. */
size_t acd_vs_append(struct acd_vs *vs, const void *data, size_t len,
		     size_t align);
/* The same, and set the Size/Offset pair at @size_field. */
size_t acd_vs_add(struct acd_vs *vs, size_t size_field, const void *data,
		  size_t len, size_t align);
size_t acd_vs_add_string(struct acd_vs *vs, size_t size_field,
			 const char *s);
/* Copy into @out (dwTotalSize its room); 0, LINEERR_STRUCTURETOOSMALL
 * when even the fixed part does not fit, LINEERR_NOMEM. */
LONG acd_vs_finish(struct acd_vs *vs, void *out);
void acd_vs_release(struct acd_vs *vs);

#endif
