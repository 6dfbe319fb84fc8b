// SPDX-License-Identifier: LGPL-2.1-or-later
/* The fake proxy relay of fake_relay.h. */
#include <errno.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "fake_relay.h"
#include "../../lib/engine.h"

/* A note waiting for the library's read. */
struct queued {
	struct queued *next;
	struct tapi_relay_note n;
	unsigned char *data;
};

/* A request pending with a proxy (ours or the foreign one). */
struct pend {
	struct pend *next;
	uint32_t req_id, cookie, channel, type;
	bool foreign;
	bool taken;		/* the test has seen it (foreign) */
	unsigned char *data;
	size_t len;
};

static struct {
	pthread_mutex_t lock;	/* every field */
	pthread_cond_t cond;	/* foreign requests arrive */
	bool enabled;
	struct tapi_relay relay;
	bool open;
	uint32_t ours[FAKE_MAX_CHANS];		/* our socket's types */
	uint32_t foreign[FAKE_MAX_CHANS];	/* the foreign proxy's */
	struct queued *head, **tail;
	struct pend *pending;
	uint32_t next_id;
	bool losing;		/* notes are dropped: the buffer is full */
	bool lost;		/* some were: the next read says ENOBUFS */
} fr = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
	.next_id = 1,
};

/* Queue a note for the library; lock held. */
static void enqueue(const struct tapi_relay_note *n, const void *data,
		    size_t len)
{
	struct queued *q = calloc(1, sizeof(*q));
	uint64_t one = 1;

	if (!q || !fr.open || fr.losing) {
		fr.lost |= fr.open && fr.losing;
		free(q);
		return;
	}
	q->n = *n;
	if (len) {
		q->data = malloc(len);
		memcpy(q->data, data, len);
	}
	q->n.data = q->data;
	q->n.data_len = len;
	*fr.tail = q;
	fr.tail = &q->next;
	if (write(fr.relay.poll_fd, &one, sizeof(one)) < 0) {
		/* counter full: readable anyway */
	}
}

static void status_changed(uint32_t channel)
{
	struct tapi_relay_note n = {
		.cmd = TAPI_CMD_PROXY_STATUS,
		.channel = channel,
		.types = fr.ours[channel] | fr.foreign[channel],
	};

	enqueue(&n, NULL, 0);
}

/* Answer a pending request as the kernel does; lock held. */
static void answer(struct pend *p, uint32_t status, int32_t result,
		   const void *data, size_t len)
{
	struct tapi_relay_note n = {
		.cmd = TAPI_CMD_PROXY_RESPONSE,
		.channel = p->channel,
		.req_id = p->req_id,
		.cookie = p->cookie,
		.status = status,
		.result = result,
	};

	enqueue(&n, data, len);
}

static void pend_free(struct pend **pp)
{
	struct pend *p = *pp;

	*pp = p->next;
	free(p->data);
	free(p);
}

static int f_register(struct tapi_relay *r, uint32_t channel, uint32_t types)
{
	int err = 0;

	pthread_mutex_lock(&fr.lock);
	if (channel >= FAKE_MAX_CHANS)
		err = -ENODEV;
	else if (!types || types & 1)
		err = -EINVAL;
	else if (fr.foreign[channel] & types)
		err = -EBUSY;
	if (!err) {
		fr.ours[channel] |= types;
		status_changed(channel);
	}
	pthread_mutex_unlock(&fr.lock);
	return err;
}

/* Our proxy stops serving @types: its pending requests are gone. */
static void drop_ours(uint32_t channel, uint32_t types)
{
	struct pend **pp = &fr.pending;

	fr.ours[channel] &= ~types;
	while (*pp) {
		if (!(*pp)->foreign && (*pp)->channel == channel &&
		    types & (1U << (*pp)->type)) {
			answer(*pp, TAPI_PROXY_GONE, 0, NULL, 0);
			pend_free(pp);
		} else {
			pp = &(*pp)->next;
		}
	}
	status_changed(channel);
}

