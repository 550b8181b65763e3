/*
 * seed_api.c: every function, macro and error path of the seed API (libvirt 0.1) and of libvirt's error
 * API, on test:///default, printing one deterministic line per fact.
 *
 * The same source is built against SwiftVirt (Sources/CLibvirt, libvirt.so from this package) and against
 * Debian's libvirt 9.0 (pkg-config libvirt); CAPITests requires the two outputs, stdout and stderr, to be
 * identical line for line. Only what is inherently variable is masked: CPU times (printed as "set" when
 * non-zero) and the temporary directory in messages (printed as "<tmp>").
 *
 * SEED_URI, when set, replaces test:///default for every connection that works on domains (e.g.
 * test+unix:///default?socket=... through a daemon): the same program then runs through the remote driver.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S(text) ((text) ? (text) : "(null)")

static char tmpdir[64];
/* The connection the program manages: test:///default, or SEED_URI. */
static const char *uri = "test:///default";

/* `text` with the temporary directory replaced by "<tmp>". */
static const char *masked(const char *text)
{
    static char buffer[2048];
    const char *hit;
    if (!text || !tmpdir[0] || !(hit = strstr(text, tmpdir)))
        return S(text);
    snprintf(buffer, sizeof(buffer), "%.*s<tmp>%s", (int)(hit - text), text, hit + strlen(tmpdir));
    return buffer;
}

static void print_error_fields(const char *label, virErrorPtr err)
{
    if (!err) {
        printf("  %s: no error\n", label);
        return;
    }
    printf("  %s: code=%d domain=%d level=%d message=%s\n", label, err->code, err->domain,
           (int)err->level, masked(err->message));
    printf("  %s: str1=%s str2=%s", label, masked(err->str1), masked(err->str2));
    printf(" str3=%s int1=%d int2=%d\n", masked(err->str3), err->int1, err->int2);
}

static int callbacks;

static void on_error(void *userData, virErrorPtr err)
{
    callbacks++;
    printf("  callback %s: code=%d domain=%d %s\n", (const char *)userData, err->code, err->domain,
           masked(err->message));
}

/* Prints an int result, and the last error when it signals failure (-1). */
static int show_int(const char *label, int result)
{
    printf("%s = %d\n", label, result);
    if (result < 0)
        print_error_fields(label, virGetLastError());
    return result;
}

/* Prints whether a pointer result was returned, and the last error when it was not. */
static const void *show_ptr(const char *label, const void *result)
{
    printf("%s = %s\n", label, result ? "ok" : "NULL");
    if (!result)
        print_error_fields(label, virGetLastError());
    return result;
}

static void show_domain_info(const char *label, virDomainPtr dom)
{
    virDomainInfo info;
    memset(&info, 0xff, sizeof(info));
    if (show_int(label, virDomainGetInfo(dom, &info)) == 0)
        printf("  state=%d maxMem=%lu memory=%lu nrVirtCpu=%u cpuTime=%s\n", info.state, info.maxMem,
               info.memory, info.nrVirtCpu, info.cpuTime ? "set" : "0");
    else
        printf("  zeroed=%d\n", info.state == 0 && info.maxMem == 0 && info.cpuTime == 0);
}

