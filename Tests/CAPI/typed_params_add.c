/*
 * typed_params_add.c: building typed parameters with the virTypedParamsAdd* family: how the caller's
 * array grows (maxparams), what each adds, values parsed from strings and the errors for bad ones, a name
 * too long, a string list, then virTypedParamsFree. One line per fact, with every error's fields.
 *
 * Built against SwiftVirt and against Debian's libvirt 9.0; CAPITests requires identical output.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include "report.h"
#include <stdio.h>
#include <string.h>

static virTypedParameterPtr params;
static int nparams, maxparams;

static void added(const char *label, int rc)
{
    char line[160];
    snprintf(line, sizeof(line), "%s (n=%d max=%d)", label, nparams, maxparams);
    show(line, rc);
}

int main(void)
{
    static const struct { int type; const char *text; } parsed[] = {
        { VIR_TYPED_PARAM_INT, "-42" }, { VIR_TYPED_PARAM_INT, " 7" }, { VIR_TYPED_PARAM_INT, "2147483648" },
        { VIR_TYPED_PARAM_INT, "12abc" }, { VIR_TYPED_PARAM_INT, "" }, { VIR_TYPED_PARAM_UINT, "4294967295" },
        { VIR_TYPED_PARAM_UINT, "-1" }, { VIR_TYPED_PARAM_UINT, "-2" }, { VIR_TYPED_PARAM_UINT, "4294967296" },
        { VIR_TYPED_PARAM_LLONG, "-9223372036854775808" }, { VIR_TYPED_PARAM_LLONG, "9223372036854775808" },
        { VIR_TYPED_PARAM_ULLONG, "18446744073709551615" }, { VIR_TYPED_PARAM_ULLONG, "-1" },
        { VIR_TYPED_PARAM_ULLONG, "0x10" }, { VIR_TYPED_PARAM_DOUBLE, "2.5" }, { VIR_TYPED_PARAM_DOUBLE, "1e3" },
        { VIR_TYPED_PARAM_DOUBLE, "pi" }, { VIR_TYPED_PARAM_BOOLEAN, "TRUE" }, { VIR_TYPED_PARAM_BOOLEAN, "0" },
        { VIR_TYPED_PARAM_BOOLEAN, "yes" }, { VIR_TYPED_PARAM_STRING, "text" }, { 9, "1" }, { 0, "1" },
    };
    const char *list[] = { "first", "second", "third", NULL };
    char label[96];
    size_t i;
    const char *s = NULL;
    int b = -1;

    /* libvirt 9.0's builders reset the thread's last error without initializing the library: called
     * first in a program, they crash (free() of an invalid pointer) unless virInitialize ran. */
    virInitialize();
    virSetErrorFunc(NULL, quiet);

    added("add int", virTypedParamsAddInt(&params, &nparams, &maxparams, "i", -5));
    added("add uint", virTypedParamsAddUInt(&params, &nparams, &maxparams, "ui", 4000000000u));
    added("add llong", virTypedParamsAddLLong(&params, &nparams, &maxparams, "l", -9000000000LL));
    added("add ullong", virTypedParamsAddULLong(&params, &nparams, &maxparams, "ul", 18000000000000000000ULL));
    added("add double", virTypedParamsAddDouble(&params, &nparams, &maxparams, "d", 0.125));
    added("add boolean", virTypedParamsAddBoolean(&params, &nparams, &maxparams, "b", 7));
    added("add string", virTypedParamsAddString(&params, &nparams, &maxparams, "s", "hello"));
    added("add null string", virTypedParamsAddString(&params, &nparams, &maxparams, "null", NULL));
    added("add same name again", virTypedParamsAddInt(&params, &nparams, &maxparams, "i", 6));
    added("add name of 79 bytes",
          virTypedParamsAddInt(&params, &nparams, &maxparams,
                               "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", 1));
    added("add name of 80 bytes",
          virTypedParamsAddInt(&params, &nparams, &maxparams,
                               "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", 1));
    for (i = 0; i < sizeof(parsed) / sizeof(parsed[0]); i++) {
        snprintf(label, sizeof(label), "from string type %d '%s'", parsed[i].type, parsed[i].text);
        added(label, virTypedParamsAddFromString(&params, &nparams, &maxparams, "parsed", parsed[i].type, parsed[i].text));
    }
    added("from string NULL", virTypedParamsAddFromString(&params, &nparams, &maxparams, "parsed", VIR_TYPED_PARAM_INT, NULL));
    added("string list", virTypedParamsAddStringList(&params, &nparams, &maxparams, "list", list));
    added("string list NULL", virTypedParamsAddStringList(&params, &nparams, &maxparams, "list", NULL));
    show_params(params, nparams);

    show("get string s", virTypedParamsGetString(params, nparams, "s", &s));
    printf("  s = %s\n", S(s));
    show("get boolean b", virTypedParamsGetBoolean(params, nparams, "b", &b));
    printf("  b = %d\n", b);
    show("get int from the uint", virTypedParamsGetInt(params, nparams, "ui", NULL));

    virTypedParamsFree(params, nparams);
    params = NULL;
    nparams = maxparams = 0;
    added("add to a freed, reset array", virTypedParamsAddInt(&params, &nparams, &maxparams, "again", 1));
    virTypedParamsFree(params, nparams);
    return 0;
}
