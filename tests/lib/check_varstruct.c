// SPDX-License-Identifier: LGPL-2.1-or-later
/* varstruct.c: filling dwTotalSize/dwNeededSize/dwUsedSize structures. */
#include <errno.h>
#include <string.h>

#include "check_libtapi.h"

#define CANARY 0xA5

/* A caller buffer: dwTotalSize = total, the rest canary bytes. */
struct caller_buf {
	unsigned char bytes[1024] __attribute__((aligned(8)));
};

static void *caller(struct caller_buf *b, DWORD total)
{
	memset(b->bytes, CANARY, sizeof(b->bytes));
	memcpy(b->bytes, &total, sizeof(total));
	return b->bytes;
}

static bool canary_from(const struct caller_buf *b, size_t from)
{
	for (size_t i = from; i < sizeof(b->bytes); i++)
		if (b->bytes[i] != CANARY)
			return false;
	return true;
}

/* Two strings in a LINEDEVCAPS at version 2.2. */
static void fill_devcaps(struct tapi_varbuf *vb, DWORD version)
{
	LINEDEVCAPS *caps;

	ck_assert_int_eq(tapi_varbuf_init(vb, sizeof(LINEDEVCAPS),
		tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS, version)), 0);
	caps = tapi_varbuf_fixed(vb);
	caps->dwNumAddresses = 1;
	caps->dwStringFormat = STRINGFORMAT_ASCII;
	caps->dwLineFeatures = LINEFEATURE_MAKECALL;	/* 1.4 */
	caps->dwSettableDevStatus = 0x77;		/* 2.0 */
	ck_assert_int_eq(tapi_varbuf_add_string(vb,
		offsetof(LINEDEVCAPS, dwProviderInfoSize),
		offsetof(LINEDEVCAPS, dwProviderInfoOffset), "linux-tapi"), 0);
	ck_assert_int_eq(tapi_varbuf_add_string(vb,
		offsetof(LINEDEVCAPS, dwLineNameSize),
		offsetof(LINEDEVCAPS, dwLineNameOffset), "sim0/fxo0"), 0);
	/* a 2.0-only part */
	ck_assert_int_eq(tapi_varbuf_add(vb,
		offsetof(LINEDEVCAPS, dwDeviceClassesSize),
		offsetof(LINEDEVCAPS, dwDeviceClassesOffset),
		"tapi/line\0\0", 11, 1), 0);
}

START_TEST(test_varstruct_fits_all)
{
	struct caller_buf b;
	struct tapi_varbuf vb;
	LINEDEVCAPS *caps = caller(&b, 512);
	const DWORD fixed = sizeof(LINEDEVCAPS);

	fill_devcaps(&vb, 0x00020002);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, caps), 0);
	tapi_varbuf_release(&vb);

	ck_assert_uint_eq(caps->dwTotalSize, 512);
	ck_assert_uint_eq(caps->dwNeededSize, fixed + 11 + 10 + 11);
	ck_assert_uint_eq(caps->dwUsedSize, caps->dwNeededSize);
	ck_assert_uint_eq(caps->dwNumAddresses, 1);
	ck_assert_uint_eq(caps->dwProviderInfoOffset, fixed);
	ck_assert_uint_eq(caps->dwProviderInfoSize, 11);
	ck_assert_str_eq((char *)caps + caps->dwProviderInfoOffset,
			 "linux-tapi");
	ck_assert_uint_eq(caps->dwLineNameOffset, fixed + 11);
	ck_assert_str_eq((char *)caps + caps->dwLineNameOffset, "sim0/fxo0");
	ck_assert_uint_eq(caps->dwDeviceClassesSize, 11);
	ck_assert_mem_eq((char *)caps + caps->dwDeviceClassesOffset,
			 "tapi/line\0\0", 11);
	ck_assert(canary_from(&b, caps->dwUsedSize));
}
END_TEST

