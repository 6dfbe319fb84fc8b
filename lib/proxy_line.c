// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lines opened with LINEOPENOPTION_PROXY: the ACD proxies of this process.
 *
 * lineOpen's LINECALLPARAMS lists the request types the application
 * serves (dwDevSpecificSize/Offset: an array of LINEPROXYREQUEST_
 * DWORDs, as in TAPI 2.x).  The line registers them with the kernel's
 * relay for its channel; a type that another application (in this
 * process or another) already serves makes lineOpen fail with
 * LINEERR_NOTREGISTERED.  Closing the line (lineClose, lineShutdown, the
 * hardware going, the process ending) unregisters them, and the kernel
 * then answers the requests still pending with the proxy.
 */
#include <errno.h>
#include <string.h>

#include "proxy.h"

/* One proxy line. */
struct proxy_reg {
	struct proxy_reg *next;
	struct tapi_line *line;		/* removed before the line is freed */
	uint32_t channel;
	uint32_t types;			/* bit n: LINEPROXYREQUEST_ n */
};

static struct proxy_reg *regs;		/* (E) */

/* The highest request type a version defines. */
static DWORD types_max(DWORD version)
{
	return version >= TAPI_VERSION_2_2 ? TAPI_PROXY_TYPE_MAX :
					     LINEPROXYREQUEST_GETAGENTGROUPLIST;
}

/**
 * tapi_proxy_check_open() - lineOpen's LINEOPENOPTION_PROXY arguments
 * @params: lineOpen's lpCallParams
 * @version: the version lineOpen negotiated
 * @types: out: the request types, bit n for LINEPROXYREQUEST_ n
 *
 * Return: 0; LINEERR_INVALPRIVSELECT before TAPI 2.0,
 * LINEERR_INVALPOINTER, LINEERR_STRUCTURETOOSMALL, LINEERR_INVALCALLPARAMS
 * for an array that is empty, outside the structure, or holds a value
 * that is no request type of @version.
 */
LONG tapi_proxy_check_open(const LINECALLPARAMS *params, DWORD version,
			   uint32_t *types)
{
	DWORD fixed = tapi_struct_fixed_size(TAPI_STRUCT_LINECALLPARAMS,
					     version);
	const unsigned char *p = (const unsigned char *)params;
	LONG err;

	if (version < TAPI_VERSION_2_0)
		return LINEERR_INVALPRIVSELECT;
	err = tapi_check_in_struct(params, fixed);
	if (err)
		return err;
	if (!params->dwDevSpecificSize ||
	    params->dwDevSpecificSize % sizeof(DWORD) ||
	    params->dwDevSpecificOffset % sizeof(DWORD) ||
	    !tapi_var_field_valid(params, params->dwTotalSize, fixed,
				  params->dwDevSpecificSize,
				  params->dwDevSpecificOffset))
		return LINEERR_INVALCALLPARAMS;
	*types = 0;
	for (DWORD i = 0; i < params->dwDevSpecificSize / sizeof(DWORD); i++) {
		DWORD t;

		memcpy(&t, p + params->dwDevSpecificOffset + i * sizeof(t),
		       sizeof(t));
		if (!t || t > types_max(version))
			return LINEERR_INVALCALLPARAMS;
		*types |= 1U << t;
	}
	return 0;
}

static struct proxy_reg *reg_of(const struct tapi_line *line)
{
	for (struct proxy_reg *r = regs; r; r = r->next)
		if (r->line == line)
			return r;
	return NULL;
}

static void reg_unlink(struct proxy_reg *reg)
{
	for (struct proxy_reg **pp = &regs; *pp; pp = &(*pp)->next) {
		if (*pp == reg) {
			*pp = reg->next;
			return;
		}
	}
}

/**
 * tapi_proxy_line_opened() - what lineOpen does last for call centers
 * @hline: the line just opened
 * @types: with LINEOPENOPTION_PROXY, the types it serves; else 0
 *
 * Called without the engine lock.  Every line opens the relay (its
 * application hears the proxies' messages) and learns which types have
 * a proxy, for LINE_PROXYSTATUS.  A proxy line registers its types.
 *
 * Return: 0; LINEERR_NOTREGISTERED when a type already has a proxy;
 * LINEERR_OPERATIONUNAVAIL without a relay; LINEERR_OPERATIONFAILED
 * when the kernel refused (CAP_NET_ADMIN is needed to be a proxy);
 * LINEERR_NOMEM.  On failure the caller closes the line.
 */
