// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Enumerating channels: the kernel's class "tapi" devices, through
 * libudev, so the same code sees what udev rules named and tagged.
 *
 * Attribute values are parsed strictly: a channel whose attributes do not
 * parse is left out rather than described wrongly.
 */
#include <errno.h>
#include <libudev.h>
#include <stdio.h>
#include <string.h>

#include "private.h"
#include "device.h"

/* Copy without trailing whitespace (sysfs values end in '\n'). */
static int attr_copy(char *dst, size_t size, const char *v)
{
	size_t len = strlen(v);

	while (len && (v[len - 1] == '\n' || v[len - 1] == ' ' ||
		       v[len - 1] == '\t'))
		len--;
	if (len >= size)
		return -EINVAL;
	memcpy(dst, v, len);
	dst[len] = '\0';
	return 0;
}

static int parse_uint(const char *v, int base, unsigned long max,
		      unsigned long *out)
{
	char buf[32], *end;
	unsigned long n;

	if (attr_copy(buf, sizeof(buf), v) || !buf[0] || buf[0] == '-')
		return -EINVAL;
	errno = 0;
	n = strtoul(buf, &end, base);
	if (errno || *end || n > max)
		return -EINVAL;
	*out = n;
	return 0;
}

static int parse_signalling(const char *v, enum tapi_signalling *out)
{
	static const struct {
		const char *name;
		enum tapi_signalling sig;
	} names[] = {
		{ "fxs", TAPI_SIG_FXS },
		{ "fxo", TAPI_SIG_FXO },
		{ "handset", TAPI_SIG_HANDSET },
	};
	char buf[16];
	unsigned long n;

	if (attr_copy(buf, sizeof(buf), v))
		return -EINVAL;
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(names); i++) {
		if (!strcmp(buf, names[i].name)) {
			*out = names[i].sig;
			return 0;
		}
	}
	/* The enum's number is accepted too. */
	if (parse_uint(buf, 10, TAPI_SIG_HANDSET, &n) || n < TAPI_SIG_FXS)
		return -EINVAL;
	*out = (enum tapi_signalling)n;
	return 0;
}

static int parse_hook(const char *v, enum tapi_hook *out)
{
	char buf[16];
	unsigned long n;

	if (attr_copy(buf, sizeof(buf), v))
		return -EINVAL;
	if (!strcmp(buf, "on") || !strcmp(buf, "onhook")) {
		*out = TAPI_HOOK_ON;
		return 0;
	}
	if (!strcmp(buf, "off") || !strcmp(buf, "offhook")) {
		*out = TAPI_HOOK_OFF;
		return 0;
	}
	if (parse_uint(buf, 10, TAPI_HOOK_OFF, &n))
		return -EINVAL;
	*out = (enum tapi_hook)n;
	return 0;
}

static int parse_bool(const char *v, bool *out)
{
	unsigned long n;

	if (parse_uint(v, 10, 1, &n))
		return -EINVAL;
	*out = n;
	return 0;
}

/**
 * tapi_dev_info_parse() - describe a channel from its sysfs attributes
 * @info: out
 * @sysname: the device's name, "tapi<N>"
 * @get_attr: returns an attribute's value or NULL
 * @ctx: passed to @get_attr
 *
 * signalling, card, index and caps are required; hook, ringing,
 * polarity, card_name and driver default to on-hook, 0, 0 and "".
 * caps may be decimal or 0x-prefixed hexadecimal.  The device node is
 * set to /dev/tapi/<N>; the enumerator overrides it with udev's.
 *
 * Return: 0; -EINVAL for a name that is not tapi<N> or a value that does
 * not parse; -ENODATA for a missing required attribute.
 */
