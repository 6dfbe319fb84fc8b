// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Handle tables: HLINEAPP, HLINE and HCALL values and the objects they
 * name.
 *
 * A handle encodes its kind, a slot index and the slot's generation.
 * Freeing a handle bumps the generation and queues the slot at the tail
 * of a FIFO free list, so a stale handle does not find the slot's next
 * occupant until the slot has been reused 2^14 times.  Lookups take a
 * reference on the object under the table lock, so an object stays alive
 * while an API call uses it even if another thread frees its handle.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

#define NO_SLOT		UINT32_MAX
#define KIND_SHIFT	(TAPI_HANDLE_INDEX_BITS + TAPI_HANDLE_GEN_BITS)
#define GEN_MASK	((1U << TAPI_HANDLE_GEN_BITS) - 1)
#define INDEX_MASK	((1U << TAPI_HANDLE_INDEX_BITS) - 1)

_Static_assert(KIND_SHIFT + 3 <= 31, "handles must stay positive as LONG");

struct tapi_handle_slot {
	struct tapi_object *obj;	/* NULL while free */
	uint32_t gen;
	uint32_t next_free;
};

/**
 * tapi_object_init() - give a new object its first reference
 * @obj: the object
 * @release: called when the last reference goes; frees the object
 */
void tapi_object_init(struct tapi_object *obj,
		      void (*release)(struct tapi_object *obj))
{
	atomic_init(&obj->refs, 1);
	obj->release = release;
}

/**
 * tapi_object_get() - take a reference
 * @obj: an object the caller already holds a reference on
 */
void tapi_object_get(struct tapi_object *obj)
{
	atomic_fetch_add_explicit(&obj->refs, 1, memory_order_relaxed);
}

/**
 * tapi_object_put() - drop a reference, releasing the object on the last
 * @obj: the object, or NULL
 */
void tapi_object_put(struct tapi_object *obj)
{
	if (!obj)
		return;
	if (atomic_fetch_sub_explicit(&obj->refs, 1, memory_order_acq_rel) == 1)
		obj->release(obj);
}

/**
 * tapi_handle_table_init() - set up an empty table
 * @t: the table
 * @kind: the kind of handle it hands out
 */
void tapi_handle_table_init(struct tapi_handle_table *t,
			    enum tapi_handle_kind kind)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	t->kind = kind;
	t->free_head = t->free_tail = NO_SLOT;
}

/**
 * tapi_handle_table_destroy() - drop the table's references and memory
 * @t: the table; no other thread may use it any more
 */
void tapi_handle_table_destroy(struct tapi_handle_table *t)
{
	for (uint32_t i = 0; i < t->nslots; i++)
		tapi_object_put(t->slots[i].obj);
	free(t->slots);
	pthread_mutex_destroy(&t->lock);
	t->slots = NULL;
	t->nslots = t->used = 0;
}

static void push_free(struct tapi_handle_table *t, uint32_t index)
{
	t->slots[index].next_free = NO_SLOT;
	if (t->free_tail == NO_SLOT)
		t->free_head = index;
	else
		t->slots[t->free_tail].next_free = index;
	t->free_tail = index;
}

static int grow(struct tapi_handle_table *t)
{
	uint32_t n = t->nslots ? t->nslots * 2 : 16;
	struct tapi_handle_slot *s;

	if (t->nslots >= TAPI_HANDLE_MAX_SLOTS)
		return -ENOSPC;
	if (n > TAPI_HANDLE_MAX_SLOTS)
		n = TAPI_HANDLE_MAX_SLOTS;
	s = realloc(t->slots, n * sizeof(*s));
	if (!s)
		return -ENOMEM;
	memset(s + t->nslots, 0, (n - t->nslots) * sizeof(*s));
	t->slots = s;
	for (uint32_t i = t->nslots; i < n; i++)
		push_free(t, i);
	t->nslots = n;
	return 0;
}

static DWORD encode(const struct tapi_handle_table *t, uint32_t index)
{
	return ((DWORD)t->kind << KIND_SHIFT) |
	       ((t->slots[index].gen & GEN_MASK) << TAPI_HANDLE_INDEX_BITS) |
	       index;
}

