// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneGetDevCaps: PHONECAPS of a station.
 *
 *   phone name      the channel's name ("sim0/fxs0", "cm109-1-1/handset0")
 *   phone info      what the station is and where its hook comes from
 *   hook switch     PHONEHOOKSWITCHDEV_HANDSET, monitored ONHOOK and
 *                   MICSPEAKER, settable never
 *   volume, gain    HANDSET when the phone's sound card has the mixer
 *                   control (phone_mixer.c), else 0
 *   display         none (0 rows, 0 columns)
 *   ring modes      TAPI_PHONE_RING_MODES cadences on a channel with
 *                   TAPI_CAP_RING (phone_ring.c), else 0
 *   buttons         phone_button.c's table, lamps all PHONELAMPMODE_DUMMY
 *   device classes  tapi/phone, tapi/line, wave/in, wave/out
 */
#include <stdio.h>
#include <string.h>

#include "engine.h"

/**
 * tapi_phone_fixed_size() - a phone structure's fixed part at a version
 * @v1_3: its size at TAPI 1.3
 * @v1_4: at 1.4
 * @v2_0: at 2.0 and 2.1
 * @v2_2: at 2.2
 * @version: the negotiated version
 *
 * Return: the size that applies.
 */
DWORD tapi_phone_fixed_size(size_t v1_3, size_t v1_4, size_t v2_0,
			    size_t v2_2, DWORD version)
{
	if (version < TAPI_VERSION_1_4)
		return (DWORD)v1_3;
	if (version < TAPI_VERSION_2_0)
		return (DWORD)v1_4;
	if (version < TAPI_VERSION_2_2)
		return (DWORD)v2_0;
	return (DWORD)v2_2;
}

/**
 * tapi_phone_features() - PHONEFEATURE_ bits of a phone
 * @info: its channel
 *
 * Return: what phoneGet* / phoneSet* can do on it.
 */
DWORD tapi_phone_features(const struct tapi_dev_info *info)
{
	DWORD f = PHONEFEATURE_GETBUTTONINFO | PHONEFEATURE_GETLAMP;

	if (info->caps & TAPI_CAP_HOOK_DETECT)
		f |= PHONEFEATURE_GETHOOKSWITCHHANDSET;
	if (info->caps & TAPI_CAP_RING)
		f |= PHONEFEATURE_GETRING | PHONEFEATURE_SETRING;
	if (tapi_mixer_present(info, TAPI_MIXER_VOLUME))
		f |= PHONEFEATURE_GETVOLUMEHANDSET |
		     PHONEFEATURE_SETVOLUMEHANDSET;
	if (tapi_mixer_present(info, TAPI_MIXER_GAIN))
		f |= PHONEFEATURE_GETGAINHANDSET | PHONEFEATURE_SETGAINHANDSET;
	return f;
}

static const char device_classes[] =
	"tapi/phone\0tapi/line\0wave/in\0wave/out\0";

static void phone_info(const struct tapi_dev_info *info, char *buf,
		       size_t size)
{
	if (info->signalling == TAPI_SIG_HANDSET)
		snprintf(buf, size, "USB handset (%s); it has no hook switch: "
			 "its pick-up and hang-up keys set the hook state",
			 info->driver);
	else
		snprintf(buf, size, "Phone on FXS port %u of %s (%s); keypad "
			 "heard as DTMF", info->index, info->card_name,
			 info->driver);
}

