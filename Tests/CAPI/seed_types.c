/*
 * seed_types.c: the seed's declarations that libvirt has since dropped (virDomainKernel, virDeviceMode,
 * virDomainRestart), which SwiftVirt's header keeps. Checked against the numbers and layout the seed
 * documents (shared/seed-api.txt); exits non-zero naming the first difference. Built only against
 * SwiftVirt's header, since Debian's libvirt 9.0 no longer declares them.
 */
#include <libvirt/libvirt.h>
#include <stddef.h>
#include <stdio.h>

static int failures;

static void expect(const char *what, long long actual, long long expected)
{
    if (actual != expected) {
        printf("%s = %lld, the seed says %lld\n", what, actual, expected);
        failures++;
    }
}

#define EXPECT(expr, value) expect(#expr, (long long)(expr), (long long)(value))

int main(void)
{
    virDomainKernel kernel = {"/boot/vmlinuz", "/boot/initrd", "/dev/vda1", "console=ttyS0"};
    virDomainKernelPtr kernelPtr = &kernel;
    virDeviceMode mode = VIR_DEVICE_RW_FORCE;
    virDomainRestart restart = VIR_DOMAIN_RENAME_RESTART;

    /* Four string pointers, in the seed's order. */
    EXPECT(sizeof(virDomainKernel), 4 * sizeof(const char *));
    EXPECT(offsetof(virDomainKernel, kernel), 0);
    EXPECT(offsetof(virDomainKernel, ramdisk), sizeof(const char *));
    EXPECT(offsetof(virDomainKernel, root), 2 * sizeof(const char *));
    EXPECT(offsetof(virDomainKernel, extra), 3 * sizeof(const char *));
    EXPECT(kernelPtr->extra == kernel.extra, 1);

    EXPECT(VIR_DEVICE_DEFAULT, 0);
    EXPECT(VIR_DEVICE_RO, 1);
    EXPECT(VIR_DEVICE_RW, 2);
    EXPECT(mode, 3);

    EXPECT(VIR_DOMAIN_DESTROY, 1);
    EXPECT(VIR_DOMAIN_RESTART, 2);
    EXPECT(VIR_DOMAIN_PRESERVE, 3);
    EXPECT(restart, 4);

    if (failures == 0)
        printf("seed types match\n");
    return failures == 0 ? 0 : 1;
}
