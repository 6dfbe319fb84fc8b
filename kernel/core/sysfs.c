// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: sysfs attributes of the channel devices,
 * /sys/class/tapi/tapi<n>/, all read-only:
 *
 *   signalling   "fxs", "fxo" or "handset"
 *   name         the channel's name, e.g. "sim0/fxs0"
 *   channel      global channel number, the <n> of /dev/tapi/<n>
 *   card         card number
 *   card_name    the card's name, e.g. "sim0"
 *   driver       the driver's name, e.g. "tapi_sim"
 *   index        index of the channel on its card
 *   caps         TAPI_CAP_* bits, hexadecimal with 0x
 *   hook         "on" or "off" (the station's for FXS/handset, ours for FXO)
 *   ringing      1 while ring voltage is on (FXS) or detected (FXO), else 0
 *   polarity     0 normal, 1 reversed
 *   number       the line's directory number, empty if unknown
 *
 * They match the fields of struct tapi_chan_info.  The device's drvdata
 * is the channel, which outlives the device.
 */
#include <linux/sysfs.h>
#include "core.h"

static const char *tapi_signalling_name(enum tapi_signalling sig)
{
	switch (sig) {
	case TAPI_SIG_FXS:
		return "fxs";
	case TAPI_SIG_FXO:
		return "fxo";
	case TAPI_SIG_HANDSET:
		return "handset";
	}
	return "unknown";
}

static ssize_t signalling_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", tapi_signalling_name(ch->sig));
}
static DEVICE_ATTR_RO(signalling);

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", ch->name);
}
static DEVICE_ATTR_RO(name);

static ssize_t channel_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", ch->number);
}
static DEVICE_ATTR_RO(channel);

static ssize_t card_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", ch->card->number);
}
static DEVICE_ATTR_RO(card);

static ssize_t card_name_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", ch->card->name);
}
static DEVICE_ATTR_RO(card_name);

static ssize_t driver_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n", ch->card->driver);
}
static DEVICE_ATTR_RO(driver);

static ssize_t index_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", ch->index);
}
static DEVICE_ATTR_RO(index);

static ssize_t caps_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "0x%x\n", ch->caps);
}
static DEVICE_ATTR_RO(caps);

static ssize_t hook_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s\n",
			  tapi_signal_hook_state(ch) == TAPI_HOOK_OFF ?
			  "off" : "on");
}
static DEVICE_ATTR_RO(hook);

static ssize_t ringing_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", tapi_signal_ringing(ch));
}
static DEVICE_ATTR_RO(ringing);

static ssize_t polarity_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", READ_ONCE(ch->reversed));
}
static DEVICE_ATTR_RO(polarity);

static ssize_t number_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct tapi_channel *ch = dev_get_drvdata(dev);
	char number[TAPI_DIGITS_LEN];
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	strscpy(number, ch->dir_number, sizeof(number));
	spin_unlock_irqrestore(&ch->lock, flags);
	return sysfs_emit(buf, "%s\n", number);
}
static DEVICE_ATTR_RO(number);

static struct attribute *tapi_channel_attrs[] = {
	&dev_attr_signalling.attr,
	&dev_attr_name.attr,
	&dev_attr_channel.attr,
	&dev_attr_card.attr,
	&dev_attr_card_name.attr,
	&dev_attr_driver.attr,
	&dev_attr_index.attr,
	&dev_attr_caps.attr,
	&dev_attr_hook.attr,
	&dev_attr_ringing.attr,
	&dev_attr_polarity.attr,
	&dev_attr_number.attr,
	NULL,
};

static const struct attribute_group tapi_channel_group = {
	.attrs = tapi_channel_attrs,
};

const struct attribute_group *tapi_channel_groups[] = {
	&tapi_channel_group,
	NULL,
};
