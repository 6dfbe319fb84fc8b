/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtapi internals.  Prototypes are grouped under the file that defines
 * them.  Nothing here is exported: the library is built with
 * -fvisibility=hidden and only functions marked TAPI_EXPORT (the TAPI API)
 * are visible, under the version node of lib/libtapi.map.
 *
 * Conventions: internal functions return 0 or a negative errno; functions
 * that already speak TAPI return LONG (0 or a LINEERR_ value) and say so.
 * The device layer lives in device.h.
 */
#ifndef TAPI_LIB_PRIVATE_H
#define TAPI_LIB_PRIVATE_H

#define TAPI_CURRENT_VERSION 0x00020002	/* the library sees every field */
#include <tapi.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define TAPI_EXPORT __attribute__((visibility("default")))

#define TAPI_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Ownership helpers in the style of systemd's _cleanup_. */
static inline void tapi_freep(void *p)
{
	free(*(void **)p);
}
#define _tapi_cleanup_free_ __attribute__((cleanup(tapi_freep)))

/* ---------------------------------------------------------------------- */
/* version.c - API versions and the fixed sizes of versioned structures    */

#define TAPI_VERSION_1_3	0x00010003
#define TAPI_VERSION_1_4	0x00010004
#define TAPI_VERSION_2_0	0x00020000
#define TAPI_VERSION_2_1	0x00020001
#define TAPI_VERSION_2_2	0x00020002
#define TAPI_VERSION_LOWEST	TAPI_VERSION_1_3
#define TAPI_VERSION_HIGHEST	TAPI_VERSION_2_2

/* The structures whose fixed part depends on the negotiated version. */
enum tapi_struct_kind {
	TAPI_STRUCT_LINEDEVCAPS,
	TAPI_STRUCT_LINEADDRESSCAPS,
	TAPI_STRUCT_LINEDEVSTATUS,
	TAPI_STRUCT_LINEADDRESSSTATUS,
	TAPI_STRUCT_LINECALLINFO,
	TAPI_STRUCT_LINECALLSTATUS,
	TAPI_STRUCT_LINECALLLIST,
	TAPI_STRUCT_LINECALLPARAMS,
	TAPI_STRUCT_VARSTRING,
	/* add new structures above here */
	__TAPI_STRUCT_CNT
};

bool tapi_version_is_known(DWORD version);
LONG tapi_version_negotiate(DWORD low, DWORD high, DWORD *version);
DWORD tapi_struct_fixed_size(enum tapi_struct_kind kind, DWORD version);

/* ---------------------------------------------------------------------- */
/* varstruct.c - filling dwTotalSize/dwNeededSize/dwUsedSize structures   */

struct tapi_varpart;

/*
 * A structure being filled for the caller.  The filler writes the fixed
 * part into @fixed (a zeroed scratch copy of the library's full-size
 * structure) and queues variable parts; tapi_varbuf_finish() lays them out
 * in the caller's buffer without ever writing past its dwTotalSize.
 */
struct tapi_varbuf {
	unsigned char *fixed;		/* scratch fixed part, struct_size bytes */
	size_t struct_size;		/* sizeof the library's structure */
	DWORD fixed_size;		/* fixed part at the negotiated version */
	struct tapi_varpart *parts;
	size_t nparts;
	size_t parts_cap;
	int error;			/* first -errno while queueing */
};

int tapi_varbuf_init(struct tapi_varbuf *vb, size_t struct_size,
		     DWORD fixed_size);
void *tapi_varbuf_fixed(struct tapi_varbuf *vb);
int tapi_varbuf_add(struct tapi_varbuf *vb, size_t size_field,
		    size_t offset_field, const void *data, DWORD len,
		    DWORD align);
int tapi_varbuf_add_string(struct tapi_varbuf *vb, size_t size_field,
			   size_t offset_field, const char *s);
int tapi_varbuf_add_array(struct tapi_varbuf *vb, size_t size_field,
			  size_t offset_field, const void *data, DWORD len,
			  DWORD array_len);
LONG tapi_varbuf_finish(struct tapi_varbuf *vb, void *dest);
void tapi_varbuf_release(struct tapi_varbuf *vb);
LONG tapi_varstring_fill(VARSTRING *out, DWORD version, DWORD format,
			 const void *data, DWORD len, DWORD align);

/* ---------------------------------------------------------------------- */
/* validate.c - argument checks shared by every API function               */

LONG tapi_check_out_struct(const void *p);
LONG tapi_check_in_struct(const void *p, DWORD fixed_size);
bool tapi_var_field_valid(const void *s, DWORD total, DWORD fixed_size,
			  DWORD size, DWORD offset);
