// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Phone devices: the stations this process has open as phones, and what
 * their channels' events mean to the phone API.
 *
 * A phone device exists while at least one HPHONE is open on it.  It
 * holds a reference on the line device of its channel, which opens the
 * channel (or follows it by netlink, for a monitor without access to the
 * device) and whose events the engine thread reads; tapi_linedev_event()
 * hands each one to tapi_phonedev_event() as well:
 *   - HOOK: PHONE_STATE PHONESTATE_HANDSETHOOKSWITCH, dwParam2 ONHOOK or
 *     MICSPEAKER (handset and speaker of a station are one device);
 *     off-hook also ends ringing (the kernel stops it): RINGMODE 0;
 *   - RING_DONE: ringing ended by itself: PHONESTATE_RINGMODE 0;
 *   - DIGIT_START/END (an FXS station's DTMF, heard by the DSP) and KEY
 *     (a handset's keys, duration 0 on press): PHONE_BUTTON DOWN/UP;
 *   - FLASH: the FLASH button, DOWN then UP.
 * Removal of the channel: PHONE_STATE DISCONNECTED (if asked for) and
 * REMOVED (always, from TAPI 1.4 on) to every open phone; the handles
 * stay valid for phoneClose, everything else on them is
 * PHONEERR_NODEVICE.  PHONE_CREATE / PHONE_REMOVE go to every phone
 * application from the engine's device refresh.
 * Everything here runs with the engine lock held.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"

static struct tapi_phonedev *phonedevs;	/* (E) */

/**
 * tapi_phonedev_chan() - the open channel of a phone device
 * @pd: the phone device
 *
 * Return: the channel, or NULL when removed or only followed by netlink.
 */
struct tapi_chan *tapi_phonedev_chan(const struct tapi_phonedev *pd)
{
	return pd->removed || !pd->ld ? NULL : pd->ld->chan;
}

/**
 * tapi_phonedev_count() - how many open phones have a privilege
 * @pd: the phone device
 * @privilege: PHONEPRIVILEGE_OWNER or _MONITOR
 *
 * Return: the number of HPHONEs of this process with it.
 */
DWORD tapi_phonedev_count(const struct tapi_phonedev *pd, DWORD privilege)
{
	DWORD n = 0;

	for (const struct tapi_phone *ph = pd->phones; ph; ph = ph->next)
		if (ph->privilege == privilege)
			n++;
	return n;
}

/**
 * tapi_phonedev_post_state() - PHONE_STATE to the phones that asked
 * @pd: the phone device
 * @state: one PHONESTATE_ bit (dwParam1)
 * @p2: dwParam2
 * @except: a phone not to tell (the one that caused it), or NULL
 *
 * REINIT and REMOVED cannot be switched off (REMOVED needs TAPI 1.4).
 */
void tapi_phonedev_post_state(struct tapi_phonedev *pd, DWORD state, DWORD p2,
			      const struct tapi_phone *except)
{
	for (struct tapi_phone *ph = pd->phones; ph; ph = ph->next) {
		bool wanted = ph->phone_states & state ||
			      state == PHONESTATE_REINIT ||
			      (state == PHONESTATE_REMOVED &&
			       ph->version >= TAPI_VERSION_1_4);

		if (ph != except && wanted)
			tapi_phone_post(ph, PHONE_STATE, state, p2, 0);
	}
}

/**
 * tapi_phonedev_get() - open (or share) the phone device of a phone ID
 * @phone_id: a phone device ID
 * @privilege: PHONEPRIVILEGE_OWNER needs the channel's device; a monitor
 *	makes do with the netlink events
 * @pd_out: out: referenced (tapi_phonedev_put() it)
 *
 * Engine lock held.
 *
 * Return: 0; PHONEERR_BADDEVICEID, PHONEERR_NODEVICE,
 * PHONEERR_RESOURCEUNAVAIL (no permission), PHONEERR_NOMEM,
 * PHONEERR_OPERATIONFAILED.
 */
LONG tapi_phonedev_get(DWORD phone_id, DWORD privilege,
		       struct tapi_phonedev **pd_out)
{
	DWORD lpriv = privilege & PHONEPRIVILEGE_OWNER ?
		      LINECALLPRIVILEGE_OWNER : LINECALLPRIVILEGE_MONITOR;
	const struct tapi_backend *b = tapi_backend_get();
	struct tapi_dev_info info, fresh;
	struct tapi_phonedev *pd;
	struct tapi_linedev *ld;
	uint32_t line_id;
	LONG err;

	tapi_engine_assert_locked();
	for (pd = phonedevs; pd; pd = pd->next) {
		if (pd->phone_id != phone_id || pd->removed)
			continue;
		if (!pd->ld->chan && lpriv == LINECALLPRIVILEGE_OWNER) {
			/* followed by netlink so far: the owner needs more */
			err = tapi_linedev_get(pd->line_id, lpriv, &ld);
			if (err)
				return tapi_phoneerr_from_lineerr(err);
			tapi_linedev_put(ld);
		}
		pd->refs++;
		*pd_out = pd;
		return 0;
	}
	if (tapi_registry_phone_line(phone_id, &line_id))
		return PHONEERR_BADDEVICEID;
	if (tapi_registry_lookup(line_id, &info))
		return PHONEERR_NODEVICE;
	err = tapi_linedev_get(line_id, lpriv, &ld);
	if (err)
		return tapi_phoneerr_from_lineerr(err);
	pd = calloc(1, sizeof(*pd));
	if (!pd) {
		tapi_linedev_put(ld);
		return PHONEERR_NOMEM;
	}
	/* The hook and ringing now, not at the last enumeration. */
	if (b->query && !b->query(&info, &fresh)) {
		info.hook = fresh.hook;
		info.ringing = fresh.ringing;
	}
	pd->refs = 1;
	pd->phone_id = phone_id;
	pd->line_id = line_id;
	pd->info = info;
	pd->ld = ld;
	pd->hook_mode = info.hook == TAPI_HOOK_OFF ?
			PHONEHOOKSWITCHMODE_MICSPEAKER :
			PHONEHOOKSWITCHMODE_ONHOOK;
	pd->ring_mode = info.ringing ? 1 : 0;	/* a line rings it */
	for (size_t i = 0; i < TAPI_PHONE_BUTTONS_MAX; i++)
		pd->button_state[i] = PHONEBUTTONSTATE_UP;
	pd->next = phonedevs;
	phonedevs = pd;
	*pd_out = pd;
	return 0;
}

/**
 * tapi_phonedev_put() - drop a reference; the last one lets the line
 *	device go
 * @pd: the phone device, or NULL
 *
 * Engine lock held.
 */
void tapi_phonedev_put(struct tapi_phonedev *pd)
{
	struct tapi_phonedev **pp;

	if (!pd || --pd->refs)
		return;
	for (pp = &phonedevs; *pp; pp = &(*pp)->next) {
		if (*pp == pd) {
			*pp = pd->next;
			break;
		}
	}
	tapi_linedev_put(pd->ld);
	free(pd);
}

static void ring_ended(struct tapi_phonedev *pd)
{
	if (!pd->ring_mode)
		return;
	pd->ring_mode = 0;
	tapi_phonedev_post_state(pd, PHONESTATE_RINGMODE, 0, NULL);
}

static void button(struct tapi_phonedev *pd, char key, DWORD state)
{
	int id = tapi_phone_button_of_key(&pd->info, key);
	const struct tapi_phone_button *b;

	if (id < 0)
		return;
	b = tapi_phone_button(&pd->info, (DWORD)id);
	pd->button_state[id] = state;
	for (struct tapi_phone *ph = pd->phones; ph; ph = ph->next)
		if (ph->button_modes & b->mode && ph->button_states & state)
			tapi_phone_post(ph, PHONE_BUTTON, (DWORD)id, b->mode,
					state);
}

static void phone_event(struct tapi_phonedev *pd, const struct tapi_event *ev)
{
	DWORD mode;

	switch (ev->type) {
	case TAPI_EV_HOOK:
		mode = ev->value == TAPI_HOOK_OFF ?
		       PHONEHOOKSWITCHMODE_MICSPEAKER :
		       PHONEHOOKSWITCHMODE_ONHOOK;
		if (mode != pd->hook_mode) {
			pd->hook_mode = mode;
			tapi_phonedev_post_state(pd,
						 PHONESTATE_HANDSETHOOKSWITCH,
						 mode, NULL);
		}
		if (mode != PHONEHOOKSWITCHMODE_ONHOOK)
			ring_ended(pd);	/* the kernel stops ringing */
		break;
	case TAPI_EV_RING_DONE:
		ring_ended(pd);
		break;
	case TAPI_EV_DIGIT_START:
		button(pd, (char)ev->value, PHONEBUTTONSTATE_DOWN);
		break;
	case TAPI_EV_DIGIT_END:
		button(pd, (char)ev->value, PHONEBUTTONSTATE_UP);
		break;
	case TAPI_EV_KEY:
		if (ev->value && ev->value < 128)
			button(pd, (char)ev->value, ev->duration_ms ?
			       PHONEBUTTONSTATE_UP : PHONEBUTTONSTATE_DOWN);
		break;
	case TAPI_EV_FLASH:
		button(pd, TAPI_PHONE_KEY_FLASH, PHONEBUTTONSTATE_DOWN);
		button(pd, TAPI_PHONE_KEY_FLASH, PHONEBUTTONSTATE_UP);
		break;
	default:
		break;
	}
}

/**
 * tapi_phonedev_event() - an event of a line device's channel
 * @ld: the line device
 * @ev: the event
 */
void tapi_phonedev_event(struct tapi_linedev *ld, const struct tapi_event *ev)
{
	for (struct tapi_phonedev *pd = phonedevs; pd; pd = pd->next)
		if (pd->ld == ld && !pd->removed)
			phone_event(pd, ev);
}

/**
 * tapi_phonedev_removed() - a line device's channel is gone
 * @ld: the line device (its own removal holds a reference meanwhile)
 */
void tapi_phonedev_removed(struct tapi_linedev *ld)
{
	for (struct tapi_phonedev *pd = phonedevs; pd; pd = pd->next) {
		if (pd->ld != ld || pd->removed)
			continue;
		pd->removed = true;
		pd->ring_mode = 0;
		tapi_phonedev_post_state(pd, PHONESTATE_DISCONNECTED, 0, NULL);
		tapi_phonedev_post_state(pd, PHONESTATE_REMOVED, 0, NULL);
		pd->ld = NULL;
		tapi_linedev_put(ld);
	}
}

/**
 * tapi_phones_devices_changed() - PHONE_CREATE / PHONE_REMOVE for the
 *	stations among line devices that came or went
 * @before: per line device ID: present before the refresh
 * @n_before: entries of @before
 * @after: per line device ID: present now
 * @n_after: entries of @after
 *
 * Engine lock held.  PHONE_CREATE needs TAPI 1.4, PHONE_REMOVE 2.0, as
 * for lines; dwParam1 is the phone device ID.
 */
void tapi_phones_devices_changed(const bool *before, uint32_t n_before,
				 const bool *after, uint32_t n_after)
{
	size_t n = tapi_handle_count(&tapi_phone_apps) + 8, napps;
	struct tapi_object **objs = calloc(n, sizeof(*objs));

	if (!objs)
		return;
	napps = tapi_handle_collect(&tapi_phone_apps, objs, n);
	for (uint32_t id = 0; id < n_after; id++) {
		bool was = id < n_before && before[id];
		uint32_t phone_id;

		if (was == after[id] || tapi_registry_phone_id(id, &phone_id))
			continue;
		if (!after[id])
			for (struct tapi_phonedev *pd = phonedevs; pd;
			     pd = pd->next)
				if (pd->line_id == id && pd->ld)
					tapi_phonedev_removed(pd->ld);
		for (size_t i = 0; i < napps; i++) {
			struct tapi_app *app = (struct tapi_app *)
				((char *)objs[i] - offsetof(struct tapi_app, obj));

			if (after[id] && app->api_version >= TAPI_VERSION_1_4) {
				if (app->num_devs < phone_id + 1)
					app->num_devs = phone_id + 1;
				tapi_post(app, 0, PHONE_CREATE, 0, phone_id, 0,
					  0);
			} else if (!after[id] &&
				   app->api_version >= TAPI_VERSION_2_0) {
				tapi_post(app, 0, PHONE_REMOVE, 0, phone_id, 0,
					  0);
			}
		}
	}
	for (size_t i = 0; i < napps; i++)
		tapi_object_put(objs[i]);
	free(objs);
}
