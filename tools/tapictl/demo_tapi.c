// SPDX-License-Identifier: GPL-2.0
/*
 * tapictl tapi-call, and the TAPI part of tapictl demo: a call from one
 * FXO line of the simulated card to another, placed and handled only
 * through the TAPI 2.2 line API of libtapi, as a Windows TAPI program
 * would do it:
 *
 *   lineInitializeEx (two applications, "caller" and "callee", event
 *   mode), lineNegotiateAPIVersion, lineGetDevCaps and lineGetAddressCaps
 *   (the callee's directory number is its address), lineOpen;
 *   lineMakeCall("W<number>"): wait for dial tone, dial by DTMF;
 *   the callee is offered the call with caller ID and lineAnswers it;
 *   digits both ways: lineGenerateDigits on one side, LINE_MONITORDIGITS
 *   and lineGatherDigits on the other; lineDrop on both sides;
 *   lineDeallocateCall, lineClose, lineShutdown.
 *
 * Every TAPI message is printed as it arrives, decoded.  Each step waits
 * for the messages it causes; if one does not come in time the demo says
 * which and fails (exit status 1).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <tapi.h>
#include "tapictl.h"

#define TD_VERSION	0x00020002
#define TD_MAX_CALLS	4

/* What one application has been told so far. */
struct td_app {
	const char *name;
	HLINEAPP h;
	int fd;			/* event descriptor: polls readable */
	DWORD ndevs;
	HLINE line;
	DWORD device;
	char number[TAPI_DIGITS_LEN];
	HCALL call;		/* its handle on the demo's call */
	DWORD state;		/* the call's last LINECALLSTATE_ */
	DWORD mode;
	LONG reply_id;		/* the request waited for ... */
	bool replied;		/* ... and whether LINE_REPLY came */
	LONG reply;		/* its result */
	char digits[32];	/* LINE_MONITORDIGITS (DTMF onsets) */
	DWORD infostates;	/* LINE_CALLINFO bits seen */
	DWORD generate_term;	/* LINE_GENERATE dwParam1, 0 = none yet */
	DWORD gather_term;	/* LINE_GATHERDIGITS dwParam1, 0 = none yet */
	DWORD rings;		/* LINE_LINEDEVSTATE RINGING seen */
};

struct td {
	struct td_app app[2];	/* caller, callee */
	uint64_t start_ns;
	int timeout_ms;
	char gathered[8];
};

/* ---------------------------------------------------------------------- */
/* Names                                                                   */

static const char *td_msg_name(DWORD id)
{
	static const char *const names[] = {
		[LINE_ADDRESSSTATE] = "LINE_ADDRESSSTATE",
		[LINE_CALLINFO] = "LINE_CALLINFO",
		[LINE_CALLSTATE] = "LINE_CALLSTATE",
		[LINE_CLOSE] = "LINE_CLOSE",
		[LINE_GATHERDIGITS] = "LINE_GATHERDIGITS",
		[LINE_GENERATE] = "LINE_GENERATE",
		[LINE_LINEDEVSTATE] = "LINE_LINEDEVSTATE",
		[LINE_MONITORDIGITS] = "LINE_MONITORDIGITS",
		[LINE_MONITORTONE] = "LINE_MONITORTONE",
		[LINE_REPLY] = "LINE_REPLY",
		[LINE_CREATE] = "LINE_CREATE",
		[LINE_APPNEWCALL] = "LINE_APPNEWCALL",
		[LINE_REMOVE] = "LINE_REMOVE",
	};

	if (id < sizeof(names) / sizeof(names[0]) && names[id])
		return names[id];
	return "LINE_?";
}

/* The name of the one bit set in @v from a table of (bit, name). */
struct td_bit {
	DWORD bit;
	const char *name;
};

#define TD_BIT(prefix, x) { prefix##x, #x }

static const struct td_bit td_states[] = {
	TD_BIT(LINECALLSTATE_, IDLE), TD_BIT(LINECALLSTATE_, OFFERING),
	TD_BIT(LINECALLSTATE_, ACCEPTED), TD_BIT(LINECALLSTATE_, DIALTONE),
	TD_BIT(LINECALLSTATE_, DIALING), TD_BIT(LINECALLSTATE_, RINGBACK),
	TD_BIT(LINECALLSTATE_, BUSY), TD_BIT(LINECALLSTATE_, SPECIALINFO),
	TD_BIT(LINECALLSTATE_, CONNECTED), TD_BIT(LINECALLSTATE_, PROCEEDING),
	TD_BIT(LINECALLSTATE_, ONHOLD), TD_BIT(LINECALLSTATE_, DISCONNECTED),
	TD_BIT(LINECALLSTATE_, UNKNOWN), { 0, NULL },
};

