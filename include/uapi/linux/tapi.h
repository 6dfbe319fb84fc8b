/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-tapi: the kernel/user ABI.
 *
 * Every telephony channel (an FXS port, an FXO port, a USB handset) is a
 * character device /dev/tapi/<n>.  On it:
 *   - ioctl()s query the channel and control signalling (hook, ring,
 *     polarity, DTMF generation) and pop events;
 *   - poll() reports POLLPRI when an event is queued for this open file,
 *     POLLIN/POLLOUT when a media block can be read/written;
 *   - read()/write() move media: 8 kHz mono samples in the format chosen
 *     with TAPI_IOC_SET_MEDIA, in whole blocks of block_samples.
 *
 * The simulated card (tapi_sim) is controlled through /dev/tapi/sim with
 * the TAPI_SIM_IOC_* ioctls at the end of this file.
 *
 * Compatibility: TAPI_ABI_MAJOR changes only when an existing structure or
 * number changes meaning; additions bump TAPI_ABI_MINOR.  Userspace checks
 * the major number it was built against with the one in tapi_chan_info.
 */
#ifndef _UAPI_LINUX_TAPI_H
#define _UAPI_LINUX_TAPI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define TAPI_ABI_MAJOR		1
#define TAPI_ABI_MINOR		1	/* 1: bridge, proxy relay */
#define TAPI_ABI_VERSION	((TAPI_ABI_MAJOR << 16) | TAPI_ABI_MINOR)

#define TAPI_NAME_LEN		32	/* names, NUL-terminated */
#define TAPI_DIGITS_LEN		64	/* digit strings, NUL-terminated */

#define TAPI_SAMPLE_RATE	8000
#define TAPI_FRAME_SAMPLES	8	/* one 1 ms frame */

/* What sits on the far side of the channel's wires. */
enum tapi_signalling {
	TAPI_SIG_FXS = 1,	/* we are the exchange: a station is attached */
	TAPI_SIG_FXO = 2,	/* we are a station on an exchange line */
	TAPI_SIG_HANDSET = 3,	/* a handset with hook switch and keypad */
};

enum tapi_hook {
	TAPI_HOOK_ON = 0,
	TAPI_HOOK_OFF = 1,
	TAPI_HOOK_FLASH = 2,	/* TAPI_IOC_SET_HOOK only: timed on-hook */
};

/* tapi_chan_info.caps: what the channel can do. */
#define TAPI_CAP_HOOK_DETECT	(1U << 0)  /* reports the station's hook */
#define TAPI_CAP_HOOK_CONTROL	(1U << 1)  /* can seize/release the line */
#define TAPI_CAP_RING		(1U << 2)  /* can ring the station */
#define TAPI_CAP_RING_DETECT	(1U << 3)  /* reports ringing from the line */
#define TAPI_CAP_POLARITY	(1U << 4)  /* can reverse line polarity */
#define TAPI_CAP_POLARITY_DETECT (1U << 5) /* reports polarity reversals */
#define TAPI_CAP_MEDIA		(1U << 6)  /* carries audio */
#define TAPI_CAP_HW_CLOCK	(1U << 7)  /* media clocked by hardware */
#define TAPI_CAP_KEYPAD		(1U << 8)  /* reports keys, not DTMF audio */
#define TAPI_CAP_DISPLAY	(1U << 9)
#define TAPI_CAP_LAMP		(1U << 10)

enum tapi_media_format {
	TAPI_FMT_S16 = 0,	/* 16-bit signed linear, host endian */
	TAPI_FMT_ULAW = 1,	/* G.711 mu-law, one byte per sample */
	TAPI_FMT_ALAW = 2,	/* G.711 A-law, one byte per sample */
};

#define TAPI_BLOCK_MIN		TAPI_FRAME_SAMPLES	/* 1 ms */
#define TAPI_BLOCK_MAX		1600			/* 200 ms */
#define TAPI_BLOCK_DEFAULT	160			/* 20 ms */

/**
 * struct tapi_chan_info - TAPI_IOC_GET_INFO
 * @abi_version: TAPI_ABI_VERSION of the running module
 * @channel: global channel number, the <n> of /dev/tapi/<n>
 * @card: card number (stable while the card exists)
 * @card_channel: index of this channel on its card, from 0
 * @signalling: enum tapi_signalling
 * @caps: TAPI_CAP_* bits
 * @hook: enum tapi_hook, the current hook state (station's for FXS and
 *	handsets, ours for FXO)
 * @ringing: 1 while ring voltage is on (FXS) or detected (FXO)
 * @polarity: 0 normal, 1 reversed
 * @card_name: the card's name, e.g. "sim0"
 * @driver: the hardware driver, e.g. "tapi_sim"
 * @name: the channel's name, e.g. "sim0/fxs0"
 */
struct tapi_chan_info {
	__u32 abi_version;
	__u32 channel;
	__u32 card;
	__u32 card_channel;
	__u32 signalling;
	__u32 caps;
	__u32 hook;
	__u32 ringing;
	__u32 polarity;
	__u32 reserved[7];
	char card_name[TAPI_NAME_LEN];
	char driver[TAPI_NAME_LEN];
	char name[TAPI_NAME_LEN];
};

