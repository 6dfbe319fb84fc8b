// SPDX-License-Identifier: GPL-2.0
/*
 * acd_lines.c - the configured lines: found by their LINEDEVCAPS name,
 * opened as owner (the ACD answers the trunks' calls and rings the
 * stations) and as the proxy of the call-center requests (LINEOPENOPTION_
 * PROXY), and each channel's /dev/tapi/<n> opened for TAPI_IOC_BRIDGE
 * (lineGetID "tapi/channel" names it).
 *
 * Stations serve every request type but lineAgentSpecific (tapi-acd has
 * no agent extensions): the TAPI 2.0 functions name an address, and the
 * agent of a station's address is the agent of that station.  Trunks
 * serve the TAPI 2.2 types, which name agents and queues themselves.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tapi_acd.h"

#define DEVCAPS_SIZE	4096

/* The line name of @dev into @name; false if it has none. */
static bool line_name(HLINEAPP app, DWORD dev, DWORD *version, char *name,
		      size_t size)
{
	LINEEXTENSIONID ext;
	LINEDEVCAPS *caps;
	bool ok = false;

	if (lineNegotiateAPIVersion(app, dev, 0x00010003, ACD_API_VERSION,
				    version, &ext))
		return false;
	caps = calloc(1, DEVCAPS_SIZE);
	if (!caps)
		return false;
	caps->dwTotalSize = DEVCAPS_SIZE;
	if (!lineGetDevCaps(app, dev, *version, 0, caps) &&
	    caps->dwLineNameSize && caps->dwLineNameOffset +
	    caps->dwLineNameSize <= caps->dwUsedSize) {
		snprintf(name, size, "%.*s", (int)caps->dwLineNameSize,
			 (const char *)caps + caps->dwLineNameOffset);
		ok = true;
	}
	free(caps);
	return ok;
}

static int open_line(struct acd_daemon *d, struct acd_line *l, DWORD version)
{
	const DWORD first = l->agent >= 0 ? LINEPROXYREQUEST_SETAGENTGROUP :
					    LINEPROXYREQUEST_CREATEAGENT;
	DWORD types[LINEPROXYREQUEST_SETAGENTSTATEEX];
	size_t n = 0, size;
	LINECALLPARAMS *cp;
	struct {
		VARSTRING v;
		DWORD channel;
	} id;
	char node[32];
	LONG err;

	for (DWORD t = first; t <= LINEPROXYREQUEST_SETAGENTSTATEEX; t++)
		if (t != LINEPROXYREQUEST_AGENTSPECIFIC)
			types[n++] = t;
	size = sizeof(*cp) + n * sizeof(DWORD);
	cp = calloc(1, size);
	if (!cp)
		return -ENOMEM;
	cp->dwTotalSize = size;
	cp->dwDevSpecificSize = n * sizeof(DWORD);
	cp->dwDevSpecificOffset = sizeof(*cp);
	memcpy((char *)cp + sizeof(*cp), types, n * sizeof(DWORD));
	err = lineOpen(d->app, l->device_id, &l->hline, version, 0, 0,
		       LINECALLPRIVILEGE_OWNER | LINEOPENOPTION_PROXY,
		       LINEMEDIAMODE_INTERACTIVEVOICE, cp);
	free(cp);
	if (err) {
		fprintf(stderr, "tapi-acd: lineOpen %s: 0x%08x%s\n", l->name,
			(unsigned int)err, err == LINEERR_NOTREGISTERED ?
			" (another ACD proxy serves it)" : "");
		return -EIO;
	}
	memset(&id, 0, sizeof(id));
	id.v.dwTotalSize = sizeof(id);
	err = lineGetID(l->hline, 0, 0, LINECALLSELECT_LINE, &id.v,
			"tapi/channel");
	if (err || id.v.dwStringSize != sizeof(DWORD)) {
		fprintf(stderr, "tapi-acd: %s: no channel number (0x%08x)\n",
			l->name, (unsigned int)err);
		return -EIO;
	}
	memcpy(&l->channel, (char *)&id + id.v.dwStringOffset, sizeof(DWORD));
	snprintf(node, sizeof(node), "/dev/tapi/%u", l->channel);
	l->chan_fd = open(node, O_RDWR | O_CLOEXEC);
	if (l->chan_fd < 0) {
		fprintf(stderr, "tapi-acd: %s: %s\n", node, strerror(errno));
		return -errno;
	}
	acd_log(d, 1, "%s: line %u, channel %u, %s", l->name, l->device_id,
		l->channel, l->agent >= 0 ? "station" : "trunk");
	return 0;
}

