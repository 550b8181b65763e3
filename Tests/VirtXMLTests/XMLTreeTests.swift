import Foundation
import Testing
import VirtModel
@testable import VirtXML

/// The public libxml2 tree other modules use to read non-domain XML (the test driver's `<node>` files).
@Suite struct XMLTreeTests {
    static let node = """
        <?xml version="1.0"?>
        <node>
          <cpu>
            <mhz>6000</mhz>
            <model>i986</model>
          </cpu>
          <domain type='test'>
            <name>fv0</name>
            <memory>65536</memory>
            <os><type>hvm</type></os>
          </domain>
          <domain type='test'><name>fv1</name><memory unit='MiB'>128</memory><os><type>hvm</type></os></domain>
        </node>
        """

    @Test func readsElementsAttributesTextAndLines() throws {
        let document = try XMLDocument(parsing: Self.node, rootElement: "node")
        let root = document.root
        #expect(root.name == "node")
        #expect(root.children.map(\.name) == ["cpu", "domain", "domain"])
        #expect(root.child("cpu")?.child("mhz")?.text == "6000")
        #expect(root.children("domain").count == 2)
        #expect(root.children("domain")[0].attribute("type") == "test")
        #expect(root.children("domain")[0].attribute("missing") == nil)
        #expect(root.children("domain")[0].line == 7)
        #expect(root.children("domain")[1].attributes == [XMLAttribute(name: "type", value: "test")])
        #expect(root.child("cpu")?.serialized() == "<cpu>\n    <mhz>6000</mhz>\n    <model>i986</model>\n  </cpu>")
    }

    @Test func buildsDomainsFromElementsOfALargerDocument() throws {
        let document = try XMLDocument(parsing: Self.node, whitespace: .dropIgnorable)
        let domains = try document.root.children("domain").map { element throws(VirtError) in
            try DomainDefinition(element: element, defaults: .libvirtTestDriver)
        }
        #expect(domains.map(\.name) == ["fv0", "fv1"])
        #expect(domains[1].memory.totalKiB == 131072)
    }

    @Test func namespacesArePrefixedAndDeclared() throws {
        let document = try XMLDocument(
            parsing: "<domain xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><test:runstate>5</test:runstate></domain>")
        #expect(document.root.namespaceDeclarations == [
            XMLAttribute(name: "xmlns:test", value: "http://libvirt.org/schemas/domain/test/1.0")
        ])
        let state = try #require(document.root.children.first)
        #expect(state.qualifiedName == "test:runstate")
        #expect(state.namespaceURI == "http://libvirt.org/schemas/domain/test/1.0")
        #expect(document.root.child("runstate") == nil)
    }

    @Test func malformedDocumentsReportTheLineAndColumnAsLibvirtDoes() {
        #expect {
            _ = try XMLDocument(parsing: "<node>\n  <cpu>\n</node>\n", documentName: "node.xml", errorDomain: .test)
        } throws: { error in
            let error = error as? VirtError
            return error?.code == .xmlDetail && error?.domain == .test
                && error?.message == "node.xml:3: Opening and ending tag mismatch: cpu line 2 and node\n</node>\n-------^"
        }
    }

    @Test func wrongRootElement() {
        #expect {
            _ = try XMLDocument(parsing: "<domain/>", rootElement: "node")
        } throws: { error in
            (error as? VirtError)?.message == "XML error: expecting root element of 'node', not 'domain'"
        }
    }

    @Test func parsesFilesAndNamesThemInErrors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("virtxml-\(UUID()).xml").path
        try "<node>\n  <bad\n</node>".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try XMLDocument(contentsOfFile: path)
        } throws: { error in
            (error as? VirtError)?.message.hasPrefix(path + ":3: ") == true
        }
        try "<node><cpu/></node>".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try XMLDocument(contentsOfFile: path, rootElement: "node").root.children.count == 1)
    }
}
