// The libxenlight shim: a table of functions resolved with dlsym, thin wrappers that turn libxl's structs
// into JSON and back, and a logger that keeps libxl's first error per thread. libxl.h is used for types
// and prototypes only; nothing links against Xen.
#define _GNU_SOURCE
#include "cxenlight.h"

#include <dlfcn.h>
#include <libxl.h>
#include <libxl_utils.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

_Static_assert((int)CXL_ERROR_FAIL == (int)ERROR_FAIL, "libxl error code");
_Static_assert((int)CXL_ERROR_INVAL == (int)ERROR_INVAL, "libxl error code");
_Static_assert((int)CXL_ERROR_NOPARAVIRT == (int)ERROR_NOPARAVIRT, "libxl error code");
_Static_assert((int)CXL_ERROR_DOMAIN_NOTFOUND == (int)ERROR_DOMAIN_NOTFOUND, "libxl error code");

// Every libxl function the driver uses, typed from libxl.h's own prototypes.
#define CXL_FUNCTIONS(X) \
    X(libxl_ctx_alloc) X(libxl_ctx_free) X(libxl_childproc_setmode) X(libxl_error_to_string) \
    X(libxl_get_version_info) X(libxl_version_info_to_json) \
    X(libxl_physinfo_init) X(libxl_get_physinfo) X(libxl_physinfo_to_json) X(libxl_physinfo_dispose) \
    X(libxl_get_max_cpus) \
    X(libxl_list_domain) X(libxl_dominfo_list_free) X(libxl_dominfo_to_json) \
    X(libxl_dominfo_init) X(libxl_domain_info) X(libxl_dominfo_dispose) X(libxl_domid_to_name) \
    X(libxl_domain_config_init) X(libxl_domain_config_from_json) X(libxl_domain_config_dispose) \
    X(libxl_domain_create_new) X(libxl_domain_restore_params_init) X(libxl_domain_restore_params_dispose) \
    X(libxl_domain_create_restore) X(libxl_domain_suspend) X(libxl_domain_resume) \
    X(libxl_domain_pause) X(libxl_domain_unpause) X(libxl_domain_shutdown) X(libxl_domain_reboot) \
    X(libxl_send_trigger) X(libxl_domain_destroy) \
    X(libxl_set_memory_target) X(libxl_domain_setmaxmem) \
    X(libxl_set_vcpuonline) X(libxl_set_vcpuaffinity) \
    X(libxl_list_vcpu) X(libxl_vcpuinfo_to_json) X(libxl_vcpuinfo_list_free) \
    X(libxl_console_get_tty)

static struct {
#define CXL_FIELD(name) __typeof__(name) *name;
    CXL_FUNCTIONS(CXL_FIELD)
#undef CXL_FIELD
} xl;

// MARK: errors

static __thread char thread_error[1024];

void cxl_clear_error(void) { thread_error[0] = '\0'; }

const char *cxl_last_error(void) { return thread_error; }

static void set_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void set_error(const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(thread_error, sizeof thread_error, format, args);
    va_end(args);
}

const char *cxl_error_name(int code) {
    return xl.libxl_error_to_string ? xl.libxl_error_to_string(code) : NULL;
}

void cxl_free(void *pointer) { free(pointer); }

// MARK: loading

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_soname;
static int load_status = -1;
static char load_error[512];

