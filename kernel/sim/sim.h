/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_sim: the simulated card and the simulated world behind it.
 *
 * A simulated card is a tapi_core card whose FXS ports have a simulated
 * phone attached and whose FXO ports are lines of one simulated central
 * office (CO) shared by all simulated cards.  The card has no clock: the
 * core calls sim_card_frame() every 1 ms, and everything the world does
 * (DTMF keying, flash timing, ring cadence, tones, call routing) is timed
 * by those frames, so the module has no timers or work items of its own.
 *
 * Locking:
 *  - sim_mutex (sim_main.c) serialises the control device: the list of
 *    cards, their creation and removal, and the lookup of a port by its
 *    channel number.  Process context only.
 *  - sim_world_lock (sim_card.c) guards every field of the world that the
 *    frame path (softirq), the core's channel ops and the control ioctls
 *    share: the fields of struct sim_port marked "world", the phones, the
 *    CO lines and the links between ports.  Taken with irqsave so that it
 *    does not matter in which context the core calls us.  Never held
 *    while calling into tapi_core, so the core may call our ops from
 *    inside any tapi_channel_*() report.
 *  - sim_port.report_lock serialises the signalling reports of one port
 *    to the core (hook, ring detect, polarity), which are made with
 *    sim_world_lock released so that the core may call our ops from them.
 */
#ifndef _TAPI_SIM_H
#define _TAPI_SIM_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/tapi.h>
#include "tapi_driver.h"
#include "dtmf.h"
#include "tone.h"
#include "callerid.h"

#define SIM_DRIVER_NAME		"tapi_sim"
#define SIM_PORTS_MAX		32	/* per type, per card (uapi) */
#define SIM_CARDS_MAX		64	/* bounds what userspace can allocate */

/* The phone's finger holds the hook switch down this long for a flash. */
#define SIM_PHONE_FLASH_MS	300

/*
 * The CO: dialling is complete after this many digits, at '#', or when
 * no digit follows for SIM_CO_INTERDIGIT_MS.  An off-hook line that goes
 * on-hook is released only when it stays on-hook for SIM_CO_RELEASE_MS;
 * a shorter on-hook is a hook flash and keeps the call.
 */
#define SIM_CO_NUMBER_DIGITS	4
#define SIM_CO_INTERDIGIT_MS	4000
#define SIM_CO_RELEASE_MS	1000
/* US ring cadence, the one the CO applies to a called line. */
#define SIM_CO_RING_ON_MS	2000
#define SIM_CO_RING_OFF_MS	4000
/* Length of the polarity reversal pulse that signals a disconnect. */
#define SIM_CO_POLARITY_PULSE_MS 200
/*
 * Caller ID (Telcordia GR-30 MDMF, Bell 202 FSK) starts this long after
 * the end of the first ring; it lasts about a second, well inside the
 * 4 s pause before the second ring.
 */
#define SIM_CO_CID_DELAY_MS	500

struct sim_card;

/**
 * struct sim_phone - the simulated phone on an FXS port (world)
 * @keypad: DTMF generator: the phone's keys, sent into the channel's rx
 * @flash_ms: while non-zero, a flash is holding the hook down for this
 *	many more milliseconds
 * @ringing: ring voltage from the core (ops->set_ring)
 * @reversed: line polarity from the core (ops->set_polarity)
 */
struct sim_phone {
	struct tapi_dtmf_tx_state keypad;
	unsigned int flash_ms;
	bool ringing;
	bool reversed;
};

/**
 * struct sim_line - the CO side of an FXO port (world)
 * @node: in sim_co_lines, while the line can be called
 * @number: the directory number, "2" followed by the 3-digit channel
 * @state: enum tapi_sim_co_state
 * @peer: the other line of a line-to-line call (ringback, ringing or
 *	connected), NULL otherwise
 * @outside: the call (ringing or connected) is with an outside caller
 * @dialed: digits collected in DIALTONE/DIALING
 * @dialed_len: strlen(@dialed)
 * @digit_ms: milliseconds since the last digit, for the inter-digit timeout
 * @onhook_ms: how long the port has been on-hook while not idle
 * @ring_ms: position in the ring cadence while RINGING
 * @ring_cycles: cycles left for an outside caller, 0 = until answered
 * @ring_on: ring voltage the port should detect now
 * @reversed: polarity the port should detect now
 * @pulse_ms: while non-zero, a disconnect pulse keeps @reversed set for
 *	this many more milliseconds
 * @tone: call-progress tone generator
 * @tone_on: @tone is producing samples
 * @caller_number: caller ID number of the call ringing the line
 * @caller_name: caller ID name of the call ringing the line
 * @cid: caller ID transmitter
 * @cid_due: caller ID is still to be sent after the first ring
 * @cid_on: @cid is producing samples
 */
