// SPDX-License-Identifier: LGPL-2.1-or-later
/* device_enum.c, device_chan.c, registry.c: the device layer without a
 * kernel: attribute parsing, argument checks, device-ID bookkeeping. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_libtapi.h"

/* sysfs attributes as name=value pairs, NULL-terminated. */
static const char *table_attr(void *ctx, const char *name)
{
	const char *const *kv = ctx;
	size_t n = strlen(name);

	for (; *kv; kv++)
		if (!strncmp(*kv, name, n) && (*kv)[n] == '=')
			return *kv + n + 1;
	return NULL;
}

static const char *const fxo_attrs[] = {
	"signalling=fxo\n", "card=0\n", "card_name=sim0\n",
	"driver=tapi_sim\n", "index=2\n", "caps=0x4a\n", "hook=1\n",
	"ringing=1\n", "polarity=0\n", NULL,
};

START_TEST(test_device_parse_attributes)
{
	struct tapi_dev_info info;

	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi5", table_attr,
					     (void *)fxo_attrs), 0);
	ck_assert_uint_eq(info.channel, 5);
	ck_assert_uint_eq(info.card, 0);
	ck_assert_uint_eq(info.index, 2);
	ck_assert_int_eq(info.signalling, TAPI_SIG_FXO);
	ck_assert_uint_eq(info.caps, 0x4a);
	ck_assert_int_eq(info.hook, TAPI_HOOK_OFF);
	ck_assert(info.ringing);
	ck_assert(!info.polarity_reversed);
	ck_assert_str_eq(info.card_name, "sim0");
	ck_assert_str_eq(info.driver, "tapi_sim");
	ck_assert_str_eq(info.devnode, "/dev/tapi/5");
}
END_TEST

START_TEST(test_device_parse_alternative_spellings)
{
	static const char *const attrs[] = {
		"signalling=2", "card=3", "index=0", "caps=74",
		"hook=offhook", NULL,
	};
	struct tapi_dev_info info;

	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi12", table_attr,
					     (void *)attrs), 0);
	ck_assert_int_eq(info.signalling, TAPI_SIG_FXO);
	ck_assert_uint_eq(info.caps, 74);
	ck_assert_int_eq(info.hook, TAPI_HOOK_OFF);
	ck_assert_str_eq(info.card_name, "");	/* optional */
}
END_TEST

START_TEST(test_device_parse_rejects_bad_input)
{
	static const char *const no_caps[] = {
		"signalling=fxs", "card=0", "index=0", NULL,
	};
	static const char *const bad_sig[] = {
		"signalling=isdn", "card=0", "index=0", "caps=1", NULL,
	};
	static const char *const bad_num[] = {
		"signalling=fxs", "card=-1", "index=0", "caps=1", NULL,
	};
	static const char *const bad_bool[] = {
		"signalling=fxs", "card=0", "index=0", "caps=1",
		"ringing=2", NULL,
	};
	static const char *const long_name[] = {
		"signalling=fxs", "card=0", "index=0", "caps=1",
		"card_name=0123456789012345678901234567890123456789", NULL,
	};
	struct tapi_dev_info info;

	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi0", table_attr,
					     (void *)no_caps), -ENODATA);
	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi0", table_attr,
					     (void *)bad_sig), -EINVAL);
	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi0", table_attr,
					     (void *)bad_num), -EINVAL);
	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi0", table_attr,
					     (void *)bad_bool), -EINVAL);
	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi0", table_attr,
					     (void *)long_name), -EINVAL);
	ck_assert_int_eq(tapi_dev_info_parse(&info, "sim", table_attr,
					     (void *)fxo_attrs), -EINVAL);
	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi", table_attr,
					     (void *)fxo_attrs), -EINVAL);
	ck_assert_int_eq(tapi_dev_info_parse(&info, "tapi1x", table_attr,
					     (void *)fxo_attrs), -EINVAL);
}
END_TEST

START_TEST(test_device_enumerate_sorted)
{
	struct tapi_dev_list list;

	/* whatever this machine has (none without the module): sorted */
	ck_assert_int_eq(tapi_dev_enumerate(&list), 0);
	for (size_t i = 1; i < list.count; i++)
		ck_assert_uint_lt(list.devs[i - 1].channel, list.devs[i].channel);
	tapi_dev_list_release(&list);
	ck_assert_uint_eq(list.count, 0);
}
END_TEST

START_TEST(test_device_open_not_a_channel)
{
	struct tapi_dev *dev = NULL;

	ck_assert_int_eq(tapi_dev_open("/nonexistent/tapi/0", &dev), -ENOENT);
	ck_assert_int_eq(tapi_dev_open("/dev/null", &dev), -ENOTTY);
	ck_assert_int_eq(tapi_dev_open(NULL, &dev), -EINVAL);
	ck_assert_ptr_null(dev);
}
END_TEST

