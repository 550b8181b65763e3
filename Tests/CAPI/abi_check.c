/*
 * abi_check.c: the ABI facts of libvirt.h and virterror.h, one per line: struct sizes and field offsets,
 * enum values, macro results. CAPITests builds it against SwiftVirt's headers and against Debian's
 * libvirt 9.0 and requires identical output. Built with -Wall -Wextra -Werror, it also proves every
 * declaration compiles cleanly.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define V(name) printf("%s = %lld\n", #name, (long long)(name))
#define SIZE(type) printf("sizeof(%s) = %zu, alignof = %zu\n", #type, sizeof(type), _Alignof(type))
#define FIELD(type, field) \
    printf("%s.%s: offset %zu size %zu\n", #type, #field, offsetof(type, field), sizeof(((type *)0)->field))

static void structs(void)
{
    SIZE(virNodeInfo);
    FIELD(virNodeInfo, model); FIELD(virNodeInfo, memory); FIELD(virNodeInfo, cpus); FIELD(virNodeInfo, mhz);
    FIELD(virNodeInfo, nodes); FIELD(virNodeInfo, sockets); FIELD(virNodeInfo, cores); FIELD(virNodeInfo, threads);
    SIZE(virDomainInfo);
    FIELD(virDomainInfo, state); FIELD(virDomainInfo, maxMem); FIELD(virDomainInfo, memory);
    FIELD(virDomainInfo, nrVirtCpu); FIELD(virDomainInfo, cpuTime);
    SIZE(virVcpuInfo);
    FIELD(virVcpuInfo, number); FIELD(virVcpuInfo, state); FIELD(virVcpuInfo, cpuTime); FIELD(virVcpuInfo, cpu);
    SIZE(virError);
    FIELD(virError, code); FIELD(virError, domain); FIELD(virError, message); FIELD(virError, level);
    FIELD(virError, str1); FIELD(virError, str2); FIELD(virError, str3); FIELD(virError, int1); FIELD(virError, int2);
    /* conn, dom and net are deprecated: their offsets follow from the others and the struct's size. */
    SIZE(virDomainState); SIZE(virVcpuState); SIZE(virDomainCreateFlags); SIZE(virErrorLevel);
    SIZE(virErrorDomain); SIZE(virErrorNumber);
    SIZE(virConnectPtr); SIZE(virDomainPtr); SIZE(virNodeInfoPtr); SIZE(virDomainInfoPtr); SIZE(virVcpuInfoPtr);
    SIZE(virErrorPtr); SIZE(virErrorFunc);
    SIZE(virDomainBlockStatsStruct);
    FIELD(virDomainBlockStatsStruct, rd_req); FIELD(virDomainBlockStatsStruct, rd_bytes);
    FIELD(virDomainBlockStatsStruct, wr_req); FIELD(virDomainBlockStatsStruct, wr_bytes);
    FIELD(virDomainBlockStatsStruct, errs);
    SIZE(virDomainInterfaceStatsStruct);
    FIELD(virDomainInterfaceStatsStruct, rx_bytes); FIELD(virDomainInterfaceStatsStruct, rx_packets);
    FIELD(virDomainInterfaceStatsStruct, rx_errs); FIELD(virDomainInterfaceStatsStruct, rx_drop);
    FIELD(virDomainInterfaceStatsStruct, tx_bytes); FIELD(virDomainInterfaceStatsStruct, tx_packets);
    FIELD(virDomainInterfaceStatsStruct, tx_errs); FIELD(virDomainInterfaceStatsStruct, tx_drop);
    SIZE(virDomainMemoryStatStruct);
    FIELD(virDomainMemoryStatStruct, tag); FIELD(virDomainMemoryStatStruct, val);
    SIZE(virDomainMemoryStatTags);
    SIZE(virDomainBlockStatsPtr); SIZE(virDomainInterfaceStatsPtr); SIZE(virDomainMemoryStatPtr);
    SIZE(virTypedParameter);
    FIELD(virTypedParameter, field); FIELD(virTypedParameter, type); FIELD(virTypedParameter, value);
    FIELD(virTypedParameter, value.i); FIELD(virTypedParameter, value.ui); FIELD(virTypedParameter, value.l);
    FIELD(virTypedParameter, value.ul); FIELD(virTypedParameter, value.d); FIELD(virTypedParameter, value.b);
    FIELD(virTypedParameter, value.s);
    SIZE(virTypedParameterPtr); SIZE(virTypedParameterType); SIZE(virTypedParameterFlags);
    SIZE(virDomainStatsRecord);
    FIELD(virDomainStatsRecord, dom); FIELD(virDomainStatsRecord, params); FIELD(virDomainStatsRecord, nparams);
    SIZE(virDomainStatsRecordPtr); SIZE(virDomainStatsTypes); SIZE(virConnectGetAllDomainStatsFlags);
}

