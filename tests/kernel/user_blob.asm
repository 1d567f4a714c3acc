; User-mode code for the usermode suite (tests/kernel/usermode_test.c):
; small programs, hand-assembled, that the suite copies into a user
; page and starts in ring 3 (until exec exists, there is no other way to
; get code there). They talk to the kernel only through int 0x80 with
; Linux's numbers (unistd_32.inc, generated from Linux's own header)
; and leave through exit(); the suite reads what they wrote into the
; data page.
;
; The layout below is the only definition of the addresses and offsets:
; each is exported as an absolute symbol, which the C side reads
; (usermode_test.c: UT()). The blob runs at UT_CODE, not where it is
; linked: it uses no absolute address of its own, only relative jumps
; and calls and the fixed user addresses.
;
;   UT_CODE   0x08048000  this blob (one page, read-only for the user)
;   UT_DATA   0x08049000  results and parameters (D_* offsets)
;   UT_TLS    0x0804a000  two TLS blocks (+0, +0x800), each starting
;                         with a magic word the suite writes
;   UT_STACK  0x0804b000  four one-page stacks; task i's esp starts at
;                         UT_STACK + (i + 1) * 4096
;
; Every program starts with ebx = its task index (0 .. 3), the other
; registers 0.

%include "unistd_32.inc"

%macro EXPORT 2
global %1
%1 equ %2
%endmacro

EXPORT UT_CODE,		0x08048000
EXPORT UT_DATA,		0x08049000
EXPORT UT_TLS,		0x0804a000
EXPORT UT_STACK,	0x0804b000
EXPORT UT_NR_STACKS,	4

; The data page.
EXPORT D_STOP,		0x000	; set by the suite: spinning programs exit(0)
EXPORT D_HAS_SSE,	0x004	; set by the suite: the CPU has SSE (CR4.OSFXSR on)
EXPORT D_COUNT,		0x010	; [4] loop counters, one per task
EXPORT D_GETPID,	0x020
EXPORT D_GETTID,	0x024
EXPORT D_YIELD,		0x028
EXPORT D_REGS_KEPT,	0x02c	; 1 if ebx .. ebp survived a system call
EXPORT D_NI,		0x030	; vm86old: not implemented
EXPORT D_NI_BIG,	0x034	; a number beyond the table
EXPORT D_UNAME,		0x038
EXPORT D_UNAME_BAD,	0x03c	; uname(kernel address)
EXPORT D_TLS_RET,	0x040	; [4] set_thread_area's result per task
EXPORT D_MARK,		0x3a0	; [4] 16 bytes: how far a faulting program got, 3 more words
EXPORT D_CHILD,		0x060	; the forked child: eax, ebx, esp, gs:0
EXPORT D_FPU_CW,	0x080	; [2] each FPU task's control word
EXPORT D_FPU_MXCSR,	0x088	; [2] and MXCSR
EXPORT D_FPU_SEEN,	0x090	; [2] times it saw the other run in between
EXPORT D_FPU_BAD,	0x098	; [2] what was found corrupted (0: nothing)
EXPORT D_FPU_DONE,	0x0a0	; [2] seen enough: waiting for the other to finish
EXPORT D_DESC,		0x100	; [4] struct user_desc, 0x20 apart
EXPORT D_GETDESC,	0x180	; get_thread_area's user_desc
EXPORT D_UNAME_BUF,	0x200	; struct new_utsname (390 bytes)
EXPORT D_SCRATCH,	0x400

EXPORT FPU_SEEN_ENOUGH,	2	; switches an FPU task must see before it is done
EXPORT FPU_MAX_LOOPS,	20000000

%define DATA(off)	(UT_DATA + off)

section .rodata
align 16
global ut_blob_start
global ut_blob_end
ut_blob_start:

%macro SYSCALL 1
	mov eax, %1
	int 0x80
%endmacro

%macro EXIT 1
	mov ebx, %1
	SYSCALL __NR_exit
	ud2
