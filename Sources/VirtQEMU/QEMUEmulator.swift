import Synchronization
import VirtDriver
import VirtOS
import VirtXML
#if canImport(Glibc)
import Glibc
#endif

/// Finding the QEMU binary for a domain, its version, and whether KVM is usable.
enum QEMUEmulator {
    /// The binary for `def`: its `<emulator>`, else `qemu-system-<arch>` on PATH.
    static func path(for def: DomainDefinition) throws(VirtError) -> String {
        if let emulator = def.devices.emulator {
            guard access(emulator, X_OK) == 0 else {
                throw VirtError(.configUnsupported, .qemu, "emulator '\(emulator)' is not an executable file")
            }
            return emulator
        }
        let arch = def.os.arch ?? HostInfo.machine()
        let name = "qemu-system-\(arch)"
        guard let found = search(name) else {
            throw VirtError(.configUnsupported, .qemu, "no '\(name)' on PATH for architecture '\(arch)'; install QEMU (Debian: qemu-system-x86)")
        }
        return found
    }

    static func search(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Whether /dev/kvm can be opened for use.
    static func kvmUsable() -> Bool {
        let fd = open("/dev/kvm", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    private static let versions = Mutex<[String: VersionNumber]>([:])

    /// The version `binary --version` prints ("QEMU emulator version 7.2.22 (...)"), cached per binary.
    static func version(of binary: String) async throws(VirtError) -> VersionNumber {
        if let known = versions.withLock({ $0[binary] }) { return known }
        let output = try await run(binary, ["--version"])
        guard let range = output.firstRange(of: "version "),
              let version = VersionNumber(parsing: String(output[range.upperBound...].prefix(while: { $0 != " " && $0 != "\n" })))
        else {
            throw VirtError(.internalError, .qemu, "cannot parse the version of '\(binary)' from: \(output.prefix(200))")
        }
        versions.withLock { $0[binary] = version }
        return version
    }

    /// Runs a short command and returns what it printed.
    static func run(_ binary: String, _ arguments: [String]) async throws(VirtError) -> String {
        let log = "/tmp/swiftvirt-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(log) }
        let pid: pid_t
        do {
            pid = try ProcessLauncher.spawn(binary, arguments, options: .init(logPath: log, newSession: false))
        } catch {
            throw VirtError.system(error.errno, "cannot run '\(binary)'", domain: .qemu)
        }
        guard await ProcessLauncher.waitForExit(pid, timeout: .seconds(30)) != nil else {
            kill(pid, SIGKILL)
            _ = await ProcessLauncher.waitForExit(pid, timeout: .seconds(5))
            throw VirtError(.operationTimeout, .qemu, "'\(binary) \(arguments.joined(separator: " "))' did not finish")
        }
        return String(decoding: (try? FileIO.read(log, limit: FileSizeLimit.log)) ?? [], as: UTF8.self)
    }
}
