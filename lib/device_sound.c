// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The sound card that belongs to a channel's own USB device.
 *
 * A USB handset is one USB device with several interfaces: tapi_usb
 * drives the HID one (the channel's parent in sysfs), snd-usb-audio the
 * audio ones, as ALSA card N (/sys/class/sound/cardN).  Both have the same
 * "usb_device" ancestor; this finds the card whose ancestor is the
 * channel's, through libudev; among those, the one on a USB audio
 * interface (class 01): tapi_pcm's card of the channel's TAPI card hangs
 * off the HID interface of the same device.  Channels that are no USB
 * devices (the simulator, PCI cards) have none.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libudev.h>

#include "device.h"

static struct udev_device *usb_parent(struct udev_device *dev)
{
	return udev_device_get_parent_with_subsystem_devtype(dev, "usb",
							     "usb_device");
}

/* Is @card on a USB audio interface (snd-usb-audio's, not tapi_pcm's)? */
static bool on_audio_interface(struct udev_device *card)
{
	struct udev_device *intf;
	const char *class;

	intf = udev_device_get_parent_with_subsystem_devtype(card, "usb",
							     "usb_interface");
	class = intf ? udev_device_get_sysattr_value(intf, "bInterfaceClass") :
		       NULL;
	return class && !strcmp(class, "01");
}

/* The card of @usb's syspath in the "sound" class, or -ENOENT. */
static int find_card(struct udev *udev, const char *usb_path, char *id,
		     size_t size, int *number)
{
	struct udev_enumerate *e = udev_enumerate_new(udev);
	struct udev_list_entry *entry;
	int err = -ENOENT;

	if (!e)
		return -ENOMEM;
	if (udev_enumerate_add_match_subsystem(e, "sound") < 0 ||
	    udev_enumerate_add_match_sysname(e, "card*") < 0 ||
	    udev_enumerate_scan_devices(e) < 0) {
		udev_enumerate_unref(e);
		return -EIO;
	}
	udev_list_entry_foreach(entry, udev_enumerate_get_list_entry(e)) {
		struct udev_device *card, *parent;
		const char *card_id, *num;

		card = udev_device_new_from_syspath(udev,
					udev_list_entry_get_name(entry));
		if (!card)
			continue;
		parent = usb_parent(card);
		card_id = udev_device_get_sysattr_value(card, "id");
		num = udev_device_get_sysattr_value(card, "number");
		if (parent && card_id && num && on_audio_interface(card) &&
		    !strcmp(udev_device_get_syspath(parent), usb_path)) {
			snprintf(id, size, "%s", card_id);
			*number = atoi(num);
			err = 0;
		}
		udev_device_unref(card);
		if (!err)
			break;
	}
	udev_enumerate_unref(e);
	return err;
}

/**
 * tapi_sound_card_of() - the ALSA card of a channel's USB device
 * @info: the channel
 * @id: out: the card's id ("Device", "Handset"...), for CARD=<id>
 * @size: bytes at @id
 * @number: out: the card's number
 *
 * Return: 0; -ENOENT when the channel is no USB device or its device has
 * no sound card (yet); -ENOMEM, -EIO.
 */
int tapi_sound_card_of(const struct tapi_dev_info *info, char *id,
		       size_t size, int *number)
{
	struct udev_device *chan, *usb;
	char sysname[32];
	struct udev *udev = udev_new();
	int err = -ENOENT;

	if (!udev)
		return -ENOMEM;
	snprintf(sysname, sizeof(sysname), "tapi%u", info->channel);
	chan = udev_device_new_from_subsystem_sysname(udev, "tapi", sysname);
	usb = chan ? usb_parent(chan) : NULL;
	if (usb)
		err = find_card(udev, udev_device_get_syspath(usb), id, size,
				number);
	if (chan)
		udev_device_unref(chan);
	udev_unref(udev);
	return err;
}
