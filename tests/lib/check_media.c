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

START_TEST(test_media_mode_of_tone)
{
	ck_assert_uint_eq(tapi_media_mode_of_tone(TAPI_TONE_FAX_CNG),
			  LINEMEDIAMODE_G3FAX);
	ck_assert_uint_eq(tapi_media_mode_of_tone(TAPI_TONE_ANSWER),
			  LINEMEDIAMODE_DATAMODEM);
	ck_assert_uint_eq(tapi_media_mode_of_tone(TAPI_TONE_VOICE),
			  LINEMEDIAMODE_INTERACTIVEVOICE);
	ck_assert_uint_eq(tapi_media_mode_of_tone(TAPI_TONE_SILENCE), 0);
	ck_assert_uint_eq(tapi_media_mode_of_tone(TAPI_TONE_BUSY), 0);
}
END_TEST

static DWORD monitored_modes(HCALL c)
{
	union { LINECALLINFO ci; char buf[2048]; } u = {
		.ci.dwTotalSize = sizeof(u) };

	ck_assert_int_eq(lineGetCallInfo(c, &u.ci), 0);
	return u.ci.dwMonitorMediaModes;
}

static DWORD call_media_mode(HCALL c)
{
	union { LINECALLINFO ci; char buf[2048]; } u = {
		.ci.dwTotalSize = sizeof(u) };

	ck_assert_int_eq(lineGetCallInfo(c, &u.ci), 0);
	return u.ci.dwMediaMode;
}