LONG tapi_proxy_line_opened(HLINE hline, uint32_t types)
{
	struct tapi_relay *relay = tapi_proxy_relay_get();
	struct tapi_line *line;
	struct proxy_reg *reg = NULL;
	uint32_t channel;
	LONG err;

	err = tapi_line_begin(hline, &line);
	if (err)
		return err;
	channel = line->dev->info.channel;
	tapi_line_end(line);
	if (relay)
		tapi_proxy_status_prime(relay, channel);
	if (!types)
		return 0;
	if (!relay)
		return LINEERR_OPERATIONUNAVAIL;

	err = tapi_line_begin(hline, &line);
	if (err)
		return err;
	for (struct proxy_reg *r = regs; r; r = r->next)
		if (r->channel == channel && r->types & types)
			err = LINEERR_NOTREGISTERED;
	if (!err) {
		reg = calloc(1, sizeof(*reg));
		if (!reg)
			err = LINEERR_NOMEM;
	}
	if (!err) {
		/* claimed now, so another line of ours cannot race us */
		reg->line = line;
		reg->channel = channel;
		reg->types = types;
		reg->next = regs;
		regs = reg;
	}
	tapi_line_end(line);
	if (err)
		return err;

	err = relay->ops->register_types(relay, channel, types);
	if (!err)
		return 0;
	tapi_debug("proxy: register channel %u types 0x%x: %d", channel,
		   types, err);
	tapi_engine_lock();
	reg_unlink(reg);
	tapi_engine_unlock();
	free(reg);
	return err == -EBUSY ? LINEERR_NOTREGISTERED : tapi_proxy_lineerr(err);
}

/**
 * tapi_proxy_line_closed() - a line closes: it is no proxy any more
 * @line: the line
 *
 * Engine lock held.  Its registration goes (without waiting for the
 * kernel: this may run on the engine thread), the requests it was given
 * are forgotten (the kernel answers them TAPI_PROXY_GONE), and the
 * requests its application made through it fail.
 */
void tapi_proxy_line_closed(struct tapi_line *line)
{
	struct proxy_reg *reg = reg_of(line);

	tapi_engine_assert_locked();
	tapi_agent_requests_line_closed(line->handle);
	if (!reg)
		return;
	reg_unlink(reg);
	tapi_proxy_requests_drop(line);
	if (tapi_proxy_relay_fd() >= 0) {
		struct tapi_relay *relay = tapi_proxy_relay_get();

		relay->ops->unregister_types(relay, reg->channel, reg->types,
					     false);
	}
	free(reg);
}

/**
 * tapi_proxy_line_serves() - is @line the proxy of @type
 * @line: an open line
 * @type: LINEPROXYREQUEST_
 *
 * Engine lock held.
 *
 * Return: true if its lineOpen registered @type.
 */
bool tapi_proxy_line_serves(const struct tapi_line *line, DWORD type)
{
	const struct proxy_reg *reg = reg_of(line);

	return reg && type <= TAPI_PROXY_TYPE_MAX && reg->types & (1U << type);
}

/**
 * tapi_proxy_line_is_proxy() - was @line opened with LINEOPENOPTION_PROXY
 * @line: an open line
 *
 * Engine lock held.
 *
 * Return: true for a registered proxy line.
 */
bool tapi_proxy_line_is_proxy(const struct tapi_line *line)
{
	return reg_of(line) != NULL;
}

/**
 * tapi_proxy_line_for() - the line of this process serving a request
 * @channel: the channel the request is for
 * @type: LINEPROXYREQUEST_
 *
 * Engine lock held.
 *
 * Return: the open line (not referenced), or NULL.
 */
struct tapi_line *tapi_proxy_line_for(uint32_t channel, DWORD type)
{
	for (struct proxy_reg *r = regs; r; r = r->next)
		if (r->channel == channel && r->line->dev &&
		    tapi_proxy_line_serves(r->line, type))
			return r->line;
	return NULL;
}
