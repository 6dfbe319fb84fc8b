// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * TAPI address strings, parsed into the steps the call engine executes.
 *
 * Two forms (TAPI "Dialable Addresses" and "Canonical Addresses"):
 *
 *   dialable:   DialableNumber [ '|' Subaddress ] [ '^' Name ]
 *   canonical:  '+' CountryCode ' ' [ '(' AreaCode ')' ' ' ] Subscriber
 *               [ '|' Subaddress ] [ '^' Name ]
 *
 * In DialableNumber (and Subscriber):
 *   0-9 * # A-D   digits (a-d accepted, sent upper case)
 *   ,             pause (LINEDIALPARAMS.dwDialPause each)
 *   W w           wait for dial tone        (LINEDEVCAPFLAGS_DIALDIALTONE)
 *   @             wait for quiet answer     (LINEDEVCAPFLAGS_DIALQUIET)
 *   $             wait for the billing tone (LINEDEVCAPFLAGS_DIALBILLING)
 *   !             hook flash
 *   P p / T t     pulse / tone dialing for the digits that follow
 *   ;             at the end only: the address is incomplete, lineDial
 *                 sends the rest
 *   ?             "prompt the user": no line device can, LINEERR_DIALPROMPT
 *   space - .     formatting, ignored; ( ) too, except in a canonical
 *                 subscriber number where they are not allowed
 * A leading '+' not followed by the canonical layout marks an
 * international number in dialable form; '+' elsewhere is invalid.  CR/LF
 * (several addresses at once, for inverse multiplexing) is not supported
 * by any channel and is refused.
 *
 * Runs of digits are split so each fits one TAPI_IOC_DIAL.  Pulse mode
 * takes 0-9 only.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

#define COUNTRY_CODE_MAX 3	/* ITU-T E.164 country codes */

struct parser {
	struct tapi_dialplan *plan;
	size_t cap;
	enum tapi_dial_mode mode;
	DWORD devcap_flags;
	bool last_was_digit;	/* a digit run may be extended */
};

