/*
 * libvirt.h: the C API of SwiftVirt, source- and binary-compatible with libvirt's for the seed API
 * (libvirt 0.1: connections, domains, node information, vCPU maps), as libvirt 9.0 declares it.
 *
 * Struct layouts, enum values and macro results are libvirt's ABI; Tests/CAPI checks them against
 * Debian's libvirt-dev. The functions are implemented in Swift (Sources/LibvirtC) and exported from
 * libvirt.so.0. Errors are declared in <libvirt/virterror.h>.
 */

#ifndef LIBVIRT_H
#define LIBVIRT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The libvirt API level SwiftVirt implements: major * 1,000,000 + minor * 1,000 + micro. */
#define LIBVIR_VERSION_NUMBER 9000000

/* True when this header provides at least libvirt major.minor.micro. */
#define LIBVIR_CHECK_VERSION(major, minor, micro) \
    (((major) * 1000000 + (minor) * 1000 + (micro)) <= LIBVIR_VERSION_NUMBER)

/* Marks struct fields and functions kept only for old programs. */
#ifndef VIR_DEPRECATED
# if defined(__GNUC__) && (__GNUC__ > 3 || (__GNUC__ == 3 && __GNUC_MINOR__ >= 1))
#  define VIR_DEPRECATED __attribute__((__deprecated__))
# else
#  define VIR_DEPRECATED
# endif
#endif

/* ---- Opaque handles ---------------------------------------------------------------------- */

/* A connection to a hypervisor; the contents are private. */
typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;

/* A domain (virtual machine) seen through a connection; the contents are private. */
typedef struct _virDomain virDomain;
typedef virDomain *virDomainPtr;

/* ---- UUIDs ------------------------------------------------------------------------------- */

/* Bytes in a raw UUID, and in its printed form including the terminating NUL. */
#define VIR_UUID_BUFLEN (16)
#define VIR_UUID_STRING_BUFLEN (36 + 1)

/* ---- The host ---------------------------------------------------------------------------- */

/* Hardware facts about the host, filled by virNodeGetInfo(). */
typedef struct _virNodeInfo virNodeInfo;
struct _virNodeInfo {
    char model[32];       /* CPU model, NUL-terminated */
    unsigned long memory; /* memory in KiB */
    unsigned int cpus;    /* active CPUs */
    unsigned int mhz;     /* expected CPU frequency in MHz, 0 when unknown */
    unsigned int nodes;   /* NUMA cells, 1 for uniform memory access */
    unsigned int sockets; /* CPU sockets per cell */
    unsigned int cores;   /* cores per socket */
    unsigned int threads; /* threads per core */
};
typedef virNodeInfo *virNodeInfoPtr;

/* Every CPU the host could have online: cells * sockets * cores * threads. */
#define VIR_NODEINFO_MAXCPUS(nodeinfo) \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * (nodeinfo).threads)

/* ---- Domains ----------------------------------------------------------------------------- */

/* What a domain is doing. */
typedef enum {
    VIR_DOMAIN_NOSTATE = 0,     /* no state */
    VIR_DOMAIN_RUNNING = 1,     /* running */
    VIR_DOMAIN_BLOCKED = 2,     /* blocked on a resource */
    VIR_DOMAIN_PAUSED = 3,      /* paused by the user */
    VIR_DOMAIN_SHUTDOWN = 4,    /* shutting down */
    VIR_DOMAIN_SHUTOFF = 5,     /* shut off */
    VIR_DOMAIN_CRASHED = 6,     /* crashed */
    VIR_DOMAIN_PMSUSPENDED = 7, /* suspended by guest power management */
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST
#endif
} virDomainState;

/* A domain's summary, filled by virDomainGetInfo(). */
typedef struct _virDomainInfo virDomainInfo;
struct _virDomainInfo {
    unsigned char state;        /* a virDomainState */
    unsigned long maxMem;       /* maximum memory in KiB */
    unsigned long memory;       /* current memory in KiB */
    unsigned short nrVirtCpu;   /* virtual CPUs */
    unsigned long long cpuTime; /* CPU time used, in nanoseconds */
};
typedef virDomainInfo *virDomainInfoPtr;

