// SPDX-License-Identifier: LGPL-2.1-or-later
/* Runs every libtapi suite and prints Check's summary. */
#include <stdlib.h>

#include "check_libtapi.h"

int main(void)
{
	SRunner *sr = srunner_create(version_suite());
	int failed;

	srunner_add_suite(sr, varstruct_suite());
	srunner_add_suite(sr, validate_suite());
	srunner_add_suite(sr, handle_suite());
	srunner_add_suite(sr, msgq_suite());
	srunner_add_suite(sr, dialstring_suite());
	srunner_add_suite(sr, device_suite());
	srunner_add_suite(sr, line_api_suite());
	srunner_add_suite(sr, exports_suite());
	srunner_add_suite(sr, callstate_suite());
	srunner_add_suite(sr, dialer_suite());
	srunner_add_suite(sr, gather_suite());
	srunner_add_suite(sr, caps_suite());
	srunner_add_suite(sr, engine_suite());
	srunner_add_suite(sr, media_suite());
	srunner_add_suite(sr, agent_suite());
	srunner_add_suite(sr, proxy_suite());
	srunner_add_suite(sr, phone_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
