// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl: errors, argument parsing, opening devices, names of ABI
 * constants.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "tapictl.h"

int tc_error(const char *fmt, ...)
{
	va_list ap;

	fputs("tapictl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* A hint for the errors the ABI documents, so users need not look them up. */
static const char *tc_errno_hint(int err)
{
	switch (err) {
	case ENODEV:
		return " (no such channel or card, or it was removed)";
	case EOPNOTSUPP:
		return " (not possible on this type of port)";
	case ENOTTY:
		return " (the module does not know this command)";
	case EACCES:
	case EPERM:
		return " (are you root or in the device's group?)";
	default:
		return "";
	}
}

int tc_errno(int err, const char *fmt, ...)
{
	va_list ap;

	fputs("tapictl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s%s\n", strerror(err), tc_errno_hint(err));
	return 1;
}

int tc_parse_uint(const char *s, unsigned int max, unsigned int *out)
{
	unsigned long v;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int tc_parse_channel(const char *s, unsigned int *out)
{
	if (tc_parse_uint(s, INT_MAX, out))
		return tc_error("'%s' is not a channel number", s);
	return 0;
}

/* Returns an fd, or -1 after printing why. */
int tc_open_channel(unsigned int channel)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), TAPI_DEV_DIR "/%u", channel);
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		tc_errno(errno, "cannot open %s", path);
	return fd;
}

int tc_open_sim(void)
{
	int fd = open(TAPI_SIM_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		tc_errno(errno, "cannot open " TAPI_SIM_DEV
			 " (is tapi_sim loaded?)");
	return fd;
}

/* 0, or -1 after printing why. */
int tc_channel_info(unsigned int channel, struct tapi_chan_info *info)
{
	int fd = tc_open_channel(channel);
	int ret = 0;

	if (fd < 0)
		return -1;
	if (ioctl(fd, TAPI_IOC_GET_INFO, info)) {
		tc_errno(errno, "channel %u: TAPI_IOC_GET_INFO", channel);
		ret = -1;
	}
	close(fd);
	return ret;
}

static int tc_uint_cmp(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a;
	unsigned int y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

/*
 * The channel numbers present in /dev/tapi, sorted.  0, or -1 after
 * printing why; *numbers is malloc()ed.
 */
int tc_channel_numbers(unsigned int **numbers, size_t *count)
{
	unsigned int *v = NULL, *nv, n;
	size_t len = 0, cap = 0;
	struct dirent *de;
	DIR *dir;

	dir = opendir(TAPI_DEV_DIR);
	if (!dir) {
		if (errno == ENOENT) {
			*numbers = NULL;
			*count = 0;
			return 0;
		}
		return tc_errno(errno, "cannot read " TAPI_DEV_DIR), -1;
	}
	while ((de = readdir(dir))) {
		if (tc_parse_uint(de->d_name, INT_MAX, &n))
			continue;
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				closedir(dir);
				return tc_error("out of memory"), -1;
			}
			v = nv;
		}
		v[len++] = n;
	}
	closedir(dir);
	if (len)
		qsort(v, len, sizeof(*v), tc_uint_cmp);
	*numbers = v;
	*count = len;
	return 0;
}

const char *tc_signalling_name(uint32_t sig)
{
	switch (sig) {
	case TAPI_SIG_FXS:
		return "FXS";
	case TAPI_SIG_FXO:
		return "FXO";
	case TAPI_SIG_HANDSET:
		return "handset";
	default:
		return "?";
	}
}

const char *tc_hook_name(uint32_t hook)
{
	switch (hook) {
	case TAPI_HOOK_ON:
		return "on";
	case TAPI_HOOK_OFF:
		return "off";
	case TAPI_HOOK_FLASH:
		return "flash";
	default:
		return "?";
	}
}

static const char *const tc_event_names[__TAPI_EV_CNT] = {
	[TAPI_EV_NONE] = "NONE",
	[TAPI_EV_HOOK] = "HOOK",
	[TAPI_EV_FLASH] = "FLASH",
	[TAPI_EV_RING] = "RING",
	[TAPI_EV_RING_DONE] = "RING_DONE",
	[TAPI_EV_DIGIT_START] = "DIGIT_START",
	[TAPI_EV_DIGIT_END] = "DIGIT_END",
	[TAPI_EV_DIAL_DONE] = "DIAL_DONE",
	[TAPI_EV_TONE] = "TONE",
	[TAPI_EV_POLARITY] = "POLARITY",
	[TAPI_EV_ALARM] = "ALARM",
	[TAPI_EV_REMOVED] = "REMOVED",
	[TAPI_EV_OVERFLOW] = "OVERFLOW",
	[TAPI_EV_KEY] = "KEY",
	[TAPI_EV_MEDIA_XRUN] = "MEDIA_XRUN",
	[TAPI_EV_CALL_STATE] = "CALL_STATE",
	[TAPI_EV_CALLER_ID] = "CALLER_ID",
	[TAPI_EV_TONE_DONE] = "TONE_DONE",
};

