// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The ALSA PCM that carries a channel's audio, as lineGetID and
 * phoneGetID name it for "wave/in" and "wave/out".
 *
 * A USB handset's audio is its own USB sound card (snd-usb-audio, at the
 * handset's 44.1/48 kHz): its first PCM through the plug layer, which
 * resamples to and from the 8 kHz telephony applications use.  Every
 * other channel carries media through tapi_pcm, whose PCM the backend
 * names.  Both lookups go through the backend, so the unit tests' fake
 * answers them too.
 */
#include <errno.h>
#include <stdio.h>

#include "device.h"

/**
 * tapi_media_pcm_name() - the ALSA PCM name of a channel's audio
 * @info: the channel
 * @buf: out: the name, NUL-terminated
 * @size: size of @buf (TAPI_PCM_NAME_MAX is enough)
 *
 * Return: 0; -ENOENT when the channel has no PCM (a handset without a
 * sound card, a channel without media, tapi_pcm not loaded); -ENOMEM.
 */
int tapi_media_pcm_name(const struct tapi_dev_info *info, char *buf,
			size_t size)
{
	const struct tapi_backend *be = tapi_backend_get();
	char id[TAPI_NAME_LEN];
	int number, e = -ENOENT;

	if (be->sound_card)
		e = be->sound_card(info, id, sizeof(id), &number);
	if (!e) {
		snprintf(buf, size, "plughw:CARD=%s,DEV=0", id);
		return 0;
	}
	if (e == -ENOMEM)
		return e;
	if (info->signalling == TAPI_SIG_HANDSET || !be->pcm_name)
		return -ENOENT;
	e = be->pcm_name(info, buf, size);
	return e == -ENOMEM ? e : e ? -ENOENT : 0;
}
