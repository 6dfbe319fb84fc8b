/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the line tests (test_call*.c, test_tone*.c, test_netlink*.c):
 * a simulated card of their own with every channel open, and waiting for
 * call states.  Builds on test_core_util.h.
 */
#ifndef TEST_CALL_UTIL_H
#define TEST_CALL_UTIL_H

#include <sys/stat.h>
#include "test_core_util.h"

/* Tone detection and ring cadences take seconds; emulation is slow. */
#define CALL_TIMEOUT_MS		20000
/* kernel/core/line.h: an unanswered FXO call ends after this gap. */
#define RING_GAP_MS		7000

#define LINE_FXS_MAX		4
#define LINE_FXO_MAX		4

struct line_card {
	int sim;
	struct tapi_sim_card card;
	unsigned int nfxs, nfxo;
	unsigned int fxs[LINE_FXS_MAX];
	unsigned int fxo[LINE_FXO_MAX];
	int fxs_fd[LINE_FXS_MAX];
	int fxo_fd[LINE_FXO_MAX];
	char number[LINE_FXO_MAX][TAPI_DIGITS_LEN];
};

/*
 * Open a channel once devtmpfs made its node (asynchronously), with every
 * event type: call state, caller ID and detected tones are not in the
 * default mask.
 */
static inline int line_open(unsigned int channel)
{
	int64_t end = now_ms() + EVENT_TIMEOUT_MS;
	int fd;

	for (;;) {
		fd = chan_open(channel, O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			if (set_u32(fd, TAPI_IOC_SET_EVENT_MASK,
				    TAPI_EV_MASK_ALL)) {
				close(fd);
				return -1;
			}
			return fd;
		}
		if (errno != ENOENT || now_ms() > end)
			return fd;
		sleep_ms(10);
	}
}

static inline void line_card_init(struct line_card *lc)
{
	unsigned int i;

	memset(lc, 0, sizeof(*lc));
	lc->sim = -1;
	for (i = 0; i < LINE_FXS_MAX; i++)
		lc->fxs_fd[i] = -1;
	for (i = 0; i < LINE_FXO_MAX; i++)
		lc->fxo_fd[i] = -1;
}

/* Add a card with @nfxs phones and @nfxo CO lines, open every channel. */
static inline int line_card_add(struct line_card *lc, unsigned int nfxs,
				unsigned int nfxo)
{
	unsigned int i;
	int ret;

	lc->sim = sim_open();
	if (lc->sim < 0)
		return -errno;
	ret = sim_card_add(lc->sim, nfxs, nfxo, &lc->card);
	if (ret)
		return ret;
	lc->nfxs = nfxs;
	lc->nfxo = nfxo;
	for (i = 0; i < nfxs; i++) {
		lc->fxs[i] = lc->card.first_channel + i;
		lc->fxs_fd[i] = line_open(lc->fxs[i]);
		if (lc->fxs_fd[i] < 0)
			return -errno;
	}
	for (i = 0; i < nfxo; i++) {
		lc->fxo[i] = lc->card.first_channel + nfxs + i;
		snprintf(lc->number[i], sizeof(lc->number[i]), "2%03u",
			 lc->fxo[i]);
		lc->fxo_fd[i] = line_open(lc->fxo[i]);
		if (lc->fxo_fd[i] < 0)
			return -errno;
	}
	return 0;
}

static inline void line_card_close(struct line_card *lc)
{
	unsigned int i;

	for (i = 0; i < LINE_FXS_MAX; i++)
		if (lc->fxs_fd[i] >= 0)
			close(lc->fxs_fd[i]);
	for (i = 0; i < LINE_FXO_MAX; i++)
		if (lc->fxo_fd[i] >= 0)
			close(lc->fxo_fd[i]);
	line_card_init(lc);
}

static inline void line_card_remove(struct line_card *lc)
{
	int sim = lc->sim;
	struct tapi_sim_card card = lc->card;

	line_card_close(lc);
	if (sim >= 0) {
		if (card.name[0])
			sim_card_remove(sim, card.card);
		close(sim);
	}
}

static inline int get_call(int fd, struct tapi_call_info *call)
{
	memset(call, 0xa5, sizeof(*call));
	return xioctl(fd, TAPI_IOC_GET_CALL, call);
}

static inline const char *call_state_name(uint32_t state)
{
	static const char *const names[] = {
		"IDLE", "OFFERING", "DIALTONE", "DIALING", "PROCEEDING",
		"RINGBACK", "BUSY", "CONNECTED", "DISCONNECTED",
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}

/*
 * The next TAPI_EV_CALL_STATE of @fd within @timeout_ms, skipping other
 * events: 0 with *ev set, -ETIMEDOUT, or the error of GET_EVENT.  The
 * caller checks ev->value (state) and ev->duration_ms (cause), so a
 * state machine that skips or adds a state fails the test.
 */
static inline int next_call_state(int fd, int timeout_ms, struct tapi_event *ev)
{
	return ev_wait_type(fd, TAPI_EV_CALL_STATE,
			    ~TAPI_EV_MASK(TAPI_EV_CALL_STATE), timeout_ms, ev);
}

/* The next event of @type within @timeout_ms, skipping all others. */
static inline int next_event(int fd, uint32_t type, int timeout_ms,
			     struct tapi_event *ev)
{
	return ev_wait_type(fd, type, ~TAPI_EV_MASK(type), timeout_ms, ev);
}

/* Poll GET_CALL until its called number is @want: 0 or -ETIMEDOUT. */
static inline int wait_called_number(int fd, const char *want,
				     int timeout_ms)
{
	int64_t end = now_ms() + timeout_ms;
	struct tapi_call_info call;

	do {
		if (get_call(fd, &call))
			return -errno;
		if (!strcmp(call.called_number, want))
			return 0;
		sleep_ms(10);
	} while (now_ms() < end);
	return -ETIMEDOUT;
}

#endif /* TEST_CALL_UTIL_H */
