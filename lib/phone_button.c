// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The buttons of a phone, and phoneGetButtonInfo.
 *
 * Button/lamp IDs, the same on every phone:
 *   0..9   '0'..'9'   PHONEBUTTONMODE_KEYPAD
 *   10     '*'        KEYPAD
 *   11     '#'        KEYPAD
 *   12..15 'A'..'D'   KEYPAD on FXS stations (DTMF has them);
 *                     PHONEBUTTONMODE_DUMMY on handsets (no such key)
 *   16     hook flash PHONEBUTTONMODE_FEATURE, PHONEBUTTONFUNCTION_FLASH
 *                     (FXS: the station flashes its hook)
 * Handsets (TAPI_CAP_KEYPAD) then have their other keys, as tapi_usb
 * reports them (TAPI_EV_KEY values, <linux/tapi.h> TAPI_KEY_*):
 *   17 menu up, 18 menu down, 19 left/IN, 20 right/OUT (FEATURE, UNKNOWN)
 *   21 volume up (VOLUMEUP), 22 volume down (VOLUMEDOWN),
 *   23 speaker mute, 24 microphone mute (MUTE).
 * No button has a lamp.
 */
#include <string.h>

#include "engine.h"

#define KEYPAD(c) { (c), PHONEBUTTONMODE_KEYPAD, PHONEBUTTONFUNCTION_NONE, NULL }

static const struct tapi_phone_button common[] = {
	KEYPAD('0'), KEYPAD('1'), KEYPAD('2'), KEYPAD('3'), KEYPAD('4'),
	KEYPAD('5'), KEYPAD('6'), KEYPAD('7'), KEYPAD('8'), KEYPAD('9'),
	KEYPAD('*'), KEYPAD('#'), KEYPAD('A'), KEYPAD('B'), KEYPAD('C'),
	KEYPAD('D'),
	{ TAPI_PHONE_KEY_FLASH, PHONEBUTTONMODE_FEATURE,
	  PHONEBUTTONFUNCTION_FLASH, "Flash" },
};

static const struct tapi_phone_button handset_keys[] = {
	{ TAPI_KEY_UP, PHONEBUTTONMODE_FEATURE, PHONEBUTTONFUNCTION_UNKNOWN,
	  "Up" },
	{ TAPI_KEY_DOWN, PHONEBUTTONMODE_FEATURE, PHONEBUTTONFUNCTION_UNKNOWN,
	  "Down" },
	{ TAPI_KEY_LEFT, PHONEBUTTONMODE_FEATURE, PHONEBUTTONFUNCTION_UNKNOWN,
	  "Left" },
	{ TAPI_KEY_RIGHT, PHONEBUTTONMODE_FEATURE, PHONEBUTTONFUNCTION_UNKNOWN,
	  "Right" },
	{ TAPI_KEY_VOLUME_UP, PHONEBUTTONMODE_FEATURE,
	  PHONEBUTTONFUNCTION_VOLUMEUP, "Volume up" },
	{ TAPI_KEY_VOLUME_DOWN, PHONEBUTTONMODE_FEATURE,
	  PHONEBUTTONFUNCTION_VOLUMEDOWN, "Volume down" },
	{ TAPI_KEY_MUTE, PHONEBUTTONMODE_FEATURE, PHONEBUTTONFUNCTION_MUTE,
	  "Speaker mute" },
	{ TAPI_KEY_MIC_MUTE, PHONEBUTTONMODE_FEATURE, PHONEBUTTONFUNCTION_MUTE,
	  "Microphone mute" },
};

static const struct tapi_phone_button no_button = {
	0, PHONEBUTTONMODE_DUMMY, PHONEBUTTONFUNCTION_NONE, NULL
};

static bool is_handset(const struct tapi_dev_info *info)
{
	return info->signalling == TAPI_SIG_HANDSET;
}

/**
 * tapi_phone_button_count() - dwNumButtonLamps of a phone
 * @info: its channel
 *
 * Return: the number of button/lamp IDs.
 */
DWORD tapi_phone_button_count(const struct tapi_dev_info *info)
{
	DWORD n = TAPI_ARRAY_SIZE(common);

	if (is_handset(info))
		n += TAPI_ARRAY_SIZE(handset_keys);
	return n;
}

