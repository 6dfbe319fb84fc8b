// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineGetDevCaps and lineGetAddressCaps: what a line device can do.
 *
 * The structures are filled by tapi_fill_devcaps() and
 * tapi_fill_addresscaps() from a channel's description alone, for the
 * version the application negotiated (an older version gets the older,
 * shorter fixed part and none of the newer variable parts), so the unit
 * tests check them per version without a kernel.
 *
 * Each line has one address, address 0, whose dwAddress is the channel's
 * directory number as the kernel reports it (TAPI_A_NUMBER): that is
 * what another line dials to reach it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

#define PROVIDER_INFO	"linux-tapi"
#define MONITOR_TONES_MAX 16	/* lineMonitorTones entries */

static uint32_t fnv1a(uint32_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/**
 * tapi_permanent_line_id() - an ID that stays with the port
 * @info: the channel
 *
 * Return: a hash of driver, card name and port index: the same for the
 * same port across restarts, whatever channel number it gets.
 */
DWORD tapi_permanent_line_id(const struct tapi_dev_info *info)
{
	char index[16];
	uint32_t h = 2166136261u;

	snprintf(index, sizeof(index), "/%u", info->index);
	h = fnv1a(h, info->driver);
	h = fnv1a(h, "/");
	h = fnv1a(h, info->card_name);
	return fnv1a(h, index);
}

#define DEVICE_CLASSES_MAX \
	sizeof("tapi/line\0tapi/phone\0tapi/channel\0")

/*
 * "tapi/line", for stations "tapi/phone", and "tapi/channel" (lineGetID's
 * classes that every such line answers); NUL-separated, NUL-ended.
 */
static size_t device_classes(const struct tapi_dev_info *info, char *buf)
{
	static const char line_cls[] = "tapi/line";
	static const char phone_cls[] = "tapi/phone";
	static const char channel_cls[] = "tapi/channel";
	size_t n = 0;

	memcpy(buf, line_cls, sizeof(line_cls));
	n += sizeof(line_cls);
	if (info->signalling != TAPI_SIG_FXO) {
		memcpy(buf + n, phone_cls, sizeof(phone_cls));
		n += sizeof(phone_cls);
	}
	memcpy(buf + n, channel_cls, sizeof(channel_cls));
	n += sizeof(channel_cls);
	buf[n++] = '\0';
	return n;
}

/**
 * tapi_line_name() - the name LINEDEVCAPS shows
 * @info: the channel
 * @buf: out
 * @size: room in @buf
 */
void tapi_line_name(const struct tapi_dev_info *info, char *buf, size_t size)
{
	if (info->name[0])
		snprintf(buf, size, "%s", info->name);
	else
		snprintf(buf, size, "%s/%u", info->card_name, info->index);
}

/**
 * tapi_fill_devcaps() - fill LINEDEVCAPS for a channel
 * @info: the channel
 * @version: the negotiated API version
 * @out: the application's structure (dwTotalSize set)
 *
 * Return: 0, LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
LONG tapi_fill_devcaps(const struct tapi_dev_info *info, DWORD version,
		       LINEDEVCAPS *out)
{
	struct tapi_varbuf vb;
	LINEDEVCAPS *c;
	char name[TAPI_NAME_LEN + 16], sw[2 * TAPI_NAME_LEN + 2];
	char classes[DEVICE_CLASSES_MAX];
	bool fxo = info->signalling == TAPI_SIG_FXO;
	size_t nclasses;
	LONG err;

	if (tapi_varbuf_init(&vb, sizeof(*c),
			     tapi_struct_fixed_size(TAPI_STRUCT_LINEDEVCAPS,
						    version)))
		return LINEERR_NOMEM;
	c = tapi_varbuf_fixed(&vb);
	tapi_line_name(info, name, sizeof(name));
	snprintf(sw, sizeof(sw), "%s %s", info->driver, info->card_name);

	c->dwPermanentLineID = tapi_permanent_line_id(info);
	c->dwStringFormat = STRINGFORMAT_ASCII;
	c->dwAddressModes = LINEADDRESSMODE_ADDRESSID;
	c->dwNumAddresses = 1;
	c->dwBearerModes = LINEBEARERMODE_VOICE;
	c->dwMediaModes = TAPI_LINE_MEDIA_MODES;
	c->dwGenerateToneModes = LINETONEMODE_CUSTOM | LINETONEMODE_RINGBACK |
				 LINETONEMODE_BUSY | LINETONEMODE_BEEP |
				 LINETONEMODE_BILLING;
	c->dwGenerateToneMaxNumFreq = 2;
	c->dwGenerateDigitModes = LINEDIGITMODE_DTMF;
	c->dwMonitorToneMaxNumFreq = 3;
	c->dwMonitorToneMaxNumEntries = MONITOR_TONES_MAX;
	c->dwMonitorDigitModes = LINEDIGITMODE_DTMF | LINEDIGITMODE_DTMFEND;
	c->dwGatherDigitsMinTimeout = TAPI_GATHER_TIMEOUT_MIN_MS;
	c->dwGatherDigitsMaxTimeout = TAPI_GATHER_TIMEOUT_MAX_MS;
	c->dwDevCapFlags = LINEDEVCAPFLAGS_CLOSEDROP;
	if (fxo)
		c->dwDevCapFlags |= LINEDEVCAPFLAGS_DIALDIALTONE |
				    LINEDEVCAPFLAGS_DIALQUIET;
	c->dwMaxNumActiveCalls = 1;
	c->dwAnswerMode = LINEANSWERMODE_NONE;
	c->dwRingModes = 1;
	c->dwLineStates = TAPI_LINE_STATES;
	c->MinDialParams = (LINEDIALPARAMS){ 0, TAPI_DTMF_OFF_MIN_MS,
					     TAPI_DTMF_ON_MIN_MS, 0 };
	c->MaxDialParams = (LINEDIALPARAMS){ TAPI_DIAL_PAUSE_MAX_MS,
					     TAPI_DTMF_OFF_MAX_MS,
					     TAPI_DTMF_ON_MAX_MS,
					     TAPI_DIALTONE_WAIT_MAX_MS };
	c->DefaultDialParams = (LINEDIALPARAMS){ 2000, 100, 100, 10000 };
	c->dwLineFeatures = LINEFEATURE_MAKECALL;	/* 1.4 */
	c->PermanentLineGuid = (GUID){			/* 2.2 */
		.Data1 = c->dwPermanentLineID,
		.Data2 = 0x7461,	/* "ta" */
		.Data3 = 0x7069,	/* "pi" */
	};
	memcpy(c->PermanentLineGuid.Data4, &c->dwPermanentLineID, 4);
	c->PermanentLineGuid.Data4[4] = (uint8_t)info->index;
	c->PermanentLineGuid.Data4[5] = (uint8_t)info->signalling;

	tapi_varbuf_add_string(&vb, offsetof(LINEDEVCAPS, dwProviderInfoSize),
			       offsetof(LINEDEVCAPS, dwProviderInfoOffset),
			       PROVIDER_INFO);
	tapi_varbuf_add_string(&vb, offsetof(LINEDEVCAPS, dwSwitchInfoSize),
			       offsetof(LINEDEVCAPS, dwSwitchInfoOffset), sw);
	tapi_varbuf_add_string(&vb, offsetof(LINEDEVCAPS, dwLineNameSize),
			       offsetof(LINEDEVCAPS, dwLineNameOffset), name);
	nclasses = device_classes(info, classes);
	tapi_varbuf_add(&vb, offsetof(LINEDEVCAPS, dwDeviceClassesSize),
			offsetof(LINEDEVCAPS, dwDeviceClassesOffset), classes,
			nclasses, 1);
	err = tapi_varbuf_finish(&vb, out);
	tapi_varbuf_release(&vb);
	return err;
}

