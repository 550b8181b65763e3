/*
 * capi-bench.c: the cost of C API calls on test:///default, in nanoseconds per call (best of 5 runs of
 * N calls each). Built by scripts/bench-capi.sh against SwiftVirt's libvirt.so and against Debian's
 * libvirt 9.0, with the same source. Prints "<call> <ns>" lines.
 * Usage: capi-bench [N]   (default 200000)
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static virConnectPtr conn;
static virDomainPtr dom;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static void quiet(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
}

static int get_info(void)
{
    virDomainInfo info;
    return virDomainGetInfo(dom, &info);
}

static int get_id(void)
{
    return (int)virDomainGetID(dom);
}

static int num_domains(void)
{
    return virConnectNumOfDomains(conn);
}

static int lookup_and_free(void)
{
    return virDomainFree(virDomainLookupByName(conn, "test"));
}

static int failed_lookup(void)
{
    return virDomainLookupByName(conn, "nosuch") == NULL ? 0 : -1;
}

static int xml_desc(void)
{
    char *xml = virDomainGetXMLDesc(dom, 0);
    free(xml);
    return xml ? 0 : -1;
}

static void measure(const char *name, int (*call)(void), long count)
{
    double best = 0;
    for (int run = 0; run < 5; run++) {
        double start = now();
        for (long i = 0; i < count; i++) {
            if (call() < 0) {
                fprintf(stderr, "%s failed\n", name);
                exit(1);
            }
        }
        double perCall = (now() - start) / count;
        if (run == 0 || perCall < best)
            best = perCall;
    }
    printf("%s %.0f\n", name, best);
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 200000;
    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");
    dom = conn ? virDomainLookupByName(conn, "test") : NULL;
    if (!dom) {
        fprintf(stderr, "cannot open test:///default\n");
        return 1;
    }
    measure("virDomainGetInfo", get_info, count);
    measure("virDomainGetID", get_id, count);
    measure("virConnectNumOfDomains", num_domains, count);
    measure("virDomainLookupByName+virDomainFree", lookup_and_free, count);
    measure("virDomainLookupByName(missing)", failed_lookup, count);
    measure("virDomainGetXMLDesc", xml_desc, count / 10);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
