import Virt

/// A typed parameter's value as virsh prints it.
enum TypedParameterText {
    /// A value as virsh prints it: pretty (`vshGetTypedParamValue`: "yes"/"no", doubles with six decimals)
    /// or with `--raw` as libvirt formats it (`virTypedParameterToString`: 1/0, shortest double).
    static func text(_ value: TypedParameterValue, raw: Bool) -> String {
        switch value {
        case .int(let number): "\(number)"
        case .uint(let number): "\(number)"
        case .llong(let number): "\(number)"
        case .ullong(let number): "\(number)"
        case .double(let number): raw ? CFormat.shortest(number) : CFormat.fixed(number, digits: 6)
        case .boolean(let flag): raw ? (flag ? "1" : "0") : (flag ? "yes" : "no")
        case .string(let text): text
        }
    }
}
