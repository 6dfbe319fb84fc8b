// SPDX-License-Identifier: LGPL-2.1-or-later
/* handle.c: generation-counted, thread-safe handle tables. */
#include <errno.h>
#include <string.h>

#include "check_libtapi.h"

struct thing {
	struct tapi_object obj;
	int id;
	int *released;		/* incremented on release */
};

static void thing_release(struct tapi_object *obj)
{
	struct thing *t = (struct thing *)obj;

	if (t->released)
		++*t->released;
	free(t);
}

static struct thing *thing_new(int id, int *released)
{
	struct thing *t = calloc(1, sizeof(*t));

	ck_assert_ptr_nonnull(t);
	tapi_object_init(&t->obj, thing_release);
	t->id = id;
	t->released = released;
	return t;
}

START_TEST(test_handle_alloc_lookup_remove)
{
	struct tapi_handle_table tab;
	struct thing *t = thing_new(7, NULL);
	struct tapi_object *o;
	DWORD h = 0;

	tapi_handle_table_init(&tab, TAPI_HANDLE_LINE);
	ck_assert_int_eq(tapi_handle_alloc(&tab, &t->obj, &h), 0);
	ck_assert_uint_ne(h, 0);
	ck_assert_int_gt((LONG)h, 0);
	ck_assert_uint_eq(tapi_handle_count(&tab), 1);
	o = tapi_handle_get(&tab, h);
	ck_assert_ptr_eq(o, &t->obj);
	tapi_object_put(o);
	o = tapi_handle_remove(&tab, h);
	ck_assert_ptr_eq(o, &t->obj);
	tapi_object_put(o);
	ck_assert_uint_eq(tapi_handle_count(&tab), 0);
	ck_assert_ptr_null(tapi_handle_get(&tab, h));
	ck_assert_ptr_null(tapi_handle_remove(&tab, h));
	tapi_handle_table_destroy(&tab);
}
END_TEST

START_TEST(test_handle_stale_after_reuse)
{
	struct tapi_handle_table tab;
	DWORD first, h;

	tapi_handle_table_init(&tab, TAPI_HANDLE_CALL);
	ck_assert_int_eq(tapi_handle_alloc(&tab, &thing_new(1, NULL)->obj,
					   &first), 0);
	tapi_object_put(tapi_handle_remove(&tab, first));
	/* churn until every slot, the first one included, was reused */
	for (int i = 0; i < 64; i++) {
		ck_assert_int_eq(tapi_handle_alloc(&tab,
				 &thing_new(i, NULL)->obj, &h), 0);
		ck_assert_uint_ne(h, first);
		ck_assert_ptr_null(tapi_handle_get(&tab, first));
		tapi_object_put(tapi_handle_remove(&tab, h));
	}
	tapi_handle_table_destroy(&tab);
}
END_TEST

START_TEST(test_handle_kinds_do_not_mix)
{
	struct tapi_handle_table lines, calls;
	DWORD hl, hc;

	tapi_handle_table_init(&lines, TAPI_HANDLE_LINE);
	tapi_handle_table_init(&calls, TAPI_HANDLE_CALL);
	ck_assert_int_eq(tapi_handle_alloc(&lines, &thing_new(1, NULL)->obj,
					   &hl), 0);
	ck_assert_int_eq(tapi_handle_alloc(&calls, &thing_new(2, NULL)->obj,
					   &hc), 0);
	ck_assert_uint_ne(hl, hc);
	ck_assert_ptr_null(tapi_handle_get(&calls, hl));
	ck_assert_ptr_null(tapi_handle_get(&lines, hc));
	ck_assert_ptr_null(tapi_handle_get(&lines, 0));
	ck_assert_ptr_null(tapi_handle_get(&lines, 0xFFFFFFFF));
	tapi_handle_table_destroy(&lines);
	tapi_handle_table_destroy(&calls);
}
END_TEST

START_TEST(test_handle_reference_outlives_remove)
{
	struct tapi_handle_table tab;
	int released = 0;
	struct thing *t = thing_new(3, &released);
	struct tapi_object *held;
	DWORD h;

	tapi_handle_table_init(&tab, TAPI_HANDLE_LINEAPP);
	ck_assert_int_eq(tapi_handle_alloc(&tab, &t->obj, &h), 0);
	held = tapi_handle_get(&tab, h);	/* an API call in progress */
	tapi_object_put(tapi_handle_remove(&tab, h));	/* lineShutdown */
	ck_assert_int_eq(released, 0);
	ck_assert_int_eq(((struct thing *)held)->id, 3);
	tapi_object_put(held);
	ck_assert_int_eq(released, 1);
	tapi_handle_table_destroy(&tab);
}
END_TEST

START_TEST(test_handle_table_full)
{
	struct tapi_handle_table tab;
	struct thing *extra = thing_new(-1, NULL);
	DWORD h;

	tapi_handle_table_init(&tab, TAPI_HANDLE_CALL);
	for (uint32_t i = 0; i < TAPI_HANDLE_MAX_SLOTS; i++)
		ck_assert_int_eq(tapi_handle_alloc(&tab,
				 &thing_new(i, NULL)->obj, &h), 0);
	ck_assert_int_eq(tapi_handle_alloc(&tab, &extra->obj, &h), -ENOSPC);
	tapi_object_put(&extra->obj);	/* still the caller's */
	ck_assert_uint_eq(tapi_handle_count(&tab), TAPI_HANDLE_MAX_SLOTS);
	tapi_handle_table_destroy(&tab);
}
END_TEST

#define THREADS 4
#define ROUNDS 3000

static struct tapi_handle_table shared_tab;

static void *churn(void *arg)
{
	intptr_t id = (intptr_t)arg;
	long bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		struct thing *t = thing_new((int)id, NULL);
		struct tapi_object *o;
		DWORD h;

		if (tapi_handle_alloc(&shared_tab, &t->obj, &h)) {
			bad++;
			continue;
		}
		o = tapi_handle_get(&shared_tab, h);
		if (o != &t->obj || ((struct thing *)o)->id != id)
			bad++;
		tapi_object_put(o);
		o = tapi_handle_remove(&shared_tab, h);
		if (o != &t->obj)
			bad++;
		tapi_object_put(o);
		if (tapi_handle_get(&shared_tab, h))
			bad++;
	}
	return (void *)bad;
}

START_TEST(test_handle_concurrent_churn)
{
	pthread_t th[THREADS];

	tapi_handle_table_init(&shared_tab, TAPI_HANDLE_CALL);
	for (intptr_t i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, churn,
						(void *)i), 0);
	for (int i = 0; i < THREADS; i++) {
		void *bad;

		pthread_join(th[i], &bad);
		ck_assert_int_eq((intptr_t)bad, 0);
	}
	ck_assert_uint_eq(tapi_handle_count(&shared_tab), 0);
	tapi_handle_table_destroy(&shared_tab);
}
END_TEST

Suite *handle_suite(void)
{
	Suite *s = suite_create("handle");

	ADD_TEST(s, test_handle_alloc_lookup_remove);
	ADD_TEST(s, test_handle_stale_after_reuse);
	ADD_TEST(s, test_handle_kinds_do_not_mix);
	ADD_TEST(s, test_handle_reference_outlives_remove);
	ADD_TEST(s, test_handle_table_full);
	ADD_TEST(s, test_handle_concurrent_churn);
	return s;
}
