// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The rendezvous of a line: which applications, in which processes, have
 * it open.  TAPI needs that knowledge in three places: the owner of an
 * offered call is one application among all that opened the line for
 * owner (whichever process it is in), lineHandoff finds its target among
 * them, and LINEDEVSTATUS counts them.  The kernel keeps the call itself;
 * this file keeps the rest.
 *
 * One small file per line: $TAPI_RUNTIME_DIR (default /dev/shm) /
 * tapi-line-<card>-<port>, created with the owner, group and mode of the
 * channel's device node, so whoever may use the line may use its file.
 * It holds a header and RDV_SLOTS slots, one per open HLINE.  No process
 * has to clean up after itself, or after one that crashed:
 *  - the header and slots change under an exclusive OFD lock on one
 *    byte past the data (the "mutex");
 *  - a process holds a shared OFD lock on one byte per slot it uses, as
 *    long as it uses it; a slot nobody holds a lock on is free, whatever
 *    it contains.  Locks vanish with the process.
 * The owner of an offered call is decided once per kernel call id, by the
 * first process to see the call, and written in the header for the
 * others to read: every process then agrees.
 *
 * Contents are treated as untrusted input: strings are terminated and
 * numbers range-checked before use.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"

#define RDV_MAGIC	0x52504154u	/* "TAPR" */
#define RDV_VERSION	1
#define RDV_SLOTS	64
#define RDV_LOCK_BASE	(1 << 20)	/* lock bytes, past the data */
#define RDV_MUTEX	RDV_LOCK_BASE
#define RDV_LIVE(i)	(RDV_LOCK_BASE + 1 + (i))

struct rdv_header {
	uint32_t magic;
	uint32_t version;
	uint64_t seq;			/* registrations so far */
	uint32_t decided_call_id;	/* the offered call last decided */
	int32_t owner_pid;		/* its owner, or 0 for none */
	uint32_t owner_hline;
	uint32_t reserved[9];
};

struct rdv_slot {
	int32_t pid;
	uint32_t hline;
	uint32_t privileges;
	uint32_t media_modes;
	uint64_t seq;
	char friendly[64];
	char module[64];
	uint32_t reserved[2];
};

_Static_assert(sizeof(struct rdv_header) == 64, "header layout");
_Static_assert(sizeof(struct rdv_slot) == 160, "slot layout");

#define SLOT_OFF(i)	(sizeof(struct rdv_header) + (i) * sizeof(struct rdv_slot))
#define FILE_SIZE	SLOT_OFF(RDV_SLOTS)

struct tapi_rdv {
	int fd;
	uint32_t mine[RDV_SLOTS];	/* our HLINE in each slot, or 0 */
};

