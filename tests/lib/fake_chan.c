// SPDX-License-Identifier: LGPL-2.1-or-later
/* The fake device backend of fake_chan.h. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fake_chan.h"
#include "fake_relay.h"

struct fake_chan *fake_chans[FAKE_MAX_CHANS];
static struct tapi_dev_info fake_devs[FAKE_MAX_CHANS];
static unsigned int fake_ndevs;
static bool fake_present[FAKE_MAX_CHANS];
bool fake_denied[FAKE_MAX_CHANS];
static uint32_t next_call_id = 100;
static pthread_mutex_t fake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t fake_cond = PTHREAD_COND_INITIALIZER;

static struct fake_chan *fc_of(struct tapi_chan *c)
{
	return (struct fake_chan *)c;
}

static void deadline(struct timespec *ts, unsigned int ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

static int record(struct tapi_chan *c, enum fake_op_kind kind, uint32_t arg,
		  const char *digits, const struct tapi_tone_req *tone)
{
	struct fake_chan *fc = fc_of(c);
	int err = 0;

	pthread_mutex_lock(&fc->lock);
	if (fc->fail_errno) {
		err = -fc->fail_errno;
		fc->fail_errno = 0;
	} else if (fc->nops < FAKE_MAX_OPS) {
		struct fake_op *op = &fc->ops[fc->nops++];

		memset(op, 0, sizeof(*op));
		op->kind = kind;
		op->arg = arg;
		if (digits)
			snprintf(op->digits, sizeof(op->digits), "%s", digits);
		if (tone)
			op->tone = *tone;
	}
	pthread_cond_broadcast(&fc->cond);
	pthread_mutex_unlock(&fc->lock);
	return err;
}

static int f_set_hook(struct tapi_chan *c, enum tapi_hook hook)
{
	return record(c, FAKE_OP_HOOK, hook, NULL, NULL);
}

static int f_ring_start(struct tapi_chan *c, const struct tapi_ring *r)
{
	return record(c, FAKE_OP_RING_START, r->nsteps, NULL, NULL);
}

static int f_ring_stop(struct tapi_chan *c)
{
	return record(c, FAKE_OP_RING_STOP, 0, NULL, NULL);
}

static int f_dial(struct tapi_chan *c, const struct tapi_dial *d)
{
	return record(c, FAKE_OP_DIAL, d->on_ms, d->digits, NULL);
}

static int f_get_event(struct tapi_chan *c, struct tapi_event *ev)
{
	struct fake_chan *fc = fc_of(c);
	uint64_t v;
	int err = 0;

	pthread_mutex_lock(&fc->lock);
	if (!fc->qcount) {
		err = -EAGAIN;
		if (read(fc->efd, &v, sizeof(v)) < 0) {
			/* already drained */
		}
	} else {
		*ev = fc->q[fc->qhead];
		fc->qhead = (fc->qhead + 1) % 256;
		fc->qcount--;
	}
	pthread_mutex_unlock(&fc->lock);
	return err;
}

static int f_get_call(struct tapi_chan *c, struct tapi_call_info *call)
{
	struct fake_chan *fc = fc_of(c);

	pthread_mutex_lock(&fc->lock);
	*call = fc->call;
	pthread_mutex_unlock(&fc->lock);
	return 0;
}

static int f_set_call_state(struct tapi_chan *c, enum tapi_call_state st)
{
	return record(c, FAKE_OP_SET_CALL_STATE, st, NULL, NULL);
}

static int f_tone_start(struct tapi_chan *c, const struct tapi_tone_req *r)
{
	return record(c, FAKE_OP_TONE_START, r->tone, NULL, r);
}

static int f_tone_stop(struct tapi_chan *c)
{
	return record(c, FAKE_OP_TONE_STOP, 0, NULL, NULL);
}

static void f_close(struct tapi_chan *c)
{
	struct fake_chan *fc = fc_of(c);

	record(c, FAKE_OP_CLOSE, 0, NULL, NULL);
	pthread_mutex_lock(&fc->lock);
	fc->closed = true;
	pthread_mutex_unlock(&fc->lock);
	/* kept (leaked) so the test can still look at its ops */
}

static const struct tapi_chan_ops fake_ops = {
	.set_hook = f_set_hook,
	.ring_start = f_ring_start,
	.ring_stop = f_ring_stop,
	.dial = f_dial,
	.get_event = f_get_event,
	.get_call = f_get_call,
	.set_call_state = f_set_call_state,
	.tone_start = f_tone_start,
	.tone_stop = f_tone_stop,
	.close = f_close,
};

