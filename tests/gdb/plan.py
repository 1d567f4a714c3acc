"""The gdb check's plan: each run (a QEMU boot, or none) and the checks it
makes, in order. scripts/gdb_check.py (the harness, plain python3) reads
it to boot QEMU and number the KTAP lines; driver.py (inside gdb) to run
the checks, which the check_*.py modules define. A check stops the kernel
where it needs it, so the order within a run matters.

Run 0 needs no QEMU: gdb loads the helpers with the kernel's symbols
only. Run 1 boots normally with show_mem= (the kernel prints its /proc
reports just before it sets system_state_running, where the memory and
slab checks compare the commands' output with them). Run 2 forces a
wrong multiboot magic. Run 3 boots with slab_debug. Run 4 is a 1 GB
machine (127 MB of high memory) stopped inside self-tests: kmap's
test_exhaustion_sleeps_and_wakes (1024 slots held, three threads asleep
in kmap()), sched's test_show_state and vmalloc's test_vmallocinfo right
after the kernel printed its own ps and /proc/vmallocinfo, and usermode's
test_timer_preempts_user_busy_loop with a task preempted in user mode
(the suites run in link order). Run 5 stops the mm suite's
test_fork_cow_counts inside do_wp_page() (lx-mm, lx-vmas, lx-pte PID).""" 
from collections import namedtuple

Run = namedtuple("Run", "number cmdline memory checks")

MM_REPORTS = ("buddyinfo", "zoneinfo", "meminfo", "slabinfo")
CMDLINE = "loglevel=7 gdbcheck_marker=42 show_mem=" + ",".join(MM_REPORTS)

RUNS = [
    Run(0, None, None, [
        "commands_listed_in_help_and_readme",
        "commands_without_target_fail_in_one_line",
        "generated_constants_match_debug_info",
    ]),
    Run(1, CMDLINE, "128M", [
        "startup_32_breakpoint_has_head_asm_line",
        "startup_32_stepi_keeps_head_asm_lines",
        "start_kernel_magic_argument",
        "mm_commands_before_mem_map",
        "system_state_running_after_boot",
        "boot_command_line",
        "e820_nr_map",
        "lx_dmesg",
        "lx_cmdline",
        "lx_e820",
        "lx_idt_page_fault",
        "lx_pte_kernel_text",
        "lx_timers_taint_help",
        "lx_buddyinfo_matches_kernel",
        "lx_zoneinfo_matches_kernel",
        "lx_meminfo_matches_kernel",
        "lx_page_kernel_text_reserved",
        "lx_page_free_block",
        "lx_page_per_cpu_block",
        "lx_freelist_pcp",
        "lx_memlayout_matches_kernel",
        "lx_slabinfo_matches_kernel",
        "lx_slab_consistent_totals",
        "lx_slabobj_lx_page_name_the_cache",
        "jiffies_ticking",
    ]),
    Run(2, CMDLINE, "128M", [
        "no_multiboot_message",
    ]),
    Run(3, "loglevel=7 slab_debug show_mem=slabinfo", "128M", [
        "slab_debug_boot",
        "slab_debug_lx_slabinfo_matches_kernel",
        "slab_debug_lx_slab_red_zones",
    ]),
    Run(4, "loglevel=7 ktest=kmap,sched.test_show_state,"
        "usermode.test_timer_preempts_user_busy_loop,vmalloc.test_vmallocinfo "
        "show_mem=vmallocinfo", "1G", [
        "ktest_boot_lx_vmallocinfo_lx_ps",
        "kmap_latecomer_starts_lx_ps_lx_bt",
        "kmap_all_slots_held_lx_pkmap",
        "kmap_sleepers_lx_ps_lx_bt",
        "kmap_lx_vmallocinfo_lists_thread_stacks",
        "sched_show_state_matches_lx_ps",
        "usermode_task_lx_ps_lx_bt",
        "vmalloc_test_lx_vmallocinfo_matches_kernel",
    ]),
    Run(5, "loglevel=7 ktest=mm.test_fork_cow_counts", "128M", [
        "mm_cow_fault_lx_mm_lx_vmas_lx_pte",
    ]),
]


def all_checks():
    """[(run number, check name)] in KTAP order."""
    return [(r.number, name) for r in RUNS for name in r.checks]
