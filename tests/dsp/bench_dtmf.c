// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * DTMF benchmark: our receiver (kernel/dsp/dtmf_rx.c, userspace build)
 * and spandsp's dtmf_rx on the same audio in the same run, side by side:
 *
 *   - instructions per sample, counted by valgrind --tool=callgrind in a
 *     child process per receiver and workload, collecting only inside
 *     the feeding loop (--toggle-collect), from the totals line;
 *   - nanoseconds per sample, timed natively;
 *   - the ratio ours/spandsp of both;
 *   - detection delay from tone onset to digit report (median, max);
 *   - the conformance table (tests/dsp/dtmf_rules.c) for both;
 *   - false digits on the talk-off corpus for both.
 *
 * Samples are fed 8 at a time, as the kernel core does every 1 ms.
 * Never a pass/fail test: it always exits 0 and only prints.
 *
 * Usage: bench_dtmf CORPUS_DIR
 *        bench_dtmf --count ours|spandsp WORKLOAD CORPUS_DIR  (internal)
 */
#include <dirent.h>
#include <spandsp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dtmf.h"
#include "dtmf_impl.h"
#include "dtmf_rules.h"
#include "dtmf_sig.h"

#define CHUNK		8

enum workload { WL_DIGITS, WL_SPEECH, WL_NOISE, WL_COUNT };
static const char *const wl_name[WL_COUNT] = { "digits", "speech", "noise" };
static const char *const wl_what[WL_COUNT] = {
	"60 s: all keys, -3..-30 dBm0, 40-200 ms, pauses, noise -50 dBm0",
	"3 min of talk-off speech (first files of the corpus)",
	"60 s of white noise at -40 dBm0 (an idle line)",
};

/* The audio of a workload, malloc()ed. */
static int16_t *make_workload(enum workload wl, const char *corpus, long *n)
{
	long cap = 8000L * 180, pos = 0, got;
	int16_t *x = calloc(cap, sizeof(*x)), *f;
	struct dtmfsig_tone t;
	char path[4096];
	struct dirent **names;
	int k, i, count;

	if (!x)
		abort();
	dtmfsig_seed(2024);
	switch (wl) {
	case WL_DIGITS:
		for (k = 0; pos < 8000L * 59; k++) {
			t = dtmfsig_key(DTMFSIG_KEYS[k % 16], -3 - k % 28,
					40 + (k * 37) % 160);
			pos += dtmfsig_add_tone(x + pos, &t);
			pos += 8 * (40 + (k * 53) % 300);
		}
		*n = 8000L * 60;
		dtmfsig_add_noise(x, *n, -50);
		break;
	case WL_SPEECH:
		count = scandir(corpus, &names, NULL, alphasort);
		for (i = 0; i < count; i++) {
			if (pos < cap && !strncmp(names[i]->d_name, "speech-", 7)) {
				snprintf(path, sizeof(path), "%s/%s", corpus,
					 names[i]->d_name);
				f = dtmfsig_read_raw(path, &got);
				if (f) {
					if (got > cap - pos)
						got = cap - pos;
					memcpy(x + pos, f, got * sizeof(*x));
					pos += got;
					free(f);
				}
			}
			free(names[i]);
		}
		if (count > 0)
			free(names);
		*n = pos;
		break;
	default:
		*n = 8000L * 60;
		dtmfsig_add_noise(x, *n, -40);
		break;
	}
	return x;
}

static void ours_digit(void *user, char digit, bool end, unsigned int ms)
{
	(void)digit;
	(void)end;
	(void)ms;
	++*(int *)user;
}

static void spandsp_digit(void *user, int code, int level, int delay)
{
	(void)code;
	(void)level;
	(void)delay;
	++*(int *)user;
}

/* The measured loop: callgrind collects only inside this function. */
static noinline void
bench_feed(enum dtmf_impl impl, void *state, const int16_t *x, long n)
{
	long i;

	if (impl == DTMF_OURS)
		for (i = 0; i + CHUNK <= n; i += CHUNK)
			tapi_dtmf_rx(state, x + i, CHUNK);
	else
		for (i = 0; i + CHUNK <= n; i += CHUNK)
			dtmf_rx(state, x + i, CHUNK);
}

struct receiver {
	struct tapi_dtmf_rx_state ours;
	dtmf_rx_state_t *spandsp;
	int reports;
};

