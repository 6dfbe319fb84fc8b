#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the test VM (packed by tests/vm/mkinitramfs).  Runs as PID 1
# from the initramfs with the serial console as stdin/stdout/stderr.
#
# The kernel command line option vm.mode= picks what it does after boot:
#   test   run every program listed in /etc/vm/tests (default); with
#          vm.shard=K/N only the first one and every Nth of the others
#          from the Kth on, so that N VMs share the list (tests/vm/vm.mk)
#   demo   run the shell command in /etc/vm/demo.sh
#   shell  an interactive shell on the console
# and then powers the VM off through tests/vm/vm-exit, whose status qemu
# passes on: 0 = everything passed, 1 = something failed.
#
# Everything the host parses is a line starting "# vm" (see tap-check):
#   # vm: boot <release> (uptime <s> s)   init started
#   # vm-error: <text>                    a set-up step failed
#   # vm-test: begin <name>               before a test's own TAP output
#   # vm-test: end <name> exit=<status> (<time> s)   after it
#   # vm-test: timeout <name> after <n> s the test was killed
#   # vm-dmesg: begin <label> ... # vm-dmesg: end <label>
#                                         kernel log of a step that
#                                         printed a BUG/WARNING/Oops...
#   # vm: done tests=<n> failed=<n> ...   the run reached its end

/bin/busybox --install -s /bin
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
umask 022

failed=0

vm_error()
{
	echo "# vm-error: $*"
	failed=$((failed + 1))
}

# mount_fs TYPE DIR: mount a pseudo file system if the kernel has it.
mount_fs()
{
	grep -qw "$1" /proc/filesystems 2>/dev/null || return 0
	mkdir -p "$2"
	mount -t "$1" "$1" "$2" || vm_error "mount -t $1 $2 failed"
}

mkdir -p /proc /sys /dev /tmp /run
mount -t proc proc /proc || vm_error "mount /proc failed"
mount -t sysfs sysfs /sys || vm_error "mount /sys failed"
mount -t devtmpfs devtmpfs /dev || vm_error "mount /dev failed"
mkdir -p /dev/pts /dev/shm
mount_fs devpts /dev/pts
mount_fs tmpfs /dev/shm
mount_fs tmpfs /tmp
mount_fs tmpfs /run
mount_fs debugfs /sys/kernel/debug
mount_fs configfs /sys/kernel/config
chmod 1777 /tmp
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd

kver=$(uname -r)
echo "# vm: boot $kver (uptime $(cut -d' ' -f1 /proc/uptime) s)"
[ "$kver" = "$(cat /etc/vm/kver)" ] ||
	vm_error "booted kernel $kver, the image was packed for $(cat /etc/vm/kver)"

mode="test"
shard=1
nshards=1
# shellcheck disable=SC2013 # the command line is words
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	vm.mode=*) mode=${arg#vm.mode=} ;;
	vm.shard=*/*)
		shard=${arg#vm.shard=}
		nshards=${shard#*/}
		shard=${shard%/*}
		;;
	esac
done

# Patterns of kernel log lines that mean the kernel itself went wrong.
# The host scans the whole console log with its own list (tap-check);
# this one decides which kernel log to print into it.
KERNEL_ISSUES='BUG:|kernel BUG at|WARNING:|cut here|Oops|general protection|Call Trace|Kernel panic|KASAN|UBSAN|refcount_t|list_del corruption|list_add corruption|soft lockup|hard LOCKUP|blocked for more than|detected stall|double fault'

# check_kernel_log LABEL: print the kernel log since the last call if it
# holds an issue, so the console log carries it next to its cause.
check_kernel_log()
{
	dmesg -c >/tmp/dmesg.new 2>/dev/null
	cat /tmp/dmesg.new >>/tmp/dmesg.all
	grep -Eq "$KERNEL_ISSUES" /tmp/dmesg.new || return 0
	echo "# vm-dmesg: begin $1"
	cat /tmp/dmesg.new
	echo "# vm-dmesg: end $1"
	failed=$((failed + 1))
}

# uptime_cs: time since boot in 1/100 s.
uptime_cs()
{
	read -r up _ </proc/uptime
	echo "${up%.*}${up#*.}" | sed 's/^0*//;s/^$/0/'
}

