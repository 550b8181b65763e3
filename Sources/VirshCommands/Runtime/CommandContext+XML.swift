import Virt

/// Reading details out of a domain's XML, as virsh does for what has no API of its own.
extension CommandContext {
    /// The domain's XML, parsed for queries (`virshDomainGetXMLFromDom`).
    func domainXML(_ domain: Domain, flags: DomainXMLFlags = []) async throws(CommandFailure) -> XMLQuery {
        let text = try await require("Failed to get domain description xml") { () async throws(VirtError) in
            try await domain.xmlDescription(flags: flags)
        }
        do {
            return try XMLQuery(parsing: text, url: "(domain_definition)")
        } catch {
            record(error)
            throw failure("Failed to parse domain description xml")
        }
    }
}

enum DomainXMLText {
    /// The domain's `<title>`, "" when it has none (virsh's fallback when there is no metadata API).
    static func title(of domain: Domain, _ context: CommandContext) async throws(CommandFailure) -> String {
        let xml = try await context.domainXML(domain)
        return xml.string("string(./title[1])") ?? ""
    }
}
