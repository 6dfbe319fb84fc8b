// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_ioctl - a bounded random-ioctl smoke test of tapi_core's channels
 * and tapi_sim's control device.
 *
 * FUZZ_CALLS calls (environment FUZZ_CALLS to change it; FUZZ_SEED for
 * the seed, printed so a failure can be replayed) with command numbers of
 * our two ioctl magics (known ones and random numbers, sizes and
 * directions) and arguments that are NULL, small integers, kernel
 * addresses, random bytes, plausible structures, structures running into
 * an unmapped page, or read-only memory; mixed with read(), write() and
 * poll() of random sizes.  Halfway through the fuzzed card is removed
 * under the open files, which are fuzzed further, then a new card is
 * made.  The run passes when every call returned success or one of the
 * errors the ABI documents; the VM harness fails it on any oops or
 * warning in the kernel log.
 *
 * The simulator's commands are aimed only at the fuzzer's own cards (the
 * channel and card numbers in their arguments are rewritten), so the
 * other tests find the default card as it was.
 */
#include <sys/mman.h>

#include "kselftest_harness.h"
#include "test_core_util.h"

#define FUZZ_CALLS	20000
#define FUZZ_SEED	0x7a91c3e5u
#define NFXS		2
#define NFXO		2
#define NCHAN		(NFXS + NFXO)
#define MAX_ADDED	16
#define PAGE		4096
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static uint64_t rng_state;

static uint32_t rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 2685821657736338717ull) >> 32;
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static const unsigned long chan_cmds[] = {
	TAPI_IOC_GET_INFO, TAPI_IOC_SET_HOOK, TAPI_IOC_RING_START,
	TAPI_IOC_RING_STOP, TAPI_IOC_SET_POLARITY, TAPI_IOC_DIAL,
	TAPI_IOC_GET_EVENT, TAPI_IOC_SET_EVENT_MASK, TAPI_IOC_SET_MEDIA,
	TAPI_IOC_GET_MEDIA,
};

static const unsigned long sim_cmds[] = {
	TAPI_SIM_IOC_CARD_ADD, TAPI_SIM_IOC_CARD_REMOVE,
	TAPI_SIM_IOC_PHONE_HOOK, TAPI_SIM_IOC_PHONE_FLASH,
	TAPI_SIM_IOC_PHONE_DIAL, TAPI_SIM_IOC_CO_RING, TAPI_SIM_IOC_CO_HANGUP,
	TAPI_SIM_IOC_CONNECT, TAPI_SIM_IOC_STATUS, TAPI_SIM_IOC_CLEAR,
};

static const int allowed_errnos[] = {
	EFAULT, EINVAL, ENOTTY, ENODEV, EOPNOTSUPP, EBUSY, EAGAIN, ENOSPC,
};

FIXTURE(fuzz) {
	int sim;
	struct tapi_sim_card card;	/* the card being fuzzed */
	int fd[2 * NCHAN];		/* each channel blocking and not */
	uint32_t extra[MAX_ADDED];	/* cards fuzzed CARD_ADDs made */
	int nextra;
	uint8_t *heap;			/* a page of argument space */
	uint8_t *edge;			/* a page followed by an unmapped one */
	uint8_t *rdonly;		/* a read-only page of 0xff */
	unsigned long calls, unexpected, results[256];
};

static void open_card_fds(struct __test_metadata *_metadata,
			  FIXTURE_DATA(fuzz) *self)
{
	int i;

	for (i = 0; i < 2 * NCHAN; i++) {
		self->fd[i] = chan_open(self->card.first_channel + i % NCHAN,
					i < NCHAN ? 0 : O_NONBLOCK);
		ASSERT_LE(0, self->fd[i]);
	}
}

static void close_card_fds(FIXTURE_DATA(fuzz) *self)
{
	int i;

	for (i = 0; i < 2 * NCHAN; i++) {
		if (self->fd[i] >= 0)
			close(self->fd[i]);
		self->fd[i] = -1;
	}
}

