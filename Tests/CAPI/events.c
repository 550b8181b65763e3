/*
 * events.c: domain events through the C API on test:///default (or SEED_URI): libvirt's default event
 * loop run on a thread of its own, callbacks registered with virConnectDomainEventRegisterAny and the
 * legacy virConnectDomainEventRegister, events from this connection's calls and another's, the argument
 * errors, and the free callbacks. Only the callbacks and the main thread's steps print, in an order both
 * libraries fix: the main thread waits for the events of a step to be delivered before the next.
 *
 * Built against SwiftVirt and against Debian's libvirt 9.0; CAPITests requires identical output.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include "report.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *guest_xml =
    "<domain type='test'><name>evguest</name><uuid>6b8e2f0c-51c4-4f1e-9a39-3d5b7c0d2e12</uuid>"
    "<memory>65536</memory><os><type>hvm</type></os></domain>";

static volatile int running = 1;
static volatile int delivered = 0;
static volatile int freed = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The first defined domain's object, kept past its callback by a reference of the callback's own. */
static virDomainPtr kept = NULL;

static int lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn;
    pthread_mutex_lock(&lock);
    printf("  [%s] lifecycle %s: event %d detail %d\n", (const char *)opaque, virDomainGetName(dom), event, detail);
    if (!kept && event == VIR_DOMAIN_EVENT_DEFINED && strcmp((const char *)opaque, "any") == 0 && virDomainRef(dom) == 0)
        kept = dom;
    delivered++;
    pthread_mutex_unlock(&lock);
    return 0;
}

static void reboot_cb(virConnectPtr conn, virDomainPtr dom, void *opaque)
{
    (void)conn;
    pthread_mutex_lock(&lock);
    printf("  [%s] reboot %s\n", (const char *)opaque, virDomainGetName(dom));
    delivered++;
    pthread_mutex_unlock(&lock);
}

static void balloon_cb(virConnectPtr conn, virDomainPtr dom, unsigned long long actual, void *opaque)
{
    (void)conn;
    pthread_mutex_lock(&lock);
    printf("  [%s] balloon %s: %llu\n", (const char *)opaque, virDomainGetName(dom), actual);
    delivered++;
    pthread_mutex_unlock(&lock);
}

static void free_cb(void *opaque)
{
    (void)opaque;
    __sync_fetch_and_add(&freed, 1);
}

static void readable(int watch, int fd, int events, void *opaque)
{
    char byte;
    (void)opaque;
    pthread_mutex_lock(&lock);
    printf("  [handle] fd readable: %d, read %d\n", events == VIR_EVENT_HANDLE_READABLE, (int)read(fd, &byte, 1));
    delivered++;
    pthread_mutex_unlock(&lock);
    virEventRemoveHandle(watch);
}

static void once(int timer, void *opaque)
{
    pthread_mutex_lock(&lock);
    printf("  [timer] %s fired\n", (const char *)opaque);
    delivered++;
    pthread_mutex_unlock(&lock);
    virEventRemoveTimeout(timer);
}

static void wake(int timer, void *opaque)
{
    (void)opaque;
    virEventRemoveTimeout(timer);
}

static void *loop(void *unused)
{
    (void)unused;
    while (running)
        if (virEventRunDefaultImpl() < 0)
            break;
    return NULL;
}

/* What the calls of a step returned, printed by settle(): the loop's thread prints the step's events
 * meanwhile, so the main thread prints nothing until they are all in. */
static char outcomes[1024];

static void call(const char *label, int rc)
{
    size_t used = strlen(outcomes);
    snprintf(outcomes + used, sizeof(outcomes) - used, "%s%s %d", used ? ", " : "", label, rc);
}

/* Waits until `expected` events in all have come (at most 10 s: through a daemon libvirt's client can be
 * slow to hand them over), and 300 ms more for any the step should not have made, then prints the step's
 * calls and how many events came so far. */