START_TEST(test_varstruct_too_small_sets_needed)
{
	struct caller_buf b;
	struct tapi_varbuf vb;
	LINEDEVCAPS *caps = caller(&b, 100);	/* below the fixed part */

	fill_devcaps(&vb, 0x00020002);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, caps),
			 LINEERR_STRUCTURETOOSMALL);
	tapi_varbuf_release(&vb);
	ck_assert_uint_eq(caps->dwTotalSize, 100);
	ck_assert_uint_eq(caps->dwNeededSize, sizeof(LINEDEVCAPS) + 32);
	/* only dwNeededSize was written */
	ck_assert(canary_from(&b, 8));
}
END_TEST

START_TEST(test_varstruct_tiny_total_writes_nothing)
{
	struct caller_buf b;
	struct tapi_varbuf vb;
	void *p = caller(&b, 6);	/* not even room for dwNeededSize */

	fill_devcaps(&vb, 0x00020002);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, p), LINEERR_STRUCTURETOOSMALL);
	tapi_varbuf_release(&vb);
	ck_assert(canary_from(&b, 4));
}
END_TEST

START_TEST(test_varstruct_partial_fill)
{
	struct caller_buf b;
	struct tapi_varbuf vb;
	const DWORD fixed = sizeof(LINEDEVCAPS);
	/* room for the provider string and 5 bytes more: the line name
	 * (10) does not fit, the device classes (11) do not either */
	LINEDEVCAPS *caps = caller(&b, fixed + 11 + 5);

	fill_devcaps(&vb, 0x00020002);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, caps), 0);
	tapi_varbuf_release(&vb);
	ck_assert_uint_eq(caps->dwNeededSize, fixed + 32);
	ck_assert_uint_eq(caps->dwUsedSize, fixed + 11);
	ck_assert_uint_eq(caps->dwProviderInfoSize, 11);
	ck_assert_uint_eq(caps->dwLineNameSize, 0);
	ck_assert_uint_eq(caps->dwLineNameOffset, 0);
	ck_assert_uint_eq(caps->dwDeviceClassesSize, 0);
	ck_assert(canary_from(&b, caps->dwTotalSize));
}
END_TEST

START_TEST(test_varstruct_later_small_part_still_fits)
{
	struct caller_buf b;
	struct tapi_varbuf vb;
	void *vs;
	DWORD big[4] = { 1, 2, 3, 4 };

	ck_assert_int_eq(tapi_varbuf_init(&vb, sizeof(LINEADDRESSSTATUS),
		sizeof(LINEADDRESSSTATUS)), 0);
	/* 16 bytes do not fit, the 4 that follow do */
	tapi_varbuf_add(&vb, offsetof(LINEADDRESSSTATUS, dwForwardSize),
			offsetof(LINEADDRESSSTATUS, dwForwardOffset),
			big, sizeof(big), 4);
	tapi_varbuf_add(&vb, offsetof(LINEADDRESSSTATUS, dwDevSpecificSize),
			offsetof(LINEADDRESSSTATUS, dwDevSpecificOffset),
			big, 4, 4);
	vs = caller(&b, sizeof(LINEADDRESSSTATUS) + 4);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, vs), 0);
	tapi_varbuf_release(&vb);
	{
		LINEADDRESSSTATUS *st = (LINEADDRESSSTATUS *)vs;

		ck_assert_uint_eq(st->dwForwardSize, 0);
		ck_assert_uint_eq(st->dwDevSpecificSize, 4);
		ck_assert_uint_eq(st->dwDevSpecificOffset,
				  sizeof(LINEADDRESSSTATUS));
		ck_assert_uint_eq(st->dwNeededSize,
				  sizeof(LINEADDRESSSTATUS) + 20);
		ck_assert_uint_eq(st->dwUsedSize, sizeof(LINEADDRESSSTATUS) + 4);
	}
}
END_TEST

