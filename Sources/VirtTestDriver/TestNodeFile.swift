import VirtDriver
import VirtXML

/// test:///PATH : a node described in an XML file, read the way libvirt's test driver reads it.
///
/// ```xml
/// <node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
///   <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads>
///        <active>4</active><mhz>2000</mhz><model>x86_64</model></cpu>
///   <memory>8388608</memory>
///   <domain file='guest.xml'/>                 <!-- relative to this file -->
///   <domain type='test'> ... <test:runstate>5</test:runstate> <test:transient/> </domain>
/// </node>
/// ```
/// Missing node values keep libvirt's defaults. Domains start running (with ids in document order)
/// unless `test:runstate` says otherwise; networks, pools, interfaces and devices are ignored.
enum TestNodeFile {
    static let namespace = "http://libvirt.org/schemas/domain/test/1.0"

    static func load(path: String) throws(VirtError) -> TestHost {
        let document = try XMLDocument(contentsOfFile: path, rootElement: "node", errorDomain: .test, whitespace: .dropIgnorable)
        let root = document.root
        var host = TestHost(node: try readNode(root))
        for element in root.children("domain") {
            let domainElement = try resolve(element, relativeTo: path)
            let extras = try TestNamespaceData(domainElement)
            var def = try DomainDefinition(element: domainElement, defaults: TestDriver.definitionDefaults)
            def.unknown.elements.removeAll { fragment in
                extras.qualifiedNames.contains { fragment.xml.hasPrefix("<\($0)") }
            }
            TestDriver.nameInterfaces(&def)
            try host.addLoaded(def, persistent: !extras.transient, state: extras.runState)
            let (taints, deprecations) = DomainTaint.check(def)
            try host.domains.update(def.uuid) { (domain: inout TestDomain) throws(VirtError) in
                domain.hasManagedSave = extras.hasManagedSave
                domain.taints = taints
                domain.deprecations = deprecations
            }
        }
        return host
    }

    /// libvirt's rules: counts multiply to the CPU total unless `<active>` is lower; bad numbers are errors.
    private static func readNode(_ root: XMLElement) throws(VirtError) -> NodeInfo {
        var node = TestHost.defaultNode
        let cpu = root.child("cpu")
        func number(_ name: String, in element: XMLElement?, what: String) throws(VirtError) -> UInt64? {
            guard let text = element?.child(name)?.text else { return nil }
            guard let value = UInt64(text.trimmingWhitespace()) else {
                throw VirtError(.xmlError, .test, "invalid node \(what) value")
            }
            return value
        }
        if let value = try number("nodes", in: cpu, what: "cpu nodes") { node.nodes = UInt32(truncatingIfNeeded: value) }
        if let value = try number("sockets", in: cpu, what: "cpu sockets") { node.sockets = UInt32(truncatingIfNeeded: value) }
        if let value = try number("cores", in: cpu, what: "cpu cores") { node.cores = UInt32(truncatingIfNeeded: value) }
        if let value = try number("threads", in: cpu, what: "cpu threads") { node.threads = UInt32(truncatingIfNeeded: value) }
        node.cpus = UInt32(truncatingIfNeeded: node.maxCPUs)
        if let active = try number("active", in: cpu, what: "cpu active"), active < node.cpus { node.cpus = UInt32(active) }
        if let value = try number("mhz", in: cpu, what: "cpu mhz") { node.mhz = UInt32(truncatingIfNeeded: value) }
        if let model = cpu?.child("model")?.text {
            guard model.utf8.count < 32 else {
                throw VirtError(.internalError, .test, "Model \(model) too big for destination")
            }
            node.model = model
        }
        if let memory = try number("memory", in: root, what: "memory") { node.memoryKiB = memory }
        return node
    }

    /// An element with `file=` stands for the root of that file (relative to the node file's directory).
    private static func resolve(_ element: XMLElement, relativeTo nodeFile: String) throws(VirtError) -> XMLElement {
        guard let file = element.attribute("file") else { return element }
        let path = file.hasPrefix("/") ? file : directory(of: nodeFile) + "/" + file
        return try XMLDocument(contentsOfFile: path, rootElement: element.name, whitespace: .dropIgnorable).root
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// The test driver's own elements inside a `<domain>` (namespace http://libvirt.org/schemas/domain/test/1.0).
private struct TestNamespaceData {
    var runState: DomainState = .running
    var transient = false
    var hasManagedSave = false
    /// How those elements are written in this document ("test:runstate", ...), to drop them from the definition.
    var qualifiedNames: [String] = []

    init(_ domain: XMLElement) throws(VirtError) {
        let own = domain.children.filter { $0.namespaceURI == TestNodeFile.namespace }
        qualifiedNames = own.map(\.qualifiedName)
        transient = own.contains { $0.name == "transient" }
        hasManagedSave = own.contains { $0.name == "hasmanagedsave" }
        if let text = own.first(where: { $0.name == "runstate" })?.text {
            guard let raw = UInt32(text.trimmingWhitespace()) else {
                throw VirtError(.xmlError, .test, "invalid runstate")
            }
            guard raw <= 7 else {
                throw VirtError(.xmlError, .test, "runstate '\(raw)' out of range'")
            }
            runState = DomainState(rawValue: Int32(raw))
        }
        if transient && runState == .shutoff {
            throw VirtError(.xmlError, .test, "transient domain cannot have runstate 'shutoff'")
        }
        if hasManagedSave && runState != .shutoff {
            throw VirtError(.xmlError, .test, "domain with managedsave data can only have runstate 'shutoff'")
        }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
