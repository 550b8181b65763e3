/* xen:/// through libvirt's seed C API (libvirt 0.1), run in the lab's dom0 against SwiftVirt's libvirt.so:
 * what a C client of the seed would do with a PV guest, including the seed's NULL-domain calls on
 * Domain-0; then the life of a defined (persistent) domain. The guest's console proves pause, resume,
 * restore and reboot.
 * Usage: xen_capi XML-FILE DEFINE-XML-FILE SAVE-FILE CONSOLE-LOG
 * Prints XLRESULT/XLCHECK lines (scripts/xen-lab/dom0/xenlab.sh's format); exits 1 if anything failed. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failures = 0;

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void result(const char *name, int ok, long started) {
    printf("XLRESULT capi.%s rc=%d ms=%ld\n", name, ok ? 0 : 1, now_ms() - started);
    if (!ok) {
        virErrorPtr error = virGetLastError();
        printf("XLINFO capi.%s error: %s\n", name, error && error->message ? error->message : "(none)");
        failures++;
    }
    fflush(stdout);
}

static void check(const char *name, int ok, const char *detail) {
    printf("XLCHECK capi.%s %s %s\n", name, ok ? "ok" : "FAIL", detail);
    fflush(stdout);
    if (!ok) failures++;
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    size_t size = 1 << 20, n;
    char *text = calloc(1, size);
    n = fread(text, 1, size - 1, f);
    text[n] = 0;
    fclose(f);
    return text;
}

/* The last "XENLAB-TICK n" on the console, or -1; how many times the guest said it was ready. */
static int last_tick(const char *console) {
    char *text = read_file(console), *p, *found = NULL;
    if (!text) return -1;
    for (p = text; (p = strstr(p, "XENLAB-TICK ")); p++) found = p;
    int tick = found ? atoi(found + strlen("XENLAB-TICK ")) : -1;
    free(text);
    return tick;
}

static int ready_count(const char *console) {
    char *text = read_file(console), *p;
    int count = 0;
    if (!text) return 0;
    for (p = text; (p = strstr(p, "XENLAB-GUEST-READY")); p++) count++;
    free(text);
    return count;
}

static unsigned char state_of(virDomainPtr dom) {
    virDomainInfo info;
    return virDomainGetInfo(dom, &info) == 0 ? info.state : 0;
}

