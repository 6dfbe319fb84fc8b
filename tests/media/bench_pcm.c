// SPDX-License-Identifier: GPL-2.0
/*
 * bench_pcm - the channel PCMs (tapi_pcm) against snd-aloop, in the VM,
 * the same measurements in the same run.  Prints results, never fails.
 *
 * Round trip per period size.  A plays a short 1 kHz burst (the click)
 * into its PCM; the far end B records and plays back what it records;
 * A records the echo.  tapi: A and B are two FXO lines in a call through
 * the simulated CO.  aloop: A plays on Loopback,0,0 (B records it on
 * Loopback,1,0), B plays on Loopback,1,1 (A records it on Loopback,0,1).
 *
 * Measured on the sample clock, so that it does not depend on when the
 * process happens to run: A's playback and capture are linked (they start
 * on the same frame) and A's whole playback (silence, the click at frame
 * CLICK_AT, silence) is queued before the start, so the click leaves at
 * capture index CLICK_AT; the echo's index in A's recording is found by
 * cross-correlation with the click.  B's capture and playback are linked
 * too and B's playback is primed with an echo queue of two periods, the
 * least a period-driven application can run with: a sample B records at
 * index i goes out at index i + queue.  So
 *
 *	round trip = path A->B + B's echo queue + path B->A
 *
 * and "path" below is the round trip minus that queue: what the driver
 * and the line add.  Rings are 1 s, so only B's echo queue is timing
 * critical, and only until the click's echo has been played (the click
 * leaves 100 ms after the start): a trial in which B ran dry before (an
 * xrun under the loaded emulator, or a driver that moves in coarser steps
 * than the period, as snd-aloop with its jiffies timer) is repeated with
 * the queue one period longer.
 * snd-aloop refuses periods under 64 bytes: it then runs with as many
 * channels (of which one is used) as make the period 64 bytes, so both
 * drivers are measured at the same period duration.
 *
 * CPU per streaming channel, while CPU_CHANNELS channels play and record
 * at 20 ms periods, against an idle window just before, divided by the
 * channels; CPU_REPS repetitions, median and spread:
 *  - the streaming program: its exact CPU time (the scheduler's clock),
 *    its system calls into the driver included.  This is the robust one.
 *  - the machine's non-idle and kernel (system, irq, softirq) time from
 *    /proc/stat: sampled by the 250 Hz tick, so work done in step with
 *    the tick, as snd-aloop's jiffies timer is, is not seen; printed for
 *    what it is worth, not compared.  (This kernel has no irq time
 *    accounting, and idle-loop spinners drown in the loaded host's noise
 *    under TCG.)
 * Under TCG the absolute numbers are the emulator's; the ratio is what
 * counts.
 */
#include <sched.h>
#include "pcm_util.h"

#define RT_RING		8192	/* frames in a round trip's rings, at most */
#define CLICK_AT	800	/* the click leaves A 100 ms after the start */
#define CLICK_LEN	16
#define CLICK_AMP	12000
#define RT_TRIALS	5	/* round trips measured per period size */
#define RT_ATTEMPTS	25	/* at most, counting those that ran dry */
#define RT_QUEUE_MAX	20	/* periods of echo queue at most */
#define CPU_CHANNELS	16	/* all 32 substreams of snd-aloop */
#define CPU_REPS	7
#define CPU_WARMUP_MS	300
#define CPU_WINDOW_MS	2000

static const snd_pcm_uframes_t rt_periods[] = { 8, 16, 40, 80, 160 };
#define NPERIODS	(sizeof(rt_periods) / sizeof(rt_periods[0]))

struct path {
	const char *name;
	char a_play[32], a_cap[32], b_play[32], b_cap[32];
};

/* One period size's results for one path. */
struct rt_result {
	unsigned int ok, xruns, channels;
	long trip[RT_TRIALS], queue[RT_TRIALS];
	double median, path;	/* ms; < 0: none */
};

