; User-mode programs for the process and signal suites
; (tests/kernel/process_test.c, signal_test.c): hand-assembled, copied
; to UT_CODE of a hand-made address space (test_uspace.h) like
; user_blob.asm's, and run in ring 3. They fork, clone threads, wait,
; take signals and return from them, sleep and use futexes, through
; int 0x80 with Linux's numbers, and leave their results in the data
; page's result words R(n), which the suites check.
;
; Position-independent: the blob runs at UT_CODE, not where it is
; linked; a handler's user address is computed at run time (UADDR).
; Fork children share the parent's memory (no copy-on-write before
; real address spaces): they use no stack while the parent runs.
;
; Data page (UT_DATA):
;   0x000          P_STOP: set by the suite when a test ends
;   0x010 + 4n     R(n), n < 120: results and arguments
;   0x400 ..       P_FRAME: a copy of the signal frame a handler found

%include "tests/kernel/proc_macros.inc"

; The layout the C side reads (proc_test.h).
%macro EXPORT 2
global %1
%1 equ %2
%endmacro
EXPORT PC_RES, P_RES
EXPORT PC_FRAME, P_FRAME
EXPORT PC_FRAME_COPY, P_FRAME_COPY
EXPORT PC_UC_MCONTEXT, P_UC_MCONTEXT
EXPORT PC_SC_TRAPNO, P_SC_TRAPNO
EXPORT PC_SC_EIP, P_SC_EIP
EXPORT PC_SC_CS, P_SC_CS
EXPORT PC_SC_EFLAGS, P_SC_EFLAGS
EXPORT PC_SC_SS, P_SC_SS
EXPORT PC_SI_CODE, P_SI_CODE
EXPORT PC_SI_ADDR, P_SI_ADDR

section .rodata
align 16
global proc_blob_start
global proc_blob_end
proc_blob_start:

; The restorers (SA_RESTORER, as musl always gives one).
p_restorer_rt:
	SYS __NR_rt_sigreturn
	ud2
p_restorer:
	pop eax				; the signal number
	SYS __NR_sigreturn
	ud2

; A handler that counts in R(14).
p_count:
	inc dword [R(14)]
	ret

; --- processes -------------------------------------------------------

; fork, getpid/getppid in both, wait4 for the child's status, then ECHILD.
global p_fork
p_fork:
	SYS __NR_getpid
	SAVE 0
	SYS __NR_getppid
	SAVE 1
	SYS __NR_fork
	test eax, eax			; (the memory is shared: only the parent saves)
	jnz .parent
	SYS __NR_getpid
	SAVE 3
	SYS __NR_getppid
	SAVE 4
	EXIT 7
.parent:
	SAVE 2
	SYS __NR_wait4, -1, R(6), 0, 0
	SAVE 5
	SYS __NR_wait4, -1, R(6) + 0x40, 0, 0
	SAVE 7
	SYS __NR_waitpid, -1, 0, WNOHANG
	SAVE 8
	EXIT 0

; Children killed by signals: SIGTERM (after WNOHANG saw it alive), a
; fault with RLIMIT_CORE 0, then with RLIMIT_CORE unlimited (0x80).
global p_wait_signals
p_wait_signals:
	SYS __NR_fork
	test eax, eax
	jnz .p1
.spin:
	jmp .spin
.p1:
	SAVE 0
	SYS __NR_wait4, [R(0)], R(1), WNOHANG, 0
	SAVE 2
	SYS __NR_kill, [R(0)], SIGTERM
	SAVE 3
	SYS __NR_wait4, [R(0)], R(4), 0, 0
	SAVE 5
	SYS __NR_fork
	test eax, eax
	jnz .p2
	ud2
.p2:
	SYS __NR_wait4, -1, R(6), 0, 0
	SAVE 7
	mov dword [R(20)], -1
	mov dword [R(21)], -1
	SYS __NR_setrlimit, 4, R(20)		; RLIMIT_CORE
	SAVE 8
	SYS __NR_fork
	test eax, eax
	jnz .p3
	ud2
.p3:
	SYS __NR_wait4, -1, R(9), 0, 0
	SAVE 10
	EXIT 0

