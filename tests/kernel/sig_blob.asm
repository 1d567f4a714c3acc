; The signal suite's user programs (tests/kernel/signal_test.c): a
; second blob, copied to UT_CODE like proc_blob.asm's (one page each);
; macros and layout in proc_macros.inc.

%include "tests/kernel/proc_macros.inc"

section .rodata
align 16
global sig_blob_start
global sig_blob_end
sig_blob_start:

; The restorers (SA_RESTORER, as musl always gives one).
global p_restorer_rt
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

; --- signals ---------------------------------------------------------

; SA_SIGINFO handler for SIGUSR1 sent by kill() to itself: the frame
; is copied to P_FRAME; registers must survive the round trip.
global p_sig_rt
p_sig_rt:
	SIGACTION SIGUSR1, p_sig_rt_handler, SA_SIGINFO | SA_RESTORER
	SAVE 0
	SYS __NR_getpid
	SAVE 1
	mov ebx, eax
	mov ecx, SIGUSR1
	mov edx, 0x33333333
	mov esi, 0x44444444
	mov edi, 0x55555555
	mov ebp, 0x66666666
	mov [R(2)], esp
	mov eax, __NR_kill
	int 0x80
global p_sig_rt_after
p_sig_rt_after:
	SAVE 3
	xor eax, eax
	cmp edx, 0x33333333
	jne .regs
	cmp esi, 0x44444444
	jne .regs
	cmp edi, 0x55555555
	jne .regs
	cmp ebp, 0x66666666
	jne .regs
	inc eax
.regs:
	SAVE 4
	EXIT 0

p_sig_rt_handler:
	mov [R(10)], esp
	mov eax, [esp + 4]
	mov [R(11)], eax
	mov eax, [esp + 8]
	mov [R(12)], eax
	mov eax, [esp + 12]
	mov [R(13)], eax
	mov esi, esp
	mov edi, P_DATA + P_FRAME
	mov ecx, P_FRAME_COPY / 4
	rep movsd
	inc dword [R(14)]
	ret

