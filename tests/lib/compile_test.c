// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Built like any TAPI program: only <tapi.h>, and the flags of
 * `pkg-config --cflags --libs tapi`; links every exported function.
 * Initializes in event mode, counts
 * the line devices, negotiates a version for each, checks that an empty
 * queue leaves the event descriptor quiet, and shuts down.
 */
#include <tapi.h>

#include <poll.h>
#include <stdio.h>

/* Every function libtapi exports links through pkg-config's flags. */
static void *const exported[] = {
	(void *)lineAnswer, (void *)lineClose, (void *)lineDeallocateCall,
	(void *)lineDial, (void *)lineDrop, (void *)lineGatherDigits,
	(void *)lineGenerateDigits, (void *)lineGenerateTone,
	(void *)lineGetAddressCaps, (void *)lineGetAddressStatus,
	(void *)lineGetCallInfo, (void *)lineGetCallStatus,
	(void *)lineGetDevCaps, (void *)lineGetID, (void *)lineGetLineDevStatus,
	(void *)lineGetMessage, (void *)lineGetNewCalls, (void *)lineHandoff,
	(void *)lineInitializeEx, (void *)lineMakeCall, (void *)lineMonitorDigits,
	(void *)lineMonitorMedia, (void *)lineMonitorTones,
	(void *)lineNegotiateAPIVersion, (void *)lineOpen,
	(void *)lineSetCallPrivilege, (void *)lineSetMediaMode,
	(void *)lineSetStatusMessages, (void *)lineShutdown,
};

int main(void)
{
	LINEINITIALIZEEXPARAMS params = { 0 };
	DWORD version = TAPI_CURRENT_VERSION, ndevs = 0;
	HLINEAPP app;
	LINEMESSAGE msg;
	struct pollfd pfd;
	LONG r;

	params.dwTotalSize = sizeof(params);
	params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
	r = lineInitializeEx(&app, NULL, NULL, "compile-test", &ndevs,
			     &version, &params);
	if (r != 0) {
		fprintf(stderr, "lineInitializeEx: 0x%08x\n", (unsigned)r);
		return 1;
	}
	for (DWORD id = 0; id < ndevs; id++) {
		DWORD api;
		LINEEXTENSIONID ext;

		r = lineNegotiateAPIVersion(app, id, 0x00010004, 0x00020002,
					    &api, &ext);
		printf("line %u: %s 0x%08x\n", (unsigned)id,
		       r == 0 ? "API" : "error", r == 0 ? (unsigned)api :
		       (unsigned)r);
	}
	pfd.fd = params.Handles.hEvent;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 0) != 0) {
		fprintf(stderr, "event descriptor readable with no message\n");
		return 1;
	}
	r = lineGetMessage(app, &msg, 0);
	if (r != LINEERR_OPERATIONFAILED) {
		fprintf(stderr, "lineGetMessage: 0x%08x\n", (unsigned)r);
		return 1;
	}
	r = lineShutdown(app);
	if (r != 0) {
		fprintf(stderr, "lineShutdown: 0x%08x\n", (unsigned)r);
		return 1;
	}
	for (size_t i = 0; i < sizeof(exported) / sizeof(exported[0]); i++)
		if (!exported[i])
			return 1;
	printf("compile-test: TAPI 0x%08x, %u line devices, %u functions: ok\n",
	       (unsigned)version, (unsigned)ndevs,
	       (unsigned)(sizeof(exported) / sizeof(exported[0])));
	return 0;
}
