import Glibc
import Synchronization

/// C strings that live until the process exits, for functions whose libvirt contract returns a static
/// string (virConnectGetType()). Each distinct text is allocated once; there are only a few (one per
/// hypervisor type).
final class PermanentStrings: Sendable {
    static let shared = PermanentStrings()

    private struct Table: @unchecked Sendable {
        // The pointers are written once and never freed or mutated, so sharing them is safe.
        var strings: [String: UnsafePointer<CChar>] = [:]
    }

    private let table = Mutex(Table())

    func cString(_ text: String) -> UnsafePointer<CChar> {
        table.withLock { table in
            if let existing = table.strings[text] { return existing }
            guard let allocated = text.mallocCopy() else { preconditionFailure("out of memory copying a string") }
            let copy = UnsafePointer(allocated)
            table.strings[text] = copy
            return copy
        }
    }
}
