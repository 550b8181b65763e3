#if canImport(Glibc)
import Glibc
#endif

/// The host's hardware as libvirt reports it for `virNodeGetInfo` on Linux: the architecture as model,
/// online CPUs, clock from /proc/cpuinfo, topology from sysfs (per NUMA node), memory from the NUMA nodes
/// (or /proc/meminfo without NUMA).
public struct HostInfo: Sendable, Equatable {
    public var model: String
    public var memoryKiB: UInt64
    public var cpus: UInt32
    public var mhz: UInt32
    public var nodes: UInt32
    public var sockets: UInt32
    public var cores: UInt32
    public var threads: UInt32

    public static func read(sysfs: String = "/sys/devices/system", proc: String = "/proc") -> HostInfo {
        let online = cpuList(text(sysfs + "/cpu/online") ?? "0")
        let nodeNames = Paths.contents(of: sysfs + "/node").filter { $0.hasPrefix("node") && Int($0.dropFirst(4)) != nil }
        var sockets = 0, cores = 0, threads = 0
        var nodeMemory: UInt64 = 0
        let groups: [[Int]] = nodeNames.isEmpty
            ? [online]
            : nodeNames.map { name in cpuList(text("\(sysfs)/node/\(name)/cpulist") ?? "").filter(online.contains) }
        for cpusInNode in groups {
            let (s, c, t) = topology(of: cpusInNode, sysfs: sysfs)
            sockets = max(sockets, s)
            cores = max(cores, c)
            threads = max(threads, t)
        }
        for name in nodeNames {
            nodeMemory += meminfoKiB(text("\(sysfs)/node/\(name)/meminfo") ?? "", key: "MemTotal:") ?? 0
        }
        let memory = nodeMemory > 0 ? nodeMemory : meminfoKiB(text(proc + "/meminfo") ?? "", key: "MemTotal:") ?? 0
        return HostInfo(
            model: machine(), memoryKiB: memory, cpus: UInt32(online.count), mhz: cpuMHz(text(proc + "/cpuinfo") ?? ""),
            nodes: UInt32(max(1, nodeNames.count)), sockets: UInt32(max(1, sockets)),
            cores: UInt32(max(1, cores)), threads: UInt32(max(1, threads)))
    }

    /// The online CPUs.
    public static func onlineCPUs(sysfs: String = "/sys/devices/system") -> [Int] {
        cpuList(text(sysfs + "/cpu/online") ?? "0")
    }

    /// How many CPUs the host has slots for (present, online or not).
    public static func presentCPUCount(sysfs: String = "/sys/devices/system") -> Int {
        (cpuList(text(sysfs + "/cpu/present") ?? "0").max() ?? 0) + 1
    }

    /// Sockets, cores per socket and threads per core among `cpus`.
    private static func topology(of cpus: [Int], sysfs: String) -> (Int, Int, Int) {
        var coresBySocket: [Int: Set<Int>] = [:]
        var threadsByCore: [String: Int] = [:]
        for cpu in cpus {
            let base = "\(sysfs)/cpu/cpu\(cpu)/topology/"
            let socket = Int(text(base + "physical_package_id") ?? "") ?? 0
            let core = Int(text(base + "core_id") ?? "") ?? cpu
            coresBySocket[socket, default: []].insert(core)
            threadsByCore["\(socket)/\(core)", default: 0] += 1
        }
        return (coresBySocket.count, coresBySocket.values.map(\.count).max() ?? 1, threadsByCore.values.max() ?? 1)
    }

    /// Parses a sysfs CPU list ("0-3,8").
    static func cpuList(_ text: String) -> [Int] {
        text.split(separator: ",").flatMap { part -> [Int] in
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters()) }
            if bounds.count == 2, bounds[0] <= bounds[1] { return Array(bounds[0]...bounds[1]) }
            return bounds.count == 1 ? [bounds[0]] : []
        }
    }

    static func meminfoKiB(_ text: String, key: String) -> UInt64? {
        for line in text.split(separator: "\n") {
            guard let range = line.firstRange(of: key) else { continue }
            let number = line[range.upperBound...].split(separator: " ").first
            return number.flatMap { UInt64($0) }
        }
        return nil
    }

    static func cpuMHz(_ cpuinfo: String) -> UInt32 {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("cpu MHz") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters()
            return UInt32(value.split(separator: ".").first.flatMap { UInt32($0) } ?? 0)
        }
        return 0
    }

    public static func machine() -> String {
        var name = utsname()
        uname(&name)
        return withUnsafePointer(to: name.machine) {
            $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) }
        }
    }

    private static func text(_ path: String) -> String? {
        (try? FileIO.read(path, limit: FileSizeLimit.record)).map { String(decoding: $0, as: UTF8.self).trimmingCharacters() }
    }
}

extension StringProtocol {
    /// The text without surrounding spaces, tabs and newlines.
    func trimmingCharacters() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
