// SPDX-License-Identifier: GPL-2.0
/*
 * tapi-pcicard: the emulated PCI telephony card, on the host side of
 * QEMU's ivshmem-doorbell device.
 *
 * It is an ivshmem server (QEMU's docs/specs/ivshmem-spec.txt) with one
 * client, the VM's device, and the only other peer (peer 0) itself: it
 * hands the VM the shared memory that becomes BAR2 and the eventfds of
 * the doorbells both ways.  In that memory it lays out the card of
 * <linux/tapi_pcicard.h> and plays it: every 1 ms (CLOCK_MONOTONIC
 * timerfd, catching up when it was late) it takes a tx frame, writes an
 * rx frame and rings the VM's frame vector; when a port's status changes
 * it rings the line vector.
 *
 * The far ends of the wires - the phones on FXS ports, the exchange on
 * FXO ports - and the audio are driven by commands, one per line, from a
 * script (--script), a command socket (--control), or a test in the VM
 * through the control page of the shared memory:
 *
 *   hook P on|off          FXS: the station goes on/off-hook
 *   flash P [MS]           FXS: the station flashes (on-hook MS, def. 300)
 *   ring P on|off          FXO: the exchange's ring voltage
 *   polarity P normal|reversed   FXO: the exchange's line polarity
 *   dial P DIGITS          DTMF into port P's rx audio
 *   tone P HZ|off          a -10 dBm0 sine into port P's rx audio
 *   loop P Q|off           port P receives what port Q sends (P = Q: echo)
 *   inject P FILE          play FILE (raw s16le 8 kHz) into P's rx audio
 *   record P FILE|off      write what P sends to FILE (raw s16le 8 kHz)
 *   clear P                forget the digits heard on P
 *   burst N                clock N frames at once (a late driver, for
 *                          overrun tests)
 *   status                 one line per port
 *   sleep MS               scripts only: wait MS of card time
 *   stop                   say goodbye in the header and exit
 *   vanish                 exit at once, saying nothing (as if killed)
 *
 * SIGTERM and SIGINT stop the card as "stop" does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <linux/tapi.h>
#include <linux/tapi_pcicard.h>
#include "dtmf.h"
#include "osc.h"

#define CARD_SHM_SIZE		(1U << 20)	/* BAR2 is a power of two */
#define CARD_PORTS_OFFSET	0x1000
#define CARD_CONTROL_OFFSET	0x2000
#define CARD_RX_OFFSET		0x4000
#define CARD_RING_FRAMES	128
#define CARD_PEER		0	/* our ivshmem peer ID */
#define CARD_CLIENT_PEER	1	/* the VM's */
#define CARD_MAX_CATCHUP	1000	/* frames one late tick may clock */
#define CARD_MAX_CLIENTS	8	/* command socket connections */
#define CARD_TONE_LEVEL		(-10)	/* dBm0 of "tone" and "dial" */

struct card_port {
	uint32_t type;
	uint32_t control_seen;		/* control bits at the last tick */
	int loop_peer;			/* -1: none */
	unsigned int flash_left;	/* ms of a flash still on-hook */
	bool tone_on;
	struct tapi_osc_state tone;
	struct tapi_dtmf_tx_state dtmf_tx;
	struct tapi_dtmf_rx_state dtmf_rx;
	FILE *inject;
	FILE *record;
	int16_t tx[TAPI_FRAME_SAMPLES];	/* what it sent this tick */
};

struct card_script {
	char **lines;
	unsigned int n;
	unsigned int next;
	uint64_t wait_until;		/* card frame */
};

struct card_client {
	int fd;
	char buf[512];
	size_t len;
};

static struct {
	unsigned int nfxs, nfxo, nports;
	int shm_fd;
	uint8_t *shm;
	struct tapi_pcicard_header *hdr;
	struct tapi_pcicard_port *regs;
	struct tapi_pcicard_control *ctl;
	int16_t *rx_ring, *tx_ring;
	struct card_port port[TAPI_PCICARD_PORTS_MAX];

