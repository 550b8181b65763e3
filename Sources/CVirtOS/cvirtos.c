#define _GNU_SOURCE
#include "cvirtos.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cvirtos_set_affinity(pid_t tid, const unsigned char *map, size_t length) {
    size_t cpus = length * 8;
    size_t size = CPU_ALLOC_SIZE(cpus);
    cpu_set_t *set = CPU_ALLOC(cpus);
    if (!set) {
        errno = ENOMEM;
        return -1;
    }
    CPU_ZERO_S(size, set);
    for (size_t cpu = 0; cpu < cpus; cpu++) {
        if (map[cpu / 8] & (1u << (cpu % 8))) CPU_SET_S(cpu, size, set);
    }
    int rc = sched_setaffinity(tid, size, set);
    int saved = errno;
    CPU_FREE(set);
    errno = saved;
    return rc;
}

int cvirtos_get_affinity(pid_t tid, unsigned char *map, size_t length) {
    size_t cpus = length * 8;
    size_t size = CPU_ALLOC_SIZE(cpus);
    cpu_set_t *set = CPU_ALLOC(cpus);
    if (!set) {
        errno = ENOMEM;
        return -1;
    }
    int rc = sched_getaffinity(tid, size, set);
    if (rc == 0) {
        memset(map, 0, length);
        for (size_t cpu = 0; cpu < cpus; cpu++) {
            if (CPU_ISSET_S(cpu, size, set)) map[cpu / 8] |= (unsigned char)(1u << (cpu % 8));
        }
    }
    int saved = errno;
    CPU_FREE(set);
    errno = saved;
    return rc;
}

pid_t cvirtos_gettid(void) { return gettid(); }

short cvirtos_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int cvirtos_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
