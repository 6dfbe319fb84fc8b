// SPDX-License-Identifier: GPL-2.0
/*
 * tapi_sim: the simulated telephony card.  Module parameters, the card
 * created at load, and the control device /dev/tapi/sim.
 *
 * Control device errors, checked in this order:
 *  -EFAULT      the argument cannot be read or written;
 *  -EINVAL      a malformed argument: reserved field not zero, string not
 *               NUL-terminated or with characters it cannot hold, a value
 *               out of range;
 *  -ENODEV      no simulated port has that channel number (the channel
 *               may exist on another card), or no simulated card that
 *               card number;
 *  -EOPNOTSUPP  the command does not apply to the port's type (phone
 *               commands on FXO ports, CO commands on FXS ports);
 *  -EINVAL      the command is not valid in the port's state (a phone
 *               on-hook cannot dial or flash; CO_HANGUP without an outside
 *               call);
 *  -EBUSY       the port is in use (CO_RING on a line off-hook or in a
 *               call, CONNECT to a port patched elsewhere, a flash in
 *               progress);
 *  -ENOTTY      not a TAPI_SIM_IOC_* command.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include "sim.h"

static unsigned int nfxs = 2;
module_param(nfxs, uint, 0444);
MODULE_PARM_DESC(nfxs, "FXS ports (simulated phones) of the card sim0 created at load, 0..32 (default 2)");

static unsigned int nfxo = 2;
module_param(nfxo, uint, 0444);
MODULE_PARM_DESC(nfxo, "FXO ports (CO lines) of the card sim0 created at load, 0..32 (default 2); nfxs=0 nfxo=0 creates no card");

DEFINE_MUTEX(sim_mutex);

static int sim_ioctl_card_add(struct tapi_sim_card __user *uarg)
{
	struct tapi_sim_card req;
	struct sim_card *sc;
	int ret = 0;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.nfxs > SIM_PORTS_MAX || req.nfxo > SIM_PORTS_MAX ||
	    !(req.nfxs + req.nfxo))
		return -EINVAL;

	mutex_lock(&sim_mutex);
	sc = sim_card_add(req.nfxs, req.nfxo);
	if (IS_ERR(sc)) {
		ret = PTR_ERR(sc);
		goto out;
	}
	req.card = tapi_card_number(sc->tcard);
	req.first_channel = sc->ports[0].channel;
	memset(req.name, 0, sizeof(req.name));
	strscpy(req.name, sc->name, sizeof(req.name));
	/* A card nobody can name would only leak: take it back. */
	if (copy_to_user(uarg, &req, sizeof(req))) {
		sim_card_remove(sc);
		ret = -EFAULT;
	}
out:
	mutex_unlock(&sim_mutex);
	return ret;
}

static int sim_ioctl_card_remove(u32 __user *uarg)
{
	struct sim_card *sc;
	u32 number;
	int ret = 0;

	if (get_user(number, uarg))
		return -EFAULT;
	mutex_lock(&sim_mutex);
	sc = sim_card_find(number);
	if (sc)
		sim_card_remove(sc);
	else
		ret = -ENODEV;
	mutex_unlock(&sim_mutex);
	return ret;
}

/* A NUL-terminated string of @size bytes at most whose characters pass @ok. */
static bool sim_string_ok(const char *s, size_t size, int (*ok)(int c))
{
	size_t len = strnlen(s, size);
	size_t i;

	if (len == size)
		return false;
	for (i = 0; i < len; i++)
		if (!ok((unsigned char)s[i]))
			return false;
	return true;
}

static int sim_is_digit(int c)
{
	return isdigit(c);
}

static int sim_is_print(int c)
{
	return c >= 0x20 && c < 0x7f;
}

static int sim_is_any(int c)
{
	return 1;
}

static bool sim_dtmf_ms_ok(unsigned int ms)
{
	return !ms || (ms >= TAPI_DTMF_ON_MIN_MS && ms <= TAPI_DTMF_ON_MAX_MS);
}

/* Argument checks that need no port: -EINVAL on a malformed request. */
static int sim_port_req_check(unsigned int cmd, const struct tapi_sim_port *req)
{
	if (req->reserved)
		return -EINVAL;
	switch (cmd) {
	case TAPI_SIM_IOC_PHONE_DIAL:
		/* The characters themselves are checked by the DTMF generator. */
		if (!sim_string_ok(req->digits, sizeof(req->digits), sim_is_any) ||
		    !req->digits[0])
			return -EINVAL;
		if (!sim_dtmf_ms_ok(req->on_ms) || !sim_dtmf_ms_ok(req->off_ms))
			return -EINVAL;
		break;
	case TAPI_SIM_IOC_CO_RING:
		if (!sim_string_ok(req->digits, sizeof(req->digits),
				   sim_is_digit) ||
		    !sim_string_ok(req->name, sizeof(req->name), sim_is_print))
			return -EINVAL;
		break;
	case TAPI_SIM_IOC_PHONE_HOOK:
		if (req->arg > 1)
			return -EINVAL;
		break;
	}
	return 0;
}