/* Flags for virDomainCreateLinux(). */
typedef enum {
    VIR_DOMAIN_NONE = 0,                   /* default */
    VIR_DOMAIN_START_PAUSED = 1 << 0,      /* leave the guest paused */
    VIR_DOMAIN_START_AUTODESTROY = 1 << 1, /* destroy the guest when the connection closes */
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2,/* keep the host's file cache clean */
    VIR_DOMAIN_START_FORCE_BOOT = 1 << 3,  /* boot, discarding any managed save image */
    VIR_DOMAIN_START_VALIDATE = 1 << 4,    /* check the XML against the schema first */
    VIR_DOMAIN_START_RESET_NVRAM = 1 << 5, /* re-create NVRAM from its template */
} virDomainCreateFlags;

/* The seed's description of a directly booted kernel. */
typedef struct _virDomainKernel virDomainKernel;
struct _virDomainKernel {
    const char *kernel;  /* path of the kernel image */
    const char *ramdisk; /* optional initial ramdisk */
    const char *root;    /* optional root block device */
    const char *extra;   /* optional kernel command line */
};
typedef virDomainKernel *virDomainKernelPtr;

/* The seed's access modes for a device. */
typedef enum {
    VIR_DEVICE_DEFAULT = 0,  /* default */
    VIR_DEVICE_RO = 1,       /* read-only */
    VIR_DEVICE_RW = 2,       /* read-write */
    VIR_DEVICE_RW_FORCE = 3, /* read-write even when already in use */
} virDeviceMode;

/* The seed's actions when a domain stops. */
typedef enum {
    VIR_DOMAIN_DESTROY = 1,        /* destroy it */
    VIR_DOMAIN_RESTART = 2,        /* restart it */
    VIR_DOMAIN_PRESERVE = 3,       /* keep it for inspection; destroy by hand */
    VIR_DOMAIN_RENAME_RESTART = 4, /* restart it under a new unique name */
} virDomainRestart;

/* ---- Virtual CPUs ------------------------------------------------------------------------ */

typedef enum {
    VIR_VCPU_OFFLINE = 0, /* offline */
    VIR_VCPU_RUNNING = 1, /* running */
    VIR_VCPU_BLOCKED = 2, /* blocked on a resource */
#ifdef VIR_ENUM_SENTINELS
    VIR_VCPU_LAST
#endif
} virVcpuState;

/* One virtual CPU, filled by virDomainGetVcpus(). */
typedef struct _virVcpuInfo virVcpuInfo;
struct _virVcpuInfo {
    unsigned int number;        /* vCPU number */
    int state;                  /* a virVcpuState */
    unsigned long long cpuTime; /* CPU time used, in nanoseconds */
    int cpu;                    /* host CPU it runs on, or a negative value when offline */
};
typedef virVcpuInfo *virVcpuInfoPtr;

/*
 * CPU maps: one bit per host CPU, CPU 0 in the lowest bit of byte 0. virDomainGetVcpus() fills one map
 * of maplen bytes per vCPU, back to back; virDomainPinVcpu() takes one map.
 */

/* Bytes needed for a map of `cpu` host CPUs. */
#define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)

/* Marks host CPU `cpu` usable in `cpumap`. */
#define VIR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))

/* Marks host CPU `cpu` not usable in `cpumap`. */
#define VIR_UNUSE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))

/* Non-zero when host CPU `cpu` is set in `cpumap`. */
#define VIR_CPU_USED(cpumap, cpu) ((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8)))

/* The map of vCPU `vcpu` inside an array of maps of `maplen` bytes each. */
#define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))

/* Non-zero when vCPU `vcpu` may run on host CPU `cpu`, according to an array of maps. */
#define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    VIR_CPU_USED(VIR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)

/* Copies the map of vCPU `vcpu` out of an array of maps into `cpumap` (needs <string.h>). */
#define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, vcpu), maplen)

/* ---- Library and connections ------------------------------------------------------------- */

int virInitialize(void);
int virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer);

virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
int virConnectClose(virConnectPtr conn);
/* Another reference on the connection: each virConnectClose drops one, the last closes it. */
int virConnectRef(virConnectPtr conn);
const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

/* ---- Listing, lookup, definition --------------------------------------------------------- */

int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);

virDomainPtr virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc, unsigned int flags);
virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
int virDomainUndefine(virDomainPtr domain);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn, const char *uuid);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
int virDomainFree(virDomainPtr domain);

