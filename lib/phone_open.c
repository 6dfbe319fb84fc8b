// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * phoneOpen, phoneClose: HPHONE objects, one per phoneOpen, living in
 * tapi_phones until phoneClose or phoneShutdown.
 *
 * Privileges: a phone has at most one owner in the process
 * (PHONEERR_INUSE for a second one); owners may change the phone
 * (phoneSet*), monitors only watch.  Opening and closing tell the other
 * phones of the device PHONESTATE_OWNER / PHONESTATE_MONITORS with the
 * new count.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"

struct tapi_handle_table tapi_phones = TAPI_HANDLE_TABLE_INIT(TAPI_HANDLE_PHONE);

static struct tapi_phone *to_phone(struct tapi_object *obj)
{
	return (struct tapi_phone *)((char *)obj -
				     offsetof(struct tapi_phone, obj));
}

static void phone_release(struct tapi_object *obj)
{
	struct tapi_phone *ph = to_phone(obj);

	tapi_app_put(ph->app);
	free(ph);
}

/**
 * tapi_phone_post() - a message to the phone's application
 * @ph: the phone; its HPHONE and dwCallbackInstance go with the message
 * @message: PHONE_ message
 * @p1: dwParam1
 * @p2: dwParam2
 * @p3: dwParam3
 *
 * Engine lock held.
 */
void tapi_phone_post(const struct tapi_phone *ph, DWORD message,
		     DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
	tapi_post(ph->app, ph->handle, message, ph->instance, p1, p2, p3);
}

/**
 * tapi_phone_reply() - complete an asynchronous phone function
 * @ph: the phone
 * @result: 0 or a PHONEERR_ value
 *
 * Engine lock held.  PHONE_REPLY follows after the function returned.
 *
 * Return: the request ID the function returns.
 */
LONG tapi_phone_reply(struct tapi_phone *ph, LONG result)
{
	LONG id = tapi_request_new();

	tapi_post(ph->app, 0, PHONE_REPLY, ph->instance, (DWORD_PTR)id,
		  (DWORD_PTR)(intptr_t)result, 0);
	return id;
}

static void post_privileges(struct tapi_phonedev *pd, DWORD privilege,
			    const struct tapi_phone *except)
{
	DWORD state = privilege == PHONEPRIVILEGE_OWNER ? PHONESTATE_OWNER :
							   PHONESTATE_MONITORS;

	tapi_phonedev_post_state(pd, state, tapi_phonedev_count(pd, privilege),
				 except);
}

static void close_locked(struct tapi_phone *ph)
{
	struct tapi_phonedev *pd = ph->dev;
	struct tapi_phone **pp;
	struct tapi_object *obj;

	for (pp = &pd->phones; *pp; pp = &(*pp)->next) {
		if (*pp == ph) {
			*pp = ph->next;
			break;
		}
	}
	ph->dev = NULL;
	if (!pd->removed)
		post_privileges(pd, ph->privilege, NULL);
	obj = tapi_handle_remove(&tapi_phones, ph->handle);
	tapi_object_put(obj);		/* the table's reference */
	tapi_phonedev_put(pd);
}

/**
 * phoneOpen() - open a phone device
 * @hPhoneApp: from phoneInitializeEx
 * @dwDeviceID: a phone device ID
 * @lphPhone: out: the phone's handle
 * @dwAPIVersion: from phoneNegotiateAPIVersion
 * @dwExtVersion: 0 (no extensions)
 * @dwCallbackInstance: given back with every message of this phone
 * @dwPrivilege: PHONEPRIVILEGE_OWNER or PHONEPRIVILEGE_MONITOR
 *
 * Status and button messages start disabled (phoneSetStatusMessages).
 *
 * Return: 0; PHONEERR_INVALAPPHANDLE, PHONEERR_UNINITIALIZED,
 * PHONEERR_INVALPOINTER, PHONEERR_BADDEVICEID,
 * PHONEERR_INCOMPATIBLEAPIVERSION, PHONEERR_INCOMPATIBLEEXTVERSION,
 * PHONEERR_INVALPRIVILEGE, PHONEERR_INUSE (the process has an owner),
 * PHONEERR_NODEVICE, PHONEERR_RESOURCEUNAVAIL (no access to the device
 * for an owner), PHONEERR_NOMEM.
 */
