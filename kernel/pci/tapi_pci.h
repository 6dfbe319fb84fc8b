/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tapi_pci: PCI telephony cards.  Private header; prototypes are grouped
 * under the file that defines them.  kernel/pci/README says how the parts
 * fit together and how a card family is added.
 */
#ifndef _TAPI_PCI_H
#define _TAPI_PCI_H

#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/tapi_pcicard.h>
#include "tapi_driver.h"

#define TAPI_PCI_DRIVER		"tapi_pci"

struct tapi_pci;

/**
 * struct tapi_pci_board - what a card family tells the PCI glue
 * @name: the family; the card is named "<name>-<PCI address>"
 * @regs_bar: the BAR of the control registers (doorbell, interrupt status)
 * @mem_bar: the BAR of the frame memory window with the rings
 * @identify: check that the function is one of ours (the signature and
 *	layout in the mapped BARs) and fill in @tp's port count, port types
 *	and ring geometry; -ENODEV for someone else's device.  Process
 *	context, called once at probe before interrupts are requested.
 * @intx_pending: INTx only: read and acknowledge the card's interrupt
 *	status; false if the (possibly shared) interrupt was not ours.
 *	Hard interrupt context.
 * @notify: tell the card that the driver changed a port's control or the
 *	ring state (a doorbell).  Any context.
 * @port_status: read a port's line-interface status as TAPI_PCICARD_STS_*
 *	bits (from the SLIC or DAA registers).  Any context.
 * @port_control: drive a port's line interface from TAPI_PCICARD_CTL_*
 *	bits.  Any context, under the port lock.
 */
struct tapi_pci_board {
	const char *name;
	int regs_bar;
	int mem_bar;
	int (*identify)(struct tapi_pci *tp);
	bool (*intx_pending)(struct tapi_pci *tp);
	void (*notify)(struct tapi_pci *tp);
	u32 (*port_status)(struct tapi_pci *tp, unsigned int index);
	void (*port_control)(struct tapi_pci *tp, unsigned int index, u32 ctl);
};

/**
 * struct tapi_pci_port - driver state of one port (pci_port.c)
 * @ch: its TAPI channel
 * @type: TAPI_SIG_FXS or TAPI_SIG_FXO
 * @status: TAPI_PCICARD_STS_* last reported to the core
 * @control: TAPI_PCICARD_CTL_* last written to the card
 */
struct tapi_pci_port {
	struct tapi_channel *ch;
	u32 type;
	u32 status;
	u32 control;
};

/**
 * struct tapi_pci - one card: a PCI function bound to this driver
 * @pdev: the PCI function
 * @board: its family
 * @regs: the mapped register BAR
 * @mem: the mapped frame memory BAR
 * @mem_len: its length
 * @hdr: the layout header at the start of @mem
 * @port_regs: the ports' registers in @mem
 * @card: the TAPI card, NULL once unregistered
 * @nports: ports on the card
 * @ports: per port
 * @ring_frames: slots per ring
 * @rx_ring: start of the rx ring in @mem
 * @tx_ring: start of the tx ring in @mem
 * @frame_bytes: bytes of one ring slot (every port's samples)
 * @prime_frames: tx frames written ahead of the card at attach, the slack
 *	the frame interrupt may be late by before the card underruns
 * @nvec: interrupt vectors in use
 * @msix: the vectors are MSI-X (else INTx, or a single MSI-X vector)
 * @ring_lock: serialises the frame work (rx_tail, tx_head, counters)
 * @rx_tail: shadow of the header's rx_tail
 * @tx_head: shadow of the header's tx_head
 * @frames: frames handed to the core since attach
 * @overruns_seen: the card's rx_overruns at the last look
 * @underruns_seen: the card's tx_underruns at the last look
 * @rx_overruns: rx frames the card dropped since attach
 * @tx_underruns: tx frames the card missed since attach
 * @alarms: TAPI_PCI_ALARM_* bits reported on every channel
 * @alarm_hold: frames the alarms stay up after the last xrun
 * @rx_buf: one rx frame of every port, as the ring slot holds it
 * @tx_buf: one tx frame of every port
 * @port_lock: serialises port status scans and control writes
 * @watchdog: notices a card that stopped clocking frames
 * @watch_frames: card_frames at the last watchdog run
 * @watch_stalls: watchdog runs in a row that saw no new frame
 * @lost_work: unregisters the TAPI card once the card is gone
 * @lifecycle: serialises unregistering the TAPI card
 * @registered: the TAPI card is registered (under @lifecycle)
 * @flags: TAPI_PCI_LOST (the card stopped or vanished), TAPI_PCI_REMOVING
 *	(remove() runs; the watchdog does not re-arm)
 */
struct tapi_pci {
	struct pci_dev *pdev;
	const struct tapi_pci_board *board;
	void __iomem *regs;
	void __iomem *mem;
	resource_size_t mem_len;
	struct tapi_pcicard_header __iomem *hdr;
	struct tapi_pcicard_port __iomem *port_regs;
	struct tapi_card *card;

	unsigned int nports;
	struct tapi_pci_port ports[TAPI_PCICARD_PORTS_MAX];

	unsigned int ring_frames;
	void __iomem *rx_ring;
	void __iomem *tx_ring;
	unsigned int frame_bytes;
	unsigned int prime_frames;

	unsigned int nvec;
	bool msix;

	spinlock_t ring_lock;
	u32 rx_tail;
	u32 tx_head;
	u64 frames;
	u32 overruns_seen;
	u32 underruns_seen;
	u64 rx_overruns;
	u64 tx_underruns;
	u32 alarms;
	unsigned int alarm_hold;
	s16 rx_buf[TAPI_PCICARD_PORTS_MAX * TAPI_FRAME_SAMPLES];
	s16 tx_buf[TAPI_PCICARD_PORTS_MAX * TAPI_FRAME_SAMPLES];

	spinlock_t port_lock;

	struct timer_list watchdog;
	u64 watch_frames;
	unsigned int watch_stalls;
	struct work_struct lost_work;
	struct mutex lifecycle;
	bool registered;
	unsigned long flags;
};

#define TAPI_PCI_LOST		0
#define TAPI_PCI_REMOVING	1

/* Header fields, read and written through the BAR. */
#define tapi_pci_hdr_read(tp, field) \
	ioread32(&(tp)->hdr->field)
#define tapi_pci_hdr_write(tp, field, val) \
	iowrite32((val), &(tp)->hdr->field)

/* pci_ivshmem.c: the emulated card on QEMU's ivshmem-doorbell */
extern const struct tapi_pci_board tapi_pci_ivshmem_board;

/* pci_ring.c: the TDM rings and the media clock */
void tapi_pci_ring_attach(struct tapi_pci *tp);
void tapi_pci_ring_detach(struct tapi_pci *tp);
void tapi_pci_ring_frames(struct tapi_pci *tp);
u64 tapi_pci_card_frames(struct tapi_pci *tp);

/* pci_port.c: SLIC (FXS) and DAA (FXO) ports */
void tapi_pci_port_setup(struct tapi_pci *tp, unsigned int index);
void tapi_pci_port_scan(struct tapi_pci *tp);
void tapi_pci_port_reset(struct tapi_pci *tp);

/* pci_main.c: the PCI glue */
void tapi_pci_card_lost(struct tapi_pci *tp, const char *why);

#endif /* _TAPI_PCI_H */