static void enums(void)
{
    V(VIR_DOMAIN_NOSTATE); V(VIR_DOMAIN_RUNNING); V(VIR_DOMAIN_BLOCKED); V(VIR_DOMAIN_PAUSED);
    V(VIR_DOMAIN_SHUTDOWN); V(VIR_DOMAIN_SHUTOFF); V(VIR_DOMAIN_CRASHED); V(VIR_DOMAIN_PMSUSPENDED);
    V(VIR_VCPU_OFFLINE); V(VIR_VCPU_RUNNING); V(VIR_VCPU_BLOCKED);
    V(VIR_DOMAIN_MEMORY_STAT_SWAP_IN); V(VIR_DOMAIN_MEMORY_STAT_SWAP_OUT); V(VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT);
    V(VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT); V(VIR_DOMAIN_MEMORY_STAT_UNUSED); V(VIR_DOMAIN_MEMORY_STAT_AVAILABLE);
    V(VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON); V(VIR_DOMAIN_MEMORY_STAT_RSS); V(VIR_DOMAIN_MEMORY_STAT_USABLE);
    V(VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE); V(VIR_DOMAIN_MEMORY_STAT_DISK_CACHES);
    V(VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC); V(VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL);
    V(VIR_DOMAIN_MEMORY_STAT_NR);
    V(VIR_TYPED_PARAM_INT); V(VIR_TYPED_PARAM_UINT); V(VIR_TYPED_PARAM_LLONG); V(VIR_TYPED_PARAM_ULLONG);
    V(VIR_TYPED_PARAM_DOUBLE); V(VIR_TYPED_PARAM_BOOLEAN); V(VIR_TYPED_PARAM_STRING);
    V(VIR_TYPED_PARAM_STRING_OKAY); V(VIR_TYPED_PARAM_FIELD_LENGTH); V(VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH);
    V(VIR_DOMAIN_STATS_STATE); V(VIR_DOMAIN_STATS_CPU_TOTAL); V(VIR_DOMAIN_STATS_BALLOON); V(VIR_DOMAIN_STATS_VCPU);
    V(VIR_DOMAIN_STATS_INTERFACE); V(VIR_DOMAIN_STATS_BLOCK); V(VIR_DOMAIN_STATS_PERF); V(VIR_DOMAIN_STATS_IOTHREAD);
    V(VIR_DOMAIN_STATS_MEMORY); V(VIR_DOMAIN_STATS_DIRTYRATE); V(VIR_DOMAIN_STATS_VM);
    V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE); V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE);
    V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT); V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT);
    V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING); V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED);
    V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF); V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER);
    V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT); V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING);
    V(VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS);
    printf("block stats names: %s %s %s %s %s %s %s %s %s\n", VIR_DOMAIN_BLOCK_STATS_READ_BYTES,
           VIR_DOMAIN_BLOCK_STATS_READ_REQ, VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES,
           VIR_DOMAIN_BLOCK_STATS_WRITE_REQ, VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ,
           VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, VIR_DOMAIN_BLOCK_STATS_ERRS);
    V(VIR_DOMAIN_NONE); V(VIR_DOMAIN_START_PAUSED); V(VIR_DOMAIN_START_AUTODESTROY);
    V(VIR_DOMAIN_START_BYPASS_CACHE); V(VIR_DOMAIN_START_FORCE_BOOT); V(VIR_DOMAIN_START_VALIDATE);
    V(VIR_DOMAIN_START_RESET_NVRAM);
    V(VIR_ERR_NONE); V(VIR_ERR_WARNING); V(VIR_ERR_ERROR);
    V(VIR_FROM_NONE); V(VIR_FROM_XEN); V(VIR_FROM_XEND); V(VIR_FROM_XENSTORE);
    V(VIR_FROM_SEXPR); V(VIR_FROM_XML); V(VIR_FROM_DOM); V(VIR_FROM_RPC);
    V(VIR_FROM_PROXY); V(VIR_FROM_CONF); V(VIR_FROM_QEMU); V(VIR_FROM_NET);
    V(VIR_FROM_TEST); V(VIR_FROM_REMOTE); V(VIR_FROM_OPENVZ); V(VIR_FROM_XENXM);
    V(VIR_FROM_STATS_LINUX); V(VIR_FROM_LXC); V(VIR_FROM_STORAGE); V(VIR_FROM_NETWORK);
    V(VIR_FROM_DOMAIN); V(VIR_FROM_UML); V(VIR_FROM_NODEDEV); V(VIR_FROM_XEN_INOTIFY);
    V(VIR_FROM_SECURITY); V(VIR_FROM_VBOX); V(VIR_FROM_INTERFACE); V(VIR_FROM_ONE);
    V(VIR_FROM_ESX); V(VIR_FROM_PHYP); V(VIR_FROM_SECRET); V(VIR_FROM_CPU);
    V(VIR_FROM_XENAPI); V(VIR_FROM_NWFILTER); V(VIR_FROM_HOOK); V(VIR_FROM_DOMAIN_SNAPSHOT);
    V(VIR_FROM_AUDIT); V(VIR_FROM_SYSINFO); V(VIR_FROM_STREAMS); V(VIR_FROM_VMWARE);
    V(VIR_FROM_EVENT); V(VIR_FROM_LIBXL); V(VIR_FROM_LOCKING); V(VIR_FROM_HYPERV);
    V(VIR_FROM_CAPABILITIES); V(VIR_FROM_URI); V(VIR_FROM_AUTH); V(VIR_FROM_DBUS);
    V(VIR_FROM_PARALLELS); V(VIR_FROM_DEVICE); V(VIR_FROM_SSH); V(VIR_FROM_LOCKSPACE);
    V(VIR_FROM_INITCTL); V(VIR_FROM_IDENTITY); V(VIR_FROM_CGROUP); V(VIR_FROM_ACCESS);
    V(VIR_FROM_SYSTEMD); V(VIR_FROM_BHYVE); V(VIR_FROM_CRYPTO); V(VIR_FROM_FIREWALL);
    V(VIR_FROM_POLKIT); V(VIR_FROM_THREAD); V(VIR_FROM_ADMIN); V(VIR_FROM_LOGGING);
    V(VIR_FROM_XENXL); V(VIR_FROM_PERF); V(VIR_FROM_LIBSSH); V(VIR_FROM_RESCTRL);
    V(VIR_FROM_FIREWALLD); V(VIR_FROM_DOMAIN_CHECKPOINT); V(VIR_FROM_TPM); V(VIR_FROM_BPF);
    V(VIR_FROM_CH);
    V(VIR_ERR_OK); V(VIR_ERR_INTERNAL_ERROR); V(VIR_ERR_NO_MEMORY); V(VIR_ERR_NO_SUPPORT);
    V(VIR_ERR_UNKNOWN_HOST); V(VIR_ERR_NO_CONNECT); V(VIR_ERR_INVALID_CONN); V(VIR_ERR_INVALID_DOMAIN);
    V(VIR_ERR_INVALID_ARG); V(VIR_ERR_OPERATION_FAILED); V(VIR_ERR_GET_FAILED); V(VIR_ERR_POST_FAILED);
    V(VIR_ERR_HTTP_ERROR); V(VIR_ERR_SEXPR_SERIAL); V(VIR_ERR_NO_XEN); V(VIR_ERR_XEN_CALL);
    V(VIR_ERR_OS_TYPE); V(VIR_ERR_NO_KERNEL); V(VIR_ERR_NO_ROOT); V(VIR_ERR_NO_SOURCE);
    V(VIR_ERR_NO_TARGET); V(VIR_ERR_NO_NAME); V(VIR_ERR_NO_OS); V(VIR_ERR_NO_DEVICE);
    V(VIR_ERR_NO_XENSTORE); V(VIR_ERR_DRIVER_FULL); V(VIR_ERR_CALL_FAILED); V(VIR_ERR_XML_ERROR);
    V(VIR_ERR_DOM_EXIST); V(VIR_ERR_OPERATION_DENIED); V(VIR_ERR_OPEN_FAILED); V(VIR_ERR_READ_FAILED);
    V(VIR_ERR_PARSE_FAILED); V(VIR_ERR_CONF_SYNTAX); V(VIR_ERR_WRITE_FAILED); V(VIR_ERR_XML_DETAIL);
    V(VIR_ERR_INVALID_NETWORK); V(VIR_ERR_NETWORK_EXIST); V(VIR_ERR_SYSTEM_ERROR); V(VIR_ERR_RPC);
    V(VIR_ERR_GNUTLS_ERROR); V(VIR_WAR_NO_NETWORK); V(VIR_ERR_NO_DOMAIN); V(VIR_ERR_NO_NETWORK);
    V(VIR_ERR_INVALID_MAC); V(VIR_ERR_AUTH_FAILED); V(VIR_ERR_INVALID_STORAGE_POOL); V(VIR_ERR_INVALID_STORAGE_VOL);
    V(VIR_WAR_NO_STORAGE); V(VIR_ERR_NO_STORAGE_POOL); V(VIR_ERR_NO_STORAGE_VOL); V(VIR_WAR_NO_NODE);
    V(VIR_ERR_INVALID_NODE_DEVICE); V(VIR_ERR_NO_NODE_DEVICE); V(VIR_ERR_NO_SECURITY_MODEL); V(VIR_ERR_OPERATION_INVALID);
    V(VIR_WAR_NO_INTERFACE); V(VIR_ERR_NO_INTERFACE); V(VIR_ERR_INVALID_INTERFACE); V(VIR_ERR_MULTIPLE_INTERFACES);
    V(VIR_WAR_NO_NWFILTER); V(VIR_ERR_INVALID_NWFILTER); V(VIR_ERR_NO_NWFILTER); V(VIR_ERR_BUILD_FIREWALL);
    V(VIR_WAR_NO_SECRET); V(VIR_ERR_INVALID_SECRET); V(VIR_ERR_NO_SECRET); V(VIR_ERR_CONFIG_UNSUPPORTED);
    V(VIR_ERR_OPERATION_TIMEOUT); V(VIR_ERR_MIGRATE_PERSIST_FAILED); V(VIR_ERR_HOOK_SCRIPT_FAILED); V(VIR_ERR_INVALID_DOMAIN_SNAPSHOT);
    V(VIR_ERR_NO_DOMAIN_SNAPSHOT); V(VIR_ERR_INVALID_STREAM); V(VIR_ERR_ARGUMENT_UNSUPPORTED); V(VIR_ERR_STORAGE_PROBE_FAILED);
    V(VIR_ERR_STORAGE_POOL_BUILT); V(VIR_ERR_SNAPSHOT_REVERT_RISKY); V(VIR_ERR_OPERATION_ABORTED); V(VIR_ERR_AUTH_CANCELLED);
    V(VIR_ERR_NO_DOMAIN_METADATA); V(VIR_ERR_MIGRATE_UNSAFE); V(VIR_ERR_OVERFLOW); V(VIR_ERR_BLOCK_COPY_ACTIVE);
    V(VIR_ERR_OPERATION_UNSUPPORTED); V(VIR_ERR_SSH); V(VIR_ERR_AGENT_UNRESPONSIVE); V(VIR_ERR_RESOURCE_BUSY);
    V(VIR_ERR_ACCESS_DENIED); V(VIR_ERR_DBUS_SERVICE); V(VIR_ERR_STORAGE_VOL_EXIST); V(VIR_ERR_CPU_INCOMPATIBLE);
    V(VIR_ERR_XML_INVALID_SCHEMA); V(VIR_ERR_MIGRATE_FINISH_OK); V(VIR_ERR_AUTH_UNAVAILABLE); V(VIR_ERR_NO_SERVER);
    V(VIR_ERR_NO_CLIENT); V(VIR_ERR_AGENT_UNSYNCED); V(VIR_ERR_LIBSSH); V(VIR_ERR_DEVICE_MISSING);
    V(VIR_ERR_INVALID_NWFILTER_BINDING); V(VIR_ERR_NO_NWFILTER_BINDING); V(VIR_ERR_INVALID_DOMAIN_CHECKPOINT); V(VIR_ERR_NO_DOMAIN_CHECKPOINT);
    V(VIR_ERR_NO_DOMAIN_BACKUP); V(VIR_ERR_INVALID_NETWORK_PORT); V(VIR_ERR_NETWORK_PORT_EXIST); V(VIR_ERR_NO_NETWORK_PORT);
    V(VIR_ERR_NO_HOSTNAME); V(VIR_ERR_CHECKPOINT_INCONSISTENT); V(VIR_ERR_MULTIPLE_DOMAINS);
}