START_TEST(test_varstruct_alignment)
{
	struct caller_buf b;
	struct tapi_varbuf vb;
	void *list = caller(&b, 256);
	HCALL calls[2] = { 0x10000001, 0x10000002 };

	ck_assert_int_eq(tapi_varbuf_init(&vb, sizeof(LINEDEVSTATUS),
		sizeof(LINEDEVSTATUS)), 0);
	tapi_varbuf_add_string(&vb, offsetof(LINEDEVSTATUS, dwDevSpecificSize),
			       offsetof(LINEDEVSTATUS, dwDevSpecificOffset),
			       "ab");		/* 3 bytes */
	tapi_varbuf_add(&vb, offsetof(LINEDEVSTATUS, dwTerminalModesSize),
			offsetof(LINEDEVSTATUS, dwTerminalModesOffset),
			calls, sizeof(calls), 4);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, list), 0);
	tapi_varbuf_release(&vb);
	{
		LINEDEVSTATUS *st = (LINEDEVSTATUS *)list;

		ck_assert_uint_eq(st->dwDevSpecificOffset, sizeof(*st));
		ck_assert_uint_eq(st->dwTerminalModesOffset % 4, 0);
		ck_assert_uint_eq(st->dwTerminalModesOffset, sizeof(*st) + 4);
		ck_assert_uint_eq(st->dwNeededSize, sizeof(*st) + 4 + 8);
		ck_assert_mem_eq((char *)st + st->dwTerminalModesOffset,
				 calls, sizeof(calls));
		/* the padding byte is zeroed, not left stale */
		ck_assert_uint_eq(((unsigned char *)st)[sizeof(*st) + 3], 0);
	}
}
END_TEST

/* A 1.3 application: its shorter fixed part, no 1.4/2.0 fields or parts,
 * and nothing written into what, for it, is free space. */
START_TEST(test_varstruct_older_version)
{
	struct caller_buf b;
	struct tapi_varbuf vb;
	const DWORD fixed13 = 236;
	LINEDEVCAPS *caps = caller(&b, 400);

	fill_devcaps(&vb, 0x00010003);
	ck_assert_int_eq(tapi_varbuf_finish(&vb, caps), 0);
	tapi_varbuf_release(&vb);
	ck_assert_uint_eq(caps->dwNeededSize, fixed13 + 21);
	ck_assert_uint_eq(caps->dwProviderInfoOffset, fixed13);
	ck_assert_str_eq((char *)caps + fixed13, "linux-tapi");
	ck_assert_str_eq((char *)caps + caps->dwLineNameOffset, "sim0/fxo0");
	ck_assert(canary_from(&b, fixed13 + 21));
}
END_TEST

START_TEST(test_varstruct_bad_arguments)
{
	struct tapi_varbuf vb;

	ck_assert_int_eq(tapi_varbuf_init(&vb, sizeof(VARSTRING), 8), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_init(&vb, sizeof(VARSTRING),
					  sizeof(VARSTRING) + 4), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_init(&vb, sizeof(VARSTRING), 22), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_init(&vb, sizeof(VARSTRING),
					  sizeof(VARSTRING)), 0);
	/* misaligned field, field in the header, field past the struct */
	ck_assert_int_eq(tapi_varbuf_add(&vb, 14, 20, "x", 1, 1), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_add(&vb, 4, 8, "x", 1, 1), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_add(&vb, 16, 24, "x", 1, 1), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_add(&vb, 16, 20, "x", 1, 3), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_add(&vb, 16, 20, NULL, 4, 1), -EINVAL);
	ck_assert_int_eq(tapi_varbuf_add(&vb, 16, 20, "x", 1, 1), 0);
	tapi_varbuf_release(&vb);
	tapi_varbuf_release(&vb);	/* twice is harmless */
}
END_TEST

Suite *varstruct_suite(void)
{
	Suite *s = suite_create("varstruct");

	ADD_TEST(s, test_varstruct_fits_all);
	ADD_TEST(s, test_varstruct_too_small_sets_needed);
	ADD_TEST(s, test_varstruct_tiny_total_writes_nothing);
	ADD_TEST(s, test_varstruct_partial_fill);
	ADD_TEST(s, test_varstruct_later_small_part_still_fits);
	ADD_TEST(s, test_varstruct_alignment);
	ADD_TEST(s, test_varstruct_older_version);
	ADD_TEST(s, test_varstruct_bad_arguments);
	return s;
}
