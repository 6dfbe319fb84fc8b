// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineOpen, lineClose, lineSetStatusMessages.
 *
 * Checks run in this order: handles, pointers, privileges, the device,
 * versions, media modes, call parameters, so the error an application
 * sees for several bad arguments at once does not depend on chance.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"
#include "proxy.h"

static atomic_ulong open_counter;

/* LINECALLPARAMS, as lineOpen looks at it: size, address, media mode. */
static LONG check_open_params(const LINECALLPARAMS *cp, DWORD version,
			      bool single_address)
{
	LONG err = tapi_check_in_struct(cp, tapi_struct_fixed_size(
					TAPI_STRUCT_LINECALLPARAMS, version));

	if (err)
		return err;
	if (cp->dwBearerMode && cp->dwBearerMode != LINEBEARERMODE_VOICE)
		return LINEERR_INVALBEARERMODE;
	if (single_address) {
		if (cp->dwAddressMode != LINEADDRESSMODE_ADDRESSID)
			return LINEERR_INVALADDRESSMODE;
		if (cp->dwAddressID != 0)
			return LINEERR_INVALADDRESSID;
	}
	return 0;
}

/* LINEMAPPER: the first present line that takes @media. */
static LONG map_device(DWORD num_devs, DWORD media, DWORD *device_id)
{
	if (!media)
		media = LINEMEDIAMODE_INTERACTIVEVOICE;
	if (media & ~TAPI_LINE_MEDIA_MODES)
		return LINEERR_LINEMAPPERFAILED;
	for (DWORD id = 0; id < num_devs; id++) {
		if (!tapi_registry_lookup(id, NULL)) {
			*device_id = id;
			return 0;
		}
	}
	return LINEERR_LINEMAPPERFAILED;
}

/**
 * lineOpen() - open a line device
 * @hLineApp: from lineInitializeEx
 * @dwDeviceID: a line device ID, or LINEMAPPER to open the first line
 *	that can do what @lpCallParams asks (bearer and media mode)
 * @lphLine: out: the line's handle
 * @dwAPIVersion: a version negotiated for the device (1.3 .. 2.2), at
 *	most what the application gave lineInitializeEx
 * @dwExtVersion: 0 (no provider extensions)
 * @dwCallbackInstance: returned with every message about the line
 * @dwPrivileges: LINECALLPRIVILEGE_NONE (outgoing calls only), _MONITOR,
 *	_OWNER or both, optionally with LINEOPENOPTION_SINGLEADDRESS
 *	(needs @lpCallParams naming address 0) or LINEOPENOPTION_PROXY
 *	(TAPI 2.0: the application is the ACD proxy of the request types
 *	that @lpCallParams' dwDevSpecificSize/Offset list as a DWORD array
 *	of LINEPROXYREQUEST_; see lib/proxy_line.c)
 * @dwMediaModes: with _OWNER: the media modes of offered calls the
 *	application takes: LINEMEDIAMODE_INTERACTIVEVOICE, _AUTOMATEDVOICE,
 *	_UNKNOWN; ignored otherwise
 * @lpCallParams: LINEMAPPER, SINGLEADDRESS and PROXY only, else ignored
 *
 * Return: 0; LINEERR_INVALAPPHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALPOINTER, LINEERR_INVALPRIVSELECT, LINEERR_BADDEVICEID,
 * LINEERR_NODEVICE, LINEERR_INCOMPATIBLEAPIVERSION,
 * LINEERR_INCOMPATIBLEEXTVERSION, LINEERR_INVALMEDIAMODE,
 * LINEERR_STRUCTURETOOSMALL, LINEERR_INVALBEARERMODE,
 * LINEERR_INVALADDRESSMODE, LINEERR_INVALADDRESSID,
 * LINEERR_LINEMAPPERFAILED, LINEERR_RESOURCEUNAVAIL (no permission on
 * the channel's device, and for a monitor no netlink events either),
 * LINEERR_NOMEM; with LINEOPENOPTION_PROXY also LINEERR_INVALCALLPARAMS,
 * LINEERR_NOTREGISTERED (a type already has a proxy),
 * LINEERR_OPERATIONUNAVAIL (no proxy relay in the kernel) and
 * LINEERR_OPERATIONFAILED (the kernel refused: CAP_NET_ADMIN).
 *
 * A line opened without owner privilege needs no access to the channel's
 * device when the process may hear the netlink "events" group
 * (CAP_NET_ADMIN): it is then followed through netlink alone.
 */
