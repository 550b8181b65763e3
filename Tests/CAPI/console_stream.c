/*
 * console_stream.c: a real guest's console through streams: a blocking stream reads the guest's ticks and
 * sends it a line; a second session is refused until VIR_DOMAIN_CONSOLE_FORCE takes the console; a
 * non-blocking stream's event callback, run by libvirt's default event loop, reads the ticks as they come.
 * Usage: console_stream URI XML-FILE (a domain with a pty serial console). Prints one line per step.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char seen[65536];
static size_t used;
static int ticks_seen, callbacks;

static void keep(const char *data, int count)
{
    if (count <= 0)
        return;
    if (used + (size_t)count >= sizeof(seen))
        used = 0;
    memcpy(seen + used, data, (size_t)count);
    used += (size_t)count;
    seen[used] = 0;
}

static void readable(virStreamPtr stream, int events, void *opaque)
{
    char buffer[1024];
    int count;
    (void)opaque;
    callbacks++;
    if (!(events & VIR_STREAM_EVENT_READABLE))
        return;
    while ((count = virStreamRecv(stream, buffer, sizeof(buffer))) > 0)
        keep(buffer, count);
    if (strstr(seen, "SWIFTVIRT-TICK"))
        ticks_seen = 1;
}

static void wake(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char *text;
    size_t n;
    if (!f)
        return NULL;
    text = calloc(1, 65536);
    n = fread(text, 1, 65535, f);
    text[n] = 0;
    fclose(f);
    return text;
}

int main(int argc, char **argv)
{
    char buffer[1024], *xml;
    int count, reads = 0, rounds = 0, timer;
    virConnectPtr conn;
    virDomainPtr dom;
    virStreamPtr first, second, third;

    if (argc != 3 || !(xml = read_file(argv[2])))
        return 2;
    virSetErrorFunc(NULL, NULL);
    if (virEventRegisterDefaultImpl() < 0)
        return 1;
    conn = virConnectOpen(argv[1]);
    dom = conn ? virDomainCreateLinux(conn, xml, 0) : NULL;
    if (!dom) {
        printf("FAIL create: %s\n", virGetLastErrorMessage());
        return 1;
    }

    first = virStreamNew(conn, 0);
    printf("open console: %d\n", virDomainOpenConsole(dom, NULL, first, 0));
    while (!strstr(seen, "SWIFTVIRT-TICK") && reads++ < 2000 && (count = virStreamRecv(first, buffer, sizeof(buffer))) > 0)
        keep(buffer, count);
    printf("blocking reads bring ticks: %d\n", strstr(seen, "SWIFTVIRT-TICK") != NULL);
    printf("send a line: %d\n", virStreamSend(first, "\n", 1));

    second = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    printf("a second session: %d\n", virDomainOpenConsole(dom, NULL, second, 0));
    printf("  %s\n", virGetLastErrorMessage());
    virStreamFree(second);

    third = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    printf("forced: %d\n", virDomainOpenConsole(dom, NULL, third, VIR_DOMAIN_CONSOLE_FORCE));
    used = 0;
    seen[0] = 0;
    printf("callback added: %d\n", virStreamEventAddCallback(third, VIR_STREAM_EVENT_READABLE, readable, NULL, NULL));
    printf("a second callback: %d\n", virStreamEventAddCallback(third, VIR_STREAM_EVENT_READABLE, readable, NULL, NULL));
    timer = virEventAddTimeout(1000, wake, NULL, NULL);
    while (!ticks_seen && rounds++ < 60)
        virEventRunDefaultImpl();
    printf("the callback read ticks: %d (called %s)\n", ticks_seen, callbacks > 0 ? "yes" : "no");
    virEventRemoveTimeout(timer);
    printf("callback removed: %d\n", virStreamEventRemoveCallback(third));
    printf("removed again: %d\n", virStreamEventRemoveCallback(third));
    printf("  %s\n", virGetLastErrorMessage());
    printf("abort: %d\n", virStreamAbort(third));
    count = virStreamRecv(third, buffer, sizeof(buffer));
    printf("recv after abort: %d %s\n", count, virGetLastErrorMessage());
    /* The forced session ended the first one (this process's own): it is not open any more. */
    count = virStreamFinish(first);
    printf("finish the first: %d %s\n", count, virGetLastErrorMessage());
    printf("free: %d\n", virStreamFree(third));
    printf("free the first: %d\n", virStreamFree(first));

    printf("destroy: %d\n", virDomainDestroy(dom));
    virDomainFree(dom);
    free(xml);
    printf("close: %d\n", virConnectClose(conn));
    return 0;
}