static double click[CLICK_LEN];

static void make_click(void)
{
	unsigned int i;

	/* Two cycles of 1 kHz under a Hann window: inside the phone band. */
	for (i = 0; i < CLICK_LEN; i++)
		click[i] = CLICK_AMP * sin(2 * M_PI * 1000 * i / PCM_RATE) *
			   (0.5 - 0.5 * cos(2 * M_PI * (i + 0.5) / CLICK_LEN));
}

/*
 * Open @name S16_LE 8 kHz with @channels channels, @period-frame periods
 * in a @ring-frame buffer, started only by snd_pcm_start() (or a link).
 */
static int open_dev(snd_pcm_t **pcm, const char *name, snd_pcm_stream_t dir,
		    unsigned int channels, snd_pcm_uframes_t period,
		    snd_pcm_uframes_t ring)
{
	snd_pcm_hw_params_t *hw;
	snd_pcm_sw_params_t *sw;
	snd_pcm_uframes_t boundary;
	int ret;

	ret = snd_pcm_open(pcm, name, dir, SND_PCM_NONBLOCK);
	if (ret < 0)
		return ret;
	snd_pcm_hw_params_alloca(&hw);
	snd_pcm_sw_params_alloca(&sw);
	if ((ret = snd_pcm_hw_params_any(*pcm, hw)) < 0 ||
	    (ret = snd_pcm_hw_params_set_access(*pcm, hw,
			SND_PCM_ACCESS_RW_INTERLEAVED)) < 0 ||
	    (ret = snd_pcm_hw_params_set_format(*pcm, hw,
			SND_PCM_FORMAT_S16_LE)) < 0 ||
	    (ret = snd_pcm_hw_params_set_channels(*pcm, hw, channels)) < 0 ||
	    (ret = snd_pcm_hw_params_set_rate(*pcm, hw, PCM_RATE, 0)) < 0 ||
	    (ret = snd_pcm_hw_params_set_period_size(*pcm, hw, period, 0)) < 0 ||
	    (ret = snd_pcm_hw_params_set_buffer_size(*pcm, hw, ring)) < 0 ||
	    (ret = snd_pcm_hw_params(*pcm, hw)) < 0 ||
	    (ret = snd_pcm_sw_params_current(*pcm, sw)) < 0 ||
	    (ret = snd_pcm_sw_params_get_boundary(sw, &boundary)) < 0 ||
	    (ret = snd_pcm_sw_params_set_avail_min(*pcm, sw, period)) < 0 ||
	    (ret = snd_pcm_sw_params_set_start_threshold(*pcm, sw,
							 boundary)) < 0 ||
	    (ret = snd_pcm_sw_params(*pcm, sw)) < 0) {
		snd_pcm_close(*pcm);
		*pcm = NULL;
	}
	return ret;
}

/* Write @n mono frames as @channels-channel frames (the rest silent). */
static snd_pcm_sframes_t write_mono(snd_pcm_t *pcm, unsigned int channels,
				    const int16_t *x, snd_pcm_uframes_t n)
{
	int16_t buf[1024 * 8];
	snd_pcm_uframes_t done = 0, i, chunk;
	snd_pcm_sframes_t w;

	while (done < n) {
		chunk = n - done;
		if (chunk > 1024)
			chunk = 1024;
		memset(buf, 0, chunk * channels * 2);
		for (i = 0; i < chunk; i++)
			buf[i * channels] = x ? x[done + i] : 0;
		w = snd_pcm_writei(pcm, buf, chunk);
		if (w < 0)
			return done ? (snd_pcm_sframes_t)done : w;
		done += w;
		if ((snd_pcm_uframes_t)w < chunk)
			break;
	}
	return done;
}

