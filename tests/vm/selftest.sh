#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# selftest.sh - check tap-check against canned console logs (TAP output).
#
# Each selftest/<case>.log is a console log as run-vm saves it, with one
# thing wrong (or nothing: good.log, skip-all.log); <case>.expected is
# what tap-check must print for it, without the context lines: exactly
# the FAIL lines it must find, the SKIP/TODO list and the summary.  The
# exit status must be 1 exactly when a FAIL line is expected.

here=$(cd "$(dirname "$0")" && pwd)
check=$here/tap-check
cases=$here/selftest
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tests="-t vm/test_vm_env -t kernel/test_core"

n=0
failed=0

# expect NAME EXPECTED-FILE COMMAND...: COMMAND prints EXPECTED-FILE.
expect()
{
	name=$1
	expected=$2
	shift 2
	n=$((n + 1))
	"$@" >"$tmp/out" 2>&1
	status=$?
	grep -v '^    |' "$tmp/out" >"$tmp/got"
	want_status=0
	grep -q '^FAIL:' "$expected" && want_status=1
	if ! cmp -s "$expected" "$tmp/got"; then
		echo "not ok $n $name"
		diff -u "$expected" "$tmp/got" | sed 's/^/# /'
		failed=$((failed + 1))
	elif [ "$status" -ne "$want_status" ]; then
		echo "not ok $n $name"
		echo "# exit status $status, expected $want_status"
		failed=$((failed + 1))
	else
		echo "ok $n $name"
	fi
}

echo "TAP version 13"
set -- "$cases"/*.log
echo "1..$(($# + 5))"

for log in "$cases"/*.log; do
	name=${log##*/}
	name=${name%.log}
	# shellcheck disable=SC2086 # $tests is a list of options
	expect "$name" "${log%.log}.expected" "$check" $tests "$log"
done

# The console as qemu prints it ends lines with \r\n; read from stdin.
sed 's/$/\r/' "$cases/good.log" >"$tmp/crlf.log"
# shellcheck disable=SC2086
expect crlf-stdin "$cases/good.expected" sh -c "'$check' $tests <'$tmp/crlf.log'"

# A test that must have run but is not in the log.
{
	echo "FAIL: kernel/test_missing: never ran"
	cat "$cases/good.expected"
} | sed 's/^4 passed, 0 failed/4 passed, 1 failed/' >"$tmp/missing.expected"
# shellcheck disable=SC2086
expect never-ran "$tmp/missing.expected" \
	"$check" $tests -t kernel/test_missing "$cases/good.log"

# Nothing at all: qemu printed nothing.
: >"$tmp/empty.log"
printf '%s\n' 'FAIL: vm: init never started (no "# vm: boot" line); the log ends:' \
	'0 passed, 1 failed, 0 skipped' >"$tmp/empty.expected"
expect empty-log "$tmp/empty.expected" "$check" "$tmp/empty.log"

# Booted, ran nothing, said done: no results is a failure too.
printf '%s\n' '# vm: boot 6.1.0-56-amd64' '# vm: done tests=0 failed=0' \
	'# vm-host: qemu exit=1' >"$tmp/nothing.log"
printf '%s\n' 'FAIL: vm: no test results at all' \
	'0 passed, 1 failed, 0 skipped' >"$tmp/nothing.expected"
expect no-results "$tmp/nothing.expected" "$check" "$tmp/nothing.log"

# Markers and kernel lines may arrive glued to a test's unterminated
# last line; "# SKIP" on a "not ok" line is a skip.
cat >"$tmp/glued.log" <<'EOF'
# vm: boot 6.1.0-56-amd64
# vm-test: begin kernel/test_core
TAP version 13
1..2
ok 1 core.open
not ok 2 core.ring # SKIP no ring generator on this card
partial line without newline# vm-test: end kernel/test_core exit=0
# vm-test: begin vm/test_vm_env
1..1
ok 1 global.kernel_release
# vm-test: end vm/test_vm_env exit=0
# vm: done tests=2 failed=0
# vm-host: qemu exit=1
EOF
printf '%s\n' 'SKIP: kernel/test_core: core.ring: no ring generator on this card' \
	'2 passed, 0 failed, 1 skipped' >"$tmp/glued.expected"
# shellcheck disable=SC2086
expect glued-marker "$tmp/glued.expected" "$check" $tests "$tmp/glued.log"

echo "$((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
