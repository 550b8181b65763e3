#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads standard input a line at a time, for the interactive shell, as GNU readline presents lines that
/// are not typed: on a terminal the terminal echoes what is typed; with input from a pipe or file the
/// prompt is followed by the line itself, so a transcript reads as a session.
final class LineReader: ShellInput {
    private let descriptor: Int32
    private let console: Console
    private let echoes: Bool
    private var buffer: [UInt8] = []
    private var reachedEnd = false

    init(descriptor: Int32 = 0, console: Console, isTerminal: Bool) {
        self.descriptor = descriptor
        self.console = console
        echoes = !isTerminal
    }

    func readLine(prompt: String) -> String? {
        console.print(prompt)
        console.flush()
        guard let line = nextLine() else { return nil }
        if echoes { console.print(line + "\n") }
        return line
    }

    func finish() {}

    /// The next line without its newline; the last line may lack one. Nil at the end of input.
    private func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return String(decoding: line, as: UTF8.self)
            }
            if reachedEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                reachedEnd = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }
}
