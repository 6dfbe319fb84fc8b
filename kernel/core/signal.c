// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: signalling policy: hook and flash detection, ring cadence
 * and ring trip, FXO hook control and flash, polarity, alarms, keys.
 *
 * Drivers report raw states (tapi_channel_hook() and friends, any
 * context) and the core decides what they mean, under the channel lock.
 * What the core asks of the hardware goes through the channel's ops,
 * called in process context (ioctls and work items) under ctl_mutex with
 * the channel lock released, so that they are serialised and may call
 * back into the reports.
 *
 * Hook of an FXS port or a handset: off-hook is reported at once.  An
 * on-hook opens a window of TAPI_HOOK_FLASH_MAX_MS: off-hook again within
 * TAPI_HOOK_BOUNCE_MS is contact bounce (nothing reported), within the
 * window a flash (TAPI_EV_FLASH, duration_ms = how long it lasted);
 * otherwise hook_work reports the on-hook (TAPI_EV_HOOK 0, timestamped
 * when it began) as the window closes.
 *
 * Ring cadence: ring_work steps through struct tapi_ring.step_ms, even
 * steps with the ringer on.  It is the only place that advances the
 * cadence; it checks ring_next so that an early run (after a ring trip or
 * a restart rescheduled it) does nothing but switch the ringer off.
 */
#include <linux/jiffies.h>
#include "core.h"

static void tapi_hook_work(struct work_struct *work);
static void tapi_ring_work(struct work_struct *work);
static void tapi_flash_work(struct work_struct *work);

/**
 * tapi_signal_init() - signalling state of a new channel: on-hook, idle
 * @ch: the channel, not yet visible to anyone
 */
void tapi_signal_init(struct tapi_channel *ch)
{
	INIT_DELAYED_WORK(&ch->hook_work, tapi_hook_work);
	INIT_DELAYED_WORK(&ch->ring_work, tapi_ring_work);
	INIT_DELAYED_WORK(&ch->flash_work, tapi_flash_work);
}

/**
 * tapi_signal_kill() - stop the state machines of a dead channel
 * @ch: the channel
 *
 * The work items may still run; they see @ch->dead and do nothing.
 *
 * Context: @ch->lock held.
 */
void tapi_signal_kill(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	ch->onhook_pending = false;
	ch->ring_active = false;
	ch->ring_on = false;
}

/**
 * tapi_signal_hook_state() - the hook state as userspace sees it
 * @ch: the channel
 *
 * Return: TAPI_HOOK_OFF or TAPI_HOOK_ON.
 */
u32 tapi_signal_hook_state(struct tapi_channel *ch)
{
	return READ_ONCE(ch->hook_off) ? TAPI_HOOK_OFF : TAPI_HOOK_ON;
}

/**
 * tapi_signal_ringing() - ring voltage on (FXS) or detected (FXO)
 * @ch: the channel
 *
 * Return: true while ringing.
 */
bool tapi_signal_ringing(struct tapi_channel *ch)
{
	if (ch->sig == TAPI_SIG_FXO)
		return READ_ONCE(ch->ring_detected);
	return READ_ONCE(ch->ring_on);
}

static bool tapi_can_ring(struct tapi_channel *ch)
{
	return ch->sig != TAPI_SIG_FXO && ch->ops->set_ring;
}

/* Stop the cadence; ring_work switches the ringer off. */
static void tapi_ring_trip(struct tapi_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	if (!ch->ring_active)
		return;
	ch->ring_active = false;
	if (ch->ring_on) {
		ch->ring_on = false;
		tapi_channel_event(ch, TAPI_EV_RING, 0, 0);
	}
	mod_delayed_work(system_wq, &ch->ring_work, 0);
}

static void tapi_hook_offhook(struct tapi_channel *ch, ktime_t now)
{
	ch->hook_off = true;
	tapi_channel_event_at(ch, TAPI_EV_HOOK, TAPI_HOOK_OFF, 0, now);
	tapi_ring_trip(ch);
}

/**
 * tapi_channel_hook() - the station's hook switch changed (FXS, handset)
 * @ch: the channel
 * @offhook: the switch's new state
 *
 * Raw state: the core debounces it and tells flashes from hang-ups.
 * Ignored on FXO channels and once the card is unregistered.
 *
 * Context: any.
 */
