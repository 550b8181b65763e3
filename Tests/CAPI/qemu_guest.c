/* The seed's C API on a real QEMU guest (qemu:///embed?root=...): what a C client of libvirt 0.1 would do.
 * Usage: qemu_guest URI XML-FILE SAVE-FILE. Prints one line per step; exits 1 at the first failure. */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void fail(const char *what) {
    virErrorPtr error = virGetLastError();
    printf("FAIL %s: %s\n", what, error && error->message ? error->message : "(no error)");
    exit(1);
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    char *text = calloc(1, 65536);
    size_t n = fread(text, 1, 65535, f);
    text[n] = 0;
    fclose(f);
    return text;
}

static unsigned char state_of(virDomainPtr dom) {
    virDomainInfo info;
    if (virDomainGetInfo(dom, &info) < 0) fail("virDomainGetInfo");
    return info.state;
}

int main(int argc, char **argv) {
    if (argc != 4) return 2;
    char *xml = read_file(argv[2]);
    if (!xml) return 2;
    virSetErrorFunc(NULL, NULL);
    virConnectPtr conn = virConnectOpen(argv[1]);
    if (!conn) fail("virConnectOpen");
    printf("type %s\n", virConnectGetType(conn));

    virDomainPtr dom = virDomainCreateLinux(conn, xml, 0);
    if (!dom) fail("virDomainCreateLinux");
    printf("created %s id>0 %d\n", virDomainGetName(dom), virDomainGetID(dom) > 0);
    printf("running %d\n", state_of(dom) == VIR_DOMAIN_RUNNING);
    printf("domains %d\n", virConnectNumOfDomains(conn));

    if (virDomainSuspend(dom) < 0) fail("virDomainSuspend");
    printf("paused %d\n", state_of(dom) == VIR_DOMAIN_PAUSED);
    if (virDomainResume(dom) < 0) fail("virDomainResume");
    printf("resumed %d\n", state_of(dom) == VIR_DOMAIN_RUNNING);

    if (virDomainSetMemory(dom, 131072) < 0) fail("virDomainSetMemory");
    /* The guest applies the balloon target once its virtio-balloon module is loaded: under TCG on a busy
     * 2-core CI host that can take tens of seconds, so wait up to a minute. */
    virDomainInfo info;
    for (int i = 0; i < 1200; i++) {
        if (virDomainGetInfo(dom, &info) < 0) fail("virDomainGetInfo");
        if (info.memory == 131072) break;
        usleep(50000);
    }
    printf("ballooned %d\n", info.memory == 131072);

    if (virDomainSetVcpus(dom, 2) < 0) fail("virDomainSetVcpus");
    virNodeInfo node;
    if (virNodeGetInfo(conn, &node) < 0) fail("virNodeGetInfo");
    int maplen = VIR_CPU_MAPLEN(VIR_NODEINFO_MAXCPUS(node));
    unsigned char *map = calloc(1, maplen);
    VIR_USE_CPU(map, 0);
    if (virDomainPinVcpu(dom, 1, map, maplen) < 0) fail("virDomainPinVcpu");
    virVcpuInfo vcpus[4];
    unsigned char *maps = calloc(4, maplen);
    int n = virDomainGetVcpus(dom, vcpus, 4, maps, maplen);
    if (n < 0) fail("virDomainGetVcpus");
    printf("vcpus %d pinned %d usable1 %d\n", n, VIR_CPU_USABLE(maps, maplen, 1, 0) != 0,
           n > 1 && node.cpus > 1 ? VIR_CPU_USABLE(maps, maplen, 1, 1) != 0 : 0);

    /* What a monitoring program reads: every running domain's groups in one call, and a disk's counters
     * as typed parameters (the guest has no disk: all disks summed are zeros, a named one is refused). */
    virDomainStatsRecordPtr *records = NULL;
    int count = virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL |
                                            VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_VCPU, &records,
                                            VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
    if (count < 0) fail("virConnectGetAllDomainStats");
    int state = -1;
    unsigned int vcpu_current = 0;
    unsigned long long balloon = 0, cpu_time = 0;
    virTypedParamsGetInt(records[0]->params, records[0]->nparams, "state.state", &state);
    virTypedParamsGetULLong(records[0]->params, records[0]->nparams, "balloon.current", &balloon);
    virTypedParamsGetUInt(records[0]->params, records[0]->nparams, "vcpu.current", &vcpu_current);
    virTypedParamsGetULLong(records[0]->params, records[0]->nparams, "cpu.time", &cpu_time);
    printf("stats %d %s state %d balloon %llu vcpus %u cpu>0 %d\n", count, virDomainGetName(records[0]->dom), state,
           balloon, vcpu_current, cpu_time > 0);
    virDomainStatsRecordListFree(records);
    virTypedParameter params[16];
    int nparams = 0;
    if (virDomainBlockStatsFlags(dom, "", NULL, &nparams, 0) < 0) fail("virDomainBlockStatsFlags count");
    int counted = nparams;
    nparams = 16;
    if (virDomainBlockStatsFlags(dom, "", params, &nparams, 0) < 0) fail("virDomainBlockStatsFlags");
    long long rd_bytes = -1;
    printf("block stats %d %d rd_bytes found %d", counted, nparams,
           virTypedParamsGetLLong(params, nparams, VIR_DOMAIN_BLOCK_STATS_READ_BYTES, &rd_bytes));
    printf(" = %lld; vda %d", rd_bytes, virDomainBlockStatsFlags(dom, "vda", params, &nparams, 0));
    printf(" %s\n", virGetLastErrorMessage());

    if (virDomainSave(dom, argv[3]) < 0) fail("virDomainSave");
    printf("saved, domains %d\n", virConnectNumOfDomains(conn));
    if (virDomainRestore(conn, argv[3]) < 0) fail("virDomainRestore");
    virDomainPtr again = virDomainLookupByName(conn, virDomainGetName(dom));
    if (!again) fail("virDomainLookupByName");
    printf("restored %d\n", state_of(again) == VIR_DOMAIN_RUNNING);
    char *os = virDomainGetOSType(again);
    printf("os %s maxmem %lu\n", os, virDomainGetMaxMemory(again));
    free(os);

    if (virDomainDestroy(again) < 0) fail("virDomainDestroy");
    printf("destroyed, domains %d\n", virConnectNumOfDomains(conn));
    virDomainFree(again);
    virDomainFree(dom);
    free(map);
    free(maps);
    free(xml);
    printf("close %d\n", virConnectClose(conn));
    return 0;
}
