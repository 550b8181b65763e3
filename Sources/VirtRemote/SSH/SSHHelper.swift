import FoundationEssentials
public import VirtDriver
import VirtOS
#if canImport(Glibc)
import Glibc
#endif

/// The far side of an ssh connection (`swiftvirt-ssh-helper [-r|--readonly] URI`, as libvirt's
/// virt-ssh-helper): joins its standard input and output to the socket a local client of URI would reach
/// (virtd's or libvirtd's, by libvirt's rules), until either side ends.
public enum SSHHelper {
    public static let usage = "usage: swiftvirt-ssh-helper [-r|--readonly] URI\n"

    /// Runs the helper; returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        var readOnly = false
        var uriText: String?
        for argument in arguments {
            switch argument {
            case "-r", "--readonly": readOnly = true
            case "-h", "--help":
                report(usage)
                return 0
            default:
                guard uriText == nil, !argument.hasPrefix("-") else {
                    report(usage)
                    return 1
                }
                uriText = argument
            }
        }
        guard let uriText else {
            report(usage)
            return 1
        }
        let path: String
        do throws(VirtError) {
            let uri = try ConnectURI(parsing: uriText)
            let resolver = RemoteSocketPath(
                driver: uri.driver, path: uri.path, readOnly: readOnly, mode: nil, userID: geteuid(),
                environment: ProcessInfo.processInfo.environment, fileExists: { access($0, F_OK) == 0 })
            path = try resolver.resolve()
        } catch {
            report("swiftvirt-ssh-helper: \(error.message)\n")
            return 1
        }
        guard let socket = UnixSocketAddress.connect(path) else {
            report("swiftvirt-ssh-helper: Failed to connect socket to '\(path)': \(String(cString: strerror(errno)))\n")
            return 1
        }
        pump(between: socket)
        return 0
    }

    /// Copies stdin to the socket and the socket to stdout; ssh's end of input half-closes the socket,
    /// the daemon's end of output ends the helper.
    private static func pump(between socket: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var inputOpen = true
        while true {
            var fds = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
            if inputOpen { fds.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else { return }
            if fds[0].revents != 0 {
                guard copy(from: socket, to: 1, &buffer) else { return }
            }
            if inputOpen, fds.count > 1, fds[1].revents != 0, !copy(from: 0, to: socket, &buffer) {
                inputOpen = false
                shutdown(socket, Int32(SHUT_WR))
            }
        }
    }

    /// One read and its whole write; false at the end of input or on an error.
    private static func copy(from source: Int32, to destination: Int32, _ buffer: inout [UInt8]) -> Bool {
        let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return true }
        guard count > 0 else { return false }
        do throws(SystemCallError) {
            try FileIO.writeAll(destination, Array(buffer[..<count]), path: "ssh")
            return true
        } catch {
            return false
        }
    }

    private static func report(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
