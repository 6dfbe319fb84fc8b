/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers of the phone API tests (test_tapi_phone, test_tapi_handset):
 * a phone application in event mode, waiting for its messages, finding
 * the phone device of a channel by its PHONECAPS name.
 */
#ifndef E2E_PHONE_H
#define E2E_PHONE_H

#include "e2e_util.h"

struct e2e_phoneapp {
	HPHONEAPP h;
	DWORD ndevs;
};

static inline LONG e2e_phone_init(struct e2e_phoneapp *a, const char *name)
{
	PHONEINITIALIZEEXPARAMS ip;
	DWORD version = 0x00020002;

	memset(&ip, 0, sizeof(ip));
	ip.dwTotalSize = sizeof(ip);
	ip.dwOptions = PHONEINITIALIZEEXOPTION_USEEVENT;
	return phoneInitializeEx(&a->h, NULL, NULL, name, &a->ndevs, &version,
				 &ip);
}

static inline const char *e2e_phone_msg_name(DWORD id)
{
	switch (id) {
	case PHONE_BUTTON: return "PHONE_BUTTON";
	case PHONE_CLOSE: return "PHONE_CLOSE";
	case PHONE_REPLY: return "PHONE_REPLY";
	case PHONE_STATE: return "PHONE_STATE";
	case PHONE_CREATE: return "PHONE_CREATE";
	case PHONE_REMOVE: return "PHONE_REMOVE";
	default: return "PHONE_?";
	}
}

/* The next message @id (for hDevice @device unless 0); others skipped. */
static inline bool e2e_phone_wait(struct e2e_phoneapp *a, DWORD id,
				  DWORD device, PHONEMESSAGE *m,
				  long timeout_ms)
{
	long end = e2e_now_ms() + timeout_ms;

	for (;;) {
		long left = end - e2e_now_ms();

		if (left <= 0 || phoneGetMessage(a->h, m, left) != 0) {
			printf("#   no %s within %ld ms\n",
			       e2e_phone_msg_name(id), timeout_ms);
			return false;
		}
		printf("#   phone %s dev 0x%x p1 0x%lx p2 0x%lx p3 0x%lx\n",
		       e2e_phone_msg_name(m->dwMessageID),
		       (unsigned int)m->hDevice, (unsigned long)m->dwParam1,
		       (unsigned long)m->dwParam2, (unsigned long)m->dwParam3);
		fflush(stdout);
		if (m->dwMessageID == id && (!device || m->hDevice == device))
			return true;
	}
}

/* PHONE_STATE @state with dwParam2 @p2 (any when -1). */
static inline bool e2e_phone_wait_state(struct e2e_phoneapp *a, HPHONE ph,
					DWORD state, DWORD p2)
{
	PHONEMESSAGE m;

	while (e2e_phone_wait(a, PHONE_STATE, ph, &m, E2E_TIMEOUT_MS))
		if (m.dwParam1 == state && (p2 == (DWORD)-1 ||
					    m.dwParam2 == p2))
			return true;
	return false;
}

/* The next PHONE_BUTTON must be @id / @mode / @state. */
static inline bool e2e_phone_button(struct e2e_phoneapp *a, HPHONE ph,
				    DWORD id, DWORD mode, DWORD state)
{
	PHONEMESSAGE m;

	if (!e2e_phone_wait(a, PHONE_BUTTON, ph, &m, E2E_TIMEOUT_MS))
		return false;
	return m.dwParam1 == id && m.dwParam2 == mode && m.dwParam3 == state;
}

/* PHONE_REPLY of request @id; its result in *result. */
static inline bool e2e_phone_reply(struct e2e_phoneapp *a, LONG id,
				   LONG *result)
{
	PHONEMESSAGE m;

	if (id <= 0)
		return false;
	while (e2e_phone_wait(a, PHONE_REPLY, 0, &m, E2E_TIMEOUT_MS)) {
		if (m.dwParam1 == (DWORD_PTR)id) {
			*result = (LONG)m.dwParam2;
			return true;
		}
	}
	return false;
}

/* The phone device ID whose PHONECAPS phone name is @want, or -1. */
static inline long e2e_phone_named(struct e2e_phoneapp *a, const char *want)
{
	union { PHONECAPS c; char buf[4096]; } u;

	for (DWORD id = 0; id < a->ndevs; id++) {
		memset(&u, 0, sizeof(u));
		u.c.dwTotalSize = sizeof(u);
		if (phoneGetDevCaps(a->h, id, 0x00020002, 0, &u.c) ||
		    !u.c.dwPhoneNameSize)
			continue;
		if (!strcmp(u.buf + u.c.dwPhoneNameOffset, want))
			return id;
	}
	return -1;
}

/* A DWORD device ID from phoneGetID, or -1. */
static inline long e2e_phone_id(HPHONE ph, const char *class)
{
	union { VARSTRING v; char buf[256]; } u;
	DWORD id;

	memset(&u, 0, sizeof(u));
	u.v.dwTotalSize = sizeof(u);
	if (phoneGetID(ph, &u.v, class) || u.v.dwStringSize != sizeof(DWORD))
		return -1;
	memcpy(&id, u.buf + u.v.dwStringOffset, sizeof(id));
	return id;
}

#endif /* E2E_PHONE_H */
