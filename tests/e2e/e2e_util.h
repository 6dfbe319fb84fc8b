/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers of the end-to-end tests: TAPI programs run in the test VM
 * against the simulated card, through libtapi.so exactly as an
 * application uses it (only <tapi.h>), with the simulator driven through
 * /dev/tapi/sim to play the outside world.
 *
 * Every message a test waits for is printed as a TAP comment, so the
 * console log tells the story of a failure.  Timeouts are generous: tone
 * and caller ID detection take seconds under emulation; they bound a
 * wait, they never decide a result.
 */
#ifndef E2E_UTIL_H
#define E2E_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tapi.h>
#include <linux/tapi.h>

#define E2E_TIMEOUT_MS	20000
#define E2E_NAME_MAX	64

static inline long e2e_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static inline void e2e_sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* ---------------------------------------------------------------------- */
/* A second process, talking to the test through two pipes                 */

struct e2e_peer {
	pid_t pid;
	int to_child, from_child;	/* the parent's ends */
	int rd, wr;			/* the child's ends */
};

/*
 * Forks: returns in both processes, the child with p->pid 0 and its ends
 * in p->rd and p->wr, the parent with the other two.
 */
static inline void e2e_peer_start(struct e2e_peer *p)
{
	int down[2], up[2];

	if (pipe(down) || pipe(up))
		exit(1);
	fflush(stdout);
	p->pid = fork();
	if (p->pid < 0)
		exit(1);
	if (p->pid == 0) {
		close(down[1]);
		close(up[0]);
		p->rd = down[0];
		p->wr = up[1];
		return;
	}
	close(down[0]);
	close(up[1]);
	p->to_child = down[1];
	p->from_child = up[0];
}

