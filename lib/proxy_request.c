// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The proxy's side of a request: the relay brings a LINEPROXYREQUEST
 * from an application (of any process); the line of this process that
 * serves its type gets LINE_PROXYREQUEST with dwParam1 pointing at a copy
 * the library owns.  The proxy fills it in (the embedded structure up to
 * its dwTotalSize, with dwNeededSize and dwUsedSize; CreateAgent's
 * hAgent ...) and hands it back with lineProxyResponse, which sends it to
 * the requester with the result and frees it.  Copies not answered when
 * the line closes are freed then; the kernel answers their requesters.
 */
#include <errno.h>
#include <string.h>

#include "proxy.h"

/* A request given to a proxy line and not answered yet. */
struct proxy_pending {
	struct proxy_pending *next;
	LINEPROXYREQUEST *req;		/* what the application was given */
	size_t len;			/* bytes that came, and go back */
	uint32_t req_id;		/* the kernel's */
	struct tapi_line *line;		/* entries go before the line does */
};

static struct proxy_pending *pending;	/* (E) */

/* Where the embedded structure of a request type is, or 0 for none. */
static size_t embedded_offset(DWORD type)
{
	switch (type) {
	case LINEPROXYREQUEST_SETAGENTGROUP:
		return offsetof(LINEPROXYREQUEST, SetAgentGroup.GroupList);
	case LINEPROXYREQUEST_GETAGENTCAPS:
		return offsetof(LINEPROXYREQUEST, GetAgentCaps.AgentCaps);
	case LINEPROXYREQUEST_GETAGENTSTATUS:
		return offsetof(LINEPROXYREQUEST, GetAgentStatus.AgentStatus);
	case LINEPROXYREQUEST_GETAGENTACTIVITYLIST:
		return offsetof(LINEPROXYREQUEST,
				GetAgentActivityList.ActivityList);
	case LINEPROXYREQUEST_GETAGENTGROUPLIST:
		return offsetof(LINEPROXYREQUEST, GetAgentGroupList.GroupList);
	case LINEPROXYREQUEST_GETAGENTINFO:
		return offsetof(LINEPROXYREQUEST, GetAgentInfo.AgentInfo);
	case LINEPROXYREQUEST_GETAGENTSESSIONLIST:
		return offsetof(LINEPROXYREQUEST,
				GetAgentSessionList.SessionList);
	case LINEPROXYREQUEST_GETAGENTSESSIONINFO:
		return offsetof(LINEPROXYREQUEST,
				GetAgentSessionInfo.SessionInfo);
	case LINEPROXYREQUEST_GETQUEUELIST:
		return offsetof(LINEPROXYREQUEST, GetQueueList.QueueList);
	case LINEPROXYREQUEST_GETQUEUEINFO:
		return offsetof(LINEPROXYREQUEST, GetQueueInfo.QueueInfo);
	case LINEPROXYREQUEST_GETGROUPLIST:
		return offsetof(LINEPROXYREQUEST, GetGroupList.GroupList);
	default:
		return 0;
	}
}

/* Does a Size/Offset pair of the request lie within @len bytes. */
static bool part_ok(const LINEPROXYREQUEST *req, size_t len, size_t field)
{
	DWORD size, off;

	memcpy(&size, (const char *)req + field, sizeof(size));
	memcpy(&off, (const char *)req + field + sizeof(size), sizeof(off));
	return !size || (off >= TAPI_PROXY_UNION_OFF &&
			 (uint64_t)off + size <= len);
}

/*
 * Is what came a request of @type the proxy can read safely: its header,
 * its strings and its embedded structure within the bytes.
 */
static bool request_ok(const LINEPROXYREQUEST *req, size_t len, DWORD type)
{
	size_t emb = embedded_offset(type);

	if (len < TAPI_PROXY_UNION_OFF || req->dwRequestType != type ||
	    !part_ok(req, len, offsetof(LINEPROXYREQUEST,
					dwClientMachineNameSize)) ||
	    !part_ok(req, len, offsetof(LINEPROXYREQUEST,
					dwClientUserNameSize)))
		return false;
	if (emb) {
		DWORD total;

		if (emb + 3 * sizeof(DWORD) > len)
			return false;
		memcpy(&total, (const char *)req + emb, sizeof(total));
		return total >= 3 * sizeof(DWORD) && emb + total <= len;
	}
	switch (type) {
	case LINEPROXYREQUEST_CREATEAGENT:
		return part_ok(req, len, offsetof(LINEPROXYREQUEST,
					CreateAgent.dwAgentIDSize)) &&
		       part_ok(req, len, offsetof(LINEPROXYREQUEST,
					CreateAgent.dwAgentPINSize));
	case LINEPROXYREQUEST_CREATEAGENTSESSION:
		return part_ok(req, len, offsetof(LINEPROXYREQUEST,
					CreateAgentSession.dwAgentPINSize));
	case LINEPROXYREQUEST_AGENTSPECIFIC:
		return offsetof(LINEPROXYREQUEST, AgentSpecific.Params) +
		       (uint64_t)req->AgentSpecific.dwSize <= len;
	default:
		return true;
	}
}