/* ---- Lifecycle --------------------------------------------------------------------------- */

int virDomainCreate(virDomainPtr domain);
int virDomainDestroy(virDomainPtr domain);
int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);
int virDomainSave(virDomainPtr domain, const char *to);
int virDomainRestore(virConnectPtr conn, const char *from);
int virDomainShutdown(virDomainPtr domain);
int virDomainReboot(virDomainPtr domain, unsigned int flags);

/* ---- Domain information and resources ---------------------------------------------------- */

const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
char *virDomainGetOSType(virDomainPtr domain);
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemory(virDomainPtr domain, unsigned long memory);
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);

int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen);
int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

/* ---- Statistics of a running domain ------------------------------------------------------ */

/* One disk's counters, filled by virDomainBlockStats(); -1 for a counter the hypervisor does not keep. */
typedef struct _virDomainBlockStats virDomainBlockStatsStruct;
struct _virDomainBlockStats {
    long long rd_req;   /* read requests */
    long long rd_bytes; /* bytes read */
    long long wr_req;   /* write requests */
    long long wr_bytes; /* bytes written */
    long long errs;     /* errors (on Xen, requests the backend could not take) */
};
typedef virDomainBlockStatsStruct *virDomainBlockStatsPtr;

/* One network interface's counters as the guest sees them, filled by virDomainInterfaceStats(); -1 for
 * a counter the hypervisor does not keep. */
typedef struct _virDomainInterfaceStats virDomainInterfaceStatsStruct;
struct _virDomainInterfaceStats {
    long long rx_bytes;   /* bytes received */
    long long rx_packets; /* packets received */
    long long rx_errs;    /* receive errors */
    long long rx_drop;    /* received packets dropped */
    long long tx_bytes;   /* bytes sent */
    long long tx_packets; /* packets sent */
    long long tx_errs;    /* send errors */
    long long tx_drop;    /* packets dropped on sending */
};
typedef virDomainInterfaceStatsStruct *virDomainInterfaceStatsPtr;

/* What a memory statistic counts (virDomainMemoryStatStruct.tag). */
typedef enum {
    VIR_DOMAIN_MEMORY_STAT_SWAP_IN = 0,         /* KiB swapped in */
    VIR_DOMAIN_MEMORY_STAT_SWAP_OUT = 1,        /* KiB swapped out */
    VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT = 2,     /* page faults that needed the disk */
    VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT = 3,     /* page faults served from memory */
    VIR_DOMAIN_MEMORY_STAT_UNUSED = 4,          /* KiB the guest does not use at all */
    VIR_DOMAIN_MEMORY_STAT_AVAILABLE = 5,       /* KiB the guest sees */
    VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON = 6,  /* KiB the balloon leaves the guest */
    VIR_DOMAIN_MEMORY_STAT_RSS = 7,             /* KiB of the host resident for the guest */
    VIR_DOMAIN_MEMORY_STAT_USABLE = 8,          /* KiB the guest could use without swapping */
    VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE = 9,     /* when the guest last reported, in seconds since the epoch */
    VIR_DOMAIN_MEMORY_STAT_DISK_CACHES = 10,    /* KiB of caches the guest can drop */
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC = 11,/* huge pages allocated */
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL = 12, /* huge page allocations that failed */
    VIR_DOMAIN_MEMORY_STAT_NR = 13,             /* how many tags there are */
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_MEMORY_STAT_LAST = VIR_DOMAIN_MEMORY_STAT_NR
#endif
} virDomainMemoryStatTags;

/* One memory statistic, filled by virDomainMemoryStats(). */
typedef struct _virDomainMemoryStat virDomainMemoryStatStruct;
struct _virDomainMemoryStat {
    int tag;                /* a virDomainMemoryStatTags */
    unsigned long long val; /* its value */
};
typedef virDomainMemoryStatStruct *virDomainMemoryStatPtr;

/* `size` is the caller's sizeof of the struct: at most the size above (older, shorter structs work). */
int virDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats, size_t size);
int virDomainInterfaceStats(virDomainPtr dom, const char *device, virDomainInterfaceStatsPtr stats,
                            size_t size);
/* Fills at most nr_stats entries (no more than VIR_DOMAIN_MEMORY_STAT_NR) and returns how many. */
int virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                         unsigned int flags);