static void load_library(void) {
    void *handle = dlopen(load_soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(load_error, sizeof load_error, "%s", dlerror());
        return;
    }
#define CXL_RESOLVE(name) \
    if (!(xl.name = (__typeof__(name) *)dlsym(handle, #name))) { \
        snprintf(load_error, sizeof load_error, "%s has no %s", load_soname, #name); \
        memset(&xl, 0, sizeof xl); \
        return; \
    }
    CXL_FUNCTIONS(CXL_RESOLVE)
#undef CXL_RESOLVE
    load_status = 0;
}

int cxl_load(const char *soname) {
    load_soname = soname;
    pthread_once(&load_once, load_library);
    if (load_status != 0) set_error("%s", load_error);
    return load_status;
}

// MARK: logger

// libxl logs through a xentoollog_logger; this one keeps the first error of each thread (the root cause:
// libxl's callers log their own summaries after it) and appends what is important enough to a file.
typedef struct {
    xentoollog_logger vtable;
    FILE *file;
    xentoollog_level file_level;
} cxl_logger;

struct cxl_ctx {
    libxl_ctx *ctx;
    cxl_logger logger;
};

static const char *const level_names[] = {
    "none", "debug", "verbose", "detail", "progress", "info", "notice", "warning", "error", "critical",
};

static void logger_message(xentoollog_logger *base, xentoollog_level level, int errnoval, const char *context,
                           const char *format, va_list args) {
    cxl_logger *logger = (cxl_logger *)base;
    char message[900];
    vsnprintf(message, sizeof message, format, args);
    if (level >= XTL_ERROR && thread_error[0] == '\0') {
        if (errnoval >= 0) {
            set_error("%s: %s", message, strerror(errnoval));
        } else {
            set_error("%s", message);
        }
    }
    if (logger->file && level >= logger->file_level) {
        char stamp[32];
        struct timespec now;
        struct tm parts;
        clock_gettime(CLOCK_REALTIME, &now);
        localtime_r(&now.tv_sec, &parts);
        strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &parts);
        const char *name = level < XTL_NUM_LEVELS ? level_names[level] : "?";
        fprintf(logger->file, "%s.%03ld %s: %s%s%s%s%s\n", stamp, now.tv_nsec / 1000000, name,
                context ? context : "", context ? ": " : "", message, errnoval >= 0 ? ": " : "",
                errnoval >= 0 ? strerror(errnoval) : "");
        fflush(logger->file);
    }
}

static void logger_destroy(xentoollog_logger *base) { (void)base; }

// libxl reaps only the children it started (hotplug scripts, device models); the process's other
// children (QEMU processes of qemu:///) stay its own. libvirt's libxl driver runs libxl the same way.
static const libxl_childproc_hooks child_hooks = {
    .chldowner = libxl_sigchld_owner_libxl_always_selective_reap,
};

cxl_ctx *cxl_ctx_open(const char *log_path, int file_level) {
    cxl_clear_error();
    if (load_status != 0) {
        set_error("libxenlight is not loaded");
        return NULL;
    }
    cxl_ctx *handle = calloc(1, sizeof *handle);
    if (!handle) {
        set_error("out of memory");
        return NULL;
    }
    handle->logger.vtable.vmessage = logger_message;
    handle->logger.vtable.destroy = logger_destroy;
    handle->logger.file_level = (xentoollog_level)file_level;
    if (log_path) handle->logger.file = fopen(log_path, "ae");
    if (xl.libxl_ctx_alloc(&handle->ctx, LIBXL_VERSION, 0, &handle->logger.vtable) != 0) {
        if (thread_error[0] == '\0') set_error("libxl_ctx_alloc failed");
        if (handle->logger.file) fclose(handle->logger.file);
        free(handle);
        return NULL;
    }
    xl.libxl_childproc_setmode(handle->ctx, &child_hooks, NULL);
    return handle;
}

void cxl_ctx_close(cxl_ctx *handle) {
    if (!handle) return;
    xl.libxl_ctx_free(handle->ctx);
    if (handle->logger.file) fclose(handle->logger.file);
    free(handle);
}

// MARK: JSON helpers

// Joins JSON texts into one array; NULL on allocation failure.
static char *json_array(char **items, int count) {
    size_t length = 3;
    for (int i = 0; i < count; i++) length += strlen(items[i]) + 1;
    char *array = malloc(length);
    if (!array) return NULL;
    char *end = array;
    *end++ = '[';
    for (int i = 0; i < count; i++) {
        if (i > 0) *end++ = ',';
        size_t n = strlen(items[i]);
        memcpy(end, items[i], n);
        end += n;
    }
    *end++ = ']';
    *end = '\0';
    return array;
}

static int no_memory(void) {
    set_error("out of memory");
    return CXL_ERROR_SHIM;
}

// MARK: host

int cxl_version_info_json(cxl_ctx *handle, char **json) {
    cxl_clear_error();
    const libxl_version_info *info = xl.libxl_get_version_info(handle->ctx);
    if (!info) return ERROR_FAIL;
    *json = xl.libxl_version_info_to_json(handle->ctx, (libxl_version_info *)info);
    return *json ? 0 : no_memory();
}

int cxl_physinfo_json(cxl_ctx *handle, char **json) {
    cxl_clear_error();
    libxl_physinfo info;
    xl.libxl_physinfo_init(&info);
    int rc = xl.libxl_get_physinfo(handle->ctx, &info);
    if (rc == 0) {
        *json = xl.libxl_physinfo_to_json(handle->ctx, &info);
        if (!*json) rc = no_memory();
    }
    xl.libxl_physinfo_dispose(&info);
    return rc;
}

int cxl_max_cpus(cxl_ctx *handle) {
    cxl_clear_error();
    return xl.libxl_get_max_cpus(handle->ctx);
}

// MARK: domains

int cxl_domain_list_json(cxl_ctx *handle, char **json) {
    cxl_clear_error();
    int count = 0;
    libxl_dominfo *list = xl.libxl_list_domain(handle->ctx, &count);
    if (!list) return ERROR_FAIL;
    char **items = calloc(count > 0 ? (size_t)count : 1, sizeof *items);
    int rc = items ? 0 : no_memory();
    for (int i = 0; rc == 0 && i < count; i++) {
        if (!(items[i] = xl.libxl_dominfo_to_json(handle->ctx, &list[i]))) rc = no_memory();
    }
    if (rc == 0 && !(*json = json_array(items, count))) rc = no_memory();
    for (int i = 0; items && i < count; i++) free(items[i]);
    free(items);
    xl.libxl_dominfo_list_free(list, count);
    return rc;
}

int cxl_domain_info_json(cxl_ctx *handle, uint32_t domid, char **json) {
    cxl_clear_error();
    libxl_dominfo info;
    xl.libxl_dominfo_init(&info);
    int rc = xl.libxl_domain_info(handle->ctx, &info, domid);
    if (rc == 0 && !(*json = xl.libxl_dominfo_to_json(handle->ctx, &info))) rc = no_memory();
    xl.libxl_dominfo_dispose(&info);
    return rc;
}

char *cxl_domain_name(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_domid_to_name(handle->ctx, domid);
}

int cxl_domain_create(cxl_ctx *handle, const char *config_json, uint32_t *domid) {
    cxl_clear_error();
    libxl_domain_config config;
    xl.libxl_domain_config_init(&config);
    int rc = xl.libxl_domain_config_from_json(handle->ctx, &config, config_json);
    if (rc == 0) rc = xl.libxl_domain_create_new(handle->ctx, &config, domid, NULL, NULL);
    xl.libxl_domain_config_dispose(&config);
    return rc;
}

int cxl_domain_restore(cxl_ctx *handle, const char *config_json, int fd, uint32_t *domid) {
    cxl_clear_error();
    libxl_domain_config config;
    libxl_domain_restore_params params;
    xl.libxl_domain_config_init(&config);
    xl.libxl_domain_restore_params_init(&params);
    params.stream_version = 2;
    int rc = xl.libxl_domain_config_from_json(handle->ctx, &config, config_json);
    if (rc == 0) rc = xl.libxl_domain_create_restore(handle->ctx, &config, domid, fd, -1, &params, NULL, NULL);
    xl.libxl_domain_restore_params_dispose(&params);
    xl.libxl_domain_config_dispose(&config);
    return rc;
}

int cxl_domain_suspend(cxl_ctx *handle, uint32_t domid, int fd) {
    cxl_clear_error();
    return xl.libxl_domain_suspend(handle->ctx, domid, fd, 0, NULL);
}

int cxl_domain_resume_suspended(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_domain_resume(handle->ctx, domid, 1, NULL);
}

int cxl_domain_pause(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_domain_pause(handle->ctx, domid, NULL);
}

int cxl_domain_unpause(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_domain_unpause(handle->ctx, domid, NULL);
}

int cxl_domain_shutdown(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_domain_shutdown(handle->ctx, domid, NULL);
}

int cxl_domain_reboot(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_domain_reboot(handle->ctx, domid, NULL);
}

int cxl_domain_power_button(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_send_trigger(handle->ctx, domid, LIBXL_TRIGGER_POWER, 0, NULL);
}

int cxl_domain_destroy(cxl_ctx *handle, uint32_t domid) {
    cxl_clear_error();
    return xl.libxl_domain_destroy(handle->ctx, domid, NULL);
}

int cxl_set_memory_target(cxl_ctx *handle, uint32_t domid, uint64_t kib) {
    cxl_clear_error();
    return xl.libxl_set_memory_target(handle->ctx, domid, (int64_t)kib, 0, 1);
}

int cxl_set_max_memory(cxl_ctx *handle, uint32_t domid, uint64_t kib) {
    cxl_clear_error();
    return xl.libxl_domain_setmaxmem(handle->ctx, domid, kib);
}

int cxl_set_vcpus_online(cxl_ctx *handle, uint32_t domid, const uint8_t *map, uint32_t length) {
    cxl_clear_error();
    libxl_bitmap bitmap = {.size = length, .map = (uint8_t *)map};
    return xl.libxl_set_vcpuonline(handle->ctx, domid, &bitmap, NULL);
}

int cxl_set_vcpu_affinity(cxl_ctx *handle, uint32_t domid, uint32_t vcpu, const uint8_t *map, uint32_t length) {
    cxl_clear_error();
    libxl_bitmap bitmap = {.size = length, .map = (uint8_t *)map};
    return xl.libxl_set_vcpuaffinity(handle->ctx, domid, vcpu, &bitmap, NULL);
}

int cxl_vcpu_list_json(cxl_ctx *handle, uint32_t domid, char **json) {
    cxl_clear_error();
    int count = 0, host_cpus = 0;
    libxl_vcpuinfo *list = xl.libxl_list_vcpu(handle->ctx, domid, &count, &host_cpus);
    if (!list) return ERROR_FAIL;
    char **items = calloc(count > 0 ? (size_t)count : 1, sizeof *items);
    int rc = items ? 0 : no_memory();
    for (int i = 0; rc == 0 && i < count; i++) {
        if (!(items[i] = xl.libxl_vcpuinfo_to_json(handle->ctx, &list[i]))) rc = no_memory();
    }
    if (rc == 0 && !(*json = json_array(items, count))) rc = no_memory();
    for (int i = 0; items && i < count; i++) free(items[i]);
    free(items);
    xl.libxl_vcpuinfo_list_free(list, count);
    return rc;
}

int cxl_console_tty(cxl_ctx *handle, uint32_t domid, int number, int serial, char **path) {
    cxl_clear_error();
    return xl.libxl_console_get_tty(handle->ctx, domid, number,
                                    serial ? LIBXL_CONSOLE_TYPE_SERIAL : LIBXL_CONSOLE_TYPE_PV, path);
}
