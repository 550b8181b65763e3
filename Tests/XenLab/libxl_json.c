/* Prints what libxenlight reports, as the JSON SwiftVirt's xen:/// driver decodes, through the same shim
 * (Sources/CXenLight, dlopen'ed libxenlight). Run in the lab's dom0; its output becomes the host-side
 * test fixtures (Tests/VirtXenTests/Fixtures/libxl/).
 * Usage: libxl_json version|physinfo|domains|domain ID|vcpus ID
 * Build: gcc -O2 -o libxl_json libxl_json.c Sources/CXenLight/cxenlight.c -I Sources/CXenLight/include */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxenlight.h"

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    if (cxl_load("libxenlight.so.4.17") != 0) {
        fprintf(stderr, "load: %s\n", cxl_last_error());
        return 1;
    }
    cxl_ctx *ctx = cxl_ctx_open(NULL, 8);
    if (!ctx) {
        fprintf(stderr, "context: %s\n", cxl_last_error());
        return 1;
    }
    uint32_t id = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 10) : 0;
    char *json = NULL;
    int rc;
    if (strcmp(argv[1], "version") == 0) rc = cxl_version_info_json(ctx, &json);
    else if (strcmp(argv[1], "physinfo") == 0) rc = cxl_physinfo_json(ctx, &json);
    else if (strcmp(argv[1], "domains") == 0) rc = cxl_domain_list_json(ctx, &json);
    else if (strcmp(argv[1], "domain") == 0) rc = cxl_domain_info_json(ctx, id, &json);
    else if (strcmp(argv[1], "vcpus") == 0) rc = cxl_vcpu_list_json(ctx, id, &json);
    else return 2;
    if (rc != 0) {
        fprintf(stderr, "%s: rc=%d %s\n", argv[1], rc, cxl_last_error());
    } else {
        printf("%s\n", json);
    }
    cxl_free(json);
    cxl_ctx_close(ctx);
    return rc == 0 ? 0 : 1;
}
