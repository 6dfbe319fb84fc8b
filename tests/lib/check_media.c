// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The media API over fake channels: lineGetID's "wave/in" / "wave/out"
 * (the channel's ALSA PCM, found in a sound class directory the test
 * builds the way tapi_pcm's cards appear in /sys/class/sound),
 * lineSetMediaMode, and lineMonitorMedia fed by the kernel detector's
 * TAPI_EV_TONE events.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake_chan.h"
#include "../../lib/engine.h"

#define WAIT_MS 3000

static char sound_root[64];

static void put_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", sound_root, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void put_dir(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", sound_root, rel);
	ck_assert_int_eq(mkdir(path, 0755), 0);
}

/*
 * ALSA card 0 is someone else's ("PCH"); card 3 is tapi card "fake0" with
 * PCM devices 0 and 1, device 1 playback and capture, device 0 playback
 * only (a card without a capture stream is no "wave/in").
 */
static void make_sound_class(void)
{
	strcpy(sound_root, "/tmp/tapi-check-sound-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(sound_root));
	put_dir("card0");
	put_file("card0/id", "PCH\n");
	put_dir("pcmC0D1p");
	put_dir("pcmC0D1c");
	put_dir("card3");
	put_file("card3/id", "fake0\n");
	put_dir("pcmC3D0p");
	put_dir("pcmC3D1p");
	put_dir("pcmC3D1c");
	put_dir("controlC3");
	fake_sound_root = sound_root;
}

static void remove_sound_class(void)
{
	char cmd[128];

	fake_sound_root = NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sound_root);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_pcm_name_lookup)
{
	char buf[TAPI_PCM_NAME_MAX];

	make_sound_class();
	ck_assert_int_eq(tapi_pcm_name_in(sound_root, "fake0", 1, buf,
					  sizeof(buf)), 0);
	ck_assert_str_eq(buf, "plughw:CARD=fake0,DEV=1");
	/* no capture stream, no device, no card, names that only start alike */
	ck_assert_int_eq(tapi_pcm_name_in(sound_root, "fake0", 0, buf,
					  sizeof(buf)), -ENOENT);
	ck_assert_int_eq(tapi_pcm_name_in(sound_root, "fake0", 2, buf,
					  sizeof(buf)), -ENOENT);
	ck_assert_int_eq(tapi_pcm_name_in(sound_root, "sim0", 1, buf,
					  sizeof(buf)), -ENOENT);
	ck_assert_int_eq(tapi_pcm_name_in(sound_root, "fake", 1, buf,
					  sizeof(buf)), -ENOENT);
	ck_assert_int_eq(tapi_pcm_name_in(sound_root, "", 1, buf,
					  sizeof(buf)), -EINVAL);
	ck_assert_int_eq(tapi_pcm_name_in(sound_root, "fake0", 1, buf, 10),
			 -ENAMETOOLONG);
	ck_assert_int_eq(tapi_pcm_name_in("/nonexistent-sound", "fake0", 1,
					  buf, sizeof(buf)), -ENOENT);
	remove_sound_class();
}
END_TEST

static HLINE open_owner(HLINEAPP app, DWORD id)
{
	HLINE h = 0;

	ck_assert_int_eq(lineOpen(app, id, &h, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_OWNER,
				  LINEMEDIAMODE_INTERACTIVEVOICE, NULL), 0);
	ck_assert(fake_wait_open(id, WAIT_MS));
	return h;
}

/* An incoming call on channel @ch, answered by the kernel: connected. */
static HCALL connected_call(HLINEAPP app, HLINE line, unsigned int ch)
{
	LINEMESSAGE m;
	HCALL call;

	fake_call_state(ch, TAPI_CALL_OFFERING, 0, TAPI_CALL_INCOMING);
	ck_assert(fake_wait_msg(app, LINE_APPNEWCALL, line, &m, WAIT_MS));
	call = m.dwParam2;
	fake_call_state(ch, TAPI_CALL_CONNECTED, 0, 0);
	do
		ck_assert(fake_wait_msg(app, LINE_CALLSTATE, call, &m,
					WAIT_MS));
	while (m.dwParam1 != LINECALLSTATE_CONNECTED);
	return call;
}

static const char *wave_name(LONG err, const VARSTRING *v)
{
	ck_assert_int_eq(err, 0);
	ck_assert_uint_eq(v->dwStringFormat, STRINGFORMAT_ASCII);
	ck_assert_uint_gt(v->dwStringSize, 1);
	ck_assert_int_eq(((const char *)v)[v->dwStringOffset +
					   v->dwStringSize - 1], '\0');
	return (const char *)v + v->dwStringOffset;
}

START_TEST(test_get_id_wave)
{
	union { VARSTRING v; char buf[128]; } u = { .v.dwTotalSize = sizeof(u) };
	VARSTRING small = { .dwTotalSize = sizeof(small) };
	HLINEAPP a;
	HLINE l0, l1;
	HCALL c;

	fake_backend_install(2, NULL);
	a = fake_init_app("wave", NULL);
	l0 = open_owner(a, 0);
	l1 = open_owner(a, 1);
	/* no sound card yet: tapi_pcm is not loaded */
	ck_assert_int_eq(lineGetID(l1, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "wave/out"), LINEERR_INVALDEVICECLASS);

	make_sound_class();
	ck_assert_str_eq(wave_name(lineGetID(l1, 0, 0, LINECALLSELECT_LINE,
					     &u.v, "wave/in"), &u.v),
			 "plughw:CARD=fake0,DEV=1");
	ck_assert_str_eq(wave_name(lineGetID(l1, 0, 0, LINECALLSELECT_ADDRESS,
					     &u.v, "WAVE/OUT"), &u.v),
			 "plughw:CARD=fake0,DEV=1");
	/* channel 0's device has no capture side */
	ck_assert_int_eq(lineGetID(l0, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "wave/in"), LINEERR_INVALDEVICECLASS);
	ck_assert_int_eq(lineGetID(l1, 0, 0, LINECALLSELECT_LINE, &u.v,
				   "wave"), LINEERR_INVALDEVICECLASS);
	/* too small for the name: the size it needs */
	ck_assert_int_eq(lineGetID(l1, 0, 0, LINECALLSELECT_LINE, &small,
				   "wave/in"), 0);
	ck_assert_uint_gt(small.dwNeededSize, sizeof(small));
	ck_assert_uint_eq(small.dwUsedSize, sizeof(small));

	c = connected_call(a, l1, 1);
	ck_assert_str_eq(wave_name(lineGetID(0, 0, c, LINECALLSELECT_CALL,
					     &u.v, "wave/out"), &u.v),
			 "plughw:CARD=fake0,DEV=1");
	remove_sound_class();
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

Suite *media_suite(void)
{
	Suite *s = suite_create("media");

	ADD_TEST(s, test_pcm_name_lookup);
	ADD_TEST(s, test_get_id_wave);
	return s;
}