/* ---- Typed parameters: named values of one of seven types ----------------------------------- */

typedef enum {
    VIR_TYPED_PARAM_INT = 1,     /* value.i */
    VIR_TYPED_PARAM_UINT = 2,    /* value.ui */
    VIR_TYPED_PARAM_LLONG = 3,   /* value.l */
    VIR_TYPED_PARAM_ULLONG = 4,  /* value.ul */
    VIR_TYPED_PARAM_DOUBLE = 5,  /* value.d */
    VIR_TYPED_PARAM_BOOLEAN = 6, /* value.b, 0 or 1 */
    VIR_TYPED_PARAM_STRING = 7,  /* value.s, owned by the array */
#ifdef VIR_ENUM_SENTINELS
    VIR_TYPED_PARAM_LAST
#endif
} virTypedParameterType;

/* A caller that passes this flag accepts string parameters (the library adds it where it can). */
typedef enum {
    VIR_TYPED_PARAM_STRING_OKAY = 1 << 2,
} virTypedParameterFlags;

#define VIR_TYPED_PARAM_FIELD_LENGTH 80

typedef struct _virTypedParameter virTypedParameter;
struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH]; /* NUL-terminated name */
    int type;                                 /* a virTypedParameterType */
    union {
        int i;
        unsigned int ui;
        long long int l;
        unsigned long long int ul;
        double d;
        char b;
        char *s;
    } value;
};
typedef virTypedParameter *virTypedParameterPtr;

/* The parameter named `name`, or NULL. */
virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params, int nparams, const char *name);
/* 1 and *value set when `name` is there with that type, 0 when it is absent, -1 for another type. */
int virTypedParamsGetInt(virTypedParameterPtr params, int nparams, const char *name, int *value);
int virTypedParamsGetUInt(virTypedParameterPtr params, int nparams, const char *name, unsigned int *value);
int virTypedParamsGetLLong(virTypedParameterPtr params, int nparams, const char *name, long long *value);
int virTypedParamsGetULLong(virTypedParameterPtr params, int nparams, const char *name,
                            unsigned long long *value);
int virTypedParamsGetDouble(virTypedParameterPtr params, int nparams, const char *name, double *value);
int virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams, const char *name, int *value);
/* *value points into the array: it lives until the array is freed. */
int virTypedParamsGetString(virTypedParameterPtr params, int nparams, const char *name, const char **value);
/* Frees the strings of the array (Clear), or the strings and the array (Free). */
void virTypedParamsClear(virTypedParameterPtr params, int nparams);
void virTypedParamsFree(virTypedParameterPtr params, int nparams);
/* Add one parameter at the end of *params (*nparams of them, room for *maxparams), growing the array
 * (realloc) as needed; 0, or -1 with the error set. Strings are copied. */
int virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name, int value);
int virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                          unsigned int value);
int virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                           long long value);
int virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                            unsigned long long value);
int virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                            double value);
int virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                             int value);
int virTypedParamsAddString(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                            const char *value);
/* One string parameter `name` per entry of the NULL-terminated `values`. */
int virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                                const char **values);
/* A parameter of type `type` (a virTypedParameterType) parsed from `value`. */
int virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams, int *maxparams, const char *name,
                                int type, const char *value);

/* ---- A disk's counters as typed parameters (virDomainBlockStatsFlags) ---------------------- */

#define VIR_DOMAIN_BLOCK_STATS_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
#define VIR_DOMAIN_BLOCK_STATS_READ_BYTES "rd_bytes"                  /* llong */
#define VIR_DOMAIN_BLOCK_STATS_READ_REQ "rd_operations"               /* llong */
#define VIR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES "rd_total_times"      /* llong, ns */
#define VIR_DOMAIN_BLOCK_STATS_WRITE_BYTES "wr_bytes"                 /* llong */
#define VIR_DOMAIN_BLOCK_STATS_WRITE_REQ "wr_operations"              /* llong */
#define VIR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES "wr_total_times"     /* llong, ns */
#define VIR_DOMAIN_BLOCK_STATS_FLUSH_REQ "flush_operations"           /* llong */
#define VIR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES "flush_total_times"  /* llong, ns */
#define VIR_DOMAIN_BLOCK_STATS_ERRS "errs"                            /* llong */

