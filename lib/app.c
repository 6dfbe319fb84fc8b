// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Applications: what one lineInitializeEx creates and lineShutdown ends.
 *
 * An application owns its message queue and, in callback mode, the
 * thread that drains it.  Its HLINEAPP lives in the process-wide table
 * tapi_apps; API functions look it up (taking a reference) and drop the
 * reference when done, so lineShutdown on one thread never frees an
 * application another thread is using: it removes the handle, closes
 * the queue (waking lineGetMessage), stops the callback thread and drops
 * the table's reference; the last user frees the memory.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

struct tapi_handle_table tapi_apps = TAPI_HANDLE_TABLE_INIT(TAPI_HANDLE_LINEAPP);

static struct tapi_app *to_app(struct tapi_object *obj)
{
	return (struct tapi_app *)((char *)obj - offsetof(struct tapi_app, obj));
}

static void app_release(struct tapi_object *obj)
{
	struct tapi_app *app = to_app(obj);

	tapi_msgq_destroy(&app->queue);
	free(app->friendly_name);
	free(app);
}

/**
 * tapi_app_create() - create an application and its HLINEAPP
 * @options: LINEINITIALIZEEXOPTION_USEHIDDENWINDOW (callback mode) or
 *	LINEINITIALIZEEXOPTION_USEEVENT; already validated
 * @callback: the callback of callback mode, else ignored
 * @friendly_name: the name shown in LINECALLINFO; copied
 * @api_version: the highest API version the application supports
 * @num_devs: line devices the application is told about
 * @app_out: out: the application, referenced (tapi_app_put() it)
 *
 * Return: 0, LINEERR_NOMEM, LINEERR_RESOURCEUNAVAIL (no thread, no
 * eventfd, or the handle table is full), LINEERR_OPERATIONFAILED.
 */
LONG tapi_app_create(DWORD options, LINECALLBACK callback,
		     const char *friendly_name, DWORD api_version,
		     DWORD num_devs, struct tapi_app **app_out)
{
	struct tapi_app *app;
	int err;

	app = calloc(1, sizeof(*app));
	if (!app)
		return LINEERR_NOMEM;
	app->mode = options == LINEINITIALIZEEXOPTION_USEEVENT ?
		    TAPI_NOTIFY_EVENT : TAPI_NOTIFY_CALLBACK;
	app->api_version = api_version;
	app->num_devs = num_devs;
	app->friendly_name = strdup(friendly_name);
	if (!app->friendly_name) {
		free(app);
		return LINEERR_NOMEM;
	}
	err = tapi_msgq_init(&app->queue, app->mode == TAPI_NOTIFY_EVENT);
	if (err) {
		free(app->friendly_name);
		free(app);
		return tapi_lineerr_from_errno(err);
	}
	tapi_object_init(&app->obj, app_release);

	if (app->mode == TAPI_NOTIFY_CALLBACK) {
		err = tapi_dispatcher_start(&app->dispatcher, &app->queue,
					    callback, &app->obj);
		if (err)
			goto err_dispatcher;
	}

	tapi_object_get(&app->obj);	/* the table's reference */
	err = tapi_handle_alloc(&tapi_apps, &app->obj, &app->handle);
	if (err) {
		tapi_object_put(&app->obj);
		goto err_handle;
	}
	*app_out = app;
	return 0;

err_handle:
	tapi_msgq_close(&app->queue);
	tapi_dispatcher_stop(&app->dispatcher);
err_dispatcher:
	tapi_object_put(&app->obj);
	return tapi_lineerr_from_errno(err);
}

/* What a dead or foreign HLINEAPP means: TAPI tells apart "never
 * initialized" from "not one of yours". */
static LONG no_such_app(void)
{
	return tapi_handle_count(&tapi_apps) ? LINEERR_INVALAPPHANDLE :
					       LINEERR_UNINITIALIZED;
}

/**
 * tapi_app_lookup() - the application an HLINEAPP names
 * @handle: from the application
 * @app_out: out: the application, referenced (tapi_app_put() it)
 *
 * Return: 0; LINEERR_UNINITIALIZED when the process has no application
 * at all; LINEERR_INVALAPPHANDLE otherwise.
 */
LONG tapi_app_lookup(HLINEAPP handle, struct tapi_app **app_out)
{
	struct tapi_object *obj = tapi_handle_get(&tapi_apps, handle);

	if (!obj)
		return no_such_app();
	*app_out = to_app(obj);
	return 0;
}

/**
 * tapi_app_put() - drop a reference from tapi_app_lookup/create
 * @app: the application, or NULL
 */
void tapi_app_put(struct tapi_app *app)
{
	if (app)
		tapi_object_put(&app->obj);
}

/**
 * tapi_app_shutdown() - end an application (lineShutdown)
 * @handle: its HLINEAPP
 *
 * Threads waiting in lineGetMessage return LINEERR_INVALAPPHANDLE; a
 * callback in progress on another thread is waited for; messages still
 * queued are discarded.
 *
 * Return: 0, LINEERR_INVALAPPHANDLE or LINEERR_UNINITIALIZED.
 */
LONG tapi_app_shutdown(HLINEAPP handle)
{
	struct tapi_object *obj = tapi_handle_remove(&tapi_apps, handle);
	struct tapi_app *app;

	if (!obj)
		return no_such_app();
	app = to_app(obj);
	tapi_msgq_close(&app->queue);
	tapi_dispatcher_stop(&app->dispatcher);
	tapi_object_put(obj);
	return 0;
}

/**
 * tapi_app_post() - queue a message for an application
 * @app: the application
 * @device: hDevice (HLINE, HCALL or 0)
 * @message: LINE_ message number
 * @instance: dwCallbackInstance
 * @p1: dwParam1
 * @p2: dwParam2
 * @p3: dwParam3
 *
 * Return: as tapi_msgq_post().
 */
int tapi_app_post(struct tapi_app *app, DWORD device, DWORD message,
		  DWORD_PTR instance, DWORD_PTR p1, DWORD_PTR p2,
		  DWORD_PTR p3)
{
	LINEMESSAGE m = {
		.hDevice = device,
		.dwMessageID = message,
		.dwCallbackInstance = instance,
		.dwParam1 = p1,
		.dwParam2 = p2,
		.dwParam3 = p3,
	};

	return tapi_msgq_post(&app->queue, &m);
}