int tapi_utf8_check(const char *s, size_t max_bytes, bool displayable);
enum tapi_flags_rule {
	TAPI_FLAGS_ANY,		/* any subset of allowed, 0 included */
	TAPI_FLAGS_NONZERO,	/* a non-empty subset */
	TAPI_FLAGS_ONE,		/* exactly one allowed bit */
};

LONG tapi_check_flags(DWORD value, DWORD allowed, enum tapi_flags_rule rule,
		      LONG err);
LONG tapi_check_array(const void *p, DWORD count, DWORD max, LONG err);

/* error.c - -errno to LINEERR_ at the API boundary */
LONG tapi_lineerr_from_errno(int err);

/* phone_error.c - LINEERR_ and -errno as PHONEERR_ at the phone API */
LONG tapi_phoneerr_from_lineerr(LONG err);
LONG tapi_phoneerr_from_errno(int err);

/* ---------------------------------------------------------------------- */
/* handle.c - generation-counted, thread-safe handle tables               */

/* Every object a handle names starts with this. */
struct tapi_object {
	atomic_uint refs;
	void (*release)(struct tapi_object *obj);	/* refs reached 0 */
};

enum tapi_handle_kind {
	TAPI_HANDLE_LINEAPP = 1,
	TAPI_HANDLE_LINE = 2,
	TAPI_HANDLE_CALL = 3,
	TAPI_HANDLE_PHONEAPP = 4,
	TAPI_HANDLE_PHONE = 5,
	/* add new kinds above here; at most 7 */
};

/*
 * Handle layout (DWORD): bits 30..28 kind, 27..14 generation of the slot,
 * 13..0 slot index.  Bit 31 stays clear so no handle reads as a negative
 * LONG, and the kind keeps every handle non-zero and stops an HLINE from
 * passing for an HCALL.
 */
#define TAPI_HANDLE_INDEX_BITS	14
#define TAPI_HANDLE_GEN_BITS	14
#define TAPI_HANDLE_MAX_SLOTS	(1U << TAPI_HANDLE_INDEX_BITS)

struct tapi_handle_slot;

struct tapi_handle_table {
	pthread_mutex_t lock;		/* guards every field below */
	enum tapi_handle_kind kind;
	struct tapi_handle_slot *slots;
	uint32_t nslots;		/* slots allocated */
	uint32_t used;			/* slots holding an object */
	uint32_t free_head;		/* first free slot, FIFO, or UINT32_MAX */
	uint32_t free_tail;
};

#define TAPI_HANDLE_TABLE_INIT(k) {				\
	.lock = PTHREAD_MUTEX_INITIALIZER, .kind = (k),		\
	.free_head = UINT32_MAX, .free_tail = UINT32_MAX,	\
}

void tapi_object_init(struct tapi_object *obj,
		      void (*release)(struct tapi_object *obj));
void tapi_object_get(struct tapi_object *obj);
void tapi_object_put(struct tapi_object *obj);

void tapi_handle_table_init(struct tapi_handle_table *t,
			    enum tapi_handle_kind kind);
void tapi_handle_table_destroy(struct tapi_handle_table *t);
int tapi_handle_alloc(struct tapi_handle_table *t, struct tapi_object *obj,
		      DWORD *handle);
struct tapi_object *tapi_handle_get(struct tapi_handle_table *t,
				    DWORD handle);
struct tapi_object *tapi_handle_remove(struct tapi_handle_table *t,
				       DWORD handle);
uint32_t tapi_handle_count(struct tapi_handle_table *t);
size_t tapi_handle_collect(struct tapi_handle_table *t,
			   struct tapi_object **objs, size_t max);

/* ---------------------------------------------------------------------- */
/* msgq.c - an application's message queue                                 */

#define TAPI_MSGQ_MAX	65536	/* messages queued per application */

struct tapi_msgq {
	pthread_mutex_t lock;		/* guards every field below */
	pthread_cond_t cond;		/* signalled on post and on close */
	LINEMESSAGE *ring;
	size_t cap;			/* entries in ring, power of two */
	size_t head;			/* oldest message */
	size_t count;
	uint64_t dropped;		/* posts refused because full */
	int event_fd;			/* eventfd readable iff count > 0, or -1 */
	bool closed;
};

int tapi_msgq_init(struct tapi_msgq *q, bool with_event_fd);
void tapi_msgq_destroy(struct tapi_msgq *q);
int tapi_msgq_post(struct tapi_msgq *q, const LINEMESSAGE *msg);
int tapi_msgq_get(struct tapi_msgq *q, LINEMESSAGE *msg, DWORD timeout_ms);
void tapi_msgq_close(struct tapi_msgq *q);
size_t tapi_msgq_count(struct tapi_msgq *q);

