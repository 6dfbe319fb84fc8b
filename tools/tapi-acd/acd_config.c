// SPDX-License-Identifier: GPL-2.0
/*
 * acd_config.c - read tapi-acd's configuration file.
 *
 * A line is a keyword and its settings, "key value" pairs; '#' starts a
 * comment, a value with spaces is written in double quotes, and lists
 * are comma-separated:
 *
 *   period 3600
 *   agent 101 name "Alice Smith" pin 1234 station sim0/fxs0
 *   group 1 name sales agents 101,102
 *   queue 1 name sales group 1 trunks sim0/fxo0,sim0/fxo1 rna 15 wrapup 10 announce 20
 *   activity 1 name lunch
 *
 * Groups may name agents and queues groups defined further down: the
 * references are resolved at the end, and an error names the line that
 * holds the reference.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "acd_config.h"

#define MAX_TOKENS	64
#define LINE_MAX_LEN	1024

struct parser {
	const char *name;
	unsigned int line;
	char *err;
	/* group members by agent ID, resolved once every agent is known */
	char members[ACD_MAX_GROUPS][ACD_MAX_AGENTS][ACD_NAME_MAX];
	unsigned int num_members[ACD_MAX_GROUPS];
	uint32_t queue_group[ACD_MAX_QUEUES];	/* the group's ID */
};