%endmacro

; System calls and their results: getpid, gettid, sched_yield with
; every argument register checked afterwards, a number without a
; function and one beyond the table, uname to a good and a bad buffer.
global ut_syscalls
ut_syscalls:
	SYSCALL __NR_getpid
	mov [DATA(D_GETPID)], eax
	SYSCALL __NR_gettid
	mov [DATA(D_GETTID)], eax
	mov ebx, 0x11111111
	mov ecx, 0x22222222
	mov edx, 0x33333333
	mov esi, 0x44444444
	mov edi, 0x55555555
	mov ebp, 0x66666666
	SYSCALL __NR_sched_yield
	mov [DATA(D_YIELD)], eax
	xor eax, eax
	cmp ebx, 0x11111111
	jne .regs_done
	cmp ecx, 0x22222222
	jne .regs_done
	cmp edx, 0x33333333
	jne .regs_done
	cmp esi, 0x44444444
	jne .regs_done
	cmp edi, 0x55555555
	jne .regs_done
	cmp ebp, 0x66666666
	jne .regs_done
	inc eax
.regs_done:
	mov [DATA(D_REGS_KEPT)], eax
	SYSCALL __NR_vm86old
	mov [DATA(D_NI)], eax
	SYSCALL 100000
	mov [DATA(D_NI_BIG)], eax
	mov ebx, DATA(D_UNAME_BUF)
	SYSCALL __NR_uname
	mov [DATA(D_UNAME)], eax
	mov ebx, 0xc0000000
	SYSCALL __NR_uname
	mov [DATA(D_UNAME_BAD)], eax
	EXIT 42

; Spin until the suite sets D_STOP, counting in D_COUNT[ebx]: only the
; timer can take the CPU away from it.
global ut_spin
ut_spin:
	lea esi, [DATA(D_COUNT) + ebx * 4]
.loop:
	inc dword [esi]
	cmp dword [DATA(D_STOP)], 0
	je .loop
	EXIT 0

; TLS: set_thread_area() with the user_desc the suite prepared in
; D_DESC[ebx] (entry -1: any free one), %gs and %fs loaded with the
; entry's selector, then, again and again, yield the CPU and read %gs:0
; and %fs:0 -- the magic word of this task's TLS block -- so that
; another task using the same GDT entry with another base runs in
; between. Exit 0, or 1 if a read was wrong, 2 if set_thread_area
; failed.
global ut_tls
ut_tls:
	mov edi, ebx
	shl edi, 5
	add edi, DATA(D_DESC)		; edi = &desc[ebx]
	mov ebp, ebx			; the task index
	mov ebx, edi
	SYSCALL __NR_set_thread_area
	mov [DATA(D_TLS_RET) + ebp * 4], eax
	test eax, eax
	jnz .failed
	mov eax, [edi]			; entry_number, filled in
	shl eax, 3
	or eax, 3
	mov gs, eax
	mov fs, eax			; (and %fs, which goes the same way)
	mov esi, ebp
	shl esi, 11			; the magic: at UT_TLS + 0x800 * index
	mov esi, [UT_TLS + esi]
	mov ecx, 20
.again:
	push ecx
	SYSCALL __NR_sched_yield
	pop ecx
	cmp [gs:0], esi
	jne .wrong
	cmp [fs:0], esi
	jne .wrong
	loop .again
	EXIT 0
.wrong:
	EXIT 1
.failed:
	EXIT 2

