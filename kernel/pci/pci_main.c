// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_pci: PCI telephony cards as TAPI cards.
 *
 * The PCI glue: enable the function, map its BARs, let the card family's
 * board file identify it (kernel/pci/README), make a TAPI card of one
 * channel per port, and take the card's interrupts:
 *   MSI-X, two vectors: the frame interrupt (pci_ring.c: the rings and
 *	the channels' media clock) and the line interrupt (pci_port.c: hook,
 *	ring, polarity; and the card's own state);
 *   one vector (a single MSI-X vector, or INTx, possibly shared): both
 *	jobs in one handler.
 *
 * The card may go away under us in two ways: the device is removed
 * (sysfs "remove", hot-unplug, rmmod), or the card stops while the device
 * stays - it says so in its header, or it just stops clocking frames,
 * which a watchdog notices.  Either way the TAPI card is unregistered:
 * open files get TAPI_EV_REMOVED and -ENODEV after it.
 *
 * sysfs attributes of the PCI device: card_state, card_frames, frames,
 * rx_overruns, tx_underruns, irq_mode.
 */
#include <linux/module.h>
#include <linux/io.h>
#include <linux/slab.h>
#include "tapi_pci.h"

/* The watchdog looks every 250 ms; 8 looks without a frame: gone. */
#define TAPI_PCI_WATCH_PERIOD	(HZ / 4)
#define TAPI_PCI_WATCH_STALLS	8

static const struct pci_device_id tapi_pci_ids[] = {
	{ PCI_DEVICE(TAPI_PCICARD_VENDOR, TAPI_PCICARD_DEVICE),
	  .driver_data = (kernel_ulong_t)&tapi_pci_ivshmem_board },
	{ }
};
MODULE_DEVICE_TABLE(pci, tapi_pci_ids);

/**
 * tapi_pci_card_lost() - the card stopped: remove its channels
 * @tp: the card
 * @why: for the log
 *
 * The PCI function stays bound; its TAPI card is unregistered from a
 * work item, once.
 *
 * Context: any.
 */
void tapi_pci_card_lost(struct tapi_pci *tp, const char *why)
{
	if (test_and_set_bit(TAPI_PCI_LOST, &tp->flags))
		return;
	dev_warn(&tp->pdev->dev, "card %s: removing its channels\n", why);
	schedule_work(&tp->lost_work);
}

/* The TAPI card goes; the caller holds tp->lifecycle. */
static void tapi_pci_unregister(struct tapi_pci *tp)
{
	lockdep_assert_held(&tp->lifecycle);
	if (!tp->registered)
		return;
	tp->registered = false;
	tapi_pci_ring_detach(tp);
	tapi_pci_port_reset(tp);
	tapi_card_unregister(tp->card);
}

static void tapi_pci_lost_work(struct work_struct *work)
{
	struct tapi_pci *tp = container_of(work, struct tapi_pci, lost_work);

	mutex_lock(&tp->lifecycle);
	tapi_pci_unregister(tp);
	mutex_unlock(&tp->lifecycle);
}

static void tapi_pci_check_card_state(struct tapi_pci *tp)
{
	if (tapi_pci_hdr_read(tp, card_state) == TAPI_PCICARD_CARD_STOPPED)
		tapi_pci_card_lost(tp, "stopped");
}

static void tapi_pci_watchdog(struct timer_list *t)
{
	struct tapi_pci *tp = from_timer(tp, t, watchdog);
	u64 frames = tapi_pci_card_frames(tp);

	tapi_pci_check_card_state(tp);
	if (frames != tp->watch_frames) {
		tp->watch_frames = frames;
		tp->watch_stalls = 0;
	} else if (++tp->watch_stalls >= TAPI_PCI_WATCH_STALLS) {
		tapi_pci_card_lost(tp, "stopped clocking frames");
	}
	if (!test_bit(TAPI_PCI_LOST, &tp->flags) &&
	    !test_bit(TAPI_PCI_REMOVING, &tp->flags))
		mod_timer(&tp->watchdog, jiffies + TAPI_PCI_WATCH_PERIOD);
}

static irqreturn_t tapi_pci_frame_irq(int irq, void *data)
{
	tapi_pci_ring_frames(data);
	return IRQ_HANDLED;
}

static irqreturn_t tapi_pci_line_irq(int irq, void *data)
{
	struct tapi_pci *tp = data;

	tapi_pci_port_scan(tp);
	tapi_pci_check_card_state(tp);
	return IRQ_HANDLED;
}

/* One vector for everything; with INTx the line may be shared. */
static irqreturn_t tapi_pci_single_irq(int irq, void *data)
{
	struct tapi_pci *tp = data;

	if (!tp->pdev->msix_enabled && !tp->board->intx_pending(tp))
		return IRQ_NONE;
	tapi_pci_ring_frames(tp);
	return tapi_pci_line_irq(irq, data);
}

static int tapi_pci_request_irqs(struct tapi_pci *tp)
{
	struct pci_dev *pdev = tp->pdev;
	int nvec, ret;

	nvec = pci_alloc_irq_vectors(pdev, 1, TAPI_PCICARD_VECTORS,
				     PCI_IRQ_MSIX | PCI_IRQ_LEGACY);
	if (nvec < 0)
		return nvec;
	tp->nvec = nvec;
	tp->msix = pdev->msix_enabled;
	if (tp->msix && nvec >= TAPI_PCICARD_VECTORS) {
		ret = request_irq(pci_irq_vector(pdev, TAPI_PCICARD_VEC_FRAME),
				  tapi_pci_frame_irq, 0, "tapi_pci-frame", tp);
		if (ret)
			goto err_vectors;
		ret = request_irq(pci_irq_vector(pdev, TAPI_PCICARD_VEC_LINE),
				  tapi_pci_line_irq, 0, "tapi_pci-line", tp);
		if (ret) {
			free_irq(pci_irq_vector(pdev, TAPI_PCICARD_VEC_FRAME), tp);
			goto err_vectors;
		}
		return 0;
	}
	ret = request_irq(pci_irq_vector(pdev, 0), tapi_pci_single_irq,
			  tp->msix ? 0 : IRQF_SHARED, TAPI_PCI_DRIVER, tp);
	if (ret)
		goto err_vectors;
	return 0;

err_vectors:
	pci_free_irq_vectors(pdev);
	return ret;
}

static void tapi_pci_free_irqs(struct tapi_pci *tp)
{
	unsigned int i;

	for (i = 0; i < (tp->msix ? tp->nvec : 1); i++)
		free_irq(pci_irq_vector(tp->pdev, i), tp);
	pci_free_irq_vectors(tp->pdev);
}

static int tapi_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	const struct tapi_pci_board *board = (const void *)id->driver_data;
	char name[TAPI_NAME_LEN];
	struct tapi_pci *tp;
	unsigned int i;
	int ret;

	tp = devm_kzalloc(&pdev->dev, sizeof(*tp), GFP_KERNEL);
	if (!tp)
		return -ENOMEM;
	tp->pdev = pdev;
	tp->board = board;
	spin_lock_init(&tp->ring_lock);
	spin_lock_init(&tp->port_lock);
	mutex_init(&tp->lifecycle);
	INIT_WORK(&tp->lost_work, tapi_pci_lost_work);
	timer_setup(&tp->watchdog, tapi_pci_watchdog, 0);

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(board->regs_bar) | BIT(board->mem_bar),
				 TAPI_PCI_DRIVER);
	if (ret)
		return ret;
	tp->regs = pcim_iomap_table(pdev)[board->regs_bar];
	tp->mem = pcim_iomap_table(pdev)[board->mem_bar];
	tp->mem_len = pci_resource_len(pdev, board->mem_bar);
	tp->hdr = tp->mem;
	ret = board->identify(tp);
	if (ret)
		return ret;
	pci_set_master(pdev);

	snprintf(name, sizeof(name), "%s-%s", board->name, pci_name(pdev));
	tp->card = tapi_card_create(&pdev->dev, NULL, THIS_MODULE,
				    TAPI_PCI_DRIVER, name, tp->nports, 0);
	if (IS_ERR(tp->card))
		return PTR_ERR(tp->card);
	for (i = 0; i < tp->nports; i++)
		tapi_pci_port_setup(tp, i);
	tapi_pci_port_reset(tp);
	pci_set_drvdata(pdev, tp);

	ret = tapi_card_register(tp->card);
	if (ret)
		goto err_free;
	tp->registered = true;
	/* The lines as they are now (a station may be off-hook already);
	 * after this only changes are reported, from the line interrupt.
	 */
	tapi_pci_port_scan(tp);
	ret = tapi_pci_request_irqs(tp);
	if (ret)
		goto err_unregister;
	tapi_pci_ring_attach(tp);
	tp->watch_frames = tapi_pci_card_frames(tp);
	mod_timer(&tp->watchdog, jiffies + TAPI_PCI_WATCH_PERIOD);

	dev_info(&pdev->dev, "%s: %u ports, %u-frame rings, %s\n", name,
		 tp->nports, tp->ring_frames,
		 tp->msix ? (tp->nvec > 1 ? "MSI-X frame and line vectors" :
			     "one MSI-X vector") : "INTx");
	return 0;

