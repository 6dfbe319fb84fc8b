// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Which request types have a proxy on each channel: lineGetProxyStatus
 * asks the kernel; LINE_PROXYSTATUS tells the lines of this process when
 * the kernel's "proxy" group says it changed (dwParam1
 * LINEPROXYSTATUS_OPEN or _CLOSE, dwParam2 the request type: one
 * message per type that came or went).
 */
#include <errno.h>
#include <string.h>

#include "proxy.h"

/* The types a channel was last known to have a proxy for. */
struct chan_status {
	struct chan_status *next;
	uint32_t channel;
	uint32_t types;
};

static struct chan_status *known;	/* (E) */

static struct chan_status *status_of(uint32_t channel)
{
	for (struct chan_status *s = known; s; s = s->next)
		if (s->channel == channel)
			return s;
	return NULL;
}

/**
 * tapi_proxy_status_prime() - learn a channel's proxy types once
 * @relay: the relay
 * @channel: a channel a line was opened on
 *
 * Called without the engine lock, so the first change is told as a
 * change from what was there when the line opened.
 */
void tapi_proxy_status_prime(struct tapi_relay *relay, uint32_t channel)
{
	struct chan_status *s;
	uint32_t types;
	bool have;

	tapi_engine_lock();
	have = status_of(channel) != NULL;
	tapi_engine_unlock();
	if (have || relay->ops->get_types(relay, channel, &types))
		return;
	s = calloc(1, sizeof(*s));
	if (!s)
		return;
	tapi_engine_lock();
	if (status_of(channel)) {
		free(s);
	} else {
		s->channel = channel;
		s->types = types;
		s->next = known;
		known = s;
	}
	tapi_engine_unlock();
}

/**
 * tapi_proxy_status_changed() - the relay's PROXY_STATUS
 * @n: the note: the channel and its proxy types now
 *
 * Engine thread, engine lock held.  Lines of TAPI 2.2 on the channel get
 * LINE_PROXYSTATUS for each type that gained or lost its proxy.
 */
void tapi_proxy_status_changed(const struct tapi_relay_note *n)
{
	struct chan_status *s = status_of(n->channel);
	uint32_t before, changed;

	if (!s) {
		s = calloc(1, sizeof(*s));
		if (!s)
			return;
		s->channel = n->channel;
		s->next = known;
		known = s;
	}
	before = s->types;
	s->types = n->types;
	changed = before ^ n->types;
	for (DWORD t = 1; t <= TAPI_PROXY_TYPE_MAX; t++) {
		if (!(changed & (1U << t)))
			continue;
		tapi_proxy_post_lines(n->channel, TAPI_VERSION_2_2,
				      LINE_PROXYSTATUS,
				      n->types & (1U << t) ?
				      LINEPROXYSTATUS_OPEN :
				      LINEPROXYSTATUS_CLOSE, t, 0);
	}
}

/**
 * lineGetProxyStatus() - the request types that have a proxy on a line
 * @hLineApp: from lineInitializeEx
 * @dwDeviceID: the line device
 * @dwAppAPIVersion: TAPI 2.2 (the function is TAPI 2.2)
 * @lpLineProxyReqestList: out: dwNumEntries DWORDs of LINEPROXYREQUEST_
 *	at dwListOffset; dwTotalSize set by the caller
 *
 * Synchronous.
 *
 * Return: 0; LINEERR_INVALAPPHANDLE, LINEERR_UNINITIALIZED,
 * LINEERR_BADDEVICEID, LINEERR_INCOMPATIBLEAPIVERSION,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL, LINEERR_NODEVICE,
 * LINEERR_OPERATIONUNAVAIL (the kernel has no proxy relay), LINEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI lineGetProxyStatus(HLINEAPP hLineApp,
					   DWORD dwDeviceID,
					   DWORD dwAppAPIVersion,
					   LPLINEPROXYREQUESTLIST
					   lpLineProxyReqestList)
{
	DWORD list[TAPI_PROXY_TYPE_MAX];
	struct tapi_dev_info info;
	struct tapi_relay *relay;
	struct tapi_varbuf vb;
	LINEPROXYREQUESTLIST *s;
	struct tapi_app *app;
	uint32_t types;
	DWORD n = 0;
	LONG err;

	err = tapi_app_lookup(hLineApp, &app);
	if (err)
		return err;
	if (dwDeviceID >= app->num_devs)
		err = LINEERR_BADDEVICEID;
	else if (!tapi_version_is_known(dwAppAPIVersion) ||
		 dwAppAPIVersion < TAPI_VERSION_2_2 ||
		 dwAppAPIVersion > app->api_version)
		err = LINEERR_INCOMPATIBLEAPIVERSION;
	else
		err = tapi_check_out_struct(lpLineProxyReqestList);
	tapi_app_put(app);
	if (err)
		return err;
	if (tapi_registry_lookup(dwDeviceID, &info))
		return LINEERR_NODEVICE;
	relay = tapi_proxy_relay_get();
	if (!relay)
		return LINEERR_OPERATIONUNAVAIL;
	err = tapi_proxy_lineerr(relay->ops->get_types(relay, info.channel,
						       &types));
	if (err)
		return err;
	for (DWORD t = 1; t <= TAPI_PROXY_TYPE_MAX; t++)
		if (types & (1U << t))
			list[n++] = t;

	if (tapi_varbuf_init(&vb, sizeof(*s), sizeof(*s)))
		return LINEERR_NOMEM;
	s = tapi_varbuf_fixed(&vb);
	s->dwNumEntries = n;
	if (tapi_varbuf_add(&vb, offsetof(LINEPROXYREQUESTLIST, dwListSize),
			    offsetof(LINEPROXYREQUESTLIST, dwListOffset), list,
			    n * sizeof(DWORD), sizeof(DWORD)))
		err = LINEERR_NOMEM;
	if (!err)
		err = tapi_varbuf_finish(&vb, lpLineProxyReqestList);
	tapi_varbuf_release(&vb);
	return err;
}
