// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Filling TAPI's variably sized structures.
 *
 * Every structure TAPI returns starts with dwTotalSize (set by the
 * application: the bytes it allocated), dwNeededSize and dwUsedSize (set
 * by TAPI).  Strings and arrays follow the fixed part and are located by
 * dwXxxSize/dwXxxOffset pairs.  The rules implemented here:
 *
 *  - dwTotalSize smaller than the fixed part of the negotiated version:
 *    LINEERR_STRUCTURETOOSMALL, and only dwNeededSize is written (when
 *    dwTotalSize leaves room for it) so the application can retry;
 *  - otherwise the fixed part is written, each variable part that fits
 *    entirely is copied after it (in the order queued, aligned as asked),
 *    one that does not fit gets size and offset 0; dwNeededSize is what
 *    all parts need, dwUsedSize what was written;
 *  - nothing is ever written at or past dwTotalSize.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

struct tapi_varpart {
	size_t size_field;
	size_t offset_field;
	void *data;
	DWORD len;
	DWORD recorded;		/* what the size field says, <= len */
	DWORD align;
};

/* The three DWORDs every variably sized structure starts with. */
#define HDR_TOTAL	0
#define HDR_NEEDED	4
#define HDR_USED	8
#define HDR_SIZE	12

static void put_dword(void *base, size_t off, DWORD v)
{
	memcpy((unsigned char *)base + off, &v, sizeof(v));
}

static DWORD get_dword(const void *base, size_t off)
{
	DWORD v;

	memcpy(&v, (const unsigned char *)base + off, sizeof(v));
	return v;
}

static uint64_t align_up(uint64_t v, DWORD align)
{
	return (v + align - 1) & ~(uint64_t)(align - 1);
}

/**
 * tapi_varbuf_init() - start filling a structure
 * @vb: the builder
 * @struct_size: sizeof the library's (newest) structure
 * @fixed_size: fixed part at the negotiated version, from
 *	tapi_struct_fixed_size(); at most @struct_size
 *
 * Return: 0, -EINVAL for impossible sizes, -ENOMEM.
 */
int tapi_varbuf_init(struct tapi_varbuf *vb, size_t struct_size,
		     DWORD fixed_size)
{
	memset(vb, 0, sizeof(*vb));
	if (fixed_size < HDR_SIZE || fixed_size > struct_size ||
	    fixed_size % sizeof(DWORD))
		return -EINVAL;
	vb->fixed = calloc(1, struct_size);
	if (!vb->fixed)
		return -ENOMEM;
	vb->struct_size = struct_size;
	vb->fixed_size = fixed_size;
	return 0;
}

/**
 * tapi_varbuf_fixed() - the scratch fixed part to fill in
 * @vb: the builder
 *
 * Fields beyond the negotiated version's fixed part may be written; they
 * are simply not copied out.
 *
 * Return: a zeroed buffer of the structure's full size.
 */
void *tapi_varbuf_fixed(struct tapi_varbuf *vb)
{
	return vb->fixed;
}

/**
 * tapi_varbuf_add() - queue a variable part
 * @vb: the builder
 * @size_field: offsetof the part's dwXxxSize field
 * @offset_field: offsetof the part's dwXxxOffset field
 * @data: the bytes (copied now)
 * @len: their number; 0 leaves the part absent
 * @align: 1, 2, 4 or 8: alignment of the part's offset
 *
 * A part whose fields lie beyond the negotiated version's fixed part
 * does not exist for the application and is dropped.
 *
 * Return: 0, -EINVAL for bad fields or alignment, -ENOMEM (also
 * remembered and reported by tapi_varbuf_finish()).
 */
int tapi_varbuf_add(struct tapi_varbuf *vb, size_t size_field,
		    size_t offset_field, const void *data, DWORD len,
		    DWORD align)
{
	struct tapi_varpart *part;

	if (vb->error)
		return vb->error;
	if (size_field % sizeof(DWORD) || offset_field % sizeof(DWORD) ||
	    size_field + sizeof(DWORD) > vb->struct_size ||
	    offset_field + sizeof(DWORD) > vb->struct_size ||
	    size_field < HDR_SIZE || offset_field < HDR_SIZE ||
	    !align || align > 8 || (align & (align - 1)) || (len && !data))
		return -EINVAL;
	if (size_field + sizeof(DWORD) > vb->fixed_size ||
	    offset_field + sizeof(DWORD) > vb->fixed_size || !len)
		return 0;

	if (vb->nparts == vb->parts_cap) {
		size_t cap = vb->parts_cap ? vb->parts_cap * 2 : 8;
		struct tapi_varpart *p = realloc(vb->parts, cap * sizeof(*p));

		if (!p)
			return vb->error = -ENOMEM;
		vb->parts = p;
		vb->parts_cap = cap;
	}
	part = &vb->parts[vb->nparts];
	part->data = malloc(len);
	if (!part->data)
		return vb->error = -ENOMEM;
	memcpy(part->data, data, len);
	part->len = len;
	part->recorded = len;
	part->align = align;
	part->size_field = size_field;
	part->offset_field = offset_field;
	vb->nparts++;
	return 0;
}

/**
 * tapi_varbuf_add_array() - queue an array followed by data it points to
 * @vb: the builder
 * @size_field: offsetof the array's dwXxxSize field
 * @offset_field: offsetof the array's dwXxxOffset field
 * @data: the array, then the strings its entries locate
 * @len: bytes of all of it
 * @array_len: bytes of the array alone: what dwXxxSize says
 *
 * For arrays of structures with Size/Offset pairs of their own
 * (LINEDEVSTATUS.AppInfo): those offsets count from the start of the
 * structure, so the caller must know where @data lands; it does when
 * this is the only variable part: at the fixed part's end.
 *
 * Return: as tapi_varbuf_add().
 */