static void settle(const char *step, int expected)
{
    int waited = 0, last;
    while (delivered < expected && waited < 10000) {
        usleep(20000);
        waited += 20;
    }
    do {
        last = delivered;
        usleep(300000);
    } while (delivered != last);
    pthread_mutex_lock(&lock);
    printf("after %s (%s): %d events so far\n", step, outcomes, delivered);
    outcomes[0] = 0;
    pthread_mutex_unlock(&lock);
}

int main(void)
{
    const char *uri = getenv("SEED_URI") ? getenv("SEED_URI") : "test:///default";
    virConnectPtr conn, other;
    virDomainPtr dom, guest, foreign;
    pthread_t thread;
    int any, reboot_id, balloon_id, on_test, rc;
    int fds[2];
    unsigned long memory;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen(uri);
    other = virConnectOpen(uri);
    if (!conn || !other) {
        show("virConnectOpen", -1);
        return 1;
    }
    dom = virDomainLookupByName(conn, "test");
    foreign = virDomainLookupByName(other, "test");
    if (!dom || !foreign)
        return 1;

    show("RegisterAny(no event loop)",
         virConnectDomainEventRegisterAny(conn, NULL, 1, VIR_DOMAIN_EVENT_CALLBACK(reboot_cb), NULL, NULL));
    printf("virEventAddTimeout(no event loop): %d\n", virEventAddTimeout(0, once, "never", NULL));
    show("virEventRegisterDefaultImpl", virEventRegisterDefaultImpl());
    pthread_create(&thread, NULL, loop, NULL);

    /* The caller's own descriptors and timers on the same loop. */
    if (pipe(fds) < 0)
        return 1;
    call("virEventAddHandle", virEventAddHandle(fds[0], VIR_EVENT_HANDLE_READABLE, readable, NULL, free_cb) > 0);
    if (write(fds[1], "x", 1) != 1)
        return 1;
    settle("a byte in the pipe", 1);
    call("virEventAddTimeout", virEventAddTimeout(20, once, "20 ms", free_cb) > 0);
    settle("a timer", 2);
    printf("virEventRemoveHandle(unknown): %d, virEventRemoveTimeout(unknown): %d\n", virEventRemoveHandle(4242),
           virEventRemoveTimeout(4242));

    show("RegisterAny(cb NULL)", virConnectDomainEventRegisterAny(conn, NULL, 0, NULL, NULL, NULL));
    show("RegisterAny(eventID -1)",
         virConnectDomainEventRegisterAny(conn, NULL, -1, VIR_DOMAIN_EVENT_CALLBACK(reboot_cb), NULL, NULL));
    show("RegisterAny(eventID LAST)", virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1,
                                                                       VIR_DOMAIN_EVENT_CALLBACK(reboot_cb), NULL, NULL));
    show("RegisterAny(other connection's domain)",
         virConnectDomainEventRegisterAny(conn, foreign, 1, VIR_DOMAIN_EVENT_CALLBACK(reboot_cb), NULL, NULL));
    show("RegisterAny(conn NULL)",
         virConnectDomainEventRegisterAny(NULL, NULL, 1, VIR_DOMAIN_EVENT_CALLBACK(reboot_cb), NULL, NULL));
    show("DeregisterAny(never registered)", virConnectDomainEventDeregisterAny(conn, 4242));
    show("DeregisterAny(-1)", virConnectDomainEventDeregisterAny(conn, -1));
    rc = virConnectDomainEventDeregister(conn, lifecycle);
    /* Its message holds the callback's address, which differs run to run. */
    printf("Deregister(never registered): %d code=%d domain=%d names the function: %d\n", rc, virGetLastErrorCode(),
           virGetLastErrorDomain(), strstr(virGetLastErrorMessage(), "event callback function 0x") != NULL &&
           strstr(virGetLastErrorMessage(), " not registered") != NULL);
    show("Register(cb NULL)", virConnectDomainEventRegister(conn, NULL, NULL, NULL));

    any = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_EVENT_CALLBACK(lifecycle),
                                           "any", free_cb);
    on_test = virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_EVENT_CALLBACK(lifecycle),
                                               "test only", free_cb);
    reboot_id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_REBOOT, VIR_DOMAIN_EVENT_CALLBACK(reboot_cb),
                                                 "reboot", free_cb);
    balloon_id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE,
                                                  VIR_DOMAIN_EVENT_CALLBACK(balloon_cb), "balloon", free_cb);
    printf("callback ids: %d %d %d %d\n", any, on_test, reboot_id, balloon_id);
    show("Register(legacy)", virConnectDomainEventRegister(conn, lifecycle, "legacy", free_cb));
    show("Register(legacy, again)", virConnectDomainEventRegister(conn, lifecycle, "legacy", free_cb));
    rc = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_REBOOT, VIR_DOMAIN_EVENT_CALLBACK(reboot_cb),
                                          "reboot", free_cb);
    show("RegisterAny(the same again)", rc > 0 ? 0 : rc);
    if (rc > 0)
        virConnectDomainEventDeregisterAny(conn, rc);

    guest = virDomainDefineXML(conn, guest_xml);
    settle("define", 4);
    call("virDomainCreate", virDomainCreate(guest));
    settle("create", 6);
    call("virDomainSuspend", virDomainSuspend(guest));
    call("virDomainResume", virDomainResume(guest));
    settle("suspend, resume", 10);
    call("virDomainSuspend(test, other connection)", virDomainSuspend(foreign));
    call("virDomainResume(test, other connection)", virDomainResume(foreign));
    settle("another connection's suspend, resume", 16);
    memory = virDomainGetMaxMemory(dom);
    call("virDomainSetMemory(test)", virDomainSetMemory(dom, memory / 2));
    settle("set memory", 16);
    call("virDomainReboot(test)", virDomainReboot(dom, 0));
    settle("reboot", 16);
    call("virDomainShutdown(test)", virDomainShutdown(dom));
    settle("shutdown", 19);
    call("virDomainCreate(test)", virDomainCreate(dom));
    settle("start", 22);
    call("virDomainDestroy", virDomainDestroy(guest));
    call("virDomainUndefine", virDomainUndefine(guest));
    settle("destroy, undefine", 26);

    printf("kept from the define event: %s\n", kept ? virDomainGetName(kept) : "nothing");
    show("virDomainFree(kept)", kept ? virDomainFree(kept) : -1);
    show("virDomainRef(NULL)", virDomainRef(NULL));
    show("DeregisterAny(test only)", virConnectDomainEventDeregisterAny(conn, on_test));
    show("DeregisterAny(test only, again)", virConnectDomainEventDeregisterAny(conn, on_test));
    call("virDomainSuspend(test)", virDomainSuspend(dom));
    call("virDomainResume(test)", virDomainResume(dom));
    settle("suspend, resume with one callback fewer", 30);
    show("Deregister(legacy)", virConnectDomainEventDeregister(conn, lifecycle));
    show("DeregisterAny(any)", virConnectDomainEventDeregisterAny(conn, any));
    show("DeregisterAny(reboot)", virConnectDomainEventDeregisterAny(conn, reboot_id));
    show("DeregisterAny(balloon)", virConnectDomainEventDeregisterAny(conn, balloon_id));
    call("virDomainSuspend(test)", virDomainSuspend(dom));
    call("virDomainResume(test)", virDomainResume(dom));
    settle("suspend, resume with no callback", 30);
    for (rc = 0; rc < 100 && freed < 7; rc++)
        usleep(20000);
    printf("free callbacks: %d\n", freed);

    running = 0;
    virEventAddTimeout(0, wake, NULL, NULL);
    pthread_join(thread, NULL);
    virDomainFree(guest);
    virDomainFree(foreign);
    virDomainFree(dom);
    show("virConnectClose(other)", virConnectClose(other));
    show("virConnectClose", virConnectClose(conn));
    return 0;
}