/* Read up to @n frames, keeping channel 0 in @x. */
static snd_pcm_sframes_t read_mono(snd_pcm_t *pcm, unsigned int channels,
				   int16_t *x, snd_pcm_uframes_t n)
{
	int16_t buf[1024 * 8];
	snd_pcm_sframes_t r, i;

	if (n > 1024)
		n = 1024;
	r = snd_pcm_readi(pcm, buf, n);
	for (i = 0; i < r; i++)
		x[i] = buf[i * channels];
	return r;
}

/* Where the click is in @rec (the index of its start), or -1. */
static long find_click(const int16_t *rec, long n)
{
	double best = 0, energy = 0;
	long lag, best_lag = -1;
	int k;

	for (k = 0; k < CLICK_LEN; k++)
		energy += click[k] * click[k];
	for (lag = CLICK_AT; lag + CLICK_LEN <= n; lag++) {
		double c = 0;

		for (k = 0; k < CLICK_LEN; k++)
			c += rec[lag + k] * click[k];
		if (c > best) {
			best = c;
			best_lag = lag;
		}
	}
	/* At least a quarter of the click's amplitude came back. */
	return best > energy / 4 ? best_lag : -1;
}

enum { RT_OK, RT_DRY, RT_FAIL };

/* The ring: whole periods (at most 1024), about 1 s. */
static snd_pcm_uframes_t ring_of(snd_pcm_uframes_t period)
{
	snd_pcm_uframes_t n = RT_RING / period;

	return (n > 1024 ? 1024 : n) * period;
}

/*
 * One round trip with B's echo queue @queue frames: RT_OK and *@trip in
 * frames, RT_DRY when B's playback ran dry (or a ring overflowed),
 * RT_FAIL when a stream would not open or start or the echo was lost.
 */
