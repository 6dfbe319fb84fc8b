// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_usb: the handsets built on the CM109 and their keypads.
 *
 * All of them share the USB ID 0d8c:000e and differ only in how their
 * keys are wired to the chip's keypad matrix (four rows on GPI pins 4-7,
 * four columns on GPO pins 0-3), so the model cannot be told from the
 * device: the module parameter "model" names it.  The wiring below is
 * what the makers' handsets have, as documented for Linux's cm109 input
 * driver's keymaps.
 *
 * Hook source: none of these handsets has a hook switch the CM109 can
 * read.  Each has a green "pick-up" (talk, OK) key and a red "hang-up"
 * (end) key in its matrix; the driver takes the handset off-hook when
 * pick-up is pressed and on-hook when hang-up is, and reports neither as
 * a key.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "tapi_usb.h"

/* A key at row @r (0-3, GPI pin 4 + r) and column @c (0-3, GPO pin c). */
#define KEY(r, c, k)	{ .scancode = (0x10 << (r)) | (1 << (c)), .key = (k) }

#define HOOK_BY_KEYS	"keys: pick-up off-hook, hang-up on-hook"

static const struct usb_handset_model usb_handset_models[] = {
	{
		/* Komunikate KIP1000: arrows and OK/END in column 3 */
		.name = "kip1000",
		.description = "Komunikate KIP1000",
		.hook_source = HOOK_BY_KEYS,
		.matrix = {
			KEY(0, 3, TAPI_KEY_RIGHT), KEY(0, 2, '1'),
			KEY(0, 1, '2'), KEY(0, 0, '3'),
			KEY(1, 3, TAPI_KEY_LEFT), KEY(1, 2, '4'),
			KEY(1, 1, '5'), KEY(1, 0, '6'),
			KEY(2, 3, TAPI_USB_KEY_HANGUP), KEY(2, 2, '7'),
			KEY(2, 1, '8'), KEY(2, 0, '9'),
			KEY(3, 3, TAPI_USB_KEY_PICKUP), KEY(3, 2, '*'),
			KEY(3, 1, '0'), KEY(3, 0, '#'),
		},
	},
	{
		/* Genius G-talk: digits down the columns, a menu rocker */
		.name = "gtalk",
		.description = "Genius G-talk",
		.hook_source = HOOK_BY_KEYS,
		.matrix = {
			KEY(0, 0, '0'), KEY(0, 1, '4'), KEY(0, 2, '8'),
			KEY(0, 3, TAPI_USB_KEY_PICKUP),
			KEY(1, 0, '1'), KEY(1, 1, '5'), KEY(1, 2, '9'),
			KEY(1, 3, TAPI_USB_KEY_HANGUP),
			KEY(2, 0, '2'), KEY(2, 1, '6'), KEY(2, 2, '#'),
			KEY(2, 3, TAPI_KEY_UP),
			KEY(3, 0, '3'), KEY(3, 1, '7'), KEY(3, 2, '*'),
			KEY(3, 3, TAPI_KEY_DOWN),
		},
	},
	{
		/* Allied-Telesis Corega USBPH01: the G-talk's wiring, IN/OUT */
		.name = "usbph01",
		.description = "Allied-Telesis Corega USBPH01",
		.hook_source = HOOK_BY_KEYS,
		.matrix = {
			KEY(0, 0, '0'), KEY(0, 1, '4'), KEY(0, 2, '8'),
			KEY(0, 3, TAPI_USB_KEY_PICKUP),
			KEY(1, 0, '1'), KEY(1, 1, '5'), KEY(1, 2, '9'),
			KEY(1, 3, TAPI_USB_KEY_HANGUP),
			KEY(2, 0, '2'), KEY(2, 1, '6'), KEY(2, 2, '#'),
			KEY(2, 3, TAPI_KEY_LEFT),
			KEY(3, 0, '3'), KEY(3, 1, '7'), KEY(3, 2, '*'),
			KEY(3, 3, TAPI_KEY_RIGHT),
		},
	},
	{
		/* ATCom AU-100: digits along the rows */
		.name = "atcom",
		.description = "ATCom AU-100",
		.hook_source = HOOK_BY_KEYS,
		.matrix = {
			KEY(0, 0, '1'), KEY(0, 1, '2'), KEY(0, 2, '3'),
			KEY(0, 3, TAPI_USB_KEY_PICKUP),
			KEY(1, 0, '4'), KEY(1, 1, '5'), KEY(1, 2, '6'),
			KEY(1, 3, TAPI_USB_KEY_HANGUP),
			KEY(2, 0, '7'), KEY(2, 1, '8'), KEY(2, 2, '9'),
			KEY(2, 3, TAPI_KEY_LEFT),
			KEY(3, 0, '*'), KEY(3, 1, '0'), KEY(3, 2, '#'),
			KEY(3, 3, TAPI_KEY_RIGHT),
		},
	},
};

/**
 * usb_handset_model_find() - look a model up by name
 * @name: e.g. "kip1000", compared without regard to case
 *
 * Return: the model, or NULL if no model has that name.
 */
const struct usb_handset_model *usb_handset_model_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(usb_handset_models); i++)
		if (!strcasecmp(name, usb_handset_models[i].name))
			return &usb_handset_models[i];
	return NULL;
}

/**
 * usb_handset_model_key() - the key wired to a point of the matrix
 * @model: the handset model
 * @scancode: one row bit | one column bit
 *
 * Context: any.
 * Return: the key's character (or a TAPI_KEY_* or TAPI_USB_KEY_*), 0 if nothing is wired
 * there.
 */
char usb_handset_model_key(const struct usb_handset_model *model, u8 scancode)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(model->matrix); i++)
		if (model->matrix[i].scancode == scancode)
			return model->matrix[i].key;
	return 0;
}

/**
 * usb_handset_model_names() - the names "model" accepts, for messages
 *
 * Return: a constant string.
 */
const char *usb_handset_model_names(void)
{
	return "kip1000, gtalk, usbph01, atcom";
}
