// SPDX-License-Identifier: LGPL-2.1-or-later
/* callstate.c: the kernel's call states as TAPI states, per line kind,
 * origin and version. */
#include "check_libtapi.h"
#include "../../lib/engine.h"

static struct tapi_callstate map(enum tapi_signalling sig,
				 enum tapi_call_origin_kind o, uint32_t k,
				 uint32_t cause, DWORD v)
{
	return tapi_callstate_map(sig, o, k, cause, v);
}

START_TEST(test_callstate_fxo_outgoing)
{
	const DWORD v = TAPI_VERSION_2_2;
	struct tapi_callstate cs;

	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_DIALTONE, 0, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_DIALTONE);
	ck_assert_uint_eq(cs.mode, LINEDIALTONEMODE_NORMAL);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_DIALING, 0, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_DIALING);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_PROCEEDING, 0, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_PROCEEDING);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_RINGBACK, 0, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_RINGBACK);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_BUSY,
		 TAPI_CAUSE_BUSY, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_BUSY);
	ck_assert_uint_eq(cs.mode, LINEBUSYMODE_UNKNOWN);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_CONNECTED, 0, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_CONNECTED);
	ck_assert_uint_eq(cs.mode, LINECONNECTEDMODE_ACTIVE);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_DISCONNECTED,
		 TAPI_CAUSE_NORMAL, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_DISCONNECTED);
	ck_assert_uint_eq(cs.mode, LINEDISCONNECTMODE_NORMAL);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_DISCONNECTED,
		 TAPI_CAUSE_CONGESTION, v);
	ck_assert_uint_eq(cs.mode, LINEDISCONNECTMODE_CONGESTION);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, TAPI_CALL_IDLE, 0, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_IDLE);
	/* a state a newer kernel may add */
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_OUT, __TAPI_CALL_CNT, 0, v);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_UNKNOWN);
}
END_TEST

START_TEST(test_callstate_fxo_offered)
{
	struct tapi_callstate cs;

	ck_assert_int_eq(tapi_call_origin_of(TAPI_SIG_FXO, TAPI_CALL_OFFERING,
					     TAPI_CALL_INCOMING),
			 TAPI_ORIGIN_IN);
	ck_assert_int_eq(tapi_call_origin_of(TAPI_SIG_FXO, TAPI_CALL_OFFERING,
					     TAPI_CALL_NONE), TAPI_ORIGIN_IN);
	ck_assert_int_eq(tapi_call_origin_of(TAPI_SIG_FXO, TAPI_CALL_DIALTONE,
					     TAPI_CALL_OUTGOING),
			 TAPI_ORIGIN_OUT);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_IN, TAPI_CALL_OFFERING, 0,
		 TAPI_VERSION_2_0);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_OFFERING);
	ck_assert_uint_eq(cs.mode, LINEOFFERINGMODE_ACTIVE);
	/* TAPI 1.3 had no offering or connected modes */
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_IN, TAPI_CALL_OFFERING, 0,
		 TAPI_VERSION_1_3);
	ck_assert_uint_eq(cs.mode, 0);
	cs = map(TAPI_SIG_FXO, TAPI_ORIGIN_IN, TAPI_CALL_CONNECTED, 0,
		 TAPI_VERSION_1_3);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_CONNECTED);
	ck_assert_uint_eq(cs.mode, 0);
}
END_TEST

START_TEST(test_callstate_station)
{
	struct tapi_callstate cs;

	/* a station lifted: offered to us whatever it dials */
	ck_assert_int_eq(tapi_call_origin_of(TAPI_SIG_FXS, TAPI_CALL_DIALTONE,
					     TAPI_CALL_OUTGOING),
			 TAPI_ORIGIN_IN);
	cs = map(TAPI_SIG_FXS, TAPI_ORIGIN_IN, TAPI_CALL_DIALTONE, 0,
		 TAPI_VERSION_2_2);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_OFFERING);
	cs = map(TAPI_SIG_HANDSET, TAPI_ORIGIN_IN, TAPI_CALL_DIALING, 0,
		 TAPI_VERSION_2_2);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_OFFERING);
	cs = map(TAPI_SIG_FXS, TAPI_ORIGIN_IN, TAPI_CALL_PROCEEDING, 0,
		 TAPI_VERSION_2_2);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_ACCEPTED);
	cs = map(TAPI_SIG_FXS, TAPI_ORIGIN_IN, TAPI_CALL_CONNECTED, 0,
		 TAPI_VERSION_2_2);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_CONNECTED);
	/* a station we ring: ring-back for us */
	ck_assert_int_eq(tapi_call_origin_of(TAPI_SIG_FXS, TAPI_CALL_OFFERING,
					     TAPI_CALL_INCOMING),
			 TAPI_ORIGIN_OUT);
	cs = map(TAPI_SIG_FXS, TAPI_ORIGIN_OUT, TAPI_CALL_OFFERING, 0,
		 TAPI_VERSION_2_2);
	ck_assert_uint_eq(cs.state, LINECALLSTATE_RINGBACK);
}
END_TEST