static int round_trip(const struct path *p, unsigned int channels,
		      snd_pcm_uframes_t period, snd_pcm_uframes_t queue,
		      long *trip)
{
	snd_pcm_t *ap = NULL, *ac = NULL, *bp = NULL, *bc = NULL;
	static int16_t prog[RT_RING], rec[RT_RING], buf[1024];
	snd_pcm_uframes_t ring = ring_of(period);
	/* A records until the echo is in, with room for a slower path. */
	long need = CLICK_AT + queue + CLICK_LEN + 2 * period + 64;
	int64_t end = now_ms() + 5000;
	long nrec = 0, at;
	snd_pcm_sframes_t n;
	int ret = RT_FAIL, k;
	bool b_dry = false;

	memset(prog, 0, sizeof(prog));
	for (k = 0; k < CLICK_LEN; k++)
		prog[CLICK_AT + k] = lrint(click[k]);
	if (open_dev(&ap, p->a_play, SND_PCM_STREAM_PLAYBACK, channels,
		     period, ring) < 0 ||
	    open_dev(&ac, p->a_cap, SND_PCM_STREAM_CAPTURE, channels,
		     period, ring) < 0 ||
	    open_dev(&bc, p->b_cap, SND_PCM_STREAM_CAPTURE, channels,
		     period, ring) < 0 ||
	    open_dev(&bp, p->b_play, SND_PCM_STREAM_PLAYBACK, channels,
		     period, ring) < 0)
		goto out;
	if (snd_pcm_link(ap, ac) < 0 || snd_pcm_link(bc, bp) < 0 ||
	    write_mono(ap, channels, prog, ring) != (snd_pcm_sframes_t)ring ||
	    write_mono(bp, channels, NULL, queue) != (snd_pcm_sframes_t)queue)
		goto out;
	/* B first: its echo runs before anything can reach it. */
	if (snd_pcm_start(bc) < 0 || snd_pcm_start(ac) < 0)
		goto out;
	while (nrec < need) {
		if (now_ms() > end)
			goto out;
		/*
		 * B echoes what it records, at once.  Once it ran dry its
		 * playback has stopped: an echo A records still came in time.
		 */
		if (!b_dry) {
			snd_pcm_wait(bc, 10);
			while ((n = read_mono(bc, channels, buf, 1024)) > 0)
				if (write_mono(bp, channels, buf, n) != n)
					break;
			if (n != -EAGAIN ||
			    snd_pcm_state(bp) != SND_PCM_STATE_RUNNING)
				b_dry = true;
		} else {
			snd_pcm_wait(ac, 10);
		}
		while (nrec < need &&
		       (n = read_mono(ac, channels, rec + nrec,
				      need - nrec)) > 0)
			nrec += n;
		if (nrec < need && n != -EAGAIN) {
			ret = RT_DRY;
			goto out;
		}
	}
	at = find_click(rec, nrec);
	if (at >= 0) {
		*trip = at - CLICK_AT;
		ret = RT_OK;
	} else if (b_dry) {
		ret = RT_DRY;
	}
out:
	if (ap && ac)
		snd_pcm_unlink(ap);
	if (bp && bc)
		snd_pcm_unlink(bc);
	if (ap)
		snd_pcm_close(ap);
	if (ac)
		snd_pcm_close(ac);
	if (bp)
		snd_pcm_close(bp);
	if (bc)
		snd_pcm_close(bc);
	return ret;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The fewest channels (1, 2, 4, 8) with which @p opens at @period. */
static unsigned int channels_for(const struct path *p,
				 snd_pcm_uframes_t period)
{
	unsigned int ch;
	snd_pcm_t *pcm;

	for (ch = 1; ch <= 8; ch *= 2)
		if (open_dev(&pcm, p->a_play, SND_PCM_STREAM_PLAYBACK, ch,
			     period, ring_of(period)) == 0) {
			snd_pcm_close(pcm);
			return ch;
		}
	return 0;
}

static void bench_latency(const struct path *p, struct rt_result *res)
{
	unsigned int i, attempt;

	for (i = 0; i < NPERIODS; i++) {
		snd_pcm_uframes_t period = rt_periods[i];
		snd_pcm_uframes_t queue = 2 * period;
		struct rt_result *r = &res[i];
		long sorted[RT_TRIALS], paths[RT_TRIALS], t = 0;
		unsigned int fails = 0, k;

		memset(r, 0, sizeof(*r));
		r->median = r->path = -1;
		r->channels = channels_for(p, period);
		if (!r->channels) {
			printf("# bench-media: %-5s period %3lu frames (%4.1f ms): refused by the driver\n",
			       p->name, period, period / 8.0);
			continue;
		}
		for (attempt = 0; attempt < RT_ATTEMPTS && r->ok < RT_TRIALS;
		     attempt++) {
			switch (round_trip(p, r->channels, period, queue, &t)) {
			case RT_OK:
				r->trip[r->ok] = t;
				r->queue[r->ok++] = queue;
				break;
			case RT_DRY:
				r->xruns++;
				if (queue < RT_QUEUE_MAX * period)
					queue += period;
				break;
			default:
				fails++;
				break;
			}
		}
		if (!r->ok) {
			printf("# bench-media: %-5s period %3lu frames (%4.1f ms): round trip n/a (%u ran dry, %u echoes lost)\n",
			       p->name, period, period / 8.0, r->xruns, fails);
			continue;
		}
		for (k = 0; k < r->ok; k++) {
			sorted[k] = r->trip[k];
			paths[k] = r->trip[k] - r->queue[k];
		}
		qsort(sorted, r->ok, sizeof(sorted[0]), cmp_long);
		qsort(paths, r->ok, sizeof(paths[0]), cmp_long);
		r->median = sorted[r->ok / 2] / 8.0;
		r->path = paths[r->ok / 2] / 8.0;
		printf("# bench-media: %-5s period %3lu frames (%4.1f ms): round trip median %6.2f ms (min %6.2f, max %6.2f), echo queue %4.1f..%4.1f ms, path %5.2f ms; %u/%u trials ok, %u ran dry, %u lost%s\n",
		       p->name, period, period / 8.0, r->median,
		       sorted[0] / 8.0, sorted[r->ok - 1] / 8.0,
		       r->queue[0] / 8.0, r->queue[r->ok - 1] / 8.0, r->path,
		       r->ok, attempt, r->xruns, fails,
		       r->channels > 1 ? " (multichannel for the 64-byte minimum period)" : "");
	}
}

/* Non-idle, kernel (system, irq, softirq) and total ticks of all CPUs. */
static void cpu_ticks(unsigned long long *busy, unsigned long long *kern,
		      unsigned long long *total)
{
	unsigned long long v[8] = { 0 };
	FILE *f = fopen("/proc/stat", "r");
	int i;

	*busy = *kern = *total = 0;
	if (!f)
		return;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu",
		   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
		   &v[7]) == 8) {
		for (i = 0; i < 8; i++)
			*total += v[i];
		*busy = *total - v[3] - v[4];
		*kern = v[2] + v[5] + v[6];
	}
	fclose(f);
}