; Two of these (ebx 0 and 1) interleaved by the timer: each loads its
; own FPU state -- control word, four stack registers, and with SSE,
; MXCSR and two XMM registers -- and checks it between increments of
; its counter, until it has seen the other's counter move
; FPU_SEEN_ENOUGH times (the other ran, so the FPU was switched both
; ways) and the other has too (D_FPU_DONE: the first one done goes on
; counting and checking, so that the second sees it move). Exit 0; 1
; when the state was found changed (D_FPU_BAD says what); 2 when the
; other never ran (or D_STOP was set).
global ut_fpu
ut_fpu:
	mov ebp, ebx
	fninit
	fldcw [DATA(D_FPU_CW) + ebp * 4]
	lea eax, [ebp * 8 + 1000]	; st0..st3 = 1000 + 8i + 3 .. 1000 + 8i
	mov [DATA(D_SCRATCH) + ebp * 8], eax
	mov ecx, 4
.push:
	fild dword [DATA(D_SCRATCH) + ebp * 8]
	inc dword [DATA(D_SCRATCH) + ebp * 8]
	loop .push
	cmp dword [DATA(D_HAS_SSE)], 0
	je .no_sse
	ldmxcsr [DATA(D_FPU_MXCSR) + ebp * 4]
	movss xmm0, [DATA(D_FPU_MXCSR) + ebp * 4]	; the bits, as two floats
	movss xmm1, [DATA(D_FPU_CW) + ebp * 4]
.no_sse:
	xor edi, edi			; loops
	mov eax, ebp
	xor eax, 1
	mov esi, [DATA(D_COUNT) + eax * 4]	; the other's counter as last seen
.loop:
	inc dword [DATA(D_COUNT) + ebp * 4]
	inc edi
	cmp edi, FPU_MAX_LOOPS
	jae .never
	cmp dword [DATA(D_STOP)], 0	; the suite gave up on us (the other did not start)
	jne .never
	; the other task's counter: moved since we last looked?
	mov eax, ebp
	xor eax, 1
	mov eax, [DATA(D_COUNT) + eax * 4]
	cmp eax, esi
	je .check
	mov esi, eax
	inc dword [DATA(D_FPU_SEEN) + ebp * 4]
