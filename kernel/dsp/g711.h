/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * linux-tapi DSP: G.711 mu-law and A-law companding, shared by the core's
 * media path and the DSP tests.
 */
#ifndef _TAPI_DSP_G711_H
#define _TAPI_DSP_G711_H

#include "dsp_types.h"

uint8_t tapi_linear_to_ulaw(int16_t linear);
int16_t tapi_ulaw_to_linear(uint8_t ulaw);
uint8_t tapi_linear_to_alaw(int16_t linear);
int16_t tapi_alaw_to_linear(uint8_t alaw);

#endif /* _TAPI_DSP_G711_H */
