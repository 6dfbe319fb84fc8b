// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_core: module init and exit, the chrdev region and the tapi class.
 *
 * Every channel of every card is a minor of one chrdev region; its device
 * in the "tapi" class is named tapi<n> and its node /dev/tapi/<n>.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include "core.h"

dev_t tapi_devt;
struct class *tapi_class;
static struct cdev tapi_cdev;

/* /dev/tapi/<n>: udev and devtmpfs put the node in a directory. */
#if TAPI_KERNEL_SINCE(6, 2, 0)
static char *tapi_devnode(const struct device *dev, umode_t *mode)
#else
static char *tapi_devnode(struct device *dev, umode_t *mode)
#endif
{
	return kasprintf(GFP_KERNEL, "tapi/%u", MINOR(dev->devt));
}

static int __init tapi_core_init(void)
{
	int ret;

	/* Tone zone parameter, generic netlink family (line.c). */
	ret = tapi_line_module_init();
	if (ret)
		return ret;

	ret = alloc_chrdev_region(&tapi_devt, 0, TAPI_MAX_CHANNELS, "tapi");
	if (ret)
		goto err_chrdev_region;

	cdev_init(&tapi_cdev, &tapi_fops);
	tapi_cdev.owner = THIS_MODULE;
	ret = cdev_add(&tapi_cdev, tapi_devt, TAPI_MAX_CHANNELS);
	if (ret)
		goto err_cdev_add;

#if TAPI_KERNEL_SINCE(6, 4, 0)
	tapi_class = class_create("tapi");
#else
	tapi_class = class_create(THIS_MODULE, "tapi");
#endif
	if (IS_ERR(tapi_class)) {
		ret = PTR_ERR(tapi_class);
		goto err_class_create;
	}
	tapi_class->devnode = tapi_devnode;

	tapi_clock_init();
	pr_info("tapi_core: ABI %u.%u, major %u\n", TAPI_ABI_MAJOR,
		TAPI_ABI_MINOR, MAJOR(tapi_devt));
	return 0;

err_class_create:
	cdev_del(&tapi_cdev);
err_cdev_add:
	unregister_chrdev_region(tapi_devt, TAPI_MAX_CHANNELS);
err_chrdev_region:
	tapi_line_module_exit();
	return ret;
}

/*
 * Drivers use our symbols, so they are gone before this runs, and so are
 * their cards; open files pin the module through tapi_fops.owner.
 */
static void __exit tapi_core_exit(void)
{
	class_destroy(tapi_class);
	cdev_del(&tapi_cdev);
	unregister_chrdev_region(tapi_devt, TAPI_MAX_CHANNELS);
	tapi_line_module_exit();
}

module_init(tapi_core_init);
module_exit(tapi_core_exit);

MODULE_DESCRIPTION("Telephony channel core: /dev/tapi/<n>, signalling, media, DTMF");
MODULE_AUTHOR("linux-tapi");
MODULE_LICENSE("GPL");
