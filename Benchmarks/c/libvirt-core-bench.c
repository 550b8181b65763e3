/* The core benchmark's operations on libvirt itself (test:///default, in process), printed as
 * "<operation> <operations per second>" lines, the same lines SwiftVirt's CoreBench prints. */
#define _GNU_SOURCE
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void report(const char *name, long count, double seconds) {
    printf("%s %.0f\n", name, count / seconds);
}

static char *domain_xml(const char *name, int index) {
    char *xml = NULL;
    if (asprintf(&xml,
                 "<domain type='test'><name>%s%d</name><uuid>00000000-0000-4000-8000-%012d</uuid>"
                 "<memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type>hvm</type></os>"
                 "<devices><disk type='file' device='disk'><source file='/var/lib/x%d.img'/>"
                 "<target dev='vda' bus='virtio'/></disk></devices></domain>",
                 name, index, index, index) < 0)
        abort();
    return xml;
}

static void silent(void *data, virErrorPtr error) { (void)data; (void)error; }

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    long defined = argc > 2 ? atol(argv[2]) : 10000;
    const char *full_xml_path = argc > 3 ? argv[3] : NULL;
    virSetErrorFunc(NULL, silent);
    virConnectPtr conn = virConnectOpen("test:///default");
    if (!conn) return 1;
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainGetUUID(dom, uuid);

    double t = now();
    for (long i = 0; i < n; i++) virDomainFree(virDomainLookupByName(conn, "test"));
    report("lookup-by-name", n, now() - t);

    t = now();
    for (long i = 0; i < n; i++) virDomainFree(virDomainLookupByUUID(conn, uuid));
    report("lookup-by-uuid", n, now() - t);

    virDomainInfo info;
    t = now();
    for (long i = 0; i < n; i++) virDomainGetInfo(dom, &info);
    report("get-info", n, now() - t);

    long cycles = n / 10;
    char *xml = domain_xml("cycle", 1);
    t = now();
    for (long i = 0; i < cycles; i++) {
        virDomainPtr d = virDomainDefineXML(conn, xml);
        virDomainUndefine(d);
        virDomainFree(d);
    }
    report("define+undefine", cycles, now() - t);
    free(xml);

    if (full_xml_path) {
        FILE *f = fopen(full_xml_path, "r");
        char *full = calloc(1, 1 << 20);
        size_t len = fread(full, 1, (1 << 20) - 1, f);
        full[len] = 0;
        fclose(f);
        virDomainPtr d = virDomainDefineXML(conn, full);
        t = now();
        for (long i = 0; i < cycles; i++) virDomainFree(virDomainDefineXML(conn, full));
        report("define-full-xml", cycles, now() - t);
        t = now();
        for (long i = 0; i < cycles; i++) free(virDomainGetXMLDesc(d, 0));
        report("dumpxml-full-xml", cycles, now() - t);
        virDomainUndefine(d);
        virDomainFree(d);
        free(full);
    }

    for (long i = 0; i < defined; i++) {
        char *x = domain_xml("many", (int)i);
        virDomainFree(virDomainDefineXML(conn, x));
        free(x);
    }
    long lists = 20;
    t = now();
    for (long i = 0; i < lists; i++) {
        virDomainPtr *domains = NULL;
        int count = virConnectListAllDomains(conn, &domains, 0);
        for (int j = 0; j < count; j++) virDomainFree(domains[j]);
        free(domains);
    }
    report("list-all-10k", lists, now() - t);
    char **names = calloc(defined + 1, sizeof(char *));
    t = now();
    for (long i = 0; i < lists; i++) {
        int count = virConnectListDefinedDomains(conn, names, (int)defined + 1);
        for (int j = 0; j < count; j++) free(names[j]);
    }
    report("list-defined-10k", lists, now() - t);
    char middle[64];
    snprintf(middle, sizeof(middle), "many%ld", defined / 2);
    t = now();
    for (long i = 0; i < n; i++) virDomainFree(virDomainLookupByName(conn, middle));
    report("lookup-by-name-10k", n, now() - t);
    free(names);
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