/* Lists come in the driver's hash order, which is no part of the API: they are printed sorted. */
static int compare_ints(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void show_defined(virConnectPtr conn)
{
    char *names[8];
    int count = show_int("virConnectListDefinedDomains", virConnectListDefinedDomains(conn, names, 8));
    if (count > 0)
        qsort(names, count, sizeof(names[0]), compare_strings);
    for (int i = 0; i < count; i++) {
        printf("  defined: %s\n", names[i]);
        free(names[i]);
    }
}

static void show_active(virConnectPtr conn)
{
    int ids[8];
    show_int("virConnectNumOfDomains", virConnectNumOfDomains(conn));
    int count = show_int("virConnectListDomains", virConnectListDomains(conn, ids, 8));
    if (count > 0)
        qsort(ids, count, sizeof(ids[0]), compare_ints);
    for (int i = 0; i < count; i++)
        printf("  active id: %d\n", ids[i]);
}

static void library_and_errors(void)
{
    unsigned long libVer = 0, typeVer = 0;
    printf("LIBVIR_VERSION_NUMBER = %d\n", LIBVIR_VERSION_NUMBER);
    show_int("virInitialize", virInitialize());
    show_int("virGetVersion(NULL type)", virGetVersion(&libVer, NULL, &typeVer));
    printf("  libVer=%lu typeVer=%lu\n", libVer, typeVer);
    show_int("virGetVersion(Test)", virGetVersion(&libVer, "Test", &typeVer));
    printf("  libVer=%lu typeVer=%lu\n", libVer, typeVer);
    show_int("virGetVersion(QEMU, no typeVer)", virGetVersion(&libVer, "QEMU", NULL));
    /* No callback yet: libvirt's default handler prints this one on stderr. */
    show_int("virGetVersion(NULL libVer)", virGetVersion(NULL, NULL, &typeVer));
    printf("virGetLastErrorCode = %d\n", virGetLastErrorCode());
    printf("virGetLastErrorDomain = %d\n", virGetLastErrorDomain());
    printf("virGetLastErrorMessage = %s\n", virGetLastErrorMessage());

    virError copy;
    memset(&copy, 0x55, sizeof(copy));
    show_int("virCopyLastError", virCopyLastError(&copy));
    print_error_fields("copy", &copy);
    virResetError(&copy);
    print_error_fields("copy after virResetError", copy.code ? &copy : NULL);
    show_int("virCopyLastError(NULL)", virCopyLastError(NULL));

    virErrorPtr saved = virSaveLastError();
    print_error_fields("virSaveLastError", saved);
    virDefaultErrorFunc(saved);
    virFreeError(saved);
    virFreeError(NULL);
    virResetError(NULL);
    virDefaultErrorFunc(NULL);

    virResetLastError();
    print_error_fields("after virResetLastError", virGetLastError());
    printf("virGetLastErrorCode = %d\n", virGetLastErrorCode());
    printf("virGetLastErrorMessage = %s\n", virGetLastErrorMessage());
    saved = virSaveLastError();
    printf("virSaveLastError with no error: code=%d message=%s\n", saved->code, S(saved->message));
    virFreeError(saved);
    show_int("virCopyLastError with no error", virCopyLastError(&copy));
}

static void invalid_handles(void)
{
    virDomainInfo info;
    unsigned char uuid[VIR_UUID_BUFLEN];
    show_int("virConnectClose(NULL)", virConnectClose(NULL));
    show_ptr("virConnectGetType(NULL)", virConnectGetType(NULL));
    show_int("virConnectNumOfDomains(NULL)", virConnectNumOfDomains(NULL));
    show_ptr("virDomainLookupByName(NULL)", virDomainLookupByName(NULL, "test"));
    show_ptr("virDomainCreateLinux(NULL)", virDomainCreateLinux(NULL, "<domain/>", 0));
    show_int("virDomainFree(NULL)", virDomainFree(NULL));
    show_ptr("virDomainGetName(NULL)", virDomainGetName(NULL));
    printf("virDomainGetID(NULL) = %u\n", virDomainGetID(NULL));
    print_error_fields("virDomainGetID(NULL)", virGetLastError());
    show_int("virDomainGetUUID(NULL)", virDomainGetUUID(NULL, uuid));
    show_int("virDomainGetInfo(NULL)", virDomainGetInfo(NULL, &info));
    printf("virDomainGetMaxMemory(NULL) = %lu\n", virDomainGetMaxMemory(NULL));
    show_int("virDomainPinVcpu(NULL)", virDomainPinVcpu(NULL, 0, uuid, 1));
    virError copy;
    show_ptr("virConnGetLastError(NULL)", virConnGetLastError(NULL));
    show_int("virConnCopyLastError(NULL)", virConnCopyLastError(NULL, &copy));
    virConnResetLastError(NULL);
    virConnSetErrorFunc(NULL, NULL, NULL);
}

static void host(virConnectPtr conn)
{
    virNodeInfo node;
    unsigned long hvVer = 0;
    printf("virConnectGetType = %s\n", S(virConnectGetType(conn)));
    show_int("virConnectGetVersion", virConnectGetVersion(conn, &hvVer));
    printf("  hvVer=%lu\n", hvVer);
    show_int("virConnectGetVersion(NULL)", virConnectGetVersion(conn, NULL));
    memset(&node, 0xff, sizeof(node));
    show_int("virNodeGetInfo", virNodeGetInfo(conn, &node));
    printf("  model=%s memory=%lu cpus=%u mhz=%u nodes=%u sockets=%u cores=%u threads=%u\n", node.model,
           node.memory, node.cpus, node.mhz, node.nodes, node.sockets, node.cores, node.threads);
    printf("  VIR_NODEINFO_MAXCPUS=%u VIR_CPU_MAPLEN=%d\n", VIR_NODEINFO_MAXCPUS(node),
           VIR_CPU_MAPLEN(VIR_NODEINFO_MAXCPUS(node)));
    show_int("virNodeGetInfo(NULL)", virNodeGetInfo(conn, NULL));
}

static void listing(virConnectPtr conn)
{
    int ids[1];
    char *names[1];
    show_active(conn);
    show_int("virConnectListDomains(NULL, 0)", virConnectListDomains(conn, NULL, 0));
    show_int("virConnectListDomains(ids, 0)", virConnectListDomains(conn, ids, 0));
    show_int("virConnectListDomains(NULL, 1)", virConnectListDomains(conn, NULL, 1));
    show_int("virConnectListDomains(ids, -1)", virConnectListDomains(conn, ids, -1));
    show_defined(conn);
    show_int("virConnectListDefinedDomains(NULL, 1)", virConnectListDefinedDomains(conn, NULL, 1));
    show_int("virConnectListDefinedDomains(names, -1)", virConnectListDefinedDomains(conn, names, -1));
}

static void identity(virConnectPtr conn, virDomainPtr dom)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainPtr other;

    printf("virDomainGetName = %s\n", S(virDomainGetName(dom)));
    printf("virDomainGetID = %u\n", virDomainGetID(dom));
    show_int("virDomainGetUUID", virDomainGetUUID(dom, uuid));
    printf("  uuid bytes:");
    for (int i = 0; i < VIR_UUID_BUFLEN; i++)
        printf(" %02x", uuid[i]);
    printf("\n");
    show_int("virDomainGetUUIDString", virDomainGetUUIDString(dom, uuidstr));
    printf("  uuid=%s\n", uuidstr);
    show_int("virDomainGetUUID(NULL)", virDomainGetUUID(dom, NULL));
    show_int("virDomainGetUUIDString(NULL)", virDomainGetUUIDString(dom, NULL));

    char *os = virDomainGetOSType(dom);
    printf("virDomainGetOSType = %s\n", S(os));
    free(os);
    printf("virDomainGetMaxMemory = %lu\n", virDomainGetMaxMemory(dom));
    show_domain_info("virDomainGetInfo", dom);
    show_int("virDomainGetInfo(NULL info)", virDomainGetInfo(dom, NULL));

    char *xml = virDomainGetXMLDesc(dom, 0);
    printf("virDomainGetXMLDesc =\n%s", S(xml));
    free(xml);

    other = (virDomainPtr)show_ptr("virDomainLookupByUUID", virDomainLookupByUUID(conn, uuid));
    printf("  name=%s\n", S(virDomainGetName(other)));
    virDomainFree(other);
    other = (virDomainPtr)show_ptr("virDomainLookupByUUIDString", virDomainLookupByUUIDString(conn, uuidstr));
    printf("  name=%s\n", S(virDomainGetName(other)));
    virDomainFree(other);
    other = (virDomainPtr)show_ptr("virDomainLookupByID(1)", virDomainLookupByID(conn, 1));
    printf("  name=%s\n", S(virDomainGetName(other)));
    virDomainFree(other);
    show_ptr("virDomainLookupByName(nosuch)", virDomainLookupByName(conn, "nosuch"));
    show_ptr("virDomainLookupByName(NULL)", virDomainLookupByName(conn, NULL));
    show_ptr("virDomainLookupByID(99)", virDomainLookupByID(conn, 99));
    show_ptr("virDomainLookupByID(-1)", virDomainLookupByID(conn, -1));
    show_ptr("virDomainLookupByUUID(NULL)", virDomainLookupByUUID(conn, NULL));
    uuid[0] ^= 0xff;
    show_ptr("virDomainLookupByUUID(other)", virDomainLookupByUUID(conn, uuid));
    show_ptr("virDomainLookupByUUIDString(bad)", virDomainLookupByUUIDString(conn, "not-a-uuid"));
    show_ptr("virDomainLookupByUUIDString(NULL)", virDomainLookupByUUIDString(conn, NULL));
    show_ptr("virDomainLookupByUUIDString(other)",
             virDomainLookupByUUIDString(conn, "00000000-1111-2222-3333-444444444444"));
}