/**
 * tapi_fill_addresscaps() - fill LINEADDRESSCAPS for address 0
 * @info: the channel
 * @device_id: its line device ID
 * @version: the negotiated API version
 * @out: the application's structure (dwTotalSize set)
 *
 * Return: 0, LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
LONG tapi_fill_addresscaps(const struct tapi_dev_info *info, DWORD device_id,
			   DWORD version, LINEADDRESSCAPS *out)
{
	struct tapi_varbuf vb;
	LINEADDRESSCAPS *c;
	bool fxo = info->signalling == TAPI_SIG_FXO;
	char classes[DEVICE_CLASSES_MAX];
	size_t nclasses;
	LONG err;

	if (tapi_varbuf_init(&vb, sizeof(*c),
			     tapi_struct_fixed_size(TAPI_STRUCT_LINEADDRESSCAPS,
						    version)))
		return LINEERR_NOMEM;
	c = tapi_varbuf_fixed(&vb);
	c->dwLineDeviceID = device_id;
	c->dwAddressSharing = LINEADDRESSSHARING_PRIVATE;
	c->dwAddressStates = TAPI_ADDRESS_STATES;
	c->dwCallInfoStates = LINECALLINFOSTATE_CALLERID |
			      LINECALLINFOSTATE_CALLEDID |
			      LINECALLINFOSTATE_NUMOWNERINCR |
			      LINECALLINFOSTATE_NUMOWNERDECR |
			      LINECALLINFOSTATE_NUMMONITORS;
	c->dwCallerIDFlags = LINECALLPARTYID_ADDRESS | LINECALLPARTYID_NAME |
			     LINECALLPARTYID_BLOCKED |
			     LINECALLPARTYID_OUTOFAREA |
			     LINECALLPARTYID_UNKNOWN | LINECALLPARTYID_UNAVAIL;
	c->dwCalledIDFlags = LINECALLPARTYID_ADDRESS | LINECALLPARTYID_UNKNOWN |
			     LINECALLPARTYID_UNAVAIL;
	c->dwConnectedIDFlags = LINECALLPARTYID_UNAVAIL;
	c->dwRedirectionIDFlags = LINECALLPARTYID_UNAVAIL;
	c->dwRedirectingIDFlags = LINECALLPARTYID_UNAVAIL;
	c->dwCallStates = tapi_callstates_supported(info->signalling);
	c->dwDialToneModes = fxo ? LINEDIALTONEMODE_NORMAL : 0;
	c->dwBusyModes = fxo ? LINEBUSYMODE_UNKNOWN : 0;
	c->dwDisconnectModes = LINEDISCONNECTMODE_NORMAL |
			       LINEDISCONNECTMODE_UNKNOWN |
			       LINEDISCONNECTMODE_UNAVAIL;
	if (fxo) {
		c->dwDisconnectModes |= LINEDISCONNECTMODE_BUSY |
					LINEDISCONNECTMODE_NOANSWER |
					LINEDISCONNECTMODE_CONGESTION;
		if (version >= TAPI_VERSION_1_4)
			c->dwDisconnectModes |= LINEDISCONNECTMODE_NODIALTONE;
	} else {
		c->dwDisconnectModes |= LINEDISCONNECTMODE_NOANSWER;
	}
	c->dwMaxNumActiveCalls = 1;
	c->dwAddrCapFlags = fxo ? LINEADDRCAPFLAGS_DIALED |
				  LINEADDRCAPFLAGS_PARTIALDIAL : 0;
	c->dwCallFeatures = tapi_call_features(info->signalling,
					       LINECALLSTATE_CONNECTED,
					       LINECALLPRIVILEGE_OWNER, false) |
			    LINECALLFEATURE_ANSWER;
	c->dwAddressFeatures = LINEADDRFEATURE_MAKECALL;	/* 1.4 */
	c->dwAvailableMediaModes = TAPI_LINE_MEDIA_MODES;	/* 2.0 */
	c->dwConnectedModes = LINECONNECTEDMODE_ACTIVE;
	c->dwOfferingModes = LINEOFFERINGMODE_ACTIVE;

	if (info->number[0])
		tapi_varbuf_add_string(&vb,
				       offsetof(LINEADDRESSCAPS, dwAddressSize),
				       offsetof(LINEADDRESSCAPS,
						dwAddressOffset),
				       info->number);
	nclasses = device_classes(info, classes);
	tapi_varbuf_add(&vb, offsetof(LINEADDRESSCAPS, dwDeviceClassesSize),
			offsetof(LINEADDRESSCAPS, dwDeviceClassesOffset),
			classes, nclasses, 1);
	err = tapi_varbuf_finish(&vb, out);
	tapi_varbuf_release(&vb);
	return err;
}