static struct acd_line *add_line(struct acd_daemon *d,
				 const char name[ACD_NAME_MAX],
				 int agent, int queue)
{
	struct acd_line *l = &d->lines[d->num_lines++];

	memset(l, 0, sizeof(*l));
	memcpy(l->name, name, sizeof(l->name));	/* both ACD_NAME_MAX */
	l->device_id = (DWORD)-1;
	l->chan_fd = -1;
	l->agent = agent;
	l->queue = queue;
	return l;
}

/**
 * acd_lines_open() - find and open every station and trunk
 * @d: the daemon, initialized (d->app, d->num_devs)
 *
 * Return: 0, or a negative errno with the reason on stderr.
 */
int acd_lines_open(struct acd_daemon *d)
{
	DWORD versions[ACD_MAX_LINES];
	char name[ACD_NAME_MAX];

	for (unsigned int a = 0; a < d->cfg.num_agents; a++)
		add_line(d, d->cfg.agents[a].station, a, -1);
	for (unsigned int q = 0; q < d->cfg.num_queues; q++)
		for (unsigned int t = 0; t < d->cfg.queues[q].num_trunks; t++)
			add_line(d, d->cfg.queues[q].trunks[t], -1, q);
	for (DWORD dev = 0; dev < d->num_devs; dev++) {
		DWORD version;

		if (!line_name(d->app, dev, &version, name, sizeof(name)))
			continue;
		for (unsigned int i = 0; i < d->num_lines; i++) {
			if (strcmp(d->lines[i].name, name))
				continue;
			d->lines[i].device_id = dev;
			versions[i] = version;
		}
	}
	for (unsigned int i = 0; i < d->num_lines; i++) {
		if (d->lines[i].device_id == (DWORD)-1) {
			fprintf(stderr, "tapi-acd: no line %s\n",
				d->lines[i].name);
			return -ENODEV;
		}
		if (versions[i] < ACD_API_VERSION) {
			fprintf(stderr, "tapi-acd: line %s lacks TAPI 2.2\n",
				d->lines[i].name);
			return -ENODEV;
		}
	}
	for (unsigned int i = 0; i < d->num_lines; i++) {
		int err = open_line(d, &d->lines[i], versions[i]);

		if (err)
			return err;
	}
	return 0;
}

/* Close the channel files (ending any bridge); lineShutdown does the rest. */
void acd_lines_close(struct acd_daemon *d)
{
	for (unsigned int i = 0; i < d->num_lines; i++) {
		if (d->lines[i].chan_fd >= 0)
			close(d->lines[i].chan_fd);
		d->lines[i].chan_fd = -1;
	}
}

struct acd_line *acd_line_by_hline(struct acd_daemon *d, HLINE h)
{
	for (unsigned int i = 0; i < d->num_lines; i++)
		if (d->lines[i].hline == h)
			return &d->lines[i];
	return NULL;
}

struct acd_line *acd_line_by_call(struct acd_daemon *d, HCALL h)
{
	for (unsigned int i = 0; h && i < d->num_lines; i++)
		if (d->lines[i].call == h)
			return &d->lines[i];
	return NULL;
}

struct acd_line *acd_line_of_agent(struct acd_daemon *d, int agent)
{
	for (unsigned int i = 0; i < d->num_lines; i++)
		if (d->lines[i].agent == agent)
			return &d->lines[i];
	return NULL;
}

/* The trunk (@trunk) or the station that carries the core's @call. */
struct acd_line *acd_line_of_acd_call(struct acd_daemon *d, uint32_t call,
				      bool trunk)
{
	for (unsigned int i = 0; call && i < d->num_lines; i++) {
		struct acd_line *l = &d->lines[i];

		if (l->acd_call == call && (l->queue >= 0) == trunk)
			return l;
	}
	return NULL;
}
