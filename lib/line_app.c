// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineInitializeEx, lineShutdown, lineGetMessage: an application's
 * registration with TAPI and the delivery of its messages.
 *
 * Checks run in this order: handles, then pointers, then structure sizes,
 * then values, so the error an application sees for several bad
 * arguments at once does not depend on chance.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"

#define FRIENDLY_NAME_MAX 255	/* bytes; TAPI shows it in LINECALLINFO */

extern char *program_invocation_short_name;

/**
 * lineInitializeEx() - register an application with TAPI
 * @lphLineApp: out: the application's handle
 * @hInstance: ignored (Windows module handle)
 * @lpfnCallback: callback mode: called on a libtapi thread per message
 * @lpszFriendlyAppName: UTF-8, displayable, up to 255 bytes; NULL uses
 *	the program's name
 * @lpdwNumDevs: out: number of line devices
 * @lpdwAPIVersion: in: highest API version the application supports
 *	(at least 0x00010003); out: highest libtapi supports (0x00020002)
 * @lpLineInitializeExParams: notification mechanism; NULL means callback
 *	mode.  dwTotalSize must cover the structure.  With USEEVENT,
 *	Handles.hEvent receives the descriptor to poll.
 *
 * Return: 0; LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL,
 * LINEERR_INVALPARAM (unknown option, or USECOMPLETIONPORT),
 * LINEERR_INVALAPPNAME, LINEERR_INCOMPATIBLEAPIVERSION,
 * LINEERR_OPERATIONFAILED (devices could not be enumerated),
 * LINEERR_NOMEM, LINEERR_RESOURCEUNAVAIL.
 */
TAPI_EXPORT LONG WINAPI lineInitializeEx(LPHLINEAPP lphLineApp,
					 HINSTANCE hInstance,
					 LINECALLBACK lpfnCallback,
					 LPCSTR lpszFriendlyAppName,
					 LPDWORD lpdwNumDevs,
					 LPDWORD lpdwAPIVersion,
					 LPLINEINITIALIZEEXPARAMS params)
{
	DWORD options = LINEINITIALIZEEXOPTION_USEHIDDENWINDOW;
	const char *name = lpszFriendlyAppName;
	struct tapi_app *app;
	uint32_t ndevs;
	LONG err;

	(void)hInstance;
	if (!lphLineApp || !lpdwNumDevs || !lpdwAPIVersion)
		return LINEERR_INVALPOINTER;
	if (params) {
		err = tapi_check_in_struct(params, sizeof(*params));
		if (err)
			return err;
		options = params->dwOptions;
	}
	switch (options) {
	case LINEINITIALIZEEXOPTION_USEHIDDENWINDOW:
		if (!lpfnCallback)
			return LINEERR_INVALPOINTER;
		break;
	case LINEINITIALIZEEXOPTION_USEEVENT:
		break;
	default:	/* completion ports, TAPI 3 options, garbage */
		return LINEERR_INVALPARAM;
	}
	if (*lpdwAPIVersion < TAPI_VERSION_LOWEST)
		return LINEERR_INCOMPATIBLEAPIVERSION;
	if (!name)
		name = program_invocation_short_name;
	if (tapi_utf8_check(name, FRIENDLY_NAME_MAX, true))
		return LINEERR_INVALAPPNAME;

	if (tapi_registry_refresh(&ndevs))
		return LINEERR_OPERATIONFAILED;
	if (tapi_engine_start())
		return LINEERR_RESOURCEUNAVAIL;

	err = tapi_app_create(options, lpfnCallback, name,
			      *lpdwAPIVersion > TAPI_VERSION_HIGHEST ?
			      TAPI_VERSION_HIGHEST : *lpdwAPIVersion,
			      ndevs, &app);
	if (err) {
		tapi_engine_stop();
		return err;
	}
	if (app->mode == TAPI_NOTIFY_EVENT) {
		params->Handles.hEvent = app->queue.event_fd;
		params->dwNeededSize = params->dwUsedSize = sizeof(*params);
	}
	*lphLineApp = app->handle;
	*lpdwNumDevs = ndevs;
	*lpdwAPIVersion = TAPI_VERSION_HIGHEST;
	tapi_app_put(app);
	return 0;
}

/**
 * lineShutdown() - end an application's use of TAPI
 * @hLineApp: from lineInitializeEx
 *
 * Closes the application's lines (dropping the calls it alone owned) and
 * its event descriptor; wakes lineGetMessage in
 * other threads with LINEERR_INVALAPPHANDLE; in callback mode waits for
 * a callback running on another thread (from inside the callback it
 * returns at once and the thread ends after the callback).  Queued
 * messages are discarded.
 *
 * Return: 0, LINEERR_INVALAPPHANDLE, LINEERR_UNINITIALIZED.
 */
TAPI_EXPORT LONG WINAPI lineShutdown(HLINEAPP hLineApp)
{
	struct tapi_app *app;
	LONG err = tapi_app_lookup(hLineApp, &app);

	if (err)
		return err;
	/* Its lines first: calls it alone owned are dropped. */
	tapi_lines_close_app(app);
	tapi_app_put(app);
	err = tapi_app_shutdown(hLineApp);
	if (!err)
		tapi_engine_stop();
	return err;
}

/**
 * lineGetMessage() - fetch the next message (event mode)
 * @hLineApp: an application initialized with
 *	LINEINITIALIZEEXOPTION_USEEVENT
 * @lpMessage: out: the message
 * @dwTimeout: ms to wait; 0 does not wait; INFINITE waits until a
 *	message comes or lineShutdown is called
 *
 * Return: 0; LINEERR_OPERATIONFAILED when no message came in time;
 * LINEERR_INVALAPPHANDLE for a bad handle, an application in callback
 * mode (its messages go to the callback), or a shutdown meanwhile;
 * LINEERR_INVALPOINTER.
 */
TAPI_EXPORT LONG WINAPI lineGetMessage(HLINEAPP hLineApp,
				       LPLINEMESSAGE lpMessage,
				       DWORD dwTimeout)
{
	struct tapi_app *app;
	LINEMESSAGE m;
	int err;

	if (tapi_app_lookup(hLineApp, &app))
		return LINEERR_INVALAPPHANDLE;
	if (app->mode != TAPI_NOTIFY_EVENT) {
		tapi_app_put(app);
		return LINEERR_INVALAPPHANDLE;
	}
	if (!lpMessage || (uintptr_t)lpMessage % _Alignof(LINEMESSAGE)) {
		tapi_app_put(app);
		return LINEERR_INVALPOINTER;
	}
	err = tapi_msgq_get(&app->queue, &m, dwTimeout);
	tapi_app_put(app);
	switch (err) {
	case 0:
		*lpMessage = m;
		return 0;
	case -EAGAIN:
	case -ETIMEDOUT:
		return LINEERR_OPERATIONFAILED;
	case -ESHUTDOWN:
		return LINEERR_INVALAPPHANDLE;
	default:
		return tapi_lineerr_from_errno(err);
	}
}
