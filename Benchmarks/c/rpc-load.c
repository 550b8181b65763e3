/*
 * rpc-load.c: a load client for a libvirt daemon, linked to Debian's libvirt.so (the client every tool uses).
 * CONNECTIONS threads each open URI and, for SECONDS, loop virDomainLookupByName("test") + virDomainGetInfo
 * on test:///default, checking every answer. Prints "calls_per_second N" and "errors N".
 * Built and run by scripts/bench-daemon.sh against virtd and against a fresh private libvirtd.
 * Usage: rpc-load URI CONNECTIONS SECONDS
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *uri;
static double seconds;

struct worker {
    pthread_t thread;
    long calls;
    long errors;
};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void quiet(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
}

static void *run(void *arg)
{
    struct worker *w = arg;
    virConnectPtr conn = virConnectOpen(uri);
    if (!conn) {
        w->errors++;
        return NULL;
    }
    double end = now() + seconds;
    while (now() < end) {
        for (int i = 0; i < 50; i++) {
            virDomainPtr dom = virDomainLookupByName(conn, "test");
            virDomainInfo info;
            if (!dom || virDomainGetInfo(dom, &info) < 0 || info.maxMem != 8388608 || info.nrVirtCpu != 2)
                w->errors++;
            if (dom)
                virDomainFree(dom);
            w->calls += 2;
        }
    }
    virConnectClose(conn);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s URI CONNECTIONS SECONDS\n", argv[0]);
        return 2;
    }
    uri = argv[1];
    int count = atoi(argv[2]);
    seconds = atof(argv[3]);
    virSetErrorFunc(NULL, quiet);
    struct worker *workers = calloc(count, sizeof *workers);
    double start = now();
    for (int i = 0; i < count; i++)
        pthread_create(&workers[i].thread, NULL, run, &workers[i]);
    long calls = 0, errors = 0;
    for (int i = 0; i < count; i++) {
        pthread_join(workers[i].thread, NULL);
        calls += workers[i].calls;
        errors += workers[i].errors;
    }
    double elapsed = now() - start;
    printf("calls_per_second %.0f\nerrors %ld\n", calls / elapsed, errors);
    free(workers);
    return errors ? 1 : 0;
}
