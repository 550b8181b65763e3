/// The few printf conversions virsh's output relies on, done without C varargs.
enum TextFormat {
    /// `%-<width>s`: `text` padded with spaces on the right to `width` bytes, as printf counts (never truncated).
    static func padded(_ text: String, to width: Int) -> String {
        let count = text.utf8.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// virsh's aligned "Key:   value" line (`"%-15s %s\n"` and friends).
    static func field(_ key: String, _ value: String, width: Int = 15) -> String {
        padded(key, to: width) + " " + value + "\n"
    }

    /// `%.1lf` of `value`.
    static func oneDecimal(_ value: Double) -> String {
        CFormat.fixed(value, digits: 1)
    }

    /// Seconds from nanoseconds, as virsh prints CPU time: `%.1lfs`.
    static func cpuSeconds(nanoseconds: UInt64) -> String {
        oneDecimal(Double(nanoseconds) / 1_000_000_000.0) + "s"
    }
}