static double thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One window's use, in percent of one CPU. */
struct cpu_use {
	double all;	/* the machine's non-idle time (sampled by the tick) */
	double kern;	/* of which system, irq and softirq */
	double self;	/* the streaming program (exact) */
};

/*
 * Use over CPU_WINDOW_MS while @n channels stream both ways (nothing when
 * @n is 0); 0, or -1 when a stream would not open or failed.
 */
static int cpu_window(char (*play)[32], char (*cap)[32], int n,
		      struct cpu_use *use)
{
	struct pcm_params pp = { SND_PCM_FORMAT_S16_LE, 160, 10 };
	struct pcm_stream ps[CPU_CHANNELS], cs[CPU_CHANNELS];
	unsigned long long b0, k0, t0, b1, k1, t1;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int64_t w0, w1;
	double s0, s1;
	int i, ret = 0;

	memset(ps, 0, sizeof(ps));
	memset(cs, 0, sizeof(cs));
	for (i = 0; i < n && !ret; i++) {
		ps[i].format = cs[i].format = pp.format;
		ps[i].tone = pcm_tone(pp.format, 1000, 4000);
		cs[i].want = SIZE_MAX;
		if (!ps[i].tone ||
		    open_dev(&ps[i].pcm, play[i], SND_PCM_STREAM_PLAYBACK, 1,
			     pp.period, pp.period * pp.periods) < 0 ||
		    open_dev(&cs[i].pcm, cap[i], SND_PCM_STREAM_CAPTURE, 1,
			     pp.period, pp.period * pp.periods) < 0 ||
		    snd_pcm_start(cs[i].pcm) < 0)
			ret = -1;
	}
	if (!ret && n) {
		/* Playback starts once its ring is full. */
		for (i = 0; i < n; i++) {
			pcm_stream_step(&ps[i], true);
			snd_pcm_start(ps[i].pcm);
		}
		pcm_stream_run(ps, n, cs, n, CPU_WARMUP_MS);
	}
	cpu_ticks(&b0, &k0, &t0);
	s0 = thread_cpu_s();
	w0 = now_ms();
	if (!ret && n)
		pcm_stream_run(ps, n, cs, n, CPU_WINDOW_MS);
	else
		sleep_ms(CPU_WINDOW_MS);
	w1 = now_ms();
	s1 = thread_cpu_s();
	cpu_ticks(&b1, &k1, &t1);
	for (i = 0; i < n; i++) {
		if (ps[i].error || cs[i].error)
			ret = -1;
		if (ps[i].pcm)
			snd_pcm_close(ps[i].pcm);
		if (cs[i].pcm)
			snd_pcm_close(cs[i].pcm);
		free((void *)ps[i].tone);
	}
	if (ret || t1 <= t0 || w1 <= w0)
		return -1;
	/* Ticks of all CPUs: times the CPUs for percent of one. */
	use->all = 100.0 * (b1 - b0) / (t1 - t0) * ncpu;
	use->kern = 100.0 * (k1 - k0) / (t1 - t0) * ncpu;
	use->self = 100.0 * (s1 - s0) * 1000 / (w1 - w0);

