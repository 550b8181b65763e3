/// A named value of one of libvirt's parameter types (`virTypedParameter`).
public struct TypedParameter: Sendable, Hashable {
    public var field: String
    public var value: TypedParameterValue

    public init(_ field: String, _ value: TypedParameterValue) {
        self.field = field
        self.value = value
    }
}

/// The value of a ``TypedParameter``, one case per `VIR_TYPED_PARAM_*` type.
public enum TypedParameterValue: Sendable, Hashable {
    case int(Int32)
    case uint(UInt32)
    case llong(Int64)
    case ullong(UInt64)
    case double(Double)
    case boolean(Bool)
    case string(String)
}