static int f_unregister(struct tapi_relay *r, uint32_t channel,
			uint32_t types, bool wait)
{
	pthread_mutex_lock(&fr.lock);
	if (channel < FAKE_MAX_CHANS)
		drop_ours(channel, types ? types : ~0U);
	pthread_mutex_unlock(&fr.lock);
	return channel < FAKE_MAX_CHANS ? 0 : -ENODEV;
}

static int f_get_types(struct tapi_relay *r, uint32_t channel,
		       uint32_t *types)
{
	if (channel >= FAKE_MAX_CHANS)
		return -ENODEV;
	*types = fake_relay_types(channel);
	return 0;
}

static int f_request(struct tapi_relay *r, uint32_t channel, uint32_t type,
		     uint32_t cookie, const void *data, size_t len)
{
	struct pend *p;
	int err = 0;

	if (channel >= FAKE_MAX_CHANS || !type || type > 31)
		return -EINVAL;
	if (len > TAPI_PROXY_DATA_MAX)
		return -EMSGSIZE;
	pthread_mutex_lock(&fr.lock);
	if (!((fr.ours[channel] | fr.foreign[channel]) & (1U << type))) {
		err = -ENOENT;
		goto out;
	}
	p = calloc(1, sizeof(*p));
	p->req_id = fr.next_id++;
	p->cookie = cookie;
	p->channel = channel;
	p->type = type;
	p->foreign = fr.foreign[channel] & (1U << type);
	p->data = malloc(len);
	memcpy(p->data, data, len);
	p->len = len;
	p->next = fr.pending;
	fr.pending = p;
	if (p->foreign) {
		pthread_cond_broadcast(&fr.cond);
	} else {
		struct tapi_relay_note n = {
			.cmd = TAPI_CMD_PROXY_REQUEST,
			.channel = channel,
			.type = type,
			.req_id = p->req_id,
		};

		enqueue(&n, data, len);
	}
out:
	pthread_mutex_unlock(&fr.lock);
	return err;
}

static struct pend **find(uint32_t req_id, bool foreign)
{
	for (struct pend **pp = &fr.pending; *pp; pp = &(*pp)->next)
		if ((*pp)->req_id == req_id && (*pp)->foreign == foreign)
			return pp;
	return NULL;
}

static int f_respond(struct tapi_relay *r, uint32_t req_id, int32_t result,
		     const void *data, size_t len, bool wait)
{
	struct pend **pp;
	int err = 0;

	if (len > TAPI_PROXY_DATA_MAX)
		return -EMSGSIZE;
	pthread_mutex_lock(&fr.lock);
	pp = find(req_id, false);
	if (!pp) {
		err = -ENOENT;
	} else {
		answer(*pp, TAPI_PROXY_ANSWERED, result, data, len);
		pend_free(pp);
	}
	pthread_mutex_unlock(&fr.lock);
	return err;
}

static int f_message(struct tapi_relay *r, uint32_t channel, uint32_t msg,
		     const uint32_t param[3])
{
	struct tapi_relay_note n = {
		.cmd = TAPI_CMD_PROXY_MESSAGE,
		.channel = channel,
		.msg = msg,
		.param = { param[0], param[1], param[2] },
	};
	int err = 0;

	pthread_mutex_lock(&fr.lock);
	if (channel >= FAKE_MAX_CHANS || !fr.ours[channel])
		err = -EPERM;
	else
		enqueue(&n, NULL, 0);
	pthread_mutex_unlock(&fr.lock);
	return err;
}

