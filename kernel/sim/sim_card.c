// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the lifetime of a simulated card and its 1 ms frame.
 *
 * Each frame of a card runs in three steps: take every channel's tx
 * frame from the core, let the world act on it and produce every
 * channel's rx frame (under sim_world_lock), then hand the rx frames and
 * any signalling changes to the core (with the lock released).  A port
 * connected to a port of another card hears that port's latest tx frame,
 * which is at most one frame old.
 */
#include <linux/module.h>
#include <linux/idr.h>
#include <linux/overflow.h>
#include <linux/err.h>
#include "sim.h"

DEFINE_SPINLOCK(sim_world_lock);

/* Cards of this module, under sim_mutex. */
static LIST_HEAD(sim_cards);
static unsigned int sim_ncards;
static DEFINE_IDA(sim_card_ida);

static void sim_card_frame(struct tapi_card *tcard)
{
	struct sim_card *sc = tapi_card_priv(tcard);
	struct sim_port *port;
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < sc->nports; i++) {
		port = &sc->ports[i];
		tapi_channel_tx(port->ch, port->tx, TAPI_FRAME_SAMPLES);
	}

	spin_lock_irqsave(&sim_world_lock, flags);
	/* Publish every tx frame first, so that ports of this card hear each other in step. */
	for (i = 0; i < sc->nports; i++) {
		port = &sc->ports[i];
		memcpy(port->out, port->tx, sizeof(port->out));
		if (!sc->dead)
			tapi_dtmf_rx(&port->ear, port->out, TAPI_FRAME_SAMPLES);
	}
	for (i = 0; i < sc->nports; i++) {
		port = &sc->ports[i];
		memset(port->rx, 0, sizeof(port->rx));
		if (sc->dead)
			continue;
		if (port->fxo)
			sim_line_frame(port);
		else
			sim_phone_frame(port);
		if (port->patch)
			sim_mix(port->rx, port->patch->out, TAPI_FRAME_SAMPLES);
	}
	spin_unlock_irqrestore(&sim_world_lock, flags);

	for (i = 0; i < sc->nports; i++) {
		port = &sc->ports[i];
		tapi_channel_rx(port->ch, port->rx, TAPI_FRAME_SAMPLES);
		if (!sc->dead)
			sim_port_report(port);
	}
}

static const struct tapi_card_ops sim_card_ops = {
	.frame = sim_card_frame,
};

#define SIM_FXS_CAPS (TAPI_CAP_HOOK_DETECT | TAPI_CAP_RING | \
		      TAPI_CAP_POLARITY | TAPI_CAP_MEDIA)
#define SIM_FXO_CAPS (TAPI_CAP_HOOK_CONTROL | TAPI_CAP_RING_DETECT | \
		      TAPI_CAP_POLARITY_DETECT | TAPI_CAP_MEDIA)

static void sim_port_setup(struct sim_card *sc, unsigned int i,
			   unsigned int nfxs)
{
	struct sim_port *port = &sc->ports[i];
	char name[TAPI_NAME_LEN];

	port->card = sc;
	port->ch = tapi_card_channel(sc->tcard, i);
	port->fxo = i >= nfxs;
	sim_port_init(port);
	if (port->fxo) {
		sim_line_init(port);
		snprintf(name, sizeof(name), "%s/fxo%u", sc->name, i - nfxs);
		tapi_channel_setup(port->ch, TAPI_SIG_FXO, SIM_FXO_CAPS,
				   &sim_line_ops, name);
	} else {
		sim_phone_init(port);
		snprintf(name, sizeof(name), "%s/fxs%u", sc->name, i);
		tapi_channel_setup(port->ch, TAPI_SIG_FXS, SIM_FXS_CAPS,
				   &sim_phone_ops, name);
	}
	tapi_channel_set_drvdata(port->ch, port);
}

/**
 * sim_card_add() - create and register a simulated card
 * @nfxs: FXS ports, 0..SIM_PORTS_MAX
 * @nfxo: FXO ports, 0..SIM_PORTS_MAX, with @nfxs + @nfxo at least 1
 *
 * The card is named "simN" with the lowest N free.  Its FXO lines can be
 * called as soon as this returns, and the core knows their numbers.
 * Caller holds sim_mutex.
 *
 * Return: the card, or an ERR_PTR: -ENOSPC when SIM_CARDS_MAX cards
 * exist, or the error of the core.
 */
struct sim_card *sim_card_add(unsigned int nfxs, unsigned int nfxo)
{
	unsigned int i, nports = nfxs + nfxo;
	struct tapi_card *tcard;
	struct sim_card *sc;
	unsigned long flags;
	char name[TAPI_NAME_LEN];
	int index, ret;