/**
 * struct tapi_media_config - TAPI_IOC_SET_MEDIA / TAPI_IOC_GET_MEDIA
 * @format: enum tapi_media_format
 * @block_samples: samples per read()/write() block, a multiple of
 *	TAPI_FRAME_SAMPLES from TAPI_BLOCK_MIN to TAPI_BLOCK_MAX
 *
 * Settings belong to the open file.  Setting them starts capture for this
 * file (as does the first read()) and discards media already queued.
 */
struct tapi_media_config {
	__u32 format;
	__u32 block_samples;
};

#define TAPI_CADENCE_STEPS_MAX	8
#define TAPI_CADENCE_STEP_MIN_MS 50
#define TAPI_CADENCE_STEP_MAX_MS 10000

/**
 * struct tapi_ring - TAPI_IOC_RING_START (FXS and handsets)
 * @count: ring cycles before ringing stops by itself; 0 rings until
 *	TAPI_IOC_RING_STOP or the station goes off-hook
 * @nsteps: number of entries used in @step_ms, even, 2..8
 * @step_ms: on, off, on, off, ... durations in ms, each 50..10000
 */
struct tapi_ring {
	__u32 count;
	__u32 nsteps;
	__u16 step_ms[TAPI_CADENCE_STEPS_MAX];
};

#define TAPI_DTMF_ON_MIN_MS	40
#define TAPI_DTMF_ON_MAX_MS	1000
#define TAPI_DTMF_OFF_MIN_MS	40
#define TAPI_DTMF_OFF_MAX_MS	1000
#define TAPI_DTMF_LEVEL_MIN	-30	/* dBm0 per tone */
#define TAPI_DTMF_LEVEL_MAX	0

/**
 * struct tapi_dial - TAPI_IOC_DIAL: send DTMF digits into the line
 * @on_ms: tone duration per digit, 40..1000; 0 means the default (100)
 * @off_ms: pause after each digit, 40..1000; 0 means the default (100)
 * @level: level per tone in dBm0, -30..0; 0 means the default (-10)
 * @digits: "0"-"9", "*", "#", "A"-"D", NUL-terminated, at least one
 *
 * Digits queue behind those still being sent; TAPI_EV_DIAL_DONE follows
 * the last one.
 */
struct tapi_dial {
	__u16 on_ms;
	__u16 off_ms;
	__s16 level;
	__u16 reserved;
	char digits[TAPI_DIGITS_LEN];
};

/*
 * Tones, generated (call progress) or detected (TAPI_EV_TONE value).  The
 * frequencies and cadences of the generated ones come from the channel's
 * tone zone.
 */
enum tapi_tone {
	TAPI_TONE_NONE = 0,
	TAPI_TONE_DIAL = 1,
	TAPI_TONE_BUSY = 2,
	TAPI_TONE_RINGBACK = 3,
	TAPI_TONE_CONGESTION = 4,
	TAPI_TONE_CALLWAITING = 5,
	TAPI_TONE_SIT = 6,		/* special information tone */
	TAPI_TONE_SILENCE = 7,		/* detected only */
	TAPI_TONE_VOICE = 8,		/* detected only: speech, answer */
	TAPI_TONE_FAX_CNG = 9,		/* 1100 Hz calling tone */
	TAPI_TONE_ANSWER = 10,		/* 2100 Hz fax/modem answer tone */
	/* add new tones above here */
	__TAPI_TONE_CNT
};

enum tapi_event_type {
	TAPI_EV_NONE = 0,
	TAPI_EV_HOOK = 1,	 /* value: enum tapi_hook (ON or OFF) */
	TAPI_EV_FLASH = 2,	 /* station flashed the hook */
	TAPI_EV_RING = 3,	 /* value: 1 ring burst on, 0 off */
	TAPI_EV_RING_DONE = 4,	 /* TAPI_IOC_RING_START count reached */
	TAPI_EV_DIGIT_START = 5, /* value: digit character */
	TAPI_EV_DIGIT_END = 6,	 /* value: digit; duration_ms: its length */
	TAPI_EV_DIAL_DONE = 7,	 /* TAPI_IOC_DIAL queue is empty */
	TAPI_EV_TONE = 8,	 /* value: tone detected */
	TAPI_EV_POLARITY = 9,	 /* value: 0 normal, 1 reversed */
	TAPI_EV_ALARM = 10,	 /* value: alarm bits, 0 when cleared */
	TAPI_EV_REMOVED = 11,	 /* the channel's hardware is gone */
	TAPI_EV_OVERFLOW = 12,	 /* value: events lost before this one */
	TAPI_EV_KEY = 13,	 /* value: key; duration_ms 0 on press */
	TAPI_EV_MEDIA_XRUN = 14, /* value: samples lost (rx) or padded (tx) */
	/*
	 * value: enum tapi_call_state; duration_ms: enum tapi_call_cause;
	 * TAPI_IOC_GET_CALL has the rest
	 */
	TAPI_EV_CALL_STATE = 15,
	TAPI_EV_CALLER_ID = 16,	 /* caller ID decoded; TAPI_IOC_GET_CALL */
	TAPI_EV_TONE_DONE = 17,	 /* TAPI_IOC_TONE_START duration elapsed */
	TAPI_EV_BRIDGE_END = 18, /* value: channel it was bridged with */
	/* add new event types above here */
	__TAPI_EV_CNT
};

/*
 * TAPI_EV_KEY values: a keypad's keys are their characters ('0'-'9', '*',
 * '#'); a handset's other keys are these (none of them a DTMF digit).
 */
