// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Argument checks shared by every TAPI function.
 *
 * Userspace cannot tell a wild pointer from a good one without faulting,
 * so pointers are checked for NULL and for the alignment their type
 * needs; sizes, offsets, strings, flag sets and counts are checked fully.
 * Each check returns the LINEERR_ TAPI documents for it, or lets the
 * caller name the error where TAPI uses a function-specific one
 * (LINEERR_INVALDIGITMODE, LINEERR_INVALMEDIAMODE, ...).
 */
#include <errno.h>
#include <string.h>

#include "private.h"

/**
 * tapi_check_out_struct() - check a structure pointer TAPI will fill
 * @p: the application's pointer
 *
 * Return: 0, or LINEERR_INVALPOINTER for NULL or a pointer not aligned for
 * DWORD access.  The size is checked when the structure is filled
 * (tapi_varbuf_finish()), which also reports the size needed.
 */
LONG tapi_check_out_struct(const void *p)
{
	if (!p || (uintptr_t)p % _Alignof(DWORD))
		return LINEERR_INVALPOINTER;
	return 0;
}

/**
 * tapi_check_in_struct() - check a structure the application passes in
 * @p: the application's pointer (LINECALLPARAMS, LINEFORWARDLIST, ...)
 * @fixed_size: the fixed part at the negotiated version
 *
 * Return: 0, LINEERR_INVALPOINTER, or LINEERR_STRUCTURETOOSMALL when its
 * dwTotalSize does not cover the fixed part.
 */
LONG tapi_check_in_struct(const void *p, DWORD fixed_size)
{
	DWORD total;

	if (!p || (uintptr_t)p % _Alignof(DWORD))
		return LINEERR_INVALPOINTER;
	memcpy(&total, p, sizeof(total));
	if (total < fixed_size)
		return LINEERR_STRUCTURETOOSMALL;
	return 0;
}

/**
 * tapi_var_field_valid() - does a Size/Offset pair of an input structure
 *	lie inside it
 * @s: the structure (only used for clarity of the call site)
 * @total: its dwTotalSize
 * @fixed_size: its fixed part
 * @size: the dwXxxSize value
 * @offset: the dwXxxOffset value
 *
 * A zero size is an absent part whatever the offset.  Otherwise the part
 * must start after the fixed part and end within @total.
 *
 * Return: true if the part can be read.
 */
bool tapi_var_field_valid(const void *s, DWORD total, DWORD fixed_size,
			  DWORD size, DWORD offset)
{
	(void)s;
	if (!size)
		return true;
	if (offset < fixed_size)
		return false;
	return (uint64_t)offset + size <= total;
}

/* Length in bytes of the UTF-8 sequence at s, 0 if it is not valid. */
static size_t utf8_sequence(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;	/* also stops at the NUL */
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, UTF-16 surrogates, beyond Unicode */
	if (c < min || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return n;
}

/**
 * tapi_utf8_check() - validate an application string
 * @s: NUL-terminated string
 * @max_bytes: longest accepted length, NUL excluded
 * @displayable: refuse control characters (C0, DEL, C1), as TAPI asks of
 *	names shown to users
 *
 * Return: 0; -EFAULT for NULL; -E2BIG when longer than @max_bytes;
 * -EILSEQ for bytes that are not UTF-8; -EINVAL for a control character
 * when @displayable.
 */
int tapi_utf8_check(const char *s, size_t max_bytes, bool displayable)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = 0;

	if (!s)
		return -EFAULT;
	while (*p) {
		uint32_t cp;
		size_t n = utf8_sequence(p, &cp);

		if (!n)
			return -EILSEQ;
		if (displayable && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)))
			return -EINVAL;
		p += n;
		len += n;
		if (len > max_bytes)
			return -E2BIG;
	}
	return 0;
}

/**
 * tapi_check_flags() - check a DWORD of flag bits
 * @value: what the application passed
 * @allowed: the bits that are valid here
 * @rule: whether 0 is allowed, or exactly one bit must be set
 * @err: the LINEERR_ to return when the check fails
 *
 * Return: 0 or @err.
 */
LONG tapi_check_flags(DWORD value, DWORD allowed, enum tapi_flags_rule rule,
		      LONG err)
{
	if (value & ~allowed)
		return err;
	switch (rule) {
	case TAPI_FLAGS_ANY:
		return 0;
	case TAPI_FLAGS_NONZERO:
		return value ? 0 : err;
	case TAPI_FLAGS_ONE:
		return value && !(value & (value - 1)) ? 0 : err;
	}
	return err;
}

/**
 * tapi_check_array() - check an array argument and its count
 * @p: the array
 * @count: entries the application says it holds
 * @max: the most the function accepts
 * @err: the LINEERR_ for a count above @max
 *
 * Return: 0; @err when @count > @max; LINEERR_INVALPOINTER for a NULL or
 * misaligned array with a non-zero count.
 */
LONG tapi_check_array(const void *p, DWORD count, DWORD max, LONG err)
{
	if (count > max)
		return err;
	if (count && (!p || (uintptr_t)p % _Alignof(DWORD)))
		return LINEERR_INVALPOINTER;
	return 0;
}