void tapi_channel_hook(struct tapi_channel *ch, bool offhook)
{
	ktime_t now = ktime_get();
	unsigned long flags;
	s64 onhook_ms;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead || ch->sig == TAPI_SIG_FXO || offhook == ch->hook_raw_off)
		goto out;
	ch->hook_raw_off = offhook;

	if (!offhook) {
		if (ch->hook_off) {
			ch->onhook_pending = true;
			ch->onhook_since = now;
			mod_delayed_work(system_wq, &ch->hook_work,
					 msecs_to_jiffies(TAPI_HOOK_FLASH_MAX_MS) + 1);
		}
		goto out;
	}

	if (!ch->onhook_pending) {
		if (!ch->hook_off)
			tapi_hook_offhook(ch, now);
		goto out;
	}
	ch->onhook_pending = false;
	onhook_ms = ktime_ms_delta(now, ch->onhook_since);
	if (onhook_ms < TAPI_HOOK_BOUNCE_MS)
		goto out;
	if (onhook_ms <= TAPI_HOOK_FLASH_MAX_MS) {
		tapi_channel_event_at(ch, TAPI_EV_FLASH, 0, onhook_ms,
				      ch->onhook_since);
		goto out;
	}
	/* hook_work is late: the on-hook was a hang-up. */
	ch->hook_off = false;
	tapi_channel_event_at(ch, TAPI_EV_HOOK, TAPI_HOOK_ON, 0,
			      ch->onhook_since);
	tapi_hook_offhook(ch, now);
out:
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_channel_hook);

static void tapi_hook_work(struct work_struct *work)
{
	struct tapi_channel *ch = container_of(to_delayed_work(work),
					       struct tapi_channel, hook_work);
	unsigned long flags;
	s64 onhook_ms;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead || !ch->onhook_pending)
		goto out;
	onhook_ms = ktime_ms_delta(ktime_get(), ch->onhook_since);
	if (onhook_ms <= TAPI_HOOK_FLASH_MAX_MS) {
		/* Rescheduled early by a newer on-hook: wait for its end. */
		mod_delayed_work(system_wq, &ch->hook_work,
				 msecs_to_jiffies(TAPI_HOOK_FLASH_MAX_MS -
						  onhook_ms) + 1);
		goto out;
	}
	ch->onhook_pending = false;
	ch->hook_off = false;
	tapi_channel_event_at(ch, TAPI_EV_HOOK, TAPI_HOOK_ON, 0,
			      ch->onhook_since);
out:
	spin_unlock_irqrestore(&ch->lock, flags);
}

/**
 * tapi_signal_set_hook() - TAPI_IOC_SET_HOOK: seize, release or flash (FXO)
 * @ch: the channel
 * @hook: enum tapi_hook
 *
 * A flash releases the line for TAPI_FXO_FLASH_MS and seizes it again;
 * the channel counts as off-hook meanwhile.
 *
 * Return: 0; -EOPNOTSUPP unless FXO with hook control; -EINVAL for an
 * unknown value or a flash while on-hook; -EBUSY during a flash; -ENODEV;
 * the driver's error.
 */
int tapi_signal_set_hook(struct tapi_channel *ch, u32 hook)
{
	unsigned long flags;
	int ret;

	if (ch->sig != TAPI_SIG_FXO || !ch->ops->set_hook)
		return -EOPNOTSUPP;
	if (hook != TAPI_HOOK_ON && hook != TAPI_HOOK_OFF &&
	    hook != TAPI_HOOK_FLASH)
		return -EINVAL;

	mutex_lock(&ch->ctl_mutex);
	if (READ_ONCE(ch->dead)) {
		ret = -ENODEV;
		goto out;
	}
	if (hook == TAPI_HOOK_FLASH) {
		if (!READ_ONCE(ch->hook_off)) {
			ret = -EINVAL;
			goto out;
		}
		if (ch->flash_pending) {
			ret = -EBUSY;
			goto out;
		}
		ret = ch->ops->set_hook(ch, false);
		if (ret)
			goto out;
		ch->flash_pending = true;
		schedule_delayed_work(&ch->flash_work,
				      msecs_to_jiffies(TAPI_FXO_FLASH_MS));
		goto out;
	}

	/* A plain seize or release ends a flash in progress. */
	ch->flash_pending = false;
	cancel_delayed_work(&ch->flash_work);
	ret = ch->ops->set_hook(ch, hook == TAPI_HOOK_OFF);
	if (!ret) {
		spin_lock_irqsave(&ch->lock, flags);
		ch->hook_off = hook == TAPI_HOOK_OFF;
		tapi_call_fxo_hook(ch);
		spin_unlock_irqrestore(&ch->lock, flags);
	}
out:
	mutex_unlock(&ch->ctl_mutex);
	return ret;
}

