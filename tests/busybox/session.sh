#!/bin/sh
# The scripted busybox session (issue 13): /init of build/busybox/session.cpio.
# Each section is a function run in a subshell, its stdout and stderr
# together, between "## NAME" and "## NAME: status N"; the whole is
# indented by four spaces (so that kernel messages on the same console
# stand apart) and framed by "# busybox session: begin/end". Its output on
# Debian's Linux 6.1 is tests/busybox/expected/session.out (make
# compare-linux); on Mneme every section but those "session_skip=a,b"
# names (tests/busybox/session-todo.txt) must print the same
# (tests/busybox/run_session.py). What differs between machines by nature
# (times, pids, memory sizes) is reduced to its shape. Then PID 1 exits:
# Mneme's leak check after init follows (Linux panics, and QEMU stops).

export PATH=/bin HOME=/root
umask 022
cd /

# The shell alone: builtins, no other program (but sh itself).
sec_builtins() {
	f() { echo "f got $# arguments: $*"; return 3; }
	f a "b c" d
	echo "f returned $?"
	for w in alpha beta gamma; do
		case $w in
		a*) echo "$w starts with a" ;;
		*m*) echo "$w has an m" ;;
		*) echo "$w: neither" ;;
		esac
	done
	v=hello.world.txt
	echo "${v%.*} ${v##*.} ${#v} ${u:-default} ${v#hello}"
	printf '%s=%d\n' six 6 seven 7
	echo "$(( 7 * 6 )) $(( 100 / 7 )) $(( 100 % 7 )) $(( 1 << 10 )) $(( -5 + 2 ))"
	echo one > /tmp/b1
	echo two >> /tmp/b1
	while read -r l; do echo "read: $l"; done < /tmp/b1
	echo piped | { read -r l; echo "through a pipe: $l"; }
	echo "$(echo a; echo b)" | while read -r l; do echo "line $l"; done
	set -- x y z
	shift
	echo "after shift: $# $1"
	( echo "in a subshell"; exit 4 ) &
	wait $!
	echo "background subshell: $?"
	unset v
	echo "unset: [${v-gone}]"
	# ($$ is /init's pid in a subshell: a shell of its own.)
	sh -c 'trap "echo trapped USR1" USR1; kill -USR1 $$; echo "after the trap"'
}

sec_mount() {
	mount -t proc proc /proc
	echo "mount: $?"
	ls /proc | grep -x self
	mkdir -p /tmp/m && mount -t proc proc /tmp/m && ls -d /tmp/m/self
	grep -c ' /tmp/m ' /proc/mounts
	umount /tmp/m
	echo "umount: $?"
	ls /tmp/m | wc -l
	rmdir /tmp/m
}

sec_pipes() {
	echo one two three four | tr ' ' '\n' | sort | head -3 | tail -2 | wc -l
	seq 100 | grep 7 | sed 's/7/seven/' | tail -3
	seq 1000 | grep -v 5 | sort -rn | head -n 1
	echo abc | cat | cat | cat | cat | cat | tr a-c x-z
}

sec_substitution() {
	x=$(echo abc | tr a-c A-C)
	echo "x=$x"
	echo "nested: $(echo outer $(echo inner $(echo innermost)))"
	echo "backquotes: `echo old style`"
	echo "arith: $(( $(seq 10 | wc -l) * 2 + 1 ))"
	lines=$(printf 'a\nb\nc\n')
	echo "$lines" | wc -l
	echo "trailing newlines gone: [$(printf 'x\n\n\n')]"
}

sec_redirections() {
	cd /tmp
	echo first > r
	echo second >> r
	cat < r
	exec 3> fd3
	echo "through fd 3" >&3
	echo "again" >&3
	exec 3>&-
	cat fd3
	exec 4< r
	read -r l <&4
	echo "read from fd 4: $l"
	read -r l <&4
	echo "then: $l"
	exec 4<&-
	{ echo to-stdout; echo to-stderr >&2; } 2>&1 > /dev/null
	{ echo out; echo err >&2; } > both 2>&1
	sort both
	cat /nonexistent 2>&1 | head -1
	echo "cat: $?"
	v=here
	cat <<END
a here-document with $v
  indented $(echo substituted)
END
	cat <<'END'
quoted: $v $(not run)
END
	tr a-z A-Z <<-END
	tabs stripped
	END
	rm -f r fd3 both
}

sec_subshells() {
	s=0
	t=0
	n=0
	i=0
	while [ $i -lt 200 ]; do
		s=$(( s + $(echo 1) ))
		( exit $(( i % 7 )) )
		t=$(( t + $? ))
		[ "$(sh -c 'echo x$$' | { read -r l; echo "${l%%[0-9]*}"; })" = x ] && n=$(( n + 1 ))
		i=$(( i + 1 ))
	done
	echo "200 command substitutions: $s"
	echo "200 subshell statuses: $t"
	echo "200 sh -c in pipes: $n"
}

sec_pagecache() {
	cd /tmp
	seq 20000 > s
	wc -c s
	md5sum s
	dd if=s of=s2 bs=1000 2> /dev/null
	md5sum < s2
	cmp s s2 && echo "copy identical"
	dd if=s bs=4096 skip=3 count=2 2> /dev/null | md5sum
	dd if=/dev/zero of=z bs=4096 count=300 2>&1 | head -2
	md5sum z
	printf 'XYZ' | dd of=s2 bs=1 seek=5000 conv=notrunc 2> /dev/null
	cmp s s2 2>&1
	dd if=s2 bs=1 skip=4998 count=7 2> /dev/null
	echo
	head -c 100000 /dev/zero | tr '\0' 'a' | md5sum
	rm s s2 z
}

