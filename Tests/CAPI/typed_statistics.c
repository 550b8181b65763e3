/*
 * typed_statistics.c: typed parameters and bulk statistics on test:///default (or SEED_URI, through a
 * daemon): virConnectGetAllDomainStats, virDomainListGetStats, virDomainStatsRecordListFree,
 * virDomainBlockStatsFlags and the virTypedParamsGet* readers, one line per fact, with every error's fields.
 *
 * Built against SwiftVirt and against Debian's libvirt 9.0; CAPITests requires identical output.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include "report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *second_xml =
    "<domain type='test'><name>typed-second</name><uuid>5a8e2f0c-51c4-4f1e-9a39-3d5b7c0d2e11</uuid>"
    "<memory>65536</memory><os><type>hvm</type></os></domain>";

/* Records sorted by name: the order of domains in a list is the driver's. */
static int by_name(const void *a, const void *b)
{
    return strcmp(virDomainGetName((*(virDomainStatsRecordPtr const *)a)->dom),
                  virDomainGetName((*(virDomainStatsRecordPtr const *)b)->dom));
}

static void records(const char *label, int rc, virDomainStatsRecordPtr *list)
{
    int i;
    show(label, rc);
    if (rc < 0) {
        printf("  list %s\n", list ? "set" : "NULL");
        return;
    }
    qsort(list, rc, sizeof(*list), by_name);
    for (i = 0; i < rc; i++) {
        printf(" %s: %d parameters\n", virDomainGetName(list[i]->dom), list[i]->nparams);
        show_params(list[i]->params, list[i]->nparams);
    }
    printf("  terminated %d\n", list[rc] == NULL);
    virDomainStatsRecordListFree(list);
}

static void all(virConnectPtr conn, unsigned int stats, unsigned int flags)
{
    virDomainStatsRecordPtr *list = (virDomainStatsRecordPtr *)&list; /* must be reset to NULL */
    char label[128];
    snprintf(label, sizeof(label), "virConnectGetAllDomainStats(0x%x, 0x%x)", stats, flags);
    int rc = virConnectGetAllDomainStats(conn, stats, &list, flags);
    records(label, rc, list);
}

static void readers(virTypedParameterPtr params, int nparams)
{
    int i = -7, b = -7;
    unsigned int ui = 7;
    long long l = -7;
    unsigned long long ul = 7;
    double d = -7;
    const char *s = "unset";
    virTypedParameterPtr found;

    found = virTypedParamsGet(params, nparams, "state.reason");
    printf("virTypedParamsGet(state.reason): %s\n", found ? found->field : "NULL");
    printf("virTypedParamsGet(none): %s\n", virTypedParamsGet(params, nparams, "none") ? "found" : "NULL");
    printf("virTypedParamsGet(NULL name): %s\n", virTypedParamsGet(params, nparams, NULL) ? "found" : "NULL");
    printf("virTypedParamsGet(NULL params): %s\n", virTypedParamsGet(NULL, nparams, "state.state") ? "found" : "NULL");
    printf("virTypedParamsGet(first only): %s\n", virTypedParamsGet(params, 1, "state.reason") ? "found" : "NULL");
    show("virTypedParamsGetInt(state.state)", virTypedParamsGetInt(params, nparams, "state.state", &i));
    printf("  value %d\n", i);
    show("virTypedParamsGetInt(state.state, NULL value)", virTypedParamsGetInt(params, nparams, "state.state", NULL));
    show("virTypedParamsGetInt(absent)", virTypedParamsGetInt(params, nparams, "state.nothing", &i));
    show("virTypedParamsGetInt(NULL params)", virTypedParamsGetInt(NULL, 0, "state.state", &i));
    show("virTypedParamsGetUInt(state.state)", virTypedParamsGetUInt(params, nparams, "state.state", &ui));
    show("virTypedParamsGetLLong(state.state)", virTypedParamsGetLLong(params, nparams, "state.state", &l));
    show("virTypedParamsGetULLong(state.state)", virTypedParamsGetULLong(params, nparams, "state.state", &ul));
    show("virTypedParamsGetDouble(state.state)", virTypedParamsGetDouble(params, nparams, "state.state", &d));
    show("virTypedParamsGetBoolean(state.state)", virTypedParamsGetBoolean(params, nparams, "state.state", &b));
    show("virTypedParamsGetString(state.state)", virTypedParamsGetString(params, nparams, "state.state", &s));
    printf("  untouched %u %lld %llu %g %d %s\n", ui, l, ul, d, b, s);
}

