// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_usb: USB handsets of the C-Media CM109 family as TAPI channels.
 *
 * Each handset is a TAPI card of one TAPI_SIG_HANDSET channel, named
 * "cm109-<USB port>/handset0", with the caps
 *   TAPI_CAP_KEYPAD       keys come as TAPI_EV_KEY down/up (tapi_usb.h
 *                         lists the characters of the non-digit keys)
 *   TAPI_CAP_HOOK_DETECT  the hook state, derived from the model's
 *                         pick-up and hang-up keys (the CM109 has no hook
 *                         switch input; usb_models.c); the USB interface's
 *                         sysfs attributes "model" and "hook_source" say
 *                         which model and how
 *   TAPI_CAP_RING         the buzzer, switched by set_ring as the core
 *                         runs the cadence
 * and without TAPI_CAP_MEDIA: the handset's audio is the USB audio
 * interface next to the HID one, which snd-usb-audio drives; userspace
 * finds that ALSA card by the common USB parent.
 *
 * Unplugging (even in a call, with the channel open) unregisters the
 * card: open files get TAPI_EV_REMOVED and -ENODEV afterwards.
 *
 * Linux's own input driver "cm109" binds the same interface: see
 * kernel/usb/README for keeping it off.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/usb.h>
#include "tapi_usb.h"

#define USB_HANDSET_DRIVER	"tapi_usb"

static char *model = "kip1000";
module_param(model, charp, 0444);
MODULE_PARM_DESC(model, "Keypad wiring of the CM109 handsets: kip1000 (default), gtalk, usbph01 or atcom");

/* The model the parameter names, checked at load. */
static const struct usb_handset_model *usb_handset_model;

static const struct usb_device_id usb_handset_ids[] = {
	/* C-Media CM109: the HID interface of the handsets built on it */
	{ USB_DEVICE_AND_INTERFACE_INFO(0x0d8c, 0x000e, USB_CLASS_HID, 0, 0) },
	{ }
};
MODULE_DEVICE_TABLE(usb, usb_handset_ids);

static int usb_handset_set_ring(struct tapi_channel *ch, bool on)
{
	usb_cm109_set_buzzer(tapi_channel_get_drvdata(ch), on);
	return 0;
}

static const struct tapi_channel_ops usb_handset_ops = {
	.set_ring = usb_handset_set_ring,
};

static ssize_t model_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct usb_handset *hs = usb_get_intfdata(to_usb_interface(dev));

	return sysfs_emit(buf, "%s\n", hs->model->name);
}
static DEVICE_ATTR_RO(model);

static ssize_t hook_source_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct usb_handset *hs = usb_get_intfdata(to_usb_interface(dev));

	return sysfs_emit(buf, "%s\n", hs->model->hook_source);
}
static DEVICE_ATTR_RO(hook_source);

static struct attribute *usb_handset_attrs[] = {
	&dev_attr_model.attr,
	&dev_attr_hook_source.attr,
	NULL
};
/*
 * Added in probe before the channel appears (not as the driver's
 * dev_groups, which come after probe), so whoever sees the channel
 * finds them.
 */
static const struct attribute_group usb_handset_group = {
	.attrs = usb_handset_attrs,
};