/**
 * tapi_phone_button() - one button of a phone
 * @info: its channel
 * @id: a button/lamp ID below tapi_phone_button_count()
 *
 * Return: the button (PHONEBUTTONMODE_DUMMY where there is none).
 */
const struct tapi_phone_button *
tapi_phone_button(const struct tapi_dev_info *info, DWORD id)
{
	if (id < TAPI_ARRAY_SIZE(common)) {
		/* handsets have no A-D keys, stations no flash key */
		if (is_handset(info) && common[id].key >= 'A' &&
		    common[id].key <= 'D')
			return &no_button;
		return &common[id];
	}
	id -= TAPI_ARRAY_SIZE(common);
	if (is_handset(info) && id < TAPI_ARRAY_SIZE(handset_keys))
		return &handset_keys[id];
	return &no_button;
}

/**
 * tapi_phone_button_of_key() - the button that reports a key
 * @info: the channel
 * @key: a TAPI_EV_KEY / DIGIT value or TAPI_PHONE_KEY_FLASH
 *
 * Return: its button/lamp ID, or -1 when no button reports it.
 */
int tapi_phone_button_of_key(const struct tapi_dev_info *info, char key)
{
	DWORD n = tapi_phone_button_count(info);

	for (DWORD id = 0; id < n; id++) {
		const struct tapi_phone_button *b = tapi_phone_button(info, id);

		if (b->mode != PHONEBUTTONMODE_DUMMY && b->key == key)
			return (int)id;
	}
	return -1;
}

/**
 * phoneGetButtonInfo() - what a button is and whether it is pressed
 * @hPhone: an open phone
 * @dwButtonLampID: below PHONECAPS.dwNumButtonLamps
 * @lpButtonInfo: out; dwTotalSize set by the application
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_INVALBUTTONLAMPID,
 * PHONEERR_STRUCTURETOOSMALL, PHONEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI phoneGetButtonInfo(HPHONE hPhone,
					   DWORD dwButtonLampID,
					   LPPHONEBUTTONINFO lpButtonInfo)
{
	const struct tapi_phone_button *b;
	struct tapi_phone *ph;
	struct tapi_varbuf vb;
	PHONEBUTTONINFO *bi;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	err = tapi_phoneerr_from_lineerr(tapi_check_out_struct(lpButtonInfo));
	if (err)
		goto out;
	if (dwButtonLampID >= tapi_phone_button_count(&ph->dev->info)) {
		err = PHONEERR_INVALBUTTONLAMPID;
		goto out;
	}
	b = tapi_phone_button(&ph->dev->info, dwButtonLampID);
	if (tapi_varbuf_init(&vb, sizeof(*bi),
			     tapi_phone_fixed_size(offsetof(PHONEBUTTONINFO,
							    dwButtonState),
						   sizeof(PHONEBUTTONINFO),
						   sizeof(PHONEBUTTONINFO),
						   sizeof(PHONEBUTTONINFO),
						   ph->version))) {
		err = PHONEERR_NOMEM;
		goto out;
	}
	bi = tapi_varbuf_fixed(&vb);
	bi->dwButtonMode = b->mode;
	bi->dwButtonFunction = b->function;
	bi->dwButtonState = b->mode == PHONEBUTTONMODE_DUMMY ?
			    PHONEBUTTONSTATE_UNAVAIL :
			    ph->dev->button_state[dwButtonLampID];
	if (b->text)
		tapi_varbuf_add_string(&vb,
				       offsetof(PHONEBUTTONINFO,
						dwButtonTextSize),
				       offsetof(PHONEBUTTONINFO,
						dwButtonTextOffset), b->text);
	else if (b->mode == PHONEBUTTONMODE_KEYPAD) {
		char text[2] = { b->key, 0 };

		tapi_varbuf_add_string(&vb,
				       offsetof(PHONEBUTTONINFO,
						dwButtonTextSize),
				       offsetof(PHONEBUTTONINFO,
						dwButtonTextOffset), text);
	}
	err = tapi_phoneerr_from_lineerr(tapi_varbuf_finish(&vb, lpButtonInfo));
	tapi_varbuf_release(&vb);
out:
	tapi_phone_end(ph);
	return err;
}
