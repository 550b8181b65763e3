/*
 * xlu-probe: how Xen's own libxlutil (the parser behind `xl`) reads xl.cfg text and disk specifications,
 * printed one fact per line for Tests/VirtXenConfigTests/LibxluCrossCheckTests.swift to compare with
 * SwiftVirt's reader. Values are printed with \\, \n and bytes below 0x20 escaped as \xHH.
 *
 *   xlu-probe cfg FILE NAME...   "NAME string VALUE", "NAME list COUNT" then "item VALUE" per entry
 *                                 ("item <list>" for a nested list), or "NAME absent";
 *                                 "syntax-error" when libxlutil refuses the file.
 *   xlu-probe disk SPEC...       "ok target=... format=... vdev=... rw=N cdrom=N backend=..." or "error".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxl.h>
#include <libxlutil.h>

static void put(const char *text)
{
    const unsigned char *p;

    if (!text) {
        fputs("(null)", stdout);
        return;
    }
    for (p = (const unsigned char *)text; *p; p++) {
        if (*p == '\\')
            fputs("\\\\", stdout);
        else if (*p == '\n')
            fputs("\\n", stdout);
        else if (*p < 0x20)
            printf("\\x%02x", *p);
        else
            putchar(*p);
    }
}

static int probe_cfg(const char *file, int count, char **names)
{
    XLU_Config *config = xlu_cfg_init(stderr, file);
    int i;

    if (!config || xlu_cfg_readfile(config, file)) {
        puts("syntax-error");
        return 0;
    }
    for (i = 0; i < count; i++) {
        XLU_ConfigList *list = NULL;
        int entries = 0;
        const char *value = NULL;

        if (!xlu_cfg_get_list(config, names[i], &list, &entries, 1)) {
            int j;

            printf("%s list %d\n", names[i], entries);
            for (j = 0; j < entries; j++) {
                const char *item = xlu_cfg_get_listitem(list, j);

                fputs("item ", stdout);
                if (item)
                    put(item);
                else
                    fputs("<list>", stdout);
                putchar('\n');
            }
        } else if (!xlu_cfg_get_string(config, names[i], &value, 1)) {
            printf("%s string ", names[i]);
            put(value);
            putchar('\n');
        } else {
            printf("%s absent\n", names[i]);
        }
    }
    xlu_cfg_destroy(config);
    return 0;
}

static int probe_disks(int count, char **specs)
{
    XLU_Config *config = xlu_cfg_init(stderr, "xlu-probe");
    int i;

    for (i = 0; i < count; i++) {
        libxl_device_disk disk;
        const char *spec = specs[i];

        libxl_device_disk_init(&disk);
        if (xlu_disk_parse(config, 1, &spec, &disk)) {
            puts("error");
        } else {
            fputs("ok target=", stdout);
            put(disk.pdev_path);
            printf(" format=%s vdev=", libxl_disk_format_to_string(disk.format));
            put(disk.vdev);
            printf(" rw=%d cdrom=%d backend=%s\n", disk.readwrite, disk.is_cdrom,
                   libxl_disk_backend_to_string(disk.backend));
        }
        libxl_device_disk_dispose(&disk);
    }
    xlu_cfg_destroy(config);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "cfg"))
        return probe_cfg(argv[2], argc - 3, argv + 3);
    if (argc >= 2 && !strcmp(argv[1], "disk"))
        return probe_disks(argc - 2, argv + 2);
    fputs("usage: xlu-probe cfg FILE NAME... | xlu-probe disk SPEC...\n", stderr);
    return 2;
}
