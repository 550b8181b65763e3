import Foundation

/// The tiny test guest of `scripts/build-guest.sh` (a Debian cloud kernel and a busybox initramfs that
/// reports on its serial console), built on first use and cached outside the repository.
public struct TestGuestImage: Sendable {
    public let kernel: String
    public let initrd: String

    public enum Failure: Error, CustomStringConvertible {
        case buildFailed(String)
        case qemuMissing

        public var description: String {
            switch self {
            case .buildFailed(let output): "scripts/build-guest.sh failed: \(output)"
            case .qemuMissing:
                "qemu-system-x86_64 is not installed; these tests boot a real guest (scripts/setup.sh installs it)"
            }
        }
    }

    /// The repository, found from this file's location.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Builds (or finds in the cache) the guest, once per process.
    public static func shared() async throws -> TestGuestImage {
        try await cache.image().get()
    }

    private static let cache = Cache()

    /// The one build per process; callers that come during it wait for it (the task is stored before the
    /// first await, so actor reentrancy cannot start a second build).
    private actor Cache {
        private var build: Task<Result<TestGuestImage, Failure>, Never>?

        func image() async -> Result<TestGuestImage, Failure> {
            if let build { return await build.value }
            let started = Task { await TestGuestImage.build() }
            build = started
            return await started.value
        }
    }

    private static func build() async -> Result<TestGuestImage, Failure> {
        guard ProcessRunner.which("qemu-system-x86_64") != nil else { return .failure(.qemuMissing) }
        let script = repositoryRoot.appendingPathComponent("scripts/build-guest.sh").path
        guard let result = try? await ProcessRunner.run(script, []) else {
            return .failure(.buildFailed("cannot run \(script)"))
        }
        var paths: [String: String] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { paths[parts[0]] = parts[1] }
        }
        guard result.status == 0, let kernel = paths["kernel"], let initrd = paths["initrd"] else {
            return .failure(.buildFailed(result.output + result.error))
        }
        return .success(TestGuestImage(kernel: kernel, initrd: initrd))
    }

    /// Domain XML for the guest: TCG, ACPI (for the power button), a virtio balloon, its console in a file.
    public func domainXML(name: String, uuid: String? = nil, consolePath: String, memoryMiB: Int = 192,
                          vcpus: Int = 1, maxVcpus: Int = 2, persistentExtras: String = "") -> String {
        """
        <domain type='qemu'>
          <name>\(name)</name>
          \(uuid.map { "<uuid>\($0)</uuid>" } ?? "")
          <memory unit='MiB'>\(memoryMiB)</memory>
          <vcpu current='\(vcpus)'>\(maxVcpus)</vcpu>
          \(persistentExtras)
          <os>
            <type arch='x86_64' machine='pc'>hvm</type>
            <kernel>\(kernel)</kernel>
            <initrd>\(initrd)</initrd>
            <cmdline>no_timer_check console=ttyS0 panic=-1 quiet</cmdline>
          </os>
          <features><acpi/><apic/></features>
          <devices>
            <serial type='file'><source path='\(consolePath)'/></serial>
            <memballoon model='virtio'/>
          </devices>
        </domain>
        """
    }
}