static int f_read(struct tapi_relay *r, tapi_relay_note_fn fn, void *ctx)
{
	uint64_t v;

	if (read(r->poll_fd, &v, sizeof(v)) < 0) {
		/* nothing signalled: drain what is there anyway */
	}
	pthread_mutex_lock(&fr.lock);
	if (fr.lost) {
		/* as recvmsg: the overrun once, the socket stays readable */
		uint64_t one = 1;

		fr.lost = false;
		if (fr.head && write(r->poll_fd, &one, sizeof(one)) < 0) {
			/* counter full: readable anyway */
		}
		pthread_mutex_unlock(&fr.lock);
		return -ENOBUFS;
	}
	pthread_mutex_unlock(&fr.lock);
	for (;;) {
		struct queued *q;

		pthread_mutex_lock(&fr.lock);
		q = fr.head;
		if (q) {
			fr.head = q->next;
			if (!fr.head)
				fr.tail = &fr.head;
		}
		pthread_mutex_unlock(&fr.lock);
		if (!q)
			return 0;
		fn(ctx, &q->n);
		free(q->data);
		free(q);
	}
}

static void f_close(struct tapi_relay *r)
{
	pthread_mutex_lock(&fr.lock);
	/* our socket closes: the kernel drops its registrations and the
	 * requests it made; foreign ones stay */
	for (unsigned int c = 0; c < FAKE_MAX_CHANS; c++)
		fr.ours[c] = 0;
	while (fr.pending)
		pend_free(&fr.pending);
	while (fr.head) {
		struct queued *q = fr.head;

		fr.head = q->next;
		free(q->data);
		free(q);
	}
	fr.tail = &fr.head;
	close(r->poll_fd);
	fr.open = false;
	fr.losing = false;
	fr.lost = false;
	pthread_mutex_unlock(&fr.lock);
}

static const struct tapi_relay_ops fake_relay_ops = {
	.register_types = f_register,
	.unregister_types = f_unregister,
	.get_types = f_get_types,
	.request = f_request,
	.respond = f_respond,
	.message = f_message,
	.read = f_read,
	.close = f_close,
};

void fake_relay_enable(void)
{
	pthread_mutex_lock(&fr.lock);
	fr.enabled = true;
	pthread_mutex_unlock(&fr.lock);
}

int fake_relay_open(struct tapi_relay **out)
{
	int err = 0;

	pthread_mutex_lock(&fr.lock);
	if (!fr.enabled) {
		err = -ENOENT;
	} else if (fr.open) {
		err = -EBUSY;	/* the library opens one per process */
	} else {
		fr.relay.ops = &fake_relay_ops;
		fr.relay.poll_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		fr.head = NULL;
		fr.tail = &fr.head;
		fr.open = true;
		*out = &fr.relay;
	}
	pthread_mutex_unlock(&fr.lock);
	return err;
}

void fake_relay_foreign(unsigned int channel, uint32_t types)
{
	pthread_mutex_lock(&fr.lock);
	fr.foreign[channel] |= types;
	status_changed(channel);
	pthread_mutex_unlock(&fr.lock);
}

uint32_t fake_relay_types(unsigned int channel)
{
	uint32_t t;

	pthread_mutex_lock(&fr.lock);
	t = fr.ours[channel] | fr.foreign[channel];
	pthread_mutex_unlock(&fr.lock);
	return t;
}

bool fake_relay_wait_request(unsigned int channel, uint32_t type,
			     struct fake_relay_req *req, unsigned int ms)
{
	struct timespec until;
	bool found = false;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000 + 1;
	pthread_mutex_lock(&fr.lock);
	for (;;) {
		for (struct pend *p = fr.pending; p; p = p->next) {
			if (p->foreign && !p->taken && p->channel == channel &&
			    p->type == type) {
				p->taken = true;
				req->req_id = p->req_id;
				req->channel = channel;
				req->type = type;
				memcpy(req->data, p->data, p->len);
				req->len = p->len;
				found = true;
				break;
			}
		}
		if (found || pthread_cond_timedwait(&fr.cond, &fr.lock,
						    &until) == ETIMEDOUT)
			break;
	}
	pthread_mutex_unlock(&fr.lock);
	return found;
}

void fake_relay_answer(uint32_t req_id, int32_t result, const void *data,
		       size_t len)
{
	struct pend **pp;

	pthread_mutex_lock(&fr.lock);
	pp = find(req_id, true);
	ck_assert_ptr_nonnull(pp);
	answer(*pp, TAPI_PROXY_ANSWERED, result, data, len);
	pend_free(pp);
	pthread_mutex_unlock(&fr.lock);
}