static LONG fill_caps(const struct tapi_dev_info *info, DWORD version,
		      LPPHONECAPS out)
{
	DWORD nbuttons = tapi_phone_button_count(info);
	DWORD modes[TAPI_PHONE_BUTTONS_MAX], functions[TAPI_PHONE_BUTTONS_MAX];
	DWORD lamps[TAPI_PHONE_BUTTONS_MAX];
	char name[TAPI_NAME_LEN + 16], text[160];
	struct tapi_varbuf vb;
	PHONECAPS *c;
	LONG err;

	if (tapi_varbuf_init(&vb, sizeof(*c),
			     tapi_phone_fixed_size(offsetof(PHONECAPS,
						       dwDeviceClassesSize),
						   offsetof(PHONECAPS,
						       dwDeviceClassesSize),
						   offsetof(PHONECAPS,
						       PermanentPhoneGuid),
						   sizeof(PHONECAPS),
						   version)))
		return PHONEERR_NOMEM;
	c = tapi_varbuf_fixed(&vb);
	c->dwPermanentPhoneID = tapi_permanent_line_id(info);
	c->dwStringFormat = STRINGFORMAT_ASCII;
	c->dwPhoneStates = TAPI_PHONE_STATES &
			   (version < TAPI_VERSION_1_4 ? TAPI_PHONE_STATES_1_3 :
							 TAPI_PHONE_STATES_1_4);
	if (info->caps & TAPI_CAP_HOOK_DETECT) {
		c->dwHookSwitchDevs = PHONEHOOKSWITCHDEV_HANDSET;
		c->dwHandsetHookSwitchModes = PHONEHOOKSWITCHMODE_ONHOOK |
					      PHONEHOOKSWITCHMODE_MICSPEAKER;
		c->dwMonitoredHandsetHookSwitchModes =
			c->dwHandsetHookSwitchModes;
	}
	if (tapi_mixer_present(info, TAPI_MIXER_VOLUME))
		c->dwVolumeFlags = PHONEHOOKSWITCHDEV_HANDSET;
	if (tapi_mixer_present(info, TAPI_MIXER_GAIN))
		c->dwGainFlags = PHONEHOOKSWITCHDEV_HANDSET;
	c->dwNumRingModes = info->caps & TAPI_CAP_RING ?
			    TAPI_PHONE_RING_MODES : 0;
	c->dwNumButtonLamps = nbuttons;
	c->dwPhoneFeatures = tapi_phone_features(info);
	for (DWORD i = 0; i < nbuttons; i++) {
		const struct tapi_phone_button *b = tapi_phone_button(info, i);

		modes[i] = b->mode;
		functions[i] = b->function;
		lamps[i] = PHONELAMPMODE_DUMMY;
	}
	tapi_varbuf_add_string(&vb, offsetof(PHONECAPS, dwProviderInfoSize),
			       offsetof(PHONECAPS, dwProviderInfoOffset),
			       "libtapi");
	phone_info(info, text, sizeof(text));
	tapi_varbuf_add_string(&vb, offsetof(PHONECAPS, dwPhoneInfoSize),
			       offsetof(PHONECAPS, dwPhoneInfoOffset), text);
	tapi_line_name(info, name, sizeof(name));
	tapi_varbuf_add_string(&vb, offsetof(PHONECAPS, dwPhoneNameSize),
			       offsetof(PHONECAPS, dwPhoneNameOffset), name);
	tapi_varbuf_add(&vb, offsetof(PHONECAPS, dwButtonModesSize),
			offsetof(PHONECAPS, dwButtonModesOffset), modes,
			nbuttons * sizeof(DWORD), 4);
	tapi_varbuf_add(&vb, offsetof(PHONECAPS, dwButtonFunctionsSize),
			offsetof(PHONECAPS, dwButtonFunctionsOffset), functions,
			nbuttons * sizeof(DWORD), 4);
	tapi_varbuf_add(&vb, offsetof(PHONECAPS, dwLampModesSize),
			offsetof(PHONECAPS, dwLampModesOffset), lamps,
			nbuttons * sizeof(DWORD), 4);
	if (version >= TAPI_VERSION_2_0)
		tapi_varbuf_add(&vb, offsetof(PHONECAPS, dwDeviceClassesSize),
				offsetof(PHONECAPS, dwDeviceClassesOffset),
				device_classes, sizeof(device_classes), 1);
	err = tapi_phoneerr_from_lineerr(tapi_varbuf_finish(&vb, out));
	tapi_varbuf_release(&vb);
	return err;
}

/**
 * phoneGetDevCaps() - what a phone device can do
 * @hPhoneApp: from phoneInitializeEx
 * @dwDeviceID: a phone device ID
 * @dwAPIVersion: from phoneNegotiateAPIVersion
 * @dwExtVersion: 0
 * @lpPhoneCaps: out; dwTotalSize set by the application
 *
 * Return: 0; PHONEERR_INVALAPPHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_INVALPOINTER, PHONEERR_BADDEVICEID, PHONEERR_NODEVICE,
 * PHONEERR_INCOMPATIBLEAPIVERSION, PHONEERR_INCOMPATIBLEEXTVERSION,
 * PHONEERR_STRUCTURETOOSMALL (dwNeededSize says how much), PHONEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI phoneGetDevCaps(HPHONEAPP hPhoneApp,
					DWORD dwDeviceID, DWORD dwAPIVersion,
					DWORD dwExtVersion,
					LPPHONECAPS lpPhoneCaps)
{
	struct tapi_dev_info info;
	struct tapi_app *app;
	DWORD num_devs, api;
	uint32_t line_id;
	LONG err;

	err = tapi_phone_app_lookup(hPhoneApp, &app);
	if (err)
		return err;
	num_devs = app->num_devs;
	api = app->api_version;
	tapi_app_put(app);
	err = tapi_phoneerr_from_lineerr(tapi_check_out_struct(lpPhoneCaps));
	if (err)
		return err;
	if (dwDeviceID >= num_devs ||
	    tapi_registry_phone_line(dwDeviceID, &line_id))
		return PHONEERR_BADDEVICEID;
	if (tapi_registry_lookup(line_id, &info))
		return PHONEERR_NODEVICE;
	if (!tapi_version_is_known(dwAPIVersion) || dwAPIVersion > api)
		return PHONEERR_INCOMPATIBLEAPIVERSION;
	if (dwExtVersion)
		return PHONEERR_INCOMPATIBLEEXTVERSION;
	return fill_caps(&info, dwAPIVersion, lpPhoneCaps);
}
