// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineGetLineDevStatus and lineGetAddressStatus: what a line is doing.
 *
 * Openers are counted across processes when the line's rendezvous file
 * is available (rendezvous.c): every application that has the line open
 * anywhere appears in dwNumOpens and, from TAPI 2.0, in the AppInfo
 * array; without it, the applications of this process.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"

#define APPS_MAX 64

/**
 * tapi_fill_appinfo() - queue LINEDEVSTATUS's AppInfo array
 * @vb: the builder, with no variable part queued yet
 * @size_field: offsetof dwAppInfoSize
 * @offset_field: offsetof dwAppInfoOffset
 * @apps: the applications
 * @napps: how many
 * @machine: the machine's name
 * @user: the user's name
 *
 * The array is followed by the strings its entries point to; their
 * offsets count from the start of the structure, where the array lands
 * as the only variable part.
 *
 * Return: 0 or LINEERR_NOMEM.
 */
LONG tapi_fill_appinfo(struct tapi_varbuf *vb, size_t size_field,
		       size_t offset_field, const struct tapi_rdv_app *apps,
		       size_t napps, const char *machine, const char *user)
{
	size_t arr = napps * sizeof(LINEAPPINFO), len = arr;
	size_t mlen = strlen(machine) + 1, ulen = strlen(user) + 1;
	DWORD base = vb->fixed_size;
	unsigned char *blob;
	size_t pos;

	if (!napps)
		return 0;
	for (size_t i = 0; i < napps; i++)
		len += mlen + ulen + strlen(apps[i].module) + 1 +
		       strlen(apps[i].friendly) + 1;
	blob = calloc(1, len);
	if (!blob)
		return LINEERR_NOMEM;
	pos = arr;
	for (size_t i = 0; i < napps; i++) {
		LINEAPPINFO ai = { 0 };
		const char *strs[4] = { machine, user, apps[i].module,
					apps[i].friendly };
		DWORD *fields[4][2] = {
			{ &ai.dwMachineNameSize, &ai.dwMachineNameOffset },
			{ &ai.dwUserNameSize, &ai.dwUserNameOffset },
			{ &ai.dwModuleFilenameSize, &ai.dwModuleFilenameOffset },
			{ &ai.dwFriendlyNameSize, &ai.dwFriendlyNameOffset },
		};

		for (int k = 0; k < 4; k++) {
			size_t n = strlen(strs[k]) + 1;

			memcpy(blob + pos, strs[k], n);
			*fields[k][0] = n;
			*fields[k][1] = base + pos;
			pos += n;
		}
		ai.dwMediaModes = apps[i].media_modes;
		ai.dwAddressID = 0;
		memcpy(blob + i * sizeof(ai), &ai, sizeof(ai));
	}
	if (tapi_varbuf_add_array(vb, size_field, offset_field, blob, len,
				  arr)) {
		free(blob);
		return LINEERR_NOMEM;
	}
	free(blob);
	return 0;
}

/* The applications with the line open: everywhere, or in this process. */
static size_t line_apps(struct tapi_linedev *ld, struct tapi_rdv_app *apps)
{
	size_t n = 0;

	if (ld->rdv && !tapi_rdv_apps(ld->rdv, apps, APPS_MAX, &n))
		return n;
	for (struct tapi_line *l = ld->lines; l && n < APPS_MAX; l = l->next) {
		memset(&apps[n], 0, sizeof(apps[n]));
		apps[n].pid = getpid();
		apps[n].hline = l->handle;
		apps[n].privileges = l->privileges;
		apps[n].media_modes = l->media_modes;
		snprintf(apps[n].friendly, sizeof(apps[n].friendly), "%s",
			 l->app->friendly_name);
		snprintf(apps[n].module, sizeof(apps[n].module), "%s",
			 program_invocation_short_name);
		n++;
	}
	return n;
}

static bool call_active(const struct tapi_linedev *ld)
{
	return ld->call && ld->call->state != LINECALLSTATE_IDLE;
}

