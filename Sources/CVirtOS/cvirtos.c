#define _GNU_SOURCE
#include "cvirtos.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>

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

static int cvirtos_ifreq_socket(void) { return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0); }

int cvirtos_bridge_add_port(const char *bridge, const char *port) {
    unsigned int index = if_nametoindex(port);
    if (index == 0) return -1;
    int fd = cvirtos_ifreq_socket();
    if (fd < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    strncpy(request.ifr_name, bridge, IFNAMSIZ - 1);
    request.ifr_ifindex = (int)index;
    int rc = ioctl(fd, SIOCBRADDIF, &request);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int cvirtos_interface_up(const char *name) {
    int fd = cvirtos_ifreq_socket();
    if (fd < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    int rc = ioctl(fd, SIOCGIFFLAGS, &request);
    if (rc == 0) {
        request.ifr_flags |= IFF_UP;
        rc = ioctl(fd, SIOCSIFFLAGS, &request);
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int cvirtos_open_pty(char *path, size_t size) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, path, size) != 0) {
        int saved = errno;
        close(master);
        errno = saved;
        return -1;
    }
    return master;
}

#include <signal.h>

static int signal_pipe_write = -1;
static int signal_pipe_read = -1;

static void cvirtos_signal_handler(int signal) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal;
    ssize_t ignored = write(signal_pipe_write, &byte, 1);
    (void)ignored;
    errno = saved;
}

int cvirtos_signal_pipe(int signal) {
    if (signal_pipe_read < 0) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
        // The read end blocks: the waiter sleeps in read() on its own thread.
        int flags = fcntl(fds[0], F_GETFL);
        fcntl(fds[0], F_SETFL, flags & ~O_NONBLOCK);
        signal_pipe_read = fds[0];
        signal_pipe_write = fds[1];
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cvirtos_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(signal, &action, NULL) != 0) return -1;
    return signal_pipe_read;
}

const char *cvirtos_image_path(const void *address) {
    Dl_info info;
    if (dladdr(address, &info) == 0 || !info.dli_fname) return NULL;
    return info.dli_fname;
}