/*
 * The common checks of both functions and the channel's description.
 * The registry's is refreshed from the kernel when the backend can
 * (the directory number may have been changed by an administrator).
 */
static LONG device_info(HLINEAPP hLineApp, DWORD device_id, DWORD version,
			DWORD ext_version, const void *out,
			struct tapi_dev_info *info)
{
	struct tapi_app *app;
	struct tapi_dev_info fresh;
	DWORD num_devs, app_version;
	LONG err;
	int e;

	err = tapi_app_lookup(hLineApp, &app);
	if (err)
		return err;
	num_devs = app->num_devs;
	app_version = app->api_version;
	tapi_app_put(app);
	err = tapi_check_out_struct(out);
	if (err)
		return err;
	if (device_id >= num_devs)
		return LINEERR_BADDEVICEID;
	if (tapi_registry_lookup(device_id, info))
		return LINEERR_NODEVICE;
	if (!tapi_version_is_known(version) || version > app_version)
		return LINEERR_INCOMPATIBLEAPIVERSION;
	if (ext_version)
		return LINEERR_INCOMPATIBLEEXTVERSION;
	if (tapi_backend_get()->query) {
		e = tapi_backend_get()->query(info, &fresh);
		if (!e)
			*info = fresh;
		else if (e == -ENODEV)
			return LINEERR_NODEVICE;
	}
	return 0;
}

