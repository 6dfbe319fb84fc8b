// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-tapi DSP: caller ID messages: building them (with checksum) and
 * parsing them.  The modulation is in callerid_tx.c, reception in
 * callerid_rx.c; see callerid.h for the formats.
 */
#include "callerid.h"

/* MDMF / ETSI call set-up parameter types */
#define PARAM_DATETIME		0x01
#define PARAM_NUMBER		0x02
#define PARAM_NUMBER_ABSENT	0x04
#define PARAM_NAME		0x07
#define PARAM_NAME_ABSENT	0x08

#define SDMF_NUMBER_MAX		10	/* Telcordia: a 10-digit number */
#define DATETIME_LEN		8	/* "MMDDHHMM" */

static bool cid_is_fsk(enum tapi_cid_standard std)
{
	return std == TAPI_CID_BELL_SDMF || std == TAPI_CID_BELL_MDMF ||
	       std == TAPI_CID_ETSI_FSK;
}

static bool cid_is_dtmf(enum tapi_cid_standard std)
{
	return std == TAPI_CID_DTMF || std == TAPI_CID_DTMF_D;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool absent_ok(char c)
{
	return !c || c == TAPI_CID_ABSENT_PRIVATE ||
	       c == TAPI_CID_ABSENT_UNAVAILABLE;
}

/* Length of a NUL-terminated field of at most max chars; -1 if longer. */
static int field_len(const char *s, int max, bool digits_only)
{
	int i;

	for (i = 0; i <= max && s[i]; i++)
		if (digits_only ? !is_digit(s[i]) : s[i] < 0x20 || s[i] > 0x7e)
			return -1;
	return i > max ? -1 : i;
}

/* Check what any format needs; the lengths of number and name. */
static int cid_check_info(const struct tapi_cid_info *info, bool digits_only,
			  int *nlen, int *mlen)
{
	*nlen = field_len(info->number, TAPI_CID_NUMBER_MAX, digits_only);
	*mlen = field_len(info->name, TAPI_CID_NAME_MAX, false);
	if (*nlen < 0 || *mlen < 0 || !absent_ok(info->number_absent) ||
	    !absent_ok(info->name_absent))
		return -EINVAL;
	/* a number, or the reason there is none, not both */
	if ((*nlen && info->number_absent) || (*mlen && info->name_absent))
		return -EINVAL;
	if (info->has_datetime &&
	    (info->month < 1 || info->month > 12 || info->day < 1 ||
	     info->day > 31 || info->hour > 23 || info->minute > 59))
		return -EINVAL;
	return 0;
}

static int put_2digits(uint8_t *p, unsigned int v)
{
	p[0] = '0' + v / 10;
	p[1] = '0' + v % 10;
	return 2;
}

static int put_datetime(uint8_t *p, const struct tapi_cid_info *info)
{
	put_2digits(p, info->month);
	put_2digits(p + 2, info->day);
	put_2digits(p + 4, info->hour);
	put_2digits(p + 6, info->minute);
	return DATETIME_LEN;
}

static int put_param(uint8_t *p, uint8_t type, const void *body, int len)
{
	p[0] = type;
	p[1] = (uint8_t)len;
	memcpy(p + 2, body, len);
	return len + 2;
}

/* Type, length, data, checksum into buf (room for TAPI_CID_MSG_MAX). */
static int cid_encode_fsk(enum tapi_cid_standard std,
			  const struct tapi_cid_info *info, int nlen, int mlen,
			  uint8_t *buf)
{
	uint8_t date[DATETIME_LEN];
	unsigned int sum = 0;
	int len = 2, i;

	if (std == TAPI_CID_BELL_SDMF) {
		/* date and number (or why not) only */
		if (!info->has_datetime || mlen || info->name_absent ||
		    nlen > SDMF_NUMBER_MAX || (!nlen && !info->number_absent))
			return -EINVAL;
		buf[0] = TAPI_CID_MSG_SDMF;
		len += put_datetime(buf + len, info);
		if (nlen) {
			memcpy(buf + len, info->number, nlen);
			len += nlen;
		} else {
			buf[len++] = info->number_absent;
		}
	} else {
		buf[0] = TAPI_CID_MSG_MDMF;
		if (info->has_datetime)
			len += put_param(buf + len, PARAM_DATETIME, date,
					 put_datetime(date, info));
		if (nlen)
			len += put_param(buf + len, PARAM_NUMBER, info->number,
					 nlen);
		else if (info->number_absent)
			len += put_param(buf + len, PARAM_NUMBER_ABSENT,
					 &info->number_absent, 1);
		if (mlen)
			len += put_param(buf + len, PARAM_NAME, info->name,
					 mlen);
		else if (info->name_absent)
			len += put_param(buf + len, PARAM_NAME_ABSENT,
					 &info->name_absent, 1);
		if (len == 2)
			return -EINVAL;		/* nothing to say */
	}
	buf[1] = (uint8_t)(len - 2);
	for (i = 0; i < len; i++)
		sum += buf[i];
	buf[len++] = (uint8_t)-sum;
	return len;
}

/* The digit string, NUL-terminated, into buf. */
static int cid_encode_dtmf(enum tapi_cid_standard std,
			   const struct tapi_cid_info *info, int nlen,
			   uint8_t *buf)
{
	int len = 0;

	if (nlen) {
		buf[len++] = std == TAPI_CID_DTMF_D ? 'D' : 'A';
		memcpy(buf + len, info->number, nlen);
		len += nlen;
	} else if (std == TAPI_CID_DTMF && info->number_absent) {
		/* EN 300 659-1 annex B: 00 unavailable, 10 withheld */
		buf[len++] = 'B';
		buf[len++] = info->number_absent == TAPI_CID_ABSENT_PRIVATE ?
			     '1' : '0';
		buf[len++] = '0';
	} else {
		return -EINVAL;
	}
	buf[len++] = 'C';
	buf[len] = '\0';
	return len;
}

/**
 * tapi_cid_encode() - build a caller ID message
 * @std: the format
 * @info: what to send.  FSK: a number of up to TAPI_CID_NUMBER_MAX
 *	printable characters (SDMF: 10) or a reason for its absence, a name
 *	(not in SDMF) or a reason, the date and time (required by SDMF).
 *	DTMF: a number of digits 0-9 or (TAPI_CID_DTMF only) a reason.
 * @msg: where to write: FSK bytes with checksum, or DTMF digits
 * @max: room in @msg
 *
 * Return: the message length, -EINVAL if @info cannot be sent in @std,
 * -ENOSPC if @max is too small.
 */
int tapi_cid_encode(enum tapi_cid_standard std,
		    const struct tapi_cid_info *info, uint8_t *msg, int max)
{
	uint8_t buf[TAPI_CID_MSG_MAX];
	int nlen, mlen, len;

	if (!info || !msg || max < 0 || (!cid_is_fsk(std) && !cid_is_dtmf(std)))
		return -EINVAL;
	if (cid_check_info(info, cid_is_dtmf(std), &nlen, &mlen))
		return -EINVAL;
	if (cid_is_fsk(std))
		len = cid_encode_fsk(std, info, nlen, mlen, buf);
	else
		len = cid_encode_dtmf(std, info, nlen, buf);
	if (len < 0)
		return len;
	if (len > max)
		return -ENOSPC;
	memcpy(msg, buf, len);
	return len;
}
TAPI_DSP_EXPORT(tapi_cid_encode);

static int get_2digits(const uint8_t *p)
{
	if (!is_digit(p[0]) || !is_digit(p[1]))
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

static int parse_datetime(struct tapi_cid_info *info, const uint8_t *p,
			  int len)
{
	int month, day, hour, minute;

	if (len != DATETIME_LEN)
		return -EPROTO;
	month = get_2digits(p);
	day = get_2digits(p + 2);
	hour = get_2digits(p + 4);
	minute = get_2digits(p + 6);
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
	    hour > 23 || minute < 0 || minute > 59)
		return -EPROTO;
	info->has_datetime = true;
	info->month = month;
	info->day = day;
	info->hour = hour;
	info->minute = minute;
	return 0;
}

/* Copy a text field, printable ASCII only, NUL-terminated. */
static int parse_text(char *dst, int max, const uint8_t *p, int len)
{
	int i;

	if (len > max)
		return -EPROTO;
	for (i = 0; i < len; i++)
		dst[i] = p[i] >= 0x20 && p[i] <= 0x7e ? (char)p[i] : '?';
	dst[len] = '\0';
	return 0;
}

static int parse_absent(char *dst, const uint8_t *p, int len)
{
	if (len < 1 || !p[0] || !absent_ok((char)p[0]))
		return -EPROTO;
	*dst = (char)p[0];
	return 0;
}

static int cid_decode_mdmf(struct tapi_cid_info *info, const uint8_t *p,
			   int len)
{
	int pos = 0, plen, err = 0;

	while (pos < len && !err) {
		if (pos + 2 > len || pos + 2 + p[pos + 1] > len)
			return -EPROTO;
		plen = p[pos + 1];
		switch (p[pos]) {
		case PARAM_DATETIME:
			err = parse_datetime(info, p + pos + 2, plen);
			break;
		case PARAM_NUMBER:
			err = parse_text(info->number, TAPI_CID_NUMBER_MAX,
					 p + pos + 2, plen);
			break;
		case PARAM_NUMBER_ABSENT:
			err = parse_absent(&info->number_absent, p + pos + 2,
					   plen);
			break;
		case PARAM_NAME:
			err = parse_text(info->name, TAPI_CID_NAME_MAX,
					 p + pos + 2, plen);
			break;
		case PARAM_NAME_ABSENT:
			err = parse_absent(&info->name_absent, p + pos + 2,
					   plen);
			break;
		default:	/* parameters we do not use */
			break;
		}
		pos += 2 + plen;
	}
	return err;
}

static int cid_decode_sdmf(struct tapi_cid_info *info, const uint8_t *p,
			   int len)
{
	int err;

	if (len < DATETIME_LEN + 1)
		return -EPROTO;
	err = parse_datetime(info, p, DATETIME_LEN);
	if (err)
		return err;
	p += DATETIME_LEN;
	len -= DATETIME_LEN;
	if (len == 1 && !is_digit(p[0]))
		return parse_absent(&info->number_absent, p, 1);
	return parse_text(info->number, TAPI_CID_NUMBER_MAX, p, len);
}

static int cid_decode_fsk(struct tapi_cid_info *info, const uint8_t *msg,
			  int len)
{
	unsigned int sum = 0;
	int i;

	if (len < 3 || msg[1] + 3 != len)
		return -EBADMSG;
	for (i = 0; i < len; i++)
		sum += msg[i];
	if (sum & 0xff)
		return -EBADMSG;
	info->msg_type = msg[0];
	if (msg[0] & 0x80)
		return cid_decode_mdmf(info, msg + 2, len - 3);
	if (msg[0] == TAPI_CID_MSG_SDMF)
		return cid_decode_sdmf(info, msg + 2, len - 3);
	return 0;	/* another message type: no caller fields */
}

/* Digits up to the next letter or the end; -EPROTO if too many. */
static int dtmf_number(struct tapi_cid_info *info, const char *p, int *pos,
		       int end)
{
	int n = 0;

	while (*pos < end && is_digit(p[*pos])) {
		if (n == TAPI_CID_NUMBER_MAX)
			return -EPROTO;
		info->number[n++] = p[(*pos)++];
	}
	info->number[n] = '\0';
	return n ? 0 : -EPROTO;
}

static int cid_decode_dtmf(struct tapi_cid_info *info, const char *p,
			   int len)
{
	char term = len ? p[len - 1] : 0;
	int pos = 0, end = len - 1, err = 0;

	if (len < 2 || (term != 'C' && term != '#'))
		return -EBADMSG;
	/* "D1#" withheld, "D2#" international, "D3#" unavailable */
	if (len == 3 && p[0] == 'D' && term == '#' && p[1] >= '1' &&
	    p[1] <= '3') {
		info->number_absent = p[1] == '1' ? TAPI_CID_ABSENT_PRIVATE :
				      TAPI_CID_ABSENT_UNAVAILABLE;
		return 0;
	}
	/* "D<number>C" (Taiwan), "<number>#" (Denmark, Netherlands) */
	if (p[0] == 'D' || is_digit(p[0])) {
		pos = p[0] == 'D';
		err = dtmf_number(info, p, &pos, end);
		return err ? err : pos == end ? 0 : -EPROTO;
	}
	/* A<number>, D<redirecting number>, B<reason>, in any order */
	while (pos < end && !err) {
		switch (p[pos++]) {
		case 'A':
			err = dtmf_number(info, p, &pos, end);
			break;
		case 'D': {
			struct tapi_cid_info redirect;

			/* the redirecting number: not reported */
			err = dtmf_number(&redirect, p, &pos, end);
			break;
		}
		case 'B':
			if (pos + 2 > end)
				return -EPROTO;
			if (p[pos] == '1' && p[pos + 1] == '0')
				info->number_absent = TAPI_CID_ABSENT_PRIVATE;
			else if (p[pos] == '0' && p[pos + 1] == '0')
				info->number_absent = TAPI_CID_ABSENT_UNAVAILABLE;
			else
				return -EPROTO;
			pos += 2;
			break;
		default:
			return -EPROTO;
		}
	}
	if (!err && !info->number[0] && !info->number_absent)
		return -EPROTO;
	return err;
}

/**
 * tapi_cid_decode() - parse a caller ID message
 * @std: the format family: any FSK standard parses any FSK message, any
 *	DTMF standard any DTMF variant
 * @msg: FSK bytes from the message type to the checksum, or DTMF digits
 *	ending in 'C' or '#'
 * @len: their number
 * @info: the result, zeroed first
 *
 * Return: 0; -EBADMSG if the checksum or length is wrong (FSK) or the end
 * marker is missing (DTMF); -EPROTO if the contents do not parse; -EINVAL
 * for a bad argument.
 */
int tapi_cid_decode(enum tapi_cid_standard std, const uint8_t *msg, int len,
		    struct tapi_cid_info *info)
{
	int err;

	if (!info || (!msg && len) || len < 0)
		return -EINVAL;
	memset(info, 0, sizeof(*info));
	if (cid_is_fsk(std))
		err = cid_decode_fsk(info, msg, len);
	else if (cid_is_dtmf(std))
		err = cid_decode_dtmf(info, (const char *)msg, len);
	else
		err = -EINVAL;
	if (err)
		memset(info, 0, sizeof(*info));
	return err;
}
TAPI_DSP_EXPORT(tapi_cid_decode);
