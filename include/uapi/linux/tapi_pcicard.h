/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-tapi: the register and ring layout of the emulated PCI telephony
 * card, as it lies in BAR2 (the shared memory) of QEMU's ivshmem-doorbell
 * device.  The driver (kernel/pci/, module tapi_pci), the card program
 * (tools/tapi-pcicard/) and the tests (tests/pci/) all build on this file.
 *
 * Shape: like a real TDM card, the card moves one frame of
 * TAPI_FRAME_SAMPLES samples per port each way every 1 ms and interrupts
 * the host after each frame.  Here the "host" is the guest's driver and
 * the "card" is the program on the other side of the shared memory.
 *
 *   offset 0                  struct tapi_pcicard_header
 *   header.ports_offset       struct tapi_pcicard_port[nports]
 *   header.rx_ring_offset     rx ring: ring_frames slots of
 *                             nports * frame_samples __s16, card -> driver
 *   header.tx_ring_offset     tx ring: the same, driver -> card
 *   header.control_offset     struct tapi_pcicard_control: the emulator's
 *                             line side (tests drive the far end of the
 *                             wires through it); no driver reads it
 *
 * Everything is little-endian and naturally aligned.  Ring indices are
 * free-running __u32 frame counters; a frame's slot is its index modulo
 * ring_frames (a power of two).  Each index has one writer:
 *   rx_head (card): frames written;      rx_tail (driver): frames taken
 *   tx_head (driver): frames written;    tx_tail (card): frames taken
 * A writer fills the slot before it moves its head; a reader reads the
 * head before the slot.  A full rx ring drops the card's new frame and
 * counts it in rx_overruns; an empty tx ring makes the card send silence
 * and count tx_underruns.
 *
 * Interrupts (ivshmem doorbells, MSI-X vectors of the device):
 *   TAPI_PCICARD_VEC_FRAME  card -> driver after each tick's frames
 *   TAPI_PCICARD_VEC_LINE   card -> driver when a port's status or the
 *                           card's state changed
 * A driver with a single vector (or INTx) handles both on it.
 *
 * Versions: a driver accepts the TAPI_PCICARD_VERSION_MAJOR it was built
 * for and any minor; minors only add fields in reserved space.
 */
#ifndef _UAPI_LINUX_TAPI_PCICARD_H
#define _UAPI_LINUX_TAPI_PCICARD_H

#include <linux/types.h>

/* "TPCI" read as a little-endian __u32: what makes a BAR2 ours. */
#define TAPI_PCICARD_SIGNATURE		0x49435054
#define TAPI_PCICARD_VERSION_MAJOR	1
#define TAPI_PCICARD_VERSION_MINOR	0
#define TAPI_PCICARD_VERSION	((TAPI_PCICARD_VERSION_MAJOR << 16) | \
				 TAPI_PCICARD_VERSION_MINOR)

/* QEMU's ivshmem: Red Hat's virtio vendor ID, device 0x1110. */
#define TAPI_PCICARD_VENDOR		0x1af4
#define TAPI_PCICARD_DEVICE		0x1110

#define TAPI_PCICARD_PORTS_MAX		32
#define TAPI_PCICARD_RING_FRAMES_MAX	1024

#define TAPI_PCICARD_VEC_FRAME		0
#define TAPI_PCICARD_VEC_LINE		1
#define TAPI_PCICARD_VECTORS		2

/* tapi_pcicard_header.card_state, written by the card */
enum tapi_pcicard_card_state {
	TAPI_PCICARD_CARD_OFF = 0,	/* not yet started */
	TAPI_PCICARD_CARD_RUNNING = 1,	/* frames are being clocked */
	/* Stopped for good (the program ended): a driver removes the
	 * card's channels.
	 */
	TAPI_PCICARD_CARD_STOPPED = 2,
};

/* tapi_pcicard_header.driver_state, written by the driver */
enum tapi_pcicard_driver_state {
	TAPI_PCICARD_DRIVER_DETACHED = 0, /* the card leaves the rings alone */
	TAPI_PCICARD_DRIVER_ATTACHED = 1, /* rings are live */
};

