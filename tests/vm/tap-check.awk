# SPDX-License-Identifier: GPL-2.0
#
# The judge behind tap-check (read its header for the rules).  Reads the
# whole log first, so a failure can be printed with the lines after it,
# then walks it line by line.  POSIX awk.
#
# Input: -v expected=" name name ..." (tests that must have run).

BEGIN {
	# Kernel messages that mean the kernel itself went wrong.
	KERNEL_TROUBLE = "BUG:|kernel BUG at|WARNING: (CPU:|at |possible|suspicious|inconsistent)|-\\[ cut here \\]-|Oops:|general protection fault|Call Trace:|Kernel panic|KASAN:|UBSAN:|refcount_t:|list_(add|del) corruption|soft lockup|hard LOCKUP|blocked for more than|detected stalls?|double fault"
	nfail = 0
	npassed = 0
	nskipped = 0
	where = "boot"
}

{
	sub(/\r+$/, "")
	lines[NR] = $0
}

# fail(where, why, from, to): one failure, shown with lines from..to.
function fail(place, why, from, to,    k) {
	nfail++
	printf "FAIL: %s: %s\n", place, why
	if (from < 1)
		from = 1
	if (to > nlines)
		to = nlines
	for (k = from; k <= to; k++)
		printf "    | %s\n", lines[k]
}

# The first line of the test case whose result is on line n.
function case_start(n,    k) {
	for (k = n - 1; k > n - 40 && k > test_begin; k--)
		if (lines[k] ~ /^(not )?ok( |$)/)
			break
	return k + 1
}

function start_test(name) {
	if (in_test)
		fail(test, "no end marker: the next test began", test_begin, i)
	in_test = 1
	test = name
	where = name
	test_begin = i
	nplans = 0
	plan = -1
	skip_all = 0
	nresults = 0
	nskipped_here = 0
	timed_out = 0
	bad_numbering = 0
	bailed_out = 0
	last_run = ""
	if (name in ran)
		fail(name, "ran twice", i, i)
	ran[name] = 1
}

function end_test(name, status) {
	if (!in_test || name != test) {
		fail(name, "end marker without a begin marker", i, i)
		return
	}
	in_test = 0
	if (bailed_out || timed_out)
		;	# the stream ended there: nothing else to hold it to
	else if (nplans == 0)
		fail(name, "no TAP plan (1..N)", i - 5, i)
	else if (nplans > 1)
		fail(name, nplans " TAP plans", i - 5, i)
	else if (plan != nresults)
		fail(name, "plan 1.." plan " but " nresults " results", i - 5, i)
	if (timed_out)
		fail(name, "killed by the per-test timeout (exit=" status ")",
		     i - 5, i)
	else if (status != 0 && !(status == 4 && nskipped_here == nresults &&
				  (nresults > 0 || skip_all)))
		fail(name, "exited with status " status, i - 5, i)
	finished[name] = 1
}

function add_skip(kind, name, reason) {
	nskipped++
	if (reason == "")
		reason = "(no reason given)"
	skips[nskipped] = kind ": " test ": " (name != "" ? name ": " : "") reason
}