/* dispatch.c - the callback-mode thread */

struct tapi_dispatcher {
	pthread_t thread;
	struct tapi_msgq *queue;
	LINECALLBACK callback;
	struct tapi_object *owner;	/* kept alive while the thread runs */
	bool running;
};

int tapi_dispatcher_start(struct tapi_dispatcher *d, struct tapi_msgq *q,
			  LINECALLBACK callback, struct tapi_object *owner);
void tapi_dispatcher_stop(struct tapi_dispatcher *d);
bool tapi_dispatcher_is_current(const struct tapi_dispatcher *d);

/* ---------------------------------------------------------------------- */
/* app.c - HLINEAPP objects: one per lineInitializeEx                      */

enum tapi_notify_mode {
	TAPI_NOTIFY_CALLBACK,		/* USEHIDDENWINDOW: library thread */
	TAPI_NOTIFY_EVENT,		/* USEEVENT: eventfd + lineGetMessage */
};

struct tapi_app {
	struct tapi_object obj;
	HLINEAPP handle;
	DWORD api_version;		/* the highest the application supports */
	DWORD num_devs;			/* line devices it was told about */
	enum tapi_notify_mode mode;
	char *friendly_name;
	struct tapi_msgq queue;
	struct tapi_dispatcher dispatcher;	/* callback mode only */
};

extern struct tapi_handle_table tapi_apps;

LONG tapi_app_create(DWORD options, LINECALLBACK callback,
		     const char *friendly_name, DWORD api_version,
		     DWORD num_devs, struct tapi_app **app_out);
LONG tapi_app_lookup(HLINEAPP handle, struct tapi_app **app_out);
void tapi_app_put(struct tapi_app *app);
LONG tapi_app_shutdown(HLINEAPP handle);
int tapi_app_post(struct tapi_app *app, DWORD device, DWORD message,
		  DWORD_PTR instance, DWORD_PTR p1, DWORD_PTR p2,
		  DWORD_PTR p3);

/* request.c - asynchronous request IDs and LINE_REPLY */

LONG tapi_request_new(void);
int tapi_request_complete(struct tapi_app *app, LONG request_id,
			  LONG result, DWORD_PTR instance);

/* ---------------------------------------------------------------------- */
/* dialstring.c - TAPI dialable and canonical addresses                    */

enum tapi_dial_step_kind {
	TAPI_STEP_DIGITS,	/* send digits[] in mode */
	TAPI_STEP_PAUSE,	/* ',' : one dial pause */
	TAPI_STEP_WAIT_DIALTONE,/* 'W' */
	TAPI_STEP_WAIT_QUIET,	/* '@' : ring-back, then silence */
	TAPI_STEP_WAIT_BILLING,	/* '$' : billing (credit card) tone */
	TAPI_STEP_FLASH,	/* '!' : hook flash */
};

enum tapi_dial_mode {
	TAPI_DIAL_TONE,		/* DTMF, the default; 'T' */
	TAPI_DIAL_PULSE,	/* 'P' : 0-9 only */
};

/* A run of digits fits one TAPI_IOC_DIAL (TAPI_DIGITS_LEN - 1 digits). */
#define TAPI_DIAL_RUN_MAX	63
#define TAPI_DIAL_STRING_MAX	256	/* bytes accepted in a dial string */
#define TAPI_DIAL_CODE_MAX	8	/* digits of a country or area code */

struct tapi_dial_step {
	enum tapi_dial_step_kind kind;
	enum tapi_dial_mode mode;	/* TAPI_STEP_DIGITS */
	char digits[TAPI_DIAL_RUN_MAX + 1];
};

struct tapi_dialplan {
	struct tapi_dial_step *steps;
	size_t nsteps;
	bool partial;		/* ended in ';': more comes with lineDial */
	bool canonical;		/* "+CC [(AC) ]number" */
	bool international;	/* began with '+' */
	char country_code[TAPI_DIAL_CODE_MAX + 1];	/* canonical only */
	char area_code[TAPI_DIAL_CODE_MAX + 1];		/* canonical, optional */
	char *subaddress;	/* after '|', or NULL */
	char *name;		/* after '^', or NULL */
};

LONG tapi_dialplan_parse(const char *s, DWORD devcap_flags,
			 struct tapi_dialplan *plan);
void tapi_dialplan_release(struct tapi_dialplan *plan);

#endif /* TAPI_LIB_PRIVATE_H */