FIXTURE_SETUP(fuzz)
{
	const char *env = getenv("FUZZ_SEED");
	uint8_t *pages;

	memset(self->fd, -1, sizeof(self->fd));
	self->sim = sim_open();
	if (self->sim < 0)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	rng_state = env ? strtoull(env, NULL, 0) : FUZZ_SEED;
	if (!rng_state)
		rng_state = 1;
	ksft_print_msg("seed 0x%llx (FUZZ_SEED=0x%llx replays this run)\n",
		       (unsigned long long)rng_state,
		       (unsigned long long)rng_state);

	pages = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, pages);
	self->heap = pages;
	self->edge = pages + PAGE;
	ASSERT_EQ(0, munmap(pages + 2 * PAGE, PAGE));
	self->rdonly = pages + 3 * PAGE;
	memset(self->rdonly, 0xff, PAGE);
	ASSERT_EQ(0, mprotect(self->rdonly, PAGE, PROT_READ));

	ASSERT_EQ(0, sim_card_add(self->sim, NFXS, NFXO, &self->card));
	open_card_fds(_metadata, self);
}

FIXTURE_TEARDOWN(fuzz)
{
	int i;

	close_card_fds(self);
	if (self->sim < 0)
		return;
	sim_card_remove(self->sim, self->card.card);
	for (i = 0; i < self->nextra; i++)
		sim_card_remove(self->sim, self->extra[i]);
	close(self->sim);
}

/* A channel number of the fuzzed card, now and then one that is not. */
static uint32_t fuzz_channel(FIXTURE_DATA(fuzz) *self)
{
	switch (rnd_below(10)) {
	case 0:
		return 0xffffffff;
	case 1:
		return 100000 + rnd_below(1000);
	default:
		return self->card.first_channel + rnd_below(NCHAN);
	}
}

static void random_digits(char *s, size_t size)
{
	static const char pool[] = "0123456789*#ABCDabE +";
	size_t n = rnd_below(size < 8 ? size : 8), i;

	for (i = 0; i < n; i++)
		s[i] = rnd_below(8) ? pool[rnd_below(16)] :
				      pool[rnd_below(sizeof(pool) - 1)];
	s[n] = '\0';
}

/* Plausible contents for a known command, so calls get past the checks. */
static void plausible(unsigned long cmd, uint8_t *buf)
{
	switch (cmd) {
	case TAPI_IOC_SET_HOOK:
	case TAPI_IOC_SET_POLARITY:
		*(uint32_t *)buf = rnd_below(4);
		break;
	case TAPI_IOC_SET_EVENT_MASK:
		*(uint32_t *)buf = rnd_below(2) ? TAPI_EV_MASK_ALL & rnd() : rnd();
		break;
	case TAPI_IOC_RING_START: {
		struct tapi_ring *r = (void *)buf;
		int i;

		r->count = rnd_below(4);
		r->nsteps = rnd_below(10);
		for (i = 0; i < TAPI_CADENCE_STEPS_MAX; i++)
			r->step_ms[i] = rnd_below(8) ? 50 + rnd_below(200) : rnd();
		break;
	}
	case TAPI_IOC_DIAL: {
		struct tapi_dial *d = (void *)buf;

		d->on_ms = rnd_below(2) ? 0 : 30 + rnd_below(100);
		d->off_ms = rnd_below(2) ? 0 : 30 + rnd_below(100);
		d->level = rnd_below(2) ? 0 : -(int)rnd_below(35);
		d->reserved = rnd_below(10) ? 0 : rnd();
		random_digits(d->digits, sizeof(d->digits));
		break;
	}
	case TAPI_IOC_SET_MEDIA: {
		struct tapi_media_config *m = (void *)buf;

		m->format = rnd_below(4);
		m->block_samples = rnd_below(4) ? 8 * rnd_below(210) : rnd();
		break;
	}
	case TAPI_SIM_IOC_CARD_ADD: {
		struct tapi_sim_card *c = (void *)buf;

		c->nfxs = rnd_below(3);
		c->nfxo = rnd_below(3);
		break;
	}
	default:
		if (_IOC_TYPE(cmd) == TAPI_SIM_IOC_MAGIC) {
			struct tapi_sim_port *p = (void *)buf;

			p->arg = rnd_below(3);
			p->on_ms = rnd_below(2) ? 0 : 30 + rnd_below(100);
			p->off_ms = rnd_below(2) ? 0 : 30 + rnd_below(100);
			p->reserved = rnd_below(10) ? 0 : rnd();
			random_digits(p->digits, sizeof(p->digits));
			random_digits(p->name, sizeof(p->name));
		}
		break;
	}
}

