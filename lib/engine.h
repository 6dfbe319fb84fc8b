/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The line engine: line devices, open lines (HLINE), calls and call
 * handles (HCALL), and the thread that turns kernel events into TAPI
 * messages.  Prototypes are grouped under the file that defines them.
 *
 * Objects:
 *  - struct tapi_linedev: one per line device ID that this process has
 *    open through at least one HLINE: the open channel (struct tapi_chan
 *    of device.h), the HLINEs on it, and the channel's current call.
 *  - struct tapi_line: one lineOpen.  An HLINE in tapi_lines.
 *  - struct tapi_call: one telephone call on a channel, as this process
 *    sees it: its TAPI state, caller ID, the dial plan being executed,
 *    digits or a tone being generated.  It follows the kernel's call
 *    (the kernel keeps the truth every process sees) while it is the
 *    channel's current call; afterwards it stays IDLE until its last
 *    handle is deallocated.
 *  - struct tapi_hcall: one application's handle on a call, through one
 *    of its HLINEs, with its privilege, digit monitoring, gathering and
 *    tone monitoring.  An HCALL in tapi_calls.
 *
 * Locking: one process-wide lock, the engine lock, guards every field of
 * the four objects above marked (E) and the engine's own state.  API
 * functions take it after looking up their handles (which takes a
 * reference, so objects never vanish under them) and the engine thread
 * takes it to process events and timers.  Channel ops never block, so
 * the lock is only ever held briefly.  Messages are not posted to the
 * applications' queues directly: with the lock held they go to the
 * engine's outbox, which the engine thread empties in order; so a
 * message never overtakes one generated before it, and an asynchronous
 * function's LINE_REPLY is posted after the function returned.
 */
#ifndef TAPI_LIB_ENGINE_H
#define TAPI_LIB_ENGINE_H

#include "private.h"
#include "device.h"

/* What every line of this library offers. */
#define TAPI_LINE_MEDIA_MODES	(LINEMEDIAMODE_UNKNOWN |		\
				 LINEMEDIAMODE_INTERACTIVEVOICE |	\
				 LINEMEDIAMODE_AUTOMATEDVOICE)
/* LINE_LINEDEVSTATE messages the engine sends (lineSetStatusMessages) */
#define TAPI_LINE_STATES	(LINEDEVSTATE_RINGING |			\
				 LINEDEVSTATE_INSERVICE |		\
				 LINEDEVSTATE_OUTOFSERVICE |		\
				 LINEDEVSTATE_OPEN | LINEDEVSTATE_CLOSE |	\
				 LINEDEVSTATE_NUMCALLS | LINEDEVSTATE_REINIT)
/* LINE_ADDRESSSTATE messages the engine sends */
#define TAPI_ADDRESS_STATES	(LINEADDRESSSTATE_INUSEZERO |		\
				 LINEADDRESSSTATE_INUSEONE |		\
				 LINEADDRESSSTATE_NUMCALLS)
/* Every media mode bit a version defines */
#define TAPI_MEDIA_MODES_1_3	0x00003FFE
#define TAPI_MEDIA_MODES_1_4	0x00007FFE
/* Limits of LINEDIALPARAMS, from the kernel's DTMF limits */
#define TAPI_DIAL_PAUSE_MAX_MS	10000
#define TAPI_DIALTONE_WAIT_MAX_MS 60000
/*
 * An FXO line must stay on-hook a while for the exchange to release it;
 * seized again sooner, it is a hook flash and the old call goes on.
 * lineMakeCall waits until this long after our last on-hook.
 */
#define TAPI_FXO_RELEASE_GUARD_MS 1500
/* lineGatherDigits timeouts */
#define TAPI_GATHER_TIMEOUT_MIN_MS 100
#define TAPI_GATHER_TIMEOUT_MAX_MS 3600000

struct tapi_linedev;
struct tapi_line;
struct tapi_call;
struct tapi_hcall;
struct tapi_rdv;
struct tapi_rdv_app;

/* ---------------------------------------------------------------------- */
/* engine.c - the lock, the thread, timers and the outbox                  */

/* A deadline the engine thread acts on; embedded in its owner. */
struct tapi_timer {
	uint64_t deadline_ms;		/* (E) CLOCK_MONOTONIC ms */
	void (*fn)(struct tapi_timer *t);	/* engine lock held */
	struct tapi_timer *next;	/* (E) in the armed list */
	bool armed;			/* (E) */
};

