/*
 * handles.c: pointers that are not live objects of the right kind (freed, closed, forged, or of the
 * other kind) are refused with libvirt's VIR_ERR_INVALID_DOMAIN / VIR_ERR_INVALID_CONN errors instead of
 * crashing. libvirt itself only half manages this (it reads freed memory to check an object's class), so
 * this runs against SwiftVirt alone. Prints one line per check; exits 1 on the first wrong answer.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void expect_error(const char *what, int code, int domain, const char *message)
{
    virErrorPtr err = virGetLastError();
    if (err && err->code == code && err->domain == domain && strcmp(err->message, message) == 0) {
        printf("ok: %s: %s\n", what, message);
        return;
    }
    printf("WRONG: %s: expected \"%s\", got \"%s\"\n", what, message, err ? err->message : "no error");
    failures++;
}

static void quiet(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
}

int main(void)
{
    virDomainInfo info;
    long notAnObject = 42;
    virSetErrorFunc(NULL, quiet);

    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    if (!conn || !dom) {
        printf("WRONG: cannot open test:///default\n");
        return 1;
    }

    /* A freed domain object. */
    virDomainPtr freed = virDomainLookupByName(conn, "test");
    virDomainFree(freed);
    virDomainGetName(freed);
    expect_error("freed domain", VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM, "invalid domain pointer in virDomainGetName");
    virDomainGetInfo(freed, &info);
    expect_error("freed domain", VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM, "invalid domain pointer in virDomainGetInfo");
    if (virDomainFree(freed) != -1)
        failures++;
    expect_error("double free", VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM, "invalid domain pointer in virDomainFree");
    if (virDomainRef(freed) != -1)
        failures++;
    expect_error("reference on a freed domain", VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM, "invalid domain pointer in virDomainRef");

    /* A referenced object lives until its last reference is dropped. */
    virDomainPtr shared = virDomainLookupByName(conn, "test");
    if (virDomainRef(shared) != 0 || virDomainFree(shared) != 0 || virDomainGetID(shared) != 1) {
        printf("WRONG: a referenced domain object ended at its first free\n");
        failures++;
    }
    if (virDomainFree(shared) != 0 || virDomainFree(shared) != -1)
        failures++;
    expect_error("a referenced domain freed once too often", VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                 "invalid domain pointer in virDomainFree");

    /* Forged pointers: a stack variable, a small integer, a high address. */
    virDomainSuspend((virDomainPtr)&notAnObject);
    expect_error("stack pointer as domain", VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                 "invalid domain pointer in virDomainSuspend");
    virConnectNumOfDomains((virConnectPtr)(uintptr_t)0x1234);
    expect_error("small integer as connection", VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                 "invalid connection pointer in virConnectNumOfDomains");
    virConnectClose((virConnectPtr)(uintptr_t)0xffffffffffff0000ULL);
    expect_error("high address as connection", VIR_ERR_INVALID_CONN, VIR_FROM_NONE,
                 "invalid connection pointer in virConnectClose");

    /* One kind of handle passed as the other. */
    virConnectGetType((virConnectPtr)dom);
    expect_error("domain as connection", VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                 "invalid connection pointer in virConnectGetType");
    virDomainGetID((virDomainPtr)conn);
    expect_error("connection as domain", VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                 "invalid domain pointer in virDomainGetID");
    if (virConnGetLastError((virConnectPtr)dom) != NULL) {
        printf("WRONG: virConnGetLastError accepted a domain\n");
        failures++;
    }

    /* A connection closed for good. */
    virConnectPtr closed = virConnectOpen("test:///default");
    if (virConnectClose(closed) != 0)
        failures++;
    virDomainLookupByName(closed, "test");
    expect_error("closed connection", VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                 "invalid connection pointer in virDomainLookupByName");
    if (virConnectClose(closed) != -1)
        failures++;
    expect_error("double close", VIR_ERR_INVALID_CONN, VIR_FROM_NONE, "invalid connection pointer in virConnectClose");

    /* The real objects still work. */
    if (virDomainGetInfo(dom, &info) != 0 || info.state != VIR_DOMAIN_RUNNING) {
        printf("WRONG: the live domain stopped working\n");
        failures++;
    }
    virDomainFree(dom);
    if (virConnectClose(conn) != 0)
        failures++;
    printf("%s\n", failures ? "FAILED" : "all handles checked");
    return failures ? 1 : 0;
}