; A thread (CLONE_THREAD, its own stack) joined through
; CLONE_CHILD_CLEARTID and the futex; not a child for wait4.
global p_thread
p_thread:
	SYS __NR_getpid
	SAVE 0
	mov dword [R(2)], 0x5555
	SYS __NR_clone, CLONE_THREADS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, \
		STACK_TOP(1), R(1), 0, R(2)
	test eax, eax
	jz .child
	SAVE 3
	js .failed			; (out of memory under fault injection)
.join:
	mov edx, [R(2)]
	test edx, edx
	jz .joined
	inc dword [R(7)]
	SYS __NR_futex, R(2), FUTEX_WAIT, edx, 0
	jmp .join
.joined:
	SYS __NR_wait4, -1, 0, WNOHANG | __WALL, 0
	SAVE 4
	EXIT_GROUP 3
.failed:
	EXIT_GROUP 99
.child:
	SYS __NR_getpid
	SAVE 5
	SYS __NR_gettid
	SAVE 6
	EXIT 0

; exit_group() with another thread spinning: both go.
global p_group_exit
p_group_exit:
	SYS __NR_clone, CLONE_THREADS, STACK_TOP(1), 0, 0, 0
	test eax, eax
	jz .child
	SAVE 0
	js .failed
.wait:
	cmp dword [R(1)], 0
	je .wait
	EXIT_GROUP 5
.failed:
	EXIT_GROUP 99
.child:
	inc dword [R(1)]
	jmp .child

; The parent exits first: the child sees its new parent (pid 1).
global p_orphan
p_orphan:
	SYS __NR_getpid
	SAVE 0
	SYS __NR_fork
	test eax, eax
	jz .child
	SAVE 2
	EXIT 0
.child:
	SYS __NR_getppid
	cmp eax, [R(0)]
	je .child
	SAVE 1
	EXIT 9

; vfork: the parent resumes only after the child exited.
global p_vfork
p_vfork:
	SYS __NR_vfork
	test eax, eax
	jz .child
	SAVE 0
	mov eax, [R(1)]
	SAVE 2
	SYS __NR_wait4, -1, R(3), 0, 0
	SAVE 4
	EXIT 0
.child:
	mov dword [R(1)], 1
	EXIT 6

; Interrupted sleeps: pause, nanosleep (EINTR and the time left), wait4
; restarted with SA_RESTART and interrupted without; itimer and alarm.
global p_restart
p_restart:
	SIGACTION SIGALRM, p_count, SA_RESTORER
	ITIMER 20
	SAVE 0
	SYS __NR_pause
	SAVE 1
	mov eax, [R(14)]
	SAVE 2
	ITIMER 20
	mov dword [R(46)], 1
	mov dword [R(47)], 0
	SYS __NR_nanosleep, R(46), R(48)
	SAVE 3
	SIGACTION SIGALRM, p_count, SA_RESTORER | SA_RESTART
	SYS __NR_fork
	test eax, eax
	jnz .p1
	mov dword [R(50)], 0
	mov dword [R(51)], 60000000
	SYS __NR_nanosleep, R(50), 0
	EXIT 4
.p1:
	ITIMER 20
	SYS __NR_wait4, -1, R(52), 0, 0
	SAVE 4
	SYS __NR_getitimer, ITIMER_REAL, R(54)
	SAVE 5
	SYS __NR_getitimer, ITIMER_VIRTUAL, R(54)
	SAVE 6
	SIGACTION SIGALRM, p_count, SA_RESTORER
	SYS __NR_fork
	test eax, eax
	jnz .p2
	SYS __NR_nanosleep, R(50), 0
	EXIT 5
.p2:
	ITIMER 20
	SYS __NR_wait4, -1, R(58), 0, 0
	SAVE 7
	SYS __NR_wait4, -1, R(58), 0, 0
	SAVE 8
	SYS __NR_alarm, 10
	SAVE 9
	SYS __NR_alarm, 0
	SAVE 10
	EXIT 0

