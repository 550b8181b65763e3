#!/usr/bin/python3
"""Record the daemon golden files from the REAL libvirtd 9.0 (Debian 12), or compare another daemon with them.

These files are goldens of the reference, never snapshots of SwiftVirt's own output: they are what Debian's
libvirtd 9.0, virsh 9.0 and python3-libvirt 9.0 do, for the tests of `virtd` (Tests/VirtDaemonTests).

Recording starts ONE private libvirtd (its own socket directory under a fresh temporary directory, in a
private mount and network namespace with tmpfs over /run/libvirt, /var/lib/libvirt, /var/cache/libvirt, as in
docs of the shared reference "private-libvirtd.md"; auth_unix_rw/ro = "none") and kills it at the end, also
on error. libvirtd's test:///default returns to its default state whenever its last connection closes, so the
one daemon serves every case in turn; between two runs the script waits until the daemon has no client left
(asked through its admin socket with virt-admin when there is one, else it sleeps a moment).

Three kinds of golden files, all under Tests/VirtDaemonTests/Fixtures/:

  virsh/<case>.out   Debian's virsh through the daemon. <case> is one of the virsh cases of
                     Tests/VirshTests/Fixtures/cases (the list: virsh-cases.txt, one name a line, '#' comments).
                     The case runs exactly as scripts/virsh-goldens.py runs it (its functions are imported:
                     same scratch directory with the `xml` link, same environment, stdin and masks) except that
                     every `test:///default` in its arguments, stdin and env lines becomes
                     `test+unix:///default?socket=<SOCK>`, SOCK being the daemon's read-write socket.
                     The .out format is virsh-goldens.py's:
                       "exit: N\\n--- stdout ---\\n<stdout>--- stderr ---\\n<stderr>--- end ---\\n"

  python/<name>.out  python/<name>.py run by /usr/bin/python3 (python3-libvirt) with argv[1] = the rw URI
                     test+unix:///default?socket=<dir>/libvirt-sock and argv[2] = the read-only one
                     (<dir>/libvirt-sock-ro), in an empty scratch directory, environment as for virsh.
                     Same .out shape (exit code, stdout, stderr).

  wire/<name>.txt    raw exchanges with the daemon's rw socket made by this script's own tiny client (one
                     fresh connection per file). Lines:
                       "# <text>"                        comments; "# -> <request>: <hex>" names each request
                                                         sent (the whole packet, length word included)
                       "<header-hex> <payload-hex>"      one packet received: the 28 header bytes (length word
                                                         included) and the payload ("-" when empty)
                       "# <- end of stream"              the daemon closed the connection

Masks in every output: the daemon's socket directory -> "<sockdir>"; the scratch directory -> "<scratch>";
CPU times "CPU time:  12.3s" and -t timings; UUIDs / MACs where a virsh case asks (mask: lines). The python
programs mask nothing themselves: they print only stable things (e.g. getHostname() compared with the
machine's hostname, save paths relative to their own temporary directory).

Usage (as root, Debian 12 with libvirt-daemon-system, libvirt-clients, python3-libvirt installed):
    scripts/daemon-goldens.py [--part virsh|python|wire]... [NAME...]       record (everything by default)
    scripts/daemon-goldens.py --compare SOCKETDIR [--part ...] [NAME...]   run everything against the daemon
        already listening in SOCKETDIR (libvirt-sock, libvirt-sock-ro), e.g. SwiftVirt's virtd, and show the
        differences from the goldens; exit status 1 if any
    --virsh PATH chooses the virsh (default /usr/bin/virsh); NAMEs restrict to those cases/programs/exchanges.
"""
import argparse
import difflib
import importlib.util
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "VirtDaemonTests", "Fixtures")
CASE_LIST = os.path.join(FIXTURES, "virsh-cases.txt")
PYTHON = "/usr/bin/python3"

_spec = importlib.util.spec_from_file_location("virsh_goldens", os.path.join(ROOT, "scripts", "virsh-goldens.py"))
vg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vg)


# ---------------------------------------------------------------------------------------------- the daemon