void tapi_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tapi_engine_lock(void);
void tapi_engine_unlock(void);
void tapi_engine_assert_locked(void);
int tapi_engine_start(void);
void tapi_engine_stop(void);
void tapi_engine_wake(void);
bool tapi_engine_hears_events(void);
uint64_t tapi_now_ms(void);
DWORD tapi_tick_count(void);

void tapi_timer_init(struct tapi_timer *t, void (*fn)(struct tapi_timer *t));
void tapi_timer_arm(struct tapi_timer *t, uint64_t deadline_ms);
void tapi_timer_cancel(struct tapi_timer *t);
int tapi_timers_run(uint64_t now_ms);

void tapi_post(struct tapi_app *app, DWORD device, DWORD message,
	       DWORD_PTR instance, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);
void tapi_post_reply(struct tapi_app *app, LONG request_id, LONG result,
		     DWORD_PTR instance);
void tapi_outbox_flush(void);

/* ---------------------------------------------------------------------- */
/* callstate.c - kernel call states as TAPI call states (pure functions)   */

/* How a call began, from this process's point of view. */
enum tapi_call_origin_kind {
	TAPI_ORIGIN_OUT,	/* an outgoing call: dialed, or a station rung */
	TAPI_ORIGIN_IN,		/* offered to us: line rings, station lifted */
};

struct tapi_callstate {
	DWORD state;		/* LINECALLSTATE_ */
	DWORD mode;		/* dwParam2 of LINE_CALLSTATE */
};

enum tapi_call_origin_kind tapi_call_origin_of(enum tapi_signalling sig,
					       uint32_t first_kstate,
					       uint32_t direction);
struct tapi_callstate tapi_callstate_map(enum tapi_signalling sig,
					 enum tapi_call_origin_kind origin,
					 uint32_t kstate, uint32_t cause,
					 DWORD version);
DWORD tapi_disconnect_mode(uint32_t cause, bool connected_once,
			   enum tapi_call_origin_kind origin, DWORD version);
DWORD tapi_callstates_supported(enum tapi_signalling sig);
DWORD tapi_call_features(enum tapi_signalling sig, DWORD state,
			 DWORD privilege, bool dialing);
DWORD tapi_caller_id_flags(const struct tapi_call_info *info);

/* ---------------------------------------------------------------------- */
/* dialer.c - executing a dial plan: W, digits, pauses, @, ! (pure)        */

enum tapi_dialer_wait {
	TAPI_DIALER_IDLE,	/* not dialing */
	TAPI_DIALER_DIALTONE,	/* 'W' */
	TAPI_DIALER_DIAL_DONE,	/* digits handed to the kernel */
	TAPI_DIALER_PAUSE,	/* ',' */
	TAPI_DIALER_FLASH,	/* '!' */
	TAPI_DIALER_RINGBACK,	/* '@', first half */
	TAPI_DIALER_QUIET,	/* '@', second half */
};

/* What the dialer hears. */
enum tapi_dialer_input {
	TAPI_DIALER_IN_DIALTONE,	/* dial tone heard (state or tone) */
	TAPI_DIALER_IN_DIAL_DONE,	/* TAPI_EV_DIAL_DONE */
	TAPI_DIALER_IN_RINGBACK,	/* ring-back heard */
	TAPI_DIALER_IN_QUIET,		/* silence heard */
	TAPI_DIALER_IN_ANSWERED,	/* the call is connected */
};

enum tapi_dialer_status {
	TAPI_DIALER_RUNNING,	/* waiting for an input or the deadline */
	TAPI_DIALER_DONE,	/* the plan is complete */
	TAPI_DIALER_FAILED,	/* see tapi_dialer.error */
};

/* How the dialer drives the line. */
struct tapi_dialer_ops {
	int (*dial)(void *ctx, const char *digits, unsigned int on_ms,
		    unsigned int off_ms);
	int (*flash)(void *ctx);
};

/* ms the dialer waits after '!' (longer than the kernel's timed flash) */
#define TAPI_DIALER_FLASH_MS	500
/* ms '@' waits for ring-back and then for quiet */
#define TAPI_DIALER_QUIET_MS	60000
/* ms of margin on top of a digit run's own length */
#define TAPI_DIALER_RUN_SLACK_MS 5000