static int fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parser *p, const char *fmt, ...)
{
	int n = 0;
	va_list ap;

	if (p->line)
		n = snprintf(p->err, ACD_ERROR_MAX, "%s:%u: ", p->name, p->line);
	else
		n = snprintf(p->err, ACD_ERROR_MAX, "%s: ", p->name);
	if (n < 0 || n >= ACD_ERROR_MAX)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(p->err + n, ACD_ERROR_MAX - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Split @s in place into words; quotes group, '#' ends the line. */
static int tokenize(struct parser *p, char *s, char *tok[], int *ntok)
{
	int n = 0;

	for (;;) {
		char *out;

		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		if (!*s || *s == '#')
			break;
		if (n == MAX_TOKENS)
			return fail(p, "too many words on one line");
		tok[n++] = out = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\r' &&
		       *s != '\n' && *s != '#') {
			if (*s == '"') {
				s++;
				while (*s && *s != '"' && *s != '\n')
					*out++ = *s++;
				if (*s != '"')
					return fail(p, "unterminated quote");
				s++;
			} else {
				*out++ = *s++;
			}
		}
		if (*s == '#') {
			*out = '\0';
			break;
		}
		if (*s)
			s++;
		*out = '\0';
	}
	*ntok = n;
	return 0;
}

static int copy_name(struct parser *p, char dst[ACD_NAME_MAX],
		     const char *what, const char *src)
{
	if (!*src)
		return fail(p, "empty %s", what);
	if (strlen(src) >= ACD_NAME_MAX)
		return fail(p, "%s \"%s\" is longer than %d characters", what,
			    src, ACD_NAME_MAX - 1);
	strcpy(dst, src);
	return 0;
}

static int parse_u32(struct parser *p, const char *what, const char *s,
		     uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		return fail(p, "%s \"%s\" is not a number", what, s);
	v = strtoul(s, &end, 10);
	if (*end)
		return fail(p, "%s \"%s\" is not a number", what, s);
	if (errno || v < min || v > max)
		return fail(p, "%s %s is out of range %u..%u", what, s, min,
			    max);
	*out = v;
	return 0;
}

/* The value after settings key @tok[i]; an error if there is none. */
static const char *value_of(struct parser *p, char *tok[], int ntok, int i)
{
	if (i + 1 >= ntok) {
		fail(p, "\"%s\" needs a value", tok[i]);
		return NULL;
	}
	return tok[i + 1];
}

/* Split a comma list into @out; empty items are errors. */
static int split_list(struct parser *p, const char *what, const char *s,
		      char out[][ACD_NAME_MAX], unsigned int max,
		      unsigned int *n)
{
	const char *c = s;

	*n = 0;
	for (;;) {
		const char *e = strchr(c, ',');
		size_t len = e ? (size_t)(e - c) : strlen(c);

		if (!len)
			return fail(p, "empty item in %s list \"%s\"", what, s);
		if (*n == max)
			return fail(p, "more than %u %s", max, what);
		if (len >= ACD_NAME_MAX)
			return fail(p, "%s \"%.*s\" is longer than %d characters",
				    what, (int)len, c, ACD_NAME_MAX - 1);
		memcpy(out[*n], c, len);
		out[*n][len] = '\0';
		for (unsigned int i = 0; i < *n; i++)
			if (!strcmp(out[i], out[*n]))
				return fail(p, "%s \"%s\" listed twice", what,
					    out[*n]);
		(*n)++;
		if (!e)
			return 0;
		c = e + 1;
	}
}

static bool station_or_trunk_used(const struct acd_config *cfg,
				  const char *line)
{
	for (unsigned int a = 0; a < cfg->num_agents; a++)
		if (!strcmp(cfg->agents[a].station, line))
			return true;
	for (unsigned int q = 0; q < cfg->num_queues; q++)
		for (unsigned int t = 0; t < cfg->queues[q].num_trunks; t++)
			if (!strcmp(cfg->queues[q].trunks[t], line))
				return true;
	return false;
}

static int parse_agent(struct parser *p, struct acd_config *cfg,
		       char *tok[], int ntok)
{
	struct acd_agent_cfg *a;

	if (ntok < 2)
		return fail(p, "agent needs an ID");
	if (cfg->num_agents == ACD_MAX_AGENTS)
		return fail(p, "more than %d agents", ACD_MAX_AGENTS);
	a = &cfg->agents[cfg->num_agents];
	memset(a, 0, sizeof(*a));
	a->line = p->line;
	if (copy_name(p, a->id, "agent ID", tok[1]))
		return -1;
	if (acd_config_agent_by_id(cfg, a->id) >= 0)
		return fail(p, "agent %s is defined twice", a->id);
	for (int i = 2; i < ntok; i += 2) {
		const char *v = value_of(p, tok, ntok, i);

		if (!v)
			return -1;
		if (!strcmp(tok[i], "name")) {
			if (copy_name(p, a->name, "name", v))
				return -1;
		} else if (!strcmp(tok[i], "pin")) {
			if (copy_name(p, a->pin, "PIN", v))
				return -1;
		} else if (!strcmp(tok[i], "station")) {
			if (copy_name(p, a->station, "station", v))
				return -1;
			if (station_or_trunk_used(cfg, v))
				return fail(p, "line %s is already in use", v);
		} else {
			return fail(p, "unknown agent setting \"%s\"", tok[i]);
		}
	}
	if (!*a->station)
		return fail(p, "agent %s has no station", a->id);
	if (!*a->name)
		strcpy(a->name, a->id);
	cfg->num_agents++;
	return 0;
}

static int parse_group(struct parser *p, struct acd_config *cfg,
		       char *tok[], int ntok)
{
	unsigned int g = cfg->num_groups;
	struct acd_group_cfg *gr;

	if (ntok < 2)
		return fail(p, "group needs an ID");
	if (g == ACD_MAX_GROUPS)
		return fail(p, "more than %d groups", ACD_MAX_GROUPS);
	gr = &cfg->groups[g];
	memset(gr, 0, sizeof(*gr));
	gr->line = p->line;
	if (parse_u32(p, "group ID", tok[1], 1, UINT32_MAX, &gr->id))
		return -1;
	if (acd_config_group_by_id(cfg, gr->id) >= 0)
		return fail(p, "group %u is defined twice", gr->id);
	p->num_members[g] = 0;
	for (int i = 2; i < ntok; i += 2) {
		const char *v = value_of(p, tok, ntok, i);

		if (!v)
			return -1;
		if (!strcmp(tok[i], "name")) {
			if (copy_name(p, gr->name, "name", v))
				return -1;
		} else if (!strcmp(tok[i], "agents")) {
			if (split_list(p, "agents", v, p->members[g],
				       ACD_MAX_AGENTS, &p->num_members[g]))
				return -1;
		} else {
			return fail(p, "unknown group setting \"%s\"", tok[i]);
		}
	}
	if (!*gr->name)
		snprintf(gr->name, sizeof(gr->name), "group %u", gr->id);
	cfg->num_groups++;
	return 0;
}

static int parse_queue(struct parser *p, struct acd_config *cfg,
		       char *tok[], int ntok)
{
	unsigned int qi = cfg->num_queues;
	bool has_group = false;
	struct acd_queue_cfg *q;

	if (ntok < 2)
		return fail(p, "queue needs an ID");
	if (qi == ACD_MAX_QUEUES)
		return fail(p, "more than %d queues", ACD_MAX_QUEUES);
	q = &cfg->queues[qi];
	memset(q, 0, sizeof(*q));
	q->line = p->line;
	if (parse_u32(p, "queue ID", tok[1], 1, UINT32_MAX, &q->id))
		return -1;
	if (acd_config_queue_by_id(cfg, q->id) >= 0)
		return fail(p, "queue %u is defined twice", q->id);
	for (int i = 2; i < ntok; i += 2) {
		const char *v = value_of(p, tok, ntok, i);

		if (!v)
			return -1;
		if (!strcmp(tok[i], "name")) {
			if (copy_name(p, q->name, "name", v))
				return -1;
		} else if (!strcmp(tok[i], "group")) {
			if (parse_u32(p, "group ID", v, 1, UINT32_MAX,
				      &p->queue_group[qi]))
				return -1;
			has_group = true;
		} else if (!strcmp(tok[i], "trunks")) {
			if (split_list(p, "trunks", v, q->trunks,
				       ACD_MAX_TRUNKS, &q->num_trunks))
				return -1;
			for (unsigned int t = 0; t < q->num_trunks; t++)
				if (station_or_trunk_used(cfg, q->trunks[t]))
					return fail(p, "line %s is already in use",
						    q->trunks[t]);
		} else if (!strcmp(tok[i], "rna")) {
			if (parse_u32(p, "rna", v, 0, ACD_MAX_TIMER, &q->rna_s))
				return -1;
		} else if (!strcmp(tok[i], "wrapup")) {
			if (parse_u32(p, "wrapup", v, 0, ACD_MAX_TIMER,
				      &q->wrapup_s))
				return -1;
		} else if (!strcmp(tok[i], "announce")) {
			if (parse_u32(p, "announce", v, 0, ACD_MAX_TIMER,
				      &q->announce_s))
				return -1;
		} else {
			return fail(p, "unknown queue setting \"%s\"", tok[i]);
		}
	}
	if (!has_group)
		return fail(p, "queue %u has no group", q->id);
	if (!q->num_trunks)
		return fail(p, "queue %u has no trunks", q->id);
	if (!*q->name)
		snprintf(q->name, sizeof(q->name), "queue %u", q->id);
	cfg->num_queues++;
	return 0;
}

static int parse_activity(struct parser *p, struct acd_config *cfg,
			  char *tok[], int ntok)
{
	struct acd_activity_cfg *a;

	if (ntok < 2)
		return fail(p, "activity needs an ID");
	if (cfg->num_activities == ACD_MAX_ACTIVITIES)
		return fail(p, "more than %d activities", ACD_MAX_ACTIVITIES);
	a = &cfg->activities[cfg->num_activities];
	memset(a, 0, sizeof(*a));
	if (parse_u32(p, "activity ID", tok[1], 0, UINT32_MAX, &a->id))
		return -1;
	for (unsigned int i = 0; i < cfg->num_activities; i++)
		if (cfg->activities[i].id == a->id)
			return fail(p, "activity %u is defined twice", a->id);
	for (int i = 2; i < ntok; i += 2) {
		const char *v = value_of(p, tok, ntok, i);

		if (!v)
			return -1;
		if (strcmp(tok[i], "name"))
			return fail(p, "unknown activity setting \"%s\"",
				    tok[i]);
		if (copy_name(p, a->name, "name", v))
			return -1;
	}
	if (!*a->name)
		return fail(p, "activity %u has no name", a->id);
	cfg->num_activities++;
	return 0;
}

static int parse_line(struct parser *p, struct acd_config *cfg, char *s,
		      bool *has_period)
{
	char *tok[MAX_TOKENS];
	int ntok = 0;

	if (tokenize(p, s, tok, &ntok))
		return -1;
	if (!ntok)
		return 0;
	if (!strcmp(tok[0], "agent"))
		return parse_agent(p, cfg, tok, ntok);
	if (!strcmp(tok[0], "group"))
		return parse_group(p, cfg, tok, ntok);
	if (!strcmp(tok[0], "queue"))
		return parse_queue(p, cfg, tok, ntok);
	if (!strcmp(tok[0], "activity"))
		return parse_activity(p, cfg, tok, ntok);
	if (!strcmp(tok[0], "period")) {
		if (*has_period)
			return fail(p, "period is set twice");
		if (ntok != 2)
			return fail(p, "period needs one value, in seconds");
		*has_period = true;
		return parse_u32(p, "period", tok[1], 1, ACD_MAX_PERIOD,
				 &cfg->period_s);
	}
	return fail(p, "unknown keyword \"%s\"", tok[0]);
}

/* Group members and queue groups, now that everything is defined. */
static int resolve(struct parser *p, struct acd_config *cfg)
{
	for (unsigned int g = 0; g < cfg->num_groups; g++) {
		p->line = cfg->groups[g].line;
		for (unsigned int m = 0; m < p->num_members[g]; m++) {
			int a = acd_config_agent_by_id(cfg, p->members[g][m]);

			if (a < 0)
				return fail(p, "group %u: no agent %s",
					    cfg->groups[g].id, p->members[g][m]);
			cfg->agents[a].groups |= 1u << g;
		}
	}
	for (unsigned int q = 0; q < cfg->num_queues; q++) {
		int g = acd_config_group_by_id(cfg, p->queue_group[q]);

		p->line = cfg->queues[q].line;
		if (g < 0)
			return fail(p, "queue %u: no group %u",
				    cfg->queues[q].id, p->queue_group[q]);
		cfg->queues[q].group = g;
	}
	p->line = 0;
	if (!cfg->num_queues)
		return fail(p, "no queue is defined");
	return 0;
}

/**
 * acd_config_parse() - parse a configuration from a stream
 * @in: the text
 * @name: the file name the error messages give
 * @cfg: out: the configuration
 * @err: out: "NAME:LINE: message" when parsing fails
 *
 * Return: 0, or -1 with @err set.
 */
int acd_config_parse(FILE *in, const char *name, struct acd_config *cfg,
		     char err[ACD_ERROR_MAX])
{
	struct parser *p = calloc(1, sizeof(*p));
	char buf[LINE_MAX_LEN + 2];
	bool has_period = false;
	int ret = 0;

	if (!p) {
		snprintf(err, ACD_ERROR_MAX, "%s: out of memory", name);
		return -1;
	}
	p->name = name;
	p->err = err;
	memset(cfg, 0, sizeof(*cfg));
	cfg->period_s = ACD_DEFAULT_PERIOD;
	while (fgets(buf, sizeof(buf), in)) {
		size_t len = strlen(buf);

		p->line++;
		if (len > LINE_MAX_LEN && buf[len - 1] != '\n') {
			ret = fail(p, "line longer than %d characters",
				   LINE_MAX_LEN);
			break;
		}
		ret = parse_line(p, cfg, buf, &has_period);
		if (ret)
			break;
	}
	if (!ret && ferror(in)) {
		p->line = 0;
		ret = fail(p, "read error");
	}
	if (!ret)
		ret = resolve(p, cfg);
	free(p);
	return ret;
}

/**
 * acd_config_load() - parse a configuration file
 * @path: the file
 * @cfg: out: the configuration
 * @err: out: the message when it fails
 *
 * Return: 0, or -1 with @err set.
 */
int acd_config_load(const char *path, struct acd_config *cfg,
		    char err[ACD_ERROR_MAX])
{
	FILE *f = fopen(path, "r");
	int ret;

	if (!f) {
		snprintf(err, ACD_ERROR_MAX, "%s: %s", path, strerror(errno));
		return -1;
	}
	ret = acd_config_parse(f, path, cfg, err);
	fclose(f);
	return ret;
}

int acd_config_agent_by_id(const struct acd_config *cfg, const char *id)
{
	for (unsigned int a = 0; a < cfg->num_agents; a++)
		if (!strcmp(cfg->agents[a].id, id))
			return a;
	return -1;
}

int acd_config_group_by_id(const struct acd_config *cfg, uint32_t id)
{
	for (unsigned int g = 0; g < cfg->num_groups; g++)
		if (cfg->groups[g].id == id)
			return g;
	return -1;
}

int acd_config_queue_by_id(const struct acd_config *cfg, uint32_t id)
{
	for (unsigned int q = 0; q < cfg->num_queues; q++)
		if (cfg->queues[q].id == id)
			return q;
	return -1;
}
