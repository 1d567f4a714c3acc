/* exec_bad.c - execve refuses what is no program; the caller carries on. */
#include <fcntl.h>
#include <sys/stat.h>
#include "ktap.h"

static int make_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return -1;
	if (len && write(fd, data, len) != (ssize_t)len)
		return -1;
	close(fd);
	return chmod(path, mode);
}

/* Copy /bin/exit0 to path with byte off set to value. */
static int patched_copy(const char *path, long off, unsigned char value)
{
	static char buf[256 * 1024];
	int fd = open("/bin/exit0", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf));

	close(fd);
	if (n <= off)
		return -1;
	buf[off] = value;
	return make_file(path, buf, n, 0755);
}

static long try_exec(const char *path)
{
	char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };

	return execve(path, argv, envp);
}

int main(void)
{
	static const char garbage[] = "this is not a program\n";
	static char name[5000];
	volatile int alive = 42;

	plan(10);
	make_file("/tmp/garbage", garbage, sizeof(garbage), 0755);
	ok_errno(try_exec("/tmp/garbage"), ENOEXEC, "a text file: ENOEXEC");
	make_file("/tmp/empty", "", 0, 0755);
	ok_errno(try_exec("/tmp/empty"), ENOEXEC, "an empty file: ENOEXEC");
	patched_copy("/tmp/x86_64", 18, 62);		/* e_machine = EM_X86_64 */
	ok_errno(try_exec("/tmp/x86_64"), ENOEXEC, "an ELF for another machine: ENOEXEC");
	patched_copy("/tmp/phentsize", 42, 16);		/* e_phentsize = 16 */
	ok_errno(try_exec("/tmp/phentsize"), ENOEXEC, "program headers of the wrong size: ENOEXEC");
	patched_copy("/tmp/relocatable", 16, 1);	/* e_type = ET_REL */
	ok_errno(try_exec("/tmp/relocatable"), ENOEXEC, "a relocatable object: ENOEXEC");
	make_file("/tmp/noexec", garbage, sizeof(garbage), 0644);
	ok_errno(try_exec("/tmp/noexec"), EACCES, "a file without execute permission: EACCES");
	ok_errno(try_exec("/tmp"), EACCES, "a directory: EACCES");
	ok_errno(try_exec("/tmp/nonexistent"), ENOENT, "a missing file: ENOENT");
	memset(name, 'a', sizeof(name) - 1);
	name[0] = '/';
	ok_errno(try_exec(name), ENAMETOOLONG, "a path of 5000 bytes: ENAMETOOLONG");
	ok_eq(alive, 42, "the caller's image is intact");
	unlink("/tmp/garbage");
	unlink("/tmp/empty");
	unlink("/tmp/x86_64");
	unlink("/tmp/phentsize");
	unlink("/tmp/relocatable");
	unlink("/tmp/noexec");
	return done();
}
