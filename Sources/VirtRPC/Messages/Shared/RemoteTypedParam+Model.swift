public import VirtModel

extension RemoteTypedParam {
    /// The wire form of a model parameter.
    public init(_ parameter: TypedParameter) {
        let value: RemoteTypedParamValue = switch parameter.value {
        case .int(let number): .int(number)
        case .uint(let number): .uint(number)
        case .llong(let number): .llong(number)
        case .ullong(let number): .ullong(number)
        case .double(let number): .double(number)
        case .boolean(let flag): .boolean(flag ? 1 : 0)
        case .string(let text): .string(text)
        }
        self.init(field: parameter.field, value: value)
    }

    /// The model form; a boolean is true when its int is not zero, as libvirt reads it.
    public var parameter: TypedParameter {
        let model: TypedParameterValue = switch value {
        case .int(let number): .int(number)
        case .uint(let number): .uint(number)
        case .llong(let number): .llong(number)
        case .ullong(let number): .ullong(number)
        case .double(let number): .double(number)
        case .boolean(let flag): .boolean(flag != 0)
        case .string(let text): .string(text)
        }
        return TypedParameter(field, model)
    }
}