TAPI_EXPORT LONG WINAPI phoneOpen(HPHONEAPP hPhoneApp, DWORD dwDeviceID,
				  LPHPHONE lphPhone, DWORD dwAPIVersion,
				  DWORD dwExtVersion,
				  DWORD_PTR dwCallbackInstance,
				  DWORD dwPrivilege)
{
	struct tapi_phonedev *pd;
	struct tapi_phone *ph, **pp;
	struct tapi_app *app;
	uint32_t line_id;
	LONG err;
	int e;

	err = tapi_phone_app_lookup(hPhoneApp, &app);
	if (err)
		return err;
	if (!lphPhone || (uintptr_t)lphPhone % _Alignof(HPHONE)) {
		err = PHONEERR_INVALPOINTER;
		goto out_app;
	}
	if (dwDeviceID >= app->num_devs ||
	    tapi_registry_phone_line(dwDeviceID, &line_id)) {
		err = PHONEERR_BADDEVICEID;
		goto out_app;
	}
	if (!tapi_version_is_known(dwAPIVersion) ||
	    dwAPIVersion > app->api_version) {
		err = PHONEERR_INCOMPATIBLEAPIVERSION;
		goto out_app;
	}
	if (dwExtVersion) {
		err = PHONEERR_INCOMPATIBLEEXTVERSION;
		goto out_app;
	}
	if (dwPrivilege != PHONEPRIVILEGE_OWNER &&
	    dwPrivilege != PHONEPRIVILEGE_MONITOR) {
		err = PHONEERR_INVALPRIVILEGE;
		goto out_app;
	}
	ph = calloc(1, sizeof(*ph));
	if (!ph) {
		err = PHONEERR_NOMEM;
		goto out_app;
	}
	tapi_engine_lock();
	err = tapi_phonedev_get(dwDeviceID, dwPrivilege, &pd);
	if (err)
		goto out_locked;
	if (dwPrivilege == PHONEPRIVILEGE_OWNER &&
	    tapi_phonedev_count(pd, PHONEPRIVILEGE_OWNER)) {
		tapi_phonedev_put(pd);
		err = PHONEERR_INUSE;
		goto out_locked;
	}
	tapi_object_init(&ph->obj, phone_release);
	ph->app = app;			/* the lookup's reference is the phone's */
	ph->version = dwAPIVersion;
	ph->privilege = dwPrivilege;
	ph->instance = dwCallbackInstance;
	tapi_object_get(&ph->obj);	/* the table's reference */
	e = tapi_handle_alloc(&tapi_phones, &ph->obj, &ph->handle);
	if (e) {
		tapi_phonedev_put(pd);
		tapi_engine_unlock();
		tapi_object_put(&ph->obj);
		tapi_object_put(&ph->obj);	/* frees it and drops app */
		return tapi_phoneerr_from_errno(e);
	}
	ph->dev = pd;
	for (pp = &pd->phones; *pp; pp = &(*pp)->next)
		;
	*pp = ph;
	post_privileges(pd, dwPrivilege, ph);
	*lphPhone = ph->handle;
	tapi_engine_unlock();
	tapi_object_put(&ph->obj);	/* ours; the table keeps it */
	return 0;

out_locked:
	tapi_engine_unlock();
	free(ph);
out_app:
	tapi_app_put(app);
	return err;
}

static LONG lookup(HPHONE handle, struct tapi_phone **ph_out)
{
	struct tapi_object *obj = tapi_handle_get(&tapi_phones, handle);

	if (!obj)
		return tapi_handle_count(&tapi_phone_apps) ?
		       PHONEERR_INVALPHONEHANDLE : PHONEERR_UNINITIALIZED;
	*ph_out = to_phone(obj);
	return 0;
}

/**
 * tapi_phone_begin() - look up an HPHONE and take the engine lock
 * @handle: from the application
 * @ph_out: out: the open phone, referenced
 *
 * Return: 0 with the lock held (end with tapi_phone_end()), else
 * PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED, or
 * PHONEERR_NODEVICE for a phone whose device was removed; no lock then.
 */
LONG tapi_phone_begin(HPHONE handle, struct tapi_phone **ph_out)
{
	struct tapi_phone *ph;
	LONG err = lookup(handle, &ph);

	if (err)
		return err;
	tapi_engine_lock();
	if (!ph->dev || ph->dev->removed) {
		err = ph->dev ? PHONEERR_NODEVICE : PHONEERR_INVALPHONEHANDLE;
		tapi_engine_unlock();
		tapi_object_put(&ph->obj);
		return err;
	}
	*ph_out = ph;
	return 0;
}

/**
 * tapi_phone_begin_owner() - tapi_phone_begin() for functions that
 *	change the phone
 * @handle: from the application
 * @ph_out: out: the open phone, referenced
 *
 * Return: as tapi_phone_begin(), or PHONEERR_NOTOWNER for a monitor.
 */
LONG tapi_phone_begin_owner(HPHONE handle, struct tapi_phone **ph_out)
{
	LONG err = tapi_phone_begin(handle, ph_out);

	if (!err && (*ph_out)->privilege != PHONEPRIVILEGE_OWNER) {
		tapi_phone_end(*ph_out);
		return PHONEERR_NOTOWNER;
	}
	return err;
}

/**
 * tapi_phone_end() - release what tapi_phone_begin() took
 * @ph: the phone
 */
void tapi_phone_end(struct tapi_phone *ph)
{
	tapi_engine_unlock();
	tapi_object_put(&ph->obj);
}

/**
 * phoneClose() - close an open phone
 * @hPhone: from phoneOpen; also a phone whose device was removed
 *
 * Ringing started by this phone goes on (the station's user answers it).
 *
 * Return: 0, PHONEERR_INVALPHONEHANDLE, PHONEERR_UNINITIALIZED.
 */
TAPI_EXPORT LONG WINAPI phoneClose(HPHONE hPhone)
{
	struct tapi_phone *ph;
	LONG err = lookup(hPhone, &ph);

	if (err)
		return err;
	tapi_engine_lock();
	if (ph->dev)
		close_locked(ph);
	else
		err = PHONEERR_INVALPHONEHANDLE;
	tapi_engine_unlock();
	tapi_object_put(&ph->obj);
	return err;
}

/**
 * tapi_phones_close_app() - close every phone of an application
 * @app: the application (phoneShutdown)
 */
void tapi_phones_close_app(struct tapi_app *app)
{
	size_t n = tapi_handle_count(&tapi_phones) + 8, got;
	struct tapi_object **objs = calloc(n, sizeof(*objs));

	if (!objs)
		return;
	got = tapi_handle_collect(&tapi_phones, objs, n);
	tapi_engine_lock();
	for (size_t i = 0; i < got; i++) {
		struct tapi_phone *ph = to_phone(objs[i]);

		if (ph->app == app && ph->dev)
			close_locked(ph);
	}
	tapi_engine_unlock();
	for (size_t i = 0; i < got; i++)
		tapi_object_put(objs[i]);
	free(objs);
}