/* With *nparams 0: sets *nparams to how many parameters the disk has. Else fills at most *nparams of
 * them and sets *nparams to how many it filled. */
int virDomainBlockStatsFlags(virDomainPtr dom, const char *disk, virTypedParameterPtr params, int *nparams,
                             unsigned int flags);

/* ---- Bulk statistics: every domain's groups in one call ---------------------------------- */

/* One domain's statistics: "group.field" parameters ("state.state", "balloon.current", ...). */
typedef struct _virDomainStatsRecord virDomainStatsRecord;
typedef virDomainStatsRecord *virDomainStatsRecordPtr;
struct _virDomainStatsRecord {
    virDomainPtr dom;
    virTypedParameterPtr params;
    int nparams;
};

/* The groups to return; none means every group the driver fills. */
typedef enum {
    VIR_DOMAIN_STATS_STATE = (1 << 0),
    VIR_DOMAIN_STATS_CPU_TOTAL = (1 << 1),
    VIR_DOMAIN_STATS_BALLOON = (1 << 2),
    VIR_DOMAIN_STATS_VCPU = (1 << 3),
    VIR_DOMAIN_STATS_INTERFACE = (1 << 4),
    VIR_DOMAIN_STATS_BLOCK = (1 << 5),
    VIR_DOMAIN_STATS_PERF = (1 << 6),
    VIR_DOMAIN_STATS_IOTHREAD = (1 << 7),
    VIR_DOMAIN_STATS_MEMORY = (1 << 8),
    VIR_DOMAIN_STATS_DIRTYRATE = (1 << 9),
    VIR_DOMAIN_STATS_VM = (1 << 10),
} virDomainStatsTypes;

/* Which domains (the filters are those of virConnectListAllDomains) and how. */
typedef enum {
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE = 1 << 0,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE = 1 << 1,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT = 1 << 2,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT = 1 << 3,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING = 1 << 4,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED = 1 << 5,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF = 1 << 6,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER = 1 << 7,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT = 1 << 29,        /* skip what would wait for a busy domain */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING = 1 << 30,       /* block statistics of backing chains too */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 1U << 31 /* fail on a group the driver cannot fill */
} virConnectGetAllDomainStatsFlags;

/* Returns how many records *retStats holds (a NULL-terminated array; free it with
 * virDomainStatsRecordListFree), or -1. */
int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats, virDomainStatsRecordPtr **retStats,
                                unsigned int flags);
/* The same for the domains of `doms`, a NULL-terminated array of domains of one connection. */
int virDomainListGetStats(virDomainPtr *doms, unsigned int stats, virDomainStatsRecordPtr **retStats,
                          unsigned int flags);
/* Frees the array, its records, their parameters and their domain objects. */
void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats);

/* ---- The event loop: callbacks are called from virEventRunDefaultImpl ----------------------- */

typedef enum {
    VIR_EVENT_HANDLE_READABLE = (1 << 0),
    VIR_EVENT_HANDLE_WRITABLE = (1 << 1),
    VIR_EVENT_HANDLE_ERROR = (1 << 2),
    VIR_EVENT_HANDLE_HANGUP = (1 << 3),
} virEventHandleType;

/* Frees a callback's opaque data once the callback is gone. */
typedef void (*virFreeCallback)(void *opaque);
/* `fd` (watched as `watch`) became ready for `events` (virEventHandleType bits). */
typedef void (*virEventHandleCallback)(int watch, int fd, int events, void *opaque);
/* The timer `timer` fired. */
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

/* Makes the library's own poll loop the event loop; call once, before opening connections that report
 * events. */
int virEventRegisterDefaultImpl(void);
/* One iteration: waits for a watched descriptor, a timer or an event, and runs their callbacks. */
int virEventRunDefaultImpl(void);
/* Watches `fd` for `events`; returns the watch number, or -1. */
int virEventAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque, virFreeCallback ff);
void virEventUpdateHandle(int watch, int events);
int virEventRemoveHandle(int watch);
/* A timer every `frequency` ms (0: at every iteration, -1: disabled); returns its number, or -1. */
int virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff);
void virEventUpdateTimeout(int timer, int frequency);
int virEventRemoveTimeout(int timer);

