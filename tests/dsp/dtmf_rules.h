/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The DTMF receiver conformance rules of issue 4 (ITU-T Q.24 limits), in
 * order, each runnable against either receiver: the Check suite asserts
 * them for ours, the benchmark tabulates them for both.
 */
#ifndef TAPI_TESTS_DTMF_RULES_H
#define TAPI_TESTS_DTMF_RULES_H

#include <stdbool.h>

#include "dtmf_impl.h"

/**
 * struct dtmf_rule_report - outcome of one rule
 * @pass: whether every case of the rule behaved as required
 * @cases: cases (signals) tried
 * @failed: cases that did not behave
 * @detail: the first failure, readable
 */
struct dtmf_rule_report {
	bool pass;
	int cases;
	int failed;
	char detail[256];
};

struct dtmf_rule {
	const char *name;
	const char *limit;
	void (*run)(enum dtmf_impl impl, struct dtmf_rule_report *rep);
};

extern const struct dtmf_rule dtmf_rules[];
extern const int dtmf_rule_count;

/* The documented sensitivity floor of each receiver, dBm0 per tone. */
double dtmf_rules_floor(enum dtmf_impl impl);

/*
 * Detection delay, tone onset to digit start, over every digit at several
 * levels and onset alignments; milliseconds.
 */
void dtmf_rules_delay(enum dtmf_impl impl, double *median, double *max);

#endif /* TAPI_TESTS_DTMF_RULES_H */
