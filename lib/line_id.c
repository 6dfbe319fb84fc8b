// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineGetID: the device IDs that go with a line, an address or a call.
 *
 *   "tapi/line"   the line device ID (useful after lineOpen(LINEMAPPER))
 *   "tapi/phone"  the phone device ID of the same channel, for stations
 *                 (FXS ports and handsets); an FXO line has no phone
 *   "tapi/channel" the kernel channel <N> of /dev/tapi/<N>, for programs
 *                 that use the channel's ioctls next to TAPI (tapi-acd
 *                 joins two channels with TAPI_IOC_BRIDGE)
 *
 *   "wave/in"     the ALSA PCM that records the call (the far end),
 *   "wave/out"    and the one that plays into it: the same PCM of
 *                 tapi_pcm, "plughw:CARD=<card>,DEV=<index>" (device_pcm.c);
 *                 for a USB handset its own sound card through the plug
 *                 layer (device_media.c)
 *
 * The tapi classes are a DWORD in a VARSTRING of STRINGFORMAT_BINARY; the
 * wave classes are the PCM's name, NUL-terminated, in STRINGFORMAT_ASCII,
 * ready for snd_pcm_open() or aplay -D.  A channel without a PCM (no
 * media, tapi_pcm not loaded) has no wave classes:
 * LINEERR_INVALDEVICECLASS, as for every unknown class.
 */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

static LONG put_dword(LPVARSTRING out, DWORD version, DWORD value)
{
	return tapi_varstring_fill(out, version, STRINGFORMAT_BINARY, &value,
				   sizeof(value), sizeof(DWORD));
}

static LONG put_string(LPVARSTRING out, DWORD version, const char *str)
{
	return tapi_varstring_fill(out, version, STRINGFORMAT_ASCII, str,
				   strlen(str) + 1, 1);
}

static bool is_wave_class(const char *class)
{
	return !strcasecmp(class, "wave/in") || !strcasecmp(class, "wave/out");
}

/*
 * The PCM name of the line device's channel (a handset's own USB sound
 * card, else tapi_pcm's), or LINEERR_INVALDEVICECLASS.
 */
static LONG pcm_of(const struct tapi_linedev *ld, char *buf, size_t size)
{
	int e = tapi_media_pcm_name(&ld->info, buf, size);

	if (e == -ENOMEM)
		return LINEERR_NOMEM;
	return e ? LINEERR_INVALDEVICECLASS : 0;
}

/**
 * lineGetID() - a device ID associated with a line, address or call
 * @hLine: the line (LINECALLSELECT_LINE, _ADDRESS)
 * @dwAddressID: 0 (LINECALLSELECT_ADDRESS)
 * @hCall: the call (LINECALLSELECT_CALL)
 * @dwSelect: exactly one of LINECALLSELECT_LINE, _ADDRESS, _CALL
 * @lpDeviceID: out: VARSTRING; dwTotalSize set by the application
 * @lpszDeviceClass: "tapi/line", "tapi/phone", "tapi/channel", "wave/in"
 *	or "wave/out" (case does not matter)
 *
 * Return: 0; LINEERR_INVALCALLSELECT, LINEERR_INVALLINEHANDLE,
 * LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED, LINEERR_INVALADDRESSID,
 * LINEERR_INVALPOINTER, LINEERR_INVALDEVICECLASS,
 * LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetID(HLINE hLine, DWORD dwAddressID,
				  HCALL hCall, DWORD dwSelect,
				  LPVARSTRING lpDeviceID,
				  LPCSTR lpszDeviceClass)
{
	struct tapi_line *line = NULL;
	struct tapi_hcall *hc = NULL;
	struct tapi_line *l;
	DWORD device_id, version;
	char pcm[TAPI_PCM_NAME_MAX];
	uint32_t phone;
	LONG err;

	switch (dwSelect) {
	case LINECALLSELECT_LINE:
	case LINECALLSELECT_ADDRESS:
		err = tapi_line_begin(hLine, &line);
		if (err)
			return err;
		l = line;
		if (dwSelect == LINECALLSELECT_ADDRESS && dwAddressID != 0) {
			err = LINEERR_INVALADDRESSID;
			goto out;
		}
		break;
	case LINECALLSELECT_CALL:
		err = tapi_hcall_begin(hCall, &hc);
		if (err)
			return err;
		l = hc->line;
		break;
	default:
		return LINEERR_INVALCALLSELECT;
	}
	err = tapi_check_out_struct(lpDeviceID);
	if (!err && !lpszDeviceClass)
		err = LINEERR_INVALPOINTER;
	if (err)
		goto out;
	device_id = l->dev->device_id;
	version = l->version;
	if (!strcasecmp(lpszDeviceClass, "tapi/line"))
		err = put_dword(lpDeviceID, version, device_id);
	else if (!strcasecmp(lpszDeviceClass, "tapi/channel"))
		err = put_dword(lpDeviceID, version, l->dev->info.channel);
	else if (!strcasecmp(lpszDeviceClass, "tapi/phone") &&
		 !tapi_registry_phone_id(device_id, &phone))
		err = put_dword(lpDeviceID, version, phone);
	else if (!is_wave_class(lpszDeviceClass))
		err = LINEERR_INVALDEVICECLASS;
	else if (!(err = pcm_of(l->dev, pcm, sizeof(pcm))))
		err = put_string(lpDeviceID, version, pcm);
out:
	if (line)
		tapi_line_end(line);
	if (hc)
		tapi_hcall_end(hc);
	return err;
}