class PrivateLibvirtd:
    """A fresh libvirtd 9.0 in private mount and network namespaces, socket directory under a mkdtemp."""

    def __init__(self):
        self.base = os.path.realpath(tempfile.mkdtemp(prefix="daemon-goldens-"))
        self.sockdir = self.base
        self.process = None

    def start(self):
        d = self.base
        with open(os.path.join(d, "libvirtd.conf"), "w") as f:
            f.write(f'unix_sock_dir = "{d}"\nunix_sock_rw_perms = "0777"\n'
                    'auth_unix_rw = "none"\nauth_unix_ro = "none"\n')
        # /run/libvirt may not exist on the host: then a tmpfs over the whole /run (of this namespace only)
        # holds it, so nothing is created on the host.
        script = (
            "set -e\n"
            "if [ -d /run/libvirt ]; then mount -t tmpfs tmpfs /run/libvirt;"
            " else mount -t tmpfs tmpfs /run; mkdir /run/libvirt; fi\n"
            "for m in /var/lib/libvirt /var/cache/libvirt; do [ -d $m ] && mount -t tmpfs tmpfs $m; done\n"
            "mount -t tmpfs tmpfs /etc/libvirt/qemu/networks/autostart 2>/dev/null || true\n"
            "ip link set lo up 2>/dev/null || true\n"
            f'exec /usr/sbin/libvirtd -f "{d}/libvirtd.conf" -p "{d}/libvirtd.pid"\n')
        self.log = open(os.path.join(d, "libvirtd.log"), "wb")
        self.process = subprocess.Popen(["unshare", "-mn", "--propagation", "private", "bash", "-c", script],
                                        stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(os.path.join(d, "libvirt-sock")) and os.path.exists(os.path.join(d, "libvirt-sock-ro")):
                try:
                    with socket.socket(socket.AF_UNIX) as s:
                        s.connect(os.path.join(d, "libvirt-sock"))
                    break
                except OSError:
                    pass
            if self.process.poll() is not None:
                raise SystemExit(f"libvirtd exited ({self.process.returncode}); see {d}/libvirtd.log")
            time.sleep(0.05)
        else:
            raise SystemExit(f"libvirtd did not create its sockets in {d}")
        wait_idle(self.sockdir)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            # unshare execs bash, which execs libvirtd: self.process.pid is libvirtd itself.
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.base, ignore_errors=True)


