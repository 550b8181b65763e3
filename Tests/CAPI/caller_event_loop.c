/*
 * caller_event_loop.c: domain events on the program's own event loop (virEventRegisterImpl, as glib or Qt
 * programs register theirs) on test:///default: a small poll() loop of the program's, run on its main
 * thread between the steps; virEventAddTimeout and virEventAddHandle reach the program's functions; a
 * callback keeps the connection with virConnectRef, so closing it once leaves it open. One line per fact.
 *
 * Built against SwiftVirt and against Debian's libvirt 9.0; CAPITests requires identical output.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include "report.h"
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *guest_xml =
    "<domain type='test'><name>loopguest</name><uuid>7c8e2f0c-51c4-4f1e-9a39-3d5b7c0d2e13</uuid>"
    "<memory>65536</memory><os><type>hvm</type></os></domain>";

/* ---- the program's event loop ---- */

#define SLOTS 32
static struct { int used, fd, events; virEventHandleCallback cb; void *opaque; virFreeCallback ff; } handles[SLOTS];
static struct { int used, frequency; long long due; virEventTimeoutCallback cb; void *opaque; virFreeCallback ff; } timers[SLOTS];

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int add_handle(int fd, int events, virEventHandleCallback cb, void *opaque, virFreeCallback ff)
{
    int i;
    for (i = 0; i < SLOTS; i++)
        if (!handles[i].used) {
            handles[i].used = 1, handles[i].fd = fd, handles[i].events = events;
            handles[i].cb = cb, handles[i].opaque = opaque, handles[i].ff = ff;
            return i + 1;
        }
    return -1;
}

static void update_handle(int watch, int events)
{
    if (watch >= 1 && watch <= SLOTS && handles[watch - 1].used)
        handles[watch - 1].events = events;
}

static int remove_handle(int watch)
{
    if (watch < 1 || watch > SLOTS || !handles[watch - 1].used)
        return -1;
    handles[watch - 1].used = 0;
    if (handles[watch - 1].ff)
        handles[watch - 1].ff(handles[watch - 1].opaque);
    return 0;
}

static int add_timeout(int frequency, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    int i;
    for (i = 0; i < SLOTS; i++)
        if (!timers[i].used) {
            timers[i].used = 1, timers[i].frequency = frequency, timers[i].due = now_ms() + (frequency > 0 ? frequency : 0);
            timers[i].cb = cb, timers[i].opaque = opaque, timers[i].ff = ff;
            return i + 1;
        }
    return -1;
}

static void update_timeout(int timer, int frequency)
{
    if (timer >= 1 && timer <= SLOTS && timers[timer - 1].used) {
        timers[timer - 1].frequency = frequency;
        timers[timer - 1].due = now_ms() + (frequency > 0 ? frequency : 0);
    }
}

static int remove_timeout(int timer)
{
    if (timer < 1 || timer > SLOTS || !timers[timer - 1].used)
        return -1;
    timers[timer - 1].used = 0;
    if (timers[timer - 1].ff)
        timers[timer - 1].ff(timers[timer - 1].opaque);
    return 0;
}