sec_sort() {
	seq 5000 | sort -r | md5sum
	seq 5000 | sort -r | head -3
	seq 5000 | sort | tail -2
	seq 5000 | sort -rn | tail -1
	seq 3000 | sed 's/$/ x/' | sort -k1,1nr | head -2
	{ seq 1000; seq 500; } | sort -n | uniq -d | wc -l
	seq 2000 | sort -u -r | head -1
}

sec_find() {
	mkdir -p /tmp/f/a/b/c /tmp/f/d
	for p in a/1.txt a/b/2.txt a/b/c/3.txt d/4.dat top.txt; do
		echo "$p" > /tmp/f/$p
	done
	find /tmp/f | sort
	find /tmp/f -type f -name '*.txt' | sort
	find /tmp/f -type d | wc -l
	find /tmp/f -name '*.dat' -exec cat {} \;
	find /tmp/f -type f | xargs cat | sort | md5sum
	rm -r /tmp/f
	ls /tmp/f 2>&1
}

sec_jobs() {
	cd /tmp
	sleep 1 &
	p=$!
	( echo background; exit 5 ) > bg.out &
	q=$!
	wait $q
	echo "wait for q: $?"
	cat bg.out
	wait $p
	echo "wait for p: $?"
	for i in 1 2 3 4 5; do
		( sleep 0.$i; echo "job $i" ) >> jobs.out &
	done
	wait
	sort jobs.out
	sh -c 'exit 9' &
	wait $!
	echo "exit 9 in the background: $?"
	rm bg.out jobs.out
}

sec_status() {
	false
	echo "false: $?"
	true
	echo "true: $?"
	( set -e; false; echo "not reached" )
	echo "set -e subshell: $?"
	( set -e; true; echo "reached" )
	sh -c 'exit 42'
	echo "sh -c exit 42: $?"
	! true
	echo "! true: $?"
	nosuchcommand 2> /dev/null
	echo "not found: $?"
	test 3 -gt 2 && echo "3 > 2"
	[ -d /tmp ] || echo "no /tmp"
	echo x > /tmp/st
	test -e /tmp/st && echo "test -e" && [ -s /tmp/st ] && echo "[ -s ]"
	test -f /tmp/nonexistent || echo "test -f: no such file"
	rm /tmp/st
	false || echo "|| ran"
	true && false && echo "not printed"
	echo "chain: $?"
	sh -c 'kill -TERM $$'
	echo "killed by SIGTERM: $?"
}

sec_applets() {
	cd /tmp
	mkdir -p a/b && echo hello > a/b/f
	cp a/b/f a/g && mv a/g a/h
	ls a
	cat a/h
	ls -l a/h | awk '{ print $1, $2, $3, $4, $5, $NF }'
	chmod 600 a/h
	ls -l a/h | awk '{ print $1 }'
	rm a/h && ls a
	rm -r a
	echo a:b:c | sed 's/:/-/g'
	printf 'x\ny\nz\ny\n' | grep -n y
	printf 'x\ny\nz\n' | wc -l
	seq 10 | head -n 3 | tr '\n' ' '
	echo
	seq 10 | tail -n 2 | tr '\n' ' '
	echo
	seq 6 | xargs echo
	echo 1 2 3 | xargs -n 1 echo item
	env -i A=1 B=2 env | sort
	sleep 0.2 && echo slept
	expr 6 \* 7
	expr length hello
	expr 10 / 3
	test -z "" && echo "empty string"
	test -n "x" -a 5 -le 5 && echo "test and"
	seq 0 5 20 | tr '\n' ' '
	echo
	echo "basename $(basename /a/b/c.txt .txt) dirname $(dirname /a/b/c.txt)"
	printf '%05d|%-4s|%x\n' 42 ab 255
	echo hello | md5sum
	echo "uname: $(uname -s) $(uname -m)"
	id
}

sec_system() {
	ps -o pid,comm | head -1
	ps -o pid,comm | awk '$2 == "ps" { n++ } END { print "ps sees itself:", n }'
	free | head -1
	free | awk 'NR == 2 { print $1, ($2 > 0), ($3 > 0), ($4 > 0) }'
	top -b -n 1 | head -1 | awk '{ print $1 }'
	uptime | grep -c 'load average'
	dmesg | head -1 | grep -c .
	grep -c '^MemTotal:' /proc/meminfo
	awk '{ print NF }' /proc/uptime /proc/loadavg
	head -1 /proc/stat | awk '{ print $1 }'
	awk '{ print $1, $2, $3 }' /proc/self/stat | sed 's/^[0-9]* /PID /'
	cat /proc/self/cmdline | tr '\0' ' '
	echo
	grep -E '^(Name|State|PPid):' /proc/self/status | sed 's/[0-9][0-9]*$/N/'
}

run() {
	case ",$session_skip," in
	*,"$1",*)
		echo "## $1: skipped"
		return
		;;
	esac
	echo "## $1"
	( "sec_$1" ) 2>&1
	echo "## $1: status $?"
}

echo		# a line of its own, whatever the console holds
{
	echo "# busybox session: begin"
	for s in builtins mount pipes substitution redirections subshells pagecache sort find jobs \
		status applets system; do
		run $s
	done
	echo "# busybox session: end"
} 2>&1 | while IFS= read -r line; do
	echo "    $line"
done
exit 0
