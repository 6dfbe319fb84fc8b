// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneGetDisplay, phoneSetDisplay, phoneGetLamp, phoneSetLamp.
 *
 * No station libtapi drives has a display or a lamp it can light: FXS
 * phones are reached by two wires, and the CM109's GPIO lines are its
 * keypad matrix (no channel reports TAPI_CAP_DISPLAY or TAPI_CAP_LAMP).
 * PHONECAPS says so: dwDisplayNumRows/Columns 0, every lamp mode
 * PHONELAMPMODE_DUMMY, no PHONEFEATURE_*DISPLAY / *LAMP.  The functions
 * check their arguments, then answer PHONEERR_OPERATIONUNAVAIL;
 * phoneGetLamp reports PHONELAMPMODE_DUMMY, TAPI's "no lamp here".
 */
#include "engine.h"

#define LAMP_MODES	(PHONELAMPMODE_DUMMY | PHONELAMPMODE_OFF |	\
			 PHONELAMPMODE_STEADY | PHONELAMPMODE_WINK |	\
			 PHONELAMPMODE_FLASH | PHONELAMPMODE_FLUTTER |	\
			 PHONELAMPMODE_BROKENFLUTTER)

/**
 * phoneGetDisplay() - the phone's display contents
 * @hPhone: an open phone
 * @lpDisplay: out: VARSTRING
 *
 * Return: PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_OPERATIONUNAVAIL.
 */
TAPI_EXPORT LONG WINAPI phoneGetDisplay(HPHONE hPhone, LPVARSTRING lpDisplay)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	err = tapi_phoneerr_from_lineerr(tapi_check_out_struct(lpDisplay));
	if (!err)
		err = PHONEERR_OPERATIONUNAVAIL;
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneSetDisplay() - write to the phone's display
 * @hPhone: a phone open as owner
 * @dwRow: row
 * @dwColumn: column
 * @lpsDisplay: the text, @dwSize bytes
 * @dwSize: bytes of @lpsDisplay
 *
 * Return: PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_NOTOWNER, PHONEERR_INVALPOINTER,
 * PHONEERR_OPERATIONUNAVAIL.
 */
TAPI_EXPORT LONG WINAPI phoneSetDisplay(HPHONE hPhone, DWORD dwRow,
					DWORD dwColumn, LPCSTR lpsDisplay,
					DWORD dwSize)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin_owner(hPhone, &ph);

	(void)dwRow;
	(void)dwColumn;
	if (err)
		return err;
	if (!lpsDisplay && dwSize)
		err = PHONEERR_INVALPOINTER;
	else
		err = PHONEERR_OPERATIONUNAVAIL;
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneGetLamp() - a lamp's mode
 * @hPhone: an open phone
 * @dwButtonLampID: below PHONECAPS.dwNumButtonLamps
 * @lpdwLampMode: out: PHONELAMPMODE_DUMMY (no lamp)
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_INVALBUTTONLAMPID.
 */
TAPI_EXPORT LONG WINAPI phoneGetLamp(HPHONE hPhone, DWORD dwButtonLampID,
				     LPDWORD lpdwLampMode)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	if (!lpdwLampMode || (uintptr_t)lpdwLampMode % _Alignof(DWORD))
		err = PHONEERR_INVALPOINTER;
	else if (dwButtonLampID >= tapi_phone_button_count(&ph->dev->info))
		err = PHONEERR_INVALBUTTONLAMPID;
	else
		*lpdwLampMode = PHONELAMPMODE_DUMMY;
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneSetLamp() - light a lamp
 * @hPhone: a phone open as owner
 * @dwButtonLampID: below PHONECAPS.dwNumButtonLamps
 * @dwLampMode: exactly one PHONELAMPMODE_
 *
 * Return: PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_NOTOWNER, PHONEERR_INVALBUTTONLAMPID,
 * PHONEERR_INVALLAMPMODE, else PHONEERR_OPERATIONUNAVAIL.
 */
TAPI_EXPORT LONG WINAPI phoneSetLamp(HPHONE hPhone, DWORD dwButtonLampID,
				     DWORD dwLampMode)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin_owner(hPhone, &ph);

	if (err)
		return err;
	if (dwButtonLampID >= tapi_phone_button_count(&ph->dev->info))
		err = PHONEERR_INVALBUTTONLAMPID;
	else
		err = tapi_check_flags(dwLampMode, LAMP_MODES, TAPI_FLAGS_ONE,
				       PHONEERR_INVALLAMPMODE);
	if (!err)
		err = PHONEERR_OPERATIONUNAVAIL;
	tapi_phone_end(ph);
	return err;
}
