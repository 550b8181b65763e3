#!/usr/bin/python3
"""Regenerates the VirtXML golden files from the real libvirt 9.0 test driver.

For every Tests/VirtXMLTests/Fixtures/domains/NAME.xml it writes
  NAME.inactive.xml  - `virsh define NAME.xml; virsh dumpxml --inactive`
  NAME.live.xml      - the same domain after `virsh start` (`dumpxml`)
and for every Tests/VirtXMLTests/Fixtures/errors/NAME.xml
  NAME.error         - libvirt's error for defineXML: "CODE DOMAIN" on the first line, the message after,
                       or "validate CODE DOMAIN" when the case is defined with VIR_DOMAIN_DEFINE_VALIDATE
                       (cases whose name starts with "validate-").

Each case runs in its own process so the started domain always gets id 2 (the default "test" domain
holds id 1). Run with Debian's python3 and python3-libvirt:  /usr/bin/python3 scripts/xml-goldens.py
Review the diff before committing: these files are what the tests hold our output to.
"""
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "VirtXMLTests", "Fixtures")

CHILD = r"""
import libvirt, sys
libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
xml = open(sys.argv[1]).read()
mode = sys.argv[2]
flags = libvirt.VIR_DOMAIN_DEFINE_VALIDATE if mode == "validate" else 0
try:
    dom = conn.defineXMLFlags(xml, flags)
except libvirt.libvirtError as e:
    sys.stdout.write("ERROR %d %d\n%s" % (e.get_error_code(), e.get_error_domain(), str(e)))
    sys.exit(0)
if mode != "define":
    sys.stdout.write("DEFINED\n")
    sys.exit(0)
sys.stdout.write(dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
sys.stdout.write("\x00")
dom.create()
sys.stdout.write(dom.XMLDesc(0))
"""


def run(path, mode):
    result = subprocess.run(["/usr/bin/python3", "-c", CHILD, path, mode], capture_output=True, text=True,
                            check=True)
    return result.stdout


def main():
    domains = os.path.join(ROOT, "domains")
    for name in sorted(os.listdir(domains)):
        if not name.endswith(".xml") or name.endswith(".inactive.xml") or name.endswith(".live.xml"):
            continue
        path = os.path.join(domains, name)
        out = run(path, "define")
        if out.startswith("ERROR"):
            sys.exit("%s: libvirt rejected it: %s" % (name, out))
        inactive, live = out.split("\x00")
        base = path[: -len(".xml")]
        with open(base + ".inactive.xml", "w") as f:
            f.write(inactive)
        with open(base + ".live.xml", "w") as f:
            f.write(live)
    errors = os.path.join(ROOT, "errors")
    for name in sorted(os.listdir(errors)):
        if not name.endswith(".xml"):
            continue
        path = os.path.join(errors, name)
        mode = "validate" if name.startswith("validate-") else "error"
        out = run(path, mode)
        if not out.startswith("ERROR"):
            sys.exit("%s: libvirt accepted it" % name)
        with open(path[: -len(".xml")] + ".error", "w") as f:
            f.write(out[len("ERROR "):])


if __name__ == "__main__":
    main()