/* The caller's own event loop (glib's, Qt's, ...): the library watches descriptors and sets timers through
 * these (virEventAddHandle and the rest call them too). Call once, before opening connections that report
 * events; a second registration, or one after virEventRegisterDefaultImpl, is ignored. */
typedef int (*virEventAddHandleFunc)(int fd, int event, virEventHandleCallback cb, void *opaque, virFreeCallback ff);
typedef void (*virEventUpdateHandleFunc)(int watch, int event);
typedef int (*virEventRemoveHandleFunc)(int watch);
typedef int (*virEventAddTimeoutFunc)(int timeout, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff);
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);
typedef int (*virEventRemoveTimeoutFunc)(int timer);
void virEventRegisterImpl(virEventAddHandleFunc addHandle, virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle, virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout, virEventRemoveTimeoutFunc removeTimeout);

/* ---- Streams and consoles -------------------------------------------------------------------- */

typedef struct _virStream virStream;
typedef virStream *virStreamPtr;

typedef enum {
    VIR_STREAM_NONBLOCK = (1 << 0),  /* Recv and Send return -2 instead of waiting */
} virStreamFlags;

typedef enum {
    VIR_STREAM_EVENT_READABLE = (1 << 0),
    VIR_STREAM_EVENT_WRITABLE = (1 << 1),
    VIR_STREAM_EVENT_ERROR = (1 << 2),
    VIR_STREAM_EVENT_HANGUP = (1 << 3),
} virStreamEventType;

/* `stream` became ready for `events` (virStreamEventType bits). */
typedef void (*virStreamEventCallback)(virStreamPtr stream, int events, void *opaque);

/* A stream of `conn`, unused until a call such as virDomainOpenConsole gives it data to carry. */
virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRef(virStreamPtr st);
/* The count sent or received; Recv: 0 at the end; both: -2 for a non-blocking stream not ready, -1 error. */
int virStreamSend(virStreamPtr st, const char *data, size_t nbytes);
int virStreamRecv(virStreamPtr st, char *data, size_t nbytes);
/* One callback per stream, run by the registered event loop. */
int virStreamEventAddCallback(virStreamPtr stream, int events, virStreamEventCallback cb, void *opaque,
                              virFreeCallback ff);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);
int virStreamEventRemoveCallback(virStreamPtr stream);
/* End the transfer (Finish: done; Abort: given up), then free. */
int virStreamFinish(virStreamPtr st);
int virStreamAbort(virStreamPtr st);
int virStreamFree(virStreamPtr st);

typedef enum {
    VIR_DOMAIN_CONSOLE_FORCE = (1 << 0),  /* take the console from another session */
    VIR_DOMAIN_CONSOLE_SAFE = (1 << 1),   /* only where the driver can keep sessions apart */
} virDomainConsoleFlags;

/* Connects `st` to the domain's console `dev_name` (NULL: the first). */
int virDomainOpenConsole(virDomainPtr dom, const char *dev_name, virStreamPtr st, unsigned int flags);

/* ---- Domain events -------------------------------------------------------------------------- */

/* What happened to a domain's life (a lifecycle event's `event`), then its `detail`, one enum a type. */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED = 1,
    VIR_DOMAIN_EVENT_STARTED = 2,
    VIR_DOMAIN_EVENT_SUSPENDED = 3,
    VIR_DOMAIN_EVENT_RESUMED = 4,
    VIR_DOMAIN_EVENT_STOPPED = 5,
    VIR_DOMAIN_EVENT_SHUTDOWN = 6,
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7,
    VIR_DOMAIN_EVENT_CRASHED = 8,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_LAST
#endif
} virDomainEventType;

typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED = 0,
    VIR_DOMAIN_EVENT_DEFINED_UPDATED = 1,
    VIR_DOMAIN_EVENT_DEFINED_RENAMED = 2,
    VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DEFINED_LAST
#endif
} virDomainEventDefinedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_UNDEFINED_LAST
#endif
} virDomainEventUndefinedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED = 0,
    VIR_DOMAIN_EVENT_STARTED_MIGRATED = 1,
    VIR_DOMAIN_EVENT_STARTED_RESTORED = 2,
    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3,
    VIR_DOMAIN_EVENT_STARTED_WAKEUP = 4,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STARTED_LAST
