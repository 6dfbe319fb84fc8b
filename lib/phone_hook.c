// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneGetHookSwitch, phoneSetHookSwitch.
 *
 * A station has one hook switch device, the handset (its handset and
 * speaker are one: off-hook is PHONEHOOKSWITCHMODE_MICSPEAKER).  The hook
 * is moved by the station's user, never by us: phoneSetHookSwitch checks
 * its arguments and then answers PHONEERR_OPERATIONUNAVAIL, as PHONECAPS
 * (dwSettableHandsetHookSwitchModes 0, no PHONEFEATURE_SETHOOKSWITCH*)
 * announce.
 */
#include "engine.h"

#define HOOKSWITCH_DEVS		(PHONEHOOKSWITCHDEV_HANDSET |		\
				 PHONEHOOKSWITCHDEV_SPEAKER |		\
				 PHONEHOOKSWITCHDEV_HEADSET)
#define HOOKSWITCH_MODES	(PHONEHOOKSWITCHMODE_ONHOOK |		\
				 PHONEHOOKSWITCHMODE_MIC |		\
				 PHONEHOOKSWITCHMODE_SPEAKER |		\
				 PHONEHOOKSWITCHMODE_MICSPEAKER)

/**
 * phoneGetHookSwitch() - which hook switch devices are off-hook
 * @hPhone: an open phone
 * @lpdwHookSwitchDevs: out: PHONEHOOKSWITCHDEV_HANDSET when off-hook,
 *	else 0
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_OPERATIONUNAVAIL
 * (a channel that does not report its hook).
 */
TAPI_EXPORT LONG WINAPI phoneGetHookSwitch(HPHONE hPhone,
					   LPDWORD lpdwHookSwitchDevs)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	if (!lpdwHookSwitchDevs ||
	    (uintptr_t)lpdwHookSwitchDevs % _Alignof(DWORD))
		err = PHONEERR_INVALPOINTER;
	else if (!(ph->dev->info.caps & TAPI_CAP_HOOK_DETECT))
		err = PHONEERR_OPERATIONUNAVAIL;
	else
		*lpdwHookSwitchDevs =
			ph->dev->hook_mode == PHONEHOOKSWITCHMODE_ONHOOK ?
			0 : PHONEHOOKSWITCHDEV_HANDSET;
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneSetHookSwitch() - move a hook switch (not possible on a station)
 * @hPhone: a phone open as owner
 * @dwHookSwitchDevs: PHONEHOOKSWITCHDEV_ bits, at least one
 * @dwHookSwitchMode: exactly one PHONEHOOKSWITCHMODE_ (not UNKNOWN)
 *
 * Return: PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_NOTOWNER, PHONEERR_INVALHOOKSWITCHDEV,
 * PHONEERR_INVALHOOKSWITCHMODE, else PHONEERR_OPERATIONUNAVAIL.
 */
TAPI_EXPORT LONG WINAPI phoneSetHookSwitch(HPHONE hPhone,
					   DWORD dwHookSwitchDevs,
					   DWORD dwHookSwitchMode)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin_owner(hPhone, &ph);

	if (err)
		return err;
	err = tapi_check_flags(dwHookSwitchDevs, HOOKSWITCH_DEVS,
			       TAPI_FLAGS_NONZERO, PHONEERR_INVALHOOKSWITCHDEV);
	if (!err)
		err = tapi_check_flags(dwHookSwitchMode, HOOKSWITCH_MODES,
				       TAPI_FLAGS_ONE,
				       PHONEERR_INVALHOOKSWITCHMODE);
	if (!err)
		err = PHONEERR_OPERATIONUNAVAIL;
	tapi_phone_end(ph);
	return err;
}