/* An array the caller built, with every type: the readers, then virTypedParamsClear and Free. */
static void own_array(void)
{
    virTypedParameterPtr params = calloc(7, sizeof(*params));
    unsigned int ui = 0;
    long long l = 0;
    unsigned long long ul = 0;
    double d = 0;
    int b = 0;
    const char *s = NULL;
    strcpy(params[0].field, "i"); params[0].type = VIR_TYPED_PARAM_INT; params[0].value.i = -3;
    strcpy(params[1].field, "ui"); params[1].type = VIR_TYPED_PARAM_UINT; params[1].value.ui = 4000000000u;
    strcpy(params[2].field, "l"); params[2].type = VIR_TYPED_PARAM_LLONG; params[2].value.l = -5000000000ll;
    strcpy(params[3].field, "ul"); params[3].type = VIR_TYPED_PARAM_ULLONG; params[3].value.ul = 18000000000000000000ull;
    strcpy(params[4].field, "d"); params[4].type = VIR_TYPED_PARAM_DOUBLE; params[4].value.d = 0.25;
    strcpy(params[5].field, "b"); params[5].type = VIR_TYPED_PARAM_BOOLEAN; params[5].value.b = 7;
    strcpy(params[6].field, "s"); params[6].type = VIR_TYPED_PARAM_STRING; params[6].value.s = strdup("text");
    show("virTypedParamsGetUInt(ui)", virTypedParamsGetUInt(params, 7, "ui", &ui));
    show("virTypedParamsGetLLong(l)", virTypedParamsGetLLong(params, 7, "l", &l));
    show("virTypedParamsGetULLong(ul)", virTypedParamsGetULLong(params, 7, "ul", &ul));
    show("virTypedParamsGetDouble(d)", virTypedParamsGetDouble(params, 7, "d", &d));
    show("virTypedParamsGetBoolean(b)", virTypedParamsGetBoolean(params, 7, "b", &b));
    show("virTypedParamsGetString(s)", virTypedParamsGetString(params, 7, "s", &s));
    printf("  values %u %lld %llu %g %d %s\n", ui, l, ul, d, b, S(s));
    show("virTypedParamsGetInt(s)", virTypedParamsGetInt(params, 7, "s", NULL));
    show("virTypedParamsGetString(i)", virTypedParamsGetString(params, 7, "i", NULL));
    virTypedParamsClear(params, 7);
    printf("virTypedParamsClear: string %s, int %d\n", params[6].value.s ? "kept" : "NULL", params[0].value.i);
    params[6].value.s = strdup("again");
    virTypedParamsFree(params, 7);
    virTypedParamsClear(NULL, 3);
    virTypedParamsFree(NULL, 3);
    printf("virTypedParamsFree: done\n");
}

static void block_flags(virDomainPtr dom, const char *disk, virTypedParameterPtr params, int *nparams)
{
    char label[128];
    snprintf(label, sizeof(label), "virDomainBlockStatsFlags(%s, %s, %s%d)", S(disk), params ? "array" : "NULL",
             nparams ? "" : "NULL ", nparams ? *nparams : 0);
    show(label, virDomainBlockStatsFlags(dom, disk, params, nparams, 0));
    if (nparams)
        printf("  nparams %d\n", *nparams);
}