static const struct td_bit td_disconnect_modes[] = {
	TD_BIT(LINEDISCONNECTMODE_, NORMAL),
	TD_BIT(LINEDISCONNECTMODE_, UNKNOWN),
	TD_BIT(LINEDISCONNECTMODE_, BUSY),
	TD_BIT(LINEDISCONNECTMODE_, NOANSWER),
	TD_BIT(LINEDISCONNECTMODE_, CONGESTION),
	TD_BIT(LINEDISCONNECTMODE_, UNAVAIL),
	TD_BIT(LINEDISCONNECTMODE_, NODIALTONE), { 0, NULL },
};

/* The modes of LINE_CALLSTATE dwParam2, by state. */
static const struct td_bit td_dialtone_modes[] = {
	TD_BIT(LINEDIALTONEMODE_, NORMAL), TD_BIT(LINEDIALTONEMODE_, SPECIAL),
	TD_BIT(LINEDIALTONEMODE_, INTERNAL),
	TD_BIT(LINEDIALTONEMODE_, EXTERNAL),
	TD_BIT(LINEDIALTONEMODE_, UNKNOWN), TD_BIT(LINEDIALTONEMODE_, UNAVAIL),
	{ 0, NULL },
};

static const struct td_bit td_offering_modes[] = {
	TD_BIT(LINEOFFERINGMODE_, ACTIVE), TD_BIT(LINEOFFERINGMODE_, INACTIVE),
	{ 0, NULL },
};

static const struct td_bit td_connected_modes[] = {
	TD_BIT(LINECONNECTEDMODE_, ACTIVE),
	TD_BIT(LINECONNECTEDMODE_, INACTIVE), { 0, NULL },
};

static const struct td_bit td_busy_modes[] = {
	TD_BIT(LINEBUSYMODE_, STATION), TD_BIT(LINEBUSYMODE_, TRUNK),
	TD_BIT(LINEBUSYMODE_, UNKNOWN), TD_BIT(LINEBUSYMODE_, UNAVAIL),
	{ 0, NULL },
};

static const struct td_bit *td_mode_table(DWORD state)
{
	switch (state) {
	case LINECALLSTATE_DIALTONE: return td_dialtone_modes;
	case LINECALLSTATE_OFFERING: return td_offering_modes;
	case LINECALLSTATE_CONNECTED: return td_connected_modes;
	case LINECALLSTATE_BUSY: return td_busy_modes;
	case LINECALLSTATE_DISCONNECTED: return td_disconnect_modes;
	default: return NULL;
	}
}

static const struct td_bit td_privileges[] = {
	TD_BIT(LINECALLPRIVILEGE_, NONE), TD_BIT(LINECALLPRIVILEGE_, MONITOR),
	TD_BIT(LINECALLPRIVILEGE_, OWNER), { 0, NULL },
};

static const struct td_bit td_infostates[] = {
	TD_BIT(LINECALLINFOSTATE_, CALLERID),
	TD_BIT(LINECALLINFOSTATE_, CALLEDID),
	TD_BIT(LINECALLINFOSTATE_, NUMOWNERINCR),
	TD_BIT(LINECALLINFOSTATE_, NUMOWNERDECR),
	TD_BIT(LINECALLINFOSTATE_, NUMMONITORS),
	TD_BIT(LINECALLINFOSTATE_, MEDIAMODE), { 0, NULL },
};

static const struct td_bit td_gather_terms[] = {
	TD_BIT(LINEGATHERTERM_, BUFFERFULL), TD_BIT(LINEGATHERTERM_, TERMDIGIT),
	TD_BIT(LINEGATHERTERM_, FIRSTTIMEOUT),
	TD_BIT(LINEGATHERTERM_, INTERTIMEOUT), TD_BIT(LINEGATHERTERM_, CANCEL),
	{ 0, NULL },
};

static const struct td_bit td_generate_terms[] = {
	TD_BIT(LINEGENERATETERM_, DONE), TD_BIT(LINEGENERATETERM_, CANCEL),
	{ 0, NULL },
};