static void lifecycle(virConnectPtr conn, virDomainPtr dom)
{
    show_int("virDomainSuspend", virDomainSuspend(dom));
    show_domain_info("  after suspend", dom);
    show_int("virDomainSuspend again", virDomainSuspend(dom));
    show_int("virDomainResume", virDomainResume(dom));
    show_int("virDomainResume again", virDomainResume(dom));
    show_int("virDomainReboot", virDomainReboot(dom, 0));
    show_int("virDomainShutdown", virDomainShutdown(dom));
    printf("  id after shutdown = %u\n", virDomainGetID(dom));
    show_domain_info("  after shutdown", dom);
    show_int("virDomainShutdown again", virDomainShutdown(dom));
    show_int("virDomainDestroy inactive", virDomainDestroy(dom));
    show_active(conn);
    show_defined(conn);
    show_int("virDomainCreate", virDomainCreate(dom));
    printf("  id after create = %u\n", virDomainGetID(dom));
    show_int("virDomainCreate again", virDomainCreate(dom));

    /* Relative paths are taken from the current directory, which is the temporary directory. */
    show_int("virDomainSave", virDomainSave(dom, "test.save"));
    printf("  id after save = %u\n", virDomainGetID(dom));
    show_domain_info("  after save", dom);
    show_int("virDomainSave(NULL)", virDomainSave(dom, NULL));
    show_int("virDomainSave inactive", virDomainSave(dom, "again.save"));
    show_int("virDomainRestore", virDomainRestore(conn, "test.save"));
    show_int("virDomainRestore(missing)", virDomainRestore(conn, "missing.save"));
    show_int("virDomainRestore(NULL)", virDomainRestore(conn, NULL));
    unlink("test.save");
    virDomainPtr restored = (virDomainPtr)show_ptr("lookup restored", virDomainLookupByName(conn, "test"));
    printf("  id after restore = %u\n", virDomainGetID(restored));
    show_domain_info("  after restore", restored);
    virDomainFree(restored);

    show_int("virDomainDestroy", virDomainDestroy(dom));
    show_int("virDomainCreate after destroy", virDomainCreate(dom));
}

