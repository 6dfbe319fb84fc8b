// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The ALSA PCM of a channel, for lineGetID's "wave/in" and "wave/out".
 *
 * tapi_pcm makes every tapi card an ALSA card whose id is the tapi card's
 * name ("sim0") and gives every channel with media the PCM device whose
 * number is the channel's index on its card.  sysfs shows both: the ALSA
 * card N is /sys/class/sound/cardN with its id in the "id" attribute, and
 * its PCM device D is pcmCNDDp (playback) and pcmCNDDc (capture) next to
 * it.  The name handed out is "plughw:CARD=<id>,DEV=<index>": alsa-lib's
 * plug layer converts rates and formats, so an application at 44.1 kHz
 * stereo works as well as one at the channel's 8 kHz mono.
 *
 * Without tapi_pcm there is no such card, and the channel has no PCM.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "private.h"
#include "device.h"

#define SOUND_CLASS	"/sys/class/sound"

/* The first line of @path into @buf, without its newline. */
static int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	size_t len;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)size, f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	len = strcspn(buf, "\n");
	buf[len] = '\0';
	return 0;
}

/* Does @card (the N of cardN) have PCM device @dev for @stream ('p'/'c')? */
static bool has_pcm(const char *root, unsigned int card, unsigned int dev,
		    char stream)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/pcmC%uD%u%c", root, card, dev,
		 stream);
	return access(path, F_OK) == 0;
}

/**
 * tapi_pcm_name_in() - the ALSA PCM name of a channel, from a sound class
 * @root: the directory of ALSA's sound class (/sys/class/sound); tests
 *	pass a tree of their own
 * @card_name: the tapi card's name, the ALSA card's id
 * @index: the channel's index on its card, the PCM device number
 * @buf: out: "plughw:CARD=<id>,DEV=<index>"
 * @size: room in @buf
 *
 * The card must have both directions of the device.
 *
 * Return: 0; -ENOENT when no ALSA card has that id or it lacks the PCM
 * device, -EINVAL for an empty @card_name, -ENAMETOOLONG when @buf is
 * too small, or the errno of opening @root.
 */
int tapi_pcm_name_in(const char *root, const char *card_name,
		     unsigned int index, char *buf, size_t size)
{
	struct dirent *de;
	int err = -ENOENT;
	DIR *dir;

	if (!card_name || !*card_name)
		return -EINVAL;
	dir = opendir(root);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		char path[512], id[64];
		unsigned int card;
		char extra;
		int n;

		if (sscanf(de->d_name, "card%u%c", &card, &extra) != 1)
			continue;
		snprintf(path, sizeof(path), "%s/%s/id", root, de->d_name);
		if (read_line(path, id, sizeof(id)) || strcmp(id, card_name))
			continue;
		if (!has_pcm(root, card, index, 'p') ||
		    !has_pcm(root, card, index, 'c'))
			break;
		n = snprintf(buf, size, "plughw:CARD=%s,DEV=%u", id, index);
		err = n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
		break;
	}
	closedir(dir);
	return err;
}

/**
 * tapi_pcm_name() - the ALSA PCM name of a channel
 * @info: the channel
 * @buf: out: "plughw:CARD=<id>,DEV=<index>"
 * @size: room in @buf
 *
 * Return: 0; -ENOENT when the channel has no PCM (no media, or tapi_pcm
 * not loaded), or another errno of tapi_pcm_name_in().
 */
int tapi_pcm_name(const struct tapi_dev_info *info, char *buf, size_t size)
{
	if (!(info->caps & TAPI_CAP_MEDIA))
		return -ENOENT;
	return tapi_pcm_name_in(SOUND_CLASS, info->card_name, info->index, buf,
				size);
}