TAPI_EXPORT LONG WINAPI lineOpen(HLINEAPP hLineApp, DWORD dwDeviceID,
				 LPHLINE lphLine, DWORD dwAPIVersion,
				 DWORD dwExtVersion,
				 DWORD_PTR dwCallbackInstance,
				 DWORD dwPrivileges, DWORD dwMediaModes,
				 const LINECALLPARAMS *lpCallParams)
{
	const DWORD options = LINEOPENOPTION_SINGLEADDRESS |
			      LINEOPENOPTION_PROXY;
	DWORD priv = dwPrivileges & ~options, all_media;
	bool single = dwPrivileges & LINEOPENOPTION_SINGLEADDRESS;
	struct tapi_linedev *ld;
	struct tapi_line *line, **tail;
	struct tapi_app *app;
	uint32_t proxy_types = 0;
	HLINE handle;
	LONG err;

	err = tapi_app_lookup(hLineApp, &app);
	if (err)
		return err;
	if (!lphLine || (uintptr_t)lphLine % _Alignof(HLINE)) {
		err = LINEERR_INVALPOINTER;
		goto out_app;
	}
	if ((priv != LINECALLPRIVILEGE_NONE &&
	     (!priv || priv & ~(LINECALLPRIVILEGE_MONITOR |
				LINECALLPRIVILEGE_OWNER)))) {
		err = LINEERR_INVALPRIVSELECT;
		goto out_app;
	}
	if (dwDeviceID != LINEMAPPER && dwDeviceID >= app->num_devs) {
		err = LINEERR_BADDEVICEID;
		goto out_app;
	}
	if (!tapi_version_is_known(dwAPIVersion) ||
	    dwAPIVersion > app->api_version) {
		err = LINEERR_INCOMPATIBLEAPIVERSION;
		goto out_app;
	}
	if (dwExtVersion) {
		err = LINEERR_INCOMPATIBLEEXTVERSION;
		goto out_app;
	}
	if (dwPrivileges & LINEOPENOPTION_PROXY) {
		err = tapi_proxy_check_open(lpCallParams, dwAPIVersion,
					    &proxy_types);
		if (err)
			goto out_app;
	}
	all_media = dwAPIVersion >= TAPI_VERSION_1_4 ? TAPI_MEDIA_MODES_1_4 :
						       TAPI_MEDIA_MODES_1_3;
	if (priv & LINECALLPRIVILEGE_OWNER &&
	    (!dwMediaModes || dwMediaModes & ~all_media ||
	     dwMediaModes & ~TAPI_LINE_MEDIA_MODES)) {
		err = LINEERR_INVALMEDIAMODE;
		goto out_app;
	}
	if (dwDeviceID == LINEMAPPER || single) {
		if (!lpCallParams) {
			err = LINEERR_INVALPOINTER;
			goto out_app;
		}
		err = check_open_params(lpCallParams, dwAPIVersion, single);
		if (err)
			goto out_app;
	}
	if (dwDeviceID == LINEMAPPER) {
		err = map_device(app->num_devs, lpCallParams->dwMediaMode,
				 &dwDeviceID);
		if (err)
			goto out_app;
	}

	line = calloc(1, sizeof(*line));
	if (!line) {
		err = LINEERR_NOMEM;
		goto out_app;
	}
	line->app = app;		/* the lookup's reference, kept */
	line->version = dwAPIVersion;
	line->privileges = priv;
	line->media_modes = priv & LINECALLPRIVILEGE_OWNER ? dwMediaModes : 0;
	line->instance = dwCallbackInstance;
	line->seq = atomic_fetch_add(&open_counter, 1);

	tapi_engine_lock();
	err = tapi_linedev_get(dwDeviceID, priv, &ld);
	if (err) {
		tapi_engine_unlock();
		free(line);
		goto out_app;
	}
	tapi_line_init_object(line);	/* the line owns @app's reference */
	err = tapi_lineerr_from_errno(tapi_handle_alloc(&tapi_lines, &line->obj,
							&line->handle));
	if (err) {
		tapi_linedev_put(ld);
		tapi_engine_unlock();
		tapi_line_put(line);
		return err;
	}
	line->dev = ld;
	for (tail = &ld->lines; *tail; tail = &(*tail)->next)
		;
	*tail = line;
	if (ld->rdv)
		tapi_rdv_register(ld->rdv, line);
	tapi_linedev_post_linestate(ld, LINEDEVSTATE_OPEN, 0, 0, line);
	handle = line->handle;
	tapi_engine_unlock();
	/* call-center control: the relay, and a proxy's registration */
	err = tapi_proxy_line_opened(handle, proxy_types);
	if (err) {
		lineClose(handle);
		return err;
	}
	*lphLine = handle;
	return 0;

out_app:
	tapi_app_put(app);
	return err;
}

