extension CPUMap {
    /// Parses libvirt's CPU list syntax ("0-3,^2,5"), as `virsh vcpupin` and `<vcpupin cpuset=...>` take it.
    /// Numbers must be below `cpuCount`; the map is just long enough for the highest CPU named.
    /// Returns nil when the text is not a valid list or names no CPU.
    public init?(cpuList text: String, cpuCount: Int) {
        var map = CPUMap(length: 0)
        var excluded: [Int] = []
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        for rawItem in items {
            let item = rawItem.trimmingSpaces()
            guard !item.isEmpty else { return nil }
            if item.hasPrefix("^") {
                guard let cpu = Int(item.dropFirst()), cpu >= 0, cpu < cpuCount else { return nil }
                excluded.append(cpu)
                continue
            }
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            switch bounds.count {
            case 1:
                guard let cpu = Int(bounds[0]), cpu >= 0, cpu < cpuCount else { return nil }
                map.use(cpu)
            case 2:
                guard let low = Int(bounds[0]), let high = Int(bounds[1]),
                      low >= 0, low <= high, high < cpuCount else { return nil }
                for cpu in low...high { map.use(cpu) }
            default:
                return nil
            }
        }
        for cpu in excluded { map.unuse(cpu) }
        guard !map.isEmpty, let last = map.lastUsable else { return nil }
        self = map.resized(to: Self.byteCount(forCPUs: last + 1))
    }

    /// libvirt's compact list form ("0-3,5"); empty when no CPU is usable.
    public var cpuList: String {
        var parts: [String] = []
        var start: Int?
        var previous = -2
        for cpu in usableCPUs {
            if cpu == previous + 1 {
                previous = cpu
                continue
            }
            if let first = start { parts.append(first == previous ? "\(first)" : "\(first)-\(previous)") }
            start = cpu
            previous = cpu
        }
        if let first = start { parts.append(first == previous ? "\(first)" : "\(first)-\(previous)") }
        return parts.joined(separator: ",")
    }

    /// virsh's affinity strip: one 'y' or '-' per CPU for the first `cpuCount` CPUs.
    public func affinityString(cpuCount: Int) -> String {
        String((0..<max(0, cpuCount)).map { isUsable($0) ? "y" : "-" })
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var s = self
        while let f = s.first, isSpace(f) { s = s.dropFirst() }
        while let l = s.last, isSpace(l) { s = s.dropLast() }
        return s
    }
}