static const char *newXML =
    "<domain type='test'>"
    "<name>seed</name>"
    "<uuid>11112222-3333-4444-5555-666677778888</uuid>"
    "<memory>262144</memory>"
    "<vcpu>2</vcpu>"
    "<os><type>hvm</type></os>"
    "</domain>";

static const char *transientXML =
    "<domain type='test'>"
    "<name>transient</name>"
    "<uuid>99998888-7777-6666-5555-444433332222</uuid>"
    "<memory>131072</memory>"
    "<vcpu>1</vcpu>"
    "<os><type>hvm</type></os>"
    "</domain>";

static const char *notUTF8XML =
    "<domain type='test'><name>bad\xff\xfename</name><memory>65536</memory><os><type>hvm</type></os></domain>";

static void definitions(virConnectPtr conn)
{
    virDomainPtr dom = (virDomainPtr)show_ptr("virDomainDefineXML", virDomainDefineXML(conn, newXML));
    printf("  name=%s id=%u\n", S(virDomainGetName(dom)), virDomainGetID(dom));
    show_domain_info("  defined", dom);
    show_defined(conn);
    show_ptr("virDomainDefineXML(NULL)", virDomainDefineXML(conn, NULL));
    show_ptr("virDomainDefineXML(garbage)", virDomainDefineXML(conn, "<domain"));
    show_ptr("virDomainDefineXML(no name)", virDomainDefineXML(conn, "<domain type='test'><memory>1024</memory></domain>"));
    show_int("virDomainSetMaxMemory inactive", virDomainSetMaxMemory(dom, 524288));
    show_int("virDomainSetMemory inactive", virDomainSetMemory(dom, 131072));
    show_int("virDomainSetVcpus inactive", virDomainSetVcpus(dom, 1));
    show_domain_info("  resized", dom);
    char *xml = virDomainGetXMLDesc(dom, 0);
    printf("virDomainGetXMLDesc inactive =\n%s", S(xml));
    free(xml);
    show_int("virDomainCreate", virDomainCreate(dom));
    printf("  id=%u\n", virDomainGetID(dom));
    show_active(conn);
    show_int("virDomainUndefine running", virDomainUndefine(dom));
    show_defined(conn);
    show_int("virDomainDestroy", virDomainDestroy(dom));
    show_active(conn);
    show_int("virDomainUndefine gone", virDomainUndefine(dom));
    show_int("virDomainFree", virDomainFree(dom));

    dom = (virDomainPtr)show_ptr("virDomainCreateLinux", virDomainCreateLinux(conn, transientXML, VIR_DOMAIN_NONE));
    printf("  name=%s id=%u\n", S(virDomainGetName(dom)), virDomainGetID(dom));
    show_domain_info("  transient", dom);
    show_active(conn);
    show_defined(conn);
    show_ptr("virDomainCreateLinux again", virDomainCreateLinux(conn, transientXML, 0));
    show_ptr("virDomainCreateLinux(NULL)", virDomainCreateLinux(conn, NULL, 0));
    /* Bytes that are not UTF-8 fail with libxml2's error, never become U+FFFD (a name "bad\xff" and one
     * "bad\xfe" would then be one and the same). */
    show_ptr("virDomainCreateLinux(not UTF-8)", virDomainCreateLinux(conn, notUTF8XML, 0));
    show_ptr("virDomainDefineXML(not UTF-8)", virDomainDefineXML(conn, notUTF8XML));
    show_ptr("virConnectOpen(not UTF-8)", virConnectOpen("test:///default\xff"));
    show_int("virDomainShutdown transient", virDomainShutdown(dom));
    show_active(conn);
    show_domain_info("  gone", dom);
    show_int("virDomainFree", virDomainFree(dom));
}