#define TAPI_KEY_UP		'u'	/* menu rocker up */
#define TAPI_KEY_DOWN		'd'	/* menu rocker down */
#define TAPI_KEY_LEFT		'l'	/* left arrow, "IN" */
#define TAPI_KEY_RIGHT		'r'	/* right arrow, "OUT" */
#define TAPI_KEY_VOLUME_UP	'+'
#define TAPI_KEY_VOLUME_DOWN	'-'
#define TAPI_KEY_MUTE		'm'	/* playback (speaker) mute */
#define TAPI_KEY_MIC_MUTE	'M'	/* record (microphone) mute */

#define TAPI_EV_MASK(type)	(1U << (type))
#define TAPI_EV_MASK_ALL	((1U << __TAPI_EV_CNT) - 2)
/*
 * The mask a file starts with: every event type but those of the line
 * half - tones the detector hears (TAPI_EV_TONE, which also reports
 * silence), call state and caller ID - which a program asks for with
 * TAPI_IOC_SET_EVENT_MASK.  Programs written before the kernel kept call
 * state see the event stream they knew.
 */
#define TAPI_EV_MASK_DEFAULT	(TAPI_EV_MASK_ALL & \
				 ~(TAPI_EV_MASK(TAPI_EV_TONE) | \
				   TAPI_EV_MASK(TAPI_EV_CALL_STATE) | \
				   TAPI_EV_MASK(TAPI_EV_CALLER_ID)))

/**
 * struct tapi_event - one event, TAPI_IOC_GET_EVENT
 * @type: enum tapi_event_type
 * @value: meaning depends on @type
 * @duration_ms: meaning depends on @type
 * @seq: per-file sequence number of this event, from 1
 * @timestamp_ns: CLOCK_MONOTONIC time the event happened
 */
struct tapi_event {
	__u32 type;
	__u32 value;
	__u32 duration_ms;
	__u32 seq;
	__u64 timestamp_ns;
};

#define TAPI_IOC_MAGIC		0xD7

#define TAPI_IOC_GET_INFO	_IOR(TAPI_IOC_MAGIC, 0x00, struct tapi_chan_info)
/* FXO: enum tapi_hook; FXS/handset: -EOPNOTSUPP */
#define TAPI_IOC_SET_HOOK	_IOW(TAPI_IOC_MAGIC, 0x01, __u32)
#define TAPI_IOC_RING_START	_IOW(TAPI_IOC_MAGIC, 0x02, struct tapi_ring)
#define TAPI_IOC_RING_STOP	_IO(TAPI_IOC_MAGIC, 0x03)
/* FXS: 0 normal, 1 reversed */
#define TAPI_IOC_SET_POLARITY	_IOW(TAPI_IOC_MAGIC, 0x04, __u32)
#define TAPI_IOC_DIAL		_IOW(TAPI_IOC_MAGIC, 0x05, struct tapi_dial)
/* -EAGAIN when no event is queued; never blocks */
#define TAPI_IOC_GET_EVENT	_IOR(TAPI_IOC_MAGIC, 0x06, struct tapi_event)
/* TAPI_EV_MASK() bits of the events this file wants (TAPI_EV_MASK_DEFAULT) */
#define TAPI_IOC_SET_EVENT_MASK	_IOW(TAPI_IOC_MAGIC, 0x07, __u32)
#define TAPI_IOC_SET_MEDIA	_IOW(TAPI_IOC_MAGIC, 0x08, struct tapi_media_config)
#define TAPI_IOC_GET_MEDIA	_IOR(TAPI_IOC_MAGIC, 0x09, struct tapi_media_config)
/*
 * The kernel keeps each channel's call state, so that every process with
 * the channel open sees the same one (libtapi maps it to LINECALLSTATE_*).
 * A channel carries at most one call at a time.
 *
 * FXO (a line to an exchange), outgoing: IDLE -> (we go off-hook)
 * DIALTONE once dial tone is heard -> DIALING while TAPI_IOC_DIAL sends
 * digits -> PROCEEDING -> RINGBACK or BUSY (tones heard) -> CONNECTED on
 * answer supervision (polarity reversal) or voice -> DISCONNECTED when the
 * far end clears (polarity reversal back, busy or congestion tone) ->
 * IDLE when we go on-hook.  Incoming: IDLE -> OFFERING (ringing; caller
 * ID between the rings) -> CONNECTED when we go off-hook; IDLE if the
 * ringing stops unanswered.
 *
 * FXS and handsets (a station): IDLE -> DIALTONE when the station goes
 * off-hook -> DIALING with its first digit -> ... the application decides
 * PROCEEDING/RINGBACK/BUSY/CONNECTED with TAPI_IOC_SET_CALL_STATE (it is
 * the exchange); ringing the station makes an OFFERING call which the
 * station's off-hook CONNECTs.  On-hook -> IDLE.
 *
 * Details of the above:
 *  - IDLE means no call: call_id 0 and no caller or called number.  An
 *    FXO line that went off-hook but has heard no dial tone yet is still
 *    IDLE; TAPI_IOC_DIAL on it starts the call in DIALING.  When a call
 *    ends, the IDLE state keeps the cause: that of the BUSY or
 *    DISCONNECTED state before, else TAPI_CAUSE_LOCAL (FXO on-hook,
 *    TAPI_IOC_RING_STOP), TAPI_CAUSE_NORMAL (the station hung up) or
 *    TAPI_CAUSE_NOANSWER (ringing stopped, or TAPI_EV_RING_DONE).
 *  - FXO: DIALING -> PROCEEDING on TAPI_EV_DIAL_DONE; more digits dialled
 *    in PROCEEDING go back to DIALING (overlap dialling).  Congestion or
 *    SIT while dialling -> DISCONNECTED, TAPI_CAUSE_CONGESTION; busy ->
 *    BUSY, TAPI_CAUSE_BUSY; voice in RINGBACK -> CONNECTED.  A polarity
 *    reversal away from the polarity at seizure answers an outgoing call,
 *    the return clears it; any reversal clears an incoming call; busy,
 *    congestion or dial tone heard in CONNECTED clear it too (all
 *    DISCONNECTED, TAPI_CAUSE_NORMAL).  Caller ID before the first ring
 *    offers the call at once.
 *  - TAPI_IOC_SET_CALL_STATE works on every signalling type (on FXO for
 *    lines without answer supervision); BUSY gets TAPI_CAUSE_BUSY,
 *    DISCONNECTED TAPI_CAUSE_NORMAL; -EINVAL on an IDLE or OFFERING call.
 *  - Removal: a call in progress becomes DISCONNECTED with
 *    TAPI_CAUSE_REMOVED before the file gets TAPI_EV_REMOVED.
 *  - TAPI_EV_CALL_STATE comes with every change of state or cause, after
 *    the event that caused it; TAPI_EV_CALLER_ID (value: call_id) when
 *    caller ID arrived.  Digits added to called_number only bump seq
 *    (and are sent as TAPI_CMD_CALL_STATE).
 */
