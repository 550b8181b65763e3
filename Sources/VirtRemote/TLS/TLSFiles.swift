/// Where a TLS connection's x509 files are, by libvirt 9.0's rules (virNetTLSContextLocateCredentials for a
/// client): `?pkipath=DIR` takes DIR/cacert.pem, DIR/clientcert.pem, DIR/clientkey.pem (and DIR/cacrl.pem)
/// whether they exist or not; a non-root user with any of them in ~/.pki/libvirt/ uses that directory;
/// otherwise the system's /etc/pki/CA/cacert.pem, /etc/pki/libvirt/clientcert.pem,
/// /etc/pki/libvirt/private/clientkey.pem.
struct TLSFiles: Sendable, Hashable {
    var caCertificate: String
    var revocationList: String
    var certificate: String
    var privateKey: String

    static func locate(
        pkipath: String?, userID: UInt32, home: String?, fileExists: (String) -> Bool
    ) -> TLSFiles {
        if let pkipath { return flat(pkipath) }
        if userID != 0, let home {
            let user = flat(home + "/.pki/libvirt")
            if fileExists(user.caCertificate) || fileExists(user.certificate) || fileExists(user.privateKey) {
                return user
            }
        }
        return TLSFiles(
            caCertificate: "/etc/pki/CA/cacert.pem", revocationList: "/etc/pki/CA/cacrl.pem",
            certificate: "/etc/pki/libvirt/clientcert.pem", privateKey: "/etc/pki/libvirt/private/clientkey.pem")
    }

    private static func flat(_ directory: String) -> TLSFiles {
        TLSFiles(
            caCertificate: directory + "/cacert.pem", revocationList: directory + "/cacrl.pem",
            certificate: directory + "/clientcert.pem", privateKey: directory + "/clientkey.pem")
    }
}