static void tapi_flash_work(struct work_struct *work)
{
	struct tapi_channel *ch = container_of(to_delayed_work(work),
					       struct tapi_channel, flash_work);

	mutex_lock(&ch->ctl_mutex);
	if (ch->flash_pending && !READ_ONCE(ch->dead)) {
		ch->flash_pending = false;
		if (ch->ops->set_hook(ch, true))
			dev_warn_ratelimited(ch->dev,
					     "could not seize the line after a flash\n");
	}
	mutex_unlock(&ch->ctl_mutex);
}

/* Ask the ringer for @on unless it is there already; ctl_mutex held. */
static void tapi_ring_apply(struct tapi_channel *ch, bool on)
{
	lockdep_assert_held(&ch->ctl_mutex);
	if (on == ch->ring_hw_on || READ_ONCE(ch->dead))
		return;
	if (ch->ops->set_ring(ch, on) && on)
		dev_warn_ratelimited(ch->dev, "ringer did not start\n");
	ch->ring_hw_on = on;
}

/**
 * tapi_signal_ring_start() - TAPI_IOC_RING_START (FXS, handset)
 * @ch: the channel
 * @ring: a validated cadence
 *
 * Starts at the first on step, replacing a cadence that runs already.
 *
 * Return: 0; -EOPNOTSUPP unless the channel can ring; -EBUSY if the
 * station is off-hook; -ENODEV; the driver's error.
 */
int tapi_signal_ring_start(struct tapi_channel *ch,
			   const struct tapi_ring *ring)
{
	unsigned long flags;
	int ret = 0;

	if (!tapi_can_ring(ch))
		return -EOPNOTSUPP;

	mutex_lock(&ch->ctl_mutex);
	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
	} else if (ch->hook_off) {
		ret = -EBUSY;
	} else {
		tapi_ring_trip(ch);
		ch->ring = *ring;
		ch->ring_active = true;
		ch->ring_step = 0;
		ch->ring_cycles = 0;
	}
	spin_unlock_irqrestore(&ch->lock, flags);
	if (ret)
		goto out;

	if (!ch->ring_hw_on) {
		ret = ch->ops->set_ring(ch, true);
		if (ret) {
			spin_lock_irqsave(&ch->lock, flags);
			ch->ring_active = false;
			spin_unlock_irqrestore(&ch->lock, flags);
			goto out;
		}
		ch->ring_hw_on = true;
	}

	spin_lock_irqsave(&ch->lock, flags);
	/* A ring trip meanwhile left ring_work to switch the ringer off. */
	if (ch->ring_active) {
		ch->ring_on = true;
		tapi_channel_event(ch, TAPI_EV_RING, 1, 0);
		ch->ring_next = jiffies + msecs_to_jiffies(ring->step_ms[0]);
		mod_delayed_work(system_wq, &ch->ring_work,
				 msecs_to_jiffies(ring->step_ms[0]));
	}
	spin_unlock_irqrestore(&ch->lock, flags);
out:
	mutex_unlock(&ch->ctl_mutex);
	return ret;
}

/**
 * tapi_signal_ring_stop() - TAPI_IOC_RING_STOP
 * @ch: the channel
 *
 * Return: 0 (also when not ringing); -EOPNOTSUPP unless the channel can
 * ring; -ENODEV.
 */
int tapi_signal_ring_stop(struct tapi_channel *ch)
{
	unsigned long flags;
	int ret = 0;

	if (!tapi_can_ring(ch))
		return -EOPNOTSUPP;

	mutex_lock(&ch->ctl_mutex);
	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead) {
		ret = -ENODEV;
	} else {
		tapi_ring_trip(ch);
		tapi_call_ring_stopped(ch);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
	if (!ret)
		tapi_ring_apply(ch, false);
	mutex_unlock(&ch->ctl_mutex);
	return ret;
}

static void tapi_ring_work(struct work_struct *work)
{
	struct tapi_channel *ch = container_of(to_delayed_work(work),
					       struct tapi_channel, ring_work);
	unsigned long flags;
	bool want;

	mutex_lock(&ch->ctl_mutex);
	spin_lock_irqsave(&ch->lock, flags);
	if (ch->ring_active && time_before(jiffies, ch->ring_next)) {
		/* Early: only the ringer state may need applying. */
		mod_delayed_work(system_wq, &ch->ring_work,
				 ch->ring_next - jiffies);
	} else if (ch->ring_active) {
		ch->ring_step = (ch->ring_step + 1) % ch->ring.nsteps;
		if (!ch->ring_step)
			ch->ring_cycles++;
		if (ch->ring.count && ch->ring_cycles >= ch->ring.count) {
			ch->ring_active = false;
			ch->ring_on = false;
			tapi_channel_event(ch, TAPI_EV_RING_DONE, 0, 0);
		} else {
			ch->ring_on = !(ch->ring_step & 1);
			tapi_channel_event(ch, TAPI_EV_RING, ch->ring_on, 0);
			/* From the due time, so the cadence does not drift. */
			ch->ring_next += msecs_to_jiffies(ch->ring.step_ms[ch->ring_step]);
			mod_delayed_work(system_wq, &ch->ring_work,
					 time_after(ch->ring_next, jiffies) ?
					 ch->ring_next - jiffies : 0);
		}
	}
	want = ch->ring_on;
	spin_unlock_irqrestore(&ch->lock, flags);
	tapi_ring_apply(ch, want);
	mutex_unlock(&ch->ctl_mutex);
}