static const struct td_bit td_digit_modes[] = {
	TD_BIT(LINEDIGITMODE_, PULSE), TD_BIT(LINEDIGITMODE_, DTMF),
	TD_BIT(LINEDIGITMODE_, DTMFEND), { 0, NULL },
};

static const struct td_bit td_devstates[] = {
	TD_BIT(LINEDEVSTATE_, RINGING), TD_BIT(LINEDEVSTATE_, OPEN),
	TD_BIT(LINEDEVSTATE_, CLOSE), TD_BIT(LINEDEVSTATE_, NUMCALLS),
	TD_BIT(LINEDEVSTATE_, INSERVICE), TD_BIT(LINEDEVSTATE_, OUTOFSERVICE),
	TD_BIT(LINEDEVSTATE_, REINIT), { 0, NULL },
};

/* "A|B|C" for the bits of @v; unknown bits in hex. */
static const char *td_bits(const struct td_bit *t, DWORD v, char *buf,
			   size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; t->name && n < size; t++) {
		if (!(v & t->bit))
			continue;
		n += snprintf(buf + n, size - n, "%s%s", n ? "|" : "", t->name);
		v &= ~t->bit;
	}
	if (v && n < size)
		snprintf(buf + n, size - n, "%s0x%x", n ? "|" : "",
			 (unsigned int)v);
	else if (!n)
		snprintf(buf, size, "0");
	return buf;
}

/* The error name of a LINEERR_ value, for the few the demo may meet. */
static const char *td_err_name(LONG e)
{
	switch (e) {
	case 0: return "success";
	case LINEERR_CALLUNAVAIL: return "LINEERR_CALLUNAVAIL";
	case LINEERR_INVALCALLSTATE: return "LINEERR_INVALCALLSTATE";
	case LINEERR_NODEVICE: return "LINEERR_NODEVICE";
	case LINEERR_OPERATIONFAILED: return "LINEERR_OPERATIONFAILED";
	case LINEERR_RESOURCEUNAVAIL: return "LINEERR_RESOURCEUNAVAIL";
	case LINEERR_INVALADDRESS: return "LINEERR_INVALADDRESS";
	case LINEERR_NOTOWNER: return "LINEERR_NOTOWNER";
	default: return "LINEERR_?";
	}
}

/* ---------------------------------------------------------------------- */
/* Messages                                                                */

static void td_print(struct td *t, struct td_app *a, const LINEMESSAGE *m)
{
	double s = (tc_now_ns() - t->start_ns) / 1e9;
	char b1[128], b2[128], b3[64];
	DWORD p1 = m->dwParam1, p2 = m->dwParam2, p3 = m->dwParam3;

	printf("[%7.3f] %-6s %-18s ", s, a->name, td_msg_name(m->dwMessageID));
	switch (m->dwMessageID) {
	case LINE_CALLSTATE:
		printf("hCall=%08x %s", (unsigned int)m->hDevice,
		       td_bits(td_states, p1, b1, sizeof(b1)));
		if (p2 && td_mode_table(p1))
			printf(" (%s)", td_bits(td_mode_table(p1), p2, b2,
						sizeof(b2)));
		else if (p2)
			printf(" (mode 0x%x)", (unsigned int)p2);
		if (p3)
			printf(" privilege %s",
			       td_bits(td_privileges, p3, b3, sizeof(b3)));
		break;
	case LINE_APPNEWCALL:
		printf("hLine=%08x hCall=%08x address %u privilege %s",
		       (unsigned int)m->hDevice, (unsigned int)p2,
		       (unsigned int)p1,
		       td_bits(td_privileges, p3, b3, sizeof(b3)));
		break;
	case LINE_REPLY:
		printf("request %u: %s", (unsigned int)p1,
		       td_err_name((LONG)m->dwParam2));
		break;
	case LINE_CALLINFO:
		printf("hCall=%08x %s", (unsigned int)m->hDevice,
		       td_bits(td_infostates, p1, b1, sizeof(b1)));
		break;
	case LINE_LINEDEVSTATE:
		printf("hLine=%08x %s", (unsigned int)m->hDevice,
		       td_bits(td_devstates, p1, b1, sizeof(b1)));
		if (p1 == LINEDEVSTATE_RINGING)
			printf(" ring %u", (unsigned int)p3);
		break;
	case LINE_MONITORDIGITS:
		printf("hCall=%08x '%c' %s", (unsigned int)m->hDevice,
		       (char)p1, td_bits(td_digit_modes, p2, b2, sizeof(b2)));
		break;
	case LINE_GENERATE:
		printf("hCall=%08x %s", (unsigned int)m->hDevice,
		       td_bits(td_generate_terms, p1, b1, sizeof(b1)));
		break;
	case LINE_GATHERDIGITS:
		printf("hCall=%08x %s", (unsigned int)m->hDevice,
		       td_bits(td_gather_terms, p1, b1, sizeof(b1)));
		break;
	default:
		printf("hDevice=%08x %lx %lx %lx", (unsigned int)m->hDevice,
		       (unsigned long)p1, (unsigned long)p2,
		       (unsigned long)p3);
		break;
	}
	putchar('\n');
	fflush(stdout);
}

