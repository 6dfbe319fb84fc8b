// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneGetID: the device IDs that go with a phone.
 *
 *   "tapi/phone"  the phone device ID (a DWORD, STRINGFORMAT_BINARY)
 *   "tapi/line"   the line device ID of the same channel
 *   "wave/in"     the ALSA PCM that records what the station's user
 *   "wave/out"    says / plays to the user (STRINGFORMAT_ASCII, a name
 *                 for snd_pcm_open()):
 *                 - a USB handset: its own sound card (snd-usb-audio,
 *                   the USB device's other interface), through the plug
 *                   layer so that 8 kHz works on its 44.1/48 kHz
 *                   hardware: "plughw:CARD=<id>,DEV=0";
 *                 - an FXS port: its tapi_pcm PCM, as lineGetID gives.
 *                 A phone without one (a handset whose audio interface
 *                 has no driver, tapi_pcm not loaded) has no wave class:
 *                 PHONEERR_INVALDEVICECLASS, as for unknown classes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

static LONG put_var(LPVARSTRING out, DWORD version, DWORD format,
		    const void *data, DWORD len, DWORD align)
{
	return tapi_phoneerr_from_lineerr(tapi_varstring_fill(out, version,
							      format, data,
							      len, align));
}

/* The PCM of the phone's channel, or PHONEERR_INVALDEVICECLASS. */
static LONG pcm_of(const struct tapi_dev_info *info, char *buf, size_t size)
{
	int e = tapi_media_pcm_name(info, buf, size);

	if (e == -ENOMEM)
		return PHONEERR_NOMEM;
	return e ? PHONEERR_INVALDEVICECLASS : 0;
}

/**
 * phoneGetID() - a device ID associated with a phone
 * @hPhone: an open phone
 * @lpDeviceID: out: VARSTRING; dwTotalSize set by the application
 * @lpszDeviceClass: "tapi/phone", "tapi/line", "wave/in" or "wave/out"
 *	(case does not matter)
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_INVALDEVICECLASS,
 * PHONEERR_STRUCTURETOOSMALL, PHONEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI phoneGetID(HPHONE hPhone, LPVARSTRING lpDeviceID,
				   LPCSTR lpszDeviceClass)
{
	char pcm[TAPI_PCM_NAME_MAX];
	struct tapi_phonedev *pd;
	struct tapi_phone *ph;
	DWORD id;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	err = tapi_phoneerr_from_lineerr(tapi_check_out_struct(lpDeviceID));
	if (!err && !lpszDeviceClass)
		err = PHONEERR_INVALPOINTER;
	if (err)
		goto out;
	pd = ph->dev;
	if (!strcasecmp(lpszDeviceClass, "tapi/phone")) {
		id = pd->phone_id;
		err = put_var(lpDeviceID, ph->version, STRINGFORMAT_BINARY, &id,
			      sizeof(id), 4);
	} else if (!strcasecmp(lpszDeviceClass, "tapi/line")) {
		id = pd->line_id;
		err = put_var(lpDeviceID, ph->version, STRINGFORMAT_BINARY, &id,
			      sizeof(id), 4);
	} else if (strcasecmp(lpszDeviceClass, "wave/in") &&
		   strcasecmp(lpszDeviceClass, "wave/out")) {
		err = PHONEERR_INVALDEVICECLASS;
	} else if (!(err = pcm_of(&pd->info, pcm, sizeof(pcm)))) {
		err = put_var(lpDeviceID, ph->version, STRINGFORMAT_ASCII, pcm,
			      strlen(pcm) + 1, 1);
	}
out:
	tapi_phone_end(ph);
	return err;
}
