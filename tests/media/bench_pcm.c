// SPDX-License-Identifier: GPL-2.0
/*
 * bench_pcm - the channel PCMs (tapi_pcm) against snd-aloop, in the VM,
 * the same measurements in the same run.  Prints results, never fails.
 *
 * Round trip per period size: A plays a click into its PCM; the far end
 * B records it and plays back what it records at once; A records the
 * echo.  tapi: A and B are two FXO lines in a call through the simulated
 * CO.  aloop: A plays on Loopback,0,0 (B records it on Loopback,1,0), B
 * plays on Loopback,1,1 (A records it on Loopback,0,1).  A's playback and
 * capture are linked, so they start on the same frame: the latency is the
 * capture index of the echo minus the playback index of the click, in
 * frames.  Buffers are four periods; A keeps its playback full, B
 * starts its echo two periods ahead: the round trip is about six periods
 * plus the path's own delay, for both drivers alike.
 *
 * CPU per streaming channel: the machine's non-idle CPU time (/proc/stat)
 * while N channels play and record at 20 ms periods, minus the same
 * window with nothing streaming, divided by N.  Under TCG the absolute
 * numbers are the emulator's; the comparison is what counts.
 */
#include "pcm_util.h"

#define CLICK_AMP	16000
#define TRIALS		3
#define CPU_WINDOW_MS	4000
#define CPU_CHANNELS	4

struct path {
	const char *name;
	char a_play[32], a_cap[32], b_play[32], b_cap[32];
};

static int open_dev(snd_pcm_t **pcm, const char *name, snd_pcm_stream_t dir,
		    snd_pcm_uframes_t period, unsigned int periods)
{
	snd_pcm_hw_params_t *hw;
	snd_pcm_sw_params_t *sw;
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
	    (ret = snd_pcm_hw_params_set_channels(*pcm, hw, 1)) < 0 ||
	    (ret = snd_pcm_hw_params_set_rate(*pcm, hw, PCM_RATE, 0)) < 0 ||
	    (ret = snd_pcm_hw_params_set_period_size(*pcm, hw, period, 0)) < 0 ||
	    (ret = snd_pcm_hw_params_set_buffer_size(*pcm, hw,
			period * periods)) < 0 ||
	    (ret = snd_pcm_hw_params(*pcm, hw)) < 0 ||
	    (ret = snd_pcm_sw_params_current(*pcm, sw)) < 0 ||
	    (ret = snd_pcm_sw_params_set_avail_min(*pcm, sw, period)) < 0 ||
	    (ret = snd_pcm_sw_params_set_start_threshold(*pcm, sw,
			dir == SND_PCM_STREAM_PLAYBACK ? period : 1)) < 0 ||
	    (ret = snd_pcm_sw_params(*pcm, sw)) < 0) {
		snd_pcm_close(*pcm);
		*pcm = NULL;
	}
	return ret;
}

