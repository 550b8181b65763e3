import Testing
import Virt

/// Runs `body` and checks it fails with `code`, `domain` and exactly `message`.
func expectVirtError<T>(
    _ code: ErrorCode, _ domain: ErrorDomain, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async {
    do {
        _ = try await body()
        Issue.record("expected \(message), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as VirtError {
        #expect(error.code == code, "code", sourceLocation: sourceLocation)
        #expect(error.domain == domain, "domain", sourceLocation: sourceLocation)
        #expect(error.message == message, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a VirtError, got \(error)", sourceLocation: sourceLocation)
    }
}
