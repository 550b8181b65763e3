import Virt

/// libvirt's CPU list syntax as virsh reads and prints it (`virBitmapParse`, `virBitmapFormat`).
///
/// Lists are "N", "N-M" and "^N" items separated by commas, applied left to right ("0-3,^2" is 0,1,3),
/// with blanks allowed around numbers. Parsing is limited to `capacity` CPUs, as virsh limits it to 1024.
enum CPUBitmap {
    /// The CPUs `text` names, in a map of `capacity` bits; nil when the text is not a valid list.
    static func parse(_ text: String, capacity: Int) -> CPUMap? {
        var map = CPUMap(length: CPUMap.byteCount(forCPUs: capacity))
        var rest = Substring(text)
        skipSpaces(&rest)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            var negated = false
            if rest.first == "^" {
                negated = true
                rest = rest.dropFirst()
            }
            guard let first = rest.first, first.isASCII, first.isNumber,
                  let start = CNumber.int32Prefix(rest), start.value >= 0 else { return nil }
            rest = Substring(start.rest)
            skipSpaces(&rest)
            let low = Int(start.value)
            if rest.isEmpty || rest.first == "," {
                guard low < capacity else { return nil }
                if negated { map.unuse(low) } else { map.use(low) }
            } else if rest.first == "-" {
                guard !negated else { return nil }
                rest = rest.dropFirst()
                skipSpaces(&rest)
                guard let last = CNumber.int32Prefix(rest), Int(last.value) >= low else { return nil }
                rest = Substring(last.rest)
                guard Int(last.value) < capacity else { return nil }
                for cpu in low...Int(last.value) { map.use(cpu) }
                skipSpaces(&rest)
            }
            if rest.first == "," {
                rest = rest.dropFirst()
                skipSpaces(&rest)
            } else if !rest.isEmpty {
                return nil
            }
        }
        return map
    }

    /// The compact list ("0-3,5") of the CPUs set in the first `length` bytes of `map`.
    static func format(_ map: CPUMap, length: Int) -> String {
        let bytes = Array(map.bytes.prefix(length))
        return CPUMap(bytes: bytes).cpuList
    }

    private static func skipSpaces(_ text: inout Substring) {
        while let c = text.first, c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" {
            text = text.dropFirst()
        }
    }
}