/**
 * lineClose() - close a line
 * @hLine: from lineOpen
 *
 * The line's call handles stop working; calls it was the sole owner of
 * are dropped first.
 *
 * Return: 0, LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED.
 */
TAPI_EXPORT LONG WINAPI lineClose(HLINE hLine)
{
	struct tapi_line *line;
	LONG err = tapi_line_begin(hLine, &line);

	if (err)
		return err;
	tapi_line_close_locked(line, false);
	tapi_line_end(line);
	return 0;
}

/* Every LINEDEVSTATE_ bit a version defines. */
static DWORD line_states_defined(DWORD version)
{
	if (version >= TAPI_VERSION_2_0)
		return (LINEDEVSTATE_REMOVED << 1) - 1;
	if (version >= TAPI_VERSION_1_4)
		return (LINEDEVSTATE_COMPLCANCEL << 1) - 1;
	return (LINEDEVSTATE_LOCK << 1) - 1;
}

/* Every LINEADDRESSSTATE_ bit a version defines. */
static DWORD address_states_defined(DWORD version)
{
	if (version >= TAPI_VERSION_1_4)
		return (LINEADDRESSSTATE_CAPSCHANGE << 1) - 1;
	return (LINEADDRESSSTATE_TERMINALS << 1) - 1;
}

/**
 * lineSetStatusMessages() - choose the LINE_LINEDEVSTATE and
 *	LINE_ADDRESSSTATE messages the line gets
 * @hLine: from lineOpen
 * @dwLineStates: LINEDEVSTATE_ bits; the lines send RINGING, INSERVICE,
 *	OUTOFSERVICE, OPEN, CLOSE, NUMCALLS and REINIT (sent anyway)
 *	(LINEDEVCAPS.dwLineStates); other defined bits are accepted and
 *	never sent
 * @dwAddressStates: LINEADDRESSSTATE_ bits; the lines send INUSEZERO,
 *	INUSEONE and NUMCALLS (LINEADDRESSCAPS.dwAddressStates)
 *
 * Both are off after lineOpen, as TAPI specifies.
 *
 * Return: 0, LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALLINESTATE or LINEERR_INVALADDRESSSTATE for a bit that is
 * no LINEDEVSTATE_ / LINEADDRESSSTATE_ of the line's version.
 */
TAPI_EXPORT LONG WINAPI lineSetStatusMessages(HLINE hLine, DWORD dwLineStates,
					      DWORD dwAddressStates)
{
	struct tapi_line *line;
	LONG err = tapi_line_begin(hLine, &line);

	if (err)
		return err;
	if (dwLineStates & ~line_states_defined(line->version))
		err = LINEERR_INVALLINESTATE;
	else if (dwAddressStates & ~address_states_defined(line->version))
		err = LINEERR_INVALADDRESSSTATE;
	if (!err) {
		line->line_states = dwLineStates;
		line->address_states = dwAddressStates;
	}
	tapi_line_end(line);
	return err;
}
