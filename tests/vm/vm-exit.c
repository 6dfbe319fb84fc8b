// SPDX-License-Identifier: GPL-2.0
/*
 * vm-exit - power the test VM off with an exit status qemu passes on.
 *
 *   vm-exit CODE      CODE in 0..127
 *
 * qemu's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,
 * iosize=0x04) makes qemu exit with status (CODE << 1) | 1 when the guest
 * writes CODE to port 0xf4.  A plain poweroff, a panic with panic=-1
 * and -no-reboot, or init exiting all make qemu exit 0; so the host can
 * tell "the guest ran to the end and said so" from "the VM stopped".
 * The host still reads the results from the console log: a status alone
 * proves nothing.
 *
 * Before writing the port we wait for the console to drain, otherwise
 * the last lines still queued in the serial driver would be lost when
 * qemu stops.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <termios.h>
#include <unistd.h>

#define DEBUG_EXIT_PORT 0xf4

static void drain_console(void)
{
	int fd = open("/dev/console", O_WRONLY | O_NOCTTY);

	fflush(stdout);
	fflush(stderr);
	if (fd < 0)
		return;
	/* tcdrain() returns once the UART has sent everything queued. */
	tcdrain(fd);
	close(fd);
}

int main(int argc, char **argv)
{
	char *end;
	long code;

	if (argc != 2) {
		fprintf(stderr, "usage: vm-exit CODE (0..127)\n");
		return 2;
	}
	errno = 0;
	code = strtol(argv[1], &end, 10);
	if (errno || *end || end == argv[1] || code < 0 || code > 127) {
		fprintf(stderr, "vm-exit: bad code '%s' (want 0..127)\n",
			argv[1]);
		return 2;
	}
	if (ioperm(DEBUG_EXIT_PORT, 4, 1)) {
		fprintf(stderr, "vm-exit: ioperm(0x%x): %s\n",
			DEBUG_EXIT_PORT, strerror(errno));
		return 1;
	}
	drain_console();
	outb((unsigned char)code, DEBUG_EXIT_PORT);
	/* Only reached without the isa-debug-exit device. */
	fprintf(stderr, "vm-exit: no isa-debug-exit device at 0x%x\n",
		DEBUG_EXIT_PORT);
	return 1;
}