static void macros(void)
{
    virNodeInfo node;
    unsigned char maps[3 * 2];
    unsigned char map[2];
    memset(&node, 0, sizeof(node));
    node.nodes = 2; node.sockets = 3; node.cores = 5; node.threads = 7;
    V(LIBVIR_VERSION_NUMBER);
    V(LIBVIR_CHECK_VERSION(9, 0, 0)); V(LIBVIR_CHECK_VERSION(9, 0, 1)); V(LIBVIR_CHECK_VERSION(0, 1, 0));
    V(VIR_UUID_BUFLEN); V(VIR_UUID_STRING_BUFLEN);
    V(VIR_NODEINFO_MAXCPUS(node));
    V(VIR_CPU_MAPLEN(0)); V(VIR_CPU_MAPLEN(1)); V(VIR_CPU_MAPLEN(8)); V(VIR_CPU_MAPLEN(9)); V(VIR_CPU_MAPLEN(210));
    memset(maps, 0, sizeof(maps));
    for (int vcpu = 0; vcpu < 3; vcpu++)
        for (int cpu = vcpu; cpu < 16; cpu += 3)
            VIR_USE_CPU(VIR_GET_CPUMAP(maps, 2, vcpu), cpu);
    VIR_UNUSE_CPU(VIR_GET_CPUMAP(maps, 2, 1), 4);
    for (int i = 0; i < 6; i++)
        printf("maps[%d] = 0x%02x\n", i, maps[i]);
    for (int vcpu = 0; vcpu < 3; vcpu++) {
        printf("vcpu %d usable:", vcpu);
        for (int cpu = 0; cpu < 16; cpu++)
            printf("%c", VIR_CPU_USABLE(maps, 2, vcpu, cpu) ? 'y' : '-');
        printf("\n");
    }
    VIR_COPY_CPUMAP(maps, 2, 2, map);
    printf("copied map = 0x%02x 0x%02x, used(5)=%d used(6)=%d\n", map[0], map[1],
           !!VIR_CPU_USED(map, 5), !!VIR_CPU_USED(map, 6));
}

int main(void)
{
    structs();
    enums();
    macros();
    return 0;
}
