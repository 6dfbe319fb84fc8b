// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: the 1 ms media clock for cards without a clock of their own.
 *
 * One soft hrtimer (it runs in softirq context) ticks every 1 ms while at
 * least one registered card has a frame op, and calls that op for each
 * such card.  hrtimer_forward() tells how many periods passed since the
 * last tick; the clock runs that many frames (at most
 * TAPI_CLOCK_MAX_CATCHUP) so that media time keeps up with real time even
 * when the timer fires late, as it does under slow emulation.  All cards
 * advance frame by frame together, so audio patched between cards stays
 * aligned.
 *
 * The card list is read under RCU by the timer and changed under
 * tapi_clock_mutex; tapi_clock_remove() waits for a grace period, after
 * which the card's frame op is never called again.
 */
#include <linux/hrtimer.h>
#include <linux/rculist.h>
#include "core.h"

static DEFINE_MUTEX(tapi_clock_mutex);
/* Cards with a frame op; written under tapi_clock_mutex, read under RCU. */
static LIST_HEAD(tapi_clock_cards);
/* Number of cards on the list; under tapi_clock_mutex. */
static unsigned int tapi_clock_users;
static struct hrtimer tapi_clock_timer;

static enum hrtimer_restart tapi_clock_tick(struct hrtimer *timer)
{
	u64 frames = hrtimer_forward_now(timer,
					 ns_to_ktime(TAPI_CLOCK_PERIOD_NS));
	struct tapi_card *card;

	if (frames > TAPI_CLOCK_MAX_CATCHUP)
		frames = TAPI_CLOCK_MAX_CATCHUP;
	rcu_read_lock();
	while (frames--)
		list_for_each_entry_rcu(card, &tapi_clock_cards, clock_node)
			card->ops->frame(card);
	rcu_read_unlock();
	return HRTIMER_RESTART;
}

/**
 * tapi_clock_init() - set up the clock (not running)
 */
void tapi_clock_init(void)
{
#if TAPI_KERNEL_SINCE(6, 13, 0)
	hrtimer_setup(&tapi_clock_timer, tapi_clock_tick, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_SOFT);
#else
	hrtimer_init(&tapi_clock_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	tapi_clock_timer.function = tapi_clock_tick;
#endif
}

/**
 * tapi_clock_add() - start calling a card's frame op every 1 ms
 * @card: a registered card with a frame op
 *
 * Context: process context.
 */
void tapi_clock_add(struct tapi_card *card)
{
	mutex_lock(&tapi_clock_mutex);
	list_add_tail_rcu(&card->clock_node, &tapi_clock_cards);
	card->clocked = true;
	if (!tapi_clock_users++)
		hrtimer_start(&tapi_clock_timer,
			      ns_to_ktime(TAPI_CLOCK_PERIOD_NS),
			      HRTIMER_MODE_REL_SOFT);
	mutex_unlock(&tapi_clock_mutex);
}

/**
 * tapi_clock_remove() - stop calling a card's frame op
 * @card: a card added with tapi_clock_add()
 *
 * When this returns the frame op is not running and will not run again.
 *
 * Context: process context, sleeps.
 */
void tapi_clock_remove(struct tapi_card *card)
{
	mutex_lock(&tapi_clock_mutex);
	list_del_rcu(&card->clock_node);
	card->clocked = false;
	if (!--tapi_clock_users)
		hrtimer_cancel(&tapi_clock_timer);
	mutex_unlock(&tapi_clock_mutex);
	synchronize_rcu();
}
