import VirtDriver
import VirtDriverState
import VirtOS
import VirtXML

/// The xen:/// driver's files (``DomainStateStore``), shared by every process that opens the URI.
struct XenStateStore: DomainStateStore {
    typealias Status = XenDomainStatus

    let paths: XenPaths

    var errorDomain: ErrorDomain { .libxl }

    func parseDefinition(_ xml: String, live: Bool) throws(VirtError) -> DomainDefinition {
        try XenDefinitions.parse(xml, options: live ? .live : [])
    }

    /// Forgets a stopped domain's run files (status first, so no reader sees a status without its XML).
    func clearRunning(named name: String) {
        for path in [paths.status(name), paths.liveDefinition(name)] {
            try? Paths.remove(path)
        }
    }
}