int main(int argc, char **argv) {
    if (argc != 5) return 2;
    char *xml = read_file(argv[1]), *define_xml = read_file(argv[2]);
    const char *image = argv[3], *console = argv[4];
    char detail[512];
    long t;
    if (!xml || !define_xml) return 2;
    virSetErrorFunc(NULL, NULL);

    t = now_ms();
    virConnectPtr conn = virConnectOpen("xen:///system");
    result("open", conn != NULL, t);
    if (!conn) return 1;
    check("type", strcmp(virConnectGetType(conn), "Xen") == 0, virConnectGetType(conn));
    int ids[16];
    int count = virConnectListDomains(conn, ids, 16);
    snprintf(detail, sizeof detail, "%d domain(s), first id %d", count, count > 0 ? ids[0] : -1);
    check("domain0-listed", count >= 1 && ids[0] == 0, detail);

    /* The seed's NULL domain: Domain-0, with one xen:/// connection open. */
    unsigned long dom0_max = virDomainGetMaxMemory(NULL);
    snprintf(detail, sizeof detail, "virDomainGetMaxMemory(NULL) = %lu KiB", dom0_max);
    check("null-is-domain0-maxmem", dom0_max == 524288, detail);
    virNodeInfo node;
    if (virNodeGetInfo(conn, &node) < 0) failures++;
    int maplen = VIR_CPU_MAPLEN(VIR_NODEINFO_MAXCPUS(node));
    virVcpuInfo dom0_vcpus[4];
    unsigned char *dom0_maps = calloc(4, maplen);
    int dom0_n = virDomainGetVcpus(NULL, dom0_vcpus, 4, dom0_maps, maplen);
    snprintf(detail, sizeof detail, "%d vCPU(s), vCPU 0 on pCPU 0 only: %d", dom0_n,
             dom0_n > 0 && VIR_CPU_USABLE(dom0_maps, maplen, 0, 0) && !VIR_CPU_USABLE(dom0_maps, maplen, 0, 1));
    check("null-is-domain0-vcpus", dom0_n == 1, detail);
    t = now_ms();
    result("null-setmem-domain0", virDomainSetMemory(NULL, 524288) == 0, t);

    /* Created paused (VIR_DOMAIN_START_PAUSED) and pinned to pCPU 1 before it runs: guest vCPUs never share
     * dom0's pCPU 0 in the lab (docs/xen-lab.md). */
    t = now_ms();
    virDomainPtr dom = virDomainCreateLinux(conn, xml, 1);
    result("create-paused", dom != NULL, t);
    if (!dom) return 1;
    const char *name = virDomainGetName(dom);
    check("created-paused", state_of(dom) == VIR_DOMAIN_PAUSED, name);
    unsigned char *map = calloc(1, maplen);
    VIR_USE_CPU(map, 1);
    t = now_ms();
    result("pin", virDomainPinVcpu(dom, 0, map, maplen) == 0 && virDomainPinVcpu(dom, 1, map, maplen) == 0, t);
    virVcpuInfo vcpus[4];
    unsigned char *maps = calloc(4, maplen);
    int n = virDomainGetVcpus(dom, vcpus, 4, maps, maplen);
    snprintf(detail, sizeof detail, "%d vCPU(s); vCPU 0 may use pCPU 0: %d, pCPU 1: %d; vCPU 1: %d, %d", n,
             n > 0 && VIR_CPU_USABLE(maps, maplen, 0, 0), n > 0 && VIR_CPU_USABLE(maps, maplen, 0, 1),
             n > 1 && VIR_CPU_USABLE(maps, maplen, 1, 0), n > 1 && VIR_CPU_USABLE(maps, maplen, 1, 1));
    check("pinned", n == 2 && !VIR_CPU_USABLE(maps, maplen, 0, 0) && VIR_CPU_USABLE(maps, maplen, 0, 1) &&
          !VIR_CPU_USABLE(maps, maplen, 1, 0) && VIR_CPU_USABLE(maps, maplen, 1, 1), detail);
    t = now_ms();
    result("start-running", virDomainResume(dom) == 0, t);
    t = now_ms();
    for (int i = 0; i < 1200 && ready_count(console) < 1; i++) usleep(100000);
    result("boot-to-ready", ready_count(console) >= 1, t);
    check("running", state_of(dom) == VIR_DOMAIN_RUNNING, name);

    t = now_ms();
    result("suspend", virDomainSuspend(dom) == 0, t);
    check("paused", state_of(dom) == VIR_DOMAIN_PAUSED, "");
    sleep(1);
    int before = last_tick(console);
    sleep(3);
    int after = last_tick(console);
    snprintf(detail, sizeof detail, "tick %d -> %d over 3 s", before, after);
    check("ticks-stopped", before >= 0 && before == after, detail);
    t = now_ms();
    result("resume", virDomainResume(dom) == 0, t);
    for (int i = 0; i < 150 && last_tick(console) <= after; i++) usleep(100000);
    snprintf(detail, sizeof detail, "tick %d -> %d", after, last_tick(console));
    check("ticks-resumed", last_tick(console) > after, detail);

    t = now_ms();
    result("setmem", virDomainSetMemory(dom, 98304) == 0, t);
    virDomainInfo info;
    for (int i = 0; i < 300; i++) {
        if (virDomainGetInfo(dom, &info) == 0 && info.memory == 98304) break;
        usleep(100000);
    }
    snprintf(detail, sizeof detail, "memory %lu KiB, max %lu KiB", info.memory, info.maxMem);
    check("ballooned", info.memory == 98304, detail);

    before = last_tick(console);
    t = now_ms();
    result("save", virDomainSave(dom, image) == 0, t);
    check("gone-after-save", virDomainLookupByName(conn, name) == NULL, "");
    t = now_ms();
    result("restore", virDomainRestore(conn, image) == 0, t);
    unlink(image);
    virDomainPtr again = virDomainLookupByName(conn, name);
    for (int i = 0; i < 150 && last_tick(console) <= before; i++) usleep(100000);
    snprintf(detail, sizeof detail, "tick %d -> %d", before, last_tick(console));
    check("ticks-after-restore", again && last_tick(console) > before, detail);

    if (!again) return 1;

    /* vCPUs within the maximum: Xen marks them (un)available; the count follows. */
    t = now_ms();
    result("setvcpus-1", virDomainSetVcpus(again, 1) == 0, t);
    for (int i = 0; i < 150 && !(virDomainGetInfo(again, &info) == 0 && info.nrVirtCpu == 1); i++) usleep(100000);
    snprintf(detail, sizeof detail, "%u vCPU(s)", info.nrVirtCpu);
    check("vcpus-1", info.nrVirtCpu == 1, detail);
    t = now_ms();
    result("setvcpus-2", virDomainSetVcpus(again, 2) == 0, t);
    check("vcpus-2", virDomainGetInfo(again, &info) == 0 && info.nrVirtCpu == 2, "");

    /* Reboot: the guest shuts down for a reboot and the domain is built again (a new id), booting anew. */
    int readies = ready_count(console), old_id = (int)virDomainGetID(again);
    t = now_ms();
    result("reboot", virDomainReboot(again, 0) == 0, t);
    t = now_ms();
    for (int i = 0; i < 1200 && ready_count(console) <= readies; i++) usleep(100000);
    result("reboot-to-ready", ready_count(console) > readies, t);
    virDomainPtr rebooted = virDomainLookupByName(conn, name);
    int new_id = rebooted ? (int)virDomainGetID(rebooted) : -1;
    snprintf(detail, sizeof detail, "id %d -> %d", old_id, new_id);
    check("rebuilt", new_id > old_id, detail);

    /* Shutdown asks the guest (its power button); a transient domain is gone once it has powered off. */
    t = now_ms();
    result("shutdown", rebooted && virDomainShutdown(rebooted) == 0, t);
    t = now_ms();
    virDomainPtr left = NULL;
    for (int i = 0; i < 600; i++) {
        if (!(left = virDomainLookupByName(conn, name))) break;
        virDomainFree(left);
        usleep(100000);
    }
    result("shutdown-gone", left == NULL, t);
    if (rebooted) virDomainFree(rebooted);
    virDomainFree(again);
    virDomainFree(dom);

    /* A defined domain: listed as defined, started, destroyed back to shut off, undefined. */
    t = now_ms();
    virDomainPtr def = virDomainDefineXML(conn, define_xml);
    result("define", def != NULL, t);
    if (!def) return 1;
    const char *def_name = virDomainGetName(def);
    char *names[16];
    int defined = virConnectListDefinedDomains(conn, names, 16), listed = 0;
    for (int i = 0; i < defined; i++) {
        listed |= strcmp(names[i], def_name) == 0;
        free(names[i]);
    }
    snprintf(detail, sizeof detail, "%d defined", defined);
    check("listed-defined", listed, detail);
    t = now_ms();
    result("start", virDomainCreate(def) == 0, t);
    snprintf(detail, sizeof detail, "id %d", (int)virDomainGetID(def));
    check("def-running", state_of(def) == VIR_DOMAIN_RUNNING && (int)virDomainGetID(def) > 0, detail);
    t = now_ms();
    result("destroy", virDomainDestroy(def) == 0, t);
    check("shut-off", state_of(def) == VIR_DOMAIN_SHUTOFF && virDomainGetID(def) == (unsigned int)-1, "");
    t = now_ms();
    result("undefine", virDomainUndefine(def) == 0, t);
    check("undefined", virDomainLookupByName(conn, def_name) == NULL, "");
    virDomainFree(def);
    virConnectClose(conn);
    /* Without a xen:/// connection, NULL is an invalid domain again, as in libvirt 9.0. */
    check("null-without-xen", virDomainGetMaxMemory(NULL) == 0 && virGetLastError() &&
          virGetLastError()->code == VIR_ERR_INVALID_DOMAIN, "");
    free(xml);
    free(define_xml);
    free(map);
    free(maps);
    free(dom0_maps);
    return failures == 0 ? 0 : 1;
}