int main(void)
{
    const char *uri = getenv("SEED_URI") ? getenv("SEED_URI") : "test:///default";
    virConnectPtr conn, other;
    virDomainPtr dom, second, foreign;
    virDomainPtr doms[4];
    virDomainStatsRecordPtr *list;
    virTypedParameter params[4];
    int nparams, rc;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen(uri);
    other = virConnectOpen(uri);
    if (!conn || !other) {
        show("virConnectOpen", -1);
        return 1;
    }
    dom = virDomainLookupByName(conn, "test");
    second = virDomainDefineXML(conn, second_xml);
    foreign = virDomainLookupByName(other, "test");
    if (!dom || !second || !foreign) {
        show("lookup or define", -1);
        return 1;
    }

    all(conn, 0, 0);
    all(conn, VIR_DOMAIN_STATS_STATE, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
    all(conn, VIR_DOMAIN_STATS_STATE, VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE);
    all(conn, 0, VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF);
    all(conn, 0, VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED);
    all(conn, 0, VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT);
    all(conn, VIR_DOMAIN_STATS_CPU_TOTAL, 0);
    all(conn, VIR_DOMAIN_STATS_VM | VIR_DOMAIN_STATS_STATE, 0);
    all(conn, VIR_DOMAIN_STATS_STATE, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS);
    all(conn, VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_BLOCK, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS);
    all(conn, 1u << 20, 0);
    all(conn, 1u << 20, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS);
    all(conn, 0, VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT);
    all(conn, 0, VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING);
    all(conn, 0, 1u << 20);
    all(conn, 0, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE);
    show("virConnectGetAllDomainStats(retStats NULL)", virConnectGetAllDomainStats(conn, 0, NULL, 0));
    list = (virDomainStatsRecordPtr *)&list;
    show("virConnectGetAllDomainStats(conn NULL)", virConnectGetAllDomainStats(NULL, 0, &list, 0));
    printf("  list %s\n", list ? "set" : "NULL");

    doms[0] = second; doms[1] = dom; doms[2] = NULL;
    list = NULL;
    rc = virDomainListGetStats(doms, 0, &list, 0);
    records("virDomainListGetStats(second, test)", rc, list);
    list = NULL;
    rc = virDomainListGetStats(doms, 0, &list, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
    records("virDomainListGetStats(active only)", rc, list);
    doms[0] = NULL;
    list = (virDomainStatsRecordPtr *)&list;
    rc = virDomainListGetStats(doms, 0, &list, 0);
    records("virDomainListGetStats(empty)", rc, list);
    list = (virDomainStatsRecordPtr *)&list;
    rc = virDomainListGetStats(NULL, 0, &list, 0);
    records("virDomainListGetStats(doms NULL)", rc, list);
    doms[0] = dom; doms[1] = NULL;
    show("virDomainListGetStats(retStats NULL)", virDomainListGetStats(doms, 0, NULL, 0));
    doms[0] = dom; doms[1] = foreign; doms[2] = NULL;
    list = NULL;
    rc = virDomainListGetStats(doms, 0, &list, 0);
    records("virDomainListGetStats(two connections)", rc, list);

    list = NULL;
    doms[0] = dom; doms[1] = NULL;
    if (virDomainListGetStats(doms, VIR_DOMAIN_STATS_STATE, &list, 0) == 1) {
        readers(list[0]->params, list[0]->nparams);
        virDomainStatsRecordListFree(list);
    }
    own_array();
    virDomainStatsRecordListFree(NULL);
    printf("virDomainStatsRecordListFree(NULL): done\n");

    nparams = 0;
    block_flags(dom, "vda", NULL, &nparams);
    nparams = 4;
    block_flags(dom, "vda", params, &nparams);
    block_flags(dom, NULL, NULL, &nparams);
    block_flags(dom, "vda", NULL, NULL);
    nparams = -1;
    block_flags(dom, "vda", params, &nparams);
    nparams = 2;
    block_flags(dom, "vda", NULL, &nparams);
    nparams = 0;
    block_flags(NULL, "vda", NULL, &nparams);

    show("virDomainUndefine(second)", virDomainUndefine(second));
    virDomainFree(second);
    virDomainFree(foreign);
    virDomainFree(dom);
    show("virConnectClose(other)", virConnectClose(other));
    show("virConnectClose", virConnectClose(conn));
    return 0;
}