/**
 * struct tapi_pcicard_header - at offset 0 of BAR2
 * @signature: TAPI_PCICARD_SIGNATURE
 * @version: TAPI_PCICARD_VERSION of the card
 * @layout_size: bytes of BAR2 the layout uses; at most the BAR's size
 * @nports: ports, 1..TAPI_PCICARD_PORTS_MAX
 * @ring_frames: slots per ring, a power of two, 8..TAPI_PCICARD_RING_FRAMES_MAX
 * @frame_samples: samples per port per frame, TAPI_FRAME_SAMPLES
 * @ports_offset: where struct tapi_pcicard_port[nports] starts
 * @rx_ring_offset: where the rx ring starts
 * @tx_ring_offset: where the tx ring starts
 * @control_offset: where struct tapi_pcicard_control starts
 * @card_state: enum tapi_pcicard_card_state (card)
 * @driver_state: enum tapi_pcicard_driver_state (driver)
 * @card_frames: ticks the card clocked since it started (card); a driver
 *	that sees it stand still knows the card is gone
 * @rx_head: rx frames written (card)
 * @rx_tail: rx frames taken (driver)
 * @tx_head: tx frames written (driver)
 * @tx_tail: tx frames taken (card)
 * @rx_overruns: rx frames the card dropped, the ring being full (card)
 * @tx_underruns: ticks the card found no tx frame (card)
 * @card_peer: the card's ivshmem peer ID, which the driver's doorbell
 *	writes address (card)
 * @reserved: zero
 */
struct tapi_pcicard_header {
	__u32 signature;
	__u32 version;
	__u32 layout_size;
	__u32 nports;
	__u32 ring_frames;
	__u32 frame_samples;
	__u32 ports_offset;
	__u32 rx_ring_offset;
	__u32 tx_ring_offset;
	__u32 control_offset;
	__u32 card_state;
	__u32 driver_state;
	__u64 card_frames;
	__u32 rx_head;
	__u32 rx_tail;
	__u32 tx_head;
	__u32 tx_tail;
	__u32 rx_overruns;
	__u32 tx_underruns;
	__u32 card_peer;
	__u32 reserved[9];
};

/* tapi_pcicard_port.control bits, written by the driver */
#define TAPI_PCICARD_CTL_RING		(1U << 0) /* FXS: ring voltage on */
#define TAPI_PCICARD_CTL_REVERSE	(1U << 1) /* FXS: reversed polarity */
#define TAPI_PCICARD_CTL_OFFHOOK	(1U << 2) /* FXO: line seized */

/* tapi_pcicard_port.status bits, written by the card */
#define TAPI_PCICARD_STS_OFFHOOK	(1U << 0) /* FXS: station off-hook */
#define TAPI_PCICARD_STS_RINGING	(1U << 1) /* FXO: ring voltage seen */
#define TAPI_PCICARD_STS_REVERSED	(1U << 2) /* FXO: line reversed */

/**
 * struct tapi_pcicard_port - one port's line-interface registers
 * @type: TAPI_SIG_FXS (a SLIC: we feed a station) or TAPI_SIG_FXO (a DAA:
 *	we are a station on an exchange line); set by the card
 * @control: TAPI_PCICARD_CTL_* (driver)
 * @status: TAPI_PCICARD_STS_* (card)
 * @reserved: zero
 */
struct tapi_pcicard_port {
	__u32 type;
	__u32 control;
	__u32 status;
	__u32 reserved[5];
};

/* Alarm bits tapi_pci reports with TAPI_EV_ALARM while a ring is in trouble. */
#define TAPI_PCI_ALARM_RX_OVERRUN	(1U << 0) /* card dropped rx frames */
#define TAPI_PCI_ALARM_TX_UNDERRUN	(1U << 1) /* card ran out of tx frames */

#define TAPI_PCICARD_TEXT_LEN		128
#define TAPI_PCICARD_HEARD_LEN		64

/**
 * struct tapi_pcicard_line - the far end of one port, as the card sees it
 * @ring_bursts: FXS: times the driver switched ring voltage on
 * @reversals: FXS: times the driver reversed the polarity
 * @seizures: FXO: times the driver went off-hook
 * @releases: FXO: times the driver went on-hook
 * @heard: DTMF digits the card decoded from the port's tx audio, oldest
 *	first, NUL-terminated (the command "clear" empties it)
 */
struct tapi_pcicard_line {
	__u32 ring_bursts;
	__u32 reversals;
	__u32 seizures;
	__u32 releases;
	char heard[TAPI_PCICARD_HEARD_LEN];
};

/**
 * struct tapi_pcicard_control - the emulator's line side, for tests
 * @cmd_seq: bumped by the tester after writing @text
 * @done_seq: set to @cmd_seq by the card once the command ran
 * @result: 0 or a negative errno, the command's outcome
 * @text: a command line of the card program's command language (see
 *	tools/tapi-pcicard/), NUL-terminated
 * @reply: the command's reply text
 * @line: per port
 *
 * A real card has no such thing; the card program offers it so that a
 * test inside the guest can act as the phone or the exchange.
 */
struct tapi_pcicard_control {
	__u32 cmd_seq;
	__u32 done_seq;
	__s32 result;
	__u32 reserved;
	char text[TAPI_PCICARD_TEXT_LEN];
	char reply[TAPI_PCICARD_TEXT_LEN];
	struct tapi_pcicard_line line[TAPI_PCICARD_PORTS_MAX];
};

#endif /* _UAPI_LINUX_TAPI_PCICARD_H */
