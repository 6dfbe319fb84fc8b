// SPDX-License-Identifier: LGPL-2.1-or-later
/* Structure sizes as an application built for TAPI 0x00010003 sees them. */
#define TAPI_CURRENT_VERSION 0x00010003
#include <tapi.h>
#include <stddef.h>

struct layout_sizes {
	size_t linedevcaps, lineaddresscaps, linedevstatus, linecallinfo,
	       linecallstatus, linecallparams;
};

void layout_v13(struct layout_sizes *s);

void layout_v13(struct layout_sizes *s)
{
	s->linedevcaps = sizeof(LINEDEVCAPS);
	s->lineaddresscaps = sizeof(LINEADDRESSCAPS);
	s->linedevstatus = sizeof(LINEDEVSTATUS);
	s->linecallinfo = sizeof(LINECALLINFO);
	s->linecallstatus = sizeof(LINECALLSTATUS);
	s->linecallparams = sizeof(LINECALLPARAMS);
}