enum tapi_call_state {
	TAPI_CALL_IDLE = 0,
	TAPI_CALL_OFFERING = 1,
	TAPI_CALL_DIALTONE = 2,
	TAPI_CALL_DIALING = 3,
	TAPI_CALL_PROCEEDING = 4,
	TAPI_CALL_RINGBACK = 5,
	TAPI_CALL_BUSY = 6,
	TAPI_CALL_CONNECTED = 7,
	TAPI_CALL_DISCONNECTED = 8,
	/* add new call states above here */
	__TAPI_CALL_CNT
};

/* Why a call reached its state (TAPI_EV_CALL_STATE duration_ms). */
enum tapi_call_cause {
	TAPI_CAUSE_NONE = 0,
	TAPI_CAUSE_NORMAL = 1,		/* far end cleared */
	TAPI_CAUSE_BUSY = 2,
	TAPI_CAUSE_CONGESTION = 3,	/* congestion or SIT heard */
	TAPI_CAUSE_NOANSWER = 4,	/* ringing stopped unanswered */
	TAPI_CAUSE_REMOVED = 5,		/* the hardware went away */
	TAPI_CAUSE_LOCAL = 6,		/* we cleared */
	/* add new causes above here */
	__TAPI_CAUSE_CNT
};

/*
 * Seen from the station's side.  On FXO we are the station: a call we
 * dial is OUTGOING, one the exchange rings in is INCOMING.  On FXS and
 * handsets the attached phone is: its going off-hook starts an OUTGOING
 * call, our ringing it an INCOMING one.
 */
enum tapi_call_direction {
	TAPI_CALL_NONE = 0,
	TAPI_CALL_INCOMING = 1,
	TAPI_CALL_OUTGOING = 2,
};

/* struct tapi_call_info.caller_flags */
#define TAPI_CALLER_PRIVATE	(1U << 0)	/* withheld by the caller */
#define TAPI_CALLER_UNAVAILABLE	(1U << 1)	/* not delivered by the network */

/**
 * struct tapi_call_info - TAPI_IOC_GET_CALL: the channel's current call
 * @call_id: unique per boot, 0 when the channel is idle
 * @state: enum tapi_call_state
 * @cause: enum tapi_call_cause
 * @direction: enum tapi_call_direction
 * @caller_flags: TAPI_CALLER_* bits
 * @seq: bumped at every change of this structure
 * @caller_number: caller ID number (incoming) or empty
 * @caller_name: caller ID name (incoming) or empty
 * @called_number: digits dialed on this call so far (outgoing, or by
 *	the station)
 * @caller_datetime: caller ID date/time "MMDDhhmm" or empty
 */
struct tapi_call_info {
	__u32 call_id;
	__u32 state;
	__u32 cause;
	__u32 direction;
	__u32 caller_flags;
	__u32 seq;
	__u32 reserved[4];
	char caller_number[TAPI_NAME_LEN];
	char caller_name[TAPI_NAME_LEN];
	char called_number[TAPI_DIGITS_LEN];
	char caller_datetime[16];
};

#define TAPI_TONE_FREQ_MIN	50	/* Hz */
#define TAPI_TONE_FREQ_MAX	3900
#define TAPI_TONE_LEVEL_MIN	-30	/* dBm0 per frequency, custom tones */
#define TAPI_TONE_LEVEL_MAX	0

