import CLibvirt
import Glibc
import Virt

/// Operations on a C `virError`, whose strings are malloc'ed so that callers may release them with
/// virResetError() / virFreeError(), as libvirt's own errors are released.
enum ErrorRecord {
    /// A zeroed error on the C heap, for the caller (or virFreeError()) to free.
    static func allocate() -> UnsafeMutablePointer<virError> {
        let raw = calloc(1, MemoryLayout<virError>.size)
        guard let raw else { fatalError("out of memory allocating a virError") }
        return raw.bindMemory(to: virError.self, capacity: 1)
    }

    /// Frees the strings and zeroes every field.
    static func reset(_ record: UnsafeMutablePointer<virError>) {
        // Every failed call resets three records, most fields already NULL: free() only what is there.
        if let message = record.pointee.message { free(message) }
        if let str1 = record.pointee.str1 { free(str1) }
        if let str2 = record.pointee.str2 { free(str2) }
        if let str3 = record.pointee.str3 { free(str3) }
        record.pointee = virError()
    }

    /// Replaces `record` with `error`. The deprecated conn/dom/net fields stay NULL, as in libvirt.
    static func store(_ error: VirtError, in record: UnsafeMutablePointer<virError>) {
        reset(record)
        record.pointee.code = error.code.rawValue
        record.pointee.domain = error.domain.rawValue
        record.pointee.level = virErrorLevel(rawValue: UInt32(error.level.rawValue))
        record.pointee.message = error.message.mallocCopy()
        record.pointee.str1 = error.str1?.mallocCopy()
        record.pointee.str2 = error.str2?.mallocCopy()
        record.pointee.str3 = error.str3?.mallocCopy()
        record.pointee.int1 = error.int1
        record.pointee.int2 = error.int2
    }

    /// Deep-copies `source` into `target` (libvirt's virCopyError): codes, level, strings and numbers.
    static func copy(_ source: UnsafePointer<virError>, to target: UnsafeMutablePointer<virError>) {
        reset(target)
        target.pointee.code = source.pointee.code
        target.pointee.domain = source.pointee.domain
        target.pointee.level = source.pointee.level
        target.pointee.message = source.pointee.message.flatMap { strdup($0) }
        target.pointee.str1 = source.pointee.str1.flatMap { strdup($0) }
        target.pointee.str2 = source.pointee.str2.flatMap { strdup($0) }
        target.pointee.str3 = source.pointee.str3.flatMap { strdup($0) }
        target.pointee.int1 = source.pointee.int1
        target.pointee.int2 = source.pointee.int2
    }
}