/**
 * lineGetDevCaps() - the capabilities of a line device
 * @hLineApp: from lineInitializeEx
 * @dwDeviceID: a line device ID
 * @dwAPIVersion: the version negotiated for it
 * @dwExtVersion: 0
 * @lpLineDevCaps: out; dwTotalSize set by the application
 *
 * Return: 0; LINEERR_INVALAPPHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALPOINTER, LINEERR_BADDEVICEID, LINEERR_NODEVICE,
 * LINEERR_INCOMPATIBLEAPIVERSION, LINEERR_INCOMPATIBLEEXTVERSION,
 * LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetDevCaps(HLINEAPP hLineApp, DWORD dwDeviceID,
				       DWORD dwAPIVersion, DWORD dwExtVersion,
				       LPLINEDEVCAPS lpLineDevCaps)
{
	struct tapi_dev_info info;
	LONG err = device_info(hLineApp, dwDeviceID, dwAPIVersion,
			       dwExtVersion, lpLineDevCaps, &info);

	if (err)
		return err;
	return tapi_fill_devcaps(&info, dwAPIVersion, lpLineDevCaps);
}

/**
 * lineGetAddressCaps() - the capabilities of a line's address
 * @hLineApp: from lineInitializeEx
 * @dwDeviceID: a line device ID
 * @dwAddressID: 0, the only address of every line
 * @dwAPIVersion: the version negotiated for the line
 * @dwExtVersion: 0
 * @lpAddressCaps: out; dwTotalSize set by the application.  dwAddress is
 *	the line's directory number (absent when the kernel knows none).
 *
 * Return: as lineGetDevCaps(), and LINEERR_INVALADDRESSID.
 */
TAPI_EXPORT LONG WINAPI lineGetAddressCaps(HLINEAPP hLineApp,
					   DWORD dwDeviceID,
					   DWORD dwAddressID,
					   DWORD dwAPIVersion,
					   DWORD dwExtVersion,
					   LPLINEADDRESSCAPS lpAddressCaps)
{
	struct tapi_dev_info info;
	LONG err = device_info(hLineApp, dwDeviceID, dwAPIVersion,
			       dwExtVersion, lpAddressCaps, &info);

	if (err)
		return err;
	if (dwAddressID != 0)
		return LINEERR_INVALADDRESSID;
	return tapi_fill_addresscaps(&info, dwDeviceID, dwAPIVersion,
				     lpAddressCaps);
}
