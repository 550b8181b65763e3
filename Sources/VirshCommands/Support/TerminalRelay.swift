import Virt
#if canImport(Glibc)
import Glibc
#endif

/// `virsh console`'s loop: the terminal in raw mode, keys to the guest and the guest's output to the
/// terminal, until the escape character is typed, the console closes (the guest stopped) or another
/// session takes the console over. The terminal's settings come back afterwards.
struct TerminalRelay {
    let input: Int32
    let output: Int32
    /// The byte that ends the session (Ctrl-] by default).
    let escape: UInt8

    /// The byte an escape sequence stands for: "^]" is Ctrl-], any other text its first byte (vsh's rule).
    static func escapeByte(_ sequence: String) -> UInt8 {
        let bytes = Array(sequence.utf8)
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "^") {
            let letter = bytes[1] >= UInt8(ascii: "a") && bytes[1] <= UInt8(ascii: "z") ? bytes[1] - 32 : bytes[1]
            return letter ^ 0x40
        }
        return bytes.first ?? 0x1d
    }

    func run(_ stream: ConsoleStream) {
        var saved = termios()
        let isTerminal = tcgetattr(input, &saved) == 0
        if isTerminal {
            var raw = saved
            cfmakeraw(&raw)
            tcsetattr(input, TCSAFLUSH, &raw)
        }
        defer { if isTerminal { tcsetattr(input, TCSAFLUSH, &saved) } }

        var buffer = [UInt8](repeating: 0, count: 4096)
        var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: stream.fileDescriptor, events: Int16(POLLIN), revents: 0)]
        while !stream.isSuperseded {
            let ready = poll(&fds, 2, 250)
            if ready < 0 { if errno == EINTR { continue } else { return } }
            if ready == 0 { continue }
            if fds[1].revents != 0 {
                // A pty whose other side is gone reports POLLHUP, and reading it fails with EIO.
                let count = read(stream.fileDescriptor, &buffer, buffer.count)
                if count <= 0 { if count < 0 && errno == EINTR { continue } else { return } }
                guard Self.writeAll(buffer[..<count], to: output) else { return }
            }
            if fds[0].revents != 0 {
                let count = read(input, &buffer, buffer.count)
                if count <= 0 { if count < 0 && errno == EINTR { continue } else { return } }
                let keys = buffer[..<count]
                if let end = keys.firstIndex(of: escape) {
                    _ = Self.writeAll(keys[..<end], to: stream.fileDescriptor)
                    return
                }
                guard Self.writeAll(keys, to: stream.fileDescriptor) else { return }
            }
        }
    }

    private static func writeAll(_ bytes: ArraySlice<UInt8>, to fd: Int32) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue } else { return false } }
            rest = rest.dropFirst(written)
        }
        return true
    }
}
