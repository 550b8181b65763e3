/*
 * statistics.c: virDomainBlockStats, virDomainInterfaceStats and virDomainMemoryStats on test:///default
 * (or SEED_URI, through a daemon), one line per fact, with every error's fields.
 *
 * Built against SwiftVirt and against Debian's libvirt 9.0; CAPITests requires identical output. The test
 * driver makes its disk and interface counters from the wall clock, so those are printed by sign and by
 * how they compare with each other (which the driver fixes), never by value.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include "report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *sign(long long value)
{
    return value < 0 ? "-1" : value == 0 ? "0" : "positive";
}

static void block(virDomainPtr dom, const char *disk, size_t size)
{
    virDomainBlockStatsStruct stats;
    char label[128];
    memset(&stats, 0x55, sizeof(stats));
    snprintf(label, sizeof(label), "virDomainBlockStats(%s, size %zu)", S(disk), size);
    show(label, virDomainBlockStats(dom, disk, &stats, size));
    printf("  rd_req=%s rd_bytes=%s wr_req=%s wr_bytes=%s errs=%s\n", sign(stats.rd_req), sign(stats.rd_bytes),
           sign(stats.wr_req), sign(stats.wr_bytes), sign(stats.errs));
    printf("  rd_req>rd_bytes>wr_req>wr_bytes: %d\n",
           stats.rd_req > stats.rd_bytes && stats.rd_bytes > stats.wr_req && stats.wr_req > stats.wr_bytes);
}

static void interface(virDomainPtr dom, const char *device, size_t size)
{
    virDomainInterfaceStatsStruct stats;
    char label[128];
    memset(&stats, 0x55, sizeof(stats));
    snprintf(label, sizeof(label), "virDomainInterfaceStats(%s, size %zu)", S(device), size);
    show(label, virDomainInterfaceStats(dom, device, &stats, size));
    printf("  rx_bytes=%s rx_packets=%s rx_errs=%s rx_drop=%s\n", sign(stats.rx_bytes), sign(stats.rx_packets),
           sign(stats.rx_errs), sign(stats.rx_drop));
    printf("  tx_bytes=%s tx_packets=%s tx_errs=%s tx_drop=%s\n", sign(stats.tx_bytes), sign(stats.tx_packets),
           sign(stats.tx_errs), sign(stats.tx_drop));
    printf("  rx_bytes>tx_bytes>rx_packets: %d\n",
           stats.rx_bytes > stats.tx_bytes && stats.tx_bytes > stats.rx_packets);
}

static void memory(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int count, unsigned int flags)
{
    virDomainMemoryStatStruct list[VIR_DOMAIN_MEMORY_STAT_NR + 4];
    char label[128];
    int rc, i;
    if (stats)
        stats = list;
    memset(list, 0, sizeof(list));
    snprintf(label, sizeof(label), "virDomainMemoryStats(%s, %u, 0x%x)", stats ? "array" : "NULL", count, flags);
    rc = virDomainMemoryStats(dom, stats, count, flags);
    show(label, rc);
    for (i = 0; i < rc; i++)
        printf("  tag %d = %llu\n", list[i].tag, list[i].val);
}

int main(void)
{
    const char *uri = getenv("SEED_URI") ? getenv("SEED_URI") : "test:///default";
    virDomainMemoryStatStruct array;
    virConnectPtr conn;
    virDomainPtr dom;
    virDomainBlockStatsStruct some;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen(uri);
    if (!conn) {
        show("virConnectOpen", -1);
        return 1;
    }
    dom = virDomainLookupByName(conn, "test");
    if (!dom) {
        show("virDomainLookupByName", -1);
        return 1;
    }

    block(dom, "vda", sizeof(virDomainBlockStatsStruct));
    block(dom, "/guest/diskimage1", sizeof(virDomainBlockStatsStruct));
    block(dom, "vda", 2 * sizeof(long long)); /* an older, shorter struct: the rest stays as it was */
    block(dom, "vda", sizeof(virDomainBlockStatsStruct) + 1);
    block(dom, "vdz", sizeof(virDomainBlockStatsStruct));
    block(dom, "", sizeof(virDomainBlockStatsStruct));
    block(dom, NULL, sizeof(virDomainBlockStatsStruct));
    show("virDomainBlockStats(stats NULL)", virDomainBlockStats(dom, "vda", NULL, sizeof(some)));
    show("virDomainBlockStats(domain NULL)", virDomainBlockStats(NULL, "vda", &some, sizeof(some)));

    interface(dom, "testnet0", sizeof(virDomainInterfaceStatsStruct));
    interface(dom, "aa:bb:cc:dd:ee:ff", sizeof(virDomainInterfaceStatsStruct));
    interface(dom, "testnet0", 3 * sizeof(long long));
    interface(dom, "testnet0", sizeof(virDomainInterfaceStatsStruct) + 8);
    interface(dom, "eth9", sizeof(virDomainInterfaceStatsStruct));
    interface(dom, NULL, sizeof(virDomainInterfaceStatsStruct));

    memory(dom, &array, VIR_DOMAIN_MEMORY_STAT_NR, 0);
    memory(dom, &array, VIR_DOMAIN_MEMORY_STAT_NR + 4, 0);
    memory(dom, &array, 3, 0);
    memory(dom, &array, 0, 0);
    memory(dom, NULL, 5, 0);
    memory(dom, &array, 5, 1);
    show("virDomainMemoryStats(domain NULL)", virDomainMemoryStats(NULL, &array, 1, 0));

    show("virDomainDestroy", virDomainDestroy(dom));
    block(dom, "vda", sizeof(virDomainBlockStatsStruct));
    interface(dom, "testnet0", sizeof(virDomainInterfaceStatsStruct));
    memory(dom, &array, VIR_DOMAIN_MEMORY_STAT_NR, 0);

    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}
