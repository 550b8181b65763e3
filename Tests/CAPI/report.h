/*
 * report.h: what the C API test programs print about a call: its result and, when it failed, every field
 * of the error, so that two libraries' runs can be compared line by line; and typed parameters.
 */
#ifndef SWIFTVIRT_TEST_REPORT_H
#define SWIFTVIRT_TEST_REPORT_H

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>

#define S(text) ((text) ? (text) : "(null)")

/* An error callback that prints nothing: the programs print errors themselves. */
static void quiet(void *data, virErrorPtr err)
{
    (void)data;
    (void)err;
}

static void show(const char *label, int rc)
{
    virErrorPtr err = virGetLastError();
    printf("%s: %d\n", label, rc);
    if (rc < 0 && err)
        printf("  code=%d domain=%d message=%s str1=%s str2=%s\n", err->code, err->domain, S(err->message),
               S(err->str1), S(err->str2));
}

/* Every parameter of a typed-parameter array, one line each: name, type number, value. */
static inline void show_params(virTypedParameterPtr params, int nparams)
{
    int i;
    for (i = 0; i < nparams; i++) {
        printf("  %s (type %d) = ", params[i].field, params[i].type);
        switch (params[i].type) {
        case VIR_TYPED_PARAM_INT: printf("%d\n", params[i].value.i); break;
        case VIR_TYPED_PARAM_UINT: printf("%u\n", params[i].value.ui); break;
        case VIR_TYPED_PARAM_LLONG: printf("%lld\n", params[i].value.l); break;
        case VIR_TYPED_PARAM_ULLONG: printf("%llu\n", params[i].value.ul); break;
        case VIR_TYPED_PARAM_DOUBLE: printf("%g\n", params[i].value.d); break;
        case VIR_TYPED_PARAM_BOOLEAN: printf("%d\n", params[i].value.b); break;
        case VIR_TYPED_PARAM_STRING: printf("%s\n", S(params[i].value.s)); break;
        default: printf("?\n");
        }
    }
}

#endif
