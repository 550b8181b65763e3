/*
 * report.h: what the C API test programs print about a call: its result and, when it failed, every field
 * of the error, so that two libraries' runs can be compared line by line.
 */
#ifndef SWIFTVIRT_TEST_REPORT_H
#define SWIFTVIRT_TEST_REPORT_H

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

#endif
