/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A fake device backend for the unit tests: channels that record what the
 * engine does to them and whose "kernel" (call state, events) the test
 * drives, so the whole TAPI API runs without tapi_core.
 *
 * fake_backend_install(n, sigs) describes n channels (numbers 0..n-1,
 * card "fake0", directory numbers "20NN") and installs the backend; then
 * lineInitializeEx sees them.  A channel opened by the engine appears in
 * fake_chans[channel]; the test then:
 *   - waits for ops the engine performs (fake_wait_op),
 *   - changes the kernel's call (fake_call_state) and queues events
 *     (fake_event), which the engine thread reads as from /dev/tapi/N.
 */
#ifndef FAKE_CHAN_H
#define FAKE_CHAN_H

#include "check_libtapi.h"

#define FAKE_MAX_CHANS	8
#define FAKE_MAX_OPS	256

enum fake_op_kind {
	FAKE_OP_HOOK = 1,	/* arg: enum tapi_hook */
	FAKE_OP_RING_START,
	FAKE_OP_RING_STOP,
	FAKE_OP_DIAL,		/* digits, arg: on_ms */
	FAKE_OP_SET_CALL_STATE,	/* arg: enum tapi_call_state */
	FAKE_OP_TONE_START,	/* tone: the request */
	FAKE_OP_TONE_STOP,
	FAKE_OP_CLOSE,
};

struct fake_op {
	enum fake_op_kind kind;
	uint32_t arg;
	char digits[TAPI_DIGITS_LEN];
	struct tapi_tone_req tone;
};

struct fake_chan {
	struct tapi_chan chan;
	unsigned int channel;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int efd;
	struct tapi_event q[256];
	unsigned int qhead, qcount;
	struct tapi_call_info call;
	struct fake_op ops[FAKE_MAX_OPS];
	unsigned int nops;
	int fail_errno;		/* the next op fails with it, once */
	bool closed;
};

extern struct fake_chan *fake_chans[FAKE_MAX_CHANS];
extern bool fake_denied[FAKE_MAX_CHANS];	/* open() says -EACCES */
/* ALSA's sound class for "wave/in" and "wave/out"; NULL: no PCMs */
extern const char *fake_sound_root;
/* a handset's own USB sound card id for "wave/in" and "wave/out"; NULL: none */
extern const char *fake_sound_card;

/* caps of a channel, before lineInitializeEx/phoneInitializeEx sees it */
void fake_set_caps(unsigned int channel, uint32_t caps);

void fake_backend_install(unsigned int n, const enum tapi_signalling *sigs);
void fake_backend_remove(unsigned int channel);
void fake_event(unsigned int channel, uint32_t type, uint32_t value,
		uint32_t duration_ms);
void fake_call_state(unsigned int channel, uint32_t state, uint32_t cause,
		     uint32_t direction);
void fake_caller_id(unsigned int channel, const char *number,
		    const char *name, uint32_t flags);
bool fake_wait_op(unsigned int channel, enum fake_op_kind kind,
		  unsigned int nth, struct fake_op *op, unsigned int ms);
unsigned int fake_count_ops(unsigned int channel, enum fake_op_kind kind);
bool fake_wait_open(unsigned int channel, unsigned int ms);

/* Helpers for the API tests */
HLINEAPP fake_init_app(const char *name, DWORD *ndevs);
bool fake_next_msg(HLINEAPP app, LINEMESSAGE *m, unsigned int ms);
bool fake_wait_msg(HLINEAPP app, DWORD id, DWORD device, LINEMESSAGE *m,
		   unsigned int ms);
bool fake_no_msg(HLINEAPP app, DWORD id, unsigned int ms);

#endif