START_TEST(test_monitor_media)
{
	HLINEAPP a;
	HLINE l;
	HCALL c;
	LINEMESSAGE m;

	fake_backend_install(1, NULL);
	a = fake_init_app("media", NULL);
	l = open_owner(a, 0);
	c = connected_call(a, l, 0);

	ck_assert_int_eq(lineMonitorMedia(c, LINEMEDIAMODE_G3FAX |
					  LINEMEDIAMODE_TDD),
			 LINEERR_INVALMEDIAMODE);
	ck_assert_int_eq(lineMonitorMedia(c, LINEMEDIAMODE_UNKNOWN),
			 LINEERR_INVALMEDIAMODE);
	ck_assert_int_eq(lineMonitorMedia(c + 1000, LINEMEDIAMODE_G3FAX),
			 LINEERR_INVALCALLHANDLE);
	ck_assert_uint_eq(monitored_modes(c), 0);
	/* not monitoring: nothing */
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_FAX_CNG, 0);
	ck_assert(fake_no_msg(a, LINE_MONITORMEDIA, 150));

	ck_assert_int_eq(lineMonitorMedia(c, LINEMEDIAMODE_G3FAX |
					  LINEMEDIAMODE_DATAMODEM), 0);
	ck_assert_uint_eq(monitored_modes(c), LINEMEDIAMODE_G3FAX |
					      LINEMEDIAMODE_DATAMODEM);
	/* voice is not monitored, silence names no mode */
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_VOICE, 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_SILENCE, 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_FAX_CNG, 0);
	ck_assert(fake_wait_msg(a, LINE_MONITORMEDIA, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEMEDIAMODE_G3FAX);
	/* CNG again and again is no change; the answer tone is */
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_FAX_CNG, 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_ANSWER, 0);
	ck_assert(fake_wait_msg(a, LINE_MONITORMEDIA, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEMEDIAMODE_DATAMODEM);
	ck_assert(fake_no_msg(a, LINE_MONITORMEDIA, 150));

	ck_assert_int_eq(lineMonitorMedia(c, LINEMEDIAMODE_INTERACTIVEVOICE),
			 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_ANSWER, 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_VOICE, 0);
	ck_assert(fake_wait_msg(a, LINE_MONITORMEDIA, c, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1, LINEMEDIAMODE_INTERACTIVEVOICE);
	ck_assert(fake_no_msg(a, LINE_MONITORMEDIA, 150));

	/* 0 stops */
	ck_assert_int_eq(lineMonitorMedia(c, 0), 0);
	ck_assert_uint_eq(monitored_modes(c), 0);
	fake_event(0, TAPI_EV_TONE, TAPI_TONE_FAX_CNG, 0);
	ck_assert(fake_no_msg(a, LINE_MONITORMEDIA, 150));

	/* the call over: nothing to monitor, stopping is still fine */
	fake_call_state(0, TAPI_CALL_IDLE, TAPI_CAUSE_NORMAL, 0);
	do
		ck_assert(fake_wait_msg(a, LINE_CALLSTATE, c, &m, WAIT_MS));
	while (m.dwParam1 != LINECALLSTATE_IDLE);
	ck_assert_int_eq(lineMonitorMedia(c, LINEMEDIAMODE_G3FAX),
			 LINEERR_INVALCALLSTATE);
	ck_assert_int_eq(lineMonitorMedia(c, 0), 0);
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

START_TEST(test_set_media_mode)
{
	HLINEAPP a, b;
	HLINE la, lb = 0;
	HCALL c, cm;
	LINEMESSAGE m;
	DWORD offered;

	fake_backend_install(1, NULL);
	a = fake_init_app("owner", NULL);
	b = fake_init_app("monitor", NULL);
	la = open_owner(a, 0);
	ck_assert_int_eq(lineOpen(b, 0, &lb, 0x00020002, 0, 0,
				  LINECALLPRIVILEGE_MONITOR, 0, NULL), 0);
	c = connected_call(a, la, 0);
	ck_assert(fake_wait_msg(b, LINE_APPNEWCALL, lb, &m, WAIT_MS));
	cm = m.dwParam2;
	/* an incoming call is of unknown media: any the line offers */
	offered = call_media_mode(c);
	ck_assert_uint_eq(offered & LINEMEDIAMODE_UNKNOWN,
			  LINEMEDIAMODE_UNKNOWN);

	ck_assert_int_eq(lineSetMediaMode(cm, LINEMEDIAMODE_AUTOMATEDVOICE),
			 LINEERR_NOTOWNER);
	ck_assert_int_eq(lineSetMediaMode(c, 0), LINEERR_INVALMEDIAMODE);
	ck_assert_int_eq(lineSetMediaMode(c, LINEMEDIAMODE_G3FAX),
			 LINEERR_INVALMEDIAMODE);
	/* two modes need UNKNOWN with them */
	ck_assert_int_eq(lineSetMediaMode(c, LINEMEDIAMODE_INTERACTIVEVOICE |
					  LINEMEDIAMODE_AUTOMATEDVOICE),
			 LINEERR_INVALMEDIAMODE);
	ck_assert_int_eq(lineSetMediaMode(0, LINEMEDIAMODE_AUTOMATEDVOICE),
			 LINEERR_INVALCALLHANDLE);
	ck_assert_uint_eq(call_media_mode(c), offered);

	ck_assert_int_eq(lineSetMediaMode(c, LINEMEDIAMODE_AUTOMATEDVOICE), 0);
	ck_assert_uint_eq(call_media_mode(cm), LINEMEDIAMODE_AUTOMATEDVOICE);
	ck_assert(fake_wait_msg(b, LINE_CALLINFO, cm, &m, WAIT_MS));
	ck_assert_uint_eq(m.dwParam1 & LINECALLINFOSTATE_MEDIAMODE,
			  LINECALLINFOSTATE_MEDIAMODE);
	ck_assert_int_eq(lineSetMediaMode(c, LINEMEDIAMODE_UNKNOWN |
					  LINEMEDIAMODE_INTERACTIVEVOICE), 0);
	ck_assert_uint_eq(call_media_mode(c), LINEMEDIAMODE_UNKNOWN |
			  LINEMEDIAMODE_INTERACTIVEVOICE);
	ck_assert_int_eq(lineShutdown(b), 0);
	ck_assert_int_eq(lineShutdown(a), 0);
}
END_TEST

Suite *media_suite(void)
{
	Suite *s = suite_create("media");

	ADD_TEST(s, test_pcm_name_lookup);
	ADD_TEST(s, test_get_id_wave);
	ADD_TEST(s, test_media_mode_of_tone);
	ADD_TEST(s, test_monitor_media);
	ADD_TEST(s, test_set_media_mode);
	return s;
}
