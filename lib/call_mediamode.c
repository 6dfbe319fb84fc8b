// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The media mode of a call: what the application says it is
 * (lineSetMediaMode) and what the kernel's detector hears on it
 * (lineMonitorMedia -> LINE_MONITORMEDIA).
 *
 * The detector reports TAPI_EV_TONE for the tones that name a media mode:
 *
 *   TAPI_TONE_FAX_CNG   1100 Hz calling tone     LINEMEDIAMODE_G3FAX
 *   TAPI_TONE_ANSWER    2100 Hz answer tone      LINEMEDIAMODE_DATAMODEM
 *   TAPI_TONE_VOICE     speech                   LINEMEDIAMODE_INTERACTIVEVOICE
 *
 * (silence names none).  A handle hears LINE_MONITORMEDIA, dwParam1 the
 * mode, when a detection names a mode it monitors that differs from the
 * last one it was told about: a change of media, not every burst of
 * speech.  Detection does not change the call's media mode; the
 * application decides, with lineSetMediaMode or lineHandoff.
 *
 * lineSetMediaMode takes the media modes the lines offer
 * (LINEDEVCAPS.dwMediaModes): one of them, or UNKNOWN with any others.
 */
#include "engine.h"

/* What lineMonitorMedia can report. */
#define TAPI_MONITOR_MEDIA_MODES	(LINEMEDIAMODE_INTERACTIVEVOICE | \
					 LINEMEDIAMODE_DATAMODEM |	\
					 LINEMEDIAMODE_G3FAX)

/**
 * tapi_media_mode_of_tone() - the media mode a detected tone names
 * @tone: the value of a TAPI_EV_TONE event
 *
 * Return: a LINEMEDIAMODE_ bit, or 0 when @tone names no media mode.
 */
DWORD tapi_media_mode_of_tone(enum tapi_tone tone)
{
	switch (tone) {
	case TAPI_TONE_FAX_CNG:
		return LINEMEDIAMODE_G3FAX;
	case TAPI_TONE_ANSWER:
		return LINEMEDIAMODE_DATAMODEM;
	case TAPI_TONE_VOICE:
		return LINEMEDIAMODE_INTERACTIVEVOICE;
	default:
		return 0;
	}
}

/**
 * tapi_call_media_heard() - LINE_MONITORMEDIA for a detected tone
 * @call: the call the tone was heard on
 * @tone: the detected tone
 * @tick: the detection's time, ms (dwParam3)
 *
 * Engine context.
 */
void tapi_call_media_heard(struct tapi_call *call, enum tapi_tone tone,
			   DWORD tick)
{
	DWORD mode = tapi_media_mode_of_tone(tone);

	if (!mode)
		return;
	for (struct tapi_hcall *hc = call->handles; hc; hc = hc->next) {
		if (!hc->valid || !(hc->monitor_media_modes & mode) ||
		    hc->media_heard == mode)
			continue;
		hc->media_heard = mode;
		tapi_line_post(hc->line, hc->handle, LINE_MONITORMEDIA, mode,
			       0, tick);
	}
}

/**
 * lineMonitorMedia() - report the media modes detected on a call
 * @hCall: any handle
 * @dwMediaModes: LINEMEDIAMODE_G3FAX (fax calling tone),
 *	LINEMEDIAMODE_DATAMODEM (answer tone), LINEMEDIAMODE_INTERACTIVEVOICE
 *	(speech), any of them together, or 0 to stop
 *
 * Monitoring anew forgets the mode last reported: the next detection is
 * reported even if it repeats it.
 *
 * Return: 0; LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_INVALMEDIAMODE, LINEERR_INVALCALLSTATE.
 */
TAPI_EXPORT LONG WINAPI lineMonitorMedia(HCALL hCall, DWORD dwMediaModes)
{
	struct tapi_hcall *hc;
	LONG err;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	if (dwMediaModes & ~TAPI_MONITOR_MEDIA_MODES)
		err = LINEERR_INVALMEDIAMODE;
	else if (dwMediaModes && (!hc->call->current ||
				  hc->call->state == LINECALLSTATE_IDLE))
		err = LINEERR_INVALCALLSTATE;
	if (!err) {
		hc->monitor_media_modes = dwMediaModes;
		hc->media_heard = 0;
	}
	tapi_hcall_end(hc);
	return err;
}

/* One mode, or UNKNOWN with others, all of them offered. */
static bool valid_call_media(DWORD modes)
{
	DWORD known = modes & ~LINEMEDIAMODE_UNKNOWN;

	if (!modes || (modes & ~TAPI_LINE_MEDIA_MODES))
		return false;
	return (modes & LINEMEDIAMODE_UNKNOWN) || !(known & (known - 1));
}

/**
 * lineSetMediaMode() - say what media a call carries
 * @hCall: a handle with owner privilege
 * @dwMediaModes: one of LINEDEVCAPS.dwMediaModes, or
 *	LINEMEDIAMODE_UNKNOWN with any of them (not decided yet)
 *
 * The call's handles hear LINE_CALLINFO (LINECALLINFOSTATE_MEDIAMODE)
 * when it changes.
 *
 * Return: 0; LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_NOTOWNER, LINEERR_INVALMEDIAMODE.
 */
TAPI_EXPORT LONG WINAPI lineSetMediaMode(HCALL hCall, DWORD dwMediaModes)
{
	struct tapi_hcall *hc;
	LONG err;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	if (!(hc->privilege & LINECALLPRIVILEGE_OWNER))
		err = LINEERR_NOTOWNER;
	else if (!valid_call_media(dwMediaModes))
		err = LINEERR_INVALMEDIAMODE;
	else if (hc->call->media_mode != dwMediaModes) {
		hc->call->media_mode = dwMediaModes;
		tapi_call_post_info(hc->call, LINECALLINFOSTATE_MEDIAMODE,
				    NULL);
	}
	tapi_hcall_end(hc);
	return err;
}
