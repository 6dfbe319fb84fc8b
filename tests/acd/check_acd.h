/* SPDX-License-Identifier: GPL-2.0 */
/* tests/acd: the Check suites of tapi-acd's parser and core. */
#ifndef CHECK_ACD_H
#define CHECK_ACD_H

#include <check.h>

Suite *acd_config_suite(void);
Suite *acd_core_suite(void);
Suite *acd_varstruct_suite(void);

#endif