/* Keep the simulator's commands on the fuzzer's own cards. */
static void aim_sim_command(FIXTURE_DATA(fuzz) *self, unsigned long cmd,
			    uint8_t *buf)
{
	struct tapi_sim_port *p = (void *)buf;

	switch (cmd) {
	case TAPI_SIM_IOC_CARD_ADD:
		break;
	case TAPI_SIM_IOC_CARD_REMOVE:
		/*
		 * A card a fuzzed CARD_ADD made, or none at all; the card
		 * being fuzzed goes at half time.
		 */
		if (rnd_below(2) && self->nextra)
			*(uint32_t *)buf = self->extra[rnd_below(self->nextra)];
		else
			*(uint32_t *)buf = 0xfffffff0 + rnd_below(16);
		break;
	case TAPI_SIM_IOC_CONNECT:
		p->arg = rnd_below(4) ? fuzz_channel(self) : 0xffffffff;
		p->channel = fuzz_channel(self);
		break;
	default:
		/* Any other command, known or not, names a port first. */
		p->channel = fuzz_channel(self);
		break;
	}
}

static unsigned long random_cmd(int is_sim)
{
	static const uint8_t other_magic[] = { 0xd6, 0xd9 };
	static const uint16_t sizes[] = {
		0, 1, 4, 8, sizeof(struct tapi_chan_info), sizeof(struct tapi_ring),
		sizeof(struct tapi_dial), sizeof(struct tapi_event),
		sizeof(struct tapi_sim_card), sizeof(struct tapi_sim_port),
		sizeof(struct tapi_sim_status), 2048,
	};
	unsigned int magic, dir, nr, size;

	switch (rnd_below(10)) {
	case 0 ... 5:
		return is_sim ? sim_cmds[rnd_below(ARRAY_LEN(sim_cmds))] :
				chan_cmds[rnd_below(ARRAY_LEN(chan_cmds))];
	case 6:
		/* the other device's commands */
		return is_sim ? chan_cmds[rnd_below(ARRAY_LEN(chan_cmds))] :
				sim_cmds[rnd_below(ARRAY_LEN(sim_cmds))];
	}
	magic = rnd_below(10) ? (rnd_below(2) ? TAPI_IOC_MAGIC : TAPI_SIM_IOC_MAGIC)
			      : other_magic[rnd_below(2)];
	dir = rnd_below(4);
	nr = rnd_below(5) ? rnd_below(16) : rnd_below(256);
	size = rnd_below(4) ? sizes[rnd_below(ARRAY_LEN(sizes))] :
			      rnd_below(1 << _IOC_SIZEBITS);
	return _IOC(dir, magic, nr, size);
}

static void count(struct __test_metadata *_metadata, FIXTURE_DATA(fuzz) *self,
		  const char *what, unsigned long cmd, long ret, int err)
{
	unsigned int i;

	self->calls++;
	if (ret >= 0) {
		self->results[0]++;
		return;
	}
	self->results[err & 0xff]++;
	for (i = 0; i < ARRAY_LEN(allowed_errnos); i++)
		if (err == allowed_errnos[i])
			return;
	self->unexpected++;
	TH_LOG("call %lu: %s 0x%lx: unexpected %s", self->calls, what, cmd,
	       strerror(err));
}