/**
 * tapi_proxy_request_received() - the relay's PROXY_REQUEST
 * @n: the note: channel, type, the kernel's id, the request's bytes
 *
 * Engine thread, engine lock held.  A request no line of ours serves any
 * more (closed meanwhile), or one that cannot be read, is answered at
 * once with LINEERR_OPERATIONUNAVAIL / LINEERR_OPERATIONFAILED.
 */
void tapi_proxy_request_received(const struct tapi_relay_note *n)
{
	struct tapi_line *line = tapi_proxy_line_for(n->channel, n->type);
	struct tapi_relay *relay = tapi_proxy_relay_get();
	size_t size = n->data_len > sizeof(LINEPROXYREQUEST) ?
		      n->data_len : sizeof(LINEPROXYREQUEST);
	struct proxy_pending *p = NULL;
	LINEPROXYREQUEST *req = NULL;
	LONG refuse = 0;

	if (!line)
		refuse = LINEERR_OPERATIONUNAVAIL;
	else if (!(p = calloc(1, sizeof(*p))) || !(req = calloc(1, size)))
		refuse = LINEERR_NOMEM;
	if (!refuse) {
		memcpy(req, n->data, n->data_len);
		if (!request_ok(req, n->data_len, n->type))
			refuse = LINEERR_OPERATIONFAILED;
	}
	if (refuse) {
		free(p);
		free(req);
		if (relay)
			relay->ops->respond(relay, n->req_id, refuse, NULL, 0,
					    false);
		return;
	}
	req->dwSize = (DWORD)n->data_len;
	p->req = req;
	p->len = n->data_len;
	p->req_id = n->req_id;
	p->line = line;
	p->next = pending;
	pending = p;
	tapi_line_post(line, line->handle, LINE_PROXYREQUEST,
		       (DWORD_PTR)req, 0, 0);
}

/**
 * tapi_proxy_requests_drop() - forget the requests given to a line
 * @line: the proxy line, closing
 *
 * Engine lock held.  Their requesters hear TAPI_PROXY_GONE from the
 * kernel once the line's registration is gone.
 */
void tapi_proxy_requests_drop(struct tapi_line *line)
{
	struct proxy_pending **pp = &pending;

	while (*pp) {
		struct proxy_pending *p = *pp;

		if (p->line != line) {
			pp = &p->next;
			continue;
		}
		*pp = p->next;
		free(p->req);
		free(p);
	}
}

/* Is @result something lineProxyResponse may hand back. */
static bool result_ok(DWORD result)
{
	return !result || (result >= (DWORD)LINEERR_ALLOCATED &&
			   result <= 0x8000FFFFU);
}

/**
 * lineProxyResponse() - an ACD proxy answers a LINE_PROXYREQUEST
 * @hLine: the proxy line the request came on
 * @lpProxyRequest: dwParam1 of LINE_PROXYREQUEST, filled in as the
 *	request type asks; it is freed: do not use it afterwards
 * @dwResult: 0, or the LINEERR_ the requester's LINE_REPLY carries
 *
 * Synchronous.
 *
 * Return: 0 (also when the requester went away meanwhile);
 * LINEERR_INVALLINEHANDLE, LINEERR_UNINITIALIZED, LINEERR_NOTREGISTERED
 * (@hLine is no proxy line), LINEERR_INVALPOINTER (no request of
 * @hLine's waiting at that address), LINEERR_INVALPARAM (@dwResult is
 * neither 0 nor a LINEERR_), LINEERR_OPERATIONFAILED, LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineProxyResponse(HLINE hLine,
					  LPLINEPROXYREQUEST lpProxyRequest,
					  DWORD dwResult)
{
	struct proxy_pending *p = NULL, **pp;
	struct tapi_relay *relay;
	struct tapi_line *line;
	LONG err = tapi_line_begin(hLine, &line);
	uint32_t req_id;
	int rc;

	if (err)
		return err;
	if (!tapi_proxy_line_is_proxy(line))
		err = LINEERR_NOTREGISTERED;
	else if (!lpProxyRequest)
		err = LINEERR_INVALPOINTER;
	else if (!result_ok(dwResult))
		err = LINEERR_INVALPARAM;
	for (pp = &pending; !err && *pp; pp = &(*pp)->next) {
		if ((*pp)->req == lpProxyRequest && (*pp)->line == line) {
			p = *pp;
			*pp = p->next;
			break;
		}
	}
	if (!err && !p)
		err = LINEERR_INVALPOINTER;
	tapi_line_end(line);
	if (err)
		return err;
	relay = tapi_proxy_relay_get();
	/* dwSize is the proxy's to read, not to grow: the bytes that came go
	 * back, with what the proxy wrote into them. */
	p->req->dwSize = (DWORD)p->len;
	req_id = p->req_id;
	rc = relay ? relay->ops->respond(relay, p->req_id, (int32_t)dwResult,
					 p->req, p->len, true) : -ENOENT;
	free(p->req);
	free(p);
	if (rc == -ENOENT) {
		tapi_debug("proxy: request %u: its requester is gone",
			   req_id);
		return 0;
	}
	return tapi_proxy_lineerr(rc);
}
