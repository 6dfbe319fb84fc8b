// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Volume and gain through the ALSA mixer of a phone's own sound card: a
 * USB handset's snd-usb-audio card (found by the backend's sound_card,
 * device_sound.c).  The volume is the first playback volume control of
 * "Speaker", "PCM", "Headphone", "Master" (then any); the gain the first
 * capture volume of "Mic", "Capture" (then any).  TAPI's 0..0xFFFF maps
 * linearly onto the control's raw range, all channels alike.  FXS ports
 * have no mixer: tapi_pcm's PCMs carry the line at a fixed level.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <alsa/asoundlib.h>

#include "engine.h"

static const char *const playback_names[] = {
	"Speaker", "PCM", "Headphone", "Master", NULL
};
static const char *const capture_names[] = { "Mic", "Capture", NULL };

static bool elem_fits(snd_mixer_elem_t *e, enum tapi_mixer_dir dir)
{
	return dir == TAPI_MIXER_VOLUME ? snd_mixer_selem_has_playback_volume(e) :
					  snd_mixer_selem_has_capture_volume(e);
}

static snd_mixer_elem_t *find_elem(snd_mixer_t *m, enum tapi_mixer_dir dir)
{
	const char *const *names = dir == TAPI_MIXER_VOLUME ? playback_names :
							      capture_names;
	snd_mixer_elem_t *e, *any = NULL;

	for (size_t i = 0; names[i]; i++)
		for (e = snd_mixer_first_elem(m); e; e = snd_mixer_elem_next(e))
			if (elem_fits(e, dir) &&
			    !strcmp(snd_mixer_selem_get_name(e), names[i]))
				return e;
	for (e = snd_mixer_first_elem(m); e && !any; e = snd_mixer_elem_next(e))
		if (elem_fits(e, dir))
			any = e;
	return any;
}

/* The mixer of the channel's card, loaded; -ENOENT when it has none. */
static int open_mixer(const struct tapi_dev_info *info, snd_mixer_t **out)
{
	const struct tapi_backend *b = tapi_backend_get();
	char id[TAPI_NAME_LEN], name[32];
	snd_mixer_t *m;
	int number, err;

	if (!b->sound_card)
		return -ENOENT;
	err = b->sound_card(info, id, sizeof(id), &number);
	if (err)
		return err;
	snprintf(name, sizeof(name), "hw:%d", number);
	err = snd_mixer_open(&m, 0);
	if (err)
		return err;
	err = snd_mixer_attach(m, name);
	if (!err)
		err = snd_mixer_selem_register(m, NULL, NULL);
	if (!err)
		err = snd_mixer_load(m);
	if (err) {
		snd_mixer_close(m);
		return err;
	}
	*out = m;
	return 0;
}

/**
 * tapi_mixer_present() - does the phone's card have the control
 * @info: the channel
 * @dir: volume or gain
 *
 * Return: true when tapi_mixer_get/set can work.
 */
bool tapi_mixer_present(const struct tapi_dev_info *info,
			enum tapi_mixer_dir dir)
{
	snd_mixer_t *m;
	bool found;

	if (open_mixer(info, &m))
		return false;
	found = find_elem(m, dir);
	snd_mixer_close(m);
	return found;
}

/**
 * tapi_mixer_get() - the level of the volume or gain control
 * @info: the channel
 * @dir: volume or gain
 * @level: out: 0..0xFFFF
 *
 * Return: 0, -ENOENT (no such control) or another negative errno.
 */
int tapi_mixer_get(const struct tapi_dev_info *info, enum tapi_mixer_dir dir,
		   DWORD *level)
{
	snd_mixer_elem_t *e;
	snd_mixer_t *m;
	long min, max, v;
	int err = open_mixer(info, &m);

	if (err)
		return err;
	e = find_elem(m, dir);
	if (!e) {
		err = -ENOENT;
	} else if (dir == TAPI_MIXER_VOLUME) {
		err = snd_mixer_selem_get_playback_volume_range(e, &min, &max);
		if (!err)
			err = snd_mixer_selem_get_playback_volume(e, 0, &v);
	} else {
		err = snd_mixer_selem_get_capture_volume_range(e, &min, &max);
		if (!err)
			err = snd_mixer_selem_get_capture_volume(e, 0, &v);
	}
	if (!err)
		*level = max > min ? (DWORD)((v - min) * 0xFFFFLL / (max - min)) :
				     0;
	snd_mixer_close(m);
	return err;
}

/**
 * tapi_mixer_set() - set the volume or gain control, all channels
 * @info: the channel
 * @dir: volume or gain
 * @level: 0..0xFFFF
 *
 * Return: 0, -ENOENT (no such control) or another negative errno.
 */
int tapi_mixer_set(const struct tapi_dev_info *info, enum tapi_mixer_dir dir,
		   DWORD level)
{
	snd_mixer_elem_t *e;
	snd_mixer_t *m;
	long min, max, v;
	int err = open_mixer(info, &m);

	if (err)
		return err;
	e = find_elem(m, dir);
	if (!e) {
		err = -ENOENT;
	} else if (dir == TAPI_MIXER_VOLUME) {
		err = snd_mixer_selem_get_playback_volume_range(e, &min, &max);
		v = min + (long)(((long long)(max - min) * level + 0x7FFF) /
				 0xFFFF);
		if (!err)
			err = snd_mixer_selem_set_playback_volume_all(e, v);
	} else {
		err = snd_mixer_selem_get_capture_volume_range(e, &min, &max);
		v = min + (long)(((long long)(max - min) * level + 0x7FFF) /
				 0xFFFF);
		if (!err)
			err = snd_mixer_selem_set_capture_volume_all(e, v);
	}
	snd_mixer_close(m);
	return err;
}