	return 0;
}

static void print_spread(const char *what, double *x, unsigned int n)
{
	qsort(x, n, sizeof(x[0]), cmp_double);
	printf(" %s %.3f%% (%.3f..%.3f)", what, x[n / 2], x[0], x[n - 1]);
}

/* The median per-channel cost of the machine, percent of one CPU, or -1. */
static double bench_cpu(const char *name, char (*play)[32], char (*cap)[32])
{
	double all[CPU_REPS], kern[CPU_REPS], self[CPU_REPS], median;
	struct cpu_use idle, busy;
	unsigned int r, ok = 0;

	for (r = 0; r < CPU_REPS; r++) {
		if (cpu_window(play, cap, 0, &idle) ||
		    cpu_window(play, cap, CPU_CHANNELS, &busy))
			continue;
		all[ok] = (busy.all - idle.all) / CPU_CHANNELS;
		kern[ok] = (busy.kern - idle.kern) / CPU_CHANNELS;
		self[ok++] = (busy.self - idle.self) / CPU_CHANNELS;
	}
	if (!ok) {
		printf("# bench-media: %-5s cpu: n/a (streams would not open or failed)\n",
		       name);
		return -1;
	}
	printf("# bench-media: %-5s cpu per channel, %u repetitions of %d channels streaming both ways (20 ms periods) for %d ms against idle, median (min..max) of one CPU: streaming program (exact)",
	       name, ok, CPU_CHANNELS, CPU_WINDOW_MS);
	print_spread("", self, ok);
	median = self[ok / 2];
	printf("; tick-sampled (/proc/stat):");
	print_spread("machine", all, ok);
	print_spread("kernel", kern, ok);
	printf("\n");
	return median;
}

static void print_ratio(const char *what, double tapi, double aloop)
{
	if (tapi >= 0 && aloop > 0)
		printf("# bench-media: %s tapi/aloop %.2f (tapi %.3f, aloop %.3f)\n",
		       what, tapi / aloop, tapi, aloop);
	else
		printf("# bench-media: %s tapi/aloop n/a (tapi %.3f, aloop %.3f)\n",
		       what, tapi, aloop);
}

/* A (channel @a) calls B (channel @b) through the simulated CO. */
static int place_call(int sim, unsigned int a, unsigned int b, int *fa,
		      int *fb)
{
	struct tapi_sim_status st;
	struct tapi_event ev;

	*fa = chan_open(a, O_NONBLOCK);
	*fb = chan_open(b, O_NONBLOCK);
	if (*fa < 0 || *fb < 0 || sim_status(sim, b, &st) ||
	    set_u32(*fa, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF) ||
	    sim_wait_status(sim, a, co_state, TAPI_SIM_CO_DIALTONE,
			    EVENT_TIMEOUT_MS) ||
	    dial(*fa, st.number, 0, 0, 0) ||
	    ev_wait_type(*fa, TAPI_EV_DIAL_DONE, ~0u, EVENT_TIMEOUT_MS, &ev) ||
	    sim_wait_status(sim, b, co_state, TAPI_SIM_CO_RINGING,
			    EVENT_TIMEOUT_MS) ||
	    set_u32(*fb, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF))
		return -1;
	return sim_wait_status(sim, a, co_state, TAPI_SIM_CO_CONNECTED,
			       EVENT_TIMEOUT_MS);
}


