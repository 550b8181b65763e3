/*
 * threads.c: the C API from 8 threads at once. Each thread opens its own connection to test:///default
 * and also uses one connection shared by all; it looks up, inspects, defines, starts, pauses and removes
 * domains, and fails calls on purpose to check that its last error is its own. Any wrong answer is
 * printed and makes the program exit 1; on success it prints one summary line.
 *
 * Usage: threads [ROUNDS]   (default 200)
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 8

static virConnectPtr shared;
static int rounds = 200;
static const char *testUUID = "6695eb01-f6a4-8304-79aa-97f2502e193f";

struct worker {
    int index;
    long calls;
    int failures;
};

static void wrong(struct worker *self, const char *what)
{
    virErrorPtr err = virGetLastError();
    fprintf(stderr, "thread %d: %s (last error: %s)\n", self->index, what, err ? err->message : "none");
    self->failures++;
}

#define CHECK(self, condition, what) \
    do { \
        (self)->calls++; \
        if (!(condition)) \
            wrong(self, what); \
    } while (0)

/* The fixed facts of test:///default's "test" domain, through either connection. */
static void inspect_test_domain(struct worker *self, virConnectPtr conn)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainInfo info;
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    CHECK(self, dom != NULL, "lookup of test failed");
    if (!dom)
        return;
    CHECK(self, strcmp(virDomainGetName(dom), "test") == 0, "wrong name");
    CHECK(self, virDomainGetUUIDString(dom, uuid) == 0 && strcmp(uuid, testUUID) == 0, "wrong uuid");
    CHECK(self, virDomainGetInfo(dom, &info) == 0, "virDomainGetInfo failed");
    CHECK(self, info.state == VIR_DOMAIN_RUNNING && info.maxMem == 8388608 && info.nrVirtCpu == 2, "wrong info");
    CHECK(self, virDomainGetMaxMemory(dom) == 8388608, "wrong max memory");
    CHECK(self, virGetLastError() == NULL, "a successful call left an error");
    CHECK(self, virDomainFree(dom) == 0, "virDomainFree failed");
}

/* A failing call must leave this thread's own error, whatever the other threads are doing. */
static void fail_on_purpose(struct worker *self, virConnectPtr conn)
{
    char name[32];
    snprintf(name, sizeof(name), "missing-%d", self->index);
    CHECK(self, virDomainLookupByName(conn, name) == NULL, "lookup of a missing domain succeeded");
    virErrorPtr err = virGetLastError();
    CHECK(self, err && err->code == VIR_ERR_NO_DOMAIN, "wrong error for a missing domain");
    CHECK(self, virDomainLookupByID(conn, -self->index - 1) == NULL, "negative id accepted");
    err = virGetLastError();
    CHECK(self, err && err->code == VIR_ERR_INVALID_ARG && err->str2 && strcmp(err->str2, "id") == 0,
          "wrong error for a negative id");
}

/* A domain only this thread touches: define, start, pause, resume, destroy, undefine. */
static void own_domain(struct worker *self, virConnectPtr conn, int round)
{
    char xml[512];
    virDomainInfo info;
    snprintf(xml, sizeof(xml),
             "<domain type='test'><name>worker%d</name>"
             "<uuid>00000000-0000-0000-0000-0000000000%02d</uuid>"
             "<memory>%d</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>",
             self->index, self->index, 65536 + round);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    CHECK(self, dom != NULL, "virDomainDefineXML failed");
    if (!dom)
        return;
    CHECK(self, virDomainCreate(dom) == 0, "virDomainCreate failed");
    CHECK(self, (int)virDomainGetID(dom) > 0, "no id after start");
    CHECK(self, virDomainSuspend(dom) == 0, "virDomainSuspend failed");
    CHECK(self, virDomainGetInfo(dom, &info) == 0 && info.state == VIR_DOMAIN_PAUSED, "not paused");
    CHECK(self, info.maxMem == (unsigned long)(65536 + round), "wrong memory");
    CHECK(self, virDomainResume(dom) == 0, "virDomainResume failed");
    CHECK(self, virDomainDestroy(dom) == 0, "virDomainDestroy failed");
    CHECK(self, virDomainGetID(dom) == (unsigned int)-1, "id after destroy");
    CHECK(self, virDomainUndefine(dom) == 0, "virDomainUndefine failed");
    CHECK(self, virDomainFree(dom) == 0, "virDomainFree failed");
}

/* Errors are expected here; they are checked, not printed. */
static void quiet(void *userData, virErrorPtr err)
{
    (void)userData;
    (void)err;
}

static void *work(void *argument)
{
    struct worker *self = argument;
    virConnectPtr own = virConnectOpen("test:///default");
    CHECK(self, own != NULL, "virConnectOpen failed");
    if (!own)
        return NULL;
    for (int round = 0; round < rounds; round++) {
        inspect_test_domain(self, round % 2 ? own : shared);
        fail_on_purpose(self, round % 2 ? shared : own);
        own_domain(self, round % 3 ? own : shared, round);
        CHECK(self, virConnectNumOfDomains(shared) >= 1, "no running domain");
    }
    CHECK(self, virConnectClose(own) == 0, "virConnectClose of the thread's connection");
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    long calls = 0;
    int failures = 0;

    if (argc > 1)
        rounds = atoi(argv[1]);
    virSetErrorFunc(NULL, quiet);
    shared = virConnectOpen("test:///default");
    if (!shared) {
        fprintf(stderr, "cannot open test:///default\n");
        return 1;
    }
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){.index = i + 1};
        pthread_create(&threads[i], NULL, work, &workers[i]);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        calls += workers[i].calls;
        failures += workers[i].failures;
    }
    if (virConnectClose(shared) != 0) {
        fprintf(stderr, "the shared connection is still referenced\n");
        failures++;
    }
    printf("%d threads, %d rounds each, %ld checked calls, %d wrong\n", THREADS, rounds, calls, failures);
    return failures == 0 ? 0 : 1;
}
