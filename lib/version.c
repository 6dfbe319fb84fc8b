// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * TAPI API versions and the fixed part of each versioned structure.
 *
 * TAPI versions are discrete (1.3, 1.4, 2.0, 2.1, 2.2); a version range
 * given by an application is intersected with the ones libtapi speaks and
 * the highest common one wins.  Structures grew fields at 1.4, 2.0 and
 * 2.2; an application that negotiated an older version passes (and gets
 * back) the older, shorter fixed part.
 */
#include "private.h"

static const DWORD known_versions[] = {
	TAPI_VERSION_2_2, TAPI_VERSION_2_1, TAPI_VERSION_2_0,
	TAPI_VERSION_1_4, TAPI_VERSION_1_3,
};

/**
 * tapi_version_is_known() - is @version one libtapi speaks
 * @version: 0xMMMMmmmm, major in the high word
 *
 * Return: true for 1.3, 1.4, 2.0, 2.1 and 2.2.
 */
bool tapi_version_is_known(DWORD version)
{
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(known_versions); i++)
		if (known_versions[i] == version)
			return true;
	return false;
}

/**
 * tapi_version_negotiate() - pick the version for an application's range
 * @low: oldest version the application conforms to
 * @high: newest version the application conforms to
 * @version: out: the highest known version in [@low, @high]
 *
 * Return: 0, or LINEERR_INCOMPATIBLEAPIVERSION when the ranges do not meet
 * (including @low > @high).
 */
LONG tapi_version_negotiate(DWORD low, DWORD high, DWORD *version)
{
	for (size_t i = 0; i < TAPI_ARRAY_SIZE(known_versions); i++) {
		DWORD v = known_versions[i];

		if (v >= low && v <= high) {
			*version = v;
			return 0;
		}
	}
	return LINEERR_INCOMPATIBLEAPIVERSION;
}

#define END_OF(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))

/* One row per structure: its fixed size at 1.3, 1.4, 2.0, 2.1, 2.2. */
struct versioned_size {
	DWORD v1_3, v1_4, v2_0, v2_1, v2_2;
};

