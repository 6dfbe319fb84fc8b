// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneInitializeEx, phoneShutdown, phoneGetMessage,
 * phoneNegotiateAPIVersion: an application's registration with the phone
 * API and the delivery of its messages.
 *
 * A phone application is the same object as a line application (struct
 * tapi_app: queue, callback thread, version) living in its own handle
 * table, tapi_phone_apps, so an HPHONEAPP never passes for an HLINEAPP.
 * Its num_devs counts phone device IDs.  It shares the engine thread
 * with the line API.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"

#define FRIENDLY_NAME_MAX 255

extern char *program_invocation_short_name;

struct tapi_handle_table tapi_phone_apps =
	TAPI_HANDLE_TABLE_INIT(TAPI_HANDLE_PHONEAPP);

static struct tapi_app *to_app(struct tapi_object *obj)
{
	return (struct tapi_app *)((char *)obj - offsetof(struct tapi_app, obj));
}

static LONG no_such_app(void)
{
	return tapi_handle_count(&tapi_phone_apps) ? PHONEERR_INVALAPPHANDLE :
						     PHONEERR_UNINITIALIZED;
}

/**
 * tapi_phone_app_lookup() - the application an HPHONEAPP names
 * @handle: from the application
 * @app_out: out: referenced (tapi_app_put() it)
 *
 * Return: 0, PHONEERR_INVALAPPHANDLE, or PHONEERR_UNINITIALIZED when the
 * process has no phone application.
 */
LONG tapi_phone_app_lookup(HPHONEAPP handle, struct tapi_app **app_out)
{
	struct tapi_object *obj = tapi_handle_get(&tapi_phone_apps, handle);

	if (!obj)
		return no_such_app();
	*app_out = to_app(obj);
	return 0;
}

/* Move a new application from the line table to the phone table. */
static LONG make_phone_app(struct tapi_app *app)
{
	struct tapi_object *obj = tapi_handle_remove(&tapi_apps, app->handle);
	int err;

	/* obj carries the table's reference, which the phone table takes */
	err = tapi_handle_alloc(&tapi_phone_apps, obj, &app->handle);
	if (err) {
		tapi_msgq_close(&app->queue);
		tapi_dispatcher_stop(&app->dispatcher);
		tapi_object_put(obj);
		return tapi_phoneerr_from_errno(err);
	}
	return 0;
}

/**
 * phoneInitializeEx() - register an application with the phone API
 * @lphPhoneApp: out: the application's handle
 * @hInstance: ignored
 * @lpfnCallback: callback mode: called on a libtapi thread per message
 * @lpszFriendlyAppName: UTF-8, displayable, up to 255 bytes; NULL uses
 *	the program's name
 * @lpdwNumDevs: out: number of phone devices
 * @lpdwAPIVersion: in: highest API version the application supports
 *	(at least 0x00010003); out: 0x00020002
 * @params: notification mechanism, as for lineInitializeEx; NULL means
 *	callback mode
 *
 * Return: 0; PHONEERR_INVALPOINTER, PHONEERR_STRUCTURETOOSMALL,
 * PHONEERR_INVALPARAM, PHONEERR_INVALAPPNAME,
 * PHONEERR_INCOMPATIBLEAPIVERSION, PHONEERR_OPERATIONFAILED,
 * PHONEERR_NOMEM, PHONEERR_RESOURCEUNAVAIL.
 */
