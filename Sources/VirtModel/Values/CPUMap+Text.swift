extension CPUMap {
    /// Parses libvirt's CPU list syntax as `virBitmapParse` reads it, for `virsh vcpupin`, `<vcpu cpuset=...>`
    /// and `<vcpupin cpuset=...>` alike. Items are "N", "N-M" and "^N", separated by commas and applied left
    /// to right ("0-3,^2" is 0,1,3; "^2,0-3" is 0-3); blanks may surround numbers and follow commas, and one
    /// trailing comma is allowed. Every CPU named, excluded ones too, must be below `limit` (virsh passes
    /// 1024, domain XML 16384).
    ///
    /// The map is just long enough for the highest CPU left (`virBitmapToData`), and empty when none is:
    /// libvirt's callers refuse an empty list each with its own message.
    /// - Throws: `VIR_ERR_INVALID_ARG` "Failed to parse bitmap '<text>'" (from `VIR_FROM_NONE`), as libvirt.
    public init(cpuList text: String, limit: Int) throws(VirtError) {
        guard let map = Self.parse(Substring(text), limit: limit) else {
            throw VirtError(.invalidArg, .none, "Failed to parse bitmap '\(text)'")
        }
        self = map
    }

    private static func parse(_ text: Substring, limit: Int) -> CPUMap? {
        var map = CPUMap(length: 0)
        var rest = text.skippingSpaces
        guard !rest.isEmpty else { return nil }
        while let first = rest.utf8.first {
            let excluded = first == UInt8(ascii: "^")
            if excluded { rest = rest.droppingFirstByte }
            // A digit must come first: strtol alone would also take blanks and a sign.
            guard let digit = rest.utf8.first, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"),
                  let start = CNumber.int32Prefix(rest)
            else { return nil }
            let low = Int(start.value)
            rest = start.rest.skippingSpaces
            switch rest.utf8.first {
            case nil, UInt8(ascii: ","):
                guard low < limit else { return nil }
                if excluded { map.unuse(low) } else { map.use(low) }
            case UInt8(ascii: "-"):
                guard !excluded else { return nil }
                // The end of a range is read by strtol as it is: blanks and a sign are allowed ("0-+3").
                guard let end = CNumber.int32Prefix(rest.droppingFirstByte), Int(end.value) >= low,
                      Int(end.value) < limit
                else { return nil }
                for cpu in low...Int(end.value) { map.use(cpu) }
                rest = end.rest.skippingSpaces
            default:
                break
            }
            switch rest.utf8.first {
            case nil: break
            case UInt8(ascii: ","): rest = rest.droppingFirstByte.skippingSpaces
            default: return nil
            }
        }
        return map.resized(to: byteCount(forCPUs: (map.lastUsable ?? -1) + 1))
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
    /// Without the leading blanks C's `isspace` knows.
    fileprivate var skippingSpaces: Substring {
        Substring(utf8.drop(while: CNumber.isSpace))
    }

    /// Without the first byte, which the caller has seen is ASCII.
    fileprivate var droppingFirstByte: Substring {
        Substring(utf8.dropFirst())
    }
}