#endif
} virDomainEventStartedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0,
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED = 1,
    VIR_DOMAIN_EVENT_SUSPENDED_IOERROR = 2,
    VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG = 3,
    VIR_DOMAIN_EVENT_SUSPENDED_RESTORED = 4,
    VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT = 5,
    VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR = 6,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY = 7,
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SUSPENDED_LAST
#endif
} virDomainEventSuspendedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0,
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED = 1,
    VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT = 2,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY = 3,
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_RESUMED_LAST
#endif
} virDomainEventResumedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0,
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1,
    VIR_DOMAIN_EVENT_STOPPED_CRASHED = 2,
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED = 3,
    VIR_DOMAIN_EVENT_STOPPED_SAVED = 4,
    VIR_DOMAIN_EVENT_STOPPED_FAILED = 5,
    VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STOPPED_LAST
#endif
} virDomainEventStoppedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0, /* finished, no more detail */
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST = 1,    /* finished after the guest's request */
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST = 2,     /* finished after the host's request */
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SHUTDOWN_LAST
#endif
} virDomainEventShutdownDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0,
    VIR_DOMAIN_EVENT_PMSUSPENDED_DISK = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_PMSUSPENDED_LAST
#endif
} virDomainEventPMSuspendedDetailType;

typedef enum {
    VIR_DOMAIN_EVENT_CRASHED_PANICKED = 0,
    VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_CRASHED_LAST
#endif
} virDomainEventCrashedDetailType;

/* A lifecycle event: `event` a virDomainEventType, `detail` from that type's enum. The domain object is
 * the library's and valid only during the call, unless the callback takes a reference (virDomainRef). */
typedef int (*virConnectDomainEventCallback)(virConnectPtr conn, virDomainPtr dom, int event, int detail,
                                             void *opaque);

/* Another reference on a domain object; each virDomainFree drops one, the last ends the object. */
int virDomainRef(virDomainPtr domain);

/* The legacy registration: lifecycle events of every domain. */
int virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb, void *opaque,
                                  virFreeCallback freecb);
int virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb);

/* The event kinds of virConnectDomainEventRegisterAny, each with its callback type. */
typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0,     /* virConnectDomainEventCallback */
    VIR_DOMAIN_EVENT_ID_REBOOT = 1,        /* virConnectDomainEventGenericCallback */
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE = 2,
    VIR_DOMAIN_EVENT_ID_WATCHDOG = 3,
    VIR_DOMAIN_EVENT_ID_IO_ERROR = 4,
    VIR_DOMAIN_EVENT_ID_GRAPHICS = 5,
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON = 6,
    VIR_DOMAIN_EVENT_ID_CONTROL_ERROR = 7, /* virConnectDomainEventGenericCallback */
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB = 8,
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE = 9,
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE = 10,
    VIR_DOMAIN_EVENT_ID_PMWAKEUP = 11,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND = 12,
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE = 13, /* virConnectDomainEventBalloonChangeCallback */
    VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK = 14,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED = 15,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2 = 16,
    VIR_DOMAIN_EVENT_ID_TUNABLE = 17,
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE = 18,
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED = 19,
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION = 20,
    VIR_DOMAIN_EVENT_ID_JOB_COMPLETED = 21,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED = 22,
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE = 23,
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD = 24,
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE = 25,
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_ID_LAST
#endif
} virDomainEventID;

typedef void (*virConnectDomainEventGenericCallback)(virConnectPtr conn, virDomainPtr dom, void *opaque);
/* The balloon's new size, in KiB. */
typedef void (*virConnectDomainEventBalloonChangeCallback)(virConnectPtr conn, virDomainPtr dom,
                                                          unsigned long long actual, void *opaque);
/* Through void (*)(void), which compilers accept as "any function" (-Wcast-function-type stays quiet). */
#define VIR_DOMAIN_EVENT_CALLBACK(cb) ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))

/* Events of `eventID` about `dom` (NULL: every domain); returns the callback's id, or -1. Kinds this
 * library's drivers never produce (all but lifecycle, reboot, control error and balloon change) register
 * but never fire. */
int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                     virConnectDomainEventGenericCallback cb, void *opaque,
                                     virFreeCallback freecb);
int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

#ifdef __cplusplus
}
#endif

#endif /* LIBVIRT_H */
