/*
 * An empty symbol table for host programs that link kernel/kallsyms.c
 * (vsprintf's %pS needs it) without caring about symbols. It sits alone
 * in its archive member: a program that defines its own table never
 * pulls it in.
 */
#include <kallsyms.h>

const unsigned int kallsyms_num_syms = 0;
const unsigned long kallsyms_addresses[1] = { 0 };
const unsigned int kallsyms_offsets[1] = { 0 };
const char kallsyms_names[1] = "";