/**
 * struct tapi_tone_req - TAPI_IOC_TONE_START: play a tone into the line
 * @tone: enum tapi_tone from the channel's tone zone (DIAL..SIT), or
 *	TAPI_TONE_NONE for the custom tone described by @freq/@level/@on_ms/
 *	@off_ms
 * @duration_ms: stop after this long (TAPI_EV_TONE_DONE); 0 = until
 *	TAPI_IOC_TONE_STOP
 * @freq: custom: up to two frequencies in Hz, unused ones 0
 * @level: custom: dBm0 per frequency, -30..0
 * @on_ms: custom: cadence on time, 0 = continuous
 * @off_ms: custom: cadence off time
 *
 * Custom tones: @freq[0] from TAPI_TONE_FREQ_MIN to TAPI_TONE_FREQ_MAX,
 * @freq[1] 0 or in that range; with @on_ms 0 @off_ms must be 0, otherwise
 * both are TAPI_CADENCE_STEP_MIN_MS..TAPI_CADENCE_STEP_MAX_MS.  Zone
 * tones: @freq, @level, @on_ms and @off_ms must be 0.  @reserved must be
 * 0.  Anything else, or a tone the channel's zone lacks, is -EINVAL;
 * -EOPNOTSUPP on a channel without media.
 *
 * The tone is added to what the channel sends (so it sounds over the
 * audio written to the channel); DTMF being dialled replaces both.  A new
 * TAPI_IOC_TONE_START replaces the tone playing.  TAPI_EV_TONE_DONE
 * (value: @tone) follows the end of @duration_ms, or the end of a zone
 * tone that stops by itself (e.g. SIT played once), but not
 * TAPI_IOC_TONE_STOP.
 */
struct tapi_tone_req {
	__u32 tone;
	__u32 duration_ms;
	__u16 freq[2];
	__s16 level;
	__u16 on_ms;
	__u16 off_ms;
	__u16 reserved;
};

#define TAPI_IOC_GET_CALL	_IOR(TAPI_IOC_MAGIC, 0x0a, struct tapi_call_info)
/*
 * FXS/handset: the application, being the exchange, moves the call on;
 * __u32 enum tapi_call_state (PROCEEDING, RINGBACK, BUSY, CONNECTED,
 * DISCONNECTED); -EINVAL for others or when idle
 */
#define TAPI_IOC_SET_CALL_STATE	_IOW(TAPI_IOC_MAGIC, 0x0b, __u32)
#define TAPI_IOC_TONE_START	_IOW(TAPI_IOC_MAGIC, 0x0c, struct tapi_tone_req)
#define TAPI_IOC_TONE_STOP	_IO(TAPI_IOC_MAGIC, 0x0d)
/*
 * struct tapi_bridge - TAPI_IOC_BRIDGE: connect two channels' media
 * @fd: an open file of the other channel (holding both files open is the
 *	permission to join them; a channel cannot be bridged with itself)
 * @flags: 0 (reserved for conferencing modes)
 *
 * While bridged, what each channel receives from its line or station is
 * what the other transmits, every media tick, in the kernel: the native
 * bridge of a PBX (an ACD putting a queued caller through to an agent).
 * A channel is in at most one bridge (-EBUSY).  The bridge ends at
 * TAPI_IOC_UNBRIDGE on either channel, when the file that made it is
 * closed, or when either channel is removed; each channel then gets
 * TAPI_EV_BRIDGE_END.  Tones and TAPI_IOC_DIAL digits of a channel still
 * play into its own line while bridged (mixed with the bridged audio).
 * Errors: -EINVAL flags, an fd that is no open file of another channel;
 * -EOPNOTSUPP a channel without TAPI_CAP_MEDIA; -ENODEV a channel
 * removed.  TAPI_IOC_UNBRIDGE: -EINVAL when the channel is in no bridge.
 */
struct tapi_bridge {
	__s32 fd;
	__u32 flags;
};

#define TAPI_IOC_BRIDGE		_IOW(TAPI_IOC_MAGIC, 0x0e, struct tapi_bridge)
#define TAPI_IOC_UNBRIDGE	_IO(TAPI_IOC_MAGIC, 0x0f)
/* add new channel ioctls above here */

/*
 * The generic netlink family: discovery, status, configuration and
 * multicast notifications.  (Control of a channel goes through its
 * character device, whose mode and group decide who may use it.)
 *
 * Every notification carries TAPI_A_CHANNEL_ID (or TAPI_A_CARD_ID) and a
 * per-channel TAPI_A_SEQ, so a listener that lost messages (ENOBUFS)
 * resynchronises with one TAPI_CMD_CHANNEL_GET dump.
 *
 * Details (kernel/core/tapi-genl.yaml is the full specification):
 *  - TAPI_A_SEQ counts every notification of a channel (CHANNEL_NEW/DEL,
 *    EVENT, CALL_STATE) from 1, whether anyone listened or not; a
 *    CHANNEL_GET reply carries the last one.  A card's CARD_NEW has
 *    TAPI_A_SEQ 1, its CARD_DEL 2.
 *  - Order: every listener gets the notifications in the order they were
 *    made.  A card appears as CARD_NEW, then CHANNEL_NEW of each channel.
 *    An event gives TAPI_CMD_EVENT, then (if it changed the call)
 *    TAPI_CMD_CALL_STATE and the TAPI_CMD_EVENT of TAPI_EV_CALL_STATE.
 *    A card removed gives, channel after channel, the end of its call
 *    (cause TAPI_CAUSE_REMOVED) and TAPI_CMD_EVENT of TAPI_EV_REMOVED,
 *    then CHANNEL_DEL of each channel, then CARD_DEL: close lines on
 *    TAPI_EV_REMOVED, forget them on CHANNEL_DEL.
 *  - CHANNEL_NEW is sent again when a channel's configuration (number,
 *    tone zone, law) changes, as RTM_NEWLINK is.
 *  - TAPI_CMD_CALL_STATE goes out at every change of the call (its
 *    TAPI_A_CALL_SEQ), TAPI_CMD_EVENT for every event of the channel.
 *  - Privacy: joining "events" needs CAP_NET_ADMIN (it carries digits and
 *    numbers); CHANNEL_GET replies carry the caller and called numbers,
 *    caller name and time only to a requester with CAP_NET_ADMIN, config
 *    notifications never.
 *  - CHANNEL_SET (CAP_NET_ADMIN): TAPI_A_CHANNEL_ID and at least one of
 *    TAPI_A_TONE_ZONE (a known zone code), TAPI_A_NUMBER (printable ASCII
 *    without spaces, "" for none; -EBUSY when the driver set the number)
 *    and TAPI_A_LAW (ULAW or ALAW; it follows the zone until set).  All
 *    or nothing.  Errors come with an extack message.
 */