int tapi_dev_info_parse(struct tapi_dev_info *info, const char *sysname,
			tapi_dev_attr_fn get_attr, void *ctx)
{
	const char *v;
	unsigned long n;
	int err;

	memset(info, 0, sizeof(*info));
	if (!sysname || strncmp(sysname, "tapi", 4) ||
	    !(sysname[4] >= '0' && sysname[4] <= '9') ||
	    parse_uint(sysname + 4, 10, UINT32_MAX, &n))
		return -EINVAL;
	info->channel = n;
	snprintf(info->devnode, sizeof(info->devnode), "/dev/tapi/%u",
		 info->channel);

	v = get_attr(ctx, "signalling");
	if (!v)
		return -ENODATA;
	err = parse_signalling(v, &info->signalling);
	if (err)
		return err;

	v = get_attr(ctx, "card");
	if (!v)
		return -ENODATA;
	if (parse_uint(v, 10, UINT32_MAX, &n))
		return -EINVAL;
	info->card = n;

	v = get_attr(ctx, "index");
	if (!v)
		return -ENODATA;
	if (parse_uint(v, 10, UINT32_MAX, &n))
		return -EINVAL;
	info->index = n;

	v = get_attr(ctx, "caps");
	if (!v)
		return -ENODATA;
	if (parse_uint(v, 0, UINT32_MAX, &n))
		return -EINVAL;
	info->caps = n;

	v = get_attr(ctx, "hook");
	if (v && parse_hook(v, &info->hook))
		return -EINVAL;
	v = get_attr(ctx, "ringing");
	if (v && parse_bool(v, &info->ringing))
		return -EINVAL;
	v = get_attr(ctx, "polarity");
	if (v && parse_bool(v, &info->polarity_reversed))
		return -EINVAL;
	v = get_attr(ctx, "card_name");
	if (v && attr_copy(info->card_name, sizeof(info->card_name), v))
		return -EINVAL;
	v = get_attr(ctx, "driver");
	if (v && attr_copy(info->driver, sizeof(info->driver), v))
		return -EINVAL;
	return 0;
}

static const char *udev_attr(void *ctx, const char *name)
{
	return udev_device_get_sysattr_value(ctx, name);
}

static int by_channel(const void *a, const void *b)
{
	const struct tapi_dev_info *x = a, *y = b;

	return (x->channel > y->channel) - (x->channel < y->channel);
}

static int append(struct tapi_dev_list *list, size_t *cap,
		  const struct tapi_dev_info *info)
{
	if (list->count == *cap) {
		size_t n = *cap ? *cap * 2 : 8;
		struct tapi_dev_info *d = realloc(list->devs, n * sizeof(*d));

		if (!d)
			return -ENOMEM;
		list->devs = d;
		*cap = n;
	}
	list->devs[list->count++] = *info;
	return 0;
}

/**
 * tapi_dev_enumerate() - list the channels present now
 * @list: out: the channels, sorted by channel number; release with
 *	tapi_dev_list_release()
 *
 * No class "tapi" (module not loaded) is an empty list, not an error.
 * Channels whose attributes do not parse are skipped.
 *
 * Return: 0, -ENOMEM, or the errno libudev reported.
 */
int tapi_dev_enumerate(struct tapi_dev_list *list)
{
	struct udev *udev;
	struct udev_enumerate *e;
	struct udev_list_entry *entry;
	size_t cap = 0;
	int err;

	list->devs = NULL;
	list->count = 0;
	udev = udev_new();
	if (!udev)
		return errno ? -errno : -ENOMEM;
	e = udev_enumerate_new(udev);
	if (!e) {
		err = errno ? -errno : -ENOMEM;
		goto out_udev;
	}
	err = udev_enumerate_add_match_subsystem(e, "tapi");
	if (!err)
		err = udev_enumerate_scan_devices(e);
	if (err)
		goto out_enum;

	udev_list_entry_foreach(entry, udev_enumerate_get_list_entry(e)) {
		const char *syspath = udev_list_entry_get_name(entry);
		struct udev_device *d;
		struct tapi_dev_info info;
		const char *node;

		d = udev_device_new_from_syspath(udev, syspath);
		if (!d)
			continue;	/* removed while we looked */
		if (tapi_dev_info_parse(&info, udev_device_get_sysname(d),
					udev_attr, d)) {
			udev_device_unref(d);
			continue;
		}
		node = udev_device_get_devnode(d);
		if (node && strlen(node) < sizeof(info.devnode))
			strcpy(info.devnode, node);
		udev_device_unref(d);
		err = append(list, &cap, &info);
		if (err)
			goto out_enum;
	}
	qsort(list->devs, list->count, sizeof(*list->devs), by_channel);

out_enum:
	udev_enumerate_unref(e);
out_udev:
	udev_unref(udev);
	if (err)
		tapi_dev_list_release(list);
	return err;
}

/**
 * tapi_dev_list_release() - free a list from tapi_dev_enumerate()
 * @list: the list; left empty
 */
void tapi_dev_list_release(struct tapi_dev_list *list)
{
	free(list->devs);
	list->devs = NULL;
	list->count = 0;
}
