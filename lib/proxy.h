/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Call-center control: the ACD proxy side (lib/proxy*.c) and the
 * requesting side (lib/agent*.c) of TAPI's proxy requests, over the
 * kernel's proxy relay (struct tapi_relay of device.h).
 *
 *  - proxy_relay.c: this process's relay socket, opened on first use and
 *    closed with the engine; the engine thread reads it and hands each
 *    note to the files below.
 *  - proxy_line.c: lineOpen with LINEOPENOPTION_PROXY registers the line
 *    as the proxy of its request types; closing the line unregisters
 *    them.  LINE_PROXYSTATUS, lineGetProxyStatus.
 *  - proxy_request.c: a request from the relay becomes LINE_PROXYREQUEST
 *    with a LINEPROXYREQUEST the library owns until lineProxyResponse.
 *  - proxy_message.c: lineProxyMessage, and the "proxy" group's messages
 *    to every line open on the channel.
 *  - agent_request.c: an agent function's LINEPROXYREQUEST is built,
 *    relayed, and its answer copied back before LINE_REPLY.
 *  - agent.c, agent_ex.c, agent_session.c, agent_queue.c: the functions.
 *
 * The wire format of a request and of its response is the flat
 * LINEPROXYREQUEST: the 7-DWORD header, the union member of the request
 * type with its embedded variable structure (dwTotalSize = the room the
 * requester offers), then strings; offsets of the strings count from the
 * start of the LINEPROXYREQUEST, those inside the embedded structure from
 * its own start, as in TAPI.
 *
 * Locking: the lists of each file are guarded by the engine lock; relay
 * commands that wait for the kernel are sent without it.
 */
#ifndef TAPI_LIB_PROXY_H
#define TAPI_LIB_PROXY_H

#include "engine.h"

/* Where the union of LINEPROXYREQUEST starts. */
#define TAPI_PROXY_UNION_OFF	offsetof(LINEPROXYREQUEST, SetAgentGroup)
/* Request types 1..31 fit the relay's type bits. */
#define TAPI_PROXY_TYPE_MAX	LINEPROXYREQUEST_SETAGENTSTATEEX
/*
 * The last resort behind the kernel's TAPI_PROXY_GONE, a notice that is
 * lost when our socket's receive buffer is full at that moment: a request
 * unanswered this long fails as if its proxy were gone.  Generous, since
 * a proxy may itself wait on a remote ACD before it answers, and a real
 * answer comes in well under a second.
 */
#define TAPI_PROXY_REQUEST_TIMEOUT_MS	30000

/* proxy_relay.c */
struct tapi_relay *tapi_proxy_relay_get(void);
int tapi_proxy_relay_fd(void);
void tapi_proxy_relay_read(void);
void tapi_proxy_relay_close(void);
LONG tapi_proxy_lineerr(int err);

/* proxy_line.c */
LONG tapi_proxy_check_open(const LINECALLPARAMS *params, DWORD version,
			   uint32_t *types);
LONG tapi_proxy_line_opened(HLINE hline, uint32_t types);
void tapi_proxy_line_closed(struct tapi_line *line);
bool tapi_proxy_line_serves(const struct tapi_line *line, DWORD type);
bool tapi_proxy_line_is_proxy(const struct tapi_line *line);
struct tapi_line *tapi_proxy_line_for(uint32_t channel, DWORD type);

/* proxy_status.c */
void tapi_proxy_status_prime(struct tapi_relay *relay, uint32_t channel);
void tapi_proxy_status_changed(const struct tapi_relay_note *n);

/* proxy_request.c */
void tapi_proxy_request_received(const struct tapi_relay_note *n);
void tapi_proxy_requests_drop(struct tapi_line *line);

/* proxy_message.c */
void tapi_proxy_message_received(const struct tapi_relay_note *n);
void tapi_proxy_post_lines(uint32_t channel, DWORD min_version, DWORD msg,
			   DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);

/* agent_request.c */

/* An agent function's request being built; see agent_request.c. */
struct tapi_agent_req {
	DWORD type;			/* LINEPROXYREQUEST_ */
	struct tapi_app *app;		/* referenced */
	HLINE hline;			/* 0: lineGetAgentCaps */
	DWORD_PTR instance;
	DWORD version;
	uint32_t channel;
	unsigned char *buf;		/* the LINEPROXYREQUEST */
	size_t len, cap;
	/* what the answer fills in (one of them, or none) */
	size_t out_off;			/* embedded structure */
	void *out;
	DWORD out_total, out_fixed;
	size_t handle_off;		/* HAGENT / HAGENTSESSION */
	DWORD *handle_out;
	size_t bytes_off;		/* lineAgentSpecific's parameters */
	void *bytes_out;
	DWORD bytes_len;
};

LONG tapi_agent_req_line(struct tapi_agent_req *r, HLINE hline, DWORD type,
			 DWORD min_version);
LONG tapi_agent_req_device(struct tapi_agent_req *r, HLINEAPP happ,
			   DWORD device_id, DWORD version, DWORD type);
int tapi_agent_req_put(struct tapi_agent_req *r, size_t off,
		       const void *data, size_t len);
int tapi_agent_req_put32(struct tapi_agent_req *r, size_t off, DWORD v);
LONG tapi_agent_req_out(struct tapi_agent_req *r, size_t off, void *out,
			DWORD fixed);
LONG tapi_agent_req_in(struct tapi_agent_req *r, size_t off, const void *in,
		       DWORD len);
int tapi_agent_req_string(struct tapi_agent_req *r, size_t size_field,
			  const char *s);
void tapi_agent_req_handle_out(struct tapi_agent_req *r, size_t off,
			       DWORD *out);
LONG tapi_agent_req_bytes(struct tapi_agent_req *r, size_t off, void *data,
			  DWORD len);
LONG tapi_agent_req_send(struct tapi_agent_req *r, LONG err);
void tapi_agent_request_answered(const struct tapi_relay_note *n);
void tapi_agent_requests_fail_all(void);
void tapi_agent_requests_line_closed(HLINE hline);
LONG tapi_agent_check_string(const char *s, LONG err);
LONG tapi_agent_check_state(DWORD state, DWORD next, DWORD allowed,
			    LONG err);

#endif /* TAPI_LIB_PROXY_H */