err_unregister:
	tapi_card_unregister(tp->card);
err_free:
	tapi_card_free(tp->card);
	return ret;
}

static void tapi_pci_remove(struct pci_dev *pdev)
{
	struct tapi_pci *tp = pci_get_drvdata(pdev);

	set_bit(TAPI_PCI_REMOVING, &tp->flags);
	del_timer_sync(&tp->watchdog);
	tapi_pci_free_irqs(tp);
	/* No interrupt or watchdog can schedule it again now. */
	cancel_work_sync(&tp->lost_work);
	mutex_lock(&tp->lifecycle);
	set_bit(TAPI_PCI_LOST, &tp->flags);
	/* Unless the work did it already. */
	tapi_pci_unregister(tp);
	mutex_unlock(&tp->lifecycle);
	tapi_card_free(tp->card);
	tp->card = NULL;
}

static ssize_t card_state_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct tapi_pci *tp = dev_get_drvdata(dev);
	u32 state = tapi_pci_hdr_read(tp, card_state);

	if (test_bit(TAPI_PCI_LOST, &tp->flags))
		return sysfs_emit(buf, "lost\n");
	return sysfs_emit(buf, "%s\n",
			  state == TAPI_PCICARD_CARD_RUNNING ? "running" :
			  state == TAPI_PCICARD_CARD_STOPPED ? "stopped" : "off");
}
static DEVICE_ATTR_RO(card_state);