/* Take a message into what the application knows. */
static void td_note(struct td_app *a, const LINEMESSAGE *m)
{
	size_t n;

	switch (m->dwMessageID) {
	case LINE_APPNEWCALL:
		if (!a->call)
			a->call = m->dwParam2;
		break;
	case LINE_CALLSTATE:
		if (m->hDevice == a->call) {
			a->state = m->dwParam1;
			a->mode = m->dwParam2;
		}
		break;
	case LINE_REPLY:
		if ((LONG)m->dwParam1 == a->reply_id) {
			a->replied = true;
			a->reply = (LONG)m->dwParam2;
		}
		break;
	case LINE_MONITORDIGITS:
		n = strlen(a->digits);
		if (m->dwParam2 == LINEDIGITMODE_DTMF && n < sizeof(a->digits) - 1)
			a->digits[n] = (char)m->dwParam1;
		break;
	case LINE_CALLINFO:
		a->infostates |= m->dwParam1;
		break;
	case LINE_GENERATE:
		a->generate_term = m->dwParam1;
		break;
	case LINE_GATHERDIGITS:
		a->gather_term = m->dwParam1;
		break;
	case LINE_LINEDEVSTATE:
		if (m->dwParam1 == LINEDEVSTATE_RINGING)
			a->rings++;
		break;
	default:
		break;
	}
}

/* Read, print and note every message waiting for either application. */
static int td_pump(struct td *t, int timeout_ms)
{
	struct pollfd p[2] = {
		{ .fd = t->app[0].fd, .events = POLLIN },
		{ .fd = t->app[1].fd, .events = POLLIN },
	};
	LINEMESSAGE m;

	if (poll(p, 2, timeout_ms) < 0 && errno != EINTR)
		return tc_errno(errno, "poll"), -1;
	for (int i = 0; i < 2; i++) {
		while (lineGetMessage(t->app[i].h, &m, 0) == 0) {
			td_print(t, &t->app[i], &m);
			td_note(&t->app[i], &m);
		}
	}
	return 0;
}

/* Pump messages until @cond holds, or fail saying @what did not happen. */
#define td_until(t, cond, ...) ({					\
	uint64_t end_ = tc_now_ns() + (uint64_t)(t)->timeout_ms * 1000000; \
	int ret_ = 0;							\
	while (!(cond)) {						\
		uint64_t now_ = tc_now_ns();				\
		if (now_ >= end_ ||					\
		    td_pump((t), (int)((end_ - now_) / 1000000) + 1)) {	\
			tc_error("demo: " __VA_ARGS__);			\
			ret_ = -1;					\
			break;						\
		}							\
	}								\
	ret_;								\
})

/* An asynchronous request: its ID now, its LINE_REPLY later. */
static int td_request(struct td *t, struct td_app *a, LONG id,
		      const char *what)
{
	if (id <= 0)
		return tc_error("%s: %s: 0x%08x (%s)", a->name, what,
				(unsigned int)id, td_err_name(id)), -1;
	printf("%9s %-6s %s -> request %d\n", "", a->name, what, (int)id);
	a->reply_id = id;
	a->replied = false;
	if (td_until(t, a->replied, "%s: no LINE_REPLY for %s", a->name, what))
		return -1;
	if (a->reply)
		return tc_error("%s: %s failed: %s", a->name, what,
				td_err_name(a->reply)), -1;
	return 0;
}