/* The slot a handle names, or NO_SLOT; called with t->lock held. */
static uint32_t decode(const struct tapi_handle_table *t, DWORD handle)
{
	uint32_t index = handle & INDEX_MASK;
	uint32_t gen = (handle >> TAPI_HANDLE_INDEX_BITS) & GEN_MASK;

	if (handle >> KIND_SHIFT != (DWORD)t->kind || index >= t->nslots)
		return NO_SLOT;
	if (!t->slots[index].obj || t->slots[index].gen != gen)
		return NO_SLOT;
	return index;
}

/**
 * tapi_handle_alloc() - give an object a handle
 * @t: the table
 * @obj: the object; the table takes over the caller's reference
 * @handle: out: the new handle, never 0
 *
 * Return: 0, -ENOSPC when the table is full, -ENOMEM.  On error the
 * caller keeps its reference.
 */
int tapi_handle_alloc(struct tapi_handle_table *t, struct tapi_object *obj,
		      DWORD *handle)
{
	uint32_t index;
	int err = 0;

	pthread_mutex_lock(&t->lock);
	if (t->free_head == NO_SLOT)
		err = grow(t);
	if (!err) {
		index = t->free_head;
		t->free_head = t->slots[index].next_free;
		if (t->free_head == NO_SLOT)
			t->free_tail = NO_SLOT;
		t->slots[index].obj = obj;
		t->used++;
		*handle = encode(t, index);
	}
	pthread_mutex_unlock(&t->lock);
	return err;
}

/**
 * tapi_handle_get() - the object a handle names, referenced
 * @t: the table
 * @handle: a handle from the application
 *
 * Return: the object with a new reference (drop it with
 * tapi_object_put()), or NULL for a handle that is not live in @t.
 */
struct tapi_object *tapi_handle_get(struct tapi_handle_table *t,
				    DWORD handle)
{
	struct tapi_object *obj = NULL;
	uint32_t index;

	pthread_mutex_lock(&t->lock);
	index = decode(t, handle);
	if (index != NO_SLOT) {
		obj = t->slots[index].obj;
		tapi_object_get(obj);
	}
	pthread_mutex_unlock(&t->lock);
	return obj;
}

/**
 * tapi_handle_remove() - free a handle
 * @t: the table
 * @handle: the handle
 *
 * Return: the object, carrying the reference the table held (the caller
 * drops it), or NULL if @handle was not live.  Later lookups of @handle
 * fail.
 */
struct tapi_object *tapi_handle_remove(struct tapi_handle_table *t,
				       DWORD handle)
{
	struct tapi_object *obj = NULL;
	uint32_t index;

	pthread_mutex_lock(&t->lock);
	index = decode(t, handle);
	if (index != NO_SLOT) {
		obj = t->slots[index].obj;
		t->slots[index].obj = NULL;
		t->slots[index].gen = (t->slots[index].gen + 1) & GEN_MASK;
		t->used--;
		push_free(t, index);
	}
	pthread_mutex_unlock(&t->lock);
	return obj;
}

/**
 * tapi_handle_count() - live handles in a table
 * @t: the table
 *
 * Return: the number of handles allocated and not yet removed.
 */
uint32_t tapi_handle_count(struct tapi_handle_table *t)
{
	uint32_t n;

	pthread_mutex_lock(&t->lock);
	n = t->used;
	pthread_mutex_unlock(&t->lock);
	return n;
}

/**
 * tapi_handle_collect() - the objects of the live handles, referenced
 * @t: the table
 * @objs: out: up to @max objects, each with a new reference
 * @max: room in @objs
 *
 * Return: the number of objects stored.
 */
size_t tapi_handle_collect(struct tapi_handle_table *t,
			   struct tapi_object **objs, size_t max)
{
	size_t n = 0;

	pthread_mutex_lock(&t->lock);
	for (uint32_t i = 0; i < t->nslots && n < max; i++) {
		if (!t->slots[i].obj)
			continue;
		tapi_object_get(t->slots[i].obj);
		objs[n++] = t->slots[i].obj;
	}
	pthread_mutex_unlock(&t->lock);
	return n;
}
