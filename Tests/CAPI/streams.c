/*
 * streams.c: streams on test:///default, whose driver has no consoles: creating and referencing them, and
 * what every transfer call answers on a stream no driver took (libvirt's "not supported"; abort succeeds),
 * blocking and non-blocking, with every error's fields.
 *
 * Built against SwiftVirt and against Debian's libvirt 9.0; CAPITests requires identical output.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include "report.h"
#include <stdio.h>
#include <stdlib.h>

static void on_event(virStreamPtr stream, int events, void *opaque)
{
    (void)stream;
    (void)events;
    (void)opaque;
}

static void transfers(virConnectPtr conn, virDomainPtr dom, unsigned int flags)
{
    char buffer[16];
    virStreamPtr st = virStreamNew(conn, flags);
    printf("stream (flags %u): %s\n", flags, st ? "made" : "none");
    show("open console", virDomainOpenConsole(dom, NULL, st, 0));
    show("recv", virStreamRecv(st, buffer, sizeof(buffer)));
    show("send", virStreamSend(st, "x", 1));
    show("add callback", virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, on_event, NULL, NULL));
    show("update callback", virStreamEventUpdateCallback(st, VIR_STREAM_EVENT_WRITABLE));
    show("remove callback", virStreamEventRemoveCallback(st));
    show("finish", virStreamFinish(st));
    show("abort", virStreamAbort(st));
    show("ref", virStreamRef(st));
    show("free", virStreamFree(st));
    show("free the last reference", virStreamFree(st));
}

int main(void)
{
    virConnectPtr conn;
    virDomainPtr dom;

    virInitialize();  /* libvirt 9.0 crashes on an error reported before it is initialized */
    virSetErrorFunc(NULL, quiet);
    show("stream of no connection", virStreamNew(NULL, 0) ? 0 : -1);
    show("recv on no stream", virStreamRecv(NULL, NULL, 0));
    show("free no stream", virStreamFree(NULL));
    conn = virConnectOpen(getenv("SEED_URI") ? getenv("SEED_URI") : "test:///default");
    dom = virDomainLookupByName(conn, "test");
    if (!conn || !dom) {
        show("open", -1);
        return 1;
    }
    transfers(conn, dom, 0);
    transfers(conn, dom, VIR_STREAM_NONBLOCK);
    show("console without a stream", virDomainOpenConsole(dom, NULL, NULL, 0));
    virDomainFree(dom);
    printf("close: %d\n", virConnectClose(conn));
    return 0;
}