static void *receiver_start(struct receiver *r, enum dtmf_impl impl)
{
	r->reports = 0;
	if (impl == DTMF_OURS) {
		tapi_dtmf_rx_init(&r->ours, ours_digit, &r->reports);
		return &r->ours;
	}
	r->spandsp = dtmf_rx_init(NULL, NULL, NULL);
	dtmf_rx_set_realtime_callback(r->spandsp, spandsp_digit, &r->reports);
	return r->spandsp;
}

static void receiver_stop(struct receiver *r, enum dtmf_impl impl)
{
	if (impl == DTMF_SPANDSP)
		dtmf_rx_free(r->spandsp);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Native speed: repeat the workload for at least 0.3 s, best of 3. */
static double ns_per_sample(enum dtmf_impl impl, const int16_t *x, long n)
{
	struct receiver r;
	double best = 1e30, t0, t;
	long samples;
	int round;
	void *s;

	for (round = 0; round < 3; round++) {
		samples = 0;
		t0 = now();
		do {
			s = receiver_start(&r, impl);
			bench_feed(impl, s, x, n);
			receiver_stop(&r, impl);
			samples += n;
		} while ((t = now() - t0) < 0.3);
		if (t / samples < best)
			best = t / samples;
	}
	return best * 1e9;
}

/* Child mode: feed one workload once, for callgrind to count. */
static int count_mode(const char *impl_name, const char *wl,
		      const char *corpus)
{
	enum dtmf_impl impl = strcmp(impl_name, "ours") ? DTMF_SPANDSP :
							  DTMF_OURS;
	struct receiver r;
	int16_t *x;
	long n;
	int w;
	void *s;

	for (w = 0; w < WL_COUNT && strcmp(wl, wl_name[w]); w++)
		;
	if (w == WL_COUNT)
		return 2;
	x = make_workload(w, corpus, &n);
	s = receiver_start(&r, impl);
	bench_feed(impl, s, x, n);
	receiver_stop(&r, impl);
	printf("%ld\n", n);
	free(x);
	return 0;
}

/*
 * Instructions per sample under callgrind, or -1 if valgrind is missing
 * or fails.  Only bench_feed() and what it calls is counted.
 */
static double instructions_per_sample(enum dtmf_impl impl, enum workload wl,
				      const char *corpus)
{
	char out[] = "/tmp/bench_dtmf_cg.XXXXXX", cmd[8192], self[4096];
	char line[256];
	unsigned long long total = 0;
	long samples = 0;
	ssize_t len;
	FILE *f;
	int fd;

	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0)
		return -1;
	self[len] = '\0';
	fd = mkstemp(out);
	if (fd < 0)
		return -1;
	close(fd);
	snprintf(cmd, sizeof(cmd),
		 "valgrind --tool=callgrind --callgrind-out-file=%s "
		 "--toggle-collect=bench_feed %s --count %s %s %s "
		 "2>/dev/null", out, self,
		 impl == DTMF_OURS ? "ours" : "spandsp", wl_name[wl], corpus);
	f = popen(cmd, "r");
	if (!f || fscanf(f, "%ld", &samples) != 1)
		samples = 0;
	if (f)
		pclose(f);
	f = fopen(out, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "totals:", 7))
			total = strtoull(line + 7, NULL, 10);
	if (f)
		fclose(f);
	unlink(out);
	if (!samples || !total)
		return -1;
	return (double)total / samples;
}

static void talkoff(const char *corpus, const char *prefix, int digits[2],
		    double *minutes)
{
	static struct dtmf_result res;
	struct dirent **names;
	char path[4096];
	int16_t *x;
	long n;
	int i, count, impl;

	digits[0] = digits[1] = 0;
	*minutes = 0;
	count = scandir(corpus, &names, NULL, alphasort);
	for (i = 0; i < count; i++) {
		if (!strncmp(names[i]->d_name, prefix, strlen(prefix))) {
			snprintf(path, sizeof(path), "%s/%s", corpus,
				 names[i]->d_name);
			x = dtmfsig_read_raw(path, &n);
			if (x) {
				*minutes += n / 480000.0;
				for (impl = 0; impl < 2; impl++) {
					dtmf_impl_run(impl, x, n, CHUNK, &res);
					digits[impl] += res.n;
				}
				free(x);
			}
		}
		free(names[i]);
	}
	if (count > 0)
		free(names);
}

