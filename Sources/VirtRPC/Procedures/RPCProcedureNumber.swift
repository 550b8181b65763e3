/// What every generated procedure table shares (RemoteProcedure, KeepaliveProcedure, ...): a number that
/// survives decoding even when this side does not know it, and libvirt's upper-case name for the ones it does.
public protocol RPCProcedureNumber: RawRepresentable, Sendable, Hashable, CustomStringConvertible
where RawValue == Int32 {
    init(rawValue: Int32)
    /// libvirt's upper-case names, indexed by number ("" where 9.0 has none).
    static var names: [String] { get }
    /// The numbers by name (built once per table with ``indexByName()``).
    static var byName: [String: Self] { get }
}

extension RPCProcedureNumber {
    /// libvirt's upper-case name ("CONNECT_OPEN"); nil for a number 9.0 does not have.
    public var name: String? {
        guard rawValue > 0, Int(rawValue) < Self.names.count else { return nil }
        let name = Self.names[Int(rawValue)]
        return name.isEmpty ? nil : name
    }

    /// The procedure with libvirt's upper-case name ("CONNECT_OPEN").
    public init?(name: String) {
        guard let procedure = Self.byName[name] else { return nil }
        self = procedure
    }

    public var description: String { name ?? "procedure \(rawValue)" }

    /// The table from names to numbers, for a generated type's `byName`.
    public static func indexByName() -> [String: Self] {
        var table: [String: Self] = [:]
        for (number, name) in names.enumerated() where !name.isEmpty {
            table[name] = Self(rawValue: Int32(number))
        }
        return table
    }
}
