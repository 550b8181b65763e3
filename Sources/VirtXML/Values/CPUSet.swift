import VirtModel

/// A set of host CPUs in libvirt's list syntax ("0-3,^2,5"), parsed as `virBitmapParse` does (items left to
/// right, '^' removes, at most 16384 CPUs) and written back in the compact form ("0-1,3,5").
struct CPUSet: Equatable {
    static let limit = 16384
    private(set) var cpus: [Int] = []

    /// - Throws: VIR_ERR_INVALID_ARG "Failed to parse bitmap '...'" (from VIR_FROM_NONE), as libvirt does.
    init(parsing text: String) throws(VirtError) {
        var set = Set<Int>()
        var bytes = Array(text.utf8)
        bytes.append(0)
        var i = 0
        func skipSpaces() { while bytes[i] == 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0d) { i += 1 } }
        func number() -> Int? {
            // strtol: optional spaces and sign, then digits.
            var j = i
            while bytes[j] == 0x20 || (bytes[j] >= 0x09 && bytes[j] <= 0x0d) { j += 1 }
            var negative = false
            if bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
                negative = bytes[j] == UInt8(ascii: "-")
                j += 1
            }
            var value = 0
            let start = j
            while bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") {
                value = value * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                if value > Int(Int32.max) + 1 { return nil }
                j += 1
            }
            guard j > start else { return nil }
            i = j
            return negative ? -value : value
        }
        // Built only when needed: composing an error's message costs more than parsing a short list.
        var failure: VirtError { VirtError(.invalidArg, .none, "Failed to parse bitmap '\(text)'") }
        skipSpaces()
        guard bytes[i] != 0 else { throw failure }
        while bytes[i] != 0 {
            var negate = false
            if bytes[i] == UInt8(ascii: "^") {
                i += 1
                negate = true
            }
            guard bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"),
                let start = number(), start >= 0, start <= Int(Int32.max)
            else { throw failure }
            skipSpaces()
            if bytes[i] == UInt8(ascii: ",") || bytes[i] == 0 {
                guard start < Self.limit else { throw failure }
                if negate { set.remove(start) } else { set.insert(start) }
            } else if bytes[i] == UInt8(ascii: "-") {
                guard !negate else { throw failure }
                i += 1
                skipSpaces()
                guard let last = number(), last >= start, last <= Int(Int32.max) else { throw failure }
                guard last < Self.limit else { throw failure }
                for cpu in start...last { set.insert(cpu) }
                skipSpaces()
            }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipSpaces()
            } else if bytes[i] != 0 {
                throw failure
            }
        }
        cpus = set.sorted()
    }

    var isEmpty: Bool { cpus.isEmpty }

    /// `virBitmapFormat`: ranges joined by commas.
    var text: String {
        var parts: [String] = []
        var index = 0
        while index < cpus.count {
            var end = index
            while end + 1 < cpus.count, cpus[end + 1] == cpus[end] + 1 { end += 1 }
            parts.append(end == index ? "\(cpus[index])" : "\(cpus[index])-\(cpus[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