static ssize_t card_frames_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n",
			  tapi_pci_card_frames(dev_get_drvdata(dev)));
}
static DEVICE_ATTR_RO(card_frames);

/* The driver's counters, read consistently under the ring lock. */
static ssize_t tapi_pci_show_counter(struct device *dev, char *buf,
				     const u64 *counter)
{
	struct tapi_pci *tp = dev_get_drvdata(dev);
	unsigned long flags;
	u64 value;

	spin_lock_irqsave(&tp->ring_lock, flags);
	value = *counter;
	spin_unlock_irqrestore(&tp->ring_lock, flags);
	return sysfs_emit(buf, "%llu\n", value);
}

static ssize_t frames_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct tapi_pci *tp = dev_get_drvdata(dev);

	return tapi_pci_show_counter(dev, buf, &tp->frames);
}
static DEVICE_ATTR_RO(frames);

static ssize_t rx_overruns_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct tapi_pci *tp = dev_get_drvdata(dev);

	return tapi_pci_show_counter(dev, buf, &tp->rx_overruns);
}
static DEVICE_ATTR_RO(rx_overruns);

static ssize_t tx_underruns_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct tapi_pci *tp = dev_get_drvdata(dev);

	return tapi_pci_show_counter(dev, buf, &tp->tx_underruns);
}
static DEVICE_ATTR_RO(tx_underruns);

static ssize_t irq_mode_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct tapi_pci *tp = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%s %u\n", tp->msix ? "msix" : "intx",
			  tp->nvec);
}
static DEVICE_ATTR_RO(irq_mode);

static struct attribute *tapi_pci_attrs[] = {
	&dev_attr_card_state.attr,
	&dev_attr_card_frames.attr,
	&dev_attr_frames.attr,
	&dev_attr_rx_overruns.attr,
	&dev_attr_tx_underruns.attr,
	&dev_attr_irq_mode.attr,
	NULL
};
ATTRIBUTE_GROUPS(tapi_pci);

static struct pci_driver tapi_pci_driver = {
	.name = TAPI_PCI_DRIVER,
	.id_table = tapi_pci_ids,
	.probe = tapi_pci_probe,
	.remove = tapi_pci_remove,
	.dev_groups = tapi_pci_groups,
};
module_pci_driver(tapi_pci_driver);

MODULE_DESCRIPTION("linux-tapi: PCI telephony cards (TDM rings, FXS/FXO ports)");
MODULE_LICENSE("GPL");