struct tapi_dialer {
	struct tapi_dialplan plan;	/* owned */
	size_t next;			/* next step of plan */
	enum tapi_dialer_wait wait;
	uint64_t deadline_ms;		/* of the current wait, 0 = none */
	LINEDIALPARAMS params;
	bool dialtone;			/* heard since the last digits */
	LONG error;			/* TAPI_DIALER_FAILED: why */
	DWORD fail_mode;		/* LINEDISCONNECTMODE_ for the call */
	const struct tapi_dialer_ops *ops;
	void *ctx;
};

void tapi_dialer_init(struct tapi_dialer *d, const struct tapi_dialer_ops *ops,
		      void *ctx);
enum tapi_dialer_status tapi_dialer_start(struct tapi_dialer *d,
					  struct tapi_dialplan *plan,
					  const LINEDIALPARAMS *params,
					  uint64_t now_ms);
enum tapi_dialer_status tapi_dialer_input(struct tapi_dialer *d,
					  enum tapi_dialer_input in,
					  uint64_t now_ms);
enum tapi_dialer_status tapi_dialer_timeout(struct tapi_dialer *d,
					    uint64_t now_ms);
void tapi_dialer_note_dialtone(struct tapi_dialer *d, bool present);
bool tapi_dialer_busy(const struct tapi_dialer *d);
void tapi_dialer_cancel(struct tapi_dialer *d);

/* ---------------------------------------------------------------------- */
/* gather.c - lineGatherDigits' buffer and timeouts (pure)                  */

struct tapi_gather {
	bool active;
	char *buf;			/* the application's lpsDigits */
	DWORD size;			/* dwNumDigits */
	DWORD count;			/* digits stored */
	char term[TAPI_DIAL_RUN_MAX + 1];	/* termination digits */
	DWORD first_timeout_ms;		/* 0 = none */
	DWORD inter_timeout_ms;		/* 0 = none */
	uint64_t deadline_ms;		/* 0 = none */
};

LONG tapi_gather_check_digits(const char *s, bool allow_empty);
void tapi_gather_start(struct tapi_gather *g, char *buf, DWORD size,
		       const char *term, DWORD first_ms, DWORD inter_ms,
		       uint64_t now_ms);
DWORD tapi_gather_digit(struct tapi_gather *g, char digit, uint64_t now_ms);
DWORD tapi_gather_timeout(struct tapi_gather *g, uint64_t now_ms);
void tapi_gather_finish(struct tapi_gather *g);

/* ---------------------------------------------------------------------- */
/* tonematch.c - lineMonitorTones entries against detected tones (pure)     */

bool tapi_tone_entry_matches(const LINEMONITORTONE *entry,
			     const char *zone, enum tapi_tone detected);
LONG tapi_tone_entry_check(const LINEMONITORTONE *entry);

/* ---------------------------------------------------------------------- */
/* linedev.c - line devices: open channels and what happens on them        */

struct tapi_linedev {
	struct tapi_linedev *next;	/* (E) engine's list */
	unsigned int refs;		/* (E) lines, calls, the poll set */
	DWORD device_id;
	struct tapi_dev_info info;	/* (E) as enumerated or queried */
	struct tapi_chan *chan;		/* (E) NULL once gone */
	struct tapi_line *lines;	/* (E) open HLINEs in open order */
	struct tapi_call *call;		/* (E) the channel's current call */
	uint32_t ignore_call_id;	/* (E) a call dropped while offered */
	struct tapi_call_info kcall;	/* (E) the kernel's call, last read */
	DWORD ring_count;		/* (E) rings of the offered call */
	bool removed;			/* (E) hardware gone */
	struct tapi_rdv *rdv;		/* (E) cross-process rendezvous */
	struct tapi_call *calls;	/* (E) every call object of the line */
	uint64_t released_ms;		/* (E) FXO: our last on-hook, or 0 */
};

LONG tapi_linedev_get(DWORD device_id, DWORD privileges,
		      struct tapi_linedev **ld_out);
void tapi_linedev_put(struct tapi_linedev *ld);
struct tapi_linedev *tapi_linedev_first(void);
struct tapi_linedev *tapi_linedev_find_channel(unsigned int channel);
void tapi_linedev_event(struct tapi_linedev *ld, const struct tapi_event *ev);
void tapi_linedev_kcall(struct tapi_linedev *ld,
			const struct tapi_call_info *info, uint32_t kstate,
			uint32_t cause);
