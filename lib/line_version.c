// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineNegotiateAPIVersion: which TAPI version an application and a line
 * device speak.  libtapi speaks 1.3 to 2.2 on every line; no line has
 * provider extensions, so the extension ID is always zero.
 */
#include <errno.h>
#include <string.h>

#include "private.h"
#include "device.h"

/**
 * lineNegotiateAPIVersion() - agree on an API version for a line device
 * @hLineApp: from lineInitializeEx
 * @dwDeviceID: a line device, below the count lineInitializeEx returned
 * @dwAPILowVersion: oldest version the application conforms to
 * @dwAPIHighVersion: newest version the application conforms to
 * @lpdwAPIVersion: out: the highest known version in the range
 * @lpExtensionID: out: zero (no provider extensions)
 *
 * Return: 0; LINEERR_INVALAPPHANDLE or LINEERR_UNINITIALIZED;
 * LINEERR_INVALPOINTER; LINEERR_BADDEVICEID for an ID the application
 * was not given; LINEERR_NODEVICE for a line that has gone;
 * LINEERR_INCOMPATIBLEAPIVERSION when the range holds no version libtapi
 * speaks.
 */
TAPI_EXPORT LONG WINAPI lineNegotiateAPIVersion(HLINEAPP hLineApp,
						DWORD dwDeviceID,
						DWORD dwAPILowVersion,
						DWORD dwAPIHighVersion,
						LPDWORD lpdwAPIVersion,
						LPLINEEXTENSIONID lpExtensionID)
{
	struct tapi_app *app;
	DWORD num_devs, version;
	LONG err;

	err = tapi_app_lookup(hLineApp, &app);
	if (err)
		return err;
	num_devs = app->num_devs;
	tapi_app_put(app);

	if (!lpdwAPIVersion || !lpExtensionID ||
	    (uintptr_t)lpdwAPIVersion % _Alignof(DWORD) ||
	    (uintptr_t)lpExtensionID % _Alignof(DWORD))
		return LINEERR_INVALPOINTER;
	if (dwDeviceID >= num_devs)
		return LINEERR_BADDEVICEID;
	if (tapi_registry_lookup(dwDeviceID, NULL))
		return LINEERR_NODEVICE;
	err = tapi_version_negotiate(dwAPILowVersion, dwAPIHighVersion,
				     &version);
	if (err)
		return err;
	*lpdwAPIVersion = version;
	memset(lpExtensionID, 0, sizeof(*lpExtensionID));
	return 0;
}