static int td_sync(struct td_app *a, LONG r, const char *what)
{
	printf("%9s %-6s %s -> %s\n", "", a->name, what, td_err_name(r));
	if (r)
		return tc_error("%s: %s: 0x%08x", a->name, what,
				(unsigned int)r), -1;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Steps                                                                   */

static int td_init(struct td *t, struct td_app *a, const char *name)
{
	LINEINITIALIZEEXPARAMS ip;
	DWORD version = TD_VERSION;
	LONG r;

	memset(&ip, 0, sizeof(ip));
	ip.dwTotalSize = sizeof(ip);
	ip.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
	a->name = name;
	r = lineInitializeEx(&a->h, NULL, NULL, name, &a->ndevs, &version,
			     &ip);
	if (r)
		return tc_error("lineInitializeEx(%s): 0x%08x", name,
				(unsigned int)r), -1;
	a->fd = ip.Handles.hEvent;
	(void)t;
	return 0;
}

/* The line device of channel @ch: the one whose line name is the
 * channel's name; also its version and address. */
static int td_find_line(struct td_app *a, unsigned int ch)
{
	union { LINEDEVCAPS c; char buf[2048]; } dc;
	union { LINEADDRESSCAPS c; char buf[2048]; } ac;
	struct tapi_chan_info info;
	LINEEXTENSIONID ext;
	DWORD v;

	if (tc_channel_info(ch, &info))
		return -1;
	for (DWORD id = 0; id < a->ndevs; id++) {
		memset(&dc, 0, sizeof(dc));
		dc.c.dwTotalSize = sizeof(dc);
		if (lineNegotiateAPIVersion(a->h, id, 0x00010003, TD_VERSION,
					    &v, &ext) ||
		    lineGetDevCaps(a->h, id, v, 0, &dc.c) ||
		    !dc.c.dwLineNameSize ||
		    strcmp(dc.buf + dc.c.dwLineNameOffset, info.name))
			continue;
		memset(&ac, 0, sizeof(ac));
		ac.c.dwTotalSize = sizeof(ac);
		if (lineGetAddressCaps(a->h, id, 0, v, 0, &ac.c) ||
		    !ac.c.dwAddressSize)
			return tc_error("line %u has no address", (unsigned)id), -1;
		a->device = id;
		snprintf(a->number, sizeof(a->number), "%s",
			 ac.buf + ac.c.dwAddressOffset);
		printf("  line device %u: %s, address %s, API 0x%08x, %s\n",
		       (unsigned int)id, info.name, a->number, (unsigned int)v,
		       dc.buf + dc.c.dwProviderInfoOffset);
		return 0;
	}
	return tc_error("no TAPI line device for channel %u", ch), -1;
}

static int td_open(struct td_app *a, DWORD states)
{
	LONG r = lineOpen(a->h, a->device, &a->line, TD_VERSION, 0, 0,
			  LINECALLPRIVILEGE_OWNER,
			  LINEMEDIAMODE_INTERACTIVEVOICE, NULL);
	char what[64];

	snprintf(what, sizeof(what), "lineOpen(%u, OWNER, INTERACTIVEVOICE)",
		 (unsigned int)a->device);
	if (td_sync(a, r, what))
		return -1;
	return td_sync(a, lineSetStatusMessages(a->line, states, 0),
		       "lineSetStatusMessages");
}

static int td_call(struct td *t)
{
	struct td_app *a = &t->app[0], *b = &t->app[1];
	union { LINECALLINFO ci; char buf[4096]; } u;
	char dest[TAPI_DIGITS_LEN + 2], what[96];

	snprintf(dest, sizeof(dest), "W%s", b->number);
	printf("\n== %s calls %s: dial tone, then %s by DTMF\n", a->name,
	       b->name, b->number);
	snprintf(what, sizeof(what), "lineMakeCall(\"%s\")", dest);
	if (td_request(t, a, lineMakeCall(a->line, &a->call, dest, 0, NULL),
		       what))
		return -1;
	if (td_until(t, a->state == LINECALLSTATE_RINGBACK,
		     "%s: no LINECALLSTATE_RINGBACK", a->name) ||
	    td_until(t, b->call && b->state == LINECALLSTATE_OFFERING,
		     "%s: no call offered", b->name))
		return -1;

	printf("\n== %s is offered the call; caller ID comes after the first ring\n",
	       b->name);
	if (td_until(t, b->infostates & LINECALLINFOSTATE_CALLERID,
		     "%s: no caller ID", b->name))
		return -1;
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	if (td_sync(b, lineGetCallInfo(b->call, &u.ci), "lineGetCallInfo"))
		return -1;
	printf("%9s %-6s caller ID %s \"%s\", called %s\n", "", b->name,
	       u.ci.dwCallerIDSize ? u.buf + u.ci.dwCallerIDOffset : "-",
	       u.ci.dwCallerIDNameSize ? u.buf + u.ci.dwCallerIDNameOffset : "",
	       u.ci.dwCalledIDSize ? u.buf + u.ci.dwCalledIDOffset : "-");
	if (!u.ci.dwCallerIDSize ||
	    strcmp(u.buf + u.ci.dwCallerIDOffset, a->number))
		return tc_error("caller ID is not %s", a->number), -1;
	if (td_request(t, b, lineAnswer(b->call, NULL, 0), "lineAnswer") ||
	    td_until(t, a->state == LINECALLSTATE_CONNECTED &&
		     b->state == LINECALLSTATE_CONNECTED,
		     "the call is not connected on both lines"))
		return -1;
	return 0;
}

static int td_digits(struct td *t)
{
	struct td_app *a = &t->app[0], *b = &t->app[1];

	printf("\n== digits both ways: %s sends 1234#, %s monitors and gathers them\n",
	       a->name, b->name);
	memset(t->gathered, 0, sizeof(t->gathered));
	if (td_sync(b, lineMonitorDigits(b->call, LINEDIGITMODE_DTMF |
					 LINEDIGITMODE_DTMFEND),
		    "lineMonitorDigits(DTMF|DTMFEND)") ||
	    td_sync(b, lineGatherDigits(b->call, LINEDIGITMODE_DTMF,
					t->gathered, sizeof(t->gathered) - 1,
					"#", 20000, 10000),
		    "lineGatherDigits(\"#\" ends)") ||
	    td_sync(a, lineGenerateDigits(a->call, LINEDIGITMODE_DTMF, "1234#",
					  0), "lineGenerateDigits(\"1234#\")"))
		return -1;
	if (td_until(t, a->generate_term && b->gather_term,
		     "the digits did not get through"))
		return -1;
	printf("%9s %-6s gathered \"%s\"\n", "", b->name, t->gathered);
	if (strcmp(t->gathered, "1234#") || strcmp(b->digits, "1234#") ||
	    b->gather_term != LINEGATHERTERM_TERMDIGIT)
		return tc_error("%s heard \"%s\", not 1234#", b->name,
				b->digits), -1;

	printf("\n== and back: %s sends 42, %s monitors\n", b->name, a->name);
	if (td_sync(a, lineMonitorDigits(a->call, LINEDIGITMODE_DTMF),
		    "lineMonitorDigits(DTMF)") ||
	    td_sync(b, lineGenerateDigits(b->call, LINEDIGITMODE_DTMF, "42", 0),
		    "lineGenerateDigits(\"42\")"))
		return -1;
	if (td_until(t, !strcmp(a->digits, "42"), "%s did not hear 42",
		     a->name))
		return -1;
	return 0;
}

static int td_hangup(struct td *t)
{
	struct td_app *a = &t->app[0], *b = &t->app[1];

	printf("\n== %s hangs up; %s is disconnected and hangs up too\n",
	       a->name, b->name);
	if (td_request(t, a, lineDrop(a->call, NULL, 0), "lineDrop") ||
	    td_until(t, a->state == LINECALLSTATE_IDLE &&
		     b->state == LINECALLSTATE_DISCONNECTED,
		     "no IDLE for %s and DISCONNECTED for %s", a->name,
		     b->name) ||
	    td_request(t, b, lineDrop(b->call, NULL, 0), "lineDrop") ||
	    td_until(t, b->state == LINECALLSTATE_IDLE,
		     "%s: no LINECALLSTATE_IDLE", b->name))
		return -1;
	for (int i = 0; i < 2; i++) {
		if (td_sync(&t->app[i], lineDeallocateCall(t->app[i].call),
			    "lineDeallocateCall") ||
		    td_sync(&t->app[i], lineClose(t->app[i].line), "lineClose"))
			return -1;
		t->app[i].call = 0;
		t->app[i].line = 0;
	}
	return 0;
}

/**
 * tc_demo_tapi() - the demo's TAPI call between two FXO lines
 * @line_a: channel of the calling line
 * @line_b: channel of the called line
 * @timeout_ms: how long any one step may take
 *
 * Return: 0 when the call went through every step, -1 otherwise.
 */
int tc_demo_tapi(unsigned int line_a, unsigned int line_b, int timeout_ms)
{
	struct td t;
	int ret = -1;

	memset(&t, 0, sizeof(t));
	t.timeout_ms = timeout_ms;
	t.start_ns = tc_now_ns();
	t.app[0].h = t.app[1].h = 0;
	printf("\n== TAPI: two applications, each with a line: channels %u and %u\n",
	       line_a, line_b);
	if (td_init(&t, &t.app[0], "caller") || td_init(&t, &t.app[1], "callee"))
		goto out;
	printf("  lineInitializeEx: %u line devices\n",
	       (unsigned int)t.app[0].ndevs);
	if (td_find_line(&t.app[0], line_a) || td_find_line(&t.app[1], line_b))
		goto out;
	printf("\nTAPI messages as they arrive: [seconds] application message ...\n");
	if (td_open(&t.app[0], 0) || td_open(&t.app[1], LINEDEVSTATE_RINGING) ||
	    td_call(&t) || td_digits(&t) || td_hangup(&t))
		goto out;
	printf("\ndemo: the TAPI call went through every step\n");
	ret = 0;
out:
	for (int i = 0; i < 2; i++) {
		if (!t.app[i].h)
			continue;
		if (t.app[i].call)
			lineDrop(t.app[i].call, NULL, 0);
		lineShutdown(t.app[i].h);	/* closes lines, drops calls */
	}
	return ret;
}

/* Two idle simulated FXO lines, or a card added with two. */
static int td_find_lines(int sim, unsigned int *a, unsigned int *b,
			 long *added)
{
	unsigned int *numbers, found = 0;
	struct tapi_sim_status st;
	struct tapi_sim_card card;
	size_t count;

	if (tc_channel_numbers(&numbers, &count))
		return -1;
	for (size_t i = 0; i < count && found < 2; i++) {
		memset(&st, 0, sizeof(st));
		st.channel = numbers[i];
		if (ioctl(sim, TAPI_SIM_IOC_STATUS, &st) || !st.number[0] ||
		    st.hook || st.co_state != TAPI_SIM_CO_IDLE)
			continue;
		if (found++)
			*b = numbers[i];
		else
			*a = numbers[i];
	}
	free(numbers);
	if (found == 2)
		return 0;
	memset(&card, 0, sizeof(card));
	card.nfxo = 2;
	if (ioctl(sim, TAPI_SIM_IOC_CARD_ADD, &card))
		return tc_errno(errno, "card-add"), -1;
	*added = card.card;
	*a = card.first_channel;
	*b = card.first_channel + 1;
	printf("added card %u %s: FXO lines %u and %u\n", card.card, card.name,
	       *a, *b);
	/* devtmpfs makes the nodes asynchronously */
	for (int i = 0; i < 200; i++) {
		char node[64];

		snprintf(node, sizeof(node), TAPI_DEV_DIR "/%u", *b);
		if (!access(node, F_OK))
			break;
		usleep(10000);
	}
	return 0;
}

int tc_cmd_tapi_call(int argc, char **argv)
{
	unsigned int seconds = 20, a = 0, b = 0;
	long added = -1;
	int opt, sim, ret = 1;

	optind = 0;
	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't' || tc_parse_uint(optarg, 3600, &seconds) ||
		    !seconds)
			return tc_usage("tapi-call");
	}
	if (optind == argc - 2) {
		if (tc_parse_channel(argv[optind], &a) ||
		    tc_parse_channel(argv[optind + 1], &b))
			return tc_usage("tapi-call");
	} else if (optind != argc) {
		return tc_usage("tapi-call");
	}
	sim = optind == argc ? tc_open_sim() : -1;
	if (optind == argc && (sim < 0 || td_find_lines(sim, &a, &b, &added)))
		goto out;
	ret = tc_demo_tapi(a, b, seconds * 1000) ? 1 : 0;
out:
	if (added >= 0) {
		uint32_t card = added;

		if (ioctl(sim, TAPI_SIM_IOC_CARD_REMOVE, &card))
			tc_errno(errno, "card-remove %u", card);
	}
	if (sim >= 0)
		close(sim);
	if (ret)
		fprintf(stderr, "tapictl: tapi-call failed\n");
	return ret;
}
