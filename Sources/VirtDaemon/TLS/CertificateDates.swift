#if canImport(Glibc)
    import Glibc
#endif
import NIOSSL

/// libvirt's virNetTLSContextCheckCertTimes: a certificate outside its validity period, worded as the tail of
/// libvirt's messages ("has expired", "is not yet active").
enum CertificateDates {
    static func problem(_ certificate: NIOSSLCertificate, now: time_t) -> String? {
        if certificate.notValidAfter < now { return "has expired" }
        if certificate.notValidBefore > now { return "is not yet active" }
        return nil
    }
}