def wait_idle(sockdir):
    """Waits until the daemon has no client, so that test:///default is back in its default state."""
    admin = os.path.join(sockdir, "libvirt-admin-sock")
    if not os.path.exists(admin):
        time.sleep(0.1)
        return
    uri = f"libvirtd:///system?socket={admin}"
    deadline = time.time() + 5
    while time.time() < deadline:
        done = subprocess.run(["virt-admin", "-c", uri, "srv-clients-list", "libvirtd"],
                              capture_output=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
        if done.returncode != 0:
            time.sleep(0.1)
            return
        rows = [l for l in done.stdout.decode().splitlines()[2:] if l.strip()]
        if not rows:
            return
        time.sleep(0.02)
    raise SystemExit(f"the daemon in {sockdir} still has clients")


def rw_uri(sockdir):
    return f"test+unix:///default?socket={sockdir}/libvirt-sock"


def ro_uri(sockdir):
    return f"test+unix:///default?socket={sockdir}/libvirt-sock-ro"


# ---------------------------------------------------------------------------------------------- virsh

def virsh_case_names():
    with open(CASE_LIST, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def run_virsh_case(virsh, name, sockdir):
    case = vg.read_case(name)
    uri = rw_uri(sockdir)
    case["args"] = [a.replace("test:///default", uri) for a in case["args"]]
    case["stdin"] = case["stdin"].replace(b"test:///default", uri.encode())
    case["env"] = {k: v.replace("test:///default", uri) for k, v in case["env"].items()}
    vg.EXTRA_MASKS[:] = [(sockdir.encode(), b"<sockdir>")]
    try:
        return vg.run(virsh, case)
    finally:
        wait_idle(sockdir)


# ---------------------------------------------------------------------------------------------- python

def python_names():
    directory = os.path.join(FIXTURES, "python")
    return sorted(n[:-3] for n in os.listdir(directory) if n.endswith(".py"))


def run_python(name, sockdir):
    program = os.path.join(FIXTURES, "python", name + ".py")
    with tempfile.TemporaryDirectory(prefix="daemon-golden-") as temporary:
        scratch = os.path.realpath(temporary)
        env = {"PATH": "/usr/bin:/bin", "HOME": scratch, "LC_ALL": "C.UTF-8", "TERM": "dumb",
               "XDG_CACHE_HOME": os.path.join(scratch, "cache"),
               "XDG_CONFIG_HOME": os.path.join(scratch, "config"),
               "XDG_RUNTIME_DIR": os.path.join(scratch, "run"),
               "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
        try:
            done = subprocess.run([PYTHON, program, rw_uri(sockdir), ro_uri(sockdir)], capture_output=True,
                                  cwd=scratch, env=env, timeout=60, stdin=subprocess.DEVNULL)
        finally:
            wait_idle(sockdir)

    def masked(data):
        data = data.replace(sockdir.encode(), b"<sockdir>")
        return data.replace(scratch.encode(), b"<scratch>")
    return (b"exit: %d\n--- stdout ---\n" % done.returncode + masked(done.stdout)
            + b"--- stderr ---\n" + masked(done.stderr) + b"--- end ---\n")


# ---------------------------------------------------------------------------------------------- wire

REMOTE, KEEPALIVE = 0x20008086, 0x6B656570
CALL, REPLY, MESSAGE = 0, 1, 2


def xdr_string(text):
    data = text.encode()
    return struct.pack(">I", len(data)) + data + b"\0" * (-len(data) % 4)


def packet(proc, payload=b"", prog=REMOTE, vers=1, mtype=CALL, serial=0, status=0):
    return struct.pack(">IIIiiIi", 28 + len(payload), prog, vers, proc, mtype, serial, status) + payload


def open_args(uri, flags=0):
    return struct.pack(">I", 1) + xdr_string(uri) + struct.pack(">I", flags)


def feature(n):
    return struct.pack(">i", n)


# Each exchange: a list of (description, packet to send, number of packets to read; -1 = read to the end).
WIRE = {
    "unknown-procedure": [("CALL REMOTE proc 9999, before CONNECT_OPEN", packet(9999), 1)],
    "unknown-procedure-after-open": [
        ("CONNECT_OPEN test:///default", packet(1, open_args("test:///default"), serial=0), 1),
        ("CALL REMOTE proc 9999", packet(9999, serial=1), 1)],
    "unknown-program": [("CALL prog 0x12345678 vers 1 proc 1", packet(1, prog=0x12345678), 1)],
    "unknown-version": [("CALL REMOTE vers 2 proc 3", packet(3, vers=2), 1)],
    "call-before-open": [("CONNECT_GET_TYPE before CONNECT_OPEN", packet(3), 1)],
    "second-open": [
        ("CONNECT_OPEN test:///default", packet(1, open_args("test:///default"), serial=0), 1),
        ("CONNECT_OPEN test:///default again", packet(1, open_args("test:///default"), serial=1), 1)],
    "undecodable-payload": [
        ("CONNECT_OPEN whose payload is cut short (string of 255 bytes, 2 given)",
         packet(1, bytes.fromhex("00000001000000ff6162")), 1),
        ("AUTH_LIST on the same connection afterwards", packet(66, serial=1), 1)],
    "open-unknown-scheme": [("CONNECT_OPEN foo:///bar", packet(1, open_args("foo:///bar")), 1)],
    "auth-list": [("AUTH_LIST", packet(66), 1)],
    "supports-feature": [
        ("CONNECT_SUPPORTS_FEATURE 10 before CONNECT_OPEN", packet(60, feature(10), serial=0), 1),
        ("CONNECT_OPEN test:///default", packet(1, open_args("test:///default"), serial=1), 1),
        ("CONNECT_SUPPORTS_FEATURE 14", packet(60, feature(14), serial=2), 1),
        ("CONNECT_SUPPORTS_FEATURE 15", packet(60, feature(15), serial=3), 1)],
    "keepalive-ping": [("KEEPALIVE PING (MESSAGE, serial 0)", packet(1, prog=KEEPALIVE, mtype=MESSAGE), 1)],
    "open-close": [
        ("AUTH_LIST", packet(66, serial=0), 1),
        ("CONNECT_OPEN test:///default", packet(1, open_args("test:///default"), serial=1), 1),
        ("CONNECT_GET_TYPE", packet(3, serial=2), 1),
        ("DOMAIN_LOOKUP_BY_NAME test", packet(23, xdr_string("test"), serial=3), 1),
        ("DOMAIN_LOOKUP_BY_NAME nosuch", packet(23, xdr_string("nosuch"), serial=4), 1),
        ("CONNECT_CLOSE", packet(2, serial=5), -1)],
}


def read_exact(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def run_wire(name, sockdir):
    lines = [f"# {name}: raw exchange with libvirtd's read-write socket (libvirt 9.0)"]
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(5)
            s.connect(os.path.join(sockdir, "libvirt-sock"))
            for description, request, count in WIRE[name]:
                lines.append(f"# -> {description}: {request.hex()}")
                s.sendall(request)
                received = 0
                while count < 0 or received < count:
                    head = read_exact(s, 4)
                    if head is None:
                        lines.append("# <- end of stream")
                        break
                    (length,) = struct.unpack(">I", head)
                    rest = read_exact(s, length - 4)
                    if rest is None:
                        lines.append("# <- end of stream inside a packet")
                        break
                    whole = head + rest
                    lines.append(f"{whole[:28].hex()} {whole[28:].hex() or '-'}")
                    received += 1
    finally:
        wait_idle(sockdir)
    return ("\n".join(lines) + "\n").encode()


# ---------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--virsh", default="/usr/bin/virsh", help="the virsh to run (default Debian's)")
    parser.add_argument("--compare", metavar="SOCKETDIR",
                        help="run against the daemon already listening in SOCKETDIR and diff with the goldens")
    parser.add_argument("--part", action="append", choices=["virsh", "python", "wire"],
                        help="only this kind of golden (repeatable)")
    parser.add_argument("names", nargs="*", help="only these cases / programs / exchanges")
    options = parser.parse_args()
    parts = options.part or ["virsh", "python", "wire"]
    jobs = []
    if "virsh" in parts:
        jobs += [("virsh", n, ".out") for n in virsh_case_names()]
    if "python" in parts:
        jobs += [("python", n, ".out") for n in python_names()]
    if "wire" in parts:
        jobs += [("wire", n, ".txt") for n in WIRE]
    if options.names:
        jobs = [j for j in jobs if j[1] in options.names]
        unknown = set(options.names) - {j[1] for j in jobs}
        if unknown:
            raise SystemExit(f"unknown names: {' '.join(sorted(unknown))}")

    # a SIGTERM (or SIGHUP) ends the run through the finally below, which stops the private libvirtd
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda signum, frame: sys.exit(128 + signum))
    daemon = None
    started = time.time()
    failed = 0
    try:
        if options.compare:
            sockdir = os.path.realpath(options.compare)
        else:
            daemon = PrivateLibvirtd()
            daemon.start()
            sockdir = daemon.sockdir
        for kind, name, suffix in jobs:
            if kind == "virsh":
                output = run_virsh_case(options.virsh, name, sockdir)
            elif kind == "python":
                output = run_python(name, sockdir)
            else:
                output = run_wire(name, sockdir)
            path = os.path.join(FIXTURES, kind, name + suffix)
            if options.compare:
                try:
                    with open(path, "rb") as f:
                        expected = f.read()
                except FileNotFoundError:
                    expected = b""
                if output != expected:
                    failed += 1
                    sys.stdout.writelines(difflib.unified_diff(
                        expected.decode(errors="replace").splitlines(True),
                        output.decode(errors="replace").splitlines(True),
                        f"{kind}/{name} (libvirtd 9.0)", f"{kind}/{name} ({sockdir})"))
            else:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(output)
    finally:
        if daemon is not None:
            daemon.stop()
    elapsed = time.time() - started
    if options.compare:
        print(f"{len(jobs) - failed} of {len(jobs)} match ({elapsed:.1f}s)", file=sys.stderr)
        return 1 if failed else 0
    print(f"recorded {len(jobs)} goldens in {elapsed:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