START_TEST(test_callstate_disconnect_modes)
{
	const DWORD v = TAPI_VERSION_2_2;

	ck_assert_uint_eq(tapi_disconnect_mode(TAPI_CAUSE_BUSY, false,
					       TAPI_ORIGIN_OUT, v),
			  LINEDISCONNECTMODE_BUSY);
	ck_assert_uint_eq(tapi_disconnect_mode(TAPI_CAUSE_NOANSWER, false,
					       TAPI_ORIGIN_OUT, v),
			  LINEDISCONNECTMODE_NOANSWER);
	/* the caller of an offered call gave up: a normal end for us */
	ck_assert_uint_eq(tapi_disconnect_mode(TAPI_CAUSE_NOANSWER, false,
					       TAPI_ORIGIN_IN, v),
			  LINEDISCONNECTMODE_NORMAL);
	ck_assert_uint_eq(tapi_disconnect_mode(TAPI_CAUSE_REMOVED, true,
					       TAPI_ORIGIN_IN, v),
			  LINEDISCONNECTMODE_UNAVAIL);
	ck_assert_uint_eq(tapi_disconnect_mode(TAPI_CAUSE_NONE, true,
					       TAPI_ORIGIN_IN, v),
			  LINEDISCONNECTMODE_UNKNOWN);
	/* NODIALTONE is TAPI 1.4: older applications get UNKNOWN */
	ck_assert_uint_eq(tapi_callstate_mode_for(LINECALLSTATE_DISCONNECTED,
						  LINEDISCONNECTMODE_NODIALTONE,
						  TAPI_VERSION_1_3),
			  LINEDISCONNECTMODE_UNKNOWN);
	ck_assert_uint_eq(tapi_callstate_mode_for(LINECALLSTATE_DISCONNECTED,
						  LINEDISCONNECTMODE_NODIALTONE,
						  TAPI_VERSION_1_4),
			  LINEDISCONNECTMODE_NODIALTONE);
	ck_assert_uint_eq(tapi_callstate_mode_for(LINECALLSTATE_DISCONNECTED,
						  LINEDISCONNECTMODE_BLOCKED,
						  TAPI_VERSION_1_4),
			  LINEDISCONNECTMODE_UNKNOWN);
}
END_TEST

START_TEST(test_callstate_features)
{
	DWORD f;

	f = tapi_call_features(TAPI_SIG_FXO, LINECALLSTATE_OFFERING,
			       LINECALLPRIVILEGE_OWNER, false);
	ck_assert(f & LINECALLFEATURE_ANSWER);
	ck_assert(!(f & LINECALLFEATURE_DIAL));
	f = tapi_call_features(TAPI_SIG_FXO, LINECALLSTATE_OFFERING,
			       LINECALLPRIVILEGE_MONITOR, false);
	ck_assert(!(f & LINECALLFEATURE_ANSWER));
	ck_assert(f & LINECALLFEATURE_MONITORDIGITS);
	f = tapi_call_features(TAPI_SIG_FXO, LINECALLSTATE_CONNECTED,
			       LINECALLPRIVILEGE_OWNER, false);
	ck_assert(f & LINECALLFEATURE_DIAL);
	ck_assert(f & LINECALLFEATURE_GENERATEDIGITS);
	ck_assert(f & LINECALLFEATURE_DROP);
	/* no lineDial while the dial string is being executed */
	f = tapi_call_features(TAPI_SIG_FXO, LINECALLSTATE_DIALING,
			       LINECALLPRIVILEGE_OWNER, true);
	ck_assert(!(f & LINECALLFEATURE_DIAL));
	/* nothing to dial into a station */
	f = tapi_call_features(TAPI_SIG_FXS, LINECALLSTATE_CONNECTED,
			       LINECALLPRIVILEGE_OWNER, false);
	ck_assert(!(f & LINECALLFEATURE_DIAL));
	ck_assert_uint_eq(tapi_call_features(TAPI_SIG_FXO, LINECALLSTATE_IDLE,
					     LINECALLPRIVILEGE_OWNER, false),
			  0);
	ck_assert(tapi_callstates_supported(TAPI_SIG_FXS) &
		  LINECALLSTATE_ACCEPTED);
	ck_assert(!(tapi_callstates_supported(TAPI_SIG_FXS) &
		    LINECALLSTATE_DIALTONE));
}
END_TEST

START_TEST(test_callstate_caller_id_flags)
{
	struct tapi_call_info ci = { 0 };

	ck_assert_uint_eq(tapi_caller_id_flags(&ci), LINECALLPARTYID_UNKNOWN);
	strcpy(ci.caller_number, "5551234");
	ck_assert_uint_eq(tapi_caller_id_flags(&ci), LINECALLPARTYID_ADDRESS);
	strcpy(ci.caller_name, "ALICE");
	ck_assert_uint_eq(tapi_caller_id_flags(&ci),
			  LINECALLPARTYID_ADDRESS | LINECALLPARTYID_NAME);
	memset(&ci, 0, sizeof(ci));
	ci.caller_flags = TAPI_CALLER_PRIVATE;
	ck_assert_uint_eq(tapi_caller_id_flags(&ci), LINECALLPARTYID_BLOCKED);
	ci.caller_flags = TAPI_CALLER_UNAVAILABLE;
	ck_assert_uint_eq(tapi_caller_id_flags(&ci),
			  LINECALLPARTYID_OUTOFAREA);
}
END_TEST

Suite *callstate_suite(void)
{
	Suite *s = suite_create("callstate");

	ADD_TEST(s, test_callstate_fxo_outgoing);
	ADD_TEST(s, test_callstate_fxo_offered);
	ADD_TEST(s, test_callstate_station);
	ADD_TEST(s, test_callstate_disconnect_modes);
	ADD_TEST(s, test_callstate_features);
	ADD_TEST(s, test_callstate_caller_id_flags);
	return s;
}
