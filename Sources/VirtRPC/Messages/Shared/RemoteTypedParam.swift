/// `remote_typed_param`: a named value whose type is a union discriminant (`virTypedParameterType`).
public struct RemoteTypedParam: Codable, Sendable, Hashable {
    public var field: String
    public var value: RemoteTypedParamValue

    public init(field: String, value: RemoteTypedParamValue) {
        self.field = field
        self.value = value
    }
}

/// `remote_typed_param_value`: i32 discriminant, then the arm. Unknown discriminants are refused
/// (the arm's size would be unknown).
public enum RemoteTypedParamValue: Codable, Sendable, Hashable {
    case int(Int32)
    case uint(UInt32)
    case llong(Int64)
    case ullong(UInt64)
    case double(Double)
    /// libvirt's boolean arm is an int.
    case boolean(Int32)
    case string(String)

    /// The discriminant (`VIR_TYPED_PARAM_*`).
    public var type: Int32 {
        switch self {
        case .int: 1
        case .uint: 2
        case .llong: 3
        case .ullong: 4
        case .double: 5
        case .boolean: 6
        case .string: 7
        }
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(Int32.self, forKey: .type)
        switch type {
        case 1: self = .int(try container.decode(Int32.self, forKey: .value))
        case 2: self = .uint(try container.decode(UInt32.self, forKey: .value))
        case 3: self = .llong(try container.decode(Int64.self, forKey: .value))
        case 4: self = .ullong(try container.decode(UInt64.self, forKey: .value))
        case 5: self = .double(try container.decode(Double.self, forKey: .value))
        case 6: self = .boolean(try container.decode(Int32.self, forKey: .value))
        case 7: self = .string(try container.decode(String.self, forKey: .value))
        default: throw XDRError.invalidDiscriminant(type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .int(let v): try container.encode(v, forKey: .value)
        case .uint(let v): try container.encode(v, forKey: .value)
        case .llong(let v): try container.encode(v, forKey: .value)
        case .ullong(let v): try container.encode(v, forKey: .value)
        case .double(let v): try container.encode(v, forKey: .value)
        case .boolean(let v): try container.encode(v, forKey: .value)
        case .string(let v): try container.encode(v, forKey: .value)
        }
    }
}

/// `remote_auth_type`, AUTH_LIST's elements. A struct so unknown values survive.
public struct RemoteAuthType: RawRepresentable, Codable, Sendable, Hashable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let none = RemoteAuthType(rawValue: 0)
    public static let sasl = RemoteAuthType(rawValue: 1)
    public static let polkit = RemoteAuthType(rawValue: 2)
}
