// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * HLINE objects: one per lineOpen, living in tapi_lines until lineClose,
 * lineShutdown, or the removal of the hardware (LINE_CLOSE).
 *
 * Closing a line revokes its call handles; a call whose sole owner the
 * line was is dropped first (LINEDEVCAPFLAGS_CLOSEDROP).
 */
#include <errno.h>
#include <string.h>

#include "engine.h"
#include "proxy.h"

struct tapi_handle_table tapi_lines = TAPI_HANDLE_TABLE_INIT(TAPI_HANDLE_LINE);

static struct tapi_line *to_line(struct tapi_object *obj)
{
	return (struct tapi_line *)((char *)obj -
				    offsetof(struct tapi_line, obj));
}

static void line_release(struct tapi_object *obj)
{
	struct tapi_line *line = to_line(obj);

	tapi_app_put(line->app);
	free(line);
}

/**
 * tapi_line_init_object() - a new line's first reference
 * @line: the line; ->app holds a reference the line now owns
 */
void tapi_line_init_object(struct tapi_line *line)
{
	tapi_object_init(&line->obj, line_release);
}

/**
 * tapi_line_lookup() - the line an HLINE names
 * @handle: from the application
 * @line_out: out: referenced (tapi_line_put() it)
 *
 * Return: 0, LINEERR_INVALLINEHANDLE, or LINEERR_UNINITIALIZED when the
 * process has no application.
 */
LONG tapi_line_lookup(HLINE handle, struct tapi_line **line_out)
{
	struct tapi_object *obj = tapi_handle_get(&tapi_lines, handle);

	if (!obj)
		return tapi_handle_count(&tapi_apps) ? LINEERR_INVALLINEHANDLE :
						       LINEERR_UNINITIALIZED;
	*line_out = to_line(obj);
	return 0;
}

/**
 * tapi_line_put() - drop a reference to a line
 * @line: the line, or NULL
 */
void tapi_line_put(struct tapi_line *line)
{
	if (line)
		tapi_object_put(&line->obj);
}

/**
 * tapi_line_post() - a message to the line's application
 * @line: the line; its dwCallbackInstance goes with the message
 * @device: hDevice (the HLINE or an HCALL)
 * @message: LINE_ message
 * @p1: dwParam1
 * @p2: dwParam2
 * @p3: dwParam3
 *
 * Engine lock held.
 */
void tapi_line_post(const struct tapi_line *line, DWORD device,
		    DWORD message, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3)
{
	tapi_post(line->app, device, message, line->instance, p1, p2, p3);
}

/* Is @line the only owner of @call in this process, and can we drop it? */
static bool sole_owner(const struct tapi_call *call,
		       const struct tapi_line *line)
{
	const struct tapi_hcall *mine = tapi_call_handle_of(call, line);

	return mine && mine->privilege == LINECALLPRIVILEGE_OWNER &&
	       tapi_call_count_privilege(call, LINECALLPRIVILEGE_OWNER) == 1;
}

/**
 * tapi_line_close_locked() - close an open line
 * @line: the line
 * @notify: the application did not ask: tell it with LINE_CLOSE
 *
 * Engine lock held.  The line's handle stops working; its call handles
 * are revoked, after dropping the calls it was the sole owner of.
 */
void tapi_line_close_locked(struct tapi_line *line, bool notify)
{
	struct tapi_linedev *ld = line->dev;
	struct tapi_line **pp;
	struct tapi_object *obj;
	bool again;

	if (!ld)
		return;
	if (notify)
		tapi_line_post(line, line->handle, LINE_CLOSE, 0, 0, 0);
	tapi_proxy_line_closed(line);	/* no proxy, no requests any more */
	do {
		again = false;
		for (struct tapi_call *call = ld->calls; call;
		     call = call->next) {
			struct tapi_hcall *hc = tapi_call_handle_of(call, line);

			if (!hc)
				continue;
			if (call->current && sole_owner(call, line))
				tapi_call_hangup(call, NULL);
			tapi_hcall_release_locked(hc);
			again = true;	/* the list may have changed */
			break;
		}
	} while (again);
	for (pp = &ld->lines; *pp; pp = &(*pp)->next) {
		if (*pp == line) {
			*pp = line->next;
			break;
		}
	}
	line->dev = NULL;
	tapi_rdv_unregister(ld->rdv, line);
	tapi_linedev_post_linestate(ld, LINEDEVSTATE_CLOSE, 0, 0, NULL);
	/* No line left: nobody follows the channel's call any more, and
	 * its device can close (a reopened line reads the call afresh). */
	if (!ld->lines && ld->call && !ld->call->handles) {
		struct tapi_call *call = ld->call;

		ld->call = NULL;
		call->current = false;
		tapi_call_put(call);
	}
	obj = tapi_handle_remove(&tapi_lines, line->handle);
	tapi_object_put(obj);		/* the table's reference */
	tapi_linedev_put(ld);
}

/**
 * tapi_lines_close_app() - close every line of an application
 * @app: the application (lineShutdown)
 */
void tapi_lines_close_app(struct tapi_app *app)
{
	bool again;

	tapi_engine_lock();
	do {
		again = false;
		for (struct tapi_linedev *ld = tapi_linedev_first(); ld && !again;
		     ld = ld->next) {
			for (struct tapi_line *l = ld->lines; l; l = l->next) {
				if (l->app == app) {
					tapi_line_close_locked(l, false);
					again = true;
					break;
				}
			}
		}
	} while (again);
	tapi_engine_unlock();
}

/**
 * tapi_line_begin() - look up an HLINE and take the engine lock
 * @handle: from the application
 * @line_out: out: the open line, referenced
 *
 * Return: 0 with the lock held (end with tapi_line_end()), else the
 * LINEERR_ for the handle and no lock.
 */
LONG tapi_line_begin(HLINE handle, struct tapi_line **line_out)
{
	struct tapi_line *line;
	LONG err = tapi_line_lookup(handle, &line);

	if (err)
		return err;
	tapi_engine_lock();
	if (!line->dev) {	/* closed by another thread meanwhile */
		tapi_engine_unlock();
		tapi_line_put(line);
		return LINEERR_INVALLINEHANDLE;
	}
	*line_out = line;
	return 0;
}

/**
 * tapi_line_end() - release what tapi_line_begin() took
 * @line: the line
 */
void tapi_line_end(struct tapi_line *line)
{
	tapi_engine_unlock();
	tapi_line_put(line);
}
