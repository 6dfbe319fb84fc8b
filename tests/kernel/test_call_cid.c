// SPDX-License-Identifier: GPL-2.0
/*
 * test_call_cid - caller ID received on FXO lines fills the incoming
 * call (TAPI_EV_CALLER_ID, TAPI_IOC_GET_CALL):
 *  - from the simulated CO, which sends Telcordia GR-30 MDMF in Bell 202
 *    FSK between the first and second ring, for an outside caller and
 *    for a call from another line;
 *  - from an FXS port patched to the FXO port (TAPI_SIM_IOC_CONNECT),
 *    playing messages this test modulates itself (an independent Bell 202
 *    modulator, not the DSP's): SDMF, MDMF with a withheld number, a
 *    damaged checksum; and DTMF caller ID sent with TAPI_IOC_DIAL.
 * Caller ID heard before any ring offers the call at once (ETSI/UK
 * style), which is what the patched messages exercise.
 */
#include "kselftest_harness.h"
#include "test_call_util.h"
#include "test_call_fsk.h"

FIXTURE(cid) {
	struct line_card lc;
	int fxs, fxo;
};

FIXTURE_SETUP(cid)
{
	int ret;

	line_card_init(&self->lc);
	ret = line_card_add(&self->lc, 1, 2);
	if (ret == -ENOENT)
		SKIP(return, "no %s: tapi_sim not loaded", SIM_DEV);
	ASSERT_EQ(0, ret);
	self->fxs = self->lc.fxs_fd[0];
	self->fxo = self->lc.fxo_fd[0];
}

FIXTURE_TEARDOWN(cid)
{
	line_card_remove(&self->lc);
}

/* Wire the FXS port to the first FXO port and make it the writer. */
static void patch_fxs_to_fxo(struct __test_metadata *_metadata,
			     FIXTURE_DATA(cid) *self)
{
	ASSERT_EQ(0, sim_cmd(self->lc.sim, TAPI_SIM_IOC_CONNECT,
			     self->lc.fxs[0], self->lc.fxo[0]));
	ASSERT_EQ(0, set_media(self->fxs, TAPI_FMT_S16, 160));
}

/* The caller ID event: its value is the call's ID. */
static void expect_caller_id(struct __test_metadata *_metadata, int fd,
			     struct tapi_call_info *call)
{
	struct tapi_event ev;

	ASSERT_EQ(0, next_event(fd, TAPI_EV_CALLER_ID, CALL_TIMEOUT_MS, &ev));
	ASSERT_EQ(0, get_call(fd, call));
	EXPECT_EQ(call->call_id, ev.value);
	EXPECT_NE(0, call->call_id);
	EXPECT_EQ(TAPI_CALL_OFFERING, call->state);
	EXPECT_EQ(TAPI_CALL_INCOMING, call->direction);
}