/**
 * lineGetLineDevStatus() - the line's current status
 * @hLine: from lineOpen
 * @lpLineDevStatus: out; dwTotalSize set by the application
 *
 * Return: 0; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetLineDevStatus(HLINE hLine,
					     LPLINEDEVSTATUS lpLineDevStatus)
{
	static struct tapi_rdv_app apps[APPS_MAX];	/* engine lock */
	struct tapi_line *line;
	struct tapi_linedev *ld;
	struct tapi_varbuf vb;
	LINEDEVSTATUS *s;
	char machine[256] = "";
	struct passwd *pw;
	size_t napps;
	LONG err;

	err = tapi_line_begin(hLine, &line);
	if (err)
		return err;
	err = tapi_check_out_struct(lpLineDevStatus);
	if (err)
		goto out;
	if (tapi_varbuf_init(&vb, sizeof(*s), tapi_struct_fixed_size(
				TAPI_STRUCT_LINEDEVSTATUS, line->version))) {
		err = LINEERR_NOMEM;
		goto out;
	}
	ld = line->dev;
	s = tapi_varbuf_fixed(&vb);
	napps = line_apps(ld, apps);
	s->dwNumOpens = napps;
	for (size_t i = 0; i < napps; i++)
		if (apps[i].privileges & LINECALLPRIVILEGE_OWNER)
			s->dwOpenMediaModes |= apps[i].media_modes;
	s->dwNumActiveCalls = call_active(ld) ? 1 : 0;
	s->dwLineFeatures = ld->call || ld->removed ? 0 : LINEFEATURE_MAKECALL;
	s->dwRingMode = 1;
	s->dwSignalLevel = 0xFFFF;
	s->dwBatteryLevel = 0xFFFF;
	s->dwRoamMode = LINEROAMMODE_UNAVAIL;
	if (!ld->removed)
		s->dwDevStatusFlags = LINEDEVSTATUSFLAGS_CONNECTED |
				      LINEDEVSTATUSFLAGS_INSERVICE;
	s->dwAvailableMediaModes = TAPI_LINE_MEDIA_MODES;	/* 2.0 */
	gethostname(machine, sizeof(machine) - 1);
	pw = getpwuid(geteuid());
	err = tapi_fill_appinfo(&vb, offsetof(LINEDEVSTATUS, dwAppInfoSize),
				offsetof(LINEDEVSTATUS, dwAppInfoOffset), apps,
				napps, machine, pw ? pw->pw_name : "");
	if (!err)
		err = tapi_varbuf_finish(&vb, lpLineDevStatus);
	tapi_varbuf_release(&vb);
out:
	tapi_line_end(line);
	return err;
}

/**
 * lineGetAddressStatus() - the status of a line's address
 * @hLine: from lineOpen
 * @dwAddressID: 0
 * @lpAddressStatus: out; dwTotalSize set by the application
 *
 * Return: 0; LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALADDRESSID, LINEERR_INVALPOINTER,
 * LINEERR_STRUCTURETOOSMALL, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetAddressStatus(HLINE hLine, DWORD dwAddressID,
					     LPLINEADDRESSSTATUS
					     lpAddressStatus)
{
	struct tapi_line *line;
	struct tapi_varbuf vb;
	LINEADDRESSSTATUS *s;
	LONG err;

	err = tapi_line_begin(hLine, &line);
	if (err)
		return err;
	if (dwAddressID != 0) {
		err = LINEERR_INVALADDRESSID;
		goto out;
	}
	err = tapi_check_out_struct(lpAddressStatus);
	if (err)
		goto out;
	if (tapi_varbuf_init(&vb, sizeof(*s), tapi_struct_fixed_size(
				TAPI_STRUCT_LINEADDRESSSTATUS, line->version))) {
		err = LINEERR_NOMEM;
		goto out;
	}
	s = tapi_varbuf_fixed(&vb);
	s->dwNumInUse = call_active(line->dev) ? 1 : 0;
	s->dwNumActiveCalls = s->dwNumInUse;
	s->dwAddressFeatures = line->dev->call || line->dev->removed ?
			       0 : LINEADDRFEATURE_MAKECALL;
	err = tapi_varbuf_finish(&vb, lpAddressStatus);
	tapi_varbuf_release(&vb);
out:
	tapi_line_end(line);
	return err;
}
