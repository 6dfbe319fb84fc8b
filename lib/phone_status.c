// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneGetStatus, phoneSetStatusMessages, phoneGetStatusMessages.
 *
 * PHONESTATUS counts this process's owners and monitors, names the
 * owner's application, and reports the station's hook, ring mode and the
 * mixer levels where there is a mixer.  Hook switch devices a station
 * lacks (speaker, headset) read 0.
 */
#include <string.h>

#include "engine.h"

/**
 * phoneGetStatus() - the phone's current state
 * @hPhone: an open phone
 * @lpPhoneStatus: out; dwTotalSize set by the application
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER, PHONEERR_STRUCTURETOOSMALL,
 * PHONEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI phoneGetStatus(HPHONE hPhone,
				       LPPHONESTATUS lpPhoneStatus)
{
	DWORD lamps[TAPI_PHONE_BUTTONS_MAX];
	const struct tapi_phone *owner = NULL;
	struct tapi_phonedev *pd;
	struct tapi_phone *ph;
	struct tapi_varbuf vb;
	PHONESTATUS *s;
	DWORD nbuttons;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	err = tapi_phoneerr_from_lineerr(tapi_check_out_struct(lpPhoneStatus));
	if (err)
		goto out;
	pd = ph->dev;
	if (tapi_varbuf_init(&vb, sizeof(*s),
			     tapi_phone_fixed_size(offsetof(PHONESTATUS,
							    dwPhoneFeatures),
						   offsetof(PHONESTATUS,
							    dwPhoneFeatures),
						   sizeof(PHONESTATUS),
						   sizeof(PHONESTATUS),
						   ph->version))) {
		err = PHONEERR_NOMEM;
		goto out;
	}
	s = tapi_varbuf_fixed(&vb);
	s->dwStatusFlags = PHONESTATUSFLAGS_CONNECTED;
	s->dwNumOwners = tapi_phonedev_count(pd, PHONEPRIVILEGE_OWNER);
	s->dwNumMonitors = tapi_phonedev_count(pd, PHONEPRIVILEGE_MONITOR);
	s->dwRingMode = pd->ring_mode;
	s->dwRingVolume = pd->ring_volume;
	s->dwHandsetHookSwitchMode = pd->hook_mode;
	if (tapi_mixer_get(&pd->info, TAPI_MIXER_VOLUME, &s->dwHandsetVolume))
		s->dwHandsetVolume = 0;
	if (tapi_mixer_get(&pd->info, TAPI_MIXER_GAIN, &s->dwHandsetGain))
		s->dwHandsetGain = 0;
	s->dwPhoneFeatures = tapi_phone_features(&pd->info);
	nbuttons = tapi_phone_button_count(&pd->info);
	for (DWORD i = 0; i < nbuttons; i++)
		lamps[i] = PHONELAMPMODE_DUMMY;
	tapi_varbuf_add(&vb, offsetof(PHONESTATUS, dwLampModesSize),
			offsetof(PHONESTATUS, dwLampModesOffset), lamps,
			nbuttons * sizeof(DWORD), 4);
	for (const struct tapi_phone *p = pd->phones; p && !owner; p = p->next)
		if (p->privilege == PHONEPRIVILEGE_OWNER)
			owner = p;
	if (owner)
		tapi_varbuf_add_string(&vb,
				       offsetof(PHONESTATUS, dwOwnerNameSize),
				       offsetof(PHONESTATUS, dwOwnerNameOffset),
				       owner->app->friendly_name);
	err = tapi_phoneerr_from_lineerr(tapi_varbuf_finish(&vb,
							    lpPhoneStatus));
	tapi_varbuf_release(&vb);
out:
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneSetStatusMessages() - which PHONE_STATE and PHONE_BUTTON messages
 *	the phone gets
 * @hPhone: an open phone
 * @dwPhoneStates: PHONESTATE_ bits its version defines (0: none)
 * @dwButtonModes: PHONEBUTTONMODE_ bits (0: no PHONE_BUTTON)
 * @dwButtonStates: PHONEBUTTONSTATE_ bits, at least one when
 *	@dwButtonModes is not 0 (ignored otherwise)
 *
 * The engine sends the states of TAPI_PHONE_STATES; the others are
 * accepted and never happen.
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPHONESTATE, PHONEERR_INVALBUTTONMODE,
 * PHONEERR_INVALBUTTONSTATE.
 */
TAPI_EXPORT LONG WINAPI phoneSetStatusMessages(HPHONE hPhone,
					       DWORD dwPhoneStates,
					       DWORD dwButtonModes,
					       DWORD dwButtonStates)
{
	struct tapi_phone *ph;
	bool v1_4;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	v1_4 = ph->version >= TAPI_VERSION_1_4;
	err = tapi_check_flags(dwPhoneStates, v1_4 ? TAPI_PHONE_STATES_1_4 :
						     TAPI_PHONE_STATES_1_3,
			       TAPI_FLAGS_ANY, PHONEERR_INVALPHONESTATE);
	if (!err)
		err = tapi_check_flags(dwButtonModes, TAPI_PHONE_BUTTON_MODES,
				       TAPI_FLAGS_ANY,
				       PHONEERR_INVALBUTTONMODE);
	if (!err && dwButtonModes)
		err = tapi_check_flags(dwButtonStates,
				       v1_4 ? TAPI_PHONE_BUTTON_STATES_1_4 :
					      TAPI_PHONE_BUTTON_STATES_1_3,
				       TAPI_FLAGS_NONZERO,
				       PHONEERR_INVALBUTTONSTATE);
	if (!err) {
		ph->phone_states = dwPhoneStates;
		ph->button_modes = dwButtonModes;
		ph->button_states = dwButtonModes ? dwButtonStates : 0;
	}
	tapi_phone_end(ph);
	return err;
}

/**
 * phoneGetStatusMessages() - what phoneSetStatusMessages chose
 * @hPhone: an open phone
 * @lpdwPhoneStates: out
 * @lpdwButtonModes: out
 * @lpdwButtonStates: out
 *
 * Return: 0; PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_NODEVICE, PHONEERR_INVALPOINTER.
 */
TAPI_EXPORT LONG WINAPI phoneGetStatusMessages(HPHONE hPhone,
					       LPDWORD lpdwPhoneStates,
					       LPDWORD lpdwButtonModes,
					       LPDWORD lpdwButtonStates)
{
	struct tapi_phone *ph;
	LONG err = tapi_phone_begin(hPhone, &ph);

	if (err)
		return err;
	if (!lpdwPhoneStates || !lpdwButtonModes || !lpdwButtonStates ||
	    (uintptr_t)lpdwPhoneStates % _Alignof(DWORD) ||
	    (uintptr_t)lpdwButtonModes % _Alignof(DWORD) ||
	    (uintptr_t)lpdwButtonStates % _Alignof(DWORD)) {
		err = PHONEERR_INVALPOINTER;
	} else {
		*lpdwPhoneStates = ph->phone_states;
		*lpdwButtonModes = ph->button_modes;
		*lpdwButtonStates = ph->button_states;
	}
	tapi_phone_end(ph);
	return err;
}
