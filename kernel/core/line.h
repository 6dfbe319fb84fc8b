/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_core: the line half of a channel - its call state, the tones it
 * plays and hears, caller ID, its directory number and tone zone, and the
 * generic netlink family "tapi" that publishes all of it.
 *
 *  - line.c: the entry points the rest of the core calls (channel init,
 *    the event dispatcher's hook, the rx path, removal), module init.
 *  - call.c: the per-channel call state machine (TAPI_IOC_GET_CALL,
 *    TAPI_IOC_SET_CALL_STATE), driven by the channel's events.
 *  - tone.c: TAPI_IOC_TONE_START/STOP and the call-progress tone detector
 *    on the channel's rx (TAPI_EV_TONE).
 *  - callerid.c: caller ID reception on FXO channels while on-hook.
 *  - config.c: directory number, tone zone and companding law.
 *  - netlink.c: the family, its dumps and its ordered notifications.
 *
 * Everything in struct tapi_line is guarded by tapi_channel.lock, like
 * the signalling state it follows, except where a field says otherwise.
 * The lock order is that of core.h: nothing here takes a mutex under the
 * channel lock or calls a driver op.
 */
#ifndef _TAPI_LINE_H
#define _TAPI_LINE_H

#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/tapi.h>
#include "tone.h"
#include "callerid.h"

struct tapi_card;
struct tapi_channel;

/*
 * FXO: an incoming call whose ringing stopped for this long went away
 * unanswered.  Longer than the longest silent step of the ring cadences
 * in use (5 s in Sweden, 4 s in North America).
 */
#define TAPI_CALL_RING_GAP_MS	7000

/* Zone of every channel until configured otherwise (module parameter). */
#define TAPI_LINE_DEFAULT_ZONE	"us"

/* Longest directory number, without the NUL (tapi_channel.dir_number). */
#define TAPI_NUMBER_MAX		(TAPI_DIGITS_LEN - 1)

/**
 * struct tapi_line - the line state of one channel
 * @call: the channel's call as TAPI_IOC_GET_CALL reports it
 * @seized_reversed: FXO: line polarity when we went off-hook, so that a
 *	reversal away from it is answer and a return to it is clear-down
 * @ring_off_at: FXO: jiffies when the last ring burst ended
 * @ring_gap_work: FXO: ends an OFFERING call whose ringing stopped
 *	(process context; takes the channel lock)
 *
 * @zone: the tone zone of generated and detected tones, never NULL
 * @gen: the generator of TAPI_IOC_TONE_START
 * @gen_on: @gen is playing
 * @gen_tone: enum tapi_tone of the request (TAPI_TONE_NONE: custom), for
 *	TAPI_EV_TONE_DONE
 * @gen_left: samples until TAPI_EV_TONE_DONE, 0 while it plays until
 *	stopped
 * @custom: holds the descriptor of a custom tone in the slot of
 *	TAPI_TONE_DIAL, since the generator plays zone tones only
 * @det: the call-progress tone detector on the channel's rx
 *
 * @cid: caller ID receiver (FXO)
 * @cid_on: @cid runs: FXO, media, on-hook
 * @cid_dtmf: DTMF caller ID digits collected while on-hook
 * @cid_dtmf_len: digits in @cid_dtmf (not NUL-terminated)
 * @cid_dtmf_last: jiffies of the last of them
 *
 * @number_by_admin: tapi_channel.dir_number came from TAPI_CMD_CHANNEL_SET;
 *	a number the driver set (tapi_channel_set_number()) the
 *	administrator may not change
 * @law: enum tapi_media_format, the line's companding law (ULAW/ALAW)
 * @law_fixed: the administrator set @law; otherwise it follows @zone
 *
 * @genl_seq: TAPI_A_SEQ of the channel's last notification
 * @announced: TAPI_CMD_CHANNEL_NEW went out and TAPI_CMD_CHANNEL_DEL not
 *	yet: the channel's notifications may be sent
 */
struct tapi_line {
	struct tapi_call_info call;
	bool seized_reversed;
	unsigned long ring_off_at;
	struct delayed_work ring_gap_work;

	const struct tapi_tone_zone *zone;
	struct tapi_tone_gen_state gen;
	bool gen_on;
	u32 gen_tone;
	u64 gen_left;
	struct tapi_tone_zone custom;
	struct tapi_tone_det_state det;

	struct tapi_cid_rx_state cid;
	bool cid_on;
	char cid_dtmf[TAPI_CID_MSG_MAX];
	unsigned int cid_dtmf_len;
	unsigned long cid_dtmf_last;

	bool number_by_admin;
	u32 law;
	bool law_fixed;

	u32 genl_seq;
	bool announced;
};

/* line.c */
int tapi_line_module_init(void);
void tapi_line_module_exit(void);
void tapi_line_init(struct tapi_channel *ch);
void tapi_line_event(struct tapi_channel *ch, u32 type, u32 value,
		     u32 duration_ms, ktime_t when);
void tapi_line_rx(struct tapi_channel *ch, const s16 *samples,
		  unsigned int n);
void tapi_line_card_registered(struct tapi_card *card);
void tapi_line_kill(struct tapi_channel *ch);
void tapi_line_card_unregistered(struct tapi_card *card);
void tapi_line_release(struct tapi_channel *ch);

/* call.c */
void tapi_call_init(struct tapi_channel *ch);
void tapi_call_event(struct tapi_channel *ch, u32 type, u32 value,
		     u32 duration_ms);
void tapi_call_fxo_hook(struct tapi_channel *ch);
void tapi_call_dial(struct tapi_channel *ch, const char *digits);
void tapi_call_ring_stopped(struct tapi_channel *ch);
void tapi_call_removed(struct tapi_channel *ch);
void tapi_call_caller_id(struct tapi_channel *ch,
			 const struct tapi_cid_info *info);
void tapi_call_get(struct tapi_channel *ch, struct tapi_call_info *info);
int tapi_call_set_state(struct tapi_channel *ch, u32 state);

/* tone.c */
void tapi_tone_init(struct tapi_channel *ch);
void tapi_tone_set_zone(struct tapi_channel *ch,
			const struct tapi_tone_zone *zone);
int tapi_tone_start(struct tapi_channel *ch, const struct tapi_tone_req *req);
int tapi_tone_stop(struct tapi_channel *ch);
void tapi_tone_tx(struct tapi_channel *ch, s16 *samples, unsigned int n);
void tapi_tone_rx(struct tapi_channel *ch, const s16 *samples,
		  unsigned int n);
void tapi_tone_kill(struct tapi_channel *ch);

/* callerid.c */
void tapi_cid_init(struct tapi_channel *ch);
void tapi_cid_update(struct tapi_channel *ch);
void tapi_cid_event(struct tapi_channel *ch, u32 type, u32 value);
void tapi_cid_rx_samples(struct tapi_channel *ch, const s16 *samples,
			 unsigned int n);

/* config.c */
extern const struct tapi_tone_zone *tapi_default_zone;
int tapi_config_module_init(void);
void tapi_config_init(struct tapi_channel *ch);
bool tapi_number_valid(const char *number);
int tapi_config_set(struct tapi_channel *ch,
		    const struct tapi_tone_zone *zone, const char *number,
		    const u32 *law);
void tapi_config_driver_number(struct tapi_channel *ch);

/* netlink.c */
int tapi_genl_init(void);
void tapi_genl_exit(void);
void tapi_genl_card(struct tapi_card *card, u8 cmd);
void tapi_genl_channel(struct tapi_channel *ch, u8 cmd);
void tapi_genl_event(struct tapi_channel *ch, u32 type, u32 value,
		     u32 duration_ms, ktime_t when);
void tapi_genl_call(struct tapi_channel *ch);

#endif /* _TAPI_LINE_H */