/**
 * tapi_signal_set_polarity() - TAPI_IOC_SET_POLARITY (FXS)
 * @ch: the channel
 * @reversed: 0 normal, 1 reversed
 *
 * Return: 0; -EOPNOTSUPP unless FXS with polarity control; -EINVAL for
 * another value; -ENODEV; the driver's error.
 */
int tapi_signal_set_polarity(struct tapi_channel *ch, u32 reversed)
{
	unsigned long flags;
	int ret;

	if (ch->sig != TAPI_SIG_FXS || !ch->ops->set_polarity)
		return -EOPNOTSUPP;
	if (reversed > 1)
		return -EINVAL;

	mutex_lock(&ch->ctl_mutex);
	if (READ_ONCE(ch->dead)) {
		ret = -ENODEV;
		goto out;
	}
	ret = ch->ops->set_polarity(ch, reversed);
	if (!ret) {
		spin_lock_irqsave(&ch->lock, flags);
		ch->reversed = reversed;
		spin_unlock_irqrestore(&ch->lock, flags);
	}
out:
	mutex_unlock(&ch->ctl_mutex);
	return ret;
}

/**
 * tapi_channel_ring_detect() - ringing seen on the line (FXO)
 * @ch: the channel
 * @ringing: ring voltage present
 *
 * Reported as TAPI_EV_RING 1/0 on each change.
 *
 * Context: any.
 */
void tapi_channel_ring_detect(struct tapi_channel *ch, bool ringing)
{
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	if (!ch->dead && ch->ring_detected != ringing) {
		ch->ring_detected = ringing;
		tapi_channel_event(ch, TAPI_EV_RING, ringing, 0);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_channel_ring_detect);

/**
 * tapi_channel_polarity() - line polarity seen on the line (FXO)
 * @ch: the channel
 * @reversed: the polarity now
 *
 * Reported as TAPI_EV_POLARITY on each change.
 *
 * Context: any.
 */
void tapi_channel_polarity(struct tapi_channel *ch, bool reversed)
{
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	if (!ch->dead && ch->reversed != reversed) {
		ch->reversed = reversed;
		tapi_channel_event(ch, TAPI_EV_POLARITY, reversed, 0);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_channel_polarity);

/**
 * tapi_channel_alarm() - the hardware's alarm state changed
 * @ch: the channel
 * @alarms: driver-defined alarm bits, 0 when all cleared
 *
 * Reported as TAPI_EV_ALARM on each change.
 *
 * Context: any.
 */
void tapi_channel_alarm(struct tapi_channel *ch, u32 alarms)
{
	unsigned long flags;

	spin_lock_irqsave(&ch->lock, flags);
	if (!ch->dead && ch->alarms != alarms) {
		ch->alarms = alarms;
		tapi_channel_event(ch, TAPI_EV_ALARM, alarms, 0);
	}
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_channel_alarm);

/**
 * tapi_channel_key() - a key of a handset's keypad went down or up
 * @ch: the channel
 * @key: the key, e.g. '0'-'9', '*', '#', or a driver-defined code
 * @down: pressed (true) or released
 *
 * Reported as TAPI_EV_KEY: on press with duration_ms 0, on release with
 * how long the key was held (at least 1).
 *
 * Context: any.
 */
void tapi_channel_key(struct tapi_channel *ch, char key, bool down)
{
	ktime_t now = ktime_get();
	unsigned long flags;
	s64 held_ms;

	spin_lock_irqsave(&ch->lock, flags);
	if (ch->dead)
		goto out;
	if (down) {
		ch->key_since = now;
		tapi_channel_event_at(ch, TAPI_EV_KEY, (u8)key, 0, now);
	} else {
		held_ms = max_t(s64, ktime_ms_delta(now, ch->key_since), 1);
		tapi_channel_event_at(ch, TAPI_EV_KEY, (u8)key, held_ms, now);
	}
out:
	spin_unlock_irqrestore(&ch->lock, flags);
}
EXPORT_SYMBOL_GPL(tapi_channel_key);