; sigsuspend: SIGALRM blocked, then waited for with an empty mask.
global p_sigsuspend
p_sigsuspend:
	SIGACTION SIGALRM, p_count, SA_RESTORER
	SIGMASK SIG_BLOCK, 1 << (SIGALRM - 1)
	ITIMER 10
	mov dword [R(45)], 0
	mov dword [R(46)], 0
	SYS __NR_rt_sigsuspend, R(45), 8
	SAVE 0
	SYS __NR_rt_sigprocmask, SIG_BLOCK, 0, R(47), 8
	EXIT 0

; futex: EAGAIN, ETIMEDOUT, nobody to wake, EINVAL, ENOSYS, EFAULT, and
; a thread that wakes us.
global p_futex
p_futex:
	mov dword [R(40)], 1
	SYS __NR_futex, R(40), FUTEX_WAIT, 2, 0
	SAVE 0
	mov dword [R(42)], 0
	mov dword [R(43)], 10000000
	SYS __NR_futex, R(40), FUTEX_WAIT | FUTEX_PRIVATE, 1, R(42)
	SAVE 1
	SYS __NR_futex, R(40), FUTEX_WAKE, 1, 0
	SAVE 2
	SYS __NR_futex, R(40) + 1, FUTEX_WAIT, 1, 0
	SAVE 3
	SYS __NR_futex, R(40), 99, 1, 0
	SAVE 4
	SYS __NR_futex, 0xc0000000, FUTEX_WAIT, 1, 0
	SAVE 5
	mov dword [R(44)], 0x5555
	SYS __NR_clone, CLONE_THREADS | CLONE_CHILD_CLEARTID, STACK_TOP(1), 0, 0, R(44)
	test eax, eax
	jz .child
	js .failed
	SYS __NR_futex, R(40), FUTEX_WAIT | FUTEX_PRIVATE, 1, 0
	SAVE 7
.join:
	mov edx, [R(44)]
	test edx, edx
	jz .joined
	SYS __NR_futex, R(44), FUTEX_WAIT, edx, 0
	jmp .join
.joined:
	EXIT_GROUP 0
.failed:
	EXIT_GROUP 99
.child:
	mov dword [R(46)], 0
	mov dword [R(47)], 20000000
	SYS __NR_nanosleep, R(46), 0
	mov dword [R(40)], 0
	SYS __NR_futex, R(40), FUTEX_WAKE | FUTEX_PRIVATE, 1, 0
	SAVE 6
	EXIT 0

; kill()'s and tgkill()'s errors, sessions, time, ids, limits, reboot.
global p_misc
p_misc:
	SYS __NR_getpid
	mov [R(30)], eax
	SYS __NR_kill, 99999, 0
	SAVE 0
	SYS __NR_kill, [R(30)], 65
	SAVE 1
	SYS __NR_tkill, 0, 1
	SAVE 2
	SYS __NR_tgkill, 99999, [R(30)], 0
	SAVE 3
	SYS __NR_tgkill, [R(30)], [R(30)], 0
	SAVE 4
	SYS __NR_setsid
	SAVE 6
	SYS __NR_getpgid, 0
	SAVE 7
	SYS __NR_getsid, 0
	SAVE 8
	SYS __NR_kill, 0, 0
	SAVE 5
	SYS __NR_setpgid, 0, 0
	SAVE 9
	SYS __NR_clock_gettime, CLOCK_MONOTONIC, R(60)
	mov dword [R(64)], 0
	mov dword [R(65)], 20000000
	SYS __NR_nanosleep, R(64), 0
	SYS __NR_clock_gettime, CLOCK_MONOTONIC, R(62)
	SYS __NR_clock_gettime, 99, R(66)
	SAVE 10
	SYS __NR_clock_gettime64, 0, R(66)
	SYS __NR_gettimeofday, R(70), 0
	SAVE 11
	SYS __NR_time, 0
	SAVE 12
	SYS __NR_clock_getres, CLOCK_MONOTONIC, R(72)
	mov dword [R(65)], 2000000000
	SYS __NR_nanosleep, R(64), 0
	SAVE 13
	SYS __NR_getuid32
	SAVE 14
	SYS __NR_setresuid32, -1, 1, -1		; euid 1, saved uid still 0
	SAVE 15
	SYS __NR_setuid32, 2				; unprivileged now
	SAVE 16
	SYS __NR_setresuid32, -1, 0, -1		; root again through the saved uid
	SYS __NR_ugetrlimit, 3, R(74)			; RLIMIT_STACK
	mov dword [R(76)], 10
	mov dword [R(77)], 5
	SYS __NR_setrlimit, 7, R(76)			; RLIMIT_NOFILE, cur > max
	SAVE 17
	SYS __NR_prlimit64, 0, 7, 0, R(78)
	SAVE 18
	SYS __NR_reboot, 0, 0, 0, 0
	SAVE 19
	SYS __NR_times, R(82)
	SAVE 20
	EXIT 0