void tapi_linedev_drain(struct tapi_linedev *ld);
void tapi_linedev_resync(struct tapi_linedev *ld);
void tapi_linedev_refresh_info(struct tapi_linedev *ld);
void tapi_linedev_removed(struct tapi_linedev *ld);
bool tapi_linedev_is_station(const struct tapi_linedev *ld);
int tapi_media_rank(DWORD modes);
DWORD tapi_linedev_devcap_flags(const struct tapi_linedev *ld);
void tapi_linedev_post_linestate(struct tapi_linedev *ld, DWORD state,
				 DWORD p2, DWORD p3,
				 const struct tapi_line *except);
void tapi_linedev_post_addrstate(struct tapi_linedev *ld, DWORD state);

/* ---------------------------------------------------------------------- */
/* line.c - HLINE objects                                                  */

struct tapi_line {
	struct tapi_object obj;
	HLINE handle;
	struct tapi_app *app;		/* referenced */
	struct tapi_linedev *dev;	/* (E) NULL once closed */
	struct tapi_line *next;		/* (E) in dev->lines */
	DWORD version;			/* negotiated */
	DWORD privileges;		/* LINECALLPRIVILEGE_ */
	DWORD media_modes;		/* owner: the media modes it takes */
	DWORD_PTR instance;		/* dwCallbackInstance */
	DWORD line_states;		/* (E) lineSetStatusMessages */
	DWORD address_states;		/* (E) */
	uint64_t seq;			/* open order, for priorities */
};

extern struct tapi_handle_table tapi_lines;

void tapi_line_init_object(struct tapi_line *line);
LONG tapi_line_lookup(HLINE handle, struct tapi_line **line_out);
void tapi_line_put(struct tapi_line *line);
void tapi_line_close_locked(struct tapi_line *line, bool notify);
void tapi_lines_close_app(struct tapi_app *app);
void tapi_line_post(const struct tapi_line *line, DWORD device,
		    DWORD message, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);
LONG tapi_line_begin(HLINE handle, struct tapi_line **line_out);
void tapi_line_end(struct tapi_line *line);

/* ---------------------------------------------------------------------- */
/* call.c - calls and call handles                                         */

enum tapi_generate_kind {
	TAPI_GEN_NONE,
	TAPI_GEN_DIGITS,	/* lineGenerateDigits */
	TAPI_GEN_TONE,		/* lineGenerateTone */
};

struct tapi_call {
	unsigned int refs;		/* (E) handles + current-call link */
	struct tapi_linedev *dev;	/* (E) referenced */
	struct tapi_call *next;		/* (E) in dev->calls */
	uint32_t kcall_id;		/* (E) the kernel's, 0 until bound */
	enum tapi_call_origin_kind origin_kind;
	uint32_t first_kstate;		/* (E) kernel state it began with */
	bool made_here;			/* lineMakeCall of this process */
	bool current;			/* (E) dev->call == this */
	bool dropping;			/* (E) lineDrop: IDLE follows */
	bool connected_once;		/* (E) */
	bool offhook;			/* (E) FXO: we seized the line for it */
	DWORD state;			/* (E) LINECALLSTATE_ */
	DWORD mode;			/* (E) its mode */
	uint32_t kstate;		/* (E) the kernel's state, last */
	struct timespec state_time;	/* (E) CLOCK_REALTIME of entry */
	DWORD origin;			/* LINECALLORIGIN_ */
	DWORD media_mode;		/* (E) LINEMEDIAMODE_ */
	DWORD call_param_flags;
	LINEDIALPARAMS dial_params;
	struct tapi_call_info info;	/* (E) the kernel's (caller ID ...) */
	char dialed[TAPI_DIAL_STRING_MAX + 1];	/* (E) digits we dialed */
	char *app_name;			/* app that made or got it first */
	char *displayable;		/* LINECALLPARAMS strings, or NULL */
	char *called_party;
	char *comment;
	struct tapi_hcall *handles;	/* (E) */
	/* lineMakeCall / lineDial in progress */
	struct tapi_dialer dialer;	/* (E) */
	struct tapi_timer dial_timer;	/* (E) */
	struct tapi_app *dial_app;	/* (E) referenced: lineDial's reply */
	LONG dial_request;		/* (E) 0 = no reply due */
	DWORD_PTR dial_instance;
	/* lineMakeCall waiting out TAPI_FXO_RELEASE_GUARD_MS */
	bool seize_pending;		/* (E) */
	struct tapi_timer seize_timer;	/* (E) */
	struct tapi_dialplan seize_plan;	/* (E) dialed once seized */
	/* lineGenerateDigits / lineGenerateTone in progress */
	enum tapi_generate_kind gen;	/* (E) */
	struct tapi_hcall *gen_by;	/* (E) referenced */
	char gen_digits[TAPI_DIAL_STRING_MAX + 1];	/* (E) not yet sent */
	size_t gen_next;		/* (E) */
	unsigned int gen_on_ms;		/* (E) */
	struct tapi_timer gen_timer;	/* (E) pause between runs */
};