static void resources(virDomainPtr dom)
{
    printf("virDomainGetMaxMemory = %lu\n", virDomainGetMaxMemory(dom));
    show_int("virDomainSetMemory", virDomainSetMemory(dom, 1048576));
    show_domain_info("  after virDomainSetMemory", dom);
    show_int("virDomainSetMemory(0)", virDomainSetMemory(dom, 0));
    show_int("virDomainSetMemory(too much)", virDomainSetMemory(dom, 16777216));
    show_int("virDomainSetMemory(overflow)", virDomainSetMemory(dom, (unsigned long)-1));
    show_int("virDomainSetMaxMemory running", virDomainSetMaxMemory(dom, 4194304));
    show_int("virDomainSetMaxMemory(0)", virDomainSetMaxMemory(dom, 0));
    show_int("virDomainSetMaxMemory(2^53)", virDomainSetMaxMemory(dom, 1UL << 53));
    show_int("virDomainSetMaxMemory(2^60)", virDomainSetMaxMemory(dom, 1UL << 60));
    show_int("virDomainSetVcpus(0)", virDomainSetVcpus(dom, 0));
    show_int("virDomainSetVcpus(1)", virDomainSetVcpus(dom, 1));
    show_int("virDomainSetVcpus(64)", virDomainSetVcpus(dom, 64));
    show_int("virDomainSetVcpus(2)", virDomainSetVcpus(dom, 2));
    show_domain_info("  after virDomainSetVcpus", dom);
}

