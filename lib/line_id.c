// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineGetID: the device IDs that go with a line, an address or a call.
 *
 *   "tapi/line"   the line device ID (useful after lineOpen(LINEMAPPER))
 *   "tapi/phone"  the phone device ID of the same channel, for stations
 *                 (FXS ports and handsets); an FXO line has no phone
 *
 * Both are returned as a DWORD in a VARSTRING of STRINGFORMAT_BINARY.
 * Media classes ("wave/in", "wave/out") come with the media API; until
 * then, like every other class, they are LINEERR_INVALDEVICECLASS.
 */
#include <strings.h>

#include "engine.h"

static LONG put_dword(LPVARSTRING out, DWORD version, DWORD value)
{
	struct tapi_varbuf vb;
	VARSTRING *v;
	LONG err;

	if (tapi_varbuf_init(&vb, sizeof(*v),
			     tapi_struct_fixed_size(TAPI_STRUCT_VARSTRING,
						    version)))
		return LINEERR_NOMEM;
	v = tapi_varbuf_fixed(&vb);
	v->dwStringFormat = STRINGFORMAT_BINARY;
	tapi_varbuf_add(&vb, offsetof(VARSTRING, dwStringSize),
			offsetof(VARSTRING, dwStringOffset), &value,
			sizeof(value), 4);
	err = tapi_varbuf_finish(&vb, out);
	tapi_varbuf_release(&vb);
	return err;
}

/**
 * lineGetID() - a device ID associated with a line, address or call
 * @hLine: the line (LINECALLSELECT_LINE, _ADDRESS)
 * @dwAddressID: 0 (LINECALLSELECT_ADDRESS)
 * @hCall: the call (LINECALLSELECT_CALL)
 * @dwSelect: exactly one of LINECALLSELECT_LINE, _ADDRESS, _CALL
 * @lpDeviceID: out: VARSTRING; dwTotalSize set by the application
 * @lpszDeviceClass: "tapi/line" or "tapi/phone" (case does not matter)
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
	else if (!strcasecmp(lpszDeviceClass, "tapi/phone") &&
		 !tapi_registry_phone_id(device_id, &phone))
		err = put_dword(lpDeviceID, version, phone);
	else
		err = LINEERR_INVALDEVICECLASS;
out:
	if (line)
		tapi_line_end(line);
	if (hc)
		tapi_hcall_end(hc);
	return err;
}
