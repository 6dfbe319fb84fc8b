// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_usb: the CM109's HID reports, the keypad scan and the buzzer.
 *
 * The chip reads its keypad matrix only as four row bits (GPI pins 4-7)
 * with the four column lines (GPO pins 0-3) driven by the host, so the
 * host scans it.  One loop of two URBs runs from plug-in to unplug:
 *
 *   output report (control URB, HID SET_REPORT): buzzer bit, the column(s)
 *   to drive  ->  input report (interrupt URB): the buttons, the rows
 *   that read high and, in the low nibble, the columns we drove  ->
 *   output report ...
 *
 * While idle every column is driven, so any key pressed shows on the
 * rows.  Then (and while keys are held, so a second key is seen) the
 * loop drives one column per round, and after the fourth it knows which
 * keys are down and reports the difference to the last scan.  An input
 * report whose column nibble is not what we drove answers an earlier
 * output report and is ignored.  The loop runs at the pace the handset
 * answers (its interrupt endpoint's interval).
 *
 * A buzzer change while an output report is in flight is sent when that
 * one completes; otherwise at once, next to the loop.
 */
#include <linux/bitops.h>
#include <linux/hid.h>
#include <linux/slab.h>
#include "tapi_usb.h"

/* The CM109's own buttons.  The mute bits toggle at each press. */
static const struct {
	u8 bit;
	char key;
	bool toggles;
} usb_cm109_buttons[] = {
	{ CM109_IN0_VOLUME_UP, TAPI_KEY_VOLUME_UP, false },
	{ CM109_IN0_VOLUME_DOWN, TAPI_KEY_VOLUME_DOWN, false },
	{ CM109_IN0_PLAYBACK_MUTE, TAPI_KEY_MUTE, true },
	{ CM109_IN0_RECORD_MUTE, TAPI_KEY_MIC_MUTE, true },
};

/* Caller holds hs->lock: they report under it, in the order they saw. */
static void usb_cm109_report_buttons(struct usb_handset *hs, u8 buttons)
{
	u8 changed = (buttons ^ hs->buttons) & CM109_IN0_BUTTONS;
	unsigned int i;

	lockdep_assert_held(&hs->lock);
	for (i = 0; i < ARRAY_SIZE(usb_cm109_buttons); i++) {
		u8 bit = usb_cm109_buttons[i].bit;
		char key = usb_cm109_buttons[i].key;

		if (!(changed & bit))
			continue;
		if (usb_cm109_buttons[i].toggles) {
			tapi_channel_key(hs->ch, key, true);
			tapi_channel_key(hs->ch, key, false);
		} else {
			tapi_channel_key(hs->ch, key, buttons & bit);
		}
	}
	hs->buttons = buttons & CM109_IN0_BUTTONS;
}

/* A matrix key went down or up: a key, or the hook for the hook keys. */
static void usb_cm109_report_matrix_key(struct usb_handset *hs, u8 scancode,
					bool down)
{
	char key = usb_handset_model_key(hs->model, scancode);

	switch (key) {
	case 0:
		dev_dbg(&hs->intf->dev, "key 0x%02x not wired on a %s\n",
			scancode, hs->model->name);
		break;
	case TAPI_USB_KEY_PICKUP:
		if (down)
			tapi_channel_hook(hs->ch, true);
		break;
	case TAPI_USB_KEY_HANGUP:
		if (down)
			tapi_channel_hook(hs->ch, false);
		break;
	default:
		tapi_channel_key(hs->ch, key, down);
		break;
	}
}

/* A scan is complete: releases first, then presses. */
static void usb_cm109_scan_done(struct usb_handset *hs)
{
	unsigned int col, pass;
	unsigned long bits;
	unsigned int row;

	lockdep_assert_held(&hs->lock);
	for (pass = 0; pass < 2; pass++) {
		bool down = pass;

		for (col = 0; col < CM109_NCOLUMNS; col++) {
			u8 now = hs->scan_rows[col];

			bits = (now ^ hs->pressed[col]) & (down ? now : ~now);
			bits &= CM109_ROWS;
			for_each_set_bit(row, &bits, 8)
				usb_cm109_report_matrix_key(hs, BIT(row) | BIT(col),
							    down);
		}
	}
	memcpy(hs->pressed, hs->scan_rows, sizeof(hs->pressed));
}

static bool usb_cm109_any_pressed(struct usb_handset *hs)
{
	unsigned int col;

	for (col = 0; col < CM109_NCOLUMNS; col++)
		if (hs->pressed[col])
			return true;
	return false;
}

/* One input report; decides which column the next output report drives. */
static void usb_cm109_input(struct usb_handset *hs, const u8 *report)
{
	u8 rows = report[1] & CM109_ROWS;
	u8 driven = report[1] & CM109_COLUMNS;

	lockdep_assert_held(&hs->lock);
	usb_cm109_report_buttons(hs, report[0]);

	if (driven != hs->drive)
		return;		/* an answer to an earlier output report */
	if (hs->drive == CM109_COLUMNS) {
		if (rows || usb_cm109_any_pressed(hs)) {
			memset(hs->scan_rows, 0, sizeof(hs->scan_rows));
			hs->drive = BIT(0);
		}
		return;
	}
	hs->scan_rows[__ffs(hs->drive)] = rows;
	if (hs->drive < BIT(CM109_NCOLUMNS - 1)) {
		hs->drive <<= 1;
		return;
	}
	hs->drive = CM109_COLUMNS;
	usb_cm109_scan_done(hs);
}

/* Send the output report for the current state.  Caller holds hs->lock. */
static void usb_cm109_submit_ctl(struct usb_handset *hs)
{
	int ret;

	lockdep_assert_held(&hs->lock);
	hs->ctl_buf[0] = CM109_OUT0_MODE_GPO |
			 (hs->buzzer ? CM109_OUT0_BUZZER : 0);
	hs->ctl_buf[1] = hs->drive;
	/* Only the driven columns are outputs: two keys in one row must
	 * not short a driven column to an idle one.
	 */
	hs->ctl_buf[2] = hs->drive;
	hs->ctl_buf[3] = 0;
	hs->ctl_again = false;
	ret = usb_submit_urb(hs->ctl_urb, GFP_ATOMIC);
	if (ret) {
		if (ret != -ENODEV && ret != -EPERM)
			dev_err_ratelimited(&hs->intf->dev,
					    "output report not sent: %d\n", ret);
		return;
	}
	hs->ctl_pending = true;
}

static void usb_cm109_submit_irq(struct usb_handset *hs)
{
	int ret;

	lockdep_assert_held(&hs->lock);
	ret = usb_submit_urb(hs->irq_urb, GFP_ATOMIC);
	if (ret) {
		if (ret != -ENODEV && ret != -EPERM)
			dev_err_ratelimited(&hs->intf->dev,
					    "input report not asked for: %d\n",
					    ret);
		return;
	}
	hs->irq_pending = true;
}

/* The URB was killed or the device is gone: the loop ends. */
static bool usb_cm109_urb_ended(int status)
{
	return status == -ENOENT || status == -ECONNRESET ||
	       status == -ESHUTDOWN || status == -ENODEV;
}

static void usb_cm109_irq_complete(struct urb *urb)
{
	struct usb_handset *hs = urb->context;
	unsigned long flags;

	spin_lock_irqsave(&hs->lock, flags);
	hs->irq_pending = false;
	if (usb_cm109_urb_ended(urb->status) || hs->stopped)
		goto out;
	if (urb->status)
		dev_dbg_ratelimited(&hs->intf->dev, "input report: %d\n",
				    urb->status);
	else if (urb->actual_length >= 2)
		usb_cm109_input(hs, hs->irq_buf);
	/* A report in flight carries the new state when it completes. */
	if (hs->ctl_pending)
		hs->ctl_again = true;
	else
		usb_cm109_submit_ctl(hs);
out:
	spin_unlock_irqrestore(&hs->lock, flags);
}

static void usb_cm109_ctl_complete(struct urb *urb)
{
	struct usb_handset *hs = urb->context;
	unsigned long flags;

	spin_lock_irqsave(&hs->lock, flags);
	hs->ctl_pending = false;
	if (usb_cm109_urb_ended(urb->status) || hs->stopped)
		goto out;
	if (urb->status)
		dev_dbg_ratelimited(&hs->intf->dev, "output report: %d\n",
				    urb->status);
	if (hs->ctl_again)
		usb_cm109_submit_ctl(hs);
	else if (!hs->irq_pending)
		usb_cm109_submit_irq(hs);
out:
	spin_unlock_irqrestore(&hs->lock, flags);
}

/**
 * usb_cm109_init() - allocate the URBs and buffers of a handset
 * @hs: the handset, with @udev and @intf set and @lock initialised
 * @ep: its interrupt IN endpoint
 *
 * usb_cm109_release() frees what this allocated, also on failure.
 *
 * Context: process context, may sleep.
 * Return: 0 or -ENOMEM.
 */
int usb_cm109_init(struct usb_handset *hs, struct usb_endpoint_descriptor *ep)
{
	struct usb_device *udev = hs->udev;
	u16 ifnum = hs->intf->cur_altsetting->desc.bInterfaceNumber;

	hs->irq_buf = kzalloc(CM109_REPORT_LEN, GFP_KERNEL);
	hs->ctl_buf = kzalloc(CM109_REPORT_LEN, GFP_KERNEL);
	hs->ctl_req = kzalloc(sizeof(*hs->ctl_req), GFP_KERNEL);
	hs->irq_urb = usb_alloc_urb(0, GFP_KERNEL);
	hs->ctl_urb = usb_alloc_urb(0, GFP_KERNEL);
	if (!hs->irq_buf || !hs->ctl_buf || !hs->ctl_req || !hs->irq_urb ||
	    !hs->ctl_urb)
		return -ENOMEM;

	usb_fill_int_urb(hs->irq_urb, udev,
			 usb_rcvintpipe(udev, ep->bEndpointAddress),
			 hs->irq_buf, CM109_REPORT_LEN, usb_cm109_irq_complete,
			 hs, ep->bInterval);

	/* HID SET_REPORT of output report 0 to the HID interface. */
	hs->ctl_req->bRequestType = USB_DIR_OUT | USB_TYPE_CLASS |
				    USB_RECIP_INTERFACE;
	hs->ctl_req->bRequest = HID_REQ_SET_REPORT;
	hs->ctl_req->wValue = cpu_to_le16((HID_OUTPUT_REPORT + 1) << 8);
	hs->ctl_req->wIndex = cpu_to_le16(ifnum);
	hs->ctl_req->wLength = cpu_to_le16(CM109_REPORT_LEN);
	usb_fill_control_urb(hs->ctl_urb, udev, usb_sndctrlpipe(udev, 0),
			     (u8 *)hs->ctl_req, hs->ctl_buf, CM109_REPORT_LEN,
			     usb_cm109_ctl_complete, hs);
	return 0;
}

/**
 * usb_cm109_release() - free what usb_cm109_init() allocated
 * @hs: the handset, stopped (or never started)
 *
 * Context: process context.
 */
void usb_cm109_release(struct usb_handset *hs)
{
	usb_free_urb(hs->ctl_urb);
	usb_free_urb(hs->irq_urb);
	kfree(hs->ctl_req);
	kfree(hs->ctl_buf);
	kfree(hs->irq_buf);
	hs->ctl_urb = NULL;
	hs->irq_urb = NULL;
	hs->ctl_req = NULL;
	hs->ctl_buf = NULL;
	hs->irq_buf = NULL;
}

/**
 * usb_cm109_start() - start the report loop
 * @hs: the handset, initialised with usb_cm109_init()
 *
 * Sends the first output report: GPO mode, every column driven, the
 * buzzer as it was.  Keys held from before are scanned again.
 *
 * Context: any.
 * Return: 0, or the error of usb_submit_urb().
 */
int usb_cm109_start(struct usb_handset *hs)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&hs->lock, flags);
	hs->stopped = false;
	hs->drive = CM109_COLUMNS;
	usb_cm109_submit_ctl(hs);
	if (!hs->ctl_pending)
		ret = -EIO;
	spin_unlock_irqrestore(&hs->lock, flags);
	return ret;
}

/**
 * usb_cm109_stop() - stop the report loop
 * @hs: the handset
 *
 * When this returns no URB of the handset is in flight and none is
 * submitted until usb_cm109_start().
 *
 * Context: process context, may sleep.
 */
void usb_cm109_stop(struct usb_handset *hs)
{
	unsigned long flags;

	spin_lock_irqsave(&hs->lock, flags);
	hs->stopped = true;
	spin_unlock_irqrestore(&hs->lock, flags);
	/* Their completions see @stopped and do not resubmit. */
	usb_kill_urb(hs->ctl_urb);
	usb_kill_urb(hs->irq_urb);
}

/**
 * usb_cm109_set_buzzer() - sound or silence the buzzer
 * @hs: the handset
 * @on: sound it
 *
 * Context: any.
 */
void usb_cm109_set_buzzer(struct usb_handset *hs, bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&hs->lock, flags);
	hs->buzzer = on;
	if (!hs->stopped) {
		if (hs->ctl_pending)
			hs->ctl_again = true;
		else
			usb_cm109_submit_ctl(hs);
	}
	spin_unlock_irqrestore(&hs->lock, flags);
}