static void vcpus(virConnectPtr conn, virDomainPtr dom)
{
    virNodeInfo node;
    virVcpuInfo info[4];
    virNodeGetInfo(conn, &node);
    int cpus = VIR_NODEINFO_MAXCPUS(node);
    int maplen = VIR_CPU_MAPLEN(cpus);
    unsigned char *cpumaps = calloc(4, maplen);
    unsigned char *cpumap = calloc(1, maplen);

    int count = show_int("virDomainGetVcpus", virDomainGetVcpus(dom, info, 4, cpumaps, maplen));
    for (int v = 0; v < count; v++) {
        printf("  vcpu number=%u state=%d cpu=%d cpuTime=%s usable:", info[v].number, info[v].state,
               info[v].cpu, info[v].cpuTime ? "set" : "0");
        for (int c = 0; c < cpus; c++)
            printf("%c", VIR_CPU_USABLE(cpumaps, maplen, v, c) ? 'y' : '-');
        printf("\n");
    }
    VIR_COPY_CPUMAP(cpumaps, maplen, 0, cpumap);
    printf("  VIR_COPY_CPUMAP equal=%d\n", memcmp(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, 0), maplen) == 0);

    memset(cpumap, 0, maplen);
    VIR_USE_CPU(cpumap, 1);
    VIR_USE_CPU(cpumap, 3);
    VIR_USE_CPU(cpumap, 4);
    VIR_UNUSE_CPU(cpumap, 4);
    printf("  map byte0=0x%02x used(3)=%d used(4)=%d\n", cpumap[0], !!VIR_CPU_USED(cpumap, 3), !!VIR_CPU_USED(cpumap, 4));
    show_int("virDomainPinVcpu", virDomainPinVcpu(dom, 1, cpumap, maplen));
    show_int("virDomainPinVcpu(short map)", virDomainPinVcpu(dom, 0, cpumap, 1));
    count = show_int("virDomainGetVcpus after pin", virDomainGetVcpus(dom, info, 4, cpumaps, maplen));
    for (int v = 0; v < count; v++) {
        printf("  vcpu %u cpu=%d usable:", info[v].number, info[v].cpu);
        for (int c = 0; c < cpus; c++)
            printf("%c", VIR_CPU_USABLE(cpumaps, maplen, v, c) ? 'y' : '-');
        printf("\n");
    }
    show_int("virDomainGetVcpus(1 info, 1-byte maps)", virDomainGetVcpus(dom, info, 1, cpumaps, 1));
    printf("  first map byte=0x%02x\n", cpumaps[0]);
    show_int("virDomainGetVcpus(no maps)", virDomainGetVcpus(dom, info, 4, NULL, 0));
    show_int("virDomainPinVcpu(vcpu 9)", virDomainPinVcpu(dom, 9, cpumap, maplen));
    memset(cpumap, 0, maplen);
    show_int("virDomainPinVcpu(empty map)", virDomainPinVcpu(dom, 0, cpumap, maplen));
    show_int("virDomainPinVcpu(NULL map)", virDomainPinVcpu(dom, 0, NULL, maplen));
    show_int("virDomainPinVcpu(maplen 0)", virDomainPinVcpu(dom, 0, cpumap, 0));
    show_int("virDomainPinVcpu(maplen -1)", virDomainPinVcpu(dom, 0, cpumap, -1));
    show_int("virDomainGetVcpus(NULL info)", virDomainGetVcpus(dom, NULL, 4, cpumaps, maplen));
    show_int("virDomainGetVcpus(maxinfo 0)", virDomainGetVcpus(dom, info, 0, cpumaps, maplen));
    show_int("virDomainGetVcpus(maps, maplen 0)", virDomainGetVcpus(dom, info, 4, cpumaps, 0));
    show_int("virDomainGetVcpus(no maps, maplen 1)", virDomainGetVcpus(dom, info, 4, NULL, 1));
    show_int("virDomainGetVcpus(overflow)", virDomainGetVcpus(dom, info, 0x7fffffff, cpumaps, 16));
    free(cpumaps);
    free(cpumap);
}

