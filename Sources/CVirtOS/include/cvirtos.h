// GNU extensions the Swift Glibc module does not show (they need _GNU_SOURCE): affinity masks of any size,
// posix_spawn's setsid flag and close-from action, pseudo-terminals, and descriptors a fork must not copy.
#ifndef SWIFTVIRT_CVIRTOS_H
#define SWIFTVIRT_CVIRTOS_H

#include <spawn.h>
#include <stddef.h>
#include <sys/types.h>

/// sched_setaffinity with a libvirt-style bit map (`length` bytes, CPU 0 = bit 0 of byte 0).
int cvirtos_set_affinity(pid_t tid, const unsigned char *map, size_t length);
/// sched_getaffinity into a bit map of `length` bytes.
int cvirtos_get_affinity(pid_t tid, unsigned char *map, size_t length);
/// gettid().
pid_t cvirtos_gettid(void);
/// POSIX_SPAWN_SETSID.
short cvirtos_spawn_setsid_flag(void);
/// posix_spawn_file_actions_addclosefrom_np.
int cvirtos_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest);

/// Opens a new pseudo-terminal: returns its master (close-on-exec) and writes its slave's path into
/// `path` (`size` bytes), or -1 with errno.
int cvirtos_open_pty(char *path, size_t size);

/// Adds network interface `port` to bridge `bridge` (SIOCBRADDIF). Returns 0 or -1 with errno.
int cvirtos_bridge_add_port(const char *bridge, const char *port);
/// Sets IFF_UP on interface `name`. Returns 0 or -1 with errno.
int cvirtos_interface_up(const char *name);

/// Routes `signal` to a pipe: the handler writes the signal's number as one byte, and the returned read end
/// (close-on-exec) lets any thread wait for it with a plain read. One pipe per process; returns -1 with errno.
int cvirtos_signal_pipe(int signal);

/// Marks `fd` as private to this process: a copy of it made by fork() without exec (libxenlight forks
/// helpers that outlive their parent) is closed in the child at once, so a lock held through it dies with
/// this process. Returns -1 if `fd` is beyond the table (1M descriptors). Not seen by posix_spawn, whose
/// children close it by close-on-exec.
int cvirtos_fork_private_add(int fd);
/// Unmarks `fd` (before it is closed, so the number can be reused).
void cvirtos_fork_private_remove(int fd);

/// The file of the executable or shared library mapped at `address` (dladdr), or NULL.
const char *cvirtos_image_path(const void *address);

#endif
