import Testing
import VirtModel
@testable import VirtXML

/// Errors against libvirt 9.0's for the same documents: code, domain and message.
@Suite struct ErrorTests {
    @Test(arguments: try Fixtures.errorCases())
    func matchesLibvirt(_ name: String) throws {
        let input = try Fixtures.read("errors", name + ".xml")
        let golden = try Fixtures.read("errors", name + ".error")
        guard let newline = golden.firstIndex(of: "\n") else {
            Issue.record("malformed golden \(name).error")
            return
        }
        let numbers = golden[..<newline].split(separator: " ").compactMap { Int32($0) }
        let message = String(golden[golden.index(after: newline)...])
        let options: DefinitionParseOptions = name.hasPrefix("validate-") ? [.validateSchema] : []
        do {
            _ = try DomainDefinition(xml: input, defaults: .libvirtTestDriver, options: options)
            Issue.record("\(name) was accepted; libvirt says: \(message)")
        } catch {
            #expect(error.code.rawValue == numbers.first, "\(name): code")
            #expect(error.domain.rawValue == numbers.last, "\(name): domain")
            #expect(error.message == message, "\(name): message")
        }
    }
}