int tapi_varbuf_add_array(struct tapi_varbuf *vb, size_t size_field,
			  size_t offset_field, const void *data, DWORD len,
			  DWORD array_len)
{
	size_t before = vb->nparts;
	int err;

	if (array_len > len)
		return -EINVAL;
	err = tapi_varbuf_add(vb, size_field, offset_field, data, len, 4);
	if (!err && vb->nparts > before)
		vb->parts[vb->nparts - 1].recorded = array_len;
	return err;
}

/**
 * tapi_varbuf_add_string() - queue a NUL-terminated UTF-8 string
 * @vb: the builder
 * @size_field: offsetof the dwXxxSize field
 * @offset_field: offsetof the dwXxxOffset field
 * @s: the string; NULL leaves the part absent
 *
 * The size recorded counts the terminating NUL, as TAPI does.
 *
 * Return: as tapi_varbuf_add().
 */
int tapi_varbuf_add_string(struct tapi_varbuf *vb, size_t size_field,
			   size_t offset_field, const char *s)
{
	size_t len;

	if (!s)
		return tapi_varbuf_add(vb, size_field, offset_field, NULL, 0, 1);
	len = strlen(s) + 1;
	if (len > UINT32_MAX)
		return -EINVAL;
	return tapi_varbuf_add(vb, size_field, offset_field, s, (DWORD)len, 1);
}

/**
 * tapi_varbuf_finish() - write the structure into the caller's buffer
 * @vb: the builder
 * @dest: the caller's structure; its dwTotalSize is read, the rest written
 *
 * Return: 0; LINEERR_STRUCTURETOOSMALL when dwTotalSize is below the fixed
 * part (dwNeededSize is then set if it fits); LINEERR_NOMEM when queueing
 * ran out of memory.
 */
LONG tapi_varbuf_finish(struct tapi_varbuf *vb, void *dest)
{
	unsigned char *out = dest;
	DWORD total = get_dword(dest, HDR_TOTAL);
	uint64_t needed = vb->fixed_size, used = vb->fixed_size;

	if (vb->error)
		return tapi_lineerr_from_errno(vb->error);
	for (size_t i = 0; i < vb->nparts; i++)
		needed = align_up(needed, vb->parts[i].align) +
			 vb->parts[i].len;
	if (needed > UINT32_MAX)
		return LINEERR_NOMEM;

	if (total < vb->fixed_size) {
		if (total >= HDR_NEEDED + sizeof(DWORD))
			put_dword(dest, HDR_NEEDED, (DWORD)needed);
		return LINEERR_STRUCTURETOOSMALL;
	}

	for (size_t i = 0; i < vb->nparts; i++) {
		const struct tapi_varpart *p = &vb->parts[i];
		uint64_t pos = align_up(used, p->align);

		if (pos + p->len > total) {
			put_dword(vb->fixed, p->size_field, 0);
			put_dword(vb->fixed, p->offset_field, 0);
			continue;
		}
		/* No stale caller bytes in alignment gaps. */
		memset(out + used, 0, pos - used);
		memcpy(out + pos, p->data, p->len);
		put_dword(vb->fixed, p->size_field, p->recorded);
		put_dword(vb->fixed, p->offset_field, (DWORD)pos);
		used = pos + p->len;
	}

	put_dword(vb->fixed, HDR_TOTAL, total);
	put_dword(vb->fixed, HDR_NEEDED, (DWORD)needed);
	put_dword(vb->fixed, HDR_USED, (DWORD)used);
	memcpy(out, vb->fixed, vb->fixed_size);
	return 0;
}

/**
 * tapi_varbuf_release() - free what the builder holds
 * @vb: the builder; may be released twice
 */
void tapi_varbuf_release(struct tapi_varbuf *vb)
{
	for (size_t i = 0; i < vb->nparts; i++)
		free(vb->parts[i].data);
	free(vb->parts);
	free(vb->fixed);
	memset(vb, 0, sizeof(*vb));
}

/**
 * tapi_varstring_fill() - answer with a VARSTRING holding one value
 * @out: the application's VARSTRING (dwTotalSize checked by the caller)
 * @version: the API version the handle was opened with
 * @format: STRINGFORMAT_BINARY (a DWORD ID) or STRINGFORMAT_ASCII (a
 *	NUL-terminated name, @len counting the NUL)
 * @data: the value
 * @len: its size in bytes
 * @align: its alignment in the variable part
 *
 * What lineGetID and phoneGetID return.
 *
 * Return: 0, LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
LONG tapi_varstring_fill(VARSTRING *out, DWORD version, DWORD format,
			 const void *data, DWORD len, DWORD align)
{
	struct tapi_varbuf vb;
	VARSTRING *v;
	LONG err;

	if (tapi_varbuf_init(&vb, sizeof(*v),
			     tapi_struct_fixed_size(TAPI_STRUCT_VARSTRING,
						    version)))
		return LINEERR_NOMEM;
	v = tapi_varbuf_fixed(&vb);
	v->dwStringFormat = format;
	tapi_varbuf_add(&vb, offsetof(VARSTRING, dwStringSize),
			offsetof(VARSTRING, dwStringOffset), data, len, align);
	err = tapi_varbuf_finish(&vb, out);
	tapi_varbuf_release(&vb);
	return err;
}
