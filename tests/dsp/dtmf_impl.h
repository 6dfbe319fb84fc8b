/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The two DTMF receivers under test behind one interface: ours
 * (kernel/dsp/dtmf_rx.c) and spandsp's dtmf_rx, each run fresh over a
 * signal, reporting digit starts and ends with the sample they came at.
 */
#ifndef TAPI_TESTS_DTMF_IMPL_H
#define TAPI_TESTS_DTMF_IMPL_H

#include <stdint.h>

enum dtmf_impl {
	DTMF_OURS,
	DTMF_SPANDSP,
};

#define DTMF_IMPL_MAX_EVENTS	4096

/**
 * struct dtmf_event - one digit as a receiver reported it
 * @digit: the key
 * @start: sample count fed when the start was reported
 * @end: sample count fed when the end was reported, -1 if never
 * @duration_ms: the length the receiver reported (ours only, else -1)
 */
struct dtmf_event {
	char digit;
	long start;
	long end;
	int duration_ms;
};

struct dtmf_result {
	int n;
	struct dtmf_event ev[DTMF_IMPL_MAX_EVENTS];
};

const char *dtmf_impl_name(enum dtmf_impl impl);
/*
 * Run a fresh receiver over x[0..n-1], fed in chunks of `chunk` samples
 * (event times are exact to the chunk).  Digits still on at the end get
 * end = -1.
 */
void dtmf_impl_run(enum dtmf_impl impl, const int16_t *x, long n, int chunk,
		   struct dtmf_result *r);
/* The digits reported, as a string (up to max - 1 of them). */
void dtmf_result_digits(const struct dtmf_result *r, char *buf, int max);

#endif /* TAPI_TESTS_DTMF_IMPL_H */