	int epoll_fd;
	int timer_fd;
	int listen_fd;			/* ivshmem server socket */
	int vm_fd;			/* the connected VM, -1 */
	int to_card[TAPI_PCICARD_VECTORS];	/* the VM rings us */
	int to_vm[TAPI_PCICARD_VECTORS];	/* we ring the VM */
	int control_fd;			/* command socket, -1 */
	struct card_client clients[CARD_MAX_CLIENTS];
	struct card_script script;
	uint32_t ctl_done;
	bool line_changed;		/* ring the line vector this tick */
	bool verbose;
	volatile sig_atomic_t stop_signal;
} card = { .vm_fd = -1, .control_fd = -1, .listen_fd = -1 };

static void card_log(const char *fmt, ...)
{
	va_list ap;
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(stderr, "tapi-pcicard[%ld.%03ld]: ", (long)ts.tv_sec,
		ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void die(const char *what)
{
	card_log("%s: %s", what, strerror(errno));
	exit(1);
}

/* --- shared memory: the card's registers and rings ------------------- */

static void card_layout(void)
{
	size_t ring_bytes = (size_t)CARD_RING_FRAMES * card.nports *
			    TAPI_FRAME_SAMPLES * sizeof(int16_t);
	struct tapi_pcicard_header *h;
	unsigned int i;

	card.shm_fd = memfd_create("tapi-pcicard", MFD_CLOEXEC);
	if (card.shm_fd < 0)
		die("memfd_create");
	if (ftruncate(card.shm_fd, CARD_SHM_SIZE))
		die("ftruncate");
	card.shm = mmap(NULL, CARD_SHM_SIZE, PROT_READ | PROT_WRITE,
			MAP_SHARED, card.shm_fd, 0);
	if (card.shm == MAP_FAILED)
		die("mmap");
	h = card.hdr = (void *)card.shm;
	card.regs = (void *)(card.shm + CARD_PORTS_OFFSET);
	card.ctl = (void *)(card.shm + CARD_CONTROL_OFFSET);
	card.rx_ring = (void *)(card.shm + CARD_RX_OFFSET);
	card.tx_ring = (void *)(card.shm + CARD_RX_OFFSET + ring_bytes);

	h->version = TAPI_PCICARD_VERSION;
	h->layout_size = CARD_RX_OFFSET + 2 * ring_bytes;
	h->nports = card.nports;
	h->ring_frames = CARD_RING_FRAMES;
	h->frame_samples = TAPI_FRAME_SAMPLES;
	h->ports_offset = CARD_PORTS_OFFSET;
	h->rx_ring_offset = CARD_RX_OFFSET;
	h->tx_ring_offset = CARD_RX_OFFSET + ring_bytes;
	h->control_offset = CARD_CONTROL_OFFSET;
	h->card_peer = CARD_PEER;
	h->driver_state = TAPI_PCICARD_DRIVER_DETACHED;
	for (i = 0; i < card.nports; i++) {
		struct card_port *p = &card.port[i];

		p->type = i < card.nfxs ? TAPI_SIG_FXS : TAPI_SIG_FXO;
		card.regs[i].type = p->type;
		p->loop_peer = -1;
		tapi_dtmf_tx_init(&p->dtmf_tx, 0, 0, CARD_TONE_LEVEL);
	}
	h->card_state = TAPI_PCICARD_CARD_RUNNING;
	/* The signature last: a driver sees a whole layout or none. */
	__atomic_store_n(&h->signature, TAPI_PCICARD_SIGNATURE,
			 __ATOMIC_RELEASE);
}

static uint32_t load(uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* --- the VM's doorbells --------------------------------------------- */

static void ring_vm(unsigned int vector)
{
	uint64_t one = 1;

	if (card.vm_fd >= 0 && write(card.to_vm[vector], &one, sizeof(one)) < 0)
		card_log("doorbell %u: %s", vector, strerror(errno));
}

/* One ivshmem protocol message: a little-endian int64, maybe an fd. */
static int send_msg(int sock, int64_t value, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &value, sizeof(value) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cmsg;

	if (fd >= 0) {
		memset(cbuf, 0, sizeof(cbuf));
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		cmsg = CMSG_FIRSTHDR(&msg);
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		cmsg->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
	}
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == sizeof(value) ? 0 : -1;
}

static void epoll_add(int fd, void *tag)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = tag };

	if (epoll_ctl(card.epoll_fd, EPOLL_CTL_ADD, fd, &ev))
		die("epoll_ctl");
}

static void vm_disconnect(void)
{
	unsigned int v;

	if (card.vm_fd < 0)
		return;
	card_log("VM disconnected");
	close(card.vm_fd);
	card.vm_fd = -1;
	for (v = 0; v < TAPI_PCICARD_VECTORS; v++) {
		close(card.to_card[v]);
		close(card.to_vm[v]);
	}
	/* Nobody reads the rings now. */
	store(&card.hdr->driver_state, TAPI_PCICARD_DRIVER_DETACHED);
}

/*
 * A VM's device connected: version, its ID, the memory, our doorbells
 * (peer CARD_PEER, one eventfd per vector) and its own.
 */
static void vm_accept(void)
{
	int fd = accept4(card.listen_fd, NULL, NULL, SOCK_CLOEXEC);
	unsigned int v;
	int ok = 0;

	if (fd < 0)
		return;
	if (card.vm_fd >= 0) {
		card_log("a second VM is refused: one card, one slot");
		close(fd);
		return;
	}
	card.vm_fd = fd;
	for (v = 0; v < TAPI_PCICARD_VECTORS; v++) {
		card.to_card[v] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		card.to_vm[v] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (card.to_card[v] < 0 || card.to_vm[v] < 0)
			die("eventfd");
	}
	ok |= send_msg(fd, 0, -1);
	ok |= send_msg(fd, CARD_CLIENT_PEER, -1);
	ok |= send_msg(fd, -1, card.shm_fd);
	for (v = 0; v < TAPI_PCICARD_VECTORS; v++)
		ok |= send_msg(fd, CARD_PEER, card.to_card[v]);
	for (v = 0; v < TAPI_PCICARD_VECTORS; v++)
		ok |= send_msg(fd, CARD_CLIENT_PEER, card.to_vm[v]);
	if (ok) {
		card_log("VM setup failed: %s", strerror(errno));
		vm_disconnect();
		return;
	}
	epoll_add(fd, &card.vm_fd);
	for (v = 0; v < TAPI_PCICARD_VECTORS; v++)
		epoll_add(card.to_card[v], &card.to_card[v]);
	card_log("VM connected as peer %d", CARD_CLIENT_PEER);
}

/* --- the frame clock -------------------------------------------------- */

static int16_t clamp16(int32_t x)
{
	return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}

static void heard_digit(void *user, char digit, bool end,
			unsigned int duration_ms)
{
	struct tapi_pcicard_line *line = user;
	size_t len = strnlen(line->heard, sizeof(line->heard));

	if (end)
		return;
	if (len + 1 < sizeof(line->heard)) {
		line->heard[len] = digit;
		line->heard[len + 1] = '\0';
	}
	if (card.verbose)
		card_log("port %ld heard %c", (long)(line - card.ctl->line), digit);
}

/* What the driver changed on the lines: count it for the tests. */
static void card_watch_controls(void)
{
	unsigned int i;

	for (i = 0; i < card.nports; i++) {
		struct card_port *p = &card.port[i];
		struct tapi_pcicard_line *line = &card.ctl->line[i];
		uint32_t now = load(&card.regs[i].control);
		uint32_t up = now & ~p->control_seen;
		uint32_t down = p->control_seen & ~now;

		if (up & TAPI_PCICARD_CTL_RING)
			line->ring_bursts++;
		if (up & TAPI_PCICARD_CTL_REVERSE)
			line->reversals++;
		if (up & TAPI_PCICARD_CTL_OFFHOOK)
			line->seizures++;
		if (down & TAPI_PCICARD_CTL_OFFHOOK)
			line->releases++;
		if ((up | down) && card.verbose)
			card_log("port %u control %#x", i, now);
		p->control_seen = now;
	}
}

static void set_status(unsigned int i, uint32_t bit, bool on)
{
	uint32_t old = card.regs[i].status;
	uint32_t new = on ? old | bit : old & ~bit;

	if (new == old)
		return;
	store(&card.regs[i].status, new);
	card.line_changed = true;
}

/* One frame: take the tx frame, make the rx frame. */
static void card_frame(void)
{
	struct tapi_pcicard_header *h = card.hdr;
	size_t slot_samples = (size_t)card.nports * TAPI_FRAME_SAMPLES;
	bool attached = load(&h->driver_state) == TAPI_PCICARD_DRIVER_ATTACHED;
	int16_t *tx = NULL, *rx;
	unsigned int i, s;

	if (attached) {
		uint32_t tail = h->tx_tail;

		if (load(&h->tx_head) != tail) {
			tx = card.tx_ring + (tail % CARD_RING_FRAMES) *
			     slot_samples;
			store(&h->tx_tail, tail + 1);
		} else {
			store(&h->tx_underruns, h->tx_underruns + 1);
		}
	}
	for (i = 0; i < card.nports; i++) {
		struct card_port *p = &card.port[i];

		if (tx)
			memcpy(p->tx, tx + i * TAPI_FRAME_SAMPLES,
			       sizeof(p->tx));
		else
			memset(p->tx, 0, sizeof(p->tx));
		tapi_dtmf_rx(&p->dtmf_rx, p->tx, TAPI_FRAME_SAMPLES);
		if (p->record &&
		    fwrite(p->tx, sizeof(p->tx), 1, p->record) != 1) {
			card_log("port %u: recording failed, stopped", i);
			fclose(p->record);
			p->record = NULL;
		}
	}

	if (attached && h->rx_head - load(&h->rx_tail) >= CARD_RING_FRAMES) {
		store(&h->rx_overruns, h->rx_overruns + 1);
		attached = false;	/* the frame is made, and dropped */
	}
	rx = card.rx_ring + (h->rx_head % CARD_RING_FRAMES) * slot_samples;
	for (i = 0; i < card.nports; i++) {
		struct card_port *p = &card.port[i];
		int16_t frame[TAPI_FRAME_SAMPLES] = { 0 };
		int16_t dtmf[TAPI_FRAME_SAMPLES] = { 0 };
		int16_t file[TAPI_FRAME_SAMPLES] = { 0 };

		if (p->loop_peer >= 0)
			memcpy(frame, card.port[p->loop_peer].tx, sizeof(frame));
		if (p->tone_on)
			tapi_osc_mix(&p->tone, frame, TAPI_FRAME_SAMPLES);
		if (tapi_dtmf_tx(&p->dtmf_tx, dtmf, TAPI_FRAME_SAMPLES) > 0)
			for (s = 0; s < TAPI_FRAME_SAMPLES; s++)
				frame[s] = clamp16(frame[s] + dtmf[s]);
		if (p->inject) {
			size_t got = fread(file, sizeof(int16_t),
					   TAPI_FRAME_SAMPLES, p->inject);

			for (s = 0; s < got; s++)
				frame[s] = clamp16(frame[s] + file[s]);
			if (got < TAPI_FRAME_SAMPLES) {
				fclose(p->inject);
				p->inject = NULL;
			}
		}
		if (attached)
			memcpy(rx + i * TAPI_FRAME_SAMPLES, frame, sizeof(frame));
		if (p->flash_left && !--p->flash_left)
			set_status(i, TAPI_PCICARD_STS_OFFHOOK, true);
	}
	if (attached)
		store(&h->rx_head, h->rx_head + 1);
	__atomic_store_n(&h->card_frames, h->card_frames + 1,
			 __ATOMIC_RELEASE);
}

/* --- commands --------------------------------------------------------- */

static void card_stop(bool goodbye)
{
	if (goodbye) {
		store(&card.hdr->card_state, TAPI_PCICARD_CARD_STOPPED);
		ring_vm(TAPI_PCICARD_VEC_LINE);
		card_log("stopped");
	}
	exit(0);
}

static int port_arg(const char *s, unsigned int *port, uint32_t type,
		    char *reply, size_t size)
{
	char *end;
	unsigned long n;

	if (!s) {
		snprintf(reply, size, "missing port");
		return -EINVAL;
	}
	n = strtoul(s, &end, 10);
	if (*end || end == s || n >= card.nports) {
		snprintf(reply, size, "no port %s (0..%u)", s, card.nports - 1);
		return -EINVAL;
	}
	if (type && card.port[n].type != type) {
		snprintf(reply, size, "port %lu is not %s", n,
			 type == TAPI_SIG_FXS ? "FXS" : "FXO");
		return -EINVAL;
	}
	*port = n;
	return 0;
}

static int on_off(const char *s, const char *on, const char *off, bool *val,
		  char *reply, size_t size)
{
	if (s && !strcmp(s, on)) {
		*val = true;
		return 0;
	}
	if (s && !strcmp(s, off)) {
		*val = false;
		return 0;
	}
	snprintf(reply, size, "expected %s or %s", on, off);
	return -EINVAL;
}

static void port_status_line(unsigned int i, char *buf, size_t size)
{
	struct card_port *p = &card.port[i];
	struct tapi_pcicard_line *line = &card.ctl->line[i];
	uint32_t ctl = load(&card.regs[i].control);
	uint32_t sts = card.regs[i].status;

	if (p->type == TAPI_SIG_FXS)
		snprintf(buf, size, "port %u fxs hook=%s ring=%s polarity=%s bursts=%u heard=%s",
			 i, sts & TAPI_PCICARD_STS_OFFHOOK ? "off" : "on",
			 ctl & TAPI_PCICARD_CTL_RING ? "on" : "off",
			 ctl & TAPI_PCICARD_CTL_REVERSE ? "reversed" : "normal",
			 line->ring_bursts, line->heard);
	else
		snprintf(buf, size, "port %u fxo line=%s ring=%s polarity=%s seizures=%u heard=%s",
			 i, ctl & TAPI_PCICARD_CTL_OFFHOOK ? "seized" : "idle",
			 sts & TAPI_PCICARD_STS_RINGING ? "on" : "off",
			 sts & TAPI_PCICARD_STS_REVERSED ? "reversed" : "normal",
			 line->seizures, line->heard);
}

/*
 * Run one command line.  Returns 0 or -errno, with @reply saying what
 * happened; @from_vm commands may not touch host files.
 */
static int card_command(char *text, bool from_vm, char *reply, size_t size)
{
	char *save, *verb, *a1, *a2;
	unsigned int port, peer;
	bool on;
	int ret;

	reply[0] = '\0';
	verb = strtok_r(text, " \t\r\n", &save);
	a1 = strtok_r(NULL, " \t\r\n", &save);
	a2 = strtok_r(NULL, " \t\r\n", &save);
	if (!verb || verb[0] == '#')
		return 0;
	if (card.verbose)
		card_log("command: %s %s %s", verb, a1 ? a1 : "", a2 ? a2 : "");

	if (!strcmp(verb, "hook")) {
		ret = port_arg(a1, &port, TAPI_SIG_FXS, reply, size);
		if (!ret)
			ret = on_off(a2, "off", "on", &on, reply, size);
		if (!ret) {
			card.port[port].flash_left = 0;
			set_status(port, TAPI_PCICARD_STS_OFFHOOK, on);
		}
		return ret;
	}
	if (!strcmp(verb, "flash")) {
		unsigned long ms = a2 ? strtoul(a2, NULL, 10) : 300;

		ret = port_arg(a1, &port, TAPI_SIG_FXS, reply, size);
		if (ret)
			return ret;
		if (!(card.regs[port].status & TAPI_PCICARD_STS_OFFHOOK) ||
		    ms < 1 || ms > 5000) {
			snprintf(reply, size, "flash needs an off-hook station and 1..5000 ms");
			return -EINVAL;
		}
		set_status(port, TAPI_PCICARD_STS_OFFHOOK, false);
		card.port[port].flash_left = ms;
		return 0;
	}
	if (!strcmp(verb, "ring")) {
		ret = port_arg(a1, &port, TAPI_SIG_FXO, reply, size);
		if (!ret)
			ret = on_off(a2, "on", "off", &on, reply, size);
		if (!ret)
			set_status(port, TAPI_PCICARD_STS_RINGING, on);
		return ret;
	}
	if (!strcmp(verb, "polarity")) {
		ret = port_arg(a1, &port, TAPI_SIG_FXO, reply, size);
		if (!ret)
			ret = on_off(a2, "reversed", "normal", &on, reply, size);
		if (!ret)
			set_status(port, TAPI_PCICARD_STS_REVERSED, on);
		return ret;
	}
	if (!strcmp(verb, "dial")) {
		ret = port_arg(a1, &port, 0, reply, size);
		if (!ret && (!a2 || tapi_dtmf_tx_put(&card.port[port].dtmf_tx,
						     a2))) {
			snprintf(reply, size, "bad or too many digits");
			ret = -EINVAL;
		}
		return ret;
	}
	if (!strcmp(verb, "tone")) {
		ret = port_arg(a1, &port, 0, reply, size);
		if (ret)
			return ret;
		if (a2 && !strcmp(a2, "off")) {
			card.port[port].tone_on = false;
			return 0;
		}
		if (!a2 || tapi_osc_init(&card.port[port].tone,
					 TAPI_OSC_HZ(strtoul(a2, NULL, 10)),
					 TAPI_OSC_DBM0(CARD_TONE_LEVEL))) {
			snprintf(reply, size, "expected a frequency in Hz or off");
			return -EINVAL;
		}
		card.port[port].tone_on = true;
		return 0;
	}
	if (!strcmp(verb, "loop")) {
		ret = port_arg(a1, &port, 0, reply, size);
		if (ret)
			return ret;
		if (a2 && !strcmp(a2, "off")) {
			card.port[port].loop_peer = -1;
			return 0;
		}
		ret = port_arg(a2, &peer, 0, reply, size);
		if (!ret)
			card.port[port].loop_peer = peer;
		return ret;
	}
	if (!strcmp(verb, "inject") || !strcmp(verb, "record")) {
		bool rec = verb[0] == 'r';
		FILE **f;

		ret = port_arg(a1, &port, 0, reply, size);
		if (ret)
			return ret;
		if (from_vm) {
			snprintf(reply, size, "host files are not the VM's");
			return -EPERM;
		}
		f = rec ? &card.port[port].record : &card.port[port].inject;
		if (*f)
			fclose(*f);
		*f = NULL;
		if (!a2 || (rec && !strcmp(a2, "off")))
			return 0;
		*f = fopen(a2, rec ? "wb" : "rb");
		if (!*f) {
			ret = -errno;
			snprintf(reply, size, "%s: %s", a2, strerror(errno));
		}
		return ret;
	}
	if (!strcmp(verb, "clear")) {
		ret = port_arg(a1, &port, 0, reply, size);
		if (!ret)
			card.ctl->line[port].heard[0] = '\0';
		return ret;
	}
	if (!strcmp(verb, "burst")) {
		unsigned long n = a1 ? strtoul(a1, NULL, 10) : 0;

		if (n < 1 || n > 10 * CARD_RING_FRAMES) {
			snprintf(reply, size, "burst 1..%u frames",
				 10 * CARD_RING_FRAMES);
			return -EINVAL;
		}
		while (n--)
			card_frame();
		return 0;
	}
	if (!strcmp(verb, "status")) {
		size_t len = 0;

		for (port = 0; port < card.nports && len + 1 < size; port++) {
			port_status_line(port, reply + len, size - len);
			len += strlen(reply + len);
			if (len + 1 < size)
				reply[len++] = port + 1 < card.nports ? '\n' : '\0';
		}
		reply[size - 1] = '\0';
		return 0;
	}
	if (!strcmp(verb, "stop"))
		card_stop(true);
	if (!strcmp(verb, "vanish")) {
		card_log("vanishing");
		_exit(0);
	}
	snprintf(reply, size, "unknown command %s", verb);
	return -EINVAL;
}

/* The control page: a test in the VM sent a command. */
static void card_vm_command(void)
{
	struct tapi_pcicard_control *c = card.ctl;
	uint32_t seq = load(&c->cmd_seq);
	char text[TAPI_PCICARD_TEXT_LEN];
	char reply[TAPI_PCICARD_TEXT_LEN];

	if (seq == card.ctl_done)
		return;
	memcpy(text, c->text, sizeof(text));
	text[sizeof(text) - 1] = '\0';
	c->result = card_command(text, true, reply, sizeof(reply));
	memcpy(c->reply, reply, sizeof(reply));
	card.ctl_done = seq;
	store(&c->done_seq, seq);
}

static void card_script_step(void)
{
	struct card_script *s = &card.script;
	char reply[1024];

	while (s->next < s->n && card.hdr->card_frames >= s->wait_until) {
		char *line = s->lines[s->next++];
		unsigned long ms;

		if (sscanf(line, " sleep %lu", &ms) == 1) {
			s->wait_until = card.hdr->card_frames + ms;
			continue;
		}
		if (card_command(line, false, reply, sizeof(reply)))
			card_log("script line %u: %s", s->next, reply);
	}
}

static void card_tick(void)
{
	uint64_t expirations;
	unsigned int n;

	if (read(card.timer_fd, &expirations, sizeof(expirations)) !=
	    sizeof(expirations))
		return;
	n = expirations > CARD_MAX_CATCHUP ? CARD_MAX_CATCHUP : expirations;
	card_watch_controls();
	while (n--)
		card_frame();
	card_vm_command();
	card_script_step();
	card_watch_controls();
	ring_vm(TAPI_PCICARD_VEC_FRAME);
	if (card.line_changed) {
		card.line_changed = false;
		ring_vm(TAPI_PCICARD_VEC_LINE);
	}
}

/* --- the command socket ---------------------------------------------- */

static void client_close(struct card_client *cl)
{
	close(cl->fd);
	cl->fd = -1;
}

static void client_input(struct card_client *cl)
{
	char reply[1024], out[1100];
	ssize_t n = read(cl->fd, cl->buf + cl->len,
			 sizeof(cl->buf) - 1 - cl->len);
	char *nl;

	if (n <= 0) {
		client_close(cl);
		return;
	}
	cl->len += n;
	cl->buf[cl->len] = '\0';
	while ((nl = strchr(cl->buf, '\n'))) {
		int ret;

		*nl = '\0';
		ret = card_command(cl->buf, false, reply, sizeof(reply));
		if (ret)
			snprintf(out, sizeof(out), "error %d %s\n", -ret, reply);
		else if (reply[0])
			snprintf(out, sizeof(out), "ok\n%s\n", reply);
		else
			snprintf(out, sizeof(out), "ok\n");
		if (write(cl->fd, out, strlen(out)) < 0) {
			client_close(cl);
			return;
		}
		cl->len -= nl + 1 - cl->buf;
		memmove(cl->buf, nl + 1, cl->len + 1);
	}
	if (cl->len == sizeof(cl->buf) - 1)
		client_close(cl);	/* a line that long is not a command */
}

static int listen_unix(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		die(path);
	}
	strcpy(addr.sun_path, path);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (void *)&addr, sizeof(addr)) || listen(fd, 4))
		die(path);
	return fd;
}

