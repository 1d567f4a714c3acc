/* exit0.c - /bin/exit0: exits 0 at once (bench's exec_static, the exec tests). */
int main(void)
{
	return 0;
}