static void print_ratio(double ours, double theirs, const char *unit)
{
	if (ours < 0 || theirs <= 0)
		printf(" %12s %12s %8s\n", "n/a", "n/a", "");
	else
		printf(" %10.1f %s %10.1f %s %7.2fx\n", ours, unit, theirs,
		       unit, ours / theirs);
}

int main(int argc, char **argv)
{
	const char *corpus;
	struct dtmf_rule_report rep[2];
	double ips[2], ns, ns2, med[2], max[2], minutes;
	int w, i, impl, digits[2];
	int16_t *x;
	long n;

	if (argc == 5 && !strcmp(argv[1], "--count"))
		return count_mode(argv[2], argv[3], argv[4]);
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 0;
	}
	corpus = argv[1];

	printf("DTMF receivers: linux-tapi (kernel/dsp/dtmf_rx.c, userspace "
	       "build) vs spandsp %s dtmf_rx\n", "0.0.6");
	printf("fed 8 samples per call (the kernel's 1 ms); state: "
	       "linux-tapi %zu bytes\n\n", sizeof(struct tapi_dtmf_rx_state));

	printf("%-30s %12s %12s %8s\n", "cost", "linux-tapi", "spandsp",
	       "ratio");
	for (w = 0; w < WL_COUNT; w++) {
		for (impl = 0; impl < 2; impl++)
			ips[impl] = instructions_per_sample(impl, w, corpus);
		printf("%-22s instr/smp", wl_name[w]);
		if (ips[0] < 0 || ips[1] <= 0)
			printf(" %12s %12s    (valgrind unavailable)\n", "n/a",
			       "n/a");
		else
			printf(" %12.1f %12.1f %7.2fx\n", ips[0], ips[1],
			       ips[0] / ips[1]);
		x = make_workload(w, corpus, &n);
		ns = ns_per_sample(DTMF_OURS, x, n);
		ns2 = ns_per_sample(DTMF_SPANDSP, x, n);
		printf("%-22s ns/smp   ", wl_name[w]);
		printf(" %12.2f %12.2f %7.2fx\n", ns, ns2, ns / ns2);
		free(x);
	}
	for (w = 0; w < WL_COUNT; w++)
		printf("  %-8s %s\n", wl_name[w], wl_what[w]);

	for (impl = 0; impl < 2; impl++)
		dtmf_rules_delay(impl, &med[impl], &max[impl]);
	printf("\n%-30s %12s %12s %8s\n", "detection delay (onset to report)",
	       "linux-tapi", "spandsp", "ratio");
	printf("%-30s", "median ms");
	print_ratio(med[0], med[1], "  ");
	printf("%-30s", "max ms");
	print_ratio(max[0], max[1], "  ");
	printf("  (every key at -3..-30 dBm0, 100 ms, onsets at every "
	       "alignment)\n");

	printf("\n%-14s %-36s %-12s %-12s\n", "conformance", "rule (Q.24)",
	       "linux-tapi", "spandsp");
	for (i = 0; i < dtmf_rule_count; i++) {
		char cell[2][32];

		for (impl = 0; impl < 2; impl++) {
			dtmf_rules[i].run(impl, &rep[impl]);
			snprintf(cell[impl], sizeof(cell[impl]), "%s %d/%d",
				 rep[impl].pass ? "pass" : "FAIL",
				 rep[impl].cases - rep[impl].failed,
				 rep[impl].cases);
		}
		printf("%-14s %-36s %-12s %-12s\n", dtmf_rules[i].name,
		       dtmf_rules[i].limit, cell[0], cell[1]);
		for (impl = 0; impl < 2; impl++)
			if (!rep[impl].pass)
				printf("%16s%s: %s\n", "",
				       dtmf_impl_name(impl), rep[impl].detail);
	}
	printf("  floor: linux-tapi %.0f dBm0, spandsp %.0f dBm0 (each "
	       "its own documented threshold)\n", dtmf_rules_floor(DTMF_OURS),
	       dtmf_rules_floor(DTMF_SPANDSP));

	printf("\n%-30s %12s %12s\n", "talk-off (false digits)",
	       "linux-tapi", "spandsp");
	talkoff(corpus, "speech-", digits, &minutes);
	printf("speech, %5.1f min %15s %12d %12d\n", minutes, "", digits[0],
	       digits[1]);
	talkoff(corpus, "music-", digits, &minutes);
	printf("music,  %5.1f min %15s %12d %12d\n", minutes, "", digits[0],
	       digits[1]);
	return 0;
}
