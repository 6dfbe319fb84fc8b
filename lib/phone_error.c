// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The phone API speaks PHONEERR_; the engine's shared helpers (varbuf,
 * checks, device opening) speak LINEERR_ and -errno.  These map them at
 * the phone functions' boundary.
 */
#include "private.h"

/**
 * tapi_phoneerr_from_lineerr() - the PHONEERR_ for a LINEERR_ result
 * @err: 0, a positive request ID, or a LINEERR_ value
 *
 * Return: @err unless negative; else the PHONEERR_ of the same meaning,
 * PHONEERR_OPERATIONFAILED when the phone API has none.
 */
LONG tapi_phoneerr_from_lineerr(LONG err)
{
	if (err >= 0)
		return err;
	switch (err) {
	case LINEERR_ALLOCATED:
		return PHONEERR_ALLOCATED;
	case LINEERR_BADDEVICEID:
		return PHONEERR_BADDEVICEID;
	case LINEERR_INCOMPATIBLEAPIVERSION:
		return PHONEERR_INCOMPATIBLEAPIVERSION;
	case LINEERR_INCOMPATIBLEEXTVERSION:
		return PHONEERR_INCOMPATIBLEEXTVERSION;
	case LINEERR_INUSE:
		return PHONEERR_INUSE;
	case LINEERR_INVALAPPHANDLE:
		return PHONEERR_INVALAPPHANDLE;
	case LINEERR_INVALAPPNAME:
		return PHONEERR_INVALAPPNAME;
	case LINEERR_INVALDEVICECLASS:
		return PHONEERR_INVALDEVICECLASS;
	case LINEERR_INVALEXTVERSION:
		return PHONEERR_INVALEXTVERSION;
	case LINEERR_INVALPARAM:
		return PHONEERR_INVALPARAM;
	case LINEERR_INVALPOINTER:
		return PHONEERR_INVALPOINTER;
	case LINEERR_NODEVICE:
		return PHONEERR_NODEVICE;
	case LINEERR_NODRIVER:
		return PHONEERR_NODRIVER;
	case LINEERR_NOMEM:
		return PHONEERR_NOMEM;
	case LINEERR_NOTOWNER:
		return PHONEERR_NOTOWNER;
	case LINEERR_OPERATIONUNAVAIL:
		return PHONEERR_OPERATIONUNAVAIL;
	case LINEERR_RESOURCEUNAVAIL:
		return PHONEERR_RESOURCEUNAVAIL;
	case LINEERR_REQUESTOVERRUN:
		return PHONEERR_REQUESTOVERRUN;
	case LINEERR_STRUCTURETOOSMALL:
		return PHONEERR_STRUCTURETOOSMALL;
	case LINEERR_UNINITIALIZED:
		return PHONEERR_UNINITIALIZED;
	case LINEERR_REINIT:
		return PHONEERR_REINIT;
	default:
		return PHONEERR_OPERATIONFAILED;
	}
}

/**
 * tapi_phoneerr_from_errno() - the PHONEERR_ for an internal failure
 * @err: an errno value, negative or positive; 0 means success
 *
 * Return: 0 for 0, else the closest PHONEERR_.
 */
LONG tapi_phoneerr_from_errno(int err)
{
	return tapi_phoneerr_from_lineerr(tapi_lineerr_from_errno(err));
}
