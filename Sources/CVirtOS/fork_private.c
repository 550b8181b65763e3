// Descriptors a forked copy of the process must not keep (see cvirtos.h). A bit per descriptor number, set
// and cleared atomically, so the child handler (which may only make async-signal-safe calls) reads it
// without a lock.
#define _GNU_SOURCE
#include "cvirtos.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#define FORK_PRIVATE_LIMIT (1 << 20)
#define WORD_BITS (sizeof(unsigned long) * CHAR_BIT)

static _Atomic unsigned long fork_private[FORK_PRIVATE_LIMIT / WORD_BITS];
static pthread_once_t fork_private_once = PTHREAD_ONCE_INIT;

static void fork_private_close_in_child(void) {
    for (size_t word = 0; word < FORK_PRIVATE_LIMIT / WORD_BITS; word++) {
        unsigned long bits = atomic_load_explicit(&fork_private[word], memory_order_relaxed);
        while (bits) {
            int bit = __builtin_ctzl(bits);
            bits &= bits - 1;
            close((int)(word * WORD_BITS + (size_t)bit));
        }
        atomic_store_explicit(&fork_private[word], 0, memory_order_relaxed);
    }
}

static void fork_private_install(void) { pthread_atfork(NULL, NULL, fork_private_close_in_child); }

int cvirtos_fork_private_add(int fd) {
    if (fd < 0 || fd >= FORK_PRIVATE_LIMIT) return -1;
    pthread_once(&fork_private_once, fork_private_install);
    atomic_fetch_or(&fork_private[fd / WORD_BITS], 1ul << (fd % WORD_BITS));
    return 0;
}

void cvirtos_fork_private_remove(int fd) {
    if (fd < 0 || fd >= FORK_PRIVATE_LIMIT) return;
    atomic_fetch_and(&fork_private[fd / WORD_BITS], ~(1ul << (fd % WORD_BITS)));
}
