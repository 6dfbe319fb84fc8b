// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pci: the TDM rings and the media clock.
 *
 * The card writes one rx frame (every port's TAPI_FRAME_SAMPLES samples)
 * per 1 ms tick into the rx ring and raises the frame interrupt; it takes
 * one tx frame per tick from the tx ring.  The frame interrupt takes every
 * rx frame the card wrote, and for each of them hands each port's samples
 * to the core (tapi_channel_rx) and writes the port's next samples to send
 * (tapi_channel_tx) into the tx ring.  So the card's crystal, not a timer
 * of ours, is the channels' media clock (TAPI_CAP_HW_CLOCK): one frame in,
 * one frame out.
 *
 * The tx ring runs prime_frames ahead of the card, written at attach as
 * silence: that is how late the frame interrupt may be before the card
 * runs dry.  The card counts what went wrong in the header: rx frames it
 * had to drop on a full ring (the driver too late by a whole ring) and
 * ticks without a tx frame.  Both are reported to every channel as
 * TAPI_EV_ALARM with TAPI_PCI_ALARM_* bits, cleared once the ring ran
 * clean for a while, and counted in sysfs.
 */
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include "tapi_pci.h"

/* How long an xrun alarm stays up after the last xrun: 100 ms of frames. */
#define TAPI_PCI_ALARM_HOLD_FRAMES	100

/**
 * tapi_pci_card_frames() - the card's own tick counter
 * @tp: the card
 *
 * Return: ticks the card clocked since it started.
 */
u64 tapi_pci_card_frames(struct tapi_pci *tp)
{
	return lo_hi_readq(&tp->hdr->card_frames);
}

/**
 * tapi_pci_ring_attach() - start the rings: the card may move frames
 * @tp: the card, its TAPI card registered, its interrupts requested
 *
 * Frames the card left in the rx ring before are dropped; the tx ring
 * gets prime_frames of silence ahead of the card.
 *
 * Context: process context, before the card clocks frames to us.
 */
void tapi_pci_ring_attach(struct tapi_pci *tp)
{
	unsigned long flags;
	u32 tx_tail, i;

	spin_lock_irqsave(&tp->ring_lock, flags);
	tp->prime_frames = tp->ring_frames / 4;
	tp->rx_tail = tapi_pci_hdr_read(tp, rx_head);
	tapi_pci_hdr_write(tp, rx_tail, tp->rx_tail);
	tx_tail = tapi_pci_hdr_read(tp, tx_tail);
	for (i = 0; i < tp->prime_frames; i++)
		memset_io(tp->tx_ring + ((tx_tail + i) & (tp->ring_frames - 1)) *
			  tp->frame_bytes, 0, tp->frame_bytes);
	tp->tx_head = tx_tail + tp->prime_frames;
	tapi_pci_hdr_write(tp, tx_head, tp->tx_head);
	tp->overruns_seen = tapi_pci_hdr_read(tp, rx_overruns);
	tp->underruns_seen = tapi_pci_hdr_read(tp, tx_underruns);
	tp->frames = 0;
	tp->rx_overruns = 0;
	tp->tx_underruns = 0;
	tp->alarms = 0;
	tp->alarm_hold = 0;
	/* The indices are in place before the card may use them. */
	wmb();
	tapi_pci_hdr_write(tp, driver_state, TAPI_PCICARD_DRIVER_ATTACHED);
	spin_unlock_irqrestore(&tp->ring_lock, flags);
	tp->board->notify(tp);
}

/**
 * tapi_pci_ring_detach() - stop the rings: the card leaves them alone
 * @tp: the card
 *
 * Context: process context.
 */
void tapi_pci_ring_detach(struct tapi_pci *tp)
{
	tapi_pci_hdr_write(tp, driver_state, TAPI_PCICARD_DRIVER_DETACHED);
	tp->board->notify(tp);
}

/* The card's xrun counters moved: raise, hold or clear the alarms. */
static void tapi_pci_ring_xruns(struct tapi_pci *tp, unsigned int frames)
{
	u32 overruns = tapi_pci_hdr_read(tp, rx_overruns);
	u32 underruns = tapi_pci_hdr_read(tp, tx_underruns);
	u32 alarms = 0;
	unsigned int i;

	lockdep_assert_held(&tp->ring_lock);
	if (overruns != tp->overruns_seen) {
		tp->rx_overruns += overruns - tp->overruns_seen;
		tp->overruns_seen = overruns;
		alarms |= TAPI_PCI_ALARM_RX_OVERRUN;
	}
	if (underruns != tp->underruns_seen) {
		tp->tx_underruns += underruns - tp->underruns_seen;
		tp->underruns_seen = underruns;
		alarms |= TAPI_PCI_ALARM_TX_UNDERRUN;
	}
	if (alarms) {
		alarms |= tp->alarms;
		tp->alarm_hold = TAPI_PCI_ALARM_HOLD_FRAMES;
	} else if (tp->alarm_hold > frames) {
		tp->alarm_hold -= frames;
		alarms = tp->alarms;
	} else {
		tp->alarm_hold = 0;
	}
	if (alarms == tp->alarms)
		return;
	tp->alarms = alarms;
	for (i = 0; i < tp->nports; i++)
		tapi_channel_alarm(tp->ports[i].ch, alarms);
}

/**
 * tapi_pci_ring_frames() - move every frame the card wrote
 * @tp: the card
 *
 * Each rx frame goes to the channels and is answered by one tx frame.
 *
 * Context: the frame interrupt (hard interrupt context).
 */
void tapi_pci_ring_frames(struct tapi_pci *tp)
{
	unsigned int mask = tp->ring_frames - 1;
	unsigned int n, i, p;
	unsigned long flags;
	u32 head, tx_tail;

	spin_lock_irqsave(&tp->ring_lock, flags);
	if (tapi_pci_hdr_read(tp, driver_state) !=
	    TAPI_PCICARD_DRIVER_ATTACHED)
		goto out;
	head = tapi_pci_hdr_read(tp, rx_head);
	/* The head before the slots it covers. */
	rmb();
	n = head - tp->rx_tail;
	if (n > tp->ring_frames) {
		/* Only a broken card writes past a full ring. */
		dev_err_ratelimited(&tp->pdev->dev,
				    "rx head %u runs %u frames ahead of %u\n",
				    head, n, tp->rx_tail);
		tp->rx_tail = head - tp->ring_frames;
		n = tp->ring_frames;
	}
	for (i = 0; i < n; i++) {
		memcpy_fromio(tp->rx_buf,
			      tp->rx_ring + (tp->rx_tail & mask) * tp->frame_bytes,
			      tp->frame_bytes);
		tp->rx_tail++;
		for (p = 0; p < tp->nports; p++) {
			s16 *rx = tp->rx_buf + p * TAPI_FRAME_SAMPLES;
			s16 *tx = tp->tx_buf + p * TAPI_FRAME_SAMPLES;

			tapi_channel_rx(tp->ports[p].ch, rx, TAPI_FRAME_SAMPLES);
			tapi_channel_tx(tp->ports[p].ch, tx, TAPI_FRAME_SAMPLES);
		}
		tx_tail = tapi_pci_hdr_read(tp, tx_tail);
		/* A full tx ring: the card is behind; this frame is lost. */
		if (tp->tx_head - tx_tail >= tp->ring_frames)
			continue;
		memcpy_toio(tp->tx_ring + (tp->tx_head & mask) * tp->frame_bytes,
			    tp->tx_buf, tp->frame_bytes);
		tp->tx_head++;
	}
	tp->frames += n;
	tapi_pci_hdr_write(tp, rx_tail, tp->rx_tail);
	/* The tx slots before the head that covers them. */
	wmb();
	tapi_pci_hdr_write(tp, tx_head, tp->tx_head);
	tapi_pci_ring_xruns(tp, n);
out:
	spin_unlock_irqrestore(&tp->ring_lock, flags);
}