static void load_script(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (!f)
		die(path);
	while (fgets(line, sizeof(line), f)) {
		card.script.lines = realloc(card.script.lines,
					    (card.script.n + 1) * sizeof(char *));
		if (!card.script.lines || !(card.script.lines[card.script.n++] =
					   strdup(line)))
			die("script");
	}
	fclose(f);
}

static void on_signal(int sig)
{
	card.stop_signal = sig;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: tapi-pcicard --socket PATH [--fxs N] [--fxo N] [--control PATH]\n"
		"                    [--script FILE] [--daemon --pidfile FILE] [--log FILE] [-v]\n"
		"The ivshmem server QEMU's -device ivshmem-doorbell,chardev=...,vectors=2\n"
		"connects to; see the comment at the top of tapi-pcicard.c for commands.\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "fxs", required_argument, NULL, 'S' },
		{ "fxo", required_argument, NULL, 'O' },
		{ "control", required_argument, NULL, 'c' },
		{ "script", required_argument, NULL, 'x' },
		{ "daemon", no_argument, NULL, 'd' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'l' },
		{ "verbose", no_argument, NULL, 'v' },
		{ }
	};
	const char *sock = NULL, *control = NULL, *pidfile = NULL, *log = NULL;
	struct itimerspec period = { { 0, 1000000 }, { 0, 1000000 } };
	struct sigaction sa = { .sa_handler = on_signal };
	bool daemonize = false;
	unsigned int i;
	int opt;

	card.nfxs = 2;
	card.nfxo = 2;
	while ((opt = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
		switch (opt) {
		case 's': sock = optarg; break;
		case 'S': card.nfxs = strtoul(optarg, NULL, 10); break;
		case 'O': card.nfxo = strtoul(optarg, NULL, 10); break;
		case 'c': control = optarg; break;
		case 'x': load_script(optarg); break;
		case 'd': daemonize = true; break;
		case 'p': pidfile = optarg; break;
		case 'l': log = optarg; break;
		case 'v': card.verbose = true; break;
		default: usage();
		}
	}
	card.nports = card.nfxs + card.nfxo;
	if (!sock || optind != argc || card.nports < 1 ||
	    card.nports > TAPI_PCICARD_PORTS_MAX || (daemonize && !pidfile))
		usage();

	card_layout();
	for (i = 0; i < card.nports; i++)
		tapi_dtmf_rx_init(&card.port[i].dtmf_rx, heard_digit,
				  &card.ctl->line[i]);
	for (i = 0; i < CARD_MAX_CLIENTS; i++)
		card.clients[i].fd = -1;
	card.listen_fd = listen_unix(sock);
	if (control)
		card.control_fd = listen_unix(control);
	if (log && !freopen(log, "a", stderr))
		die(log);
	setvbuf(stderr, NULL, _IOLBF, 0);

	/* Listening already: once the parent returns, QEMU may connect. */
	if (daemonize) {
		pid_t pid = fork();
		FILE *f;

		if (pid < 0)
			die("fork");
		if (pid > 0) {
			f = fopen(pidfile, "w");
			if (!f || fprintf(f, "%d\n", pid) < 0 || fclose(f))
				die(pidfile);
			return 0;
		}
		setsid();
		if (!freopen("/dev/null", "r", stdin))
			die("/dev/null");
	}

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	card.epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	card.timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (card.epoll_fd < 0 || card.timer_fd < 0 ||
	    timerfd_settime(card.timer_fd, 0, &period, NULL))
		die("timer");
	epoll_add(card.timer_fd, &card.timer_fd);
	epoll_add(card.listen_fd, &card.listen_fd);
	if (control)
		epoll_add(card.control_fd, &card.control_fd);
	card_log("card of %u FXS and %u FXO ports on %s", card.nfxs, card.nfxo,
	     sock);

	for (;;) {
		struct epoll_event ev[8];
		int n = epoll_wait(card.epoll_fd, ev, 8, -1);

		if (card.stop_signal)
			card_stop(true);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("epoll_wait");
		}
		for (i = 0; i < (unsigned int)n; i++) {
			void *tag = ev[i].data.ptr;
			unsigned int v;

			if (tag == &card.timer_fd) {
				card_tick();
			} else if (tag == &card.listen_fd) {
				vm_accept();
			} else if (tag == &card.vm_fd) {
				/* The server side only sends: input is EOF. */
				vm_disconnect();
				break;	/* the other events may be stale */
			} else if (tag == &card.control_fd) {
				int fd = accept4(card.control_fd, NULL, NULL,
						 SOCK_CLOEXEC);

				for (v = 0; fd >= 0 && v < CARD_MAX_CLIENTS; v++)
					if (card.clients[v].fd < 0)
						break;
				if (fd >= 0 && v == CARD_MAX_CLIENTS) {
					close(fd);
				} else if (fd >= 0) {
					card.clients[v].fd = fd;
					card.clients[v].len = 0;
					epoll_add(fd, &card.clients[v]);
				}
			} else if (tag >= (void *)card.clients &&
				   tag < (void *)(card.clients + CARD_MAX_CLIENTS)) {
				client_input(tag);
			} else {
				/* A doorbell from the driver: controls changed. */
				uint64_t count;

				if (read(*(int *)tag, &count, sizeof(count)) < 0 &&
				    errno != EAGAIN)
					card_log("doorbell: %s", strerror(errno));
				card_watch_controls();
			}
		}
	}
}