static LONG push_step(struct parser *p, enum tapi_dial_step_kind kind)
{
	struct tapi_dialplan *plan = p->plan;
	struct tapi_dial_step *s;

	if (plan->nsteps == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;

		s = realloc(plan->steps, cap * sizeof(*s));
		if (!s)
			return LINEERR_NOMEM;
		plan->steps = s;
		p->cap = cap;
	}
	s = &plan->steps[plan->nsteps++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->mode = p->mode;
	p->last_was_digit = false;
	return 0;
}

static LONG push_digit(struct parser *p, char c)
{
	struct tapi_dial_step *s = NULL;
	size_t len;
	LONG err;

	if (p->mode == TAPI_DIAL_PULSE && !(c >= '0' && c <= '9'))
		return LINEERR_INVALADDRESS;
	if (p->last_was_digit) {
		s = &p->plan->steps[p->plan->nsteps - 1];
		if (strlen(s->digits) == TAPI_DIAL_RUN_MAX)
			s = NULL;
	}
	if (!s) {
		err = push_step(p, TAPI_STEP_DIGITS);
		if (err)
			return err;
		s = &p->plan->steps[p->plan->nsteps - 1];
	}
	len = strlen(s->digits);
	s->digits[len] = c;
	s->digits[len + 1] = '\0';
	p->last_was_digit = true;
	return 0;
}

/* A change of mode ends the current run of digits; a repeat does not. */
static void set_mode(struct parser *p, enum tapi_dial_mode mode)
{
	if (p->mode != mode)
		p->last_was_digit = false;
	p->mode = mode;
}

static LONG wait_step(struct parser *p, enum tapi_dial_step_kind kind,
		      DWORD needed_cap, LONG err_unsupported)
{
	if (!(p->devcap_flags & needed_cap))
		return err_unsupported;
	return push_step(p, kind);
}

static bool ends_number(char c)
{
	return c == '\0' || c == '|' || c == '^';
}

/*
 * Parse a DialableNumber (or a canonical Subscriber) from *sp up to '|',
 * '^' or the end; on return *sp points at that delimiter.
 */
static LONG parse_number(struct parser *p, const char **sp, bool canonical,
			 size_t *ndigits)
{
	const char *s = *sp;
	LONG err = 0;

	*ndigits = 0;
	for (; !ends_number(*s) && !err; s++) {
		char c = *s;

		switch (c) {
		case '0' ... '9': case '*': case '#': case 'A' ... 'D':
			err = push_digit(p, c);
			++*ndigits;
			break;
		case 'a' ... 'd':
			err = push_digit(p, (char)(c - 'a' + 'A'));
			++*ndigits;
			break;
		case ',':
			err = push_step(p, TAPI_STEP_PAUSE);
			break;
		case 'W': case 'w':
			err = wait_step(p, TAPI_STEP_WAIT_DIALTONE,
					LINEDEVCAPFLAGS_DIALDIALTONE,
					LINEERR_DIALDIALTONE);
			break;
		case '@':
			err = wait_step(p, TAPI_STEP_WAIT_QUIET,
					LINEDEVCAPFLAGS_DIALQUIET,
					LINEERR_DIALQUIET);
			break;
		case '$':
			err = wait_step(p, TAPI_STEP_WAIT_BILLING,
					LINEDEVCAPFLAGS_DIALBILLING,
					LINEERR_DIALBILLING);
			break;
		case '!':
			err = push_step(p, TAPI_STEP_FLASH);
			break;
		case 'P': case 'p':
			set_mode(p, TAPI_DIAL_PULSE);
			break;
		case 'T': case 't':
			set_mode(p, TAPI_DIAL_TONE);
			break;
		case ';':
			if (!ends_number(s[1]))
				return LINEERR_INVALADDRESS;
			p->plan->partial = true;
			break;
		case '?':
			return LINEERR_DIALPROMPT;
		case ' ': case '-': case '.':
			break;
		case '(': case ')':
			if (canonical)
				return LINEERR_INVALADDRESS;
			break;
		default:	/* '+' inside, CR/LF, letters, non-ASCII */
			return LINEERR_INVALADDRESS;
		}
	}
	*sp = s;
	return err;
}

/* Digits only, 1..max of them, copied to out; *sp advanced past them. */
static bool take_code(const char **sp, char *out, size_t min, size_t max)
{
	size_t n = strspn(*sp, "0123456789");

	if (n < min || n > max)
		return false;
	memcpy(out, *sp, n);
	out[n] = '\0';
	*sp += n;
	return true;
}

/* "+CC (AC) " or "+CC " at the start of s? */
static bool looks_canonical(const char *s)
{
	size_t n;

	if (*s++ != '+')
		return false;
	n = strspn(s, "0123456789");
	return n && s[n] == ' ';
}

static LONG parse_canonical_prefix(struct tapi_dialplan *plan,
				   const char **sp)
{
	const char *s = *sp + 1;	/* past '+' */

	if (!take_code(&s, plan->country_code, 1, COUNTRY_CODE_MAX) ||
	    *s++ != ' ')
		return LINEERR_INVALADDRESS;
	if (*s == '(') {
		s++;
		if (!take_code(&s, plan->area_code, 0, TAPI_DIAL_CODE_MAX) ||
		    *s++ != ')' || *s++ != ' ')
			return LINEERR_INVALADDRESS;
	}
	*sp = s;
	return 0;
}

/* Text after '|' or '^', up to the next delimiter, duplicated. */
static LONG take_text(const char **sp, char stop, char **out)
{
	const char *s = *sp + 1;
	size_t n = stop ? strcspn(s, (const char[]){ stop, '\0' }) : strlen(s);

	if (memchr(s, '\r', n) || memchr(s, '\n', n))
		return LINEERR_INVALADDRESS;
	*out = strndup(s, n);
	if (!*out)
		return LINEERR_NOMEM;
	*sp = s + n;
	return 0;
}

/**
 * tapi_dialplan_parse() - parse a TAPI address into dial steps
 * @s: the address, UTF-8 (lineMakeCall, lineDial)
 * @devcap_flags: the line's LINEDEVCAPS.dwDevCapFlags; decides whether
 *	W, @ and $ are accepted
 * @plan: out: the steps and address parts; release with
 *	tapi_dialplan_release() (also after an error)
 *
 * An empty address (or one of formatting characters only) gives no
 * steps; whether that is acceptable is the caller's decision.
 *
 * Return: 0; LINEERR_INVALPOINTER for NULL; LINEERR_INVALADDRESS for a
 * malformed address or one longer than TAPI_DIAL_STRING_MAX bytes;
 * LINEERR_DIALDIALTONE, LINEERR_DIALQUIET or LINEERR_DIALBILLING for a
 * modifier the line does not support; LINEERR_DIALPROMPT for '?';
 * LINEERR_NOMEM.
 */
LONG tapi_dialplan_parse(const char *s, DWORD devcap_flags,
			 struct tapi_dialplan *plan)
{
	struct parser p = {
		.plan = plan,
		.mode = TAPI_DIAL_TONE,
		.devcap_flags = devcap_flags,
	};
	size_t ndigits;
	LONG err;

	memset(plan, 0, sizeof(*plan));
	if (!s)
		return LINEERR_INVALPOINTER;
	if (strnlen(s, TAPI_DIAL_STRING_MAX + 1) > TAPI_DIAL_STRING_MAX ||
	    tapi_utf8_check(s, TAPI_DIAL_STRING_MAX, false))
		return LINEERR_INVALADDRESS;

	if (looks_canonical(s)) {
		plan->canonical = plan->international = true;
		err = parse_canonical_prefix(plan, &s);
		if (err)
			return err;
	} else if (*s == '+') {
		plan->international = true;
		s++;
	}

	err = parse_number(&p, &s, plan->canonical, &ndigits);
	if (err)
		return err;
	if ((plan->canonical || plan->international) && !ndigits)
		return LINEERR_INVALADDRESS;

	if (*s == '|') {
		err = take_text(&s, '^', &plan->subaddress);
		if (err)
			return err;
	}
	if (*s == '^') {
		err = take_text(&s, '\0', &plan->name);
		if (err)
			return err;
	}
	return *s ? LINEERR_INVALADDRESS : 0;
}

/**
 * tapi_dialplan_release() - free what a parse allocated
 * @plan: the plan; left empty
 */
void tapi_dialplan_release(struct tapi_dialplan *plan)
{
	free(plan->steps);
	free(plan->subaddress);
	free(plan->name);
	memset(plan, 0, sizeof(*plan));
}