#define TAPI_GENL_NAME		"tapi"
#define TAPI_GENL_VERSION	1
#define TAPI_GENL_MCGRP_CONFIG	"config"	/* cards/channels come and go */
#define TAPI_GENL_MCGRP_EVENTS	"events"	/* channel events, call states */
#define TAPI_GENL_MCGRP_PROXY	"proxy"		/* proxy messages and status */

/*
 * Proxy relay: how TAPI's call-center requests (lineCreateAgent,
 * lineSetAgentStateEx...) travel from applications to the ACD proxy that
 * serves a line, and back.  The kernel only routes and keeps score; the
 * data is opaque to it (libtapi's serialised LINEPROXYREQUEST).
 *  - PROXY_REGISTER (CAP_NET_ADMIN): TAPI_A_CHANNEL_ID, TAPI_A_PROXY_TYPES.
 *    The sending socket becomes the channel's proxy for those types;
 *    -EBUSY if another socket holds one of them, -ENODEV no channel,
 *    -EINVAL bit 0 or no bit.  Registering again adds types.
 *  - PROXY_UNREGISTER: TAPI_A_CHANNEL_ID [, TAPI_A_PROXY_TYPES; all if
 *    absent].  When a proxy's socket closes, all its registrations go.
 *  - PROXY_GET: TAPI_A_CHANNEL_ID -> TAPI_A_PROXY_TYPES (0 if none);
 *    dump: one reply per channel with a proxy.
 *  - PROXY_REQUEST: TAPI_A_CHANNEL_ID, TAPI_A_PROXY_TYPE,
 *    TAPI_A_PROXY_COOKIE, TAPI_A_PROXY_DATA.  -ENOENT when no proxy
 *    serves that type (LINEERR_OPERATIONUNAVAIL), -EAGAIN when the
 *    requester has TAPI_PROXY_PENDING_MAX requests outstanding.  On
 *    success the reply carries TAPI_A_PROXY_REQ_ID, and the proxy's
 *    socket gets a PROXY_REQUEST message with TAPI_A_CHANNEL_ID,
 *    TAPI_A_PROXY_TYPE, TAPI_A_PROXY_REQ_ID, TAPI_A_PROXY_PID and
 *    TAPI_A_PROXY_DATA (always, maybe empty).  -ENODEV no channel,
 *    -ENOBUFS when the proxy's receive buffer is full (nothing pending).
 *  - PROXY_RESPONSE (from the proxy that got the request):
 *    TAPI_A_PROXY_REQ_ID, TAPI_A_PROXY_RESULT [, TAPI_A_PROXY_DATA].
 *    -ENOENT for an unknown id or one sent to another socket; -ENOBUFS
 *    when the requester's receive buffer is full (the request stays
 *    pending: respond again).  The
 *    requester's socket gets PROXY_RESPONSE with TAPI_A_CHANNEL_ID,
 *    TAPI_A_PROXY_REQ_ID, TAPI_A_PROXY_COOKIE, TAPI_A_PROXY_STATUS
 *    (TAPI_PROXY_ANSWERED), TAPI_A_PROXY_RESULT and the data.  When the
 *    proxy unregisters or its socket closes first, every request pending
 *    with it is answered the same way with TAPI_PROXY_GONE and no result:
 *    a request never hangs on a dead proxy.  Requests of a requester
 *    whose socket closed are forgotten.  Removing the channel drops its
 *    registrations (PROXY_STATUS 0) and answers its requests GONE too.
 *  - PROXY_MESSAGE (from a registered proxy of the channel, else -EPERM):
 *    TAPI_A_CHANNEL_ID, TAPI_A_PROXY_MSG, TAPI_A_PROXY_PARAM1..3; sent to
 *    the "proxy" group (lineProxyMessage); absent params go as 0.
 *  - PROXY_STATUS, "proxy" group: TAPI_A_CHANNEL_ID and the channel's new
 *    TAPI_A_PROXY_TYPES whenever its registrations change
 *    (LINE_PROXYSTATUS).
 */
#define TAPI_PROXY_DATA_MAX	16384
#define TAPI_PROXY_PENDING_MAX	64

enum tapi_proxy_status {
	TAPI_PROXY_ANSWERED = 0,	/* the proxy responded */
	TAPI_PROXY_GONE = 1,		/* the proxy went away first */
};

