// SPDX-License-Identifier: GPL-2.0
/*
 * test_vm_env - the test VM is what the other kernel tests assume.
 *
 * Runs first in the VM (tests/vm/vm.mk puts it at the head of VM_TESTS):
 * the booted kernel is the one the modules were built for, every module
 * of VM_MODULES is loaded and installed for a reload, the file systems
 * init promises are mounted, nothing tainted the kernel with an oops or
 * a warning while booting and loading, and once tapi_core/tapi_sim are
 * loaded their class and device nodes are there.
 *
 * /etc/vm/modules lists VM_MODULES, one "name file.ko" a line (written by
 * tests/vm/mkinitramfs).  VM_KVER is the release make built for.
 */
#define _GNU_SOURCE		/* nftw() */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>

#include "kselftest_harness.h"

#ifndef VM_KVER
#error "build with -DVM_KVER=\"<kernel release>\""
#endif

#define MAX_MODULES 32

/* Taint flags (Documentation/admin-guide/tainted-kernels.rst) a healthy
 * boot never sets.
 */
static const struct {
	int bit;
	const char *meaning;
} bad_taints[] = {
	{ 4, "M: machine check" },
	{ 5, "B: bad page" },
	{ 7, "D: the kernel died (oops or BUG)" },
	{ 9, "W: a WARN() fired" },
	{ 14, "L: soft lockup" },
};

FIXTURE(vm_env) {
	struct {
		char name[64];
		char file[128];
	} modules[MAX_MODULES];
	int nmodules;
	struct utsname uts;
};

FIXTURE_SETUP(vm_env)
{
	char line[256];
	FILE *f;

	ASSERT_EQ(0, uname(&self->uts));
	f = fopen("/etc/vm/modules", "r");
	ASSERT_NE(NULL, f) TH_LOG("/etc/vm/modules: %s (not our image?)",
				  strerror(errno));
	self->nmodules = 0;
	while (fgets(line, sizeof(line), f)) {
		int i = self->nmodules;

		ASSERT_LT(i, MAX_MODULES);
		if (sscanf(line, "%63s %127s", self->modules[i].name,
			   self->modules[i].file) == 2)
			self->nmodules++;
	}
	fclose(f);
}

FIXTURE_TEARDOWN(vm_env)
{
}

static bool in_vm_modules(const FIXTURE_DATA(vm_env) *self, const char *name)
{
	int i;

	for (i = 0; i < self->nmodules; i++)
		if (!strcmp(self->modules[i].name, name))
			return true;
	return false;
}