TEST_F_TIMEOUT(cid, co_outside_caller_between_rings, 90)
{
	struct tapi_sim_port port;
	struct tapi_call_info call;
	struct tapi_event ev;
	unsigned int i;

	memset(&port, 0, sizeof(port));
	port.channel = self->lc.fxo[0];
	snprintf(port.digits, sizeof(port.digits), "5551234");
	snprintf(port.name, sizeof(port.name), "ALICE SMITH");
	ASSERT_EQ(0, xioctl(self->lc.sim, TAPI_SIM_IOC_CO_RING, &port));
	ASSERT_EQ(0, next_call_state(self->fxo, CALL_TIMEOUT_MS, &ev));
	ASSERT_EQ(TAPI_CALL_OFFERING, ev.value);

	expect_caller_id(_metadata, self->fxo, &call);
	EXPECT_STREQ("5551234", call.caller_number);
	EXPECT_STREQ("ALICE SMITH", call.caller_name);
	EXPECT_EQ(0, call.caller_flags);
	ASSERT_EQ(8, strlen(call.caller_datetime));
	for (i = 0; i < 8; i++)
		EXPECT_TRUE(call.caller_datetime[i] >= '0' &&
			    call.caller_datetime[i] <= '9');

	/* Answered: the caller stays with the call. */
	ASSERT_EQ(0, set_u32(self->fxo, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, next_call_state(self->fxo, CALL_TIMEOUT_MS, &ev));
	ASSERT_EQ(TAPI_CALL_CONNECTED, ev.value);
	ASSERT_EQ(0, get_call(self->fxo, &call));
	EXPECT_STREQ("5551234", call.caller_number);
	EXPECT_STREQ("ALICE SMITH", call.caller_name);
	ASSERT_EQ(0, set_u32(self->fxo, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
}

TEST_F_TIMEOUT(cid, co_line_to_line_caller_is_the_calling_line, 90)
{
	int a = self->lc.fxo_fd[1], b = self->fxo;
	struct tapi_call_info call;
	struct tapi_event ev;

	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	ASSERT_EQ(0, next_call_state(a, CALL_TIMEOUT_MS, &ev));
	ASSERT_EQ(TAPI_CALL_DIALTONE, ev.value);
	ASSERT_EQ(0, dial(a, self->lc.number[0], 0, 0, 0));

	expect_caller_id(_metadata, b, &call);
	EXPECT_STREQ(self->lc.number[1], call.caller_number);
	/* The CO sends no name for a line: "unavailable". */
	EXPECT_STREQ("", call.caller_name);
	EXPECT_EQ(0, call.caller_flags);
	ASSERT_EQ(0, set_u32(a, TAPI_IOC_SET_HOOK, TAPI_HOOK_ON));
}

TEST_F_TIMEOUT(cid, fsk_mdmf_before_ringing_offers_the_call, 60)
{
	struct fsk_signal *f = calloc(1, sizeof(*f));
	struct tapi_call_info call;
	struct tapi_event ev;
	uint8_t msg[128];
	size_t len = 2;

	ASSERT_NE(NULL, f);
	patch_fxs_to_fxo(_metadata, self);
	msg[0] = 0x80;
	len = mdmf_param(msg, len, 0x01, "12251830");
	len = mdmf_param(msg, len, 0x02, "0123456789");
	len = mdmf_param(msg, len, 0x07, "BOB");
	msg[1] = (uint8_t)(len - 2);
	fsk_message(f, &fsk_bell202, msg, len, false);
	ASSERT_EQ(0, play_samples(self->fxs, f->s, f->n));

	ASSERT_EQ(0, next_call_state(self->fxo, CALL_TIMEOUT_MS, &ev));
	ASSERT_EQ(TAPI_CALL_OFFERING, ev.value);
	expect_caller_id(_metadata, self->fxo, &call);
	EXPECT_STREQ("0123456789", call.caller_number);
	EXPECT_STREQ("BOB", call.caller_name);
	EXPECT_STREQ("12251830", call.caller_datetime);
	EXPECT_EQ(0, call.caller_flags);

	/* No ring follows: the call goes away unanswered. */
	ASSERT_EQ(0, next_call_state(self->fxo, RING_GAP_MS + CALL_TIMEOUT_MS,
				     &ev));
	EXPECT_EQ(TAPI_CALL_IDLE, ev.value);
	EXPECT_EQ(TAPI_CAUSE_NOANSWER, ev.duration_ms);
	free(f);
}

TEST_F_TIMEOUT(cid, fsk_sdmf, 60)
{
	static const char body[] = "030409150987654321";
	struct fsk_signal *f = calloc(1, sizeof(*f));
	struct tapi_call_info call;
	uint8_t msg[64];

	ASSERT_NE(NULL, f);
	patch_fxs_to_fxo(_metadata, self);
	msg[0] = 0x04;
	msg[1] = sizeof(body) - 1;
	memcpy(msg + 2, body, sizeof(body) - 1);
	fsk_message(f, &fsk_bell202, msg, 2 + sizeof(body) - 1, false);
	ASSERT_EQ(0, play_samples(self->fxs, f->s, f->n));

	expect_caller_id(_metadata, self->fxo, &call);
	EXPECT_STREQ("0987654321", call.caller_number);
	EXPECT_STREQ("", call.caller_name);
	EXPECT_STREQ("03040915", call.caller_datetime);
	free(f);
}

TEST_F_TIMEOUT(cid, fsk_withheld_number_is_private, 60)
{
	struct fsk_signal *f = calloc(1, sizeof(*f));
	struct tapi_call_info call;
	uint8_t msg[64];
	size_t len = 2;

	ASSERT_NE(NULL, f);
	patch_fxs_to_fxo(_metadata, self);
	msg[0] = 0x80;
	len = mdmf_param(msg, len, 0x01, "01010000");
	len = mdmf_param(msg, len, 0x04, "P");	/* number: private */
	len = mdmf_param(msg, len, 0x08, "P");	/* name: private */
	msg[1] = (uint8_t)(len - 2);
	fsk_message(f, &fsk_bell202, msg, len, false);
	ASSERT_EQ(0, play_samples(self->fxs, f->s, f->n));

	expect_caller_id(_metadata, self->fxo, &call);
	EXPECT_STREQ("", call.caller_number);
	EXPECT_EQ(TAPI_CALLER_PRIVATE, call.caller_flags);
	free(f);
}

TEST_F_TIMEOUT(cid, fsk_damaged_message_is_ignored, 60)
{
	struct fsk_signal *f = calloc(1, sizeof(*f));
	struct tapi_call_info call;
	struct tapi_event ev;
	uint8_t msg[64];
	size_t len = 2;

	ASSERT_NE(NULL, f);
	patch_fxs_to_fxo(_metadata, self);
	msg[0] = 0x80;
	len = mdmf_param(msg, len, 0x02, "5550000");
	msg[1] = (uint8_t)(len - 2);
	fsk_message(f, &fsk_bell202, msg, len, true);
	ASSERT_EQ(0, play_samples(self->fxs, f->s, f->n));
	/* The FXS tx is played out within a second of the write. */
	EXPECT_EQ(-ETIMEDOUT, next_event(self->fxo, TAPI_EV_CALLER_ID, 1500,
					 &ev));
	ASSERT_EQ(0, get_call(self->fxo, &call));
	EXPECT_EQ(TAPI_CALL_IDLE, call.state);
	EXPECT_EQ(0, call.call_id);
}

TEST_F_TIMEOUT(cid, no_caller_id_while_off_hook, 60)
{
	struct fsk_signal *f = calloc(1, sizeof(*f));
	struct tapi_event ev;
	uint8_t msg[64];
	size_t len = 2;

	ASSERT_NE(NULL, f);
	patch_fxs_to_fxo(_metadata, self);
	ASSERT_EQ(0, set_u32(self->fxo, TAPI_IOC_SET_HOOK, TAPI_HOOK_OFF));
	msg[0] = 0x80;
	len = mdmf_param(msg, len, 0x02, "5550000");
	msg[1] = (uint8_t)(len - 2);
	fsk_message(f, &fsk_bell202, msg, len, false);
	ASSERT_EQ(0, play_samples(self->fxs, f->s, f->n));
	EXPECT_EQ(-ETIMEDOUT, next_event(self->fxo, TAPI_EV_CALLER_ID, 1500,
					 &ev));
	free(f);
}

TEST_F_TIMEOUT(cid, dtmf_caller_id, 60)
{
	struct tapi_call_info call;
	struct tapi_event ev;

	patch_fxs_to_fxo(_metadata, self);
	ASSERT_EQ(0, dial(self->fxs, "A0612345678C", 70, 70, 0));
	ASSERT_EQ(0, next_call_state(self->fxo, CALL_TIMEOUT_MS, &ev));
	ASSERT_EQ(TAPI_CALL_OFFERING, ev.value);
	expect_caller_id(_metadata, self->fxo, &call);
	EXPECT_STREQ("0612345678", call.caller_number);
	EXPECT_EQ(0, call.caller_flags);

	/* "B10C": withheld, for a call already offered. */
	ASSERT_EQ(0, dial(self->fxs, "B10C", 70, 70, 0));
	ASSERT_EQ(0, next_event(self->fxo, TAPI_EV_CALLER_ID, CALL_TIMEOUT_MS,
				&ev));
	ASSERT_EQ(0, get_call(self->fxo, &call));
	EXPECT_EQ(call.call_id, ev.value);
	EXPECT_STREQ("", call.caller_number);
	EXPECT_EQ(TAPI_CALLER_PRIVATE, call.caller_flags);
}

TEST_HARNESS_MAIN