static int usb_handset_probe(struct usb_interface *intf,
			     const struct usb_device_id *id)
{
	struct usb_device *udev = interface_to_usbdev(intf);
	struct usb_endpoint_descriptor *ep;
	struct usb_handset *hs;
	struct tapi_card *card;
	char name[TAPI_NAME_LEN];
	int ret;

	ret = usb_find_int_in_endpoint(intf->cur_altsetting, &ep);
	if (ret)
		return -ENODEV;
	if (usb_endpoint_maxp(ep) < CM109_REPORT_LEN) {
		dev_err(&intf->dev, "interrupt endpoint of %u bytes, need %u\n",
			usb_endpoint_maxp(ep), CM109_REPORT_LEN);
		return -ENODEV;
	}

	/* Named after the port, so a handset's name is stable. */
	snprintf(name, sizeof(name), "cm109-%s", dev_name(&udev->dev));
	card = tapi_card_create(&intf->dev, NULL, THIS_MODULE,
				USB_HANDSET_DRIVER, name, 1, sizeof(*hs));
	if (IS_ERR(card))
		return PTR_ERR(card);
	hs = tapi_card_priv(card);
	hs->card = card;
	hs->ch = tapi_card_channel(card, 0);
	hs->udev = udev;
	hs->intf = intf;
	hs->model = usb_handset_model;
	spin_lock_init(&hs->lock);
	/* The core may set the ringer at registration, before the loop. */
	hs->stopped = true;

	ret = usb_cm109_init(hs, ep);
	if (ret)
		goto err_init;

	tapi_channel_setup(hs->ch, TAPI_SIG_HANDSET,
			   TAPI_CAP_KEYPAD | TAPI_CAP_HOOK_DETECT |
			   TAPI_CAP_RING, &usb_handset_ops, NULL);
	tapi_channel_set_drvdata(hs->ch, hs);
	usb_set_intfdata(intf, hs);

	ret = device_add_group(&intf->dev, &usb_handset_group);
	if (ret)
		goto err_add_group;
	ret = tapi_card_register(card);
	if (ret)
		goto err_register;
	ret = usb_cm109_start(hs);
	if (ret)
		goto err_start;

	dev_info(&intf->dev, "%s: %s handset, channel %u, hook from %s\n",
		 name, hs->model->description, tapi_channel_number(hs->ch),
		 hs->model->hook_source);
	return 0;

err_start:
	usb_cm109_stop(hs);
	tapi_card_unregister(card);
err_register:
	device_remove_group(&intf->dev, &usb_handset_group);
err_add_group:
	usb_set_intfdata(intf, NULL);
err_init:
	usb_cm109_release(hs);
	tapi_card_free(card);
	return ret;
}

static void usb_handset_disconnect(struct usb_interface *intf)
{
	struct usb_handset *hs = usb_get_intfdata(intf);
	struct tapi_card *card = hs->card;

	/* No URB after this, so no report races the unregistering. */
	usb_cm109_stop(hs);
	/* Open files get TAPI_EV_REMOVED; set_ring is not called after. */
	tapi_card_unregister(card);
	device_remove_group(&intf->dev, &usb_handset_group);
	usb_cm109_release(hs);
	usb_set_intfdata(intf, NULL);
	tapi_card_free(card);
}

static int usb_handset_suspend(struct usb_interface *intf,
			       pm_message_t message)
{
	usb_cm109_stop(usb_get_intfdata(intf));
	return 0;
}

static int usb_handset_resume(struct usb_interface *intf)
{
	return usb_cm109_start(usb_get_intfdata(intf));
}

static struct usb_driver usb_handset_driver = {
	.name = USB_HANDSET_DRIVER,
	.probe = usb_handset_probe,
	.disconnect = usb_handset_disconnect,
	.suspend = usb_handset_suspend,
	.resume = usb_handset_resume,
	.reset_resume = usb_handset_resume,
	.id_table = usb_handset_ids,
};

static int __init usb_handset_init(void)
{
	usb_handset_model = usb_handset_model_find(model);
	if (!usb_handset_model) {
		pr_err("%s: unknown model \"%s\" (known: %s)\n",
		       USB_HANDSET_DRIVER, model, usb_handset_model_names());
		return -EINVAL;
	}
	return usb_register(&usb_handset_driver);
}

static void __exit usb_handset_exit(void)
{
	usb_deregister(&usb_handset_driver);
}

module_init(usb_handset_init);
module_exit(usb_handset_exit);

MODULE_DESCRIPTION("linux-tapi: USB handsets of the C-Media CM109 family");
MODULE_LICENSE("GPL");