static int f_enumerate(struct tapi_dev_list *list)
{
	list->count = 0;
	list->devs = calloc(FAKE_MAX_CHANS, sizeof(*list->devs));
	if (!list->devs)
		return -ENOMEM;
	pthread_mutex_lock(&fake_lock);
	for (unsigned int i = 0; i < fake_ndevs; i++)
		if (fake_present[i])
			list->devs[list->count++] = fake_devs[i];
	pthread_mutex_unlock(&fake_lock);
	return 0;
}

static int f_open(const struct tapi_dev_info *info, struct tapi_chan **out)
{
	struct fake_chan *fc;

	if (info->channel >= fake_ndevs || !fake_present[info->channel])
		return -ENODEV;
	if (fake_denied[info->channel])
		return -EACCES;
	fc = calloc(1, sizeof(*fc));
	if (!fc)
		return -ENOMEM;
	fc->chan.ops = &fake_ops;
	fc->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	fc->chan.poll_fd = fc->efd;
	fc->chan.poll_events = POLLIN;
	fc->channel = info->channel;
	pthread_mutex_init(&fc->lock, NULL);
	pthread_cond_init(&fc->cond, NULL);
	pthread_mutex_lock(&fake_lock);
	fake_chans[info->channel] = fc;
	pthread_cond_broadcast(&fake_cond);
	pthread_mutex_unlock(&fake_lock);
	*out = &fc->chan;
	return 0;
}

const char *fake_sound_root;

/* The real lookup, in the test's own sound class directory. */
static int f_pcm_name(const struct tapi_dev_info *info, char *buf,
		      size_t size)
{
	if (!fake_sound_root)
		return -ENOENT;
	return tapi_pcm_name_in(fake_sound_root, info->card_name, info->index,
				buf, size);
}

const char *fake_sound_card;

/* A handset's own sound card: the id the test chose, an absent number. */
static int f_sound_card(const struct tapi_dev_info *info, char *id,
			size_t size, int *number)
{
	if (!fake_sound_card || info->signalling != TAPI_SIG_HANDSET)
		return -ENOENT;
	snprintf(id, size, "%s", fake_sound_card);
	*number = 99;
	return 0;
}

void fake_set_caps(unsigned int channel, uint32_t caps)
{
	pthread_mutex_lock(&fake_lock);
	fake_devs[channel].caps = caps;
	pthread_mutex_unlock(&fake_lock);
}

static const struct tapi_backend fake_backend = {
	.enumerate = f_enumerate,
	.open = f_open,
	.pcm_name = f_pcm_name,
	.sound_card = f_sound_card,
	.relay_open = fake_relay_open,	/* fake_relay.c */
};

void fake_backend_install(unsigned int n, const enum tapi_signalling *sigs)
{
	tapi_registry_reset();
	fake_ndevs = n;
	for (unsigned int i = 0; i < n; i++) {
		struct tapi_dev_info *d = &fake_devs[i];

		memset(d, 0, sizeof(*d));
		d->channel = i;
		d->card = 0;
		d->index = i;
		d->signalling = sigs ? sigs[i] : TAPI_SIG_FXO;
		d->caps = TAPI_CAP_MEDIA;
		strcpy(d->card_name, "fake0");
		strcpy(d->driver, "fake");
		snprintf(d->name, sizeof(d->name), "fake0/%s%u",
			 d->signalling == TAPI_SIG_FXO ? "fxo" : "fxs", i);
		snprintf(d->number, sizeof(d->number), "20%02u", i);
		snprintf(d->devnode, sizeof(d->devnode), "/nonexistent/%u", i);
		fake_present[i] = true;
	}
	/* Rendezvous files of the tests go to a directory of their own. */
	{
		static char dir[64];

		snprintf(dir, sizeof(dir), "/tmp/tapi-check-%d", (int)getpid());
		mkdir(dir, 0700);
		setenv("TAPI_RUNTIME_DIR", dir, 1);
	}
	tapi_backend_set(&fake_backend);
}

void fake_backend_remove(unsigned int channel)
{
	pthread_mutex_lock(&fake_lock);
	fake_present[channel] = false;
	pthread_mutex_unlock(&fake_lock);
}