START_TEST(test_device_dial_prepare_limits)
{
	struct tapi_dial d;
	char long_digits[TAPI_DIGITS_LEN + 1];

	ck_assert_int_eq(tapi_dial_prepare(&d, "123*#ABCD", 0, 0, 0), 0);
	ck_assert_str_eq(d.digits, "123*#ABCD");
	ck_assert_int_eq(tapi_dial_prepare(&d, "1", 40, 1000, -30), 0);
	ck_assert_uint_eq(d.on_ms, 40);
	ck_assert_uint_eq(d.off_ms, 1000);
	ck_assert_int_eq(d.level, -30);
	ck_assert_int_eq(tapi_dial_prepare(&d, "", 0, 0, 0), -EINVAL);
	ck_assert_int_eq(tapi_dial_prepare(&d, NULL, 0, 0, 0), -EINVAL);
	ck_assert_int_eq(tapi_dial_prepare(&d, "12a", 0, 0, 0), -EINVAL);
	ck_assert_int_eq(tapi_dial_prepare(&d, "1", 39, 0, 0), -EINVAL);
	ck_assert_int_eq(tapi_dial_prepare(&d, "1", 0, 1001, 0), -EINVAL);
	ck_assert_int_eq(tapi_dial_prepare(&d, "1", 0, 0, -31), -EINVAL);
	ck_assert_int_eq(tapi_dial_prepare(&d, "1", 0, 0, 1), -EINVAL);
	memset(long_digits, '5', TAPI_DIGITS_LEN);
	long_digits[TAPI_DIGITS_LEN] = '\0';
	ck_assert_int_eq(tapi_dial_prepare(&d, long_digits, 0, 0, 0), -EINVAL);
	long_digits[TAPI_DIGITS_LEN - 1] = '\0';
	ck_assert_int_eq(tapi_dial_prepare(&d, long_digits, 0, 0, 0), 0);
}
END_TEST

static struct tapi_dev_info chan(unsigned int channel, const char *card,
				 unsigned int index)
{
	struct tapi_dev_info i = { .channel = channel, .index = index,
				   .signalling = TAPI_SIG_FXO };

	snprintf(i.card_name, sizeof(i.card_name), "%s", card);
	snprintf(i.driver, sizeof(i.driver), "tapi_sim");
	return i;
}

START_TEST(test_device_registry_ids_stable)
{
	struct tapi_dev_info a[3] = { chan(0, "sim0", 0), chan(1, "sim0", 1),
				      chan(2, "sim1", 0) };
	struct tapi_dev_list l = { .devs = a, .count = 3 };
	struct tapi_dev_info got;
	uint32_t n;

	tapi_registry_reset();
	ck_assert_int_eq(tapi_registry_update(&l, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(tapi_registry_lookup(2, &got), 0);
	ck_assert_str_eq(got.card_name, "sim1");

	/* sim0 port 1 goes away: its ID stays, reports gone */
	a[1] = a[2];
	l.count = 2;
	ck_assert_int_eq(tapi_registry_update(&l, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(tapi_registry_lookup(1, &got), -ENODEV);
	ck_assert_int_eq(tapi_registry_lookup(2, &got), 0);
	ck_assert_int_eq(tapi_registry_lookup(3, &got), -ERANGE);

	/* it comes back, and a new card appears: old ID, new ID at the end */
	a[1] = chan(1, "sim0", 1);
	a[2] = chan(7, "sim2", 0);
	l.count = 3;
	ck_assert_int_eq(tapi_registry_update(&l, &n), 0);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(tapi_registry_lookup(1, &got), 0);
	ck_assert_uint_eq(got.channel, 1);
	ck_assert_int_eq(tapi_registry_lookup(2, &got), -ENODEV);
	ck_assert_int_eq(tapi_registry_lookup(3, &got), 0);
	ck_assert_str_eq(got.card_name, "sim2");

	/* a different card reusing channel number 0 is a new device */
	a[0] = chan(0, "usb0", 0);
	l.count = 1;
	ck_assert_int_eq(tapi_registry_update(&l, &n), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(tapi_registry_lookup(0, NULL), -ENODEV);
	ck_assert_int_eq(tapi_registry_lookup(4, &got), 0);
	ck_assert_str_eq(got.card_name, "usb0");
	tapi_registry_reset();
}
END_TEST

Suite *device_suite(void)
{
	Suite *s = suite_create("device");

	ADD_TEST(s, test_device_parse_attributes);
	ADD_TEST(s, test_device_parse_alternative_spellings);
	ADD_TEST(s, test_device_parse_rejects_bad_input);
	ADD_TEST(s, test_device_enumerate_sorted);
	ADD_TEST(s, test_device_open_not_a_channel);
	ADD_TEST(s, test_device_dial_prepare_limits);
	ADD_TEST(s, test_device_registry_ids_stable);
	return s;
}