TAPI_EXPORT LONG WINAPI phoneInitializeEx(LPHPHONEAPP lphPhoneApp,
					  HINSTANCE hInstance,
					  PHONECALLBACK lpfnCallback,
					  LPCSTR lpszFriendlyAppName,
					  LPDWORD lpdwNumDevs,
					  LPDWORD lpdwAPIVersion,
					  LPPHONEINITIALIZEEXPARAMS params)
{
	DWORD options = PHONEINITIALIZEEXOPTION_USEHIDDENWINDOW;
	const char *name = lpszFriendlyAppName;
	struct tapi_app *app = NULL;
	uint32_t nphones;
	LONG err;

	(void)hInstance;
	if (!lphPhoneApp || !lpdwNumDevs || !lpdwAPIVersion)
		return PHONEERR_INVALPOINTER;
	if (params) {
		err = tapi_check_in_struct(params, sizeof(*params));
		if (err)
			return tapi_phoneerr_from_lineerr(err);
		options = params->dwOptions;
	}
	switch (options) {
	case PHONEINITIALIZEEXOPTION_USEHIDDENWINDOW:
		if (!lpfnCallback)
			return PHONEERR_INVALPOINTER;
		break;
	case PHONEINITIALIZEEXOPTION_USEEVENT:
		break;
	default:
		return PHONEERR_INVALPARAM;
	}
	if (*lpdwAPIVersion < TAPI_VERSION_LOWEST)
		return PHONEERR_INCOMPATIBLEAPIVERSION;
	if (!name)
		name = program_invocation_short_name;
	if (tapi_utf8_check(name, FRIENDLY_NAME_MAX, true))
		return PHONEERR_INVALAPPNAME;
	if (tapi_registry_refresh(NULL))
		return PHONEERR_OPERATIONFAILED;
	nphones = tapi_registry_phone_count();
	if (tapi_engine_start())
		return PHONEERR_RESOURCEUNAVAIL;
	/* The phone and line callbacks have the same signature. */
	err = tapi_app_create(options, (LINECALLBACK)lpfnCallback, name,
			      *lpdwAPIVersion > TAPI_VERSION_HIGHEST ?
			      TAPI_VERSION_HIGHEST : *lpdwAPIVersion,
			      nphones, &app);
	if (!err)
		err = make_phone_app(app);
	if (err) {
		tapi_app_put(app);
		tapi_engine_stop();
		return tapi_phoneerr_from_lineerr(err);
	}
	if (app->mode == TAPI_NOTIFY_EVENT) {
		params->Handles.hEvent = app->queue.event_fd;
		params->dwNeededSize = params->dwUsedSize = sizeof(*params);
	}
	*lphPhoneApp = app->handle;
	*lpdwNumDevs = nphones;
	*lpdwAPIVersion = TAPI_VERSION_HIGHEST;
	tapi_app_put(app);
	return 0;
}

/**
 * phoneShutdown() - end an application's use of the phone API
 * @hPhoneApp: from phoneInitializeEx
 *
 * Closes its phones (without PHONE_CLOSE) and its event descriptor;
 * wakes phoneGetMessage in other threads with PHONEERR_INVALAPPHANDLE;
 * discards queued messages.
 *
 * Return: 0, PHONEERR_INVALAPPHANDLE, PHONEERR_UNINITIALIZED.
 */
TAPI_EXPORT LONG WINAPI phoneShutdown(HPHONEAPP hPhoneApp)
{
	struct tapi_object *obj;
	struct tapi_app *app;
	LONG err = tapi_phone_app_lookup(hPhoneApp, &app);

	if (err)
		return err;
	tapi_phones_close_app(app);
	tapi_app_put(app);
	obj = tapi_handle_remove(&tapi_phone_apps, hPhoneApp);
	if (!obj)
		return no_such_app();	/* another thread was quicker */
	app = to_app(obj);
	tapi_msgq_close(&app->queue);
	tapi_dispatcher_stop(&app->dispatcher);
	tapi_object_put(obj);
	tapi_engine_stop();
	return 0;
}

/**
 * phoneGetMessage() - fetch the next message (event mode)
 * @hPhoneApp: an application initialized with
 *	PHONEINITIALIZEEXOPTION_USEEVENT
 * @lpMessage: out: the message
 * @dwTimeout: ms to wait; 0 does not wait; INFINITE waits
 *
 * Return: 0; PHONEERR_OPERATIONFAILED when no message came in time;
 * PHONEERR_INVALAPPHANDLE (bad handle, callback mode, shut down
 * meanwhile); PHONEERR_INVALPOINTER.
 */
