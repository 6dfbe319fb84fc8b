// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the configuration of a channel's line - its tone zone, its
 * directory number and its companding law - as the administrator sets it
 * with TAPI_CMD_CHANNEL_SET.
 *
 * Every channel starts in the zone of the tone_zone module parameter.
 * The directory number is the driver's (tapi_channel_set_number(), card.c)
 * when the driver knows it, as a simulated CO line does; otherwise the
 * administrator may set it.  The law is the one of the zone's network
 * (mu-law in North America and Japan, A-law elsewhere) until the
 * administrator sets one.
 */
#include <linux/moduleparam.h>
#include <linux/string.h>
#include "core.h"

static char *tone_zone = TAPI_LINE_DEFAULT_ZONE;
module_param(tone_zone, charp, 0444);
MODULE_PARM_DESC(tone_zone,
		 "Tone zone of new channels, ISO 3166 code in lower case: us, uk, de, fr, ... (default us)");

/* The zone of tone_zone, set at module init. */
const struct tapi_tone_zone *tapi_default_zone;

/**
 * tapi_config_module_init() - check the tone_zone module parameter
 *
 * Return: 0, or -EINVAL if no zone has that code.
 */
int tapi_config_module_init(void)
{
	tapi_default_zone = tapi_tone_zone_find(tone_zone);
	if (!tapi_default_zone) {
		pr_err("tapi_core: unknown tone_zone \"%s\"\n", tone_zone);
		return -EINVAL;
	}
	return 0;
}

static u32 tapi_zone_law(const struct tapi_tone_zone *zone)
{
	const char *code = tapi_tone_zone_code(zone);

	if (!strcmp(code, "us") || !strcmp(code, "jp"))
		return TAPI_FMT_ULAW;
	return TAPI_FMT_ALAW;
}

/**
 * tapi_config_init() - the configuration of a new channel
 * @ch: the channel, not yet visible to anyone; its zone is set
 */
void tapi_config_init(struct tapi_channel *ch)
{
	ch->line.number_by_admin = false;
	ch->line.law_fixed = false;
	ch->line.law = tapi_zone_law(ch->line.zone);
}

/**
 * tapi_number_valid() - whether a string may be a directory number
 * @number: the string
 *
 * The rule of tapi_channel_set_number(): printable ASCII without spaces,
 * at most TAPI_NUMBER_MAX characters; "" means none.
 *
 * Return: true if it may.
 */
bool tapi_number_valid(const char *number)
{
	size_t len = strnlen(number, TAPI_NUMBER_MAX + 1);
	size_t i;

	if (len > TAPI_NUMBER_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (number[i] <= ' ' || number[i] > '~')
			return false;
	return true;
}

/**
 * tapi_config_set() - TAPI_CMD_CHANNEL_SET: apply an administrator's change
 * @ch: the channel
 * @zone: the new tone zone, or NULL to keep it
 * @number: the new directory number ("" for none), already validated, or
 *	NULL to keep it
 * @law: the new enum tapi_media_format law (ULAW or ALAW), or NULL
 *
 * All or nothing: either every given setting is applied or none.  A
 * change goes out as TAPI_CMD_CHANNEL_NEW.
 *
 * Return: 0; -EBUSY if @number is given but the driver set the number;
 * -ENODEV.
 */
int tapi_config_set(struct tapi_channel *ch,
		    const struct tapi_tone_zone *zone, const char *number,
		    const u32 *law)
{
	struct tapi_line *line = &ch->line;
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
		goto out;
	}
	if (number && ch->dir_number[0] && !line->number_by_admin) {
		ret = -EBUSY;
		goto out;
	}
	if (zone) {
		tapi_tone_set_zone(ch, zone);
		tapi_cid_update(ch);
		if (!line->law_fixed)
			line->law = tapi_zone_law(zone);
	}
	if (number) {
		strscpy(ch->dir_number, number, sizeof(ch->dir_number));
		line->number_by_admin = number[0] != '\0';
	}
	if (law) {
		line->law = *law;
		line->law_fixed = true;
	}
	if (line->announced)
		tapi_genl_channel(ch, TAPI_CMD_CHANNEL_NEW);
out:
	spin_unlock_irqrestore(&ch->lock, flags);
	return ret;
}

/**
 * tapi_config_driver_number() - the driver just set the directory number
 * @ch: the channel; tapi_channel.dir_number holds the new number
 *
 * From now on the number is the driver's; listeners hear of the change
 * through TAPI_CMD_CHANNEL_NEW.
 *
 * Context: any; @ch->lock held.
 */
void tapi_config_driver_number(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	ch->line.number_by_admin = false;
	if (ch->line.announced)
		tapi_genl_channel(ch, TAPI_CMD_CHANNEL_NEW);
}