const char *tc_event_name(uint32_t type)
{
	if (type < __TAPI_EV_CNT && tc_event_names[type])
		return tc_event_names[type];
	return "UNKNOWN";
}

static const char *const tc_tone_names[__TAPI_TONE_CNT] = {
	[TAPI_TONE_NONE] = "none",
	[TAPI_TONE_DIAL] = "dial",
	[TAPI_TONE_BUSY] = "busy",
	[TAPI_TONE_RINGBACK] = "ringback",
	[TAPI_TONE_CONGESTION] = "congestion",
	[TAPI_TONE_CALLWAITING] = "call-waiting",
	[TAPI_TONE_SIT] = "SIT",
	[TAPI_TONE_SILENCE] = "silence",
	[TAPI_TONE_VOICE] = "voice",
	[TAPI_TONE_FAX_CNG] = "fax-CNG",
	[TAPI_TONE_ANSWER] = "answer",
};

const char *tc_tone_name(uint32_t tone)
{
	if (tone < __TAPI_TONE_CNT && tc_tone_names[tone])
		return tc_tone_names[tone];
	return "unknown";
}

static const char *const tc_call_state_names[__TAPI_CALL_CNT] = {
	[TAPI_CALL_IDLE] = "IDLE",
	[TAPI_CALL_OFFERING] = "OFFERING",
	[TAPI_CALL_DIALTONE] = "DIALTONE",
	[TAPI_CALL_DIALING] = "DIALING",
	[TAPI_CALL_PROCEEDING] = "PROCEEDING",
	[TAPI_CALL_RINGBACK] = "RINGBACK",
	[TAPI_CALL_BUSY] = "BUSY",
	[TAPI_CALL_CONNECTED] = "CONNECTED",
	[TAPI_CALL_DISCONNECTED] = "DISCONNECTED",
};

const char *tc_call_state_name(uint32_t state)
{
	if (state < __TAPI_CALL_CNT && tc_call_state_names[state])
		return tc_call_state_names[state];
	return "?";
}

static const char *const tc_call_cause_names[__TAPI_CAUSE_CNT] = {
	[TAPI_CAUSE_NONE] = "",
	[TAPI_CAUSE_NORMAL] = "normal",
	[TAPI_CAUSE_BUSY] = "busy",
	[TAPI_CAUSE_CONGESTION] = "congestion",
	[TAPI_CAUSE_NOANSWER] = "no answer",
	[TAPI_CAUSE_REMOVED] = "removed",
	[TAPI_CAUSE_LOCAL] = "local",
};

const char *tc_call_cause_name(uint32_t cause)
{
	if (cause < __TAPI_CAUSE_CNT && tc_call_cause_names[cause])
		return tc_call_cause_names[cause];
	return "?";
}

static const char *const tc_co_state_names[] = {
	[TAPI_SIM_CO_IDLE] = "IDLE",
	[TAPI_SIM_CO_DIALTONE] = "DIALTONE",
	[TAPI_SIM_CO_DIALING] = "DIALING",
	[TAPI_SIM_CO_RINGBACK] = "RINGBACK",
	[TAPI_SIM_CO_BUSY] = "BUSY",
	[TAPI_SIM_CO_CONGESTION] = "CONGESTION",
	[TAPI_SIM_CO_RINGING] = "RINGING",
	[TAPI_SIM_CO_CONNECTED] = "CONNECTED",
	[TAPI_SIM_CO_DISCONNECTED] = "DISCONNECTED",
};

#define TC_CO_STATES (sizeof(tc_co_state_names) / sizeof(tc_co_state_names[0]))

const char *tc_co_state_name(uint32_t state)
{
	if (state < TC_CO_STATES && tc_co_state_names[state])
		return tc_co_state_names[state];
	return "?";
}

/* enum tapi_sim_co_state by name, case-insensitive; -1 if none. */
int tc_co_state_parse(const char *name)
{
	unsigned int i;

	for (i = 0; i < TC_CO_STATES; i++)
		if (tc_co_state_names[i] && !strcasecmp(name, tc_co_state_names[i]))
			return i;
	return -1;
}

static const char *const tc_cap_names[] = {
	"hook-detect", "hook-control", "ring", "ring-detect", "polarity",
	"polarity-detect", "media", "hw-clock", "keypad", "display", "lamp",
};

void tc_caps_string(uint32_t caps, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < 32 && len < size; i++) {
		const char *name;
		char unknown[16];

		if (!(caps & (1U << i)))
			continue;
		if (i < sizeof(tc_cap_names) / sizeof(tc_cap_names[0])) {
			name = tc_cap_names[i];
		} else {
			snprintf(unknown, sizeof(unknown), "bit%u", i);
			name = unknown;
		}
		len += snprintf(buf + len, size - len, "%s%s",
				len ? "," : "", name);
	}
	if (!buf[0])
		snprintf(buf, size, "-");
}

uint64_t tc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}
