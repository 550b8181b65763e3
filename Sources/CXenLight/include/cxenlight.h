// libxenlight (Xen 4.17's toolstack library) for SwiftVirt's xen:/// driver, loaded at run time.
//
// Nothing here links against Xen: cxl_load() dlopen()s libxenlight.so.4.17 and resolves every function the
// driver uses, so SwiftVirt builds and runs on hosts without Xen. Swift never sees libxl's structs either:
// values cross as libxl's own JSON (the IDL's *_to_json / *_from_json), bit maps as byte arrays.
//
// Every function that talks to Xen returns libxl's status (0, or a negative libxl ERROR_* code) and leaves
// the first error libxl logged on the calling thread in cxl_last_error(). JSON and name results are
// malloc'ed; release them with cxl_free().
#ifndef SWIFTVIRT_CXENLIGHT_H
#define SWIFTVIRT_CXENLIGHT_H

#include <stdint.h>

/// libxl's ERROR_* codes the driver tells apart (checked against libxl.h when the shim is compiled).
enum {
    CXL_ERROR_FAIL = -3,
    CXL_ERROR_INVAL = -6,
    CXL_ERROR_NOPARAVIRT = -10,
    CXL_ERROR_DOMAIN_NOTFOUND = -21,
    /// Not libxl's: the library is not loaded, or an allocation in the shim failed.
    CXL_ERROR_SHIM = -1000,
};

/// One libxl context with its logger; opaque to Swift.
typedef struct cxl_ctx cxl_ctx;

/// Loads `soname` and resolves every function once per process. Returns 0, or -1 with the reason in
/// cxl_last_error(). Later calls return the first call's result.
int cxl_load(const char *soname);

/// Allocates a libxl context. libxl's messages at `file_level` (xentoollog's levels: 5 info, 7 warn,
/// 8 error) and above are appended to `log_path` (NULL: none). NULL on failure (see cxl_last_error()).
cxl_ctx *cxl_ctx_open(const char *log_path, int file_level);
void cxl_ctx_close(cxl_ctx *ctx);

/// The first error libxl logged on this thread since the last cxl_clear_error() (every call below clears
/// it first), or "" if none.
const char *cxl_last_error(void);
void cxl_clear_error(void);
/// libxl's name for an ERROR_* code ("DOMAIN_NOTFOUND"), or NULL.
const char *cxl_error_name(int code);
void cxl_free(void *pointer);

// Host information (JSON objects of libxl_version_info and libxl_physinfo).
int cxl_version_info_json(cxl_ctx *ctx, char **json);
int cxl_physinfo_json(cxl_ctx *ctx, char **json);
int cxl_max_cpus(cxl_ctx *ctx);

// Domains: a JSON array of libxl_dominfo objects; one libxl_dominfo (ERROR_DOMAIN_NOTFOUND if none).
int cxl_domain_list_json(cxl_ctx *ctx, char **json);
int cxl_domain_info_json(cxl_ctx *ctx, uint32_t domid, char **json);
/// The domain's name from xenstore, or NULL.
char *cxl_domain_name(cxl_ctx *ctx, uint32_t domid);

/// Creates a domain from a libxl_domain_config in JSON; it is left paused. On failure nothing is left.
int cxl_domain_create(cxl_ctx *ctx, const char *config_json, uint32_t *domid);
/// Creates a domain from a save stream read from `fd` (stream version 2, as cxl_domain_suspend writes it);
/// it is left paused.
int cxl_domain_restore(cxl_ctx *ctx, const char *config_json, int fd, uint32_t *domid);
/// Writes the domain's memory and state to `fd`; the domain is then suspended (shut down, reason suspend).
int cxl_domain_suspend(cxl_ctx *ctx, uint32_t domid, int fd);
/// Lets a domain whose save stopped halfway run on (libxl_domain_resume with suspend_cancel: the guest
/// returns from its suspend as if it had failed), as xl does after a failed save.
int cxl_domain_resume_suspended(cxl_ctx *ctx, uint32_t domid);

int cxl_domain_pause(cxl_ctx *ctx, uint32_t domid);
int cxl_domain_unpause(cxl_ctx *ctx, uint32_t domid);
/// Asks the guest's PV drivers to power off / reboot (ERROR_NOPARAVIRT when it has none).
int cxl_domain_shutdown(cxl_ctx *ctx, uint32_t domid);
int cxl_domain_reboot(cxl_ctx *ctx, uint32_t domid);
/// Presses the virtual power button (HVM guests without PV drivers).
int cxl_domain_power_button(cxl_ctx *ctx, uint32_t domid);
/// Destroys the domain and its devices; returns once it is gone from the toolstack's view.
int cxl_domain_destroy(cxl_ctx *ctx, uint32_t domid);

/// The balloon target in KiB (enforced).
int cxl_set_memory_target(cxl_ctx *ctx, uint32_t domid, uint64_t kib);
/// The maximum memory in KiB.
int cxl_set_max_memory(cxl_ctx *ctx, uint32_t domid, uint64_t kib);

/// Brings online exactly the vCPUs whose bits are set (`length` bytes, vCPU 0 = bit 0 of byte 0).
int cxl_set_vcpus_online(cxl_ctx *ctx, uint32_t domid, const uint8_t *map, uint32_t length);
/// Sets one vCPU's hard affinity to the host CPUs in `map` (soft affinity unchanged).
int cxl_set_vcpu_affinity(cxl_ctx *ctx, uint32_t domid, uint32_t vcpu, const uint8_t *map, uint32_t length);
/// A JSON array of libxl_vcpuinfo objects.
int cxl_vcpu_list_json(cxl_ctx *ctx, uint32_t domid, char **json);

/// The host pty of a domain's console `number`: a PV console, or with `serial` the emulated serial port.
int cxl_console_tty(cxl_ctx *ctx, uint32_t domid, int number, int serial, char **path);

#endif
