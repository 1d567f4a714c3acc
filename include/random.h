#ifndef _RANDOM_H
#define _RANDOM_H

/* nbytes of not-cryptographic randomness (kernel/random.c): AT_RANDOM, getrandom(2). */
void get_random_bytes(void *buf, int nbytes);

#endif
