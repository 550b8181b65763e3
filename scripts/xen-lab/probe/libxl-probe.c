/*
 * Lab self-check: libxenlight works from a process that is not xl, as SwiftVirt's xen:/// driver will
 * use it. Prints libxl's version info, the host's physinfo and every domain, one "LIBXL ..." line each.
 * Usage (in dom0): libxl-probe [DOMAIN_NAME_THAT_MUST_EXIST]
 * Build on the host: gcc -O2 -Wall -o libxl-probe libxl-probe.c -lxenlight -lxentoollog (libxen-dev).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxl.h>
#include <libxl_utils.h>
#include <xentoollog.h>

static void print_version(libxl_ctx *ctx)
{
    const libxl_version_info *v = libxl_get_version_info(ctx);
    if (v == NULL) {
        printf("LIBXL version unavailable\n");
        return;
    }
    printf("LIBXL version xen=%d.%d%s capabilities=%s\n",
           v->xen_version_major, v->xen_version_minor, v->xen_version_extra, v->capabilities);
}

static int print_physinfo(libxl_ctx *ctx)
{
    libxl_physinfo info;
    libxl_physinfo_init(&info);
    int rc = libxl_get_physinfo(ctx, &info);
    if (rc == 0) {
        printf("LIBXL physinfo nr_cpus=%" PRIu32 " total_mib=%" PRIu64 " free_mib=%" PRIu64
               " pv=%d hvm=%d hap=%d\n",
               info.nr_cpus, info.total_pages / 256, info.free_pages / 256,
               info.cap_pv, info.cap_hvm, info.cap_hap);
    }
    libxl_physinfo_dispose(&info);
    return rc;
}

/* Returns 1 if a domain named `wanted` (or nothing, if NULL) was listed, 0 if not, -1 on error. */
static int print_domains(libxl_ctx *ctx, const char *wanted)
{
    int count = 0, found = (wanted == NULL);
    libxl_dominfo *list = libxl_list_domain(ctx, &count);
    if (list == NULL)
        return -1;
    for (int i = 0; i < count; i++) {
        char *name = libxl_domid_to_name(ctx, list[i].domid);
        printf("LIBXL domain id=%" PRIu32 " name=%s mem_kib=%" PRIu64 " vcpus=%" PRIu32 " state=%s%s%s%s\n",
               list[i].domid, name ? name : "?", list[i].current_memkb, list[i].vcpu_online,
               list[i].running ? "r" : "-", list[i].blocked ? "b" : "-",
               list[i].paused ? "p" : "-", list[i].shutdown ? "s" : "-");
        if (wanted != NULL && name != NULL && strcmp(name, wanted) == 0)
            found = 1;
        free(name);
    }
    libxl_dominfo_list_free(list, count);
    return found;
}

int main(int argc, char **argv)
{
    const char *wanted = argc > 1 ? argv[1] : NULL;
    xentoollog_logger_stdiostream *logger = xtl_createlogger_stdiostream(stderr, XTL_ERROR, 0);
    libxl_ctx *ctx = NULL;

    if (logger == NULL || libxl_ctx_alloc(&ctx, LIBXL_VERSION, 0, (xentoollog_logger *)logger) != 0) {
        printf("LIBXL ctx_alloc failed\n");
        return 1;
    }
    print_version(ctx);
    int physinfo_rc = print_physinfo(ctx);
    int found = print_domains(ctx, wanted);
    libxl_ctx_free(ctx);
    xtl_logger_destroy((xentoollog_logger *)logger);

    if (physinfo_rc != 0 || found != 1) {
        printf("LIBXL FAIL physinfo_rc=%d domain_listed=%d\n", physinfo_rc, found);
        return 1;
    }
    printf("LIBXL ok\n");
    return 0;
}