.check:
	fnstcw [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	movzx eax, word [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	cmp eax, [DATA(D_FPU_CW) + ebp * 4]
	mov edx, 1
	jne .bad
	; st0 .. st3 hold base + 3 .. base: copy each out (fld st(i); fistp) and compare
	mov ecx, [DATA(D_SCRATCH) + ebp * 8]	; base + 4
	fld st0
	fistp dword [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	dec ecx
	cmp [DATA(D_SCRATCH) + 0x40 + ebp * 8], ecx
	mov edx, 2
	jne .bad
	fld st3
	fistp dword [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	sub ecx, 3
	cmp [DATA(D_SCRATCH) + 0x40 + ebp * 8], ecx
	mov edx, 3
	jne .bad
	cmp dword [DATA(D_HAS_SSE)], 0
	je .sse_ok
	stmxcsr [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	mov eax, [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	cmp eax, [DATA(D_FPU_MXCSR) + ebp * 4]
	mov edx, 4
	jne .bad
	movss [DATA(D_SCRATCH) + 0x40 + ebp * 8], xmm0
	mov eax, [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	cmp eax, [DATA(D_FPU_MXCSR) + ebp * 4]
	mov edx, 5
	jne .bad
	movss [DATA(D_SCRATCH) + 0x40 + ebp * 8], xmm1
	mov eax, [DATA(D_SCRATCH) + 0x40 + ebp * 8]
	cmp eax, [DATA(D_FPU_CW) + ebp * 4]
	mov edx, 6
	jne .bad
.sse_ok:
	cmp dword [DATA(D_FPU_SEEN) + ebp * 4], FPU_SEEN_ENOUGH
	jb .loop
	mov dword [DATA(D_FPU_DONE) + ebp * 4], 1
	mov eax, ebp
	xor eax, 1
	cmp dword [DATA(D_FPU_DONE) + eax * 4], 0
	je .loop
	EXIT 0
.bad:
	mov [DATA(D_FPU_BAD) + ebp * 4], edx
	EXIT 1
.never:
	EXIT 2

; A task's first FPU state, as it finds it: control word, status word,
; tag word (fnstenv) and, with SSE, MXCSR into D_SCRATCH + 0x100 ..
global ut_fpu_state
ut_fpu_state:
	fnstenv [DATA(D_SCRATCH) + 0x100]	; 28 bytes: cw, sw, tw, ...
	cmp dword [DATA(D_HAS_SSE)], 0
	je .done
	stmxcsr [DATA(D_SCRATCH) + 0x120]
.done:
	EXIT 0

; Faults: each program marks D_MARK[ebx] = 1, then faults, with the
; stack pointer at the top of its stack; the suite expects the line
; Linux prints (its ip is at <program>_ip) and the task killed by the
; signal.
%macro FAULT_PROGRAM 1
global %1
%1:
	mov eax, ebx
	shl eax, 4
	mov dword [DATA(D_MARK) + eax], 1
%endmacro

; The ip Linux's report will name: <program>_ip.
%macro FAULT_IP 1
global %1_ip
%1_ip equ $			; (not a label: the local labels stay the program's)
%endmacro

FAULT_PROGRAM ut_divide_error
	xor edx, edx
	mov eax, 1
	xor ecx, ecx
FAULT_IP ut_divide_error		; a fault: ip is the instruction's
	div ecx
	EXIT 0

FAULT_PROGRAM ut_invalid_op
FAULT_IP ut_invalid_op
	ud2
	EXIT 0

FAULT_PROGRAM ut_hlt			; privileged: #GP(0)
FAULT_IP ut_hlt
	hlt
	EXIT 0

FAULT_PROGRAM ut_int81			; a gate of DPL 0: #GP(0x81 * 8 + 2)
FAULT_IP ut_int81
	int 0x81
	EXIT 0

FAULT_PROGRAM ut_int3
	int3
FAULT_IP ut_int3			; a trap: ip is the next instruction's
	EXIT 0

FAULT_PROGRAM ut_into			; into with OF set: #OF
	mov al, 0x7f
	add al, 1
	into
FAULT_IP ut_into
	EXIT 0

FAULT_PROGRAM ut_bound			; eax outside [lower, upper]: #BR
	mov dword [DATA(D_SCRATCH)], 0
	mov dword [DATA(D_SCRATCH) + 4], 10
	mov eax, 11
FAULT_IP ut_bound
	bound eax, [DATA(D_SCRATCH)]
	EXIT 0

; x87 divide by zero with the exception unmasked (control word 0x037b):
; #MF at the next FPU instruction, SIGFPE.
FAULT_PROGRAM ut_x87_divide
	fninit
	mov word [DATA(D_SCRATCH)], 0x037b
	fldcw [DATA(D_SCRATCH)]
	fld1
	fldz
	fdivp st1, st0
	fwait
	EXIT 0

; SSE divide by zero with the exception unmasked (MXCSR 0x1d80): #XM
; where CR4.OSXMMEXCPT is on, SIGFPE; on a CPU without SSE the
; instruction itself is invalid, SIGILL. QEMU's TCG does not raise #XM:
; there the division only sets MXCSR's flag, and the program goes on,
; stores MXCSR in D_SCRATCH + 8 and raises vector 19 itself with int 19
; (the suite opens that gate to user mode for it), which the kernel
; handles as the CPU's #XM.
FAULT_PROGRAM ut_sse_divide
	mov dword [DATA(D_SCRATCH)], 0x1d80
FAULT_IP ut_sse_divide			; without SSE: the first SSE instruction
	ldmxcsr [DATA(D_SCRATCH)]
	mov dword [DATA(D_SCRATCH)], 0x3f800000		; 1.0f
	movss xmm0, [DATA(D_SCRATCH)]
	xorps xmm1, xmm1
	divss xmm0, xmm1
	stmxcsr [DATA(D_SCRATCH) + 8]
	int 19
	EXIT 0

; A TLS entry loaded into ds and es, then emptied by set_thread_area():
; returning from that call, the kernel cannot reload ds and es with the
; selector. It loads the null selector instead (Linux's fixup): the
; program finds ds and es null, and stores them (through ss) in
; D_MARK[ebx] + 4 and + 8; its next data access through them would
; fault on a real CPU (QEMU's TCG ignores a null ds).
FAULT_PROGRAM ut_tls_ds
	mov edi, ebx
	shl edi, 5
	add edi, DATA(D_DESC)
	mov ebp, ebx
	mov ebx, edi
	SYSCALL __NR_set_thread_area
	test eax, eax
	jnz .failed
	mov eax, [edi]
	shl eax, 3
	or eax, 3
	mov ds, eax
	mov es, eax
	; the same entry, now empty: base 0, limit 0, read_exec_only, not present
	mov dword [ss:edi + 4], 0
	mov dword [ss:edi + 8], 0
	mov dword [ss:edi + 12], 0x28
	SYSCALL __NR_set_thread_area
	shl ebp, 4
	mov dword [ss:DATA(D_MARK) + ebp], 2
	mov eax, ds
	mov [ss:DATA(D_MARK) + ebp + 4], eax
	mov eax, es
	mov [ss:DATA(D_MARK) + ebp + 8], eax
	EXIT 0
.failed:
	EXIT 3

; The same with ss: the iret back to user mode cannot load it and
; faults in the kernel, which must kill the task (SIGILL), not oops.
FAULT_PROGRAM ut_tls_ss
	mov edi, ebx
	shl edi, 5
	add edi, DATA(D_DESC)
	mov ebx, edi
	SYSCALL __NR_set_thread_area
	test eax, eax
	jnz .failed
	mov eax, [edi]
	shl eax, 3
	or eax, 3
	mov ss, eax
	mov dword [edi + 4], 0
	mov dword [edi + 8], 0
	mov dword [edi + 12], 0x28
	SYSCALL __NR_set_thread_area
FAULT_IP ut_tls_ss			; where the iret would have returned
	EXIT 0				; not reached: the iret fails
.failed:
	EXIT 3

; And with gs: the entry emptied, then a switch to another task and
; back. __switch_to() cannot reload gs: the null selector instead,
; stored in D_MARK[ebx] + 4.
FAULT_PROGRAM ut_tls_gs
	mov edi, ebx
	shl edi, 5
	add edi, DATA(D_DESC)
	mov ebp, ebx
	mov ebx, edi
	SYSCALL __NR_set_thread_area
	test eax, eax
	jnz .failed
	mov eax, [edi]
	shl eax, 3
	or eax, 3
	mov gs, eax
	mov dword [edi + 4], 0
	mov dword [edi + 8], 0
	mov dword [edi + 12], 0x28
	SYSCALL __NR_set_thread_area
	mov eax, gs			; still loaded: the CPU keeps the old descriptor
	shl ebp, 4
	mov [DATA(D_MARK) + ebp + 12], eax
	SYSCALL __NR_sched_yield
	SYSCALL __NR_sched_yield
	mov dword [DATA(D_MARK) + ebp], 2
	mov eax, gs
	mov [DATA(D_MARK) + ebp + 4], eax
	EXIT 0
.failed:
	EXIT 3

; The child of copy_thread() (the suite's stand-in for fork): it starts
; where its "parent's" registers say, with eax = 0 from the system call
; and the TLS entry CLONE_SETTLS gave it. Records eax, ebx, esp and the
; TLS block's magic through that entry (GDT entry 6).
global ut_child
ut_child:
	mov [DATA(D_CHILD)], eax
	mov [DATA(D_CHILD) + 4], ebx
	mov [DATA(D_CHILD) + 8], esp
	mov eax, (6 << 3) | 3
	mov gs, eax
	mov eax, [gs:0]
	mov [DATA(D_CHILD) + 12], eax
	EXIT 7

ut_blob_end:

section .note.GNU-stack noalloc noexec nowrite progbits