int main(void)
{
	struct path tapi = { .name = "tapi" }, aloop = { .name = "aloop" };
	struct rt_result rt_tapi[NPERIODS], rt_aloop[NPERIODS];
	char tplay[CPU_CHANNELS][32], tcap[CPU_CHANNELS][32];
	char lplay[CPU_CHANNELS][32], lcap[CPU_CHANNELS][32];
	struct sched_param sp = { .sched_priority = 50 };
	struct tapi_sim_card card, cpu_card;
	double cpu_tapi = -1, cpu_aloop = -1;
	int sim, alsa, cpu_alsa, fa, fb, i, loop;
	unsigned int a, b;
	char what[64];

	printf("TAP version 13\n1..1\n");
	sim = sim_open();
	if (sim < 0 || sim_card_add(sim, 2, 2, &card)) {
		printf("ok 1 # SKIP no tapi_sim\n");
		return 0;
	}
	make_click();
	/* Both drivers alike: no other task of the VM delays the echo. */
	if (sched_setscheduler(0, SCHED_FIFO, &sp))
		printf("# bench-media: no SCHED_FIFO (%s)\n", strerror(errno));
	alsa = alsa_card_of(card.card);
	loop = snd_card_get_index("Loopback");
	a = card.first_channel + 2;
	b = a + 1;
	if (place_call(sim, a, b, &fa, &fb))
		printf("# bench-media: the call did not connect\n");

	snprintf(tapi.a_play, 32, "hw:%d,2", alsa);
	snprintf(tapi.a_cap, 32, "hw:%d,2", alsa);
	snprintf(tapi.b_play, 32, "hw:%d,3", alsa);
	snprintf(tapi.b_cap, 32, "hw:%d,3", alsa);
	snprintf(aloop.a_play, 32, "hw:%d,0,0", loop);
	snprintf(aloop.b_cap, 32, "hw:%d,1,0", loop);
	snprintf(aloop.b_play, 32, "hw:%d,1,1", loop);
	snprintf(aloop.a_cap, 32, "hw:%d,0,1", loop);
	printf("# bench-media: round trip A -> B -> A on the sample clock, S16_LE 8 kHz; B echoes with a queue of 2 periods, one period more after each trial it ran dry; median of %d trials\n",
	       RT_TRIALS);
	bench_latency(&tapi, rt_tapi);
	if (loop >= 0)
		bench_latency(&aloop, rt_aloop);
	else
		printf("# bench-media: no snd-aloop card\n");
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	for (i = 0; loop >= 0 && i < (int)NPERIODS; i++) {
		snprintf(what, sizeof(what), "period %4.1f ms: round trip",
			 rt_periods[i] / 8.0);
		print_ratio(what, rt_tapi[i].median, rt_aloop[i].median);
		printf("# bench-media: period %4.1f ms: path (round trip less the echo queue) tapi %.3f ms, aloop %.3f ms\n",
		       rt_periods[i] / 8.0, rt_tapi[i].path, rt_aloop[i].path);
	}

	/*
	 * CPU: each port of a 16-port card plays and records itself; each
	 * snd-aloop channel plays and records one subdevice of device 0
	 * or 1.
	 */
	for (i = 0; i < CPU_CHANNELS; i++) {
		snprintf(lplay[i], 32, "hw:%d,%d,%d", loop, i / 8, i % 8);
		snprintf(lcap[i], 32, "hw:%d,%d,%d", loop, i / 8, i % 8);
	}
	if (sim_card_add(sim, CPU_CHANNELS, 0, &cpu_card)) {
		printf("# bench-media: no card of %d ports for the CPU cost\n",
		       CPU_CHANNELS);
	} else {
		cpu_alsa = alsa_card_of(cpu_card.card);
		for (i = 0; i < CPU_CHANNELS; i++) {
			snprintf(tplay[i], 32, "hw:%d,%d", cpu_alsa, i);
			snprintf(tcap[i], 32, "hw:%d,%d", cpu_alsa, i);
		}
		cpu_tapi = bench_cpu("tapi", tplay, tcap);
		sim_card_remove(sim, cpu_card.card);
	}
	if (loop >= 0)
		cpu_aloop = bench_cpu("aloop", lplay, lcap);
	print_ratio("cpu per channel, streaming program, % of one CPU:",
		    cpu_tapi, cpu_aloop);
	sim_card_remove(sim, card.card);
	close(sim);
	printf("ok 1 bench_pcm\n");
	return 0;
}