# A TAP result line ("ok ..." or "not ok ...") inside a test.
function result(line,    ok, num, rest, directive, word, reason, name) {
	ok = (line ~ /^ok/)
	rest = line
	sub(/^(not )?ok/, "", rest)
	num = ""
	if (match(rest, /^ +[0-9]+/)) {
		num = substr(rest, RSTART, RLENGTH) + 0
		rest = substr(rest, RSTART + RLENGTH)
	}
	nresults++
	if (num != "" && num != nresults && !bad_numbering) {
		bad_numbering = 1
		fail(test, "result numbered " num ", expected " nresults, i, i)
	}
	# The directive follows the first "#" not escaped by a backslash.
	directive = ""
	if (match(rest, /(^|[^\\])#/)) {
		directive = substr(rest, RSTART + RLENGTH)
		rest = substr(rest, 1, RSTART)
		sub(/^ +/, "", directive)
		sub(/#$/, "", rest)
	}
	sub(/^ *-? */, "", rest)
	sub(/ +$/, "", rest)
	# kselftest_harness prints "ok N # SKIP reason": the name is that
	# of the "#  RUN" line before.
	name = rest != "" ? rest : last_run
	word = toupper(directive)
	sub(/[^A-Z].*/, "", word)
	reason = substr(directive, length(word) + 1)
	sub(/^[ :]+/, "", reason)
	if (word == "SKIP" || word == "TODO" || (ok && word == "XFAIL")) {
		nskipped_here++
		add_skip(word, name, reason)
	} else if (ok) {
		npassed++
	} else {
		fail(test, line, case_start(i), i)
	}
}

function kernel_trouble(    label, k) {
	label = dmesg_label != "" ? dmesg_label : where
	if (label in kernel_failed)
		return
	kernel_failed[label] = 1
	# Up to the next marker, at most 30 lines: the whole report.
	for (k = i + 1; k < i + 30 && k < nlines; k++)
		if (lines[k] ~ /^# vm/)
			break
	fail(label, "kernel: " lines[i], i - 1, k)
}

# The word after a marker prefix, e.g. the test name.
function arg(line, prefix,    rest) {
	rest = substr(line, index(line, prefix) + length(prefix))
	sub(/^ +/, "", rest)
	sub(/ .*/, "", rest)
	return rest
}

END {
	nlines = NR
	for (i = 1; i <= nlines; i++) {
		line = lines[i]
		if (index(line, "# vm") > 0) {
			if (index(line, "# vm-test: begin ") > 0) {
				start_test(arg(line, "# vm-test: begin "))
				continue
			}
			if (index(line, "# vm-test: end ") > 0) {
				status = line
				sub(/.*exit=/, "", status)
				sub(/[^0-9].*/, "", status)
				if (status == "")
					status = "unknown"
				end_test(arg(line, "# vm-test: end "), status)
				continue
			}
			if (index(line, "# vm-test: timeout ") > 0) {
				timed_out = 1
				continue
			}
			if (index(line, "# vm-dmesg: begin ") > 0) {
				dmesg_label = arg(line, "# vm-dmesg: begin ")
				continue
			}
			if (index(line, "# vm-dmesg: end") > 0) {
				dmesg_label = ""
				continue
			}
			if (index(line, "# vm-error: ") > 0) {
				fail(where, substr(line, index(line, "# vm-error: ") + 12), i, i)
				continue
			}
			if (index(line, "# vm: boot") > 0) {
				booted = 1
				continue
			}
			if (index(line, "# vm: done") > 0) {
				if (in_test)
					fail(test, "no end marker", test_begin, i)
				in_test = 0
				done = 1
				where = "shutdown"
				continue
			}
			if (index(line, "# vm-host: TIMEOUT") > 0) {
				timeout = 1
				fail("vm", "the VM did not finish in time; the log ends:",
				     i - 15, i)
				continue
			}
			if (index(line, "# vm-host: qemu exit=") > 0) {
				host_status = line
				sub(/.*exit=/, "", host_status)
				continue
			}
		}
		if (line ~ KERNEL_TROUBLE) {
			kernel_trouble()
			continue
		}
		if (!in_test || dmesg_label != "" || bailed_out)
			continue
		if (line ~ /^(not )?ok( |$)/) {
			result(line)
		} else if (line ~ /^1\.\.[0-9]+/) {
			nplans++
			plan = line
			sub(/^1\.\./, "", plan)
			sub(/[^0-9].*/, "", plan)
			plan += 0
			if (plan == 0 && toupper(line) ~ /# *SKIP/) {
				skip_all = 1
				reason = line
				sub(/^[^#]*# *[Ss][Kk][Ii][Pp][ :]*/, "", reason)
				add_skip("SKIP", "", reason)
			}
		} else if (line ~ /^Bail out!/) {
			bailed_out = 1
			fail(test, line, i - 5, i)
		} else if (line ~ /^#  RUN /) {
			last_run = line
			sub(/^#  RUN +/, "", last_run)
			sub(/ .*/, "", last_run)
		}
	}

	if (in_test && !timeout)
		fail(test, "the log stops during this test (no end marker); its end:",
		     nlines - 15, nlines)
	else if (!booted && !timeout)
		fail("vm", "init never started (no \"# vm: boot\" line); the log ends:",
		     nlines - 15, nlines)
	else if (!done && !timeout)
		fail("vm", "the run stopped before its end (no \"# vm: done\" line); the log ends:",
		     nlines - 15, nlines)

	n = split(expected, names, " ")
	for (k = 1; k <= n; k++)
		if (!(names[k] in ran))
			fail(names[k], "never ran", 0, -1)

	if (host_status != "" && !timeout) {
		if (host_status == 3 && nfail == 0)
			fail("vm", "the guest reported a failure this log does not show", 0, -1)
		else if (host_status == 0)
			fail("vm", "qemu exit=0: the guest stopped without reporting (panic? init died?)", 0, -1)
		else if (host_status != 1 && host_status != 3)
			fail("vm", "qemu failed (exit=" host_status ")", 0, -1)
	}

	if (npassed + nfail + nskipped == 0)
		fail("vm", "no test results at all", 0, -1)

	for (k = 1; k <= nskipped; k++)
		print skips[k]
	printf "%d passed, %d failed, %d skipped\n", npassed, nfail, nskipped
	exit (nfail > 0 ? 1 : 0)
}