	lockdep_assert_held(&sim_mutex);
	if (sim_ncards >= SIM_CARDS_MAX)
		return ERR_PTR(-ENOSPC);

	index = ida_alloc(&sim_card_ida, GFP_KERNEL);
	if (index < 0)
		return ERR_PTR(index);
	snprintf(name, sizeof(name), "sim%d", index);

	tcard = tapi_card_create(NULL, &sim_card_ops, THIS_MODULE,
				 SIM_DRIVER_NAME, name, nports,
				 struct_size(sc, ports, nports));
	if (IS_ERR_OR_NULL(tcard)) {
		ret = tcard ? PTR_ERR(tcard) : -ENOMEM;
		goto err_create;
	}
	sc = tapi_card_priv(tcard);
	sc->tcard = tcard;
	sc->index = index;
	strscpy(sc->name, name, sizeof(sc->name));
	sc->nports = nports;
	for (i = 0; i < nports; i++)
		sim_port_setup(sc, i, nfxs);

	ret = tapi_card_register(tcard);
	if (ret)
		goto err_register;

	spin_lock_irqsave(&sim_world_lock, flags);
	for (i = 0; i < nports; i++) {
		sc->ports[i].channel = tapi_channel_number(sc->ports[i].ch);
		if (sc->ports[i].fxo)
			sim_line_attach(&sc->ports[i]);
	}
	spin_unlock_irqrestore(&sim_world_lock, flags);
	/* Applications see a CO line's number as the line's address. */
	for (i = 0; i < nports; i++)
		if (sc->ports[i].fxo)
			WARN_ON(tapi_channel_set_number(sc->ports[i].ch,
							sc->ports[i].line.number));

	list_add_tail(&sc->node, &sim_cards);
	sim_ncards++;
	return sc;

err_register:
	tapi_card_free(tcard);
err_create:
	ida_free(&sim_card_ida, index);
	return ERR_PTR(ret);
}

/**
 * sim_card_remove() - unregister and free a simulated card
 * @sc: the card
 *
 * The card's ports are first cut off from the world: calls with other
 * lines end (the other side is disconnected), patches are undone, and
 * the CO no longer routes to its lines.  Then the core unregisters the
 * card, which stops its frames and ops and turns the channels' open
 * files into -ENODEV, and frees it.  Caller holds sim_mutex.
 */
void sim_card_remove(struct sim_card *sc)
{
	struct tapi_card *tcard = sc->tcard;
	unsigned int index = sc->index;
	unsigned long flags;
	unsigned int i;

	lockdep_assert_held(&sim_mutex);
	list_del(&sc->node);
	sim_ncards--;

	spin_lock_irqsave(&sim_world_lock, flags);
	sc->dead = true;
	for (i = 0; i < sc->nports; i++) {
		sim_port_unpatch(&sc->ports[i]);
		if (sc->ports[i].fxo)
			sim_line_detach(&sc->ports[i]);
	}
	spin_unlock_irqrestore(&sim_world_lock, flags);

	tapi_card_unregister(tcard);
	tapi_card_free(tcard);
	ida_free(&sim_card_ida, index);
}

/**
 * sim_card_remove_all() - remove every simulated card, for module unload
 *
 * Caller holds sim_mutex.
 */
void sim_card_remove_all(void)
{
	struct sim_card *sc, *tmp;

	list_for_each_entry_safe(sc, tmp, &sim_cards, node)
		sim_card_remove(sc);
}

/**
 * sim_card_find() - a simulated card by its core card number
 * @number: the card number, as in tapi_chan_info.card
 *
 * Caller holds sim_mutex, which keeps the card alive.
 *
 * Return: the card, or NULL if no simulated card has that number.
 */
struct sim_card *sim_card_find(unsigned int number)
{
	struct sim_card *sc;

	lockdep_assert_held(&sim_mutex);
	list_for_each_entry(sc, &sim_cards, node)
		if (tapi_card_number(sc->tcard) == number)
			return sc;
	return NULL;
}

/**
 * sim_port_find() - a port of a simulated card by global channel number
 * @channel: the channel number, the <n> of /dev/tapi/<n>
 *
 * Caller holds sim_mutex, which keeps the port alive.
 *
 * Return: the port, or NULL if the channel is not on a simulated card.
 */
struct sim_port *sim_port_find(unsigned int channel)
{
	struct sim_card *sc;
	unsigned int i;

	lockdep_assert_held(&sim_mutex);
	list_for_each_entry(sc, &sim_cards, node)
		for (i = 0; i < sc->nports; i++)
			if (sc->ports[i].channel == channel)
				return &sc->ports[i];
	return NULL;
}