void fake_relay_foreign_gone(unsigned int channel)
{
	pthread_mutex_lock(&fr.lock);
	fr.foreign[channel] = 0;
	for (struct pend **pp = &fr.pending; *pp;) {
		if ((*pp)->foreign && (*pp)->channel == channel) {
			answer(*pp, TAPI_PROXY_GONE, 0, NULL, 0);
			pend_free(pp);
		} else {
			pp = &(*pp)->next;
		}
	}
	status_changed(channel);
	pthread_mutex_unlock(&fr.lock);
}

void fake_relay_foreign_message(unsigned int channel, uint32_t msg,
				uint32_t p1, uint32_t p2, uint32_t p3)
{
	struct tapi_relay_note n = {
		.cmd = TAPI_CMD_PROXY_MESSAGE,
		.channel = channel,
		.msg = msg,
		.param = { p1, p2, p3 },
	};

	pthread_mutex_lock(&fr.lock);
	enqueue(&n, NULL, 0);
	pthread_mutex_unlock(&fr.lock);
}

void fake_relay_lose_notes(bool on)
{
	uint64_t one = 1;

	pthread_mutex_lock(&fr.lock);
	fr.losing = on;
	if (!on && fr.lost && fr.open &&
	    write(fr.relay.poll_fd, &one, sizeof(one)) < 0) {
		/* counter full: readable anyway */
	}
	pthread_mutex_unlock(&fr.lock);
}

void fake_relay_advance_ms(uint64_t ms)
{
	tapi_engine_lock();
	tapi_timers_run(tapi_now_ms() + ms);
	tapi_engine_unlock();
	tapi_engine_wake();	/* the engine thread posts what they queued */
}

unsigned int fake_relay_pending_count(void)
{
	unsigned int n = 0;

	pthread_mutex_lock(&fr.lock);
	for (struct pend *p = fr.pending; p; p = p->next)
		n++;
	pthread_mutex_unlock(&fr.lock);
	return n;
}

HLINE fake_proxy_open(HLINEAPP app, DWORD device, DWORD version,
		      const DWORD *types, DWORD n, LONG *err)
{
	struct {
		LINECALLPARAMS cp;
		DWORD types[32];
	} p;
	HLINE h = 0;

	memset(&p, 0, sizeof(p));
	p.cp.dwTotalSize = sizeof(p);
	p.cp.dwDevSpecificSize = n * sizeof(DWORD);
	p.cp.dwDevSpecificOffset = offsetof(typeof(p), types);
	memcpy(p.types, types, n * sizeof(DWORD));
	*err = lineOpen(app, device, &h, version, 0, 0,
			LINECALLPRIVILEGE_NONE | LINEOPENOPTION_PROXY, 0,
			&p.cp);
	return *err ? 0 : h;
}

LINEPROXYREQUEST *fake_proxy_next(HLINEAPP app, HLINE line, DWORD type,
				  unsigned int ms)
{
	LINEMESSAGE m;
	LINEPROXYREQUEST *req;

	if (!fake_wait_msg(app, LINE_PROXYREQUEST, line, &m, ms))
		return NULL;
	req = (LINEPROXYREQUEST *)m.dwParam1;
	ck_assert_ptr_nonnull(req);
	ck_assert_uint_eq(req->dwRequestType, type);
	return req;
}

LONG fake_reply(HLINEAPP app, LONG id, unsigned int ms)
{
	LINEMESSAGE m;
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		long left;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (long)ms - ((now.tv_sec - start.tv_sec) * 1000 +
				   (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0 ||
		    !fake_wait_msg(app, LINE_REPLY, 0, &m, (unsigned int)left))
			return FAKE_NO_REPLY;
		if ((LONG)m.dwParam1 == id)
			return (LONG)m.dwParam2;
	}
}
