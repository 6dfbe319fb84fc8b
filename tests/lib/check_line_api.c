// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The exported functions: lineInitializeEx, lineShutdown, lineGetMessage,
 * lineNegotiateAPIVersion, working for real (messages, event descriptor,
 * callback thread, LINE_REPLY) and refusing every bad argument with the
 * documented error.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "check_libtapi.h"

static bool readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static HLINEAPP init_event(DWORD *ndevs, int *fd)
{
	LINEINITIALIZEEXPARAMS ip = {
		.dwTotalSize = sizeof(ip),
		.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT,
		.Handles.hEvent = -1,
	};
	DWORD version = 0x00020002, n = 0xdead;
	HLINEAPP app = 0;

	ck_assert_int_eq(lineInitializeEx(&app, NULL, NULL, "check", &n,
					  &version, &ip), 0);
	ck_assert_uint_ne(app, 0);
	ck_assert_uint_eq(version, 0x00020002);
	ck_assert_int_ge(ip.Handles.hEvent, 0);
	ck_assert_uint_eq(ip.dwUsedSize, sizeof(ip));
	if (ndevs)
		*ndevs = n;
	if (fd)
		*fd = ip.Handles.hEvent;
	return app;
}

static struct tapi_app *app_of(HLINEAPP h)
{
	struct tapi_app *app;

	ck_assert_int_eq(tapi_app_lookup(h, &app), 0);
	return app;
}

START_TEST(test_line_api_event_mode_delivers)
{
	HLINEAPP h;
	int fd;
	LINEMESSAGE m;
	struct tapi_app *app;

	h = init_event(NULL, &fd);
	ck_assert(!readable(fd));
	app = app_of(h);
	ck_assert_int_eq(tapi_app_post(app, 0x20000001, LINE_CALLSTATE, 77,
				       LINECALLSTATE_OFFERING, 0,
				       LINECALLPRIVILEGE_OWNER), 0);
	tapi_app_put(app);
	ck_assert(readable(fd));
	ck_assert_int_eq(lineGetMessage(h, &m, 0), 0);
	ck_assert_uint_eq(m.hDevice, 0x20000001);
	ck_assert_uint_eq(m.dwMessageID, LINE_CALLSTATE);
	ck_assert_uint_eq(m.dwCallbackInstance, 77);
	ck_assert_uint_eq(m.dwParam1, LINECALLSTATE_OFFERING);
	ck_assert_uint_eq(m.dwParam3, LINECALLPRIVILEGE_OWNER);
	ck_assert(!readable(fd));
	ck_assert_int_eq(lineShutdown(h), 0);
}
END_TEST

START_TEST(test_line_api_get_message_timeouts)
{
	HLINEAPP h = init_event(NULL, NULL);
	LINEMESSAGE m;

	ck_assert_int_eq(lineGetMessage(h, &m, 0), LINEERR_OPERATIONFAILED);
	ck_assert_int_eq(lineGetMessage(h, &m, 20), LINEERR_OPERATIONFAILED);
	ck_assert_int_eq(lineShutdown(h), 0);
}
END_TEST

START_TEST(test_line_api_reply_carries_request_id)
{
	HLINEAPP h = init_event(NULL, NULL);
	struct tapi_app *app = app_of(h);
	LONG id1 = tapi_request_new(), id2 = tapi_request_new();
	LINEMESSAGE m;

	ck_assert_int_gt(id1, 0);
	ck_assert_int_gt(id2, id1);
	ck_assert_int_eq(tapi_request_complete(app, id1, 0, 5), 0);
	ck_assert_int_eq(tapi_request_complete(app, id2, LINEERR_NOMEM, 6), 0);
	ck_assert_int_eq(tapi_request_complete(app, 0, 0, 0), -EINVAL);
	ck_assert_int_eq(tapi_request_complete(app, id1, 1, 0), -EINVAL);
	tapi_app_put(app);

	ck_assert_int_eq(lineGetMessage(h, &m, 0), 0);
	ck_assert_uint_eq(m.dwMessageID, LINE_REPLY);
	ck_assert_uint_eq(m.dwParam1, (DWORD_PTR)id1);
	ck_assert_uint_eq(m.dwParam2, 0);
	ck_assert_uint_eq(m.dwCallbackInstance, 5);
	ck_assert_int_eq(lineGetMessage(h, &m, 0), 0);
	ck_assert_uint_eq(m.dwParam1, (DWORD_PTR)id2);
	/* both idioms applications use */
	ck_assert_int_eq((LONG)m.dwParam2, LINEERR_NOMEM);
	ck_assert(m.dwParam2 == (DWORD_PTR)(intptr_t)LINEERR_NOMEM);
	ck_assert_int_eq(lineShutdown(h), 0);
}
END_TEST