struct sim_line {
	struct list_head node;
	char number[8];
	enum tapi_sim_co_state state;
	struct sim_port *peer;
	bool outside;
	char dialed[TAPI_DIGITS_LEN];
	unsigned int dialed_len;
	unsigned int digit_ms;
	unsigned int onhook_ms;
	unsigned int ring_ms;
	unsigned int ring_cycles;
	bool ring_on;
	bool reversed;
	unsigned int pulse_ms;
	struct tapi_tone_gen_state tone;
	bool tone_on;
	char caller_number[TAPI_DIGITS_LEN];
	char caller_name[TAPI_NAME_LEN];
	struct tapi_cid_tx_state cid;
	bool cid_due;
	bool cid_on;
};

/**
 * struct sim_port - one port of a simulated card
 * @card: the card
 * @ch: the core's channel
 * @channel: global channel number (set once the card is registered)
 * @fxo: FXO port (a CO line) rather than FXS (a phone)
 * @report_lock: serialises @reported_* and the reports to the core
 * @reported_hook: FXS: hook state last reported with tapi_channel_hook()
 * @reported_ring: FXO: last tapi_channel_ring_detect()
 * @reported_reversed: FXO: last tapi_channel_polarity()
 * @tx: the frame the channel sent this millisecond; only the card's own
 *	frame path touches it
 * @rx: the frame the world sends the channel this millisecond; same
 * @hook: world: FXS: the phone is off-hook; FXO: the port is off-hook
 * @out: world: @tx, published for the ports connected to this one
 * @patch: world: the port TAPI_SIM_IOC_CONNECT wired to this one
 * @ear: world: DTMF receiver on @tx: the phone's ear or the CO's receiver
 * @heard: world: digits @ear decoded, oldest first
 * @heard_len: world: strlen(@heard)
 * @phone: world: FXS only
 * @line: world: FXO only
 */
struct sim_port {
	struct sim_card *card;
	struct tapi_channel *ch;
	unsigned int channel;
	bool fxo;

	spinlock_t report_lock;
	bool reported_hook;
	bool reported_ring;
	bool reported_reversed;

	s16 tx[TAPI_FRAME_SAMPLES];
	s16 rx[TAPI_FRAME_SAMPLES];

	bool hook;
	s16 out[TAPI_FRAME_SAMPLES];
	struct sim_port *patch;
	struct tapi_dtmf_rx_state ear;
	char heard[TAPI_DIGITS_LEN];
	unsigned int heard_len;
	union {
		struct sim_phone phone;
		struct sim_line line;
	};
};

/**
 * struct sim_card - a simulated card, the private data of its tapi_card
 * @node: in the card list, under sim_mutex
 * @tcard: the core's card
 * @index: the N of the card's name "simN"
 * @name: "simN"
 * @dead: world: being removed; its ports are cut off from the world
 * @nports: number of entries in @ports
 * @ports: FXS ports first, then FXO ports, in channel order
 */
struct sim_card {
	struct list_head node;
	struct tapi_card *tcard;
	unsigned int index;
	char name[TAPI_NAME_LEN];
	bool dead;
	unsigned int nports;
	struct sim_port ports[];
};

/* sim_main.c */
extern struct mutex sim_mutex;

/* sim_card.c */
extern spinlock_t sim_world_lock;
struct sim_card *sim_card_add(unsigned int nfxs, unsigned int nfxo);
void sim_card_remove(struct sim_card *sc);
struct sim_card *sim_card_find(unsigned int number);
struct sim_port *sim_port_find(unsigned int channel);
void sim_card_remove_all(void);

/* sim_port.c */
void sim_port_init(struct sim_port *port);
void sim_port_report(struct sim_port *port);
void sim_port_heard(void *user, char digit, bool end,
		    unsigned int duration_ms);
int sim_port_connect(struct sim_port *port, u32 peer_channel);
void sim_port_unpatch(struct sim_port *port);
struct sim_port *sim_port_peer(struct sim_port *port);
void sim_port_status(struct sim_port *port, struct tapi_sim_status *st);
void sim_port_clear(struct sim_port *port);
void sim_mix(s16 *dst, const s16 *src, unsigned int n);

/* sim_phone.c */
extern const struct tapi_channel_ops sim_phone_ops;
void sim_phone_init(struct sim_port *port);
int sim_phone_hook(struct sim_port *port, u32 offhook);
int sim_phone_flash(struct sim_port *port);
int sim_phone_dial(struct sim_port *port, const char *digits,
		   unsigned int on_ms, unsigned int off_ms);
void sim_phone_frame(struct sim_port *port);

/* sim_co.c */
extern const struct tapi_channel_ops sim_line_ops;
extern const struct tapi_tone_zone *sim_co_zone;
int sim_co_init(void);
void sim_line_init(struct sim_port *port);
void sim_line_attach(struct sim_port *port);
void sim_line_detach(struct sim_port *port);
void sim_line_digit(struct sim_port *port, char digit);
void sim_line_frame(struct sim_port *port);
int sim_line_ring(struct sim_port *port, u32 cycles, const char *number,
		  const char *name);
int sim_line_far_hangup(struct sim_port *port);

#endif /* _TAPI_SIM_H */
