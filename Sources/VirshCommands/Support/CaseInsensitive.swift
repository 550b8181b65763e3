/// `strcasecmp` in the C locale: ASCII letters compare without case, every other byte by value.
enum CaseInsensitive {
    static func compare(_ a: String, _ b: String) -> Int {
        var left = a.utf8.makeIterator(), right = b.utf8.makeIterator()
        while true {
            let x = left.next().map(lower) ?? 0, y = right.next().map(lower) ?? 0
            if x != y || x == 0 { return Int(x) - Int(y) }
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte
    }
}