/* One round trip: frames from the click played to its echo recorded. */
static long round_trip(const struct path *p, snd_pcm_uframes_t period,
		       unsigned int *xruns)
{
	snd_pcm_t *ap = NULL, *ac = NULL, *bp = NULL, *bc = NULL;
	int16_t buf[1024], zero[1024] = { 0 };
	long played = 0, recorded = 0, click_at = -1, echo_at = -1;
	int64_t end = now_ms() + 4000;
	snd_pcm_sframes_t n;
	long result = -1;

	if (open_dev(&ap, p->a_play, SND_PCM_STREAM_PLAYBACK, period, 4) < 0 ||
	    open_dev(&ac, p->a_cap, SND_PCM_STREAM_CAPTURE, period, 4) < 0 ||
	    open_dev(&bc, p->b_cap, SND_PCM_STREAM_CAPTURE, period, 4) < 0 ||
	    open_dev(&bp, p->b_play, SND_PCM_STREAM_PLAYBACK, period, 4) < 0)
		goto out;
	/* B: its echo loop starts with its capture, two periods ahead. */
	snd_pcm_writei(bp, zero, 2 * period);
	if (snd_pcm_start(bc) < 0)
		goto out;
	/* A: one period of silence queued, then both start together. */
	if (snd_pcm_link(ap, ac) < 0 ||
	    snd_pcm_writei(ap, zero, period) != (snd_pcm_sframes_t)period)
		goto out;
	/* The write may have started both already (start threshold). */
	if (snd_pcm_state(ac) != SND_PCM_STATE_RUNNING && snd_pcm_start(ac) < 0)
		goto out;
	played = period;
	while (echo_at < 0 && now_ms() < end) {
		snd_pcm_wait(ac, 20);
		/* B echoes what it records. */
		while ((n = snd_pcm_readi(bc, buf, 1024)) > 0)
			if (snd_pcm_writei(bp, buf, n) == -EPIPE) {
				++*xruns;
				snd_pcm_prepare(bp);
				snd_pcm_writei(bp, buf, n);
			}
		if (n == -EPIPE) {
			++*xruns;
			goto out;
		}
		/* A keeps its playback full; the click goes out at 200 ms. */
		for (;;) {
			snd_pcm_sframes_t room = snd_pcm_avail_update(ap);

			if (room <= 0)
				break;
			if (room > 1024)
				room = 1024;
			memset(buf, 0, room * 2);
			if (click_at < 0 && played + room > 1600) {
				click_at = played > 1600 ? played : 1600;
				buf[click_at - played] = CLICK_AMP;
			}
			n = snd_pcm_writei(ap, buf, room);
			if (n < 0) {
				++*xruns;
				goto out;
			}
			played += n;
		}
		while ((n = snd_pcm_readi(ac, buf, 1024)) > 0) {
			snd_pcm_sframes_t i;

			for (i = 0; i < n && echo_at < 0; i++)
				if (click_at >= 0 && recorded + i > click_at &&
				    abs(buf[i]) > CLICK_AMP / 4)
					echo_at = recorded + i;
			recorded += n;
		}
		if (n == -EPIPE) {
			++*xruns;
			goto out;
		}
	}
	if (echo_at >= 0)
		result = echo_at - click_at;
out:
	if (ap && ac)
		snd_pcm_unlink(ap);
	if (ap)
		snd_pcm_close(ap);
	if (ac)
		snd_pcm_close(ac);
	if (bp)
		snd_pcm_close(bp);
	if (bc)
		snd_pcm_close(bc);
	return result;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static void bench_latency(const struct path *p)
{
	static const snd_pcm_uframes_t periods[] = { 8, 16, 40, 80, 160 };
	unsigned int i, t;

	for (i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
		long got[TRIALS];
		unsigned int ok = 0, xruns = 0;

		for (t = 0; t < TRIALS; t++) {
			long r = round_trip(p, periods[i], &xruns);

			if (r >= 0)
				got[ok++] = r;
		}
		if (!ok) {
			printf("# bench-media: %-5s period %3lu frames: round trip n/a (period refused or echo lost, %u xruns)\n",
			       p->name, periods[i], xruns);
			continue;
		}
		qsort(got, ok, sizeof(got[0]), cmp_long);
		printf("# bench-media: %-5s period %3lu frames (%5.1f ms): round trip median %5.1f ms, min %5.1f, max %5.1f (%u/%u trials, %u xruns)\n",
		       p->name, periods[i], periods[i] / 8.0, got[ok / 2] / 8.0,
		       got[0] / 8.0, got[ok - 1] / 8.0, ok, TRIALS, xruns);
	}
}

/* Non-idle and total jiffies of all CPUs. */
static void cpu_ticks(unsigned long long *busy, unsigned long long *total)
{
	unsigned long long v[10] = { 0 };
	FILE *f = fopen("/proc/stat", "r");
	int i;

	*busy = *total = 0;
	if (!f)
		return;
	if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
		   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
		   &v[8], &v[9]) >= 8) {
		for (i = 0; i < 8; i++)
			*total += v[i];
		*busy = *total - v[3] - v[4];
	}
	fclose(f);
}

/* Percent of one CPU used by the machine while @n channels stream. */
static double cpu_window(char (*play)[32], char (*cap)[32], int n)
{
	struct pcm_params pp = { SND_PCM_FORMAT_S16_LE, 160, 10 };
	struct pcm_stream ps[CPU_CHANNELS], cs[CPU_CHANNELS];
	unsigned long long b0, t0, b1, t1;
	int64_t end;
	int i;

	memset(ps, 0, sizeof(ps));
	memset(cs, 0, sizeof(cs));
	for (i = 0; i < n; i++) {
		snd_pcm_t *pcm;

		ps[i].format = cs[i].format = pp.format;
		ps[i].tone = pcm_tone(pp.format, 1000, 4000);
		cs[i].want = SIZE_MAX;
		if (open_dev(&pcm, play[i], SND_PCM_STREAM_PLAYBACK, 160, 10) < 0)
			return -1;
		ps[i].pcm = pcm;
		if (open_dev(&pcm, cap[i], SND_PCM_STREAM_CAPTURE, 160, 10) < 0)
			return -1;
		cs[i].pcm = pcm;
	}
	cpu_ticks(&b0, &t0);
	end = now_ms() + CPU_WINDOW_MS;
	if (n)
		pcm_stream_run(ps, n, cs, n, CPU_WINDOW_MS);
	while (now_ms() < end)
		sleep_ms(50);
	cpu_ticks(&b1, &t1);
	for (i = 0; i < n; i++) {
		snd_pcm_close(ps[i].pcm);
		snd_pcm_close(cs[i].pcm);
		free((void *)ps[i].tone);
	}
	/* total jiffies over all CPUs; x ncpus for percent of one CPU */
	return t1 > t0 ? 100.0 * (b1 - b0) / (t1 - t0) * sysconf(_SC_NPROCESSORS_ONLN) : -1;
}

