// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tapi-wav: play a WAV file into a call and record the far end to another.
 *
 *   tapi-wav -d LINE [-c NUMBER | -a] [-p PLAY.wav] [-r REC.wav] [-t SECONDS]
 *
 * The pattern every TAPI media application follows on Linux: get the call
 * (lineMakeCall to NUMBER, or lineAnswer the next call offered on line
 * device LINE), ask lineGetID for the call's "wave/out" and "wave/in",
 * and hand those names to alsa-lib's snd_pcm_open() as to any other
 * sound card.  They are "plughw:" names, so the WAV is played at its own
 * rate and channels (16-bit PCM) and alsa-lib converts; the recording is
 * 8 kHz mono 16-bit, the channel's own format.
 *
 * It stops when the file has been played and SECONDS have passed (default:
 * the file's length, or 10 s without one), or when the far end hangs up;
 * then it drops the call.
 */
#include <alsa/asoundlib.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tapi.h>

#define API_VERSION	0x00020002
#define REC_RATE	8000
#define PERIOD_FRAMES	160		/* 20 ms at 8 kHz */
#define WAV_HEADER	44
#define CONNECT_MS	60000
#define WAIT_MS		100	/* longest wait for a stream */

struct wav {
	FILE *f;
	unsigned int rate, channels;
	uint32_t data_left;		/* bytes, when reading */
	uint32_t data_bytes;		/* bytes, when writing */
};

static atomic_bool stopping;

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

static void put_le16(unsigned char *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

/* Open a RIFF WAVE file of 16-bit PCM and find its data. */
static int wav_open_read(struct wav *w, const char *path)
{
	unsigned char hdr[12], ck[8], fmt[16];
	bool have_fmt = false;

	w->f = fopen(path, "rb");
	if (!w->f)
		return -errno;
	if (fread(hdr, 1, 12, w->f) != 12 || memcmp(hdr, "RIFF", 4) ||
	    memcmp(hdr + 8, "WAVE", 4))
		goto bad;
	while (fread(ck, 1, 8, w->f) == 8) {
		uint32_t size = le32(ck + 4);

		if (!memcmp(ck, "fmt ", 4)) {
			if (size < 16 || fread(fmt, 1, 16, w->f) != 16 ||
			    fseek(w->f, (size - 16) + (size & 1), SEEK_CUR))
				goto bad;
			/* PCM (1) or WAVE_FORMAT_EXTENSIBLE, 16 bits */
			if ((le16(fmt) != 1 && le16(fmt) != 0xFFFE) ||
			    le16(fmt + 14) != 16)
				goto bad;
			w->channels = le16(fmt + 2);
			w->rate = le32(fmt + 4);
			have_fmt = w->channels && w->rate;
		} else if (!memcmp(ck, "data", 4)) {
			if (!have_fmt)
				goto bad;
			w->data_left = size;
			return 0;
		} else if (fseek(w->f, size + (size & 1), SEEK_CUR)) {
			goto bad;
		}
	}
bad:
	fclose(w->f);
	w->f = NULL;
	return -EINVAL;
}

static void wav_header(unsigned char *h, unsigned int rate,
		       unsigned int channels, uint32_t data_bytes)
{
	memcpy(h, "RIFF", 4);
	put_le32(h + 4, 36 + data_bytes);
	memcpy(h + 8, "WAVEfmt ", 8);
	put_le32(h + 16, 16);
	put_le16(h + 20, 1);
	put_le16(h + 22, channels);
	put_le32(h + 24, rate);
	put_le32(h + 28, rate * channels * 2);
	put_le16(h + 32, channels * 2);
	put_le16(h + 34, 16);
	memcpy(h + 36, "data", 4);
	put_le32(h + 40, data_bytes);
}

static int wav_create(struct wav *w, const char *path, unsigned int rate)
{
	unsigned char h[WAV_HEADER];

	w->f = fopen(path, "wb");
	if (!w->f)
		return -errno;
	w->rate = rate;
	w->channels = 1;
	w->data_bytes = 0;
	wav_header(h, rate, 1, 0);
	if (fwrite(h, 1, sizeof(h), w->f) != sizeof(h))
		return -EIO;
	return 0;
}

/* Write the sizes now known, and close. */
static int wav_finish(struct wav *w)
{
	unsigned char h[WAV_HEADER];
	int err = 0;

	wav_header(h, w->rate, w->channels, w->data_bytes);
	if (fseek(w->f, 0, SEEK_SET) || fwrite(h, 1, sizeof(h), w->f) !=
	    sizeof(h))
		err = -EIO;
	if (fclose(w->f))
		err = -errno;
	w->f = NULL;
	return err;
}

/* An interleaved S16_LE stream at @rate Hz on @name, blocking. */
static int pcm_open(snd_pcm_t **pcm, const char *name, snd_pcm_stream_t dir,
		    unsigned int rate, unsigned int channels)
{
	int err = snd_pcm_open(pcm, name, dir, 0);

	if (err < 0)
		return err;
	/* 200 ms of buffer: latency matters less here than no xruns */
	err = snd_pcm_set_params(*pcm, SND_PCM_FORMAT_S16_LE,
				 SND_PCM_ACCESS_RW_INTERLEAVED, channels, rate,
				 1, 200000);
	if (err < 0)
		snd_pcm_close(*pcm);
	return err;
}

/*
 * Write or read all of @frames, waiting at most WAIT_MS at a time so that
 * @stopping is seen even when the stream stalls; xruns are recovered.
 * Return: the frames done (fewer once stopping), or a negative errno.
 */
static long pcm_transfer(snd_pcm_t *pcm, bool play, int16_t *buf,
			 snd_pcm_uframes_t frames, unsigned int channels)
{
	snd_pcm_uframes_t done = 0;

	while (done < frames && !stopping) {
		int16_t *at = buf + done * channels;
		snd_pcm_sframes_t n;
		int w = snd_pcm_wait(pcm, WAIT_MS);

		if (w == 0)
			continue;
		n = w < 0 ? w : play ? snd_pcm_writei(pcm, at, frames - done) :
				       snd_pcm_readi(pcm, at, frames - done);
		if (n == -EAGAIN)
			continue;
		if (n == -EPIPE || n == -ESTRPIPE) {
			fprintf(stderr, "tapi-wav: %s xrun, recovering\n",
				play ? "playback" : "capture");
			n = snd_pcm_recover(pcm, (int)n, 1);
			if (n < 0)
				return n;
			continue;
		}
		if (n < 0)
			return n;
		done += (snd_pcm_uframes_t)n;
	}
	return (long)done;
}

struct player {
	snd_pcm_t *pcm;
	struct wav *wav;
	int err;
};

static void *play_thread(void *arg)
{
	struct player *p = arg;
	unsigned int ch = p->wav->channels;
	size_t frame = 2 * ch;
	int16_t *buf = malloc(PERIOD_FRAMES * frame);

	if (!buf) {
		p->err = -ENOMEM;
		return NULL;
	}
	while (!stopping && p->wav->data_left >= frame) {
		size_t want = PERIOD_FRAMES * frame;
		size_t got;

		if (want > p->wav->data_left)
			want = p->wav->data_left - p->wav->data_left % frame;
		got = fread(buf, 1, want, p->wav->f);
		got -= got % frame;
		if (!got)
			break;
		p->wav->data_left -= got;
		p->err = (int)pcm_transfer(p->pcm, true, buf, got / frame, ch);
		if (p->err < 0)
			break;
		p->err = 0;
	}
	if (!p->err && !stopping)
		snd_pcm_drain(p->pcm);	/* the end of the file too */
	free(buf);
	return NULL;
}

struct recorder {
	snd_pcm_t *pcm;
	struct wav *wav;
	int err;
};

static void *record_thread(void *arg)
{
	struct recorder *r = arg;
	int16_t buf[PERIOD_FRAMES];

	/* snd_pcm_wait() only sees a capture stream that runs */
	r->err = snd_pcm_start(r->pcm);
	while (!r->err && !stopping) {
		long n = pcm_transfer(r->pcm, false, buf, PERIOD_FRAMES, 1);

		if (n < 0) {
			r->err = (int)n;
			break;
		}
		if (fwrite(buf, 2, (size_t)n, r->wav->f) != (size_t)n) {
			r->err = -EIO;
			break;
		}
		r->wav->data_bytes += 2 * (uint32_t)n;
	}
	return NULL;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The next message for us, waiting until @deadline (now_ms()); false on
 * timeout.  Messages of other kinds are skipped.
 */
static bool next_msg(HLINEAPP app, LINEMESSAGE *m, long deadline)
{
	long left = deadline - now_ms();

	return lineGetMessage(app, m, left > 0 ? (DWORD)left : 0) == 0;
}

/* Wait for a LINE_CALLSTATE of @call among @states; 0 if the call ended. */
static DWORD wait_state(HLINEAPP app, HCALL call, DWORD states, long deadline)
{
	LINEMESSAGE m;

	while (next_msg(app, &m, deadline)) {
		if (m.dwMessageID != LINE_CALLSTATE || m.hDevice != call)
			continue;
		if (m.dwParam1 & states)
			return (DWORD)m.dwParam1;
		if (m.dwParam1 & (LINECALLSTATE_DISCONNECTED |
				  LINECALLSTATE_IDLE))
			return 0;
	}
	return 0;
}

/* A call on @line: made to @number, or the next one offered, answered. */
static LONG get_call(HLINEAPP app, HLINE line, const char *number,
		     HCALL *call)
{
	long deadline = now_ms() + CONNECT_MS;
	LINEMESSAGE m;
	LONG r;

	if (number) {
		r = lineMakeCall(line, call, number, 0, NULL);
		if (r < 0)
			return r;
	} else {
		do {
			if (!next_msg(app, &m, deadline))
				return LINEERR_OPERATIONFAILED;
		} while (m.dwMessageID != LINE_APPNEWCALL ||
			 m.hDevice != line);
		*call = (HCALL)m.dwParam2;
		r = lineAnswer(*call, NULL, 0);
		if (r < 0)
			return r;
	}
	if (!wait_state(app, *call, LINECALLSTATE_CONNECTED, deadline))
		return LINEERR_OPERATIONFAILED;
	return 0;
}

static LONG wave_name(HCALL call, const char *class, char *name, size_t size)
{
	union { VARSTRING v; char buf[256]; } u;
	LONG r;

	memset(&u, 0, sizeof(u));
	u.v.dwTotalSize = sizeof(u);
	r = lineGetID(0, 0, call, LINECALLSELECT_CALL, &u.v, class);
	if (r)
		return r;
	if (u.v.dwStringFormat != STRINGFORMAT_ASCII || !u.v.dwStringSize)
		return LINEERR_OPERATIONFAILED;
	snprintf(name, size, "%.*s", (int)u.v.dwStringSize,
		 u.buf + u.v.dwStringOffset);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: tapi-wav -d LINE [-c NUMBER | -a] [-p PLAY.wav] "
		"[-r REC.wav] [-t SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	LINEINITIALIZEEXPARAMS params = { .dwTotalSize = sizeof(params) };
	const char *number = NULL, *play_path = NULL, *rec_path = NULL;
	struct player player = { 0 };
	struct recorder recorder = { 0 };
	struct wav in = { 0 }, out = { 0 };
	DWORD ndevs = 0, version = API_VERSION;
	pthread_t pt, rt;
	char out_name[128], in_name[128];
	long device = -1, seconds = -1, deadline;
	bool answer = false, playing = false, recording = false;
	HLINEAPP app;
	HLINE line;
	HCALL call = 0;
	LINEMESSAGE m;
	int opt, status = 1;
	LONG r;

	while ((opt = getopt(argc, argv, "d:c:ap:r:t:")) != -1) {
		switch (opt) {
		case 'd': device = strtol(optarg, NULL, 10); break;
		case 'c': number = optarg; break;
		case 'a': answer = true; break;
		case 'p': play_path = optarg; break;
		case 'r': rec_path = optarg; break;
		case 't': seconds = strtol(optarg, NULL, 10); break;
		default: usage();
		}
	}
	if (device < 0 || !number == !answer || optind != argc ||
	    (!play_path && !rec_path))
		usage();
	if (play_path && (r = wav_open_read(&in, play_path))) {
		fprintf(stderr, "tapi-wav: %s: %s\n", play_path,
			r == -EINVAL ? "not a 16-bit PCM WAV file" :
				       strerror((int)-r));
		return 1;
	}
	if (seconds < 0)
		seconds = in.f ? (long)(in.data_left / (2 * in.channels) /
					in.rate) + 1 : 10;

	params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
	r = lineInitializeEx(&app, NULL, NULL, "tapi-wav", &ndevs, &version,
			     &params);
	if (r) {
		fprintf(stderr, "tapi-wav: lineInitializeEx: 0x%08x\n",
			(unsigned int)r);
		return 1;
	}
	r = lineOpen(app, (DWORD)device, &line, API_VERSION, 0, 0,
		     LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE,
		     NULL);
	if (!r)
		r = get_call(app, line, number, &call);
	if (!r)
		r = wave_name(call, "wave/out", out_name, sizeof(out_name));
	if (!r)
		r = wave_name(call, "wave/in", in_name, sizeof(in_name));
	if (r) {
		fprintf(stderr, "tapi-wav: no call on line %ld: 0x%08x\n",
			device, (unsigned int)r);
		goto out;
	}
	printf("tapi-wav: connected; wave/out %s, wave/in %s\n", out_name,
	       in_name);
	fflush(stdout);

	if (in.f) {
		int e = pcm_open(&player.pcm, out_name,
				 SND_PCM_STREAM_PLAYBACK, in.rate,
				 in.channels);

		if (e < 0) {
			fprintf(stderr, "tapi-wav: %s: %s\n", out_name,
				snd_strerror(e));
			goto out;
		}
		player.wav = &in;
		playing = !pthread_create(&pt, NULL, play_thread, &player);
	}
	if (rec_path) {
		int e = wav_create(&out, rec_path, REC_RATE);

		if (!e)
			e = pcm_open(&recorder.pcm, in_name,
				     SND_PCM_STREAM_CAPTURE, REC_RATE, 1);
		if (e < 0) {
			fprintf(stderr, "tapi-wav: recording: %s\n",
				e == -EIO || e == -ENOENT || e == -EACCES ?
				strerror(-e) : snd_strerror(e));
			goto stop;
		}
		recorder.wav = &out;
		recording = !pthread_create(&rt, NULL, record_thread,
					    &recorder);
	}

	/* until time is up or the far end hangs up */
	deadline = now_ms() + seconds * 1000;
	while (next_msg(app, &m, deadline))
		if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == call &&
		    m.dwParam1 & (LINECALLSTATE_DISCONNECTED |
				  LINECALLSTATE_IDLE)) {
			printf("tapi-wav: the far end hung up\n");
			break;
		}
	status = 0;
stop:
	stopping = true;	/* seen by the threads within WAIT_MS */
	if (playing)
		pthread_join(pt, NULL);
	if (recording)
		pthread_join(rt, NULL);
	if (player.pcm)
		snd_pcm_close(player.pcm);
	if (recorder.pcm)
		snd_pcm_close(recorder.pcm);
	if (player.err || recorder.err) {
		fprintf(stderr, "tapi-wav: audio stopped: %s\n",
			snd_strerror(player.err ? player.err : recorder.err));
		status = 1;
	}
	if (out.f) {
		printf("tapi-wav: recorded %u frames to %s\n",
		       out.data_bytes / 2, rec_path);
		if (wav_finish(&out))
			status = 1;
	}
out:
	if (call) {
		lineDrop(call, NULL, 0);
		lineDeallocateCall(call);
	}
	lineShutdown(app);
	if (in.f)
		fclose(in.f);
	return status;
}
