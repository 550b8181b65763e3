import VirtDriver

/// How a domain's name becomes the stem of its file names (`<stem>.xml`, `<stem>.status`...), so that
/// every name libvirt accepts can be stored: the name as it is, except that a leading "." (it would hide
/// the file, and temporary files start with one) or "%" is written "%2E" or "%25". The longest stem leaves
/// room for the longest suffix within a file name's 255 bytes: files of other kinds go in a directory of
/// their kind (``DomainStatePaths``), with no suffix.
public enum DomainFileName {
    /// ".xml", the longest suffix a domain's files have (as libvirt's: it accepts names of up to 251 bytes).
    static let longestSuffix = 4
    public static let maximumStemBytes = 255 - longestSuffix

    public static func stem(_ name: String) -> String {
        if name.hasPrefix(".") { return "%2E" + name.dropFirst() }
        if name.hasPrefix("%") { return "%25" + name.dropFirst() }
        return name
    }

    /// The name a file stem stands for; nil for a stem no name makes (a temporary or foreign file).
    public static func name(fromStem stem: String) -> String? {
        if stem.hasPrefix("%2E") { return "." + stem.dropFirst(3) }
        if stem.hasPrefix("%25") { return "%" + stem.dropFirst(3) }
        if stem.hasPrefix(".") || stem.hasPrefix("%") || stem.isEmpty { return nil }
        return stem
    }
}