static void *shutdown_later(void *arg)
{
	usleep(50 * 1000);
	lineShutdown(*(HLINEAPP *)arg);
	return NULL;
}

START_TEST(test_line_api_shutdown_wakes_get_message)
{
	HLINEAPP h = init_event(NULL, NULL);
	pthread_t th;
	LINEMESSAGE m;

	pthread_create(&th, NULL, shutdown_later, &h);
	ck_assert_int_eq(lineGetMessage(h, &m, INFINITE),
			 LINEERR_INVALAPPHANDLE);
	pthread_join(th, NULL);
	ck_assert_int_eq(lineShutdown(h), LINEERR_UNINITIALIZED);
}
END_TEST

/* Callback mode. */

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int calls;
	DWORD_PTR p1[4];
	bool on_other_thread;
	pthread_t main_thread;
	HLINEAPP app;
	LONG shutdown_result;
} cbs = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
};

static void CALLBACK line_callback(DWORD hDevice, DWORD dwMessage,
				   DWORD_PTR dwInstance, DWORD_PTR dwParam1,
				   DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
	pthread_mutex_lock(&cbs.lock);
	if (cbs.calls < 4)
		cbs.p1[cbs.calls] = dwParam1;
	cbs.on_other_thread = !pthread_equal(pthread_self(), cbs.main_thread);
	if (dwMessage == LINE_CLOSE)	/* our cue: shut down from inside */
		cbs.shutdown_result = lineShutdown(cbs.app);
	cbs.calls++;
	pthread_cond_broadcast(&cbs.cond);
	pthread_mutex_unlock(&cbs.lock);
}

static void wait_calls(int n)
{
	pthread_mutex_lock(&cbs.lock);
	while (cbs.calls < n)
		pthread_cond_wait(&cbs.cond, &cbs.lock);
	pthread_mutex_unlock(&cbs.lock);
}

static HLINEAPP init_callback(LINEINITIALIZEEXPARAMS *ip)
{
	DWORD version = 0x00020000, n;
	HLINEAPP h = 0;

	cbs.main_thread = pthread_self();
	ck_assert_int_eq(lineInitializeEx(&h, NULL, line_callback, NULL, &n,
					  &version, ip), 0);
	ck_assert_uint_eq(version, 0x00020002);
	cbs.app = h;
	return h;
}

START_TEST(test_line_api_callback_mode_runs_callback)
{
	LINEINITIALIZEEXPARAMS ip = {
		.dwTotalSize = sizeof(ip),
		.dwOptions = LINEINITIALIZEEXOPTION_USEHIDDENWINDOW,
	};
	HLINEAPP h = init_callback(&ip);
	struct tapi_app *app = app_of(h);
	LINEMESSAGE m;

	for (DWORD_PTR i = 1; i <= 3; i++)
		tapi_app_post(app, 0, LINE_LINEDEVSTATE, 0, i, 0, 0);
	tapi_app_put(app);
	wait_calls(3);
	ck_assert_uint_eq(cbs.p1[0], 1);
	ck_assert_uint_eq(cbs.p1[1], 2);
	ck_assert_uint_eq(cbs.p1[2], 3);
	ck_assert(cbs.on_other_thread);
	/* messages go to the callback, not to lineGetMessage */
	ck_assert_int_eq(lineGetMessage(h, &m, 0), LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineShutdown(h), 0);
}
END_TEST

