import CLibvirt
import Virt

/// Connects `st` to the domain's console `dev_name` (NULL: the first); VIR_DOMAIN_CONSOLE_FORCE takes it from
/// another session (LIBVIRT_0.8.6).
@c @implementation
public func virDomainOpenConsole(_ dom: virDomainPtr?, _ dev_name: UnsafePointer<CChar>?, _ st: virStreamPtr?, _ flags: UInt32) -> Int32 {
    EntryPoint("virDomainOpenConsole").run(failure: -1) { entry throws(APIFailure) in
        let handle = try entry.domain(dom)
        let stream = try EntryPoint("virDomainOpenConsole", errorDomain: .streams).stream(st)
        let device = dev_name.map { String(cString: $0) }
        let consoleFlags = DomainConsoleFlags(rawValue: flags)
        // A session of this process's on the same console is ended here: it cannot see the takeover while
        // this thread waits for it (other processes' sessions end at their next read, as they see it).
        if consoleFlags.contains(.force) {
            for other in Handles.streams.objects where other.holds(handle.domain.uuid, device: device) { other.close() }
        }
        let console = try entry.call(on: handle.connection) { () async throws(VirtError) in
            try await handle.domain.openConsole(device: device, flags: consoleFlags)
        }
        guard stream.attach(console, domain: handle.domain.uuid, device: device) else {
            console.close()
            throw APIFailure(error: VirtError(.operationInvalid, .streams, "stream is already in use"), connection: handle.connection)
        }
        return 0
    }
}
