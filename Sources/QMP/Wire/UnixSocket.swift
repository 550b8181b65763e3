#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The two socket operations NIO does not offer: connecting a unix stream socket whose descriptor
/// we keep (so descriptors can be passed over it later), and sending a descriptor (SCM_RIGHTS).
enum UnixSocket {
    /// Why a connection attempt failed; `retryable` failures mean "QEMU is not listening yet".
    struct ConnectFailure: Error {
        let errorNumber: CInt
        let reason: String

        /// No socket file yet, nobody listening on it yet, or its backlog is full.
        var retryable: Bool {
            errorNumber == ENOENT || errorNumber == ECONNREFUSED || errorNumber == EAGAIN
        }
    }

    /// Connects a non-blocking, close-on-exec stream socket to `path`.
    static func connect(to path: String) -> Result<CInt, ConnectFailure> {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity, !pathBytes.contains(0) else {
            return .failure(
                ConnectFailure(
                    errorNumber: ENAMETOOLONG,
                    reason: "'\(path)' is not usable as a unix socket path (at most \(capacity - 1) bytes)"
                )
            )
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let descriptor = socket(
            AF_UNIX,
            CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue) | CInt(SOCK_NONBLOCK.rawValue),
            0
        )
        guard descriptor >= 0 else {
            return .failure(failure(errno, "socket()"))
        }
        var result: CInt
        repeat {
            result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        } while result < 0 && errno == EINTR
        guard result == 0 else {
            let error = errno
            close(descriptor)
            // Connecting to a file that is not a socket is refused like a socket nobody listens on.
            var status = stat()
            if error == ECONNREFUSED, stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFSOCK {
                return .failure(ConnectFailure(errorNumber: ENOTSOCK, reason: "'\(path)' exists but is not a socket"))
            }
            return .failure(failure(error, "connect('\(path)')"))
        }
        return .success(descriptor)
    }

    /// Sends one space (JSON whitespace, which QEMU's parser skips) carrying `descriptor` as
    /// SCM_RIGHTS ancillary data. QEMU keeps the descriptor until a command such as `getfd` claims it.
    static func send(descriptor: CInt, over socket: CInt) -> Result<Void, QMPError> {
        let alignment = MemoryLayout<Int>.size
        func aligned(_ size: Int) -> Int { (size + alignment - 1) & ~(alignment - 1) }
        let headerSize = aligned(MemoryLayout<cmsghdr>.size)
        let controlSize = headerSize + aligned(MemoryLayout<CInt>.size)
        let control = UnsafeMutableRawPointer.allocate(
            byteCount: controlSize,
            alignment: MemoryLayout<cmsghdr>.alignment
        )
        defer { control.deallocate() }
        control.initializeMemory(as: UInt8.self, repeating: 0, count: controlSize)
        let header = control.bindMemory(to: cmsghdr.self, capacity: 1)
        header.pointee.cmsg_len = headerSize + MemoryLayout<CInt>.size
        header.pointee.cmsg_level = SOL_SOCKET
        header.pointee.cmsg_type = CInt(SCM_RIGHTS)
        (control + headerSize).storeBytes(of: descriptor, as: CInt.self)

        var space = UInt8(ascii: " ")
        var sent: Int
        repeat {
            sent = withUnsafeMutablePointer(to: &space) { spacePointer in
                var vector = iovec(iov_base: UnsafeMutableRawPointer(spacePointer), iov_len: 1)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var message = msghdr()
                    message.msg_iov = vectorPointer
                    message.msg_iovlen = 1
                    message.msg_control = control
                    message.msg_controllen = controlSize
                    return sendmsg(socket, &message, CInt(MSG_NOSIGNAL))
                }
            }
        } while sent < 0 && errno == EINTR
        guard sent == 1 else {
            return .failure(.transport(failure(errno, "passing a descriptor to QEMU").reason))
        }
        return .success(())
    }

    private static func failure(_ errorNumber: CInt, _ operation: String) -> ConnectFailure {
        ConnectFailure(errorNumber: errorNumber, reason: "\(operation): \(String(cString: strerror(errorNumber)))")
    }
}
