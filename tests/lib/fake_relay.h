/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A fake proxy relay for the unit tests: the kernel's TAPI_CMD_PROXY_*
 * routing (include/uapi/linux/tapi.h) for the one socket of this process,
 * plus a "foreign" proxy the test plays: another process's ACD whose
 * requests the test answers (fake_relay_answer) or abandons
 * (fake_relay_foreign_gone), and whose messages it sends.
 *
 * fake_relay_enable() before lineInitializeEx gives the fake backend a
 * relay; without it the library has none (a kernel before ABI 1.1).
 */
#ifndef FAKE_RELAY_H
#define FAKE_RELAY_H

#include "fake_chan.h"

/* A request the foreign proxy received. */
struct fake_relay_req {
	uint32_t req_id;
	uint32_t channel;
	uint32_t type;
	unsigned char data[TAPI_PROXY_DATA_MAX];
	size_t len;
};

void fake_relay_enable(void);
int fake_relay_open(struct tapi_relay **out);
void fake_relay_foreign(unsigned int channel, uint32_t types);
bool fake_relay_wait_request(unsigned int channel, uint32_t type,
			     struct fake_relay_req *req, unsigned int ms);
void fake_relay_answer(uint32_t req_id, int32_t result, const void *data,
		       size_t len);
void fake_relay_foreign_gone(unsigned int channel);
void fake_relay_foreign_message(unsigned int channel, uint32_t msg,
				uint32_t p1, uint32_t p2, uint32_t p3);
uint32_t fake_relay_types(unsigned int channel);
unsigned int fake_relay_pending_count(void);
/* While on, notes for our socket are lost as to a full receive buffer;
 * turned off, the next read reports the overrun (-ENOBUFS). */
void fake_relay_lose_notes(bool on);
/* Fire the engine's timers due within @ms from now, as if that long
 * passed (their messages are posted by the engine thread). */
void fake_relay_advance_ms(uint64_t ms);

/* Helpers for the call-center tests */
#define FAKE_NO_REPLY	((LONG)0x7FFFFFFF)	/* fake_reply(): none came */

HLINE fake_proxy_open(HLINEAPP app, DWORD device, DWORD version,
		      const DWORD *types, DWORD n, LONG *err);
LINEPROXYREQUEST *fake_proxy_next(HLINEAPP app, HLINE line, DWORD type,
				  unsigned int ms);
LONG fake_reply(HLINEAPP app, LONG id, unsigned int ms);

#endif