enum tapi_genl_cmd {
	TAPI_CMD_UNSPEC,
	TAPI_CMD_CARD_GET,	/* do/dump: TAPI_A_CARD_* */
	/*
	 * do (TAPI_A_CHANNEL_ID) / dump (optional TAPI_A_CARD_ID filter):
	 * channel attributes and its call
	 */
	TAPI_CMD_CHANNEL_GET,
	TAPI_CMD_CHANNEL_SET,	/* admin: TAPI_A_TONE_ZONE, TAPI_A_NUMBER */
	TAPI_CMD_CARD_NEW,	/* notification, config group */
	TAPI_CMD_CARD_DEL,	/* notification, config group */
	TAPI_CMD_CHANNEL_NEW,	/* notification, config group */
	TAPI_CMD_CHANNEL_DEL,	/* notification, config group */
	TAPI_CMD_EVENT,		/* notification, events group: TAPI_A_EVENT_* */
	TAPI_CMD_CALL_STATE,	/* notification, events group: TAPI_A_CALL_* */
	TAPI_CMD_PROXY_REGISTER,	/* admin do: become a channel's proxy */
	TAPI_CMD_PROXY_UNREGISTER,	/* do: stop being it */
	TAPI_CMD_PROXY_GET,		/* do/dump: a channel's proxy types */
	TAPI_CMD_PROXY_REQUEST,		/* do: app -> kernel; unicast -> proxy */
	TAPI_CMD_PROXY_RESPONSE,	/* do: proxy -> kernel; unicast -> app */
	TAPI_CMD_PROXY_MESSAGE,		/* do: proxy -> "proxy" group */
	TAPI_CMD_PROXY_STATUS,		/* notification, "proxy" group */
	/* add new commands above here */
	__TAPI_CMD_CNT
};
#define TAPI_CMD_MAX (__TAPI_CMD_CNT - 1)

enum tapi_genl_attr {
	TAPI_A_UNSPEC,
	TAPI_A_PAD,
	TAPI_A_CARD_ID,		/* u32 */
	TAPI_A_CARD_NAME,	/* string */
	TAPI_A_DRIVER,		/* string */
	TAPI_A_CARD_CHANNELS,	/* u32: number of channels */
	TAPI_A_CHANNEL_ID,	/* u32: the <n> of /dev/tapi/<n> */
	TAPI_A_CHANNEL_INDEX,	/* u32: index on the card */
	TAPI_A_CHANNEL_NAME,	/* string */
	TAPI_A_SIGNALLING,	/* u32: enum tapi_signalling */
	TAPI_A_CAPS,		/* u32: TAPI_CAP_* */
	TAPI_A_HOOK,		/* u32: enum tapi_hook */
	TAPI_A_RINGING,		/* u32: 0/1 */
	TAPI_A_POLARITY,	/* u32: 0/1 */
	TAPI_A_NUMBER,		/* string: directory number, may be empty */
	TAPI_A_TONE_ZONE,	/* string: "us", "de", ... */
	TAPI_A_LAW,		/* u32: enum tapi_media_format (ULAW/ALAW) */
	TAPI_A_SEQ,		/* u32: per-channel notification sequence */
	TAPI_A_EVENT_TYPE,	/* u32: enum tapi_event_type */
	TAPI_A_EVENT_VALUE,	/* u32 */
	TAPI_A_EVENT_DURATION,	/* u32: ms */
	TAPI_A_EVENT_TIMESTAMP,	/* u64: CLOCK_MONOTONIC ns */
	TAPI_A_CALL_ID,		/* u32 */
	TAPI_A_CALL_STATE,	/* u32: enum tapi_call_state */
	TAPI_A_CALL_CAUSE,	/* u32: enum tapi_call_cause */
	TAPI_A_CALL_DIRECTION,	/* u32: enum tapi_call_direction */
	TAPI_A_CALLER_NUMBER,	/* string */
	TAPI_A_CALLER_NAME,	/* string */
	TAPI_A_CALLER_FLAGS,	/* u32: TAPI_CALLER_* */
	TAPI_A_CALLED_NUMBER,	/* string */
	TAPI_A_CALLER_DATETIME,	/* string: "MMDDhhmm" or empty */
	TAPI_A_CALL_SEQ,	/* u32: tapi_call_info.seq */
	TAPI_A_PROXY_TYPES,	/* u32: bit n = proxy request type n (1..31) */
	TAPI_A_PROXY_TYPE,	/* u32: one request type, 1..31 */
	TAPI_A_PROXY_REQ_ID,	/* u32: the kernel's id of a request */
	TAPI_A_PROXY_COOKIE,	/* u32: the requester's own id, echoed */
	TAPI_A_PROXY_RESULT,	/* u32: the proxy's result (a TAPI LONG) */
	TAPI_A_PROXY_STATUS,	/* u32: enum tapi_proxy_status */
	TAPI_A_PROXY_DATA,	/* binary: opaque, <= TAPI_PROXY_DATA_MAX */
	TAPI_A_PROXY_MSG,	/* u32: message number (LINE_AGENTSTATUS...) */
	TAPI_A_PROXY_PARAM1,	/* u32 */
	TAPI_A_PROXY_PARAM2,	/* u32 */
	TAPI_A_PROXY_PARAM3,	/* u32 */
	TAPI_A_PROXY_PID,	/* u32: requester's netlink port id */
	/* add new attributes above here */
	__TAPI_A_CNT
};
#define TAPI_A_MAX (__TAPI_A_CNT - 1)

