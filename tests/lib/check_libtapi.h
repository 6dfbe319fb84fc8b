/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtapi unit tests: one Check suite per library module, one tcase per
 * behaviour.  Tests run forked (Check's default), so each starts with a
 * library that has no applications and an empty device registry.
 */
#ifndef CHECK_LIBTAPI_H
#define CHECK_LIBTAPI_H

#include <check.h>

#include "../../lib/private.h"
#include "../../lib/device.h"

Suite *version_suite(void);
Suite *varstruct_suite(void);
Suite *validate_suite(void);
Suite *handle_suite(void);
Suite *msgq_suite(void);
Suite *dialstring_suite(void);
Suite *device_suite(void);
Suite *line_api_suite(void);
Suite *exports_suite(void);
Suite *callstate_suite(void);
Suite *dialer_suite(void);
Suite *gather_suite(void);
Suite *caps_suite(void);
Suite *engine_suite(void);
Suite *media_suite(void);
Suite *agent_suite(void);
Suite *proxy_suite(void);
Suite *phone_suite(void);

/* layout_v13.c, layout_v14.c, layout_v20.c: sizeof as an application
 * built with that TAPI_CURRENT_VERSION sees it. */
struct layout_sizes {
	size_t linedevcaps, lineaddresscaps, linedevstatus, linecallinfo,
	       linecallstatus, linecallparams;
};
void layout_v13(struct layout_sizes *s);
void layout_v14(struct layout_sizes *s);
void layout_v20(struct layout_sizes *s);

/* Add a tcase holding one test. */
#define ADD_TEST(suite, fn) do {				\
	TCase *tc_ = tcase_create(#fn);				\
	tcase_add_test(tc_, fn);				\
	suite_add_tcase((suite), tc_);				\
} while (0)

#endif
