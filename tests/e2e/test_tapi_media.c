// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The media of a call through libtapi on the simulated card, with
 * tapi_pcm loaded: lineGetID's "wave/in" and "wave/out" name the
 * channel's ALSA PCM, and alsa-lib opens that name both ways; a fax
 * calling tone (1100 Hz, 0.5 s on, 3 s off) played by the answering end
 * of a call is reported at the calling end by lineMonitorMedia as G3FAX,
 * and lineSetMediaMode then changes the call's media mode.
 */
#include <alsa/asoundlib.h>

#include "e2e_util.h"
#include "kselftest_harness.h"

#define CNG_HZ		1100
#define CNG_ON_MS	500
#define CNG_OFF_MS	3000
#define CNG_VOLUME	16462	/* -12 dBm0 of 0xFFFF = 0 dBm0 */

FIXTURE(media) {
	struct e2e_card card;
	struct e2e_app a, b;
	long fxo[2];			/* line device IDs */
	char number[2][TAPI_DIGITS_LEN];
	HLINE la, lb;
	HCALL ca, cb;
};

FIXTURE_SETUP(media)
{
	char dest[TAPI_DIGITS_LEN + 1];
	LINEMESSAGE m;
	LONG r;

	ASSERT_EQ(0, e2e_card_add(&self->card, 0, 2));
	ASSERT_EQ(0, e2e_app_init(&self->a, "fax"));
	ASSERT_EQ(0, e2e_app_init(&self->b, "answerer"));
	for (int i = 0; i < 2; i++) {
		self->fxo[i] = e2e_device_of(&self->a, e2e_fxo(&self->card, i));
		ASSERT_GE(self->fxo[i], 0);
		ASSERT_TRUE(e2e_address_of(&self->a, self->fxo[i],
					   self->number[i],
					   sizeof(self->number[i])));
	}
	ASSERT_EQ(0, e2e_open(&self->a, self->fxo[0], LINECALLPRIVILEGE_OWNER,
			      &self->la));
	ASSERT_EQ(0, e2e_open(&self->b, self->fxo[1], LINECALLPRIVILEGE_OWNER,
			      &self->lb));
	/* A calls B, B answers */
	snprintf(dest, sizeof(dest), "W%s", self->number[1]);
	ASSERT_TRUE(e2e_wait_reply(&self->a, lineMakeCall(self->la, &self->ca,
							   dest, 0, NULL),
				   &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_msg(&self->b, LINE_APPNEWCALL, self->lb, &m,
				 E2E_TIMEOUT_MS));
	self->cb = m.dwParam2;
	ASSERT_TRUE(e2e_wait_state(&self->b, self->cb, LINECALLSTATE_OFFERING,
				   NULL));
	ASSERT_TRUE(e2e_wait_reply(&self->b, lineAnswer(self->cb, NULL, 0),
				   &r));
	ASSERT_EQ(0, r);
	ASSERT_TRUE(e2e_wait_state(&self->b, self->cb,
				   LINECALLSTATE_CONNECTED, NULL));
	ASSERT_TRUE(e2e_wait_state(&self->a, self->ca,
				   LINECALLSTATE_CONNECTED, NULL));
}

FIXTURE_TEARDOWN(media)
{
	lineShutdown(self->a.h);
	lineShutdown(self->b.h);
	e2e_card_release(&self->card);
}

/* lineGetID of a wave class into @name; the LONG result. */
static LONG wave_id(HLINE line, HCALL call, DWORD select, const char *class,
		    char *name, size_t size)
{
	union { VARSTRING v; char buf[256]; } u;
	LONG r;

	memset(&u, 0, sizeof(u));
	u.v.dwTotalSize = sizeof(u);
	r = lineGetID(line, 0, call, select, &u.v, class);
	if (r)
		return r;
	if (u.v.dwStringFormat != STRINGFORMAT_ASCII || !u.v.dwStringSize ||
	    u.v.dwStringOffset + u.v.dwStringSize > u.v.dwUsedSize)
		return -1;
	snprintf(name, size, "%.*s", (int)u.v.dwStringSize,
		 u.buf + u.v.dwStringOffset);
	return 0;
}

TEST_F_TIMEOUT(media, wave_ids_name_the_channels_alsa_pcm, 240)
{
	char want[96], name[96];
	snd_pcm_t *pcm;

	for (int i = 0; i < 2; i++) {
		HLINE l = i ? self->lb : self->la;
		HCALL c = i ? self->cb : self->ca;

		/* the simulator's ports are its channels in order */
		snprintf(want, sizeof(want), "plughw:CARD=%s,DEV=%u",
			 self->card.card.name, self->card.nfxs + i);
		ASSERT_EQ(0, wave_id(l, 0, LINECALLSELECT_LINE, "wave/in",
				     name, sizeof(name)));
		ASSERT_STREQ(want, name);
		ASSERT_EQ(0, wave_id(l, 0, LINECALLSELECT_ADDRESS, "wave/out",
				     name, sizeof(name)));
		ASSERT_STREQ(want, name);
		ASSERT_EQ(0, wave_id(0, c, LINECALLSELECT_CALL, "wave/out",
				     name, sizeof(name)));
		ASSERT_STREQ(want, name);
		/* a name alsa-lib opens, both ways */
		ASSERT_EQ(0, snd_pcm_open(&pcm, name, SND_PCM_STREAM_PLAYBACK,
					  SND_PCM_NONBLOCK));
		ASSERT_EQ(0, snd_pcm_close(pcm));
		ASSERT_EQ(0, snd_pcm_open(&pcm, name, SND_PCM_STREAM_CAPTURE,
					  SND_PCM_NONBLOCK));
		ASSERT_EQ(0, snd_pcm_close(pcm));
	}
	ASSERT_EQ(LINEERR_INVALDEVICECLASS,
		  wave_id(self->la, 0, LINECALLSELECT_LINE, "wave/midi", name,
			  sizeof(name)));
}

TEST_F_TIMEOUT(media, fax_calling_tone_reported_as_g3fax, 240)
{
	LINEGENERATETONE cng = {
		.dwFrequency = CNG_HZ, .dwCadenceOn = CNG_ON_MS,
		.dwCadenceOff = CNG_OFF_MS, .dwVolume = CNG_VOLUME,
	};
	union { LINECALLINFO ci; char buf[4096]; } u;
	LINEMESSAGE m;

	ASSERT_EQ(LINEERR_INVALMEDIAMODE,
		  lineMonitorMedia(self->ca, LINEMEDIAMODE_TDD));
	ASSERT_EQ(0, lineMonitorMedia(self->ca, LINEMEDIAMODE_G3FAX |
				      LINEMEDIAMODE_DATAMODEM));
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, lineGetCallInfo(self->ca, &u.ci));
	ASSERT_EQ(LINEMEDIAMODE_G3FAX | LINEMEDIAMODE_DATAMODEM,
		  u.ci.dwMonitorMediaModes);
	/* the far end (B) plays CNG into the call: TAPI_IOC_TONE_START */
	ASSERT_EQ(0, lineGenerateTone(self->cb, LINETONEMODE_CUSTOM, 0, 1,
				      &cng));
	ASSERT_TRUE(e2e_wait_msg(&self->a, LINE_MONITORMEDIA, self->ca, &m,
				 E2E_TIMEOUT_MS));
	ASSERT_EQ(LINEMEDIAMODE_G3FAX, m.dwParam1);
	ASSERT_EQ(0, lineGenerateTone(self->cb, 0, 0, 0, NULL));

	/*
	 * The application says what the call carries, among the modes the
	 * line offers (not G3FAX), one at a time.
	 */
	ASSERT_EQ(LINEERR_INVALMEDIAMODE,
		  lineSetMediaMode(self->ca, LINEMEDIAMODE_G3FAX));
	ASSERT_EQ(LINEERR_INVALMEDIAMODE,
		  lineSetMediaMode(self->ca, LINEMEDIAMODE_INTERACTIVEVOICE |
				   LINEMEDIAMODE_AUTOMATEDVOICE));
	ASSERT_EQ(0, lineSetMediaMode(self->ca, LINEMEDIAMODE_AUTOMATEDVOICE));
	memset(&u, 0, sizeof(u));
	u.ci.dwTotalSize = sizeof(u);
	ASSERT_EQ(0, lineGetCallInfo(self->ca, &u.ci));
	ASSERT_EQ(LINEMEDIAMODE_AUTOMATEDVOICE, u.ci.dwMediaMode);
}

TEST_HARNESS_MAIN