; The old frame: sigaction() without SA_SIGINFO nor SA_RESTORER (the
; handler returns into the frame's retcode), SIGINT blocked before.
global p_sig_old
p_sig_old:
	UADDR eax, p_sig_old_handler
	mov [R(100)], eax
	mov dword [R(101)], 1 << (SIGUSR2 - 1)	; sa_mask
	mov dword [R(102)], 0			; sa_flags
	mov dword [R(103)], 0			; sa_restorer
	SYS __NR_sigaction, SIGUSR1, R(100), 0
	SAVE 0
	mov dword [R(105)], 1 << (SIGINT - 1)
	SYS __NR_sigprocmask, SIG_BLOCK, R(105), 0
	SAVE 5
	SYS __NR_getpid
	SAVE 1
	mov ebx, eax
	mov ecx, SIGUSR1
	mov edx, 0x77777777
	mov esi, 0x44444444
	mov edi, 0x55555555
	mov ebp, 0x66666666
	mov [R(2)], esp
	mov eax, __NR_kill
	int 0x80
global p_sig_old_after
p_sig_old_after:
	SAVE 3
	SYS __NR_sigprocmask, SIG_BLOCK, 0, R(6)
	EXIT 0

p_sig_old_handler:
	mov [R(10)], esp
	mov eax, [esp + 4]
	mov [R(11)], eax
	mov esi, esp
	mov edi, P_DATA + P_FRAME
	mov ecx, P_FRAME_COPY / 4
	rep movsd
	SYS __NR_sigprocmask, SIG_BLOCK, 0, R(7)	; the mask inside the handler
	inc dword [R(14)]
	ret

; Hostile sigreturns: the handler rewrites the saved context.
; p_sigret_eflags: IOPL 3 and VM asked for: neither granted.
global p_sigret_eflags
p_sigret_eflags:
	SIGACTION SIGUSR1, .handler, SA_SIGINFO | SA_RESTORER
	SYS __NR_getpid
	SYS __NR_kill, eax, SIGUSR1
	pushfd
	pop eax
	SAVE 5
	EXIT 0
.handler:
	mov eax, [esp + 12]
	or dword [eax + P_UC_MCONTEXT + P_SC_EFLAGS], 0x00023000
	ret

; The kernel's code segment as cs: the iret fails, the task dies (SIGILL).
global p_sigret_cs
p_sigret_cs:
	SIGACTION SIGUSR1, .handler, SA_SIGINFO | SA_RESTORER
	SYS __NR_getpid
	SYS __NR_kill, eax, SIGUSR1
	EXIT 0
.handler:
	mov eax, [esp + 12]
	mov dword [eax + P_UC_MCONTEXT + P_SC_CS], 0x60		; __KERNEL_CS
	ret

; The kernel's data segment as ss: the same.
global p_sigret_ss
p_sigret_ss:
	SIGACTION SIGUSR1, .handler, SA_SIGINFO | SA_RESTORER
	SYS __NR_getpid
	SYS __NR_kill, eax, SIGUSR1
	EXIT 0
.handler:
	mov eax, [esp + 12]
	mov dword [eax + P_UC_MCONTEXT + P_SC_SS], 0x68		; __KERNEL_DS
	ret

; sigreturn without a frame: esp in unmapped memory, then in the kernel.
global p_sigret_unmapped
p_sigret_unmapped:
	mov esp, 0x00100000
	SYS __NR_sigreturn
	EXIT 0
global p_sigret_kernel
p_sigret_kernel:
	mov esp, 0xc0100000
	SYS __NR_rt_sigreturn
	EXIT 0

; sigaltstack: checks, a handler on it, EPERM while on it, disabled.
global p_altstack
p_altstack:
	mov dword [R(40)], STACK_TOP(2) - 4096	; ss_sp
	mov dword [R(41)], 0			; ss_flags
	mov dword [R(42)], 4096			; ss_size
	SYS __NR_sigaltstack, R(40), 0
	SAVE 0
	mov dword [R(43)], STACK_TOP(3) - 4096
	mov dword [R(44)], 0
	mov dword [R(45)], 100
	SYS __NR_sigaltstack, R(43), 0
	SAVE 1
	mov dword [R(44)], 5
	mov dword [R(45)], 4096
	SYS __NR_sigaltstack, R(43), 0
	SAVE 2
	SIGACTION SIGUSR1, .handler, SA_SIGINFO | SA_RESTORER | SA_ONSTACK
	SYS __NR_getpid
	SYS __NR_kill, eax, SIGUSR1
	SAVE 3
	SYS __NR_sigaltstack, 0, R(50)
	SAVE 4
	mov dword [R(41)], SS_DISABLE
	SYS __NR_sigaltstack, R(40), 0
	SAVE 5
	SYS __NR_sigaltstack, 0, R(53)
	SAVE 6
	EXIT 0
.handler:
	mov [R(10)], esp
	SYS __NR_sigaltstack, 0, R(47)
	SAVE 11
	SYS __NR_sigaltstack, R(40), 0
	SAVE 12
	mov eax, [esp + 12]
	mov ecx, [eax + 8]
	mov [R(15)], ecx			; uc_stack.ss_sp
	mov ecx, [eax + 12]
	mov [R(13)], ecx			; uc_stack.ss_flags
	ret

; Masks and pending signals, invalid arguments, SA_RESETHAND, SIG_IGN,
; ignored-by-default SIGCHLD; finally killed by SIGUSR2's default action.
global p_masks
p_masks:
	SIGACTION SIGUSR1, p_count, SA_RESTORER
	SIGMASK SIG_BLOCK, 1 << (SIGUSR1 - 1)
	SAVE 0
	SYS __NR_getpid
	mov [R(30)], eax
	SYS __NR_kill, [R(30)], SIGUSR1
	SAVE 1
	mov eax, [R(14)]
	SAVE 2
	SYS __NR_rt_sigpending, R(47), 8
	SAVE 3
	SIGMASK SIG_UNBLOCK, 1 << (SIGUSR1 - 1)
	SAVE 4
	mov eax, [R(14)]
	SAVE 5
	SIGMASK SIG_SETMASK, -1
	SYS __NR_rt_sigprocmask, SIG_BLOCK, 0, R(49), 8	; R(49), R(50): what stuck
	mov dword [R(105)], 0
	SYS __NR_rt_sigprocmask, 99, R(105), 0, 8
	SAVE 6
	SYS __NR_rt_sigprocmask, SIG_BLOCK, R(105), 0, 4
	SAVE 7
	SYS __NR_rt_sigaction, SIGKILL, R(100), 0, 8
	SAVE 8
	SYS __NR_rt_sigaction, 65, R(100), 0, 8
	SAVE 9
	SIGMASK SIG_SETMASK, 0
	SIGACTION SIGUSR2, p_count, SA_RESTORER | SA_RESETHAND
	SYS __NR_kill, [R(30)], SIGUSR2
	SYS __NR_rt_sigaction, SIGUSR2, 0, R(52), 8
	SAVE 10					; R(52): the handler now (SIG_DFL)
	mov dword [R(100)], 1			; SIG_IGN
	mov dword [R(101)], 0
	SYS __NR_rt_sigaction, SIGUSR1, R(100), 0, 8
	SYS __NR_kill, [R(30)], SIGUSR1
	SYS __NR_kill, [R(30)], SIGCHLD
	mov dword [R(11)], 1			; still alive
	SYS __NR_kill, [R(30)], SIGUSR2		; default: terminate
	mov dword [R(12)], 1
	EXIT 0

; A fault with a handler: SIGILL's siginfo and sigcontext; the handler
; skips the ud2. Then the same fault blocked: it kills.
global p_fault
p_fault:
	SIGACTION SIGILL, p_fault_handler, SA_SIGINFO | SA_RESTORER
global p_fault_ud
p_fault_ud:
	ud2
	mov dword [R(5)], 1
	SIGMASK SIG_BLOCK, 1 << (SIGILL - 1)
	ud2
	mov dword [R(6)], 1
	EXIT 0
p_fault_handler:
	mov eax, [esp + 8]
	mov ecx, [eax]
	mov [R(10)], ecx
	mov ecx, [eax + P_SI_CODE]
	mov [R(11)], ecx
	mov ecx, [eax + P_SI_ADDR]
	mov [R(12)], ecx
	mov eax, [esp + 12]
	mov ecx, [eax + P_UC_MCONTEXT + P_SC_TRAPNO]
	mov [R(13)], ecx
	mov ecx, [eax + P_UC_MCONTEXT + P_SC_EIP]
	mov [R(14)], ecx
	add dword [eax + P_UC_MCONTEXT + P_SC_EIP], 2
	ret


; SIGCHLD with SA_SIGINFO: CLD_EXITED, the child's pid and status.
global p_sigchld
p_sigchld:
	SIGACTION SIGCHLD, .handler, SA_SIGINFO | SA_RESTORER | SA_RESTART
	SYS __NR_fork
	test eax, eax
	jz .child
	SAVE 0
	SYS __NR_wait4, -1, R(1), 0, 0
	SAVE 2
	EXIT 0
.child:
	EXIT 3
.handler:
	mov eax, [esp + 8]
	mov ecx, [eax]
	mov [R(10)], ecx			; si_signo
	mov ecx, [eax + 8]
	mov [R(11)], ecx			; si_code
	mov ecx, [eax + 12]
	mov [R(12)], ecx			; si_pid
	mov ecx, [eax + 20]
	mov [R(13)], ecx			; si_status
	inc dword [R(14)]
	ret

; rt_sigqueueinfo (SI_QUEUE and its value), tkill (SI_TKILL),
; rt_sigtimedwait taking a blocked signal, and its timeout.
global p_queue
p_queue:
	SIGACTION SIGUSR1, .handler, SA_SIGINFO | SA_RESTORER
	SYS __NR_getpid
	mov [R(30)], eax
	mov dword [R(60)], SIGUSR1		; si_signo
	mov dword [R(61)], 0			; si_errno
	mov dword [R(62)], -1			; si_code SI_QUEUE
	mov [R(63)], eax			; si_pid
	mov dword [R(64)], 0			; si_uid
	mov dword [R(65)], 42			; si_value
	SYS __NR_rt_sigqueueinfo, [R(30)], SIGUSR1, R(60)
	SAVE 0
	mov dword [R(62)], 0			; SI_USER: refused
	SYS __NR_rt_sigqueueinfo, 1, SIGUSR1, R(60)
	SAVE 1
	SYS __NR_gettid
	SYS __NR_tkill, eax, SIGUSR1
	SAVE 2
	SIGMASK SIG_BLOCK, 1 << (SIGUSR2 - 1)
	SYS __NR_kill, [R(30)], SIGUSR2
	mov dword [R(70)], 1 << (SIGUSR2 - 1)
	mov dword [R(71)], 0
	SYS __NR_rt_sigtimedwait, R(70), R(72), 0, 8
	SAVE 3					; SIGUSR2, R(72): its siginfo
	mov dword [R(104)], 0
	mov dword [R(105)], 10000000
	SYS __NR_rt_sigtimedwait, R(70), 0, R(104), 8
	SAVE 4					; -EAGAIN after 10 ms
	EXIT 0
.handler:
	mov eax, [esp + 8]
	mov ecx, [eax + 8]
	mov edx, [R(14)]
	mov [R(40) + edx * 8], ecx		; si_code of delivery n
	mov ecx, [eax + 20]
	mov [R(41) + edx * 8], ecx		; si_value (rt) / si_uid+4 (kill)
	inc dword [R(14)]
	ret

; The FPU state in the frame: saved (fpstate set, magic), the handler
; starts afresh, sigreturn puts it back.
global p_fpu_frame
p_fpu_frame:
	SIGACTION SIGUSR1, .handler, SA_SIGINFO | SA_RESTORER
	fninit
	mov dword [R(40)], 0x037a		; a control word of our own
	fldcw [R(40)]
	fld1
	fldpi
	SYS __NR_getpid
	SYS __NR_kill, eax, SIGUSR1
	fnstcw [R(41)]
	fstp dword [R(42)]			; pi
	fstp dword [R(43)]			; 1
	EXIT 0
.handler:
	mov eax, [esp + 12]
	mov ecx, [eax + P_UC_MCONTEXT + 76]	; sc.fpstate
	mov [R(10)], ecx
	movzx edx, word [ecx + 110]		; _fpstate.magic
	mov [R(11)], edx
	mov edx, [ecx]				; cw
	mov [R(12)], edx
	fnstcw [R(13)]				; the handler's own: the initial one
	fld1					; and it may use the FPU freely
	fld1
	ret

; A frame whose fpstate points at nothing: sigreturn kills with SIGSEGV.
global p_bad_fpstate
p_bad_fpstate:
	SIGACTION SIGUSR1, .handler, SA_SIGINFO | SA_RESTORER
	SYS __NR_getpid
	SYS __NR_kill, eax, SIGUSR1
	EXIT 0
.handler:
	mov eax, [esp + 12]
	mov dword [eax + P_UC_MCONTEXT + 76], 0x00000068
	ret

; SIGSTOP stops a sleeping child (it does not finish), SIGCONT resumes
; it, and its nanosleep goes on for the rest (restart_syscall).
global p_stop_cont
p_stop_cont:
	SYS __NR_fork
	test eax, eax
	jz .child
	SAVE 0
	mov dword [R(50)], 0
	mov dword [R(51)], 10000000
	SYS __NR_nanosleep, R(50), 0		; let it go to sleep
	SYS __NR_kill, [R(0)], 19		; SIGSTOP
	SAVE 1
	SYS __NR_wait4, [R(0)], R(6), 2, 0	; WUNTRACED
	SAVE 7
	mov dword [R(51)], 100000000
	SYS __NR_nanosleep, R(50), 0		; longer than its sleep
	SYS __NR_wait4, [R(0)], R(2), WNOHANG, 0
	SAVE 3					; 0: still there
	SYS __NR_kill, [R(0)], 18		; SIGCONT
	SAVE 4
	SYS __NR_wait4, [R(0)], R(8), 8, 0	; WCONTINUED
	SAVE 9
	SYS __NR_wait4, [R(0)], R(2), 0, 0
	SAVE 5
	EXIT 0
.child:
	mov dword [R(52)], 0
	mov dword [R(53)], 50000000
	SYS __NR_nanosleep, R(52), 0
	EXIT 2

; A frame that cannot be written (the sigaltstack in unmapped memory):
; SIGSEGV instead of the handler, never a kernel fault.
global p_badstack
p_badstack:
	mov dword [R(40)], 0x00200000
	mov dword [R(41)], 0
	mov dword [R(42)], 8192
	SYS __NR_sigaltstack, R(40), 0
	SAVE 0
	SIGACTION SIGUSR1, p_count, SA_RESTORER | SA_ONSTACK
	SYS __NR_getpid
	SYS __NR_kill, eax, SIGUSR1
	mov dword [R(11)], 1
	EXIT 0

sig_blob_end:

section .note.GNU-stack noalloc noexec nowrite progbits
