// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Internal errors are negative errno values; TAPI functions return
 * LINEERR_ codes.  This is the one place that maps the first to the
 * second, so every API function reports a given failure the same way.
 * (The netlink layer maps libnl's -NLE_ codes to errno before this.)
 */
#include <errno.h>

#include "private.h"

/**
 * tapi_lineerr_from_errno() - the LINEERR_ for an internal failure
 * @err: an errno value, negative or positive; 0 means success
 *
 * Return: 0 for 0, else the closest LINEERR_ (LINEERR_OPERATIONFAILED
 * when nothing closer exists).
 */
LONG tapi_lineerr_from_errno(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0:
		return 0;
	case ENOMEM:
		return LINEERR_NOMEM;
	case ENODEV:
	case ENXIO:
	case ENOENT:
		return LINEERR_NODEVICE;	/* channel gone or never there */
	case EBUSY:
	case EAGAIN:
	case EMFILE:
	case ENFILE:
	case ENOSPC:
	case ENOBUFS:
		return LINEERR_RESOURCEUNAVAIL;
	case EOPNOTSUPP:
	case ENOTTY:
	case ENOSYS:
		return LINEERR_OPERATIONUNAVAIL;
	case EFAULT:
		return LINEERR_INVALPOINTER;
	case EINVAL:
	case ERANGE:
		return LINEERR_INVALPARAM;
	case EACCES:
	case EPERM:
		return LINEERR_NOTOWNER;	/* the kernel refused us control */
	default:
		return LINEERR_OPERATIONFAILED;
	}
}
