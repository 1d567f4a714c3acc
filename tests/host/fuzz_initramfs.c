/*
 * libFuzzer target for the cpio unpacker (fs/initramfs.c, the real file)
 * on the host: the input is the archive. The unpacker's system calls go
 * to the model file system of initramfs_host.h, its kmalloc() to the slab
 * machine. Checked for every input:
 *   - the unpacker says the archive is whole (NULL) exactly when the
 *     reference parser does, except where a system call of the model
 *     refused a member (a name under a file, a path too long ...), which
 *     must then be what it reports;
 *   - on success, it made exactly the members the reference counts;
 *   - every call it made was sane (initramfs_host.h: paths are strings,
 *     writes come from inside the archive, descriptors are closed);
 *   - the message, when there is one, starts with "initramfs: ";
 *   - every kmalloc() was freed (the slab machine's leak check).
 */
#include "slab_host.h"
#include "initramfs_host.h"
#include "fuzz_args.h"

#define MAX_LEN	4096

const char *unpack_cpio(const char *buf, unsigned long len, char *msg, unsigned int msglen,
			unsigned long *entries);

static const struct pa_layout machine = {
	.name = "initramfs-16M",
	.zones_size = { 0x1000, 0, 0 },
	.holes = { { 0x9f, 0x100 } },
	.reserved = { { 0, 1 }, { 0x100, 0x180 } },
};

FUZZ_DEFAULT_MAX_LEN(MAX_LEN)

__attribute__((noreturn)) static void die(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz_initramfs: %s%s%s\n", what, msg ? ": " : "", msg ? msg : "");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long members = 0, ref_members;
	char msg[256];
	const char *err, *leak;
	int ref;

	sh_boot(&machine);
	host_printk_clear();
	im_reset((const char *)data, size);
	err = unpack_cpio((const char *)data, size, msg, sizeof(msg), &members);
	ref = ref_parse(data, size, &ref_members);
	if (im.why[0])
		die("a bad system call", im.why);
	if (err && strncmp(err, "initramfs: ", 11))
		die("a message without its prefix", err);
	if (!err && ref)
		die("an archive the reference refuses was unpacked", NULL);
	if (!err && members != ref_members)
		die("not every member was made", NULL);
	if (err && !ref && !strstr(err, ": error -"))
		die("a good archive refused for no refused call", err);
	if (im.open_fd >= 0)
		die("a file left open", NULL);
	im_reset(NULL, 0);
	leak = sh_leak_check();
	if (leak)
		die("a leak", leak);
	return 0;
}
