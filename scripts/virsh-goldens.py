#!/usr/bin/env python3
"""Record the virsh golden files from the reference virsh (Debian's libvirt 9.0), or compare another virsh.

Each case is Tests/VirshTests/Fixtures/cases/<case>.in; its golden file is <case>.out beside it.

Case file (.in), one directive per line; '#' starts a comment line:
    arg: <text>            one argument of the virsh command line (the text after "arg: ", verbatim)
    arg+: <text>           continues the previous argument on a new line (a newline, then the text)
    stdin: <text>          one line of standard input (a newline is added)
    stdin-partial: <text>  input without a trailing newline (a last line cut short)
    env: NAME=value        an extra environment variable
    mask: uuid | mac | counters   also mask generated UUIDs / MAC addresses / the test driver's clock-made
                           block and interface counters (a number of 8 or more digits ending a line)

How a case runs (the Swift tests in Tests/VirshTests do exactly the same):
    - in a fresh empty directory holding a link 'xml' -> Fixtures/xml, so cases name files as xml/<name>.xml
      and files they write (save images) land in the scratch directory;
    - with the environment reduced to PATH=/usr/bin:/bin, HOME and XDG_* dirs inside the scratch
      directory, LC_ALL=C.UTF-8 and TERM=dumb, plus the case's env lines;
    - standard input is the case's stdin lines, or empty.

Golden file (.out): "exit: N\\n--- stdout ---\\n<stdout>--- stderr ---\\n<stderr>--- end ---\\n", with the
outputs masked: the scratch directory's path ("<scratch>"), CPU times ("CPU time:  12.3s") and -t timings
("(Time: 1.234 ms)") always, UUIDs and MACs when the case asks. Masks are applied the same way to both sides of every comparison.

The overview texts cannot match (virsh 9.0 has hundreds of commands, SwiftVirt's virsh only its own), so
recording also keeps the reference's `virsh help` and `virsh -h` in Fixtures/reference/; the tests check
that SwiftVirt's lines appear in them in the same order.

Usage:
    scripts/virsh-goldens.py [--virsh PATH] [CASE...]     record (all cases by default)
    scripts/virsh-goldens.py --compare PATH [CASE...]      run PATH too and show the differences
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "VirshTests", "Fixtures")
CASES = os.path.join(FIXTURES, "cases")

CPU_TIME = re.compile(rb"(CPU time:\s+)\d+\.\ds")
TIMING = re.compile(rb"\(Time: \d+\.\d+ ms\)")
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MAC = re.compile(rb"[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}")
COUNTER = re.compile(rb"(?m)( +)\d{8,}$")

# (text, replacement) pairs masked before everything else; empty here. scripts/daemon-goldens.py, which
# imports this file, adds its daemon's socket directory ("<sockdir>").
EXTRA_MASKS = []


def read_case(name):
    case = {"args": [], "stdin": b"", "env": {}, "masks": set()}
    with open(os.path.join(CASES, name + ".in"), encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            if raw == "" or raw.startswith("#"):
                continue
            key, sep, value = raw.partition(": ")
            if not sep:
                key, value = raw.rstrip(":"), ""
            if key == "arg":
                case["args"].append(value)
            elif key == "arg+":
                case["args"][-1] += "\n" + value
            elif key == "stdin":
                case["stdin"] += value.encode() + b"\n"
            elif key == "stdin-partial":
                case["stdin"] += value.encode()
            elif key == "env":
                env_name, _, env_value = value.partition("=")
                case["env"][env_name] = env_value
            elif key == "mask":
                case["masks"].add(value)
            else:
                raise SystemExit(f"{name}.in: unknown directive {raw!r}")
    return case


def mask(data, masks, scratch):
    for text, replacement in EXTRA_MASKS:
        data = data.replace(text, replacement)
    data = data.replace(scratch.encode(), b"<scratch>")
    data = CPU_TIME.sub(rb"\1<cpu-time>s", data)
    data = TIMING.sub(b"(Time: <ms> ms)", data)
    if "uuid" in masks:
        data = UUID.sub(b"<uuid>", data)
    if "mac" in masks:
        data = MAC.sub(b"<mac>", data)
    if "counters" in masks:
        data = COUNTER.sub(rb"\1<counter>", data)
    return data


def run(virsh, case):
    """Runs the case; Debian's virsh 9.0 sometimes hangs on exit after save/restore, so a run that takes
    more than 15 seconds is retried (up to 5 times)."""
    for attempt in range(5):
        try:
            return run_once(virsh, case)
        except subprocess.TimeoutExpired:
            print(f"  {virsh} {case['args']!r} hung; retrying", file=sys.stderr)
    raise SystemExit(f"{virsh} hangs on {case['args']!r}")


def run_once(virsh, case):
    with tempfile.TemporaryDirectory(prefix="virsh-golden-") as temporary:
        scratch = os.path.realpath(temporary)
        os.symlink(os.path.join(FIXTURES, "xml"), os.path.join(scratch, "xml"))
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": scratch,
            "XDG_CACHE_HOME": os.path.join(scratch, "cache"),
            "XDG_CONFIG_HOME": os.path.join(scratch, "config"),
            "XDG_RUNTIME_DIR": os.path.join(scratch, "run"),
            "LC_ALL": "C.UTF-8",
            "TERM": "dumb",
        }
        env.update(case["env"])
        done = subprocess.run([virsh] + case["args"], input=case["stdin"], capture_output=True,
                              cwd=scratch, env=env, timeout=15)
    return (b"exit: %d\n--- stdout ---\n" % done.returncode + mask(done.stdout, case["masks"], scratch)
            + b"--- stderr ---\n" + mask(done.stderr, case["masks"], scratch) + b"--- end ---\n")


def record_overviews(virsh):
    reference = os.path.join(FIXTURES, "reference")
    os.makedirs(reference, exist_ok=True)
    for file_name, arguments in (("help.txt", ["help"]), ("usage.txt", ["-h"])):
        done = subprocess.run([virsh] + arguments, capture_output=True, check=True, timeout=15,
                              env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "TERM": "dumb"})
        with open(os.path.join(reference, file_name), "wb") as f:
            f.write(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--virsh", default="/usr/bin/virsh", help="the reference virsh")
    parser.add_argument("--compare", metavar="PATH", help="compare PATH's output with the reference's")
    parser.add_argument("cases", nargs="*")
    options = parser.parse_args()
    names = options.cases or sorted(n[:-3] for n in os.listdir(CASES) if n.endswith(".in"))
    failed = 0
    for name in names:
        case = read_case(name)
        expected = run(options.virsh, case)
        if options.compare:
            actual = run(options.compare, case)
            if actual != expected:
                failed += 1
                sys.stdout.writelines(difflib.unified_diff(
                    expected.decode(errors="replace").splitlines(True),
                    actual.decode(errors="replace").splitlines(True),
                    f"{name} (reference)", f"{name} ({options.compare})"))
        else:
            with open(os.path.join(CASES, name + ".out"), "wb") as f:
                f.write(expected)
    if not options.compare and not options.cases:
        record_overviews(options.virsh)
    if options.compare:
        print(f"{len(names) - failed} of {len(names)} cases match", file=sys.stderr)
        return 1 if failed else 0
    print(f"recorded {len(names)} cases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