struct tapi_hcall {
	struct tapi_object obj;
	HCALL handle;
	struct tapi_call *call;		/* (E) */
	struct tapi_line *line;		/* (E) referenced */
	struct tapi_hcall *next;	/* (E) in call->handles */
	DWORD privilege;		/* (E) LINECALLPRIVILEGE_ */
	bool valid;			/* (E) not deallocated, line open */
	bool announce;			/* (E) LINE_APPNEWCALL is due */
	bool first_sent;		/* (E) a LINE_CALLSTATE was sent */
	DWORD sent_state, sent_mode;	/* (E) as last sent */
	DWORD monitor_digit_modes;	/* (E) lineMonitorDigits */
	struct tapi_gather gather;	/* (E) lineGatherDigits */
	struct tapi_timer gather_timer;	/* (E) */
	LINEMONITORTONE *tones;		/* (E) lineMonitorTones */
	DWORD ntones;			/* (E) */
	DWORD monitor_media_modes;	/* (E) lineMonitorMedia */
	DWORD media_heard;		/* (E) last LINE_MONITORMEDIA mode */
};

extern struct tapi_handle_table tapi_calls;

LONG tapi_hcall_lookup(HCALL handle, struct tapi_hcall **hc_out);
void tapi_hcall_put(struct tapi_hcall *hc);
LONG tapi_hcall_begin(HCALL handle, struct tapi_hcall **hc_out);
void tapi_hcall_end(struct tapi_hcall *hc);
struct tapi_call *tapi_call_new(struct tapi_linedev *ld,
				enum tapi_call_origin_kind origin_kind,
				bool made_here);
void tapi_call_put(struct tapi_call *call);
LONG tapi_call_add_handle(struct tapi_call *call, struct tapi_line *line,
			  DWORD privilege, bool announce,
			  struct tapi_hcall **hc_out);
void tapi_call_set_state(struct tapi_call *call, DWORD state, DWORD mode);
void tapi_call_post_info(struct tapi_call *call, DWORD info_states,
			 const struct tapi_hcall *except);
void tapi_call_end(struct tapi_call *call, DWORD disconnect_mode);
LONG tapi_call_hangup(struct tapi_call *call, bool *end_now);
DWORD tapi_callstate_mode_for(DWORD state, DWORD mode, DWORD version);
void tapi_hcall_release_locked(struct tapi_hcall *hc);
DWORD tapi_call_count_privilege(const struct tapi_call *call, DWORD priv);
struct tapi_hcall *tapi_call_handle_of(const struct tapi_call *call,
				       const struct tapi_line *line);
void tapi_call_dial_done(struct tapi_call *call,
			 enum tapi_dialer_status status);
void tapi_call_stop_generate(struct tapi_call *call, DWORD term);
void tapi_call_generate_step(struct tapi_call *call);
void tapi_call_stop_gathers(struct tapi_call *call, DWORD term);
LONG tapi_call_begin_dialing(struct tapi_call *call,
			     struct tapi_dialplan *plan);
void tapi_call_seize_later(struct tapi_call *call, uint64_t at_ms,
			   struct tapi_dialplan *plan);

/* call_mediamode.c - lineSetMediaMode, lineMonitorMedia */
DWORD tapi_media_mode_of_tone(enum tapi_tone tone);
void tapi_call_media_heard(struct tapi_call *call, enum tapi_tone tone,
			   DWORD tick);

/* ---------------------------------------------------------------------- */
/* line_caps.c - LINEDEVCAPS and LINEADDRESSCAPS of a channel              */