/* One iteration: waits at most 20 ms for a handle, then runs the due timers and the ready handles. */
static void iterate(void)
{
    struct pollfd fds[SLOTS];
    int watch[SLOTS], n = 0, i, wait = 20;
    long long now = now_ms();
    for (i = 0; i < SLOTS; i++)
        if (timers[i].used && timers[i].frequency >= 0 && timers[i].due - now < wait)
            wait = timers[i].due > now ? (int)(timers[i].due - now) : 0;
    for (i = 0; i < SLOTS; i++)
        if (handles[i].used && handles[i].events) {
            fds[n].fd = handles[i].fd, fds[n].revents = 0;
            fds[n].events = (handles[i].events & VIR_EVENT_HANDLE_READABLE ? POLLIN : 0) |
                            (handles[i].events & VIR_EVENT_HANDLE_WRITABLE ? POLLOUT : 0);
            watch[n++] = i + 1;
        }
    poll(fds, n, wait);
    now = now_ms();
    for (i = 0; i < SLOTS; i++)
        if (timers[i].used && timers[i].frequency >= 0 && timers[i].due <= now) {
            timers[i].due = now + (timers[i].frequency > 0 ? timers[i].frequency : 0);
            timers[i].cb(i + 1, timers[i].opaque);
        }
    for (i = 0; i < n; i++)
        if (fds[i].revents && handles[watch[i] - 1].used)
            handles[watch[i] - 1].cb(watch[i], fds[i].fd,
                                     (fds[i].revents & POLLIN ? VIR_EVENT_HANDLE_READABLE : 0) |
                                     (fds[i].revents & POLLOUT ? VIR_EVENT_HANDLE_WRITABLE : 0) |
                                     (fds[i].revents & POLLHUP ? VIR_EVENT_HANDLE_HANGUP : 0), handles[watch[i] - 1].opaque);
}

/* ---- callbacks ---- */

static int delivered, freed;
static virConnectPtr kept;

static int lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    printf("  [%s] lifecycle %s: event %d detail %d\n", (const char *)opaque, virDomainGetName(dom), event, detail);
    if (!kept && virConnectRef(conn) == 0)
        kept = conn;
    delivered++;
    return 0;
}

static void free_cb(void *opaque)
{
    (void)opaque;
    freed++;
}

static void tick(int timer, void *opaque)
{
    printf("  [timer] %s fired\n", (const char *)opaque);
    delivered++;
    virEventRemoveTimeout(timer);
}

/* Runs the loop until `expected` events in all have come (at most 5 s), and 200 ms more for any the step
 * should not have made. */
static void settle(const char *step, int expected)
{
    long long deadline = now_ms() + 5000, quiet_until;
    while (delivered < expected && now_ms() < deadline)
        iterate();
    quiet_until = now_ms() + 200;
    while (now_ms() < quiet_until)
        iterate();
    printf("%s: %d events so far\n", step, delivered);
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;
    int id, rc;

    virSetErrorFunc(NULL, quiet);
    virEventRegisterImpl(add_handle, update_handle, remove_handle, add_timeout, update_timeout, remove_timeout);
    /* Ignored: the program's loop stays the one. */
    virEventRegisterImpl(NULL, NULL, NULL, NULL, NULL, NULL);

    rc = virEventAddTimeout(0, tick, "program's", NULL);
    printf("virEventAddTimeout through the program's loop: %s\n", rc > 0 ? "a timer" : "refused");
    settle("timer", 1);

    conn = virConnectOpen("test:///default");
    if (!conn) {
        show("virConnectOpen", -1);
        return 1;
    }
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(lifecycle), "any", free_cb);
    printf("registered: %s\n", id >= 0 ? "yes" : "no");

    dom = virDomainDefineXML(conn, guest_xml);
    show("define", dom ? 0 : -1);
    settle("define", 2);
    show("start", virDomainCreate(dom));
    settle("start", 3);
    show("suspend", virDomainSuspend(dom));
    settle("suspend", 4);
    show("resume", virDomainResume(dom));
    settle("resume", 5);
    show("destroy", virDomainDestroy(dom));
    settle("destroy", 6);

    /* The callback took a reference: one close leaves the connection open and working. */
    printf("first close: %d\n", virConnectClose(conn));
    show("undefine after the first close", virDomainUndefine(dom));
    settle("undefine", 7);
    show("deregister", virConnectDomainEventDeregisterAny(conn, id));
    settle("deregistered", 7);
    printf("free callback called: %d\n", freed);
    virDomainFree(dom);
    printf("virConnectRef of NULL: %d\n", virConnectRef(NULL));
    printf("last close: %d\n", virConnectClose(kept));
    return 0;
}
