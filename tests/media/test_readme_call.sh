#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# test_readme_call - the commands of README.md's "Recording and playing a
# live call", as written there, in the test VM: line 2 of the card sim0
# calls line 3 with tapictl, aplay plays a 1 kHz WAV file into the call on
# line 2's PCM and arecord records line 3's.  The recording must hold the
# tone (Goertzel over 50 ms windows, with od and awk): at least 20 windows
# at the level played (-12 dBFS within 1.5 dB), nine in ten of those pure.
#
# The card sim0 is the one tapi_sim makes at load (2 FXS, then FXO lines
# on channels 2 and 3); the test skips if another test left it otherwise.
# The WAV file comes from the host (sox, tests/media/media.mk).  Waits are
# bounded: tapictl's own timeouts, and 60 s for arecord to start.

TONE=/usr/share/tapi-tests/tone-1k.wav

echo "TAP version 13"
echo "1..1"

name()
{
	cat "/sys/class/tapi/tapi$1/name" 2>/dev/null
}

if [ "$(name 2)" != sim0/fxo0 ] || [ "$(name 3)" != sim0/fxo1 ]; then
	echo "ok 1 readme_live_call # SKIP sim0's lines are not channels 2 and 3"
	exit 0
fi
for tool in tapictl aplay arecord od awk; do
	if ! command -v $tool >/dev/null; then
		echo "ok 1 readme_live_call # SKIP no $tool in this image"
		exit 0
	fi
done

rec_pid=
fail()
{
	echo "# $*"
	[ -z "$rec_pid" ] || kill "$rec_pid" 2>/dev/null
	tapictl hook 2 on >/dev/null 2>&1
	tapictl hook 3 on >/dev/null 2>&1
	echo "not ok 1 readme_live_call"
	exit 1
}

cd /tmp || fail "no /tmp"
rm -f far-end.wav

# --- README: place the call -------------------------------------------
tapictl hook 2 off || fail "hook 2 off"
tapictl sim wait 2 DIALTONE || fail "no dial tone on 2"
tapictl dial 2 2003 || fail "dial 2 2003"
tapictl sim wait 3 RINGING || fail "3 does not ring"
tapictl hook 3 off || fail "hook 3 off"
tapictl sim wait 2 CONNECTED || fail "not connected"

# --- README: record the far end, play into the call -------------------
arecord -D plughw:CARD=sim0,DEV=3 -f S16_LE -r 8000 -c 1 -d 5 far-end.wav \
	2>arecord.log &
rec_pid=$!
# (Not in the README: the test waits for the capture to run, so that the
# tone is not played before the recording starts on a slow VM.)
tries=0
until grep -q 'state: RUNNING' /proc/asound/card*/pcm3c/sub0/status 2>/dev/null; do
	tries=$((tries + 1))
	[ $tries -le 600 ] || fail "arecord did not start: $(cat arecord.log)"
	sleep 0.1
done
aplay -D plughw:CARD=sim0,DEV=2 "$TONE" 2>aplay.log ||
	fail "aplay: $(cat aplay.log)"
wait "$rec_pid" || fail "arecord: $(cat arecord.log)"
rec_pid=

# --- README: hang up ---------------------------------------------------
tapictl hook 2 on || fail "hook 2 on"
tapictl hook 3 on || fail "hook 3 on"

# --- the recording ------------------------------------------------------
[ -s far-end.wav ] || fail "no recording"
result=$(od -An -v -t d2 -j 44 far-end.wav | awk '
	BEGIN { n = 0; coef = 1.41421356237 # 2 cos(2 pi 1000 / 8000): no math in busybox awk
		want = 8231 * 8231 / 2; pure = 0; level = 0; total = 0 }
	function window(  ms, p) {
		ms = sum / 400
		p = (s1 * s1 + s2 * s2 - coef * s1 * s2) * 2 / (400 * 400)
		if (ms > want / 1.413 && ms < want * 1.413) {
			level++
			if (p > 0.95 * ms)
				pure++
		}
		n = 0; sum = 0; s1 = 0; s2 = 0
	}
	{
		for (i = 1; i <= NF; i++) {
			x = $i; total++
			s = x + coef * s1 - s2; s2 = s1; s1 = s
			sum += x * x
			if (++n == 400)
				window()
		}
	}
	END { print total, level, pure }')
set -- $result
echo "# recorded $1 samples: $2 windows of 50 ms at the level, $3 of them the 1 kHz tone"
[ "$1" -eq 40000 ] || fail "recorded $1 samples, not 40000"
[ "$3" -ge 20 ] || fail "too little of the tone"
[ $(($3 * 10)) -ge $(($2 * 9)) ] || fail "the tone is not pure"
echo "ok 1 readme_live_call"