DWORD tapi_permanent_line_id(const struct tapi_dev_info *info);
void tapi_line_name(const struct tapi_dev_info *info, char *buf, size_t size);
LONG tapi_fill_devcaps(const struct tapi_dev_info *info, DWORD version,
		       LINEDEVCAPS *out);
LONG tapi_fill_addresscaps(const struct tapi_dev_info *info, DWORD device_id,
			   DWORD version, LINEADDRESSCAPS *out);

/* line_status.c */
LONG tapi_fill_appinfo(struct tapi_varbuf *vb, size_t size_field,
		       size_t offset_field, const struct tapi_rdv_app *apps,
		       size_t napps, const char *machine, const char *user);

/* ---------------------------------------------------------------------- */
/* rendezvous.c - the lines' shared registry between processes              */

struct tapi_rdv;

/* One application with the line open, in any process. */
struct tapi_rdv_app {
	int32_t pid;
	uint32_t hline;
	uint32_t privileges;
	uint32_t media_modes;
	uint64_t seq;
	char friendly[64];
	char module[64];
};

int tapi_rdv_open(const struct tapi_dev_info *info, struct tapi_rdv **out);
void tapi_rdv_close(struct tapi_rdv *rdv);
int tapi_rdv_register(struct tapi_rdv *rdv, const struct tapi_line *line);
void tapi_rdv_unregister(struct tapi_rdv *rdv, const struct tapi_line *line);
int tapi_rdv_apps(struct tapi_rdv *rdv, struct tapi_rdv_app *apps,
		  size_t max, size_t *count);
int tapi_rdv_decide_owner(struct tapi_rdv *rdv, uint32_t call_id,
			  DWORD media_mode, struct tapi_rdv_app *owner);

/* handoff.c - the per-process socket that takes handoffs from others */
int tapi_handoff_socket_fd(void);
void tapi_handoff_socket_read(void);
void tapi_handoff_socket_close(void);

/* ---------------------------------------------------------------------- */
/* phone*.c - phone devices: the stations (FXS ports, handsets) as TAPI    */
/* phones.  A phone device rides on the line device of its channel (which  */
/* holds the open channel and is polled by the engine thread); its events  */
/* reach tapi_phonedev_event() from tapi_linedev_event().                  */

#define TAPI_PHONE_KEYPAD_BUTTONS 16	/* '0'-'9' '*' '#' 'A'-'D' */
#define TAPI_PHONE_BUTTONS_MAX	32
#define TAPI_PHONE_RING_MODES	4	/* phone_ring.c's cadences */
#define TAPI_PHONE_KEY_FLASH	'!'	/* the FLASH button's key: TAPI_EV_FLASH */
/* PHONE_STATE messages the engine sends (phoneSetStatusMessages) */
#define TAPI_PHONE_STATES	(PHONESTATE_OTHER | PHONESTATE_CONNECTED |	\
				 PHONESTATE_DISCONNECTED |		\
				 PHONESTATE_OWNER | PHONESTATE_MONITORS |	\
				 PHONESTATE_RINGMODE |			\
				 PHONESTATE_RINGVOLUME |		\
				 PHONESTATE_HANDSETHOOKSWITCH |		\
				 PHONESTATE_HANDSETVOLUME |		\
				 PHONESTATE_HANDSETGAIN |		\
				 PHONESTATE_REINIT |			\
				 PHONESTATE_CAPSCHANGE |		\
				 PHONESTATE_REMOVED)
/* Every PHONESTATE_ bit a version defines */
#define TAPI_PHONE_STATES_1_3	0x003FFFFF
#define TAPI_PHONE_STATES_1_4	0x00FFFFFF
#define TAPI_PHONE_BUTTON_MODES	0x0000003F
#define TAPI_PHONE_BUTTON_STATES_1_3 0x00000003
#define TAPI_PHONE_BUTTON_STATES_1_4 0x0000000F

struct tapi_phone;

/* One button of a phone: what it is and what reports it. */
struct tapi_phone_button {
	char key;			/* TAPI_EV_KEY/DIGIT value, 0 = none */
	DWORD mode;			/* PHONEBUTTONMODE_ */
	DWORD function;			/* PHONEBUTTONFUNCTION_ */
	const char *text;		/* dwButtonText */
};

