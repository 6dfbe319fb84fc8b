/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * linux-tapi DSP: the few definitions that let one source file build both
 * into the kernel modules and into the userspace tests and benchmarks.
 * Fixed point only: no float or double anywhere under kernel/dsp/.
 */
#ifndef _TAPI_DSP_TYPES_H
#define _TAPI_DSP_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
/* DSP entry points are exported by tapi_core for the hardware modules. */
#define TAPI_DSP_EXPORT(sym) EXPORT_SYMBOL_GPL(sym)
#else
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#define TAPI_DSP_EXPORT(sym)
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#ifndef noinline
#define noinline __attribute__((__noinline__))
#endif
#endif

#endif /* _TAPI_DSP_TYPES_H */
