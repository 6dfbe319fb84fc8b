// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * lineHandoff: give ownership of a call to another application, named
 * by its module (program) or friendly name, or chosen as the highest
 * priority opener of the line for a media mode.
 *
 * The target may be in this process or in another one.  Candidates are
 * the applications that opened the call's line with owner privilege, in
 * the line's rendezvous (rendezvous.c) or, without one, in this process.
 * A target in another process is asked over its handoff socket: a
 * datagram socket in the abstract namespace, "linux-tapi/handoff/<pid>",
 * read by that process's engine thread.  The request names the channel,
 * the kernel's call id and the target HLINE; the target process checks
 * them against its own view of the call (the kernel's call is the same
 * for both), grants ownership, and replies with a LINE_ result.  Requests
 * are accepted only from the same user or root (SCM_CREDENTIALS).
 *
 * The target gets LINE_APPNEWCALL (a new handle) and LINE_CALLSTATE with
 * dwParam3 LINECALLPRIVILEGE_OWNER; the caller keeps its handle and
 * privilege, as TAPI specifies.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "engine.h"

#define HANDOFF_MAGIC		0x46444854u	/* "THDF" */
#define HANDOFF_REQUEST		1
#define HANDOFF_REPLY		2
#define HANDOFF_TIMEOUT_MS	3000

struct handoff_msg {
	uint32_t magic;
	uint32_t type;
	uint32_t nonce;
	uint32_t channel;
	uint32_t index;
	uint32_t call_id;
	uint32_t target_hline;
	uint32_t media_mode;
	int32_t result;
	char card_name[TAPI_NAME_LEN];
};

static int handoff_fd = -1;	/* (E) this process's socket */

static socklen_t handoff_addr(pid_t pid, struct sockaddr_un *sa)
{
	int n;

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	/* abstract: sun_path[0] stays NUL */
	n = snprintf(sa->sun_path + 1, sizeof(sa->sun_path) - 1,
		     "linux-tapi/handoff/%d", (int)pid);
	return offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

/**
 * tapi_handoff_socket_fd() - this process's handoff socket, bound on
 *	first use
 *
 * Engine lock held.
 *
 * Return: the descriptor, or -1 when it cannot be made (handoffs from
 * other processes then fail with LINEERR_TARGETNOTFOUND).
 */
int tapi_handoff_socket_fd(void)
{
	struct sockaddr_un sa;
	socklen_t len;
	int one = 1;

	if (handoff_fd >= 0)
		return handoff_fd;
	handoff_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
			    0);
	if (handoff_fd < 0)
		return -1;
	len = handoff_addr(getpid(), &sa);
	if (bind(handoff_fd, (struct sockaddr *)&sa, len) < 0 ||
	    setsockopt(handoff_fd, SOL_SOCKET, SO_PASSCRED, &one,
		       sizeof(one)) < 0) {
		close(handoff_fd);
		handoff_fd = -1;
	}
	return handoff_fd;
}

/**
 * tapi_handoff_socket_close() - close it (the last lineShutdown)
 */
void tapi_handoff_socket_close(void)
{
	if (handoff_fd >= 0)
		close(handoff_fd);
	handoff_fd = -1;
}

/*
 * Make @line an owner of @call, telling its application.  @media_mode,
 * if not 0, becomes the call's media mode.
 */
static LONG grant(struct tapi_call *call, struct tapi_line *line,
		  DWORD media_mode)
{
	struct tapi_hcall *hc = tapi_call_handle_of(call, line);

	if (media_mode && call->media_mode != media_mode) {
		call->media_mode = media_mode;
		tapi_call_post_info(call, LINECALLINFOSTATE_MEDIAMODE, NULL);
	}
	if (!hc) {
		/* announced now, or at the call's first state */
		return tapi_call_add_handle(call, line,
					    LINECALLPRIVILEGE_OWNER, true, &hc);
	}
	if (hc->privilege != LINECALLPRIVILEGE_OWNER) {
		hc->privilege = LINECALLPRIVILEGE_OWNER;
		tapi_call_post_info(call, LINECALLINFOSTATE_NUMOWNERINCR |
				    LINECALLINFOSTATE_NUMMONITORS, hc);
	}
	if (call->state)	/* the target of a handoff always hears it */
		tapi_line_post(line, hc->handle, LINE_CALLSTATE, call->state,
			       tapi_callstate_mode_for(call->state, call->mode,
						       line->version),
			       LINECALLPRIVILEGE_OWNER);
	return 0;
}

static void handle_request(const struct handoff_msg *req,
			   struct handoff_msg *reply)
{
	struct tapi_linedev *ld = tapi_linedev_find_channel(req->channel);
	struct tapi_call *call;