struct tapi_phonedev {
	struct tapi_phonedev *next;	/* (E) the list of phone devices */
	unsigned int refs;		/* (E) open HPHONEs */
	DWORD phone_id;
	DWORD line_id;			/* the line device of the channel */
	struct tapi_dev_info info;	/* as enumerated */
	struct tapi_linedev *ld;	/* (E) referenced; NULL once removed */
	struct tapi_phone *phones;	/* (E) open HPHONEs, in open order */
	bool removed;			/* (E) */
	DWORD hook_mode;		/* (E) PHONEHOOKSWITCHMODE_ */
	DWORD ring_mode;		/* (E) 0 = silent */
	DWORD ring_volume;		/* (E) 0..0xFFFF */
	DWORD button_state[TAPI_PHONE_BUTTONS_MAX];	/* (E) UP/DOWN */
};

struct tapi_phone {
	struct tapi_object obj;
	HPHONE handle;
	struct tapi_app *app;		/* referenced */
	struct tapi_phonedev *dev;	/* (E) NULL once closed */
	struct tapi_phone *next;	/* (E) in dev->phones */
	DWORD version;			/* negotiated */
	DWORD privilege;		/* PHONEPRIVILEGE_ */
	DWORD_PTR instance;		/* dwCallbackInstance */
	DWORD phone_states;		/* (E) phoneSetStatusMessages */
	DWORD button_modes;		/* (E) */
	DWORD button_states;		/* (E) */
};

/* phone_app.c - HPHONEAPP: an application of the phone API */
extern struct tapi_handle_table tapi_phone_apps;
LONG tapi_phone_app_lookup(HPHONEAPP handle, struct tapi_app **app_out);

/* phonedev.c - phone devices and what happens on them */
LONG tapi_phonedev_get(DWORD phone_id, DWORD privilege,
		       struct tapi_phonedev **pd_out);
void tapi_phonedev_put(struct tapi_phonedev *pd);
void tapi_phonedev_event(struct tapi_linedev *ld, const struct tapi_event *ev);
void tapi_phonedev_removed(struct tapi_linedev *ld);
void tapi_phonedev_post_state(struct tapi_phonedev *pd, DWORD state, DWORD p2,
			      const struct tapi_phone *except);
DWORD tapi_phonedev_count(const struct tapi_phonedev *pd, DWORD privilege);
void tapi_phones_devices_changed(const bool *before, uint32_t n_before,
				 const bool *after, uint32_t n_after);
struct tapi_chan *tapi_phonedev_chan(const struct tapi_phonedev *pd);

/* phone_open.c - HPHONE objects */
extern struct tapi_handle_table tapi_phones;
LONG tapi_phone_begin(HPHONE handle, struct tapi_phone **ph_out);
LONG tapi_phone_begin_owner(HPHONE handle, struct tapi_phone **ph_out);
void tapi_phone_end(struct tapi_phone *ph);
void tapi_phone_post(const struct tapi_phone *ph, DWORD message,
		     DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);
LONG tapi_phone_reply(struct tapi_phone *ph, LONG result);
void tapi_phones_close_app(struct tapi_app *app);

/* phone_button.c - the buttons of a phone */
DWORD tapi_phone_button_count(const struct tapi_dev_info *info);
const struct tapi_phone_button *
tapi_phone_button(const struct tapi_dev_info *info, DWORD id);
int tapi_phone_button_of_key(const struct tapi_dev_info *info, char key);

/* phone_ring.c - ring modes as cadences */
const struct tapi_ring *tapi_phone_ring_cadence(DWORD mode);

/* phone_caps.c */
DWORD tapi_phone_features(const struct tapi_dev_info *info);
DWORD tapi_phone_fixed_size(size_t v1_3, size_t v1_4, size_t v2_0,
			    size_t v2_2, DWORD version);

/* phone_mixer.c - volume and gain through the device's ALSA mixer */
enum tapi_mixer_dir {
	TAPI_MIXER_VOLUME,	/* playback: what the user hears */
	TAPI_MIXER_GAIN,	/* capture: the microphone */
};
bool tapi_mixer_present(const struct tapi_dev_info *info,
			enum tapi_mixer_dir dir);
int tapi_mixer_get(const struct tapi_dev_info *info, enum tapi_mixer_dir dir,
		   DWORD *level);
int tapi_mixer_set(const struct tapi_dev_info *info, enum tapi_mixer_dir dir,
		   DWORD level);

#endif /* TAPI_LIB_ENGINE_H */
