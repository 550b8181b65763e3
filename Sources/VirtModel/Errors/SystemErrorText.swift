#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// strerror without the locale: the text libvirt puts after a failed system call's detail.
public enum SystemErrorText {
    public static func describe(_ errnoValue: Int32) -> String {
        guard let text = strerror(errnoValue) else { return "Unknown error \(errnoValue)" }
        return String(cString: text)
    }
}
