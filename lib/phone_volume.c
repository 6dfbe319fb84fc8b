// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneGetVolume, phoneSetVolume, phoneGetGain, phoneSetGain: the
 * handset's speaker volume and microphone gain, 0..0xFFFF, through the
 * ALSA mixer of the phone's sound card (phone_mixer.c).  Only the handset
 * hook switch device exists.  A phone whose card has no such control (an
 * FXS port, a handset whose sound card is missing) answers
 * PHONEERR_OPERATIONUNAVAIL; PHONECAPS' dwVolumeFlags / dwGainFlags say
 * beforehand.  Each change is PHONE_STATE HANDSETVOLUME / HANDSETGAIN.
 */
#include <errno.h>

#include "engine.h"

#define HOOKSWITCH_DEVS		(PHONEHOOKSWITCHDEV_HANDSET |		\
				 PHONEHOOKSWITCHDEV_SPEAKER |		\
				 PHONEHOOKSWITCHDEV_HEADSET)

static LONG check_dev(DWORD dev)
{
	LONG err = tapi_check_flags(dev, HOOKSWITCH_DEVS, TAPI_FLAGS_ONE,
				    PHONEERR_INVALHOOKSWITCHDEV);

	if (!err && dev != PHONEHOOKSWITCHDEV_HANDSET)
		err = PHONEERR_INVALHOOKSWITCHDEV;	/* not on a station */
	return err;
}

static LONG get_level(HPHONE hPhone, DWORD dev, LPDWORD level,
		      enum tapi_mixer_dir dir)
{
	struct tapi_phone *ph;
	DWORD v;
	LONG err = tapi_phone_begin(hPhone, &ph);
	int e;

	if (err)
		return err;
	if (!level || (uintptr_t)level % _Alignof(DWORD))
		err = PHONEERR_INVALPOINTER;
	else
		err = check_dev(dev);
	if (!err) {
		e = tapi_mixer_get(&ph->dev->info, dir, &v);
		if (!e)
			*level = v;
		else if (e == -ENOENT)
			err = PHONEERR_OPERATIONUNAVAIL;
		else
			err = PHONEERR_OPERATIONFAILED;
	}
	tapi_phone_end(ph);
	return err;
}

static LONG set_level(HPHONE hPhone, DWORD dev, DWORD level,
		      enum tapi_mixer_dir dir)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin_owner(hPhone, &ph);
	int e;

	if (err)
		return err;
	err = check_dev(dev);
	if (!err && !tapi_mixer_present(&ph->dev->info, dir))
		err = PHONEERR_OPERATIONUNAVAIL;
	if (!err && level > 0xFFFF)
		err = PHONEERR_INVALPARAM;
	if (!err) {
		e = tapi_mixer_set(&ph->dev->info, dir, level);
		err = tapi_phone_reply(ph, e ? PHONEERR_OPERATIONFAILED : 0);
		if (!e)
			tapi_phonedev_post_state(ph->dev,
						 dir == TAPI_MIXER_VOLUME ?
						 PHONESTATE_HANDSETVOLUME :
						 PHONESTATE_HANDSETGAIN, 0,
						 NULL);
	}
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneGetVolume() - the speaker volume of a hook switch device
 * @hPhone: an open phone
 * @dwHookSwitchDev: PHONEHOOKSWITCHDEV_HANDSET
 * @lpdwVolume: out: 0..0xFFFF
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_INVALHOOKSWITCHDEV,
 * PHONEERR_OPERATIONUNAVAIL (no mixer control), PHONEERR_OPERATIONFAILED.
 */
TAPI_EXPORT LONG WINAPI phoneGetVolume(HPHONE hPhone, DWORD dwHookSwitchDev,
				       LPDWORD lpdwVolume)
{
	return get_level(hPhone, dwHookSwitchDev, lpdwVolume,
			 TAPI_MIXER_VOLUME);
}

/**
 * phoneSetVolume() - set the speaker volume (asynchronous)
 * @hPhone: a phone open as owner
 * @dwHookSwitchDev: PHONEHOOKSWITCHDEV_HANDSET
 * @dwVolume: 0..0xFFFF
 *
 * Return: a request ID (PHONE_REPLY follows); PHONEERR_INVALPHONEHANDLE,
 * PHONEERR_UNINITIALIZED, PHONEERR_NODEVICE, PHONEERR_NOTOWNER,
 * PHONEERR_INVALHOOKSWITCHDEV, PHONEERR_OPERATIONUNAVAIL,
 * PHONEERR_INVALPARAM.
 */
TAPI_EXPORT LONG WINAPI phoneSetVolume(HPHONE hPhone, DWORD dwHookSwitchDev,
				       DWORD dwVolume)
{
	return set_level(hPhone, dwHookSwitchDev, dwVolume, TAPI_MIXER_VOLUME);
}

/**
 * phoneGetGain() - the microphone gain of a hook switch device
 * @hPhone: an open phone
 * @dwHookSwitchDev: PHONEHOOKSWITCHDEV_HANDSET
 * @lpdwGain: out: 0..0xFFFF
 *
 * Return: as phoneGetVolume().
 */
TAPI_EXPORT LONG WINAPI phoneGetGain(HPHONE hPhone, DWORD dwHookSwitchDev,
				     LPDWORD lpdwGain)
{
	return get_level(hPhone, dwHookSwitchDev, lpdwGain, TAPI_MIXER_GAIN);
}

/**
 * phoneSetGain() - set the microphone gain (asynchronous)
 * @hPhone: a phone open as owner
 * @dwHookSwitchDev: PHONEHOOKSWITCHDEV_HANDSET
 * @dwGain: 0..0xFFFF
 *
 * Return: as phoneSetVolume().
 */
TAPI_EXPORT LONG WINAPI phoneSetGain(HPHONE hPhone, DWORD dwHookSwitchDev,
				     DWORD dwGain)
{
	return set_level(hPhone, dwHookSwitchDev, dwGain, TAPI_MIXER_GAIN);
}
