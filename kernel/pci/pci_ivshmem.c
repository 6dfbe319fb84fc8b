// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pci: the emulated card, a QEMU ivshmem-doorbell PCI function whose
 * shared memory (BAR2) carries the layout of <linux/tapi_pcicard.h> and
 * whose peer on the host is the card program tools/tapi-pcicard.
 *
 * ivshmem is a generic device: other programs use it for their own
 * shared memory, so the vendor/device ID match is only a first guess and
 * identify() refuses any BAR2 without our signature and a sane layout.
 */
#include <linux/io.h>
#include <linux/log2.h>
#include "tapi_pci.h"

/* BAR0 registers of ivshmem (QEMU's docs/specs/ivshmem-spec.txt). */
#define IVSHMEM_INTR_MASK	0x00
#define IVSHMEM_INTR_STATUS	0x04
#define IVSHMEM_IV_POSITION	0x08
#define IVSHMEM_DOORBELL	0x0c

static bool tapi_pci_ivshmem_region_ok(struct tapi_pci *tp, u32 offset,
				       u64 len, u32 layout_size)
{
	return offset % 8 == 0 && (u64)offset + len <= layout_size;
}

static int tapi_pci_ivshmem_identify(struct tapi_pci *tp)
{
	struct device *dev = &tp->pdev->dev;
	u32 sig, version, size, nports, frames, samples, i;
	u32 ports_off, rx_off, tx_off, ctl_off;
	u64 ring_len;

	if (tp->mem_len < sizeof(struct tapi_pcicard_header))
		return -ENODEV;
	sig = tapi_pci_hdr_read(tp, signature);
	if (sig != TAPI_PCICARD_SIGNATURE) {
		/* Someone else's ivshmem: not an error, just not ours. */
		dev_info(dev, "BAR2 signature %#010x is not a tapi card's\n",
			 sig);
		return -ENODEV;
	}
	version = tapi_pci_hdr_read(tp, version);
	if (version >> 16 != TAPI_PCICARD_VERSION_MAJOR) {
		dev_err(dev, "card layout version %u.%u, driver knows %u.x\n",
			version >> 16, version & 0xffff,
			TAPI_PCICARD_VERSION_MAJOR);
		return -ENODEV;
	}
	size = tapi_pci_hdr_read(tp, layout_size);
	nports = tapi_pci_hdr_read(tp, nports);
	frames = tapi_pci_hdr_read(tp, ring_frames);
	samples = tapi_pci_hdr_read(tp, frame_samples);
	ports_off = tapi_pci_hdr_read(tp, ports_offset);
	rx_off = tapi_pci_hdr_read(tp, rx_ring_offset);
	tx_off = tapi_pci_hdr_read(tp, tx_ring_offset);
	ctl_off = tapi_pci_hdr_read(tp, control_offset);
	ring_len = (u64)frames * nports * samples * sizeof(s16);
	if (size > tp->mem_len || nports < 1 ||
	    nports > TAPI_PCICARD_PORTS_MAX || samples != TAPI_FRAME_SAMPLES ||
	    frames < 8 || frames > TAPI_PCICARD_RING_FRAMES_MAX ||
	    !is_power_of_2(frames) ||
	    !tapi_pci_ivshmem_region_ok(tp, ports_off,
					(u64)nports *
					sizeof(struct tapi_pcicard_port), size) ||
	    !tapi_pci_ivshmem_region_ok(tp, rx_off, ring_len, size) ||
	    !tapi_pci_ivshmem_region_ok(tp, tx_off, ring_len, size) ||
	    !tapi_pci_ivshmem_region_ok(tp, ctl_off,
					sizeof(struct tapi_pcicard_control),
					size)) {
		dev_err(dev, "card layout out of bounds: %u ports, %u frames of %u samples in %u of %llu bytes\n",
			nports, frames, samples, size,
			(unsigned long long)tp->mem_len);
		return -ENODEV;
	}

	tp->nports = nports;
	tp->ring_frames = frames;
	tp->frame_bytes = nports * samples * sizeof(s16);
	tp->port_regs = tp->mem + ports_off;
	tp->rx_ring = tp->mem + rx_off;
	tp->tx_ring = tp->mem + tx_off;
	for (i = 0; i < nports; i++) {
		u32 type = ioread32(&tp->port_regs[i].type);

		if (type != TAPI_SIG_FXS && type != TAPI_SIG_FXO) {
			dev_err(dev, "port %u has type %u, neither FXS nor FXO\n",
				i, type);
			return -ENODEV;
		}
		tp->ports[i].type = type;
	}
	return 0;
}

static bool tapi_pci_ivshmem_intx_pending(struct tapi_pci *tp)
{
	/* Reading the status clears it. */
	return ioread32(tp->regs + IVSHMEM_INTR_STATUS) != 0;
}

static void tapi_pci_ivshmem_notify(struct tapi_pci *tp)
{
	u32 peer = tapi_pci_hdr_read(tp, card_peer) & 0xffff;

	iowrite32(peer << 16 | TAPI_PCICARD_VEC_FRAME,
		  tp->regs + IVSHMEM_DOORBELL);
}

static u32 tapi_pci_ivshmem_port_status(struct tapi_pci *tp,
					unsigned int index)
{
	return ioread32(&tp->port_regs[index].status);
}

static void tapi_pci_ivshmem_port_control(struct tapi_pci *tp,
					  unsigned int index, u32 ctl)
{
	iowrite32(ctl, &tp->port_regs[index].control);
}

const struct tapi_pci_board tapi_pci_ivshmem_board = {
	.name = "tpci",
	.regs_bar = 0,
	.mem_bar = 2,
	.identify = tapi_pci_ivshmem_identify,
	.intx_pending = tapi_pci_ivshmem_intx_pending,
	.notify = tapi_pci_ivshmem_notify,
	.port_status = tapi_pci_ivshmem_port_status,
	.port_control = tapi_pci_ivshmem_port_control,
};