START_TEST(test_line_api_shutdown_from_callback)
{
	HLINEAPP h = init_callback(NULL);	/* NULL params: callback mode */
	struct tapi_app *app = app_of(h);

	cbs.shutdown_result = 1;
	tapi_app_post(app, 0, LINE_CLOSE, 0, 0, 0, 0);
	tapi_app_put(app);
	wait_calls(1);
	ck_assert_int_eq(cbs.shutdown_result, 0);
	ck_assert_int_eq(lineShutdown(h), LINEERR_UNINITIALIZED);
}
END_TEST

START_TEST(test_line_api_initialize_bad_arguments)
{
	LINEINITIALIZEEXPARAMS ip = { .dwTotalSize = sizeof(ip),
				      .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT };
	DWORD version = 0x00020002, n;
	HLINEAPP h;
	char long_name[300];

	ck_assert_int_eq(lineInitializeEx(NULL, NULL, NULL, "x", &n, &version,
					  &ip), LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", NULL, &version,
					  &ip), LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", &n, NULL, &ip),
			 LINEERR_INVALPOINTER);
	/* callback mode needs a callback */
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", &n, &version,
					  NULL), LINEERR_INVALPOINTER);
	ip.dwTotalSize = sizeof(ip) - 1;
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", &n, &version,
					  &ip), LINEERR_STRUCTURETOOSMALL);
	ip.dwTotalSize = sizeof(ip);
	ip.dwOptions = LINEINITIALIZEEXOPTION_USECOMPLETIONPORT;
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", &n, &version,
					  &ip), LINEERR_INVALPARAM);
	ip.dwOptions = 0;
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", &n, &version,
					  &ip), LINEERR_INVALPARAM);
	ip.dwOptions = 0x80000002;	/* TAPI 3 call hub tracking */
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", &n, &version,
					  &ip), LINEERR_INVALPARAM);
	ip.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
	version = 0x00010002;
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "x", &n, &version,
					  &ip), LINEERR_INCOMPATIBLEAPIVERSION);
	version = 0x00020002;
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "bell\a", &n,
					  &version, &ip), LINEERR_INVALAPPNAME);
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "bad\xC3", &n,
					  &version, &ip), LINEERR_INVALAPPNAME);
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, long_name, &n,
					  &version, &ip), LINEERR_INVALAPPNAME);
	/* none of that registered anything */
	ck_assert_uint_eq(tapi_handle_count(&tapi_apps), 0);
}
END_TEST

START_TEST(test_line_api_initialize_newer_app_version)
{
	LINEINITIALIZEEXPARAMS ip = { .dwTotalSize = sizeof(ip),
				      .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT };
	DWORD version = 0x00030001, n;
	HLINEAPP h;

	ck_assert_int_eq(lineInitializeEx(&h, NULL, NULL, "Büro ☎", &n,
					  &version, &ip), 0);
	ck_assert_uint_eq(version, 0x00020002);
	ck_assert_int_eq(lineShutdown(h), 0);
}
END_TEST

START_TEST(test_line_api_bad_app_handles)
{
	LINEMESSAGE m;
	DWORD v;
	LINEEXTENSIONID ext;
	HLINEAPP h;

	/* nothing initialized */
	ck_assert_int_eq(lineShutdown(0x10000000), LINEERR_UNINITIALIZED);
	ck_assert_int_eq(lineNegotiateAPIVersion(0x10000000, 0, 0x00010003,
						 0x00020002, &v, &ext),
			 LINEERR_UNINITIALIZED);
	ck_assert_int_eq(lineGetMessage(0x10000000, &m, 0),
			 LINEERR_INVALAPPHANDLE);

	h = init_event(NULL, NULL);
	ck_assert_int_eq(lineShutdown(0), LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineShutdown(h + 1), LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineShutdown(h ^ 0x20000000), LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineGetMessage(0xFFFFFFFF, &m, 0),
			 LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineNegotiateAPIVersion(h + 1, 0, 0x00010003,
						 0x00020002, &v, &ext),
			 LINEERR_INVALAPPHANDLE);
	ck_assert_int_eq(lineGetMessage(h, NULL, 0), LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineShutdown(h), 0);
	ck_assert_int_eq(lineShutdown(h), LINEERR_UNINITIALIZED);
}
END_TEST

