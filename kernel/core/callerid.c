// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: caller ID reception on FXO channels.
 *
 * While an FXO channel that carries media is on-hook, what it receives
 * goes through the DSP's FSK caller ID receiver: Bell 202 where the zone's
 * exchanges send it (North America), V.23 (ETSI EN 300 659-1) elsewhere.
 * It hears caller ID between the first and second ring (Telcordia GR-30,
 * ETSI after the first ring) as well as before the first ring (ETSI with
 * line reversal, United Kingdom).  DTMF caller ID ("A<number>C",
 * "D<number>#", "<number>#", ...; EN 300 659-1 annex B) comes from the
 * digits the channel's own DTMF receiver reports while on-hook: they are
 * collected here from a start marker to an end marker and parsed by the
 * DSP, which saves running a second DTMF receiver.
 *
 * A caller ID message fills the caller fields of the incoming call
 * (tapi_call_caller_id()).  Damaged messages and messages that carry no
 * caller (message waiting) are dropped.  Everything runs under the
 * channel lock: samples from the frame path, digits from the event
 * dispatcher.
 */
#include <linux/jiffies.h>
#include <linux/string.h>
#include "core.h"

/* DTMF caller ID: a message whose digits stop for this long is dropped. */
#define TAPI_CID_DTMF_TIMEOUT_MS	3000

static enum tapi_cid_standard
tapi_cid_fsk_standard(const struct tapi_tone_zone *zone)
{
	/* Bell 202 in North America; receives SDMF and MDMF alike. */
	if (!strcmp(tapi_tone_zone_code(zone), "us"))
		return TAPI_CID_BELL_MDMF;
	return TAPI_CID_ETSI_FSK;
}

/* A message with a caller in it: SDMF, MDMF/ETSI call set-up, DTMF. */
static bool tapi_cid_has_caller(const struct tapi_cid_info *info)
{
	return info->msg_type == TAPI_CID_MSG_SDMF ||
	       info->msg_type == TAPI_CID_MSG_MDMF || info->msg_type == 0;
}

static void tapi_cid_received(void *user, const struct tapi_cid_info *info,
			      int err)
{
	struct tapi_channel *ch = user;

	lockdep_assert_held(&ch->lock);
	if (!err && info && tapi_cid_has_caller(info))
		tapi_call_caller_id(ch, info);
}

/**
 * tapi_cid_init() - caller ID reception of a new channel
 * @ch: the channel, not yet visible to anyone; its zone is set
 */
void tapi_cid_init(struct tapi_channel *ch)
{
	ch->line.cid_on = false;
	ch->line.cid_dtmf_len = 0;
	tapi_cid_update(ch);
}

/**
 * tapi_cid_update() - start or stop the receiver after a change
 * @ch: the channel
 *
 * The receiver runs on FXO channels with media while they are on-hook
 * and alive, with the modem of the channel's zone; call this when the
 * hook state or the zone changed.
 *
 * Context: any; @ch->lock held, or the channel not yet visible.
 */
void tapi_cid_update(struct tapi_channel *ch)
{
	struct tapi_line *line = &ch->line;
	enum tapi_cid_standard std;

	if (ch->sig != TAPI_SIG_FXO || !(ch->caps & TAPI_CAP_MEDIA) ||
	    ch->hook_off || ch->dead) {
		line->cid_on = false;
		line->cid_dtmf_len = 0;
		return;
	}
	std = tapi_cid_fsk_standard(line->zone);
	if (line->cid_on && line->cid.std == std)
		return;
	line->cid_on = !tapi_cid_rx_init(&line->cid, std, tapi_cid_received,
					 ch);
	line->cid_dtmf_len = 0;
}

/**
 * tapi_cid_event() - collect DTMF caller ID from the channel's digits
 * @ch: the channel
 * @type: enum tapi_event_type of an event of the channel
 * @value: its value
 *
 * Context: any; @ch->lock held.
 */
void tapi_cid_event(struct tapi_channel *ch, u32 type, u32 value)
{
	struct tapi_line *line = &ch->line;
	struct tapi_cid_info info;
	char digit = value;

	lockdep_assert_held(&ch->lock);
	if (!line->cid_on || type != TAPI_EV_DIGIT_START)
		return;
	if (line->cid_dtmf_len &&
	    time_after(jiffies, line->cid_dtmf_last +
		       msecs_to_jiffies(TAPI_CID_DTMF_TIMEOUT_MS)))
		line->cid_dtmf_len = 0;
	line->cid_dtmf_last = jiffies;

	/* A message starts with A, B, D or (for "<number>#") a digit. */
	if (!line->cid_dtmf_len && (!digit || !strchr("ABD0123456789", digit)))
		return;
	if (line->cid_dtmf_len == sizeof(line->cid_dtmf)) {
		line->cid_dtmf_len = 0;
		return;
	}
	line->cid_dtmf[line->cid_dtmf_len++] = digit;
	if (digit != 'C' && digit != '#')
		return;
	if (!tapi_cid_decode(TAPI_CID_DTMF, (const u8 *)line->cid_dtmf,
			     line->cid_dtmf_len, &info))
		tapi_call_caller_id(ch, &info);
	line->cid_dtmf_len = 0;
}

/**
 * tapi_cid_rx_samples() - feed received samples to the FSK receiver
 * @ch: the channel
 * @samples: the samples
 * @n: how many
 *
 * Context: any; @ch->lock held.
 */
void tapi_cid_rx_samples(struct tapi_channel *ch, const s16 *samples,
			 unsigned int n)
{
	lockdep_assert_held(&ch->lock);
	if (ch->line.cid_on)
		tapi_cid_rx(&ch->line.cid, samples, n);
}