static void bench_cpu(const char *name, char (*play)[32], char (*cap)[32])
{
	double idle = cpu_window(play, cap, 0);
	double busy = cpu_window(play, cap, CPU_CHANNELS);

	if (busy < 0) {
		printf("# bench-media: %-5s cpu: n/a (streams would not open)\n", name);
		return;
	}
	printf("# bench-media: %-5s cpu: %.1f%% of one CPU idle, %.1f%% with %d channels streaming both ways: %.2f%% per channel\n",
	       name, idle, busy, CPU_CHANNELS, (busy - idle) / CPU_CHANNELS);
}

int main(void)
{
	struct path tapi = { .name = "tapi" }, aloop = { .name = "aloop" };
	char tplay[CPU_CHANNELS][32], tcap[CPU_CHANNELS][32];
	char lplay[CPU_CHANNELS][32], lcap[CPU_CHANNELS][32];
	struct tapi_sim_card card;
	struct tapi_sim_status st;
	struct tapi_event ev;
	int sim, alsa, fa, fb, i, loop;
	unsigned int a, b;

	printf("TAP version 13\n1..1\n");
	sim = sim_open();
	if (sim < 0 || sim_card_add(sim, 2, 2, &card)) {
		printf("ok 1 # SKIP no tapi_sim\n");
		return 0;
	}
	alsa = alsa_card_of(card.card);
	loop = snd_card_get_index("Loopback");
	a = card.first_channel + 2;
	b = a + 1;
	/* A calls B through the simulated CO. */
	fa = chan_open(a, O_NONBLOCK);
	fb = chan_open(b, O_NONBLOCK);
	sim_status(sim, b, &st);
	set_u32(fa, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF);
	dial(fa, st.number, 60, 60, 0);
	ev_wait_type(fb, TAPI_EV_RING, ~0u, 4 * EVENT_TIMEOUT_MS, &ev);
	ev_wait_type(fa, TAPI_EV_DIAL_DONE, ~0u, EVENT_TIMEOUT_MS, &ev);
	set_u32(fb, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF);
	if (sim_wait_status(sim, a, co_state, TAPI_SIM_CO_CONNECTED,
			    EVENT_TIMEOUT_MS))
		printf("# bench-media: the call did not connect\n");

	snprintf(tapi.a_play, 32, "hw:%d,2", alsa);
	snprintf(tapi.a_cap, 32, "hw:%d,2", alsa);
	snprintf(tapi.b_play, 32, "hw:%d,3", alsa);
	snprintf(tapi.b_cap, 32, "hw:%d,3", alsa);
	snprintf(aloop.a_play, 32, "hw:%d,0,0", loop);
	snprintf(aloop.b_cap, 32, "hw:%d,1,0", loop);
	snprintf(aloop.b_play, 32, "hw:%d,1,1", loop);
	snprintf(aloop.a_cap, 32, "hw:%d,0,1", loop);
	printf("# bench-media: round trip A -> B -> A, four-period buffers, S16_LE 8 kHz mono\n");
	bench_latency(&tapi);
	if (loop >= 0)
		bench_latency(&aloop);
	else
		printf("# bench-media: no snd-aloop card\n");
	close(fa);
	close(fb);

	/* CPU: each tapi channel plays and records itself. */
	for (i = 0; i < CPU_CHANNELS; i++) {
		snprintf(tplay[i], 32, "hw:%d,%d", alsa, i);
		snprintf(tcap[i], 32, "hw:%d,%d", alsa, i);
		snprintf(lplay[i], 32, "hw:%d,0,%d", loop, i + 2);
		snprintf(lcap[i], 32, "hw:%d,1,%d", loop, i + 2);
	}
	bench_cpu("tapi", tplay, tcap);
	if (loop >= 0)
		bench_cpu("aloop", lplay, lcap);
	sim_card_remove(sim, card.card);
	close(sim);
	printf("ok 1 bench_pcm\n");
	return 0;
}