static int lock_byte(int fd, int cmd, short type, off_t at)
{
	struct flock fl = {
		.l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1,
	};

	while (fcntl(fd, cmd, &fl) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

static int mutex_lock(struct tapi_rdv *rdv)
{
	return lock_byte(rdv->fd, F_OFD_SETLKW, F_WRLCK, RDV_MUTEX);
}

static void mutex_unlock(struct tapi_rdv *rdv)
{
	lock_byte(rdv->fd, F_OFD_SETLK, F_UNLCK, RDV_MUTEX);
}

/* Is slot i held by a process (ours included)? */
static bool slot_live(struct tapi_rdv *rdv, unsigned int i)
{
	struct flock fl = {
		.l_type = F_WRLCK, .l_whence = SEEK_SET,
		.l_start = RDV_LIVE(i), .l_len = 1,
	};

	if (rdv->mine[i])
		return true;
	if (fcntl(rdv->fd, F_OFD_GETLK, &fl) < 0)
		return false;
	return fl.l_type != F_UNLCK;
}

static int read_at(int fd, void *buf, size_t len, off_t at)
{
	ssize_t n = pread(fd, buf, len, at);

	if (n < 0)
		return -errno;
	if ((size_t)n < len)
		memset((char *)buf + n, 0, len - n);
	return 0;
}

static int write_at(int fd, const void *buf, size_t len, off_t at)
{
	ssize_t n = pwrite(fd, buf, len, at);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

/* A valid header, initialising the file if it has none; mutex held. */
static int header_get(struct tapi_rdv *rdv, struct rdv_header *h)
{
	int err = read_at(rdv->fd, h, sizeof(*h), 0);

	if (err)
		return err;
	if (h->magic == RDV_MAGIC && h->version == RDV_VERSION)
		return 0;
	memset(h, 0, sizeof(*h));
	h->magic = RDV_MAGIC;
	h->version = RDV_VERSION;
	if (ftruncate(rdv->fd, FILE_SIZE) < 0)
		return -errno;
	return write_at(rdv->fd, h, sizeof(*h), 0);
}

static void sanitise(char *dst, size_t size, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i < size - 1; i++) {
		char c = src[i];

		dst[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '-' || c == '_' ?
			 c : '_';
	}
	dst[i] = '\0';
}

/**
 * tapi_rdv_open() - open (creating) a line's rendezvous file
 * @info: the line's channel
 * @out: out: the rendezvous
 *
 * Return: 0 or a negative errno (no runtime directory, no permission).
 */
int tapi_rdv_open(const struct tapi_dev_info *info, struct tapi_rdv **out)
{
	const char *dir = getenv("TAPI_RUNTIME_DIR");
	char card[TAPI_NAME_LEN], path[256];
	struct tapi_rdv *rdv;
	struct stat st;
	int fd;

	if (!dir || !*dir)
		dir = "/dev/shm";
	sanitise(card, sizeof(card), info->card_name[0] ? info->card_name :
						      info->driver);
	snprintf(path, sizeof(path), "%s/tapi-line-%s-%u", dir, card,
		 info->index);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	/* The device's permissions decide who may use the line: copy them. */
	if (!stat(info->devnode, &st)) {
		struct stat mine;

		if (!fstat(fd, &mine) && mine.st_uid == geteuid()) {
			if (fchown(fd, st.st_uid, st.st_gid) < 0) {
				/* not root: the file stays ours */
			}
			if (fchmod(fd, st.st_mode & 0666) < 0) {
				/* keep 0600: only we may use it */
			}
		}
	}
	rdv = calloc(1, sizeof(*rdv));
	if (!rdv) {
		close(fd);
		return -ENOMEM;
	}
	rdv->fd = fd;
	*out = rdv;
	return 0;
}

/**
 * tapi_rdv_close() - close a rendezvous, leaving every slot it held
 * @rdv: the rendezvous, or NULL
 */
void tapi_rdv_close(struct tapi_rdv *rdv)
{
	if (!rdv)
		return;
	close(rdv->fd);		/* drops every lock of this description */
	free(rdv);
}

/**
 * tapi_rdv_register() - announce an open line
 * @rdv: the line's rendezvous
 * @line: the line (its HLINE, privileges, media modes, application)
 *
 * Return: 0, -ENOSPC when RDV_SLOTS lines are open, another -errno.
 */
int tapi_rdv_register(struct tapi_rdv *rdv, const struct tapi_line *line)
{
	struct rdv_header h;
	struct rdv_slot s;
	unsigned int i;
	int err;

	if (!rdv)
		return 0;
	err = mutex_lock(rdv);
	if (err)
		return err;
	err = header_get(rdv, &h);
	if (err)
		goto out;
	for (i = 0; i < RDV_SLOTS; i++)
		if (!slot_live(rdv, i))
			break;
	if (i == RDV_SLOTS) {
		err = -ENOSPC;
		goto out;
	}
	memset(&s, 0, sizeof(s));
	s.pid = getpid();
	s.hline = line->handle;
	s.privileges = line->privileges;
	s.media_modes = line->media_modes;
	s.seq = ++h.seq;
	snprintf(s.friendly, sizeof(s.friendly), "%s", line->app->friendly_name);
	snprintf(s.module, sizeof(s.module), "%s",
		 program_invocation_short_name);
	err = write_at(rdv->fd, &s, sizeof(s), SLOT_OFF(i));
	if (!err)
		err = write_at(rdv->fd, &h, sizeof(h), 0);
	if (!err)
		err = lock_byte(rdv->fd, F_OFD_SETLK, F_RDLCK, RDV_LIVE(i));
	if (!err)
		rdv->mine[i] = line->handle;
out:
	mutex_unlock(rdv);
	return err;
}

/**
 * tapi_rdv_unregister() - a line was closed
 * @rdv: its rendezvous, or NULL
 * @line: the line
 */
void tapi_rdv_unregister(struct tapi_rdv *rdv, const struct tapi_line *line)
{
	static const struct rdv_slot empty;

	if (!rdv || mutex_lock(rdv))
		return;
	for (unsigned int i = 0; i < RDV_SLOTS; i++) {
		if (rdv->mine[i] != line->handle)
			continue;
		write_at(rdv->fd, &empty, sizeof(empty), SLOT_OFF(i));
		lock_byte(rdv->fd, F_OFD_SETLK, F_UNLCK, RDV_LIVE(i));
		rdv->mine[i] = 0;
	}
	mutex_unlock(rdv);
}

static void slot_to_app(const struct rdv_slot *s, struct tapi_rdv_app *a)
{
	a->pid = s->pid;
	a->hline = s->hline;
	a->privileges = s->privileges;
	a->media_modes = s->media_modes & TAPI_LINE_MEDIA_MODES;
	a->seq = s->seq;
	memcpy(a->friendly, s->friendly, sizeof(a->friendly));
	a->friendly[sizeof(a->friendly) - 1] = '\0';
	memcpy(a->module, s->module, sizeof(a->module));
	a->module[sizeof(a->module) - 1] = '\0';
}

/* The live slots, in registration order; mutex held. */
static size_t live_apps(struct tapi_rdv *rdv, struct tapi_rdv_app *apps,
			size_t max)
{
	size_t n = 0;

	for (unsigned int i = 0; i < RDV_SLOTS && n < max; i++) {
		struct rdv_slot s;
		size_t j;

		if (!slot_live(rdv, i) ||
		    read_at(rdv->fd, &s, sizeof(s), SLOT_OFF(i)) || s.pid <= 0)
			continue;
		for (j = n; j > 0 && apps[j - 1].seq > s.seq; j--)
			apps[j] = apps[j - 1];
		slot_to_app(&s, &apps[j]);
		n++;
	}
	return n;
}

/**
 * tapi_rdv_apps() - the applications that have the line open
 * @rdv: the rendezvous
 * @apps: out: in the order they opened it
 * @max: room in @apps
 * @count: out: entries stored
 *
 * Return: 0 or a negative errno.
 */
int tapi_rdv_apps(struct tapi_rdv *rdv, struct tapi_rdv_app *apps,
		  size_t max, size_t *count)
{
	int err = mutex_lock(rdv);

	if (err)
		return err;
	*count = live_apps(rdv, apps, max);
	mutex_unlock(rdv);
	return 0;
}

/**
 * tapi_rdv_decide_owner() - the owner of an offered call, agreed by all
 * @rdv: the line's rendezvous
 * @call_id: the kernel's call id
 * @media_mode: the call's media modes
 * @owner: out: the application that owns it
 *
 * The first process to ask decides (tapi_media_rank(), then open order)
 * and writes the answer down; the others read it.
 *
 * Return: 0; -ENOENT when no application opened the line for owner with
 * a fitting media mode; another -errno.
 */
int tapi_rdv_decide_owner(struct tapi_rdv *rdv, uint32_t call_id,
			  DWORD media_mode, struct tapi_rdv_app *owner)
{
	struct tapi_rdv_app apps[RDV_SLOTS];
	struct rdv_header h;
	size_t n, best = RDV_SLOTS;
	int err = mutex_lock(rdv);

	if (err)
		return err;
	err = header_get(rdv, &h);
	if (err)
		goto out;
	n = live_apps(rdv, apps, RDV_SLOTS);
	if (call_id && h.decided_call_id == call_id) {
		err = -ENOENT;
		for (size_t i = 0; i < n; i++) {
			if (apps[i].pid == h.owner_pid &&
			    apps[i].hline == h.owner_hline) {
				*owner = apps[i];
				err = 0;
			}
		}
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int rank = tapi_media_rank(apps[i].media_modes & media_mode);

		if (!(apps[i].privileges & LINECALLPRIVILEGE_OWNER) || rank < 0)
			continue;
		if (best == RDV_SLOTS ||
		    rank < tapi_media_rank(apps[best].media_modes & media_mode))
			best = i;	/* ties: the earlier opener stays */
	}
	h.decided_call_id = call_id;
	h.owner_pid = best < n ? apps[best].pid : 0;
	h.owner_hline = best < n ? apps[best].hline : 0;
	err = write_at(rdv->fd, &h, sizeof(h), 0);
	if (!err && best == RDV_SLOTS)
		err = -ENOENT;
	if (!err)
		*owner = apps[best];
out:
	mutex_unlock(rdv);
	return err;
}