static int read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	if (!fgets(buf, size, f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

TEST_F(vm_env, kernel_release_is_the_one_built_for)
{
	ASSERT_STREQ(VM_KVER, self->uts.release);
}

TEST_F(vm_env, vm_modules_are_live)
{
	char path[PATH_MAX], state[32];
	int i;

	if (!self->nmodules)
		SKIP(return, "VM_MODULES is empty");
	for (i = 0; i < self->nmodules; i++) {
		snprintf(path, sizeof(path), "/sys/module/%s/initstate",
			 self->modules[i].name);
		EXPECT_EQ(0, read_line(path, state, sizeof(state)))
			TH_LOG("module %s is not loaded", self->modules[i].name);
		EXPECT_STREQ("live", state);
	}
}

/* Tests unload and reload modules: the files and modules.dep must be
 * where insmod and modprobe look.
 */
TEST_F(vm_env, vm_modules_are_installed_for_reload)
{
	char path[PATH_MAX], line[512], entry[160];
	bool found[MAX_MODULES] = { false };
	struct stat st;
	FILE *dep;
	int i;

	if (!self->nmodules)
		SKIP(return, "VM_MODULES is empty");
	for (i = 0; i < self->nmodules; i++) {
		snprintf(path, sizeof(path), "/lib/modules/%s/extra/%s",
			 self->uts.release, self->modules[i].file);
		EXPECT_EQ(0, stat(path, &st)) TH_LOG("%s missing", path);
	}
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep",
		 self->uts.release);
	dep = fopen(path, "r");
	ASSERT_NE(NULL, dep) TH_LOG("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), dep)) {
		for (i = 0; i < self->nmodules; i++) {
			snprintf(entry, sizeof(entry), "extra/%s:",
				 self->modules[i].file);
			if (!strncmp(line, entry, strlen(entry)))
				found[i] = true;
		}
	}
	fclose(dep);
	for (i = 0; i < self->nmodules; i++)
		EXPECT_TRUE(found[i]) TH_LOG("%s not in modules.dep",
					     self->modules[i].file);
}

TEST_F(vm_env, kernel_not_tainted_by_oops_or_warning)
{
	unsigned long taint;
	char buf[32];
	size_t i;

	ASSERT_EQ(0, read_line("/proc/sys/kernel/tainted", buf, sizeof(buf)));
	taint = strtoul(buf, NULL, 10);
	for (i = 0; i < sizeof(bad_taints) / sizeof(bad_taints[0]); i++) {
		int set = !!(taint & (1UL << bad_taints[i].bit));

		EXPECT_FALSE(set) TH_LOG("tainted %s", bad_taints[i].meaning);
	}
}

static bool mounted(const char *dir, const char *type)
{
	char line[512], mdir[256], mtype[64];
	bool found = false;
	FILE *f = fopen("/proc/mounts", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*s %255s %63s", mdir, mtype) == 2 &&
			!strcmp(mdir, dir) && !strcmp(mtype, type);
	fclose(f);
	return found;
}

static bool kernel_has_fs(const char *type)
{
	char line[128], name[64];
	bool found = false;
	FILE *f = fopen("/proc/filesystems", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*[^\t]\t%63s", name) == 1 &&
			!strcmp(name, type);
	fclose(f);
	return found;
}

TEST_F(vm_env, file_systems_are_mounted)
{
	static const struct {
		const char *dir;
		const char *type;
	} need[] = {
		{ "/proc", "proc" },
		{ "/sys", "sysfs" },
		{ "/dev", "devtmpfs" },
		{ "/tmp", "tmpfs" },
		{ "/run", "tmpfs" },
		{ "/sys/kernel/debug", "debugfs" },
	};
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		bool ok = mounted(need[i].dir, need[i].type);

		EXPECT_TRUE(ok) TH_LOG("no %s on %s", need[i].type, need[i].dir);
	}
	/* configfs is a module: there when VM_KMODS_LOAD has it. */
	if (kernel_has_fs("configfs"))
		EXPECT_TRUE(mounted("/sys/kernel/config", "configfs"));
}

TEST_F(vm_env, tapi_class_is_registered)
{
	struct stat st;

	if (!in_vm_modules(self, "tapi_core"))
		SKIP(return, "tapi_core is not in VM_MODULES");
	ASSERT_EQ(0, stat("/sys/class/tapi", &st));
	ASSERT_TRUE(S_ISDIR(st.st_mode));
}

static dev_t wanted_dev;
static bool dev_found;

static int match_node(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	if (type == FTW_F && S_ISCHR(st->st_mode) && st->st_rdev == wanted_dev) {
		dev_found = true;
		return 1;
	}
	return 0;
}

/* Every channel of the tapi class has its node under /dev/tapi/. */
TEST_F(vm_env, tapi_class_devices_have_nodes)
{
	char path[PATH_MAX], devnum[32];
	unsigned int major, minor;
	struct dirent *de;
	int nclass = 0;
	DIR *dir;

	if (!in_vm_modules(self, "tapi_core"))
		SKIP(return, "tapi_core is not in VM_MODULES");
	dir = opendir("/sys/class/tapi");
	ASSERT_NE(NULL, dir);
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/class/tapi/%s/dev",
			 de->d_name);
		if (read_line(path, devnum, sizeof(devnum)))
			continue;
		ASSERT_EQ(2, sscanf(devnum, "%u:%u", &major, &minor));
		nclass++;
		wanted_dev = makedev(major, minor);
		dev_found = false;
		nftw("/dev/tapi", match_node, 8, FTW_PHYS);
		EXPECT_TRUE(dev_found)
			TH_LOG("no node %u:%u under /dev/tapi for %s",
			       major, minor, de->d_name);
	}
	closedir(dir);
	/* tapi_sim's default card has ports: channels must exist. */
	if (in_vm_modules(self, "tapi_sim"))
		EXPECT_LT(0, nclass);
}

TEST_F(vm_env, sim_control_device_exists)
{
	struct stat st;

	if (!in_vm_modules(self, "tapi_sim"))
		SKIP(return, "tapi_sim is not in VM_MODULES");
	ASSERT_EQ(0, stat("/dev/tapi/sim", &st)) TH_LOG("/dev/tapi/sim: %s",
							 strerror(errno));
	ASSERT_TRUE(S_ISCHR(st.st_mode));
}

TEST_HARNESS_MAIN
