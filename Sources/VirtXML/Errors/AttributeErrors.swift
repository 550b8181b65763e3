import VirtModel

/// The errors libvirt's XML property helpers (`virXMLProp*`, VIR_FROM_XML) report, worded as they word them.
enum AttributeError {
    static func missing(_ attribute: String, in element: String) -> VirtError {
        VirtError(.xmlError, .xml, "Missing required attribute '\(attribute)' in element '\(element)'")
    }

    static func invalid(_ attribute: String, in element: String, _ value: String) -> VirtError {
        VirtError(.xmlError, .xml, "Invalid value for attribute '\(attribute)' in element '\(element)': '\(value)'.")
    }

    static func notUnsigned(_ attribute: String, in element: String, _ value: String) -> VirtError {
        VirtError(
            .xmlError, .xml,
            "Invalid value for attribute '\(attribute)' in element '\(element)': '\(value)'. Expected non-negative integer value"
        )
    }

    static func notInteger(_ attribute: String, in element: String, _ value: String) -> VirtError {
        VirtError(
            .xmlError, .xml,
            "Invalid value for attribute '\(attribute)' in element '\(element)': '\(value)'. Expected integer value")
    }

    static func negative(_ attribute: String, in element: String, _ value: String) -> VirtError {
        VirtError(
            .xmlError, .xml,
            "Invalid value for attribute '\(attribute)' in element '\(element)': '\(value)'. Expected non-negative value")
    }

    static func zero(_ attribute: String, in element: String) -> VirtError {
        VirtError(.xmlError, .xml, "Invalid value for attribute '\(attribute)' in element '\(element)': Zero is not permitted")
    }
}

/// Errors of the domain parser itself (VIR_FROM_DOMAIN).
enum DomainError {
    static func xml(_ detail: String) -> VirtError { VirtError(.xmlError, .domain, detail) }
    static func unsupported(_ detail: String) -> VirtError { VirtError(.configUnsupported, .domain, detail) }
    static func `internal`(_ detail: String) -> VirtError { VirtError(.internalError, .domain, detail) }
}