static const struct versioned_size fixed_sizes[__TAPI_STRUCT_CNT] = {
	[TAPI_STRUCT_LINEDEVCAPS] = {
		.v1_3 = END_OF(LINEDEVCAPS, dwDevSpecificOffset),
		.v1_4 = END_OF(LINEDEVCAPS, dwLineFeatures),
		.v2_0 = END_OF(LINEDEVCAPS, dwDeviceClassesOffset),
		.v2_1 = END_OF(LINEDEVCAPS, dwDeviceClassesOffset),
		.v2_2 = END_OF(LINEDEVCAPS, PermanentLineGuid),
	},
	[TAPI_STRUCT_LINEADDRESSCAPS] = {
		.v1_3 = END_OF(LINEADDRESSCAPS, dwCompletionMsgTextOffset),
		.v1_4 = END_OF(LINEADDRESSCAPS, dwAddressFeatures),
		.v2_0 = END_OF(LINEADDRESSCAPS, dwAvailableMediaModes),
		.v2_1 = END_OF(LINEADDRESSCAPS, dwAvailableMediaModes),
		.v2_2 = END_OF(LINEADDRESSCAPS, dwAvailableMediaModes),
	},
	[TAPI_STRUCT_LINEDEVSTATUS] = {
		.v1_3 = END_OF(LINEDEVSTATUS, dwDevSpecificOffset),
		.v1_4 = END_OF(LINEDEVSTATUS, dwDevSpecificOffset),
		.v2_0 = END_OF(LINEDEVSTATUS, dwAppInfoOffset),
		.v2_1 = END_OF(LINEDEVSTATUS, dwAppInfoOffset),
		.v2_2 = END_OF(LINEDEVSTATUS, dwAppInfoOffset),
	},
	[TAPI_STRUCT_LINEADDRESSSTATUS] = {
		sizeof(LINEADDRESSSTATUS), sizeof(LINEADDRESSSTATUS),
		sizeof(LINEADDRESSSTATUS), sizeof(LINEADDRESSSTATUS),
		sizeof(LINEADDRESSSTATUS),
	},
	[TAPI_STRUCT_LINECALLINFO] = {
		.v1_3 = END_OF(LINECALLINFO, dwDevSpecificOffset),
		.v1_4 = END_OF(LINECALLINFO, dwDevSpecificOffset),
		.v2_0 = END_OF(LINECALLINFO, dwReceivingFlowspecOffset),
		.v2_1 = END_OF(LINECALLINFO, dwReceivingFlowspecOffset),
		.v2_2 = END_OF(LINECALLINFO, dwReceivingFlowspecOffset),
	},
	[TAPI_STRUCT_LINECALLSTATUS] = {
		.v1_3 = END_OF(LINECALLSTATUS, dwDevSpecificOffset),
		.v1_4 = END_OF(LINECALLSTATUS, dwDevSpecificOffset),
		.v2_0 = END_OF(LINECALLSTATUS, tStateEntryTime),
		.v2_1 = END_OF(LINECALLSTATUS, tStateEntryTime),
		.v2_2 = END_OF(LINECALLSTATUS, tStateEntryTime),
	},
	[TAPI_STRUCT_LINECALLLIST] = {
		sizeof(LINECALLLIST), sizeof(LINECALLLIST),
		sizeof(LINECALLLIST), sizeof(LINECALLLIST),
		sizeof(LINECALLLIST),
	},
	[TAPI_STRUCT_LINECALLPARAMS] = {
		.v1_3 = END_OF(LINECALLPARAMS, dwDevSpecificOffset),
		.v1_4 = END_OF(LINECALLPARAMS, dwDevSpecificOffset),
		.v2_0 = END_OF(LINECALLPARAMS, dwCallingPartyIDOffset),
		.v2_1 = END_OF(LINECALLPARAMS, dwCallingPartyIDOffset),
		.v2_2 = END_OF(LINECALLPARAMS, dwCallingPartyIDOffset),
	},
	[TAPI_STRUCT_VARSTRING] = {
		sizeof(VARSTRING), sizeof(VARSTRING), sizeof(VARSTRING),
		sizeof(VARSTRING), sizeof(VARSTRING),
	},
};

/* The newest layouts must be the whole structures of tapi.h. */
_Static_assert(END_OF(LINEDEVCAPS, PermanentLineGuid) == sizeof(LINEDEVCAPS),
	       "LINEDEVCAPS 2.2 is the full structure");
_Static_assert(END_OF(LINECALLINFO, dwReceivingFlowspecOffset) ==
	       sizeof(LINECALLINFO), "LINECALLINFO 2.0 is the full structure");
_Static_assert(END_OF(LINECALLSTATUS, tStateEntryTime) ==
	       sizeof(LINECALLSTATUS), "LINECALLSTATUS 2.0 is the full structure");

/**
 * tapi_struct_fixed_size() - fixed part of a structure at a version
 * @kind: which structure
 * @version: a negotiated API version
 *
 * Return: the size in bytes of the fixed part an application of @version
 * passes, or 0 if @version is not one libtapi speaks.
 */
DWORD tapi_struct_fixed_size(enum tapi_struct_kind kind, DWORD version)
{
	const struct versioned_size *s;

	if ((unsigned int)kind >= __TAPI_STRUCT_CNT)
		return 0;
	s = &fixed_sizes[kind];
	switch (version) {
	case TAPI_VERSION_1_3:
		return s->v1_3;
	case TAPI_VERSION_1_4:
		return s->v1_4;
	case TAPI_VERSION_2_0:
		return s->v2_0;
	case TAPI_VERSION_2_1:
		return s->v2_1;
	case TAPI_VERSION_2_2:
		return s->v2_2;
	default:
		return 0;
	}
}