static void fuzz_one_ioctl(struct __test_metadata *_metadata,
			   FIXTURE_DATA(fuzz) *self)
{
	int is_sim = rnd_below(5) == 0;
	int fd = is_sim ? self->sim : self->fd[rnd_below(2 * NCHAN)];
	unsigned long cmd = random_cmd(is_sim);
	uint32_t buf[PAGE / 4];
	uint8_t *bytes = (uint8_t *)buf;
	unsigned int i, k;
	void *arg;
	long ret;
	int err;

	for (i = 0; i < ARRAY_LEN(buf); i++)
		buf[i] = rnd_below(3) ? 0 : rnd();
	if (rnd_below(3))
		plausible(cmd, bytes);
	if (is_sim)
		aim_sim_command(self, cmd, bytes);

	switch (rnd_below(16)) {
	case 0:
		arg = NULL;
		break;
	case 1:
		arg = (void *)(uintptr_t)rnd_below(4096);
		break;
	case 2:
		arg = (void *)0xffffffff81000000ul;	/* kernel text */
		break;
	case 3:
		arg = (void *)-1l;
		break;
	case 4:
	case 5:
		/* the structure runs into the unmapped page */
		k = 1 + rnd_below(_IOC_SIZE(cmd) ? _IOC_SIZE(cmd) : 64);
		if (k > PAGE)
			k = PAGE;
		memcpy(self->edge + PAGE - k, bytes, k);
		arg = self->edge + PAGE - k;
		break;
	case 6:
		arg = self->rdonly;
		break;
	default:
		memcpy(self->heap, bytes, PAGE);
		arg = self->heap;
		break;
	}

	errno = 0;
	ret = ioctl(fd, cmd, arg);
	err = errno;
	count(_metadata, self, is_sim ? "sim ioctl" : "channel ioctl", cmd, ret,
	      err);
	if (ret == 0 && is_sim && cmd == TAPI_SIM_IOC_CARD_ADD) {
		uint32_t card = ((struct tapi_sim_card *)arg)->card;

		/* Keep the number of cards bounded, and clean up after. */
		if (self->nextra < MAX_ADDED)
			self->extra[self->nextra++] = card;
		else
			sim_card_remove(self->sim, card);
	}
}

static void fuzz_one_io(struct __test_metadata *_metadata,
			FIXTURE_DATA(fuzz) *self)
{
	/* Non-blocking files only: a blocking read may wait for capture. */
	int fd = self->fd[NCHAN + rnd_below(NCHAN)];
	size_t len = rnd_below(3) ? rnd_below(4000) : rnd_below(PAGE);
	struct pollfd pfd = { .fd = fd, .events = rnd() & 0xffff };
	long ret;

	errno = 0;
	switch (rnd_below(4)) {
	case 0:
		ret = read(fd, rnd_below(4) ? self->heap : self->rdonly, len);
		count(_metadata, self, "read", len, ret, errno);
		break;
	case 1:
		ret = write(fd, rnd_below(4) ? (void *)self->heap : BAD_PTR, len);
		count(_metadata, self, "write", len, ret, errno);
		break;
	case 2:
		ret = read(fd, self->edge + PAGE - len / 2, len);
		count(_metadata, self, "read", len, ret, errno);
		break;
	default:
		ret = poll(&pfd, 1, 0);
		count(_metadata, self, "poll", 0, ret, errno);
		break;
	}
}

static void fuzz_run(struct __test_metadata *_metadata,
		     FIXTURE_DATA(fuzz) *self, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		if (rnd_below(20))
			fuzz_one_ioctl(_metadata, self);
		else
			fuzz_one_io(_metadata, self);
	}
}

TEST_F_TIMEOUT(fuzz, random_calls_get_documented_errors, 600)
{
	unsigned long total = FUZZ_CALLS, i;
	char line[512];
	int len = 0, ret;

	if (getenv("FUZZ_CALLS"))
		total = strtoul(getenv("FUZZ_CALLS"), NULL, 0);

	fuzz_run(_metadata, self, total / 2);

	/*
	 * The card goes away under the open files (unless a fuzzed
	 * CARD_REMOVE took it already); they are fuzzed on.
	 */
	ret = sim_card_remove(self->sim, self->card.card);
	EXPECT_TRUE(ret == 0 || ret == -ENODEV) TH_LOG("%s", strerror(-ret));
	fuzz_run(_metadata, self, total / 4);
	close_card_fds(self);

	ASSERT_EQ(0, sim_card_add(self->sim, NFXS, NFXO, &self->card));
	/* Its number may be one a removed extra card had. */
	for (i = 0; i < (unsigned long)self->nextra; i++)
		if (self->extra[i] == self->card.card)
			self->extra[i] = 0xffffffff;
	open_card_fds(_metadata, self);
	fuzz_run(_metadata, self, total - total / 2 - total / 4);

	line[0] = '\0';
	for (i = 0; i < 256; i++)
		if (self->results[i] && len < (int)sizeof(line) - 40)
			len += snprintf(line + len, sizeof(line) - len,
					" %s:%lu", i ? strerror(i) : "ok",
					self->results[i]);
	ksft_print_msg("%lu calls, results:%s\n", self->calls, line);
	EXPECT_EQ(0, self->unexpected);
	EXPECT_EQ(total, self->calls);
}

TEST_HARNESS_MAIN
