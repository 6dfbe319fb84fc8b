// SPDX-License-Identifier: GPL-2.0
/* tests/acd: runs every suite; exit status 0 when all pass. */
#include <stdlib.h>

#include "check_acd.h"

int main(void)
{
	SRunner *sr = srunner_create(acd_config_suite());
	int failed;

	srunner_add_suite(sr, acd_core_suite());
	srunner_add_suite(sr, acd_varstruct_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