/*
 * The simulated card, /dev/tapi/sim.
 *
 * Each FXS port of a simulated card has a simulated phone attached; each
 * FXO port is a line of a simulated central office (CO) with a directory
 * number.  An FXO port that goes off-hook hears dial tone, dials a
 * number by DTMF, and the CO rings the line with that number; answering
 * connects the two lines' audio.  Channels are named by their global
 * channel number.
 */

/**
 * struct tapi_sim_card - TAPI_SIM_IOC_CARD_ADD
 * @nfxs: FXS ports (simulated phones), 0..32
 * @nfxo: FXO ports (CO lines), 0..32; nfxs + nfxo at least 1
 * @card: out: the new card's number
 * @first_channel: out: global channel number of port 0; FXS ports come
 *	first, then FXO ports, numbered consecutively
 * @name: out: the card's name
 */
struct tapi_sim_card {
	__u32 nfxs;
	__u32 nfxo;
	__u32 card;
	__u32 first_channel;
	char name[TAPI_NAME_LEN];
};

/**
 * struct tapi_sim_port - a command to one simulated port
 * @channel: global channel number of the port
 * @arg: command argument (hook state, ring count, peer channel, ...)
 * @on_ms: DTMF tone length for PHONE_DIAL; 0 = default
 * @off_ms: DTMF pause for PHONE_DIAL; 0 = default
 * @digits: digits for PHONE_DIAL, caller number for CO_RING
 * @name: caller name for CO_RING
 */
struct tapi_sim_port {
	__u32 channel;
	__u32 arg;
	__u16 on_ms;
	__u16 off_ms;
	__u32 reserved;
	char digits[TAPI_DIGITS_LEN];
	char name[TAPI_NAME_LEN];
};

/* state of the CO side of an FXO port, tapi_sim_status.co_state */
enum tapi_sim_co_state {
	TAPI_SIM_CO_IDLE = 0,
	TAPI_SIM_CO_DIALTONE = 1,
	TAPI_SIM_CO_DIALING = 2,
	TAPI_SIM_CO_RINGBACK = 3,	/* ringing the called line */
	TAPI_SIM_CO_BUSY = 4,		/* called line busy */
	TAPI_SIM_CO_CONGESTION = 5,	/* no such number */
	TAPI_SIM_CO_RINGING = 6,	/* this line is being rung */
	TAPI_SIM_CO_CONNECTED = 7,
	TAPI_SIM_CO_DISCONNECTED = 8,	/* peer hung up */
};

/**
 * struct tapi_sim_status - TAPI_SIM_IOC_STATUS
 * @channel: in: global channel number of the port
 * @hook: the phone's hook (FXS) or the port's own hook (FXO)
 * @ringing: FXS: the phone is ringing; FXO: the CO rings the port
 * @co_state: FXO only: enum tapi_sim_co_state
 * @peer: channel connected to this one, or -1
 * @number: FXO only: the line's directory number
 * @heard: digits the phone (FXS) or the CO (FXO) decoded from the
 *	audio it received, oldest first, cleared by TAPI_SIM_IOC_CLEAR
 */
struct tapi_sim_status {
	__u32 channel;
	__u32 hook;
	__u32 ringing;
	__u32 co_state;
	__s32 peer;
	__u32 reserved[3];
	char number[TAPI_DIGITS_LEN];
	char heard[TAPI_DIGITS_LEN];
};

#define TAPI_SIM_IOC_MAGIC	0xD8

#define TAPI_SIM_IOC_CARD_ADD	_IOWR(TAPI_SIM_IOC_MAGIC, 0x00, struct tapi_sim_card)
/* arg: card number */
#define TAPI_SIM_IOC_CARD_REMOVE _IOW(TAPI_SIM_IOC_MAGIC, 0x01, __u32)
/* FXS: the phone goes arg = 1 off-hook / 0 on-hook */
#define TAPI_SIM_IOC_PHONE_HOOK	_IOW(TAPI_SIM_IOC_MAGIC, 0x02, struct tapi_sim_port)
/* FXS: the phone flashes its hook */
#define TAPI_SIM_IOC_PHONE_FLASH _IOW(TAPI_SIM_IOC_MAGIC, 0x03, struct tapi_sim_port)
/* FXS: the phone sends DTMF digits as audio */
#define TAPI_SIM_IOC_PHONE_DIAL	_IOW(TAPI_SIM_IOC_MAGIC, 0x04, struct tapi_sim_port)
/* FXO: an outside caller (digits, name) rings the line, arg cycles (0 = until answered) */
#define TAPI_SIM_IOC_CO_RING	_IOW(TAPI_SIM_IOC_MAGIC, 0x05, struct tapi_sim_port)
/* FXO: the far end hangs up */
#define TAPI_SIM_IOC_CO_HANGUP	_IOW(TAPI_SIM_IOC_MAGIC, 0x06, struct tapi_sim_port)
/* any port: patch audio with channel arg both ways; arg -1 unpatches */
#define TAPI_SIM_IOC_CONNECT	_IOW(TAPI_SIM_IOC_MAGIC, 0x07, struct tapi_sim_port)
#define TAPI_SIM_IOC_STATUS	_IOWR(TAPI_SIM_IOC_MAGIC, 0x08, struct tapi_sim_status)
/* forget the digits heard so far */
#define TAPI_SIM_IOC_CLEAR	_IOW(TAPI_SIM_IOC_MAGIC, 0x09, struct tapi_sim_port)
/* add new simulator ioctls above here */

#endif /* _UAPI_LINUX_TAPI_H */