if [ -e /etc/vm/udev ]; then
	mkdir -p /run/udev
	if /lib/systemd/systemd-udevd --daemon; then
		udev=1
	else
		vm_error "systemd-udevd did not start"
	fi
fi

# /etc/vm/load: "path-in-image args..." per line, dependencies first,
# computed on the host with modprobe --show-depends.
while read -r path args; do
	[ -n "$path" ] || continue
	name=$(basename "$path" .ko | tr - _)
	[ -d "/sys/module/$name" ] && continue
	# shellcheck disable=SC2086 # args are separate words on purpose
	out=$(insmod "$path" $args 2>&1) ||
		vm_error "insmod $path $args: $out"
done </etc/vm/load
grep -q ' /sys/kernel/config ' /proc/mounts || mount_fs configfs /sys/kernel/config

if [ -n "$udev" ]; then
	udevadm trigger --action=add
	udevadm settle --timeout=60 || vm_error "udevadm settle timed out"
fi
check_kernel_log boot

case "$mode" in
test)
	test_timeout=$(cat /etc/vm/test-timeout)
	ntests=0
	index=0
	while read -r name path; do
		[ -n "$name" ] || continue
		index=$((index + 1))
		# The first (the environment check) runs in every shard.
		[ "$index" -eq 1 ] ||
			[ $(((index - 2) % nshards + 1)) -eq "$shard" ] || continue
		ntests=$((ntests + 1))
		echo "# vm-test: begin $name"
		start=$(uptime_cs)
		# Own session, so whatever the test leaves running (a forked
		# child after a timeout) is killed before the next test.
		(cd /tmp && exec setsid timeout "$test_timeout" "$path") \
			</dev/null 2>&1 &
		pid=$!
		wait $pid
		status=$?
		elapsed=$(($(uptime_cs) - start))
		kill -KILL -- "-$pid" 2>/dev/null
		# Killed by SIGTERM (or SIGKILL) once its time was up.
		if [ "$status" -eq 143 ] || [ "$status" -eq 137 ] &&
			[ $((elapsed + 100)) -ge $((test_timeout * 100)) ]; then
			echo "# vm-test: timeout $name after $test_timeout s"
		fi
		# A test whose last line lacks a newline must not hide the marker.
		echo
		printf '# vm-test: end %s exit=%d (%d.%02d s)\n' "$name" "$status" \
			$((elapsed / 100)) $((elapsed % 100))
		# 4 is kselftest's "skipped"; tap-check decides whether it was.
		[ "$status" -eq 0 ] || [ "$status" -eq 4 ] || failed=$((failed + 1))
		check_kernel_log "$name"
	done </etc/vm/tests
	check_kernel_log shutdown
	echo "# vm: done tests=$ntests failed=$failed" \
		"(uptime $(cut -d' ' -f1 /proc/uptime) s)"
	;;
demo)
	echo "# vm: demo: $(cat /etc/vm/demo.sh)"
	(cd /tmp && exec sh /etc/vm/demo.sh) </dev/null 2>&1
	status=$?
	[ "$status" -eq 0 ] || failed=$((failed + 1))
	check_kernel_log demo
	echo "# vm: done demo exit=$status failed=$failed"
	;;
shell)
	echo "# vm: shell; the modules are loaded, tests are in /tests." \
		"Leave with exit (or Ctrl-A x)."
	setsid cttyhack sh -l
	echo "# vm: done shell"
	;;
*)
	vm_error "unknown vm.mode=$mode"
	;;
esac

[ -n "$udev" ] && udevadm control --exit
if [ "$failed" -eq 0 ]; then
	/sbin/vm-exit 0
else
	/sbin/vm-exit 1
fi
# Only without the isa-debug-exit device.
poweroff -f
