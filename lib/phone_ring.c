// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneGetRing, phoneSetRing: the station's ringer.
 *
 * Ring modes are cadences of TAPI_IOC_RING_START (ms on, off, ...),
 * repeated until the station goes off-hook or phoneSetRing(0):
 *   0  silent (TAPI_IOC_RING_STOP)
 *   1  normal: 2000 on, 4000 off (North American ring)
 *   2  distinctive double: 800 on, 400 off, 800 on, 4000 off (the
 *      European/UK double ring, also "internal call" on many PBXs)
 *   3  distinctive triple: 400 on, 200 off, 400 on, 200 off, 800 on,
 *      4000 off (Bellcore distinctive ring 3)
 *   4  short: 1000 on, 1000 off (callback, recall)
 * The ring volume is remembered and reported but changes nothing: FXS
 * ring voltage and the CM109 buzzer have one level.
 */
#include <errno.h>

#include "engine.h"

static const struct tapi_ring cadences[TAPI_PHONE_RING_MODES] = {
	{ .nsteps = 2, .step_ms = { 2000, 4000 } },
	{ .nsteps = 4, .step_ms = { 800, 400, 800, 4000 } },
	{ .nsteps = 6, .step_ms = { 400, 200, 400, 200, 800, 4000 } },
	{ .nsteps = 2, .step_ms = { 1000, 1000 } },
};

/**
 * tapi_phone_ring_cadence() - the cadence of a ring mode
 * @mode: 1..TAPI_PHONE_RING_MODES
 *
 * Return: the cadence, or NULL for 0 and unknown modes.
 */
const struct tapi_ring *tapi_phone_ring_cadence(DWORD mode)
{
	if (!mode || mode > TAPI_PHONE_RING_MODES)
		return NULL;
	return &cadences[mode - 1];
}

/**
 * phoneGetRing() - the ring mode and volume
 * @hPhone: an open phone
 * @lpdwRingMode: out: 0 silent, else the mode ringing
 * @lpdwVolume: out: 0..0xFFFF
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_OPERATIONUNAVAIL
 * (a phone without ringer).
 */
TAPI_EXPORT LONG WINAPI phoneGetRing(HPHONE hPhone, LPDWORD lpdwRingMode,
				     LPDWORD lpdwVolume)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	if (!lpdwRingMode || !lpdwVolume ||
	    (uintptr_t)lpdwRingMode % _Alignof(DWORD) ||
	    (uintptr_t)lpdwVolume % _Alignof(DWORD))
		err = PHONEERR_INVALPOINTER;
	else if (!(ph->dev->info.caps & TAPI_CAP_RING))
		err = PHONEERR_OPERATIONUNAVAIL;
	else {
		*lpdwRingMode = ph->dev->ring_mode;
		*lpdwVolume = ph->dev->ring_volume;
	}
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneSetRing() - ring the station, or stop ringing it
 * @hPhone: a phone open as owner
 * @dwRingMode: 0 to stop, 1..PHONECAPS.dwNumRingModes (see the table)
 * @dwVolume: 0..0xFFFF
 *
 * Asynchronous: PHONE_REPLY carries the kernel's answer
 * (PHONEERR_RESOURCEUNAVAIL when the station is off-hook).  PHONE_STATE
 * RINGMODE / RINGVOLUME tell the phones of the change.
 *
 * Return: a request ID; PHONEERR_INVALPHONEHANDLE,
 * PHONEERR_UNINITIALIZED, PHONEERR_NODEVICE, PHONEERR_NOTOWNER,
 * PHONEERR_OPERATIONUNAVAIL (no ringer), PHONEERR_INVALRINGMODE,
 * PHONEERR_INVALPARAM (volume).
 */
TAPI_EXPORT LONG WINAPI phoneSetRing(HPHONE hPhone, DWORD dwRingMode,
				     DWORD dwVolume)
{
	struct tapi_phonedev *pd;
	struct tapi_phone *ph;
	struct tapi_chan *chan;
	LONG err = tapi_phone_begin_owner(hPhone, &ph);
	int e;

	if (err)
		return err;
	pd = ph->dev;
	chan = tapi_phonedev_chan(pd);
	if (!(pd->info.caps & TAPI_CAP_RING) || !chan) {
		err = PHONEERR_OPERATIONUNAVAIL;
		goto out;
	}
	if (dwRingMode > TAPI_PHONE_RING_MODES) {
		err = PHONEERR_INVALRINGMODE;
		goto out;
	}
	if (dwVolume > 0xFFFF) {
		err = PHONEERR_INVALPARAM;
		goto out;
	}
	if (dwRingMode)
		e = chan->ops->ring_start(chan,
					  tapi_phone_ring_cadence(dwRingMode));
	else
		e = chan->ops->ring_stop(chan);
	if (e) {
		err = tapi_phone_reply(ph, e == -EBUSY ?
				       PHONEERR_RESOURCEUNAVAIL :
				       tapi_phoneerr_from_errno(e));
		goto out;
	}
	err = tapi_phone_reply(ph, 0);	/* the reply before its effects */
	if (pd->ring_mode != dwRingMode) {
		pd->ring_mode = dwRingMode;
		tapi_phonedev_post_state(pd, PHONESTATE_RINGMODE, dwRingMode,
					 NULL);
	}
	if (pd->ring_volume != dwVolume) {
		pd->ring_volume = dwVolume;
		tapi_phonedev_post_state(pd, PHONESTATE_RINGVOLUME, 0, NULL);
	}
out:
	tapi_phone_end(ph);
	return err;
}
