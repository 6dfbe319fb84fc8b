// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Line device IDs.  TAPI numbers line devices 0..N-1; an application
 * learns N from lineInitializeEx and later devices from LINE_CREATE.  An
 * ID, once given to a channel, keeps meaning that channel for the life of
 * the process: new channels get new IDs at the end, a channel that goes
 * away leaves its ID behind (LINEERR_NODEVICE), and one that comes back
 * with the same identity gets its old ID back.
 *
 * A channel's identity is its driver, card name, position on the card
 * and channel number together.
 *
 * Phone device IDs (the "tapi/phone" class of lineGetID) are handed out
 * the same way to the channels that are stations: FXS ports and
 * handsets, in the order their line IDs were given.
 */
#include <errno.h>
#include <string.h>

#include "private.h"
#include "device.h"

#define NO_PHONE UINT32_MAX

struct registry_entry {
	struct tapi_dev_info info;
	bool present;
	uint32_t phone_id;	/* NO_PHONE for FXO lines */
};

static struct {
	pthread_mutex_t lock;		/* guards every field below */
	struct registry_entry *entries;
	uint32_t count;
	uint32_t cap;
	uint32_t phones;		/* phone IDs handed out */
} registry = { .lock = PTHREAD_MUTEX_INITIALIZER };

static bool is_station(const struct tapi_dev_info *info)
{
	return info->signalling == TAPI_SIG_FXS ||
	       info->signalling == TAPI_SIG_HANDSET;
}

static bool same_channel(const struct tapi_dev_info *a,
			 const struct tapi_dev_info *b)
{
	return a->channel == b->channel && a->index == b->index &&
	       !strcmp(a->card_name, b->card_name) &&
	       !strcmp(a->driver, b->driver);
}

/**
 * tapi_registry_update() - merge an enumeration into the device IDs
 * @list: the channels present now, in channel order
 * @count: out, may be NULL: the number of device IDs, present or not
 *
 * Return: 0 or -ENOMEM (the registry is then unchanged).
 */
int tapi_registry_update(const struct tapi_dev_list *list, uint32_t *count)
{
	struct registry_entry *e;
	uint32_t want, added = 0;

	pthread_mutex_lock(&registry.lock);
	/* Room for every channel being new, so nothing fails half way. */
	want = registry.count + list->count;
	if (want > registry.cap) {
		e = realloc(registry.entries, want * sizeof(*e));
		if (!e) {
			pthread_mutex_unlock(&registry.lock);
			return -ENOMEM;
		}
		registry.entries = e;
		registry.cap = want;
	}
	for (uint32_t i = 0; i < registry.count; i++)
		registry.entries[i].present = false;
	for (size_t j = 0; j < list->count; j++) {
		const struct tapi_dev_info *info = &list->devs[j];
		uint32_t i;

		for (i = 0; i < registry.count; i++)
			if (same_channel(&registry.entries[i].info, info))
				break;
		if (i == registry.count) {
			i = registry.count + added++;
			registry.entries[i].phone_id =
				is_station(info) ? registry.phones++ : NO_PHONE;
		}
		registry.entries[i].info = *info;
		registry.entries[i].present = true;
	}
	registry.count += added;
	if (count)
		*count = registry.count;
	pthread_mutex_unlock(&registry.lock);
	return 0;
}

/**
 * tapi_registry_refresh() - enumerate the channels (through the backend)
 *	and update the IDs
 * @count: out, may be NULL: the number of device IDs
 *
 * Return: 0 or the error of tapi_dev_enumerate()/tapi_registry_update().
 */
int tapi_registry_refresh(uint32_t *count)
{
	struct tapi_dev_list list;
	int err;

	err = tapi_backend_get()->enumerate(&list);
	if (err)
		return err;
	err = tapi_registry_update(&list, count);
	tapi_dev_list_release(&list);
	return err;
}

