/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_usb: USB handsets of the C-Media CM109 family as TAPI handset
 * channels.  Private header; prototypes are grouped under the file that
 * defines them.  kernel/usb/README says how the parts fit together.
 */
#ifndef _TAPI_USB_H
#define _TAPI_USB_H

#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/usb.h>
#include "tapi_driver.h"

/*
 * The CM109's HID reports are 4 bytes each way, without report IDs.
 * Input (interrupt IN):
 *   byte 0  the chip's own buttons: CM109_IN0_* bits, set while pressed
 *   byte 1  GPI: the keypad rows in the high nibble, the level of the
 *           GPIO pins (the columns we drive) in the low nibble
 * Output (SET_REPORT on the control pipe):
 *   byte 0  mode (CM109_OUT0_MODE_GPO: bytes 1-2 drive the GPIOs) and
 *           CM109_OUT0_BUZZER
 *   byte 1  GPO: the column(s) driven high
 *   byte 2  GPIO direction: the columns are outputs
 *   byte 3  unused in GPO mode, 0
 */
#define CM109_REPORT_LEN	4
#define CM109_IN0_VOLUME_UP	0x01
#define CM109_IN0_VOLUME_DOWN	0x02
#define CM109_IN0_PLAYBACK_MUTE	0x04
#define CM109_IN0_RECORD_MUTE	0x08
#define CM109_IN0_BUTTONS	0x0f
#define CM109_OUT0_MODE_GPO	0x00
#define CM109_OUT0_BUZZER	0x20
#define CM109_ROWS		0xf0
#define CM109_COLUMNS		0x0f
#define CM109_NCOLUMNS		4

/*
 * Keys are reported as tapi_channel_key() takes them (TAPI_EV_KEY value):
 * the keypad as its characters, the other buttons as the uapi's TAPI_KEY_*.
 * These two are not reported as keys: they move the hook (struct
 * usb_handset_model).
 */
#define TAPI_USB_KEY_PICKUP	'P'
#define TAPI_USB_KEY_HANGUP	'H'

/**
 * struct usb_handset_key - one key of a keypad matrix
 * @scancode: its row bit (high nibble) | its column bit (low nibble)
 * @key: what it reports: a keypad character, a TAPI_KEY_* or a TAPI_USB_KEY_*
 */
struct usb_handset_key {
	u8 scancode;
	char key;
};

#define USB_HANDSET_MATRIX_KEYS	16

/**
 * struct usb_handset_model - a handset built on the CM109
 * @name: the value of the module parameter "model", e.g. "kip1000"
 * @description: the maker and model
 * @hook_source: how the hook state is derived, shown in sysfs
 * @matrix: the keypad wiring; TAPI_USB_KEY_PICKUP and TAPI_USB_KEY_HANGUP
 *	entries are the keys that take the handset off and on hook
 *
 * The CM109 has no hook switch input: every model known here has a
 * green "pick-up" and a red "hang-up" key in its matrix, and the hook
 * state is the one the last of them pressed chose (on-hook at plug-in).
 */
struct usb_handset_model {
	const char *name;
	const char *description;
	const char *hook_source;
	struct usb_handset_key matrix[USB_HANDSET_MATRIX_KEYS];
};

/**
 * struct usb_handset - one plugged-in handset: a TAPI card of one channel
 * @udev: the USB device
 * @intf: its HID interface, which this driver is bound to
 * @model: the keypad wiring and hook keys
 * @card: the TAPI card
 * @ch: its one TAPI_SIG_HANDSET channel
 * @irq_urb: the interrupt IN URB carrying input reports
 * @irq_buf: its DMA-able 4-byte buffer
 * @ctl_urb: the control URB carrying SET_REPORT output reports
 * @ctl_req: its setup packet
 * @ctl_buf: its DMA-able 4-byte buffer
 * @lock: guards the fields below it; taken in URB completions and in
 *	set_ring (any context)
 * @stopped: no URB may be submitted (disconnect, suspend)
 * @irq_pending: @irq_urb is submitted
 * @ctl_pending: @ctl_urb is submitted
 * @ctl_again: send another output report when @ctl_urb completes (the
 *	buzzer changed while one was in flight)
 * @buzzer: the buzzer should sound
 * @drive: the column(s) the next output report drives: CM109_COLUMNS
 *	while idle (any key shows on the rows), one bit while scanning
 * @scan_rows: rows seen per column in the scan in progress
 * @pressed: keys down after the last complete scan, per column
 * @buttons: CM109_IN0_* bits last seen
 */
struct usb_handset {
	struct usb_device *udev;
	struct usb_interface *intf;
	const struct usb_handset_model *model;
	struct tapi_card *card;
	struct tapi_channel *ch;

	struct urb *irq_urb;
	u8 *irq_buf;
	struct urb *ctl_urb;
	struct usb_ctrlrequest *ctl_req;
	u8 *ctl_buf;

	spinlock_t lock;
	bool stopped;
	bool irq_pending;
	bool ctl_pending;
	bool ctl_again;
	bool buzzer;
	u8 drive;
	u8 scan_rows[CM109_NCOLUMNS];
	u8 pressed[CM109_NCOLUMNS];
	u8 buttons;
};

/* usb_cm109.c: the CM109's reports, the keypad scan, the buzzer */
int usb_cm109_init(struct usb_handset *hs, struct usb_endpoint_descriptor *ep);
void usb_cm109_release(struct usb_handset *hs);
int usb_cm109_start(struct usb_handset *hs);
void usb_cm109_stop(struct usb_handset *hs);
void usb_cm109_set_buzzer(struct usb_handset *hs, bool on);

/* usb_models.c: the handsets' keypads */
const struct usb_handset_model *usb_handset_model_find(const char *name);
char usb_handset_model_key(const struct usb_handset_model *model,
			   u8 scancode);
const char *usb_handset_model_names(void);

#endif /* _TAPI_USB_H */