void fake_event(unsigned int channel, uint32_t type, uint32_t value,
		uint32_t duration_ms)
{
	struct fake_chan *fc = fake_chans[channel];
	uint64_t one = 1;
	struct timespec ts;

	ck_assert_ptr_nonnull(fc);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	pthread_mutex_lock(&fc->lock);
	if (fc->qcount < 256) {
		struct tapi_event *ev = &fc->q[(fc->qhead + fc->qcount++) % 256];

		ev->type = type;
		ev->value = value;
		ev->duration_ms = duration_ms;
		ev->seq = 0;
		ev->timestamp_ns = (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	}
	pthread_mutex_unlock(&fc->lock);
	ck_assert_int_eq(write(fc->efd, &one, sizeof(one)), sizeof(one));
}

void fake_call_state(unsigned int channel, uint32_t state, uint32_t cause,
		     uint32_t direction)
{
	struct fake_chan *fc = fake_chans[channel];

	ck_assert_ptr_nonnull(fc);
	pthread_mutex_lock(&fc->lock);
	if (state == TAPI_CALL_IDLE) {
		memset(&fc->call, 0, sizeof(fc->call));
	} else {
		if (!fc->call.call_id) {
			fc->call.call_id = next_call_id++;
			fc->call.direction = direction;
		}
		fc->call.state = state;
		fc->call.cause = cause;
	}
	fc->call.seq++;
	pthread_mutex_unlock(&fc->lock);
	fake_event(channel, TAPI_EV_CALL_STATE, state, cause);
}

void fake_caller_id(unsigned int channel, const char *number,
		    const char *name, uint32_t flags)
{
	struct fake_chan *fc = fake_chans[channel];

	pthread_mutex_lock(&fc->lock);
	snprintf(fc->call.caller_number, sizeof(fc->call.caller_number), "%s",
		 number);
	snprintf(fc->call.caller_name, sizeof(fc->call.caller_name), "%s",
		 name);
	fc->call.caller_flags = flags;
	pthread_mutex_unlock(&fc->lock);
	fake_event(channel, TAPI_EV_CALLER_ID, 0, 0);
}

bool fake_wait_open(unsigned int channel, unsigned int ms)
{
	struct timespec ts;
	bool ok;

	deadline(&ts, ms);
	pthread_mutex_lock(&fake_lock);
	while (!fake_chans[channel] &&
	       pthread_cond_timedwait(&fake_cond, &fake_lock, &ts) == 0)
		;
	ok = fake_chans[channel] != NULL;
	pthread_mutex_unlock(&fake_lock);
	return ok;
}

static int find_op(struct fake_chan *fc, enum fake_op_kind kind,
		   unsigned int nth)
{
	for (unsigned int i = 0; i < fc->nops; i++)
		if (fc->ops[i].kind == kind && nth-- == 0)
			return (int)i;
	return -1;
}

bool fake_wait_op(unsigned int channel, enum fake_op_kind kind,
		  unsigned int nth, struct fake_op *op, unsigned int ms)
{
	struct fake_chan *fc = fake_chans[channel];
	struct timespec ts;
	int i;

	if (!fc)
		return false;
	deadline(&ts, ms);
	pthread_mutex_lock(&fc->lock);
	while ((i = find_op(fc, kind, nth)) < 0 &&
	       pthread_cond_timedwait(&fc->cond, &fc->lock, &ts) == 0)
		;
	if (i >= 0 && op)
		*op = fc->ops[i];
	pthread_mutex_unlock(&fc->lock);
	return i >= 0;
}

unsigned int fake_count_ops(unsigned int channel, enum fake_op_kind kind)
{
	struct fake_chan *fc = fake_chans[channel];
	unsigned int n = 0;

	if (!fc)
		return 0;
	pthread_mutex_lock(&fc->lock);
	for (unsigned int i = 0; i < fc->nops; i++)
		n += fc->ops[i].kind == kind;
	pthread_mutex_unlock(&fc->lock);
	return n;
}

HLINEAPP fake_init_app(const char *name, DWORD *ndevs)
{
	LINEINITIALIZEEXPARAMS ip = {
		.dwTotalSize = sizeof(ip),
		.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT,
	};
	DWORD version = 0x00020002, n = 0;
	HLINEAPP app = 0;

	ck_assert_int_eq(lineInitializeEx(&app, NULL, NULL, name, &n, &version,
					  &ip), 0);
	if (ndevs)
		*ndevs = n;
	return app;
}

bool fake_next_msg(HLINEAPP app, LINEMESSAGE *m, unsigned int ms)
{
	return lineGetMessage(app, m, ms) == 0;
}

/* The next message with this id (and hDevice, unless 0); others skipped. */
bool fake_wait_msg(HLINEAPP app, DWORD id, DWORD device, LINEMESSAGE *m,
		   unsigned int ms)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		long left;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (long)ms - ((now.tv_sec - start.tv_sec) * 1000 +
				   (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0 || lineGetMessage(app, m, left) != 0)
			return false;
		if (m->dwMessageID == id && (!device || m->hDevice == device))
			return true;
	}
}

/* No message with this id arrives within ms (others are consumed). */
bool fake_no_msg(HLINEAPP app, DWORD id, unsigned int ms)
{
	LINEMESSAGE m;

	return !fake_wait_msg(app, id, 0, &m, ms);
}