static int sim_port_command(unsigned int cmd, struct sim_port *port,
			    const struct tapi_sim_port *req)
{
	switch (cmd) {
	case TAPI_SIM_IOC_PHONE_HOOK:
	case TAPI_SIM_IOC_PHONE_FLASH:
	case TAPI_SIM_IOC_PHONE_DIAL:
		if (port->fxo)
			return -EOPNOTSUPP;
		break;
	case TAPI_SIM_IOC_CO_RING:
	case TAPI_SIM_IOC_CO_HANGUP:
		if (!port->fxo)
			return -EOPNOTSUPP;
		break;
	}

	switch (cmd) {
	case TAPI_SIM_IOC_PHONE_HOOK:
		return sim_phone_hook(port, req->arg);
	case TAPI_SIM_IOC_PHONE_FLASH:
		return sim_phone_flash(port);
	case TAPI_SIM_IOC_PHONE_DIAL:
		return sim_phone_dial(port, req->digits, req->on_ms,
				      req->off_ms);
	case TAPI_SIM_IOC_CO_RING:
		return sim_line_ring(port, req->arg, req->digits, req->name);
	case TAPI_SIM_IOC_CO_HANGUP:
		return sim_line_far_hangup(port);
	case TAPI_SIM_IOC_CONNECT:
		return sim_port_connect(port, req->arg);
	case TAPI_SIM_IOC_CLEAR:
		sim_port_clear(port);
		return 0;
	}
	return -ENOTTY;
}

static int sim_ioctl_port(unsigned int cmd, struct tapi_sim_port __user *uarg)
{
	struct tapi_sim_port req;
	struct sim_port *port;
	int ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	ret = sim_port_req_check(cmd, &req);
	if (ret)
		return ret;

	mutex_lock(&sim_mutex);
	port = sim_port_find(req.channel);
	ret = port ? sim_port_command(cmd, port, &req) : -ENODEV;
	mutex_unlock(&sim_mutex);
	return ret;
}

static int sim_ioctl_status(struct tapi_sim_status __user *uarg)
{
	struct tapi_sim_status st;
	struct sim_port *port;
	u32 channel;

	if (get_user(channel, &uarg->channel))
		return -EFAULT;
	memset(&st, 0, sizeof(st));
	st.channel = channel;

	mutex_lock(&sim_mutex);
	port = sim_port_find(channel);
	if (port)
		sim_port_status(port, &st);
	mutex_unlock(&sim_mutex);
	if (!port)
		return -ENODEV;
	return copy_to_user(uarg, &st, sizeof(st)) ? -EFAULT : 0;
}

static long sim_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case TAPI_SIM_IOC_CARD_ADD:
		return sim_ioctl_card_add(uarg);
	case TAPI_SIM_IOC_CARD_REMOVE:
		return sim_ioctl_card_remove(uarg);
	case TAPI_SIM_IOC_PHONE_HOOK:
	case TAPI_SIM_IOC_PHONE_FLASH:
	case TAPI_SIM_IOC_PHONE_DIAL:
	case TAPI_SIM_IOC_CO_RING:
	case TAPI_SIM_IOC_CO_HANGUP:
	case TAPI_SIM_IOC_CONNECT:
	case TAPI_SIM_IOC_CLEAR:
		return sim_ioctl_port(cmd, uarg);
	case TAPI_SIM_IOC_STATUS:
		return sim_ioctl_status(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations sim_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.unlocked_ioctl = sim_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice sim_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tapi_sim",
	.nodename = "tapi/sim",
	.mode = 0660,
	.fops = &sim_fops,
};

static int __init sim_init(void)
{
	struct sim_card *sc;
	int ret;

	if (nfxs > SIM_PORTS_MAX || nfxo > SIM_PORTS_MAX) {
		pr_err("tapi_sim: nfxs and nfxo must be 0..%d\n",
		       SIM_PORTS_MAX);
		return -EINVAL;
	}
	ret = sim_co_init();
	if (ret) {
		pr_err("tapi_sim: no \"us\" tone zone in tapi_core\n");
		return ret;
	}

	if (nfxs + nfxo) {
		mutex_lock(&sim_mutex);
		sc = sim_card_add(nfxs, nfxo);
		mutex_unlock(&sim_mutex);
		if (IS_ERR(sc))
			return PTR_ERR(sc);
	}

	ret = misc_register(&sim_miscdev);
	if (ret)
		goto err_misc_register;
	return 0;

err_misc_register:
	mutex_lock(&sim_mutex);
	sim_card_remove_all();
	mutex_unlock(&sim_mutex);
	return ret;
}

static void __exit sim_exit(void)
{
	misc_deregister(&sim_miscdev);
	mutex_lock(&sim_mutex);
	sim_card_remove_all();
	mutex_unlock(&sim_mutex);
}

module_init(sim_init);
module_exit(sim_exit);

MODULE_DESCRIPTION("linux-tapi simulated card: phones on FXS ports, a central office behind FXO ports");
MODULE_AUTHOR("linux-tapi");
MODULE_LICENSE("GPL");