	reply->result = LINEERR_TARGETNOTFOUND;
	if (!ld || strncmp(ld->info.card_name, req->card_name,
			   sizeof(req->card_name)) || ld->info.index != req->index)
		return;
	call = ld->call;
	if (!call || !call->kcall_id || call->kcall_id != req->call_id ||
	    call->state == LINECALLSTATE_IDLE) {
		reply->result = LINEERR_INVALCALLSTATE;
		return;
	}
	for (struct tapi_line *l = ld->lines; l; l = l->next) {
		if (l->handle == req->target_hline &&
		    l->privileges & LINECALLPRIVILEGE_OWNER) {
			reply->result = grant(call, l, req->media_mode &
					      TAPI_LINE_MEDIA_MODES);
			return;
		}
	}
}

/**
 * tapi_handoff_socket_read() - serve the handoff requests that arrived
 *
 * Engine lock held; never blocks.
 */
void tapi_handoff_socket_read(void)
{
	for (;;) {
		union {
			struct cmsghdr align;
			char buf[CMSG_SPACE(sizeof(struct ucred))];
		} ctl;
		struct handoff_msg req, reply;
		struct sockaddr_un from;
		struct iovec iov = { .iov_base = &req, .iov_len = sizeof(req) };
		struct msghdr mh = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
		};
		struct cmsghdr *cm;
		struct ucred cred = { .uid = (uid_t)-1 };
		ssize_t n;

		if (handoff_fd < 0)
			return;
		n = recvmsg(handoff_fd, &mh, MSG_DONTWAIT);
		if (n < 0)
			return;
		for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET &&
			    cm->cmsg_type == SCM_CREDENTIALS)
				memcpy(&cred, CMSG_DATA(cm), sizeof(cred));
		if ((size_t)n != sizeof(req) || req.magic != HANDOFF_MAGIC ||
		    req.type != HANDOFF_REQUEST ||
		    (cred.uid != geteuid() && cred.uid != 0))
			continue;
		req.card_name[sizeof(req.card_name) - 1] = '\0';
		reply = req;
		reply.type = HANDOFF_REPLY;
		handle_request(&req, &reply);
		sendto(handoff_fd, &reply, sizeof(reply), MSG_DONTWAIT,
		       (struct sockaddr *)&from, mh.msg_namelen);
	}
}

/* Ask process @pid to make its line @hline an owner; no lock held. */
static LONG ask_remote(pid_t pid, const struct handoff_msg *req)
{
	struct sockaddr_un sa;
	struct handoff_msg reply;
	struct pollfd pfd;
	uint64_t deadline = tapi_now_ms() + HANDOFF_TIMEOUT_MS;
	sa_family_t autobind = AF_UNIX;
	socklen_t len = handoff_addr(pid, &sa);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	LONG result = LINEERR_TARGETNOTFOUND;

	if (fd < 0)
		return LINEERR_RESOURCEUNAVAIL;
	/* an address of our own for the reply: autobind */
	if (bind(fd, (struct sockaddr *)&autobind, sizeof(autobind)) < 0 ||
	    sendto(fd, req, sizeof(*req), 0, (struct sockaddr *)&sa, len) < 0)
		goto out;	/* no such process (any more) */
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	for (;;) {
		uint64_t now = tapi_now_ms();

		if (now >= deadline ||
		    poll(&pfd, 1, (int)(deadline - now)) <= 0)
			break;
		if (recv(fd, &reply, sizeof(reply), 0) == sizeof(reply) &&
		    reply.magic == HANDOFF_MAGIC &&
		    reply.type == HANDOFF_REPLY && reply.nonce == req->nonce) {
			result = reply.result > 0 ? LINEERR_OPERATIONFAILED :
						    reply.result;
			break;
		}
	}
out:
	close(fd);
	return result;
}

static bool name_matches(const char *want, const char *friendly,
			 const char *module)
{
	const char *base = strrchr(want, '/');

	base = base ? base + 1 : want;
	return !strcmp(want, friendly) || !strcmp(base, module);
}

/* The candidates: every opener of the line, here or elsewhere. */
static size_t candidates(struct tapi_linedev *ld, struct tapi_rdv_app *apps,
			 size_t max)
{
	size_t n = 0;

	if (ld->rdv && !tapi_rdv_apps(ld->rdv, apps, max, &n))
		return n;
	for (struct tapi_line *l = ld->lines; l && n < max; l = l->next) {
		memset(&apps[n], 0, sizeof(apps[n]));
		apps[n].pid = getpid();
		apps[n].hline = l->handle;
		apps[n].privileges = l->privileges;
		apps[n].media_modes = l->media_modes;
		apps[n].seq = l->seq;
		snprintf(apps[n].friendly, sizeof(apps[n].friendly), "%s",
			 l->app->friendly_name);
		snprintf(apps[n].module, sizeof(apps[n].module), "%s",
			 program_invocation_short_name);
		n++;
	}
	return n;
}