/**
 * tapi_registry_lookup() - the channel behind a device ID
 * @device_id: a TAPI line device ID
 * @info: out, may be NULL: the channel as last enumerated
 *
 * Return: 0; -ERANGE for an ID never handed out; -ENODEV for a channel
 * that is gone.
 */
int tapi_registry_lookup(uint32_t device_id, struct tapi_dev_info *info)
{
	int err = 0;

	pthread_mutex_lock(&registry.lock);
	if (device_id >= registry.count)
		err = -ERANGE;
	else if (!registry.entries[device_id].present)
		err = -ENODEV;
	else if (info)
		*info = registry.entries[device_id].info;
	pthread_mutex_unlock(&registry.lock);
	return err;
}

/**
 * tapi_registry_find_channel() - the device ID of a present channel
 * @channel: its number, the <N> of /dev/tapi/<N>
 * @device_id: out
 *
 * Return: 0 or -ENODEV when no present channel has that number.
 */
int tapi_registry_find_channel(unsigned int channel, uint32_t *device_id)
{
	int err = -ENODEV;

	pthread_mutex_lock(&registry.lock);
	for (uint32_t i = 0; i < registry.count; i++) {
		if (registry.entries[i].present &&
		    registry.entries[i].info.channel == channel) {
			*device_id = i;
			err = 0;
			break;
		}
	}
	pthread_mutex_unlock(&registry.lock);
	return err;
}

/**
 * tapi_registry_phone_id() - the phone device ID of a line's channel
 * @device_id: a line device ID
 * @phone_id: out
 *
 * Return: 0; -ERANGE for an unknown ID; -ENOENT when the channel is not
 * a station (FXO lines are no phones).
 */
int tapi_registry_phone_id(uint32_t device_id, uint32_t *phone_id)
{
	int err = 0;

	pthread_mutex_lock(&registry.lock);
	if (device_id >= registry.count)
		err = -ERANGE;
	else if (registry.entries[device_id].phone_id == NO_PHONE)
		err = -ENOENT;
	else
		*phone_id = registry.entries[device_id].phone_id;
	pthread_mutex_unlock(&registry.lock);
	return err;
}

/**
 * tapi_registry_phone_line() - the line device ID of a phone's channel
 * @phone_id: a phone device ID
 * @device_id: out
 *
 * Return: 0; -ERANGE for a phone ID never handed out.
 */
int tapi_registry_phone_line(uint32_t phone_id, uint32_t *device_id)
{
	int err = -ERANGE;

	pthread_mutex_lock(&registry.lock);
	for (uint32_t i = 0; i < registry.count; i++) {
		if (registry.entries[i].phone_id == phone_id) {
			*device_id = i;
			err = 0;
			break;
		}
	}
	pthread_mutex_unlock(&registry.lock);
	return err;
}

/**
 * tapi_registry_phone_count() - the number of phone device IDs
 *
 * Return: the phone IDs handed out so far, present or not.
 */
uint32_t tapi_registry_phone_count(void)
{
	uint32_t n;

	pthread_mutex_lock(&registry.lock);
	n = registry.phones;
	pthread_mutex_unlock(&registry.lock);
	return n;
}

/**
 * tapi_registry_present() - which device IDs have a channel now
 * @present: out: one flag per ID, room for @max
 * @max: entries of @present
 *
 * Return: the number of IDs (which may exceed @max; only @max are set).
 */
uint32_t tapi_registry_present(bool *present, uint32_t max)
{
	uint32_t n;

	pthread_mutex_lock(&registry.lock);
	n = registry.count;
	for (uint32_t i = 0; i < n && i < max; i++)
		present[i] = registry.entries[i].present;
	pthread_mutex_unlock(&registry.lock);
	return n;
}

/**
 * tapi_registry_reset() - forget every device ID (tests only: IDs handed
 *	to applications would change meaning)
 */
void tapi_registry_reset(void)
{
	pthread_mutex_lock(&registry.lock);
	free(registry.entries);
	registry.entries = NULL;
	registry.count = registry.cap = registry.phones = 0;
	pthread_mutex_unlock(&registry.lock);
}