; CLONE_CHILD_SETTID (the tid stored by the child) and set_tid_address()
; (the word cleared and woken at its exit).
global p_settid
p_settid:
	mov dword [R(3)], 0x5555
	SYS __NR_clone, CLONE_THREADS | CLONE_CHILD_SETTID, STACK_TOP(1), 0, 0, R(2)
	test eax, eax
	jz .child
	SAVE 0
	js .failed
.join:
	mov edx, [R(3)]
	test edx, edx
	jz .joined
	SYS __NR_futex, R(3), FUTEX_WAIT, edx, 0
	jmp .join
.joined:
	EXIT_GROUP 0
.failed:
	EXIT_GROUP 99
.child:
	SYS __NR_set_tid_address, R(3)
	SAVE 4
	EXIT 0

; Process groups: a child moved to a group of its own (setpgid), killed
; through it (kill(-pgrp)), and waited for through it (wait4(-pgrp)).
global p_pgrp
p_pgrp:
	SYS __NR_fork
	test eax, eax
	jz .child
	SAVE 0
	SYS __NR_setpgid, [R(0)], [R(0)]
	SAVE 1
	SYS __NR_getpgid, [R(0)]
	SAVE 2
	mov eax, [R(0)]
	neg eax
	mov [R(10)], eax
	SYS __NR_kill, [R(10)], SIGKILL
	SAVE 3
	SYS __NR_wait4, [R(10)], R(4), 0, 0
	SAVE 5
	SYS __NR_wait4, 0, R(4) + 0x40, WNOHANG, 0	; none left in ours
	SAVE 6
	EXIT 0
.child:
	jmp .child

; clock_nanosleep(TIMER_ABSTIME) and the requeue operations' checks.
global p_clock_abs
p_clock_abs:
	SYS __NR_clock_gettime, CLOCK_MONOTONIC, R(20)
	mov eax, [R(21)]
	add eax, 20000000
	mov ecx, [R(20)]
	cmp eax, 1000000000
	jb .ok
	sub eax, 1000000000
	inc ecx
.ok:
	mov [R(22)], ecx
	mov [R(23)], eax
	SYS __NR_clock_nanosleep, CLOCK_MONOTONIC, 1, R(22), 0	; TIMER_ABSTIME
	SAVE 0
	SYS __NR_clock_gettime, CLOCK_MONOTONIC, R(24)
	mov dword [R(30)], 7
	mov ebp, 8				; val3: not the word's value
	SYS __NR_futex, R(30), 4, 1, 1, R(31)	; FUTEX_CMP_REQUEUE
	SAVE 1
	mov ebp, 7
	SYS __NR_futex, R(30), 4, 1, 1, R(31)
	SAVE 2
	SYS __NR_futex, R(30), 3, 1, 1, R(31)	; FUTEX_REQUEUE
	SAVE 3
	EXIT 0

; SIGCHLD ignored: the child reaps itself; wait4 finds no child.
global p_nocldwait
p_nocldwait:
	mov dword [R(100)], 1			; SIG_IGN
	mov dword [R(101)], 0
	SYS __NR_rt_sigaction, SIGCHLD, R(100), 0, 8
	SYS __NR_fork
	test eax, eax
	jz .child
	SAVE 0
	SYS __NR_wait4, -1, R(1), 0, 0
	SAVE 2
	EXIT 0
.child:
	EXIT 1

proc_blob_end:

section .note.GNU-stack noalloc noexec nowrite progbits