static void register_channels(unsigned int n)
{
	struct tapi_dev_info d[4];
	struct tapi_dev_list l = { .devs = d, .count = n };

	for (unsigned int i = 0; i < n; i++) {
		memset(&d[i], 0, sizeof(d[i]));
		d[i].channel = i;
		d[i].index = i;
		d[i].signalling = TAPI_SIG_FXO;
		strcpy(d[i].card_name, "check0");
		strcpy(d[i].driver, "check");
	}
	ck_assert_int_eq(tapi_registry_update(&l, NULL), 0);
}

START_TEST(test_line_api_negotiate)
{
	DWORD ndevs, v = 0;
	LINEEXTENSIONID ext;
	HLINEAPP h;

	/* Two channels known to the process; lineInitializeEx enumerates
	 * the machine (no tapi module here), which marks them gone but
	 * keeps their IDs. */
	tapi_registry_reset();
	register_channels(2);
	h = init_event(&ndevs, NULL);
	ck_assert_uint_ge(ndevs, 2);
	ck_assert_int_eq(lineNegotiateAPIVersion(h, 0, 0x00010003, 0x00020002,
						 &v, &ext), LINEERR_NODEVICE);
	register_channels(2);	/* they are back */

	memset(&ext, 0xff, sizeof(ext));
	ck_assert_int_eq(lineNegotiateAPIVersion(h, 0, 0x00010003, 0x00020002,
						 &v, &ext), 0);
	ck_assert_uint_eq(v, 0x00020002);
	ck_assert_uint_eq(ext.dwExtensionID0 | ext.dwExtensionID1 |
			  ext.dwExtensionID2 | ext.dwExtensionID3, 0);
	ck_assert_int_eq(lineNegotiateAPIVersion(h, 1, 0x00010003, 0x00010004,
						 &v, &ext), 0);
	ck_assert_uint_eq(v, 0x00010004);
	ck_assert_int_eq(lineNegotiateAPIVersion(h, 1, 0x00030000, 0x00030001,
						 &v, &ext),
			 LINEERR_INCOMPATIBLEAPIVERSION);
	ck_assert_int_eq(lineNegotiateAPIVersion(h, ndevs, 0x00010003,
						 0x00020002, &v, &ext),
			 LINEERR_BADDEVICEID);
	ck_assert_int_eq(lineNegotiateAPIVersion(h, 0, 0x00010003, 0x00020002,
						 NULL, &ext),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineNegotiateAPIVersion(h, 0, 0x00010003, 0x00020002,
						 &v, NULL),
			 LINEERR_INVALPOINTER);
	ck_assert_int_eq(lineShutdown(h), 0);
	tapi_registry_reset();
}
END_TEST

START_TEST(test_line_api_event_fd_closed_by_shutdown)
{
	int fd;
	HLINEAPP h = init_event(NULL, &fd);

	ck_assert_int_eq(lineShutdown(h), 0);
	errno = 0;
	ck_assert_int_eq(fcntl(fd, F_GETFD), -1);
	ck_assert_int_eq(errno, EBADF);
}
END_TEST

Suite *line_api_suite(void)
{
	Suite *s = suite_create("line_api");

	ADD_TEST(s, test_line_api_event_mode_delivers);
	ADD_TEST(s, test_line_api_get_message_timeouts);
	ADD_TEST(s, test_line_api_reply_carries_request_id);
	ADD_TEST(s, test_line_api_shutdown_wakes_get_message);
	ADD_TEST(s, test_line_api_callback_mode_runs_callback);
	ADD_TEST(s, test_line_api_shutdown_from_callback);
	ADD_TEST(s, test_line_api_initialize_bad_arguments);
	ADD_TEST(s, test_line_api_initialize_newer_app_version);
	ADD_TEST(s, test_line_api_bad_app_handles);
	ADD_TEST(s, test_line_api_negotiate);
	ADD_TEST(s, test_line_api_event_fd_closed_by_shutdown);
	return s;
}