TAPI_EXPORT LONG WINAPI phoneGetMessage(HPHONEAPP hPhoneApp,
					LPPHONEMESSAGE lpMessage,
					DWORD dwTimeout)
{
	struct tapi_app *app;
	LINEMESSAGE m;
	int err;

	if (tapi_phone_app_lookup(hPhoneApp, &app))
		return PHONEERR_INVALAPPHANDLE;
	if (app->mode != TAPI_NOTIFY_EVENT) {
		tapi_app_put(app);
		return PHONEERR_INVALAPPHANDLE;
	}
	if (!lpMessage || (uintptr_t)lpMessage % _Alignof(PHONEMESSAGE)) {
		tapi_app_put(app);
		return PHONEERR_INVALPOINTER;
	}
	err = tapi_msgq_get(&app->queue, &m, dwTimeout);
	tapi_app_put(app);
	switch (err) {
	case 0:
		lpMessage->hDevice = m.hDevice;
		lpMessage->dwMessageID = m.dwMessageID;
		lpMessage->dwCallbackInstance = m.dwCallbackInstance;
		lpMessage->dwParam1 = m.dwParam1;
		lpMessage->dwParam2 = m.dwParam2;
		lpMessage->dwParam3 = m.dwParam3;
		return 0;
	case -EAGAIN:
	case -ETIMEDOUT:
		return PHONEERR_OPERATIONFAILED;
	case -ESHUTDOWN:
		return PHONEERR_INVALAPPHANDLE;
	default:
		return tapi_phoneerr_from_errno(err);
	}
}

/**
 * phoneNegotiateAPIVersion() - agree on an API version for a phone
 * @hPhoneApp: from phoneInitializeEx
 * @dwDeviceID: a phone device ID
 * @dwAPILowVersion: lowest version the application accepts
 * @dwAPIHighVersion: highest
 * @lpdwAPIVersion: out: the highest both sides speak
 * @lpExtensionID: out: zero (no device-specific extensions)
 *
 * Return: 0; PHONEERR_INVALAPPHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_INVALPOINTER, PHONEERR_BADDEVICEID, PHONEERR_NODEVICE (the
 * phone's channel is gone), PHONEERR_INCOMPATIBLEAPIVERSION.
 */
TAPI_EXPORT LONG WINAPI phoneNegotiateAPIVersion(HPHONEAPP hPhoneApp,
						 DWORD dwDeviceID,
						 DWORD dwAPILowVersion,
						 DWORD dwAPIHighVersion,
						 LPDWORD lpdwAPIVersion,
						 LPPHONEEXTENSIONID lpExtensionID)
{
	struct tapi_app *app;
	DWORD num_devs, version;
	uint32_t line_id;
	LONG err;

	err = tapi_phone_app_lookup(hPhoneApp, &app);
	if (err)
		return err;
	num_devs = app->num_devs;
	tapi_app_put(app);
	if (!lpdwAPIVersion || !lpExtensionID ||
	    (uintptr_t)lpdwAPIVersion % _Alignof(DWORD) ||
	    (uintptr_t)lpExtensionID % _Alignof(DWORD))
		return PHONEERR_INVALPOINTER;
	if (dwDeviceID >= num_devs ||
	    tapi_registry_phone_line(dwDeviceID, &line_id))
		return PHONEERR_BADDEVICEID;
	if (tapi_registry_lookup(line_id, NULL))
		return PHONEERR_NODEVICE;
	err = tapi_version_negotiate(dwAPILowVersion, dwAPIHighVersion,
				     &version);
	if (err)
		return tapi_phoneerr_from_lineerr(err);
	*lpdwAPIVersion = version;
	memset(lpExtensionID, 0, sizeof(*lpExtensionID));
	return 0;
}
