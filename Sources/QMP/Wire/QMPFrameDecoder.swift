import NIOCore

/// Splits QEMU's output into lines (LF, with an optional CR before it, as QEMU writes "\r\n")
/// and classifies each as a `QMPMessage`. Blank lines are skipped.
///
/// A line longer than `maximumLineLength` is refused before it is buffered any further, so a
/// runaway peer cannot make us hold unbounded memory. The decoder remembers how far it has
/// already searched for the line end, so a long line arriving in many reads is scanned once.
struct QMPFrameDecoder: NIOSingleStepByteToMessageDecoder {
    typealias InboundOut = QMPMessage

    let maximumLineLength: Int
    /// Bytes at the front of the buffer already known to hold no line feed.
    private var searched = 0

    init(maximumLineLength: Int = QMPClient.defaultMaximumLineLength) {
        self.maximumLineLength = maximumLineLength
    }

    mutating func decode(buffer: inout ByteBuffer) throws -> QMPMessage? {
        while true {
            let view = buffer.readableBytesView
            let start = view.index(view.startIndex, offsetBy: searched)
            guard let lineFeed = view[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                searched = view.count
                try checkLength(view.count, buffer: buffer)
                return nil
            }
            let length = lineFeed - view.startIndex
            try checkLength(length, buffer: buffer)
            searched = 0
            guard var line = buffer.readSlice(length: length) else { return nil }
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytesView.last == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            if line.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                continue
            }
            return try line.withUnsafeReadableBytes { (bytes) throws(QMPError) -> QMPMessage in
                try QMPMessage(line: bytes)
            }
        }
    }

    mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> QMPMessage? {
        if let message = try decode(buffer: &buffer) {
            return message
        }
        // QEMU ends every message with a line feed; bytes left at EOF are a cut-off message.
        let rest = buffer.readableBytesView.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        searched = 0
        guard rest.isEmpty else {
            throw QMPError.protocolViolation(
                "the connection closed in the middle of a message",
                line: String(decoding: rest.prefix(200), as: UTF8.self)
            )
        }
        return nil
    }

    private func checkLength(_ length: Int, buffer: ByteBuffer) throws(QMPError) {
        guard length > maximumLineLength else { return }
        throw .protocolViolation(
            "a line longer than \(maximumLineLength) bytes",
            line: String(decoding: buffer.readableBytesView.prefix(200), as: UTF8.self) + "…"
        )
    }
}
