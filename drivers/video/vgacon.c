/*
 * The VGA text console (Linux's drivers/video/console/vgacon.c, reduced
 * to a printk console beside the serial one): the colour text buffer at
 * physical 0xb8000, 80 x 25 cells of (character, attribute), mapped
 * uncached with ioremap() -- /proc/vmallocinfo shows the area as
 * "ioremap" with phys=0x000b8000. printk's lines appear in QEMU's window
 * (make run DISPLAY=1); a full screen scrolls by one memmove of 24 rows.
 * The hardware cursor follows at each line's end. "vgacon=off" on the
 * command line leaves the screen alone.
 */
#include <kernel.h>
#include <string.h>
#include <init.h>
#include <printk.h>
#include <asm/io.h>

#define VGA_BASE	0xb8000UL
#define VGA_COLS	80
#define VGA_ROWS	25
#define VGA_ATTR	0x07		/* light grey on black */
#define VGA_CRTC_INDEX	0x3d4
#define VGA_CRTC_DATA	0x3d5

static u16 __iomem *vga_mem;
static unsigned int vga_x, vga_y;
static int vgacon_off;

static int __init vgacon_setup(char *val)
{
	if (!val || strcmp(val, "off")) {
		printk(KERN_WARNING "vgacon: \"%s\" is not \"off\": ignored\n", val ? val : "");
		return 0;
	}
	vgacon_off = 1;
	return 0;
}
__setup("vgacon", vgacon_setup);

static void vga_clear_rows(unsigned int from, unsigned int to)
{
	unsigned int i;

	for (i = from * VGA_COLS; i < to * VGA_COLS; i++)
		vga_mem[i] = VGA_ATTR << 8 | ' ';
}

static void vga_set_cursor(void)
{
	unsigned int pos = vga_y * VGA_COLS + vga_x;

	outb(0x0e, VGA_CRTC_INDEX);
	outb(pos >> 8, VGA_CRTC_DATA);
	outb(0x0f, VGA_CRTC_INDEX);
	outb(pos & 0xff, VGA_CRTC_DATA);
}

static void vga_newline(void)
{
	vga_x = 0;
	if (++vga_y < VGA_ROWS)
		return;
	memmove(vga_mem, vga_mem + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * sizeof(*vga_mem));
	vga_clear_rows(VGA_ROWS - 1, VGA_ROWS);
	vga_y = VGA_ROWS - 1;
}

static void vgacon_write(const char *s, unsigned int n)
{
	for (; n--; s++) {
		switch (*s) {
		case '\n':
			vga_newline();
			vga_set_cursor();
			continue;
		case '\r':
			vga_x = 0;
			continue;
		case '\t':
			vga_x = (vga_x + 8) & ~7u;
			break;
		default:
			vga_mem[vga_y * VGA_COLS + vga_x++] = VGA_ATTR << 8 | (unsigned char)*s;
		}
		if (vga_x >= VGA_COLS)
			vga_newline();
	}
}

static struct console vga_console = {
	.name = "tty0",
	.write = vgacon_write,
};

/* After vmalloc_init(): map the buffer, clear it, and take printk's output (the log so far first). */
void __init vgacon_init(void)
{
	if (vgacon_off)
		return;
	vga_mem = ioremap(VGA_BASE, VGA_ROWS * VGA_COLS * sizeof(*vga_mem));
	if (!vga_mem) {
		printk(KERN_WARNING "vgacon: cannot map the text buffer\n");
		return;
	}
	vga_clear_rows(0, VGA_ROWS);
	vga_x = vga_y = 0;
	register_console(&vga_console);
}
