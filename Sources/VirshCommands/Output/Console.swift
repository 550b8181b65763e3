#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where virsh's text goes: standard output for results, standard error for "error: ..." lines.
///
/// Output is buffered and flushed before every error line and every prompt, so the two streams interleave
/// as virsh's do when both go to one terminal or file (virsh flushes stdout before each error, too).
final class Console {
    /// `-q`: drop the extra informational lines (`vshPrintExtra`), keep results.
    var quiet = false
    private var pending: [UInt8] = []
    let outputDescriptor: Int32
    private let errorDescriptor: Int32

    init(outputDescriptor: Int32 = 1, errorDescriptor: Int32 = 2) {
        self.outputDescriptor = outputDescriptor
        self.errorDescriptor = errorDescriptor
    }

    /// A result line or part of one (`vshPrint`).
    func print(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { flush() }
    }

    /// Information that `-q` suppresses (`vshPrintExtra`).
    func printExtra(_ text: String) {
        if !quiet { print(text) }
    }

    /// One "error: <message>" line on standard error (`vshError`).
    func error(_ message: String) {
        flush()
        Self.writeAll(Array("error: \(message)\n".utf8), to: errorDescriptor)
    }

    /// Text on standard error without the "error: " prefix.
    func printToError(_ text: String) {
        flush()
        Self.writeAll(Array(text.utf8), to: errorDescriptor)
    }

    func flush() {
        guard !pending.isEmpty else { return }
        Self.writeAll(pending, to: outputDescriptor)
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes everything, retrying after interruptions; a closed pipe ends the writing quietly.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
