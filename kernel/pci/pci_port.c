// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pci: the ports' line interfaces.
 *
 * FXS ports have a SLIC: it feeds the station, reports its hook switch
 * (the core times flashes and dial pulses from the reports), puts ring
 * voltage on the line (the core runs the cadence through set_ring) and
 * reverses the polarity.  Audio flows while the station is on-hook too,
 * so the core's on-hook caller ID transmission reaches the station.
 *
 * FXO ports have a DAA: it reports ring voltage and line polarity from the
 * exchange, and seizes or releases the line (the core times a hook flash
 * as release + seize through set_hook).
 *
 * The status is scanned from the line interrupt; a report goes to the
 * core only when a bit changed since the last one.
 */
#include "tapi_pci.h"

#define TAPI_PCI_FXS_CAPS	(TAPI_CAP_HOOK_DETECT | TAPI_CAP_RING | \
				 TAPI_CAP_POLARITY | TAPI_CAP_MEDIA | \
				 TAPI_CAP_HW_CLOCK)
#define TAPI_PCI_FXO_CAPS	(TAPI_CAP_HOOK_CONTROL | TAPI_CAP_RING_DETECT | \
				 TAPI_CAP_POLARITY_DETECT | TAPI_CAP_MEDIA | \
				 TAPI_CAP_HW_CLOCK)

/* Set or clear control bits of the channel's port and ring the card. */
static int tapi_pci_port_set(struct tapi_channel *ch, u32 bit, bool on)
{
	struct tapi_pci *tp = tapi_channel_get_drvdata(ch);
	struct tapi_pci_port *port = &tp->ports[tapi_channel_index(ch)];
	unsigned long flags;

	if (test_bit(TAPI_PCI_LOST, &tp->flags))
		return -ENODEV;
	spin_lock_irqsave(&tp->port_lock, flags);
	if (on)
		port->control |= bit;
	else
		port->control &= ~bit;
	tp->board->port_control(tp, tapi_channel_index(ch), port->control);
	spin_unlock_irqrestore(&tp->port_lock, flags);
	tp->board->notify(tp);
	return 0;
}

static int tapi_pci_set_hook(struct tapi_channel *ch, bool offhook)
{
	return tapi_pci_port_set(ch, TAPI_PCICARD_CTL_OFFHOOK, offhook);
}

static int tapi_pci_set_ring(struct tapi_channel *ch, bool on)
{
	return tapi_pci_port_set(ch, TAPI_PCICARD_CTL_RING, on);
}

static int tapi_pci_set_polarity(struct tapi_channel *ch, bool reversed)
{
	return tapi_pci_port_set(ch, TAPI_PCICARD_CTL_REVERSE, reversed);
}

static const struct tapi_channel_ops tapi_pci_fxs_ops = {
	.set_ring = tapi_pci_set_ring,
	.set_polarity = tapi_pci_set_polarity,
};

static const struct tapi_channel_ops tapi_pci_fxo_ops = {
	.set_hook = tapi_pci_set_hook,
};

/**
 * tapi_pci_port_setup() - make a port's channel
 * @tp: the card, identified (its port types known), its TAPI card created
 * @index: the port
 *
 * Channels are named after the port's type and index: "fxs0", "fxo2".
 *
 * Context: process context, before the TAPI card is registered.
 */
void tapi_pci_port_setup(struct tapi_pci *tp, unsigned int index)
{
	struct tapi_pci_port *port = &tp->ports[index];
	bool fxs = port->type == TAPI_SIG_FXS;
	char name[TAPI_NAME_LEN];

	port->ch = tapi_card_channel(tp->card, index);
	port->status = 0;
	port->control = 0;
	snprintf(name, sizeof(name), "%s%u", fxs ? "fxs" : "fxo", index);
	tapi_channel_setup(port->ch, port->type,
			   fxs ? TAPI_PCI_FXS_CAPS : TAPI_PCI_FXO_CAPS,
			   fxs ? &tapi_pci_fxs_ops : &tapi_pci_fxo_ops, name);
	tapi_channel_set_drvdata(port->ch, tp);
}

/**
 * tapi_pci_port_reset() - every line interface to rest
 * @tp: the card
 *
 * No ring voltage, normal polarity, FXO lines released.
 *
 * Context: any.
 */
void tapi_pci_port_reset(struct tapi_pci *tp)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&tp->port_lock, flags);
	for (i = 0; i < tp->nports; i++) {
		tp->ports[i].control = 0;
		tp->board->port_control(tp, i, 0);
	}
	spin_unlock_irqrestore(&tp->port_lock, flags);
	tp->board->notify(tp);
}

/**
 * tapi_pci_port_scan() - report what changed on the lines
 * @tp: the card
 *
 * Context: the line interrupt (hard interrupt context), or probe before
 * the interrupts are requested: never two at once, so port->status needs
 * no lock.
 */
void tapi_pci_port_scan(struct tapi_pci *tp)
{
	unsigned int i;

	for (i = 0; i < tp->nports; i++) {
		struct tapi_pci_port *port = &tp->ports[i];
		u32 status = tp->board->port_status(tp, i);
		u32 changed = status ^ port->status;

		if (!changed)
			continue;
		port->status = status;
		if (port->type == TAPI_SIG_FXS) {
			if (changed & TAPI_PCICARD_STS_OFFHOOK)
				tapi_channel_hook(port->ch, status &
						  TAPI_PCICARD_STS_OFFHOOK);
			continue;
		}
		if (changed & TAPI_PCICARD_STS_RINGING)
			tapi_channel_ring_detect(port->ch, status &
						 TAPI_PCICARD_STS_RINGING);
		if (changed & TAPI_PCICARD_STS_REVERSED)
			tapi_channel_polarity(port->ch, status &
					      TAPI_PCICARD_STS_REVERSED);
	}
}