/* The child's verdict: its exit status, 128 + the signal that killed it. */
static inline int e2e_peer_wait(struct e2e_peer *p)
{
	int status;

	close(p->to_child);
	if (waitpid(p->pid, &status, 0) != p->pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---------------------------------------------------------------------- */
/* The simulated card                                                      */

struct e2e_card {
	int sim;
	struct tapi_sim_card card;
	unsigned int nfxs, nfxo;
	bool added;
};

static inline unsigned int e2e_fxs(const struct e2e_card *c, unsigned int i)
{
	return c->card.first_channel + i;
}

static inline unsigned int e2e_fxo(const struct e2e_card *c, unsigned int i)
{
	return c->card.first_channel + c->nfxs + i;
}

/* Add a card and wait until devtmpfs made every channel's node. */
static inline int e2e_card_add(struct e2e_card *c, unsigned int nfxs,
			       unsigned int nfxo)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;

	memset(c, 0, sizeof(*c));
	c->sim = open("/dev/tapi/sim", O_RDWR | O_CLOEXEC);
	if (c->sim < 0)
		return -errno;
	c->card.nfxs = nfxs;
	c->card.nfxo = nfxo;
	if (ioctl(c->sim, TAPI_SIM_IOC_CARD_ADD, &c->card))
		return -errno;
	c->added = true;
	c->nfxs = nfxs;
	c->nfxo = nfxo;
	for (unsigned int i = 0; i < nfxs + nfxo; i++) {
		char node[64];

		snprintf(node, sizeof(node), "/dev/tapi/%u",
			 c->card.first_channel + i);
		while (access(node, F_OK)) {
			if (e2e_now_ms() > end)
				return -ENOENT;
			e2e_sleep_ms(10);
		}
	}
	/* With udevd running, let it apply its rules (owner, mode) first. */
	if (!access("/run/udev/control", F_OK) &&
	    system("udevadm settle --timeout=20") != 0)
		return -ETIMEDOUT;
	return 0;
}

static inline int e2e_card_remove(struct e2e_card *c)
{
	uint32_t n = c->card.card;

	if (!c->added)
		return 0;
	c->added = false;
	return ioctl(c->sim, TAPI_SIM_IOC_CARD_REMOVE, &n) ? -errno : 0;
}

static inline void e2e_card_release(struct e2e_card *c)
{
	e2e_card_remove(c);
	if (c->sim >= 0)
		close(c->sim);
	c->sim = -1;
}

/* A simulator command on a port: hook, dial, CO ring/hang-up, ... */
static inline int e2e_sim(struct e2e_card *c, unsigned long cmd,
			  unsigned int channel, uint32_t arg,
			  const char *digits, const char *name)
{
	struct tapi_sim_port p;

	memset(&p, 0, sizeof(p));
	p.channel = channel;
	p.arg = arg;
	if (digits)
		snprintf(p.digits, sizeof(p.digits), "%s", digits);
	if (name)
		snprintf(p.name, sizeof(p.name), "%s", name);
	return ioctl(c->sim, cmd, &p) ? -errno : 0;
}

static inline int e2e_sim_status(struct e2e_card *c, unsigned int channel,
				 struct tapi_sim_status *st)
{
	memset(st, 0, sizeof(*st));
	st->channel = channel;
	return ioctl(c->sim, TAPI_SIM_IOC_STATUS, st) ? -errno : 0;
}

/* Wait until the simulated CO has a line in @state. */
static inline bool e2e_wait_co_state(struct e2e_card *c, unsigned int channel,
				     uint32_t state)
{
	long end = e2e_now_ms() + E2E_TIMEOUT_MS;
	struct tapi_sim_status st;

	while (!e2e_sim_status(c, channel, &st) && e2e_now_ms() < end) {
		if (st.co_state == state)
			return true;
		e2e_sleep_ms(20);
	}
	return false;
}

/* ---------------------------------------------------------------------- */
/* TAPI                                                                    */

static inline const char *e2e_msg_name(DWORD id)
{
	static const char *const names[] = {
		"LINE_ADDRESSSTATE", "LINE_CALLINFO", "LINE_CALLSTATE",
		"LINE_CLOSE", "LINE_DEVSPECIFIC", "LINE_DEVSPECIFICFEATURE",
		"LINE_GATHERDIGITS", "LINE_GENERATE", "LINE_LINEDEVSTATE",
		"LINE_MONITORDIGITS", "LINE_MONITORMEDIA", "LINE_MONITORTONE",
		"LINE_REPLY", "LINE_REQUEST", "PHONE_BUTTON", "PHONE_CLOSE",
		"PHONE_DEVSPECIFIC", "PHONE_REPLY", "PHONE_STATE", "LINE_CREATE",
		"PHONE_CREATE", "LINE_AGENTSPECIFIC", "LINE_AGENTSTATUS",
		"LINE_APPNEWCALL", "LINE_PROXYREQUEST", "LINE_REMOVE",
	};

	return id < sizeof(names) / sizeof(names[0]) ? names[id] : "?";
}

static inline const char *e2e_state_name(DWORD s)
{
	static const char *const names[] = {
		"IDLE", "OFFERING", "ACCEPTED", "DIALTONE", "DIALING",
		"RINGBACK", "BUSY", "SPECIALINFO", "CONNECTED", "PROCEEDING",
		"ONHOLD", "CONFERENCED", "ONHOLDPENDCONF", "ONHOLDPENDTRANSFER",
		"DISCONNECTED", "UNKNOWN",
	};

	for (unsigned int i = 0; i < 16; i++)
		if (s == 1u << i)
			return names[i];
	return "?";
}

static inline void e2e_print_msg(const char *who, const LINEMESSAGE *m)
{
	printf("#   %-8s %-18s hDevice=0x%08x p1=0x%lx p2=0x%lx p3=0x%lx%s%s\n",
	       who, e2e_msg_name(m->dwMessageID), (unsigned int)m->hDevice,
	       (unsigned long)m->dwParam1, (unsigned long)m->dwParam2,
	       (unsigned long)m->dwParam3,
	       m->dwMessageID == LINE_CALLSTATE ? " " : "",
	       m->dwMessageID == LINE_CALLSTATE ?
	       e2e_state_name(m->dwParam1) : "");
	fflush(stdout);
}

struct e2e_app {
	HLINEAPP h;
	DWORD ndevs;
	char name[E2E_NAME_MAX];
};

static inline LONG e2e_app_init(struct e2e_app *a, const char *name)
{
	LINEINITIALIZEEXPARAMS ip;
	DWORD version = 0x00020002;

	memset(&ip, 0, sizeof(ip));
	ip.dwTotalSize = sizeof(ip);
	ip.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
	snprintf(a->name, sizeof(a->name), "%s", name);
	return lineInitializeEx(&a->h, NULL, NULL, name, &a->ndevs, &version,
				&ip);
}

/* The next message with this id (and hDevice, unless 0); others printed
 * and skipped. */
static inline bool e2e_wait_msg(struct e2e_app *a, DWORD id, DWORD device,
				LINEMESSAGE *m, long timeout_ms)
{
	long end = e2e_now_ms() + timeout_ms;

	for (;;) {
		long left = end - e2e_now_ms();

		if (left <= 0 || lineGetMessage(a->h, m, left) != 0) {
			printf("#   %-8s no %s within %ld ms\n", a->name,
			       e2e_msg_name(id), timeout_ms);
			return false;
		}
		e2e_print_msg(a->name, m);
		if (m->dwMessageID == id && (!device || m->hDevice == device))
			return true;
	}
}

/* LINE_CALLSTATE @state on @call; states before it are skipped. */
static inline bool e2e_wait_state(struct e2e_app *a, HCALL call, DWORD state,
				  LINEMESSAGE *out)
{
	LINEMESSAGE m;

	while (e2e_wait_msg(a, LINE_CALLSTATE, call, &m, E2E_TIMEOUT_MS)) {
		if (m.dwParam1 == state) {
			if (out)
				*out = m;
			return true;
		}
	}
	return false;
}

/* LINE_REPLY of request @id; its result in *result. */
static inline bool e2e_wait_reply(struct e2e_app *a, LONG id, LONG *result)
{
	LINEMESSAGE m;

	if (id <= 0)
		return false;
	while (e2e_wait_msg(a, LINE_REPLY, 0, &m, E2E_TIMEOUT_MS)) {
		if (m.dwParam1 == (DWORD_PTR)id) {
			*result = (LONG)m.dwParam2;
			return true;
		}
	}
	return false;
}

/* The name of a channel, "sim0/fxo1". */
static inline bool e2e_channel_name(unsigned int channel, char *name,
				    size_t size)
{
	struct tapi_chan_info info;
	char node[64];
	int fd;

	snprintf(node, sizeof(node), "/dev/tapi/%u", channel);
	fd = open(node, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (ioctl(fd, TAPI_IOC_GET_INFO, &info)) {
		close(fd);
		return false;
	}
	close(fd);
	snprintf(name, size, "%s", info.name);
	return true;
}

/* The line device ID whose LINEDEVCAPS line name is @want. */
static inline long e2e_device_named(struct e2e_app *a, const char *want)
{
	union { LINEDEVCAPS c; char buf[2048]; } u;

	for (DWORD id = 0; id < a->ndevs; id++) {
		memset(&u, 0, sizeof(u));
		u.c.dwTotalSize = sizeof(u);
		if (lineGetDevCaps(a->h, id, 0x00020002, 0, &u.c) ||
		    !u.c.dwLineNameSize)
			continue;
		if (!strcmp(u.buf + u.c.dwLineNameOffset, want))
			return id;
	}
	return -1;
}

/* The line device ID of a channel: its LINEDEVCAPS line name is the
 * channel's name. */
static inline long e2e_device_of(struct e2e_app *a, unsigned int channel)
{
	char want[TAPI_NAME_LEN];

	if (!e2e_channel_name(channel, want, sizeof(want)))
		return -1;
	return e2e_device_named(a, want);
}

/* The directory number of a line device, from LINEADDRESSCAPS. */
static inline bool e2e_address_of(struct e2e_app *a, DWORD id, char *out,
				  size_t size)
{
	union { LINEADDRESSCAPS c; char buf[2048]; } u;

	memset(&u, 0, sizeof(u));
	u.c.dwTotalSize = sizeof(u);
	if (lineGetAddressCaps(a->h, id, 0, 0x00020002, 0, &u.c) ||
	    !u.c.dwAddressSize)
		return false;
	snprintf(out, size, "%s", u.buf + u.c.dwAddressOffset);
	return true;
}

static inline LONG e2e_open(struct e2e_app *a, DWORD id, DWORD priv,
			    HLINE *line)
{
	return lineOpen(a->h, id, line, 0x00020002, 0, 0, priv,
			priv & LINECALLPRIVILEGE_OWNER ?
			LINEMEDIAMODE_INTERACTIVEVOICE : 0, NULL);
}

#endif /* E2E_UTIL_H */