static struct tapi_line *local_line(struct tapi_linedev *ld, HLINE handle)
{
	for (struct tapi_line *l = ld->lines; l; l = l->next)
		if (l->handle == handle)
			return l;
	return NULL;
}

/**
 * lineHandoff() - give a call to another application
 * @hCall: a handle with owner privilege on a call that is not idle
 * @lpszFileName: the target's module (program) name or friendly name;
 *	NULL to hand off by @dwMediaMode
 * @dwMediaMode: with a NULL @lpszFileName: exactly one media mode; the
 *	highest priority application that opened the line for owner with
 *	it gets the call, which takes that media mode
 *
 * Return: 0; LINEERR_INVALCALLHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_NOTOWNER, LINEERR_INVALMEDIAMODE, LINEERR_INVALPOINTER,
 * LINEERR_INVALCALLSTATE, LINEERR_TARGETNOTFOUND, LINEERR_TARGETSELF,
 * LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineHandoff(HCALL hCall, LPCSTR lpszFileName,
				    DWORD dwMediaMode)
{
	static struct tapi_rdv_app apps[64];	/* engine lock */
	static atomic_uint nonce;
	struct handoff_msg req;
	struct tapi_hcall *hc;
	struct tapi_call *call;
	struct tapi_linedev *ld;
	struct tapi_rdv_app target = { 0 };
	bool found = false, self = false;
	size_t n;
	LONG err;

	err = tapi_hcall_begin(hCall, &hc);
	if (err)
		return err;
	call = hc->call;
	ld = call->dev;
	if (!(hc->privilege & LINECALLPRIVILEGE_OWNER))
		err = LINEERR_NOTOWNER;
	else if (!lpszFileName &&
		 (!dwMediaMode || dwMediaMode & (dwMediaMode - 1) ||
		  dwMediaMode & ~TAPI_MEDIA_MODES_1_4))
		err = LINEERR_INVALMEDIAMODE;
	else if (lpszFileName && tapi_utf8_check(lpszFileName, 255, false))
		err = LINEERR_INVALPOINTER;
	else if (!call->current || !call->state ||
		 call->state == LINECALLSTATE_IDLE)
		err = LINEERR_INVALCALLSTATE;
	if (err)
		goto out;

	n = candidates(ld, apps, TAPI_ARRAY_SIZE(apps));
	for (size_t i = 0; i < n && !found; i++) {
		const struct tapi_rdv_app *a = &apps[i];
		bool mine = a->pid == getpid() && a->hline == hc->line->handle;
		struct tapi_line *l = a->pid == getpid() ?
				      local_line(ld, a->hline) : NULL;

		if (!(a->privileges & LINECALLPRIVILEGE_OWNER))
			continue;
		if (lpszFileName ? !name_matches(lpszFileName, a->friendly,
						 a->module) :
				   !(a->media_modes & dwMediaMode))
			continue;
		/*
		 * The caller's own application is no target: by media mode,
		 * when it comes first, the handoff fails (TAPI); by name,
		 * another instance of the program may still match.
		 */
		if (mine || (l && l->app == hc->line->app)) {
			if (!lpszFileName) {
				err = LINEERR_TARGETSELF;
				goto out;
			}
			self = true;
			continue;
		}
		target = *a;
		found = true;
	}
	if (!found) {
		err = self ? LINEERR_TARGETSELF : LINEERR_TARGETNOTFOUND;
		goto out;
	}
	if (target.pid == getpid()) {
		struct tapi_line *l = local_line(ld, target.hline);

		err = l ? grant(call, l, lpszFileName ? 0 : dwMediaMode) :
			  LINEERR_TARGETNOTFOUND;
		goto out;
	}
	if (!call->kcall_id) {	/* the other process cannot know it yet */
		err = LINEERR_INVALCALLSTATE;
		goto out;
	}
	memset(&req, 0, sizeof(req));
	req.magic = HANDOFF_MAGIC;
	req.type = HANDOFF_REQUEST;
	req.nonce = atomic_fetch_add(&nonce, 1) ^ (uint32_t)getpid();
	req.channel = ld->info.channel;
	req.index = ld->info.index;
	req.call_id = call->kcall_id;
	req.target_hline = target.hline;
	req.media_mode = lpszFileName ? 0 : dwMediaMode;
	snprintf(req.card_name, sizeof(req.card_name), "%s",
		 ld->info.card_name);
	if (!lpszFileName)
		call->media_mode = dwMediaMode;
	tapi_hcall_end(hc);
	return ask_remote(target.pid, &req);	/* without the lock */
out:
	tapi_hcall_end(hc);
	return err;
}