static void read_only(void)
{
    virConnectPtr ro = (virConnectPtr)show_ptr("virConnectOpenReadOnly", virConnectOpenReadOnly(uri));
    virDomainPtr dom = (virDomainPtr)show_ptr("lookup on read-only", virDomainLookupByName(ro, "test"));
    unsigned char map[1] = {1};
    show_domain_info("virDomainGetInfo read-only", dom);
    show_int("virDomainSuspend read-only", virDomainSuspend(dom));
    show_int("virDomainDestroy read-only", virDomainDestroy(dom));
    show_int("virDomainSetMemory(0) read-only", virDomainSetMemory(dom, 0));
    show_int("virDomainPinVcpu(NULL) read-only", virDomainPinVcpu(dom, 0, NULL, 1));
    show_int("virDomainPinVcpu read-only", virDomainPinVcpu(dom, 0, map, 1));
    show_int("virDomainSave(NULL) read-only", virDomainSave(dom, NULL));
    show_int("virDomainRestore(NULL) read-only", virDomainRestore(ro, NULL));
    show_ptr("virDomainDefineXML(NULL) read-only", virDomainDefineXML(ro, NULL));
    show_ptr("virDomainCreateLinux(NULL) read-only", virDomainCreateLinux(ro, NULL, 0));
    show_ptr("virDomainCreateLinux read-only", virDomainCreateLinux(ro, transientXML, 0));
    show_ptr("virDomainGetXMLDesc(secure) read-only", virDomainGetXMLDesc(dom, 1));
    virDomainFree(dom);
    show_int("virConnectClose read-only", virConnectClose(ro));
}

static void connection_errors(virConnectPtr conn)
{
    virError copy;
    virConnSetErrorFunc(conn, (void *)"conn", on_error);
    show_ptr("lookup with connection callback", virDomainLookupByName(conn, "nosuch"));
    print_error_fields("virConnGetLastError", virConnGetLastError(conn));
    show_int("virConnCopyLastError", virConnCopyLastError(conn, &copy));
    print_error_fields("connection copy", &copy);
    virResetError(&copy);
    virConnResetLastError(conn);
    printf("virConnGetLastError after reset: code=%d\n", virConnGetLastError(conn)->code);
    show_int("virConnCopyLastError after reset", virConnCopyLastError(conn, &copy));
    /* Errors on invalid handles have no connection: the global callback gets them. */
    show_ptr("virDomainGetName(NULL) with connection callback", virDomainGetName(NULL));
    virConnSetErrorFunc(conn, NULL, NULL);
    show_ptr("lookup after removing connection callback", virDomainLookupByName(conn, "nosuch"));
}

static void references(void)
{
    virConnectPtr conn = (virConnectPtr)show_ptr("virConnectOpen", virConnectOpen(uri));
    virDomainPtr a = virDomainLookupByName(conn, "test");
    virDomainPtr b = virDomainLookupByName(conn, "test");
    show_int("virConnectClose with domains", virConnectClose(conn));
    printf("  domain still usable: %s\n", S(virDomainGetName(a)));
    show_domain_info("  info through closed connection", a);
    show_int("virDomainFree a", virDomainFree(a));
    printf("  b still usable: %s\n", S(virDomainGetName(b)));
    show_int("virDomainFree b", virDomainFree(b));
}

int main(void)
{
    strcpy(tmpdir, "/tmp/seed-api-XXXXXX");
    if (!mkdtemp(tmpdir) || chdir(tmpdir) < 0) {
        perror("temporary directory");
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (getenv("SEED_URI"))
        uri = getenv("SEED_URI");

    library_and_errors();
    invalid_handles();

    virSetErrorFunc((void *)"global", on_error);
    show_ptr("virConnectOpen(test:///)", virConnectOpen("test:///"));
    setenv("LIBVIRT_DEFAULT_URI", uri, 1);
    virConnectPtr conn = (virConnectPtr)show_ptr("virConnectOpen(NULL)", virConnectOpen(NULL));
    virDomainPtr dom = (virDomainPtr)show_ptr("virDomainLookupByName", virDomainLookupByName(conn, "test"));
    if (!conn || !dom)
        return 1;

    host(conn);
    listing(conn);
    identity(conn, dom);
    lifecycle(conn, dom);
    definitions(conn);
    resources(dom);
    vcpus(conn, dom);
    read_only();
    connection_errors(conn);
    printf("callbacks so far = %d\n", callbacks);

    virSetErrorFunc(NULL, NULL);
    show_ptr("back to the default handler", virDomainLookupByName(conn, "nosuch"));
    show_int("virDomainFree", virDomainFree(dom));
    show_int("virConnectClose", virConnectClose(conn));
    references();

    rmdir(tmpdir);
    return 0;
}
